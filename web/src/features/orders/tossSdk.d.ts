// The part of Toss Payments' browser SDK v2 (https://js.tosspayments.com/v2/standard) the checkout
// calls: the payment widget. Typed from Toss's SDK reference (docs.tosspayments.com/sdk/v2/js) for
// exactly what the shop uses; the script defines the global TossPayments when it has run.

export interface TossAmount {
  currency: 'KRW';
  value: number;
}

/** The shop's request; Toss sends the browser to successUrl or failUrl with the outcome in the query. */
export interface TossWidgetPaymentRequest {
  /** 6 to 64 of A-Z a-z 0-9 - _ = */
  orderId: string;
  /** At most 100 characters. */
  orderName: string;
  successUrl: string;
  failUrl: string;
  /** At most 5 entries; Toss returns them on the payment, where the payment service reads them. */
  metadata?: Record<string, string>;
}

/** A part of the widget drawn into the page. */
export interface TossRenderedWidget {
  destroy(): Promise<void>;
}

export interface TossPaymentWidgets {
  /** Must come before the first render. */
  setAmount(amount: TossAmount): Promise<void>;
  /** Draws the payment methods into the element <selector> names (once per widgets object). */
  renderPaymentMethods(params: { selector: string; variantKey?: string }): Promise<TossRenderedWidget>;
  /** Draws the terms the buyer must agree to (once per widgets object). */
  renderAgreement(params: { selector: string; variantKey?: string }): Promise<TossRenderedWidget>;
  /**
   * Opens the payment for the methods chosen; the browser then leaves for successUrl or failUrl.
   * Rejects with a TossSdkError when no payment is requested (the buyer closed it, a term is not agreed).
   */
  requestPayment(request: TossWidgetPaymentRequest): Promise<void>;
}

export interface TossPaymentsInstance {
  /** customerKey: 2 to 50 characters, at least one of - _ = . @ */
  widgets(params: { customerKey: string }): TossPaymentWidgets;
}

/** The global the script defines; it takes a client key, a widget key (…_gck_…) for widgets(). */
export type TossPaymentsFactory = (clientKey: string) => TossPaymentsInstance;

/** What the SDK's promises reject with: a documented code (USER_CANCEL, …) and a sentence for people. */
export interface TossSdkError {
  code?: string;
  message?: string;
}
