# shellcheck shell=bash
# `eda test`: the one test command. Unit tests first (no servers), then a fresh test-profile stack,
# every other ctest label against it, and the stack stopped on every exit path.

# Runs ctest with the given arguments, appends its output to a log, and adds the pass/fail counts
# of its summary line to TEST_PASSED / TEST_FAILED. Returns ctest's status.
run_ctest() {
  local label=$1; shift
  local out="$TEST_LOG_DIR/ctest-$label.log" rc=0
  ctest --test-dir "$TEST_BUILD_DIR" --no-tests=ignore "$@" 2>&1 | tee "$out" || rc=${PIPESTATUS[0]}
  local line total failed
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -n 1 || true)
  if [[ -n $line ]]; then
    failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    TEST_PASSED=$((TEST_PASSED + total - failed))
    TEST_FAILED=$((TEST_FAILED + failed))
  elif ((rc != 0)); then
    TEST_FAILED=$((TEST_FAILED + 1))   # ctest itself failed (no summary): count it as a failure
  fi
  return "$rc"
}

# What each service complained about and which partitions its consumers hold, printed when a suite
# that drives the services fails: CI keeps only this output, not var/<profile>/logs.
print_service_diagnostics() {
  local name port log lines
  say "service diagnostics ($PROFILE profile): warnings and errors, consumer assignment"
  while read -r name port; do
    port=$((port + P_SVC_OFFSET))
    log=$(comp_log "$name")
    echo "--- $name ($(comp_proc_state "$name"), port $port)"
    if [[ -f $log ]]; then
      lines=$(grep -cE 'level=(warning|error)|^%[0-3]\|' "$log" || true)
      echo "    $lines warning/error lines in $log; the last ones:"
      grep -E 'level=(warning|error)|^%[0-3]\|' "$log" | tail -n 6 | cut -c1-400 | sed 's/^/      /' || true
    fi
    metrics_get "$port" 2>/dev/null | grep '^eda_consumer_lag{' \
      | sed -E 's/^eda_consumer_lag\{(.*)\} (.*)$/    assigned \1 lag=\2/' | head -n 40 || true
  done < <(service_list)
}

test_stack_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ ${TEST_STACK_STARTED:-0} == 1 ]]; then
    say "stopping the $PROFILE stack"
    nginx_down || true
    services_down || true
    infra_down || true
  fi
  exit "$rc"
}

cmd_test() {
  local sanitize=0 arg
  for arg in "$@"; do
    case $arg in
      --sanitize) sanitize=1 ;;
      *) die "unknown option '$arg' for test (use --sanitize)" ;;
    esac
  done
  local t0=$SECONDS
  TEST_PASSED=0; TEST_FAILED=0; TEST_STACK_STARTED=0
  ensure_setup
  ensure_test_packages
  ensure_chart_tools   # helm and kubernetes-validate for tests/helm
  build_tree "$sanitize"
  TEST_BUILD_DIR=$(build_dir_for "$sanitize")
  TEST_LOG_DIR="$TEST_BUILD_DIR/test-logs"; mkdir -p "$TEST_LOG_DIR"
  local jobs=${EDA_JOBS:-$(nproc)} unit_rc=0 it_rc=0
  # Sanitizer reports must fail the test, not scroll by.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

  say "unit tests (ctest -L unit, no servers)"
  run_ctest unit -L unit -j "$jobs" --output-on-failure || unit_rc=$?

  # The integration stack: a fresh test profile (EDA_TEST_PROFILE=ci picks a private copy on other
  # ports, for machines where a shared test stack is already running).
  load_profile "${EDA_TEST_PROFILE:-test}"
  [[ $PROFILE != dev ]] || die "EDA_TEST_PROFILE must not be dev: ./eda test never touches the dev servers"
  P_BROKERS=3
  trap test_stack_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  say "fresh $PROFILE stack: stopping any previous one and wiping var/$PROFILE"
  infra_down
  rm -rf "$P_STATE"
  TEST_STACK_STARTED=1
  infra_up
  eval "$(profile_env)"

  say "integration tests (ctest -LE 'unit|e2e|fault|browser|replicas' -j1) against the $PROFILE stack"
  run_ctest integration -LE 'unit|e2e|fault|browser|replicas' -j1 --output-on-failure || it_rc=$?

  # End-to-end and fault tests drive the running services through their public routes; the
  # services are started the way `./eda up` starts them, on the profile's ports.
  say "services ($PROFILE profile) for the end-to-end and fault tests"
  export EDA_BIN_DIR="$TEST_BUILD_DIR/bin"
  services_up || it_rc=1
  say "end-to-end tests (ctest -L e2e -j1)"
  local e2e_rc=0
  run_ctest e2e -L e2e -j1 --output-on-failure || e2e_rc=$?
  ((e2e_rc == 0)) || { it_rc=$e2e_rc; print_service_diagnostics; }
  # The shop in Chromium, through the edge in front of the same services.
  say "edge ($PROFILE profile) and browser tests (ctest -L browser; screenshots in $(basename "$TEST_BUILD_DIR")/test-logs/browser/)"
  nginx_up || it_rc=1
  export EDA_SHOP_URL; EDA_SHOP_URL=$(nginx_url)
  local browser_rc=0
  run_ctest browser -L browser -j1 --output-on-failure || browser_rc=$?
  ((browser_rc == 0)) || { it_rc=$browser_rc; print_service_diagnostics; }
  say "fault tests (ctest -L fault -j1; they kill and restart servers and services)"
  local fault_rc=0
  run_ctest fault -L fault -j1 --output-on-failure || fault_rc=$?
  ((fault_rc == 0)) || { it_rc=$fault_rc; print_service_diagnostics; }
  # The same saga under kills with two instances of every service (issue 14): the stack switches the
  # way `./eda up --replicas` does (the edge's internal listener balances the services' calls to
  # each other and the tests' calls), then one instance at a time is killed while its twin serves.
  say "fault tests with two instances of every service (ctest -L replicas)"
  replicas_parse "$(replicable_services | sed 's/$/=2/' | paste -sd, -)" "the test"
  replicas_record
  nginx_up || it_rc=1
  services_up || it_rc=1
  eval "$(profile_env)"
  # Readiness is asked of every instance itself (the internal listener routes only the services' own
  # paths, and a restarted instance must be ready before its twin is killed).
  local inst name ready=()
  for name in $(replicable_services); do
    for inst in $(service_instances "$name"); do ready+=("http://127.0.0.1:$(service_port "$inst")"); done
  done
  export EDA_FAULT_READY_URLS="${ready[*]}"
  local replicas_rc=0
  run_ctest replicas -L replicas -j1 --output-on-failure || replicas_rc=$?
  ((replicas_rc == 0)) || { it_rc=$replicas_rc; print_service_diagnostics; }

  say "test run took $((SECONDS - t0))s"
  echo "eda test: $TEST_PASSED passed, $TEST_FAILED failed"
  if ((unit_rc != 0 || it_rc != 0 || TEST_FAILED != 0)); then exit 1; fi
}
