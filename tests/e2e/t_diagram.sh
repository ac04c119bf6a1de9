#!/bin/sh
# t_diagram.sh - the strategy map (issue 20): the annex opens with a
# one-page map of input/'s 14 objectives in their two perspectives, every
# number and title on it, boxes and arrows drawn as vector paths, the
# layout checker content with that page; without collegamenti.csv the
# map has no arrows; a plan above [diagramma] max_objectives gets a page
# per perspective, and one too large even for that a warning and no map;
# a generated plan of 40 objectives and 80 links fits one A3 page whole.
#
# Run by tests/e2e/run.sh with ANNEX and T; alone: ANNEX=build/asan/annex
# T=$(mktemp -d) sh tests/e2e/t_diagram.sh
set -u
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
cd "$(dirname "$0")/../.." || exit 1
ANNEX=${ANNEX:-build/asan/annex}
T=${T:-$(mktemp -d)}
D=$T/diagram
rm -rf "$D"
mkdir -p "$D"
. tests/e2e/lib.sh
LAYOUT=../shared/tools/pdf-layout-check

# page_text PDF N: the text of page N, words broken at a line's end joined
page_text() {
	pdftotext -raw -f "$2" -l "$2" "$1" - 2>/dev/null |
		sed -e ':a' -e '/-$/{N;s/-\n//;ba' -e '}' | tr '\n' ' '
}

# every_objective PDF PAGE CSV: every objective of CSV (codice;titolo;...)
# shows its number and each word of its title on the page.
every_objective() {
	page_text "$1" "$2" >"$D/page.txt"
	python3 - "$D/page.txt" "$3" <<'EOF'
import csv, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
words = set(re.findall(r"\w+", text))
missing = []
with open(sys.argv[2], encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter=";"):
        if row["codice"] not in words:
            missing.append("number " + row["codice"])
        for w in re.findall(r"\w+", row["titolo"]):
            if w not in words:
                missing.append(row["codice"] + ": " + w)
print("\n".join(missing[:10]))
sys.exit(1 if missing else 0)
EOF
}

# arrowheads PDF PAGE: closed three-point paths filled on the page (each
# arrow ends in one)
arrowheads() {
	qpdf --qdf --object-streams=disable --pages "$1" "$2" -- "$1" "$D/qdf.pdf" 2>/dev/null
	grep -ac ' l h f$' "$D/qdf.pdf"
}

# --- input/: the map on page 1 ------------------------------------------
check "annex of input/ builds" $ANNEX build -o "$D/all.pdf" input
if page_text "$D/all.pdf" 1 | grep -q "Mappa strategica 2021-2022"; then
	ok "page 1 is the map: Mappa strategica 2021-2022"
else
	ko "page 1 is the map: Mappa strategica 2021-2022"
fi
if every_objective "$D/all.pdf" 1 input/obiettivi_strategici.csv >"$D/miss" 2>&1; then
	ok "page 1 shows the number and every title word of the 14 objectives"
else
	ko "page 1 shows the number and every title word of the 14 objectives" "$D/miss"
fi
for s in "Imprese Territorio e Consumatori" "Processi Interni" "Missioni:" "011 Competitività delle Imprese"; do
	if page_text "$D/all.pdf" 1 | grep -qF "$s"; then ok "page 1: $s"; else ko "page 1: $s"; fi
done
if page_text "$D/all.pdf" 2 | grep -qi "Cruscotto Strategico"; then
	ok "the cruscotto starts on page 2"
else
	ko "the cruscotto starts on page 2"
fi
n=$(wc -l <input/collegamenti.csv)
is_n=$(arrowheads "$D/all.pdf" 1)
if [ "$is_n" = $((n - 1)) ]; then ok "one arrowhead per link ($is_n)"; else ko "one arrowhead per link: $is_n, not $((n - 1))"; fi
qpdf --empty --pages "$D/all.pdf" 1 -- "$D/page1.pdf"
if [ -x "$LAYOUT" ]; then
	check "pdf-layout-check on the map's page" "$LAYOUT" "$D/page1.pdf"
else
	echo "skip pdf-layout-check (../shared/tools not present)"
fi

# --- the relazione: the map at the end, coloured by verdict --------------
check "relazione of input/ builds" $ANNEX build -t relazione -o "$D/rel.pdf" input
last=$(pdfinfo "$D/rel.pdf" | awk '/^Pages:/ {print $2}')
page_text "$D/rel.pdf" "$last" >"$D/rel.txt"
if grep -qF "Mappa strategica 2021: gli esiti" "$D/rel.txt" && grep -qF "Esiti:" "$D/rel.txt" &&
	every_objective "$D/rel.pdf" "$last" input/obiettivi_strategici.csv >"$D/miss" 2>&1; then
	ok "relazione: its last page is the map with every objective and the verdicts' key"
else
	ko "relazione: its last page is the map with every objective and the verdicts' key" "$D/miss"
fi
if grep -qF "50,0% · non raggiunto" "$D/rel.txt"; then
	ok "relazione map: an objective's degree and verdict under its title"
else
	ko "relazione map: an objective's degree and verdict under its title" "$D/rel.txt"
fi
qpdf --empty --pages "$D/rel.pdf" "$last" -- "$D/relmap.pdf"
if [ -x "$LAYOUT" ]; then
	check "relazione map: pdf-layout-check" "$LAYOUT" "$D/relmap.pdf"
fi

# --- without collegamenti.csv: bands and boxes, no arrow -----------------
mkdir -p "$D/nolinks"
cp input/* "$D/nolinks/"
rm "$D/nolinks/collegamenti.csv"
check "annex without collegamenti.csv builds" $ANNEX build -o "$D/nolinks.pdf" "$D/nolinks"
if every_objective "$D/nolinks.pdf" 1 input/obiettivi_strategici.csv >"$D/miss" 2>&1; then
	ok "without links: every objective on page 1"
else
	ko "without links: every objective on page 1" "$D/miss"
fi
is_n=$(arrowheads "$D/nolinks.pdf" 1)
if [ "$is_n" = 0 ]; then ok "without links: no arrow"; else ko "without links: $is_n arrowheads"; fi

# --- above max_objectives: a page per perspective ------------------------
cat >"$D/per.ini" <<'EOF'
[document]
parts = diagramma, cruscotto
[diagramma]
max_objectives = 10
EOF
check "max_objectives = 10 builds" $ANNEX build -t "$D/per.ini" -o "$D/per.pdf" input
if page_text "$D/per.pdf" 1 | grep -qF "Mappa strategica 2021-2022 - Imprese Territorio e Consumatori" &&
	page_text "$D/per.pdf" 2 | grep -qF "Mappa strategica 2021-2022 - Processi Interni" &&
	page_text "$D/per.pdf" 3 | grep -qi "Cruscotto Strategico"; then
	ok "14 objectives above 10: one map page per perspective, then the cruscotto"
else
	ko "14 objectives above 10: one map page per perspective, then the cruscotto"
fi
# The links within Processi Interni (12 -> 9, 9 -> 8) stay on its page.
is_n=$(arrowheads "$D/per.pdf" 2)
if [ "$is_n" = 2 ]; then ok "a perspective's page draws its own links"; else ko "a perspective's page draws its own links: $is_n"; fi

sed 's/= 10/= 5/' "$D/per.ini" >"$D/few.ini"
$ANNEX build -t "$D/few.ini" -o "$D/few.pdf" input >"$D/few.out" 2>&1
if grep -q "warning: the strategy map is left out: a perspective has 7 objectives, more than diagramma:max_objectives (5)" "$D/few.out" &&
	! pdftotext "$D/few.pdf" - | grep -q "Mappa strategica" &&
	pdftotext "$D/few.pdf" - | grep -qi "Cruscotto Strategico"; then
	ok "too many even per perspective: a warning and no map"
else
	ko "too many even per perspective: a warning and no map" "$D/few.out"
fi

# --- 40 objectives, 80 links, A3 -----------------------------------------
G=$D/big
mkdir -p "$G"
cp input/* "$G/"
python3 - "$G" <<'EOF'
import csv, os, sys
d = sys.argv[1]
rows = list(csv.reader(open(os.path.join(d, "obiettivi_strategici.csv"), encoding="utf-8"), delimiter=";"))
head, old = rows[0], rows[1:]
persp = [("ITC", "Imprese Territorio e Consumatori"), ("PI", "Processi Interni"),
         ("ECO", "Economico-finanziaria"), ("CRE", "Crescita e apprendimento")]
with open(os.path.join(d, "prospettive.csv"), "w", encoding="utf-8") as f:
    f.write("codice;denominazione\n")
    for c, n in persp:
        f.write("%s;%s\n" % (c, n))
band = {}
with open(os.path.join(d, "obiettivi_strategici.csv"), "w", encoding="utf-8") as f:
    f.write(";".join(head) + "\n")
    for i in range(1, 41):
        if i <= 14:
            r = old[i - 1]
        else:
            src = old[(i * 7) % 14]
            k = 0 if i <= 17 else 1 if i <= 20 else 2 if i <= 30 else 3
            r = [str(i), src[1] + (" e servizi digitali" if i % 3 else ""), src[2],
                 persp[k][0]]
        band[i] = [p[0] for p in persp].index(r[3])
        f.write(";".join(r) + "\n")
# 80 links a planner might draw: mostly from a lower band to the one above,
# some inside a band, some two bands up; always from the larger (band,
# code) to the smaller, so there is no cycle.
s, links = 7, []
while len(links) < 80:
    s = (s * 1103515245 + 12345) % 2**31
    a = 1 + s % 40
    s = (s * 1103515245 + 12345) % 2**31
    b = 1 + s % 40
    if a == b:
        continue
    ka, kb = (band[a], a), (band[b], b)
    if ka < kb:
        a, b, ka, kb = b, a, kb, ka
    if ka[0] - kb[0] > 2 or (a, b) in links:
        continue
    links.append((a, b))
with open(os.path.join(d, "collegamenti.csv"), "w", encoding="utf-8") as f:
    f.write("da;a;nota\n")
    for a, b in links:
        f.write("%d;%d;\n" % (a, b))
EOF
cat >"$D/a3.ini" <<'EOF'
[document]
parts = diagramma
[page]
size = A3
EOF
$ANNEX build -t "$D/a3.ini" -o "$D/big.pdf" "$G" >"$D/big.out" 2>&1
if [ $? = 0 ] && ! grep -q "strategy map" "$D/big.out" &&
	[ "$(pdfinfo "$D/big.pdf" | awk '/^Pages:/ {print $2}')" = 1 ]; then
	ok "40 objectives, 80 links: one A3 page, no title shortened"
else
	ko "40 objectives, 80 links: one A3 page, no title shortened" "$D/big.out"
fi
if every_objective "$D/big.pdf" 1 "$G/obiettivi_strategici.csv" >"$D/miss" 2>&1; then
	ok "A3 map: every objective's number and title"
else
	ko "A3 map: every objective's number and title" "$D/miss"
fi
is_n=$(arrowheads "$D/big.pdf" 1)
if [ "$is_n" = 80 ]; then ok "A3 map: 80 arrows"; else ko "A3 map: $is_n arrows, not 80"; fi
if [ -x "$LAYOUT" ]; then
	check "A3 map: pdf-layout-check" "$LAYOUT" "$D/big.pdf"
fi

# The same plan on A4 portrait does not fit: a warning, and neither map
# nor its heading.
cat >"$D/a4p.ini" <<'EOF2'
[document]
parts = diagramma, cruscotto
[page]
orientation = portrait
EOF2
$ANNEX build -t "$D/a4p.ini" -o "$D/a4p.pdf" "$G" >"$D/a4p.out" 2>&1
if grep -q "warning: the strategy map 'Mappa strategica 2021-2022' does not fit its page" "$D/a4p.out" &&
	! pdftotext "$D/a4p.pdf" - | grep -q "Mappa strategica"; then
	ok "a map that does not fit: a warning, no map and no heading"
else
	ko "a map that does not fit: a warning, no map and no heading" "$D/a4p.out"
fi

finish
