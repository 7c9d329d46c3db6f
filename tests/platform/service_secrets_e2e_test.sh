#!/usr/bin/env bash
# The running services (label e2e: ./eda test starts them) log in to MariaDB, Redis and Cassandra as
# their own users and keep their passwords where nobody else sees them: the environment names a
# file, never the password or an administrator's; the password is on no command line (`ps`) and in
# no log. Every comparison reads the password from its file (grep -f), so this test puts it on no
# command line either.
set -uo pipefail
state=${EDA_STATE_DIR:?EDA_STATE_DIR is not set; run under ./eda test or after eval "\$(./eda infra env --profile test)"}
failures=0
check() {  # check <description> <command...>: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}
# shellcheck disable=SC2317  # called through check, which shellcheck does not follow
no_match() { ! grep -qF -f "$1"; }   # stdin must not contain the line of file $1

service_env() { tr '\0' '\n' <"/proc/$1/environ"; }
for svc in member payment delivery catalog order search; do
  pid=$(tr -dc '0-9' <"$state/$svc/$svc.pid" 2>/dev/null)
  if [[ -z $pid || ! -r /proc/$pid/environ ]]; then check "$svc is running" false; continue; fi
  env=$(service_env "$pid")
  # shellcheck disable=SC2016  # $1 is the inner shell's argument (the environment), expanded there
  check "$svc: no EDA_MYSQL_PASSWORD in its environment" bash -c '! grep -q "^EDA_MYSQL_PASSWORD=" <<<"$1"' _ "$env"
  if [[ $svc == search ]]; then
    # shellcheck disable=SC2016  # $1 is the inner shell's argument (the environment), expanded there
    check "search: no MariaDB user (it keeps nothing there)" bash -c '! grep -q "^EDA_MYSQL_USER=" <<<"$1"' _ "$env"
    continue
  fi
  pwfile=$state/secrets/mysql-$svc.password
  check "$svc: EDA_MYSQL_USER=$svc" grep -qx "EDA_MYSQL_USER=$svc" <<<"$env"
  check "$svc: EDA_MYSQL_PASSWORD_FILE names its file" grep -qx "EDA_MYSQL_PASSWORD_FILE=$pwfile" <<<"$env"
  check "$svc: password file exists" test -s "$pwfile"
  check "$svc: password not in its environment" no_match "$pwfile" <<<"$env"
  check "$svc: password on no command line" no_match "$pwfile" < <(ps -e -ww -o args)
  check "$svc: password in no log" no_match "$pwfile" < <(cat "$state"/logs/*.log)
done

# Redis (member, search) and Cassandra (catalog): the service's own user and password file; every
# other service gets none, in particular not the administrators' of the profile's environment.
for svc in member payment delivery catalog order search; do
  pid=$(tr -dc '0-9' <"$state/$svc/$svc.pid" 2>/dev/null)
  [[ -n $pid && -r /proc/$pid/environ ]] || continue
  env=$(service_env "$pid")
  for store in REDIS CASSANDRA; do
    user="" pwfile=""
    [[ $store == REDIS && ( $svc == member || $svc == search ) ]] && { user=$svc; pwfile=$state/secrets/redis-$svc.password; }
    [[ $store == CASSANDRA && $svc == catalog ]] && { user=catalog; pwfile=$state/secrets/cassandra-catalog.password; }
    # shellcheck disable=SC2016  # $1/$2 are the inner shell's arguments, expanded there
    check "$svc: no EDA_${store}_PASSWORD in its environment" bash -c '! grep -q "^EDA_$2_PASSWORD=" <<<"$1"' _ "$env" "$store"
    if [[ -z $user ]]; then
      # shellcheck disable=SC2016
      check "$svc: no $store user" bash -c '! grep -q "^EDA_$2_USER=" <<<"$1"' _ "$env" "$store"
      continue
    fi
    check "$svc: EDA_${store}_USER=$user" grep -qx "EDA_${store}_USER=$user" <<<"$env"
    check "$svc: EDA_${store}_PASSWORD_FILE names its file" grep -qx "EDA_${store}_PASSWORD_FILE=$pwfile" <<<"$env"
    check "$svc: $store password not in its environment" no_match "$pwfile" <<<"$env"
    check "$svc: $store password on no command line" no_match "$pwfile" < <(ps -e -ww -o args)
    check "$svc: $store password in no log" no_match "$pwfile" < <(cat "$state"/logs/*.log)
  done
done

echo "$failures failure(s)"
exit $((failures > 0))
