#!/bin/sh
# A rolling update: annex diff between the two plan versions of
# tests/e2e/plans/diff-old and diff-new (one of every kind of change), the
# rows it prints (compared with diff-expected.csv), --write and the round
# trip (a second diff finds nothing), the annex built from the written
# plan (removed records struck, amendments, register), annex amend, and
# check --since.  Also: usage errors, a Windows-1252 file written back in
# Windows-1252, CRLF kept, no temporary file left.
# Env: ANNEX (binary), T (temp dir).  Last line: "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
ANNEX=${ANNEX:-build/asan/annex}
if [ -z "${T:-}" ]; then
	T=$(mktemp -d)
	trap 'rm -rf "$T"' EXIT
fi
. tests/e2e/lib.sh
D=$T/diff
mkdir -p "$D"
OLD=tests/e2e/plans/diff-old
NEW=tests/e2e/plans/diff-new
DELIB="--numero 12 --data 2021-07-27 --contesto rolling\ annuale"

# status OUTFILE EXPECTED NAME COMMAND...: the command's exit status.
status() {
	_out=$1 _want=$2 _name=$3
	shift 3
	"$@" >"$_out" 2>"$_out.err"
	_rc=$?
	if [ "$_rc" -eq "$_want" ]; then ok "$_name (exit $_want)"; else ko "$_name (exit $_rc, not $_want)" "$_out.err"; fi
}

# --- the rows -----------------------------------------------------------
status "$D/rows.csv" 3 "diff finds the changes" \
	$ANNEX diff --numero 12 --data 2021-07-27 --contesto "rolling annuale" $OLD $NEW
if cmp -s "$D/rows.csv" tests/e2e/plans/diff-expected.csv; then
	ok "rows as expected (diff-expected.csv)"
else
	ko "rows as expected (diff-expected.csv)" "$D/rows.csv"
	diff tests/e2e/plans/diff-expected.csv "$D/rows.csv" | head -20
fi
for s in "IS-1.1;aggiornato;2021-07-27;Giunta camerale;12;rolling annuale;\"Target 2021: da ≥90% a ≥95%;" \
	"IS-2.9;aggiornato;2021-07-27;Giunta camerale;12;rolling annuale;Codice modificato: da IS-2.3 a IS-2.9" \
	"OO-1.1.2;aggiornato;2021-07-27;Giunta camerale;12;rolling annuale;Spostato dal programma P-1.1 al P-1.2" \
	"P-3.1;eliminato;2021-07-27;Giunta camerale;12;rolling annuale;Eliminati con esso: OO-3.1.1, IO-3.1.1.1, IO-3.1.1.2"; do
	grep -qF -- "$s" "$D/rows.csv" && ok "row: $(echo "$s" | cut -c1-50)" || ko "row: $s" "$D/rows.csv"
done
grep -q "^IS-2.3\|^IS-3.2\|^OO-3.1.1;\|^IO-3.1.1" "$D/rows.csv" &&
	ko "no row for a rename's old code, a record removed earlier, or children removed with their parent" ||
	ok "no row for a rename's old code, a record removed earlier, or children removed with their parent"
status "$D/same.csv" 0 "diff of a plan with itself" $ANNEX diff $NEW $NEW
[ -s "$D/same.csv" ] && ko "diff of a plan with itself prints nothing" "$D/same.csv" || ok "diff of a plan with itself prints nothing"

# --- usage and input errors -----------------------------------------------
status "$D/u" 2 "one plan folder" $ANNEX diff $OLD
status "$D/u" 2 "three plan folders" $ANNEX diff $OLD $NEW $NEW
status "$D/u" 2 "unknown option" $ANNEX diff --frobnicate $OLD $NEW
status "$D/u" 2 "option without its value" $ANNEX diff $OLD $NEW --numero
status "$D/u" 1 "a bad --data" $ANNEX diff --data 2021-13-01 $OLD $NEW
status "$D/u" 1 "a missing plan folder" $ANNEX diff $OLD "$D/none"
status "$D/u" 2 "amend without --numero" $ANNEX amend --data 2021-07-27 $NEW
status "$D/u" 0 "diff --help" $ANNEX diff --help

# --- --write: a draft (no number) ------------------------------------------
W=$D/draft
cp -r $NEW "$W"
status "$D/w1" 3 "diff --write" $ANNEX diff --write --data 2021-07-27 --contesto "rolling annuale" $OLD "$W"
status "$D/w2" 0 "a second diff finds nothing" $ANNEX diff --data 2021-07-27 $OLD "$W"
[ -s "$D/w2" ] && ko "a second diff prints nothing" "$D/w2" || ok "a second diff prints nothing"
status "$D/w2b" 0 "a second diff without --data finds nothing" $ANNEX diff $OLD "$W"
cp -r "$W" "$D/draft-copy"
status "$D/w3" 0 "a second diff --write" $ANNEX diff --write $OLD "$W"
diff -r "$W" "$D/draft-copy" >/dev/null && ok "a second --write changes nothing" || ko "a second --write changes nothing"
[ "$(ls "$W" | grep -c tmp)" -eq 0 ] && ok "no temporary file left" || ko "no temporary file left"
grep -q "^stato = bozza" "$W/documento.ini" && ok "draft: stato = bozza" || ko "draft: stato = bozza" "$W/documento.ini"
[ "$(grep -c ';aggiornato;2021-07-27;Giunta camerale;;rolling annuale;\|;inserito;2021-07-27;Giunta camerale;;rolling annuale;\|;eliminato;2021-07-27;Giunta camerale;;rolling annuale;' "$W/modifiche.csv")" -eq 16 ] &&
	ok "16 pending rows appended" || ko "16 pending rows appended" "$W/modifiche.csv"
# Removed records are back, with their old content, where they were.
sed -n 7p "$W/indicatori_strategici.csv" | grep -q "^IS-2.2;2;Imprese coinvolte in iniziative di orientamento al lavoro;S.Promozione;;;50;60;70;$" &&
	ok "IS-2.2 back in place, with the new file's columns" || ko "IS-2.2 back in place" "$W/indicatori_strategici.csv"
grep -q "^OO-3.1.1;P-3.1;Controlli sui giocattoli" "$W/obiettivi_operativi.csv" && grep -q "^IO-3.1.1.2;OO-3.1.1;" "$W/indicatori_operativi.csv" &&
	ok "the removed programme's children are back" || ko "the removed programme's children are back"
[ "$(grep -c "$(printf '\r$')" "$W/programmi.csv")" -eq 4 ] && ok "CRLF file keeps CRLF" || ko "CRLF file keeps CRLF" "$W/programmi.csv"

# The annex of the written plan prints what the real one does.
check "build the written plan" $ANNEX build -o "$D/draft.pdf" "$W"
pdftotext -raw "$D/draft.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$D/draft.txt"
# It is a draft (stato = bozza): pending numbers print as "n. ____" and
# every page says BOZZA (issue 13).
for s in "Eliminato in sede di rolling annuale con deliberazione della Giunta camerale n. ____ del 27 luglio 2021" \
	"Inserito in sede di rolling annuale con deliberazione della Giunta camerale n. ____ del 27 luglio 2021" \
	"BOZZA" \
	"Imprese coinvolte in iniziative di orientamento al lavoro" "Vigilanza sui prodotti" \
	"REGISTRO DELLE MODIFICHE" "Spostato dal programma P-1.1 al P-1.2"; do
	grep -qF -- "$s" "$D/draft.txt" && ok "annex: $s" || ko "annex: $s"
done
check "pdfa_check written plan" python3 tests/pdfa_check "$D/draft.pdf"

# --- annex amend ----------------------------------------------------------
status "$D/a1" 0 "amend" $ANNEX amend --numero 45 --data 2021-07-27 "$W"
grep -q "16 pending amendments" "$D/a1" && ok "amend numbers the 16 pending rows" || ko "amend numbers the 16 pending rows" "$D/a1"
[ "$(grep -c ';2021-07-27;Giunta camerale;45;rolling annuale;' "$W/modifiche.csv")" -eq 16 ] &&
	ok "amend: number and date in every pending row" || ko "amend: number and date in every pending row" "$W/modifiche.csv"
grep -q "^IS-1.1;aggiornato;2020-12-10;Giunta camerale;95;" "$W/modifiche.csv" && ok "amend leaves numbered rows alone" || ko "amend leaves numbered rows alone"
grep -q "stato" "$W/documento.ini" && ko "amend clears stato" "$W/documento.ini" || ok "amend clears stato"
grep -q "^delibera_numero = 45" "$W/documento.ini" && ok "amend fills delibera_numero" || ko "amend fills delibera_numero" "$W/documento.ini"
status "$D/a2" 0 "diff with the deliberation finds nothing" $ANNEX diff --numero 45 --data 2021-07-27 $OLD "$W"
status "$D/a3" 0 "amend with nothing pending" $ANNEX amend --numero 45 --data 2021-07-27 "$W"
status "$D/a4" 0 "check --since after the update" $ANNEX check --since $OLD "$W"
grep -q "since\|no longer" "$D/a4.err" && ko "check --since: nothing to warn about" "$D/a4.err" || ok "check --since: nothing to warn about"

# --- --write with the deliberation ------------------------------------------
N=$D/numbered
cp -r $NEW "$N"
status "$D/n1" 3 "diff --write --numero" $ANNEX diff --write --numero 12 --data 2021-07-27 $OLD "$N"
grep -q stato "$N/documento.ini" && ko "numbered: no stato" || ok "numbered: no stato"
status "$D/n2" 0 "numbered: a second diff finds nothing" $ANNEX diff --numero 12 --data 2021-07-27 $OLD "$N"
status "$D/n3" 3 "another deliberation still finds the changes" $ANNEX diff --numero 13 --data 2021-09-30 $OLD "$N"

# --- check --since ----------------------------------------------------------
status "$D/s" 0 "check --since before the update" $ANNEX check --since $OLD $NEW
[ "$(grep -c ': warning: .* since \|is no longer in' "$D/s.err")" -eq 16 ] && ok "check --since: 16 warnings" || ko "check --since: 16 warnings" "$D/s.err"
for s in "diff-new/indicatori_strategici.csv:2: warning: 'IS-1.1' changed since $OLD (Target 2021: da ≥90% a ≥95%;" \
	"diff-old/programmi.csv:4: warning: 'P-3.1' is no longer in $NEW" \
	"diff-new/indicatori_strategici.csv:5: warning: 'IS-1.4' is new since"; do
	grep -qF -- "$s" "$D/s.err" && ok "check --since: $(echo "$s" | cut -c1-60)" || ko "check --since: $s" "$D/s.err"
done
status "$D/u" 1 "check --since a missing folder" $ANNEX check --since "$D/none" $NEW

# --- a Windows-1252 file gets Windows-1252 rows -------------------------------
C=$D/cp1252
cp -r $NEW "$C"
# (an accented letter makes it Windows-1252 rather than ASCII)
sed 's/titolare effettivo/titolare effettivo (società)/' $NEW/obiettivi_operativi.csv | iconv -f UTF-8 -t CP1252 >"$C/obiettivi_operativi.csv"
status "$D/c1" 3 "diff --write into a Windows-1252 file" $ANNEX diff --write --numero 12 --data 2021-07-27 $OLD "$C"
if iconv -f CP1252 -t UTF-8 "$C/obiettivi_operativi.csv" 2>/dev/null | grep -q "^OO-3.1.1;P-3.1;Controlli sui giocattoli e sui prodotti elettrici;5.000$" &&
	! iconv -f UTF-8 -t UTF-8 "$C/obiettivi_operativi.csv" >/dev/null 2>&1; then
	ok "removed record written back in Windows-1252"
else
	ko "removed record written back in Windows-1252"
fi
status "$D/c2" 0 "Windows-1252: a second diff finds nothing" $ANNEX diff --numero 12 --data 2021-07-27 $OLD "$C"
# A note Windows-1252 cannot hold (≥): an error, and no file is touched.
C2=$D/cp1252-bad
cp -r $NEW "$C2"
sed 's/rolling annuale/rolling annuale (è)/' $NEW/modifiche.csv | iconv -f UTF-8 -t CP1252 >"$C2/modifiche.csv"
cp -r "$C2" "$D/cp1252-bad-copy"
status "$D/c3" 1 "a character Windows-1252 lacks" $ANNEX diff --write --numero 12 --data 2021-07-27 $OLD "$C2"
grep -q "modifiche.csv: error: the file is Windows-1252" "$D/c3.err" && ok "... is reported" || ko "... is reported" "$D/c3.err"
diff -r "$C2" "$D/cp1252-bad-copy" >/dev/null && ok "... and no file changed" || ko "... and no file changed"

# --- the comparison for the Giunta (Prospetto delle modifiche) ---------------
check "build -t confronto --old" env SOURCE_DATE_EPOCH=1627344000 $ANNEX build -t confronto --old $OLD -o "$D/cf.pdf" $NEW
check "confronto: qpdf --check" qpdf --check "$D/cf.pdf"
check "confronto: pdfa_check" python3 tests/pdfa_check "$D/cf.pdf"
pdftotext -raw "$D/cf.pdf" - 2>"$D/cf.err" | tr '\n' ' ' | tr -s ' ' >"$D/cf.txt"
[ -s "$D/cf.err" ] && ko "confronto: pdftotext silent" "$D/cf.err" || ok "confronto: pdftotext silent"
for s in "Prospetto delle modifiche" "Elementi modificati: 16 (inseriti 2, eliminati 2, aggiornati 11, codici modificati 1)" \
	"Missioni e prospettive" "Obiettivo strategico 2. Sostegno alla competitività e all'innovazione delle imprese" \
	"Target 2021 ≥90% ≥95%" "Missione 011 › Prospettiva ITC › Obiettivo strategico 1 › Programma P-1.2" \
	"Codice IS-2.3 IS-2.9" "Eliminati con esso OO-3.1.1 Controlli sui giocattoli" \
	"P-1.1 Qualità delle informazioni del Registro Imprese P-1.2 Cancellazione d'ufficio delle imprese non operative"; do
	grep -qF -- "$s" "$D/cf.txt" && ok "confronto: $s" || ko "confronto: $s" "$D/cf.txt"
done
# Grouped by objective: each band once (a continuation says "(segue)").
[ "$(grep -o "Obiettivo strategico 2\. Sostegno alla competitività e all'innovazione delle imprese [^(]" "$D/cf.txt" | wc -l)" -eq 1 ] &&
	ok "confronto: one band per objective" || ko "confronto: one band per objective"
pdffonts "$D/cf.pdf" 2>/dev/null | grep -q "Bold" && pdffonts "$D/cf.pdf" | grep -q "Italic" &&
	ok "confronto: bold insertions and italic places use their fonts" || ko "confronto: bold and italic fonts"
# annex diff --pdf writes the same document.
status "$D/p1" 3 "diff --pdf" env SOURCE_DATE_EPOCH=1627344000 $ANNEX diff --pdf "$D/cf2.pdf" $OLD $NEW
cmp -s "$D/cf.pdf" "$D/cf2.pdf" && ok "diff --pdf = build -t confronto --old" || ko "diff --pdf = build -t confronto --old"
status "$D/p2" 1 "diff --pdf over a plan file" $ANNEX diff --pdf $NEW/modifiche.csv $OLD $NEW
git diff --quiet -- $NEW 2>/dev/null && ok "... the plan file is untouched" || ko "... the plan file is untouched"
check "confronto without --old: a notice" $ANNEX build -t confronto -o "$D/cf0.pdf" $NEW
pdftotext "$D/cf0.pdf" - | grep -q "Nessuna versione precedente" && ok "confronto without --old says so" || ko "confronto without --old says so"
status "$D/u" 2 "check does not take --old" $ANNEX check --old $OLD $NEW

# --- a workbook plan: compared, but --write and amend refuse it --------------
if /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
	/usr/bin/python3 tests/workbook/plan2xlsx.py $NEW "$D/new.xlsx" >/dev/null 2>&1
	status "$D/x1" 3 "diff against a workbook" $ANNEX diff --numero 12 --data 2021-07-27 --contesto "rolling annuale" $OLD "$D/new.xlsx"
	cmp -s "$D/x1" tests/e2e/plans/diff-expected.csv && ok "a workbook gives the same rows" || ko "a workbook gives the same rows" "$D/x1"
	cp "$D/new.xlsx" "$D/new-copy.xlsx"
	status "$D/x2" 1 "diff --write into a workbook" $ANNEX diff --write --numero 12 --data 2021-07-27 $OLD "$D/new.xlsx"
	grep -q "is a workbook" "$D/x2.err" && cmp -s "$D/new.xlsx" "$D/new-copy.xlsx" && ok "... refused, workbook untouched" || ko "... refused, workbook untouched" "$D/x2.err"
else
	echo "skip workbook plans (no python3-openpyxl)"
fi

finish
