# shellcheck shell=bash
# Shared helpers for ./eda: messages, profiles and ports, pid files, process launch/stop, port checks.
# Sourced by ./eda; every other deploy/lib/*.sh relies on the variables set here.

EDA_ROOT="${EDA_ROOT:?EDA_ROOT must be set by ./eda}"
EDA_VAR="$EDA_ROOT/var"
EDA_LIB_DIR="$EDA_VAR/lib"

# ---- messages -------------------------------------------------------------------------------
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  _c_bold=$'\e[1m'; _c_red=$'\e[31m'; _c_green=$'\e[32m'; _c_yellow=$'\e[33m'; _c_off=$'\e[0m'
else
  _c_bold=""; _c_red=""; _c_green=""; _c_yellow=""; _c_off=""
fi
say()  { printf '%s==>%s %s\n' "$_c_bold" "$_c_off" "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%swarning:%s %s\n' "$_c_yellow" "$_c_off" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$_c_red" "$_c_off" "$*" >&2; exit 1; }

# Runs a long command with its output in a log file, printing elapsed seconds every 10 s so the
# user sees progress instead of silence. On failure prints the log's tail and returns its status.
# usage: run_logged <label> <logfile> <cmd...>
run_logged() {
  local label=$1 logfile=$2; shift 2
  mkdir -p "$(dirname "$logfile")"
  local start=$SECONDS
  "$@" >"$logfile" 2>&1 &
  local pid=$! rc=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    local el=$((SECONDS - start))
    if ((el > 0 && el % 10 == 0)); then info "$label ... ${el}s"; fi
  done
  wait "$pid" || rc=$?
  if ((rc != 0)); then
    printf '%s failed (exit %d); last lines of %s:\n' "$label" "$rc" "$logfile" >&2
    tail -n 30 "$logfile" >&2
    return "$rc"
  fi
  info "$label done in $((SECONDS - start))s"
}

# ---- profiles ---------------------------------------------------------------------------------
# A profile is a complete, independent stack: its own ports and its own var/<profile>/ state.
# dev: what `./eda up` runs. test: what `./eda test` runs (never the dev servers).
# ci: a private copy of test on other ports, for running `./eda test` on a machine where someone
#     else keeps a test stack running (EDA_TEST_PROFILE=ci ./eda test).
# bench: what `./eda bench` starts afresh, so measurements never touch dev data.
# Services listen on their deploy/services.txt port plus the profile's offset (order: 8086 in dev,
# 28086 in test, 18086 in ci, 31086 in bench), plus 100 per instance after the first. Every port
# stays below 32768, where Linux's ephemeral ports begin (ip_local_port_range 32768-60999): a port
# there can be taken at random by any outgoing connection (a bench run once failed on EADDRINUSE).
eda_valid_profile() { [[ $1 == dev || $1 == test || $1 == ci || $1 == bench ]]; }

# Sets P_* variables (ports, directories) for profile $1.
load_profile() {
  local p=$1
  eda_valid_profile "$p" || die "unknown profile '$p' (use dev, test, ci or bench)"
  PROFILE=$p
  case $p in
    dev)  P_KAFKA_BASE=19092; P_CTRL_BASE=19192; P_MYSQL_PORT=3306;  P_REDIS_PORT=6379
          P_CQL_PORT=9042;  P_CASS_STORAGE_PORT=7000;  P_SVC_OFFSET=0 ;;
    test) P_KAFKA_BASE=29092; P_CTRL_BASE=29192; P_MYSQL_PORT=23306; P_REDIS_PORT=26379
          P_CQL_PORT=29042; P_CASS_STORAGE_PORT=27000; P_SVC_OFFSET=20000 ;;
    ci)   P_KAFKA_BASE=15092; P_CTRL_BASE=15192; P_MYSQL_PORT=13306; P_REDIS_PORT=16379
          P_CQL_PORT=15042; P_CASS_STORAGE_PORT=17000; P_SVC_OFFSET=10000 ;;
    bench) P_KAFKA_BASE=30092; P_CTRL_BASE=30192; P_MYSQL_PORT=30306; P_REDIS_PORT=30379
          P_CQL_PORT=30042; P_CASS_STORAGE_PORT=30000; P_SVC_OFFSET=23000 ;;
  esac
  P_STATE="$EDA_VAR/$p"
  P_LOGS="$P_STATE/logs"
  P_MYSQL_PASSWORD="${EDA_MYSQL_PASSWORD:-1234}"
  # The services' instance counts `./eda up --replicas` recorded (services.sh): every command of the
  # profile (status, down, kill, the edge's upstreams, the services' URLs) follows them.
  replicas_load
}

# Number of Kafka brokers for the loaded profile: the --brokers flag if given, else what the
# profile was formatted with, else 3. Fails if the flag contradicts the formatted storage.
resolve_brokers() {
  local requested=${1:-} stored=""
  [[ -f $P_STATE/kafka.brokers ]] && stored=$(<"$P_STATE/kafka.brokers")
  if [[ -n $requested ]]; then
    [[ $requested == 1 || $requested == 3 ]] || die "--brokers must be 1 or 3 (got '$requested')"
    if [[ -n $stored && $stored != "$requested" ]]; then
      die "profile '$PROFILE' was formatted with $stored Kafka broker(s); to switch to $requested run: ./eda reset --profile $PROFILE"
    fi
    P_BROKERS=$requested
  else
    P_BROKERS=${stored:-3}
  fi
}

kafka_nodes() { seq 1 "$P_BROKERS"; }
kafka_port() { echo $((P_KAFKA_BASE + $1 - 1)); }
kafka_ctrl_port() { echo $((P_CTRL_BASE + $1 - 1)); }
kafka_bootstrap() {
  local n out=""
  for n in $(kafka_nodes); do out+="${out:+,}127.0.0.1:$(kafka_port "$n")"; done
  echo "$out"
}

# Infrastructure components of the loaded profile, in start order.
infra_components() {
  echo mariadb
  echo redis
  local n; for n in $(kafka_nodes); do echo "kafka-$n"; done
  echo cassandra
}

comp_dir() { echo "$P_STATE/$1"; }
comp_pidfile() { echo "$P_STATE/$1/$1.pid"; }
comp_log() { echo "$P_LOGS/$1.log"; }

# Prints the `export EDA_...` lines for the loaded profile (P_BROKERS must be resolved). The MariaDB
# and Kafka credentials are the administrators' (root, admin), for tests and tools; service_start
# replaces them with the service's own. EDA_KAFKA_TLS=1: every Kafka client goes through the brokers'
# TLS listener (EDA_KAFKA_BROKERS and EDA_KAFKA_CA_FILE); EDA_KAFKA_TLS_* name it either way.
profile_env() {
  local kafka_brokers kafka_ca=""
  kafka_brokers=$(kafka_bootstrap)
  if [[ ${EDA_KAFKA_TLS:-0} == 1 ]]; then
    kafka_brokers=$(kafka_tls_bootstrap)
    kafka_ca="export EDA_KAFKA_CA_FILE='$(kafka_ca_file)'"
  fi
  cat <<ENV
export EDA_ROOT='$EDA_ROOT'
export EDA_PROFILE='$PROFILE'
export EDA_STATE_DIR='$P_STATE'
export EDA_KAFKA_BROKERS='$kafka_brokers'
${kafka_ca}
export EDA_KAFKA_TLS_BROKERS='$(kafka_tls_bootstrap)'
export EDA_KAFKA_TLS_CA_FILE='$(kafka_ca_file)'
$(kafka_client_env admin)
export EDA_MYSQL_HOST='127.0.0.1'
export EDA_MYSQL_PORT='$P_MYSQL_PORT'
export EDA_MYSQL_USER='root'
export EDA_MYSQL_PASSWORD='$P_MYSQL_PASSWORD'
export EDA_MYSQL_DATABASE='my_db'
export EDA_REDIS_HOST='127.0.0.1'
export EDA_REDIS_PORT='$P_REDIS_PORT'
export EDA_CASSANDRA_HOST='127.0.0.1'
export EDA_CASSANDRA_PORT='$P_CQL_PORT'
ENV
  # Tests and tools log in to Redis and Cassandra as their administrators (deploy/lib/redis.sh,
  # cassandra.sh); service_start gives each service its own user instead.
  redis_client_env default
  cassandra_client_env admin
  # Where each service and simulator of this profile answers (services call each other through
  # these; tests and tools find the stack through them). A service with several instances is reached
  # through the edge's internal load balancer (service_url).
  local name port upper
  while read -r name port; do
    upper=$(tr 'a-z-' 'A-Z_' <<<"$name")
    echo "export EDA_${upper}_URL='$(service_url "$name")'"
  done < <(service_list)
  # Whether the sandbox stands in for Toss is the services' decision (toss::Settings::ApiUrl: the
  # sandbox at EDA_TOSS_SANDBOX_URL, exported above, unless the secret key is a real account's); the
  # sandbox calls the payment service's webhook back.
  echo "export EDA_TOSS_WEBHOOK_URL='$(service_url payment)/payments/webhooks/toss'"
  echo "export EDA_CARRIER_URL='$(service_url carrier-sim)'"
  echo "export EDA_ORDER_PUBLIC_URL='$(service_url order)'"
  # The scrape token every component requires on /metrics (services.sh ensure_metrics_token).
  echo "export EDA_METRICS_TOKEN_FILE='$(metrics_token_file)'"
  # A local stack answers on loopback only (the binaries' default, 0.0.0.0, is for containers).
  echo "export EDA_HTTP_ADDRESS='127.0.0.1'"
  # Saga timing of a local stack (the binaries' defaults are production ones: the carrier moves a
  # parcel every 60 s and delivery polls every 200 s as the original did). dev: a demo order is
  # delivered in seconds; test/ci/bench: every step within a second or two, and unpaid orders
  # expire after 2 minutes so fault tests can wait for every order to end. The caller's values win.
  local step=1 poll=1 sweep=1s created=120s
  [[ $PROFILE == dev ]] && { step=3; poll=3; sweep=5s; created=30m; }
  echo "export EDA_CARRIER_STEP_SECONDS='${EDA_CARRIER_STEP_SECONDS:-$step}'"
  echo "export EDA_DELIVERY_POLL_SECONDS='${EDA_DELIVERY_POLL_SECONDS:-$poll}'"
  echo "export EDA_ORDER_SWEEP_INTERVAL='${EDA_ORDER_SWEEP_INTERVAL:-$sweep}'"
  echo "export EDA_ORDER_CREATED_DEADLINE='${EDA_ORDER_CREATED_DEADLINE:-$created}'"
}

# ---- processes --------------------------------------------------------------------------------
# Pid recorded in a pid file, or empty.
read_pid() { if [[ -f $1 ]]; then tr -dc '0-9' <"$1" || true; fi; }
# A zombie (exited, not yet reaped by its parent) counts as gone.
pid_alive() {
  [[ -n $1 ]] && kill -0 "$1" 2>/dev/null || return 1
  local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# The pid in <pidfile> if that process is running, else nothing. A pid file older than the last
# boot never counts: its pid may now belong to an unrelated process.
live_pid() {
  local pid; pid=$(read_pid "$1")
  [[ -n $pid ]] || return 0
  (($(stat -c %Y "$1") >= $(awk '/^btime/ {print $2}' /proc/stat))) || return 0
  if pid_alive "$pid"; then echo "$pid"; fi
}

# State of a component from its pid file: running | dead (pid file, no process) | stopped.
comp_proc_state() {
  local f; f=$(comp_pidfile "$1")
  if [[ ! -f $f ]]; then echo stopped
  elif [[ -n $(live_pid "$f") ]]; then echo running
  else echo dead; fi
}

# Starts a command as a detached daemon in its own session: stdin from /dev/null, stdout/stderr
# appended to <out>, no inherited descriptors, pid written to <pidfile> (the exec'd process).
# usage: launch <pidfile> <out> <cmd...>
launch() {
  local pidfile=$1 out=$2; shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$out")"
  rm -f "$pidfile"
  # shellcheck disable=SC2016  # $1, $$ and $@ are the inner shell's, expanded there
  nohup setsid bash -c '
    pidfile=$1; shift
    for fd in /proc/$$/fd/*; do fd=${fd##*/}; ((fd > 2)) && eval "exec $fd>&-"; done
    echo $$ >"$pidfile"
    exec "$@"' _ "$pidfile" "$@" >>"$out" 2>&1 </dev/null &
  disown $! 2>/dev/null || true   # not our job: no "Killed" notice when it is stopped later
  local i
  for ((i = 0; i < 50; i++)); do [[ -s $pidfile ]] && return 0; sleep 0.1; done
  die "could not start $1 (no pid file $pidfile)"
}

# Sends SIGTERM, waits up to <timeout> s, then SIGKILL. Removes the pid file.
# usage: stop_pid <name> <pidfile> <timeout>
stop_pid() {
  local name=$1 pidfile=$2 timeout=$3 pid i
  pid=$(live_pid "$pidfile")
  if [[ -z $pid ]]; then rm -f "$pidfile"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    pid_alive "$pid" || break
    sleep 0.2
  done
  if pid_alive "$pid"; then
    warn "$name (pid $pid) did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

# ---- files ------------------------------------------------------------------------------------
# A password made once per installation (hex of 32 random bytes) in <file>, mode 0600 in a 0700
# directory; kept when it exists. Programs get the file's path, never the password.
ensure_password_file() {
  local file=$1 dir; dir=$(dirname "$1")
  mkdir -p "$dir" && chmod 700 "$dir"
  [[ -s $file ]] && return 0
  ( umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$file.tmp" && echo >>"$file.tmp" &&
      mv -f "$file.tmp" "$file" ) || die "could not write $file"
}
# The most recently modified of the given paths that exist, or nothing: newest_file build/*/bin/x
newest_file() {
  local f newest=""
  for f in "$@"; do
    if [[ -e $f && (-z $newest || $f -nt $newest) ]]; then newest=$f; fi
  done
  [[ -z $newest ]] || echo "$newest"
}
# The names of the files <dir>/*<suffix> without the suffix, on one line (for messages).
file_stems() {
  local f stems=()
  for f in "$1"/*"$2"; do
    if [[ -e $f ]]; then f=${f##*/}; stems+=("${f%"$2"}"); fi
  done
  echo "${stems[*]}"
}

# ---- ports ------------------------------------------------------------------------------------
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Describes who listens on a TCP port ("pid 123 (java)"), or prints nothing if the port is free.
port_holder() {
  local line
  line=$(ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 1p) || true
  [[ -z $line ]] && return 0
  local proc
  proc=$(grep -o 'users:(([^)]*))' <<<"$line" | sed -E 's/users:\(\("([^"]*)",pid=([0-9]+).*/pid \2 (\1)/')
  echo "${proc:-an unknown process}"
}

# Fails with a helpful message if <port> is taken by a process other than <allowed pid>.
require_port_free() {
  local port=$1 what=$2 holder
  holder=$(port_holder "$port")
  [[ -z $holder ]] && return 0
  die "port $port (needed by $what, profile $PROFILE) is already in use by $holder.
       Stop that process (or run ./eda down --profile <its profile>), then try again.
       See: ss -ltnp 'sport = :$port'"
}

# Waits until <check cmd...> succeeds, printing elapsed seconds every 10 s. A check returning 2
# ends the wait at once. usage: wait_until <label> <timeout> <cmd...>; returns 1 on timeout.
wait_until() {
  local label=$1 timeout=$2; shift 2
  local start=$SECONDS last=0 rc
  while true; do
    rc=0; "$@" || rc=$?
    ((rc == 0)) && return 0
    ((rc == 2)) && return 2   # the check says waiting is pointless (process gone)
    local el=$((SECONDS - start))
    if ((el >= timeout)); then return 1; fi
    if ((el >= last + 10)); then last=$el; info "waiting for $label ... ${el}s"; fi
    sleep 0.5
  done
}
