// The shop in a real browser, through the edge, against a running stack (`./eda test` runs this file
// after the end-to-end suite, label `browser`). Screenshots of every page land in
// build/test-logs/browser/<test>/ for a person to look at.
import { afterEach, describe, expect, it } from 'vitest';
import { call, hangulWord, kPassword, kRun, kShop, letterWord, member, openBrowser, screenshots, text, waitIndexed, type Browser } from './support';

let open: Browser[] = [];
afterEach(async () => {
  await Promise.all(open.map((b) => b.close()));
  open = [];
});

async function browser(locale: string): Promise<Browser> {
  const b = await openBrowser(locale);
  open.push(b);
  return b;
}

describe('the shop', () => {
  it('a newcomer registers, searches in Korean, buys, pays and sees the order delivered without reloading', async () => {
    const shot = screenshots('newcomer-buys');
    // A seller's product with a Korean name no earlier run used.
    const word = hangulWord();
    const seller = await member(`seller-${kRun}`, 'SELLER');
    const product = await call<{ productId: number }>('POST', '/catalog/products/register', {
      sellerId: seller.id,
      productName: `무선 키보드 ${word}`,
      productDescription: '저소음 블루투스 키보드',
      productPrice: 39000,
      stockCount: 5,
      tags: ['키보드', `kbd${kRun}`],
    }, seller.accessToken);
    await waitIndexed(`q=${encodeURIComponent(`키보 ${word.slice(0, 3)}`)}`, product.productId);

    // The home page opens with the newest products: the seller's keyboard is the last one added.
    const { page } = await browser('ko-KR');
    await page.goto(kShop);
    const arrivals = page.getByRole('region', { name: '신상품' });
    await arrivals.getByRole('link', { name: `무선 키보드 ${word}` }).waitFor();
    expect(await text(arrivals.locator('.card').first())).toContain(`무선 키보드 ${word}`);
    // Sellers by name (the member service's public lookup), never "판매자 #N".
    await arrivals.locator('.card').first().getByText(`seller-${kRun}`, { exact: true }).waitFor();
    await page.getByRole('heading', { name: '카테고리' }).waitFor();
    await shot(page, 'home');

    await page.getByRole('link', { name: '회원가입' }).click();
    await page.getByLabel('아이디').fill(`buyer-${kRun}`);
    await page.getByLabel('이름').fill('브라우저 구매자');
    await page.getByLabel('비밀번호').fill(kPassword);
    await shot(page, 'register');
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.getByText('브라우저 구매자 님').waitFor();

    // Search as you type, in Korean: a prefix of two words of the name.
    await page.getByRole('link', { name: '검색' }).click();
    await page.getByLabel('상품 검색').pressSequentially(`키보 ${word.slice(0, 3)}`, { delay: 40 });
    const hit = page.getByRole('link', { name: `무선 키보드 ${word}` });
    await hit.waitFor();
    await shot(page, 'search');
    await hit.click();

    await page.getByRole('heading', { name: `무선 키보드 ${word}` }).waitFor();
    expect(await text(page.locator('.facts'))).toContain('39,000원');
    await page.locator('.facts').getByText(`seller-${kRun}`, { exact: true }).waitFor();
    expect(await text(page.locator('.facts'))).not.toContain(`#${seller.id}`);
    await page.getByLabel('배송지 주소').fill('서울특별시 중구 세종대로 110');
    await shot(page, 'product');
    await page.getByRole('button', { name: '바로 구매' }).click();

    // The sandbox's payment window (another origin), then back to the shop's success page.
    await page.waitForURL(/\/sandbox\/checkout/);
    expect(await text(page.locator('body'))).toContain('39000');
    await shot(page, 'payment-window');
    await page.getByRole('button', { name: /결제하기/ }).click();
    await page.waitForURL(/\/pay\/success/);
    await page.getByRole('heading', { name: '결제가 접수되었습니다' }).waitFor();
    await shot(page, 'success');

    await page.getByRole('link', { name: '내 주문 보기' }).click();
    await page.waitForURL(/\/orders$/);
    // A marker that a reload would wipe: My orders must reach DELIVERED without one.
    await page.evaluate(() => ((window as unknown as { edaNoReload: boolean }).edaNoReload = true));
    const row = page.locator('.order').first();
    await shot(page, 'orders-moving');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 90_000, interval: 500 }).toBe('DELIVERED');
    expect(await page.evaluate(() => (window as unknown as { edaNoReload?: boolean }).edaNoReload)).toBe(true);
    expect(await text(row.locator('.status'))).toBe('배송 완료');
    await row.getByText('진행 내역').click();
    await expect.poll(() => text(row.locator('.timeline li').last())).toContain('배송 완료');
    // Sentences in Korean; the order service's own words only in the title, for support.
    const timeline = await text(row.locator('.timeline'));
    for (const sentence of ['주문을 접수했습니다.', '결제가 승인되었습니다.', '상품이 도착했습니다.']) expect(timeline).toContain(sentence);
    expect(timeline).not.toMatch(/payment-confirm-response|delivery-status-update|order-complete|finish/);
    expect(await row.locator('.timeline li').last().locator('.reason').getAttribute('title')).toBe('delivery-status-update:DONE');
    await shot(page, 'orders-delivered');

    // The profile, from the account menu: a new name, then a new password (the member service ends
    // every session on that; the page logs in again with the new one, so My orders still opens).
    await page.getByRole('link', { name: '내 정보' }).click();
    await page.getByRole('heading', { name: '내 정보', level: 1 }).waitFor();
    await page.getByLabel('이름', { exact: true }).fill('브라우저 단골');
    await page.getByRole('button', { name: '이름 저장' }).click();
    await page.getByText('브라우저 단골 님').waitFor();
    await page.getByLabel('현재 비밀번호').fill(kPassword);
    await page.getByLabel('새 비밀번호', { exact: true }).fill(`${kPassword}-2`);
    await page.getByLabel('새 비밀번호 확인').fill(`${kPassword}-3`);
    await page.getByText('새 비밀번호와 같게 입력해 주세요').waitFor();
    await shot(page, 'profile-typing');
    await page.getByLabel('새 비밀번호 확인').fill(`${kPassword}-2`);
    // The keyboard alone submits the form.
    await page.getByLabel('새 비밀번호 확인').press('Enter');
    await page.getByText(/비밀번호를 바꿨습니다/).waitFor();
    await shot(page, 'profile-saved');
    await page.getByRole('link', { name: '내 주문' }).click();
    await page.waitForURL(/\/orders$/);
    await expect.poll(() => row.getAttribute('data-status')).toBe('DELIVERED');
    await page.getByText('브라우저 단골 님').waitFor();
    const relogin = await call<{ userName: string }>('POST', '/member/users/login', { loginId: `buyer-${kRun}`, password: `${kPassword}-2` });
    expect(relogin.userName).toBe('브라우저 단골');
  });

  it('a seller adds a product and a buyer finds it by tag and by name prefix', async () => {
    const shot = screenshots('seller-adds-buyer-finds');
    const word = letterWord();
    const tag = `lamp${kRun}`;

    const seller = await browser('en-US');
    await seller.page.goto(`${kShop}/register`);
    await seller.page.getByLabel('Login id').fill(`shopkeeper-${kRun}`);
    await seller.page.getByLabel('Name').fill('Lamp Shop');
    await seller.page.getByLabel('Password').fill(kPassword);
    await seller.page.getByLabel('Account type').selectOption('SELLER');
    await seller.page.getByRole('button', { name: 'Register' }).click();
    await seller.page.getByRole('link', { name: 'Sell' }).click();
    await seller.page.getByLabel('Name').fill(`Glowing ${word} Lamp`);
    await seller.page.getByLabel('Description').fill('A desk lamp with a warm light.');
    await seller.page.getByLabel('Price (KRW)').fill('45000');
    await seller.page.getByLabel('Stock').fill('7');
    await seller.page.getByLabel('Tags (comma-separated)').fill(`${tag}, lighting`);
    await shot(seller.page, 'seller-form');
    await seller.page.getByRole('button', { name: 'Add product' }).click();
    const added = seller.page.getByRole('status');
    await added.waitFor();
    expect(await text(added)).toContain('added');
    await shot(seller.page, 'seller-added');
    const productId = Number((await added.textContent())!.match(/#(\d+)/)![1]);
    await waitIndexed(`tags=${tag}`, productId);

    const buyer = await browser('en-US');
    await buyer.page.goto(`${kShop}/search`);
    await buyer.page.getByLabel('Tags (comma-separated)').fill(tag);
    const hit = buyer.page.getByRole('link', { name: `Glowing ${word} Lamp` });
    await hit.waitFor();
    await buyer.page.getByText('1 found').waitFor();
    await buyer.page.locator('.card').getByText('Lamp Shop', { exact: true }).waitFor();
    await shot(buyer.page, 'buyer-by-tag');

    await buyer.page.getByLabel('Tags (comma-separated)').fill('');
    await buyer.page.getByLabel('Search products').pressSequentially(word.slice(0, 4), { delay: 40 });
    await hit.waitFor();
    await shot(buyer.page, 'buyer-by-prefix');
    await hit.click();
    await buyer.page.getByRole('heading', { name: `Glowing ${word} Lamp` }).waitFor();
    expect(await text(buyer.page.locator('.facts'))).toContain('₩45,000');
    await buyer.page.locator('.facts').getByText('Lamp Shop', { exact: true }).waitFor();
    await shot(buyer.page, 'buyer-product');
  });
});
