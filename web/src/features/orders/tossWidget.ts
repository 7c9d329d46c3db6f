// Toss's payment widget v2 for one order: the SDK script is fetched from Toss only when the checkout
// needs it (the one resource the shop takes from another origin at run time), then the widget draws
// the payment methods and terms into the checkout page and requests the payment.
import { loadScript } from '../../lib/loadScript';
import { customerKey, tossPaymentRequest, type PayableOrder } from './paymentWindow';
import type { TossPaymentsFactory, TossRenderedWidget, TossSdkError } from './tossSdk';

export const kTossSdkUrl = 'https://js.tosspayments.com/v2/standard';
const kSdkTimeoutMs = 20_000;

/** The SDK's global, loading its script once per page (loadScript: failures reject and may be retried). */
export const loadTossPayments = () => loadScript<TossPaymentsFactory>(kTossSdkUrl, 'TossPayments', kSdkTimeoutMs);

/** The elements the widget draws into (CSS selectors). */
export interface WidgetPlaces {
  methods: string;
  agreement: string;
}

export interface MountedWidget {
  /** Requests the payment; the browser leaves for the result page, or it rejects with a TossSdkError. */
  pay(): Promise<void>;
  /** Takes the drawn parts out of the page. */
  destroy(): Promise<void>;
}

/** <promise>, or <signal>'s reason as soon as it is aborted (the promise may never settle). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Draws Toss's widget for <order> into <places> with <clientKey> (a widget key): the buyer as
 * customerKey, the server's amount, the payment methods and the terms. Resolves once both are drawn.
 * Rejects with the SDK's error, or with <signal>'s reason once it is aborted (the page was left or
 * gave up waiting); anything drawn by then, or drawn later, is taken out again.
 */
export async function mountTossWidget(
  TossPayments: TossPaymentsFactory,
  clientKey: string,
  order: PayableOrder,
  origin: string,
  places: WidgetPlaces,
  signal: AbortSignal,
): Promise<MountedWidget> {
  signal.throwIfAborted();
  const widgets = TossPayments(clientKey).widgets({ customerKey: customerKey(order.memberId) });
  await untilAborted(widgets.setAmount({ currency: 'KRW', value: order.amount }), signal);
  const drawn: TossRenderedWidget[] = [];
  let abandoned = false;
  const destroy = async () => {
    await Promise.allSettled(drawn.splice(0).map((part) => part.destroy()));
  };
  const rendering = [
    widgets.renderPaymentMethods({ selector: places.methods }),
    widgets.renderAgreement({ selector: places.agreement }),
  ].map((p) =>
    p.then((part) => {
      drawn.push(part);
      if (abandoned) void destroy();
      return part;
    }),
  );
  try {
    await untilAborted(Promise.all(rendering), signal);
  } catch (e) {
    abandoned = true;
    await destroy();
    throw e;
  }
  return { pay: () => widgets.requestPayment(tossPaymentRequest(order, origin)), destroy };
}

/** The SDK's code on a rejection (USER_CANCEL when the buyer closed the payment), if it has one. */
export function tossErrorCode(error: unknown): string | undefined {
  const code = (error as TossSdkError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The SDK's sentence for the buyer on a rejection, if it has one. */
export function tossErrorMessage(error: unknown): string | undefined {
  const message = (error as TossSdkError | null)?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}
