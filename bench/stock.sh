#!/usr/bin/env bash
# The stock step of the saga on one hot product, end to end through the running catalog service: a
# fresh seller and product (stock = N), then N seed-format (header-less) stockCountRequestV1 records
# for it straight into Kafka, timed until every order's delivery-request is out (eda-stock-flood).
# Measures what the Java seed side-by-side measured (2,000 requests -> delivery-request).
# Needs a running stack with services (`./eda up`; `./eda bench stock` uses the dev profile's variables).
# Usage: bench/stock.sh [requests]   Results: bench/results/<UTC date>/stock.{txt,json}.
set -euo pipefail
root="${EDA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
count=${1:-${EDA_STOCK_BENCH_REQUESTS:-2000}}
bin=""
for candidate in "${EDA_BUILD_DIR:-$root/build}/bin/eda-stock-flood" "$root"/build/*/bin/eda-stock-flood; do
  if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
done
[[ -n "$bin" ]] || { echo "stock bench: eda-stock-flood not built (./eda build)" >&2; exit 1; }
# eda-stock-flood logs in to Kafka as loadgen, whose ACLs fit what it does (tools/kafka-admin), rather
# than as the profile's admin.
if [[ -n ${EDA_STATE_DIR:-} && -s $EDA_STATE_DIR/secrets/kafka-loadgen.password ]]; then
  export EDA_KAFKA_USERNAME=loadgen EDA_KAFKA_PASSWORD_FILE="$EDA_STATE_DIR/secrets/kafka-loadgen.password"
fi
member=${EDA_MEMBER_URL:-http://127.0.0.1:8081}
catalog=${EDA_CATALOG_URL:-http://127.0.0.1:8085}
curl -fsS -m 5 "$catalog/health/ready" > /dev/null || { echo "stock bench: the catalog service at $catalog is not ready (./eda up)" >&2; exit 1; }

# A seller of its own and one product with exactly `count` units.
run="stk$(date +%s)$RANDOM"
password="Bench-Passw0rd!"
curl -fsS -m 20 -H 'Content-Type: application/json' -d "{\"loginId\":\"$run\",\"userName\":\"bench\",\"password\":\"$password\",\"role\":\"SELLER\"}" \
  "$member/member/users/registration" > /dev/null
login=$(curl -fsS -m 20 -H 'Content-Type: application/json' -d "{\"loginId\":\"$run\",\"password\":\"$password\"}" "$member/member/users/login")
token=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["accessToken"])' "$login")
seller=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$login")
product=$(curl -fsS -m 20 -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  -d "{\"sellerId\":$seller,\"productName\":\"hot $run\",\"productDescription\":\"stock bench\",\"productPrice\":1000,\"stockCount\":$count,\"tags\":[]}" \
  "$catalog/catalog/products/register" | python3 -c 'import json,sys; print(json.load(sys.stdin)["productId"])')

out="$root/bench/results/$(date -u +%F)"
mkdir -p "$out"
echo "stock bench: $count requests for product $product (stock $count), brokers ${EDA_KAFKA_BROKERS:-dev}"
cpu_before=$(awk '{print $14 + $15}' "/proc/$(pgrep -f 'bin/eda-catalog$' | head -1)/stat" 2>/dev/null || echo 0)
"$bin" --product "$product" --count "$count" --prefix "$run-" > "$out/stock.json.tmp"
cpu_after=$(awk '{print $14 + $15}' "/proc/$(pgrep -f 'bin/eda-catalog$' | head -1)/stat" 2>/dev/null || echo 0)
left=$(curl -fsS -m 10 "$catalog/catalog/products/$product" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stockCount"])')
python3 - "$out/stock.json.tmp" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$((cpu_after - cpu_before))" "$(getconf CLK_TCK)" "$left" > "$out/stock.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ticks, hz = int(sys.argv[4]), int(sys.argv[5])
r["catalog_cpu_ms_per_request"] = round(ticks * 1000 / hz / max(r["answered"], 1), 3)
r["projected_stock_after"] = int(sys.argv[6])
r["cpus"] = int(sys.argv[2]); r["loadavg"] = sys.argv[3]
print(json.dumps(r))
PY
rm -f "$out/stock.json.tmp"
python3 - "$out/stock.json" > "$out/stock.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("stock bench: seed-format stock requests on one hot product -> delivery-request (catalog service, real stack)")
print(f"  {r['answered']}/{r['requests']} answered ({r['rejected']} rejected) in {r['seconds']:.2f} s: {r['answers_per_second']:.0f} answers/s")
print(f"  per order, request sent -> answer seen: p50 {r['latency_p50_ms']:.0f} ms, p99 {r['latency_p99_ms']:.0f} ms, max {r['latency_max_ms']:.0f} ms")
print(f"  catalog CPU {r['catalog_cpu_ms_per_request']:.2f} ms per request; stock read back afterwards: {r['projected_stock_after']}")
print(f"  machine: {r['cpus']} CPUs, load average {r['loadavg']}")
PY
cat "$out/stock.txt"
echo "saved $out/stock.txt and $out/stock.json"
