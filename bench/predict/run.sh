#!/usr/bin/env bash
# The prediction benchmark (not a test): single-instance latency (p50/p99/p99.9) at 1 and 8 clients and batch
# throughput (1000 instances per call), over REST and gRPC, against `bin/analytics serve` (embedded profile, loopback,
# auth.mode none) serving a 20-feature churn-like logistic regression that the driver trains (Tribuo), exports to
# ONNX, registers by multipart upload and promotes. Baselines measured in the same run: ONNX Runtime in-process (the
# runtime the service uses, called directly: 1 row and a batch of 1000), `GET /health` with the same HTTP client, and
# gRPC's Health/Check on the same channel. Each case: a warm-up, then the measured window, closed loop.
# The driver is bootstrap/src/test/java/.../bootstrap/PredictionBenchmark.java, run with bootstrap's test classpath
# (the Tribuo trainer and the gRPC stubs are test dependencies of bootstrap).
# Usage: bench/predict/run.sh [MEASURED_SECONDS] [WARM_UP_SECONDS]   (default 6 and 2 per case: ≈ 2.5 minutes in all)
# SKIP_BUILD=1 reuses the last build. Results: bench/results/predict/<timestamp>.txt (and stdout).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-6}
warm=${2:-2}
dir=bench/results/predict
mkdir -p "$dir"
classpath_file=bootstrap/target/test-classpath.txt
if [[ ${SKIP_BUILD:-0} != 1 || ! -f $classpath_file || ! -f bootstrap/target/analytics.jar ]]; then
  # one reactor build: the executable, the test classes, and the test classpath with the modules' own jars
  mvn -o -q -B -pl bootstrap -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
out="$dir/$(date -u +%Y%m%dT%H%M%SZ).txt"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# as bin/analytics and the tests do: native libraries install signal handlers, so the JVM chains signals (libjsig)
jsig=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/lib/libjsig.so
{
  echo "Prediction benchmark, $(date -u '+%F %T') UTC; ${seconds} s measured per case after ${warm} s of warm-up"
  echo "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB;" \
    "$("$java" -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "the driver (clients, in-process ONNX baseline) and the service share these cores; other work on the machine shows in the load average"
  # the classpath through the environment, not -cp: ONNX Runtime 1.29's native start-up crashed (SIGSEGV) in a JVM
  # whose command line was longer than ≈ 5 KB (≈ 190 jars here), and did not with the same classpath in CLASSPATH
  CLASSPATH="bootstrap/target/test-classes:bootstrap/target/classes:$(cat "$classpath_file")" \
    LD_PRELOAD=$jsig "$java" -Xmx1g -XX:+UseParallelGC -Dproject.root="$PWD" com.platform.analytics.bootstrap.PredictionBenchmark "$seconds" "$warm"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$out"
echo "written to $out"
