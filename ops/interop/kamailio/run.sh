#!/usr/bin/env bash
# Interop test with Kamailio's IMS modules: an I-CSCF and an S-CSCF (Debian's kamailio 5.6 with
# kamailio-ims-modules) register SIPp phones through the HSS of the built distribution, with the demo data.
#
#   ops/interop/kamailio/run.sh            installs what is missing (apt-get, as root), builds, runs, cleans up
#
# Scenarios: SIP Digest REGISTER (401, then 200), IMS-AKA REGISTER, re-REGISTER and de-REGISTER, a MESSAGE
# through the I-CSCF (LIR) to a registered phone, a wrong password never answered 200, administrative
# de-registration through the provisioning REST API (RTR, which the S-CSCF answers and acts on).
# Prints "N passed, M failed" and exits non-zero when one failed. Everything it starts it stops, also on failure;
# logs stay in the work directory it names.
#
# Environment: INTEROP_SKIP_BUILD=1 uses the archive already in ops/dist/target; INTEROP_WORK=DIR keeps the work
# directory there (default: a new temporary one); INTEROP_HSS_PORT, INTEROP_ICSCF_PORT (SIP), INTEROP_REST_PORT,
# INTEROP_GRID_PORT change ports.
# The S-CSCF listens on 127.0.0.1:6060, the port in the demo data's S-CSCF name. Every port is below Linux's
# ephemeral range (32768 and up): a port in it can be the local end of any process's outgoing connection at that
# moment, and a CI run once found the grid's port taken so, right after the cluster tests.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

hss_port=${INTEROP_HSS_PORT:-3875}
icscf_port=${INTEROP_ICSCF_PORT:-4060}
scscf_port=6060
icscf_diameter_port=$((hss_port + 1))
scscf_diameter_port=$((hss_port + 2))
grid_port=${INTEROP_GRID_PORT:-27640}
rest_port=${INTEROP_REST_PORT:-8075}
rest="http://127.0.0.1:$rest_port/api/v1"
# an admin token for this run only
rest_secret=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
# The HSS's Diameter identity is the name cdp connects to: an address needs no name resolution.
hss_identity=127.0.0.1
# the demo data's OP (README, Demo data)
demo_op=0xcdc202d5123e20f62b6d676ac72cb318

work=${INTEROP_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/imshss-interop.XXXXXX")}
mkdir -p "$work"
work=$(cd "$work" && pwd)
logs="$work/logs"
mkdir -p "$logs"

log() { printf '%s interop: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- what it needs

install_packages() {
  local missing=()
  command -v kamailio >/dev/null || missing+=(kamailio)
  command -v sipp >/dev/null || missing+=(sip-tester)
  command -v curl >/dev/null || missing+=(curl)
  local modules
  modules=$(dirname "$(find /usr/lib -path '*/kamailio/modules/tm.so' -print -quit 2>/dev/null)" 2>/dev/null || true)
  [[ -n "$modules" && -f "$modules/ims_icscf.so" ]] || missing+=(kamailio-ims-modules)
  [[ -n "$modules" && -f "$modules/presence.so" ]] || missing+=(kamailio-presence-modules)
  if ((${#missing[@]} > 0)); then
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
      log "missing: ${missing[*]} (install them with apt-get as root)"
      exit 1
    fi
    log "installing ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kamailio kamailio-ims-modules \
      kamailio-presence-modules sip-tester curl >&2
  fi
}

# --- processes it started, stopped on any exit

pids=()
hss_home=""
cleanup() {
  local status=$?
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n "$hss_home" ]]; then
    HSS_PID_FILE="$work/hss.pid" "$hss_home/bin/hss" stop >/dev/null 2>&1 || true
    # the logs stay; the unpacked distribution and the grid's files go unless something failed
    if ((status == 0)); then
      rm -rf "$hss_home" "$work/data"
    fi
  fi
  log "logs in $logs"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the HSS from the distribution archive

start_hss() {
  if [[ "${INTEROP_SKIP_BUILD:-0}" != 1 ]]; then
    log "building the distribution"
    (cd "$root" && mvn -B -q -Dstyle.color=never -pl ops/dist -am package -DskipTests) >&2
  fi
  local archive
  archive=$(find "$root/ops/dist/target" -maxdepth 1 -name 'imshss-*.tar.gz' -print -quit)
  [[ -n "$archive" ]] || { log "no distribution archive in ops/dist/target"; exit 1; }
  tar -xzf "$archive" -C "$work"
  hss_home=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'imshss-*' -print -quit)
  log "starting the HSS ($hss_identity:$hss_port) from $(basename "$archive")"
  env HSS_PID_FILE="$work/hss.pid" HSS_LOG_FILE="$logs/hss.log" \
    HSS_DIAMETER_IDENTITY="$hss_identity" HSS_DIAMETER_PORT="$hss_port" \
    HSS_GRID_INSTANCE_NAME=interop HSS_GRID_DISCOVERY_PORT="$grid_port" HSS_GRID_DISCOVERY_PORT_RANGE=0 \
    HSS_GRID_DISCOVERY_ADDRESSES="127.0.0.1:$grid_port" HSS_GRID_COMMUNICATION_PORT=$((grid_port + 1)) \
    HSS_GRID_WORK_DIRECTORY="$work/data" HSS_REST_PORT="$rest_port" HSS_REST_TOKENS="interop:admin:$rest_secret" \
    JAVA_OPTS="-Xms256m -Xmx768m" \
    "$hss_home/bin/hss" start --demo
}

# --- Kamailio

render() {
  sed -e "s#@WORK@#$work#g" -e "s#@HSS_IDENTITY@#$hss_identity#g" -e "s#@HSS_PORT@#$hss_port#g" \
    -e "s#@ICSCF_PORT@#$icscf_port#g" -e "s#@SCSCF_PORT@#$scscf_port#g" \
    -e "s#@ICSCF_DIAMETER_PORT@#$icscf_diameter_port#g" -e "s#@SCSCF_DIAMETER_PORT@#$scscf_diameter_port#g" \
    -e "s#@CX_XSD@#$root/hss-server/src/test/resources/xsd/CxDataType_Rel7.xsd#g" \
    "$here/$1" >"$work/$1"
}

# db_text tables: the I-CSCF's S-CSCF list (the HSS names the S-CSCF, so it stays unused) and the
# presence tables the S-CSCF's registrar needs to load.
write_tables() {
  mkdir -p "$work/icscf-db" "$work/scscf-db"
  printf 'table_name(string) table_version(int)\ns_cscf:1\ns_cscf_capabilities:1\nnds_trusted_domains:1\n' \
    >"$work/icscf-db/version"
  printf 'id(int,auto) name(string) s_cscf_uri(string)\n1:scscf:sip\\:scscf.ims.example.org\\:%s\n' "$scscf_port" \
    >"$work/icscf-db/s_cscf"
  printf 'id(int,auto) id_s_cscf(int) capability(int)\n' >"$work/icscf-db/s_cscf_capabilities"
  printf 'id(int,auto) trusted_domain(string)\n1:ims.example.org\n' >"$work/icscf-db/nds_trusted_domains"
  local table source=/usr/share/kamailio/dbtext/kamailio
  for table in version presentity active_watchers watchers xcap pua; do
    [[ -f "$source/$table" ]] && cp "$source/$table" "$work/scscf-db/$table"
  done
}

start_kamailio() {
  local name=$1
  render "$name.cfg"
  render "$name.xml"
  mkdir -p "$work/run-$name"
  kamailio -c -f "$work/$name.cfg" >"$logs/$name-check.log" 2>&1 || {
    log "$name: configuration refused:"; tail -n 20 "$logs/$name-check.log" >&2; exit 1; }
  kamailio -f "$work/$name.cfg" -DD -E -Y "$work/run-$name" -m 64 -M 8 >"$logs/$name.log" 2>&1 &
  pids+=($!)
}

# cdp has connected when the HSS holds an established connection from each CSCF.
wait_for_diameter() {
  local i
  if ! command -v ss >/dev/null; then
    sleep 5
    return 0
  fi
  for ((i = 0; i < 300; i++)); do
    if (($(ss -Htn state established "( sport = :$hss_port )" 2>/dev/null | wc -l) >= 2)); then
      # a request sent at once after the CEA can be lost (cdp): give the peers a moment
      sleep 1
      return 0
    fi
    sleep 0.1
  done
  log "the CSCFs did not connect to the HSS within 30 s"
  return 1
}

# --- scenarios

passed=0
failed=0
failures=()
port=5070

# sipp_run NAME SCENARIO CSV [extra sipp options...]: one call, must succeed. With SIPP_AKA=1 the scenario's
# [authentication] gets the demo OP and AMF (SIPp reads them from the scenario; K is the password).
sipp_run() {
  local name=$1 scenario=$2 csv=$3
  shift 3
  printf 'SEQUENTIAL\n%s\n' "$csv" >"$work/$name.csv"
  if [[ "${SIPP_AKA:-0}" == 1 ]]; then
    sed "s/\[authentication\]/[authentication aka_OP=$demo_op aka_AMF=0x8000]/" "$here/sipp/$scenario" \
      >"$work/$name.xml"
  else
    cp "$here/sipp/$scenario" "$work/$name.xml"
  fi
  port=$((port + 1))
  sipp -sf "$work/$name.xml" -inf "$work/$name.csv" -m 1 -l 1 -i 127.0.0.1 -p "$port" \
    -timeout 30s -timeout_error -nostdin -trace_msg -message_file "$logs/$name.sipp.log" \
    -trace_err -error_file "$logs/$name.sipp-errors.log" "$@" "${SIPP_TARGET:-127.0.0.1:$icscf_port}" \
    </dev/null >"$logs/$name.sipp.out" 2>&1
}

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    log "PASS $name"
  else
    failed=$((failed + 1))
    failures+=("$name")
    log "FAIL $name (logs in $logs)"
  fi
}

digest_register() { sipp_run digest-register register.xml 'alice;MD5' -au alice@ims.example.org -ap alice; }
aka_register() {
  SIPP_AKA=1 sipp_run aka-register register.xml 'carol;AKAv1-MD5' -au carol@ims.example.org -ap carol-aka-secret
}
reregister_deregister() {
  sipp_run reregister-deregister reregister-deregister.xml 'alice;MD5' -au alice@ims.example.org -ap alice
}
wrong_password() {
  sipp_run wrong-password register-wrong-password.xml 'bob;MD5' -au bob@ims.example.org -ap not-bobs-password
}

# bob registers; a second SIPp then listens on the port of his contact. alice sends him a MESSAGE through the
# I-CSCF, which finds his S-CSCF with LIR; the S-CSCF delivers it to his contact.
message_via_icscf() {
  local bob_pid status=0
  sipp_run message-bob-register register.xml 'bob;MD5' -au bob@ims.example.org -ap bob || return 1
  local bob_port=$port
  sipp -sf "$here/sipp/receive-message.xml" -m 1 -i 127.0.0.1 -p "$bob_port" -timeout 30s -timeout_error \
    -nostdin -trace_msg -message_file "$logs/message-bob.sipp.log" -trace_err \
    -error_file "$logs/message-bob.sipp-errors.log" </dev/null >"$logs/message-bob.sipp.out" 2>&1 &
  bob_pid=$!
  pids+=("$bob_pid")
  sleep 0.5
  sipp_run message-alice message.xml 'alice;bob' || status=1
  wait "$bob_pid" || status=1
  return "$status"
}

# api METHOD PATH: the REST API as the admin token; prints the body, then the HTTP status on a line of its own.
api() {
  curl -sS -X "$1" -H "Authorization: Bearer $rest_secret" -w '\n%{http_code}\n' "$rest$2"
}

# alice registers; an operator de-registers her through the REST API. The HSS sends an RTR to her S-CSCF, which
# answers 2001 (the API reports it) and drops her contacts: once its usrloc timer (1 s) has unlinked them, a
# MESSAGE to her at that S-CSCF gets 404/480 instead of going to her old contact.
admin_deregistration() {
  local path=/registrations/sip%3Aalice%40ims.example.org reply
  sipp_run admin-dereg-register register.xml 'alice;MD5' -au alice@ims.example.org -ap alice || return 1
  reply=$(api GET "$path")
  echo "GET before: $reply" >"$logs/admin-dereg-api.log"
  grep -E '"state" *: *"REGISTERED"' <<<"$reply" >/dev/null || return 1
  reply=$(api DELETE "$path?reason=PERMANENT_TERMINATION")
  echo "DELETE: $reply" >>"$logs/admin-dereg-api.log"
  [[ $(tail -n 1 <<<"$reply") == 200 ]] || return 1
  grep -E '"status" *: *"ANSWERED"' <<<"$reply" >/dev/null || return 1
  grep -E '"resultCode" *: *2001' <<<"$reply" >/dev/null || return 1
  reply=$(api GET "$path")
  echo "GET after: $reply" >>"$logs/admin-dereg-api.log"
  grep -E '"state" *: *"NOT_REGISTERED"' <<<"$reply" >/dev/null || return 1
  sleep 2.5
  SIPP_TARGET="127.0.0.1:$scscf_port" sipp_run admin-dereg-message message-not-registered.xml 'bob;alice'
}

main() {
  install_packages
  start_hss
  write_tables
  start_kamailio icscf
  start_kamailio scscf
  wait_for_diameter
  check digest-register digest_register
  check aka-register aka_register
  check reregister-deregister reregister_deregister
  check message-via-icscf message_via_icscf
  check wrong-password wrong_password
  check admin-deregistration admin_deregistration
  echo "$passed passed, $failed failed"
  if ((failed > 0)); then
    log "failed: ${failures[*]}"
    return 1
  fi
}

main
