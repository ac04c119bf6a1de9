# errors_lib.sh - what the three t_errors_*.sh suites share (issue 5: bad
# input never hurts): the counting with TODO cases, the helpers, the
# reference PDF built from tests/e2e/broken/base and run_case, which runs
# one broken plan of tests/e2e/broken/ (see its README.md) through `annex
# check` and `annex build`: the exit status, the exact file:line of each
# message, the number of errors (one defect gives one error: no cascade),
# that a failed build leaves no file behind and that a PDF which existed
# before survives byte for byte.
#
# A suite sets ERRORS_SUITE (its working folder below T) and sources this
# file from the repository's root; each check prints "ok   NAME",
# "FAIL NAME" or "todo NAME" (a check waiting for a change elsewhere, not
# counted); the suite ends with errors_finish.
ROOT=$(pwd)
ANNEX=${ANNEX:-build/asan/annex}
case $ANNEX in /*) ;; *) ANNEX=$ROOT/$ANNEX ;; esac
T=${T:-$(mktemp -d)}
W=$T/${ERRORS_SUITE:-errors}
rm -rf "$W"
mkdir -p "$W/tmp"
BROKEN=$ROOT/tests/e2e/broken
TEMPLATE_DEF=$ROOT/templates/all-1.1.ini
# A sanitizer report must not pass for an input error (both exit 1).
export ASAN_OPTIONS=detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
# ini.c writes temporary copies here: none may be left.
export TMPDIR=$W/tmp

pass=0
fail=0
todo_list=''
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
ko() {
	# A check named in the case's TODO list is waiting for a change
	# elsewhere: reported, not counted.
	if [ -n "$todo_list" ] && printf '%s\n' "$todo_list" |
		while IFS= read -r pat; do
			[ -n "$pat" ] && case $1 in *"$pat"*) exit 0 ;; esac
		done; then
		printf 'todo %s\n' "$1"
	else
		fail=$((fail + 1))
		printf 'FAIL %s\n' "$1"
	fi
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/     /' "$2" | head -15
	return 0
}
# is NAME EXPECTED ACTUAL [FILE]
is() { if [ "$2" = "$3" ]; then ok "$1"; else ko "$1 (got $3)" "${4:-}"; fi; }
# has NAME FILE STRING: FILE contains STRING
has() { if grep -qF -- "$3" "$2"; then ok "$1"; else ko "$1" "$2"; fi; }
# no_sanitizer NAME FILE
no_sanitizer() {
	if grep -q "Sanitizer\|runtime error:" "$2"; then
		ko "$1: no sanitizer report" "$2"
	fi
}
# each_line STRING...: the lines of a multi-line string, one per call of
# the function given first.
each_line() {
	fn=$1
	printf '%s\n' "$2" | while IFS= read -r l; do
		[ -n "$l" ] && printf '%s\n' "$l"
	done >"$W/lines"
	while IFS= read -r l; do "$fn" "$l"; done <"$W/lines"
}
errors_in() { grep -c ': error: ' "$1"; }
# listing DIR: every file below DIR with its size and checksum
listing() { (cd "$1" && find . -print | sort | while IFS= read -r f; do
	if [ -f "$f" ]; then echo "$f $(cksum <"$f")"; else echo "$f"; fi
done); }

# --- the reference: base/ builds, and gives the PDF that must survive ----
REF=$W/ref.pdf
"$ANNEX" build -o "$REF" "$BROKEN/base" >"$W/out" 2>&1
is "base plan builds" 0 $? "$W/out"
"$ANNEX" check "$BROKEN/base" >"$W/out" 2>&1
is "base plan checks without a message" "0 0" "$? $(wc -l <"$W/out")" "$W/out"
[ -f "$REF" ] || { echo "0 passed, 1 failed"; exit 1; }

# --- one broken plan ----------------------------------------------------
run_case() {
	dir=$1
	name=$(basename "$dir")
	C=$W/$name
	WHAT='' STATUS=1 EXPECT='' ERRORS='' TEXT='' TEMPLATE='' REMOVE=''
	TODO=''
	unset -f setup 2>/dev/null
	. "$dir/case.sh"
	todo_list=$TODO
	echo "# $name: $WHAT"

	# Assemble: base/, the case's files over it, REMOVE, setup().
	mkdir -p "$C/plan" "$C/tpl" "$C/empty"
	cp "$BROKEN/base/"* "$C/plan/"
	for f in "$dir"/*; do
		b=$(basename "$f")
		case $b in case.sh | "$TEMPLATE") ;; *) cp "$f" "$C/plan/" ;; esac
	done
	for f in $REMOVE; do rm -f "$C/plan/$f"; done
	TPL=$TEMPLATE_DEF
	if [ -n "$TEMPLATE" ]; then
		TPL=$C/tpl/$TEMPLATE
		[ -f "$dir/$TEMPLATE" ] && cp "$dir/$TEMPLATE" "$TPL"
		ln -s "$ROOT/fonts" "$C/fonts"
	fi
	if command -v setup >/dev/null 2>&1; then
		(cd "$C/plan" && TPL=$TPL setup)
	fi
	listing "$C/plan" >"$C/plan.before"

	# annex check
	(cd "$C/empty" && "$ANNEX" check -t "$TPL" "$C/plan") >"$C/check.out" 2>&1
	st=$?
	no_sanitizer "$name: check" "$C/check.out"
	is "$name: check: exits $STATUS" "$STATUS" "$st" "$C/check.out"
	check_msg() { has "$name: check: message $1" "$C/check.out" "$1"; }
	each_line check_msg "$EXPECT"
	[ -n "$ERRORS" ] && is "$name: check: $ERRORS error(s), no other error" \
		"$ERRORS" "$(errors_in "$C/check.out")" "$C/check.out"
	is "$name: check writes nothing" "" "$(ls -A "$C/empty")"
	is "$name: check: every line is a message of annex" "" \
		"$(grep -v ': error: \|: warning: \|^annex: ' "$C/check.out")" \
		"$C/check.out"

	# annex build into an empty folder
	mkdir -p "$C/out"
	(cd "$C/empty" && "$ANNEX" build -t "$TPL" -o "$C/out/new.pdf" "$C/plan") \
		>"$C/build.out" 2>&1
	st=$?
	no_sanitizer "$name: build" "$C/build.out"
	is "$name: build: exits $STATUS" "$STATUS" "$st" "$C/build.out"
	build_msg() { has "$name: build: message $1" "$C/build.out" "$1"; }
	each_line build_msg "$EXPECT"
	[ -n "$ERRORS" ] && is "$name: build: $ERRORS error(s), no other error" \
		"$ERRORS" "$(errors_in "$C/build.out")" "$C/build.out"
	# check and build agree: every error that fails build, check
	# reports too, at the same file:line.
	if [ "$st" -ne 0 ]; then
		grep ': error: ' "$C/build.out" | sort -u >"$C/build.err"
		grep ': error: ' "$C/check.out" | sort -u >"$C/check.err"
		if [ -s "$C/build.err" ] &&
			[ -z "$(comm -23 "$C/build.err" "$C/check.err")" ]; then
			ok "$name: check fails where build fails"
		else
			ko "$name: check fails where build fails" "$C/build.err"
		fi
	fi
	if [ "$STATUS" -eq 0 ]; then
		is "$name: build: the PDF is there" "new.pdf" "$(ls -A "$C/out")"
		if qpdf --check "$C/out/new.pdf" >"$C/qpdf.out" 2>&1; then
			ok "$name: qpdf --check"
		else
			ko "$name: qpdf --check" "$C/qpdf.out"
		fi
		pdftotext -raw "$C/out/new.pdf" - 2>/dev/null |
			tr '\n' ' ' | tr -s ' ' >"$C/pdf.txt"
		text_has() { has "$name: text in the PDF: $1" "$C/pdf.txt" "$1"; }
		each_line text_has "$TEXT"
	else
		is "$name: build: no file appeared" "" "$(ls -A "$C/out")"
		# A PDF from yesterday survives, byte for byte.
		mkdir -p "$C/keep"
		cp "$REF" "$C/keep/annex.pdf"
		(cd "$C/empty" && "$ANNEX" build -t "$TPL" -o "$C/keep/annex.pdf" \
			"$C/plan") >"$C/keep.out" 2>&1
		st=$?
		no_sanitizer "$name: rebuild" "$C/keep.out"
		is "$name: rebuild over a PDF: exits $STATUS" "$STATUS" "$st" \
			"$C/keep.out"
		if cmp -s "$REF" "$C/keep/annex.pdf"; then
			ok "$name: the PDF that was there is unchanged"
		else
			ko "$name: the PDF that was there is unchanged"
		fi
		is "$name: nothing else next to it" "annex.pdf" "$(ls -A "$C/keep")"
	fi
	is "$name: the plan folder is unchanged" "" \
		"$(listing "$C/plan" | diff "$C/plan.before" - | head -3)"
	is "$name: build writes nothing else" "" "$(ls -A "$C/empty")"
	todo_list=''
	# Drop the big generated files at once.
	rm -rf "$C/plan" "$C/out" "$C/keep"
}


# broken_cases own|plan: the case folders whose case.sh brings its own
# template (TEMPLATE=), or the others.
broken_cases() {
	for d in "$BROKEN"/*/; do
		d=${d%/}
		[ -f "$d/case.sh" ] || continue
		if grep -q '^TEMPLATE=' "$d/case.sh"; then k=own; else k=plan; fi
		[ "$k" = "$1" ] && echo "$d"
	done
}

errors_finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
