#!/bin/sh
# t_errors_template.sh - bad input never hurts (issue 5): every broken case of
# tests/e2e/broken/ that brings its own template (bad or non-finite values,
# unknown keys, fonts, logo, template limits).
#
# Run by tests/check.sh with ANNEX (the ASan+UBSan binary) and T (a
# temporary folder); alone: ANNEX=build/asan/annex T=$(mktemp -d) sh
# tests/e2e/t_errors_template.sh.  Helpers and run_case: tests/e2e/errors_lib.sh.
set -u
cd "$(dirname "$0")/../.." || exit 1
ERRORS_SUITE=errors_template
. tests/e2e/errors_lib.sh

for d in $(broken_cases own); do run_case "$d"; done

errors_finish
