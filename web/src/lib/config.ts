// Settings of the installation the shop runs in, served by the edge as /shop-config.json
// (deploy/lib/nginx.sh writes it per profile), so one build serves every profile.

export interface ShopConfig {
  /** The payment window of the local Toss sandbox (its GET /sandbox/checkout). */
  paymentWindowUrl: string;
  /**
   * A real Toss account's widget client key (public by design), only when the installation has one
   * with its secret key: the checkout then shows Toss's payment widget instead of the sandbox's window.
   */
  tossClientKey?: string;
}

let loaded: Promise<ShopConfig> | null = null;

export function shopConfig(): Promise<ShopConfig> {
  loaded ??= fetch('/shop-config.json').then((res) => {
    if (!res.ok) throw new Error(`shop-config.json: HTTP ${res.status}`);
    return res.json() as Promise<ShopConfig>;
  });
  loaded.catch(() => {
    loaded = null; // the next call asks again
  });
  return loaded;
}
