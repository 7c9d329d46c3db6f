#!/usr/bin/env bash
# libs/cql client throughput: prepared INSERT then prepared point SELECT, N requests with K in flight
# over one client thread, against one Cassandra node; prints ops/s and p50/p99 latency.
# Usage: bench/cql.sh [--ops N] [--inflight K] [--connections C]
# Uses the dev node (9042) if it is up, else the test node (29042), unless EDA_CASSANDRA_PORT is set.
# Results: bench/results/<UTC date>/cql.{txt,json}.
set -euo pipefail
root="${EDA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
bin=""
for candidate in "${EDA_BUILD_DIR:-$root/build}/bin/eda-cql-bench" "$root"/build/*/bin/eda-cql-bench; do
  if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
done
if [[ -z "$bin" ]]; then
  echo "cql bench: eda-cql-bench not built (./eda build)" >&2
  exit 1
fi

port_open() { (exec 3<>"/dev/tcp/${EDA_CASSANDRA_HOST:-127.0.0.1}/$1") 2>/dev/null; }
if [[ -n "${EDA_CASSANDRA_PORT:-}" ]]; then
  stack="${EDA_PROFILE:-from environment}"
elif port_open 9042; then
  stack=dev
  export EDA_CASSANDRA_PORT=9042
elif port_open 29042; then
  stack="test"
  export EDA_CASSANDRA_PORT=29042
else
  echo "cql bench: no Cassandra node is up (./eda up, or ./eda infra up --profile test)" >&2
  exit 1
fi
export EDA_CASSANDRA_HOST="${EDA_CASSANDRA_HOST:-127.0.0.1}"

args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--ops 20000 --inflight 64 --connections 2)
out="$root/bench/results/$(date -u +%F)"
mkdir -p "$out"
echo "cql bench: stack=$stack node=$EDA_CASSANDRA_HOST:$EDA_CASSANDRA_PORT args=${args[*]}"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
"$bin" "${args[@]}" --json > "$raw"
tail -n 1 "$raw" > "$out/cql.json.tmp"
python3 - "$out/cql.json.tmp" "$stack" "$(nproc)" "$load_before" > "$out/cql.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r.update(stack=sys.argv[2], cpus=int(sys.argv[3]), loadavg_before=sys.argv[4])
print(json.dumps(r))
PY
rm -f "$out/cql.json.tmp"
python3 - "$out/cql.json" > "$out/cql.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"libs/cql against Cassandra {r['node']} ({r['stack']} stack), {r['inflight']} in flight, "
      f"{r['connections']} connection(s), {r['ops']} ops per phase")
for name in ("insert", "select"):
    p = r[name]
    print(f"  prepared {name:6s} {p['ops_per_second']:8.0f} ops/s   p50 {p['p50_ms']:6.2f} ms   "
          f"p99 {p['p99_ms']:6.2f} ms   max {p['max_ms']:7.2f} ms   errors {p['errors']}")
print(f"  machine: {r['cpus']} CPUs shared with the node; load average before the run {r['loadavg_before']}")
PY
cat "$out/cql.txt"
echo "saved $out/cql.txt and $out/cql.json"
