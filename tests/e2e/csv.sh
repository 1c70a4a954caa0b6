#!/bin/sh
# csv.sh - stable ids, --csv and --ver end to end over corpus/ plus the
# hand-made minutes of tests/data/search (and a copy of one minute in
# another folder): the CSV of minutes and of agreements, its header,
# quoting and joined cells; --csv=excel read back by Python's csv module
# (and by LibreOffice Calc when it is installed) with accents intact;
# --ver by path and by id, an agreement's id marking it; ids the same
# after stlindex --full and with the index moved; exit codes.
. tests/e2e/lib.sh

DATA="$T/minutas"
mkdir -p "$DATA/copia"
cp corpus/*.txt tests/data/search/*.txt "$DATA/"
# The same minute in another folder: one hit, two files.
cp tests/data/search/minuta-2021-03-15.txt "$DATA/copia/"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "index" 0 "$RC"

# csv_py FILE PROGRAM: run PROGRAM with the rows of FILE (utf-8-sig) in
# `rows`, a list of dicts by the header.
csv_py() {
	python3 - "$1" "$2" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.DictReader(f))
    f.seek(0)
    header = next(csv.reader(f))
exec(sys.argv[2])
EOF
}

# ---- ids ---------------------------------------------------------------------

run_rc $STLSEARCH --json --limit 100 --orden fecha
expect_eq "json exit" 0 "$RC"
ids=$(printf '%s\n' "$OUT" | jq -r .id)
expect_eq "every minute has an id of 16 hex digits" 0 \
	"$(printf '%s\n' "$ids" | grep -cv '^[0-9a-f]\{16\}$')"
expect_eq "ids are unique" "$(printf '%s\n' "$ids" | wc -l)" \
	"$(printf '%s\n' "$ids" | sort -u | wc -l)"
run_rc $STLSEARCH --json --acuerdos --limit 1000 --orden fecha
aids=$(printf '%s\n' "$OUT" | jq -r .id)
expect_eq "an agreement's id is its minute's and its number" "" \
	"$(printf '%s\n' "$OUT" | jq -r '. as $h | select($h.id | test("^[0-9a-f]{16}-\($h.number)$") | not) | .id')"
m0924=$($STLSEARCH --json fecha:2020-09-24 | jq -r .id)
expect_eq "agreement ids of 2020-09-24" "$m0924-1 $m0924-2 $m0924-3 $m0924-4" \
	"$($STLSEARCH --json --acuerdos --orden fecha --limit 10 fecha:2020-09-24 | jq -r .id | sort | tr '\n' ' ' | sed 's/ $//')"

# ---- --csv: minutes ---------------------------------------------------------------

run_rc $STLSEARCH --csv --orden fecha --limit 100
expect_eq "csv minutes exit" 0 "$RC"
printf '%s\n' "$OUT" >"$T/m.csv"
expect_eq "csv minutes header" "id,fecha,hora,evento,lugar,asistentes,temas,archivo" \
	"$(head -n 1 "$T/m.csv")"
expect_eq "csv: no BOM, no CR without =excel" 0 "$(tr -d -c '\r\357' <"$T/m.csv" | wc -c)"
expect_eq "csv minutes: as many rows as --json lists" "$(printf '%s\n' "$ids" | wc -l)" \
	"$(csv_py "$T/m.csv" 'print(len(rows))')"
expect_eq "csv minutes: ids as --json's" "$(printf '%s\n' "$ids" | tr '\n' ' ')" \
	"$(csv_py "$T/m.csv" 'print(" ".join(r["id"] for r in rows), end=" ")')"
r=$(csv_py "$T/m.csv" '
r = [x for x in rows if x["fecha"] == "2020-09-24"][0]
print(r["hora"], r["lugar"].split("; ")[0], len(r["asistentes"].split("; ")), len(r["temas"].split("; ")), sep="|")
print(r["archivo"] == "'"$DATA"'/minuta-2020-09-24.txt")
r = [x for x in rows if x["fecha"] == "2021-03-15"][0]
print(*sorted(p.rsplit("/", 2)[-2] for p in r["archivo"].split("; ")))')
expect_eq "csv minute row: time, place, attendees, topics, file; a copy's both files" \
	"17:00|Metepec|8|4
True
copia minutas" "$r"
run_rc $STLSEARCH --csv --limit 1 --offset 1 --orden fecha
expect_eq "csv: --limit and --offset apply" \
	"$(printf '%s\n' "$ids" | sed -n 2p)" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -d, -f1)"
expect_eq "csv: default limit as --json (10 rows)" \
	"$($STLSEARCH --json | wc -l)" "$($STLSEARCH --csv | tail -n +2 | wc -l)"

# ---- --csv=excel: agreements --------------------------------------------------------

run_rc $STLSEARCH --acuerdos --csv=excel --orden fecha --limit 1000
expect_eq "csv agreements exit" 0 "$RC"
printf '%s' "$OUT" >"$T/a.csv"
printf '\r\n' >>"$T/a.csv"	# $(...) ate the last line end
expect_eq "excel: starts with the UTF-8 BOM" "efbbbf" "$(head -c 3 "$T/a.csv" | od -An -tx1 | tr -d ' \n')"
expect_eq "excel: every line ends with CR LF" 0 \
	"$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); print(d.replace(b"\r\n", b"").count(b"\n"))' "$T/a.csv")"
expect_eq "csv agreements header" \
	"id,fecha,numero,acuerdo,personas,plazo,estado,evento,archivo" \
	"$(csv_py "$T/a.csv" 'print(",".join(header))')"
expect_eq "csv agreements: ids as --json's" "$(printf '%s\n' "$aids" | tr '\n' ' ')" \
	"$(csv_py "$T/a.csv" 'print(" ".join(r["id"] for r in rows), end=" ")')"
expect_eq "csv agreements: estado" "sin seguimiento" \
	"$(csv_py "$T/a.csv" 'print(*sorted({r["estado"] for r in rows}))')"
r=$(csv_py "$T/a.csv" '
r = [x for x in rows if x["id"] == "'"$m0924"'-3"][0]
print(r["fecha"], r["numero"], r["personas"], r["plazo"], r["acuerdo"][:20], sep="|")')
expect_eq "csv agreement row, accents intact" \
	"2020-09-24|3|Adriana Yadira Cárdenas Tagle|2020-10-01|La Directora General" "$r"
expect_eq "csv agreement of a copied minute names both files" 2 \
	"$(csv_py "$T/a.csv" 'print(len([x for x in rows if x["fecha"] == "2021-03-15"][0]["archivo"].split("; ")))')"
# A cell with a comma is quoted, and reads back whole.
expect_eq "quoted cells read back" yes \
	"$(csv_py "$T/a.csv" 'print("yes" if any("," in r["acuerdo"] for r in rows) and all(len(r) == 9 for r in rows) else "no")')"

# LibreOffice Calc, when installed, reads it with the accents.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/ods" "$T/lo"
	HOME="$T/lo" timeout 20 soffice --headless --convert-to ods \
		--outdir "$T/ods" "$T/a.csv" >/dev/null 2>&1
	if [ -f "$T/ods/a.ods" ]; then
		expect_eq "LibreOffice reads the accents" yes "$(python3 -c '
import sys, zipfile
c = zipfile.ZipFile(sys.argv[1]).read("content.xml").decode()
print("yes" if "Adriana Yadira Cárdenas Tagle" in c and "sin seguimiento" in c else "no")' "$T/ods/a.ods")"
	else
		echo "skip: $NAME: soffice cannot open CSV here (no LibreOffice Calc)"
	fi
fi

# ---- nothing found, errors --------------------------------------------------------------

run_rc $STLSEARCH --csv palabraquenoexisteenningunaminuta
expect_eq "csv nothing: exit 1" 1 "$RC"
expect_eq "csv nothing: the header alone" "id,fecha,hora,evento,lugar,asistentes,temas,archivo" "$OUT"
run_rc $STLSEARCH --csv --tipo todo
expect_eq "csv --tipo todo: exit 2" 2 "$RC"
expect_has "csv --tipo todo: says what to use" "--acuerdos" "$ERR"
$STLSEARCH --csv tipo:acuerdo fecha:2020-09-24 >"$T/q.csv"
expect_eq "csv tipo:acuerdo in the query: the table of agreements" \
	"id,fecha,numero,acuerdo,personas,plazo,estado,evento,archivo 4" \
	"$(head -n 1 "$T/q.csv") $(csv_py "$T/q.csv" 'print(len(rows))')"
run_rc $STLSEARCH --csv --json
expect_eq "csv and json: exit 2" 2 "$RC"
run_rc $STLSEARCH --csv=ods
expect_eq "csv=ods: exit 2" 2 "$RC"
expect_has "csv=ods: Spanish line" "valor no válido para --csv" "$ERR"

# ---- --ver ---------------------------------------------------------------------------------

run_rc $STLSEARCH --ver "$DATA/minuta-2020-09-24.txt"
expect_eq "ver by absolute path: exit 0" 0 "$RC"
by_path=$OUT
expect_has "ver: header" "Minuta 2020-09-24 17:00 · Grupo Operativo del Secretariado Técnico Local" "$OUT"
expect_has "ver: id" "id:         $m0924" "$OUT"
expect_has "ver: place" "Lugar:      Metepec" "$OUT"
expect_has "ver: attendee with post and institution" \
	"  Lilibeth Álvarez Rodríguez — Jefa de la Unidad de Transparencia, IEEM" "$OUT"
expect_has "ver: topics" "Temas (4):" "$OUT"
expect_has "ver: agreement with person and deadline" "  III. La Directora General" "$OUT"
expect_has "ver: agreement id" "     id: $m0924-3" "$OUT"
expect_has "ver: agreement person" "     Persona: Adriana Yadira Cárdenas Tagle" "$OUT"
expect_has "ver: deadline" "     Plazo: 2020-10-01" "$OUT"
expect_has "ver: follow-up meeting" "Próxima reunión: 2020-10-01" "$OUT"
expect_lacks "ver: nothing marked" "▶" "$OUT"
(cd "$DATA" && $STLSEARCH --ver minuta-2020-09-24.txt) >"$T/out" 2>"$T/err"
expect_eq "ver by relative path: as by absolute" "$by_path" "$(cat "$T/out")"
(cd "$DATA/copia" && $STLSEARCH --ver ./../minuta-2020-09-24.txt) >"$T/out" 2>"$T/err"
expect_eq "ver by a path with '..'" "$by_path" "$(cat "$T/out")"
# Indexed through a link: the path as indexed keeps it.
ln -s "$DATA" "$T/enlace"
$STLINDEX --quiet --db "$T/db-enlace" "$T/enlace"
(cd "$T/enlace" && $STLSEARCH --db "$T/db-enlace" --ver minuta-2020-09-24.txt) >"$T/out" 2>"$T/err"
expect_has "ver in an index made through a link" "Archivo:    $T/enlace/minuta-2020-09-24.txt" "$(cat "$T/out")"
run_rc $STLSEARCH --ver "$DATA/minuta-2021-03-15.txt"
expect_has "ver: the copy" "También en: $DATA/copia/minuta-2021-03-15.txt" "$OUT"
run_rc $STLSEARCH --ver "$DATA/copia/minuta-2021-03-15.txt"
expect_has "ver of the copy: the other file" "También en: $DATA/minuta-2021-03-15.txt" "$OUT"
run_rc $STLSEARCH --ver "$m0924"
expect_eq "ver by id: as by path" "$by_path" "$OUT"
run_rc $STLSEARCH --ver "$(printf '%s' "$m0924" | tr a-f A-F)"
expect_eq "ver by id in capitals" 0 "$RC"
run_rc $STLSEARCH --ver "$m0924-2"
expect_eq "ver by agreement id: exit 0" 0 "$RC"
expect_has "ver by agreement id: marked" "▶ II. Se enviará" "$OUT"
expect_eq "ver by agreement id: one marked" 1 "$(printf '%s\n' "$OUT" | grep -c '▶')"
run_rc $STLSEARCH --ver "$m0924-2" --json
expect_eq "ver --json: the minute's line, the agreement asked for" \
	"$m0924 $DATA/minuta-2020-09-24.txt [2]" \
	"$(printf '%s\n' "$OUT" | jq -r '"\(.id) \(.path) \(.matching_agreements | tojson)"')"
run_rc $STLSEARCH --ver "$m0924" --csv
expect_eq "ver --csv: exit 2" 2 "$RC"
run_rc $STLSEARCH --ver "$m0924-9"
expect_eq "ver: agreement not in the minute: exit 1" 1 "$RC"
expect_has "ver: agreement not in the minute: says so" "no tiene acuerdo 9" "$ERR"
run_rc $STLSEARCH --ver 0000000000000000
expect_eq "ver: unknown id: exit 1" 1 "$RC"
expect_has "ver: unknown id: Spanish line" "ninguna minuta del índice" "$ERR"
printf 'hola\n' >"$T/suelto.txt"
run_rc $STLSEARCH --ver "$T/suelto.txt"
expect_eq "ver: a file not indexed: exit 1" 1 "$RC"
expect_has "ver: a file not indexed: Spanish line" "no está en el índice" "$ERR"
expect_eq "ver: one line" 1 "$(printf '%s\n' "$ERR" | wc -l)"
run_rc $STLSEARCH --ver "$T/no-existe.txt"
expect_eq "ver: neither a file nor an id: exit 2" 2 "$RC"
expect_has "ver: neither: Spanish line" "no es un archivo ni un id" "$ERR"
run_rc $STLSEARCH --ver "$m0924" hoja
expect_eq "ver with query words: exit 2" 2 "$RC"
run_rc $STLSEARCH --db "$T/nada" --ver "$m0924"
expect_eq "ver without an index: exit 2" 2 "$RC"
expect_has "ver without an index: run stlindex" "stlindex" "$ERR"

# ---- ids survive a full rebuild and a move of the index ------------------------------------------

all_ids() {
	{ $STLSEARCH "$@" --json --limit 1000 --orden fecha | jq -r .id
	  $STLSEARCH "$@" --json --acuerdos --limit 1000 --orden fecha | jq -r .id; } |
		sort | tr '\n' ' '
}
before=$(all_ids)
run_rc $STLINDEX --quiet --full "$DATA"
expect_eq "stlindex --full" 0 "$RC"
expect_eq "ids the same after --full" "$before" "$(all_ids)"
mv "$STLSEARCH_DB" "$T/movido"
expect_eq "ids the same with the index moved" "$before" "$(all_ids --db "$T/movido")"
run_rc $STLSEARCH --db "$T/movido" --ver "$m0924-2"
expect_eq "ver by id in the moved index" 0 "$RC"

finish
