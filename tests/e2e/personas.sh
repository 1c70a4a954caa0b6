#!/bin/sh
# personas.sh - stlsearch --personas end to end: on corpus/ plus
# tests/data/search (the acceptance of issue 14: Adriana Yadira Cárdenas
# Tagle's two posts, Lilibeth Álvarez Rodríguez once with one post), then
# on tests/data/personas (three forms of one name, a post equal in its
# head word, posts over time, ñ after n): text, JSON, CSV, filters by
# name, institucion:, fecha: and Y/O/NO, --limit/--offset, exit codes;
# personas.tsv making persona:/asistente: find the other form's minutes
# with no minute reindexed, its bad line a warning, a changed file
# picked up.
. tests/e2e/lib.sh

# ---- the acceptance, on corpus/ + tests/data/search -------------------------------

A="$T/acept"
mkdir -p "$A"
cp corpus/*.txt tests/data/search/*.txt "$A/"
run_rc $STLINDEX --quiet --db "$T/adb" "$A"
expect_eq "index corpus" 0 "$RC"
run_rc $STLSEARCH --db "$T/adb" --personas --json
expect_eq "corpus: --personas exit" 0 "$RC"
expect_eq "Adriana Yadira Cárdenas Tagle: Subcoordinadora de ponencia, then Directora General" \
	'["Subcoordinadora de ponencia","2020-06-17"] ["Directora General","2020-09-24"]' \
	"$(printf '%s\n' "$OUT" | jq -c 'select(.name == "Adriana Yadira Cárdenas Tagle") | .posts[] | [(.role | split(" ")[0:3] | join(" ") | sub(" del$"; "") | sub(" de$"; "")), .first]' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "Lilibeth Álvarez Rodríguez once, with one post" "1 1" \
	"$(printf '%s\n' "$OUT" | jq -r 'select(.name | test("Lilibeth")) | .posts | length' | wc -l | tr -d ' ') $(printf '%s\n' "$OUT" | jq -r 'select(.name == "Lilibeth Álvarez Rodríguez") | .posts | length')"
run_rc $STLSEARCH --db "$T/adb" --personas institucion:CPC
expect_eq "corpus: institucion:CPC finds someone" 0 "$RC"

# ---- text, JSON and CSV --------------------------------------------------------------

M="$T/minutas"
mkdir -p "$M"
cp tests/data/personas/*.txt "$M/"
run_rc $STLINDEX --quiet "$M"
expect_eq "index" 0 "$RC"

run_rc $STLSEARCH --personas
expect_eq "text exit" 0 "$RC"
expect_eq "text: count, then the people in Spanish order (ñ after n)" \
	"5 personas
Edgar Serrano
Enrique Serrano Arenas
Lilibeth Álvarez Rodríguez
Nora Ruiz Peña
Ñeco Zamora Díaz" "$(printf '%s\n' "$OUT" | grep -v '^ ' | grep -v '^$')"
expect_has "text: three forms, one person, one post over three meetings" \
	"Lilibeth Álvarez Rodríguez
  3 reuniones, del 2022-01-20 al 2022-03-17; 1 acuerdo
  · Jefa de la Unidad de Transparencia, IEEM: del 2022-01-20 al 2022-03-17 (3 reuniones)
  Otras formas: Lilibeth Alvarez Rodriguez; Lilibeth Álvarez" "$OUT"
expect_has "text: posts over time" \
	"  · Secretario Técnico, CPC: del 2022-01-20 al 2022-02-17 (2 reuniones)
  · Presidente del Comité de Participación Ciudadana, CPC: el 2022-03-17 (1 reunión)" "$OUT"

run_rc $STLSEARCH --personas --json
expect_eq "json exit" 0 "$RC"
expect_eq "json: one object a person" 5 "$(printf '%s\n' "$OUT" | jq -c . | wc -l | tr -d ' ')"
expect_eq "json: a person's keys and values" \
	'{"name":"Ñeco Zamora Díaz","names":["Ñeco Zamora Díaz"],"posts":[{"role":"Secretario Técnico","institution":"CPC","first":"2022-01-20","last":"2022-02-17","meetings":2},{"role":"Presidente del Comité de Participación Ciudadana","institution":"CPC","first":"2022-03-17","last":"2022-03-17","meetings":1}],"meetings":3,"first":"2022-01-20","last":"2022-03-17","agreements":0}' \
	"$(printf '%s\n' "$OUT" | jq -c 'select(.name == "Ñeco Zamora Díaz")')"
expect_eq "json: named in an agreement only" '[0,null,1,[]]' \
	"$(printf '%s\n' "$OUT" | jq -c 'select(.name == "Edgar Serrano") | [.meetings, .first, .agreements, .posts]')"

run_rc $STLSEARCH --personas --csv=excel
expect_eq "csv exit" 0 "$RC"
printf '%s\n' "$OUT" >"$T/p.csv"
r=$(python3 - "$T/p.csv" <<'EOF'
import csv, sys
raw = open(sys.argv[1], 'rb').read()
print(raw.startswith(b'\xef\xbb\xbf'), b'\r\n' in raw)
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f))
print(','.join(rows[0]))
r = [x for x in rows if x[0] == 'Lilibeth Álvarez Rodríguez'][0]
print('|'.join(r))
r = [x for x in rows if x[0] == 'Ñeco Zamora Díaz'][0]
print(r[2], r[3], sep='|')
print(len(rows) - 1)
EOF
)
expect_eq "csv=excel: BOM, CRLF, header, cells, current post" \
	"True True
nombre,otras formas,cargo actual,institución actual,reuniones,primera,última,acuerdos
Lilibeth Álvarez Rodríguez|Lilibeth Alvarez Rodriguez; Lilibeth Álvarez|Jefa de la Unidad de Transparencia|IEEM|3|2022-01-20|2022-03-17|1
Presidente del Comité de Participación Ciudadana|CPC
5" "$r"

# ---- filters -----------------------------------------------------------------------------

# names QUERY...: the names --personas QUERY lists, one line.
names() {
	$STLSEARCH --personas --json "$@" | jq -r .name | tr '\n' ';' | sed 's/;$//'
}
expect_eq "institucion:CPC" "Ñeco Zamora Díaz" "$(names institucion:CPC)"
expect_eq "a name's word, accents aside" "Lilibeth Álvarez Rodríguez" "$(names alvarez)"
expect_eq "fecha: of a meeting attended" \
	"Lilibeth Álvarez Rodríguez;Nora Ruiz Peña;Ñeco Zamora Díaz" "$(names fecha:2022-03)"
expect_eq "fecha: between first and last meeting counts only meetings attended" \
	"Lilibeth Álvarez Rodríguez;Ñeco Zamora Díaz" "$(names fecha:2022-02-17)"
expect_eq "O" "Nora Ruiz Peña;Ñeco Zamora Díaz" "$(names institucion:cpc O institucion:infoem)"
expect_eq "Y NO" "Lilibeth Álvarez Rodríguez" "$(names fecha:2022-03 NO institucion:cpc NO nora)"
expect_eq "persona: by any form" "Lilibeth Álvarez Rodríguez" "$(names persona:'"Lilibeth Alvarez"')"
run_rc $STLSEARCH --personas institucion:CPC fecha:2022-02-17..
expect_eq "text filtered: one person" "1 persona" "$(printf '%s\n' "$OUT" | head -n 1)"
run_rc $STLSEARCH --personas fecha:2019
expect_eq "nobody: exit 1" 1 "$RC"
expect_eq "nobody: said" "Ninguna persona para «fecha:2019»." "$OUT"
run_rc $STLSEARCH --personas --json fecha:2019
expect_eq "nobody, json: nothing on stdout, a line on stderr" "1||stlsearch: nadie para 'fecha:2019'" "$RC|$OUT|$ERR"
run_rc $STLSEARCH --personas desconocido:x
expect_eq "bad query: exit 2" 2 "$RC"
expect_has "bad query: said" "consulta no válida" "$ERR"
expect_eq "--limit and --offset" "Enrique Serrano Arenas;Lilibeth Álvarez Rodríguez" \
	"$(names --limit 2 --offset 1)"
expect_eq "--count" 3 "$($STLSEARCH --personas --count fecha:2022-03)"

# ---- personas.tsv ------------------------------------------------------------------------

# dates QUERY: the dates of the minutes QUERY finds.
dates() {
	$STLSEARCH --json --orden fecha "$@" | jq -r .date | tr '\n' ' ' | sed 's/ $//'
}
expect_eq "without personas.tsv: the form's own minute" "2022-02-17" \
	"$(dates persona:'"Edgar Serrano"')"
printf '# quién es quién\nEdgar Serrano\tEnrique Serrano Arenas\nsin tabulador\n' >"$M/personas.tsv"
run_rc $STLINDEX "$M"
expect_eq "index with personas.tsv" 0 "$RC"
expect_has "bad line: a warning naming file and line" \
	"stlindex: '$M/personas.tsv' línea 3: falta el tabulador" "$ERR"
expect_has "personas.tsv: no minute indexed again" "0 actualizadas" "$OUT$ERR"
expect_has "personas.tsv: not a minute nor unsupported" "0 omitidas" "$OUT$ERR"
expect_eq "personas.tsv: nothing unsupported" "" "$(printf '%s\n' "$OUT$ERR" | grep 'no admitidos')"
expect_eq "persona: by an alias finds the other form's minutes" "2022-01-20 2022-02-17" \
	"$(dates persona:'"Edgar Serrano"')"
expect_eq "asistente: too" "2022-01-20" "$(dates asistente:'"Edgar Serrano"')"
expect_eq "and back" "2022-01-20 2022-02-17" "$(dates persona:'"Enrique Serrano Arenas"')"
expect_eq "agreements by an alias" "2022-02-17" \
	"$($STLSEARCH --acuerdos --json persona:'"Enrique Serrano"' | jq -r .date)"
expect_eq "--personas: one person under the canonical name" \
	'["Edgar Serrano",["Edgar Serrano","Enrique Serrano Arenas"],1,1]' \
	"$($STLSEARCH --personas --json serrano | jq -c '[.name, (.names | sort), .meetings, .agreements]')"

# A changed personas.tsv is picked up by the next stlindex run.
printf 'Lilibeth Álvarez Rodríguez\tLili A.\n' >"$M/personas.tsv"
run_rc $STLINDEX --quiet "$M"
expect_eq "personas.tsv changed: the alias is gone" "2022-02-17" \
	"$(dates persona:'"Edgar Serrano"')"
expect_eq "personas.tsv changed: two people again" 2 \
	"$($STLSEARCH --personas --json serrano | wc -l | tr -d ' ')"

# Who is who follows the minutes: an attendee "Edgar Serrano Gómez" makes
# the agreement's "Edgar Serrano" his; once his minute is deleted, it is
# no one's again.
sed 's/Enrique Serrano Arenas/Edgar Serrano Gómez/; s/20 de enero de 2022/7 de abril de 2022/g' \
	"$M/minuta-2022-01-20.txt" >"$M/minuta-2022-04-07.txt"
run_rc $STLINDEX --quiet "$M"
expect_eq "a new minute's longer form takes the shorter one" "2022-02-17 2022-04-07" \
	"$(dates persona:'"Edgar Serrano Gómez"')"
rm "$M/minuta-2022-04-07.txt"
run_rc $STLINDEX --quiet "$M"
run_rc $STLSEARCH persona:'"Edgar Serrano Gómez"'
expect_eq "its minute deleted: nobody by that name" 1 "$RC"
expect_eq "its minute deleted: the shorter form alone again" "2022-02-17" \
	"$(dates persona:'"Edgar Serrano"')"

finish
