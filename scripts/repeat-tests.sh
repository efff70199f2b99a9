#!/usr/bin/env bash
# Hunts flaky tests: builds once, then runs the README's `dotnet test` (default parallelism) N times, optionally with
# a --filter, and prints each run's result with the names of the tests that failed, then a tally.
#
#   scripts/repeat-tests.sh 5
#   scripts/repeat-tests.sh 20 "FullyQualifiedName~OutboxRetryTests"
#
# Each run's trx files and console output stay in $REPEAT_RESULTS (default: TestResults/repeat).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  echo "usage: $0 N [filter]   (N runs of dotnet test, optionally with --filter \"filter\")" >&2
  exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  usage
fi
runs=$1
filter=${2:-}
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage
results=${REPEAT_RESULTS:-TestResults/repeat}

# The failed tests of one run's trx files, one name a line (trx escapes XML characters in names).
failed_tests() {
  grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$1"/*.trx 2>/dev/null |
    sed -n 's/.* testName="\([^"]*\)".*/\1/p' |
    sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' |
    sort
}

# Sum of one counter ("total", "passed", "failed") over a run's trx files.
counter() {
  local sum=0 value
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    value=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")
    sum=$((sum + ${value:-0}))
  done
  echo "$sum"
}

rm -rf "$results"
mkdir -p "$results"
echo "Building once (dotnet build) ..."
if ! dotnet build >"$results/build.log" 2>&1; then
  echo "build failed: see $results/build.log" >&2
  tail -n 20 "$results/build.log" >&2
  exit 1
fi

args=(test --no-build --logger trx)
[ -n "$filter" ] && args+=(--filter "$filter")
green=0
declare -A failures=()
for ((run = 1; run <= runs; run++)); do
  dir="$results/run-$run"
  started=$SECONDS
  dotnet "${args[@]}" --results-directory "$dir" >"$dir.log" 2>&1
  code=$?
  took=$((SECONDS - started))
  total=$(counter "$dir" total)
  failed=$(counter "$dir" failed)
  names=$(failed_tests "$dir")
  if [ "$code" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]; then
    green=$((green + 1))
    printf 'run %d/%d: passed (%d tests, %dm%02ds)\n' "$run" "$runs" "$total" $((took / 60)) $((took % 60))
    continue
  fi

  printf 'run %d/%d: FAILED (%d of %d tests failed, exit code %d, %dm%02ds; output in %s.log)\n' \
    "$run" "$runs" "$failed" "$total" "$code" $((took / 60)) $((took % 60)) "$dir"
  if [ -z "$names" ]; then
    echo "  no failed test recorded: the run itself broke (a crash, a hang, a build problem); see the log"
  fi

  while IFS= read -r name; do
    [ -n "$name" ] || continue
    echo "  $name"
    failures[$name]=$((${failures[$name]:-0} + 1))
  done <<<"$names"
done

echo
echo "$runs runs: $green passed, $((runs - green)) failed"
if [ ${#failures[@]} -gt 0 ]; then
  echo "tests that failed:"
  for name in "${!failures[@]}"; do
    printf '  %d of %d runs: %s\n' "${failures[$name]}" "$runs" "$name"
  done | sort -rn
fi

[ "$green" -eq "$runs" ]
