#!/usr/bin/env bash
# The HSS's Cx speed against a Diameter responder that does no work, in one run on one machine, both driven by
# the same independent load generator in C (ops/bench/c: diameter-load, null-responder; one thread, epoll each).
# 1. the null responder, UAR (and with --null-all LIR, SAR and the mix too); 2. the HSS, seeded with --users
# subscribers, warmed for --jit-warmup seconds, then UAR, SAR, LIR and the mix. Prints answers/s, latency,
# CPU of generator and server and the ratio HSS/null responder of each run (against the null responder's run of
# the same command, or its UAR run). Everything runs on 127.0.0.1; every process started here is stopped on exit.
#
#   ops/bench/cx-null-benchmark.sh [options]
#
#   --users N            subscribers seeded into the HSS and addressed by the generator (100000)
#   --in-flight N        requests kept in flight by the generator over all connections (200)
#   --connections N      generator TCP connections (= Diameter peers) (1)
#   --warmup S           warm-up seconds before each measured window (10)
#   --jit-warmup S       extra warm-up of the HSS before its first run, under UAR load (30)
#   --seconds S          measured seconds per run (15; at least 3)
#   --server-threads N   diameter.processing-threads of the HSS (4; 0 answers on each connection's reader)
#   --port P             Diameter port of both servers (3868)
#   --grid-ports D,C     Ignite discovery and communication ports of the HSS (47500,47100)
#   --hss-root DIR       source tree whose HSS is measured (default: this one), e.g. a worktree of an older
#                        commit: it is built (unless --skip-build) and started with its own ops/bin/hss
#   --null-all           run the null responder for LIR, SAR and the mix as well, not only UAR
#   --null-only          only the null responder: no HSS build, seed or runs (checks the generator and machine)
#   --out DIR            keep logs, seed and results there (default: a new /tmp/cx-null-bench.XXXXXX)
#   --skip-build         use the HSS jars already in the tree's */target (the C programs are always built)
#
# Exit status: 0 every run got its answers, 1 a run lost more than 1 % of its requests, 2 bad usage or a start
# failure.
set -euo pipefail

bench_name=cx-null-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=100000
in_flight=200
connections=1
warmup=10
jit_warmup=30
seconds=15
server_threads=4
port=3868
grid_ports=47500,47100
hss_root=""
null_all=0
null_only=0
out=""
build=1

usage() {
  sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users=${2:?}; shift 2 ;;
    --in-flight) in_flight=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --jit-warmup) jit_warmup=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --server-threads) server_threads=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --grid-ports) grid_ports=${2:?}; shift 2 ;;
    --hss-root) hss_root=${2:?}; shift 2 ;;
    --null-all) null_all=1; shift ;;
    --null-only) null_only=1; shift ;;
    --out) out=${2:?}; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

for v in users in_flight connections seconds port; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} needs a positive integer, got '${!v}'"
done
[[ $server_threads =~ ^[0-9]+$ ]] || die "--server-threads needs a whole number (0: each connection's reader)"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup needs a whole number of seconds, got '$warmup'"
[[ $jit_warmup =~ ^[0-9]+$ ]] || die "--jit-warmup needs a whole number of seconds, got '$jit_warmup'"
((seconds >= 3)) || die "--seconds must be at least 3 (CPU is sampled inside the measured window)"
[[ $grid_ports =~ ^([0-9]+),([0-9]+)$ ]] || die "--grid-ports needs DISCOVERY,COMMUNICATION, got '$grid_ports'"
discovery_port=${BASH_REMATCH[1]}
communication_port=${BASH_REMATCH[2]}
command -v python3 >/dev/null || die "python3 is needed to write the seed and tabulate the results"
command -v cc >/dev/null || die "a C compiler (cc) is needed for ops/bench/c"

c_bench_setup cx-null-bench

# --- build -----------------------------------------------------------------------------------------------------

build_c_and_hss

write_machine_info "ops/bench/cx-null-benchmark.sh --users $users --in-flight $in_flight --connections $connections \
--warmup $warmup --jit-warmup $jit_warmup --seconds $seconds --server-threads $server_threads${hss_root:+ --hss-root $root}\
$( ((null_all)) && echo ' --null-all')$( ((null_only)) && echo ' --null-only')"

# --- one generator run -----------------------------------------------------------------------------------------

# c_load NAME TARGET(null|hss) COMMAND WARMUP: one generator run of the command (lib.sh c_load_run).
c_load() {
  c_load_run "$1" "target=$2" "$4" --host 127.0.0.1 --port "$port" --connections "$connections" \
    --in-flight "$in_flight" --users "$users" --command "$3"
}

# --- 1. null responder -----------------------------------------------------------------------------------------

log "starting the null responder on 127.0.0.1:$port"
"$out/bin/null-responder" --host 127.0.0.1 --port "$port" >"$out/null-responder.log" 2>&1 &
server_pid=$!
wait_port "$port" "$server_pid" 10 || { cat "$out/null-responder.log" >&2; die "the null responder did not start"; }
null_runs=(uar)
((null_all)) && null_runs=(uar sar lir mix)
for cmd in "${null_runs[@]}"; do
  c_load "null-$cmd" null "$cmd" "$warmup"
done
stop_pid "$server_pid"
server_pid=""

# --- 2. HSS ----------------------------------------------------------------------------------------------------

if ((null_only == 0)); then
  # The seed: the measured tree's own ops/bin/benchmark seed when its ops/benchmark is built, else the same
  # document written here (that of SeedGenerator, provisioning-api's SeedDocument): user<i>@ims.example.org,
  # sip:user<i>@ims.example.org, one service profile, S-CSCF sip:scscf.ims.example.org:6060. The run then
  # needs only the HSS's own build.
  seed="$out/seed-$users.json"
  log "writing $users subscribers to $seed"
  if compgen -G "$root/ops/benchmark/target/benchmark-*.jar" >/dev/null \
    && [[ -f "$root/ops/benchmark/target/runtime-classpath.txt" ]]; then
    BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$users" --out "$seed" 2>>"$out/seed.log" \
      || die "ops/bin/benchmark seed failed, see $out/seed.log"
  else
    python3 - "$users" "$seed" <<'EOF'
import json, sys
n, path, realm = int(sys.argv[1]), sys.argv[2], "ims.example.org"
with open(path, "w") as f:
    f.write(json.dumps({"realm": realm, "scscfs": [{"name": "sip:scscf.%s:6060" % realm, "capabilities": []}],
        "chargingInformation": [{"id": "default", "primaryEventChargingFunctionName": "aaa://ecf.%s:3868" % realm,
                                 "primaryChargingCollectionFunctionName": "aaa://ccf.%s:3868" % realm}],
        "ifcs": [{"id": "orig-invite-as", "priority": 10, "triggerPoint": {"conditionTypeCnf": True, "spts": [
            {"groups": [0], "method": "INVITE"}, {"groups": [1], "sessionCase": 0}]},
            "applicationServer": {"serverName": "sip:as.%s:5070" % realm, "defaultHandling": 0}}],
        "sharedIfcSets": [], "serviceProfiles": [{"id": "default", "ifcs": ["orig-invite-as"], "sharedIfcSets": [],
                                                  "subscribedMediaProfileId": 0}]})[:-1])
    f.write(', "subscriptions": [\n')
    for i in range(n):
        impi = "user%d@%s" % (i, realm)
        f.write(json.dumps({"id": "user%d" % i, "allowedVisitedNetworks": [realm], "chargingInformation": "default",
            "privateIdentities": [{"impi": impi, "password": "pw-%d" % i,
                "k": "465b5ce8b199b49faa5f0a2e%08x" % i, "op": "cdc202d5123e20f62b6d676ac72cb318", "amf": "8000",
                "authSchemes": ["SIP Digest", "Digest-AKAv1-MD5"], "defaultScheme": "SIP Digest",
                "publicIdentities": ["sip:" + impi]}],
            "publicIdentities": [{"identity": "sip:" + impi, "serviceProfile": "default"}]}))
        f.write(",\n" if i + 1 < n else "\n")
    f.write("]}\n")
EOF
  fi

  start_hss "$seed"
  if ((jit_warmup > 0)); then
    # JIT warm-up under the first run's load; its figures are kept in jit-warmup.out but not tabulated
    log "warming the HSS up for $jit_warmup s (UAR)"
    "$out/bin/diameter-load" --host 127.0.0.1 --port "$port" --connections "$connections" --in-flight "$in_flight" \
      --users "$users" --command uar --warmup 0 --seconds "$jit_warmup" >"$out/jit-warmup.out" 2>&1 || true
  fi
  # SAR before LIR: LIR then finds the users registered (LIA 2001 with the S-CSCF), as in terminating traffic
  for cmd in uar sar lir mix; do
    c_load "hss-$cmd" hss "$cmd" "$warmup"
  done
  hss_warnings
  stop_pid "$server_pid"
  server_pid=""
fi

# --- report ----------------------------------------------------------------------------------------------------

set +e
python3 - "$results" "$out" <<'EOF'
import os, sys
rows = {}
for line in open(sys.argv[1]):
    r = dict(kv.split("=", 1) for kv in line.split())
    rows[r["name"]] = r
out = sys.argv[2]
print()
print(open(out + "/machine.txt").read().rstrip())
print("HSS: " + (open(out + "/hss.cmd").read().strip() if os.path.exists(out + "/hss.cmd") else "not run"))
print()
fmt = "%-9s %11s %8s %8s %9s %7s %7s %5s %9s  %s"
print(fmt % ("run", "answers/s", "p50 ms", "p99 ms", "p99.9 ms", "genCPU", "srvCPU", "busy", "HSS/null", "answers"))
fixed = ("name", "target", "exit", "command", "answers_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms", "sent",
         "answered", "gen_cpu", "server_cpu", "busy", "loadavg", "UAA", "SAA", "LIA")
ok = bool(rows)
for name, r in rows.items():
    aps = float(r["answers_per_s"])
    base = rows.get("null-" + r["command"], rows.get("null-uar", {}))
    ratio = "%.1f%%" % (100 * aps / float(base["answers_per_s"])) if r["target"] == "hss" and base and \
        float(base["answers_per_s"]) else ""
    codes = " ".join("%s=%s" % kv for kv in r.items() if kv[0] not in fixed and kv[1] != "0")
    lost = int(r.get("sent", 0)) - int(r.get("answered", 0))
    ok &= r["exit"] == "0"
    if lost:
        codes += "  (unanswered %d)" % lost
    print(fmt % (name, "%.0f" % aps, r.get("p50_ms", "-"), r.get("p99_ms", "-"), r.get("p999_ms", "-"),
                 r["gen_cpu"] + "%", r["server_cpu"] + "%", r["busy"] + "%", ratio, codes))
print("(CPU in % of one core, sampled inside the measured window; busy = whole machine; HSS/null against the null"
      " responder's run of the same command, else its UAR run; load average at the end of each run: "
      + ", ".join("%s %s" % (n, r["loadavg"]) for n, r in rows.items()) + ")")
print()
print("logs, seed and raw results (results.txt): " + out)
sys.exit(0 if ok else 1)
EOF
status=$?
exit $status
