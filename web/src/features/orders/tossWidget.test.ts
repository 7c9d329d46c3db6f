import { describe, expect, it } from 'vitest';
import { fakeToss } from './fakeToss';
import { keyboardOrder } from './testOrder';
import { mountTossWidget, tossErrorCode, tossErrorMessage } from './tossWidget';

const places = { methods: '#methods', agreement: '#agreement' };
const origin = 'http://127.0.0.1:8080';
/** Lets every promise callback queued so far run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('mountTossWidget', () => {
  it("sets the server's amount, draws methods and terms, then requests the payment for the shop's result pages", async () => {
    const toss = fakeToss({ requestPayment: async () => {} });
    const widget = await mountTossWidget(toss.TossPayments, 'live_gck_abc', keyboardOrder, origin, places, new AbortController().signal);
    await widget.pay();
    expect(toss.calls).toEqual([
      ['TossPayments', 'live_gck_abc'],
      ['widgets', { customerKey: 'member-42' }],
      ['setAmount', { currency: 'KRW', value: 78000 }],
      ['renderPaymentMethods', { selector: '#methods' }],
      ['renderAgreement', { selector: '#agreement' }],
      ['requestPayment', {
        orderId: keyboardOrder.orderId,
        orderName: '무선 키보드 외 1건',
        successUrl: 'http://127.0.0.1:8080/pay/success',
        failUrl: 'http://127.0.0.1:8080/pay/fail',
        metadata: { address: '서울시 중구 1 & 2', productId: '7', productCount: '2', memberId: '42', deliveryCompany: 'HANJIN' },
      }],
    ]);
    await widget.destroy();
    expect(toss.destroyed.sort()).toEqual(['agreement', 'methods']);
  });

  it('gives up on a drawing that hangs once the signal is aborted, and takes out what was drawn', async () => {
    let drawMethods!: () => void;
    const toss = fakeToss({ renderMethods: () => new Promise<void>((resolve) => (drawMethods = resolve)) });
    const abort = new AbortController();
    const mounting = mountTossWidget(toss.TossPayments, 'live_gck_abc', keyboardOrder, origin, places, abort.signal);
    await flush();
    abort.abort(new Error('too long'));
    await expect(mounting).rejects.toThrow('too long');
    expect(toss.destroyed).toEqual(['agreement']);
    // The late part comes down as soon as it is drawn.
    drawMethods();
    await flush();
    expect(toss.destroyed).toEqual(['agreement', 'methods']);
  });

  it('rejects with the SDK error when a part cannot be drawn', async () => {
    const toss = fakeToss({ renderMethods: () => Promise.reject({ code: 'INVALID_CLIENT_KEY', message: 'bad key' }) });
    const mounting = mountTossWidget(toss.TossPayments, 'live_gck_abc', keyboardOrder, origin, places, new AbortController().signal);
    await expect(mounting).rejects.toEqual({ code: 'INVALID_CLIENT_KEY', message: 'bad key' });
    expect(toss.destroyed).toEqual(['agreement']);
  });

  it('calls nothing once the signal is already aborted', async () => {
    const toss = fakeToss();
    const abort = new AbortController();
    abort.abort();
    await expect(mountTossWidget(toss.TossPayments, 'k', keyboardOrder, origin, places, abort.signal)).rejects.toBeDefined();
    expect(toss.calls).toEqual([]);
  });
});

describe("the SDK's rejections", () => {
  it('give their code and message when they have them', () => {
    expect(tossErrorCode({ code: 'USER_CANCEL', message: '취소' })).toBe('USER_CANCEL');
    expect(tossErrorMessage({ code: 'USER_CANCEL', message: '취소' })).toBe('취소');
    expect(tossErrorCode(new Error('x'))).toBeUndefined();
    expect(tossErrorMessage({ message: '' })).toBeUndefined();
    expect(tossErrorCode(null)).toBeUndefined();
  });
});
