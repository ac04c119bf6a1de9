#!/bin/sh
# readme-keys.sh [--check] [ANNEX] - the README's template reference.
#
# The table between the template-keys markers of README.md is the output
# of `annex template-keys --markdown`, which lists the key tables of
# src/template/ and src/reports/.  Without --check, rewrite it (make
# readme-keys); with --check, exit 1 when README.md differs (make check).
set -eu
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = --check ] && { check=1; shift; }
ANNEX=${1:-build/annex}
begin='<!-- BEGIN template-keys'
end='<!-- END template-keys -->'
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.keys"' EXIT
"$ANNEX" template-keys --markdown >"$tmp.keys"
awk -v begin="$begin" -v end="$end" -v keys="$tmp.keys" '
	index($0, begin) == 1 { print; while ((getline l < keys) > 0) print l; skip = 1; next }
	index($0, end) == 1 { skip = 0 }
	!skip { print }
' README.md >"$tmp"
grep -q "^$begin" README.md || { echo "readme-keys: no '$begin' marker in README.md" >&2; exit 1; }
if [ $check = 1 ]; then
	if ! cmp -s "$tmp" README.md; then
		echo "README.md's template reference differs from 'annex template-keys'; run make readme-keys" >&2
		diff README.md "$tmp" | head -20 >&2
		exit 1
	fi
else
	cmp -s "$tmp" README.md || cp "$tmp" README.md
fi
