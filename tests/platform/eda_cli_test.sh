#!/usr/bin/env bash
# Unit test (no servers) of the ./eda command-line contract others rely on: the help text, the
# environment printed for each profile (ports from docs/TEAM_BRIEF.md), and helpful failures.
set -uo pipefail
eda="${1:?usage: eda_cli_test.sh <path to eda>}"
failures=0
check() {  # check <description> <command...>: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
# shellcheck disable=SC2317  # called through check, which shellcheck does not follow
contains() { grep -qF -- "$2" <<<"$1"; }

help=$("$eda" help)
for cmd in up down reset status logs setup build test bench infra dlq; do
  check "help explains '$cmd'" contains "$help" "  $cmd"
done

env_test=$("$eda" infra env --profile test)
check "test env: MariaDB 23306" contains "$env_test" "export EDA_MYSQL_PORT='23306'"
check "test env: Redis 26379" contains "$env_test" "export EDA_REDIS_PORT='26379'"
check "test env: Cassandra 29042" contains "$env_test" "export EDA_CASSANDRA_PORT='29042'"
check "test env: Kafka from 29092" contains "$env_test" "export EDA_KAFKA_BROKERS='127.0.0.1:29092"
check "test env: profile" contains "$env_test" "export EDA_PROFILE='test'"
check "test env: database" contains "$env_test" "export EDA_MYSQL_DATABASE='my_db'"
env_dev=$("$eda" infra env --profile dev)
check "dev env: MariaDB 3306" contains "$env_dev" "export EDA_MYSQL_PORT='3306'"
check "dev env: Redis 6379" contains "$env_dev" "export EDA_REDIS_PORT='6379'"
check "dev env: Cassandra 9042" contains "$env_dev" "export EDA_CASSANDRA_PORT='9042'"
check "dev env: Kafka from 19092" contains "$env_dev" "export EDA_KAFKA_BROKERS='127.0.0.1:19092"
check "env is valid shell" bash -c "eval \"\$1\" && [[ \$EDA_REDIS_PORT == 26379 ]]" _ "$env_test"

out=$("$eda" infra env --profile staging 2>&1); rc=$?
check "unknown profile fails" test "$rc" -ne 0
check "unknown profile is named" contains "$out" "unknown profile 'staging'"
out=$("$eda" frobnicate 2>&1); rc=$?
check "unknown command fails" test "$rc" -ne 0
check "unknown command is named" contains "$out" "unknown command 'frobnicate'"
out=$("$eda" infra kill kafka-9 --profile test 2>&1); rc=$?
check "unknown component fails" test "$rc" -ne 0
check "unknown component lists the valid ones" contains "$out" "mariadb"
out=$("$eda" up --brokers 2 2>&1); rc=$?
check "--brokers 2 is refused" test "$rc" -ne 0
check "--brokers 2 says why" contains "$out" "--brokers must be 1 or 3"

echo "$failures failure(s)"
exit $((failures > 0))
