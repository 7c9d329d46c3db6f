import { describe, expect, it } from 'vitest';
import { kMaxBackoffMs, kPollMs, nextPollDelay } from './polling';

describe('nextPollDelay', () => {
  it('polls every 2 s while an order is moving', () => {
    expect(nextPollDelay(['DELIVERED', 'IN_DELIVERY'], 0)).toBe(kPollMs);
    expect(nextPollDelay(['CREATED'], 0)).toBe(kPollMs);
    expect(nextPollDelay(undefined, 0)).toBe(kPollMs);
  });

  it('stops once every order is in a terminal state', () => {
    expect(nextPollDelay(['DELIVERED', 'CANCELLED', 'EXPIRED', 'PAYMENT_FAILED'], 0)).toBe(false);
    expect(nextPollDelay([], 0)).toBe(false);
  });

  it('doubles the wait after each failure, up to 30 s', () => {
    expect(nextPollDelay(['PAID'], 1)).toBe(4000);
    expect(nextPollDelay(['PAID'], 2)).toBe(8000);
    expect(nextPollDelay(['PAID'], 3)).toBe(16000);
    expect(nextPollDelay(['PAID'], 4)).toBe(kMaxBackoffMs);
    expect(nextPollDelay(['DELIVERED'], 10)).toBe(kMaxBackoffMs); // a failed check says nothing about state
  });
});
