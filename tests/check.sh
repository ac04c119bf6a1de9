#!/bin/sh
# check.sh - run test jobs side by side and add up what they report.
#
#   sh tests/check.sh JOB...        (make check, make unit, make e2e)
#
# A JOB is one of
#   tests/e2e/t_NAME.sh     an end-to-end suite, run with ANNEX and its own
#                           temporary folder T; it ends with "N passed, M
#                           failed" (tests/e2e/lib.sh)
#   build/asan/tests/NAME   a cmocka unit test ("[  PASSED  ] N test(s).")
#   build/asan/fuzz/NAME    a fuzz harness replaying tests/fuzz/corpus/NAME
#                           (one check)
#
# CHECK_JOBS jobs (default: the number of cores) run at once, the slowest
# of the previous run first (build/check/times; tests/check-times on a
# fresh clone), so that a long suite does
# not start last.  Each job's whole output goes to build/check/NAME.log;
# one line is printed per job as it ends; then, for every job that failed,
# its FAIL lines with their details (or the end of its log); then, after
# the e2e suites, qpdf --check on every PDF they wrote and tests/pdfua_check
# on every tagged one; and last the line
# "N passed, M failed".  Exit status 0 only when nothing failed.  A job
# that exits non-zero counts as a failure even when its output says
# otherwise; a job still running after CHECK_TIMEOUT seconds (default
# 1200) is stopped and fails.
set -u
cd "$(dirname "$0")/.." || exit 2
LOGS=build/check

# --- one job (run by xargs below) ----------------------------------------
if [ "${1:-}" = --one ]; then
	job=$2
	name=$(basename "$job" .sh)
	log=$LOGS/$name.log
	to=
	command -v timeout >/dev/null 2>&1 && to="timeout $CHECK_TIMEOUT"
	start=$(date +%s)
	case $job in
	tests/e2e/*)
		mkdir -p "$CHECK_TMP/$name"
		ANNEX=$ANNEX T=$CHECK_TMP/$name $to sh "$job" >"$log" 2>&1
		;;
	*/fuzz/*) ASAN_OPTIONS=detect_leaks=1 $to "$job" \
		"tests/fuzz/corpus/$name" >"$log" 2>&1 ;;
	*) $to "$job" >"$log" 2>&1 ;;
	esac
	st=$?
	secs=$(($(date +%s) - start))
	p=1 f=0 why=
	case $job in
	tests/e2e/*)
		last=$(grep '^[0-9]* passed, [0-9]* failed$' "$log" | tail -1)
		p=${last%% *}
		f=${last#*passed, }
		f=${f%% *}
		[ -z "$last" ] && p=0 f=1 why="did not finish"
		;;
	build/asan/tests/*)
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		p=${p:-0} f=${f:-0}
		;;
	esac
	[ "$st" -eq 124 ] && [ -n "$to" ] && why="stopped after $CHECK_TIMEOUT s"
	[ "$st" -ne 0 ] && [ "$f" -eq 0 ] && f=1 why=${why:-"exit status $st"}
	echo "$name $p $f $secs $why" >"$LOGS/$name.result"
	[ "$f" -eq 0 ] && mark=ok || mark=FAIL
	printf '%-4s %-26s %4d passed %3d failed %4d s %s\n' \
		"$mark" "$name" "$p" "$f" "$secs" "$why"
	exit 0
fi

# --- the whole run ---------------------------------------------------------
[ $# -gt 0 ] || {
	echo "usage: sh tests/check.sh JOB..." >&2
	exit 2
}
CHECK_JOBS=${CHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}
CHECK_TIMEOUT=${CHECK_TIMEOUT:-1200}
ANNEX=${ANNEX:-build/asan/annex}
CHECK_TMP=$(mktemp -d)
export CHECK_JOBS CHECK_TIMEOUT ANNEX CHECK_TMP
# Messages in English whatever the machine's language (t_install.sh
# checks the Italian ones); sanitizer reports fail the job.
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE ANNEX_DATA
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$LOGS"
# The tests start python3 some fifty times: call the interpreter itself,
# not a version manager's shim (pyenv's costs 0.3-2 s a call).
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -n "$py" ] && [ -x "$py" ]; then
	mkdir -p "$CHECK_TMP/bin" && ln -s "$py" "$CHECK_TMP/bin/python3" &&
		PATH=$CHECK_TMP/bin:$PATH
fi
trap 'rm -rf "$CHECK_TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for j in "$@"; do rm -f "$LOGS/$(basename "$j" .sh).result"; done

# Slowest first: the times of the previous run (on a fresh clone those
# committed in tests/check-times), an unknown job first of all.
[ -s "$LOGS/times" ] || cp tests/check-times "$LOGS/times"
for j in "$@"; do
	t=$(awk -v n="$(basename "$j" .sh)" '$1 == n { print $2 }' "$LOGS/times")
	echo "${t:-99999} $j"
done | sort -k1,1nr -k2 | cut -d' ' -f2- >"$CHECK_TMP/order"
echo "running $# test jobs, $CHECK_JOBS at a time (logs in $LOGS/)"
xargs -P "$CHECK_JOBS" -n 1 sh tests/check.sh --one <"$CHECK_TMP/order"

pass=0 fail=0
: >"$CHECK_TMP/times"
for j in "$@"; do
	name=$(basename "$j" .sh)
	r=$LOGS/$name.result
	if [ ! -f "$r" ]; then
		fail=$((fail + 1))
		echo "FAIL $name: no result"
		continue
	fi
	read -r _ p f secs why <"$r"
	echo "$name $secs" >>"$CHECK_TMP/times"
	pass=$((pass + p)) fail=$((fail + f))
	[ "$f" -eq 0 ] && continue
	echo
	echo "=== $name: $f failed${why:+ ($why)}; whole output: $LOGS/$name.log"
	if grep -q '^FAIL ' "$LOGS/$name.log"; then
		awk '/^FAIL / { p = 1; print; next }
		     /^     / && p { print; next } { p = 0 }' "$LOGS/$name.log"
	elif grep -q '^\[  ERROR   \]' "$LOGS/$name.log"; then
		# cmocka: each failed test with its assertion.
		grep '^\[  ERROR   \]\|^\[   LINE   \]\|^\[  FAILED  \] test' \
			"$LOGS/$name.log" | awk '!seen[$0]++'
	else
		tail -25 "$LOGS/$name.log"
	fi
done
# Keep the times of jobs not run this time.
awk 'NR == FNR { seen[$1] = 1; print; next } !($1 in seen)' \
	"$CHECK_TMP/times" "$LOGS/times" >"$CHECK_TMP/times.all" &&
	cp "$CHECK_TMP/times.all" "$LOGS/times"

# qpdf --check on every PDF the e2e suites wrote.
case " $* " in *" tests/e2e/"*)
	find "$CHECK_TMP" -type f -name '*.pdf' >"$CHECK_TMP/pdfs"
	n=$(wc -l <"$CHECK_TMP/pdfs")
	xargs -P "$CHECK_JOBS" -n 8 sh -c 'for f; do
		qpdf --check "$f" >/dev/null 2>&1 || echo "$f"; done' sh \
		<"$CHECK_TMP/pdfs" >"$CHECK_TMP/badpdfs"
	bad=$(wc -l <"$CHECK_TMP/badpdfs")
	if [ "$bad" -eq 0 ] && [ "$n" -gt 0 ]; then
		pass=$((pass + 1))
		echo "ok   qpdf --check on all $n PDFs the tests wrote"
	else
		fail=$((fail + 1))
		echo "FAIL qpdf --check on all $n PDFs the tests wrote ($bad bad)"
		sed 's/^/     /' "$CHECK_TMP/badpdfs" | head -20
	fi
	# Every tagged one passes tests/pdfua_check (issue 15: annex tags
	# every PDF unless the template says pdfa = 2u and ua = no); one that
	# does not claim PDF/UA is checked as tagged (--level-a).
	xargs -P "$CHECK_JOBS" -n 8 sh -c 'for f; do
		pdfinfo "$f" 2>/dev/null | grep -q "^Tagged: *yes" || continue
		echo "tagged $f"
		a=--level-a # no PDF/UA claim: pdfa = 2a, ua = no, or not PDF/A
		grep -aq "pdfuaid:part" "$f" && a=
		python3 tests/pdfua_check $a "$f" >/dev/null 2>&1 || echo "$f"
		done' sh <"$CHECK_TMP/pdfs" >"$CHECK_TMP/ua"
	nt=$(grep -c '^tagged ' "$CHECK_TMP/ua")
	grep -v '^tagged ' "$CHECK_TMP/ua" >"$CHECK_TMP/badua"
	bad=$(wc -l <"$CHECK_TMP/badua")
	if [ "$bad" -eq 0 ] && [ "$nt" -gt 0 ]; then
		pass=$((pass + 1))
		echo "ok   tests/pdfua_check on all $nt tagged PDFs the tests wrote"
	else
		fail=$((fail + 1))
		echo "FAIL tests/pdfua_check on all $nt tagged PDFs the tests wrote ($bad bad)"
		sed 's/^/     /' "$CHECK_TMP/badua" | head -20
	fi
	;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
