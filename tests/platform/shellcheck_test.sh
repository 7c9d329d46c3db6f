#!/usr/bin/env bash
# Unit test (no servers): shellcheck finds nothing in any shell code of the repository.
# Shell code is every file git knows (tracked, or new and not ignored; build*/ and var/ never) that
# ends in .sh or starts with a sh/bash shebang. Scripts with a shebang are checked as programs with
# the files they source (-x -a: `# shellcheck source=` directives, paths resolved by the repository's
# .shellcheckrc), so a variable set in deploy/lib/common.sh and read in deploy/lib/infra.sh is
# understood; a sourced library (no shebang, `# shellcheck shell=bash`) is checked through the script
# that names it in a source directive, or on its own when none does. Every finding fails the test;
# a deliberate idiom gets a `# shellcheck disable=SCxxxx  # reason` on the line before it.
# usage: shellcheck_test.sh [repository root]   (default: two levels above this script)
set -uo pipefail
root=$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd) || exit 1
cd "$root" || exit 1

if ! command -v shellcheck >/dev/null; then
  echo "FAIL shellcheck is not installed (Debian package shellcheck; ./eda setup installs it)"
  exit 1
fi

list_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard
  else
    find . -path ./.git -prune -o -type f -print | sed 's|^\./||'
  fi
}

shebang_re='^#![[:space:]]*[^[:space:]]*/(env[[:space:]]+)?(ba|da|k|z)?sh([[:space:]]|$)'
scripts=() libraries=()
while IFS= read -r f; do
  case $f in build/* | build-*/* | var/*) continue ;; esac
  [[ -f $f ]] || continue   # deleted but still in the index
  if head -n 1 -- "$f" | grep -qE "$shebang_re"; then
    scripts+=("$f")
  elif [[ $f == *.sh ]]; then
    libraries+=("$f")
  fi
done < <(list_files | sort -u)

# A library is reached when a script names it in a `# shellcheck source=<path>` directive (relative to
# the script's directory, as source-path=SCRIPTDIR resolves it).
declare -A reached=()
for f in "${scripts[@]}"; do
  while IFS= read -r p; do
    [[ $p == /* ]] && continue
    reached[$(realpath -m --relative-to=. "$(dirname "$f")/$p")]=1
  done < <(sed -nE 's/^[[:space:]]*# shellcheck source=([^[:space:]]+).*/\1/p' "$f")
done
standalone=()
for f in "${libraries[@]}"; do [[ -n ${reached[$f]:-} ]] || standalone+=("$f"); done

echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${#scripts[@]} scripts with what" \
  "they source, ${#libraries[@]} sourced libraries (${#standalone[@]} of them on their own)"
rc=0
shellcheck -x -a "${scripts[@]}" || rc=1
if ((${#standalone[@]} > 0)); then shellcheck -x "${standalone[@]}" || rc=1; fi
if ((rc == 0)); then
  echo "ok   no shellcheck findings in ${#scripts[@]} scripts and ${#libraries[@]} libraries"
else
  echo "FAIL shellcheck findings above (fix them, or disable one with a reason on the line before)"
fi
exit "$rc"
