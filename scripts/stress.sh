#!/usr/bin/env bash
# Determinism check: runs the whole suite N times (default 50) with two CPU hogs beside it.
# Prints one line per run and a closing count; exits non-zero if any run failed.
set -u
runs=${1:-50}
cd "$(dirname "$0")/.."
yes > /dev/null & hog1=$!
yes > /dev/null & hog2=$!
trap 'kill $hog1 $hog2 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  if npx jest --silent > "/tmp/stress-run-$i.log" 2>&1; then
    rm -f "/tmp/stress-run-$i.log"
    printf 'run %2d: pass (%s s)\n' "$i" "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  else
    failed=$((failed + 1))
    printf 'run %2d: FAIL, log kept in /tmp/stress-run-%d.log\n' "$i" "$i"
  fi
done
echo "stress: $((runs - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
