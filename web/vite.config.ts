import { defineConfig } from 'vitest/config';

// No @vitejs/plugin-react: esbuild compiles the JSX (tsconfig "jsx": "react-jsx"), which is all this
// app needs; fast refresh in development is the only thing given up.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      // React Server Components' "use client" markers in libraries mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    // `npm run dev` against a running stack: the edge answers /api and /shop-config.json.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/shop-config.json': 'http://127.0.0.1:8080',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
