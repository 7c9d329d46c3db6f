// Following an order live: the order service's long poll (GET /orders/orders/{id}?since&wait) answers
// as soon as the order's updatedAt differs from the one the page shows, so a new status appears within
// moments and a quiet order costs one request per kWaitSeconds. When the service does not answer, the
// next try waits twice as long each time, up to 30 s (a service that is down is not hammered); a
// refusal (4xx) stops following, since asking again would not change it.
import { ApiError } from '../../lib/api';
import { followOrderOnce, kTerminal, type OrderView } from './api';

export const kWaitSeconds = 20;
export const kFirstRetryMs = 2000;
export const kMaxBackoffMs = 30_000;
// An answer that comes back unchanged sooner than this (a proxy that does not hold the request) is
// not asked again at once, so the page never turns into a busy loop.
export const kMinRoundMs = 1000;

/** How long to wait before the next try after <failures> failed ones in a row. */
export function backoffDelay(failures: number): number {
  return Math.min(kFirstRetryMs * 2 ** (failures - 1), kMaxBackoffMs);
}

export interface FollowHandlers {
  /** The service answered (after a failure: the connection is back). */
  onLive(): void;
  /** A newer state of the order (also the first answer). */
  onChange(order: OrderView): void;
  /** The service did not answer; the next try is in <retryMs>. */
  onTrouble(error: unknown, retryMs: number): void;
  /** The service refused (e.g. not this buyer's order): following stops. */
  onRefused(error: ApiError): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Follows order <id> from <since> (the updatedAt shown) until it is final or <signal> aborts. */
export async function followOrder(id: string, since: string | undefined, handlers: FollowHandlers, signal: AbortSignal,
                                  now: () => number = Date.now): Promise<void> {
  let shown = since;
  let failures = 0;
  while (!signal.aborted) {
    const started = now();
    let order: OrderView;
    try {
      order = await followOrderOnce(id, shown, kWaitSeconds, signal);
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && !e.serverTrouble) {
        handlers.onRefused(e);
        return;
      }
      failures += 1;
      const retryMs = backoffDelay(failures);
      handlers.onTrouble(e, retryMs);
      await sleep(retryMs, signal);
      continue;
    }
    failures = 0;
    handlers.onLive();
    const changed = order.updatedAt === undefined || order.updatedAt !== shown;
    if (changed) handlers.onChange(order);
    if (kTerminal.has(order.status)) return;
    shown = order.updatedAt;
    if (!changed || shown === undefined) {
      const elapsed = now() - started;
      if (elapsed < kMinRoundMs) await sleep(kMinRoundMs - elapsed, signal);
    }
  }
}
