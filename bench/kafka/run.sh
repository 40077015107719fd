#!/usr/bin/env bash
# The Kafka benchmark (not a test): events/s of the cluster profile's intake (KafkaEventConsumer -> the ingestion
# pipeline) against a raw consume-only baseline, measured in one run against one broker.
# Usage: bench/kafka/run.sh [EVENTS] [more bench-kafka options]   (default 1,000,000 events)
# Starts a Kafka 4.4.0 broker (KRaft, one node, 127.0.0.1 only, free ports, data in a temporary directory) as a
# JVM of its own, as adapters-kafka's test fixture does; stops it and deletes its directory on exit.
# Results go to stdout; record them in docs/benchmarks.md with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-1000000}
shift || true

[[ -f bootstrap/target/analytics.jar ]] || mvn -q -B -DskipTests package -pl bootstrap -am
classpath_file=adapters-kafka/target/kafka-broker.classpath
# written by adapters-kafka's build (maven-dependency-plugin, phase generate-test-resources)
[[ -f $classpath_file ]] || mvn -q -B -pl adapters-kafka -am generate-test-resources
broker_cp=$(<"$classpath_file")

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
broker_port=$(free_port)
controller_port=$(free_port)
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-kafka-broker-XXXXXX")
broker_pid=
stop_broker() {
  if [[ -n $broker_pid ]] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap stop_broker EXIT
trap 'exit 130' INT TERM

cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$broker_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$broker_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
background.threads=2
EOF

"$java" -Xmx256m -XX:+UseSerialGC -cp "$broker_cp" kafka.tools.StorageTool format \
  -t "$("$java" -cp "$broker_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
  -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
  || { echo "bench-kafka: formatting the broker's storage failed:" >&2; tail -40 "$dir/format.log" >&2; exit 1; }

# unlike the tests' broker (which lives seconds), this one is measured against: full JIT, 1 GiB of heap
"$java" -Xmx1g -Xms1g -Djava.awt.headless=true -cp "$broker_cp" kafka.Kafka "$dir/server.properties" \
  >"$dir/broker.log" 2>&1 &
broker_pid=$!

echo "bench-kafka: broker (pid $broker_pid) starting on 127.0.0.1:$broker_port" >&2
for i in $(seq 1 900); do
  kill -0 "$broker_pid" 2>/dev/null || { echo "bench-kafka: the broker exited:" >&2; tail -40 "$dir/broker.log" >&2; exit 1; }
  # listening: the benchmark's admin client retries until the broker answers
  (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null && break
  (( i < 900 )) || { echo "bench-kafka: the broker did not start in 90 s:" >&2; tail -40 "$dir/broker.log" >&2; exit 1; }
  sleep 0.1
done

# no exec: the trap must stop the broker once the benchmark ends
bin/analytics bench-kafka --bootstrap-servers "127.0.0.1:$broker_port" --events "$events" --work-dir bench/results/kafka "$@"
