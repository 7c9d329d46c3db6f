#!/usr/bin/env bash
# The running services (label e2e: ./eda test starts them) log in to Kafka as their own users and
# keep the passwords where nobody else sees them: the environment names a file, never a password;
# no Kafka password (the services', admin's, the brokers') is on a command line (`ps`) or in a log;
# the secrets and the brokers' configs, which hold the brokers' password, are readable by their
# owner only. Every comparison reads the password from its file (grep -f), so this test puts it on
# no command line either.
set -uo pipefail
state=${EDA_STATE_DIR:?EDA_STATE_DIR is not set; run under ./eda test or after eval "\$(./eda infra env --profile test)"}
failures=0
check() {  # check <description> <command...>: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
# shellcheck disable=SC2317  # called through check, which shellcheck does not follow
no_match() { ! grep -qF -f "$1"; }   # stdin must not contain the line of file $1
# shellcheck disable=SC2317  # called through check
mode_is() { [[ $(stat -c %a "$2") == "$1" ]]; }

for svc in member payment delivery catalog order search; do
  pid=$(tr -dc '0-9' <"$state/$svc/$svc.pid" 2>/dev/null)
  if [[ -z $pid || ! -r /proc/$pid/environ ]]; then check "$svc is running" false; continue; fi
  env=$(tr '\0' '\n' <"/proc/$pid/environ")
  pwfile=$state/secrets/kafka-$svc.password
  check "$svc: EDA_KAFKA_USERNAME=$svc" grep -qx "EDA_KAFKA_USERNAME=$svc" <<<"$env"
  check "$svc: EDA_KAFKA_PASSWORD_FILE names its file" grep -qx "EDA_KAFKA_PASSWORD_FILE=$pwfile" <<<"$env"
  # shellcheck disable=SC2016  # $1 is the inner shell's argument (the environment), expanded there
  check "$svc: no EDA_KAFKA_PASSWORD in its environment" bash -c '! grep -q "^EDA_KAFKA_PASSWORD=" <<<"$1"' _ "$env"
  check "$svc: admin's password file is not named in its environment" \
    no_match <(echo "$state/secrets/kafka-admin.password") <<<"$env"
  check "$svc: its password is not in its environment" no_match "$pwfile" <<<"$env"
done

for pwfile in "$state"/secrets/kafka-*.password; do
  user=${pwfile##*/kafka-}; user=${user%.password}
  check "kafka-$user.password is 0600" mode_is 600 "$pwfile"
  check "$user's Kafka password on no command line" no_match "$pwfile" < <(ps -e -ww -o args)
  check "$user's Kafka password in no log" no_match "$pwfile" < <(cat "$state"/logs/*.log "$state"/kafka-*/stdout.log)
done
for config in "$state"/kafka-*/server.properties; do
  check "${config#"$state"/} (it holds the brokers' password) is 0600" mode_is 600 "$config"
done

echo "$failures failure(s)"
exit $((failures > 0))
