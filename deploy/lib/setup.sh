# shellcheck shell=bash
# `eda setup`: Debian packages from deploy/apt-packages.txt, librdkafka 2.8 (deploy/lib/librdkafka.sh),
# a JDK 17, and the Kafka and Cassandra jars resolved from Maven Central into var/lib/{kafka,cassandra}.

apt_wanted_packages() { grep -Ev '^[[:space:]]*(#|$)' "$EDA_ROOT/deploy/apt-packages.txt" | awk '{print $1}'; }

# Debian packages only `./eda test` needs: the browser the browser tests drive (never a downloaded
# one) and a Korean font, so that their screenshots show Hangul rather than empty boxes.
TEST_APT_PACKAGES=(chromium fonts-nanum)

# The given packages (default: deploy/apt-packages.txt) that are not installed, one a line.
apt_missing_packages() {
  local pkg pkgs
  if (($#)); then pkgs=("$@"); else mapfile -t pkgs < <(apt_wanted_packages); fi
  for pkg in "${pkgs[@]}"; do
    [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true) == *'install ok installed'* ]] || echo "$pkg"
  done
}

setup_apt() {
  local missing
  mapfile -t missing < <(apt_missing_packages)
  if ((${#missing[@]} == 0)); then info "apt packages: all $(apt_wanted_packages | wc -l) installed"; return 0; fi
  apt_install "${missing[@]}"
}

# The test path's extra packages, installed only when missing.
ensure_test_packages() {
  local missing
  mapfile -t missing < <(apt_missing_packages "${TEST_APT_PACKAGES[@]}")
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

# usage: apt_install <package...>: one apt-get update, then the packages (root or password-less sudo).
apt_install() {
  local missing=("$@")
  say "installing missing apt packages: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n)
    else die "these packages are missing and installing them needs root: ${missing[*]}
       Run ./eda setup as root (or with password-less sudo), or install them yourself:
       apt-get install -y ${missing[*]}"
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  run_logged "apt-get update" "$EDA_VAR/setup/apt-update.log" "${sudo[@]}" apt-get update -q ||
    die "apt-get update failed (see $EDA_VAR/setup/apt-update.log); check the network and apt sources"
  run_logged "apt-get install (${#missing[@]} packages)" "$EDA_VAR/setup/apt-install.log" \
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" ||
    die "apt-get install failed (see $EDA_VAR/setup/apt-install.log)"
  # Debian starts the packaged servers as system services; ours run as local processes on their
  # own ports, but the system ones would hold 3306/6379, so stop them if they are running.
  stop_system_services
}

stop_system_services() {
  local svc
  for svc in mariadb redis-server; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
      info "stopping the system $svc service (eda runs its own instance)"
      systemctl stop "$svc" 2>/dev/null || true
      systemctl disable "$svc" 2>/dev/null || true
    elif [[ -x /etc/init.d/$svc ]] && /etc/init.d/"$svc" status >/dev/null 2>&1; then
      info "stopping the system $svc service (eda runs its own instance)"
      /etc/init.d/"$svc" stop >/dev/null 2>&1 || true
    fi
  done
}

java_major() { "$1" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'; }

# Sets JAVA to a JDK/JRE 17 binary: $JAVA_HOME, then /usr/lib/jvm/*17*, then `java` on PATH.
find_java17() {
  local cand
  for cand in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/java-17-openjdk-*/bin/java /usr/lib/jvm/*17*/bin/java \
              "$(command -v java 2>/dev/null)"; do
    [[ -n $cand && -x $cand ]] || continue
    if [[ $(java_major "$cand") == 17 ]]; then JAVA=$cand; return 0; fi
  done
  return 1
}

require_java17() {
  find_java17 && return 0
  die "no Java 17 found (Cassandra 5.0 runs on Java 11 or 17 only; Kafka 3.9 is run on the same).
       Install one:  apt-get install -y openjdk-17-jre-headless   (or run ./eda setup as root)
       or point JAVA_HOME at a JDK 17 (e.g. Temurin 17)."
}

require_tool() {
  command -v "$1" >/dev/null || die "'$1' not found; run ./eda setup (installs deploy/apt-packages.txt) or: apt-get install -y $2"
}

# Resolves the runtime jars of deploy/<name>/pom.xml into var/lib/<name>, unless the copy there was
# made from the same pom (a stamp holds the pom's hash). Downloads go to ~/.m2, so reruns are offline.
resolve_jars() {
  local name=$1 pom="$EDA_ROOT/deploy/$1/pom.xml" dest="$EDA_LIB_DIR/$1"
  local hash; hash=$(sha256sum "$pom" | cut -d' ' -f1)
  if [[ -f $dest/.pom.sha256 && $(<"$dest/.pom.sha256") == "$hash" ]]; then
    info "$name jars: present ($(find "$dest" -name '*.jar' | wc -l) in var/lib/$name)"
    return 0
  fi
  require_tool mvn maven
  say "resolving $name jars from Maven Central (first time: about 2 minutes)"
  local tmp="$dest.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  run_logged "maven ($name)" "$EDA_VAR/setup/maven-$name.log" \
    mvn -B -f "$pom" -Dmaven.repo.local="${EDA_MAVEN_REPO:-$HOME/.m2/repository}" \
      org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" ||
    { rm -rf "$tmp"; die "could not resolve $name jars (log: $EDA_VAR/setup/maven-$name.log); check network access to Maven Central"; }
  echo "$hash" >"$tmp/.pom.sha256"
  rm -rf "$dest"; mv "$tmp" "$dest"
  info "$name jars: $(find "$dest" -name '*.jar' | wc -l) in var/lib/$name"
}

setup_is_complete() {
  [[ -z $(apt_missing_packages) ]] && librdkafka_installed && find_java17 &&
    [[ -f $EDA_LIB_DIR/kafka/.pom.sha256 && -f $EDA_LIB_DIR/cassandra/.pom.sha256 ]] &&
    [[ $(<"$EDA_LIB_DIR/kafka/.pom.sha256") == $(sha256sum "$EDA_ROOT/deploy/kafka/pom.xml" | cut -d' ' -f1) ]] &&
    [[ $(<"$EDA_LIB_DIR/cassandra/.pom.sha256") == $(sha256sum "$EDA_ROOT/deploy/cassandra/pom.xml" | cut -d' ' -f1) ]]
}

cmd_setup() {
  say "setup: apt packages, librdkafka $LIBRDKAFKA_VERSION, Java 17, Kafka and Cassandra jars"
  setup_apt
  setup_librdkafka
  require_java17
  info "java: $JAVA ($(java_major "$JAVA"))"
  resolve_jars kafka
  resolve_jars cassandra
  say "setup complete"
}

# Runs setup only when something is missing, so `up`/`test` stay fast once installed.
ensure_setup() {
  if setup_is_complete; then return 0; fi
  cmd_setup
}

# ---- tools of the chart check (./eda test only; tests/helm) -------------------------------------
# Debian bookworm packages no helm: it is built once from its Go module with the machine's Go into
# var/lib/helm-<version> (cold: 1m42s on 2 cores, 137 CPU-seconds). kubernetes-validate, which
# bundles the Kubernetes schemas, goes into a virtualenv var/lib/kubernetes-validate-<version> from
# PyPI (8 s).
HELM_VERSION=v3.21.4
KUBERNETES_VALIDATE_VERSION=1.37.0
ensure_chart_tools() {
  local helm_dir="$EDA_LIB_DIR/helm-$HELM_VERSION" venv="$EDA_LIB_DIR/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
  if [[ ! -x $helm_dir/helm ]]; then
    command -v go >/dev/null || die "helm $HELM_VERSION is built from its Go module, which needs Go 1.24 or newer on PATH (not found)"
    say "building helm $HELM_VERSION from its Go module (once; about 2 minutes)"
    rm -rf "$helm_dir.tmp"
    run_logged "go install helm" "$EDA_VAR/setup/helm.log" env GOBIN="$helm_dir.tmp" CGO_ENABLED=0 go install \
      -ldflags "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" ||
      die "could not build helm (log: $EDA_VAR/setup/helm.log); it needs the Go module proxy"
    rm -rf "$helm_dir"; mv "$helm_dir.tmp" "$helm_dir"
  fi
  # A virtualenv cannot be moved, so a stamp marks a complete one.
  if [[ ! -f $venv/.installed ]]; then
    rm -rf "$venv"
    # shellcheck disable=SC2016  # $1 and $2 are the inner shell's arguments
    run_logged "kubernetes-validate $KUBERNETES_VALIDATE_VERSION (pip)" "$EDA_VAR/setup/kubernetes-validate.log" \
      bash -c 'python3 -m venv "$1" && "$1/bin/pip" install -q --disable-pip-version-check "kubernetes-validate==$2"' \
      _ "$venv" "$KUBERNETES_VALIDATE_VERSION" ||
      die "could not install kubernetes-validate (log: $EDA_VAR/setup/kubernetes-validate.log); python3 -m venv needs Debian's python3-venv"
    touch "$venv/.installed"
  fi
}
