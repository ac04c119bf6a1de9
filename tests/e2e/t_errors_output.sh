#!/bin/sh
# t_errors_output.sh - bad output paths and usage never hurt (issue 5):
# output folders that cannot take the PDF, usage errors (status 2, nothing
# touched) and `annex check` writing nothing at all.
#
# Run by tests/check.sh with ANNEX (the ASan+UBSan binary) and T (a
# temporary folder); alone: ANNEX=build/asan/annex T=$(mktemp -d) sh
# tests/e2e/t_errors_output.sh.  Helpers and run_case: tests/e2e/errors_lib.sh.
set -u
cd "$(dirname "$0")/../.." || exit 1
ERRORS_SUITE=errors_output
. tests/e2e/errors_lib.sh

# --- output folders that cannot take the PDF ----------------------------
echo "# output folders"
# out_case NAME OUT: build into OUT fails with status 1 and a message
# naming OUT, and leaves nothing behind.
out_case() {
	"$ANNEX" build -o "$2" "$BROKEN/base" >"$W/out" 2>&1
	st=$?
	no_sanitizer "$1" "$W/out"
	is "$1: exits 1" 1 "$st" "$W/out"
	has "$1: the message names the output" "$W/out" "$2: error: "
}
out_case "output under a folder that does not exist" "$W/nodir/sub/annex.pdf"
is "output under a missing folder: no folder created" "" \
	"$(ls -d "$W/nodir" 2>/dev/null)"
: >"$W/afile"
out_case "output under a file in place of a folder" "$W/afile/annex.pdf"
is "the file in place of a folder is unchanged" "0" "$(wc -c <"$W/afile")"
mkdir -p "$W/adir.pdf"
out_case "output that is a folder" "$W/adir.pdf"
is "the folder stays empty" "" "$(ls -A "$W/adir.pdf")"
if [ "$(id -u)" -eq 0 ]; then
	echo "skip read-only output folder (root ignores permissions)"
else
	mkdir -p "$W/ro"
	cp "$REF" "$W/ro/annex.pdf"
	chmod 555 "$W/ro"
	out_case "output in a read-only folder" "$W/ro/annex.pdf"
	if cmp -s "$REF" "$W/ro/annex.pdf"; then
		ok "read-only folder: the PDF that was there is unchanged"
	else
		ko "read-only folder: the PDF that was there is unchanged"
	fi
	is "read-only folder: nothing else in it" "annex.pdf" "$(ls -A "$W/ro")"
	chmod 755 "$W/ro"
fi

# --- usage errors: status 2, and nothing touched ------------------------
echo "# usage"
mkdir -p "$W/usage"
cp "$REF" "$W/usage/annex.pdf"
usage_case() { # NAME ARGS...
	n=$1
	shift
	"$ANNEX" "$@" >"$W/out" 2>&1
	st=$?
	no_sanitizer "$n" "$W/out"
	is "$n: exits 2" 2 "$st" "$W/out"
}
usage_case "unknown option" build -x -o "$W/usage/annex.pdf" "$BROKEN/base"
usage_case "-o without a value" build "$BROKEN/base" -o
usage_case "check with -o" check -o "$W/usage/annex.pdf" "$BROKEN/base"
usage_case "two plan folders" build -o "$W/usage/annex.pdf" "$BROKEN/base" input
usage_case "no plan folder" build -o "$W/usage/annex.pdf"
if cmp -s "$REF" "$W/usage/annex.pdf"; then
	ok "usage errors: the PDF that was there is unchanged"
else
	ko "usage errors: the PDF that was there is unchanged"
fi
is "usage errors: nothing else written" "annex.pdf" "$(ls -A "$W/usage")"
"$ANNEX" check "$W/no-such-plan" >"$W/out" 2>&1
is "a plan folder that does not exist: exits 1" 1 $? "$W/out"
has "a plan folder that does not exist: says so" "$W/out" \
	"$W/no-such-plan: error: cannot open the plan folder"

# --- annex check writes nothing -----------------------------------------
echo "# check writes nothing"
mkdir -p "$W/cwd"
listing "$ROOT/input" >"$W/input.before"
(cd "$W/cwd" && "$ANNEX" check -t "$TEMPLATE_DEF" "$ROOT/input") >"$W/out" 2>&1
is "check input: exits 0" 0 $? "$W/out"
is "check input: no file in the current folder (no output/)" "" \
	"$(ls -A "$W/cwd")"
is "check input: the plan folder is unchanged" "" \
	"$(listing "$ROOT/input" | diff "$W/input.before" - | head -3)"
# A template with a BOM is read through a temporary copy: none is left.
printf '\357\273\277[page]\nsize = A4\n' >"$W/bom.ini"
ln -s "$ROOT/fonts" "$T/fonts" 2>/dev/null
(cd "$W/cwd" && "$ANNEX" check -t "$W/bom.ini" "$BROKEN/base") >"$W/out" 2>&1
is "check with a BOM template: exits 0" 0 $? "$W/out"
is "no temporary file left" "" "$(ls -A "$W/tmp")"
is "check with a BOM template: no file in the current folder" "" \
	"$(ls -A "$W/cwd")"


errors_finish
