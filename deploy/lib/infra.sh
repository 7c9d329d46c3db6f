# shellcheck shell=bash
# Infrastructure lifecycle for one profile: start (concurrently, reported one by one), stop in
# order, status, kill/start/restart of a single component, and the EDA_* environment.
# Component names: mariadb, redis, kafka-1..3, cassandra.

# The interface each server file (mariadb.sh, redis.sh, kafka.sh, cassandra.sh) implements, as
# functions named <type>_<fn>; Kafka's take the node number first (comp_call):
#   <type>_start           launch the server in the background (launch, common.sh) with its pid file at
#                          comp_pidfile and its log at comp_log; fail if its port is taken
#   <type>_healthy         status 0 once it answers (a port alone is not enough where a log line or a
#                          query tells more); asked only while its process runs
#   <type>_start_timeout   seconds comp_wait allows between start and healthy
#   <type>_after_ready     one-off initialisation once healthy (users, grants, topics, keyspaces);
#                          idempotent, since it runs on every `infra up`; a failure fails the start
#   <type>_address         what `status` shows in its address column
#   <type>_stop            stop it (stop_pid with a grace period; Kafka's nodes are stopped together by
#                          infra_down and need no order)
# Everything else in a server file is that server's own. New servers also join valid_component,
# infra_components and infra_stop_order below.
comp_type() { case $1 in kafka-[0-9]*) echo kafka ;; *) echo "$1" ;; esac; }

# Calls <type>_<fn> for a component; Kafka functions get the node number first.
comp_call() {
  local comp=$1 fn=$2; shift 2
  local type; type=$(comp_type "$comp")
  if [[ $type == kafka ]]; then "kafka_$fn" "${comp#kafka-}" "$@"; else "${type}_$fn" "$@"; fi
}

valid_component() {
  case $1 in
    mariadb | redis | cassandra) return 0 ;;
    kafka-[1-3]) ((${1#kafka-} <= P_BROKERS)) ;;
    *) return 1 ;;
  esac
}
require_component() {
  valid_component "$1" || die "unknown component '$1' for profile $PROFILE; one of: $(infra_components | tr '\n' ' ')"
}

# healthy | unhealthy (process up, not answering) | dead (pid file, no process) | stopped
comp_health() {
  local st; st=$(comp_proc_state "$1")
  if [[ $st != running ]]; then echo "$st"; return; fi
  if comp_call "$1" healthy; then echo healthy; else echo unhealthy; fi
}

comp_alive_check() {
  [[ $(comp_proc_state "$1") == running ]] || return 2
  comp_call "$1" healthy
}

# Waits for one component and runs its after-ready step; on failure shows its log.
comp_wait() {
  local comp=$1 t0=${2:-$SECONDS} timeout rc=0
  timeout=$(comp_call "$comp" start_timeout)
  wait_until "$comp" "$timeout" comp_alive_check "$comp" || rc=$?
  if ((rc == 0)); then
    comp_call "$comp" after_ready || rc=3
  fi
  if ((rc != 0)); then
    local why="did not become healthy within ${timeout}s"
    ((rc == 2)) && why="exited during start-up"
    ((rc == 3)) && why="started but its initialisation failed"
    printf '%serror:%s %s %s. Last lines of %s:\n' "$_c_red" "$_c_off" "$comp" "$why" "$(comp_log "$comp")" >&2
    tail -n 25 "$(comp_log "$comp")" >&2 2>/dev/null || true
    local out; out="$(comp_dir "$comp")/stdout.log"
    [[ -s $out ]] && { echo "--- $out:" >&2; tail -n 10 "$out" >&2; }
    return 1
  fi
  printf '    %-10s %shealthy%s  %-40s (%ds)\n' "$comp" "$_c_green" "$_c_off" "$(comp_call "$comp" address)" $((SECONDS - t0))
}

# Starts the given components together, then waits for each in order. Components already running
# are only waited for; dead ones (pid file, no process) are restarted.
infra_start_components() {
  local comps=("$@") c to_start=()
  for c in "${comps[@]}"; do
    case $(comp_proc_state "$c") in
      running) ;;
      *) to_start+=("$c") ;;
    esac
  done
  if ((${#to_start[@]} > 0)); then
    [[ -d $EDA_LIB_DIR/kafka && -d $EDA_LIB_DIR/cassandra ]] || ensure_setup
    require_java17
    # Check every port first so a conflict stops us before anything is half started.
    for c in "${to_start[@]}"; do
      case $c in
        mariadb) require_port_free "$P_MYSQL_PORT" mariadb ;;
        redis) require_port_free "$P_REDIS_PORT" redis ;;
        kafka-*) require_port_free "$(kafka_port "${c#kafka-}")" "$c"
                 require_port_free "$(kafka_ctrl_port "${c#kafka-}")" "$c (controller)" ;;
        cassandra) require_port_free "$P_CQL_PORT" "cassandra (CQL)"
                   require_port_free "$P_CASS_STORAGE_PORT" "cassandra (storage)" ;;
      esac
    done
    mkdir -p "$P_LOGS"
    # Kafka storage formats are independent JVM runs: do them side by side.
    kafka_cluster_id >/dev/null   # made once, before the formats run in parallel
    kafka_ensure_passwords
    local pids=() fc=()
    for c in "${to_start[@]}"; do
      [[ $c == kafka-* ]] || continue
      kafka_formatted "${c#kafka-}" && continue
      ( kafka_write_config "${c#kafka-}" && kafka_format "${c#kafka-}" ) &
      pids+=($!); fc+=("$c")
    done
    local i
    for i in "${!pids[@]}"; do wait "${pids[$i]}" || die "${fc[$i]}: storage format failed"; done
    for c in "${to_start[@]}"; do
      info "starting $c"
      comp_call "$c" start
    done
  fi
  local t0=$SECONDS failed=0
  for c in "${comps[@]}"; do comp_wait "$c" "$t0" || failed=1; done
  return "$failed"
}

infra_up() {
  local t0=$SECONDS comps
  mapfile -t comps < <(infra_components)
  say "infrastructure ($PROFILE profile, $P_BROKERS Kafka broker(s)): ${comps[*]}"
  infra_start_components "${comps[@]}" || die "infrastructure did not come up; fix the error above, then rerun (./eda infra status --profile $PROFILE)"
  kafka_provision || die "Kafka access could not be set up; fix the error above, then rerun ./eda infra up --profile $PROFILE"
  say "infrastructure up in $((SECONDS - t0))s (logs: var/$PROFILE/logs/)"
}

# Components with a pid file, in stop order: Cassandra, Kafka nodes, Redis, MariaDB.
infra_stop_order() {
  local c
  [[ -f $(comp_pidfile cassandra) ]] && echo cassandra
  for c in kafka-1 kafka-2 kafka-3; do [[ -f $(comp_pidfile "$c") ]] && echo "$c"; done
  [[ -f $(comp_pidfile redis) ]] && echo redis
  [[ -f $(comp_pidfile mariadb) ]] && echo mariadb
  return 0
}

infra_down() {
  local comps c t0=$SECONDS
  mapfile -t comps < <(infra_stop_order)
  if ((${#comps[@]} == 0)); then info "infrastructure ($PROFILE): nothing running"; return 0; fi
  say "stopping infrastructure ($PROFILE): ${comps[*]}"
  local kafka_pids=()
  for c in "${comps[@]}"; do
    if [[ $c == kafka-* ]]; then
      # The nodes stop together (they share one quorum; there is no useful order).
      comp_call "$c" stop & kafka_pids+=($!)
      continue
    fi
    if ((${#kafka_pids[@]} > 0)); then wait "${kafka_pids[@]}"; kafka_pids=(); info "stopped kafka"; fi
    comp_call "$c" stop
    info "stopped $c"
  done
  if ((${#kafka_pids[@]} > 0)); then wait "${kafka_pids[@]}"; info "stopped kafka"; fi
  say "infrastructure stopped in $((SECONDS - t0))s (data kept in var/$PROFILE)"
}

infra_status_rows() {
  local c pid h color
  for c in $(infra_components); do
    pid=$(read_pid "$(comp_pidfile "$c")")
    h=$(comp_health "$c")
    case $h in healthy) color=$_c_green ;; stopped) color="" ;; *) color=$_c_red ;; esac
    printf '%-14s %-44s %-8s %s%s%s\n' "$c" "$(comp_call "$c" address)" "${pid:--}" "$color" "$h" "$_c_off"
  done
}

infra_status() {
  printf '%s%-14s %-44s %-8s %s%s\n' "$_c_bold" NAME ADDRESS PID HEALTH "$_c_off"
  infra_status_rows
}

infra_kill() {
  local c=$1 pid; require_component "$c"
  pid=$(live_pid "$(comp_pidfile "$c")")
  [[ -n $pid ]] || die "$c is not running (profile $PROFILE)"
  kill -KILL "$pid"
  local i; for ((i = 0; i < 50; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  info "killed $c (pid $pid, SIGKILL); its pid file stays, so status shows it as dead"
}

infra_start_one() {
  local c=$1; require_component "$c"
  infra_start_components "$c" || die "$c did not start"
}

infra_stop_one() {
  local c=$1; require_component "$c"
  comp_call "$c" stop
  info "stopped $c"
}

cmd_infra() {
  local sub=${1:-status}; [[ $# -gt 0 ]] && shift
  local profile=dev brokers="" comp="" arg
  while (($#)); do
    arg=$1; shift
    case $arg in
      --profile) profile=${1:?--profile needs dev or test}; shift ;;
      --profile=*) profile=${arg#*=} ;;
      --brokers) brokers=${1:?--brokers needs 1 or 3}; shift ;;
      --brokers=*) brokers=${arg#*=} ;;
      -*) die "unknown option '$arg' for infra $sub (see ./eda help)" ;;
      *) comp=$arg ;;
    esac
  done
  load_profile "$profile"
  resolve_brokers "$brokers"
  case $sub in
    up) infra_up ;;
    down) infra_down ;;
    status) infra_status ;;
    env) profile_env ;;
    kill) infra_kill "${comp:?usage: ./eda infra kill <component> [--profile P]}" ;;
    start) infra_start_one "${comp:?usage: ./eda infra start <component> [--profile P]}" ;;
    stop) infra_stop_one "${comp:?usage: ./eda infra stop <component> [--profile P]}" ;;
    restart) comp=${comp:?usage: ./eda infra restart <component> [--profile P]}
             infra_stop_one "$comp"; infra_start_one "$comp" ;;
    *) die "unknown infra command '$sub'; use up|down|status|env|kill|start|stop|restart (see ./eda help)" ;;
  esac
}

# ---- class data sharing for the JVM servers (Kafka, Cassandra) ----------------------------------
# A JVM spends much of its start loading and verifying classes. The first start of a jar set records
# the classes it loaded into an archive (JDK 17's dynamic CDS, written when that JVM exits); later
# starts map the archive instead. The archive's name carries a fingerprint of the jars and of the JVM
# (names, sizes, times): new jars or a JDK update get a new archive, where the old one would only be
# refused. Only node 1 records, so two JVMs never write one file.
jvm_class_archive_opts() {
  local kind=$1 node=${2:-1} fp jsa
  fp=$( { stat -L -c '%n %s %Y' "$(dirname "$(readlink -f "$JAVA")")/../lib/server/libjvm.so"
          cd "$EDA_LIB_DIR/$kind" && stat -c '%n %s %Y' -- *; } | sha256sum | cut -c1-12)
  jsa="$EDA_LIB_DIR/$kind-classes-$fp.jsa"
  if [[ -s $jsa ]]; then
    echo "-XX:SharedArchiveFile=$jsa"
  elif [[ $node == 1 ]]; then
    rm -f "$EDA_LIB_DIR/$kind"-classes-*.jsa
    # Cassandra starts with a Java agent (jamm), which recording refuses unless told otherwise.
    printf '%s\n' "-XX:ArchiveClassesAtExit=$jsa" -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent
  fi
}
