// Settings of the installation the shop runs in, served by the edge as /shop-config.json
// (deploy/lib/nginx.sh writes it per profile), so one build serves every profile.

export interface ShopConfig {
  /** The payment window of the local Toss sandbox (its GET /sandbox/checkout). */
  paymentWindowUrl: string;
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
