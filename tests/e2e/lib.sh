# lib.sh - what the end-to-end suites share: counting checks.  Source it
# after setting T (a temporary folder); end the suite with `finish`.
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
# ko NAME [FILE]: a failed check, with the first lines of FILE if given.
ko() {
	fail=$((fail + 1))
	echo "FAIL $1"
	[ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -20
	return 0
}
# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	_name=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then ok "$_name"; else ko "$_name" "$T/check.out"; fi
}
# The closing line the suites and CI read.
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
