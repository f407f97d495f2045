#!/usr/bin/env bash
# usage: scripts/trx-summary.sh RESULTS_DIR  -> prints "N passed, N failed, N skipped" from every TRX file in it
set -euo pipefail
dir=${1:-TestResults}
shopt -s nullglob
files=("$dir"/*.trx)
[ ${#files[@]} -gt 0 ] || { echo "0 passed, 0 failed"; exit 0; }
# Count results, not the TRX counters: a skipped test is NotExecuted and the counters leave it out.
cat "${files[@]}" | grep -o '<UnitTestResult [^>]*>' | grep -o ' outcome="[A-Za-z]*"' |
awk -F'"' '{n[$2]++}
  END { printf "%d passed, %d failed, %d skipped\n", n["Passed"],
        n["Failed"]+n["Error"]+n["Timeout"]+n["Aborted"], n["NotExecuted"]+n["Inconclusive"] }'
