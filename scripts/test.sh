#!/usr/bin/env bash
# Installs and builds everything (scripts/setup.sh), then runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
report=$(mktemp --suffix=.json)
set +e
pnpm exec vitest run --reporter=default --reporter=json --outputFile="$report" "$@"
rc=$?
set -e
# One closing line any CI reads: 'N passed, N failed'.
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" || true
rm -f "$report"
exit $rc
