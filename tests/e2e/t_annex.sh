#!/bin/sh
# The whole All. 1.1 on a plan made for it: a spanning cell cut by a page
# break, footnotes numbered across pages, struck-through records, the
# register, the outline and the document's opening view.
# Env: ANNEX (binary), T (temp dir).  Last line: "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
P=$T/plan-spans
mkdir -p "$P"
cat >"$P/documento.ini" <<'INI'
[documento]
ente = Camera di Prova
titolo = Piano di prova
allegato = All. 9
organo = Giunta camerale
delibera_numero = 12
delibera_data = 2021-07-27
anno = 2021
INI
printf 'codice;denominazione\n011;Competitività delle Imprese\n' >"$P/missioni.csv"
printf 'codice;denominazione\nITC;Imprese Territorio e Consumatori\n' >"$P/prospettive.csv"
printf 'codice;titolo;missione;prospettiva\n1;Obiettivo lungo con molti indicatori;011;ITC\n2;Obiettivo breve;011;ITC\n' >"$P/obiettivi_strategici.csv"
{
	echo "codice;obiettivo;descrizione;owner;target_2020;target_2021"
	i=1
	while [ $i -le 30 ]; do
		echo "IS-$i;1;Indicatore strategico numero $i con una descrizione abbastanza lunga da andare a capo;Servizio $i;≥ $i%;≥ $((i + 1))%"
		i=$((i + 1))
	done
} >"$P/indicatori_strategici.csv"
printf 'codice;obiettivo;titolo;benefici;risorse\nP-1;1;Programma che attraversa le pagine;Benefici attesi del programma;1670000\nP-2;2;Programma breve;Pochi benefici;Piano investimenti 345.000\n' >"$P/programmi.csv"
{
	echo "codice;programma;descrizione"
	i=1
	while [ $i -le 12 ]; do echo "OO-$i;P-1;Obiettivo operativo $i"; i=$((i + 1)); done
	echo "OO-99;P-2;Obiettivo operativo eliminato"
} >"$P/obiettivi_operativi.csv"
{
	echo "codice;obiettivo_operativo;descrizione;target;albero;produttivita;strutture"
	i=1
	while [ $i -le 12 ]; do
		j=1
		while [ $j -le 4 ]; do
			echo "IO-$i.$j;OO-$i;Indicatore operativo $i.$j misurato ogni anno;≥ 90%;X;;Servizio Promozione"
			j=$((j + 1))
		done
		i=$((i + 1))
	done
	echo "IO-99;OO-99;Indicatore dell'obiettivo eliminato;100%;X;X;Servizio Staff"
} >"$P/indicatori_operativi.csv"
{
	echo "riferimento;tipo;data;organo;numero;contesto;nota"
	for i in 2 9 17 25 29; do
		echo "IS-$i;aggiornato;2019-12-02;Giunta;129;rolling annuale;Nota numero $i a piè di pagina"
	done
	echo "IS-3;eliminato;2019-01-31;Giunta;;rolling annuale;"
	echo "OO-99;eliminato;27/07/2021;Giunta camerale;;;Motivo della eliminazione"
	echo "IO-5.2;modificato;2021-07-27;;;piano di progetto;Nota nella mappa"
} >"$P/modifiche.csv"

OUT=$T/spans.pdf
if $ANNEX build -t tests/e2e/plans/annex-test.ini -o "$OUT" "$P" 2>"$T/spans.err"; then
	ok "build the spans plan"
else
	ko "build the spans plan"; cat "$T/spans.err"
fi
qpdf --check "$OUT" >/dev/null 2>&1 && ok "spans: qpdf --check" || ko "spans: qpdf --check"
LAYOUT=../shared/tools/pdf-layout-check
if [ -x "$LAYOUT" ]; then
	"$LAYOUT" "$OUT" --expect-dir "$P" >"$T/lc" 2>&1 && ok "spans: pdf-layout-check with full coverage" ||
		{ ko "spans: pdf-layout-check with full coverage"; tail -5 "$T/lc"; }
fi
python3 tests/pdfa_check "$OUT" >"$T/pa" 2>&1 && ok "spans: PDF/A-2u checks" || { ko "spans: PDF/A-2u checks"; grep FAIL "$T/pa"; }
pages=$(pdfinfo "$OUT" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 4 ] && ok "spans: several pages ($pages)" || ko "spans: several pages (${pages:-0})"

# Page texts in drawing order, one file per page.
n=1
while [ $n -le "${pages:-0}" ]; do
	pdftotext -raw -f $n -l $n "$OUT" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$T/pg$n"
	n=$((n + 1))
done

# Every footnote marker "(k)" is on the same page as its text, numbers
# follow the order of appearance, and they go beyond the first page.
k=1
last_page=0
footok=1
while [ $k -le 7 ]; do
	pg=0
	n=1
	while [ $n -le "$pages" ]; do
		if grep -qF "($k) " "$T/pg$n" && grep -qE "\($k\) (Nota|Motivo)" "$T/pg$n"; then pg=$n; break; fi
		n=$((n + 1))
	done
	[ $pg -eq 0 ] && { footok=0; echo "     footnote ($k) not found with its marker"; }
	[ $pg -lt $last_page ] && { footok=0; echo "     footnote ($k) before ($((k - 1)))"; }
	last_page=$pg
	k=$((k + 1))
done
[ $footok -eq 1 ] && ok "spans: footnotes on the page of their marker, in order" || ko "spans: footnotes on the page of their marker, in order"
[ "$last_page" -gt 1 ] && ok "spans: footnote numbering continues across pages" || ko "spans: footnote numbering continues across pages"

# The spanning objective and programme repeat with "(segue)" on the next
# page of the strategy map.
grep -l "1. Obiettivo lungo con molti indicatori (segue)" "$T"/pg* >/dev/null 2>&1 &&
	ok "spans: objective repeated with (segue)" || ko "spans: objective repeated with (segue)"
grep -l "Programma che attraversa le pagine (segue)" "$T"/pg* >/dev/null 2>&1 &&
	ok "spans: programme cell repeated with (segue)" || ko "spans: programme cell repeated with (segue)"
cat "$T"/pg* | grep -qF "1.670.000" && ok "spans: amount in Italian format" || ko "spans: amount in Italian format"

# Removed records are drawn grey and struck through (uncompressed
# content: the grey fill for the text and the grey stroke for the rule).
if grep -aq "0.5 0.5 0.5 RG" "$OUT" && grep -aq "0.5 0.5 0.5 rg" "$OUT"; then
	ok "spans: removed records grey and struck through"
else
	ko "spans: removed records grey and struck through"
fi

# The register lists every amendment in date order.
reg=$(cat "$T"/pg* | sed -n 's/.*REGISTRO DELLE MODIFICHE//p')
echo "$reg" | grep -q "31 gennaio 2019.*2 dicembre 2019.*27 luglio 2021" &&
	ok "spans: register in date order" || ko "spans: register in date order"
c=$(echo "$reg" | grep -o "Indicatore strategico: \|Obiettivo operativo: \|Indicatore operativo: " | wc -l)
[ "$c" -eq 8 ] && ok "spans: register has all 8 amendments" || ko "spans: register has all 8 amendments ($c)"

# Outline: parts, perspective, mission, objective, with UTF-8 titles; the
# document opens at page 1 with the outline shown.
qpdf --json "$OUT" 2>/dev/null | grep -q '"title": "011 Competitività delle Imprese"' &&
	ok "spans: outline title in UTF-8" || ko "spans: outline title in UTF-8"
qpdf --json "$OUT" 2>/dev/null | grep -q '"title": "1. Obiettivo lungo con molti indicatori"' &&
	ok "spans: outline has the objective" || ko "spans: outline has the objective"
qpdf --qdf --object-streams=disable "$OUT" "$T/qdf.pdf" 2>/dev/null
grep -aq "/PageMode /UseOutlines" "$T/qdf.pdf" && grep -aq "/OpenAction" "$T/qdf.pdf" &&
	ok "spans: opens at page 1 with the outline" || ko "spans: opens at page 1 with the outline"

# Footnotes at the end of the part instead, by template.
F=$(pwd)/fonts
sed -e 's/^span = repeat/span = continue/' -e "s|= \.\./\.\./\.\./fonts|= $F|" \
	tests/e2e/plans/annex-test.ini >"$T/part.ini"
printf '\n[amendments]\nfootnotes = part\n' >>"$T/part.ini"
if $ANNEX build -t "$T/part.ini" -o "$T/part.pdf" "$P" 2>/dev/null; then
	pdftotext -raw "$T/part.pdf" - | tr '\n' ' ' | tr -s ' ' >"$T/part.txt"
	grep -q "Note (1) Nota numero 2" "$T/part.txt" && ok "spans: footnotes at the end of the part" || ko "spans: footnotes at the end of the part"
	grep -q "(segue)" "$T/part.txt" && ok "spans: continue mode keeps sticky rows' (segue)" || ko "spans: continue mode keeps sticky rows' (segue)"
else
	ko "spans: build with footnotes = part"
fi

# The template decides the parts and their order.
for parts in "mappa" "registro, cruscotto"; do
	sed -e "s/^parts .*/parts = $parts/" -e "s|= \.\./\.\./\.\./fonts|= $F|" \
		tests/e2e/plans/annex-test.ini >"$T/parts.ini"
	$ANNEX build -t "$T/parts.ini" -o "$T/parts.pdf" "$P" 2>/dev/null
	pdftotext -raw "$T/parts.pdf" - 2>/dev/null | tr '\n' ' ' >"$T/parts.txt"
	c=$(grep -c "CRUSCOTTO STRATEGICO" "$T/parts.txt")
	m=$(grep -c "STRATEGY MAP" "$T/parts.txt")
	case "$parts" in
	mappa) [ "$c" -eq 0 ] && [ "$m" -eq 1 ] ;;
	*) [ "$c" -eq 1 ] && [ "$m" -eq 0 ] && grep -q "REGISTRO DELLE MODIFICHE.*CRUSCOTTO STRATEGICO" "$T/parts.txt" ;;
	esac && ok "parts = $parts" || ko "parts = $parts"
done

# Generated plans (tools/genplan.c: text of every length, accents, ≥ ≤,
# every target form, amendments with notes): no word off the page, no
# overlap, every word printed, PDF/A.
if [ -x build/genplan ]; then
	for seed in 1 2; do
		G=$T/gen$seed
		build/genplan 120 $seed "$G"
		if $ANNEX build -o "$G.pdf" "$G" 2>/dev/null; then
			ok "generated plan $seed builds"
		else
			ko "generated plan $seed builds"
		fi
		if [ -x "$LAYOUT" ]; then
			"$LAYOUT" "$G.pdf" --expect-dir "$G" >"$T/gl" 2>&1 &&
				ok "generated plan $seed: pdf-layout-check, full coverage" ||
				{ ko "generated plan $seed: pdf-layout-check, full coverage"; tail -4 "$T/gl"; }
		fi
		check "generated plan $seed: PDF/A-2u checks" python3 tests/pdfa_check "$G.pdf"
		check "generated plan $seed: page flow (no word broken without a hyphen, labelled map pages, parts on new pages)" \
			python3 tests/pdf_flow "$G.pdf" "$G"
	done
fi

# The page flow of the real annex (input/): no word broken without a
# hyphen, every strategy-map page starts its first column with the
# objective's number, each part on a new page.
$ANNEX build -o "$T/input.pdf" input 2>/dev/null
check "input/: page flow (no word broken without a hyphen, labelled map pages, parts on new pages)" \
	python3 tests/pdf_flow "$T/input.pdf" input
# The checker finds the defects it is for: a map without labels, without
# hyphenation and without new pages.
cat >"$T/bare.ini" <<INI
[document]
new_page = no
[table]
span = continue
[text]
hyphenate = none
[mappa]
continue.obiettivo = rest
continue.programma = rest
width.obiettivo = 6
INI
$ANNEX build -t "$T/bare.ini" -o "$T/bare.pdf" input 2>/dev/null
if python3 tests/pdf_flow "$T/bare.pdf" input >"$T/bare.txt" 2>&1; then
	ko "pdf_flow finds unlabelled map pages and shared part pages"
else
	grep -q "parts: a part shares" "$T/bare.txt" &&
		grep -q "not starting with the objective's number ([0-9]" "$T/bare.txt" &&
		ok "pdf_flow finds unlabelled map pages and shared part pages" ||
		{ ko "pdf_flow finds unlabelled map pages and shared part pages"; cat "$T/bare.txt"; }
fi

finish
