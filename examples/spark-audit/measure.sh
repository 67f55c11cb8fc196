#!/usr/bin/env bash
# Measures the audit on local[2] beside the single-JVM baselines, on the same generated archive, in one run.
# Usage: examples/spark-audit/measure.sh RECORDS [WORKDIR]      (after: cd examples/spark-audit && mvn -B package -DskipTests)
# Prints one line per command: wall seconds, records/s, CPU seconds (user+sys), peak RSS. Needs /usr/bin/time (Debian: time).
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
  measure cli-evaluate-jsonl sh -c "java -jar '$cli' evaluate --jsonl '$requests' > /dev/null; test \$? -le 2"
fi
rm -rf "$work/audit-$records"
measure spark-local-2 java @"$args" uk.gov.channelpolicy.audit.AuditJob --master 'local[2]' --input "$archive" --output "$work/audit-$records"
cat "$work/spark-local-2-$records.out"
