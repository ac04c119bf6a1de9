#!/bin/sh
# Accessible PDFs (issue 15): every shipped template writes a tagged
# PDF/A-2a + PDF/UA-1 file; tests/pdfua_check and, where ../shared exists,
# the independent pdfua-check pass on it (pdfa_check, which runs
# pdfua_check for level A, checks these files in t_main, t_relazione and
# t_diff); the structure shows the annex's
# tables row by row (pdfinfo -struct-text), a row-span cut by a page break
# is one element with content on two pages; [output] pdfa and ua switch it;
# and the checker fails on files broken on purpose (qpdf --qdf, one thing
# changed, fix-qdf).
# Env: ANNEX (binary), T (temp dir).  Last line: "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
ANNEX=${ANNEX:-build/asan/annex}
if [ -z "${T:-}" ]; then
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
fi
G=$T/tags
mkdir -p "$G"
. tests/e2e/lib.sh
UA=../shared/tools/pdfua-check

for tpl in templates/*.ini; do
	n=$(basename "$tpl" .ini)
	plan=input old=
	[ "$n" = confronto ] && plan=tests/e2e/plans/diff-new old="--old tests/e2e/plans/diff-old"
	# shellcheck disable=SC2086
	$ANNEX build -t "$tpl" $old -o "$G/$n.pdf" $plan 2>/dev/null
	pdfinfo "$G/$n.pdf" 2>/dev/null | grep -q '^Tagged: *yes' &&
		ok "$n: pdfinfo says Tagged: yes" || ko "$n: pdfinfo says Tagged: yes"
	check "$n: tests/pdfua_check" python3 tests/pdfua_check "$G/$n.pdf"
	if [ -x "$UA" ]; then
		check "$n: ../shared/tools/pdfua-check" "$UA" "$G/$n.pdf"
	fi
done

# The annex: the cruscotto's indicators, each with its targets in its own
# row (pdfinfo -struct-text: a TR, its TDs' texts), under TH headers.
pdfinfo -struct-text "$G/all-1.1.pdf" >"$G/struct.txt" 2>&1
awk '
	/^ *TR$/ { row = ""; next }
	/^ *"/ { row = row $0 }
	/^ *(TD|TH)/ { next }
	END { }
	{ if (row ~ /fascicoli d.impresa creati/ && row ~ /"100%"/ && row ~ /S\.Anagrafico Certificativo/) found = 1 }
	END { exit !found }' "$G/struct.txt" &&
	ok "struct-text: an indicator and its targets in one TR" ||
	ko "struct-text: an indicator and its targets in one TR" "$G/struct.txt"
grep -q '^ *Table' "$G/struct.txt" && grep -q '^ *TH' "$G/struct.txt" && grep -q '^ *TD' "$G/struct.txt" &&
	ok "struct-text: Table, TH and TD" || ko "struct-text: Table, TH and TD"
python3 tests/pdfua_check --struct "$G/all-1.1.pdf" >"$G/outline.txt"
grep -q '^ *TD RowSpan=[0-9]* mcid=[0-9]* pages=2' "$G/outline.txt" &&
	ok "a row-span cut by a page break is one TD on two pages" ||
	ko "a row-span cut by a page break is one TD on two pages" "$G/outline.txt"
grep -q '^ *TH Scope=Column' "$G/outline.txt" && grep -q '^ *TH Scope=Row ColSpan=' "$G/outline.txt" &&
	ok "header cells (Scope Column) and bands (Scope Row)" ||
	ko "header cells (Scope Column) and bands (Scope Row)" "$G/outline.txt"

# [output] pdfa and ua.
sed "s|= \.\./fonts|= $(pwd)/fonts|" templates/all-1.1.ini >"$G/u.ini"
printf '\n[output]\npdfa = 2u\nua = no\n' >>"$G/u.ini"
$ANNEX build -t "$G/u.ini" -o "$G/u.pdf" input 2>/dev/null
pdfinfo "$G/u.pdf" 2>/dev/null | grep -q '^Tagged: *no' && ok "pdfa = 2u, ua = no: untagged" || ko "pdfa = 2u, ua = no: untagged"
check "pdfa = 2u: pdfa_check" python3 tests/pdfa_check "$G/u.pdf"
python3 tests/pdfua_check "$G/u.pdf" >"$G/u.out" 2>&1 &&
	ko "pdfua_check fails on an untagged PDF" "$G/u.out" || ok "pdfua_check fails on an untagged PDF"
sed "s|= \.\./fonts|= $(pwd)/fonts|" templates/all-1.1.ini >"$G/a.ini"
printf '\n[output]\npdfa = 2a\nua = no\n' >>"$G/a.ini"
$ANNEX build -t "$G/a.ini" -o "$G/a.pdf" input 2>/dev/null
check "pdfa = 2a, ua = no: pdfa_check (level A)" python3 tests/pdfa_check "$G/a.pdf"
grep -aq 'pdfuaid' "$G/a.pdf" && ko "ua = no: no pdfuaid in the XMP" || ok "ua = no: no pdfuaid in the XMP"

# Broken on purpose: each change must make the checker fail (qdf keeps
# the content streams readable; fix-qdf mends the lengths and offsets).
qpdf --qdf --object-streams=disable "$G/all-1.1.pdf" "$G/q.pdf"
broken() { # NAME CHECK SED-EXPRESSION
	sed -e "$3" "$G/q.pdf" >"$G/b0.pdf"
	fix-qdf "$G/b0.pdf" >"$G/b.pdf" 2>/dev/null
	if cmp -s "$G/q.pdf" "$G/b0.pdf"; then
		ko "broken: $1 (the change did not apply)"
	elif python3 tests/pdfua_check "$G/b.pdf" >"$G/b.out" 2>&1; then
		ko "broken: $1: pdfua_check passes" "$G/b.out"
	elif grep -q "^FAIL $2" "$G/b.out"; then
		ok "broken: $1: FAIL $2"
	else
		ko "broken: $1: FAIL $2" "$G/b.out"
	fi
	rm -f "$G/b0.pdf" "$G/b.pdf" # not PDFs for run.sh's qpdf --check
}
broken "a TH without Scope" tables 's|/Scope /Column|/Scopx /Column|'
broken "text outside marked content" content_marked '0,/^\/H1 <<\/MCID [0-9]*>> BDC$/s||q|'
broken "an MCID not in the parent tree" parent_tree '0,/^\/P <<\/MCID [0-9]*>> BDC$/s||/P <<\/MCID 99999>> BDC|'
broken "no /Lang" catalog 's|/Lang (it-IT)|/Lanx (it-IT)|'
broken "not standard type" standard_types '0,/^ *\/S \/TD$/s|/S /TD|/S /Zd|'
broken "a row-span past the table" tables '0,/\/RowSpan [0-9]/s|/RowSpan [0-9]|/RowSpan 9|'
broken "no DisplayDocTitle" catalog 's|/DisplayDocTitle true|/DisplayDocTitle false|'
rm -f "$G/q.pdf"
finish
