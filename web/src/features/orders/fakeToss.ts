// For tests: a stand-in for the global TossPayments of Toss's SDK (tossSdk.d.ts) that records every
// call, so the widget's logic is tested with no network and no Toss.
import type { TossPaymentsFactory, TossRenderedWidget, TossWidgetPaymentRequest } from './tossSdk';

export interface FakeTossOptions {
  /** What renderPaymentMethods does; default: draws at once. */
  renderMethods?: () => Promise<void>;
  /** What requestPayment answers; default: never settles, as when the browser leaves for Toss. */
  requestPayment?: (request: TossWidgetPaymentRequest) => Promise<void>;
}

export interface FakeToss {
  TossPayments: TossPaymentsFactory;
  /** Each call in order: the method's name and its argument. */
  calls: Array<[string, unknown]>;
  /** The parts taken out of the page: 'methods', 'agreement'. */
  destroyed: string[];
}

export function fakeToss(options: FakeTossOptions = {}): FakeToss {
  const calls: Array<[string, unknown]> = [];
  const destroyed: string[] = [];
  const part = (name: string): TossRenderedWidget => ({
    destroy: async () => {
      destroyed.push(name);
    },
  });
  const TossPayments: TossPaymentsFactory = (clientKey) => {
    calls.push(['TossPayments', clientKey]);
    return {
      widgets: (params) => {
        calls.push(['widgets', params]);
        return {
          setAmount: async (amount) => {
            calls.push(['setAmount', amount]);
          },
          renderPaymentMethods: async (params) => {
            calls.push(['renderPaymentMethods', params]);
            await options.renderMethods?.();
            return part('methods');
          },
          renderAgreement: async (params) => {
            calls.push(['renderAgreement', params]);
            return part('agreement');
          },
          requestPayment: (request) => {
            calls.push(['requestPayment', request]);
            return options.requestPayment ? options.requestPayment(request) : new Promise<void>(() => {});
          },
        };
      },
    };
  };
  return { TossPayments, calls, destroyed };
}
