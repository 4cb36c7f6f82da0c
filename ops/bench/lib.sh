# Shared parts of the ops/bench/*-benchmark.sh scripts: process bookkeeping, CPU sampling, one generator run,
# starting the canned responder and the HSS. Sourced, not run.
#
# The caller sets before sourcing: bench_name (prefix of log lines and errors), and before calling the functions:
# root, out, results, port, users, connections, seconds, jfr (0/1), server_threads, discovery_port,
# communication_port. Functions set server_pid / load_pid, which cleanup stops on exit.

die() {
  echo "$bench_name: $*" >&2
  exit 2
}

log() {
  echo "[$bench_name $(date +%T)] $*" >&2
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
  log "$name: $(tail -n 1 "$results" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f answers/s, p50 %.2f p99 %.2f p99.9 %.2f ms, CPU gen %d%% server %d%%, codes %s" % (r["answersPerSecond"], r.get("p50Ms",0), r.get("p99Ms",0), r.get("p999Ms",0), r["genCpu"], r["serverCpu"], r.get("codes",{})) + (", %.2f auth items per MAA" % r["authItemsPerAnswer"] if "authItemsPerAnswer" in r else ""))')"
}

# c_bench_setup NAME: the output directory and its key=value results.txt for the C-generator benchmarks; $bench_dir
# is this tree's ops/bench, $root the tree whose HSS is measured (--hss-root, else this one).
c_bench_setup() {
  prepare_output "$1"
  rm -f "$results"  # prepare_output names it for JSON lines; these are key=value lines
  results="$out/results.txt"
  : >"$results"
  bench_dir="$root/ops/bench"
  if [[ -n "$hss_root" ]]; then
    root=$(cd "$hss_root" && pwd) || die "--hss-root $hss_root is not a directory"
    [[ -x "$root/ops/bin/hss" ]] || die "$root has no ops/bin/hss"
  fi
}

# build_c_and_hss: the generator and the null responder into $out/bin, and hss-server of $root unless --skip-build
# or --null-only.
build_c_and_hss() {
  check_ports_free
  mkdir -p "$out/bin"
  local prog
  for prog in diameter-load null-responder; do
    cc -O2 -Wall -Wextra -o "$out/bin/$prog" "$bench_dir/c/$prog.c" 2>"$out/cc-$prog.log" \
      || { cat "$out/cc-$prog.log" >&2; die "cc $prog.c failed"; }
  done
  if [[ $build == 1 && $null_only == 0 ]]; then
    log "building hss-server in $root (mvn package, tests skipped)"
    (cd "$root" && mvn -B -q -pl hss-server -am package -DskipTests) >"$out/build.log" 2>&1 \
      || { tail -n 40 "$out/build.log" >&2; die "build failed, see $out/build.log"; }
  fi
}

# c_load_run NAME TAGS WARMUP GENERATOR-OPTIONS...: one run of the C generator (ops/bench/c/diameter-load) for
# $seconds after WARMUP; appends "name=NAME TAGS exit=N", its RESULT line and the CPU of generator and server
# (percent of one core) and of the whole machine, sampled inside the measured window, to $results. With the
# generator option --rate N the run is open loop (N requests/s on schedule); its RESULT has rate= and late=.
c_load_run() {
  local name=$1 tags=$2 warm=$3
  shift 3
  local args=("$@" --warmup "$warm" --seconds "$seconds")
  echo "diameter-load ${args[*]}" >"$out/$name.cmd"
  log "$name: diameter-load ${args[*]}"
  "$out/bin/diameter-load" "${args[@]}" >"$out/$name.out" 2>"$out/$name.err" &
  load_pid=$!
  # the generator connects in milliseconds: sample from 1 s into the window to 1 s before its end
  sleep $((warm + 1))
  local g0 s0 m0 t0 g1 s1 m1 t1 started=$SECONDS rc=0
  g0=$(cpu_ticks "$load_pid"); s0=$(cpu_ticks "$server_pid"); read -r m0 t0 < <(machine_ticks)
  sleep $((seconds - 2))
  g1=$(cpu_ticks "$load_pid"); s1=$(cpu_ticks "$server_pid"); read -r m1 t1 < <(machine_ticks)
  local window=$((SECONDS - started))
  ((window > 0)) || window=1
  wait "$load_pid" || rc=$?
  load_pid=""
  local result command
  result=$(grep '^RESULT ' "$out/$name.out" | cut -d' ' -f2-) || true
  if [[ -z "$result" ]]; then
    log "$name: no RESULT line (exit $rc); see $out/$name.err"
    tail -n 20 "$out/$name.err" >&2 || true
    command=$(printf '%s\n' "$@" | grep -A1 -x -- --command | tail -n 1)
    result="command=$command answers_per_s=0"
  fi
  echo "name=$name $tags exit=$rc $result gen_cpu=$(((g1 - g0) * 100 / hz / window))" \
    "server_cpu=$(((s1 - s0) * 100 / hz / window)) busy=$(((m1 - m0) * 100 / ((t1 - t0) > 0 ? t1 - t0 : 1)))" \
    "loadavg=$(cut -d' ' -f1 /proc/loadavg)" >>"$results"
  log "$name: $(grep -E '^  (answers/s|latency p99 ms|E-UTRAN|late)' "$out/$name.out" | tr -s ' ' | tr '\n' ';')"
}

# c_result NAME KEY: the value of KEY in the line of run NAME in $results (empty if there is none)
c_result() {
  grep "^name=$1 " "$results" | tail -n 1 | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

# --- setup -----------------------------------------------------------------------------------------------------

check_ports_free() {
  local p
  for p in "$port" "$discovery_port" "$communication_port"; do
    port_in_use "$p" && die "port 127.0.0.1:$p is in use (another HSS or test?); choose --port/--grid-ports"
  done
  return 0
}

build_servers() {
  log "building hss-server and ops/benchmark (mvn package, tests skipped)"
  (cd "$root" && mvn -B -q -pl hss-server,ops/benchmark -am package -DskipTests) >"$out/build.log" 2>&1 \
    || { tail -n 40 "$out/build.log" >&2; die "build failed, see $out/build.log"; }
}

# write_machine_info COMMAND: machine, Java and source revision to DIR/machine.txt and stderr
write_machine_info() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $cores"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "memory: $(awk '/MemTotal/{printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "java: $(java -version 2>&1 | head -n 1)"
    # CX_BENCH_REVISION names the source when the script runs from an exported tree (git archive) without .git
    echo "source: ${CX_BENCH_REVISION:-$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$root" && git diff --quiet 2>/dev/null || echo ' (with local changes)')}"
    echo "command: $1"
  } >"$out/machine.txt"
  cat "$out/machine.txt" >&2
}

# start_responder [append]: the canned responder on 127.0.0.1:$port; its log is truncated unless "append"
start_responder() {
  [[ ${1:-} == append ]] || : >"$out/responder.log"
  BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" responder --host 127.0.0.1 --port "$port" \
    --fsm-threads "$server_threads" >>"$out/responder.log" 2>&1 &
  server_pid=$!
  wait_port "$port" "$server_pid" 30 || { tail -n 20 "$out/responder.log" >&2; die "responder did not start"; }
}

# start_hss SEED [EPC_REALM]: a single-node HSS on 127.0.0.1:$port (grid on loopback, no persistence) that also
# serves and admits EPC_REALM when given, once it logs "HSS ready"
start_hss() {
  local seed=$1 epc_realm=${2:-} hss_opts i ready=0 hss_started
  hss_opts="-Ddiameter.bind-address=127.0.0.1 -Ddiameter.port=$port -Ddiameter.processing-threads=$server_threads"
  if [[ -n $epc_realm ]]; then
    # an MME names the HSS by the EPC realm of the IMSI (TS 23.003 19.2) and comes from a host of it
    hss_opts+=" -Ddiameter.allowed-realms=ims.example.org,$epc_realm -Ddiameter.additional-realms=$epc_realm"
  else
    hss_opts+=" -Ddiameter.allowed-realms=ims.example.org"
  fi
  hss_opts+=" -Dgrid.instance-name=hss-bench -Dgrid.bind-address=127.0.0.1 -Dgrid.discovery-port=$discovery_port"
  hss_opts+=" -Dgrid.discovery-port-range=0 -Dgrid.discovery-addresses=127.0.0.1:$discovery_port"
  hss_opts+=" -Dgrid.communication-port=$communication_port -Dgrid.persistence=false -Dgrid.work-directory=$out/grid"
  echo "HSS_JAVA_OPTS='$hss_opts ${HSS_JAVA_OPTS:-}' ops/bin/hss --seed $seed" >"$out/hss.cmd"
  log "starting the HSS: $(<"$out/hss.cmd")"
  HSS_SKIP_BUILD=1 HSS_JAVA_OPTS="$hss_opts ${HSS_JAVA_OPTS:-}" "$root/ops/bin/hss" --seed "$seed" \
    >"$out/hss.log" 2>&1 &
  server_pid=$!
  hss_started=$SECONDS
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
}

# The HSS's warnings, without Ignite's storage-size advice that every start prints
hss_warnings() {
  grep -E 'WARN|ERROR' "$out/hss.log" | grep -v 'Increase storage size' | head -n 5 >&2 || true
}

# Checks the options both benchmarks share; the arguments name the variables that must be positive integers.
# Sets discovery_port and communication_port from --grid-ports.
check_options() {
  local v
  for v in "$@"; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} needs a positive integer, got '${!v}'"
  done
  [[ $warmup =~ ^[0-9]+$ ]] || die "--warmup needs a whole number of seconds, got '$warmup'"
  [[ $jit_warmup =~ ^[0-9]+$ ]] || die "--jit-warmup needs a whole number of seconds, got '$jit_warmup'"
  ((seconds >= 6)) || die "--seconds must be at least 6 (CPU is sampled inside the measured window)"
  [[ $grid_ports =~ ^([0-9]+),([0-9]+)$ ]] || die "--grid-ports needs DISCOVERY,COMMUNICATION, got '$grid_ports'"
  discovery_port=${BASH_REMATCH[1]}
  communication_port=${BASH_REMATCH[2]}
  command -v python3 >/dev/null || die "python3 is needed to tabulate the results"
}

# Sets root, out (a new /tmp/PREFIX.XXXXXX unless --out was given) and an empty results file.
prepare_output() {
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  if [[ -z "$out" ]]; then
    out=$(mktemp -d "/tmp/$1.XXXXXX")
  else
    mkdir -p "$out"
  fi
  out=$(cd "$out" && pwd)
  results="$out/results.jsonl"
  : >"$results"
}
