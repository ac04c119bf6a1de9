#!/bin/sh
# t_safety.sh - hostile output paths, inputs, signals and limits (issue 11).
#
# Every check builds into a folder of its own and verifies, besides the
# exit status and the message, that a refused or failed build changed
# nothing: the file that was at the output path survives byte for byte and
# no temporary file is left.
#
# Run by tests/e2e/run.sh with ANNEX (the ASan+UBSan binary) and T; alone:
# ANNEX=build/asan/annex T=$(mktemp -d) sh tests/e2e/t_safety.sh
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
ANNEX=${ANNEX:-build/asan/annex}
case $ANNEX in /*) ;; *) ANNEX=$ROOT/$ANNEX ;; esac
T=${T:-$(mktemp -d)}
W=$T/safety
rm -rf "$W"
mkdir -p "$W"
export ASAN_OPTIONS=detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
. tests/e2e/lib.sh
BASE=$ROOT/tests/e2e/broken/base
REF=$W/ref.pdf

# is NAME EXPECTED ACTUAL [FILE]
is() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1 (got $3)" "${4:-}"; fi; }
# has NAME FILE STRING
has() { if grep -qF -- "$3" "$2"; then ok "$1"; else ko "$1" "$2"; fi; }
# no_temp NAME DIR: no temporary file left in DIR
no_temp() { is "$1: no temporary file left" "" "$(ls -A "$2" | grep '\.tmp' || true)"; }
# one_line NAME FILE: every line of FILE is a message of annex
one_line() {
	is "$1: one message per line" "" \
		"$(grep -v ': error: \|: warning: \|^annex: \|^wrote ' "$2" || true)" "$2"
}

"$ANNEX" build -o "$REF" "$BASE" >"$W/out" 2>&1
is "base plan builds" 0 $? "$W/out"

# A template and fonts of our own, so that they can be targets.
mkdir -p "$W/tpl/t" "$W/tpl/fonts"
cp "$ROOT"/fonts/*.ttf "$ROOT"/fonts/sRGB.icc "$W/tpl/fonts/"
cp "$ROOT/templates/all-1.1.ini" "$W/tpl/t/annex.ini"
mkdir -p "$W/plan" && cp "$BASE"/* "$W/plan/"

# refuse NAME OUT [TEMPLATE]: build -o OUT is refused (exit 1, a message
# naming OUT) and OUT is unchanged.
refuse() {
	name=$1 out=$2 tpl=${3:-$W/tpl/t/annex.ini}
	before=$(cksum <"$out" 2>/dev/null)
	"$ANNEX" build -t "$tpl" -o "$out" "$W/plan" >"$W/out" 2>&1
	st=$?
	is "$name: exits 1" 1 "$st" "$W/out"
	has "$name: the message names the output" "$W/out" "$out: error: "
	is "$name: unchanged" "$before" "$(cksum <"$out" 2>/dev/null)"
	no_temp "$name" "$(dirname "$out")"
}

# --- outputs that are inputs, devices, FIFOs, other files -----------------
echo "# output paths"
refuse "-o a plan CSV" "$W/plan/missioni.csv"
has "-o a plan CSV: says it is an input" "$W/out" "is an input of this build (the plan file"
refuse "-o documento.ini" "$W/plan/documento.ini"
refuse "-o the template" "$W/tpl/t/annex.ini"
has "-o the template: says so" "$W/out" "(the template"
refuse "-o a font" "$W/tpl/fonts/LiberationSans-Bold.ttf"
has "-o a font: says so" "$W/out" "(the font"
refuse "-o the ICC profile" "$W/tpl/fonts/sRGB.icc"
ln -s ../plan/missioni.csv "$W/tpl/link-to-input.out"
refuse "-o a link to an input" "$W/tpl/link-to-input.out"
ln "$W/plan/programmi.csv" "$W/tpl/hardlink.out"
refuse "-o a hard link to an input" "$W/tpl/hardlink.out"
mkfifo "$W/fifo.pdf"
"$ANNEX" build -o "$W/fifo.pdf" "$W/plan" >"$W/out" 2>&1
is "-o a FIFO: exits 1" 1 $? "$W/out"
has "-o a FIFO: says so" "$W/out" "is a FIFO, not a regular file"
is "-o a FIFO: still a FIFO" "yes" "$([ -p "$W/fifo.pdf" ] && echo yes)"
"$ANNEX" build -o /dev/null "$W/plan" >"$W/out" 2>&1
is "-o /dev/null: exits 1" 1 $? "$W/out"
has "-o /dev/null: says it is a device" "$W/out" "/dev/null: error: is a device"
is "-o /dev/null: still a device" "yes" "$([ -c /dev/null ] && echo yes)"

# An existing file that is not a PDF: refused, unless --force.
printf 'my notes\n' >"$W/notes.pdf"
refuse "-o a file that is not a PDF" "$W/notes.pdf"
has "-o a file that is not a PDF: suggests --force" "$W/out" "--force"
"$ANNEX" build --force -o "$W/notes.pdf" "$W/plan" >"$W/out" 2>&1
is "--force replaces it: exits 0" 0 $? "$W/out"
is "--force replaces it: a PDF now" "%PDF-" "$(head -c 5 "$W/notes.pdf")"
refuse "--force never replaces an input" "$W/plan/missioni.csv"

# The relazione's CSV beside the PDF must not be an input either.
"$ANNEX" build -t relazione -o "$W/plan/monitoraggio.pdf" "$W/plan" >"$W/out" 2>&1
is "relazione: CSV beside would be an input: exits 1" 1 $? "$W/out"
has "relazione: the message names the CSV" "$W/out" "$W/plan/monitoraggio.csv: error: is an input"
is "relazione: no PDF written" "" "$(ls "$W/plan" | grep -i pdf || true)"

# A symbolic link is followed: its target is replaced, the link stays.
mkdir -p "$W/link"
cp "$REF" "$W/link/target.pdf"
printf 'old' >>"$W/link/target.pdf"
ln -s target.pdf "$W/link/link.pdf"
"$ANNEX" build -o "$W/link/link.pdf" "$W/plan" >"$W/out" 2>&1
is "-o a symlink: exits 0" 0 $? "$W/out"
is "-o a symlink: the link stays a link" "yes" "$([ -L "$W/link/link.pdf" ] && echo yes)"
if cmp -s "$REF" "$W/link/target.pdf"; then ok "-o a symlink: its target replaced"; else ko "-o a symlink: its target replaced"; fi
no_temp "-o a symlink" "$W/link"

# A name as long as a file name may be: the temporary name stays within
# NAME_MAX too.
long=$(printf '%0251d' 0 | tr 0 a).pdf
"$ANNEX" build -o "$W/$long" "$W/plan" >"$W/out" 2>&1
is "a 255-byte file name: exits 0" 0 $? "$W/out"
is "a 255-byte file name: written" "%PDF-" "$(head -c 5 "$W/$long")"
no_temp "a 255-byte file name" "$W"

# --- inputs: FIFOs never hang, fonts and profiles verified -----------------
echo "# inputs"
mkdir -p "$W/fifoplan" && cp "$BASE"/* "$W/fifoplan/"
rm "$W/fifoplan/missioni.csv" && mkfifo "$W/fifoplan/missioni.csv"
timeout 60 "$ANNEX" check "$W/fifoplan" >"$W/out" 2>&1
is "a FIFO as a CSV: exits 1 (no hang)" 1 $? "$W/out"
has "a FIFO as a CSV: says so" "$W/out" "missioni.csv: error: cannot read: a FIFO, not a regular file"

# tpl_with KEY VALUE: a copy of the template with KEY (section:key) set
# to VALUE, in $W/tpl/t/KEY.ini; line_of FILE KEY: the line that sets it
tpl_with() {
	f=$W/tpl/t/$(echo "$1" | tr ':' '-').ini
	sect=${1%%:*} key=${1#*:}
	if grep -q "^$key *=" "$W/tpl/t/annex.ini"; then
		sed "s|^$key *=.*|$key = $2|" "$W/tpl/t/annex.ini" >"$f"
	else
		{ cat "$W/tpl/t/annex.ini"; printf '\n[%s]\n%s = %s\n' "$sect" "$key" "$2"; } >"$f"
	fi
	echo "$f"
}
line_of() { grep -n "^$2 *=" "$1" | cut -d: -f1; }
mkfifo "$W/tpl/fonts/fifo.ttf"
TPL=$(tpl_with fonts:italic ../fonts/fifo.ttf)
LINE=$(line_of "$TPL" italic)
timeout 60 "$ANNEX" check -t "$TPL" "$W/plan" >"$W/out" 2>&1
is "a FIFO as a font: exits 1 (no hang)" 1 $? "$W/out"
has "a FIFO as a font: at the template line" "$W/out" "$TPL:$LINE: error: fonts:italic = '../fonts/fifo.ttf'"

# A truncated bold font: check and build fail at the template line, once,
# before any layout, and the previous PDF survives.
head -c 60000 "$ROOT/fonts/LiberationSans-Bold.ttf" >"$W/tpl/fonts/cut.ttf"
TPL=$(tpl_with fonts:bold ../fonts/cut.ttf)
LINE=$(line_of "$TPL" bold)
for cmd in check build; do
	mkdir -p "$W/keep" && cp "$REF" "$W/keep/annex.pdf"
	if [ $cmd = check ]; then
		"$ANNEX" check -t "$TPL" "$W/plan" >"$W/out" 2>&1
	else
		"$ANNEX" build -t "$TPL" -o "$W/keep/annex.pdf" "$W/plan" >"$W/out" 2>&1
	fi
	is "truncated bold font: $cmd exits 1" 1 $? "$W/out"
	has "truncated bold font: $cmd: at the template line, in words" "$W/out" \
		"$TPL:$LINE: error: fonts:bold = '../fonts/cut.ttf': $W/tpl/t/../fonts/cut.ttf: truncated or damaged"
	is "truncated bold font: $cmd: one error" 1 "$(grep -c ': error: ' "$W/out")" "$W/out"
	if cmp -s "$REF" "$W/keep/annex.pdf"; then ok "truncated bold font: $cmd: the PDF that was there is unchanged"; else ko "truncated bold font: $cmd: the PDF that was there is unchanged"; fi
	no_temp "truncated bold font: $cmd" "$W/keep"
done
if grep -q "0x[0-9A-F]\{4\}" "$W/out"; then ko "no bare libharu code" "$W/out"; else ok "no bare libharu code"; fi
printf 'not a font at all' >"$W/tpl/fonts/text.ttf"
TPL=$(tpl_with fonts:regular ../fonts/text.ttf)
"$ANNEX" check -t "$TPL" "$W/plan" >"$W/out" 2>&1
is "a text file as a font: check exits 1" 1 $? "$W/out"
has "a text file as a font: says so" "$W/out" "not a TrueType font"

# [output] icc = /etc/passwd: check fails as build does, at the line.
TPL=$(tpl_with output:icc /etc/passwd)
LINE=$(line_of "$TPL" icc)
"$ANNEX" check -t "$TPL" "$W/plan" >"$W/out" 2>&1
is "icc = /etc/passwd: check exits 1" 1 $? "$W/out"
has "icc = /etc/passwd: check: at the template line" "$W/out" "$TPL:$LINE: error: output:icc = '/etc/passwd': /etc/passwd: not an ICC colour profile"
cp "$REF" "$W/keep/annex.pdf"
"$ANNEX" build -t "$TPL" -o "$W/keep/annex.pdf" "$W/plan" >"$W/out" 2>&1
is "icc = /etc/passwd: build exits 1" 1 $? "$W/out"
has "icc = /etc/passwd: build: the same message" "$W/out" "$TPL:$LINE: error: output:icc = '/etc/passwd'"
if cmp -s "$REF" "$W/keep/annex.pdf"; then ok "icc = /etc/passwd: the PDF that was there is unchanged"; else ko "icc = /etc/passwd: the PDF that was there is unchanged"; fi

# A BOM at the start of a row (files joined together) is named.
mkdir -p "$W/bom" && cp "$BASE"/* "$W/bom/"
printf '\357\273\277ZZ;Prospettiva aggiunta\n' >>"$W/bom/prospettive.csv"
"$ANNEX" check "$W/bom" >"$W/out" 2>&1
is "a BOM at the start of a row: check exits 0" 0 $? "$W/out"
has "a BOM at the start of a row: named" "$W/out" "prospettive.csv:4: warning: a byte order mark (U+FEFF"

# SOURCE_DATE_EPOCH out of range or not a number: a warning, ignored, the
# same in check and build.
for v in 99999999999999999999 253402300800 -5 12abc nan; do
	for cmd in check build; do
		if [ $cmd = check ]; then
			SOURCE_DATE_EPOCH=$v "$ANNEX" check "$W/plan" >"$W/out" 2>&1
		else
			SOURCE_DATE_EPOCH=$v "$ANNEX" build -o "$W/sde.pdf" "$W/plan" >"$W/out" 2>&1
		fi
		is "SOURCE_DATE_EPOCH=$v: $cmd exits 0" 0 $? "$W/out"
		has "SOURCE_DATE_EPOCH=$v: $cmd warns" "$W/out" "annex: warning: SOURCE_DATE_EPOCH '$v' is not a number of seconds"
	done
done
SOURCE_DATE_EPOCH=253402300799 "$ANNEX" build -o "$W/sde.pdf" "$W/plan" >"$W/out" 2>&1
is "SOURCE_DATE_EPOCH at the end of year 9999: builds silently" "0 " "$? $(grep warning "$W/out")" "$W/out"

# --- limits: file size, memory ---------------------------------------------
echo "# limits"
GEN=$ROOT/build/genplan
REL=$ROOT/build/annex
[ -x "$GEN" ] && "$GEN" 3000 7 "$W/big" >/dev/null 2>&1
mkdir -p "$W/fsz" && cp "$REF" "$W/fsz/annex.pdf"
(ulimit -f 40; "$ANNEX" build -o "$W/fsz/annex.pdf" "$W/plan") >"$W/out" 2>&1
is "ulimit -f: exits 1 (not killed by SIGXFSZ)" 1 $? "$W/out"
has "ulimit -f: says why" "$W/out" "$W/fsz/annex.pdf: error: cannot write: the file is larger than the size limit"
if cmp -s "$REF" "$W/fsz/annex.pdf"; then ok "ulimit -f: the PDF that was there is unchanged"; else ko "ulimit -f: the PDF that was there is unchanged"; fi
no_temp "ulimit -f" "$W/fsz"
# Out of memory, with the release binary (ASan reserves too much address
# space for ulimit -v) on a plan of 700 pages, which needs about 30 MB.
if [ -x "$REL" ] && [ -d "$W/big" ]; then
	(ulimit -v 15000; "$REL" build -o "$W/fsz/annex.pdf" "$W/big") >"$W/out" 2>&1
	st=$?
	is "out of memory: exits 1, no abort" 1 "$st" "$W/out"
	has "out of memory: says so" "$W/out" "annex: error: out of memory"
	if cmp -s "$REF" "$W/fsz/annex.pdf"; then ok "out of memory: the PDF that was there is unchanged"; else ko "out of memory: the PDF that was there is unchanged"; fi
	no_temp "out of memory" "$W/fsz"
fi

# --- signals ----------------------------------------------------------------
# ANNEX_TEST_PAUSE=layout|save makes annex stop at that point (after the
# first page; after the first block of the temporary file) and say so on
# stderr: the signal is sent after that line, so it arrives there however
# fast the build is.
echo "# signals"
# paused FILE STAGE: wait (up to 60 s) until FILE says annex paused there
paused() {
	i=0
	while [ $i -lt 600 ] && ! grep -q "^annex: test: paused in the $2" "$1"; do
		sleep 0.1; i=$((i + 1))
	done
	grep -q "^annex: test: paused in the $2" "$1"
}
if [ -d "$W/big" ] && [ -x "$REL" ]; then
	mkdir -p "$W/sig"
	for sig in INT TERM HUP; do
		case $sig in
		INT) want=130 said="interrupted (SIGINT)" ;;
		TERM) want=143 said="terminated (SIGTERM)" ;;
		HUP) want=129 said="hung up (SIGHUP)" ;;
		esac
		for when in layout save; do
			cp "$REF" "$W/sig/annex.pdf"
			ANNEX_TEST_PAUSE=$when "$REL" build -o "$W/sig/annex.pdf" "$W/big" >"$W/out" 2>&1 &
			pid=$!
			if paused "$W/out" $when; then ok "SIG$sig during $when: annex reached the $when"; else ko "SIG$sig during $when: annex reached the $when" "$W/out"; fi
			tmps=$(ls "$W/sig" | grep -c '\.tmp')
			case $when in layout) is "SIG$sig during layout: no temporary file yet" 0 "$tmps" ;;
			save) is "SIG$sig during save: the temporary file is there" 1 "$tmps" ;;
			esac
			kill -$sig $pid 2>/dev/null
			wait $pid
			st=$?
			is "SIG$sig during $when: exit status $want" "$want" "$st" "$W/out"
			has "SIG$sig during $when: says so" "$W/out" "annex: $said; nothing half-written is left"
			no_temp "SIG$sig during $when" "$W/sig"
			if cmp -s "$REF" "$W/sig/annex.pdf"; then ok "SIG$sig during $when: the previous PDF is intact"; else ko "SIG$sig during $when: the previous PDF is intact"; fi
		done
	done
	# The release binary starts itself again with glibc's huge pages
	# (main.c, prefer_huge_pages), unless GLIBC_TUNABLES is set.
	for tun in unset empty; do
		if [ $tun = unset ]; then want='GLIBC_TUNABLES=glibc.malloc.hugetlb=1'; set -- env -u GLIBC_TUNABLES
		else want='GLIBC_TUNABLES='; set -- env GLIBC_TUNABLES=
		fi
		ANNEX_TEST_PAUSE=layout "$@" "$REL" build -o "$W/sig/hp.pdf" "$W/big" >"$W/out" 2>&1 &
		pid=$!
		if paused "$W/out" layout && tr '\0' '\n' <"/proc/$pid/environ" | grep -qx "$want"; then
			ok "huge pages, GLIBC_TUNABLES $tun: annex runs with $want"
		else
			ko "huge pages, GLIBC_TUNABLES $tun: annex runs with $want" "$W/out"
		fi
		kill -TERM $pid 2>/dev/null
		wait $pid
	done
	# The heap a build will use is faulted in ahead (util/heap.c): six
	# times the plan's CSV bytes, grown at once when the build starts; a
	# plan below 8 MB of that is left alone.
	"$GEN" 10000 7 "$W/huge" >/dev/null 2>&1
	for plan in huge plan; do
		dir=$W/$plan
		input=$(cat "$dir"/*.csv | wc -c)
		ANNEX_TEST_PAUSE=layout "$REL" build -o "$W/sig/warm.pdf" "$dir" >"$W/out" 2>&1 &
		pid=$!
		heap=0
		if paused "$W/out" layout; then
			range=$(grep -m1 '\[heap\]' "/proc/$pid/maps" | cut -d' ' -f1)
			[ -n "$range" ] && heap=$((0x${range#*-} - 0x${range%-*}))
		fi
		kill -TERM $pid 2>/dev/null
		wait $pid
		want=$((input * 6))
		if [ $plan = huge ]; then
			if [ "${heap:-0}" -ge $want ]; then ok "warmed heap: $heap bytes for $input of CSV"
			else ko "warmed heap: $heap bytes, want at least $want" "$W/out"; fi
		else
			if [ "${heap:-0}" -gt 0 ] && [ "$heap" -lt $((8 << 20)) ]; then ok "a small plan's heap is not warmed ($heap bytes)"
			else ko "a small plan's heap is not warmed ($heap bytes)" "$W/out"; fi
		fi
	done
else
	echo "skip signal tests (build/genplan or build/annex missing)"
fi

finish
