#!/bin/sh
# t_errors_plan.sh - bad input never hurts (issue 5): every broken plan of
# tests/e2e/broken/ that uses the default template (CSV files, documento.ini,
# references, limits).
#
# Run by tests/check.sh with ANNEX (the ASan+UBSan binary) and T (a
# temporary folder); alone: ANNEX=build/asan/annex T=$(mktemp -d) sh
# tests/e2e/t_errors_plan.sh.  Helpers and run_case: tests/e2e/errors_lib.sh.
set -u
cd "$(dirname "$0")/../.." || exit 1
ERRORS_SUITE=errors_plan
. tests/e2e/errors_lib.sh

for d in $(broken_cases plan); do run_case "$d"; done

errors_finish
