#!/bin/sh
# remote.sh - a stub database listing two remote shards (each half of the
# minutes, served by its own xapian-tcpsrv on 127.0.0.1) answers as one
# index of the whole: the same hits in the same order, counts, facets,
# institutions by full name (on the client: remote shards have no
# synonyms), people, deadlines and statuses; a stopped server is one line
# naming its shard and exit 2, quickly.
. tests/e2e/lib.sh

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
	echo "skip: remote: xapian-tcpsrv not installed (xapian-tools)"
	exit 0
fi

DATA="$T/minutas"
mkdir -p "$DATA/a" "$DATA/b"
cp corpus/*.txt corpus/instituciones.tsv "$DATA/a/"
cp tests/data/search/*.txt tests/data/seguimiento/*.txt corpus/instituciones.tsv \
	"$DATA/b/" 2>/dev/null
# A copy of a minute in its half: one hit, both files. (Copies in two
# shards collapse too, but which file stands for them follows Xapian's
# document ids, not the path: not compared.)
mkdir -p "$DATA/a/copia"
cp corpus/minuta-2020-09-24.txt "$DATA/a/copia/"
export STLSEARCH_HOY=2021-06-01
run_rc $STLINDEX --quiet --db "$T/whole" "$DATA/a" "$DATA/b"
expect_eq "index the whole" 0 "$RC"
run_rc $STLINDEX --quiet --db "$T/ha" "$DATA/a"
expect_eq "index half a" 0 "$RC"
run_rc $STLINDEX --quiet --db "$T/hb" "$DATA/b"
expect_eq "index half b" 0 "$RC"

# serve DB: a xapian-tcpsrv in its own process group (it signals its
# whole group when stopped); sets PORT and SRV (the group's id).
PGIDS=""
serve() {
	PORT=$(free_port)
	setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$PORT" \
		"$1" >/dev/null 2>&1 &
	SRV=$!
	PGIDS="$PGIDS $SRV"
	n=0
	until python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$PORT" 2>/dev/null; do
		n=$((n + 1))
		[ "$n" -lt 100 ] || break
		sleep 0.1
	done
}
stop_all() {
	for g in $PGIDS; do kill -TERM "-$g" 2>/dev/null; done
	PGIDS=""
}
trap 'stop_all; rm -rf "$T"' EXIT INT TERM

serve "$T/ha"
PA=$PORT
serve "$T/hb"
PB=$PORT
SB=$SRV
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$PA" "$PB" >"$T/stub"

# same DESCRIPTION ARGS...: the same output and status on the stub as on
# the whole index; scores to 9 digits (the servers' sums round apart).
same() {
	desc=$1
	shift
	$STLSEARCH --db "$T/whole" "$@" >"$T/w.out" 2>&1
	rw=$?
	$STLSEARCH --db "$T/stub" "$@" >"$T/s.out" 2>&1
	rs=$?
	for f in w s; do
		sed 's/"score":\([0-9.e-]*\)/\n\1\n/g' "$T/$f.out" |
			awk 'NR % 2 == 0 && /^[0-9.e-]+$/ { printf "%.9g\n", $0; next } { print }' \
			>"$T/$f.cmp"
	done
	if [ "$rw" = "$rs" ] && cmp -s "$T/w.cmp" "$T/s.cmp"; then
		ok
	else
		not_ok "$desc: status $rw/$rs; $(diff "$T/w.cmp" "$T/s.cmp" | head -9 | cut -c1-120)"
	fi
}

same "free text" --json acuerdo
same "two words" --json --limit 50 transparencia ciudadana
same "phrase" --json '"datos abiertos"'
same "full institution name" --json 'Instituto Electoral del Estado de México'
same "institucion: by part" --json 'institucion:"Instituto Electoral"'
same "asistente: by institution" --json asistente:cpc
same "persona:" --json 'persona:"Lilibeth Álvarez"'
same "fecha:" --json fecha:2020
same "plazo:" --json --acuerdos plazo:2020
same "estado:" --json --acuerdos estado:cumplido
same "agreements" --json --acuerdos --limit 50 informe
same "no words" --json --limit 50 --acuerdos
same "facets" --facetas acuerdo
same "count" --count acuerdo
same "text output" transparencia
same "people" --personas
same "people by query" --personas --json institucion:CPC
same "csv of agreements" --acuerdos --csv --limit 50
same "one minute whole" --ver "$DATA/a/minuta-2020-09-24.txt"
same "deadlines, latest first" --acuerdos --json --orden -plazo plazo:2020

# A stopped server: one line naming it, exit 2, quickly.
stop_all
serve "$T/ha"
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$PORT" "$PB" >"$T/stub"
start=$(date +%s)
run_rc $STLSEARCH --db "$T/stub" acuerdo
took=$(($(date +%s) - start))
expect_eq "stopped shard: exit 2" 2 "$RC"
expect_has "stopped shard named" "127.0.0.1:$PB" "$ERR"
expect_eq "stopped shard: one line" 1 "$(printf '%s\n' "$ERR" | wc -l)"
[ "$took" -lt 15 ] && ok || not_ok "stopped shard took ${took}s"

finish
