# `eda bench`: runs bench/<name>.sh scripts against a stack of the bench profile.

cmd_bench() {
  local name=${1:-} scripts=()
  if [[ -n $name ]]; then
    [[ -f $EDA_ROOT/bench/$name.sh ]] || die "no benchmark bench/$name.sh (have: $(cd "$EDA_ROOT/bench" 2>/dev/null && ls -- *.sh 2>/dev/null | sed 's/\.sh$//' | tr '\n' ' '))"
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
