#!/bin/sh
# web.sh - stlsearch --servir over HTTP with curl: status codes and
# headers, the API answering what --json and --csv print, a minute's page
# (agreements, previous/next, escaped text), downloads of originals (by
# id only, refused once changed or through a link), malformed requests,
# a reindex seen without restart, and SIGTERM ending it with exit 0.
. tests/e2e/lib.sh

DATA="$T/minutas"
mkdir -p "$DATA"
cp corpus/*.txt tests/data/search/*.txt tests/data/web/*.txt "$DATA/"
# Deadlines' days left in the JSON count from a fixed day, for both.
export STLSEARCH_HOY=2022-06-01
run_rc $STLINDEX --quiet "$DATA"
expect_eq "index" 0 "$RC"

PORT=$(free_port)
H="http://127.0.0.1:$PORT"
# Under valgrind the start takes seconds.
start_server 600

# ---- refusals at the start ---------------------------------------------------

run_rc $STLSEARCH --servir 127.0.0.1:$PORT
expect_eq "an address without '=' is a query word: refused" 2 "$RC"
expect_has "and it says how" "--servir=127.0.0.1:8080" "$ERR"
run_rc $STLSEARCH --servir=localhost
expect_eq "bad address" 2 "$RC"
expect_has "bad address said" "dirección no válida para --servir: 'localhost'" "$ERR"
run_rc $STLSEARCH --servir=127.0.0.1:$PORT
expect_eq "port in use" 2 "$RC"
expect_has "port in use said" "no se puede servir en '127.0.0.1:$PORT'" "$ERR"

# code PATH: the status of GET PATH (sent as it is).
code() {
	curl -s --path-as-is -o /dev/null -w '%{http_code}' "$H$1"
}

# ---- statuses and headers ----------------------------------------------------

expect_eq "home" 200 "$(code /)"
expect_eq "search" 200 "$(code '/buscar?q=hoja+de+ruta')"
expect_eq "help" 200 "$(code /ayuda)"
expect_eq "unknown page" 404 "$(code /nada)"
expect_eq "bad kind" 400 "$(code '/buscar?q=x&tipo=nada')"
expect_eq "bad sort" 400 "$(code '/buscar?q=x&orden=nada')"
expect_eq "bad page" 400 "$(code '/buscar?q=x&pagina=abc')"
expect_eq "bad query" 400 "$(code '/buscar?q=campo:x')"
expect_eq "bad API limit" 400 "$(code '/api/buscar?q=x&limit=99999')"
expect_eq "CSV of both kinds" 400 "$(code '/api/buscar.csv?q=x&tipo=todo')"
expect_eq "POST" 405 "$(curl -s -o /dev/null -w '%{http_code}' -d q=x "$H/buscar")"
hdr=$(curl -s -D - -o /dev/null -X DELETE "$H/")
expect_has "405 says what is allowed" "Allow: GET, HEAD" "$hdr"

hdr=$(curl -s -D - -o "$T/page" "$H/buscar?q=hoja+de+ruta")
expect_has "CSP" "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" "$hdr"
expect_has "nosniff" "X-Content-Type-Options: nosniff" "$hdr"
expect_has "no referrer" "Referrer-Policy: no-referrer" "$hdr"
expect_has "HTML type" "Content-Type: text/html; charset=utf-8" "$hdr"
hdr=$(curl -s -D - -o /dev/null "$H/estilo.css")
expect_has "CSS type" "Content-Type: text/css; charset=utf-8" "$hdr"
hdr=$(curl -s -D - -o /dev/null "$H/nada")
expect_has "CSP on errors too" "Content-Security-Policy:" "$hdr"
page=$(cat "$T/page")
expect_has "result count" "2 resultados" "$page"
expect_has "highlighted words" "<mark>" "$page"
expect_has "year facet as a filter link" 'q=hoja%20de%20ruta%20fecha%3A2020' "$page"
expect_has "JSON export link" 'href="/api/buscar?q=hoja%20de%20ruta' "$page"
expect_has "CSV export link" 'href="/api/buscar.csv?q=hoja%20de%20ruta' "$page"
expect_lacks "no inline style (the CSP blocks it)" "style=" "$page"
expect_lacks "no external resource" "http" "$(printf '%s' "$page" | grep -o '\(href\|src\)="[^"]*"')"
page=$(curl -s "$H/buscar?q=se%C3%B1alizacion+zzzzqq")
expect_has "nothing found: help" "No se encontró nada" "$page"
page=$(curl -s "$H/buscar?q=participasion")
expect_has "did you mean" "participacion" "$page"
page=$(curl -s "$H/buscar?q=&orden=-fecha&pagina=1")
expect_has "all minutes listed" "6 resultados" "$page"
page=$(curl -s "$H/ayuda")
expect_has "help shows the query language" "asistente: (attendee)" "$page"

hdr=$(curl -s -I "$H/buscar?q=hoja")
expect_has "HEAD" "HTTP/1.1 200" "$hdr"

# ---- limits: connections from one address --------------------------------------

# 32 idle connections held open, the 33rd is closed unanswered; once
# they go, requests are served again.
out=$(python3 - "$PORT" <<'EOF'
import socket, sys, time
port = int(sys.argv[1])
held = []
for i in range(32):
    held.append(socket.create_connection(("127.0.0.1", port)))
time.sleep(0.5)
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(20)
try:
    s.sendall(b"GET / HTTP/1.0\r\n\r\n")
    print("over:", s.recv(12).decode(errors="replace") or "closed")
except OSError:
    print("over: closed")
for h in held:
    h.close()
EOF
)
expect_eq "per-address connection limit" "over: closed" "$out"
tries=0
until [ "$(code /)" = 200 ] || [ $tries -gt 100 ]; do
	tries=$((tries + 1))
	sleep 0.1
done
expect_eq "served again after" 200 "$(code /)"

# ---- API = CLI -------------------------------------------------------------------

# same_json QUERY [CURL ARGS] -- [CLI ARGS]
for q in 'hoja de ruta' 'Álvarez' 'alvarez' 'señalización' 'Begoña Núñez' \
	'asistente:cpc fecha:2020' '"hoja de ruta"' 'fecha:2022' \
	'mesa NO partidos' 'xyzzyinexistente' 'tema:compromiso' ''; do
	curl -s -G --data-urlencode "q=$q" "$H/api/buscar" >"$T/api"
	$STLSEARCH --json -- "$q" >"$T/cli" 2>/dev/null
	if cmp -s "$T/api" "$T/cli"; then ok; else
		not_ok "API != --json for '$q': $(diff "$T/cli" "$T/api" | head -5)"
	fi
done
curl -s -G --data-urlencode "q=informe" -d tipo=acuerdo -d orden=plazo \
	-d limit=3 -d offset=1 "$H/api/buscar" >"$T/api"
$STLSEARCH --json --acuerdos --orden plazo --limit 3 --offset 1 informe >"$T/cli"
check "API = --json with kind, sort, limit, offset" cmp -s "$T/api" "$T/cli"
curl -s -G --data-urlencode "q=fecha:2020" -d tipo=acuerdo "$H/api/buscar.csv" >"$T/api"
$STLSEARCH --csv --acuerdos fecha:2020 >"$T/cli"
check "CSV = --csv" cmp -s "$T/api" "$T/cli"
check "the CSV is not empty" test -s "$T/api"
hdr=$(curl -s -D - -o /dev/null "$H/api/buscar?q=x")
expect_has "JSON Lines type" "Content-Type: application/x-ndjson; charset=utf-8" "$hdr"

# ---- a minute ----------------------------------------------------------------------

ID1=$($STLSEARCH --json -- fecha:2022-05-10 | jq -r .id)
ID2=$($STLSEARCH --json -- fecha:2022-05-24 | jq -r .id)
curl -s "$H/minuta/$ID1" >"$T/m1"
page=$(cat "$T/m1")
expect_has "minute page: agreements" "Acuerdos</h2>" "$page"
expect_has "minute page: attendees" "Íñigo Muñoz Ibáñez" "$page"
expect_has "minute page: deadline" "2022-05-30" "$page"
expect_has "minute page: next meeting" "rel=\"next\" href=\"/minuta/$ID2\"" "$page"
expect_has "minute page: download link" "href=\"/archivo/$ID1\"" "$page"
expect_has "previous meeting" "rel=\"prev\" href=\"/minuta/$ID1\"" "$(curl -s "$H/minuta/$ID2")"
expect_has "script escaped" "&lt;script&gt;alert(1)&lt;/script&gt;" "$page"
expect_has "attribute breaker escaped" "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" "$page"
expect_has "topic markup escaped" "&lt;b&gt;web&lt;/b&gt; &amp; pruebas" "$page"
check "no script element" sh -c "! grep -qi '<script' '$T/m1'"
check "no img element" sh -c "! grep -qi '<img' '$T/m1'"
curl -s "$H/buscar?q=alert+tipo:acuerdo&tipo=todo" >"$T/s"
check "search page: no script element" sh -c "! grep -qi '<script\|<img' '$T/s'"
curl -s -G --data-urlencode 'q="><script>alert(1)</script>' "$H/buscar" >"$T/s"
check "query echoed escaped" grep -q '&quot;&gt;&lt;script&gt;' "$T/s"
check "query never raw" sh -c "! grep -qi '<script' '$T/s'"
expect_eq "unknown minute" 404 "$(code /minuta/0000000000000000)"
expect_eq "not an id" 404 "$(code /minuta/nada)"

# ---- originals -------------------------------------------------------------------------

F1="$DATA/minuta-2022-05-10.txt"
curl -s -o "$T/got" "$H/archivo/$ID1"
check "download: the exact bytes" cmp -s "$T/got" "$F1"
hdr=$(curl -s -D - -o /dev/null "$H/archivo/$ID1")
expect_has "download: a file" 'filename="minuta-2022-05-10.txt"' "$hdr"
expect_eq "download: unknown id" 404 "$(code /archivo/0000000000000000)"
expect_eq "download: never by path" 404 "$(code /archivo/$DATA/minuta-2022-05-10.txt)"
expect_eq "download: escaped path" 404 "$(code /archivo/%2Fetc%2Fpasswd)"
mv "$F1" "$F1.orig"
ln -s "$F1.orig" "$F1"
expect_eq "download: never through a link" 409 "$(code /archivo/$ID1)"
rm "$F1"
cp "$F1.orig" "$F1"
printf 'Cambio.\n' >>"$F1"
expect_eq "download: refused once changed" 409 "$(code /archivo/$ID1)"
rm "$F1"
expect_eq "download: gone" 410 "$(code /archivo/$ID1)"
mv "$F1.orig" "$F1"

# ---- malformed requests ------------------------------------------------------------------

for p in '/../../etc/passwd' '/archivo/../../etc/passwd' '/buscar?q=%zz' \
	'/buscar?q=%' '/buscar?q=a%00b' '/minuta/%00' "/buscar?q=%C3%28"; do
	c=$(code "$p")
	case "$c" in 4??) ok ;; *) not_ok "'$p' answered $c" ;; esac
done
# raw REQUEST: what comes back's first line (nothing if it was closed).
raw() {
	printf "$1" | nc -w 5 127.0.0.1 "$PORT" 2>/dev/null | head -1 | tr -d '\r'
}
big=$(head -c 100000 /dev/zero | tr '\0' a)
for r in 'GET / HTTP/1.1\r\nHost: x\r\nX: '"$big"'\r\n\r\n' \
	'NADA\r\n\r\n' 'GET /buscar?q=%%zz HTTP/1.0\r\n\r\n' \
	'GET /archivo/../../../etc/passwd HTTP/1.0\r\n\r\n' \
	'GET /buscar?q=%%00 HTTP/1.1\r\nHost: x\r\n\r\n'; do
	line=$(raw "$r")
	case "$line" in "" | "HTTP/1."[01]" 4"*) ok ;;
	*) not_ok "malformed request answered '$line'" ;; esac
done
# libmicrohttpd answers an unknown version 505, and ends the request
# line's path at a raw NUL byte (the request is then for what precedes
# it): neither may crash the server.
expect_eq "unknown HTTP version" "HTTP/1.1 505 HTTP Version Not Supported" \
	"$(raw 'GET / HTTP/9.9\r\n\r\n')"
line=$(raw 'GET /nada\000/../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n')
expect_eq "raw NUL: the path before it" "HTTP/1.1 404 Not Found" "$line"
expect_eq "alive after malformed requests" 200 "$(code /)"

# ---- a reindex, seen without restart -------------------------------------------------------

curl -s -G --data-urlencode "q=zanahoria" "$H/api/buscar" >"$T/api"
check "not yet indexed" test ! -s "$T/api"
sed 's/Sala de juntas/Sala zanahoria/' tests/data/web/minuta-2022-05-24.txt \
	>"$DATA/minuta-2022-06-07.txt"
sed -i 's/24 de mayo/7 de junio/' "$DATA/minuta-2022-06-07.txt"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "reindex" 0 "$RC"
n=$(curl -s -G --data-urlencode "q=zanahoria" "$H/api/buscar" | wc -l)
expect_eq "reindex seen without restart" 1 "$n"

# ---- IPv6, where the machine has a loopback for it ----------------------------

if P6=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1", 0)); print(s.getsockname()[1])' 2>/dev/null); then
	$STLSEARCH --servir="[::1]:$P6" 2>"$T/log6" &
	S6=$!
	tries=0
	until curl -s -o /dev/null "http://[::1]:$P6/" || [ $tries -gt 600 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	expect_eq "IPv6 literal in brackets" 200 \
		"$(curl -s -o /dev/null -w '%{http_code}' "http://[::1]:$P6/buscar?q=hoja")"
	kill -INT $S6
	wait $S6
	expect_eq "SIGINT: exit 0" 0 "$?"
fi

# ---- the log, the end -------------------------------------------------------------------------

kill -TERM $SPID
wait $SPID
expect_eq "SIGTERM: exit 0" 0 "$?"
log=$(cat "$T/log")
expect_has "access log line" " 200 " "$log"
expect_has "access log path" "GET /buscar" "$log"
check "log lines are one a request" sh -c "! grep -q 'alert(1)</script>' '$T/log'"
finish
