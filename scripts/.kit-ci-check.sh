#!/usr/bin/env bash
# The conformance kit as a port author meets it (issue 14): pack the tarball, install it in an
# empty folder outside the repository, and run the installed bin on ports of every kind.
# Each step states the exit code it expects; any other code fails CI with the kit's output.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/asyncio-kit-ci.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

TARBALL="$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -1)"
echo "kit: $(basename "$TARBALL"): $(stat -c %s "$TARBALL") bytes, $(tar tzf "$TARBALL" | wc -l) files"
if tar tzf "$TARBALL" | grep -E '^package/(src|bench|scripts|kit|specs|fixtures)/|specs/(meta|harness)/|stryker|mutation|bench|adapters/'; then
  echo "kit: the tarball ships files a port author does not need (above)"; exit 1
fi

mkdir "$WORK/author"
cd "$WORK/author"
echo '{ "name": "port-author", "private": true }' > package.json
npm install --no-audit --no-fund --loglevel=error "$TARBALL" > /dev/null
BIN="$WORK/author/node_modules/.bin/asyncio-conformance"
SYNC=primitives,lock,event,condition,semaphore,bounded-semaphore

# run <expected exit> <what> <args...>: runs the installed bin; shows its output on a surprise.
run() {
  local want=$1 what=$2; shift 2
  set +e; "$BIN" "$@" > out.txt 2> err.txt; local got=$?; set -e
  if [ "$got" != "$want" ]; then
    echo "kit: $what: exit $got, expected $want"; cat out.txt err.txt; exit 1
  fi
  echo "kit: $what: exit $got as expected"
}
# one_line: a run that could not happen says why in exactly one line.
one_line() {
  if [ "$(wc -l < err.txt)" != 1 ] || [ -s out.txt ]; then echo "kit: expected one line, got:"; cat out.txt err.txt; exit 1; fi
  sed 's/^/    /' err.txt
}

# The reference port, bundled to one ES module: the base of the port kinds below.
node -e "require('esbuild').buildSync({ entryPoints: [process.argv[1]], bundle: true, format: 'esm', platform: 'node', outfile: 'reference.mjs', logLevel: 'error' })" "$ROOT/src/index.ts"

FROM_CONTRACT=/nonexistent/index.mjs
if [ -f "$FROM_CONTRACT" ]; then
  run 0 "the contract-only ES module port" "$FROM_CONTRACT"
else
  echo "kit: SKIPPED the contract-only port: $FROM_CONTRACT is not there yet"
fi
run 0 "the reference port (TypeScript, every rule)" "$ROOT/src/index.ts"
tail -3 out.txt

# Every kind of module the kit takes, on one rule each.
echo "export * from './reference.mjs';" > port.mjs
echo "module.exports = require('./reference.cjs');" > port.cjs
node -e "require('esbuild').buildSync({ entryPoints: ['reference.mjs'], bundle: true, format: 'cjs', platform: 'node', outfile: 'reference.cjs', logLevel: 'error' })"
printf "export * from './reference.mjs';\nexport const kind: string = 'mts';\n" > port.mts
mkdir -p node_modules/my-port && cp reference.mjs node_modules/my-port/index.js
echo '{ "name": "my-port", "type": "module", "exports": "./index.js" }' > node_modules/my-port/package.json
run 0 "an ES module (.mjs)" ./port.mjs --only lock.fifo
run 0 "a CommonJS module (.cjs)" ./port.cjs --only lock.fifo
run 0 "TypeScript (.mts)" ./port.mts --only lock.fifo
run 0 "a folder with a package.json (\"type\": \"module\")" ./node_modules/my-port --only lock.fifo
run 0 "an installed package, by name" my-port --only lock.fifo
mkdir -p node_modules/my-ts-port
printf "export * from '../../reference.mjs';\nexport const language: string = 'TypeScript';\n" > node_modules/my-ts-port/index.ts
echo '{ "name": "my-ts-port", "main": "index.ts" }' > node_modules/my-ts-port/package.json
run 0 "a TypeScript package under node_modules, by name" my-ts-port --only lock.fifo

# An adapter of another library: its differences, as a table, exit 1.
run 1 "the async-mutex adapter" "$ROOT/kit/adapters/async-mutex.ts" --only "$SYNC" --timeout 3000
sed -n '/^lock$/,$p' out.txt | sed 's/^/    /'

# A planted FIFO bug (the waiter queue wakes its last waiter, not its first): exit 1, naming the rule.
mkdir fifo-bug
sed 's/const waiter = this\.#head;/const waiter = this.#tail;/' reference.mjs > fifo-bug/index.mjs
if cmp -s reference.mjs fifo-bug/index.mjs; then echo "kit: could not plant the FIFO bug (waiter-queue changed?)"; exit 1; fi
run 1 "an ES module with a planted FIFO bug" ./fifo-bug/index.mjs --only lock,semaphore
grep -q 'FAIL .*lock\.fifo' out.txt || { echo "kit: the FIFO bug was not reported as lock.fifo"; cat out.txt; exit 1; }
grep 'conformance:' out.txt | sed 's/^/    /'

# Could not run: one line each, exit 2.
run 2 "a missing file" ./no-such-port.mjs; one_line
echo 'export const Lock = ;' > broken.mjs
run 2 "a port with a syntax error" ./broken.mjs; one_line
run 2 "an unknown flag" ./port.mjs --frobnicate; one_line

# Expectations: a known failure keeps the run green; once its defect is gone it fails the run.
# async-mutex's release() of an unlocked Mutex does not throw (R38 lock.release-unlocked).
ADAPTER_RULE=lock.release-unlocked
echo "{ \"knownFailures\": { \"$ADAPTER_RULE\": \"async-mutex: releasing an unlocked Mutex is silently accepted\" } }" > adapter.expectations.json
run 0 "the async-mutex adapter with $ADAPTER_RULE listed as a known failure" "$ROOT/kit/adapters/async-mutex.ts" --only "$ADAPTER_RULE" --expectations adapter.expectations.json
# A copy of the adapter without that defect (inside the repository, so its imports resolve).
FIXED_DIR="$ROOT/reports/kit-ci"
mkdir -p "$FIXED_DIR"
sed -e "s#from './#from '../../kit/adapters/#" \
    -e "s#^\(\s*\)this\.\#mutex\.release();#\1if (!this.\#mutex.isLocked()) throw new Error('Lock is not acquired.');\n\1this.\#mutex.release();#" \
    "$ROOT/kit/adapters/async-mutex.ts" > "$FIXED_DIR/async-mutex-fixed.ts"
grep -q "Lock is not acquired" "$FIXED_DIR/async-mutex-fixed.ts" || { echo "kit: could not remove the defect from the adapter copy"; exit 1; }
run 1 "the same expectations on a copy without that defect (unexpected pass)" "$FIXED_DIR/async-mutex-fixed.ts" --only "$ADAPTER_RULE" --expectations adapter.expectations.json
grep -q 'UNEXPECTED PASS' out.txt || { echo "kit: not reported as an unexpected pass"; cat out.txt; exit 1; }
grep 'conformance:' out.txt | sed 's/^/    /'
rm -rf "$FIXED_DIR"

# The same on an ES module: a planted bug listed as known, then a copy without it.
echo '{ "knownFailures": { "lock.fifo": "planted: the waiter queue wakes the last waiter" } }' > fifo-bug/index.expectations.json
run 0 "the FIFO bug listed in its expectations file (beside the port)" ./fifo-bug/index.mjs --only lock.fifo
mkdir fixed && cp reference.mjs fixed/index.mjs && cp fifo-bug/index.expectations.json fixed/
run 1 "the same expectations on a copy without the bug (unexpected pass)" ./fixed/index.mjs --only lock.fifo
grep -q 'UNEXPECTED PASS' out.txt || { echo "kit: not reported as an unexpected pass"; cat out.txt; exit 1; }
echo "kit: all checks passed"
