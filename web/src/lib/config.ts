// Settings of the installation the shop runs in, served by the edge as /shop-config.json
// (deploy/lib/nginx.sh writes it per profile, the Helm chart's edge-configmap.yaml per release), so
// one build serves every installation.

export interface ShopConfig {
  /**
   * The payment window of a Toss sandbox (its GET /sandbox/checkout): an absolute URL (the local
   * stack's sandbox port) or a path on the shop's own origin (the chart's edge proxies /sandbox/).
   * Absent only where the shop pays with Toss's widget (tossClientKey).
   */
  paymentWindowUrl?: string;
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
