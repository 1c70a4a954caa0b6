#!/bin/sh
# search.sh - stlsearch end to end over corpus/ plus the hand-made minutes
# of tests/data/search: phrases, accents and inflection, ñ, every field,
# every fecha: form, sort orders, JSON, exit codes, errors, agreements by
# person named or meant by role.
. tests/e2e/lib.sh

# Only the two real minutes first: the acceptance case of the issue.
run_rc $STLINDEX --quiet --db "$T/real" corpus
expect_eq "index corpus" 0 "$RC"
run_rc $STLSEARCH --db "$T/real" --json --acuerdos persona:"Lilibeth Álvarez"
expect_eq "persona --acuerdos exit" 0 "$RC"
expect_eq "persona --acuerdos: two agreements" 2 "$(printf '%s\n' "$OUT" | wc -l)"
expect_eq "persona --acuerdos: agreement II of each minute" \
	"2020-06-17 2
2020-09-24 2" "$(printf '%s\n' "$OUT" | jq -r '"\(.date) \(.number)"' | sort)"
expect_eq "persona --acuerdos: resolved person" "Lilibeth Álvarez Rodríguez" \
	"$(printf '%s\n' "$OUT" | jq -r '.persons[]' | sort -u)"
# Named in the text (not an attendee) and named with an organization.
run_rc $STLSEARCH --db "$T/real" --json --acuerdos persona:"María Guadalupe González"
expect_eq "persona named in agreement" "2020-06-17 3" \
	"$(printf '%s\n' "$OUT" | jq -r '"\(.date) \(.number)"')"
# Meant by role: the Directora General of the Infoem of that meeting.
run_rc $STLSEARCH --db "$T/real" --json --acuerdos persona:"Adriana Yadira Cárdenas"
expect_eq "persona meant by role" "2020-09-24 3" \
	"$(printf '%s\n' "$OUT" | jq -r '"\(.date) \(.number)"')"

# The acceptance command as a person types it: options after the query.
run_rc $STLSEARCH --db "$T/real" --json persona:"Lilibeth Álvarez" --acuerdos
expect_eq "options after the query" "2020-06-17 2
2020-09-24 2" "$(printf '%s\n' "$OUT" | jq -r '"\(.date) \(.number)"' | sort)"

# Everything: corpus plus hand-made minutes.
run_rc $STLINDEX --quiet corpus tests/data/search
expect_eq "index all" 0 "$RC"

# count QUERY...: the number of matching minutes.
count() {
	$STLSEARCH --count "$@"
}

# dates QUERY...: dates of the matching minutes, in output order.
dates() {
	$STLSEARCH --json --limit 100 "$@" | jq -r .date | tr '\n' ' '
}

# Phrases: across a line break, in any case.
expect_eq "phrase" "2020-09-24 2020-10-01 " "$(dates --orden fecha '"hoja de ruta"')"
expect_eq "phrase upper case" 2 "$(count '"HOJA DE RUTA"')"
expect_eq "words not phrase" 2 "$(count hoja ruta)"

# Accents and inflection, both directions.
expect_eq "reunion forms agree" "$(count reunión)" "$(count reuniones)"
expect_eq "reunion no accent" "$(count reunión)" "$(count reunion)"
expect_eq "participacion forms" "$(count participación)" "$(count participaciones)"
expect_eq "participacion count" 4 "$(count participacion)"
expect_eq "informacion forms" "$(count informaciones)" "$(count información)"
expect_eq "acuerdo forms" "$(count acuerdo)" "$(count ACUERDOS)"

# ñ is a letter of its own.
expect_eq "año" "2020-10-01 " "$(dates año)"
expect_eq "ano" "2021-03-15 " "$(dates ano)"
expect_eq "campaña" "2020-10-01 " "$(dates campaña)"
expect_eq "campana" "2021-03-15 " "$(dates campana)"

# Hyphenated words, both ways; acronyms with dots.
expect_eq "socio-económico" "2020-10-01 " "$(dates socio-económico)"
expect_eq "socioeconomico" "2020-10-01 " "$(dates socioeconomico)"
expect_eq "A.C. = AC" "$(count '"Tendiendo Puentes A.C."')" "$(count tendiendo puentes ac)"

# Fields.
expect_eq "asistente" "2020-06-17 2020-09-24 2020-10-01 2021-03-15 " \
	"$(dates --orden fecha asistente:'"lilibeth alvarez"')"
expect_eq "asistente CPC member" "2020-10-01 " "$(dates asistente:medina)"
expect_eq "attendee alias" "$(count asistente:rafael)" "$(count attendee:rafael)"
expect_eq "institucion acronym = full name" \
	"$(count institucion:IEEM)" "$(count institucion:'"Instituto Electoral del Estado de México"')"
expect_eq "institucion IEEM" 4 "$(count institucion:IEEM)"
expect_eq "institucion CPC" "2020-10-01 " "$(dates institucion:cpc)"
expect_eq "institucion not in table" "2020-06-17 " "$(dates institucion:'"Tendiendo Puentes"')"
expect_eq "tema" "2020-09-24 2020-10-01 " "$(dates --orden fecha tema:'"hoja de ruta"')"
expect_eq "acuerdo" "2020-06-17 " "$(dates acuerdo:prematuro)"
expect_eq "lugar zoom" "2020-09-24 2020-10-01 " "$(dates --orden fecha lugar:zoom)"
expect_eq "lugar telmex" "2020-06-17 " "$(dates lugar:telmex)"
expect_eq "evento" 2 "$(count evento:'"secretariado tecnico local"')"
expect_eq "tipo:acuerdo" "$(count --acuerdos partidos)" "$(count tipo:acuerdo partidos)"
expect_eq "persona by role in hand-made minute" "2021-03-15 2" \
	"$($STLSEARCH --json --acuerdos persona:'"Lilibeth Alvarez"' fecha:2021 | jq -r '"\(.date) \(.number)"')"

# Institution acronyms and full names are synonyms in free text.
# (agreement documents: their text alone, no attendee list)
expect_eq "IEEM finds the full name" "2020-10-01 1" \
	"$($STLSEARCH --json --acuerdos IEEM fecha:2020-10 | jq -r '"\(.date) \(.number)"')"
expect_has "full name finds IEEM" "2020-09-24" \
	"$(dates --acuerdos instituto electoral del estado de mexico)"

# fecha: every form.
expect_eq "fecha year" 3 "$(count fecha:2020 minuta)"
expect_eq "fecha month" "2020-10-01 " "$(dates fecha:2020-10 minuta)"
expect_eq "fecha day" "2020-09-24 " "$(dates fecha:2020-09-24 minuta)"
expect_eq "fecha range" "2020-06-17 " "$(dates fecha:2020-06-01..2020-06-30 minuta)"
expect_eq "fecha open end" "2020-06-17 " "$(dates fecha:..2020-07-01 minuta)"
expect_eq "fecha open start" 3 "$(count fecha:2020-07-01.. minuta)"
expect_eq "fecha spanish month" "2020-09-24 " "$(dates fecha:'"septiembre de 2020"' minuta)"
expect_eq "fecha spanish day" "2020-09-24 " "$(dates fecha:'"24 de septiembre de 2020"' minuta)"
expect_eq "fecha day first" "2020-09-24 " "$(dates fecha:24/09/2020 minuta)"
run_rc $STLSEARCH fecha:ayer minuta
expect_eq "bad fecha exit" 2 "$RC"
expect_has "bad fecha says why" "fecha no válida 'ayer'" "$ERR"
run_rc $STLSEARCH fecha:2020-13 minuta
expect_eq "bad month exit" 2 "$RC"
expect_has "bad month says why" "mes" "$ERR"

# A date the shell grouped is one date, found or not: never re-split.
agreements() {
	$STLSEARCH --json --acuerdos "$@" | jq -r '"\(.date) \(.number)"' | tr '\n' ' '
}
expect_eq "fecha grouped, agreements" "2020-10-01 1 2020-10-01 2 2020-10-01 3 " \
	"$(agreements fecha:"octubre de 2020")"
expect_eq "fecha in quotes, agreements" "2020-10-01 1 2020-10-01 2 2020-10-01 3 " \
	"$(agreements fecha:'"octubre de 2020"')"
for v in "marzo de 1999" "octubre de 2021" "30 de octubre de 2020"; do
	run_rc $STLSEARCH --acuerdos fecha:"$v"
	expect_eq "valid date, no minute: exit ($v)" 1 "$RC"
	expect_has "valid date, no minute: says so ($v)" "Sin resultados" "$OUT"
	expect_eq "valid date, no minute: no error ($v)" "" "$ERR"
done
run_rc $STLSEARCH --json --acuerdos fecha:"marzo de 1999"
expect_eq "valid date, no minute, json: exit" 1 "$RC"
expect_lacks "valid date, no minute, json: not re-split" "fecha no válida" "$ERR"
# A whole query in one argument is still split when grouped it is no date.
expect_eq "fecha then word in one argument" "2020-10-01 " "$(dates 'fecha:2020 zoom medina')"

# A day or month without a year: that day or month of any year.
expect_eq "fecha day of any year" "2020-06-17 " "$(dates fecha:"17 de junio" minuta)"
expect_eq "fecha day of any year, agreements" "$(count --acuerdos fecha:2020-06-17)" \
	"$(count --acuerdos fecha:"17 de junio")"
expect_eq "fecha month of any year" "2021-03-15 " "$(dates fecha:marzo minuta)"
expect_eq "fecha months of any year" "2020-06-17 2020-09-24 " \
	"$(dates --orden fecha fecha:"junio..septiembre" minuta)"
run_rc $STLSEARCH fecha:"17 de marzo" minuta
expect_eq "fecha day of any year, none: exit" 1 "$RC"
run_rc $STLSEARCH fecha:"31 de febrero" minuta
expect_eq "fecha 31 de febrero exit" 2 "$RC"
expect_has "fecha 31 de febrero blames the day" \
	"fecha no válida '31 de febrero': el día 31 no existe en febrero" "$ERR"
run_rc $STLSEARCH fecha:"17 de junii" minuta
expect_eq "fecha misspelt month exit" 2 "$RC"
expect_has "fecha misspelt month blames it" \
	"fecha no válida '17 de junii': no se reconoce 'junii'" "$ERR"

# Sort orders.
expect_eq "sort by date" "2020-06-17 2020-09-24 2020-10-01 2021-03-15 " \
	"$(dates --orden fecha asistente:lilibeth)"
expect_eq "sort by date desc" "2021-03-15 2020-10-01 2020-09-24 2020-06-17 " \
	"$(dates --sort -fecha asistente:lilibeth)"
run_rc $STLSEARCH --orden peso minuta
expect_eq "bad sort exit" 2 "$RC"

# Operators.
expect_eq "O" 4 "$(count zoom O telmex O sala)"
expect_eq "Y" "2020-10-01 " "$(dates zoom Y medina)"
expect_eq "NO" "2020-09-24 " "$(dates zoom NO medina)"
expect_eq "minus" "2020-09-24 " "$(dates zoom -medina)"
expect_eq "parentheses" 3 "$(count '(telmex OR cpc)' participacion)"
expect_eq "wildcard" "$(count transparencia O transparente O transparentes)" "$(count 'transparen*')"
expect_eq "NEAR" "2020-06-17 " "$(dates estudio NEAR/3 ciudadania)"

# The command line: "-word" is a query word, not an option; a whole query
# in one argument; a field value grouped by the shell; unknown options.
expect_eq "-word after words" "2020-09-24 " "$(dates zoom -medina)"
expect_eq "whole query in one argument" 3 "$(count 'asistente:lilibeth fecha:2020')"
expect_eq "whole query, field then word" "$(count asistente:lilibeth hoja)" \
	"$(count 'asistente:lilibeth hoja')"
expect_eq "shell-grouped date" "2020-09-24 " "$(dates fecha:"24 de septiembre de 2020" minuta)"
run_rc $STLSEARCH --bogus minuta
expect_eq "unknown option exit" 2 "$RC"
expect_has "unknown option named" "'--bogus'" "$ERR"
expect_eq "-- ends options" "$(count -- -medina zoom)" "$(count zoom -medina)"

# Limits and offsets.
expect_eq "limit" 2 "$($STLSEARCH --json --limit 2 asistente:lilibeth | wc -l)"
expect_eq "offset" "3 4 " "$($STLSEARCH --json --offset 2 asistente:lilibeth | jq -r .rank | tr '\n' ' ')"

# JSON: every line parses, stable keys.
run_rc $STLSEARCH --json --tipo todo transparencia
expect_eq "json exit" 0 "$RC"
check "every line is JSON with the keys" sh -c \
	'printf "%s\n" "$1" | jq -e "has(\"rank\") and has(\"kind\") and has(\"path\") and has(\"date\") and has(\"time\") and has(\"event\") and has(\"score\") and has(\"snippet\")" >/dev/null' _ "$OUT"
m=$($STLSEARCH --json --limit 1 '"hoja de ruta"' fecha:2020-09)
expect_eq "json minute attendees" 8 "$(printf '%s\n' "$m" | jq '.attendees | length')"
expect_eq "json attendee fields" "Lilibeth Álvarez Rodríguez|Jefa de la Unidad de Transparencia|IEEM" \
	"$(printf '%s\n' "$m" | jq -r '.attendees[2] | "\(.name)|\(.role)|\(.institution)"')"
expect_eq "json minute topics" 4 "$(printf '%s\n' "$m" | jq '.topics | length')"
expect_eq "json minute agreements" 4 "$(printf '%s\n' "$m" | jq '.agreements | length')"
expect_eq "json next meeting" "2020-10-01 17:00" "$(printf '%s\n' "$m" | jq -r '"\(.next_meeting.date) \(.next_meeting.time)"')"
expect_eq "json kind" minuta "$(printf '%s\n' "$m" | jq -r .kind)"
expect_has "json snippet has the phrase" "hoja de ruta" "$(printf '%s\n' "$m" | jq -r .snippet)"
expect_has "json matching agreements" "1" "$(printf '%s\n' "$m" | jq -c .matching_agreements)"
a=$($STLSEARCH --json --acuerdos --limit 1 fecha:2020-10 difundira)
expect_eq "json agreement number" 3 "$(printf '%s\n' "$a" | jq .number)"
expect_eq "json agreement kind" acuerdo "$(printf '%s\n' "$a" | jq -r .kind)"
d=$($STLSEARCH --json --acuerdos --limit 1 fecha:2020-10 informaciones solicitadas)
expect_eq "json agreement deadline" 2020-10-15 "$(printf '%s\n' "$d" | jq -r .deadline)"

# No results: exit 1, nothing on stdout with --json, a suggestion.
run_rc $STLSEARCH --json zzzxq
expect_eq "no results exit" 1 "$RC"
expect_eq "no results: empty stdout" "" "$OUT"
# A suggestion that finds something: its results, under one line.
run_rc $STLSEARCH partcipacion
expect_eq "misspelt exit" 0 "$RC"
expect_has "says no results, shows the suggestion's" \
	"Sin resultados para «partcipacion»; se muestran los de «participacion» (4 minutas)." "$OUT"
run_rc $STLSEARCH persona:lilibet
expect_eq "suggestion inside a field: exit" 0 "$RC"
expect_has "suggestion inside a field" "se muestran los de «persona:lilibeth»" "$OUT"
run_rc $STLSEARCH '"ruta de hoja"'
expect_eq "no stop word altered: exit" 1 "$RC"
expect_lacks "no stop word altered" "del" "$OUT"
run_rc $STLSEARCH partcipacion hoja -hoja
expect_eq "no suggestion that finds nothing" "Sin resultados para «partcipacion hoja -hoja»." "$OUT"
run_rc $STLSEARCH --json persona:lilibet
expect_eq "json suggested_query on each hit" "persona:lilibeth persona:lilibeth persona:lilibeth persona:lilibeth " \
	"$(printf '%s\n' "$OUT" | jq -r .suggested_query | tr '\n' ' ')"
expect_has "json: says so on stderr" "se muestran los de 'persona:lilibeth'" "$ERR"
run_rc $STLSEARCH --count partcipacion
expect_eq "--count: what was typed" "0 1" "$OUT $RC"
expect_has "--count: the suggestion on stderr" "¿quiso decir 'participacion'?" "$ERR"

# Errors: exit 2 with the reason.
run_rc $STLSEARCH asistnte:lilibeth
expect_eq "unknown field exit" 2 "$RC"
expect_has "unknown field named" "asistnte" "$ERR"
expect_has "known fields listed" "asistente, persona, institucion, tema, acuerdo, lugar, evento, tipo, fecha" "$ERR"
expect_eq "unknown field: no stdout" "" "$OUT"
run_rc $STLSEARCH --db "$T/nada" minuta
expect_eq "no index exit" 2 "$RC"
expect_has "no index says run stlindex" "stlindex" "$ERR"
run_rc $STLSEARCH
expect_eq "no query exit" 2 "$RC"
expect_has "no argument: the short usage" "Uso: stlsearch [OPCIONES] [CONSULTA...]" "$ERR"
expect_eq "no argument: nothing on stdout" "" "$OUT"

# No words, only options or filters: everything they allow, newest first.
run_rc $STLSEARCH --json --acuerdos --limit 100
expect_eq "--acuerdos alone exit" 0 "$RC"
expect_eq "--acuerdos alone: every agreement" 16 "$(printf '%s\n' "$OUT" | wc -l)"
expect_eq "--acuerdos alone: newest first" "2021-03-15 1 2021-03-15 2 2020-10-01 1 " \
	"$(printf '%s\n' "$OUT" | head -n 3 | jq -r '"\(.date) \(.number)"' | tr '\n' ' ')"
run_rc $STLSEARCH --facetas
expect_eq "--facetas alone exit" 0 "$RC"
expect_has "--facetas alone: header" "4 minutas en el índice" "$OUT"
expect_has "--facetas alone: facets of everything" "Por año: 2020 (3), 2021 (1)" "$OUT"
expect_eq "'*': everything, newest first" "2021-03-15 2020-10-01 2020-09-24 2020-06-17 " "$(dates '*')"
expect_eq "fecha: alone: newest first" "2020-10-01 2020-09-24 2020-06-17 " "$(dates fecha:2020)"
expect_eq "no words, --orden fecha: oldest first" "2020-06-17 2020-09-24 " \
	"$(dates --orden fecha --limit 2)"
expect_eq "--count alone" 4 "$(count)"
run_rc $STLSEARCH --acuerdos fecha:2021
expect_eq "help example: --acuerdos fecha:2021" 0 "$RC"

# Human output: count line, date, event, path, highlighted snippet.
run_rc $STLSEARCH --color=always '"hoja de ruta"'
expect_eq "human exit" 0 "$RC"
expect_has "human count line" "2 minutas para «\"hoja de ruta\"»" "$OUT"
expect_has "human date" "2020-09-24 17:00" "$OUT"
expect_has "human event" "Grupo Operativo del Secretariado Técnico Local" "$OUT"
expect_has "human path" "minuta-2020-09-24.txt" "$OUT"
expect_has "human highlight" "$(printf '\033[1;31mhoja\033[0m')" "$OUT"
expect_has "human agreement under minute" "Acuerdo I:" "$OUT"
# Under a minute, the agreements of the query's words; filters alone show
# none. No sentence twice in one hit.
run_rc $STLSEARCH institucion:IEEM
expect_lacks "filters only: no agreement under the minutes" "Acuerdo I:" "$OUT"
run_rc $STLSEARCH fecha:2020
expect_lacks "fecha only: no agreement under the minutes" "Acuerdo" "$OUT"
run_rc $STLSEARCH difundira
expect_has "the agreement of the word" "Acuerdo III: Jorge Medina Soto, del CPC, difundirá" "$OUT"
expect_eq "its sentence once" 1 "$(printf '%s\n' "$OUT" | grep -c 'del CPC, difundirá')"
run_rc $STLSEARCH --color=never '"hoja de ruta"'
expect_lacks "no colour when asked" "$(printf '\033')" "$OUT"
run_rc $STLSEARCH --color=always alvarez
expect_has "accented name highlighted" "$(printf '\033[1;31mÁlvarez\033[0m')" "$OUT"

# Counting and facets.
expect_eq "count" 4 "$(count asistente:lilibeth)"
run_rc $STLSEARCH --facetas asistente:lilibeth
expect_has "facet year" "Por año: 2020 (3), 2021 (1)" "$OUT"
expect_has "facet institution" "IEEM (4)" "$OUT"
expect_has "facet label with its accent" "Por institución: " "$OUT"
run_rc $STLSEARCH --acuerdos fecha:2020
# A collapsed search that saw every document counts exactly (the gender
# of an estimate, "unos"/"unas", is test_output's).
expect_has "a small match set is counted exactly" "
14 acuerdos para" "
$OUT"
run_rc $STLSEARCH persona:jorge
expect_has "one hit: singular" "1 minuta para «persona:jorge»" "$OUT"
f=$($STLSEARCH --json --facetas asistente:lilibeth | tail -n 1)
expect_eq "json facets" 3 "$(printf '%s\n' "$f" | jq '.facets["año"]["2020"]')"
# Facets ride on each hit line: every line is a hit.
expect_eq "json facets: paths only" 4 \
	"$($STLSEARCH --json --facetas asistente:lilibeth | jq -r .path | grep -c '^/.*\.txt$')"
expect_eq "json facets: no null" "" \
	"$($STLSEARCH --json --facetas asistente:lilibeth | jq .path | grep null)"
f=$($STLSEARCH --json --limit 0 --facetas asistente:lilibeth)
expect_eq "json --limit 0 --facetas: one line of totals" '4 true 3' \
	"$(printf '%s\n' "$f" | jq -r '"\(.total) \(.total_exact) \(.facets["año"]["2020"])"')"
# The total beyond --limit, on every line.
expect_eq "json total" "4 4 " \
	"$($STLSEARCH --json --limit 2 asistente:lilibeth | jq -r .total | tr '\n' ' ')"
expect_eq "json total_exact" "true" \
	"$($STLSEARCH --json --facetas --limit 1 asistente:lilibeth | jq .total_exact)"

# A one-word alias of an institution finds its full name in agreements
# too (agreements' free text has its own prefix: the synonym is written
# under it as well).
mkdir -p "$T/alias"
sed 's/^\([[:space:]]*\)I\. .*/\1I. La Universidad Autónoma del Estado de México revisará la hoja de ruta./' \
	corpus/minuta-2020-06-17.txt >"$T/alias/minuta.txt"
$STLINDEX --quiet --db "$T/alias-db" "$T/alias" 2>/dev/null
run_rc $STLSEARCH --db "$T/alias-db" --count --acuerdos UAEM
expect_eq "one-word alias on agreements" 1 "$OUT"
run_rc $STLSEARCH --db "$T/alias-db" --count UAEM
expect_eq "one-word alias on minutes" 1 "$OUT"

# Help shows the query language.
run_rc $STLSEARCH --help
expect_has "help fields" "institucion:" "$OUT"
expect_has "help example" "stlsearch \"hoja de ruta\"" "$OUT"

finish
