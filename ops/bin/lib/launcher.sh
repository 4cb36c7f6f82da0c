# shellcheck shell=bash
# Shared by ops/bin/hss and ops/bin/slf: finds Java and the jars, then runs one process in the foreground or as a
# daemon. A launcher sets these and calls launcher_main "$@":
#   LAUNCHER_NAME    process name: hss or slf (names the pid and log files and the environment variables)
#   LAUNCHER_MODULE  the Maven module that holds the main class (hss-server, slf-server)
#   LAUNCHER_MAIN    the main class
#   LAUNCHER_TITLE   what to call it in messages (HSS, SLF); the process logs "<TITLE> ready" once it serves
# and then calls: launcher_main BIN_DIR "$@" (BIN_DIR: the launcher's own directory, symbolic links resolved).
#
# It works from the source tree (builds the module with Maven first) and from the distribution archive (bin/, lib/,
# conf/). See the README, "Running".

: "${LAUNCHER_NAME:?}" "${LAUNCHER_TITLE:?}" "${LAUNCHER_MODULE:?}" "${LAUNCHER_MAIN:?}"

launcher_usage() {
  local n=$LAUNCHER_NAME N=${LAUNCHER_NAME^^}
  cat <<USAGE
usage: $n [run] [ARGS...]       run the $LAUNCHER_TITLE in the foreground (the default; Ctrl-C or SIGTERM stops it)
       $n start [ARGS...]     run it as a daemon; returns once it reports ready (exit 0) or failed (non-zero)
       $n stop                stop the daemon (SIGTERM, then SIGKILL after ${N}_STOP_TIMEOUT seconds)
       $n restart [ARGS...]   stop, then start
       $n status              exit 0 if the daemon runs, 3 if not
       $n cds                 make the class-data-sharing archive of faster starts now (else: at the first start)
       $n help                this text; '$n run --help' shows the $LAUNCHER_TITLE's own arguments

ARGS go to the $LAUNCHER_TITLE: --config FILE, --demo, --seed FILE (see --help).

Environment:
  JAVA_HOME               Java 17 or later (else 'java' on the PATH)
  JAVA_OPTS               JVM flags added after conf/jvm.options (e.g. -Xmx4g); ${N}_JAVA_OPTS after those
  ${N}_PID_FILE            daemon pid file (default: $(launcher_default_dir run)/$n.pid)
  ${N}_LOG_FILE            daemon output (default: $(launcher_default_dir logs)/$n.log)
  ${N}_START_TIMEOUT       seconds 'start' waits for "$LAUNCHER_TITLE ready" (default 120)
  ${N}_STOP_TIMEOUT        seconds 'stop' waits before SIGKILL (default 60)
  IMSHSS_CDS=off          no class-data-sharing archive: neither made nor used
  IMSHSS_CDS_DIR          where the archive is kept (default: cds/ of the distribution; target/ in the source tree)
  IMSHSS_SKIP_BUILD=1     source tree only: do not run Maven first
USAGE
}

launcher_die() {
  echo "$LAUNCHER_NAME: $*" >&2
  exit 1
}

# Where the launcher lives ($1, its bin directory): a distribution (bin/ beside lib/) or the source tree (ops/bin
# under the root pom.xml).
launcher_locate() {
  local bin_dir=$1
  if [[ -d "$bin_dir/../lib" ]]; then
    LAUNCHER_HOME=$(cd "$bin_dir/.." && pwd)
    LAUNCHER_LAYOUT=dist
    LAUNCHER_CONF="$LAUNCHER_HOME/conf"
  elif [[ -f "$bin_dir/../../pom.xml" ]]; then
    LAUNCHER_HOME=$(cd "$bin_dir/../.." && pwd)
    LAUNCHER_LAYOUT=source
    LAUNCHER_CONF="$LAUNCHER_HOME/ops/conf"
  else
    launcher_die "cannot tell where I am: $bin_dir has neither ../lib (distribution) nor ../../pom.xml (source tree)"
  fi
}

launcher_default_dir() {
  echo "${LAUNCHER_HOME:-.}/$1"
}

launcher_java() {
  local java version major
  if [[ -n "${JAVA_HOME:-}" ]]; then
    java="$JAVA_HOME/bin/java"
  else
    java=$(command -v java || true)
  fi
  [[ -n "$java" && -x "$java" ]] || launcher_die "no Java found: install Java 17 or set JAVA_HOME"
  LAUNCHER_JAVA_VERSION=$("$java" -version 2>&1)
  version=$(echo "$LAUNCHER_JAVA_VERSION" | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  major=${version%%.*}
  if [[ "$major" == 1 ]]; then
    major=$(echo "$version" | cut -d. -f2)
  fi
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
    launcher_die "$java is Java '${version:-unknown}'; Java 17 or later is needed (set JAVA_HOME)"
  fi
  LAUNCHER_JAVA=$java
}

# Sets LAUNCHER_CLASSPATH; in the source tree builds the module first.
launcher_classpath() {
  local class_file=${LAUNCHER_MAIN//./\/}.class
  if [[ "$LAUNCHER_LAYOUT" == dist ]]; then
    local jar
    jar=$(find "$LAUNCHER_HOME/lib" -maxdepth 1 -name "$LAUNCHER_MODULE-*.jar" | head -n 1)
    if [[ -z "$jar" ]] || ! LC_ALL=C grep -aqF "$class_file" "$jar"; then
      launcher_die "this distribution has no $LAUNCHER_TITLE: $LAUNCHER_MAIN is not in lib/$LAUNCHER_MODULE-*.jar"
    fi
    # Listed in a fixed order, not lib/*: a class-data-sharing archive holds the class path it was made with.
    local -a jars=("$LAUNCHER_HOME"/lib/*.jar)
    LAUNCHER_CLASSPATH=$(IFS=:; echo "${jars[*]}")
    return
  fi
  local module_dir="$LAUNCHER_HOME/$LAUNCHER_MODULE"
  local target="$module_dir/target"
  [[ -f "$module_dir/pom.xml" ]] || launcher_die "no module $LAUNCHER_MODULE in $LAUNCHER_HOME"
  if [[ "${IMSHSS_SKIP_BUILD:-${HSS_SKIP_BUILD:-0}}" != 1 || ! -f "$target/runtime-classpath.txt" ]]; then
    command -v mvn >/dev/null || launcher_die "Maven (mvn) is needed to run from the source tree"
    echo "$LAUNCHER_NAME: building $LAUNCHER_MODULE (mvn package, tests skipped)..." >&2
    # The module's package phase writes target/runtime-classpath.txt (runtime scope: no test jars, whose
    # logback-test.xml would take over the logging).
    (cd "$LAUNCHER_HOME" && mvn -B -q -Dstyle.color=never -pl "$LAUNCHER_MODULE" -am package -DskipTests) >&2 \
      || launcher_die "the build failed"
  fi
  if [[ ! -f "$target/classes/$class_file" ]]; then
    launcher_die "$LAUNCHER_MODULE has no $LAUNCHER_MAIN yet (no $class_file in $target/classes)"
  fi
  # The module's jar when it holds what was compiled last: class-data sharing archives classes from jars only.
  local module_jar=$target/classes
  local -a jars=("$target/$LAUNCHER_MODULE"-*[0-9T].jar)
  if [[ -f "${jars[0]}" && -z "$(find "$target/classes" -newer "${jars[0]}" -type f -print -quit)" ]]; then
    module_jar=${jars[0]}
  fi
  LAUNCHER_CLASSPATH="$module_jar:$(cat "$target/runtime-classpath.txt")"
}

# Fills the array LAUNCHER_CMD with the java command line for the arguments given.
launcher_command() {
  local N=${LAUNCHER_NAME^^} arg has_config=0 has_logback=0
  local jvm_options="$LAUNCHER_CONF/jvm.options"
  [[ -f "$jvm_options" ]] || launcher_die "missing $jvm_options"
  launcher_java
  launcher_classpath
  local extra_var="${N}_JAVA_OPTS"
  local -a extra
  # Word splitting is intended: JAVA_OPTS holds several flags.
  # shellcheck disable=SC2206
  extra=(${JAVA_OPTS:-} ${!extra_var:-})
  for arg in "${extra[@]}"; do
    [[ "$arg" == -Dlogback.configurationFile=* ]] && has_logback=1
  done
  for arg in "$@"; do
    [[ "$arg" == --config || "$arg" == --config=* ]] && has_config=1
  done
  LAUNCHER_CMD=("$LAUNCHER_JAVA" "@$jvm_options")
  if ((has_logback == 0)) && [[ -f "$LAUNCHER_CONF/logback.xml" ]]; then
    LAUNCHER_CMD+=("-Dlogback.configurationFile=$LAUNCHER_CONF/logback.xml")
  fi
  launcher_cds
  LAUNCHER_CMD+=("${LAUNCHER_CDS_OPTS[@]}" "${extra[@]}" -cp "$LAUNCHER_CLASSPATH" "$LAUNCHER_MAIN")
  # A distribution's conf/<name>.properties is the configuration unless --config names another.
  if ((has_config == 0)) && [[ "$LAUNCHER_LAYOUT" == dist && -f "$LAUNCHER_CONF/$LAUNCHER_NAME.properties" ]]; then
    LAUNCHER_CMD+=(--config "$LAUNCHER_CONF/$LAUNCHER_NAME.properties")
  fi
  LAUNCHER_CMD+=("$@")
}

# Class-data sharing (JDK CDS): the classes a start loads, parsed and verified once, mapped from an archive by
# every later start. The archive is only valid for this Java and exactly this class path (the jars' paths, sizes
# and times: Java 17 cannot move it), so it is made where the process runs: by a training run of the process
# (CdsTraining), the first time the launcher finds none matching, or by '<name> cds'. An archive the JVM refuses
# all the same is ignored quietly; a missing one never stops a start. Sets LAUNCHER_CDS_OPTS.
launcher_cds() {
  LAUNCHER_CDS_OPTS=()
  local archive key
  archive=$(launcher_cds_archive) || return 0
  key=$(launcher_cds_key) || return 0
  if [[ ! -f "$archive" || "$(cat "$archive.key" 2>/dev/null)" != "$key" ]]; then
    launcher_cds_train "$archive" "$key" || return 0
  fi
  LAUNCHER_CDS_OPTS=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off,cds+dynamic=off)
}

# The archive's path; fails where there is none to use: turned off, or classes from a directory (not archived).
launcher_cds_archive() {
  [[ "${IMSHSS_CDS:-on}" != off && "$LAUNCHER_CLASSPATH" != *"/classes:"* ]] || return 1
  if [[ -n "${IMSHSS_CDS_DIR:-}" ]]; then
    echo "$IMSHSS_CDS_DIR/$LAUNCHER_NAME.jsa"
  elif [[ "$LAUNCHER_LAYOUT" == dist ]]; then
    echo "$LAUNCHER_HOME/cds/$LAUNCHER_NAME.jsa"
  else
    echo "$LAUNCHER_HOME/$LAUNCHER_MODULE/target/$LAUNCHER_NAME.jsa"
  fi
}

# What an archive is valid for: the Java, the JVM options file and every jar of the class path as it is now.
launcher_cds_key() {
  command -v stat >/dev/null && command -v cksum >/dev/null || return 1
  local -a jars
  IFS=: read -r -a jars <<<"$LAUNCHER_CLASSPATH"
  {
    echo "$LAUNCHER_JAVA $LAUNCHER_JAVA_VERSION"
    cat "$LAUNCHER_CONF/jvm.options"
    stat -L -c '%n %s %Y' "${jars[@]}"
  } | cksum
}

# Makes the archive with a training run; fails (with one line on stderr) where it cannot.
launcher_cds_train() {
  local archive=$1 key=$2 dir tmp
  dir=$(dirname "$archive")
  mkdir -p "$dir" 2>/dev/null && [[ -w "$dir" ]] && command -v mv >/dev/null || return 1
  tmp="$archive.$$"
  echo "$LAUNCHER_NAME: making the class-data-sharing archive $archive (once; IMSHSS_CDS=off skips it)..." >&2
  if "$LAUNCHER_JAVA" "@$LAUNCHER_CONF/jvm.options" -XX:ArchiveClassesAtExit="$tmp" \
      -cp "$LAUNCHER_CLASSPATH" "$LAUNCHER_MAIN" --cds-training >"$archive.log" 2>&1 && [[ -s "$tmp" ]] \
      && mv -f "$tmp" "$archive" && echo "$key" >"$archive.key"; then
    rm -f "$archive.log"
    return 0
  fi
  rm -f "$tmp"
  echo "$LAUNCHER_NAME: no class-data-sharing archive (see $archive.log); starting without it" >&2
  return 1
}

# '<name> cds': makes the archive now, whether or not one matches (e.g. as the service's user after installing).
launcher_cds_now() {
  local archive key
  launcher_java
  launcher_classpath
  archive=$(launcher_cds_archive) || launcher_die "class-data sharing is off (IMSHSS_CDS) or needs the module's jar"
  key=$(launcher_cds_key) || launcher_die "class-data sharing needs stat and cksum"
  launcher_cds_train "$archive" "$key" || exit 1
  echo "$LAUNCHER_NAME: class-data-sharing archive $archive" >&2
}

launcher_files() {
  local N=${LAUNCHER_NAME^^}
  local pid_var="${N}_PID_FILE" log_var="${N}_LOG_FILE" start_var="${N}_START_TIMEOUT" stop_var="${N}_STOP_TIMEOUT"
  PID_FILE=${!pid_var:-$(launcher_default_dir run)/$LAUNCHER_NAME.pid}
  LOG_FILE=${!log_var:-$(launcher_default_dir logs)/$LAUNCHER_NAME.log}
  START_TIMEOUT=${!start_var:-120}
  STOP_TIMEOUT=${!stop_var:-60}
}

# Prints the daemon's pid if the pid file names a live process running our main class.
launcher_running_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid=$(tr -dc '0-9' <"$PID_FILE")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -F "$LAUNCHER_MAIN" >/dev/null; then
    return 1
  fi
  echo "$pid"
}

launcher_start() {
  local pid offset waited=0
  launcher_files
  if pid=$(launcher_running_pid); then
    launcher_die "already running (pid $pid, pid file $PID_FILE)"
  fi
  launcher_command "$@"
  mkdir -p "$(dirname "$PID_FILE")" "$(dirname "$LOG_FILE")"
  touch "$LOG_FILE"
  offset=$(($(wc -c <"$LOG_FILE") + 1))
  nohup "${LAUNCHER_CMD[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$LAUNCHER_NAME: started pid $pid, output in $LOG_FILE" >&2
  while ((waited < START_TIMEOUT * 10)); do
    if tail -c "+$offset" "$LOG_FILE" | grep -F "$LAUNCHER_TITLE ready" >/dev/null; then
      echo "$LAUNCHER_NAME: ready" >&2
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      local status=0
      wait "$pid" || status=$?
      rm -f "$PID_FILE"
      echo "$LAUNCHER_NAME: failed to start (exit status $status); last lines of $LOG_FILE:" >&2
      tail -c "+$offset" "$LOG_FILE" | tail -n 20 >&2
      exit "$((status == 0 ? 1 : status))"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  launcher_die "not ready after ${START_TIMEOUT}s; still running as pid $pid (see $LOG_FILE; '$LAUNCHER_NAME stop' stops it)"
}

launcher_stop() {
  local pid waited=0
  launcher_files
  if ! pid=$(launcher_running_pid); then
    rm -f "$PID_FILE"
    echo "$LAUNCHER_NAME: not running" >&2
    return 0
  fi
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$PID_FILE"
      launcher_die "pid $pid did not stop within ${STOP_TIMEOUT}s: killed"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  echo "$LAUNCHER_NAME: stopped (pid $pid)" >&2
}

launcher_status() {
  local pid
  launcher_files
  if pid=$(launcher_running_pid); then
    echo "$LAUNCHER_NAME: running (pid $pid)"
    return 0
  fi
  echo "$LAUNCHER_NAME: not running"
  return 3
}

launcher_main() {
  launcher_locate "$1"
  shift
  local command=run
  case "${1:-}" in
    run | start | stop | restart | status | cds) command=$1; shift ;;
    help | -h | --help) launcher_usage; return 0 ;;
    -* | '') ;;
    *) echo "$LAUNCHER_NAME: unknown command '$1'" >&2; launcher_usage >&2; exit 2 ;;
  esac
  case "$command" in
    run)
      launcher_command "$@"
      exec "${LAUNCHER_CMD[@]}"
      ;;
    start) launcher_start "$@" ;;
    stop) launcher_stop ;;
    restart) launcher_stop; launcher_start "$@" ;;
    status) launcher_status ;;
    cds) launcher_cds_now ;;
  esac
}
