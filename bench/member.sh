#!/usr/bin/env bash
# Member service: logins/s (MemberService::Login with the production argon2id preset and EdDSA
# tokens, repositories in memory) and access-token verifications/s (the HTTP bearer hook).
# argon2id is deliberately expensive, so logins/s is bounded on purpose; the figures are CPU cost.
# No servers needed. Usage: bench/member.sh [extra Google Benchmark flags]
# Results: bench/results/<UTC date>/member.{txt,json}.
set -euo pipefail
root="${EDA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
bin=""
for candidate in "${EDA_BUILD_DIR:-$root/build}/bin/eda-member-bench" "$root"/build/*/bin/eda-member-bench; do
  if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
done
if [[ -z "$bin" ]]; then
  echo "member bench: eda-member-bench not built (./eda build)" >&2
  exit 1
fi
out="$root/bench/results/$(date -u +%F)"
mkdir -p "$out"
"$bin" --benchmark_min_time=3 --benchmark_format=json --benchmark_out="$out/member.json.tmp" \
  --benchmark_out_format=json "$@" > /dev/null
python3 - "$out/member.json.tmp" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/member.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rows = {b["name"]: {"real_ms": b["real_time"] / (1e6 if b["time_unit"] == "ns" else 1),
                    "cpu_ms": b["cpu_time"] / (1e6 if b["time_unit"] == "ns" else 1),
                    "per_second": b.get("items_per_second", 0)} for b in r["benchmarks"]}
print(json.dumps({"benchmarks": rows, "argon2id": {"preset": "interactive", "opslimit": 2, "memlimit_bytes": 67108864},
                  "cpus": int(sys.argv[2]), "loadavg": sys.argv[3]}))
PY
rm -f "$out/member.json.tmp"
python3 - "$out/member.json" > "$out/member.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = r["benchmarks"]
def line(name, label, per="s"):
    x = b[name]
    cpu_rate = 1000.0 / x["cpu_ms"] if x["cpu_ms"] else 0
    print(f"{label:38s} {x['per_second']:10.1f}/s wall   {cpu_rate:10.1f}/s per busy core (cpu {x['cpu_ms']:.3f} ms each)")
print("member bench (argon2id interactive: opslimit 2, 64 MiB; EdDSA access tokens)")
line("BM_Login/real_time/threads:1", "logins, 1 thread")
line("BM_Login/real_time/threads:2", "logins, 2 threads")
line("BM_LoginUnknown/real_time", "failed logins (unknown id, dummy hash)")
line("BM_VerifyAccessToken/real_time/threads:1", "token verifications, 1 thread")
line("BM_VerifyAccessToken/real_time/threads:2", "token verifications, 2 threads")
print(f"machine: {r['cpus']} CPUs, load average {r['loadavg']} (wall figures shrink when others use the CPUs)")
PY
cat "$out/member.txt"
echo "saved $out/member.txt and $out/member.json"
