#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, single node) from Maven Central jars: no install, no container.
#   scripts/kafka.sh start|stop|status|reset|logs [-f]
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_STATE_DIR (.local/kafka),
#      KAFKA_DATA_DIR ($KAFKA_STATE_DIR/data). Each state dir is one broker (npm test runs its own);
#      all of them share the jars in .local/kafka/libs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
state="${KAFKA_STATE_DIR:-$root/.local/kafka}"
data="${KAFKA_DATA_DIR:-$state/data}"
libs="$root/.local/kafka/libs"
pom="$root/infra/kafka/pom.xml"
pidfile="$state/broker.pid"
logfile="$state/broker.log"
log4j="$state/log4j2.yaml"

say() { echo "kafka: $*"; }
die() { echo "kafka: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

require_tools() {
  command -v java >/dev/null || die "java not found: Java 17+ is needed (apt-get install openjdk-17-jre-headless)."
  local major
  major="$(java -version 2>&1 | sed -nE 's/.*version "(1\.)?([0-9]+).*/\2/p' | head -1)"
  [[ "${major:-0}" -ge 17 ]] || die "Java 17+ is needed; found Java ${major:-unknown} ($(command -v java))."
  command -v mvn >/dev/null || die "mvn not found: Maven is needed to fetch Kafka's jars (apt-get install maven)."
}

fetch_jars() {
  local version
  version="$(sed -nE 's#.*<kafka.version>(.*)</kafka.version>.*#\1#p' "$pom")"
  [[ -n "$version" ]] || die "no <kafka.version> in $pom"
  [[ -f "$libs/kafka_2.13-$version.jar" ]] && return 0
  say "fetching Apache Kafka $version jars from Maven Central into $libs ..."
  rm -rf "$libs"
  local out  # mvn -q still prints colour codes: show its output only when it fails
  out="$(mvn -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs" 2>&1)" \
    || { echo "$out" >&2; die "Maven could not fetch Kafka's jars (see above)."; }
}

write_config() {
  mkdir -p "$state" "$data"
  cat >"$state/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=168
PROPS
  cat >"$log4j" <<'YAML'
Configuration:
  Appenders: { Console: { name: STDOUT, PatternLayout: { pattern: "[%d] %p %m (%c)%n" } } }
  Loggers: { Root: { level: WARN, AppenderRef: [{ ref: STDOUT }] } }
YAML
}

storage_tool() { java -Dlog4j2.configurationFile="$log4j" -cp "$libs/*" kafka.tools.StorageTool "$@"; }

format_storage() {
  # The data dir's own id wins, so a lost cluster.id does not make the format fail.
  if [[ -f "$data/meta.properties" ]]; then sed -n 's/^cluster.id=//p' "$data/meta.properties" >"$state/cluster.id"; fi
  [[ -s "$state/cluster.id" ]] || storage_tool random-uuid >"$state/cluster.id"
  local out
  out="$(storage_tool format --standalone -t "$(cat "$state/cluster.id")" \
    -c "$state/server.properties" --ignore-formatted 2>&1)" || { echo "$out" >&2; die "formatting $data failed."; }
}

# The pid in broker.pid, if that process is alive and still a Kafka broker (pids get reused).
running_pid() {
  [[ -f "$pidfile" ]] || return 1
  local pid; pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && grep -qa kafka.Kafka "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when a Kafka broker answers a metadata request; only the TCP port without node_modules.
broker_answers() {
  port_open "$port" || return 1
  [[ -d "$root/node_modules/kafkajs" ]] || return 0
  ROOT="$root" PORT="$port" node -e '
    const path = require("path");
    const { Kafka, logLevel } = require(path.join(process.env.ROOT, "node_modules/kafkajs"));
    const admin = new Kafka({ clientId: "kafka-sh", brokers: ["127.0.0.1:" + process.env.PORT],
      logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 } }).admin();
    setTimeout(() => process.exit(1), 5000).unref();
    admin.connect().then(() => admin.listTopics()).then(() => admin.disconnect())
      .then(() => process.exit(0), () => process.exit(1));' 2>/dev/null
}

# Alive is enough here, not running_pid's "is a broker": just after `start` forks, the child can
# still be this script's subshell, not yet exec'd into java (seen on a loaded machine: the broker
# was declared dead, its pid file removed, and it ran on with nobody to stop it).
wait_ready() {
  local t0 pid; t0="$(now_ms)"; pid="$(cat "$pidfile" 2>/dev/null)"
  while (( $(now_ms) - t0 < 90000 )); do
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || { tail -n 30 "$logfile" >&2; rm -f "$pidfile"; die "the broker exited during start-up (log: $logfile)."; }
    if broker_answers; then echo "Kafka ready on 127.0.0.1:$port ($(( $(now_ms) - t0 ))ms)"; return 0; fi
    sleep 0.3
  done
  tail -n 30 "$logfile" >&2
  die "the broker did not answer within 90 s (log: $logfile); it is left running: scripts/kafka.sh stop ends it."
}

start() {
  local pid
  if pid="$(running_pid)"; then
    broker_answers && { say "already running (pid $pid) on 127.0.0.1:$port"; return 0; }
    say "pid $pid is starting; waiting for it"; wait_ready; return
  fi
  if port_open "$port"; then
    broker_answers || die "port $port is taken by something that is not a Kafka broker; set KAFKA_PORT."
    say "a Kafka broker that $state did not start already answers on 127.0.0.1:$port; using it"; return 0
  fi
  port_open "$controller_port" && die "controller port $controller_port is taken; set KAFKA_CONTROLLER_PORT."
  require_tools
  fetch_jars
  write_config
  format_storage
  # C1 only (TieredStopAtLevel=1): this broker lives for minutes (a test run, a bench, a demo) on
  # two cores it shares with everything else, and C2 compiling Kafka's hot paths cost more CPU in
  # that time than the faster code saved (docs/local-stack.md).
  setsid nohup java -Xmx512m -Xms256m -XX:+UseG1GC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$log4j" \
    -cp "$libs/*" kafka.Kafka "$state/server.properties" >>"$logfile" 2>&1 </dev/null &
  echo $! >"$pidfile"
  say "started pid $! (data: $data, log: $logfile)"
  wait_ready
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then say "not running"; rm -f "$pidfile"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM for 30 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  say "stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if pid="$(running_pid)"; then say "running (pid $pid) on 127.0.0.1:$port"; else say "not running"; exit 3; fi ;;
  reset) stop; rm -rf "$data" "$state/cluster.id"; say "removed $data and cluster.id (jars kept)" ;;
  logs) [[ -f "$logfile" ]] || die "no log yet at $logfile"; tail -n 100 "${@:2}" "$logfile" ;;
  *) echo "usage: scripts/kafka.sh start|stop|status|reset|logs [-f]" >&2; exit 2 ;;
esac
