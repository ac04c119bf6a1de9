#!/bin/sh
# tests/pdfa/run.sh - the PDF/A-2u test: src/render/pdfa.c and the checker
# tests/pdfa_check, on small documents made by tests/pdfa/sample.c and
# tests/pdfa/errors.c.  Run from anywhere; builds into build/pdfa/.
#
#   good    sample + pdfa_prepare: every check passes, pdftotext gives the
#           exact characters, two builds are byte-identical
#   odd     awkward metadata (controls, CR/LF, & < > " ', non-BMP, no
#           dates, no id seed): every check passes
#   errors  pdfa_prepare refuses what it must (errors.c)
#   plain   libharu alone: the checker must fail (ToUnicode, metadata,
#           output intent, /ID, annotation flags, pdftotext warnings)
#   notdef  a glyph the font lacks: only the glyphs check fails
#   tamper  Info /Creator edited after the fact: only info_consistency fails
#
# Prints "ok STEP" / "FAIL STEP: ..." and "pdfa: N passed, M failed"; exit
# status 1 if any step failed.  Needs cc, libhpdf-dev, python3, qpdf
# (with fix-qdf), poppler-utils.

set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/pdfa"
mkdir -p "$out"
cd "$root" || exit 1

CC=${CC:-cc}
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Werror"
CFLAGS="$CFLAGS -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
CFLAGS="$CFLAGS -fno-sanitize-recover=all"
check="$root/tests/pdfa_check"
icc="$root/fonts/sRGB.icc"
fonts="$root/fonts"
pass=0
fail=0

ok() {
	echo "ok $1"
	pass=$((pass + 1))
}
bad() {
	echo "FAIL $1: $2"
	fail=$((fail + 1))
}

# The FAIL lines of a checker report, names only, sorted, space-separated.
failed_checks() {
	sed -n 's/^FAIL \([a-z_]*\):.*/\1/p' "$1" | sort | tr '\n' ' ' |
		sed 's/ $//'
}

if $CC $CFLAGS -o "$out/sample" tests/pdfa/sample.c src/render/pdfa.c \
	-lhpdf -lm 2>"$out/build.log" &&
	$CC $CFLAGS -o "$out/errors" tests/pdfa/errors.c src/render/pdfa.c \
		-lhpdf -lm 2>>"$out/build.log"; then
	ok build
else
	bad build "see $out/build.log"
	echo "pdfa: $pass passed, $fail failed"
	exit 1
fi

export SOURCE_DATE_EPOCH=1609459200

# good: everything passes, text extracts exactly, output is deterministic.
if "$out/sample" "$out/good.pdf" "$fonts" "$icc" &&
	"$out/sample" "$out/good2.pdf" "$fonts" "$icc"; then
	if "$check" "$out/good.pdf" >"$out/good.txt"; then
		ok good
	else
		bad good "$(grep '^FAIL' "$out/good.txt" | head -3)"
	fi
	if cmp -s "$out/good.pdf" "$out/good2.pdf"; then
		ok deterministic
	else
		bad deterministic "two builds of the sample differ"
	fi
	pdftotext -enc UTF-8 "$out/good.pdf" "$out/good.text" 2>"$out/good.err"
	if [ ! -s "$out/good.err" ] &&
		grep -qxF 'Indicatori: ≥ ≤ Σ à è € “ ” – …' "$out/good.text" &&
		grep -qxF 'Città: perché più caffè; 50 % ≥ 40 %' "$out/good.text" &&
		[ "$(grep -cF 'Piano della performance 2021' "$out/good.text")" = 2 ]; then
		ok text
	else
		bad text "pdftotext output differs, see $out/good.text"
	fi
	if [ "$(pdffonts "$out/good.pdf" | awk 'NR > 2 && $(NF-4) == "yes" && $(NF-2) == "yes"' | wc -l)" = 2 ]; then
		ok pdffonts
	else
		bad pdffonts "expected 2 embedded fonts with ToUnicode"
	fi
else
	bad good "sample failed"
fi

# odd metadata, and the refusals.
python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[16:20] = b"GRAY"
open(sys.argv[2], "wb").write(d)
' "$icc" "$out/gray.icc"
if "$out/errors" "$fonts" "$icc" "$out/gray.icc" "$out/odd.pdf" \
	>"$out/errors.txt" 2>&1; then
	ok errors
else
	bad errors "$(grep -v '^ok' "$out/errors.txt" | head -3)"
fi
if [ -f "$out/odd.pdf" ] && "$check" "$out/odd.pdf" >"$out/odd.txt"; then
	ok odd
else
	bad odd "$(grep '^FAIL' "$out/odd.txt" 2>/dev/null | head -3)"
fi

# plain libharu: the checker must fail, on these checks.
want="annotations colour_spaces file_id metadata output_intent pdfa_id pdffonts pdftotext tounicode"
if "$out/sample" "$out/plain.pdf" "$fonts" "$icc" --plain; then
	if "$check" "$out/plain.pdf" >"$out/plain.txt"; then
		bad plain "the checker passed a PDF made without pdfa_prepare"
	else
		got=$(failed_checks "$out/plain.txt")
		missing=""
		for c in $want; do
			case " $got " in
			*" $c "*) ;;
			*) missing="$missing $c" ;;
			esac
		done
		if [ -z "$missing" ]; then
			ok plain
		else
			bad plain "did not fail:$missing (failed: $got)"
		fi
	fi
else
	bad plain "sample --plain failed"
fi

# .notdef: only the glyphs check fails.
if "$out/sample" "$out/notdef.pdf" "$fonts" "$icc" --notdef; then
	"$check" "$out/notdef.pdf" >"$out/notdef.txt"
	got=$(failed_checks "$out/notdef.txt")
	if [ "$got" = glyphs ] && grep -q '\.notdef shown for code(s) 4E2D' "$out/notdef.txt"; then
		ok notdef
	else
		bad notdef "failed checks: '$got', expected 'glyphs' (.notdef 4E2D)"
	fi
else
	bad notdef "sample --notdef failed"
fi

# Info edited behind the metadata's back: only info_consistency fails.
if qpdf --qdf --object-streams=disable "$out/good.pdf" "$out/tamper.qdf" &&
	sed 's|/Creator (annex 0.1)|/Creator (annex 0.2)|' "$out/tamper.qdf" |
	fix-qdf >"$out/tamper2.qdf" &&
	qpdf --object-streams=disable --newline-before-endstream \
		"$out/tamper2.qdf" "$out/tamper.pdf"; then
	"$check" "$out/tamper.pdf" >"$out/tamper.txt"
	got=$(failed_checks "$out/tamper.txt")
	if [ "$got" = info_consistency ]; then
		ok tamper
	else
		bad tamper "failed checks: '$got', expected 'info_consistency'"
	fi
else
	bad tamper "qpdf/fix-qdf failed"
fi

echo "pdfa: $pass passed, $fail failed"
[ "$fail" = 0 ]
