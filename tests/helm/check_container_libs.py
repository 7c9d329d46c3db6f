"""Checks that the runtime stage of deploy/container/Dockerfile installs every shared library the
programs it ships load, offline: `ldd` of the binaries this machine built (Debian bookworm, like the
image), each library's Debian package (dpkg -S), and the packages the runtime stage names with
everything they depend on (apt-cache depends --recurse), plus what debian:bookworm-slim has anyway
(the required packages and apt's dependencies). A library missing from all of these would make the
program fail to start in the image. Also: every binary the targets copy is one the build stage
builds, and every program of deploy/services.txt has a target.

usage: check_container_libs.py REPOSITORY BIN_DIR [DOCKERFILE]
"""

import re
import subprocess
import sys
from pathlib import Path


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def closure(packages):
    """The packages and everything they depend on, recursively (apt-cache prints each once, unindented)."""
    out = run("apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
              "--no-breaks", "--no-replaces", "--no-enhances", *packages)
    return {l.split(":")[0] for l in out.splitlines() if l and not l.startswith((" ", "<"))}


def main():
    repo, bin_dir = Path(sys.argv[1]), Path(sys.argv[2])
    dockerfile = Path(sys.argv[3] if len(sys.argv) > 3 else repo / "deploy/container/Dockerfile").read_text()
    problems = []
    runtime = re.search(r"AS runtime\n(.*?)\nFROM ", dockerfile, re.S).group(1)
    install = re.search(r"--no-install-recommends(.*?)&& rm", runtime, re.S).group(1)
    named = set()
    for word in install.replace("\\", " ").split():
        m = re.match(r"/tmp/debs/(.+?)_\*\.deb$", word)
        named.add(m.group(1) if m else word)
    required = run("dpkg-query", "-W", "-f", "${Package} ${Priority}\n").splitlines()
    base = {l.split()[0] for l in required if l.endswith(" required")} | {"apt"}
    available = closure(sorted(named | base))

    built = set(re.findall(r"ninja -C /build ([^\n\\]+(?:\\\n[^\n\\]+)*)", dockerfile)[0].replace("\\", " ").split())
    copied = set(re.findall(r"COPY --from=build ((?:/out/\S+ )+)", dockerfile) and
                 " ".join(re.findall(r"COPY --from=build ((?:/out/\S+ )+)", dockerfile)).replace("/out/", "").split())
    if copied - built:
        problems.append(f"targets copy {sorted(copied - built)}, which the build stage does not build")
    programs = [l.split()[0] for l in (repo / "deploy/services.txt").read_text().splitlines()
                if l.strip() and not l.startswith("#")]
    targets = set(re.findall(r"^FROM runtime AS (\S+)$", dockerfile, re.M))
    for p in programs:
        if p not in targets:
            problems.append(f"deploy/services.txt's {p} has no target in deploy/container/Dockerfile")
    libs = {}  # library path -> the binaries that load it
    for binary in sorted(copied):
        path = bin_dir / binary
        if not path.exists():
            problems.append(f"{path} is not built here, so its libraries cannot be checked")
            continue
        for m in re.finditer(r"=> (/\S+)", run("ldd", str(path))):
            libs.setdefault(str(Path(m.group(1)).resolve()), []).append(binary)
    # dpkg knows a file by the path its package ships it under: /lib or /usr/lib (merged /usr).
    def spellings(lib):
        return {lib, re.sub(r"^/usr/lib/", "/lib/", lib)}
    owners, by_path = {}, {}
    for line in subprocess.run(["dpkg", "-S", *{s for lib in libs for s in spellings(lib)}],
                               capture_output=True, text=True).stdout.splitlines():
        package, _, path = line.partition(": ")
        by_path[path] = package.split(":")[0]
    for lib in libs:
        for spelling in spellings(lib):
            if spelling in by_path:
                owners[lib] = by_path[spelling]
    for lib, binaries in sorted(libs.items()):
        if lib not in owners:
            problems.append(f"{lib} ({', '.join(binaries)}) belongs to no Debian package (built by hand?)")
        elif owners[lib] not in available:
            problems.append(f"{Path(lib).name} ({', '.join(binaries)}) comes from {owners[lib]}, "
                            "which the runtime stage does not install")
    for p in problems:
        print(f"FAIL {p}")
    print(f"{'ok  ' if not problems else 'FAIL'} runtime stage: {len(named)} packages named, "
          f"{len(available)} with dependencies and the base image; {len(copied)} programs' libraries checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
