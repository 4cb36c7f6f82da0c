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

die() {
  echo "cx-benchmark: $*" >&2
  exit 2
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

for v in users in_flight connections seconds rate_in_flight server_threads port; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} needs a positive integer, got '${!v}'"
done
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup needs a whole number of seconds, got '$warmup'"
[[ $jit_warmup =~ ^[0-9]+$ ]] || die "--jit-warmup needs a whole number of seconds, got '$jit_warmup'"
((seconds >= 6)) || die "--seconds must be at least 6 (CPU is sampled inside the measured window)"
[[ $grid_ports =~ ^([0-9]+),([0-9]+)$ ]] || die "--grid-ports needs DISCOVERY,COMMUNICATION, got '$grid_ports'"
discovery_port=${BASH_REMATCH[1]}
communication_port=${BASH_REMATCH[2]}
command -v python3 >/dev/null || die "python3 is needed to tabulate the results"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -z "$out" ]]; then
  out=$(mktemp -d /tmp/cx-bench.XXXXXX)
else
  mkdir -p "$out"
fi
out=$(cd "$out" && pwd)
results="$out/results.jsonl"
: >"$results"

log() {
  echo "[cx-benchmark $(date +%T)] $*" >&2
}

# --- process bookkeeping: everything started here is stopped on exit, by pid -------------------------------------

server_pid=""
load_pid=""

stop_pid() {
  local pid=$1 i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$load_pid"
  stop_pid "$server_pid"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_port() {
  local p=$1 pid=$2 timeout=$3 i
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    port_in_use "$p" && return 0
    sleep 0.1
  done
  return 1
}

# utime + stime of a process, in clock ticks
cpu_ticks() {
  local stat
  stat=$(<"/proc/$1/stat") || { echo 0; return; }
  stat=${stat##*) }
  # fields after "(comm) ": state is field 3 of stat, utime/stime are fields 14/15
  awk '{print $12 + $13}' <<<"$stat"
}

# busy and total jiffies of the whole machine
machine_ticks() {
  awk '/^cpu /{idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total - idle, total}' /proc/stat
}

hz=$(getconf CLK_TCK)
cores=$(nproc)

# --- one generator run -----------------------------------------------------------------------------------------

# run_load NAME TARGET(responder|hss) MIX WARMUP IN_FLIGHT [extra generator options...]
# Appends one JSON line to results.jsonl: the generator's BENCH_SUMMARY plus CPU use of generator and server
# (percent of one core) and of the whole machine, sampled inside the measured window, and the load average.
run_load() {
  local name=$1 target=$2 mix=$3 warm=$4 inflight=$5
  shift 5
  local args=(--host 127.0.0.1 --port "$port" --users "$users" --connections "$connections"
    --warmup-seconds "$warm" --seconds "$seconds" --mix "$mix" --in-flight "$inflight" "$@")
  echo "ops/bin/benchmark load ${args[*]}" >"$out/$name.cmd"
  log "$name: ops/bin/benchmark load ${args[*]}"
  BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" load "${args[@]}" >"$out/$name.out" 2>"$out/$name.err" &
  load_pid=$!
  # JVM start and connect take 1-3 s, then warm-up: sample from warm-up+3 s to warm-up+seconds-1 s after launch.
  sleep $((warm + 3))
  local g0 s0 m0 g1 s1 m1 t0 t1 jfr_started=0
  g0=$(cpu_ticks "$load_pid"); s0=$(cpu_ticks "$server_pid"); read -r m0 t0 < <(machine_ticks)
  local started=$SECONDS
  if [[ $jfr == 1 && $target == hss ]]; then
    jcmd "$server_pid" JFR.start name="$name" settings=profile duration=$((seconds - 4))s \
      filename="$out/$name.jfr" >>"$out/jfr.log" 2>&1 && jfr_started=1
  fi
  sleep $((seconds - 4))
  g1=$(cpu_ticks "$load_pid"); s1=$(cpu_ticks "$server_pid"); read -r m1 t1 < <(machine_ticks)
  local window=$((SECONDS - started))
  ((window > 0)) || window=1
  local rc=0
  wait "$load_pid" || rc=$?
  load_pid=""
  local summary
  summary=$(grep '^BENCH_SUMMARY ' "$out/$name.out" | head -n 1 | cut -d' ' -f2-) || true
  if [[ -z "$summary" ]]; then
    log "$name: no BENCH_SUMMARY (exit $rc); see $out/$name.err"
    tail -n 20 "$out/$name.err" >&2 || true
    summary='{"answersPerSecond":0,"ok":false}'
  fi
  [[ $jfr_started == 1 ]] && log "JFR recording of the HSS: $out/$name.jfr (ops/bench/jfr-hotspots.py FILE)"
  python3 - "$name" "$target" "$summary" "$g0" "$g1" "$s0" "$s1" "$m0" "$m1" "$t0" "$t1" "$hz" "$window" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(<"$out/$name.cmd")" >>"$results" <<'EOF'
import json, sys
name, target, summary = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
g0, g1, s0, s1, m0, m1, t0, t1, hz, window = map(float, sys.argv[4:14])
summary.update(name=name, target=target, loadavg=sys.argv[14], command=sys.argv[15],
               genCpu=round(100 * (g1 - g0) / hz / window), serverCpu=round(100 * (s1 - s0) / hz / window),
               machineBusy=round(100 * (m1 - m0) / max(t1 - t0, 1)))
print(json.dumps(summary))
EOF
  log "$name: $(tail -n 1 "$results" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f answers/s, p50 %.2f p99 %.2f p99.9 %.2f ms, CPU gen %d%% server %d%%, codes %s" % (r["answersPerSecond"], r.get("p50Ms",0), r.get("p99Ms",0), r.get("p999Ms",0), r["genCpu"], r["serverCpu"], r.get("codes",{})))')"
}

# --- build -----------------------------------------------------------------------------------------------------

for p in "$port" "$discovery_port" "$communication_port"; do
  port_in_use "$p" && die "port 127.0.0.1:$p is in use (another HSS or test?); choose --port/--grid-ports"
done

if [[ $build == 1 ]]; then
  log "building hss-server and ops/benchmark (mvn package, tests skipped)"
  (cd "$root" && mvn -B -q -pl hss-server,ops/benchmark -am package -DskipTests) >"$out/build.log" 2>&1 \
    || { tail -n 40 "$out/build.log" >&2; die "build failed, see $out/build.log"; }
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $cores"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/{printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  # CX_BENCH_REVISION names the source when the script runs from an exported tree (git archive) without .git
  echo "source: ${CX_BENCH_REVISION:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && git diff --quiet 2>/dev/null || echo ' (with local changes)')}"
  echo "command: ops/bench/cx-benchmark.sh --users $users --in-flight $in_flight --connections $connections --warmup $warmup --jit-warmup $jit_warmup --seconds $seconds --rate-in-flight $rate_in_flight --server-threads $server_threads"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

# --- 1. canned responder ----------------------------------------------------------------------------------------

log "starting the canned responder on 127.0.0.1:$port (fsm-threads $server_threads)"
BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" responder --host 127.0.0.1 --port "$port" \
  --fsm-threads "$server_threads" >"$out/responder.log" 2>&1 &
server_pid=$!
wait_port "$port" "$server_pid" 30 || { tail -n 20 "$out/responder.log" >&2; die "responder did not start"; }
run_load responder-uar responder uar $((warmup + jit_warmup)) "$in_flight"
run_load responder-mix responder mix "$warmup" "$in_flight"
stop_pid "$server_pid"
server_pid=""

# --- 2. HSS ----------------------------------------------------------------------------------------------------

seed="$out/seed-$users.json"
log "writing $users subscribers to $seed"
BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$users" --out "$seed" 2>>"$out/seed.log"

hss_opts="-Ddiameter.bind-address=127.0.0.1 -Ddiameter.port=$port -Ddiameter.processing-threads=$server_threads"
hss_opts+=" -Dgrid.instance-name=hss-bench -Dgrid.bind-address=127.0.0.1 -Dgrid.discovery-port=$discovery_port"
hss_opts+=" -Dgrid.discovery-port-range=0 -Dgrid.discovery-addresses=127.0.0.1:$discovery_port"
hss_opts+=" -Dgrid.communication-port=$communication_port -Dgrid.persistence=false -Dgrid.work-directory=$out/grid"
echo "HSS_JAVA_OPTS='$hss_opts ${HSS_JAVA_OPTS:-}' ops/bin/hss --seed $seed" >"$out/hss.cmd"
log "starting the HSS: $(<"$out/hss.cmd")"
HSS_SKIP_BUILD=1 HSS_JAVA_OPTS="$hss_opts ${HSS_JAVA_OPTS:-}" "$root/ops/bin/hss" --seed "$seed" \
  >"$out/hss.log" 2>&1 &
server_pid=$!
hss_started=$SECONDS
ready=0
for ((i = 0; i < 1800; i++)); do
  kill -0 "$server_pid" 2>/dev/null || break
  if grep -q 'HSS ready' "$out/hss.log" && port_in_use "$port"; then
    ready=1
    break
  fi
  sleep 0.1
done
[[ $ready == 1 ]] || { tail -n 30 "$out/hss.log" >&2; die "the HSS did not become ready, see $out/hss.log"; }
log "HSS ready after $((SECONDS - hss_started)) s"

# UAR peak, then half of it (same state of the users: not registered, UAA E2001), then the mix (registers users).
run_load hss-uar hss uar $((warmup + jit_warmup)) "$in_flight"
peak=$(python3 -c 'import json,sys; print(max([int(r["answersPerSecond"]) for r in map(json.loads, open(sys.argv[1])) if r["name"] == "hss-uar"] or [0]))' "$results")
half=$((peak / 2))
if ((half > 0)); then
  run_load hss-uar-half hss uar "$warmup" "$rate_in_flight" --rate "$half"
fi
run_load hss-mix hss mix "$warmup" "$in_flight"
grep -E 'WARN|ERROR' "$out/hss.log" | grep -v 'Increase storage size' | head -n 5 >&2 || true
stop_pid "$server_pid"
server_pid=""

# --- 3. control: the responder at the same fixed rate -----------------------------------------------------------
# Same generator, same rate, same in-flight limit: if this p99 is low, a high HSS p99 at that rate is the HSS's.

if ((half > 0)); then
  log "restarting the canned responder for the fixed-rate control run"
  BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" responder --host 127.0.0.1 --port "$port" \
    --fsm-threads "$server_threads" >>"$out/responder.log" 2>&1 &
  server_pid=$!
  wait_port "$port" "$server_pid" 30 || { tail -n 20 "$out/responder.log" >&2; die "responder did not start"; }
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
