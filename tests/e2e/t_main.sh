#!/bin/sh
# t_main.sh - the default plan as the annex: its text, PDF/A-2u, special
# and missing characters, a plain PDF, a byte-identical rebuild, the basic
# command line, the template reference, the include checker and the PDF/A
# unit suite (tests/pdfa/run.sh).  Run by tests/check.sh with ANNEX and T
# set; alone: ANNEX=build/asan/annex T=$(mktemp -d) sh tests/e2e/t_main.sh.
set -u
cd "$(dirname "$0")/../.."
ANNEX=${ANNEX:-build/asan/annex}
T=${T:-$(mktemp -d)}
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE ANNEX_DATA
. tests/e2e/lib.sh
LAYOUT=../shared/tools/pdf-layout-check

# --- the default plan, the annex ----------------------------------------
check "build input" $ANNEX build -o "$T/all.pdf" input
check "qpdf --check" qpdf --check "$T/all.pdf"
# -raw keeps drawing order, so a cell's lines stay together; join them.
pdftotext -raw "$T/all.pdf" - 2>"$T/pdftotext.err" | tr '\n' ' ' | tr -s ' ' >"$T/all.txt"
for s in "Cruscotto Strategico 2021 2022" "All. 1.1 D GC n. 27.07.2021" "011 Competitività delle Imprese" \
	"1. Semplificazione Amministrativa e Digitalizzazione delle Imprese" \
	"≥ 90%" "≥= 80%" "x ≤ x-1" "ITP < -15" "Σ" "Pagina 1 di" \
	"deliberazione della Giunta camerale n. 129 del 2 dicembre 2019" \
	"deliberazione della Giunta camerale del 31 gennaio 2019" \
	"Imprese Territorio e Consumatori" "Processi Interni"; do
	if grep -qF -- "$s" "$T/all.txt"; then ok "text: $s"; else ko "text: $s"; fi
done
if grep -q "n\.  del\|n\. del" "$T/all.txt"; then ko "no 'n. del' left by an empty number"; else ok "no 'n. del' left by an empty number"; fi
if [ -x "$LAYOUT" ]; then
	check "pdf-layout-check annex" "$LAYOUT" "$T/all.pdf" --expect-dir input --skip-file monitoraggio.csv
else
	echo "skip pdf-layout-check (../shared/tools not present)"
fi

# --- PDF/A-2u: every PDF the tests write is checked -----------------------
check "pdfa_check annex" python3 tests/pdfa_check "$T/all.pdf"
if [ -s "$T/pdftotext.err" ]; then ko "pdftotext silent"; cat "$T/pdftotext.err" | head -3; else ok "pdftotext silent"; fi
# Special characters copy out of the PDF exactly.
mkdir -p "$T/chars" && cp input/* "$T/chars/"
sed -i 's/^011;.*/011;Prova ≥ ≤ Σ à è € “virgolette” – … ° fine/' "$T/chars/missioni.csv"
$ANNEX build -o "$T/chars.pdf" "$T/chars" 2>/dev/null
if pdftotext "$T/chars.pdf" - 2>"$T/chars.err" | grep -qF "011 Prova ≥ ≤ Σ à è € “virgolette” – … ° fine" && [ ! -s "$T/chars.err" ]; then
	ok "≥ ≤ Σ à è € “ ” – … ° copy out exactly"
else
	ko "≥ ≤ Σ à è € “ ” – … ° copy out exactly" "$T/chars.err"
fi
check "pdfa_check special characters" python3 tests/pdfa_check "$T/chars.pdf"

# A character the fonts lack: a warning at its place in the plan (by check
# and by build), a white square in the PDF, still PDF/A.
mkdir -p "$T/emoji" && cp input/* "$T/emoji/"
sed -i '2s/S.Anagrafico Certificativo/S.Anagrafico 😀 Certificativo 中/' "$T/emoji/indicatori_strategici.csv"
for cmd in check build; do
	if [ $cmd = build ]; then $ANNEX build -o "$T/emoji.pdf" "$T/emoji" 2>"$T/emoji.err"; else $ANNEX check "$T/emoji" 2>"$T/emoji.err"; fi
	if grep -q "emoji/indicatori_strategici.csv:2: warning: owner: character U+1F600" "$T/emoji.err" &&
		grep -q "emoji/indicatori_strategici.csv:2: warning: owner: character U+4E2D" "$T/emoji.err" &&
		[ "$(grep -c 'U+4E2D' "$T/emoji.err")" -eq 1 ]; then
		ok "$cmd: missing glyphs warned once, with file:line"
	else
		ko "$cmd: missing glyphs warned once, with file:line" "$T/emoji.err"
	fi
done
pdftotext -raw "$T/emoji.pdf" - 2>/dev/null | tr "\n" " " | grep -q "S.Anagrafico □ Certificativo □" &&
	ok "missing glyphs print as white squares" || ko "missing glyphs print as white squares"
check "pdfa_check with missing glyphs" python3 tests/pdfa_check "$T/emoji.pdf"

# --- a plain PDF (pdfa = none): still a correct ToUnicode and UTF-8 Info ---
sed "s|= \.\./fonts|= $(pwd)/fonts|" templates/all-1.1.ini >"$T/plain.ini"
printf '\n[output]\npdfa = none\n' >>"$T/plain.ini"
mkdir -p "$T/plain" && cp input/* "$T/plain/"
sed -i 's/^titolo .*/titolo = Attività ≥ 2021/' "$T/plain/documento.ini"
$ANNEX build -t "$T/plain.ini" -o "$T/plain.pdf" "$T/plain" 2>/dev/null
pdfinfo "$T/plain.pdf" 2>/dev/null | grep -q "^Title: *Attività ≥ 2021$" &&
	ok "plain PDF: UTF-8 title in Info" || ko "plain PDF: UTF-8 title in Info"
pdftotext "$T/plain.pdf" /dev/null 2>"$T/plain.err"
[ -s "$T/plain.err" ] && ko "plain PDF: pdftotext silent" "$T/plain.err" || ok "plain PDF: pdftotext silent"
python3 tests/pdfa_check "$T/plain.pdf" >/dev/null 2>&1 &&
	ko "plain PDF is not claimed to be PDF/A" || ok "plain PDF is not claimed to be PDF/A"

# --- determinism --------------------------------------------------------
SOURCE_DATE_EPOCH=1627344000 $ANNEX build -o "$T/d1.pdf" input 2>/dev/null
SOURCE_DATE_EPOCH=1627344000 $ANNEX build -o "$T/d2.pdf" input 2>/dev/null
check "byte-identical rebuild" cmp "$T/d1.pdf" "$T/d2.pdf"

# --- command line -------------------------------------------------------
$ANNEX --version >"$T/out" 2>&1 && ok "--version" || ko "--version" "$T/out"
$ANNEX --help >"$T/out" 2>&1 && grep -q "usage: annex build" "$T/out" && ok "--help" || ko "--help" "$T/out"
$ANNEX frobnicate input >"$T/out" 2>&1; [ $? -eq 2 ] && ok "unknown command exits 2" || ko "unknown command exits 2" "$T/out"
$ANNEX build >"$T/out" 2>&1; [ $? -eq 2 ] && ok "missing plan folder exits 2" || ko "missing plan folder exits 2" "$T/out"
$ANNEX check input >"$T/out" 2>&1; [ $? -eq 0 ] && ok "check input exits 0" || ko "check input exits 0" "$T/out"
# The template reference: every key, and the README's copy is current.
$ANNEX --list-keys >"$T/keys" 2>&1 && grep -q "^page:margin_top = 16mm$" "$T/keys" &&
	ok "--list-keys lists the template keys" || ko "--list-keys lists the template keys" "$T/keys"
check "README template reference is annex template-keys (make readme-keys)" \
	sh scripts/readme-keys.sh --check $ANNEX

# --- the include checker fails on an upward include and on a cycle ------
mkdir -p "$T/inc" && cp -r src "$T/inc/"
check "include graph of src/ is clean" python3 scripts/check-includes.py "$T/inc"
echo '#include "../reports/report.h"' >>"$T/inc/src/layout/font.h"
python3 scripts/check-includes.py "$T/inc" >"$T/inc.out" 2>&1 &&
	ko "an upward include (layout -> reports) is refused" ||
	{ grep -q "src/layout/font.h:.*from reports/ above it" "$T/inc.out" &&
		grep -q "include cycle" "$T/inc.out" &&
		ok "an upward include (layout -> reports) and its cycle are refused" ||
		ko "an upward include (layout -> reports) and its cycle are refused" "$T/inc.out"; }

# --- the PDF/A unit suite (pdfa.c on small documents) ---------------------
if sh tests/pdfa/run.sh >"$T/pdfa.out" 2>&1; then ok "tests/pdfa/run.sh"; else ko "tests/pdfa/run.sh" "$T/pdfa.out"; fi

finish
