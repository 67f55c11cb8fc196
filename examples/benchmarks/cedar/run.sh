#!/usr/bin/env bash
# Cedar-wasm beside channel-policy (docs/performance.md): installs @cedar-policy/cedar-wasm@4.13.0 outside the
# project's tree (in ${CEDAR_DIR:-/tmp/channel-policy-cedar}) and times it on the benchmarks' 1,000-request mix (GenerateRequests hits: the same requests, each with its own ids).
#   examples/benchmarks/cedar/run.sh [CALLS]
# Needs Node 20 and npm, and the benchmarks jar (mvn -B -q install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../../.."
DIR=${CEDAR_DIR:-/tmp/channel-policy-cedar}
mkdir -p "$DIR"
cp examples/benchmarks/cedar/bench.mjs examples/benchmarks/cedar/policy.cedar "$DIR"/
if [[ ! -d $DIR/node_modules/@cedar-policy/cedar-wasm ]]; then
    (cd "$DIR" && npm install --no-audit --no-fund --silent @cedar-policy/cedar-wasm@4.13.0)
fi
java -cp examples/benchmarks/target/benchmarks.jar uk.gov.channelpolicy.benchmarks.GenerateRequests 1000 "$DIR/requests.jsonl" \
    20261126 hits > /dev/null
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
node "$DIR/bench.mjs" "$DIR/requests.jsonl" "${1:-200000}"
