#!/usr/bin/env bash
# Runs the suite on each supported Node major (default: 20 22 24, what package.json's `engines`
# allows), each from npm's `node` package, so no system install is needed:
#   npm run test:node            # 20, 22 and 24
#   npm run test:node -- 20 24   # the oldest and the newest (CI)
# Jest's workers and the pools' child processes start from process.execPath, so everything
# runs on the Node under test. Exits 1 if the suite failed on any of them.
set -u
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(20 22 24)
failed=()
for major in "${versions[@]}"; do
  actual=$(npx -y -p "node@$major" node --version) || { failed+=("$major (could not get node@$major)"); continue; }
  echo "== Node $actual"
  start=$(date +%s)
  if npx -y -p "node@$major" node node_modules/jest/bin/jest.js --silent; then
    echo "== Node $actual: pass ($(($(date +%s) - start)) s)"
  else
    failed+=("$actual")
    echo "== Node $actual: FAIL"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "the suite failed on: ${failed[*]}"
  exit 1
fi
echo "the suite passed on Node ${versions[*]}"
