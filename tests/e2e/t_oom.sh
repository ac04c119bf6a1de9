#!/bin/sh
# t_oom.sh - out of memory (issue 11): when an allocation fails, annex
# says "annex: error: out of memory" as its last line and exits 1: no
# abort, no crash, no other status, no file left half-written, and a PDF
# that was there before survives byte for byte.
#
# Memory "runs out" through tests/e2e/failmalloc.c, an LD_PRELOAD library
# (built here with cc; the suite is skipped without a compiler or where it
# does not load) that fails the N-th allocation and every later one.  N
# goes from 1 in steps of about a third up to the first N the command
# survives, for: build (the annex), build -t relazione (its CSV too),
# check, export to .ods and check of a .xlsx workbook.  The release
# build/annex is used: ASan has an allocator of its own.  Not tested:
# export to .xlsx, where libxlsxwriter 1.1 itself dereferences NULL after
# its own failed allocations.
#
# Run by tests/check.sh with T set; alone: T=$(mktemp -d) sh tests/e2e/t_oom.sh
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
SRC=$(pwd)
BIN=$SRC/build/annex
O=$T/oom
mkdir -p "$O/out"
unset ANNEX_DATA
export LANG=C

SHIM=$O/failmalloc.so
if ! command -v cc >/dev/null 2>&1 ||
	! cc -O1 -shared -fPIC -o "$SHIM" tests/e2e/failmalloc.c >"$O/cc.out" 2>&1 ||
	FAILMALLOC_AT=1 LD_PRELOAD=$SHIM "$BIN" --version >/dev/null 2>&1; then
	echo "skip out-of-memory tests (no cc, or the LD_PRELOAD library has no effect)"
	finish
	exit
fi

# The reference PDF that a failed build must leave alone.
"$BIN" build -q -o "$O/ref.pdf" input >"$O/ref.out" 2>&1 || ko "reference build" "$O/ref.out"
"$BIN" export input "$O/plan.xlsx" >"$O/ref.out" 2>&1 || ko "reference workbook" "$O/ref.out"

# oom NAME OUT ARGS...: run annex ARGS with memory running out at N = 1,
# 2, 3, 5, 7, 10, ... until a run succeeds (at most 60 runs).  Every failed
# run: status 1, last line "annex: error: out of memory", no temporary file
# in $O/out, and OUT (unless -) still the reference PDF.
oom() {
	name=$1 out=$2
	shift 2
	n=1 runs=0 bad=0 done=0
	while [ $runs -lt 60 ]; do
		runs=$((runs + 1))
		[ "$out" = - ] || cp "$O/ref.pdf" "$out"
		FAILMALLOC_AT=$n LD_PRELOAD=$SHIM "$BIN" "$@" >"$O/run.out" 2>&1
		st=$?
		if [ $st -eq 0 ]; then
			done=$n
			break
		fi
		why=
		if [ $st -ne 1 ]; then
			why="status $st"
		elif [ "$(tail -1 "$O/run.out")" != "annex: error: out of memory" ]; then
			why="last line: $(tail -1 "$O/run.out")"
		elif ls -A "$O/out" | grep -q 'tmp'; then
			why="a temporary file is left: $(ls -A "$O/out" | grep tmp | head -1)"
			rm -f "$O/out/"*tmp*
		elif [ "$out" != - ] && ! cmp -s "$O/ref.pdf" "$out"; then
			why="$out changed"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ $bad -le 3 ] && echo "     $name, allocation $n: $why"
		fi
		n=$((n + n / 3 + 1))
	done
	if [ $done -eq 0 ]; then
		ko "$name: still failing after $runs runs (allocation $n)"
	elif [ $bad -eq 0 ]; then
		ok "$name: out of memory at $runs points up to allocation $done: status 1, one message, nothing harmed"
	else
		ko "$name: out of memory at $runs points: $bad went wrong"
	fi
}

oom "build" "$O/out/annex.pdf" build -o "$O/out/annex.pdf" input
oom "build -t relazione" "$O/out/rel.pdf" build -t relazione -o "$O/out/rel.pdf" input
oom "check" - check input
oom "export .ods" - export input "$O/out/plan.ods"
oom "check .xlsx" - check "$O/plan.xlsx"
finish
