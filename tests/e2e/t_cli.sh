#!/bin/sh
# t_cli.sh - command-line conventions (issue 18): --help of every
# subcommand, did-you-mean of unknown commands and options, -q, -v,
# --strict, the success line, -t by name, the default output folder,
# `annex all` and --if-changed.  Run by run.sh with ANNEX and T set.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
A=$(cd "$(dirname "$ANNEX")" && pwd)/$(basename "$ANNEX")
P=$(pwd)/input
C=$T/cli
mkdir -p "$C"
export LANG=C LC_ALL= LANGUAGE=

for c in build check all; do
	$A $c --help >"$C/out" 2>&1 && grep -q "usage: annex $c" "$C/out" &&
		ok "$c --help exits 0" || ko "$c --help exits 0" "$C/out"
done
$A buidl input >"$C/out" 2>&1
[ $? -eq 2 ] && grep -q "unknown command 'buidl'; did you mean 'build'?" "$C/out" &&
	ok "unknown command named, did you mean" || ko "unknown command named, did you mean" "$C/out"
$A build --templat x input >"$C/out" 2>&1
[ $? -eq 2 ] && grep -q "unknown option '--templat'; did you mean '--template'?" "$C/out" &&
	ok "unknown option named, did you mean" || ko "unknown option named, did you mean" "$C/out"
$A check -o x.pdf input >"$C/out" 2>&1
[ $? -eq 2 ] && grep -q "unknown option '-o'" "$C/out" &&
	ok "check takes no -o" || ko "check takes no -o" "$C/out"

# From another folder: the shipped templates are found, by name too, and
# the default output folder is created.
mkdir -p "$C/work"
(cd "$C/work" && $A build -t relazione "$P" >"$C/out" 2>"$C/err")
[ $? -eq 0 ] && [ -s "$C/work/output/relazione.pdf" ] &&
	ok "-t relazione from another folder, output/ created" || ko "-t relazione from another folder, output/ created" "$C/err"
grep -Eq "^wrote output/relazione.pdf \([0-9]+ pages, [0-9]+\.[0-9]{2} s\)$" "$C/out" &&
	ok "success line" || ko "success line" "$C/out"
rm -rf "$C/work/output"
(cd "$C/work" && $A build -t all-1.1 -t relazione "$P" >"$C/out" 2>"$C/err")
[ $? -eq 0 ] && [ -s "$C/work/output/all-1.1.pdf" ] && [ -s "$C/work/output/relazione.pdf" ] &&
	[ "$(grep -c '^wrote' "$C/out")" -eq 2 ] &&
	ok "build with -t twice writes both documents" || ko "build with -t twice writes both documents" "$C/err"
$A build -t all-1.1 -t relazione -o x.pdf "$P" >"$C/out" 2>&1
[ $? -eq 2 ] && ok "-o with two templates is a usage error" || ko "-o with two templates is a usage error" "$C/out"
(cd "$C/work" && $A build -q -o a.pdf "$P" >"$C/out" 2>&1)
[ $? -eq 0 ] && [ ! -s "$C/out" ] && ok "-q prints nothing on success" || ko "-q prints nothing on success" "$C/out"
(cd "$C/work" && $A check --strict -q "$P" >"$C/out" 2>&1)
[ $? -eq 1 ] && ok "--strict: warnings give exit 1" || ko "--strict: warnings give exit 1" "$C/out"
(cd "$C/work" && $A check -v "$P" >"$C/out" 2>&1)
grep -q "load plan .*: [0-9.]* s" "$C/out" && ok "-v prints timings" || ko "-v prints timings" "$C/out"
$A build -t relazion "$P" >"$C/out" 2>&1
[ $? -eq 1 ] && ok "unknown template name is an error" || ko "unknown template name is an error" "$C/out"

# A mistyped reference: a did-you-mean among the codes of its kind (the
# look-alike l for 1 preferred), none when nothing is near.
mkdir -p "$C/dym" && cp input/* "$C/dym/"
sed -i '3s/;OO-1.1.2;/;OO-1.l.2;/' "$C/dym/indicatori_operativi.csv"
sed -i '2s/^IS-1.1;/IS-l.1;/' "$C/dym/modifiche.csv"
sed -i '2s/^IS-1.1;/XYZ-99;/' "$C/dym/monitoraggio.csv"
$A check "$C/dym" >"$C/out" 2>&1
grep -q "dym/indicatori_operativi.csv:3: error: obiettivo_operativo 'OO-1.l.2' not found in obiettivi_operativi.csv; did you mean 'OO-1.1.2'?$" "$C/out" &&
	grep -q "dym/modifiche.csv:2: error: riferimento 'IS-l.1' is not the codice of any record; did you mean 'IS-1.1'?$" "$C/out" &&
	grep -q "dym/monitoraggio.csv:2: error: indicatore 'XYZ-99' is not the codice of an indicator$" "$C/out" &&
	ok "mistyped codes: did you mean among the codes of that kind" || ko "mistyped codes: did you mean among the codes of that kind" "$C/out"

# annex all, then --if-changed: nothing rebuilt the second time.
mkdir -p "$C/all" && cp -r input "$C/all/plan"
printf '\n[annex]\ndocuments = all-1.1, relazione\n' >>"$C/all/plan/documento.ini"
(cd "$C/all" && $A all plan >"$C/out" 2>"$C/err")
[ $? -eq 0 ] && [ -s "$C/all/output/all-1.1.pdf" ] && [ -s "$C/all/output/relazione.pdf" ] &&
	! grep -q "unknown key" "$C/err" &&
	ok "all builds every listed document" || ko "all builds every listed document" "$C/err"
sleep 1.1
(cd "$C/all" && $A all --if-changed plan >"$C/out" 2>"$C/err")
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c '^up to date' "$C/out")" -eq 2 ] && ! grep -q "^wrote" "$C/out" &&
	ok "all --if-changed rebuilds nothing the second time" || ko "all --if-changed rebuilds nothing the second time (rc $rc)" "$C/out"
touch "$C/all/plan/missioni.csv"
sleep 1.1
(cd "$C/all" && $A all --if-changed plan >"$C/out" 2>"$C/err")
[ "$(grep -c '^wrote' "$C/out")" -eq 2 ] &&
	ok "all --if-changed rebuilds after a plan file changed" || ko "all --if-changed rebuilds after a plan file changed" "$C/out"
mkdir -p "$C/all/bad" && cp input/* "$C/all/bad/"
printf '\n[annex]\ndocuments = relazione, nonesuch\n' >>"$C/all/bad/documento.ini"
(cd "$C/all" && $A all bad >"$C/out" 2>&1)
[ $? -eq 1 ] && grep -q "^wrote output/relazione.pdf" "$C/out" &&
	ok "all: exit status the worst, the good document still built" || ko "all: exit status the worst, the good document still built" "$C/out"
finish
