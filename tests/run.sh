#!/usr/bin/env bash
# Runs every test of the solution and prints one closing line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
log=$(mktemp)
dotnet test ProcurementAudit.sln --nologo -v q "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# VSTest prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+), Skipped:\s*([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
# A build error or crashed test host fails the run even when no test reported a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
