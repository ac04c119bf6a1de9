#!/bin/sh
# t_install.sh - the installed tool (issue 18): `make install` into a
# staging prefix, then from / the default and a named template, the man
# pages, messages in Italian and English (an it_IT.UTF-8 locale made with
# localedef in a private folder: skipped where that is impossible), the
# nightly job's crontab line and systemd units, `make uninstall`.
# Run by run.sh with ANNEX and T set; uses the release build/annex.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh
SRC=$(pwd)
S=$T/stage
I=$T/inst
mkdir -p "$I"
unset ANNEX_DATA LANGUAGE LC_ALL LC_MESSAGES
if make --no-print-directory install PREFIX="$S" DESTDIR= >"$I/make.out" 2>&1 &&
	[ -x "$S/bin/annex" ] && [ -f "$S/share/annex/templates/all-1.1.ini" ] &&
	[ -f "$S/share/annex/fonts/sRGB.icc" ] && [ -f "$S/share/annex/input/documento.ini" ] && [ -f "$S/share/man/man1/annex.1" ] &&
	[ -f "$S/share/man/it/man1/annex.1" ] && [ -f "$S/share/locale/it/LC_MESSAGES/annex.mo" ]; then
	ok "make install PREFIX=stage: binary, templates, fonts, ICC, man pages, messages"
else
	ko "make install PREFIX=stage" "$I/make.out"
fi
BIN=$S/bin/annex

(cd / && LANG=C "$BIN" build -o "$I/OUT.pdf" "$SRC/input" >"$I/out" 2>&1)
[ $? -eq 0 ] && [ -s "$I/OUT.pdf" ] && ok "installed: cd / && annex build -o OUT.pdf PLAN" ||
	ko "installed: cd / && annex build -o OUT.pdf PLAN" "$I/out"
check "installed: pdfa_check" python3 tests/pdfa_check "$I/OUT.pdf"
(cd / && LANG=C "$BIN" build -t relazione -o "$I/rel.pdf" "$SRC/input" >"$I/out" 2>&1)
[ $? -eq 0 ] && [ -s "$I/rel.pdf" ] && [ -s "$I/rel.csv" ] &&
	ok "installed: -t relazione finds the shipped template" || ko "installed: -t relazione finds the shipped template" "$I/out"

if command -v man >/dev/null 2>&1; then
	LANG=C man -l "$S/share/man/man1/annex.1" 2>"$I/man.err" | grep -q "annex all" && [ ! -s "$I/man.err" ] &&
		ok "man -l annex.1" || ko "man -l annex.1" "$I/man.err"
	LANG=C man -l "$S/share/man/it/man1/annex.1" 2>"$I/man.err" | grep -q "CODICE DI USCITA" &&
		ok "man -l it/annex.1" || ko "man -l it/annex.1" "$I/man.err"
else
	echo "skip man -l (man not installed)"
fi

# A bad plan: an unknown tipo (error) and numbers missing (warnings).
mkdir -p "$I/bad" && cp input/* "$I/bad/"
sed -i '2s/;aggiornato;/;aggiunto;/' "$I/bad/modifiche.csv"
(cd "$I" && LANG=C "$BIN" check bad >"$I/en" 2>&1)
rc=$?
[ $rc -eq 1 ] && grep -q "^bad/modifiche.csv:2: error: tipo must be" "$I/en" &&
	grep -q "^bad/modifiche.csv:[0-9]*: warning: [0-9]* amendments have no deliberation number, the first here" "$I/en" &&
	ok "LANG=C: English messages with file:line" || ko "LANG=C: English messages with file:line (rc $rc)" "$I/en"
L=$T/locale
mkdir -p "$L"
if localedef -i it_IT -f UTF-8 "$L/it_IT.UTF-8" >/dev/null 2>&1 ||
	locale -a 2>/dev/null | grep -qi '^it_IT.utf-\?8$'; then
	(cd "$I" && LOCPATH=$L LANG=it_IT.UTF-8 "$BIN" check bad >"$I/it" 2>&1)
	rc=$?
	[ $rc -eq 1 ] && grep -q "^bad/modifiche.csv:2: errore: tipo deve essere inserito" "$I/it" &&
		grep -q "^bad/modifiche.csv:[0-9]*: avviso: [0-9]* modifiche non hanno il numero di deliberazione, la prima qui" "$I/it" &&
		grep -q "^annex: 1 errore, [0-9]* avvis[oi]$" "$I/it" &&
		ok "LANG=it_IT.UTF-8: Italian messages with file:line" || ko "LANG=it_IT.UTF-8: Italian messages with file:line (rc $rc)" "$I/it"
	(cd "$I" && LOCPATH=$L LANG=it_IT.UTF-8 "$BIN" build -o ok.pdf "$SRC/input" >"$I/it" 2>&1)
	grep -Eq "^scritto ok.pdf \([0-9]+ pagine, [0-9]+,[0-9]{2} s\)$" "$I/it" &&
		ok "Italian success line" || ko "Italian success line" "$I/it"
	LOCPATH=$L LANG=it_IT.UTF-8 "$BIN" build --help >"$I/it" 2>&1
	grep -q "^uso: annex build" "$I/it" && grep -q "stampa solo gli errori" "$I/it" &&
		ok "Italian --help" || ko "Italian --help" "$I/it"
else
	echo "skip Italian messages (no it_IT.UTF-8 locale and localedef failed)"
fi

# The nightly job: the crontab line as cron would run it, then the
# systemd units verified.
mkdir -p "$I/srv" && cp -r input "$I/srv/maremma"
line=$(grep -v '^#' docs/nightly/crontab.example | grep annex | cut -d' ' -f6-)
cmd=$(printf '%s\n' "$line" | sed "s|/srv/piani|$I/srv|g; s|/usr/local/bin/annex|$BIN|g; s|\\\\%|%|g")
sh -c "$cmd" >"$I/cron.out" 2>&1
[ $? -eq 0 ] && [ -s "$I/srv/output/all-1.1.pdf" ] && [ -s "$I/srv/output/relazione.pdf" ] && [ ! -s "$I/cron.out" ] &&
	ok "crontab line builds every plan, silently" || ko "crontab line builds every plan, silently" "$I/cron.out"
sh -c "$cmd" >"$I/cron.out" 2>&1
[ $? -eq 0 ] && ok "crontab line again: nothing to do, exit 0" || ko "crontab line again" "$I/cron.out"
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$I/units"
	sed "s|/usr/local/bin/annex|$BIN|; s|/srv/piani|$I/srv|; s|^User=.*|User=root|" \
		docs/nightly/annex-nightly.service >"$I/units/annex-nightly.service"
	cp docs/nightly/annex-nightly.timer "$I/units/"
	MANPATH=$S/share/man systemd-analyze verify "$I/units/annex-nightly.service" \
		"$I/units/annex-nightly.timer" >"$I/sd.out" 2>&1 &&
		ok "systemd-analyze verify service and timer" || ko "systemd-analyze verify service and timer" "$I/sd.out"
else
	echo "skip systemd-analyze verify (not installed)"
fi

# Every message translated: a new message left in English is a todo (the
# helper who adds it translates it with `make po`), not a failure.
make --no-print-directory po-status >"$I/po.out" 2>&1
if grep -q "untranslated\|fuzzy" "$I/po.out"; then
	echo "todo po/*.po: $(cat "$I/po.out") (make po, then translate)"
elif grep -q "translated messages" "$I/po.out"; then
	ok "every message has its Italian translation"
else
	ko "make po-status" "$I/po.out"
fi

make --no-print-directory uninstall PREFIX="$S" DESTDIR= >"$I/make.out" 2>&1
[ ! -e "$S/bin/annex" ] && [ ! -e "$S/share/annex" ] && [ ! -e "$S/share/man/man1/annex.1" ] &&
	[ ! -e "$S/share/locale/it/LC_MESSAGES/annex.mo" ] &&
	ok "make uninstall removes what install put" || ko "make uninstall" "$I/make.out"
finish
