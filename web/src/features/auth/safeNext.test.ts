import { describe, expect, it } from 'vitest';
import { safeNext } from './AuthPages';

describe('safeNext', () => {
  it('goes back only to a page of the shop', () => {
    expect(safeNext('/products/7')).toBe('/products/7');
    expect(safeNext('/pay/success?orderId=x')).toBe('/pay/success?orderId=x');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
  });
});
