// For tests: renders routes inside the providers App gives every page (language, data cache, session),
// over a memory router, so a page test sees what the app's pages see without writing the tree out.
import { StrictMode } from 'react';
import { render } from '@testing-library/react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, type DataRouter, type RouteObject } from 'react-router';
import { makeQueryClient } from '../app/App';
import { SessionProvider } from '../features/auth/session';
import { I18nProvider, type Lang } from '../lib/i18n';

export interface RenderRouteOptions {
  /** The address the router opens at; default '/'. */
  path?: string;
  /** The language of the texts; default 'en'. */
  lang?: Lang;
  /** The data cache; default a new makeQueryClient(), so nothing is cached from another test. */
  client?: QueryClient;
  /**
   * Whether the SessionProvider is there; default true. On mounting it restores the session with
   * /api/member/tokens/refresh, which the test's fetch then has to answer.
   */
  session?: boolean;
  /** Inside StrictMode, as main.tsx renders (effects run twice); default false. */
  strict?: boolean;
}

/** Renders <routes> at options.path; returns the router, to follow or drive its navigation. */
export function renderRoute(routes: RouteObject[], options: RenderRouteOptions = {}): DataRouter {
  const { path = '/', lang = 'en', client = makeQueryClient(), session = true, strict = false } = options;
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const pages = <RouterProvider router={router} />;
  const app = (
    <I18nProvider lang={lang}>
      <QueryClientProvider client={client}>{session ? <SessionProvider>{pages}</SessionProvider> : pages}</QueryClientProvider>
    </I18nProvider>
  );
  render(strict ? <StrictMode>{app}</StrictMode> : app);
  return router;
}
