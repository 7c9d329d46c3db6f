# shellcheck shell=bash
# `eda build`: CMake (Ninja, RelWithDebInfo) into build/ (or build-asan/ with --sanitize), then ninja;
# then the web shop (web/) with npm ci and Vite into build/web, which the nginx edge serves.

build_dir_for() { if [[ ${1:-0} == 1 ]]; then echo "$EDA_ROOT/build-asan"; else echo "$EDA_ROOT/build"; fi; }

# A fingerprint of the component folders: the top CMakeLists discovers folders with file(GLOB), so
# a new or removed folder needs a fresh configure that ninja's own re-run check would not notice.
build_layout_hash() {
  local d list=""
  for d in libs services tools tests proto; do
    [[ -d $EDA_ROOT/$d ]] && list+=$(cd "$EDA_ROOT" && find "$d" -maxdepth 2 -name CMakeLists.txt | sort)
  done
  sha256sum <<<"$list" | cut -d' ' -f1
}

# The programs `./eda up` runs: every service and simulator of deploy/services.txt, the key and Kafka
# set-up tools and the DLQ tool. The tests and benchmarks (over 40 % of the compile steps) wait for
# `./eda build` and `./eda test`, so a newcomer's first `up` does not compile them.
runtime_targets() { service_list | awk '{print "eda-" $1}'; printf '%s\n' eda-keygen eda-kafka-admin eda-dlq; }

# Ninja's "[done/total] Building ..." lines become one progress line with the share done and an
# estimate of the time left at the pace so far: rewritten in place on a terminal, printed at every
# tenth of the way otherwise (CI logs). Every other line (compiler messages, errors) passes through.
build_progress() {
  local tty=0 line done total elapsed left msg tenth=-1 shown=0 start=$SECONDS
  [[ -t 1 ]] && tty=1
  while IFS= read -r line; do
    if [[ $line =~ ^\[([0-9]+)/([0-9]+)\]\  ]]; then
      done=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]} elapsed=$((SECONDS - start))
      left=$((done > 0 ? elapsed * (total - done) / done : 0))
      if ((left >= 90)); then left="$(((left + 30) / 60)) min"; else left="$left s"; fi
      msg="[$done/$total] $((100 * done / total))%, ${elapsed}s so far, about $left left"
      if ((tty)); then
        printf '\r%s\033[K' "$msg"; shown=1
      elif ((10 * done / total > tenth)); then
        tenth=$((10 * done / total)); echo "$msg"
      fi
    else
      if ((shown)); then echo; shown=0; fi
      printf '%s\n' "$line"
    fi
  done
  if ((shown)); then echo; fi
}

# usage: build_tree <sanitize 0|1> [force-configure 0|1] [ninja targets...] (none: everything)
build_tree() {
  local sanitize=${1:-0} force=${2:-0} dir
  local targets=("${@:3}")
  dir=$(build_dir_for "$sanitize")
  require_tool cmake cmake
  require_tool ninja ninja-build
  local layout; layout=$(build_layout_hash)
  local stamp="$dir/.eda-layout" only=${EDA_ONLY:-} unity=${EDA_UNITY_BUILD:-ON}
  if ((force)) || [[ ! -f $dir/build.ninja || ! -f $stamp || $(<"$stamp") != "$layout|$only|$unity" ]]; then
    say "configuring $(basename "$dir")/ (CMake, Ninja, RelWithDebInfo$( ((sanitize)) && echo ', ASan+UBSan'))"
    mkdir -p "$dir"
    cmake -S "$EDA_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DEDA_SANITIZE="$( ((sanitize)) && echo ON || echo OFF)" -DEDA_ONLY="$only" -DEDA_UNITY_BUILD="$unity" \
      -Wno-dev >"$dir/configure.log" 2>&1 ||
      { tail -n 40 "$dir/configure.log" >&2; die "CMake configure failed (full log: $dir/configure.log)"; }
    echo "$layout|$only|$unity" >"$stamp"
  fi
  local jobs=${EDA_JOBS:-$(nproc)}
  say "building $(basename "$dir")/ with ninja -j$jobs$( ((${#targets[@]})) && echo " (the programs up runs; ./eda build builds the tests too)")"
  local t0=$SECONDS
  if ! ninja -C "$dir" -j "$jobs" "${targets[@]}" | build_progress; then
    die "build failed (see the compiler errors above); rerun: ./eda build"
  fi
  info "build finished in $((SECONDS - t0))s; binaries in $(basename "$dir")/bin/"
  build_web
}

WEB_DIR="$EDA_ROOT/web"
WEB_OUT="$EDA_ROOT/build/web"

web_node_usable() {
  command -v node >/dev/null && command -v npm >/dev/null &&
    (($(node -p 'process.versions.node.split(".")[0]') >= 20))
}

# npm ci when package-lock.json changed since the last install (a stamp in node_modules holds its
# hash). The npm cache lives in var/npm-cache, so a reinstall from the same lock file works offline.
web_npm_ci() {
  local stamp="$WEB_DIR/node_modules/.eda-lock.sha256" hash
  hash=$(sha256sum "$WEB_DIR/package-lock.json" | cut -d' ' -f1)
  [[ -f $stamp && $(<"$stamp") == "$hash" ]] && return 0
  run_logged "npm ci (web)" "$EDA_VAR/setup/npm-ci.log" \
    npm ci --prefix "$WEB_DIR" --cache "$EDA_VAR/npm-cache" --prefer-offline --no-audit --no-fund ||
    die "npm ci failed in web/ (log: $EDA_VAR/setup/npm-ci.log); the first run needs the npm registry"
  echo "$hash" >"$stamp"
}

# Type-checks and bundles the shop into build/web unless nothing in web/ changed since the last build.
build_web() {
  if ! web_node_usable; then
    warn "Node.js 20 (with npm) is not installed: the web shop (web/) is not built and the edge serves a
         page that says so. Install Node.js 20 and run ./eda build again."
    return 0
  fi
  web_npm_ci
  if [[ -f $WEB_OUT/index.html && -z $(find "$WEB_DIR" -path "$WEB_DIR/node_modules" -prune -o \
        -type f -newer "$WEB_OUT/index.html" -print -quit) ]]; then
    info "web shop: up to date in build/web/"
    return 0
  fi
  run_logged "web shop (tsc + vite build)" "$EDA_ROOT/build/web-build.log" \
    npm --prefix "$WEB_DIR" run build -- --outDir "$WEB_OUT" --emptyOutDir ||
    die "the web shop did not build (log: build/web-build.log)"
}

cmd_build() {
  local sanitize=0 arg
  for arg in "$@"; do
    case $arg in
      --sanitize) sanitize=1 ;;
      *) die "unknown option '$arg' for build (use --sanitize)" ;;
    esac
  done
  build_tree "$sanitize" 1
}
