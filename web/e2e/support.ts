// What the browser tests share: Debian's Chromium driven by playwright-core (never a downloaded
// browser), a fresh profile per browser, screenshots of every page a test visits, and set-up calls
// to the stack through the same edge the browser uses.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** The edge of the stack under test (`./eda test` sets it; the test profile's port otherwise). */
export const kShop = process.env.EDA_SHOP_URL ?? 'http://127.0.0.1:28080';
const kShots = process.env.EDA_SCREENSHOT_DIR ?? join(process.cwd(), 'test-results', 'browser');
const kChromium = process.env.EDA_CHROMIUM ?? '/usr/bin/chromium';

/** A word no earlier run used: letters for English names, Hangul syllables for Korean ones. */
export const kRun = Date.now().toString(36);
export function hangulWord(): string {
  const syllables = '가나다라마바사아자차카타파하';
  return [...kRun].map((c) => syllables[parseInt(c, 36) % syllables.length]).join('');
}
export function letterWord(): string {
  return [...kRun].map((c) => String.fromCharCode(97 + (parseInt(c, 36) % 26))).join('');
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A browser with a profile of its own (no cookies, no storage), closed and deleted by close(). */
export async function openBrowser(locale: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'eda-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kChromium,
    headless: true,
    locale,
    viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as <test>/<nn>-<name>.png under the screenshot folder. */
export function screenshots(test: string) {
  const dir = join(kShots, test);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, name: string) => {
    n += 1;
    await page.screenshot({ path: join(dir, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
}

/** A JSON call through the edge, as a program would make it; fails on any non-2xx. */
export async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${kShop}/api${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const kPassword = 'browser-Passw0rd!';

/** Registers a member with <role> and logs in; the access token and id. */
export async function member(loginId: string, role: 'BUYER' | 'SELLER'): Promise<{ id: number; accessToken: string }> {
  await call('POST', '/member/users/registration', { loginId, userName: loginId, password: kPassword, role });
  return call('POST', '/member/users/login', { loginId, password: kPassword });
}

/** A seller of its own (registered through the API) with one product; the product's id. */
export async function sellerProduct(name: string, price: number, stock: number): Promise<number> {
  const seller = await member(`seller-${name}-${kRun}`, 'SELLER');
  const p = await call<{ productId: number }>('POST', '/catalog/products/register', {
    sellerId: seller.id, productName: `${name} ${kRun}`, productDescription: `A ${name} for the browser tests.`,
    productPrice: price, stockCount: stock, tags: [`${name}${kRun}`],
  }, seller.accessToken);
  return p.productId;
}

/** Logs <page> in as <loginId> through the shop's English login page and lands on My orders. */
export async function logIn(page: Page, loginId: string): Promise<void> {
  await page.goto(`${kShop}/login?next=/orders`);
  await page.getByLabel('Login id').fill(loginId);
  await page.getByLabel('Password').fill(kPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'My orders' }).waitFor();
}

/** Waits until the search service's read model (fed by catalog events) finds <query>. */
export async function waitIndexed(query: string, productId: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const page = await call<{ items: { productId: number }[] }>('GET', `/search/products?${query}`);
    if (page.items.some((p) => p.productId === productId)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`product ${productId} not found by ${query} within 30 s`);
}

/** The visible text of <locator>, trimmed (waits for it to exist). */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}
