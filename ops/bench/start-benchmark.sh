#!/usr/bin/env bash
# How fast an HSS is from its first second: start-to-ready, and the answers/s and latency of the first seconds
# after ready against the same node's warm speed, measured in one run by the load generator in C
# (ops/bench/c/diameter-load, UAR, closed loop). Not a test: it prints figures and asserts none.
#
# --demo (the default): a fresh `ops/bin/hss --demo` (its own empty work directory under --out). The script takes
#   the time from launching it to the first 200 of /ready (polled every 20 ms) and then at once signals the
#   generator (UAR for alice and bob), started before the node and waiting with its user table built, which reports
#   --first-seconds in windows of --report-every seconds; then a second run of the generator warms the node for
#   --gap-seconds more and measures --warm-seconds: the warm rate.
# --persistent N: a node with native persistence and its own work directory under --out, loaded with N subscribers
#   user<i>@ims.example.org (sip:user<i>@ims.example.org), is put under UAR load spread over all N for
#   --pre-kill-seconds, killed with SIGKILL while under that load and started again without seed; kill-to-ready and
#   launch-to-ready are taken and the restarted node is measured as in --demo, the generator addressing all N.
#
# Both report, per start: launch-to-ready (from running ops/bin/hss, Java's own start included), JVM-to-ready
# (from the JVM's start time, process_start_time_seconds of /metrics), the node's own start lines (its log lines
# that say ready or warm), the first window's answers/s and p99, the warm answers/s and p99, and first/warm.
# Results go to --out: summary.txt (key=value per start), the generator outputs (*.out: WINDOW lines, then
# RESULT), the node logs (*.log) and metrics scraped after the runs (*.metrics: start, ready and warm-up series).
#
#   ops/bench/start-benchmark.sh [--demo | --persistent N] [options]
#
#   --persistent N        see above; the loaded work directory stays under --out (data-N) for --reuse-data
#   --reuse-data          --persistent: start from --out's data-N loaded by an earlier run instead of loading again
#   --load-with M         --persistent: how the N subscribers are loaded: import (an empty node, then one REST
#                         bulk import of NDJSON with initialLoad=true; the default) or seed (ops/bin/hss --seed
#                         with the file of ops/bin/benchmark seed; converted in memory first, so 1,000,000 need
#                         more heap than jvm.options' -Xmx2g: set -Xmx in HSS_JAVA_OPTS)
#   --pre-kill-seconds S  --persistent: load before the SIGKILL (30)
#   --repeat K            starts measured (--demo: K fresh nodes; --persistent: K kills and restarts) (1)
#   --first-seconds S     measured right after ready, in windows (30)
#   --report-every S      window length (5)
#   --gap-seconds S       further load before the warm window (30)
#   --warm-seconds S      the warm window (15)
#   --in-flight N         requests in flight (200)
#   --connections N       generator connections (1)
#   --port P              Diameter port of the node (13868)
#   --rest-port P         its REST port, where /ready and /metrics are read (18080)
#   --grid-ports D,C      its Ignite discovery and communication ports (47700,47300)
#   --hss-root DIR        source tree whose HSS is measured (default: this one)
#   --out DIR             logs, data and results (default: a new /tmp/start-bench.XXXXXX)
#   --skip-build          use the jars already in */target (the C programs are always built)
#
# HSS_JAVA_OPTS is passed on to every node started (after the script's own -D flags).
#
# Exit status: 0 every run got its answers, 1 a run lost more than 1 % of its requests or got errors, 2 bad usage
# or a start failure.
set -euo pipefail

bench_name=start-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode=demo
subscribers=0
reuse_data=0
load_with=import
pre_kill_seconds=30
repeat=1
first_seconds=30
report_every=5
gap_seconds=30
warm_seconds=15
in_flight=200
connections=1
port=13868
rest_port=18080
grid_ports=47700,47300
hss_root=""
out=""
build=1
null_only=0

usage() {
  sed -n '2,48p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --demo) mode=demo; shift ;;
    --persistent) mode=persistent; subscribers=${2:?}; shift 2 ;;
    --reuse-data) reuse_data=1; shift ;;
    --load-with) load_with=${2:?}; shift 2 ;;
    --pre-kill-seconds) pre_kill_seconds=${2:?}; shift 2 ;;
    --repeat) repeat=${2:?}; shift 2 ;;
    --first-seconds) first_seconds=${2:?}; shift 2 ;;
    --report-every) report_every=${2:?}; shift 2 ;;
    --gap-seconds) gap_seconds=${2:?}; shift 2 ;;
    --warm-seconds) warm_seconds=${2:?}; shift 2 ;;
    --in-flight) in_flight=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --rest-port) rest_port=${2:?}; shift 2 ;;
    --grid-ports) grid_ports=${2:?}; shift 2 ;;
    --hss-root) hss_root=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

for v in repeat first_seconds report_every warm_seconds in_flight connections port rest_port; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} needs a positive integer, got '${!v}'"
done
for v in gap_seconds pre_kill_seconds; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v//_/-} needs a whole number of seconds, got '${!v}'"
done
if [[ $mode == persistent ]]; then
  [[ $subscribers =~ ^[1-9][0-9]*$ ]] || die "--persistent needs a positive number of subscribers"
  ((pre_kill_seconds > 0)) || die "--pre-kill-seconds must be positive: the node is killed under load"
fi
[[ $load_with == import || $load_with == seed ]] || die "--load-with needs import or seed, got '$load_with'"
((reuse_data == 0)) || [[ $mode == persistent ]] || die "--reuse-data goes with --persistent"
[[ $grid_ports =~ ^([0-9]+),([0-9]+)$ ]] || die "--grid-ports needs DISCOVERY,COMMUNICATION, got '$grid_ports'"
discovery_port=${BASH_REMATCH[1]}
communication_port=${BASH_REMATCH[2]}
command -v python3 >/dev/null || die "python3 is needed to write the load and read the results"
command -v curl >/dev/null || die "curl is needed to poll /ready"
command -v cc >/dev/null || die "a C compiler (cc) is needed for ops/bench/c"

c_bench_setup start-bench
rm -f "$results"
results="$out/summary.txt"
# an --out used again (--reuse-data) keeps the earlier summary
[[ ! -s $results ]] || mv "$results" "$out/summary-$(date -r "$results" +%Y%m%dT%H%M%S).txt"
: >"$results"
# the node's four ports are free (a node of an earlier start has let them go)
node_ports_free() {
  check_ports_free
  ! port_in_use "$rest_port" || die "port 127.0.0.1:$rest_port is in use; choose --rest-port"
}
node_ports_free
build_c_and_hss
if [[ $mode == persistent && $build == 1 ]]; then
  log "building ops/benchmark (its seed writer)"
  (cd "$root" && mvn -B -q -pl ops/benchmark -am package -DskipTests) >"$out/build-benchmark.log" 2>&1 \
    || { tail -n 40 "$out/build-benchmark.log" >&2; die "build failed, see $out/build-benchmark.log"; }
fi
write_machine_info "ops/bench/start-benchmark.sh $( [[ $mode == demo ]] && echo --demo || echo "--persistent \
$subscribers --load-with $load_with --pre-kill-seconds $pre_kill_seconds")$( ((reuse_data)) && echo ' --reuse-data') \
--repeat $repeat --first-seconds $first_seconds --report-every $report_every --gap-seconds $gap_seconds \
--warm-seconds $warm_seconds --in-flight $in_flight --connections $connections${hss_root:+ --hss-root $root}"

now_ms() {
  date +%s%3N
}

# --- the node --------------------------------------------------------------------------------------------------

# The secret of the bulk import's token, made for this run
api_secret=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

# launch_hss NAME WORK_DIR [HSS ARGS...]: starts ops/bin/hss (output in NAME.log); sets server_pid, launch_ms
launch_hss() {
  local name=$1 work=$2 opts
  shift 2
  opts="-Ddiameter.bind-address=127.0.0.1 -Ddiameter.port=$port -Drest.bind-address=127.0.0.1"
  opts+=" -Drest.port=$rest_port -Dgrid.instance-name=hss-start-bench -Dgrid.bind-address=127.0.0.1"
  opts+=" -Dgrid.discovery-port=$discovery_port -Dgrid.discovery-port-range=0"
  opts+=" -Dgrid.discovery-addresses=127.0.0.1:$discovery_port -Dgrid.communication-port=$communication_port"
  opts+=" -Dgrid.work-directory=$work"
  [[ $mode == persistent ]] && opts+=" -Dgrid.persistence=true -Ddiameter.allowed-realms=ims.example.org"
  echo "HSS_JAVA_OPTS='$opts ${HSS_JAVA_OPTS:-}' ops/bin/hss $*" >"$out/$name.cmd"
  log "$name: $(<"$out/$name.cmd")"
  # --demo keeps its own token; a persistent node gets one for the bulk import (environment, never a file)
  local env=(HSS_SKIP_BUILD=1 "HSS_JAVA_OPTS=$opts ${HSS_JAVA_OPTS:-}")
  [[ $mode == persistent ]] && env+=("HSS_REST_TOKENS=bench:admin:$api_secret")
  launch_ms=$(now_ms)
  env "${env[@]}" "$root/ops/bin/hss" "$@" >"$out/$name.log" 2>&1 &
  server_pid=$!
}

# wait_ready NAME TIMEOUT_S: polls /ready every 20 ms until it answers 200; sets ready_ms
wait_ready() {
  local name=$1 deadline=$(($(now_ms) + $2 * 1000)) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$rest_port/ready" || true)
    if [[ $code == 200 ]]; then
      ready_ms=$(now_ms)
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { tail -n 30 "$out/$name.log" >&2; die "$name: the HSS exited"; }
    (($(now_ms) < deadline)) || { tail -n 30 "$out/$name.log" >&2; die "$name: not ready after $2 s"; }
    sleep 0.02
  done
}

# after_runs NAME: what the node says about its start, read once the runs are over (nothing disturbs them): its
# JVM's start time (process_start_time_seconds) for JVM-to-ready, its log lines that say ready or warm, its start,
# warm-up and refill metrics
after_runs() {
  local name=$1 started
  curl -s --max-time 5 "http://127.0.0.1:$rest_port/metrics" >"$out/$name.metrics.all" || true
  grep -iE '^([a-z_]*(start|ready|warm)|grid_refill)' "$out/$name.metrics.all" | grep -v '^jvm_threads' >"$out/$name.metrics" || true
  started=$(sed -n 's/^process_start_time_seconds \([0-9.E+-]*\)$/\1/p' "$out/$name.metrics.all" | head -n 1)
  rm -f "$out/$name.metrics.all"
  [[ -z $started ]] || awk -v r="$ready_ms" -v s="$started" 'BEGIN {printf "jvm_to_ready_ms=%d\n", r - s * 1000}'
  grep -iwE 'ready|warm|warmed|warming' "$out/$name.log" | grep -v 'demo data' >"$out/$name.start-lines" || true
  # a duration on the node's own ready line ("... ready ... 4.2 s", "... 4210 ms"), as node_ready_ms
  grep -iw 'ready' "$out/$name.start-lines" | tail -n 1 | grep -oE '[0-9]+(\.[0-9]+)? ?m?s\b' | head -n 1 \
    | awk '{v = $0; ms = v ~ /ms$/; gsub(/[^0-9.]/, "", v); printf "node_ready_ms=%d\n", ms ? v : v * 1000}' || true
}

# --- the generator ---------------------------------------------------------------------------------------------

# load_args: who the generator addresses
load_args() {
  if [[ $mode == demo ]]; then
    printf '%s\n' --users-file "$out/demo-users.txt"
  else
    printf '%s\n' --users "$subscribers" --impi-pattern 'user%d@ims.example.org' \
      --impu-pattern 'sip:user%d@ims.example.org'
  fi
}

# generator NAME WARMUP SECONDS [options...]: diameter-load in the background (load_pid), output in NAME.out
generator() {
  local name=$1 warm=$2 secs=$3 args
  shift 3
  mapfile -t args < <(load_args)
  args=(--host 127.0.0.1 --port "$port" --command uar --connections "$connections" --in-flight "$in_flight"
    "${args[@]}" --warmup "$warm" --seconds "$secs" --connect-retry-ms 10000 "$@")
  echo "diameter-load ${args[*]}" >"$out/$name.cmd"
  "$out/bin/diameter-load" "${args[@]}" >"$out/$name.out" 2>"$out/$name.err" &
  load_pid=$!
}

# wait_generator NAME: its exit status into gen_rc; 1 also for a RESULT with errors (answers other than 2xxx)
wait_generator() {
  gen_rc=0
  wait "$load_pid" || gen_rc=$?
  load_pid=""
  if grep -q '^WINDOW .* errors=[1-9]' "$out/$1.out" 2>/dev/null; then
    log "$1: answers other than 2xxx, see $out/$1.out"
    ((gen_rc != 0)) || gen_rc=1
  fi
  ((gen_rc == 0)) || { log "$1: generator exit $gen_rc"; tail -n 5 "$out/$1.err" >&2 || true; }
  return 0
}

# arm NAME: the generator of NAME's first seconds, started before the node and waiting for SIGUSR1 to connect, so
# that its user table (1,000,000 users take a second or more) costs neither the node's start nor its first seconds
arm() {
  local deadline=$(($(now_ms) + 120000))
  generator "$1-first" 0 "$first_seconds" --report-every "$report_every" --wait-signal
  until grep -q '^WAITING' "$out/$1-first.out" 2>/dev/null; do
    if ! kill -0 "$load_pid" 2>/dev/null || (($(now_ms) >= deadline)); then
      die "$1: the generator is not waiting, see $out/$1-first.err"
    fi
    sleep 0.005
  done
}

# measure NAME: once ready, starts the armed generator: --first-seconds in windows; then the warm window. Its
# figures in measure_line.
measure() {
  local name=$1 first_rc warm_rc gen_launch_ms
  gen_launch_ms=$(now_ms)
  kill -USR1 "$load_pid"
  wait_generator "$name-first"
  first_rc=$gen_rc
  generator "$name-warm" "$gap_seconds" "$warm_seconds" --report-every "$warm_seconds"
  wait_generator "$name-warm"
  warm_rc=$gen_rc
  measure_line=$(python3 - "$out/$name-first.out" "$out/$name-warm.out" "$((gen_launch_ms - ready_ms))" <<'EOF'
import sys
def fields(line):
    return dict(kv.split("=", 1) for kv in line.split()[1:])
first = open(sys.argv[1]).read().splitlines()
windows = [fields(l) for l in first if l.startswith("WINDOW ")]
connected = [fields(l) for l in first if l.startswith("CONNECTED ")]
warm = [fields(l) for l in open(sys.argv[2]).read().splitlines() if l.startswith("RESULT ")]
out = {"generator_after_ready_ms": sys.argv[3]}
if connected:
    out["connected_after_ready_ms"] = "%.0f" % (int(sys.argv[3]) + float(connected[0]["after_ms"]))
if windows:
    w = windows[0]
    out.update(first_window_s="%.1f-%.1f" % (float(w["from_s"]), float(w["to_s"])), first_aps=w["answers_per_s"],
               first_p99_ms=w["p99_ms"], first_max_ms=w["max_ms"])
    out["windows_aps"] = ",".join("%.0f" % float(x["answers_per_s"]) for x in windows)
    out["windows_p99_ms"] = ",".join(x["p99_ms"] for x in windows)
if warm:
    out.update(warm_aps=warm[0]["answers_per_s"], warm_p99_ms=warm[0]["p99_ms"])
if windows and warm and float(warm[0]["answers_per_s"]) > 0:
    out["first_over_warm"] = "%.2f" % (float(windows[0]["answers_per_s"]) / float(warm[0]["answers_per_s"]))
print(" ".join("%s=%s" % kv for kv in out.items()))
EOF
  )
  ((first_rc == 0 && warm_rc == 0)) || run_failed=1
}

run_failed=0
pre_kill_pid=""
trap 'stop_pid "$pre_kill_pid"; cleanup' EXIT

# record NAME KEY=VALUE...: one line of summary.txt
record() {
  echo "name=$*" >>"$results"
  log "$(tail -n 1 "$results")"
}

# --- demo ------------------------------------------------------------------------------------------------------

run_demo() {
  local k name work
  printf '%s\n' 'alice@ims.example.org sip:alice@ims.example.org' 'bob@ims.example.org sip:bob@ims.example.org' \
    >"$out/demo-users.txt"
  for ((k = 1; k <= repeat; k++)); do
    name=demo-$k
    work="$out/work-$name"
    rm -rf "$work"
    node_ports_free
    arm "$name"
    launch_hss "$name" "$work" --demo
    wait_ready "$name" 300
    local launch_to_ready=$((ready_ms - launch_ms))
    log "$name: ready $launch_to_ready ms after launch"
    measure "$name"
    record "$name launch_to_ready_ms=$launch_to_ready $(after_runs "$name") $measure_line"
    stop_pid "$server_pid"
    server_pid=""
  done
}

# --- persistent ------------------------------------------------------------------------------------------------

# write_load FILE_PREFIX: the seed writer's file for one subscriber, made into a seed of the shared parts only
# (PREFIX-base.json) and N lines of NDJSON, one subscriber each (PREFIX.ndjson), in the seed writer's format
write_load() {
  BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users 1 --out "$1-one.json" 2>>"$out/load.log" \
    || die "ops/bin/benchmark seed failed, see $out/load.log"
  python3 - "$1-one.json" "$1-base.json" "$1.ndjson" "$subscribers" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
template = json.dumps(doc.pop("subscriptions")[0], separators=(",", ":"))
doc["subscriptions"] = []
json.dump(doc, open(sys.argv[2], "w"), indent=1)
# user0's identities, password and K (whose last 4 octets are the user's number) become user<i>'s
k0 = json.loads(template)["privateIdentities"][0]["k"]
assert k0.endswith("00000000") and template.count("user0") >= 3
t = template.replace("%", "%%").replace("user0", "user%(i)d").replace('"pw-0"', '"pw-%(i)d"') \
    .replace(k0, k0[:-8] + "%(k)08x")
with open(sys.argv[3], "w") as out:
    for i in range(int(sys.argv[4])):
        out.write(t % {"i": i, "k": i} + "\n")
EOF
}

# load_data NAME WORK: a node started on an empty WORK and loaded with the subscribers (--load-with); it stays up
load_data() {
  local name=$1 work=$2 started written imported failed
  rm -rf "$work" "$work.loaded"
  started=$(now_ms)
  if [[ $load_with == seed ]]; then
    log "writing the seed of $subscribers subscribers"
    BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$subscribers" --out "$out/seed-$subscribers.json" \
      2>>"$out/load.log" || die "ops/bin/benchmark seed failed, see $out/load.log"
    written=$(now_ms)
    launch_hss "$name" "$work" --seed "$out/seed-$subscribers.json"
    wait_ready "$name" 7200
    record "$name load=seed subscribers=$subscribers write_ms=$((written - started))" \
      "seed_start_to_ready_ms=$((ready_ms - launch_ms))"
  else
    log "writing $subscribers subscribers as NDJSON"
    write_load "$out/load-$subscribers"
    written=$(now_ms)
    launch_hss "$name" "$work" --seed "$out/load-$subscribers-base.json"
    wait_ready "$name" 300
    log "$name: bulk import of $subscribers subscribers (initialLoad=true)"
    imported=$(now_ms)
    curl -sS --fail -H "Authorization: Bearer $api_secret" -H 'Content-Type: application/x-ndjson' -H 'Expect:' \
      -X POST --upload-file "$out/load-$subscribers.ndjson" \
      "http://127.0.0.1:$rest_port/api/v1/subscribers/import?initialLoad=true" >"$out/import-result.ndjson" \
      || die "the bulk import failed, see $out/import-result.ndjson and $out/$name.log"
    failed=$(grep -vc '"status":20[01]' "$out/import-result.ndjson" || true)
    ((failed == 0)) || die "$failed import lines failed, see $out/import-result.ndjson"
    # half a gigabyte for 1,000,000, and written again in seconds
    rm -f "$out/load-$subscribers.ndjson" "$out/import-result.ndjson"
    record "$name load=import subscribers=$subscribers write_ms=$((written - started))" \
      "start_to_ready_ms=$((ready_ms - launch_ms)) import_ms=$(($(now_ms) - imported))"
  fi
  echo "$subscribers" >"$work.loaded"
}

run_persistent() {
  local work="$out/data-$subscribers" k name kill_ms launch_to_ready
  node_ports_free
  if ((reuse_data)) && [[ -f "$work.loaded" && $(<"$work.loaded") == "$subscribers" ]]; then
    log "reusing $work ($subscribers subscribers)"
    launch_hss node-0 "$work"
    wait_ready node-0 600
    record "node-0 reused=$work launch_to_ready_ms=$((ready_ms - launch_ms))"
  else
    ((reuse_data == 0)) || log "$work holds no load of $subscribers subscribers: loading it"
    load_data node-0 "$work"
  fi
  for ((k = 1; k <= repeat; k++)); do
    name=restart-$k
    log "$name: $pre_kill_seconds s of load over $subscribers subscribers, then SIGKILL under load"
    generator "$name-pre-kill" 0 $((pre_kill_seconds + 3600))
    pre_kill_pid=$load_pid
    sleep "$pre_kill_seconds"
    kill -0 "$pre_kill_pid" 2>/dev/null || die "$name: the load stopped before the kill, see $out/$name-pre-kill.err"
    arm "$name"
    kill_ms=$(now_ms)
    kill -KILL "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    stop_pid "$pre_kill_pid"
    pre_kill_pid=""
    launch_hss "$name" "$work"
    wait_ready "$name" 600
    launch_to_ready=$((ready_ms - launch_ms))
    log "$name: ready $((ready_ms - kill_ms)) ms after the kill, $launch_to_ready ms after launch"
    measure "$name"
    record "$name subscribers=$subscribers kill_to_ready_ms=$((ready_ms - kill_ms))" \
      "launch_to_ready_ms=$launch_to_ready $(after_runs "$name") $measure_line"
  done
  stop_pid "$server_pid"
  server_pid=""
}

# --- run and report --------------------------------------------------------------------------------------------

if [[ $mode == demo ]]; then
  run_demo
else
  run_persistent
fi

python3 - "$results" <<'EOF'
import sys
rows = [dict(kv.split("=", 1) for kv in l.split()) for l in open(sys.argv[1]) if l.strip()]
fmt = "%-10s %9s %9s %9s %11s %9s %11s %9s %10s  %s"
print()
print(fmt % ("start", "launch ms", "JVM ms", "kill ms", "first/s", "p99 ms", "warm/s", "p99 ms", "first/warm",
             "windows/s"))
for r in rows:
    if "first_aps" not in r and "warm_aps" not in r:
        print("%-10s %s" % (r["name"], " ".join("%s=%s" % kv for kv in r.items() if kv[0] != "name")))
        continue
    print(fmt % (r["name"], r.get("launch_to_ready_ms", "-"), r.get("jvm_to_ready_ms", "-"),
                 r.get("kill_to_ready_ms", "-"), "%.0f" % float(r.get("first_aps", 0)), r.get("first_p99_ms", "-"),
                 "%.0f" % float(r.get("warm_aps", 0)), r.get("warm_p99_ms", "-"), r.get("first_over_warm", "-"),
                 r.get("windows_aps", "-")))
print("(launch: from running ops/bin/hss to /ready 200; JVM: from the JVM's start; kill: from the SIGKILL; first:"
      " the first window after ready; warm: the warm window; the node's own start lines: *.start-lines)")
EOF
echo "logs, data and results (summary.txt): $out"
exit "$run_failed"
