#!/usr/bin/env bash
# The HSS's S6a and SWx speed against a Diameter responder that does no work, in one run on one machine, both
# driven by the same load generator in C as cx-null-benchmark.sh (ops/bench/c: diameter-load, null-responder).
# Kinds of run: air1 and air5 (AIR with 1 and with 5 requested E-UTRAN vectors), ulr, attach (AIR then ULR per
# subscriber), swx-mar (SWx MAR of a 3GPP AAA server: EAP-AKA', 1 vector, RAT-Type WLAN, ANID "WLAN").
# 1. the null responder: every kind; 2. the HSS, seeded with --users subscribers that each have a USIM with an EPS
# subscription and non-3GPP access (ops/bench/s6a-seed.py), warmed for --jit-warmup seconds, then the same runs.
# Prints answers/s, latency, CPU of generator and server, answers per Result-Code/Experimental-Result-Code,
# E-UTRAN vectors per AIA, SIP-Auth-Data-Items per MAA and the ratio HSS/null responder of each run. Everything
# runs on 127.0.0.1; every process started here is stopped on exit.
#
#   ops/bench/s6a-benchmark.sh [options]
#
#   --users N            subscribers seeded into the HSS and addressed by the generator (100000)
#   --imsi-prefix P      MCC and MNC of their IMSIs: P followed by the subscriber's number (00101)
#   --visited-plmn H     Visited-PLMN-Id of the requests, 6 hex digits (00F110: MCC 001, MNC 01)
#   --terminal-info      ULRs carry Terminal-Information (IMEI, Software-Version)
#   --kinds K,K,...      the kinds of run, in order (air1,air5,ulr,attach,swx-mar)
#   --in-flight N        requests kept in flight by the generator over all connections (200)
#   --connections N      generator TCP connections (= Diameter peers: MMEs, AAA servers) (1)
#   --warmup S           warm-up seconds before each measured window (10)
#   --jit-warmup S       extra warm-up of the HSS before its first run, under air1 load (swx-mar when the
#                        kinds have swx-mar but not air1) (30)
#   --seconds S          measured seconds per run (15; at least 3)
#   --server-threads N   diameter.processing-threads of the HSS (4)
#   --port P             Diameter port of both servers (3868)
#   --grid-ports D,C     Ignite discovery and communication ports of the HSS (47500,47100)
#   --origin-host H      the generator's Origin-Host (mme.epc.mnc001.mcc001.3gppnetwork.org; connection n > 1
#                        gets mme-n...)
#   --realm R            Origin-Realm and Destination-Realm (epc.mnc001.mcc001.3gppnetwork.org)
#   --hss-root DIR       source tree whose HSS is measured (default: this one)
#   --null-only          only the null responder: no HSS build, seed or runs
#   --half-load          after each HSS run of a kind, the same kind open loop at half the answers/s that run
#                        measured (run hss-KIND-half: diameter-load --rate, latency from the scheduled send
#                        times, late = requests the --in-flight cap held back)
#   --wire-check         first capture 0.2 s of each request kind on the loopback with tshark (root) and
#                        check that every frame decodes as Diameter without a malformed frame or an expert warning
#   --out DIR            keep logs, seed and results there (default: a new /tmp/s6a-bench.XXXXXX)
#   --skip-build         use the HSS jars already in the tree's */target (the C programs are always built)
#
# Exit status: 0 every run got its answers (and the wire check passed), 1 a run lost more than 1 % of its
# requests or the wire check found a problem, 2 bad usage or a start failure.
set -euo pipefail

bench_name=s6a-benchmark
# shellcheck source=ops/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

users=100000
imsi_prefix=00101
visited_plmn=00F110
terminal_info=0
in_flight=200
connections=1
warmup=10
jit_warmup=30
seconds=15
server_threads=4
port=3868
grid_ports=47500,47100
origin_host=mme.epc.mnc001.mcc001.3gppnetwork.org
realm=epc.mnc001.mcc001.3gppnetwork.org
hss_root=""
null_only=0
half_load=0
wire_check=0
out=""
build=1
kinds=air1,air5,ulr,attach,swx-mar

usage() {
  sed -n '2,42p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --users) users=${2:?}; shift 2 ;;
    --imsi-prefix) imsi_prefix=${2:?}; shift 2 ;;
    --visited-plmn) visited_plmn=${2:?}; shift 2 ;;
    --terminal-info) terminal_info=1; shift ;;
    --kinds) kinds=${2:?}; shift 2 ;;
    --in-flight) in_flight=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --jit-warmup) jit_warmup=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --server-threads) server_threads=${2:?}; shift 2 ;;
    --port) port=${2:?}; shift 2 ;;
    --grid-ports) grid_ports=${2:?}; shift 2 ;;
    --origin-host) origin_host=${2:?}; shift 2 ;;
    --realm) realm=${2:?}; shift 2 ;;
    --hss-root) hss_root=${2:?}; shift 2 ;;
    --null-only) null_only=1; shift ;;
    --half-load) half_load=1; shift ;;
    --wire-check) wire_check=1; shift ;;
    --out) out=${2:?}; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

for v in users in_flight connections seconds port; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} needs a positive integer, got '${!v}'"
done
[[ $server_threads =~ ^[0-9]+$ ]] || die "--server-threads needs a whole number"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup needs a whole number of seconds, got '$warmup'"
[[ $jit_warmup =~ ^[0-9]+$ ]] || die "--jit-warmup needs a whole number of seconds, got '$jit_warmup'"
((seconds >= 3)) || die "--seconds must be at least 3 (CPU is sampled inside the measured window)"
[[ $imsi_prefix =~ ^[0-9]{5,6}$ ]] || die "--imsi-prefix needs the 5 or 6 digits of MCC and MNC"
[[ $visited_plmn =~ ^[0-9A-Fa-f]{6}$ ]] || die "--visited-plmn needs 6 hex digits"
[[ $kinds =~ ^(air1|air5|ulr|attach|swx-mar)(,(air1|air5|ulr|attach|swx-mar))*$ ]] \
  || die "--kinds needs a comma-separated list of air1, air5, ulr, attach, swx-mar; got '$kinds'"
[[ $grid_ports =~ ^([0-9]+),([0-9]+)$ ]] || die "--grid-ports needs DISCOVERY,COMMUNICATION, got '$grid_ports'"
discovery_port=${BASH_REMATCH[1]}
communication_port=${BASH_REMATCH[2]}
command -v python3 >/dev/null || die "python3 is needed to write the seed and tabulate the results"
command -v cc >/dev/null || die "a C compiler (cc) is needed for ops/bench/c"
((wire_check == 0)) || command -v tshark >/dev/null || die "--wire-check needs tshark"
imsi_pattern="$imsi_prefix%0$((15 - ${#imsi_prefix}))d"

c_bench_setup s6a-bench

# --- build -----------------------------------------------------------------------------------------------------

build_c_and_hss

write_machine_info "ops/bench/s6a-benchmark.sh --users $users --imsi-prefix $imsi_prefix --visited-plmn $visited_plmn\
 --kinds $kinds$( ((terminal_info)) && echo ' --terminal-info')\
 --in-flight $in_flight --connections $connections --warmup $warmup\
 --jit-warmup $jit_warmup --seconds $seconds --server-threads $server_threads${hss_root:+ --hss-root $root}\
$( ((null_only)) && echo ' --null-only')$( ((half_load)) && echo ' --half-load')\
$( ((wire_check)) && echo ' --wire-check')"

# generator options of a run kind: air1, air5, ulr, attach, swx-mar
load_args() {
  local args=(--host 127.0.0.1 --port "$port" --connections "$connections" --users "$users"
    --imsi-pattern "$imsi_pattern" --visited-plmn "$visited_plmn" --origin-host "$origin_host"
    --origin-realm "$realm" --destination-realm "$realm")
  ((terminal_info)) && args+=(--terminal-information)
  case "$1" in
    air1) args+=(--command air --vectors 1) ;;
    air5) args+=(--command air --vectors 5) ;;
    swx-mar) args+=(--command swx-mar --vectors 1) ;;
    *) args+=(--command "$1") ;;
  esac
  printf '%s\n' "${args[@]}"
}

# c_load NAME TARGET(null|hss) KIND WARMUP [generator options...]: one generator run of the kind (lib.sh c_load_run).
c_load() {
  local args name=$1 target=$2 kind=$3 warm=$4
  shift 4
  mapfile -t args < <(load_args "$kind")
  c_load_run "$name" "target=$target kind=$kind" "$warm" "${args[@]}" --in-flight "$in_flight" "$@"
}

# run_half_load NAME TARGET KIND: run NAME-half, the kind open loop at half the answers/s run NAME measured
run_half_load() {
  local peak half
  peak=$(c_result "$1" answers_per_s)
  half=$(awk -v p="${peak:-0}" 'BEGIN {printf "%d", p / 2}')
  if ((half < 1)); then
    log "$1-half: skipped, $1 measured no answers"
    return 0
  fi
  c_load "$1-half" "$2" "$3" "$warmup" --rate "$half"
}

# wire_check KIND: 0.2 s of the kind at one request in flight, captured on the loopback; every frame must
# decode as Diameter (the port is decoded as such) without a malformed frame or an expert item of warning or error.
wire_check() {
  local kind=$1 args cap="$out/wire-$1.pcapng" cap_pid found
  mapfile -t args < <(load_args "$kind")
  tshark -i lo -f "tcp port $port" -w "$cap" >"$out/wire-$kind.log" 2>&1 &
  cap_pid=$!
  for ((i = 0; i < 100; i++)); do
    grep -q 'Capturing on' "$out/wire-$kind.log" && break
    sleep 0.1
  done
  "$out/bin/diameter-load" "${args[@]}" --in-flight 1 --warmup 0 --seconds 0.2 >"$out/wire-$kind.out" 2>&1 || true
  sleep 1
  stop_pid "$cap_pid"
  found=$(tshark -r "$cap" -d "tcp.port==$port,diameter" -Y '_ws.malformed || _ws.expert.severity >= 0x00600000' \
    -T fields -e frame.number -e _ws.col.Info -e _ws.expert.message 2>/dev/null | head -n 5)
  local decoded count='NF == 2 {n[$1 ($2 == 1 ? "R" : "A")]++} END {for (k in n) printf "%s=%d ", k, n[k]}'
  decoded=$(tshark -r "$cap" -d "tcp.port==$port,diameter" -T fields -e diameter.cmd.code -e diameter.flags.request \
    -E occurrence=f 2>/dev/null | awk "$count")
  if [[ -n "$found" ]]; then
    log "wire check $kind: FAILED, see $cap:"
    echo "$found" >&2
    return 1
  fi
  # an empty capture proves nothing: the kind's requests (AIR 318, ULR 316, MAR 303) must be there
  local want='31[68]R='
  [[ $kind == swx-mar ]] && want='303R='
  if [[ ! $decoded =~ $want ]]; then
    log "wire check $kind: FAILED, no $kind request captured in $cap"
    return 1
  fi
  log "wire check $kind: every frame decodes clean (command code, R/A: $decoded)"
}

# --- 1. null responder -----------------------------------------------------------------------------------------

IFS=, read -r -a runs <<<"$kinds"
log "starting the null responder on 127.0.0.1:$port"
"$out/bin/null-responder" --host 127.0.0.1 --port "$port" >"$out/null-responder.log" 2>&1 &
server_pid=$!
wait_port "$port" "$server_pid" 10 || { cat "$out/null-responder.log" >&2; die "the null responder did not start"; }
wire_ok=1
if ((wire_check)); then
  for kind in "${runs[@]}"; do
    wire_check "$kind" || wire_ok=0
  done
fi
for kind in "${runs[@]}"; do
  c_load "null-$kind" null "$kind" "$warmup"
done
stop_pid "$server_pid"
server_pid=""

# --- 2. HSS ----------------------------------------------------------------------------------------------------

if ((null_only == 0)); then
  seed="$out/seed-$users.json"
  # the non-3GPP part only when a run needs it: an HSS whose seed format lacks it still serves the S6a kinds
  seed_args=(--users "$users" --imsi-prefix "$imsi_prefix" --out "$seed")
  [[ " ${runs[*]} " == *" swx-mar "* ]] || seed_args+=(--no-non3gpp)
  log "writing $users subscribers with USIMs and EPS subscriptions$([[ ${seed_args[*]} == *no-non3gpp* ]] \
    || echo ' and non-3GPP access') to $seed"
  python3 "$bench_dir/s6a-seed.py" "${seed_args[@]}" || die "s6a-seed.py failed"
  start_hss "$seed" "$realm"
  if ((jit_warmup > 0)); then
    warm_kind=air1
    [[ " ${runs[*]} " == *" air1 "* || " ${runs[*]} " != *" swx-mar "* ]] || warm_kind=swx-mar
    log "warming the HSS up for $jit_warmup s ($warm_kind)"
    mapfile -t warm_args < <(load_args "$warm_kind")
    "$out/bin/diameter-load" "${warm_args[@]}" --in-flight "$in_flight" --warmup 0 --seconds "$jit_warmup" \
      >"$out/jit-warmup.out" 2>&1 || true
  fi
  for kind in "${runs[@]}"; do
    c_load "hss-$kind" hss "$kind" "$warmup"
    ((half_load == 0)) || run_half_load "hss-$kind" hss "$kind"
  done
  hss_warnings
  stop_pid "$server_pid"
  server_pid=""
fi

# --- report ----------------------------------------------------------------------------------------------------

set +e
python3 - "$results" "$out" "$wire_ok" <<'EOF'
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
fmt = "%-18s %11s %8s %8s %9s %7s %7s %5s %9s  %s"
print(fmt % ("run", "answers/s", "p50 ms", "p99 ms", "p99.9 ms", "genCPU", "srvCPU", "busy", "HSS/null", "answers"))
fixed = ("name", "target", "kind", "exit", "command", "answers_per_s", "p50_ms", "p99_ms", "p999_ms", "max_ms",
         "sent", "answered", "gen_cpu", "server_cpu", "busy", "loadavg", "AIA", "ULA", "MAA", "rate", "late",
         "send_lag_mean_ms", "send_lag_max_ms")
ok = bool(rows)
for name, r in rows.items():
    aps = float(r["answers_per_s"])
    base = rows.get("null-" + r["kind"], {})
    open_loop = r.get("rate", "0") != "0"
    ratio = "%.1f%%" % (100 * aps / float(base["answers_per_s"])) if r["target"] == "hss" and base and \
        float(base["answers_per_s"]) and not open_loop else ""
    codes = " ".join("%s=%s" % kv for kv in r.items() if kv[0] not in fixed and kv[1] != "0")
    if open_loop:
        codes = "rate=%s late=%s send_lag_mean_ms=%s " % (r["rate"], r["late"], r.get("send_lag_mean_ms", "-")) + codes
    lost = int(r.get("sent", 0)) - int(r.get("answered", 0))
    ok &= r["exit"] == "0"
    if lost:
        codes += "  (unanswered %d)" % lost
    print(fmt % (name, "%.0f" % aps, r.get("p50_ms", "-"), r.get("p99_ms", "-"), r.get("p999_ms", "-"),
                 r["gen_cpu"] + "%", r["server_cpu"] + "%", r["busy"] + "%", ratio, codes))
print("(CPU in % of one core, sampled inside the measured window; busy = whole machine; HSS/null against the null"
      " responder's run of the same kind; codes: AIA.2001 = Result-Code, AIA.E5001 = Experimental-Result-Code;"
      " vectors_per_aia = E-UTRAN-Vectors per AIA, items_per_maa = SIP-Auth-Data-Items per MAA;"
      + (" *-half: open loop at rate = half the peak run's answers/s, latency from the scheduled send times, late ="
         " requests held back by the in-flight cap (should be 0), send_lag = the generator's own delay;"
         if any(r.get("rate", "0") != "0" for r in rows.values()) else "")
      + " load average at the end of each run: "
      + ", ".join("%s %s" % (n, r["loadavg"]) for n, r in rows.items()) + ")")
if sys.argv[3] != "1":
    print("wire check: FAILED (see wire-*.pcapng)")
    ok = False
print()
print("logs, seed and raw results (results.txt): " + out)
sys.exit(0 if ok else 1)
EOF
status=$?
exit $status
