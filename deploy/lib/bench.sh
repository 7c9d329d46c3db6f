# shellcheck shell=bash
# `eda bench`: the system benchmark (a clean stack of the bench profile driven by eda-loadgen), or
# one micro-benchmark script bench/<name>.sh.
#
#   ./eda bench            the standard scenario set (below) on a fresh bench stack; stops it at the end
#   ./eda bench <name>     bench/<name>.sh against the dev profile's environment (as before)
#   ./eda bench micro      every bench/*.sh
#
# Standard set (results in bench/results/<UTC date>/: report.md, results.json, *.svg):
#   read        closed model, EDA_BENCH_READ_USERS users, browse/search/view/track only
#   checkout-N  closed model, N users buying as fast as they can, for each N in EDA_BENCH_CHECKOUT_USERS;
#               the best one is the saturation figure (sagas reaching DELIVERY_REQUESTED per second)
#   rate-R      open model at R purchases/s, searched (doubling, then bisection, at most 7 runs of
#               EDA_BENCH_RATE_SECONDS, default 30) for the highest rate the saga sustains: finish ->
#               DELIVERY_REQUESTED p99 < 1 s, nothing left behind, >= 95 % of R achieved, < 1 % errors
#   saga        open model at half the sustainable rate, every order tracked to DELIVERED
# Every scenario reports CPU-milliseconds per purchase for every process (report.md).
# Knobs: EDA_BENCH_SECONDS (measured seconds per scenario, 45), EDA_BENCH_WARMUP (10),
# EDA_BENCH_STACK_WARMUP (60: unmeasured mixed load before the first scenario, for the JVMs' JIT),
# EDA_BENCH_READ_USERS (16), EDA_BENCH_CHECKOUT_USERS ("8 32"), EDA_BENCH_RELOGIN (0.1),
# EDA_BENCH_RATE_START (first rate of the search; default 0.8 x the checkout saturation),
# EDA_BENCH_SAGA_RATE (fixed rate instead of half the sustainable one), EDA_BENCH_REPLICAS
# ("order=2,catalog=2": several instances of those services, as `./eda up --replicas`; the load and
# the services' calls go through the edge's internal balancer, each instance is a row of the CPU
# tables, e.g. order-2), EDA_BENCH_PERF (1: perf profile of the hottest service during the last
# checkout run, when perf exists), EDA_BENCH_KEEP=1 (leave the stack up),
# EDA_BIN_DIR (service binaries, default build/bin), EDA_LOADGEN_BIN (eda-loadgen; default: EDA_BIN_DIR,
# then the newest build/*/bin), EDA_BENCH_OUT (results directory).

cmd_bench() {
  local name=${1:-}
  case $name in
    "") bench_standard ;;
    micro) bench_scripts ;;
    -h | --help | help) sed -n '3,/^[^#]/{/^#/p}' "$EDA_ROOT/deploy/lib/bench.sh" | sed 's/^# \{0,1\}//' ;;
    *) bench_scripts "$name" ;;
  esac
}

# One bench/<name>.sh, or all of them, with the dev profile's variables (the scripts pick their stack).
bench_scripts() {
  local name=${1:-} scripts=()
  if [[ -n $name ]]; then
    [[ -f $EDA_ROOT/bench/$name.sh ]] || die "no benchmark bench/$name.sh (have: $(file_stems "$EDA_ROOT/bench" .sh); or no name for the standard set)"
    scripts=("$EDA_ROOT/bench/$name.sh")
  else
    shopt -s nullglob
    scripts=("$EDA_ROOT"/bench/*.sh)
    shopt -u nullglob
    if ((${#scripts[@]} == 0)); then info "no benchmarks yet (add bench/<name>.sh)"; return 0; fi
  fi
  load_profile "${EDA_PROFILE_FOR_BENCH:-dev}"
  resolve_brokers ""
  eval "$(profile_env)"
  local s failed=0
  for s in "${scripts[@]}"; do
    say "bench $(basename "$s" .sh)"
    bash "$s" || { warn "$(basename "$s") failed"; failed=1; }
  done
  return "$failed"
}

# Marks a rate-search run sustainable or not, in its result file (the report reads the mark): the
# saga kept up when finish -> DELIVERY_REQUESTED stayed under 1 s at p99, every order of the window got
# there (no backlog left when the drain ended), the generator achieved at least 95 % of the target
# rate, and fewer than 1 % of the calls failed. usage: bench_mark_sustainable <result.json> <rate>
bench_mark_sustainable() {
  python3 - "$1" "$2" <<'PY'
import json, sys
path, target = sys.argv[1], float(sys.argv[2])
r = json.load(open(path))
t = r.get("totals", {})
saga = r.get("flows", {}).get("saga.delivery_requested", {})
p99 = saga.get("latency", {}).get("p99_ms", 1e9)
why = []
if p99 >= 1000: why.append(f"p99 {p99:.0f} ms >= 1000 ms")
if t.get("sagas_not_completed", 0) > 0: why.append(f"{t.get('sagas_not_completed')} orders did not reach DELIVERY_REQUESTED")
if t.get("purchases_per_second", 0) < 0.95 * target: why.append(f"only {t.get('purchases_per_second', 0):.1f} purchases/s achieved")
if t.get("error_rate", 1) >= 0.01: why.append(f"error rate {100 * t.get('error_rate', 1):.1f} %")
r["rate_search"] = {"target_rate": target, "sustainable": not why, "why_not": "; ".join(why)}
json.dump(r, open(path, "w"))
print(f"    rate {target:g}/s: " + ("sustainable" if not why else "not sustainable: " + "; ".join(why)), file=sys.stderr)
sys.exit(0 if not why else 1)
PY
}

# CPU of the whole stack (every pid file under the profile's state), in % of one core over $1 seconds.
bench_stack_cpu_pct() {
  local pids=() f p before after
  for f in "$P_STATE"/*/*.pid; do p=$(read_pid "$f"); [[ -n $p ]] && pids+=("$p"); done
  mapfile -t pids < <(printf '%s\n' "${pids[@]}" | sort -u)
  before=$(bench_cpu_ticks "${pids[@]}"); sleep "$1"; after=$(bench_cpu_ticks "${pids[@]}")
  echo $(((after - before) * 100 / $(getconf CLK_TCK) / $1))
}
bench_cpu_ticks() {
  local t=0 p
  for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$t"
}

# Waits (at most EDA_BENCH_SETTLE_MAX s, default 90) until the stack is quiet (under
# EDA_BENCH_SETTLE_PCT % of one core, default 40; idle it takes about 20) before a scenario is
# measured: a run above the sustainable rate leaves work behind (the later saga steps, the relays,
# JVM collections), and the next scenario measured on top of it once read p50 477 ms at half the rate.
bench_settle() {
  local max=${EDA_BENCH_SETTLE_MAX:-90} limit=${EDA_BENCH_SETTLE_PCT:-40} t0=$SECONDS pct=0
  while ((SECONDS - t0 < max)); do
    pct=$(bench_stack_cpu_pct 2)
    if ((pct < limit)); then
      info "stack quiet ($pct % of a core) after $((SECONDS - t0))s"
      return 0
    fi
  done
  warn "the stack is still busy ($pct % of a core) after ${max}s; measuring anyway"
}

# The newest executable named $1: $EDA_BIN_DIR first, then build/*/bin.
bench_find_bin() {
  local name=$1 override=${2:-}
  if [[ -n $override ]]; then echo "$override"; return; fi
  if [[ -x $EDA_BIN_DIR/$name ]]; then echo "$EDA_BIN_DIR/$name"; return; fi
  newest_file "$EDA_ROOT"/build/*/bin/"$name"
}

# Value of a JSON path (dots) in a file, or the default: bench_json <file> <a.b.c> [default]
bench_json() {
  python3 - "$1" "$2" "${3:-}" <<'PY'
import json, sys
try:
    v = json.load(open(sys.argv[1]))
    for k in sys.argv[2].split("."):
        v = v[k]
    print(v)
except Exception:
    print(sys.argv[3])
PY
}

BENCH_STACK_UP=0
BENCH_PERF_PID=""
bench_cleanup() {
  local rc=$?
  if [[ -n $BENCH_PERF_PID ]] && kill -0 "$BENCH_PERF_PID" 2>/dev/null; then kill -INT "$BENCH_PERF_PID" 2>/dev/null || true; fi
  if ((BENCH_STACK_UP)); then
    if [[ ${EDA_BENCH_KEEP:-0} == 1 ]]; then
      info "EDA_BENCH_KEEP=1: the bench stack stays up (./eda down --profile bench)"
    else
      say "stopping the bench stack"
      services_down || true
      [[ $(comp_proc_state nginx) == running ]] && { nginx_down || true; }
      infra_down || true
    fi
    BENCH_STACK_UP=0
  fi
  return "$rc"
}

bench_standard() {
  local seconds=${EDA_BENCH_SECONDS:-45} warmup=${EDA_BENCH_WARMUP:-10}
  local read_users=${EDA_BENCH_READ_USERS:-16} checkout_users=${EDA_BENCH_CHECKOUT_USERS:-8 32}
  local relogin=${EDA_BENCH_RELOGIN:-0.1}
  [[ $seconds =~ ^[0-9]+$ && $seconds -ge 5 ]] || die "EDA_BENCH_SECONDS must be a whole number >= 5 (got '$seconds')"
  [[ $warmup =~ ^[0-9]+$ ]] || die "EDA_BENCH_WARMUP must be a whole number (got '$warmup')"
  [[ ${EDA_BENCH_STACK_WARMUP:-60} =~ ^[0-9]+$ ]] || die "EDA_BENCH_STACK_WARMUP must be a whole number of seconds"
  require_tool python3 python3

  local loadgen report
  loadgen=$(bench_find_bin eda-loadgen "${EDA_LOADGEN_BIN:-}")
  report=$(bench_find_bin eda-benchreport "${EDA_BENCHREPORT_BIN:-$( [[ -n ${EDA_LOADGEN_BIN:-} ]] && echo "$(dirname "$EDA_LOADGEN_BIN")/eda-benchreport")}")
  [[ -n $loadgen && -x $loadgen ]] || die "eda-loadgen is not built (./eda build, or EDA_LOADGEN_BIN=<path>)"
  [[ -n $report && -x $report ]] || die "eda-benchreport is not built (it is built with eda-loadgen from tools/loadgen)"
  local name missing=()
  while read -r name _; do service_built "$name" || missing+=("$name"); done < <(service_list)
  [[ -x $EDA_BIN_DIR/eda-keygen ]] || missing+=(keygen)
  if ((${#missing[@]} > 0)); then
    if [[ " ${missing[*]} " == *" payment "* && ${#missing[@]} == 1 ]]; then
      warn "eda-payment is not in $EDA_BIN_DIR: purchases will stop at PAYMENT_REQUESTED (no saga figures)"
    else
      die "missing binaries in $EDA_BIN_DIR: ${missing[*]} (run ./eda build, or point EDA_BIN_DIR at a complete build's bin/)"
    fi
  fi

  local date_dir out tmp t_start=$SECONDS
  date_dir=$(date -u +%F)
  out=${EDA_BENCH_OUT:-$EDA_ROOT/bench/results/$date_dir}
  mkdir -p "$out"
  tmp=$(mktemp -d)

  # ---- a clean stack ----
  say "bench: a clean stack of the bench profile (Kafka 30092-30094, MariaDB 30306, Redis 30379, Cassandra 30042, services +23000)"
  local uptime_before; uptime_before=$(uptime)
  cmd_reset --profile bench
  load_profile bench
  resolve_brokers "${EDA_BENCH_BROKERS:-}"
  ensure_setup
  if [[ -n ${EDA_BENCH_REPLICAS:-} ]]; then
    replicas_parse "$EDA_BENCH_REPLICAS" EDA_BENCH_REPLICAS
    replicas_record
  fi
  BENCH_STACK_UP=1
  trap 'bench_cleanup' EXIT
  trap 'exit 130' INT TERM
  infra_up
  # Saga timing on a bench scale: the carrier moves a parcel every second and the delivery poller asks
  # every second (production: 60 s and 200 s), so DELIVERED is reached within seconds.
  export EDA_CARRIER_STEP_SECONDS=${EDA_CARRIER_STEP_SECONDS:-1} EDA_DELIVERY_POLL_SECONDS=${EDA_DELIVERY_POLL_SECONDS:-1}
  export EDA_LOG_LEVEL=${EDA_BENCH_LOG_LEVEL:-info}
  say "services (bench profile, binaries from $EDA_BIN_DIR)"
  services_up || die "some services are not healthy (see above); logs: ./eda logs <name> --profile bench"
  eval "$(profile_env)"
  export EDA_STATE_DIR="$P_STATE"

  # The load generator asks each service URL for /health/ready before it starts; with several instances
  # a URL is the edge's internal listener, which routes only the services' own paths, and services_up
  # has already waited for every instance.
  local ready=(--wait-ready 120)
  replicas_any && ready=(--skip-ready)
  local common=(--warmup "$warmup" --duration "$seconds" --state-dir "$P_STATE" --relogin "$relogin" "${ready[@]}")
  local files=() notes=() sections=()

  # ---- the JVMs' warm-up, not measured ----
  # Cassandra and the brokers compile their hot paths for minutes after a start: the read mix measured
  # first on a fresh stack ran at about 660 requests/s, the same mix a few minutes later at about
  # 1,430 on the same stack (C2 compiler threads took a third of a broker's CPU meanwhile). Every
  # scenario below measures the warm system; a production JVM runs warm.
  local stack_warmup=${EDA_BENCH_STACK_WARMUP:-60}
  if ((stack_warmup > 0)); then
    say "warming the stack up: ${stack_warmup}s of the default mix (reads and purchases), not measured"
    "$loadgen" --name stack-warmup --model closed --users 16 --track none --buyers 8 --warmup 0 \
      --duration "$stack_warmup" --state-dir "$P_STATE" --relogin "$relogin" "${ready[@]}" --quiet \
      --json "$tmp/stack-warmup.json" >"$tmp/stack-warmup.log" 2>&1 || die "the stack warm-up failed (log: $tmp/stack-warmup.log)"
  fi

  # ---- read-heavy ----
  bench_settle
  say "scenario read: $read_users users, browse/search/view/track, ${seconds}s (+${warmup}s warm-up)"
  "$loadgen" --name read --model closed --users "$read_users" --mix browse=30,search=30,view=35,track=5 \
    --track none --buyers 4 "${common[@]}" --json "$tmp/read.json" 2> >(tee "$tmp/read.log" >&2) || die "the read scenario failed"
  files+=("$tmp/read.json")

  # ---- checkout saturation ----
  local n best_rate=0 hottest="" last_users
  last_users=$(awk '{print $NF}' <<<"$checkout_users")
  for n in $checkout_users; do
    bench_settle
    say "scenario checkout-$n: $n users buying back to back, ${seconds}s (+${warmup}s warm-up)"
    local perf_for=""
    if [[ $n == "$last_users" && ${EDA_BENCH_PERF:-1} == 1 && -n $hottest ]]; then perf_for=$hottest; fi
    if [[ -n $perf_for ]]; then bench_perf_later "$perf_for" "$tmp/checkout-$n.log" "$warmup" "$seconds" "$tmp" & BENCH_PERF_PID=$!; fi
    "$loadgen" --name "checkout-$n" --model closed --users "$n" --mix buy=100 --track requested --poll-ms 1000 \
      --drain 60 --buyers $((n < 16 ? n : 16)) "${common[@]}" --json "$tmp/checkout-$n.json" 2> >(tee "$tmp/checkout-$n.log" >&2) ||
      die "the checkout-$n scenario failed"
    files+=("$tmp/checkout-$n.json")
    if [[ -n $BENCH_PERF_PID ]]; then wait "$BENCH_PERF_PID" || true; BENCH_PERF_PID=""; fi
    local rate
    rate=$(bench_json "$tmp/checkout-$n.json" totals.sagas_delivery_requested_per_second 0)
    if python3 -c "import sys; sys.exit(0 if float('$rate') > float('$best_rate') else 1)"; then
      best_rate=$rate
    fi
    hottest=$(python3 - "$tmp/checkout-$n.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["processes"]
infra = ("loadgen", "mariadb", "redis", "cassandra")
svc = {k: v["cpu_avg_pct"] for k, v in p.items() if k not in infra and not k.startswith("kafka")}
print(max(svc, key=svc.get) if svc else "")
PY
)
  done
  if [[ -f $tmp/perf.txt ]]; then sections+=(--section "Where the time goes: perf profile of $(cat "$tmp/perf.target") during the last checkout run=$tmp/perf.txt"); fi

  # ---- the sustainable saga rate: the highest fixed arrival rate the saga keeps up with ----
  local sustainable=0 failing="" rate_seconds=${EDA_BENCH_RATE_SECONDS:-$(( seconds < 30 ? seconds : 30 ))}
  local rate
  rate=${EDA_BENCH_RATE_START:-$(python3 -c "print(max(5, round(float('$best_rate') * 0.8)))")}
  local step
  for step in 1 2 3 4 5 6 7; do
    bench_settle
    say "scenario rate-$rate: open model at $rate purchases/s for ${rate_seconds}s (sustainable rate search, step $step)"
    "$loadgen" --name "rate-$rate" --model open --rate "$rate" --mix buy=100 --track requested --poll-ms 500 \
      --saga-timeout 30 --drain 30 --buyers 32 --relogin 0 --max-inflight 2000 --warmup "$warmup" --duration "$rate_seconds" \
      --state-dir "$P_STATE" "${ready[@]}" --json "$tmp/rate-$rate.json" 2> >(tee "$tmp/rate-$rate.log" >&2) ||
      die "the rate-$rate scenario failed"
    files+=("$tmp/rate-$rate.json")
    if bench_mark_sustainable "$tmp/rate-$rate.json" "$rate"; then
      sustainable=$rate
      [[ -n $failing ]] && ((failing - rate <= rate / 8 + 1)) && break
      rate=$([[ -n $failing ]] && echo $(((rate + failing) / 2)) || echo $((rate * 2)))
    else
      failing=$rate
      ((sustainable > 0 && failing - sustainable <= sustainable / 8 + 1)) && break
      rate=$([[ $sustainable -gt 0 ]] && echo $(((sustainable + failing) / 2)) || echo $((rate / 2)))
      ((rate >= 1)) || break
    fi
  done

  # ---- saga latency at half the sustainable rate ----
  local saga_rate
  saga_rate=${EDA_BENCH_SAGA_RATE:-$(python3 -c "print(round(max(float('$sustainable' or '$best_rate') / 2, 0.5), 2))")}
  bench_settle
  say "scenario saga: open model at $saga_rate purchases/s (half of the sustainable $sustainable/s), every order tracked to DELIVERED"
  "$loadgen" --name saga --model open --rate "$saga_rate" --mix buy=100 --track delivered --poll-ms 250 \
    --saga-timeout 60 --drain 45 --buyers 16 "${common[@]}" --json "$tmp/saga.json" 2> >(tee "$tmp/saga.log" >&2) ||
    die "the saga scenario failed"
  files+=("$tmp/saga.json")

  # ---- report ----
  notes+=(--note "$(date -u +%FT%TZ), host $(hostname), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo); every server, service and the load generator on this machine, loopback only")
  notes+=(--note "uptime before the stack started: ${uptime_before# }; after the last scenario: $(uptime | sed 's/^ *//')")
  local instances_note="" instances_knob=""
  if replicas_any; then
    instances_note="; instances: $P_REPLICAS, balanced by the nginx edge"
    instances_knob=" EDA_BENCH_REPLICAS=$P_REPLICAS"
  fi
  notes+=(--note "bench profile, fresh state ($P_BROKERS Kafka brokers, MariaDB, Redis, one Cassandra node$instances_note); binaries from ${EDA_BIN_DIR#"$EDA_ROOT"/} (git $(git -C "$EDA_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))")
  notes+=(--note "carrier step ${EDA_CARRIER_STEP_SECONDS}s, delivery poll ${EDA_DELIVERY_POLL_SECONDS}s (DELIVERED latency is mostly these two timers); $relogin of the purchases log in first (argon2id)")
  notes+=(--note "reproduce: ./eda bench (EDA_BENCH_SECONDS=$seconds EDA_BENCH_WARMUP=$warmup EDA_BENCH_STACK_WARMUP=$stack_warmup EDA_BENCH_READ_USERS=$read_users EDA_BENCH_CHECKOUT_USERS=\"$checkout_users\"$instances_knob)")
  [[ -f $tmp/perf.txt ]] || notes+=(--note "perf profile: $( command -v perf >/dev/null && echo 'not taken (EDA_BENCH_PERF=0 or a single checkout run)' || echo 'perf is not installed')")
  "$report" --out "$out" --title "eda system benchmark $(date -u +%F)" "${notes[@]}" "${sections[@]}" "${files[@]}" >"$tmp/headline.json" ||
    die "eda-benchreport failed"
  python3 - "$tmp/headline.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
def g(k, fmt="{:.1f}"):
    v = h.get(k)
    return "-" if v is None else fmt.format(v) if isinstance(v, (int, float)) else str(v)
print()
print(f"  read-heavy mix           {g('read_requests_per_second', '{:.0f}')} req/s (p99 {g('read_p99_ms')} ms)")
print(f"  checkout saturation      {g('saturation_sagas_per_second', '{:.2f}')} completed purchases/s "
      f"({g('saturation_purchases_per_second', '{:.2f}')}/s through the success page, {g('saturation_scenario')})")
print(f"  hottest service          {g('hottest_service')} ({g('hottest_service_cpu_pct', '{:.0f}')} % of a core)")
cpu = h.get("sustainable_cpu_ms_per_purchase") or {}
print(f"  sustainable saga rate    {g('sustainable_saga_rate_per_second', '{:.0f}')} purchases/s (finish -> DELIVERY_REQUESTED "
      f"p50 {g('sustainable_p50_ms', '{:.0f}')} ms, p99 {g('sustainable_p99_ms', '{:.0f}')} ms); CPU-ms per purchase: "
      + ", ".join(f"{k} {v:.1f}" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1])))
print(f"  saga at {g('saga_rate_per_second', '{:.2f}')}/s   finish -> DELIVERY_REQUESTED p50 {g('saga_to_delivery_requested_p50_ms', '{:.0f}')} ms, "
      f"p99 {g('saga_to_delivery_requested_p99_ms', '{:.0f}')} ms; -> DELIVERED p50 {g('saga_to_delivered_p50_ms', '{:.0f}')} ms, "
      f"p99 {g('saga_to_delivered_p99_ms', '{:.0f}')} ms")
print("  RSS MiB idle -> max:     " + ", ".join(f"{k} {v['rss_idle_mib']:.0f}->{v['rss_max_mib']:.0f}"
                                               for k, v in sorted(h.get("processes", {}).items())))
PY
  rm -rf "$tmp"
  say "bench done in $((SECONDS - t_start))s: $out/report.md (+ results.json, *.svg)"
}

# Waits until the load generator's log says the setup is done, lets the warm-up pass, then records a
# CPU profile of one service for part of the measured window: perf.txt (top symbols) in <tmp>.
# usage: bench_perf_later <service> <loadgen log> <warmup s> <seconds> <tmp>
bench_perf_later() {
  local svc=$1 log=$2 warmup=$3 seconds=$4 tmp=$5 pid i
  command -v perf >/dev/null || return 0
  pid=$(live_pid "$(comp_pidfile "$svc")")
  [[ -n $pid ]] || return 0
  for ((i = 0; i < 600; i++)); do grep -q 'setup done' "$log" 2>/dev/null && break; sleep 0.5; done
  sleep $((warmup + 2))
  local len=$((seconds > 25 ? 20 : seconds - 5))
  ((len >= 3)) || return 0
  echo "$svc" >"$tmp/perf.target"
  perf record -F 199 -p "$pid" -o "$tmp/perf.data" -- sleep "$len" >/dev/null 2>"$tmp/perf.err" || return 0
  {
    echo "perf record -F 199 -p <$svc pid> for ${len}s; perf report --no-children --sort dso,symbol (top 45)"
    perf report -i "$tmp/perf.data" --stdio --no-children --sort dso,symbol -g none --percent-limit 0.7 2>/dev/null |
      grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//; s/[[:space:]]+$//' | head -45 || true
    echo
    echo "by shared object:"
    perf report -i "$tmp/perf.data" --stdio --no-children --sort dso -g none 2>/dev/null | grep -v '^#' | grep -v '^$' |
      sed -E 's/[[:space:]]+$//' | head -12 || true
  } >"$tmp/perf.txt"
}
