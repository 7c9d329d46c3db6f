#!/usr/bin/env bash
# The shop's page loads (home and product page) through the nginx edge of a running stack, in
# Debian's Chromium: web/bench/pageload.mjs. Prints medians and maxima and saves them to
# bench/results/<UTC date>/shop.txt. Loopback only; registers one seller and one product per run.
#
# Environment: EDA_SHOP_URL (default: the loaded profile's edge, else http://127.0.0.1:8080),
# EDA_BENCH_LOADS (10 cold and 10 warm loads per page), EDA_CHROMIUM (/usr/bin/chromium).
set -euo pipefail

ROOT="${EDA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# The edge listens on 8080 plus the profile's service offset; the member service's URL carries it.
if [[ -z ${EDA_SHOP_URL:-} && ${EDA_MEMBER_URL:-} =~ :([0-9]+)$ ]]; then
  EDA_SHOP_URL="http://127.0.0.1:$((BASH_REMATCH[1] - 8081 + 8080))"
fi
export EDA_SHOP_URL="${EDA_SHOP_URL:-http://127.0.0.1:8080}"
[[ -d $ROOT/web/node_modules/playwright-core ]] || { echo "shop bench: web/node_modules is missing; run ./eda build" >&2; exit 1; }
curl -fsS -m 3 -o /dev/null "$EDA_SHOP_URL/shop-config.json" ||
  { echo "shop bench: no edge answers on $EDA_SHOP_URL (./eda up first)" >&2; exit 1; }

out="$ROOT/bench/results/$(date -u +%Y-%m-%d)"
mkdir -p "$out"
(cd "$ROOT/web" && node bench/pageload.mjs) | tee "$out/shop.txt"
