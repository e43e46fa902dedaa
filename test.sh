#!/usr/bin/env bash
# The README's test command: builds everything (Release), installs what the tests need, runs every test
# project and ends with `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")"
mkdir -p artifacts
for setup in scripts/setup-*.sh; do
  [ -e "$setup" ] && { bash "$setup" || { echo "setup failed: $setup"; exit 1; }; }
done
dotnet build NotebookNet.sln -c Release -nologo -v q || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }
dotnet test NotebookNet.sln -c Release --no-build -nologo 2>&1 | tee artifacts/test.log
rc=${PIPESTATUS[0]}
passed=$(grep -oE 'Passed: +[0-9]+' artifacts/test.log | grep -oE '[0-9]+' | paste -sd+ | bc)
failed=$(grep -oE 'Failed: +[0-9]+' artifacts/test.log | grep -oE '[0-9]+' | paste -sd+ | bc)
passed=${passed:-0}; failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "tests: ${passed} passed, ${failed} failed"
exit "$rc"
