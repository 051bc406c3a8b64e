#!/usr/bin/env bash
# A standalone Flink session cluster for netbend, from Maven artifacts (no Flink download).
#
#   cluster.sh start [--taskmanagers N] [--slots S] [--bind ADDR] [-D key=value]...
#   cluster.sh jobmanager [--bind ADDR] [-D key=value]...          only the JobManager (multi-machine setup)
#   cluster.sh taskmanager --jobmanager HOST [--slots S] [--bind ADDR] [-D key=value]...
#   cluster.sh stop        stops every process this folder started on this machine
#   cluster.sh status      the processes, and the TaskManagers the JobManager knows
#
# Class path: target/lib (run `mvn -B -pl deploy/standalone -am package` first). Configuration: conf/.
# Logs, pid files and temporary folders: $NETBEND_CLUSTER_DIR (default target/cluster).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lib="$here/target/lib"
conf="${NETBEND_CLUSTER_CONF:-$here/conf}"
work="${NETBEND_CLUSTER_DIR:-$here/target/cluster}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
start_deadline_seconds="${NETBEND_CLUSTER_START_SECONDS:-180}"

die() { echo "cluster.sh: $*" >&2; exit 1; }

# This cluster folder's tag: in the TaskManagers' resource ids, so that two clusters on one machine never take
# each other's TaskManagers for their own.
cluster_tag="$(printf '%s' "$work" | sha1sum | cut -c1-8)"

usage() {
  sed -n '3,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

require_lib() {
  if [ ! -d "$lib" ] || [ -z "$(ls "$lib" 2>/dev/null)" ]; then
    die "no Flink class path in $lib: run 'mvn -B -pl deploy/standalone -am package' first"
  fi
  command -v "$java" >/dev/null || die "Java 17 is needed (set JAVA_HOME or put java on the PATH)"
}

# The last two lines of BashJavaUtils are the JVM memory flags and the memory settings Flink derived from
# conf/config.yaml, as Flink's own start scripts use them.
resource_params() { # KIND (TM or JM), then -D overrides
  local kind="$1"; shift
  "$java" -cp "$lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "GET_${kind}_RESOURCE_PARAMS" \
      --configDir "$conf" "$@" 2>&1 | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' ||
    die "Flink could not size the $kind's memory from $conf/config.yaml; run BashJavaUtils by hand for the reason"
}

# Starts one daemon in the background, detached from this shell; records its pid.
launch() { # NAME MAIN_CLASS then -D overrides
  local name="$1" main="$2"; shift 2
  local kind=TM
  [ "$main" = org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint ] && kind=JM
  local params jvm_flags dynamic
  params="$(resource_params "$kind" "$@")"
  jvm_flags="$(sed -n 1p <<<"$params")"
  dynamic="$(sed -n 2p <<<"$params")"
  [ -n "$jvm_flags" ] || die "Flink printed no memory settings for the $kind"
  local tmp="$work/$name/tmp" log="$work/log/$name.log"
  mkdir -p "$tmp" "$work/log" "$work/pid"
  if [ -f "$work/pid/$name.pid" ] && kill -0 "$(cat "$work/pid/$name.pid")" 2>/dev/null; then
    die "$name is already running (pid $(cat "$work/pid/$name.pid")); run 'cluster.sh stop' first"
  fi
  # shellcheck disable=SC2086 # the flags are separate words by design
  nohup "$java" $jvm_flags ${NETBEND_CLUSTER_JAVA_OPTS:-} \
    -Djava.io.tmpdir="$tmp" -Dorg.bytedeco.javacpp.cachedir="$work/$name/javacpp" \
    -Dlog.file="$log" -Dlog4j.configurationFile="file:$conf/log4j.properties" \
    -cp "$lib/*" "$main" --configDir "$conf" -D io.tmp.dirs="$tmp" $dynamic "$@" \
    >"$work/log/$name.out" 2>&1 </dev/null &
  echo $! >"$work/pid/$name.pid"
  echo "started $name (pid $!), log $log"
}

rest_url() {
  echo "http://${rest_host}:${rest_port}"
}

# Who listens on a port: the pid and, for a Flink process, its log file (which names its cluster folder).
port_owner() { # PORT
  local pid log
  pid="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
  if [ -z "$pid" ]; then
    echo "a process this user cannot see"
    return
  fi
  log="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | sed -n 's/^-Dlog\.file=//p' | head -n 1 || true)"
  if [ -n "$log" ]; then
    echo "pid $pid, a Flink process logging to $log"
  else
    echo "pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null || echo unknown))"
  fi
}

# The JobManager's fixed ports must be free before it starts. Otherwise its bind fails while the REST API of the
# cluster already there answers the start check, and this start's TaskManagers join that other cluster.
require_free_ports() {
  local host key port rest_key=rest.port
  host="$(setting jobmanager.bind-host 127.0.0.1)"
  [ "$host" != 0.0.0.0 ] || host=127.0.0.1
  [ -z "$(setting rest.bind-port "")" ] || rest_key=rest.bind-port # the port REST binds, when it differs
  for key in "$rest_key" jobmanager.rpc.port blob.server.port; do
    port="$(setting "$key" "")"
    [[ "$port" =~ ^[1-9][0-9]*$ ]] || continue # 0 or a range: Flink picks a free one
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
      die "port $port ($key) on $host is taken by $(port_owner "$port"): stop that cluster, or start this one with -D $key=ANOTHER_PORT"
    fi
  done
}

# The JobManager that answers must be the one this folder started: its JVM options name our log file.
require_own_jobmanager() {
  local environment
  environment="$(curl -fsS "$(rest_url)/jobmanager/environment" 2>/dev/null || true)"
  if [[ "$environment" != *"-Dlog.file=$work/log/jobmanager.log"* ]]; then
    stop_all >/dev/null
    die "the JobManager at $(rest_url) is not the one this folder started (port owner: $(port_owner "$rest_port")); stopped what this start launched"
  fi
}

# TaskManagers start once the JobManager answers: JVMs starting side by side on a busy machine can miss Pekko's
# fixed 10 s for starting its remoting.
wait_for_jobmanager() {
  local deadline=$((SECONDS + start_deadline_seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fsS "$(rest_url)/overview" >/dev/null 2>&1; then
      require_own_jobmanager
      return 0
    fi
    kill -0 "$(cat "$work/pid/jobmanager.pid")" 2>/dev/null || die "the JobManager exited; see $work/log/jobmanager.log"
    sleep 0.5
  done
  die "the JobManager did not answer at $(rest_url) within ${start_deadline_seconds} s; see $work/log/jobmanager.log"
}

wait_for_taskmanagers() { # COUNT
  local want="$1" deadline=$((SECONDS + start_deadline_seconds)) have=0
  while [ "$SECONDS" -lt "$deadline" ]; do
    have="$(curl -fsS "$(rest_url)/taskmanagers" 2>/dev/null | grep -o '"id":' | wc -l || true)"
    if [ "$have" -ge "$want" ]; then
      echo "cluster up: $have TaskManager(s) registered, REST and web UI at $(rest_url)"
      return 0
    fi
    sleep 0.5
  done
  die "only $have of $want TaskManagers registered at $(rest_url) within ${start_deadline_seconds} s; see $work/log"
}

stop_all() {
  local stopped=0 pidfile pid name
  shopt -s nullglob
  # TaskManagers first, so the JobManager does not restart jobs on the way down.
  for pidfile in "$work"/pid/taskmanager-*.pid "$work"/pid/jobmanager.pid; do
    pid="$(cat "$pidfile")"; name="$(basename "$pidfile" .pid)"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      local deadline=$((SECONDS + 30))
      while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "$name (pid $pid) did not stop within 30 s; killing it"
        kill -9 "$pid"
      fi
      echo "stopped $name (pid $pid)"
      stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
  done
  [ "$stopped" -gt 0 ] || echo "nothing was running"
}

status() {
  local pidfile pid running=0
  shopt -s nullglob
  for pidfile in "$work"/pid/*.pid; do
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$pidfile" .pid): running (pid $pid)"; running=$((running + 1))
    else
      echo "$(basename "$pidfile" .pid): not running (stale pid $pid)"
    fi
  done
  [ "$running" -gt 0 ] || echo "no process of this cluster runs on this machine"
  local overview
  if overview="$(curl -fsS "$(rest_url)/overview" 2>/dev/null)"; then
    echo "JobManager at $(rest_url): $overview"
  else
    echo "no JobManager answers at $(rest_url)"
  fi
}

next_taskmanager_index() {
  local i=1
  while [ -f "$work/pid/taskmanager-$i.pid" ] && kill -0 "$(cat "$work/pid/taskmanager-$i.pid")" 2>/dev/null; do
    i=$((i + 1))
  done
  echo "$i"
}

command="${1:-}"
[ -n "$command" ] || usage 1
shift
taskmanagers=1 slots="" bind="" jobmanager="" overrides=()
while [ $# -gt 0 ]; do
  case "$1" in
    --taskmanagers) taskmanagers="${2:?--taskmanagers needs a number}"; shift 2 ;;
    --slots) slots="${2:?--slots needs a number}"; shift 2 ;;
    --bind) bind="${2:?--bind needs an address}"; shift 2 ;;
    --jobmanager) jobmanager="${2:?--jobmanager needs a host}"; shift 2 ;;
    -D) overrides+=(-D "${2:?-D needs key=value}"); shift 2 ;;
    -h|--help) usage 0 ;;
    *) die "unknown option '$1'; see 'cluster.sh --help'" ;;
  esac
done
[[ "$taskmanagers" =~ ^[1-9][0-9]*$ ]] || die "--taskmanagers must be a positive number, got '$taskmanagers'"
[ -z "$slots" ] || [[ "$slots" =~ ^[1-9][0-9]*$ ]] || die "--slots must be a positive number, got '$slots'"
[ -z "$slots" ] || overrides+=(-D "taskmanager.numberOfTaskSlots=$slots")
if [ -n "$bind" ]; then
  overrides+=(-D "jobmanager.bind-host=$bind" -D "rest.bind-address=$bind" -D "taskmanager.bind-host=$bind")
  # Other machines reach this one by its name; Flink works out the address it advertises.
  overrides+=(-D "taskmanager.host=$(hostname -f)")
fi
[ -z "$jobmanager" ] || overrides+=(-D "jobmanager.rpc.address=$jobmanager" -D "rest.address=$jobmanager")

# Where the REST API is, for status and the start check: the overrides, else conf/config.yaml.
setting() { # KEY DEFAULT
  local value="" i
  for ((i = 1; i < ${#overrides[@]}; i += 2)); do
    [[ "${overrides[i]}" == "$1="* ]] && value="${overrides[i]#*=}"
  done
  [ -n "$value" ] || value="$(sed -n "s/^$1: *//p" "$conf/config.yaml" | tail -n 1)"
  echo "${value:-$2}"
}
rest_host="$(setting rest.address 127.0.0.1)"
rest_port="$(setting rest.port 8081)"
# status and stop on this machine find the REST address the last start used.
if [ "$command" = status ] && [ ${#overrides[@]} -eq 0 ] && [ -f "$work/rest" ]; then
  read -r rest_host rest_port <"$work/rest"
fi

case "$command" in
  start)
    require_lib
    require_free_ports
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "${overrides[@]}"
    echo "$rest_host $rest_port" >"$work/rest"
    wait_for_jobmanager
    for ((n = 0; n < taskmanagers; n++)); do
      i="$(next_taskmanager_index)"
      launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
        -D "taskmanager.resource-id=$(hostname -s)-$cluster_tag-tm$i" "${overrides[@]}"
    done
    wait_for_taskmanagers "$taskmanagers"
    ;;
  jobmanager)
    require_lib
    require_free_ports
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "${overrides[@]}"
    echo "$rest_host $rest_port" >"$work/rest"
    ;;
  taskmanager)
    require_lib
    [ -n "$jobmanager" ] || die "taskmanager needs --jobmanager HOST (the JobManager's address)"
    i="$(next_taskmanager_index)"
    launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
      -D "taskmanager.resource-id=$(hostname -s)-$cluster_tag-tm$i" "${overrides[@]}"
    ;;
  stop) stop_all ;;
  status) status ;;
  -h|--help|help) usage 0 ;;
  *) die "unknown command '$command'; use start, jobmanager, taskmanager, stop or status" ;;
esac
