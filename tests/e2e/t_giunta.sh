#!/bin/sh
# t_giunta.sh - ready for the Giunta (issue 13): the logo on every page as
# one image, PDF/A kept (alpha flattened); the draft mark (stato = bozza,
# --draft) and its absence in a final document; one removal rule across
# parts; canonical organ names; `annex check` reporting what a template
# would read doubtfully, once each, with file:line.
#
# Run by tests/e2e/run.sh with ANNEX and T; alone:
#   ANNEX=build/asan/annex T=$(mktemp -d) sh tests/e2e/t_giunta.sh
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
ANNEX=${ANNEX:-build/asan/annex}
case $ANNEX in /*) ;; *) ANNEX=$ROOT/$ANNEX ;; esac
T=${T:-$(mktemp -d)}
W=$T/giunta
rm -rf "$W"
mkdir -p "$W"
. tests/e2e/lib.sh
BASE=tests/e2e/broken/base
PDFA=tests/pdfa_check

# plan NAME: a copy of the small base plan in $W/NAME
plan() {
	rm -rf "${W:?}/$1"
	cp -r "$BASE" "$W/$1"
}
# tpl NAME LINES: the annex template with LINES added to [document],
# fonts and logo paths absolute
tpl() {
	sed -e "s|\.\./fonts/|$ROOT/fonts/|" templates/all-1.1.ini >"$W/$1.ini"
	printf '\n[document]\n%s\n' "$2" >>"$W/$1.ini"
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# --- logo ------------------------------------------------------------------
plan logo
tpl logo "logo = $ROOT/tests/e2e/logo/logo.png"
if $ANNEX build -t "$W/logo.ini" -o "$W/logo.pdf" "$W/logo" >"$W/out" 2>&1; then
	ok "logo: PNG with alpha builds"
	n=$(pages "$W/logo.pdf")
	# One image object, drawn on every page, no soft mask.
	pdfimages -list "$W/logo.pdf" >"$W/img" 2>&1
	on=$(awk 'NR > 2 && $3 == "image" { print $1 }' "$W/img" | sort -u | wc -l)
	objs=$(awk 'NR > 2 && $3 == "image" { print $11 }' "$W/img" | sort -u | wc -l)
	[ "$on" -eq "$n" ] && ok "logo: on all $n pages" || ko "logo: on all $n pages ($on)" "$W/img"
	[ "$objs" -eq 1 ] && ok "logo: one image XObject reused" || ko "logo: one image XObject reused" "$W/img"
	grep -q smask "$W/img" && ko "logo: no soft mask" "$W/img" || ok "logo: no soft mask"
	check "logo: pdfa_check" "$PDFA" "$W/logo.pdf"
	# Flattened against white: the disc's anti-aliased edge is light, the
	# corner pixel white.
	pdfimages -png "$W/logo.pdf" "$W/logoimg" >/dev/null 2>&1
	[ -f "$W/logoimg-000.png" ] && ok "logo: extracted" || ko "logo: extracted"
else
	ko "logo: PNG with alpha builds" "$W/out"
fi
for pos in header_right title; do
	tpl "logo-$pos" "logo = $ROOT/tests/e2e/logo/logo.png
logo_position = $pos"
	$ANNEX build -t "$W/logo-$pos.ini" -o "$W/logo-$pos.pdf" "$W/logo" >"$W/out" 2>&1 &&
		"$PDFA" "$W/logo-$pos.pdf" >"$W/out2" 2>&1 && ok "logo: logo_position = $pos" ||
		ko "logo: logo_position = $pos" "$W/out"
done
n=$(pdfimages -list "$W/logo-title.pdf" 2>/dev/null | awk 'NR > 2 && $3 == "image"' | wc -l)
[ "$n" -eq 1 ] && ok "logo: title position draws it once" || ko "logo: title position draws it once ($n)"
# A JPEG logo (written by pdftoppm from the PNG logo's page).
if pdftoppm -jpeg -r 20 -f 1 -l 1 -singlefile "$W/logo.pdf" "$W/jlogo" 2>/dev/null; then
	tpl jpeg "logo = $W/jlogo.jpg"
	$ANNEX build -t "$W/jpeg.ini" -o "$W/jpeg.pdf" "$W/logo" >"$W/out" 2>&1 &&
		"$PDFA" "$W/jpeg.pdf" >"$W/out2" 2>&1 && ok "logo: JPEG, PDF/A" || ko "logo: JPEG, PDF/A" "$W/out"
fi
# A cover page when the template asks for one: the logo and the lines on
# page 1, the title on page 2 (with the first part, the strategy map).
tpl cover "logo = $ROOT/tests/e2e/logo/logo.png
[cover]
show = yes
line3 = Allegato 1.1 alla deliberazione della {organo} n.[ {delibera_numero}][ del {delibera_data}]"
$ANNEX build -t "$W/cover.ini" -o "$W/cover.pdf" "$W/logo" >"$W/out" 2>&1
pdftotext -raw -f 1 -l 1 "$W/cover.pdf" - 2>/dev/null | tr '\n' ' ' >"$W/p1"
pdftotext -raw -f 2 -l 2 "$W/cover.pdf" - 2>/dev/null | tr '\n' ' ' >"$W/p2"
grep -q "Allegato 1.1 alla deliberazione della Giunta camerale n. 12 del 27 luglio 2021" "$W/p1" &&
	! grep -q "Mappa strategica" "$W/p1" && grep -q "Mappa strategica 2021-2022" "$W/p2" &&
	"$PDFA" "$W/cover.pdf" >"$W/out2" 2>&1 && ok "cover: a page of its own, PDF/A" || ko "cover: a page of its own, PDF/A" "$W/p1"
# A logo that is not there, or not an image: check and build fail alike.
tpl nologo "logo = nowhere.png"
$ANNEX check -t "$W/nologo.ini" "$W/logo" >"$W/c.out" 2>&1
c=$?
$ANNEX build -t "$W/nologo.ini" -o "$W/nologo.pdf" "$W/logo" >"$W/b.out" 2>&1
b=$?
[ $c -eq 1 ] && [ $b -eq 1 ] && grep -q "nologo.ini:[0-9]*: error: document:logo" "$W/c.out" &&
	ok "logo: a missing file fails check and build at its line" || ko "logo: a missing file fails check and build at its line" "$W/c.out"
cp templates/all-1.1.ini "$W/notimg.png"
tpl notimg "logo = $W/notimg.png"
$ANNEX check -t "$W/notimg.ini" "$W/logo" >"$W/c.out" 2>&1
c=$?
$ANNEX build -t "$W/notimg.ini" -o "$W/notimg.pdf" "$W/logo" >"$W/b.out" 2>&1
b=$?
[ $c -eq 1 ] && [ $b -eq 1 ] && grep -q "neither a PNG nor a JPEG" "$W/c.out" && [ ! -f "$W/notimg.pdf" ] &&
	ok "logo: not an image fails check and build" || ko "logo: not an image fails check and build" "$W/b.out"

# --- draft -------------------------------------------------------------------
plan draft
sed -i 's/^delibera_numero.*/delibera_numero =/' "$W/draft/documento.ini"
printf 'IS-2.1;modificato;2021-06-01;Giunta;;;\nIS-3.1;modificato;2021-06-02;Giunta;;;\n' >>"$W/draft/modifiche.csv"
$ANNEX build -o "$W/final.pdf" "$W/draft" >"$W/final.out" 2>&1
is_final=$?
n=$(grep -c "no deliberation number" "$W/final.out")
[ $is_final -eq 0 ] && [ "$n" -eq 1 ] && grep -q "modifiche.csv:4: warning: 2 amendments have no deliberation number" "$W/final.out" &&
	ok "final: one warning counts the missing numbers, at the first" || ko "final: one warning counts the missing numbers, at the first" "$W/final.out"
pdftotext "$W/final.pdf" - 2>/dev/null >"$W/final.txt"
grep -q "BOZZA\|____\|Bozza" "$W/final.txt" && ko "final: no draft marks" || ok "final: no draft marks"
echo "stato = bozza" >>"$W/draft/documento.ini"
$ANNEX build -o "$W/draft.pdf" "$W/draft" >"$W/draft.out" 2>&1 && ok "draft: builds" || ko "draft: builds" "$W/draft.out"
grep -q "deliberation number" "$W/draft.out" && ko "draft: no missing-number warning" "$W/draft.out" || ok "draft: no missing-number warning"
n=$(pages "$W/draft.pdf")
k=0
for p in $(seq 1 "$n"); do
	pdftotext -raw -f "$p" -l "$p" "$W/draft.pdf" - 2>/dev/null | grep -q "BOZZA" && k=$((k + 1))
done
[ "$k" -eq "$n" ] && ok "draft: BOZZA on all $n pages" || ko "draft: BOZZA on all $n pages ($k)"
pdftotext -raw "$W/draft.pdf" - 2>/dev/null | tr '\n' ' ' >"$W/draft.txt"
grep -q "Giunta camerale n\. ____ del 1 giugno 2021" "$W/draft.txt" && ok "draft: n. ____ in a pending amendment" || ko "draft: n. ____ in a pending amendment" "$W/draft.txt"
grep -q "Bozza - documento non approvato" "$W/draft.txt" && ok "draft: running-header phrase" || ko "draft: running-header phrase"
grep -q "All\. 1\.1 D GC n\. ____ 27\.07\.2021" "$W/draft.txt" && ok "draft: the deliberation's own number pending" || ko "draft: the deliberation's own number pending" "$W/draft.txt"
check "draft: pdfa_check" "$PDFA" "$W/draft.pdf"
# --draft does the same for a plan that says nothing.
plan draft2
$ANNEX build --draft -o "$W/draft2.pdf" "$W/draft2" >"$W/out" 2>&1
pdftotext -raw "$W/draft2.pdf" - 2>/dev/null | grep -q BOZZA && ok "draft: --draft" || ko "draft: --draft" "$W/out"
plan draft3
echo "stato = forse" >>"$W/draft3/documento.ini"
$ANNEX check "$W/draft3" >"$W/out" 2>&1
[ $? -eq 1 ] && grep -q "documento.ini:9: error: stato 'forse' must be bozza or approvato" "$W/out" &&
	ok "draft: a bad stato is an error at its line" || ko "draft: a bad stato is an error at its line" "$W/out"

# --- one removal rule ------------------------------------------------------
plan removed
echo "2;eliminato;2021-07-27;Giunta camerale;12;;" >>"$W/removed/modifiche.csv"
sed -e "s|\.\./fonts/|$ROOT/fonts/|" -e 's/^removed .*/removed = hide/' templates/all-1.1.ini >"$W/hide.ini"
$ANNEX build -t "$W/hide.ini" -o "$W/hide.pdf" "$W/removed" >"$W/out" 2>&1
# What the cruscotto and the map print (the register lists every
# amendment, the removal included).
pdftotext -raw "$W/hide.pdf" - 2>/dev/null | tr '\n' ' ' | sed 's/Data Organo Numero Tipo.*//' >"$W/hide.txt"
for s in "Imprese partecipanti alle iniziative" "Promozione del territorio" "Organizzazione di due fiere"; do
	grep -q "$s" "$W/hide.txt" && ko "removed objective, hide: no '$s'" "$W/hide.txt" || ok "removed objective, hide: no '$s'"
done
grep -q "Pratiche evase entro 5 giorni" "$W/hide.txt" && ok "removed objective, hide: the others stay" || ko "removed objective, hide: the others stay"

# --- organs ----------------------------------------------------------------
plan organs
printf 'IS-2.1;modificato;2021-06-01;GIUNTA  CAMERALE;3;;\nIS-3.1;modificato;2021-06-02;Giunta Generale;4;;\nIS-3.1;modificato;2021-06-03;Giunta Generale;5;;\n' >>"$W/organs/modifiche.csv"
$ANNEX check "$W/organs" >"$W/out" 2>&1
grep -q "modifiche.csv:5: warning: organo 'Giunta Generale' is not an organ the template knows (\[text\] organo.\*); it prints as written (amendments: 2); did you mean 'Giunta camerale'?" "$W/out" &&
	[ "$(grep -c organo "$W/out")" -eq 1 ] && ok "organs: unknown organ warned once, with did-you-mean" || ko "organs: unknown organ warned once, with did-you-mean" "$W/out"
$ANNEX build -o "$W/organs.pdf" "$W/organs" >"$W/out" 2>&1
pdftotext -raw "$W/organs.pdf" - 2>/dev/null | tr '\n' ' ' >"$W/organs.txt"
grep -q "GIUNTA  CAMERALE\|della Giunta n\." "$W/organs.txt" && ko "organs: canonical names only" "$W/organs.txt" || ok "organs: canonical names only"
grep -q "Giunta camerale n\. 3" "$W/organs.txt" && ok "organs: 'GIUNTA  CAMERALE' prints as Giunta camerale" || ko "organs: 'GIUNTA  CAMERALE' prints as Giunta camerale" "$W/organs.txt"
sed -e "s|\.\./fonts/|$ROOT/fonts/|" templates/all-1.1.ini >"$W/org.ini"
printf '\n[text]\norgano.giunta = Giunta, Giunta camerale\norgano.commissario = Commissario straordinario, commissario\n' >>"$W/org.ini"
printf 'IS-1.1;modificato;2021-06-04;commissario;6;;\n' >>"$W/organs/modifiche.csv"
$ANNEX build -t "$W/org.ini" -o "$W/org.pdf" "$W/organs" >"$W/out" 2>&1
pdftotext -raw "$W/org.pdf" - 2>/dev/null | tr '\n' ' ' >"$W/org.txt"
grep -q "della Giunta n\. 129" "$W/org.txt" && grep -q "Commissario straordinario n\. 6" "$W/org.txt" &&
	! grep -q "commissario" "$W/out" && ok "organs: a template's own names" || ko "organs: a template's own names" "$W/out"

# --- check validates what the templates read -------------------------------
plan suspicious
printf 'codice;obiettivo;descrizione;owner;polarita;peso;target_2020;target_2021\nIS-1.1;1;Pratiche evase;S. Anagrafe;;1;?4;?4\nIS-2.1;2;Imprese;S. Promozione;;2;>= 100;>= 120\nIS-3.1;3;Tempo medio;S. Ragioneria;decrescente;1;x ? x-1;<= 25 gg\n' |
	iconv -f UTF-8 -t WINDOWS-1252 >"$W/suspicious/indicatori_strategici.csv"
sed -i 's/^P-1.1;1;Digitalizzazione delle pratiche;Tempi più brevi;28.920/P-1.1;1;Digitalizzazione delle pratiche;Tempi più brevi;660\/53/' "$W/suspicious/programmi.csv"
$ANNEX check "$W/suspicious" >"$W/out" 2>&1
st=$?
[ $st -eq 0 ] && ok "suspicious: check warns, exits 0" || ko "suspicious: check warns, exits 0" "$W/out"
has_line() { grep -qF -- "$1" "$W/out" && ok "suspicious: $2" || ko "suspicious: $2" "$W/out"; }
has_line "indicatori_strategici.csv:2: warning: target '?4' of 'IS-1.1': a character was lost when the file was saved as Windows-1252 — did you mean ≥4?" "?4 in the evaluated year"
has_line "indicatori_strategici.csv:2: warning: target_2020 '?4' of 'IS-1.1': a character was lost" "?4 in another year"
has_line "indicatori_strategici.csv:4: warning: target_2020 'x ? x-1' of 'IS-3.1': a character was lost when the file was saved as Windows-1252 — did you mean x ≤ x-1?" "x ? x-1 on a decrescente indicator"
has_line "programmi.csv:2: warning: risorse '660/53' of 'P-1.1' is not an amount" "660/53"
n=$(grep -c "IS-1.1" "$W/out")
[ "$n" -eq 2 ] && ok "suspicious: once per value and place" || ko "suspicious: once per value and place ($n)" "$W/out"
# The shipped plan: each suspicious value once, with file:line.
$ANNEX check input >"$W/out" 2>&1
has_line "input/programmi.csv:10: warning: risorse '660/53' of 'P-2.1'" "input: 660/53"
n=$(grep -c "deliberation number" "$W/out")
[ "$n" -eq 1 ] && ok "input: missing numbers in one warning" || ko "input: missing numbers in one warning ($n)" "$W/out"
n=$(sort "$W/out" | uniq -d | wc -l)
[ "$n" -eq 0 ] && ok "input: no message twice" || ko "input: no message twice" "$W/out"

finish
