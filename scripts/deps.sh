#!/bin/sh
# Install the Debian packages annex needs to build and test, if missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu
PKGS="build-essential pkg-config libhpdf-dev libcsv-dev \
libcmocka-dev poppler-utils qpdf python3 \
libhyphen-dev hyphen-it libzip-dev libexpat1-dev libxlsxwriter-dev \
libdeflate-dev libpng-dev gettext locales python3-openpyxl python3-pikepdf"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run this, then try again:" >&2
	echo "    sudo apt-get install -y$missing" >&2
	exit 1
fi
