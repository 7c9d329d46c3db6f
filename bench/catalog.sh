#!/usr/bin/env bash
# Catalog service: GET /catalog/products/{id} req/s and p99 with wrk (~10 s, real Cassandra read via the
# same handlers and store as eda-catalog). Stock takes go through the running service: bench/stock.sh.
# Needs Cassandra (EDA_CASSANDRA_HOST/PORT, default the test profile 127.0.0.1:29042) and wrk.
# Usage: bench/catalog.sh   Results: bench/results/<UTC date>/catalog.{txt,json}.
set -euo pipefail
root="${EDA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
bin=""
for candidate in "${EDA_BUILD_DIR:-$root/build}/bin/eda-catalog-bench" "$root"/build/*/bin/eda-catalog-bench; do
  if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
done
if [[ -z "$bin" ]]; then
  echo "catalog bench: eda-catalog-bench not built (./eda build)" >&2
  exit 1
fi
command -v wrk > /dev/null || { echo "catalog bench: wrk not installed" >&2; exit 1; }
out="$root/bench/results/$(date -u +%F)"
mkdir -p "$out"
port="${EDA_CATALOG_BENCH_PORT:-28185}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ---- read: the server in the background, wrk against it, then SIGTERM to that pid only ----
EDA_LOG_LEVEL=warn EDA_HTTP_ACCESS_LOG=false EDA_HTTP_IO_THREADS="${EDA_CATALOG_BENCH_IO_THREADS:-2}" \
  "$bin" serve "$port" > "$tmp/serve.out" 2> "$tmp/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q '^ready' "$tmp/serve.out" 2> /dev/null && break
  sleep 0.2
done
if ! grep -q '^ready' "$tmp/serve.out"; then
  kill "$server_pid" 2> /dev/null || true
  echo "catalog bench: server did not start: $(cat "$tmp/serve.err")" >&2
  exit 1
fi
id="$(awk '/^ready/ {print $2}' "$tmp/serve.out")"
curl -fsS "http://127.0.0.1:$port/catalog/products/$id" > /dev/null
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$port/catalog/products/$id" > "$tmp/wrk.txt"
kill -TERM "$server_pid"
wait "$server_pid" || true

python3 - "$tmp/wrk.txt" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/catalog.json" <<'PY'
import json, re, sys
wrk = open(sys.argv[1]).read()
def ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    v = float(m.group(1)); return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
p99 = ms(re.search(r"99%\s+(\S+)", wrk).group(1))
p50 = ms(re.search(r"50%\s+(\S+)", wrk).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
print(json.dumps({"get_product": {"requests_per_second": rps, "p50_ms": p50, "p99_ms": p99,
                                  "non_2xx": int(errors.group(1)) if errors else 0,
                                  "wrk": "-t2 -c64 -d10s"},
                  "cpus": int(sys.argv[2]), "loadavg": sys.argv[3]}))
PY
python3 - "$out/catalog.json" > "$out/catalog.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
g = r["get_product"]
print("catalog bench (loopback; Cassandra single node beside it)")
print(f"GET /catalog/products/{{id}}          {g['requests_per_second']:10.0f} req/s   p50 {g['p50_ms']:.2f} ms   p99 {g['p99_ms']:.2f} ms   non-2xx {g['non_2xx']}")
print(f"machine: {r['cpus']} CPUs, load average {r['loadavg']}")
PY
cat "$out/catalog.txt"
echo "saved $out/catalog.txt and $out/catalog.json"
