#!/usr/bin/env bash
# Outbox relay throughput: fills a fresh outbox table with N events and measures how fast one relay
# publishes them to the 3-broker Kafka cluster (acks=all, idempotent producer) and marks them.
# Usage: bench/outbox.sh [--events N] [--batch B] [--payload-bytes P] [--keys K]
# Uses the dev stack if it is up (Kafka 19092 + MariaDB 3306), else the test stack (29092 + 23306),
# unless EDA_KAFKA_BROKERS / EDA_MYSQL_* are already set. Results: bench/results/<UTC date>/outbox.{txt,json}.
set -euo pipefail
root="${EDA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
bin=""
for candidate in "${EDA_BUILD_DIR:-$root/build}/bin/eda-outbox-bench" "$root"/build/*/bin/eda-outbox-bench; do
  if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
done
if [[ -z "$bin" ]]; then
  echo "outbox bench: eda-outbox-bench not built (./eda build)" >&2
  exit 1
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n "${EDA_KAFKA_BROKERS:-}" && -n "${EDA_MYSQL_PORT:-}" ]]; then
  stack="${EDA_PROFILE:-from environment}"
elif port_open 19092 && port_open 3306; then
  stack=dev
  export EDA_KAFKA_BROKERS=127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094 EDA_MYSQL_PORT=3306
  export EDA_KAFKA_USERNAME=admin EDA_KAFKA_PASSWORD_FILE="$root/var/dev/secrets/kafka-admin.password"
elif port_open 29092 && port_open 23306; then
  stack="test"
  export EDA_KAFKA_BROKERS=127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094 EDA_MYSQL_PORT=23306
  export EDA_KAFKA_USERNAME=admin EDA_KAFKA_PASSWORD_FILE="$root/var/test/secrets/kafka-admin.password"
else
  echo "outbox bench: no Kafka+MariaDB stack is up (./eda up, or ./eda infra up --profile test)" >&2
  exit 1
fi
export EDA_MYSQL_HOST="${EDA_MYSQL_HOST:-127.0.0.1}" EDA_MYSQL_USER="${EDA_MYSQL_USER:-root}"
export EDA_MYSQL_PASSWORD="${EDA_MYSQL_PASSWORD:-1234}" EDA_MYSQL_DATABASE="${EDA_MYSQL_DATABASE:-my_db}"

args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--events 100000 --batch 2000)
out="$root/bench/results/$(date -u +%F)"
mkdir -p "$out"
echo "outbox bench: stack=$stack brokers=$EDA_KAFKA_BROKERS mysql=127.0.0.1:$EDA_MYSQL_PORT args=${args[*]}"
"$bin" "${args[@]}" --json 2>/dev/null | tail -n 1 > "$out/outbox.json.tmp"
python3 - "$out/outbox.json.tmp" "$stack" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/outbox.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r.update(stack=sys.argv[2], cpus=int(sys.argv[3]), loadavg_before_end=sys.argv[4])
print(json.dumps(r))
PY
rm -f "$out/outbox.json.tmp"
python3 - "$out/outbox.json" > "$out/outbox.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"outbox relay ({r['stack']} stack, {r['brokers']}): {r['published']}/{r['events']} events in "
      f"{r['relay_seconds']:.3f} s = {r['events_per_second']:.0f} events/s")
print(f"  batch {r['batch']}, {r['payload_bytes']}-byte payloads, {r['keys']} keys, topic {r['partitions']} partitions"
      f" x RF {r['replication']}, acks={r['acks']}, idempotent producer, {r['relay_failures']} failed rounds")
print(f"  machine: {r['cpus']} CPUs, load average {r['loadavg_before_end']}; aim >= 20000 events/s")
PY
cat "$out/outbox.txt"
echo "saved $out/outbox.txt and $out/outbox.json"
