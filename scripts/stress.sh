#!/usr/bin/env bash
# Determinism check: runs the whole suite RUNS times (default 50) beside N CPU hogs (default 2).
#   npm run stress -- 50 --hogs 4
# A run fails if jest fails, if it printed a worker or Node warning, if any process of its
# process group is still alive once jest has returned, or if a test took more than a fifth of
# its timeout (scripts/slow-tests.ts). Logs go to a folder in the system's temp
# directory, removed when every run passed. Prints one line per run and a summary; exits 1 if
# any run failed.
set -u
runs=50
hogs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --hogs) hogs=${2:-}; shift 2 || shift ;;
    --hogs=*) hogs=${1#--hogs=}; shift ;;
    *) runs=$1; shift ;;
  esac
done
case "$runs$hogs" in *[!0-9]*|'') echo "usage: stress.sh [RUNS] [--hogs N]  (whole numbers)" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."

logs=$(mktemp -d "${TMPDIR:-/tmp}/asyncio-spec-stress.XXXXXX")
hog_pids=()
# Each hog in a session of its own, as jest is below. With the kernel's autogroup scheduling (on
# by default in Linux), CPU time is shared between sessions first: hogs sharing this script's
# session would together get no more CPU than jest alone, and four of them slowed a run from 19 s
# to 26 s only (2 December, 17:25 UTC), against 75 s with autogroup off. In sessions of their own
# (setsid, which a background job of a script runs without forking, so $! is the hog), N hogs
# weigh as N busy sessions whether autogroup is on or off.
for _ in $(seq 1 "$hogs"); do
  setsid yes > /dev/null &
  hog_pids+=($!)
done
median() { [ $# -gt 0 ] || { echo -; return; }; printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
summary() {
  echo "stress: $done_runs of $runs runs done, $((done_runs - failed)) passed, $failed failed; passing runs: median $(median "${walls[@]}") s wall, $(median "${cpus[@]}") s CPU; load: $(uptime | sed 's/.*load average: //')"
  if [ "$failed" -eq 0 ]; then
    rm -rf "$logs"
  else
    echo "logs of the failed runs: $logs"
  fi
}
group=0
stop() {
  [ ${#hog_pids[@]} -eq 0 ] || kill "${hog_pids[@]}" 2>/dev/null
  # Interrupted in the middle of a run: end that run's process group too.
  [ "$group" -eq 0 ] || kill -- "-$group" 2>/dev/null
}
trap stop EXIT
# Stopped early (Ctrl-C, kill): report the runs that finished, fail.
trap 'echo "stress: interrupted during run $((done_runs + 1))"; summary; exit 1' INT TERM

# What a clean run never prints: jest's worker warning, its open-handle notes, any Node warning.
WARNINGS='failed to exit gracefully|Jest did not exit|open handle|Force exiting|\(node:[0-9]+\) [A-Za-z]*Warning'

failed=0
done_runs=0
walls=()
cpus=()
echo "stress: $runs runs of the suite beside $hogs CPU hog(s); logs in $logs; load: $(uptime | sed 's/.*load average: //')"
for i in $(seq 1 "$runs"); do
  log="$logs/run-$i.log"
  times="$logs/run-$i.time"
  pidfile="$logs/run-$i.pid"
  testtimes="$logs/run-$i.times.jsonl"
  # Its own session, so that its process group holds jest, its workers and whatever they start.
  group=0
  setsid -w bash -c 'echo $$ > "$1"; ASYNCIO_TEST_TIMES="$3" exec /usr/bin/time -o "$2" -f "%e %U %S" npx jest --silent' _ "$pidfile" "$times" "$testtimes" > "$log" 2>&1
  rc=$?
  group=$(cat "$pidfile" 2>/dev/null || echo 0)
  done_runs=$i
  # A process of the group may still be on its way out the instant jest returns; give it a second.
  left=$(ps -eo pid=,pgid= | awk -v g="$group" '$2 == g { print $1 }')
  [ -z "$left" ] || { sleep 1; left=$(ps -eo pid=,pgid=,stat= | awk -v g="$group" '$2 == g && $3 !~ /^Z/ { print $1 }'); }
  problems=()
  [ "$rc" -eq 0 ] || problems+=("jest exit code $rc")
  if grep -Eq "$WARNINGS" "$log"; then problems+=("warning: $(grep -Eo "$WARNINGS" "$log" | head -1)"); fi
  slow=$(npx tsx scripts/slow-tests.ts "$testtimes" 2>&1) || problems+=("$(echo "$slow" | head -2 | tr '\n' ' ')")
  if [ -n "$left" ]; then
    problems+=("left running: $(ps -o pid=,args= -p "$(echo $left | tr ' ' ',')" | head -3 | tr '\n' ';')")
    kill $left 2>/dev/null
  fi
  group=0
  read -r wall user sys < "$times" 2>/dev/null || { wall=0; user=0; sys=0; }
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  if [ ${#problems[@]} -eq 0 ]; then
    walls+=("$wall")
    cpus+=("$cpu")
    rm -f "$log" "$times" "$pidfile" "$testtimes"
    printf 'run %2d: pass (%s s wall, %s s CPU; %s)\n' "$i" "$wall" "$cpu" "${slow#slow tests: }"
  else
    failed=$((failed + 1))
    printf 'run %2d: FAIL (%s), log kept: %s\n' "$i" "$(IFS='; '; echo "${problems[*]}")" "$log"
  fi
done
summary
[ "$failed" -eq 0 ] && [ "$done_runs" -eq "$runs" ]
