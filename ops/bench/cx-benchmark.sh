#!/usr/bin/env bash
# Cx throughput/latency comparison in one go: the canned-answer responder (same jDiameter stack, no HSS logic) and
# then the HSS, driven by the same load generator (ops/benchmark), UAR alone and a UAR/SAR/LIR mix; then the HSS at
# a fixed UAR rate of half its measured peak. Prints a table, the ratios HSS/responder and the targets of
# docs/BENCHMARKS.md. Everything runs on 127.0.0.1; every process started here is stopped on exit.
#
#   ops/bench/cx-benchmark.sh [options]
#
#   --users N            subscribers seeded into the HSS and addressed by the generator (100000)
#   --in-flight N        requests kept in flight by the generator, closed-loop runs (200)
#   --connections N      generator TCP connections (= Diameter peers) (2)
#   --warmup S           warm-up seconds before each measured window (10)
#   --jit-warmup S       extra warm-up of the first run against each server (20): until C2 has compiled jDiameter's
#                        answer path, every answer without Result-Code (UAA) costs a NullPointerException with a
#                        full stack trace inside jDiameter (PeerImpl$ActionContext.sendMessage)
#   --seconds S          measured seconds per run (15)
#   --rate-in-flight N   in-flight limit of the fixed-rate run (1000; latency is taken from the intended send time)
#   --server-threads N   jDiameter PeerFSMThreadCount of both servers (diameter.processing-threads) (4)
#   --port P             Diameter port of both servers (3868)
#   --grid-ports D,C     Ignite discovery and communication ports of the HSS (47500,47100)
#   --out DIR            keep logs, seed and results there (default: a new /tmp/cx-bench.XXXXXX)
#   --jfr                record JFR profiles of the HSS in its measured windows (DIR/hss-*.jfr, see
#                        ops/bench/jfr-hotspots.py);
#                        the recording costs some throughput, so figures of such a run are not the reference
#   --skip-build         use the jars already in */target
#
# Exit status: 0 all targets met, 1 a target missed or a run lost answers, 2 bad usage or a start failure.
set -euo pipefail

bench_name=cx-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=100000
in_flight=200
connections=2
warmup=10
jit_warmup=20
seconds=15
rate_in_flight=1000
server_threads=4
port=3868
grid_ports=47500,47100
out=""
jfr=0
build=1

usage() {
  sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users=${2:?}; shift 2 ;;
    --in-flight) in_flight=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --jit-warmup) jit_warmup=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --rate-in-flight) rate_in_flight=${2:?}; shift 2 ;;
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

check_options users in_flight connections seconds rate_in_flight server_threads port
prepare_output cx-bench

# --- build -----------------------------------------------------------------------------------------------------

check_ports_free
if [[ $build == 1 ]]; then
  build_servers
fi

write_machine_info "ops/bench/cx-benchmark.sh --users $users --in-flight $in_flight --connections $connections --warmup $warmup --jit-warmup $jit_warmup --seconds $seconds --rate-in-flight $rate_in_flight --server-threads $server_threads"

# --- 1. canned responder ----------------------------------------------------------------------------------------

log "starting the canned responder on 127.0.0.1:$port (fsm-threads $server_threads)"
start_responder
run_load responder-uar responder uar $((warmup + jit_warmup)) "$in_flight"
run_load responder-mix responder mix "$warmup" "$in_flight"
stop_pid "$server_pid"
server_pid=""

# --- 2. HSS ----------------------------------------------------------------------------------------------------

seed="$out/seed-$users.json"
log "writing $users subscribers to $seed"
BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$users" --out "$seed" 2>>"$out/seed.log"

start_hss "$seed"

# UAR peak, then half of it (same state of the users: not registered, UAA E2001), then the mix (registers users).
run_load hss-uar hss uar $((warmup + jit_warmup)) "$in_flight"
peak=$(python3 -c 'import json,sys; print(max([int(r["answersPerSecond"]) for r in map(json.loads, open(sys.argv[1])) if r["name"] == "hss-uar"] or [0]))' "$results")
half=$((peak / 2))
if ((half > 0)); then
  run_load hss-uar-half hss uar "$warmup" "$rate_in_flight" --rate "$half"
fi
run_load hss-mix hss mix "$warmup" "$in_flight"
hss_warnings
stop_pid "$server_pid"
server_pid=""

# --- 3. control: the responder at the same fixed rate -----------------------------------------------------------
# Same generator, same rate, same in-flight limit: if this p99 is low, a high HSS p99 at that rate is the HSS's.

if ((half > 0)); then
  log "restarting the canned responder for the fixed-rate control run"
  start_responder append
  run_load responder-uar-half responder uar "$warmup" "$rate_in_flight" --rate "$half"
  stop_pid "$server_pid"
  server_pid=""
fi

# --- report ----------------------------------------------------------------------------------------------------

set +e
python3 - "$results" "$out" <<'EOF'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
out = sys.argv[2]
print()
print(open(out + "/machine.txt").read().rstrip())
print("HSS: " + open(out + "/hss.cmd").read().strip())
print()
fmt = "%-18s %-5s %10s %8s %8s %8s %8s %7s %7s %7s  %s"
print(fmt % ("run", "mix", "answers/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "genCPU", "srvCPU", "busy", "result codes"))
for name in ("responder-uar", "responder-mix", "hss-uar", "hss-mix", "hss-uar-half", "responder-uar-half"):
    r = rows.get(name)
    if not r:
        continue
    rate = " @%.0f/s" % r["rate"] if r.get("rate") else ""
    lost = r.get("sent", 0) - r.get("answered", 0)
    codes = " ".join("%s=%d" % kv for kv in sorted(r.get("codes", {}).items()))
    if lost or r.get("timeouts") or r.get("errors"):
        codes += "  (unanswered %d, timeouts %d, errors %d)" % (lost, r.get("timeouts", 0), r.get("errors", 0))
    print(fmt % (name, r.get("mix", "?"), "%.0f" % r["answersPerSecond"] + rate, "%.2f" % r.get("p50Ms", 0),
                 "%.2f" % r.get("p99Ms", 0), "%.2f" % r.get("p999Ms", 0), "%.1f" % r.get("maxMs", 0),
                 "%d%%" % r["genCpu"], "%d%%" % r["serverCpu"], "%d%%" % r["machineBusy"], codes))
print("(CPU in % of one core, sampled inside the measured window; busy = whole machine; load average at the end"
      " of each run: " + ", ".join("%s %s" % (n, rows[n]["loadavg"]) for n in rows) + ")")
print()

def aps(n):
    return rows.get(n, {}).get("answersPerSecond", 0.0)

ok = all(r.get("ok") for r in rows.values()) and len(rows) == 6
for mix in ("uar", "mix"):
    base = aps("responder-" + mix)
    ratio = aps("hss-" + mix) / base if base else 0
    print("ratio HSS/responder %-4s %5.1f%%" % (mix, 100 * ratio))
targets = []
for mix in ("uar", "mix"):
    base = aps("responder-" + mix)
    ratio = aps("hss-" + mix) / base if base else 0
    targets.append(("HSS %s >= 60%% of responder" % mix, ratio >= 0.6, "%.1f%%" % (100 * ratio)))
targets.append(("HSS UAR >= 15000 answers/s", aps("hss-uar") >= 15000, "%.0f/s" % aps("hss-uar")))
half = rows.get("hss-uar-half", {})
targets.append(("p99 < 10 ms at half UAR peak", bool(half) and half.get("p99Ms", 1e9) < 10
                and half.get("answered") == half.get("sent"),
                "p99 %.2f ms at %.0f/s (responder at the same rate: p99 %.2f ms)" % (half.get("p99Ms", 0),
                half.get("rate", 0), rows.get("responder-uar-half", {}).get("p99Ms", 0))))
print()
for label, passed, value in targets:
    print("%-32s %-5s %s" % (label, "PASS" if passed else "FAIL", value))
    ok &= passed
print()
print("logs, seed and raw results (results.jsonl): " + out)
sys.exit(0 if ok else 1)
EOF
status=$?
exit $status
