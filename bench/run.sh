#!/bin/sh
# make bench: the annex (both parts) against the libharu floor for plans of
# N = 1,000, 10,000 and 100,000 strategic + operational indicators.  For
# each: pages, wall seconds (median of 3), peak RSS (max of 3), file size,
# and the annex/floor ratios.  BENCH_N overrides the sizes.
set -eu
cd "$(dirname "$0")/.."
D=${BENCH_DIR:-build/bench}
mkdir -p "$D"
ANNEX=build/annex
FONT=fonts/LiberationSans-Regular.ttf

# median of three "seconds KB" lines: prints "median_seconds max_KB"
med() { sort -n | awk '{s[NR]=$1; if ($2>m) m=$2} END {print s[2], m}'; }

run3() { # out cmd...
	out=$1; shift
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$D/time" "$@" >/dev/null 2>"$D/err" ||
			{ cat "$D/err"; exit 1; }
		cat "$D/time"
	done | med >"$out"
}

printf '%8s %6s %8s %8s %6s %8s %8s %6s %9s %8s\n' N pages annex_s floor_s time_x \
	annex_MB floor_MB rss_x size_MB ms/page
for N in ${BENCH_N:-1000 10000 100000}; do
	P=$D/plan-$N
	[ -d "$P" ] || build/genplan "$N" 1 "$P"
	run3 "$D/a.t" $ANNEX build -o "$D/annex-$N.pdf" "$P"
	size=$(stat -c %s "$D/annex-$N.pdf")
	# What annex drew, for the floor to draw the same.
	ANNEX_STATS=1 $ANNEX build -o "$D/annex-$N.pdf" "$P" 2>&1 >/dev/null |
		sed -n 's/^annex: stats: //p' >"$D/stats"
	eval "$(cat "$D/stats" | tr ' ' '\n' | sed 's/^/s_/')"
	pages=$s_pages
	cat "$P"/*.csv >"$D/source-$N.txt"
	run3 "$D/f.t" build/floor "$D/floor-$N.pdf" "$pages" "$s_runs" \
		"$s_glyphs" "$D/source-$N.txt" "$FONT"
	read -r at am <"$D/a.t"
	read -r ft fm <"$D/f.t"
	awk -v n="$N" -v p="$pages" -v at="$at" -v ft="$ft" -v am="$am" \
		-v fm="$fm" -v sz="$size" 'BEGIN {
		printf "%8d %6d %8.2f %8.2f %6.2f %8.1f %8.1f %6.2f %9.1f %8.2f\n",
			n, p, at, ft, at / ft, am / 1024, fm / 1024, am / fm,
			sz / 1048576, at * 1000 / p }'
done
