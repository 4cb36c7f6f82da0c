#!/usr/bin/env bash
# Cx MAR (Multimedia-Auth-Request) throughput/latency: the canned-answer responder (same jDiameter stack, an MAA of
# the HSS's shape with canned vectors) and then the HSS, driven by the same load generator (ops/benchmark) with
# IMS-AKA MARs asking for 1 vector, IMS-AKA MARs asking for 5 vectors, and SIP Digest MARs. Every HSS MAR
# allocates the user's next SQN(s) in the grid, computes Milenage vectors (AKA) and marks authentication pending.
# Prints a table, the ratios HSS/responder and the target. Everything runs on 127.0.0.1; every process started
# here is stopped on exit.
#
#   ops/bench/mar-benchmark.sh [options]
#
#   --users N            subscribers seeded into the HSS and addressed by the generator (100000)
#   --in-flight N        requests kept in flight by the generator (200)
#   --connections N      generator TCP connections (= Diameter peers) (2)
#   --warmup S           warm-up seconds before each measured window (10)
#   --jit-warmup S       extra warm-up of the first run against each server (10)
#   --seconds S          measured seconds per run (15)
#   --server-threads N   jDiameter PeerFSMThreadCount of both servers (diameter.processing-threads) (4)
#   --port P             Diameter port of both servers (3868)
#   --grid-ports D,C     Ignite discovery and communication ports of the HSS (47500,47100)
#   --out DIR            keep logs, seed and results there (default: a new /tmp/mar-bench.XXXXXX)
#   --jfr                record JFR profiles of the HSS in its measured windows (DIR/hss-*.jfr, see
#                        ops/bench/jfr-hotspots.py); figures of such a run are not the reference
#   --skip-build         use the jars already in */target
#
# Exit status: 0 target met, 1 the target missed, a run lost answers or got other than the expected vectors per
# MAA, 2 bad usage or a start failure.
set -euo pipefail

bench_name=mar-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=100000
in_flight=200
connections=2
warmup=10
jit_warmup=10
seconds=15
server_threads=4
port=3868
grid_ports=47500,47100
out=""
jfr=0
build=1

usage() {
  sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
    --out) out=${2:?}; shift 2 ;;
    --jfr) jfr=1; shift ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

check_options users in_flight connections seconds server_threads port
prepare_output mar-bench

check_ports_free
if [[ $build == 1 ]]; then
  build_servers
fi

write_machine_info "ops/bench/mar-benchmark.sh --users $users --in-flight $in_flight --connections $connections --warmup $warmup --jit-warmup $jit_warmup --seconds $seconds --server-threads $server_threads"

# The three workloads, against each server in the same order: NAME-SUFFIX and generator options.
workloads=("aka1:--mar-scheme aka --mar-items 1" "aka5:--mar-scheme aka --mar-items 5"
  "digest:--mar-scheme digest --mar-items 1")

# run_workloads TARGET: the three MAR runs against the server that is up; the first one warms the JIT longer
run_workloads() {
  local target=$1 w name opts warm=$((warmup + jit_warmup))
  for w in "${workloads[@]}"; do
    name=${w%%:*}
    opts=${w#*:}
    # shellcheck disable=SC2086
    run_load "$target-$name" "$target" mar "$warm" "$in_flight" $opts
    warm=$warmup
  done
}

# --- 1. canned responder ----------------------------------------------------------------------------------------

log "starting the canned responder on 127.0.0.1:$port (fsm-threads $server_threads)"
start_responder
run_workloads responder
stop_pid "$server_pid"
server_pid=""

# --- 2. HSS ----------------------------------------------------------------------------------------------------

seed="$out/seed-$users.json"
log "writing $users subscribers (SIP Digest and IMS-AKA credentials) to $seed"
BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$users" --out "$seed" 2>>"$out/seed.log"
start_hss "$seed"
run_workloads hss
hss_warnings
stop_pid "$server_pid"
server_pid=""

# --- report ----------------------------------------------------------------------------------------------------

set +e
python3 - "$results" "$out" <<'EOF'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
out = sys.argv[2]
workloads = [("aka1", "AKA, 1 vector", 1.0), ("aka5", "AKA, 5 vectors", 5.0), ("digest", "SIP Digest", 1.0)]
print()
print(open(out + "/machine.txt").read().rstrip())
print("HSS: " + open(out + "/hss.cmd").read().strip())
print()

def aps(n):
    return rows.get(n, {}).get("answersPerSecond", 0.0)

ok = len(rows) == 2 * len(workloads)
fmt = "%-17s %-15s %10s %8s %8s %8s %8s %7s %7s %7s %6s %7s  %s"
print(fmt % ("run", "workload", "answers/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "genCPU", "srvCPU", "busy",
             "items", "vs resp", "result codes"))
for target in ("responder", "hss"):
    for key, label, expected in workloads:
        name = target + "-" + key
        r = rows.get(name)
        if not r:
            continue
        lost = r.get("sent", 0) - r.get("answered", 0)
        codes = " ".join("%s=%d" % kv for kv in sorted(r.get("codes", {}).items()))
        if lost or r.get("timeouts") or r.get("errors"):
            codes += "  (unanswered %d, timeouts %d, errors %d)" % (lost, r.get("timeouts", 0), r.get("errors", 0))
        items = r.get("authItemsPerAnswer", 0.0)
        # every MAA a success with exactly the expected vectors: the run measured what it claims to
        only_success = set(r.get("codes", {})) == {"MAA/2001"}
        if not (r.get("ok") and only_success and items == expected):
            codes += "  (expected MAA/2001 only with %g items each)" % expected
            ok = False
        base = aps("responder-" + key)
        ratio = "%.1f%%" % (100 * r["answersPerSecond"] / base) if base else "-"
        print(fmt % (name, label, "%.0f" % r["answersPerSecond"], "%.2f" % r.get("p50Ms", 0),
                     "%.2f" % r.get("p99Ms", 0), "%.2f" % r.get("p999Ms", 0), "%.1f" % r.get("maxMs", 0),
                     "%d%%" % r["genCpu"], "%d%%" % r["serverCpu"], "%d%%" % r["machineBusy"], "%.2f" % items,
                     ratio, codes))
print("(items = SIP-Auth-Data-Items per MAA; vs resp = answers/s as a share of the responder's for the same"
      " workload; CPU in % of one core, sampled inside the measured window; busy = whole machine; load average at"
      " the end of each run: " + ", ".join("%s %s" % (n, rows[n]["loadavg"]) for n in rows) + ")")
print()
for key, label, _ in workloads:
    base = aps("responder-" + key)
    print("ratio HSS/responder %-15s %5.1f%%" % (label, 100 * aps("hss-" + key) / base if base else 0))
print()
passed = aps("hss-aka1") >= 10000
print("%-45s %-5s %s" % ("HSS AKA MAR (1 vector) >= 10,000 answers/s", "PASS" if passed else "FAIL",
                         "%.0f/s" % aps("hss-aka1")))
ok &= passed
print()
print("logs, seed and raw results (results.jsonl): " + out)
sys.exit(0 if ok else 1)
EOF
status=$?
exit $status
