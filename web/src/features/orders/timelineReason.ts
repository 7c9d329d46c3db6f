// What a timeline entry says to the shopper. The order service writes each history row's reason for
// operators (topic names such as payment-confirm-response, English, with the other services' own
// words after a colon); the shop shows a sentence of its own instead and keeps the raw reason for
// support (OrderCard's title attribute). The reasons come from services/order/domain/order_saga.cpp
// (Advance: the saga event's name from order_state_machine.cpp SagaEventName, then ": <detail>";
// Finish, RequestCancel, the sweeper's steps) and order_service.cpp (the order's creation).
import { messages } from '../../lib/i18n';
import type { HistoryEntry } from './api';

export interface ReasonText {
  key: string;
  vars?: Record<string, string | number>;
}

interface Rule {
  /** Matches the whole reason; a group named attempt fills {attempt}. */
  pattern: RegExp;
  key: string;
}

// Anchored on both ends: a reason that only starts like a known one (a new detail format, a new
// event) falls through to the sentence of its target status rather than a wrong specific one.
const kRules: Rule[] = [
  { pattern: /^created: price \d+ x \d+$/, key: 'timeline.created' },
  { pattern: /^finish$/, key: 'timeline.finish' },
  { pattern: /^finish refused: amount -?\d+ != \d+$/, key: 'timeline.finishRefused' },
  { pattern: /^payment-confirm-response$/, key: 'timeline.paymentApproved' },
  { pattern: /^payment-failed(: .*)?$/s, key: 'timeline.paymentFailed' },
  { pattern: /^delivery-request$/, key: 'timeline.stockReserved' },
  { pattern: /^stock-rejected(: .*)?$/s, key: 'timeline.stockRejected' },
  { pattern: /^order-complete$/, key: 'timeline.deliveryRequested' },
  { pattern: /^delivery-status-update:IN_DELIVERY$/, key: 'timeline.inDelivery' },
  { pattern: /^delivery-status-update:DONE$/, key: 'timeline.delivered' },
  // The delivery service's words when it stopped a shipment the buyer cancelled (services/delivery).
  { pattern: /^delivery-failed: cancelled by the buyer$/, key: 'timeline.shipmentStopped' },
  { pattern: /^delivery-failed(: .*)?$/s, key: 'timeline.deliveryFailed' },
  { pattern: /^payment-refunded(: .*)?$/s, key: 'timeline.refunded' },
  { pattern: /^deadline$/, key: 'timeline.expired' },
  { pattern: /^cancelled by the buyer before paying$/, key: 'timeline.cancelledUnpaid' },
  { pattern: /^cancel requested by the buyer: stopping the shipment$/, key: 'timeline.cancelRequested' },
  { pattern: /^payment-confirm-request re-published \(attempt (?<attempt>\d+)\)$/, key: 'timeline.retryPayment' },
  { pattern: /^catalog-decrement-request re-published \(attempt (?<attempt>\d+)\)$/, key: 'timeline.retryStock' },
  { pattern: /^order-cancelled re-published \(attempt (?<attempt>\d+)\)$/, key: 'timeline.retryRefund' },
  { pattern: /^flagged: no payment answer after \d+ publications$/, key: 'timeline.flaggedPayment' },
  { pattern: /^flagged: no stock answer after \d+ publications$/, key: 'timeline.flaggedStock' },
  { pattern: /^flagged: no refund after \d+ publications$/, key: 'timeline.flaggedRefund' },
];

/**
 * The message key (and placeholders) of <entry>'s sentence. An unknown reason gets its target
 * status's sentence, and an unknown status a general one: never a key or a code on screen.
 */
export function reasonText(entry: Pick<HistoryEntry, 'to' | 'reason'>): ReasonText {
  for (const rule of kRules) {
    const match = rule.pattern.exec(entry.reason);
    if (!match) continue;
    const attempt = match.groups?.attempt;
    return attempt === undefined ? { key: rule.key } : { key: rule.key, vars: { attempt: Number(attempt) } };
  }
  const byStatus = `timeline.other.${entry.to}`;
  return { key: byStatus in messages.en ? byStatus : 'timeline.other' };
}
