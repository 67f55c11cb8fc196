#!/usr/bin/env bash
# Measures the audit beside the CLI batch and a plain Java loop, on the same generated records, in one session.
# Usage: examples/spark-audit/measure.sh RECORDS [WORKDIR]      (after: cd examples/spark-audit && mvn -B package -DskipTests,
#        and, for the CLI batch, mvn -B package -DskipTests -pl examples/cli -am)
# Prints one line per command: wall seconds, records/s, CPU seconds (user+sys), peak RSS (needs /usr/bin/time, Debian: time);
# then, for each Spark run, its deciding stage from run.json: the stage that reads, decides and writes every record,
# in records/s per core, and the time spent in ChannelPolicy.evaluate alone; then local[2] against local[1].
set -euo pipefail
records=${1:?how many records}
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-$here/target/measure}
mkdir -p "$work/snapshot"
# Measure a snapshot: this module, core, rules-dh and the CLI may be rebuilt (in target/, ~/.m2, examples/cli) while this runs.
unzip -tq "$here/target/lib/channel-policy-core-1.0.0-SNAPSHOT.jar" > /dev/null
unzip -tq "$here/target/lib/channel-policy-rules-dh-1.0.0-SNAPSHOT.jar" > /dev/null
cp "$here"/target/lib/channel-policy-*.jar "$here"/target/channel-policy-spark-audit-1.0.0-SNAPSHOT.jar "$work/snapshot/"
args=$work/snapshot/spark-audit.args
sed -E -e "s#[^:]*/channel-policy-(core|rules-dh)-1\.0\.0-SNAPSHOT\.jar#$work/snapshot/channel-policy-\1-1.0.0-SNAPSHOT.jar#g" \
  -e "s#$here/target/classes#$work/snapshot/channel-policy-spark-audit-1.0.0-SNAPSHOT.jar#" \
  "$here/target/spark-audit.args" > "$args"
cli=
if [ -f "$here/../cli/target/channel-policy.jar" ]; then
  rm -rf "$work/snapshot/cli" && mkdir -p "$work/snapshot/cli"
  cp -r "$here/../cli/target/channel-policy.jar" "$here/../cli/target/lib" "$work/snapshot/cli/"
  cli=$work/snapshot/cli/channel-policy.jar
fi
archive=$work/archive-$records.jsonl
requests=$work/requests-$records.jsonl

measure() { # name, command...
  local name=$1; shift
  local log=$work/$name-$records.time
  /usr/bin/time -v "$@" > "$work/$name-$records.out" 2> "$log" || { echo "$name failed: see $log"; tail -5 "$log"; return 1; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$log")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$log")
  printf '%-22s %9.1f s wall %10.0f records/s %9.1f s CPU %6d MiB max RSS   (load %s)\n' \
    "$name" "$wall" "$(echo "$records / $wall" | bc -l)" "$cpu" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

if [ ! -s "$archive" ]; then
  measure generate java @"$args" uk.gov.channelpolicy.audit.GenerateArchive --records "$records" --seed 42 \
    --output "$archive" --requests "$requests"
fi
measure loop-1-thread java @"$args" uk.gov.channelpolicy.audit.LoopBaseline --input "$archive" --threads 1
if [ "${SKIP_TWO_THREADS:-}" != 1 ]; then
  measure loop-2-threads java @"$args" uk.gov.channelpolicy.audit.LoopBaseline --input "$archive" --threads 2
fi
if [ -n "$cli" ]; then
  # The batch writes its decisions to a file, as the audit writes its own.
  measure cli-evaluate-jsonl sh -c "java -jar '$cli' evaluate --jsonl '$requests' > '$work/cli-decisions-$records.jsonl'; test \$? -le 2"
fi
stage() { # name: the deciding stage of a Spark run, from its run.json
  python3 - "$work/audit-$1-$records/run.json" "$1" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
s = run["decidingStage"]
print("%-22s deciding stage: %d records in %.1f s on %d cores (%d records/s per core); %.1f s of task CPU (%d records per"
      " CPU second); evaluate alone: %.1f s, %d decisions/s"
      % ("  " + sys.argv[2], s["records"], s["seconds"], s["cores"], s["recordsPerSecondPerCore"], s.get("cpuSeconds", -1),
         s.get("recordsPerCpuSecond", 0), s["evaluateSeconds"], s["decisionsPerEvaluateSecond"]))
PY
}
for cores in 1 2; do
  rm -rf "$work/audit-local-$cores-$records"
  measure "spark-local-$cores" java @"$args" uk.gov.channelpolicy.audit.AuditJob --master "local[$cores]" --input "$archive" \
    --output "$work/audit-local-$cores-$records" --max-invalid 2%
  stage "local-$cores"
done
python3 - "$work/audit-local-1-$records/run.json" "$work/audit-local-2-$records/run.json" <<'PY'
import json, sys
one, two = (json.load(open(f))["decidingStage"] for f in sys.argv[1:3])
print("local[2] / local[1], deciding stage: %.2fx (%.1f s against %.1f s of wall-clock time)"
      % (one["seconds"] / two["seconds"], two["seconds"], one["seconds"]))
PY
cat "$work/spark-local-2-$records.out"
