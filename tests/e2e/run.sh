#!/bin/sh
# End-to-end tests (make e2e): every tests/e2e/t_*.sh, side by side, with
# the ASan+UBSan binary; each builds real PDFs and checks them (pdftotext,
# qpdf --check, PDF/A, pdf-layout-check where ../shared exists).  See
# tests/check.sh for how they run and what is printed.
cd "$(dirname "$0")/../.." || exit 2
exec sh tests/check.sh tests/e2e/t_*.sh
