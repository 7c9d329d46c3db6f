# shellcheck shell=bash
# Services (build/bin/eda-<name>, listed with ports in deploy/services.txt): start with the profile's
# environment, wait for /health/ready, stop, status rows. Plus `up`, `down`, `reset`, `status`,
# `logs`, `bench` and `dlq`, which combine services with the infrastructure.

EDA_BIN_DIR="${EDA_BIN_DIR:-$EDA_ROOT/build/bin}"

# "name port" per line, in start order.
service_list() { grep -Ev '^[[:space:]]*(#|$)' "$EDA_ROOT/deploy/services.txt" | awk '{print $1, $2}'; }
service_built() { [[ -x $EDA_BIN_DIR/eda-$1 ]]; }
is_service() { [[ $1 != *#* && -n $(service_port "$1") ]]; }

# ---- instances ---------------------------------------------------------------------------------
# A service may run several instances (`./eda up --replicas order=3`). Instance 1 is the service as it
# always was: its name, its deploy/services.txt port, var/<profile>/<name>/ and logs/<name>.log, so a
# stack without replicas looks exactly as before. Instance k >= 2 is shown as <name>#k, keeps its files
# as <name>-k (var/<profile>/order-2/, logs/order-2.log) and listens 100*(k-1) above instance 1
# (order#2: 8186 in dev, 28186 in test). Counts go up to 9, so no instance reaches the next hundred's
# simulators or the infrastructure's ports.
instance_name() { if (($2 > 1)); then echo "$1#$2"; else echo "$1"; fi; }
instance_service() { echo "${1%%#*}"; }
instance_index() { if [[ $1 == *#* ]]; then echo "${1#*#}"; else echo 1; fi; }
# The name of the instance's state directory, pid file and log (comp_dir, comp_pidfile, comp_log).
instance_comp() { if [[ $1 == *#* ]]; then echo "${1%%#*}-${1#*#}"; else echo "$1"; fi; }
# The instance a command-line name means (order and order#1: instance 1; order#2), or failure.
instance_arg() {
  local name=${1%%#*} k=1
  [[ $1 == *#* ]] && k=${1#*#}
  is_service "$name" && [[ $k =~ ^[1-9]$ ]] || return 1
  instance_name "$name" "$k"
}
# The instance's port in the loaded profile: its service's deploy/services.txt port, plus the
# profile's offset, plus 100 per instance after the first.
service_port() {
  local k; k=$(instance_index "$1")
  service_list | awk -v n="${1%%#*}" -v o=$((${P_SVC_OFFSET:-0} + 100 * (k - 1))) '$1 == n {print $2 + o}'
}
# The configured instances of a service, in order.
service_instances() {
  local k n; n=$(replicas_count "$1")
  for ((k = 1; k <= n; k++)); do instance_name "$1" "$k"; done
}
# The configured instances plus any other with a pid file (left from a larger count): what status
# shows and down stops.
service_instances_known() {
  local k n; n=$(replicas_count "$1")
  for ((k = 1; k <= 9; k++)); do
    if ((k <= n)) || [[ -f $P_STATE/$1-$k/$1-$k.pid ]]; then instance_name "$1" "$k"; fi
  done
}
instance_configured() { (($(instance_index "$1") <= $(replicas_count "${1%%#*}"))); }

# Only the services behind the edge may run several instances: the edge is what spreads requests
# over them (nginx_route_table). The simulators and the infrastructure run once.
replicable_services() { nginx_route_table | awk '{print $1}'; }

# Parses a replica setting ("order=3,catalog=2", from --replicas, EDA_REPLICAS or var/<profile>/replicas)
# into P_REPLICAS: services in start order, only counts above 1, so an empty P_REPLICAS is a stack of
# single instances. $2 names the source in messages. Dies on anything else than <service>=<1..9>.
replicas_parse() {
  local spec=$1 from=$2 item name count out="" items
  local -A want=()
  IFS=',' read -ra items <<<"$spec"
  for item in "${items[@]}"; do
    item=${item//[[:space:]]/}
    [[ -n $item ]] || continue
    [[ $item =~ ^([a-z0-9-]+)=([0-9]+)$ ]] || die "$from: '$item' is not <service>=<count> (e.g. order=3,catalog=2)"
    name=${BASH_REMATCH[1]} count=${BASH_REMATCH[2]}
    if ! replicable_services | grep -qx -- "$name"; then
      if is_service "$name" || [[ $name =~ ^(mariadb|redis|kafka|kafka-[0-9]+|cassandra|nginx)$ ]]; then
        die "$from: $name runs once; only the services behind the edge may run several instances: $(replicable_services | paste -sd ' ')"
      fi
      die "$from: unknown service '$name'; one of: $(replicable_services | paste -sd ' ')"
    fi
    [[ $count =~ ^[1-9]$ ]] || die "$from: $name=$count: the count must be 1 to 9"
    [[ -z ${want[$name]:-} ]] || die "$from: $name is given twice"
    want[$name]=$count
  done
  for name in $(replicable_services); do
    count=${want[$name]:-1}
    ((count > 1)) && out+="${out:+,}$name=$count"
  done
  P_REPLICAS=$out
}
replicas_file() { echo "$P_STATE/replicas"; }
# The counts `./eda up` recorded for the loaded profile (called by load_profile).
replicas_load() {
  P_REPLICAS=""
  local f; f=$(replicas_file)
  [[ -f $f ]] && replicas_parse "$(<"$f")" "var/$PROFILE/replicas"
  return 0
}
replicas_record() { mkdir -p "$P_STATE" && echo "$P_REPLICAS" >"$(replicas_file)"; }
replicas_count() {
  local item
  for item in ${P_REPLICAS//,/ }; do
    if [[ ${item%=*} == "$1" ]]; then echo "${item#*=}"; return; fi
  done
  echo 1
}
replicas_any() { [[ -n ${P_REPLICAS:-} ]]; }

# Where the other processes reach a service (its EDA_<NAME>_URL, profile_env): its one instance
# directly, or with several the edge's internal load balancer (nginx_lb_url), which takes a dead
# instance out. So a stack without replicas never needs nginx between services.
service_url() {
  if (($(replicas_count "$1") > 1)); then nginx_lb_url; else echo "http://127.0.0.1:$(service_port "$1")"; fi
}
# The addresses a process is started with (every EDA_*_URL of profile_env). service_start keeps them
# in the instance's state directory; services_up restarts a running instance whose addresses changed
# (a service went from one instance to several or back), so that no one keeps calling a single
# instance directly once it has peers.
service_peer_urls() { profile_env | grep -E '^export EDA_[A-Z_]+_URL='; }
service_started_urls() {
  local f; f="$(comp_dir "$(instance_comp "$1")")/peer-urls"
  if [[ -f $f ]]; then cat "$f"; return; fi
  # Started before ./eda knew instances: it got the addresses of a stack without replicas.
  local replicas=$P_REPLICAS
  P_REPLICAS=""; service_peer_urls; P_REPLICAS=$replicas
}

service_healthy() {
  curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$(service_port "$1")/health/ready" 2>/dev/null
}
service_alive_check() {
  [[ $(comp_proc_state "$(instance_comp "$1")") == running ]] || return 2
  service_healthy "$1"
}

# With a replicated service every process names the edge's internal listener as that service's URL:
# the edge must answer before they start, or their first calls to it fail. (Without replicas the
# services never call through it, and `up` starts the edge after them as it always did.)
edge_for_peers() {
  replicas_any || return 0
  [[ $(comp_proc_state nginx) == running ]] && return 0
  info "the edge first: the services reach their replicated peers through it (:$(nginx_lb_port))"
  nginx_up || die "the nginx edge is not healthy; log: ./eda logs nginx --profile $PROFILE"
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

# The token files every service reads, made once before service_start runs (side by side in
# services_up, so the starts only ever find them).
service_shared_files() {
  ensure_metrics_token
  ensure_token_file "$(order_delivery_token_file)"
}

# Starts instance $1 (order, order#2, ...): every instance of a service gets the same environment,
# users and secrets; only EDA_HTTP_PORT and EDA_INSTANCE differ. Callers run service_shared_files first.
service_start() {
  local inst=$1 name comp port
  name=$(instance_service "$inst"); comp=$(instance_comp "$inst"); port=$(service_port "$inst")
  require_port_free "$port" "$inst"
  mkdir -p "$(comp_dir "$comp")" "$P_LOGS"
  # A service that keeps data in MariaDB logs in as its own user (mariadb_service_user); its
  # password stays in a file the service reads (EDA_MYSQL_PASSWORD_FILE). The user is brought up to
  # date here too, so a migration that adds a table is granted before the service starts (when
  # MariaDB is down the bootstrap at its next start does it).
  if mariadb_uses_db "$name"; then
    ensure_mariadb_password "$name"
    if mariadb_healthy; then mariadb_service_user "$name" || die "mariadb: could not set up the user of $name; see $(comp_log mariadb)"; fi
  fi
  service_peer_urls >"$(comp_dir "$comp")/peer-urls"
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
    export EDA_HTTP_PORT="$port" EDA_SERVICE_NAME="$name" EDA_INSTANCE="$inst"
    launch "$(comp_pidfile "$comp")" "$(comp_log "$comp")" "$EDA_BIN_DIR/eda-$name"
  ) || die "could not start $inst"
}

# Starts every configured instance of every built service that is not running (and restarts those
# whose peers' addresses changed), then waits until each is healthy.
services_up() {
  local name port inst urls started=() launches=() launched=() t0=$SECONDS
  ensure_jwt_keys
  edge_for_peers
  service_shared_files
  urls=$(service_peer_urls)
  while read -r name port; do
    service_built "$name" || continue
    for inst in $(service_instances "$name"); do
      if [[ $(comp_proc_state "$(instance_comp "$inst")") == running ]]; then
        if [[ $(service_started_urls "$inst") == "$urls" ]]; then started+=("$inst"); continue; fi
        info "restarting $inst: the addresses of its peers changed (a service went from one instance to several or back)"
        service_stop_one "$inst"
      fi
      info "starting $inst on :$(service_port "$inst")"
      # Side by side: a start is mostly small tools run one after another (the port, the
      # environment, the MariaDB user), about half a second each on this kind of machine.
      service_start "$inst" &
      launches+=($!); launched+=("$inst")
      started+=("$inst")
    done
  done < <(service_list)
  local i
  for i in "${!launches[@]}"; do wait "${launches[$i]}" || die "could not start ${launched[$i]}"; done
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
        "$( ((rc == 2)) && echo 'exited during start-up' || echo 'did not answer /health/ready within 60s')" "$(comp_log "$(instance_comp "$name")")" >&2
      tail -n 20 "$(comp_log "$(instance_comp "$name")")" >&2 || true
    fi
  done
  return "$failed"
}

# Stops every instance that has a pid file, services in reverse start order.
services_down() {
  local name port inst names=()
  while read -r name port; do names=("$name" "${names[@]}"); done < <(service_list)
  for name in "${names[@]}"; do
    for inst in $(service_instances_known "$name"); do
      [[ -f $(comp_pidfile "$(instance_comp "$inst")") ]] || continue
      service_stop_one "$inst"
    done
  done
}

# Stops the instances above each service's count, after `up --replicas` lowered it.
services_retire() {
  local name inst
  for name in $(replicable_services); do
    for inst in $(service_instances_known "$name"); do
      instance_configured "$inst" && continue
      [[ -f $(comp_pidfile "$(instance_comp "$inst")") ]] || continue
      service_stop_one "$inst"
    done
  done
}

services_status_rows() {
  local name port inst comp pid h color
  while read -r name port; do
    for inst in $(service_instances_known "$name"); do
      comp=$(instance_comp "$inst")
      pid=$(read_pid "$(comp_pidfile "$comp")")
      if [[ -z $pid ]] && ! service_built "$name"; then continue; fi
      h=$(comp_proc_state "$comp")
      if [[ $h == running ]]; then service_healthy "$inst" && h=healthy || h=unhealthy; fi
      case $h in healthy) color=$_c_green ;; stopped) color="" ;; *) color=$_c_red ;; esac
      printf '%-14s %-44s %-8s %s%s%s\n' "$inst" "http://127.0.0.1:$(service_port "$inst")" "${pid:--}" "$color" "$h" "$_c_off"
    done
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

edge_up() {
  say "edge ($PROFILE profile)"
  nginx_up || die "the nginx edge is not healthy (see above); log: ./eda logs nginx --profile $PROFILE"
}

# What up and scale do once the instance counts are recorded: stop the surplus instances (their
# consumers drain and leave their groups), start the missing ones and wait for them. The edge goes
# first when services reach a replicated peer through it (edge_for_peers) or when it runs already:
# its upstreams then follow the new counts before a surplus instance is stopped.
services_roll_out() {
  local edge_first=0
  if replicas_any || [[ $(comp_proc_state nginx) == running ]]; then
    edge_first=1
    edge_up
  fi
  say "services ($PROFILE profile$(replicas_any && echo ", instances: $P_REPLICAS"))"
  services_retire
  services_up || die "some services are not healthy (see above); logs: ./eda logs <name> --profile $PROFILE"
  ((edge_first)) || edge_up
}

cmd_up() {
  parse_profile_args "$@"
  local replicas=${EDA_REPLICAS:-} from=EDA_REPLICAS
  set -- "${REST[@]}"
  while (($#)); do
    case $1 in
      --replicas) replicas=${2:-}; from=--replicas; shift; (($#)) && shift ;;
      --replicas=*) replicas=${1#*=}; from=--replicas; shift ;;
      *) die "unknown argument(s) for up: $* (see ./eda help)" ;;
    esac
  done
  [[ -n $replicas || $from != --replicas ]] || die "--replicas needs <service>=<count>[,...], e.g. order=3,catalog=2"
  load_profile "$PROFILE_ARG"
  resolve_brokers "$BROKERS_ARG"
  # A new setting replaces the recorded one; without one, up keeps what the profile runs.
  local record=0
  if [[ -n $replicas ]]; then replicas_parse "$replicas" "$from"; record=1; fi
  local t0=$SECONDS
  ensure_setup
  local runtime; mapfile -t runtime < <(runtime_targets)
  build_tree 0 0 "${runtime[@]}"
  # Toss keys that cannot work stop up before anything starts with them; eda-payment judges them
  # (nginx_toss_client_key), so this waits for the build.
  nginx_shop_config >/dev/null
  infra_up
  ((record)) && replicas_record
  services_roll_out
  echo
  print_status
  echo
  say "all up in $((SECONDS - t0))s. Stop with ./eda down$( [[ $PROFILE != dev ]] && echo " --profile $PROFILE")"
  say "the shop: $(nginx_url)"
}

# `eda scale order=3,catalog=1`: new instance counts for a running stack, without setup, build or the
# infrastructure. The named services get their count, the others keep theirs; then as in up.
cmd_scale() {
  parse_profile_args "$@"
  set -- "${REST[@]}"
  (($# == 1)) || die "usage: ./eda scale <service>=<count>[,...] [--profile P] (e.g. order=3,catalog=1)"
  load_profile "$PROFILE_ARG"
  resolve_brokers "$BROKERS_ARG"
  [[ $(comp_proc_state kafka-1) == running ]] || die "the $PROFILE stack is not running; start it with ./eda up$( [[ $PROFILE != dev ]] && echo " --profile $PROFILE")"
  local -A want=()
  local item items name spec=""
  for item in ${P_REPLICAS//,/ }; do want[${item%=*}]=${item#*=}; done
  replicas_parse "$1" "./eda scale"   # checks names and counts
  IFS=',' read -ra items <<<"${1//[[:space:]]/}"
  for item in "${items[@]}"; do [[ -n $item ]] && want[${item%=*}]=${item#*=}; done
  for name in $(replicable_services); do spec+="${spec:+,}$name=${want[$name]:-1}"; done
  replicas_parse "$spec" "./eda scale"
  replicas_record
  local t0=$SECONDS
  services_roll_out
  say "scaled in $((SECONDS - t0))s"
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
    local f inst
    if inst=$(instance_arg "$comp"); then comp=$(instance_comp "$inst"); fi
    f=$(comp_log "$comp")
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

# One instance (order, order#2, ...): SIGKILL (its pid file stays, so status shows it as dead), start
# and wait until healthy, stop.
service_kill() {
  local inst=$1 pid
  pid=$(live_pid "$(comp_pidfile "$(instance_comp "$inst")")")
  [[ -n $pid ]] || die "$inst is not running (profile $PROFILE)"
  kill -KILL "$pid"
  local i; for ((i = 0; i < 50; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  info "killed $inst (pid $pid, SIGKILL)"
}
service_start_one() {
  local inst=$1 name rc=0 comp
  name=$(instance_service "$inst"); comp=$(instance_comp "$inst")
  service_built "$name" || die "$name is not built (expected $EDA_BIN_DIR/eda-$name); run ./eda build"
  ensure_jwt_keys
  edge_for_peers
  service_shared_files
  [[ $(comp_proc_state "$comp") == running ]] || service_start "$inst"
  wait_until "$inst" 60 service_alive_check "$inst" || rc=$?
  if ((rc != 0)); then
    tail -n 20 "$(comp_log "$comp")" >&2 || true
    die "$inst $( ((rc == 2)) && echo 'exited during start-up' || echo 'did not answer /health/ready within 60s')"
  fi
  info "$inst healthy on http://127.0.0.1:$(service_port "$inst")"
}
service_stop_one() {
  stop_pid "$1" "$(comp_pidfile "$(instance_comp "$1")")" 30
  info "stopped $1"
}

# `eda kill|start|stop|restart <component>`: one server (mariadb, redis, kafka-N, cassandra), one
# service instance (member, order, order#2, ...), the edge (nginx), or `services` for every instance
# of every built service. Used by the fault tests.
cmd_component() {
  local verb=$1; shift
  parse_profile_args "$@"
  ((${#REST[@]} == 1)) || die "usage: ./eda $verb <component> [--profile P]; components: $(infra_components | tr '\n' ' ')services $(service_list | awk '{print $1}' | tr '\n' ' ')(instance k of a service: <name>#k)"
  local comp=${REST[0]} inst
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
  elif inst=$(instance_arg "$comp"); then
    # An instance above the service's count (left from a larger one) may still be killed or stopped;
    # it is never started, since neither the edge nor the services' URLs know it.
    if ! instance_configured "$inst" && [[ $verb == start || $verb == restart || ! -f $(comp_pidfile "$(instance_comp "$inst")") ]]; then
      die "$inst is not one of the $(replicas_count "${inst%%#*}") instance(s) of ${inst%%#*} in profile $PROFILE; more: ./eda up --replicas ${inst%%#*}=$(instance_index "$inst") --profile $PROFILE"
    fi
    case $verb in
      kill) service_kill "$inst" ;;
      start) service_start_one "$inst" ;;
      stop) service_stop_one "$inst" ;;
      restart) service_stop_one "$inst"; service_start_one "$inst" ;;
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
