#!/usr/bin/env bash
# Search service benchmark: starts eda-search (consumer off: reads only) against the Redis of the loaded
# environment (or the test profile when none is loaded), loads N products through the real index write
# path (eda-search-bench-load), then runs wrk for EDA_BENCH_DURATION seconds on
#   1. GET /search/tags/{tag}                 (the original route; a tag with GROUP products)
#   2. GET /search/products?tags=..&q=..&sort=price_asc&size=20  (tag AND name prefix, price sort)
# Prints req/s and p50/p99 and saves bench/results/<UTC date>/search.{txt,json}. Loopback only; stops
# by itself; removes what it loaded (its own keys) at the end.
#
# Environment: EDA_BENCH_DURATION (10), EDA_BENCH_CONNECTIONS (64), EDA_BENCH_WRK_THREADS (2),
# EDA_BENCH_PRODUCTS (2000), EDA_BENCH_GROUP (20 products per tag), EDA_BENCH_IO_THREADS (1),
# EDA_SEARCH_BIN / EDA_SEARCH_LOAD_BIN (binaries; default: build/bin or the newest build/*/bin).
set -euo pipefail

ROOT="${EDA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
DURATION="${EDA_BENCH_DURATION:-10}"
CONNECTIONS="${EDA_BENCH_CONNECTIONS:-64}"
WRK_THREADS="${EDA_BENCH_WRK_THREADS:-2}"
PRODUCTS="${EDA_BENCH_PRODUCTS:-2000}"
GROUP="${EDA_BENCH_GROUP:-20}"
IO_THREADS="${EDA_BENCH_IO_THREADS:-1}"

if [[ -z "${EDA_REDIS_PORT:-}" ]]; then
  eval "$("$ROOT/eda" infra env --profile test)"
fi

find_bin() {  # $1 = binary name, $2 = override
  if [[ -n "$2" ]]; then echo "$2"; return; fi
  if [[ -x "$ROOT/build/bin/$1" ]]; then echo "$ROOT/build/bin/$1"; return; fi
  local f newest=""  # the newest per-developer build dir that has it
  for f in "$ROOT"/build/*/bin/"$1"; do
    if [[ -e $f && (-z $newest || $f -nt $newest) ]]; then newest=$f; fi
  done
  [[ -z $newest ]] || echo "$newest"
}
SERVER="$(find_bin eda-search "${EDA_SEARCH_BIN:-}")"
LOADER="$(find_bin eda-search-bench-load "${EDA_SEARCH_LOAD_BIN:-}")"
for b in "$SERVER" "$LOADER"; do
  if [[ -z "$b" || ! -x "$b" ]]; then
    echo "search bench: eda-search / eda-search-bench-load not found; build services/search first" >&2
    exit 1
  fi
done
command -v wrk >/dev/null || { echo "search bench: wrk not installed" >&2; exit 1; }
command -v curl >/dev/null || { echo "search bench: curl not installed" >&2; exit 1; }

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((18900 + RANDOM % 800))
    if ! ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then echo "$p"; return; fi
  done
  echo "search bench: no free port found" >&2
  exit 1
}
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { printf "%s", "null" } }'
}

PREFIX="bench$(date +%s)$RANDOM"
SERVER_PID=""
LOG_DIR="$(mktemp -d)"
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  # Our data only: the products of this run are deleted through the index path (every index entry and
  # seed tag set membership), then their tombstones dropped.
  if [[ -n "${BASE:-}" ]]; then
    "$LOADER" --delete "$BASE" "$PRODUCTS" || echo "search bench: cleanup failed" >&2
  fi
  rm -rf "$LOG_DIR"
}
trap cleanup EXIT

DATE="$(date -u +%F)"
OUT_DIR="$ROOT/bench/results/$DATE"
mkdir -p "$OUT_DIR"
TXT="$OUT_DIR/search.txt"
JSON="$OUT_DIR/search.json"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"

load_start=$(date +%s.%N)
BASE="$("$LOADER" "$PREFIX" "$PRODUCTS" "$GROUP")"
load_s=$(awk -v a="$load_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')

PORT="$(free_port)"
EDA_HTTP_PORT="$PORT" EDA_HTTP_ADDRESS=127.0.0.1 EDA_HTTP_IO_THREADS="$IO_THREADS" EDA_HTTP_ACCESS_LOG=false \
  EDA_SEARCH_CONSUME=false EDA_LOG_LEVEL=warn "$SERVER" >"$LOG_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
TAG_URL="http://127.0.0.1:$PORT/search/tags/$PREFIX-g1"
Q_URL="http://127.0.0.1:$PORT/search/products?tags=$PREFIX-g1&q=${PREFIX}word%20%EB%85%B8%ED%8A%B8&sort=price_asc&size=20"
tag_body="$(curl -fs "$TAG_URL")" || { echo "search bench: server did not answer; log:" >&2; cat "$LOG_DIR/server.log" >&2; exit 1; }
q_body="$(curl -fs "$Q_URL")"
tag_count=$(tr ',' '\n' <<<"$tag_body" | grep -c '[0-9]' || true)
q_total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' <<<"$q_body")

{
  echo "search benchmark $(date -u +%FT%TZ) on $(hostname): $(nproc) CPUs, load average $LOAD"
  echo "server: $SERVER (io_threads=$IO_THREADS, access log off, consumer off), redis ${EDA_REDIS_HOST:-127.0.0.1}:$EDA_REDIS_PORT"
  echo "loaded $PRODUCTS products in ${load_s}s through the index scripts; tag $PREFIX-g1 has $tag_count ids; products query total=$q_total"
  echo "wrk: -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s keep-alive"
} | tee "$TXT"

json_runs=""
run() {  # $1 = name, $2 = url
  local out rps total p50 p99 errors
  out="$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  total="$(awk '/requests in/ {print $1}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
  {
    echo
    echo "== $1: ${2#"http://127.0.0.1:$PORT"} =="
    echo "$out"
    echo "summary: $1 requests_per_sec=$rps p50_ms=$p50 p99_ms=$p99 ${errors:+errors: $errors}"
  } | tee -a "$TXT"
  json_runs="${json_runs:+$json_runs,}{\"name\":\"$1\",\"requests_per_sec\":$rps,\"requests\":$total,\"latency_p50_ms\":$p50,\"latency_p99_ms\":$p99,\"errors\":\"$errors\"}"
}
run tags "$TAG_URL"
run products "$Q_URL"

cat >"$JSON" <<JSON
{"benchmark":"search","date":"$(date -u +%FT%TZ)","host":"$(hostname)","cpus":$(nproc),"load_average":"$LOAD","products":$PRODUCTS,"group":$GROUP,"io_threads":$IO_THREADS,"wrk":{"threads":$WRK_THREADS,"connections":$CONNECTIONS,"duration_s":$DURATION},"runs":[$json_runs]}
JSON
echo
echo "saved $TXT and $JSON"
