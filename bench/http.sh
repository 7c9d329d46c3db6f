#!/usr/bin/env bash
# HTTP server benchmark: a small JSON GET (libs/http via eda-http-bench-server) under wrk with
# keep-alive, at 1 and 2 I/O threads, on loopback. Builds nothing: run `./eda build` first (or set
# EDA_HTTP_BENCH_SERVER to the binary). Prints requests/s, latency p50/p99 and the server's CPU use,
# and saves bench/results/<UTC date>/http.{txt,json}.
#
# Environment: EDA_BENCH_DURATION (seconds per run, default 10), EDA_BENCH_CONNECTIONS (default 64),
# EDA_BENCH_WRK_THREADS (default 2), EDA_BENCH_IO_THREADS (default "1 2").
#
# "req/s per server core" = requests / CPU seconds the server process used (user+sys, from
# /proc/<pid>/stat). On a shared 2-core machine, wall-clock req/s depends on what else runs (and wrk
# itself needs a core); the per-CPU-second figure is the comparable one.
set -euo pipefail

ROOT="${EDA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
DURATION="${EDA_BENCH_DURATION:-10}"
CONNECTIONS="${EDA_BENCH_CONNECTIONS:-64}"
WRK_THREADS="${EDA_BENCH_WRK_THREADS:-2}"
IO_THREADS_LIST="${EDA_BENCH_IO_THREADS:-1 2}"

find_server() {
  if [[ -n "${EDA_HTTP_BENCH_SERVER:-}" ]]; then echo "$EDA_HTTP_BENCH_SERVER"; return; fi
  if [[ -x "$ROOT/build/bin/eda-http-bench-server" ]]; then echo "$ROOT/build/bin/eda-http-bench-server"; return; fi
  # Newest per-developer build dir that has it.
  local f newest=""
  for f in "$ROOT"/build/*/bin/eda-http-bench-server; do
    if [[ -e $f && (-z $newest || $f -nt $newest) ]]; then newest=$f; fi
  done
  [[ -z $newest ]] || echo "$newest"
}
SERVER="$(find_server)"
if [[ -z "$SERVER" || ! -x "$SERVER" ]]; then
  echo "http bench: eda-http-bench-server not found; run ./eda build first" >&2
  exit 1
fi
command -v wrk >/dev/null || { echo "http bench: wrk not installed" >&2; exit 1; }
command -v curl >/dev/null || { echo "http bench: curl not installed" >&2; exit 1; }

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((18100 + RANDOM % 800))
    if ! ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; then echo "$p"; return; fi
  done
  echo "http bench: no free port found" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# "1.23ms" / "850.00us" / "1.02s" → milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { printf "%s", "null" } }'
}

SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [[ -n "${LOG_DIR:-}" ]] && rm -rf "$LOG_DIR"
}
trap cleanup EXIT

DATE="$(date -u +%F)"
OUT_DIR="$ROOT/bench/results/$DATE"
mkdir -p "$OUT_DIR"
TXT="$OUT_DIR/http.txt"
JSON="$OUT_DIR/http.json"
TICKS_PER_SEC="$(getconf CLK_TCK)"
LOG_DIR="$(mktemp -d)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "HTTP benchmark $(date -u +%FT%TZ) on $(hostname): $(nproc) CPUs, load average $LOAD"
  echo "server: ${SERVER#"$ROOT"/}"
  echo "wrk: -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s keep-alive, GET /bench/items/7 (34-byte JSON)"
} | tee "$TXT"

json_runs=""
for io in $IO_THREADS_LIST; do
  PORT="$(free_port)"
  EDA_LOG_LEVEL=warn "$SERVER" --address 127.0.0.1 --port "$PORT" --threads "$io" --access-log off \
    >"$LOG_DIR/server-$io.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fs "http://127.0.0.1:$PORT/bench/items/7" >/dev/null || {
    echo "http bench: server did not come up; its log:" >&2
    cat "$LOG_DIR/server-$io.log" >&2
    exit 1
  }
  before="$(cpu_ticks "$SERVER_PID")"
  wrk_out="$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/bench/items/7")"
  after="$(cpu_ticks "$SERVER_PID")"
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""

  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$wrk_out")"
  total="$(awk '/requests in/ {print $1}' <<<"$wrk_out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$wrk_out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$wrk_out")")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$wrk_out" | tr '\n' ' ')"
  cpu_s="$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SEC" 'BEGIN {printf "%.2f", t / hz}')"
  per_core="$(awk -v n="$total" -v c="$cpu_s" 'BEGIN {if (c > 0) printf "%.0f", n / c; else print "null"}')"
  {
    echo
    echo "== $io I/O thread(s) =="
    echo "$wrk_out"
    echo "summary: io_threads=$io requests_per_sec=$rps p50_ms=$p50 p99_ms=$p99 server_cpu_s=$cpu_s req_per_server_cpu_s=$per_core ${errors:+errors: $errors}"
  } | tee -a "$TXT"
  run="{\"io_threads\":$io,\"requests_per_sec\":$rps,\"requests\":$total,\"latency_p50_ms\":$p50,\"latency_p99_ms\":$p99,\"server_cpu_seconds\":$cpu_s,\"requests_per_server_cpu_second\":$per_core,\"errors\":\"${errors}\"}"
  json_runs="${json_runs:+$json_runs,}$run"
done

cat >"$JSON" <<JSON
{"benchmark":"http","date":"$(date -u +%FT%TZ)","host":"$(hostname)","cpus":$(nproc),"load_average":"$LOAD","wrk":{"threads":$WRK_THREADS,"connections":$CONNECTIONS,"duration_s":$DURATION},"target":"GET /bench/items/7","runs":[$json_runs]}
JSON
echo
echo "saved $TXT and $JSON"
