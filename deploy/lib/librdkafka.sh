# shellcheck shell=bash
# librdkafka 2.8 for bookworm: Debian bookworm ships 2.0.2, whose consumer left a partition without a
# fetcher after a cooperative rebalance when fetches wait long on the broker, so setup rebuilds
# Debian trixie's source package once (with bookworm's build dependencies) and installs the .debs.
# The built packages are kept in var/lib/librdkafka, so a reset or a second setup reinstalls them
# without compiling.

LIBRDKAFKA_VERSION=2.8.0-1
LIBRDKAFKA_PACKAGES=(librdkafka1 librdkafka++1 librdkafka-dev)

librdkafka_installed() {
  local pkg
  for pkg in "${LIBRDKAFKA_PACKAGES[@]}"; do
    [[ $(dpkg-query -W -f='${Status} ${Version}' "$pkg" 2>/dev/null || true) == "install ok installed $LIBRDKAFKA_VERSION" ]] || return 1
  done
}

librdkafka_debs() {
  local pkg
  for pkg in "${LIBRDKAFKA_PACKAGES[@]}"; do echo "$EDA_LIB_DIR/librdkafka/${pkg}_${LIBRDKAFKA_VERSION}_$(dpkg --print-architecture).deb"; done
}

librdkafka_debs_cached() {
  local deb
  for deb in $(librdkafka_debs); do [[ -f $deb ]] || return 1; done
}

# Downloads trixie's source package through a private apt source list (the system's sources are
# not touched) and builds the binary packages without running their test suite.
librdkafka_build_debs() {
  local work="$EDA_VAR/setup/librdkafka" dest="$EDA_LIB_DIR/librdkafka"
  local apt_opts=(-o Dir::Etc::sourcelist="$work/trixie-src.sources" -o Dir::Etc::sourceparts=/dev/null
                  -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache")
  rm -rf "$work"; mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$dest"
  cat >"$work/trixie-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  say "building librdkafka $LIBRDKAFKA_VERSION from Debian trixie's source package (once; about 4 minutes)"
  run_logged "apt-get update (trixie sources)" "$work/update.log" apt-get "${apt_opts[@]}" update -q ||
    die "could not read Debian trixie's source index (see $work/update.log)"
  (cd "$work" && run_logged "apt-get source librdkafka" "$work/source.log" \
    apt-get "${apt_opts[@]}" source --download-only "librdkafka=$LIBRDKAFKA_VERSION") ||
    die "could not download librdkafka's source package (see $work/source.log)"
  (cd "$work" && dpkg-source -x "librdkafka_$LIBRDKAFKA_VERSION.dsc" src >"$work/unpack.log" 2>&1) ||
    die "could not unpack librdkafka's source package (see $work/unpack.log)"
  (cd "$work/src" && dpkg-checkbuilddeps >"$work/builddeps.log" 2>&1) ||
    die "librdkafka's build dependencies are missing (see $work/builddeps.log; they are in deploy/apt-packages.txt)"
  (cd "$work/src" && run_logged "dpkg-buildpackage librdkafka" "$work/build.log" \
    env DEB_BUILD_OPTIONS="nocheck parallel=${EDA_JOBS:-$(nproc)}" dpkg-buildpackage -b -uc -us) ||
    die "building librdkafka failed (see $work/build.log)"
  local deb
  for deb in $(librdkafka_debs); do cp "$work/$(basename "$deb")" "$deb" || die "dpkg-buildpackage made no $(basename "$deb")"; done
  rm -rf "$work/src"
}

setup_librdkafka() {
  if librdkafka_installed; then info "librdkafka: $LIBRDKAFKA_VERSION installed"; return 0; fi
  ((EUID == 0)) || die "librdkafka $LIBRDKAFKA_VERSION is not installed and installing it needs root: run ./eda setup as root"
  librdkafka_debs_cached || librdkafka_build_debs
  local debs; mapfile -t debs < <(librdkafka_debs)
  run_logged "installing librdkafka $LIBRDKAFKA_VERSION" "$EDA_VAR/setup/librdkafka-install.log" \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --allow-downgrades "${debs[@]}" ||
    die "installing the librdkafka packages failed (see $EDA_VAR/setup/librdkafka-install.log)"
  info "librdkafka: $LIBRDKAFKA_VERSION installed"
}
