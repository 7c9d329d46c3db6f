import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../../lib/i18n';
import { reasonText } from './timelineReason';

// Every reason the order service writes, as it writes them (services/order/domain/order_saga.cpp,
// order_state_machine.cpp SagaEventName, order_service.cpp), with the details the other services add.
const kKnown: [to: string, reason: string, key: string][] = [
  ['CREATED', 'created: price 39000 x 1', 'timeline.created'],
  ['PAYMENT_REQUESTED', 'finish', 'timeline.finish'],
  ['CREATED', 'finish refused: amount 1000 != 39000', 'timeline.finishRefused'],
  ['PAID', 'payment-confirm-response', 'timeline.paymentApproved'],
  ['PAYMENT_FAILED', 'payment-failed', 'timeline.paymentFailed'],
  ['PAYMENT_FAILED', 'payment-failed: REJECT_CARD_COMPANY the card company refused the payment', 'timeline.paymentFailed'],
  ['STOCK_RESERVED', 'delivery-request', 'timeline.stockReserved'],
  ['CANCELLING', 'stock-rejected: insufficient_stock', 'timeline.stockRejected'],
  ['DELIVERY_REQUESTED', 'order-complete', 'timeline.deliveryRequested'],
  ['IN_DELIVERY', 'delivery-status-update:IN_DELIVERY', 'timeline.inDelivery'],
  ['DELIVERED', 'delivery-status-update:DONE', 'timeline.delivered'],
  ['CANCELLING', 'delivery-failed: cancelled by the buyer', 'timeline.shipmentStopped'],
  ['CANCELLING', 'delivery-failed: carrier refused the parcel', 'timeline.deliveryFailed'],
  ['CANCELLED', 'payment-refunded: the order is cancelled: return its payment and its stock', 'timeline.refunded'],
  ['CANCELLED', 'payment-refunded', 'timeline.refunded'],
  ['EXPIRED', 'deadline', 'timeline.expired'],
  ['CANCELLED', 'cancelled by the buyer before paying', 'timeline.cancelledUnpaid'],
  ['PAID', 'cancel requested by the buyer: stopping the shipment', 'timeline.cancelRequested'],
  ['PAYMENT_REQUESTED', 'payment-confirm-request re-published (attempt 2)', 'timeline.retryPayment'],
  ['PAID', 'catalog-decrement-request re-published (attempt 3)', 'timeline.retryStock'],
  ['CANCELLING', 'order-cancelled re-published (attempt 4)', 'timeline.retryRefund'],
  ['PAYMENT_REQUESTED', 'flagged: no payment answer after 5 publications', 'timeline.flaggedPayment'],
  ['PAID', 'flagged: no stock answer after 5 publications', 'timeline.flaggedStock'],
  ['CANCELLING', 'flagged: no refund after 5 publications', 'timeline.flaggedRefund'],
];

const kLangs: Lang[] = ['ko', 'en'];

/** What would betray an operator's string: topic-like words, upper-case codes, the raw reason. */
function looksRaw(text: string, reason: string): boolean {
  return text.includes(reason) || /[a-z]+-[a-z]+/.test(text) || /[A-Z]{2,}_[A-Z]+/.test(text) || text.startsWith('timeline.');
}

describe('timeline reasons', () => {
  it.each(kKnown)('%s "%s" reads as a sentence', (to, reason, key) => {
    const text = reasonText({ to, reason });
    expect(text.key).toBe(key);
    for (const lang of kLangs) {
      const shown = translate(lang, text.key, text.vars);
      expect(shown, `${lang}: ${shown}`).not.toMatch(/\{\w+\}/);
      expect(looksRaw(shown, reason), `${lang}: ${shown}`).toBe(false);
    }
  });

  it('counts the attempts of a step the sweeper repeats', () => {
    const text = reasonText({ to: 'PAID', reason: 'catalog-decrement-request re-published (attempt 3)' });
    expect(translate('en', text.key, text.vars)).toBe('Asked again to set your item aside (try 3).');
    expect(translate('ko', text.key, text.vars)).toBe('상품 확보를 다시 요청했습니다 (3번째).');
  });

  it('tells a shipment the buyer stopped from one the carrier could not deliver', () => {
    expect(translate('en', reasonText({ to: 'CANCELLING', reason: 'delivery-failed: cancelled by the buyer' }).key))
      .toBe('The shipment was stopped as you asked; the payment is refunded.');
    expect(translate('ko', reasonText({ to: 'CANCELLING', reason: 'delivery-failed: lost in transit' }).key))
      .toBe('배송하지 못해 주문을 취소하고 결제를 환불합니다.');
  });

  it('shows an unknown reason as its status sentence, never the code', () => {
    const reason = 'inventory-audit-correction:X_42';
    const statuses = ['CREATED', 'PAYMENT_REQUESTED', 'PAID', 'STOCK_RESERVED', 'DELIVERY_REQUESTED', 'IN_DELIVERY',
                      'DELIVERED', 'PAYMENT_FAILED', 'EXPIRED', 'CANCELLING', 'CANCELLED'];
    for (const to of statuses) {
      const text = reasonText({ to, reason });
      expect(text.key).toBe(`timeline.other.${to}`);
      for (const lang of kLangs) expect(looksRaw(translate(lang, text.key), reason)).toBe(false);
    }
    // A known event with a shape the shop does not know yet is not mistaken for the known one.
    expect(reasonText({ to: 'IN_DELIVERY', reason: 'delivery-status-update:IN_DELIVERY again' }).key).toBe('timeline.other.IN_DELIVERY');
    expect(reasonText({ to: 'PAID', reason: '' }).key).toBe('timeline.other.PAID');
  });

  it('has a general sentence for a status the shop does not know', () => {
    const text = reasonText({ to: 'ON_HOLD', reason: 'held by the warehouse' });
    expect(text.key).toBe('timeline.other');
    expect(translate('en', text.key)).toBe('The order moved on.');
    expect(translate('ko', text.key)).toBe('주문 상태가 바뀌었습니다.');
  });
});
