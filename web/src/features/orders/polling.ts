// How often My orders asks the order service again: every 2 s while an order is still moving,
// doubling after each failed attempt up to 30 s (a service that is down is not hammered), and not at
// all once every order has reached a terminal state.
import { kTerminal } from './api';

export const kPollMs = 2000;
export const kMaxBackoffMs = 30_000;

export function nextPollDelay(statuses: string[] | undefined, failures: number): number | false {
  if (failures > 0) return Math.min(kPollMs * 2 ** failures, kMaxBackoffMs);
  if (statuses === undefined) return kPollMs;
  return statuses.some((s) => !kTerminal.has(s)) ? kPollMs : false;
}
