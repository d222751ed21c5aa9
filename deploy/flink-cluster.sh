#!/usr/bin/env bash
# A standalone Flink 2.3 session cluster on this machine, as separate processes: one JobManager and one or more
# TaskManagers, started from Flink's own jars on Maven Central (deploy/flink-cluster/pom.xml; flink-dist is not
# published there). Everything binds to 127.0.0.1 and lives in one run directory: config, logs, pids, temp files,
# checkpoints and savepoints.
#
#   deploy/flink-cluster.sh start [--dir DIR] [--port REST_PORT] [--rpc-port PORT] [--taskmanagers N] [--slots N]
#                                 [--metrics-port PORT|FIRST-LAST]
#       prints DIR=<run dir>, JOBMANAGER=127.0.0.1:<rest port> and METRICS=<each process's Prometheus endpoint>;
#       submit with
#       bin/streamscore submit spec.yaml --jobmanager 127.0.0.1:<port> --bootstrap-servers HOST:PORT
#   deploy/flink-cluster.sh add-taskmanager --dir DIR    starts one more TaskManager, prints its pid
#   deploy/flink-cluster.sh stop --dir DIR [--keep]      stops every process of that run; deletes DIR unless --keep
#                                                        (but keeps a DIR/savepoints that holds savepoints)
#   deploy/flink-cluster.sh status --dir DIR             what runs there: processes, address, TaskManagers, jobs
#                                                        (exit 0 running, 3 not running)
# deploy/flink-cluster.sh --help prints every option and its default.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LIB="$ROOT/deploy/flink-cluster/target/lib"
FLINK_VERSION=2.3.0
# Streamscore's Prometheus reporter for the cluster's lib/, built by the streamscore-flink module's package phase.
REPORTER_JAR="$ROOT/streamscore-flink/target/streamscore-metrics-reporter.jar"
# The classes a job's operators and the reporter must share: the reporter recognises bucket histograms, shares and
# summed counts by class, so the job takes these from lib/ (parent-first) rather than from its own jar.
SHARED_METRIC_TYPES='["io.streamscore.flink.metrics.BucketHistogram", "io.streamscore.flink.metrics.ShareGauge", "io.streamscore.flink.metrics.SummedGauge"]'
DEFAULT_METRICS_PORTS=9250-9259

OPENS="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED --add-exports=java.base/sun.net.util=ALL-UNNAMED \
--add-exports=java.management/sun.management=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED"

die() { echo "flink-cluster: $*" >&2; exit 1; }

usage() {
  cat <<USAGE
usage: deploy/flink-cluster.sh COMMAND [OPTIONS]

A standalone Flink $FLINK_VERSION session cluster on 127.0.0.1: one JobManager and N TaskManagers as separate processes.

commands:
  start             start a cluster; prints DIR=<run dir>, JOBMANAGER=127.0.0.1:<rest port> and METRICS=<the
                    Prometheus endpoint of each process> once every TaskManager has registered. Refuses a
                    --dir whose cluster is still running, and one that holds a conf/, log/, tmp/,
                    checkpoints/, web-upload/ or lib/ start did not make.
  add-taskmanager   start one more TaskManager in the running cluster of --dir; prints its pid
  stop              stop every process of the cluster of --dir and delete what start made there, then the
                    directory if nothing else is left; a savepoints/ that holds savepoints is kept (and said
                    so); --keep deletes nothing
  status            the cluster of --dir: each process (running or not; its metrics endpoint),
                    JOBMANAGER=127.0.0.1:<rest port> and, from the JobManager, the TaskManagers
                    registered, free slots and running jobs; exit 0 when its JobManager runs, 3 when it
                    does not
  help              print this text

options:
  --dir DIR           run directory: config, logs, pid files, checkpoints, savepoints
                      (start: default a new temporary directory; add-taskmanager, stop, status: required)
  --port PORT         start: the JobManager's REST port (default: a free port)
  --rpc-port PORT     start: the JobManager's RPC port (default: a free port)
  --taskmanagers N    start: TaskManagers to start (default: 1)
  --slots N           start: task slots per TaskManager (default: 2)
  --metrics-port P    start: Streamscore's Prometheus endpoint of each process, on 127.0.0.1: a port range of
                      which each process binds the first free port, one port, or 0 for any free one
                      (default: $DEFAULT_METRICS_PORTS)
  --keep              stop: keep the run directory
  -h, --help          print this text
USAGE
}

# A command-line mistake: say what, then the usage; exit 2.
usage_error() {
  echo "flink-cluster: $*" >&2
  usage >&2
  exit 2
}

# A port nothing listens on (bash only: no python or netcat needed), below the kernel's ephemeral range: a port in
# that range can be taken after the check, as the local port of an outgoing connection or by a server binding port
# 0 (seen on CI: the JobManager's REST endpoint could not bind).
free_port() {
  local low=32768 port
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  (( low > 11000 )) || low=32768
  while :; do
    port=$((10000 + RANDOM % (low - 10000)))
    port_in_use "$port" || { echo "$port"; return; }
  done
}

# Something accepts connections on 127.0.0.1:PORT (a listener on the wildcard address included).
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port given on the command line must be free now: the JobManager would otherwise die at once with a
# BindException (a port taken later is caught by await_cluster, which notices the dead process).
require_free_port() {
  local option="$1" port="$2"
  if port_in_use "$port"; then
    die "$option $port: 127.0.0.1:$port is already in use; give another port, or leave $option out for a free one"
  fi
}

ensure_lib() {
  if [[ ! -f "$LIB/flink-runtime-$FLINK_VERSION.jar" || ! -f "$LIB/flink-runtime-web-$FLINK_VERSION.jar" ]]; then
    echo "Resolving Flink $FLINK_VERSION's runtime jars from Maven Central into $LIB ..." >&2
    "$ROOT/mvnw" -q -B -f "$ROOT/deploy/flink-cluster/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$LIB" -DincludeScope=runtime >&2
  fi
}

# The first line of the config start writes: it marks a directory as a run directory of this script.
CONFIG_HEADER="# Written by deploy/flink-cluster.sh: a loopback-only standalone session cluster."
# What start makes in a run directory and stop deletes (savepoints/ too, when it holds none).
RUN_ENTRIES=(conf log tmp checkpoints web-upload lib)

# DIR's config was written by start: the directory is a run directory of this script (running, stopped or crashed).
is_run_dir() {
  local first=""
  { read -r first <"$1/conf/config.yaml"; } 2>/dev/null || true
  [[ "$first" == "$CONFIG_HEADER" ]]
}

# start overwrites conf/config.yaml and stop deletes conf/, log/, tmp/ and the rest whole: in a directory that holds
# them but was not made by start (`--dir .` in a project, a typo), that would delete the user's files.
refuse_foreign() {
  local dir="$1" command="$2" fix="$3" entry found=()
  is_run_dir "$dir" && return 0
  for entry in "${RUN_ENTRIES[@]}"; do [[ -e "$dir/$entry" ]] && found+=("$entry/"); done
  (( ${#found[@]} == 0 )) && return 0
  die "$command: $dir is not a run directory of this script (no conf/config.yaml written by start) but holds" \
    "${found[*]}, which $command would overwrite or delete; $fix"
}

write_config() {
  local dir="$1" rest_port="$2" rpc_port="$3" slots="$4" metrics_ports="$5"
  mkdir -p "$dir/conf" "$dir/log" "$dir/tmp" "$dir/checkpoints" "$dir/savepoints" "$dir/web-upload"
  cat > "$dir/conf/config.yaml" <<YAML
$CONFIG_HEADER
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: $slots
taskmanager.memory.process.size: 1280m
taskmanager.memory.managed.size: 128m
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
blob.server.port: 0
io.tmp.dirs: $dir/tmp
web.tmpdir: $dir/tmp
web.upload.dir: $dir/web-upload
execution.checkpointing.dir: file://$dir/checkpoints
execution.checkpointing.savepoint-dir: file://$dir/savepoints
# Where a job with runtime.changelog keeps its state changelog (a spec without checkpoint_dir uses this).
state.changelog.dstl.dfs.base-path: file://$dir/checkpoints/changelog
# A killed TaskManager is noticed after 10 s without heartbeats (default 50 s), so a lost slot is replaced quickly.
heartbeat.timeout: 10000
heartbeat.interval: 2000
resourcemanager.standalone.start-up-time: 0
# Streamscore's Prometheus endpoint in every process (the reporter is in the run's lib/: see install_reporter).
metrics.reporter.streamscore.factory.class: io.streamscore.flink.metrics.StreamscoreMetricReporterFactory
metrics.reporter.streamscore.host: 127.0.0.1
metrics.reporter.streamscore.port: "$metrics_ports"
classloader.parent-first-patterns.additional: $SHARED_METRIC_TYPES
YAML
  cat > "$dir/conf/log4j.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
LOG
}

# The metrics reporter jar, built when missing or older than its sources (as bin/streamscore builds its jar), copied
# into the run directory: a rebuild while the cluster runs must not change the jar under its processes, and a
# TaskManager added later loads the same one.
install_reporter() {
  local dir="$1"
  if [[ ! -f "$REPORTER_JAR" || -n "$(find "$ROOT/streamscore-flink/src/main" "$ROOT/streamscore-core/src/main" \
      "$ROOT/streamscore-flink/pom.xml" -newer "$REPORTER_JAR" -print -quit 2>/dev/null)" ]]; then
    echo "Building Streamscore's metrics reporter ($REPORTER_JAR) ..." >&2
    (cd "$ROOT" && ./mvnw -q -B -Dmaven.test.skip=true package -pl streamscore-flink -am) >&2 \
      || die "could not build $REPORTER_JAR (the build's output above)"
  fi
  mkdir -p "$dir/lib"
  cp "$REPORTER_JAR" "$dir/lib/"
}

# The Prometheus endpoint a process of the run in DIR logged when its reporter opened, or nothing.
metrics_url() {
  grep -ho 'Prometheus metrics at http://[^ ]*' "$1/log/$2.log" 2>/dev/null | tail -n 1 | sed 's/^Prometheus metrics at //'
}

# METRICS=<endpoint of each process, JobManager first>; a process without one is named on stderr.
print_metrics() {
  local dir="$1" pidfile name url urls=()
  for pidfile in "$dir/jobmanager.pid" "$dir"/taskmanager-*.pid; do
    [[ -f "$pidfile" ]] || continue
    name="$(basename "$pidfile" .pid)"
    if url="$(metrics_url "$dir" "$name")" && [[ -n "$url" ]]; then
      urls+=("$url")
    else
      echo "flink-cluster: $name serves no metrics: its reporter did not start (why: $dir/log/$name.log)" >&2
    fi
  done
  echo "METRICS=${urls[*]}"
}

# BashJavaUtils prints the JVM memory flags and dynamic -D properties Flink's own start scripts use.
resource_params() {
  local dir="$1" what="$2"
  java -cp "$LIB/*" -Djava.io.tmpdir="$dir/tmp" org.apache.flink.runtime.util.bash.BashJavaUtils "$what" \
    --configDir "$dir/conf" 2>"$dir/log/bash-java-utils.err" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' \
    | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# The pid in PIDFILE if it names a live process of the run in DIR: its command line passes DIR/conf as Flink's
# config directory. A pid file may outlive its process, and its pid may belong to another process by now.
live_pid() {
  local dir="$1" pidfile="$2" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  grep -qzxF -- "$dir/conf" "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# A process that has not exited (a child of this script that exited stays a zombie until the script ends).
running() {
  local state
  { read -r _ _ state _ <"/proc/$1/stat"; } 2>/dev/null || return 1
  [[ "$state" != Z ]]
}

# TERM, up to 10 s to exit, then KILL.
stop_pid() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do running "$pid" || return 0; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
}

# Stops every live process of the run in DIR and removes its pid files.
stop_processes() {
  local dir="$1" pidfile pid
  for pidfile in "$dir"/*.pid; do
    [[ -f "$pidfile" ]] || continue
    if pid="$(live_pid "$dir" "$pidfile")"; then stop_pid "$pid"; fi
    rm -f "$pidfile"
  done
}

# A second start in the same directory would overwrite the pid files and config of the first, whose processes
# then run on with nothing to stop them (stop would even delete their directory).
refuse_running() {
  local dir="$1" pidfile pid address=""
  for pidfile in "$dir"/*.pid; do
    if pid="$(live_pid "$dir" "$pidfile")"; then
      [[ -f "$dir/rest.port" ]] && address=", JobManager at 127.0.0.1:$(cat "$dir/rest.port")"
      die "a cluster is already running in $dir ($(basename "$pidfile" .pid) pid $pid$address); stop it with: $0 stop --dir $dir"
    fi
  done
  # the pid files of processes that are gone (a crash, a reboot) belong to no one now
  rm -f "$dir"/*.pid
}

LAUNCHED=()

launch() {
  local dir="$1" name="$2" main="$3" params="$4"
  local jvm dynamic
  jvm="$(sed -n 1p <<<"$params")"
  dynamic="$(sed -n 2p <<<"$params")"
  # shellcheck disable=SC2086  # word splitting of the flag lists is intended
  nohup java $jvm $OPENS -Djava.io.tmpdir="$dir/tmp" -Dlog.file="$dir/log/$name.log" \
    -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" -cp "$LIB/*:$dir/lib/*" "$main" \
    --configDir "$dir/conf" $dynamic >"$dir/log/$name.out" 2>&1 </dev/null &
  LAUNCHED+=("$!")
  echo $! > "$dir/$name.pid"
  echo $!
}

start_taskmanager() {
  local dir="$1" n=0 f
  for f in "$dir"/taskmanager-*.pid "$dir"/taskmanager-*.gone; do [[ -e "$f" ]] && n=$((n + 1)); done
  launch "$dir" "taskmanager-$((n + 1))" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    "$(resource_params "$dir" GET_TM_RESOURCE_PARAMS)"
}

# The end of a process's log and output: the directory may be temporary (a test's), so show why here, not only where.
show_log() {
  local dir="$1" name="$2" file
  for file in "$dir/log/$name.log" "$dir/log/$name.out"; do
    [[ -s "$file" ]] || continue
    echo "--- last 25 lines of $file" >&2
    tail -n 25 "$file" >&2
  done
}

# A start that failed leaves nothing running: it stops every process it launched (by pid, not by pid file: a
# process launched a moment ago may not show its command line yet), keeps the directory for its logs, and exits.
fail_start() {
  local pid
  for pid in "${LAUNCHED[@]}"; do
    if running "$pid"; then stop_pid "$pid"; fi
  done
  rm -f "$DIR"/*.pid
  die "$*; stopped the processes this start launched; the logs are in $DIR/log"
}

# Waits until WANT TaskManagers have registered; fails at once when a process of the cluster ends before.
await_cluster() {
  local dir="$1" port="$2" want="$3" deadline=$((SECONDS + 90)) have=0 pidfile pid name
  while (( SECONDS < deadline )); do
    for pidfile in "$dir"/*.pid; do
      [[ -f "$pidfile" ]] || continue
      pid="$(cat "$pidfile")"
      running "$pid" && continue
      name="$(basename "$pidfile" .pid)"
      show_log "$dir" "$name"
      fail_start "the $name process (pid $pid) ended during start-up (its log's end above)"
    done
    have=$(curl -sf "http://127.0.0.1:$port/overview" 2>/dev/null \
      | grep -o '"taskmanagers":[0-9]*' | cut -d: -f2 || true)
    have=${have:-0}
    (( have >= want )) && return 0
    sleep 0.5
  done
  local log
  for log in "$dir"/log/*; do
    [[ -f "$log" ]] || continue
    echo "--- last 25 lines of $log" >&2
    tail -n 25 "$log" >&2
  done
  fail_start "only $have of $want TaskManagers registered after 90 s (the logs' ends above)"
}

# stop: deletes what start made in DIR, then DIR itself if nothing else is left. Savepoints are the user's: a
# savepoints/ that holds any is kept (execution.checkpointing.savepoint-dir points there, so a savepoint taken
# without a target directory lands in it).
remove_run_dir() {
  local dir="$1" entry left savepoints
  for entry in "${RUN_ENTRIES[@]}"; do rm -rf "${dir:?}/$entry"; done
  rm -f "$dir/rest.port" "$dir"/*.gone
  savepoints="$(find "$dir/savepoints" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
  if (( savepoints > 0 )); then
    echo "flink-cluster: kept $dir/savepoints: it holds $savepoints savepoint(s); delete it when you no longer need them" >&2
  else
    rm -rf "$dir/savepoints"
  fi
  rmdir "$dir" 2>/dev/null && return 0
  left="$(for entry in "$dir"/* "$dir"/.[!.]*; do if [[ -e "$entry" ]]; then basename "$entry"; fi; done | paste -sd ' ')"
  [[ "$left" == savepoints ]] || echo "flink-cluster: left $dir: it holds files this script did not make: $left" >&2
}

# A whole number field of a flat JSON object, e.g. "taskmanagers" of the JobManager's /overview.
json_int() { grep -o "\"$2\":[0-9]*" <<<"$1" | cut -d: -f2; }

# status: each process of the run in DIR, and, when its JobManager runs, its address and what it reports. Exit 3
# when the JobManager does not run, as an init script's status does, so a script can tell the two apart.
status() {
  local dir="$1" pidfile pid name url jobmanager=false port="" overview
  [[ -f "$dir/rest.port" ]] && port="$(cat "$dir/rest.port")"
  for pidfile in "$dir"/*.pid; do
    [[ -f "$pidfile" ]] || continue
    name="$(basename "$pidfile" .pid)"
    if pid="$(live_pid "$dir" "$pidfile")"; then
      url="$(metrics_url "$dir" "$name")"
      echo "$name: running, pid $pid, metrics ${url:-none (its reporter did not start: see $dir/log/$name.log)}"
      [[ "$name" == jobmanager ]] && jobmanager=true
    else
      echo "$name: not running (its pid file names no live process of this run)"
    fi
  done
  if ! $jobmanager; then
    echo "cluster: not running; start one with: $0 start --dir $dir"
    return 3
  fi
  echo "JOBMANAGER=127.0.0.1:$port"
  if ! overview="$(curl -sf --max-time 10 "http://127.0.0.1:$port/overview" 2>/dev/null)"; then
    echo "cluster: the JobManager does not answer on 127.0.0.1:$port (yet); its log: $dir/log/jobmanager.log"
    return 0
  fi
  local taskmanagers free total jobs
  taskmanagers="$(json_int "$overview" taskmanagers)"
  free="$(json_int "$overview" slots-available)"
  total="$(json_int "$overview" slots-total)"
  jobs="$(json_int "$overview" jobs-running)"
  echo "taskmanagers registered: $taskmanagers; slots free: $free of $total; jobs running: $jobs"
}

need_int() {
  local option="$1" value="$2" min="$3" max="$4"
  if ! [[ "$value" =~ ^[0-9]+$ ]] || (( 10#$value < min || 10#$value > max )); then
    usage_error "$option needs a number from $min to $max, not '$value'"
  fi
}

# One port (0: any free one) or a range FIRST-LAST, as the reporter's port setting takes it.
need_ports() {
  local option="$1" value="$2"
  if [[ "$value" =~ ^[0-9]+$ ]] && (( 10#$value <= 65535 )); then return 0; fi
  if [[ "$value" =~ ^([0-9]+)-([0-9]+)$ ]] && (( 10#${BASH_REMATCH[1]} >= 1 && 10#${BASH_REMATCH[1]} <= 10#${BASH_REMATCH[2]} \
      && 10#${BASH_REMATCH[2]} <= 65535 )); then return 0; fi
  usage_error "$option needs a port (0 for any free one) or a range such as $DEFAULT_METRICS_PORTS, not '$value'"
}

CMD="${1:-}"; shift || true
case "$CMD" in
  -h|--help|help) usage; exit 0 ;;
  start|add-taskmanager|stop|status) ;;
  "") usage_error "no command given" ;;
  *) usage_error "unknown command $CMD" ;;
esac
DIR=""; REST_PORT=""; RPC_PORT=""; TASKMANAGERS=1; SLOTS=2; KEEP=false; METRICS_PORTS="$DEFAULT_METRICS_PORTS"
while (( $# )); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --keep) KEEP=true; shift; continue ;;
    --dir|--port|--rpc-port|--taskmanagers|--slots|--metrics-port) (( $# >= 2 )) || usage_error "$1 needs a value" ;;
    *) usage_error "unknown option $1" ;;
  esac
  case "$1" in
    --dir) DIR="$2" ;;
    --port) need_int "$1" "$2" 1 65535; REST_PORT="$2" ;;
    --rpc-port) need_int "$1" "$2" 1 65535; RPC_PORT="$2" ;;
    --taskmanagers) need_int "$1" "$2" 1 64; TASKMANAGERS="$2" ;;
    --slots) need_int "$1" "$2" 1 1024; SLOTS="$2" ;;
    --metrics-port) need_ports "$1" "$2"; METRICS_PORTS="$2" ;;
  esac
  shift 2
done
# One spelling of the directory: the pid checks look for DIR/conf in the processes' command lines.
[[ -z "$DIR" ]] || DIR="$(realpath -m -- "$DIR")"

case "$CMD" in
  start)
    if [[ -n "$DIR" ]]; then
      refuse_foreign "$DIR" start "give a new or empty --dir (without --dir, start makes one)"
      refuse_running "$DIR"
    fi
    [[ -z "$REST_PORT" ]] || require_free_port --port "$REST_PORT"
    [[ -z "$RPC_PORT" ]] || require_free_port --rpc-port "$RPC_PORT"
    [[ -z "$REST_PORT" || "$REST_PORT" != "$RPC_PORT" ]] || usage_error "--port and --rpc-port must differ"
    ensure_lib
    [[ -n "$DIR" ]] || DIR="$(mktemp -d "${TMPDIR:-/tmp}/streamscore-flink.XXXXXX")"
    mkdir -p "$DIR"
    [[ -n "$REST_PORT" ]] || REST_PORT="$(free_port)"
    [[ -n "$RPC_PORT" ]] || RPC_PORT="$(free_port)"
    install_reporter "$DIR"
    write_config "$DIR" "$REST_PORT" "$RPC_PORT" "$SLOTS" "$METRICS_PORTS"
    echo "$REST_PORT" > "$DIR/rest.port"
    trap 'fail_start "interrupted"' INT TERM
    launch "$DIR" jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
      "$(resource_params "$DIR" GET_JM_RESOURCE_PARAMS)" >/dev/null
    for _ in $(seq 1 "$TASKMANAGERS"); do start_taskmanager "$DIR" >/dev/null; done
    await_cluster "$DIR" "$REST_PORT" "$TASKMANAGERS"
    trap - INT TERM
    echo "DIR=$DIR"
    echo "JOBMANAGER=127.0.0.1:$REST_PORT"
    print_metrics "$DIR"
    ;;
  add-taskmanager)
    [[ -n "$DIR" ]] || usage_error "add-taskmanager needs --dir of a started cluster"
    [[ -d "$DIR" ]] || die "add-taskmanager: no directory $DIR"
    # A TaskManager without its JobManager would only retry registering, forever, with nothing to stop it.
    live_pid "$DIR" "$DIR/jobmanager.pid" >/dev/null \
      || die "add-taskmanager: no cluster is running in $DIR (no live JobManager); start one with: $0 start --dir $DIR"
    start_taskmanager "$DIR"
    ;;
  stop)
    [[ -n "$DIR" ]] || usage_error "stop needs --dir of a started cluster"
    [[ -d "$DIR" ]] || die "stop: no directory $DIR"
    $KEEP || refuse_foreign "$DIR" stop "nothing was deleted: give the DIR= that start printed"
    stop_processes "$DIR"
    $KEEP || remove_run_dir "$DIR"
    ;;
  status)
    [[ -n "$DIR" ]] || usage_error "status needs --dir of a started cluster"
    [[ -d "$DIR" ]] || die "status: no directory $DIR"
    is_run_dir "$DIR" || die "status: $DIR is not a run directory of this script (no conf/config.yaml written by start)"
    status "$DIR"
    ;;
esac
