// Page-load figures of the shop's home and product pages through the edge, in Debian's Chromium
// (bench/shop.sh runs this; a benchmark, not a test). Per page: N cold loads (a fresh browser
// context each: nothing cached) and N warm loads (one context: the hashed assets come from its cache);
// per load the HTML's responseEnd, DOMContentLoaded, load, "content shown" (the first product card
// or the product's name on screen) and the bytes transferred. Prints medians and maxima.
// usage: node web/bench/pageload.mjs   (EDA_SHOP_URL, EDA_BENCH_LOADS, EDA_CHROMIUM)
import { chromium } from 'playwright-core';

const shop = process.env.EDA_SHOP_URL ?? 'http://127.0.0.1:8080';
const loads = Number(process.env.EDA_BENCH_LOADS ?? 10);
const run = Date.now().toString(36);

async function call(method, path, body, token) {
  const res = await fetch(`${shop}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

// A product to show, in a category of its own, once the search index has it.
const password = 'bench-Passw0rd!';
await call('POST', '/member/users/registration', { loginId: `bench-${run}`, userName: 'bench', password, role: 'SELLER' });
const seller = await call('POST', '/member/users/login', { loginId: `bench-${run}`, password });
const tag = '전자기기';
const product = await call('POST', '/catalog/products/register', {
  sellerId: seller.id, productName: `벤치 키보드 ${run}`, productDescription: 'page-load benchmark',
  productPrice: 39000, stockCount: 10, tags: [tag],
}, seller.accessToken);
for (let i = 0; ; i++) {
  const page = await call('GET', `/search/products?tags=${encodeURIComponent(tag)}&size=100`);
  if (page.items.some((p) => p.productId === product.productId)) break;
  if (i > 100) throw new Error('the product never reached the search index');
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({
  executablePath: process.env.EDA_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

async function measure(context, path, shown) {
  const page = await context.newPage();
  await page.goto(`${shop}${path}`);
  await page.locator(shown).first().waitFor();
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const bytes = performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, nav.transferSize);
    return { html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, shown: performance.now(), bytes };
  });
  await page.close();
  return figures;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const lines = [`shop page loads through ${shop}, ${loads} cold and ${loads} warm loads each (ms; bytes on the wire)`,
  'page     cache  html(med/max)   DOMContentLoaded   load              content shown     bytes(med)'];
for (const [name, path, shown] of [['home', '/', '.card'], ['product', `/products/${product.productId}`, 'h1']]) {
  for (const warm of [false, true]) {
    const rows = [];
    const shared = warm ? await browser.newContext() : null;
    if (shared) await measure(shared, path, shown); // fills the cache
    for (let i = 0; i < loads; i++) {
      const context = shared ?? (await browser.newContext());
      rows.push(await measure(context, path, shown));
      if (!shared) await context.close();
    }
    if (shared) await shared.close();
    const col = (k) => `${median(rows.map((r) => r[k])).toFixed(0)}/${max(rows.map((r) => r[k])).toFixed(0)}`.padEnd(18);
    lines.push(`${name.padEnd(9)}${(warm ? 'warm' : 'cold').padEnd(7)}${col('html')}${col('dcl')}${col('load')}${col('shown')}${median(rows.map((r) => r.bytes))}`);
  }
}
await browser.close();
console.log(lines.join('\n'));
