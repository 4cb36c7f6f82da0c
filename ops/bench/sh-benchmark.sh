#!/usr/bin/env bash
# Sh throughput in one go: the canned Sh responder (same jDiameter stack, no HSS logic) and then the HSS, driven by
# the same Sh load generator (ops/benchmark ShLoad): PURs writing 2 KB of RepositoryData per user (create, then
# updates), then UDRs reading it; then a long UDR run of --heap-requests requests during which the HSS's heap after
# a full GC is sampled every --heap-interval seconds. Prints a table, the ratios HSS/responder, the heap samples and
# the targets of docs/BENCHMARKS.md. Everything runs on 127.0.0.1; every process started here is stopped on exit.
#
#   ops/bench/sh-benchmark.sh [options]
#
#   --users N            subscribers seeded into the HSS and addressed by the generator (20000)
#   --in-flight N        requests kept in flight by the generator (200)
#   --connections N      generator TCP connections, each one AS (as-<n>.ims.example.org) (2)
#   --warmup S           warm-up seconds before each measured window (10)
#   --seconds S          measured seconds of the UDR runs (15)
#   --pur-rounds N       measured PURs per user in the PUR runs, after the warm-up's (3)
#   --data-bytes N       size of the ServiceData written and read (2048)
#   --heap-requests N    UDRs of the heap run (1000000)
#   --heap-interval S    seconds between heap samples of the heap run (10)
#   --server-threads N   jDiameter PeerFSMThreadCount of both servers (diameter.processing-threads) (4)
#   --port P             Diameter port of both servers (3868)
#   --grid-ports D,C     Ignite discovery and communication ports of the HSS (47500,47100)
#   --out DIR            keep logs, seed and results there (default: a new /tmp/sh-bench.XXXXXX)
#   --jfr                record JFR profiles of the HSS in the UDR run (DIR/hss-udr.jfr)
#   --skip-build         use the jars already in */target
#
# Exit status: 0 all targets met, 1 a target missed or a run lost answers, 2 bad usage or a start failure.
set -euo pipefail

bench_name=sh-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=20000
in_flight=200
connections=2
warmup=10
jit_warmup=0
seconds=15
pur_rounds=3
data_bytes=2048
heap_requests=1000000
heap_interval=10
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
    --seconds) seconds=${2:?}; shift 2 ;;
    --pur-rounds) pur_rounds=${2:?}; shift 2 ;;
    --data-bytes) data_bytes=${2:?}; shift 2 ;;
    --heap-requests) heap_requests=${2:?}; shift 2 ;;
    --heap-interval) heap_interval=${2:?}; shift 2 ;;
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

check_options users in_flight connections seconds pur_rounds data_bytes heap_requests heap_interval server_threads port
((users >= 2 * in_flight)) || die "--users must be at least twice --in-flight (two PURs of one user in flight)"
prepare_output sh-bench

check_ports_free
if [[ $build == 1 ]]; then
  build_servers
fi
bench_jar=$(ls "$root"/ops/benchmark/target/benchmark-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1)
[[ -n "$bench_jar" ]] || die "no ops/benchmark jar; run without --skip-build"
bench_cp="$bench_jar:$(cat "$root/ops/benchmark/target/runtime-classpath.txt")"
bench_java=(java -Xms512m -Xmx1g -XX:+UseParallelGC -Djava.net.preferIPv4Stack=true -cp "$bench_cp")

write_machine_info "ops/bench/sh-benchmark.sh --users $users --in-flight $in_flight --connections $connections --warmup $warmup --seconds $seconds --pur-rounds $pur_rounds --data-bytes $data_bytes --heap-requests $heap_requests --heap-interval $heap_interval --server-threads $server_threads"

# sh_load NAME TARGET(responder|hss) WARMUP [ShLoad options...]: one generator run, CPU sampled from WARMUP+3 s
# after launch until it ends; appends one JSON line to results.jsonl.
sh_load() {
  local name=$1 target=$2 warm=$3
  shift 3
  local args=(--host 127.0.0.1 --port "$port" --users "$users" --connections "$connections" --in-flight "$in_flight"
    --warmup-seconds "$warm" --data-bytes "$data_bytes" "$@")
  echo "java -cp ops/benchmark org.imshss.bench.ShLoad ${args[*]}" >"$out/$name.cmd"
  log "$name: ShLoad ${args[*]}"
  "${bench_java[@]}" org.imshss.bench.ShLoad "${args[@]}" >"$out/$name.out" 2>"$out/$name.err" &
  load_pid=$!
  sleep $((warm + 3))
  local g0 s0 m0 t0 g1 s1 m1 t1 started=$SECONDS last_g last_s last_m last_t
  g0=$(cpu_ticks "$load_pid"); s0=$(cpu_ticks "$server_pid"); read -r m0 t0 < <(machine_ticks)
  if [[ $jfr == 1 && $target == hss && $name == hss-udr ]]; then
    jcmd "$server_pid" JFR.start name="$name" settings=profile duration=$((seconds - 2))s \
      filename="$out/$name.jfr" >>"$out/jfr.log" 2>&1 || true
  fi
  g1=$g0; s1=$s0; m1=$m0; t1=$t0
  while kill -0 "$load_pid" 2>/dev/null; do
    last_g=$(cpu_ticks "$load_pid"); last_s=$(cpu_ticks "$server_pid"); read -r last_m last_t < <(machine_ticks)
    # Keep the last sample taken while the generator still ran (its final second is the disconnect).
    if kill -0 "$load_pid" 2>/dev/null && ((last_g > 0)); then
      g1=$last_g; s1=$last_s; m1=$last_m; t1=$last_t
    fi
    heap_sample "$name"
    sleep 1
  done
  local window=$((SECONDS - started))
  ((window > 0)) || window=1
  wait "$load_pid" || true
  load_pid=""
  local summary
  summary=$(grep '^BENCH_SUMMARY ' "$out/$name.out" | head -n 1 | cut -d' ' -f2-) || true
  if [[ -z "$summary" ]]; then
    log "$name: no BENCH_SUMMARY; see $out/$name.err"
    tail -n 20 "$out/$name.err" >&2 || true
    summary='{"answersPerSecond":0,"ok":false}'
  fi
  python3 - "$name" "$target" "$summary" "$g0" "$g1" "$s0" "$s1" "$m0" "$m1" "$t0" "$t1" "$hz" "$window" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$results" <<'EOF'
import json, sys
name, target, summary = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
g0, g1, s0, s1, m0, m1, t0, t1, hz, window = map(float, sys.argv[4:14])
summary.update(name=name, target=target, loadavg=sys.argv[14],
               genCpu=round(100 * (g1 - g0) / hz / window), serverCpu=round(100 * (s1 - s0) / hz / window),
               machineBusy=round(100 * (m1 - m0) / max(t1 - t0, 1)))
print(json.dumps(summary))
EOF
  log "$name: $(tail -n 1 "$results" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f answers/s, p50 %.2f p99 %.2f ms, %.0f User-Data octets per answer, codes %s" % (r["answersPerSecond"], r.get("p50Ms",0), r.get("p99Ms",0), r.get("userDataBytes",0), r.get("codes",{})))')"
}

# During the heap run only: every --heap-interval seconds a full GC of the HSS and its heap use after it.
heap_run=""
heap_next=0
heap_sample() {
  [[ $1 == "$heap_run" ]] || return 0
  ((SECONDS >= heap_next)) || return 0
  heap_next=$((SECONDS + heap_interval))
  jcmd "$server_pid" GC.run >/dev/null 2>&1 || return 0
  # The size right after the full GC, from the GC log: asking the JVM afterwards would count what the load
  # allocated in between.
  local after
  after=$(grep 'Pause Full (Diagnostic Command)' "$out/hss-gc.log" 2>/dev/null | tail -n 1 \
    | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//') || return 0
  [[ -n "$after" ]] || return 0
  echo "$((SECONDS - heap_started)) $((after * 1024))" >>"$out/heap.txt"
  log "heap after full GC at $((SECONDS - heap_started)) s: $after MiB"
}

# --- 1. canned responder ----------------------------------------------------------------------------------------

log "starting the canned Sh responder on 127.0.0.1:$port"
"${bench_java[@]}" org.imshss.bench.ShCannedResponder --host 127.0.0.1 --port "$port" \
  --fsm-threads "$server_threads" --data-bytes "$data_bytes" >"$out/responder.log" 2>&1 &
server_pid=$!
wait_port "$port" "$server_pid" 30 || { tail -n 20 "$out/responder.log" >&2; die "responder did not start"; }
# The port accepts before the freshly started stack answers a CER in time.
sleep 3
sh_load responder-pur responder "$warmup" --mix pur --requests $((users * pur_rounds))
sh_load responder-udr responder "$warmup" --mix udr --seconds "$seconds"
stop_pid "$server_pid"
server_pid=""

# --- 2. HSS ----------------------------------------------------------------------------------------------------

seed="$out/seed-$users.json"
log "writing $users subscribers and $connections application servers to $seed"
BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$users" --out "$seed" 2>>"$out/seed.log"
python3 - "$seed" "$connections" <<'EOF'
import json, sys
path, connections = sys.argv[1], int(sys.argv[2])
seed = json.load(open(path))
seed["applicationServers"] = [{"diameterHost": "as-%d.ims.example.org" % n,
                               "serverName": "sip:as-%d.ims.example.org" % n,
                               "read": ["RepositoryData"], "update": ["RepositoryData"], "subscribe": []}
                              for n in range(connections)]
json.dump(seed, open(path, "w"))
EOF

HSS_JAVA_OPTS="-Xlog:gc:file=$out/hss-gc.log ${HSS_JAVA_OPTS:-}" start_hss "$seed"
sh_load hss-pur hss "$warmup" --mix pur --requests $((users * pur_rounds))
sh_load hss-udr hss "$warmup" --mix udr --seconds "$seconds"
heap_run=hss-udr-heap
heap_started=$SECONDS
: >"$out/heap.txt"
sh_load hss-udr-heap hss 0 --mix udr --requests "$heap_requests"
heap_sample_final() {
  heap_next=0
  heap_sample "$heap_run"
}
heap_sample_final
hss_warnings
stop_pid "$server_pid"
server_pid=""

# --- report ----------------------------------------------------------------------------------------------------

set +e
python3 - "$results" "$out" "$data_bytes" <<'EOF'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
out, data_bytes = sys.argv[2], int(sys.argv[3])
print()
print(open(out + "/machine.txt").read().rstrip())
print("HSS: " + open(out + "/hss.cmd").read().strip())
print()
fmt = "%-16s %10s %8s %8s %8s %8s %7s %7s %7s  %s"
print(fmt % ("run", "answers/s", "p50 ms", "p99 ms", "max ms", "UD oct", "genCPU", "srvCPU", "busy", "result codes"))
for name in ("responder-pur", "responder-udr", "hss-pur", "hss-udr", "hss-udr-heap"):
    r = rows.get(name)
    if not r:
        continue
    lost = r.get("sent", 0) - r.get("answered", 0)
    codes = " ".join("%s=%d" % kv for kv in sorted(r.get("codes", {}).items()))
    if lost or r.get("timeouts") or r.get("errors"):
        codes += "  (unanswered %d, timeouts %d, errors %d)" % (lost, r.get("timeouts", 0), r.get("errors", 0))
    print(fmt % (name, "%.0f" % r["answersPerSecond"], "%.2f" % r.get("p50Ms", 0), "%.2f" % r.get("p99Ms", 0),
                 "%.1f" % r.get("maxMs", 0), "%.0f" % r.get("userDataBytes", 0), "%d%%" % r["genCpu"],
                 "%d%%" % r["serverCpu"], "%d%%" % r["machineBusy"], codes))
print("(CPU in % of one core; busy = whole machine; UD oct = Sh User-Data octets per answer)")
print()
heap = [tuple(map(int, l.split())) for l in open(out + "/heap.txt") if l.strip()]
print("HSS heap after full GC during hss-udr-heap (seconds since start, MiB): "
      + ", ".join("%d s %.0f" % (t, kb / 1024) for t, kb in heap))
def aps(n):
    return rows.get(n, {}).get("answersPerSecond", 0.0)
for op in ("pur", "udr"):
    base = aps("responder-" + op)
    print("ratio HSS/responder %-4s %5.1f%%" % (op, 100 * aps("hss-" + op) / base if base else 0))
ok = all(r.get("ok") for r in rows.values()) and len(rows) == 5
targets = [("HSS UDR >= 10000 answers/s", aps("hss-udr") >= 10000, "%.0f/s" % aps("hss-udr")),
           ("UDR answers carry the data", rows.get("hss-udr", {}).get("userDataBytes", 0) > data_bytes,
            "%.0f octets" % rows.get("hss-udr", {}).get("userDataBytes", 0))]
heap_run = rows.get("hss-udr-heap", {})
if len(heap) >= 3:
    mid = heap[len(heap) // 2][1] / 1024
    last = heap[-1][1] / 1024
    first = heap[0][1] / 1024
    flat = last - min(first, mid) < 32
    targets.append(("heap flat over the heap run", flat and heap_run.get("answered", 0) >= heap_run.get("sent", 1),
                    "%.0f -> %.0f -> %.0f MiB over %d UDRs" % (first, mid, last, heap_run.get("answered", 0))))
else:
    targets.append(("heap flat over the heap run", False, "fewer than 3 samples"))
print()
for label, passed, value in targets:
    print("%-32s %-5s %s" % (label, "PASS" if passed else "FAIL", value))
    ok &= passed
print()
print("logs, seed and raw results (results.jsonl, heap.txt): " + out)
sys.exit(0 if ok else 1)
EOF
status=$?
exit $status
