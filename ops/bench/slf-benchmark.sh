#!/usr/bin/env bash
# SLF redirect throughput and lookup cost. First the canned-answer responder (same jDiameter server stack, no SLF
# logic) and then the SLF loaded with the mappings of --users users (one identity mapping each, plus a number range
# and a prefix per thousand users), both driven by the same raw-socket UAR generator (ops/benchmark RawLoad: a
# jDiameter client would act on the 3006 itself). Then the lookup alone, in process (ops/benchmark SlfLookupBench):
# the same --small users with --small and with --users mappings stored (two grids, measured in alternation, median
# of 5 rounds), and users spread over all mappings.
# Prints a table and the targets of docs/BENCHMARKS.md. Everything runs on 127.0.0.1; every process started here
# is stopped on exit.
#
#   ops/bench/slf-benchmark.sh [options]
#
#   --users N            users mapped in the SLF and addressed by the generator (1000000)
#   --small N            mappings of the small lookup measurement (1000)
#   --in-flight N        requests kept in flight per connection (200)
#   --connections N      generator TCP connections (2)
#   --warmup S           warm-up seconds before each measured window (10)
#   --jit-warmup S       extra warm-up of the first run against each server (10)
#   --seconds S          measured seconds per run (15)
#   --server-threads N   jDiameter PeerFSMThreadCount of both servers (diameter.processing-threads) (4)
#   --port P             Diameter port of both servers (3869)
#   --grid-ports D,C     Ignite discovery and communication ports of the SLF (47600,47200); the lookup
#                        measurement also uses D+1 and C+1
#   --out DIR            keep logs, mapping file and results there (default: a new /tmp/slf-bench.XXXXXX)
#   --skip-build         use the jars already in */target
#
# Exit status: 0 all targets met, 1 a target missed or a run lost answers, 2 bad usage or a start failure.
set -euo pipefail

bench_name=slf-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=1000000
small=1000
in_flight=200
connections=2
warmup=10
jit_warmup=10
seconds=15
server_threads=4
port=3869
grid_ports=47600,47200
out=""
jfr=0
build=1

usage() {
  sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users=${2:?}; shift 2 ;;
    --small) small=${2:?}; shift 2 ;;
    --in-flight) in_flight=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --jit-warmup) jit_warmup=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --server-threads) server_threads=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --grid-ports) grid_ports=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

check_options users small in_flight connections seconds server_threads port
((small >= 1000 && small <= users)) || die "--small must be at least 1000 and at most --users"
prepare_output slf-bench
check_ports_free

if [[ $build == 1 ]]; then
  log "building slf-server and ops/benchmark (mvn package, tests skipped)"
  (cd "$root" && mvn -B -q -pl slf-server,ops/benchmark -am package -DskipTests) >"$out/build.log" 2>&1 \
    || { tail -n 40 "$out/build.log" >&2; die "build failed, see $out/build.log"; }
fi

bench_target="$root/ops/benchmark/target"
bench_jar=$(ls "$bench_target"/benchmark-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)
bench_cp="$bench_jar:$(cat "$bench_target/runtime-classpath.txt")"
slf_target="$root/slf-server/target"
slf_jar=$(ls "$slf_target"/slf-server-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)
slf_cp="$slf_jar:$(cat "$slf_target/runtime-classpath.txt")"

write_machine_info "ops/bench/slf-benchmark.sh --users $users --small $small --in-flight $in_flight --connections $connections --warmup $warmup --jit-warmup $jit_warmup --seconds $seconds --server-threads $server_threads"

# run_raw NAME TARGET WARMUP: one RawLoad run, appended to results.jsonl with CPU use (as lib.sh's run_load does
# for the jDiameter generator)
run_raw() {
  local name=$1 target=$2 warm=$3
  local args=(--host 127.0.0.1 --port "$port" --users "$users" --connections "$connections"
    --warmup-seconds "$warm" --seconds "$seconds" --in-flight "$in_flight")
  echo "java -cp <ops/benchmark> org.imshss.bench.RawLoad ${args[*]}" >"$out/$name.cmd"
  log "$name: RawLoad ${args[*]}"
  java -Xms512m -Xmx1g -XX:+UseParallelGC -Djava.net.preferIPv4Stack=true -cp "$bench_cp" \
    org.imshss.bench.RawLoad "${args[@]}" >"$out/$name.out" 2>"$out/$name.err" &
  load_pid=$!
  sleep $((warm + 2))
  local g0 s0 m0 g1 s1 m1 t0 t1
  g0=$(cpu_ticks "$load_pid"); s0=$(cpu_ticks "$server_pid"); read -r m0 t0 < <(machine_ticks)
  local started=$SECONDS
  sleep $((seconds - 4))
  g1=$(cpu_ticks "$load_pid"); s1=$(cpu_ticks "$server_pid"); read -r m1 t1 < <(machine_ticks)
  local window=$((SECONDS - started))
  ((window > 0)) || window=1
  wait "$load_pid" || true
  load_pid=""
  local summary
  summary=$(grep '^BENCH_SUMMARY ' "$out/$name.out" | head -n 1 | cut -d' ' -f2-) || true
  [[ -n "$summary" ]] || { tail -n 20 "$out/$name.err" >&2; summary='{"answersPerSecond":0,"ok":false}'; }
  python3 - "$name" "$target" "$summary" "$g0" "$g1" "$s0" "$s1" "$m0" "$m1" "$t0" "$t1" "$hz" "$window" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results" <<'PY'
import json, sys
name, target, summary = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
g0, g1, s0, s1, m0, m1, t0, t1, hz, window = map(float, sys.argv[4:14])
summary.update(name=name, target=target, loadavg=sys.argv[14],
               genCpu=round(100 * (g1 - g0) / hz / window), serverCpu=round(100 * (s1 - s0) / hz / window),
               machineBusy=round(100 * (m1 - m0) / max(t1 - t0, 1)))
print(json.dumps(summary))
PY
  log "$name: $(tail -n 1 "$results" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f answers/s, p50 %.2f p99 %.2f ms, CPU gen %d%% server %d%%, codes %s" % (r["answersPerSecond"], r.get("p50Ms",0), r.get("p99Ms",0), r["genCpu"], r["serverCpu"], r.get("codes",{})))')"
}

# --- 1. canned responder ----------------------------------------------------------------------------------------

log "starting the canned responder on 127.0.0.1:$port (fsm-threads $server_threads)"
start_responder
run_raw responder-uar responder $((warmup + jit_warmup))
stop_pid "$server_pid"
server_pid=""

# --- 2. SLF with --users mappings --------------------------------------------------------------------------------

mappings="$out/mappings-$users.json"
log "writing the mappings of $users users to $mappings"
java -Xmx256m -cp "$bench_cp" org.imshss.bench.SlfMappingFileWriter --users "$users" --out "$mappings" \
  2>>"$out/mappings.log"

slf_opts=(-Ddiameter.bind-address=127.0.0.1 -Ddiameter.port="$port" -Ddiameter.processing-threads="$server_threads"
  -Ddiameter.allowed-realms=ims.example.org
  -Dgrid.instance-name=slf-bench -Dgrid.bind-address=127.0.0.1 -Dgrid.discovery-port="$discovery_port"
  -Dgrid.discovery-port-range=0 -Dgrid.discovery-addresses="127.0.0.1:$discovery_port"
  -Dgrid.communication-port="$communication_port" -Dgrid.persistence=false -Dgrid.work-directory="$out/grid"
  -Dgrid.backups=0 -Drest.enabled=false)
echo "java -Xms2g -Xmx3g ${slf_opts[*]} -cp <slf-server> org.imshss.slf.SlfMain --mappings $mappings" >"$out/slf.cmd"
log "starting the SLF: $(<"$out/slf.cmd")"
: >"$out/slf.log"
java @"$root/ops/conf/jvm.options" -Xms2g -Xmx3g "${slf_opts[@]}" -cp "$slf_cp" org.imshss.slf.SlfMain \
  --mappings "$mappings" >"$out/slf.log" 2>&1 &
server_pid=$!
slf_started=$SECONDS
ready=0
for ((i = 0; i < 6000; i++)); do
  kill -0 "$server_pid" 2>/dev/null || break
  if grep -q 'SLF ready' "$out/slf.log" && port_in_use "$port"; then
    ready=1
    break
  fi
  sleep 0.1
done
[[ $ready == 1 ]] || { tail -n 30 "$out/slf.log" >&2; die "the SLF did not become ready, see $out/slf.log"; }
slf_start_seconds=$((SECONDS - slf_started))
log "SLF ready after $slf_start_seconds s (mappings loaded)"
run_raw slf-uar slf $((warmup + jit_warmup))
stop_pid "$server_pid"
server_pid=""

# --- 3. lookup cost, few vs many mappings ------------------------------------------------------------------------

log "lookup cost in process: $small then $users mappings"
java @"$root/ops/conf/jvm.options" -Xms2g -Xmx3g -cp "$bench_cp" org.imshss.bench.SlfLookupBench \
  --small "$small" --large "$users" --warmup-seconds "$warmup" --seconds "$seconds" \
  --grid-ports "$discovery_port,$communication_port" >"$out/lookup.out" 2>"$out/lookup.err" \
  || { tail -n 20 "$out/lookup.err" >&2; die "the lookup benchmark failed, see $out/lookup.err"; }
grep '^BENCH_LOOKUP ' "$out/lookup.out" | cut -d' ' -f2- >"$out/lookup.json"

# --- report ----------------------------------------------------------------------------------------------------

set +e
python3 - "$results" "$out" "$slf_start_seconds" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
out, start = sys.argv[2], sys.argv[3]
lookup = json.load(open(out + "/lookup.json"))
print()
print(open(out + "/machine.txt").read().rstrip())
print("SLF: " + open(out + "/slf.cmd").read().strip() + "  (ready after %s s)" % start)
print()
fmt = "%-14s %10s %8s %8s %8s %8s %7s %7s %7s  %s"
print(fmt % ("run", "answers/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "genCPU", "srvCPU", "busy", "result codes"))
for name in ("responder-uar", "slf-uar"):
    r = rows.get(name)
    if not r:
        continue
    lost = r.get("sent", 0) - r.get("answered", 0)
    codes = " ".join("%s=%d" % kv for kv in sorted(r.get("codes", {}).items()))
    if lost:
        codes += "  (unanswered %d)" % lost
    print(fmt % (name, "%.0f" % r["answersPerSecond"], "%.2f" % r.get("p50Ms", 0), "%.2f" % r.get("p99Ms", 0),
                 "%.2f" % r.get("p999Ms", 0), "%.1f" % r.get("maxMs", 0), "%d%%" % r["genCpu"],
                 "%d%%" % r["serverCpu"], "%d%%" % r["machineBusy"], codes))
print()
print("lookup, ns per lookup (one thread)  %d mappings  %d mappings, same users   change   users over all" %
      (lookup["small"], lookup["mappingsLarge"]))
for kind in ("identity", "range", "prefix"):
    a, b, c = lookup[kind + "NsSmall"], lookup[kind + "NsLarge"], lookup[kind + "NsSpread"]
    print("  %-32s %12.0f %26.0f   %+5.1f%%   %14.0f" % (kind, a, b, 100 * (b - a) / a, c))
print("  (%d mappings loaded in %.1f s)" % (lookup["mappingsLarge"] - lookup["small"], lookup["loadSeconds"]))
print()
slf = rows.get("slf-uar", {})
base = rows.get("responder-uar", {}).get("answersPerSecond", 0)
aps = slf.get("answersPerSecond", 0)
redirects = slf.get("codes", {}).get("3006", 0)
ok = all(r.get("ok") for r in rows.values()) and len(rows) == 2
targets = [
    ("SLF redirects >= 20000/s", aps >= 20000 and redirects == slf.get("answered"),
     "%.0f/s, %d of %d answers 3006 (responder %.0f/s, ratio %.1f%%)" % (aps, redirects, slf.get("answered", 0),
                                                                      base, 100 * aps / base if base else 0)),
]
for kind in ("identity", "range", "prefix"):
    a, b = lookup[kind + "NsSmall"], lookup[kind + "NsLarge"]
    targets.append(("%s lookup, many mappings within 10%%" % kind, b <= 1.10 * a, "%.0f ns vs %.0f ns" % (b, a)))
for label, passed, value in targets:
    print("%-40s %-5s %s" % (label, "PASS" if passed else "FAIL", value))
    ok &= passed
print()
print("logs, mapping file and raw results: " + out)
sys.exit(0 if ok else 1)
PY
exit $?
