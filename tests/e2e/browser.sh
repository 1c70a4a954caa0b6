#!/bin/sh
# browser.sh - stlsearch --servir in a real browser (headless Chromium
# driven by Selenium, tests/e2e/browser.py): a typed query, a facet,
# paging, a minute, its original, accents and ñ, markup kept as text; and
# screenshots of the search and minute pages at phone and desktop widths
# in $STL_BUILD/screenshots/. Skipped under STL_WRAP (memcheck makes each
# page seconds; web.sh covers the server under it).
. tests/e2e/lib.sh

if [ -n "${STL_WRAP:-}" ]; then
	echo "browser: skipped under STL_WRAP"
	exit 0
fi

DATA="$T/minutas"
mkdir -p "$DATA" "$STL_BUILD/screenshots"
cp corpus/*.txt tests/data/search/*.txt tests/data/web/*.txt "$DATA/"
export STLSEARCH_HOY=2022-06-01
run_rc $STLINDEX --quiet "$DATA"
expect_eq "index" 0 "$RC"
ID=$($STLSEARCH --json -- fecha:2022-05-10 | jq -r .id)

PORT=$(free_port)
start_server 300

# Chromium wants a writable home and runtime folder of its own.
mkdir -p "$T/run"
chmod 700 "$T/run"
# Debian's Python: python3-selenium is installed for it.
run_rc env XDG_RUNTIME_DIR="$T/run" /usr/bin/python3 tests/e2e/browser.py \
	"http://127.0.0.1:$PORT" "$ID" "$DATA/minuta-2022-05-10.txt" \
	"$STL_BUILD/screenshots"
expect_eq "browser checks: $ERR" 0 "$RC"
for s in buscar-escritorio buscar-telefono minuta-escritorio minuta-telefono; do
	check "screenshot $s" test -s "$STL_BUILD/screenshots/$s.png"
done
kill -TERM $SPID
wait $SPID
expect_eq "SIGTERM: exit 0" 0 "$?"
finish
