#!/bin/sh
# make bench: the whole annex for generated plans of N = 1,000 and 10,000
# strategic + operational indicators (BENCH_N="1000 10000 100000" adds the
# optional 100,000), with 1 and 2 threads (ANNEX_THREADS), against the
# libharu floor; then the compressors on the content streams of the
# 10,000 plan's PDF (bench/deflate.c).
#
# For each N, tagging on (the shipped default: PDF/A-2a + PDF/UA-1) and
# off (PDF/A-2u), and thread count: pages, wall seconds (median of BENCH_RUNS,
# default 3), CPU seconds (user + sys, median: other programs on the
# machine stretch wall time, not CPU time), ms of wall per page, MB/s of
# PDF written (size / wall), peak RSS (the largest of the runs), the PDF's
# size, and the floor's wall seconds (one thread) with annex/floor.
set -eu
cd "$(dirname "$0")/.."
D=${BENCH_DIR:-build/bench}
RUNS=${BENCH_RUNS:-3}
mkdir -p "$D"
ANNEX=build/annex
FONT=fonts/LiberationSans-Regular.ttf
export SOURCE_DATE_EPOCH=1700000000

# the median wall and CPU seconds and the largest RSS of "wall user sys KB"
# lines: prints "wall cpu KB"
med() {
	cat >"$D/runs"
	w=$(awk '{print $1}' "$D/runs" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
	c=$(awk '{print $2 + $3}' "$D/runs" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
	m=$(awk '$4 > m {m = $4} END {print m}' "$D/runs")
	echo "$w $c $m"
}

# runs OUT CMD...: RUNS timed runs of CMD; OUT gets med's line
runs() {
	out=$1
	shift
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %U %S %M' -o "$D/time" "$@" >/dev/null 2>"$D/err" ||
			{ cat "$D/err"; exit 1; }
		cat "$D/time"
		i=$((i + 1))
	done | med >"$out"
}

# The shipped template untagged (PDF/A-2u, no PDF/UA), fonts by absolute
# path: the "tags" column says which.
UNTAGGED=$D/untagged.ini
{ sed "s|\\.\\./fonts/|$PWD/fonts/|" templates/all-1.1.ini
  printf '\n[output]\npdfa = 2u\nua = no\n'; } >"$UNTAGGED"

printf '| %7s | %3s | %4s | %6s | %6s | %6s | %7s | %6s | %7s | %7s | %7s | %7s |\n' \
	N thr tags pages wall_s cpu_s ms/page MB/s rss_MB size_MB floor_s x_floor
printf '|--------:|----:|-----:|-------:|-------:|-------:|--------:|-------:|--------:|--------:|--------:|--------:|\n'
for N in ${BENCH_N:-1000 10000}; do
	P=$D/plan-$N
	[ -d "$P" ] || build/genplan "$N" 1 "$P" >/dev/null
	# What annex drew, for the floor to draw the same.
	ANNEX_STATS=1 $ANNEX build -o "$D/annex-$N.pdf" "$P" 2>&1 >/dev/null |
		sed -n 's/^annex: stats: //p' >"$D/stats"
	eval "$(tr ' ' '\n' <"$D/stats" | sed 's/^/s_/')"
	cat "$P"/*.csv >"$D/source-$N.txt"
	runs "$D/f.t" build/floor "$D/floor-$N.pdf" "$s_pages" "$s_runs" \
		"$s_glyphs" "$D/source-$N.txt" "$FONT"
	read -r fw fc fm <"$D/f.t"
	for tags in on off; do
	for th in 1 2; do
		tpl= pdf=$D/annex-$N-$th.pdf
		if [ $tags = off ]; then
			tpl=$UNTAGGED pdf=$D/annex-$N-$th-untagged.pdf
		fi
		runs "$D/a.t" env ANNEX_THREADS=$th $ANNEX build ${tpl:+-t "$tpl"} -o "$pdf" "$P"
		read -r aw ac am <"$D/a.t"
		size=$(stat -c %s "$pdf")
		pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
		awk -v n="$N" -v th="$th" -v tg="$tags" -v p="${pages:-$s_pages}" \
			-v aw="$aw" -v ac="$ac" \
			-v am="$am" -v sz="$size" -v fw="$fw" 'BEGIN {
			printf "| %7d | %3d | %4s | %6d | %6.2f | %6.2f | %7.3f | %6.1f | %7.1f | %7.1f | %7.2f | %7.2f |\n",
				n, th, tg, p, aw, ac, aw * 1000 / p, sz / 1048576 / aw,
				am / 1024, sz / 1048576, fw, aw / fw }'
	done
	done
	cmp -s "$D/annex-$N-1.pdf" "$D/annex-$N-2.pdf" ||
		echo "bench: N=$N: 1 and 2 threads wrote different PDFs" >&2
done

# The compressors on this document's content streams.
N=$(echo ${BENCH_N:-1000 10000} | tr ' ' '\n' | sort -n | sed -n '$p')
N=$( [ "$N" -gt 10000 ] && echo 10000 || echo "$N")
if /usr/bin/python3 -c 'import pikepdf' 2>/dev/null; then
	echo
	/usr/bin/python3 bench/streams.py "$D/annex-$N-1.pdf" "$D/streams-$N"
	build/deflate "$D/streams-$N"
else
	echo "bench: no python3-pikepdf: the compressor table is skipped" >&2
fi
