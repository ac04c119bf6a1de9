#!/bin/sh
# The plan as one workbook (issue 17): .xlsx and .ods read like the plan
# folder, errors named by sheet and cell.
#
# - tests/workbook/hand.xlsx and hand.ods (XML written by hand,
#   tests/workbook/handmade.py): check passes with exactly the hidden- and
#   unknown-sheet warnings; the PDF shows the cells as the user sees them
#   and nothing hidden (phonetic runs, annotations, a stale merged cell).
# - the same plan broken: a #REF! cell, a formula without a cached value and
#   a reference to a missing programma, each at its sheet!cell, all in one
#   run, and no PDF written.
# - input/ written as .xlsx by openpyxl (tests/workbook/plan2xlsx.py; skipped
#   without python3-openpyxl) and, where LibreOffice is installed, converted
#   to .ods by soffice: the annex and the relazione have the same pdftotext
#   text as from input/; a broken reference names sheet, column and row;
#   documento.ini beside the workbook wins over the documento sheet.
# Env: ANNEX (binary), T (temp dir).  Last line: "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
ANNEX=${ANNEX:-build/asan/annex}
if [ -z "${T:-}" ]; then
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
fi
W=$T/workbook
rm -rf "$W"
mkdir -p "$W"
. tests/e2e/lib.sh
export SOURCE_DATE_EPOCH=1700000000

# --- hand-written fixtures ----------------------------------------------
for ext in xlsx ods; do
	f=tests/workbook/hand.$ext
	if $ANNEX check "$f" >"$W/out" 2>&1 &&
		grep -qF "$f[prospettive]: warning: the sheet is hidden" "$W/out" &&
		grep -qF "$f[Note]: warning: not a table of the plan; ignored" "$W/out" &&
		grep -q "0 errors, 2 warnings" "$W/out"; then
		ok "$ext fixture: check, two warnings"
	else
		ko "$ext fixture: check, two warnings" "$W/out"
	fi
	check "$ext fixture: build" $ANNEX build -o "$W/hand-$ext.pdf" "$f"
	pdftotext -raw "$W/hand-$ext.pdf" - | tr '\n' ' ' | tr -s ' ' >"$W/hand-$ext.txt"
	miss=""
	for s in "011 Competitività delle Imprese" "Imprese Territorio e Consumatori" \
		"1.670.000" "95%" "≥ 90%" "31/12/2021" "Benefici attesi" \
		"Obiettivo operativo" "2 dicembre 2019" "Piano di prova"; do
		grep -qF -- "$s" "$W/hand-$ext.txt" || miss="$miss [$s]"
	done
	for s in HIDDEN stale "a comment"; do
		grep -qF -- "$s" "$W/hand-$ext.txt" && miss="$miss [not: $s]"
	done
	if [ -z "$miss" ]; then ok "$ext fixture: cells as the user sees them"; else
		echo "$miss" >"$W/miss"
		ko "$ext fixture: cells as the user sees them" "$W/miss"
	fi
done

# --- the same plan, broken ---------------------------------------------
python3 tests/workbook/handmade.py "$W" broken
for ext in xlsx ods; do
	f=$W/hand-broken.$ext
	$ANNEX check "$f" >"$W/out" 2>&1
	rc=$?
	if [ $rc -eq 1 ] &&
		grep -qF "$f[indicatori_operativi]!C3: error: the cell shows the error '#REF!'" "$W/out" &&
		grep -qF "$f[indicatori_operativi]!D3: error: a formula without a computed value" "$W/out" &&
		grep -qF "$f[obiettivi_operativi]!B2: error: programma 'P-99' not found in sheet programmi" "$W/out" &&
		grep -q "^annex: 3 errors" "$W/out"; then
		ok "$ext broken: every error at its sheet and cell, in one run"
	else
		ko "$ext broken: every error at its sheet and cell, in one run" "$W/out"
	fi
	$ANNEX build -o "$W/broken.pdf" "$f" >/dev/null 2>&1
	if [ $? -eq 1 ] && [ ! -e "$W/broken.pdf" ]; then ok "$ext broken: no PDF"; else ko "$ext broken: no PDF"; fi
done

# Not a workbook at all.
cp input/missioni.csv "$W/fake.xlsx"
$ANNEX check "$W/fake.xlsx" >"$W/out" 2>&1
if [ $? -eq 1 ] && grep -qF "$W/fake.xlsx: error: not a workbook" "$W/out"; then
	ok "a .xlsx that is no zip: one error"
else
	ko "a .xlsx that is no zip: one error" "$W/out"
fi

# --- the libraries, loaded when first needed (src/data/wblib.c) -----------
# A build never loads them; a workbook command whose library cannot be
# loaded (here a libzip.so.4 that is no library, found first through
# LD_LIBRARY_PATH) ends with the library named, exit 1, nothing left.
mkdir -p "$W/badlib" "$W/nolib"
for so in libzip.so.4 libexpat.so.1 libxlsxwriter.so.4; do
	echo "not a library" >"$W/badlib/$so"
done
if LD_LIBRARY_PATH="$W/badlib" $ANNEX build -o "$W/nolib/a.pdf" input >"$W/out" 2>&1 &&
	[ -s "$W/nolib/a.pdf" ]; then
	ok "a build loads no workbook library"
else
	ko "a build loads no workbook library" "$W/out"
fi
LD_LIBRARY_PATH="$W/badlib" $ANNEX export input "$W/nolib/plan.xlsx" >"$W/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "^annex: error: cannot load [a-z_]* from libxlsxwriter.so.4 (" "$W/out" &&
	[ "$(ls "$W/nolib")" = "a.pdf" ]; then
	ok "a library that does not load: named, exit 1, nothing left"
else
	ko "a library that does not load: named, exit 1, nothing left (exit $rc; $(ls "$W/nolib"))" "$W/out"
fi
LD_LIBRARY_PATH="$W/badlib" $ANNEX check tests/workbook/hand.xlsx >"$W/out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "^annex: error: cannot load [a-z_]* from libzip.so.4 (" "$W/out"; then
	ok "reading a workbook without libzip: named, exit 1"
else
	ko "reading a workbook without libzip: named, exit 1 (exit $rc)" "$W/out"
fi

# --- annex export and annex init -----------------------------------------
$ANNEX build -o "$W/dir.pdf" input >/dev/null 2>&1
$ANNEX build -t templates/relazione.ini -o "$W/dir-rel.pdf" input >/dev/null 2>&1
pdftotext "$W/dir.pdf" "$W/dir.txt"
pdftotext "$W/dir-rel.pdf" "$W/dir-rel.txt"
X=$W/export
mkdir -p "$X"
for e in xlsx ods; do
	check "export input -> .$e" $ANNEX export input "$X/plan.$e"
	cp "$X/plan.$e" "$X/again.$e.ref"
	$ANNEX export input "$X/plan.$e" 2>/dev/null
	if cmp -s "$X/plan.$e" "$X/again.$e.ref"; then ok "export .$e: same bytes twice"; else ko "export .$e: same bytes twice"; fi
	check "export .$e -> folder" $ANNEX export "$X/plan.$e" "$X/back-$e"
	same=1
	for f in input/*.csv input/documento.ini; do
		cmp -s "$f" "$X/back-$e/$(basename "$f")" || { same=0; echo "differs: $f" >>"$X/diff-$e"; }
	done
	if [ $same = 1 ]; then ok "round trip input -> .$e -> folder: the same files"; else ko "round trip input -> .$e -> folder: the same files" "$X/diff-$e"; fi
	$ANNEX build -o "$X/$e.pdf" "$X/plan.$e" >/dev/null 2>&1
	if pdftotext "$X/$e.pdf" - 2>/dev/null | cmp -s - "$W/dir.txt"; then ok "exported .$e builds the same text"; else ko "exported .$e builds the same text"; fi
done
unzip -p "$X/plan.ods" content.xml >"$X/content.xml" 2>/dev/null
unzip -p "$X/plan.ods" settings.xml >"$X/settings.xml" 2>/dev/null
if grep -q '<office:annotation><dc:creator>annex</dc:creator><text:p>crescente (più è meglio' "$X/content.xml" &&
	grep -q 'cell-content-is-in-list(&quot;inserito&quot;;&quot;aggiornato&quot;' "$X/content.xml" &&
	grep -q 'fo:font-weight="bold"' "$X/content.xml" &&
	grep -q 'VerticalSplitPosition" config:type="int">1<' "$X/settings.xml"; then
	ok ".ods: header comments, drop-down lists, bold and frozen header"
else
	ko ".ods: header comments, drop-down lists, bold and frozen header"
fi
$ANNEX export input "$X/plan.pdf" >"$W/out" 2>&1
if [ $? -eq 1 ] && grep -q "exported to a .xlsx or .ods workbook" "$W/out" && [ ! -e "$X/plan.pdf" ]; then
	ok "export to neither workbook nor folder: an error"
else
	ko "export to neither workbook nor folder: an error" "$W/out"
fi
for e in xlsx ods; do
	check "init .$e" $ANNEX init "$X/new.$e"
	$ANNEX check "$X/new.$e" >"$W/out" 2>&1
	if grep -qF "$X/new.$e[documento]!B2: error: empty key 'ente'" "$W/out" &&
		grep -q "^annex: 3 errors, 0 warnings" "$W/out"; then
		ok "init .$e: an empty plan, only documento to fill in"
	else
		ko "init .$e: an empty plan, only documento to fill in" "$W/out"
	fi
	$ANNEX init "$X/new.$e" >"$W/out" 2>&1
	if [ $? -eq 1 ] && grep -q "exists already" "$W/out"; then ok "init .$e never replaces a file"; else ko "init .$e never replaces a file" "$W/out"; fi
done
check "init DIR" $ANNEX init "$X/newdir"
if head -1 "$X/newdir/indicatori_strategici.csv" | grep -q "^codice;obiettivo;descrizione;owner;polarita;peso;tipo_valore;soglia_piena;soglia_parziale;target_2023;target_2024;target_2025$" &&
	grep -q "^; Anno a cui si riferisce il piano" "$X/newdir/documento.ini"; then
	ok "init DIR: headers and documento.ini with its help"
else
	ko "init DIR: headers and documento.ini with its help" "$X/newdir/indicatori_strategici.csv"
fi

# --- input/ written by openpyxl (and LibreOffice) ------------------------
PY=""
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c "import openpyxl" 2>/dev/null; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "skip openpyxl workbooks (python3-openpyxl not installed)"
	finish
	exit $?
fi
check "openpyxl writes input/ as .xlsx" "$PY" tests/workbook/plan2xlsx.py input "$W/plan.xlsx"
books="$W/plan.xlsx"
if command -v soffice >/dev/null 2>&1; then
	if (cd "$W" && HOME=$W timeout 120 soffice --headless --convert-to ods plan.xlsx >/dev/null 2>&1) &&
		[ -s "$W/plan.ods" ]; then
		ok "soffice converts it to .ods"
		books="$books $W/plan.ods"
	else
		ko "soffice converts it to .ods"
	fi
else
	echo "skip LibreOffice conversion (soffice not installed)"
fi

for b in $books; do
	e=${b##*.}
	$ANNEX build -o "$W/$e.pdf" "$b" >/dev/null 2>"$W/$e.err"
	$ANNEX build -t templates/relazione.ini -o "$W/$e-rel.pdf" "$b" >/dev/null 2>>"$W/$e.err"
	pdftotext "$W/$e.pdf" "$W/$e.txt" 2>/dev/null
	pdftotext "$W/$e-rel.pdf" "$W/$e-rel.txt" 2>/dev/null
	# The cover's notice names the plan's own source of the values.
	for f in "$W/dir-rel.txt" "$W/$e-rel.txt"; do
		tr '\n' ' ' <"$f" | sed 's/questa relazione ([^)]*)/questa relazione (SOURCE)/' >"$f.n" && mv "$f.n" "$f"
	done
	if [ -s "$W/dir.txt" ] && cmp -s "$W/dir.txt" "$W/$e.txt"; then
		ok "$e: the annex has the same text as from input/"
	else
		diff "$W/dir.txt" "$W/$e.txt" >"$W/diff" 2>&1
		ko "$e: the annex has the same text as from input/" "$W/diff"
	fi
	if [ -s "$W/dir-rel.txt" ] && cmp -s "$W/dir-rel.txt" "$W/$e-rel.txt" &&
		cmp -s "$W/dir-rel.csv" "$W/$e-rel.csv"; then
		ok "$e: the relazione (PDF text and CSV) is the same as from input/"
	else
		diff "$W/dir-rel.txt" "$W/$e-rel.txt" >"$W/diff" 2>&1
		ko "$e: the relazione (PDF text and CSV) is the same as from input/" "$W/diff"
	fi
	check "$e: pdfa_check" python3 tests/pdfa_check "$W/$e.pdf"
done

# What openpyxl sees in the workbook annex exported.
cat >"$W/look.py" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["indicatori_strategici"]
assert ws.freeze_panes == "A2", ws.freeze_panes
assert ws["A1"].font.b
assert ws["E1"].comment.text.startswith("crescente")
assert ws.column_dimensions["C"].width > 20
dv = [(str(d.sqref), d.formula1) for d in ws.data_validations.dataValidation]
assert ("E2:E1048576", '"crescente,decrescente"') in dv, dv
dv = [d.formula1 for d in wb["modifiche"].data_validations.dataValidation]
assert '"inserito,aggiornato,modificato,eliminato"' in dv, dv
assert wb["missioni"]["A2"].value == "011"
assert wb["obiettivi_strategici"]["A2"].value == 1
assert wb["documento"]["A1"].value == "chiave"
PYEOF
check "openpyxl: frozen bold header, comments, widths, drop-downs, types" "$PY" "$W/look.py" "$W/export/plan.xlsx"

# A broken reference, edited with openpyxl.
cat >"$W/edit.py" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb["obiettivi_operativi"]["B5"] = "P-99"
wb.save(sys.argv[2])
PYEOF
"$PY" "$W/edit.py" "$W/plan.xlsx" "$W/ref.xlsx"
$ANNEX check "$W/ref.xlsx" >"$W/out" 2>&1
if [ $? -eq 1 ] && grep -qF "$W/ref.xlsx[obiettivi_operativi]!B5: error: programma 'P-99' not found in sheet programmi" "$W/out" &&
	grep -q "^annex: 1 error," "$W/out"; then
	ok "broken reference: sheet, column and row"
else
	ko "broken reference: sheet, column and row" "$W/out"
fi

# documento.ini beside the workbook wins, with a warning.
mkdir -p "$W/side"
cp "$W/plan.xlsx" "$W/side/plan.xlsx"
sed 's/^titolo .*/titolo = Titolo dal file ini/' input/documento.ini >"$W/side/documento.ini"
$ANNEX build -o "$W/side.pdf" "$W/side/plan.xlsx" >"$W/out" 2>&1
if grep -qF "$W/side/documento.ini: warning: both this file and the sheet 'documento'" "$W/out" &&
	pdftotext "$W/side.pdf" - | grep -qF "Titolo dal file ini"; then
	ok "documento.ini beside the workbook wins, with a warning"
else
	ko "documento.ini beside the workbook wins, with a warning" "$W/out"
fi
finish
