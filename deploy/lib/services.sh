# shellcheck shell=bash
# Services (build/bin/eda-<name>, listed with ports in deploy/services.txt): start with the profile's
# environment, wait for /health/ready, stop, status rows. Plus `up`, `down`, `reset`, `status`,
# `logs`, `bench` and `dlq`, which combine services with the infrastructure.

EDA_BIN_DIR="${EDA_BIN_DIR:-$EDA_ROOT/build/bin}"

# "name port" per line, in start order.
service_list() { grep -Ev '^[[:space:]]*(#|$)' "$EDA_ROOT/deploy/services.txt" | awk '{print $1, $2}'; }
# The service's port in the loaded profile: its deploy/services.txt port plus the profile's offset.
service_port() { service_list | awk -v n="$1" -v o="${P_SVC_OFFSET:-0}" '$1 == n {print $2 + o}'; }
service_built() { [[ -x $EDA_BIN_DIR/eda-$1 ]]; }
is_service() { [[ -n $(service_port "$1") ]]; }

service_healthy() {
  curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$(service_port "$1")/health/ready" 2>/dev/null
}
service_alive_check() {
  [[ $(comp_proc_state "$1") == running ]] || return 2
  service_healthy "$1"
}

# The profile's token keys: an Ed25519 pair made once by eda-keygen and kept (mode 0600) under the
# state directory, so tokens stay valid across restarts. Variables already set in the environment
# (a real deployment's keys) win over the file.
jwt_keys_file() { echo "$P_STATE/secrets/jwt.env"; }
ensure_jwt_keys() {
  local file; file=$(jwt_keys_file)
  [[ -s $file ]] && return 0
  [[ -x $EDA_BIN_DIR/eda-keygen ]] || die "eda-keygen is not built (expected $EDA_BIN_DIR/eda-keygen); run ./eda build"
  mkdir -p "$(dirname "$file")"
  "$EDA_BIN_DIR/eda-keygen" --env-file "$file" >/dev/null || die "eda-keygen could not write $file"
  info "made the $PROFILE profile's token signing keys ($file)"
}

# The bearer token GET /metrics requires on every service and simulator of the profile (libs/http
# README, "/metrics"): hex of 32 random bytes, made once, mode 0600 in the 0700 secrets directory.
# Components read it through EDA_METRICS_TOKEN_FILE (profile_env); a Prometheus scrape config names
# the same file: `authorization: {credentials_file: var/<profile>/secrets/metrics.token}`.
metrics_token_file() { echo "$P_STATE/secrets/metrics.token"; }
ensure_metrics_token() { ensure_token_file "$(metrics_token_file)"; }
# The token the delivery service presents to the order service's /orders/internal routes (it asks
# whether an order is paid before it ships one): delivery gets it as EDA_DELIVERY_ORDER_TOKEN_FILE,
# order as EDA_ORDER_DELIVERY_TOKEN_FILE; no other component has it.
order_delivery_token_file() { echo "$P_STATE/secrets/order-delivery.token"; }
# A bearer token file $1 (hex of 32 random bytes), made once, mode 0600 in a 0700 directory.
ensure_token_file() {
  local file=$1 dir; dir=$(dirname "$file")
  mkdir -p "$dir" && chmod 700 "$dir"
  [[ -s $file ]] && return 0
  ( umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$file.tmp" && mv -f "$file.tmp" "$file" ) ||
    die "could not write $file"
}
# GET /metrics of the component on port $1, with the token handed to curl on stdin (never on its
# command line, where `ps` would show it).
metrics_get() {
  printf 'header = "Authorization: Bearer %s"\n' "$(<"$(metrics_token_file)")" |
    curl -fsS -m 3 -K - "http://127.0.0.1:$1/metrics"
}

service_start() {
  local name=$1 port; port=$(service_port "$name")
  require_port_free "$port" "$name"
  mkdir -p "$(comp_dir "$name")" "$P_LOGS"
  ensure_metrics_token
  ensure_token_file "$(order_delivery_token_file)"
  # A service that keeps data in MariaDB logs in as its own user (mariadb_service_user); its
  # password stays in a file the service reads (EDA_MYSQL_PASSWORD_FILE). The user is brought up to
  # date here too, so a migration that adds a table is granted before the service starts (when
  # MariaDB is down the bootstrap at its next start does it).
  if mariadb_uses_db "$name"; then
    ensure_mariadb_password "$name"
    if mariadb_healthy; then mariadb_service_user "$name" || die "mariadb: could not set up the user of $name; see $(comp_log mariadb)"; fi
  fi
  # The service inherits the profile's variables plus its port; exported in a subshell (not put on
  # a command line) so secrets never show in `ps`. Only the member service, which issues tokens,
  # gets the signing key; the others get the public key to verify them. No service gets root's
  # MariaDB credentials (the profile's EDA_MYSQL_USER/PASSWORD are for tests and tools).
  (
    eval "$(profile_env)"
    unset EDA_MYSQL_PASSWORD EDA_MYSQL_USER EDA_KAFKA_USERNAME EDA_KAFKA_PASSWORD_FILE
    if mariadb_uses_db "$name"; then
      EDA_MYSQL_PASSWORD_FILE=$(mariadb_password_file "$name")
      export EDA_MYSQL_USER="$name" EDA_MYSQL_PASSWORD_FILE
    fi
    # Its own Kafka user when eda-kafka-admin made one (kafka_provision); the simulators have none.
    if [[ -s $(kafka_password_file "$name") ]]; then eval "$(kafka_client_env "$name")"; fi
    # Redis and Cassandra: the service's own user where it has one (member and search; catalog),
    # never the administrators' of the profile's environment.
    unset EDA_REDIS_USER EDA_REDIS_PASSWORD_FILE EDA_REDIS_DB EDA_CASSANDRA_USER EDA_CASSANDRA_PASSWORD_FILE
    eval "$(redis_service_env "$name")"
    eval "$(cassandra_service_env "$name")"
    local signing=${EDA_JWT_SIGNING_KEY:-} public=${EDA_JWT_PUBLIC_KEY:-}
    set -a
    # jwt.env is generated per profile by eda-keygen (ensure_jwt_keys): nothing for shellcheck to read.
    # shellcheck source=/dev/null
    . "$(jwt_keys_file)"
    set +a
    [[ -n $signing ]] && EDA_JWT_SIGNING_KEY=$signing
    [[ -n $public ]] && EDA_JWT_PUBLIC_KEY=$public
    [[ $name == member ]] || unset EDA_JWT_SIGNING_KEY
    case $name in
      # Shoppers reach member through the edge, which appends their address to X-Forwarded-For: login
      # throttling per address needs it (every shopper is 127.0.0.1 otherwise).
      member) export EDA_MEMBER_TRUST_FORWARDED_FOR=${EDA_MEMBER_TRUST_FORWARDED_FOR:-true} ;;
      order) export EDA_ORDER_DELIVERY_TOKEN_FILE; EDA_ORDER_DELIVERY_TOKEN_FILE=$(order_delivery_token_file) ;;
      delivery) export EDA_DELIVERY_ORDER_TOKEN_FILE; EDA_DELIVERY_ORDER_TOKEN_FILE=$(order_delivery_token_file) ;;
    esac
    export EDA_HTTP_PORT="$port" EDA_SERVICE_NAME="$name"
    launch "$(comp_pidfile "$name")" "$(comp_log "$name")" "$EDA_BIN_DIR/eda-$name"
  ) || die "could not start $name"
}

services_up() {
  local name port started=() t0=$SECONDS
  ensure_jwt_keys
  while read -r name port; do
    service_built "$name" || continue
    [[ $(comp_proc_state "$name") == running ]] && { started+=("$name"); continue; }
    info "starting $name on :$port"
    service_start "$name"
    started+=("$name")
  done < <(service_list)
  if ((${#started[@]} == 0)); then
    info "no service binaries in build/bin yet (expected build/bin/eda-<name>, see deploy/services.txt)"
    return 0
  fi
  local failed=0 rc
  for name in "${started[@]}"; do
    rc=0; wait_until "$name" 60 service_alive_check "$name" || rc=$?
    if ((rc == 0)); then
      printf '    %-12s %shealthy%s  http://127.0.0.1:%-5s (%ds)\n' "$name" "$_c_green" "$_c_off" "$(service_port "$name")" $((SECONDS - t0))
    else
      failed=1
      printf '%serror:%s %s %s; last lines of %s:\n' "$_c_red" "$_c_off" "$name" \
        "$( ((rc == 2)) && echo 'exited during start-up' || echo 'did not answer /health/ready within 60s')" "$(comp_log "$name")" >&2
      tail -n 20 "$(comp_log "$name")" >&2 || true
    fi
  done
  return "$failed"
}

services_down() {
  local name port names=()
  while read -r name port; do names=("$name" "${names[@]}"); done < <(service_list)
  for name in "${names[@]}"; do
    [[ -f $(comp_pidfile "$name") ]] || continue
    stop_pid "$name" "$(comp_pidfile "$name")" 30
    info "stopped $name"
  done
}

services_status_rows() {
  local name port pid h color
  while read -r name port; do
    port=$((port + ${P_SVC_OFFSET:-0}))
    pid=$(read_pid "$(comp_pidfile "$name")")
    if [[ -z $pid ]] && ! service_built "$name"; then continue; fi
    h=$(comp_proc_state "$name")
    if [[ $h == running ]]; then service_healthy "$name" && h=healthy || h=unhealthy; fi
    case $h in healthy) color=$_c_green ;; stopped) color="" ;; *) color=$_c_red ;; esac
    printf '%-14s %-44s %-8s %s%s%s\n' "$name" "http://127.0.0.1:$port" "${pid:--}" "$color" "$h" "$_c_off"
  done < <(service_list)
}

print_status() {
  printf '%s%-14s %-44s %-8s %s%s\n' "$_c_bold" NAME "URL / ADDRESS" PID HEALTH "$_c_off"
  infra_status_rows
  services_status_rows
  nginx_status_row
}

# Parses --profile and --brokers for the top-level commands; sets PROFILE_ARG, BROKERS_ARG, REST.
parse_profile_args() {
  PROFILE_ARG=dev; BROKERS_ARG=""; REST=()
  while (($#)); do
    case $1 in
      --profile) PROFILE_ARG=${2:?--profile needs dev or test}; shift 2 ;;
      --profile=*) PROFILE_ARG=${1#*=}; shift ;;
      --brokers) BROKERS_ARG=${2:?--brokers needs 1 or 3}; shift 2 ;;
      --brokers=*) BROKERS_ARG=${1#*=}; shift ;;
      *) REST+=("$1"); shift ;;
    esac
  done
}

cmd_up() {
  parse_profile_args "$@"
  ((${#REST[@]} == 0)) || die "unknown argument(s) for up: ${REST[*]} (see ./eda help)"
  load_profile "$PROFILE_ARG"
  resolve_brokers "$BROKERS_ARG"
  local t0=$SECONDS
  ensure_setup
  local runtime; mapfile -t runtime < <(runtime_targets)
  build_tree 0 0 "${runtime[@]}"
  infra_up
  say "services ($PROFILE profile)"
  services_up || die "some services are not healthy (see above); logs: ./eda logs <name> --profile $PROFILE"
  say "edge ($PROFILE profile)"
  nginx_up || die "the nginx edge is not healthy (see above); log: ./eda logs nginx --profile $PROFILE"
  echo
  print_status
  echo
  say "all up in $((SECONDS - t0))s. Stop with ./eda down$( [[ $PROFILE != dev ]] && echo " --profile $PROFILE")"
  say "the shop: $(nginx_url)"
}

cmd_down() {
  parse_profile_args "$@"
  ((${#REST[@]} == 0)) || die "unknown argument(s) for down: ${REST[*]}"
  load_profile "$PROFILE_ARG"
  resolve_brokers ""
  nginx_down
  services_down
  infra_down
  local left
  left=$(pgrep -f -- "$P_STATE/" 2>/dev/null | tr '\n' ' ' || true)
  [[ -z ${left// /} ]] || warn "processes still referring to $P_STATE: $left"
}

cmd_reset() {
  parse_profile_args "$@"
  ((${#REST[@]} == 0)) || die "unknown argument(s) for reset: ${REST[*]}"
  cmd_down --profile "$PROFILE_ARG"
  load_profile "$PROFILE_ARG"
  rm -rf "$P_STATE"
  say "wiped var/$PROFILE (data and logs); ./eda up$( [[ $PROFILE != dev ]] && echo " --profile $PROFILE") starts afresh"
}

cmd_status() {
  parse_profile_args "$@"
  ((${#REST[@]} == 0)) || die "unknown argument(s) for status: ${REST[*]}"
  load_profile "$PROFILE_ARG"
  resolve_brokers ""
  say "status of the $PROFILE profile (state in var/$PROFILE)"
  print_status
}

cmd_logs() {
  parse_profile_args "$@"
  load_profile "$PROFILE_ARG"
  local follow=0 comp="" a
  for a in "${REST[@]}"; do
    case $a in
      -f | --follow) follow=1 ;;
      -*) die "unknown option '$a' for logs" ;;
      *) comp=$a ;;
    esac
  done
  if [[ -n $comp ]]; then
    local f; f=$(comp_log "$comp")
    [[ -f $f ]] || die "no log for '$comp' in var/$PROFILE/logs/ (have: $(file_stems "$P_LOGS" .log))"
    if ((follow)); then exec tail -n 50 -F "$f"; else tail -n 100 "$f"; fi
    return
  fi
  local logs=("$P_LOGS"/*.log)
  [[ -e ${logs[0]} ]] || die "no logs yet in var/$PROFILE/logs/"
  if ((follow)); then exec tail -n 5 -F "${logs[@]}"; fi
  local f
  for f in "${logs[@]}"; do
    printf '%s==> %s <==%s\n' "$_c_bold" "${f#"$EDA_ROOT"/}" "$_c_off"
    tail -n 10 "$f"
  done
}

cmd_dlq() {
  local bin="$EDA_BIN_DIR/eda-dlq"
  [[ -x $bin ]] || die "the DLQ tool is not built yet (expected $bin). Build it with ./eda build; its source lives in tools/dlq."
  load_profile "${EDA_PROFILE:-dev}"
  resolve_brokers ""
  eval "$(profile_env)"
  eval "$(kafka_client_env dlq)"
  exec "$bin" "$@"
}

# One service: SIGKILL (its pid file stays, so status shows it as dead), start and wait until healthy.
service_kill() {
  local name=$1 pid
  pid=$(live_pid "$(comp_pidfile "$name")")
  [[ -n $pid ]] || die "$name is not running (profile $PROFILE)"
  kill -KILL "$pid"
  local i; for ((i = 0; i < 50; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  info "killed $name (pid $pid, SIGKILL)"
}
service_start_one() {
  local name=$1 rc=0
  service_built "$name" || die "$name is not built (expected $EDA_BIN_DIR/eda-$name); run ./eda build"
  ensure_jwt_keys
  [[ $(comp_proc_state "$name") == running ]] || service_start "$name"
  wait_until "$name" 60 service_alive_check "$name" || rc=$?
  if ((rc != 0)); then
    tail -n 20 "$(comp_log "$name")" >&2 || true
    die "$name $( ((rc == 2)) && echo 'exited during start-up' || echo 'did not answer /health/ready within 60s')"
  fi
  info "$name healthy on http://127.0.0.1:$(service_port "$name")"
}
service_stop_one() {
  stop_pid "$1" "$(comp_pidfile "$1")" 30
  info "stopped $1"
}

# `eda kill|start|stop|restart <component>`: one server (mariadb, redis, kafka-N, cassandra), one
# service (member, order, ...), the edge (nginx), or `services` for every built service. Used by the
# fault tests.
cmd_component() {
  local verb=$1; shift
  parse_profile_args "$@"
  ((${#REST[@]} == 1)) || die "usage: ./eda $verb <component> [--profile P]; components: $(infra_components | tr '\n' ' ')services $(service_list | awk '{print $1}' | tr '\n' ' ')"
  local comp=${REST[0]}
  load_profile "$PROFILE_ARG"
  resolve_brokers ""
  if [[ $comp == services ]]; then
    case $verb in
      start) services_up ;;
      stop) services_down ;;
      *) die "'$verb services' is not supported; use start or stop" ;;
    esac
  elif [[ $comp == nginx ]]; then
    case $verb in
      kill) nginx_kill ;;
      start) nginx_up || die "nginx did not start" ;;
      stop) nginx_down ;;
      restart) nginx_down; nginx_up || die "nginx did not start" ;;
    esac
  elif is_service "$comp"; then
    case $verb in
      kill) service_kill "$comp" ;;
      start) service_start_one "$comp" ;;
      stop) service_stop_one "$comp" ;;
      restart) service_stop_one "$comp"; service_start_one "$comp" ;;
    esac
  else
    case $verb in
      kill) infra_kill "$comp" ;;
      start) infra_start_one "$comp" ;;
      stop) infra_stop_one "$comp" ;;
      restart) infra_stop_one "$comp"; infra_start_one "$comp" ;;
    esac
  fi
}
