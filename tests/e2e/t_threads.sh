#!/bin/sh
# t_threads.sh - the pages are deflated on worker threads (ANNEX_THREADS,
# render/pack.c): the PDF is the same, byte for byte, with 1, 2 and 3
# threads, for the default plan and for a plan of a few hundred pages with
# every part (the release binary, as a user runs it, and the ASan one);
# a bad ANNEX_THREADS is a warning and the default is used.
#
# Run by tests/check.sh with ANNEX and T; alone:
# ANNEX=build/asan/annex T=$(mktemp -d) sh tests/e2e/t_threads.sh
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
ANNEX=${ANNEX:-build/asan/annex}
case $ANNEX in /*) ;; *) ANNEX=$ROOT/$ANNEX ;; esac
T=${T:-$(mktemp -d)}
W=$T/threads
rm -rf "$W"
mkdir -p "$W"
. tests/e2e/lib.sh
export SOURCE_DATE_EPOCH=1700000000

# same NAME BINARY PLAN [TEMPLATE]: builds with 1, 2 and 3 threads agree
same() {
	name=$1 bin=$2 plan=$3 tpl=${4:-}
	for n in 1 2 3; do
		ANNEX_THREADS=$n "$bin" build ${tpl:+-t "$tpl"} -o "$W/$name-$n.pdf" "$plan" >"$W/out-$n" 2>&1
		is_ok=$?
		if [ $is_ok -eq 0 ]; then ok "$name: builds with $n thread(s)"; else ko "$name: builds with $n thread(s)" "$W/out-$n"; fi
	done
	for n in 2 3; do
		if cmp -s "$W/$name-1.pdf" "$W/$name-$n.pdf"; then
			ok "$name: $n threads give the bytes of 1"
		else
			ko "$name: $n threads give the bytes of 1"
		fi
	done
}

same "input" "$ANNEX" input
same "relazione" "$ANNEX" input relazione
if [ -x build/genplan ] && [ -x build/annex ]; then
	build/genplan 600 3 "$W/plan" >/dev/null 2>&1
	same "600-indicators" build/annex "$W/plan"
	pages=$(pdfinfo "$W/600-indicators-2.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	if [ "${pages:-0}" -gt 100 ]; then ok "600-indicators: $pages pages"; else ko "600-indicators: more than 100 pages (got ${pages:-none})"; fi
	# without glibc's huge pages (main.c): the same bytes
	GLIBC_TUNABLES= build/annex build -o "$W/nohuge.pdf" "$W/plan" >"$W/out" 2>&1
	if cmp -s "$W/nohuge.pdf" "$W/600-indicators-1.pdf"; then ok "600-indicators: the same bytes without huge pages"; else ko "600-indicators: the same bytes without huge pages" "$W/out"; fi
else
	echo "skip the long plan (build/genplan or build/annex missing)"
fi

for v in 0 9 two -1; do
	ANNEX_THREADS=$v "$ANNEX" build -o "$W/bad.pdf" input >"$W/out" 2>&1
	st=$?
	if [ $st -eq 0 ] && grep -q "^annex: warning: ANNEX_THREADS '$v' is not a number of threads from 1 to 8; using [12]$" "$W/out"; then
		ok "ANNEX_THREADS=$v: a warning, the default used"
	else
		ko "ANNEX_THREADS=$v: a warning, the default used (status $st)" "$W/out"
	fi
	if cmp -s "$W/bad.pdf" "$W/input-1.pdf"; then ok "ANNEX_THREADS=$v: the same PDF"; else ko "ANNEX_THREADS=$v: the same PDF"; fi
done

finish
