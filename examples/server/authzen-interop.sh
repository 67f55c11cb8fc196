#!/usr/bin/env bash
# Runs the OpenID AuthZEN standard's own TypeScript interop runner against the decision service, with the decisions
# file made from every DH scenario (src/test/resources/authzen/decisions-channel-policy.json).
#
# The runner is fetched and built OUTSIDE this project's tree (the project never copies it): its repository is cloned
# into a work directory, and its test/runner.ts is compiled there with TypeScript from the npm registry. The service is
# either one already running in interop mode (--url), or the built jar, started here in interop mode on a free loopback
# port and stopped at the end.
#
# Not run by .ci/run: CI cannot fetch the runner, and the JUnit suite AuthzenInteropTest reproduces its comparisons.
# See docs/authzen.md for what it checks and the last recorded result.
#
# Usage: examples/server/authzen-interop.sh [--url URL] [--authzen-repo GIT_URL_OR_DIR] [--work-dir DIR] [--token-file FILE]
#   --url URL             a service already running with --authzen-interop (default: start target/channel-policy-server.jar)
#   --authzen-repo SRC    where to clone the standard's repository from (default: https://github.com/openid/authzen.git)
#   --work-dir DIR        where the clone and the built runner go (default: ~/.cache/channel-policy/authzen-interop);
#                         must be outside this project's tree
#   --token-file FILE     the service's bearer token, sent as Authorization: Bearer <token>
# Exit status: 0 every entry passed; 1 an entry failed or errored; 2 a usage error or a step could not run.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"
decisions="$here/src/test/resources/authzen/decisions-channel-policy.json"
jar="$here/target/channel-policy-server.jar"
url=""
repo="https://github.com/openid/authzen.git"
work="${HOME:-/tmp}/.cache/channel-policy/authzen-interop"
token_file=""
# The runner as it is in the standard's repository; its dependencies at the versions its package.json asks for.
runner_dir="interop/authzen-todo-backend"

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="${2:?--url needs a URL}"; shift 2 ;;
    --authzen-repo) repo="${2:?--authzen-repo needs a source}"; shift 2 ;;
    --work-dir) work="${2:?--work-dir needs a directory}"; shift 2 ;;
    --token-file) token_file="${2:?--token-file needs a file}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "authzen-interop: unknown option $1" >&2; usage ;;
  esac
done

for tool in git node npm java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "authzen-interop: $tool is needed and not found" >&2; exit 2; }
done
mkdir -p "$work"
work="$(cd "$work" && pwd)"
case "$work/" in
  "$project"/*) echo "authzen-interop: the work directory $work is inside the project; the runner must stay outside it" >&2; exit 2 ;;
esac
[ -f "$decisions" ] || { echo "authzen-interop: no decisions file at $decisions" >&2; exit 2; }

# 1. The standard's repository, fetched (or brought up to date) outside the project.
clone="$work/authzen"
if [ -d "$clone/.git" ]; then
  git -C "$clone" fetch -q origin && git -C "$clone" reset -q --hard origin/HEAD
else
  rm -rf "$clone"
  git clone -q "$repo" "$clone"
fi
commit="$(git -C "$clone" rev-parse HEAD)"
[ -f "$clone/$runner_dir/test/runner.ts" ] || { echo "authzen-interop: $runner_dir/test/runner.ts is not in $repo" >&2; exit 2; }

# 2. The runner, built with npm: its own test/runner.ts and the decisions file it imports, compiled by TypeScript into
#    a build directory beside the clone, with only the packages the runner uses (its tsconfig is not strict; nor is this).
build="$work/runner"
rm -rf "$build"
mkdir -p "$build/test"
cp "$clone/$runner_dir/test/runner.ts" "$clone/$runner_dir/test/decisions-authorization-api-1_0-01.json" "$build/test/"
version_of() { node -e 'const p=require(process.argv[1]);const d={...p.dependencies,...p.devDependencies};process.stdout.write(d[process.argv[2]]||"")' \
  "$clone/$runner_dir/package.json" "$1"; }
packages=()
for package in cli-color @types/cli-color @types/node typescript; do
  packages+=("$package@$(version_of "$package")")
done
(cd "$build" && printf '{"name":"authzen-interop-runner","private":true}\n' > package.json \
  && npm install --silent --no-audit --no-fund "${packages[@]}" >/dev/null)
(cd "$build" && npx --no-install tsc --rootDir . --outDir build --module commonjs --target es2022 --esModuleInterop \
  --resolveJsonModule --skipLibCheck --strict false --types node test/runner.ts)
# The runner reads ./decisions-<suite>.json beside itself: ours is the suite "channel-policy".
cp "$decisions" "$build/build/test/decisions-channel-policy.json"

# 3. The service: the one given, or the jar started here in interop mode.
server_pid=""
server_out="$work/server.out"
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ -z "$url" ]; then
  [ -f "$jar" ] || { echo "authzen-interop: build the service first: mvn -B -q package -DskipTests (no $jar)" >&2; exit 2; }
  token_args=()
  [ -n "$token_file" ] && token_args=(--token-file "$token_file")
  java -jar "$jar" --port 0 --authzen-interop ${token_args[@]+"${token_args[@]}"} > "$server_out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 120); do
    url="$(sed -n 's/^channel-policy-server: serving .* at \(http:[^ ]*\)\/$/\1/p' "$server_out")"
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "authzen-interop: the service did not start:" >&2; cat "$work/server.err" >&2; exit 2; }
    sleep 0.5
  done
  [ -n "$url" ] || { echo "authzen-interop: the service did not say where it listens within 60 s" >&2; exit 2; }
fi
url="${url%/}"
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/.well-known/authzen-configuration")" != 200 ]; then
  echo "authzen-interop: no AuthZEN PDP answers at $url" >&2; exit 2
fi

# 4. The run: the runner prints PASS, FAIL or ERROR per entry; it does not set its exit status, so the lines are counted.
key=""
[ -n "$token_file" ] && key="Bearer $(tr -d '\r\n' < "$token_file")"
log="$work/runner.log"
(cd "$build/build/test" && AUTHZEN_PDP_API_KEY="$key" node runner.js "$url" channel-policy console) | tee "$log"
expected="$(node -e 'const d=require(process.argv[1]);process.stdout.write(String((d.evaluation||[]).length+(d.evaluations||[]).length))' "$decisions")"
# Each result line starts with its verdict, coloured or not: PASS, FAIL or ERROR, then " REQ:".
esc=$'\033'
passed="$(grep -cE "^(${esc}\[[0-9;]*m)?PASS(${esc}\[[0-9;]*m)? REQ:" "$log" || true)"
failed="$(grep -cE "^(${esc}\[[0-9;]*m)?(FAIL|ERROR)(${esc}\[[0-9;]*m)? REQ:" "$log" || true)"
echo "authzen-interop: runner from openid/authzen $commit, $expected entries, against $url"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -eq "$expected" ]
