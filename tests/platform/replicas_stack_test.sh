#!/usr/bin/env bash
# Several instances of a service on one machine, through ./eda alone (README "Several instances").
# It brings the test profile's stack up with `--replicas order=2` and down again at the end, so it
# cannot run inside `./eda test` (which keeps its own test stack up across the suites) and is not
# registered with ctest. Run it by hand when nothing else uses the test profile:
#   tests/platform/replicas_stack_test.sh [path to eda]
# About 2-3 minutes on a 2-core machine with the infrastructure stopped (the first `up` starts it).
# Checks: a running stack of single instances given order=2 restarts its processes onto the new URLs;
# order#2 is healthy on its own port with the same users and secrets files as order; the
# others reach order through the edge's internal listener and catalog directly; with order (instance
# 1) killed the edge and the internal listener still answer order's routes, a POST included; kill,
# start and logs of order#2; `up --replicas order=1` stops order#2 and points everyone at order
# again; `down` leaves no process of the profile.
set -uo pipefail
eda=$(realpath "${1:-$(dirname "${BASH_SOURCE[0]}")/../../eda}")
state=$(dirname "$eda")/var/test
edge=http://127.0.0.1:28080
lb=http://127.0.0.1:28079
failures=0
check() {  # check <description> <command...>: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
# shellcheck disable=SC2317  # called through check, which shellcheck does not follow
contains() { grep -qF -- "$2" <<<"$1"; }
# shellcheck disable=SC2317
matches() { grep -qE -- "$2" <<<"$1"; }
# shellcheck disable=SC2317
lacks() { ! grep -qE -- "$2" <<<"$1"; }
# The row of instance $1 in the last `./eda status` ($status) shows URL $2 and health $3.
# shellcheck disable=SC2317
status_row() { awk -v n="$1" -v u="$2" -v h="$3" '$1 == n && $2 == u && $4 == h {found = 1} END {exit !found}' <<<"$status"; }
# Each of $2 requests to URL $1 (GET, or POST with an empty JSON object) is answered with status $4.
# shellcheck disable=SC2317
all_answered() {
  local i code body=()
  [[ $3 == POST ]] && body=(-H 'Content-Type: application/json' --data '{}')
  for ((i = 0; i < $2; i++)); do
    code=$(curl -s -o /dev/null -m 5 "${body[@]}" -w '%{http_code}' "$1")
    [[ $code == "$4" ]] || { echo "     request $i ($3 $1): $code"; return 1; }
  done
}
env_of() { tr '\0' '\n' <"/proc/$(tr -dc '0-9' <"$state/$1/$1.pid")/environ" 2>/dev/null; }
pids_of_profile() { cat "$state"/*/*.pid 2>/dev/null | tr -dc '0-9\n' | sort -u; }
# A process that runs (an exited one its parent has not reaped yet, a zombie, does not).
running() { local st; st=$(cat "/proc/$1/stat" 2>/dev/null) && [[ ${st##*) } != Z* ]]; }

downed=0
# shellcheck disable=SC2317  # the EXIT trap calls it
cleanup() {
  ((downed)) || "$eda" down --profile test >/dev/null 2>&1
  # A later plain `./eda up --profile test` should start single instances again.
  rm -f "$state/replicas"
}
trap cleanup EXIT

t0=$SECONDS
out=$("$eda" up --replicas order=1 --profile test 2>&1); rc=$?
check "up with single instances succeeds" test "$rc" -eq 0 || { tail -n 30 <<<"$out"; exit 1; }
check "delivery reaches order directly" contains "$(env_of delivery)" "EDA_ORDER_URL=http://127.0.0.1:28086"$'\n'
delivery_pid=$(cat "$state/delivery/delivery.pid")

out=$("$eda" up --replicas order=2 --profile test 2>&1); rc=$?
check "up --replicas order=2 succeeds" test "$rc" -eq 0 || { tail -n 30 <<<"$out"; exit 1; }
check "the counts are recorded" test "$(cat "$state/replicas")" = order=2
status=$("$eda" status --profile test 2>&1)
check "status: order healthy on 28086" status_row order http://127.0.0.1:28086 healthy
check "status: order#2 healthy on 28186" status_row 'order#2' http://127.0.0.1:28186 healthy
check "status: catalog has one instance" lacks "$status" '^catalog#'

env1=$(env_of order) env2=$(env_of order-2)
check "order: EDA_INSTANCE=order" contains "$env1" "EDA_INSTANCE=order"$'\n'
check "order#2: EDA_INSTANCE=order#2" contains "$env2" "EDA_INSTANCE=order#2"
check "order#2: EDA_HTTP_PORT=28186" contains "$env2" "EDA_HTTP_PORT=28186"
for var in EDA_MYSQL_USER EDA_MYSQL_PASSWORD_FILE EDA_KAFKA_USERNAME EDA_KAFKA_PASSWORD_FILE EDA_ORDER_DELIVERY_TOKEN_FILE; do
  line=$(grep "^$var=" <<<"$env1")
  check "order#2: same $var as order ($line)" contains "$env2" "${line:-$var=}"$'\n'
done
check "order#2: no MariaDB password in its environment" lacks "$env2" '^EDA_MYSQL_PASSWORD='
check "order#2 logs to logs/order-2.log" test -s "$state/logs/order-2.log"
denv=$(env_of delivery)
check "delivery was restarted for its new peer URL" test "$(cat "$state/delivery/delivery.pid")" != "$delivery_pid"
check "delivery reaches order through the internal listener" contains "$denv" "EDA_ORDER_URL=$lb"$'\n'
check "delivery reaches catalog directly" contains "$denv" "EDA_CATALOG_URL=http://127.0.0.1:28085"
conf=$(cat "$state/nginx/nginx.conf")
check "the edge's order upstream lists order" contains "$conf" "server 127.0.0.1:28086 max_fails=1 fail_timeout=5s;"
check "the edge's order upstream lists order#2" contains "$conf" "server 127.0.0.1:28186 max_fails=1 fail_timeout=5s;"

check "kill order (instance 1)" "$eda" kill order --profile test
status=$("$eda" status --profile test 2>&1)
check "status: order dead" status_row order http://127.0.0.1:28086 dead
check "status: order#2 still healthy" status_row 'order#2' http://127.0.0.1:28186 healthy
check "edge: GET /api/orders/failure answered 20 times" all_answered "$edge/api/orders/failure" 20 GET 200
check "internal listener: GET /orders/failure answered 20 times" all_answered "$lb/orders/failure" 20 GET 200
# A refused connection sent nothing, so even a POST goes on to order#2 (which wants a token: 401).
check "edge: POST /api/orders/orders/x/cancel reaches order#2" all_answered "$edge/api/orders/orders/x/cancel" 5 POST 401
check "start order (instance 1)" "$eda" start order --profile test
# The edge leaves a failed instance out for 5 s (fail_timeout): until then order#2 is all it uses.
sleep 6

check "kill order#2" "$eda" kill 'order#2' --profile test
status=$("$eda" status --profile test 2>&1)
check "status: order#2 dead" status_row 'order#2' http://127.0.0.1:28186 dead
check "internal listener: answered with order#2 dead" all_answered "$lb/orders/failure" 10 GET 200
check "start order#2" "$eda" start 'order#2' --profile test
check "logs order#2 shows its log" matches "$("$eda" logs 'order#2' --profile test 2>&1)" .
out=$("$eda" start 'order#3' --profile test 2>&1)
check "start order#3 is refused (not configured)" contains "$out" "not one of the 2 instance(s) of order"

out=$("$eda" up --replicas order=1 --profile test 2>&1); rc=$?
check "up --replicas order=1 succeeds" test "$rc" -eq 0 || tail -n 30 <<<"$out"
status=$("$eda" status --profile test 2>&1)
check "status: no order#2 any more" lacks "$status" '^order#2'
check "order#2's pid file is gone" test ! -e "$state/order-2/order-2.pid"
check "delivery reaches order directly again" contains "$(env_of delivery)" "EDA_ORDER_URL=http://127.0.0.1:28086"
check "the edge's order upstream lists order alone" lacks "$(cat "$state/nginx/nginx.conf")" 28186

mapfile -t pids < <(pids_of_profile)
check "down succeeds" "$eda" down --profile test
downed=1
alive=()
for pid in "${pids[@]}"; do if [[ -n $pid ]] && running "$pid"; then alive+=("$pid"); fi; done
check "down leaves none of the ${#pids[@]} processes (${alive[*]:-none alive})" test "${#alive[@]}" -eq 0
check "down leaves no pid file" test -z "$(pids_of_profile)"

echo "$failures failure(s) in $((SECONDS - t0))s"
exit $((failures > 0))
