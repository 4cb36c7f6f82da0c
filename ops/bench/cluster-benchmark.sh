#!/usr/bin/env bash
# Cx throughput of a persistent HSS cluster of 1, 2 and 3 nodes started from ops/conf/cluster/node-*.properties, one
# backup, driven by the same load generator (ops/benchmark) as cx-benchmark.sh: UAR alone, then the UAR/SAR/LIR mix
# (which writes registration state). By default the generator sends everything to node A, so with more nodes A
# serves more of its reads and all its writes through the others; --spread runs one generator per node instead
# (each with in-flight/N). Prints one table; every process started here is stopped on exit.
#
#   ops/bench/cluster-benchmark.sh [options]
#
#   --users N        subscribers seeded (through node A) and addressed by the generator (20000)
#   --in-flight N    requests kept in flight, in all (200)
#   --connections N  generator TCP connections per generator (2)
#   --warmup S       warm-up seconds before each measured window (10; the first run on each cluster adds 20)
#   --seconds S      measured seconds per run (15)
#   --nodes LIST     cluster sizes to measure ("1 2 3")
#   --spread         one generator per node instead of all load on node A
#   --heap SIZE      -Xmx of each node (1g)
#   --out DIR        keep logs, seed and results there (default: a new /tmp/cluster-bench.XXXXXX)
#   --skip-build     use the jars already in */target
#
# Exit status: 0 when every run got all its answers, 1 otherwise, 2 bad usage or a start failure.
set -euo pipefail

bench_name=cluster-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=20000
in_flight=200
connections=2
warmup=10
jit_warmup=20
seconds=15
sizes="1 2 3"
spread=0
heap=1g
out=""
jfr=0
build=1

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users=${2:?}; shift 2 ;;
    --in-flight) in_flight=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --nodes) sizes=${2:?}; shift 2 ;;
    --spread) spread=1; shift ;;
    --heap) heap=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

port=3871
grid_ports=47501,47101
check_options users in_flight connections seconds
prepare_output cluster-bench
names=(a b c)
node_pids=()

stop_nodes() {
  local pid
  for pid in "${node_pids[@]}"; do
    stop_pid "$pid"
  done
  node_pids=()
}
trap 'stop_pid "$load_pid"; stop_nodes' EXIT

for p in 3871 3872 3873 8081 8082 8083 47501 47502 47503 47101 47102 47103; do
  port_in_use "$p" && die "port $p is in use (the cluster files of ops/conf/cluster use it)"
done
if [[ $build == 1 ]]; then
  build_servers
fi
classpath="$root/hss-server/target/classes:$(<"$root/hss-server/target/runtime-classpath.txt")"
token=cluster-bench-admin-token

write_machine_info "ops/bench/cluster-benchmark.sh --users $users --in-flight $in_flight --connections $connections --warmup $warmup --seconds $seconds --nodes '$sizes'$([[ $spread == 1 ]] && echo ' --spread') --heap $heap"

seed="$out/seed-$users.json"
log "writing $users subscribers to $seed"
BENCH_SKIP_BUILD=1 "$root/ops/bin/benchmark" seed --users "$users" --out "$seed" \
  --server-name sip:scscf.ims.example.org:6060 2>>"$out/seed.log"

# start_node NAME COUNT [ARGS...]: node NAME of a cluster of the first COUNT nodes, data under $out/$COUNT.
start_node() {
  local name=$1 count=$2 i members="" baseline=""
  shift 2
  for ((i = 0; i < count; i++)); do
    members+="${members:+,}127.0.0.1:$((47501 + i))"
    baseline+="${baseline:+,}hss-${names[i]}"
  done
  HSS_REST_TOKENS="bench:admin:$token" java "@$root/ops/conf/jvm.options" -Xms"$heap" -Xmx"$heap" \
    -Dgrid.discovery-addresses="$members" -Dgrid.initial-baseline="$baseline" \
    -Dgrid.work-directory="$out/$count/hss-$name" -Ddiameter.processing-threads=4 \
    -cp "$classpath" org.imshss.hss.HssMain --config "$root/ops/conf/cluster/node-$name.properties" "$@" \
    >>"$out/$count-hss-$name.log" 2>&1 &
  node_pids+=($!)
}

await_active() {
  local rest=$1 i
  for ((i = 0; i < 3000; i++)); do
    if curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$rest/api/v1/cluster" 2>/dev/null \
      | grep -q '"state":"ACTIVE"'; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# load NAME MIX WARMUP: the generators of one run; their answers/s summed into one row of $results.
load() {
  local name=$1 mix=$2 warm=$3 i
  if [[ $spread == 0 ]]; then
    port=3871
    run_load "$name" hss "$mix" "$warm" "$in_flight" --dest-host hss-a.ims.example.org
    return
  fi
  local parts=() pids=()
  for ((i = 0; i < count; i++)); do
    port=$((3871 + i))
    run_load "$name-${names[i]}" hss "$mix" "$warm" $((in_flight / count)) \
      --dest-host "hss-${names[i]}.ims.example.org" &
    pids+=($!)
    parts+=("$name-${names[i]}")
  done
  for i in "${pids[@]}"; do wait "$i"; done
  python3 - "$results" "$name" "${parts[@]}" <<'PY'
import json, sys
path, name, parts = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = [r for r in map(json.loads, open(path)) if r["name"] in parts]
total = {"name": name, "answersPerSecond": sum(r["answersPerSecond"] for r in rows),
         "p99Ms": max(r.get("p99Ms", 0) for r in rows), "p50Ms": max(r.get("p50Ms", 0) for r in rows),
         "sent": sum(r.get("sent", 0) for r in rows), "answered": sum(r.get("answered", 0) for r in rows),
         "ok": all(r.get("ok") for r in rows), "genCpu": sum(r["genCpu"] for r in rows),
         "serverCpu": rows[0]["serverCpu"] if rows else 0, "machineBusy": max(r["machineBusy"] for r in rows)}
open(path, "a").write(json.dumps(total) + "\n")
PY
}

for count in $sizes; do
  ((count >= 1 && count <= 3)) || die "--nodes takes sizes 1 to 3"
  log "cluster of $count node(s)"
  start_node a "$count" --seed "$seed"
  for ((i = 1; i < count; i++)); do
    start_node "${names[i]}" "$count"
  done
  for ((i = 0; i < count; i++)); do
    await_active $((8081 + i)) || { tail -n 30 "$out/$count-hss-${names[i]}.log" >&2; die "node ${names[i]} not active"; }
  done
  log "$count node(s) active"
  server_pid=${node_pids[0]}
  load "n$count-uar" uar $((warmup + jit_warmup))
  load "n$count-mix" mix "$warmup"
  server_pid=""
  stop_nodes
done

set +e
python3 - "$results" "$out" <<'EOF'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
print()
print(open(sys.argv[2] + "/machine.txt").read().rstrip())
print()
fmt = "%-8s %-5s %10s %8s %8s %8s %8s"
print(fmt % ("nodes", "mix", "answers/s", "p50 ms", "p99 ms", "genCPU", "A CPU"))
ok = True
for n in ("1", "2", "3"):
    for mix in ("uar", "mix"):
        r = rows.get("n%s-%s" % (n, mix))
        if not r:
            continue
        ok &= bool(r.get("ok"))
        print(fmt % (n, mix, "%.0f" % r["answersPerSecond"], "%.2f" % r.get("p50Ms", 0), "%.2f" % r.get("p99Ms", 0),
                     "%d%%" % r["genCpu"], "%d%%" % r["serverCpu"]))
print("(CPU in % of one core; A = node A, which every generator of a non-spread run talks to)")
print("logs and raw results (results.jsonl): " + sys.argv[2])
sys.exit(0 if ok else 1)
EOF
