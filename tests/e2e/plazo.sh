#!/bin/sh
# plazo.sh - agreements' deadlines and follow-up statuses end to end, over
# corpus/ + tests/data/search + tests/data/seguimiento (two later minutes
# whose SEGUIMIENTO DE ACUERDOS report on earlier agreements), with today
# fixed by STLSEARCH_HOY: plazo: dates, ranges, vencido, proximo, ninguno;
# --orden plazo and -plazo; the days left in text and JSON; estado: each
# value; status and status_source; the latest stating minute winning; a
# stating minute deleted (incremental run) taking its statuses with it;
# the CSV's estado; --ver; bad values and a bad STLSEARCH_HOY.
. tests/e2e/lib.sh

DATA="$T/minutas"
mkdir -p "$DATA"
cp corpus/*.txt tests/data/search/*.txt tests/data/seguimiento/*.txt "$DATA/"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "index" 0 "$RC"
export STLSEARCH_HOY=2020-10-20

# agreements QUERY...: "date#number" of the agreements found, in order.
agreements() {
	$STLSEARCH --acuerdos --json --limit 100 "$@" 2>/dev/null |
		jq -r '"\(.date)#\(.number)"' | tr '\n' ' ' | sed 's/ $//'
}

# sorted QUERY...: the same, sorted (for filters ranked by date).
sorted() {
	$STLSEARCH --acuerdos --json --limit 100 "$@" 2>/dev/null |
		jq -r '"\(.date)#\(.number)"' | sort | tr '\n' ' ' | sed 's/ $//'
}

# ---- plazo: dates and ranges ------------------------------------------------------

expect_eq "plazo: a month" \
	"2020-09-24#1 2020-09-24#3 2020-10-01#1 2020-10-01#2 2020-10-15#1" \
	"$(sorted plazo:2020-10)"
expect_eq "plazo: a month in words" "$(sorted plazo:2020-10)" \
	"$(sorted 'plazo:"octubre de 2020"')"
expect_eq "plazo: open range" \
	"2020-06-17#2 2020-06-17#6 2020-09-24#1 2020-09-24#3 2020-10-01#1" \
	"$(sorted plazo:..2020-10-15)"
expect_eq "plazo: a day" "2020-06-17#2" "$(sorted plazo:2020-06-18)"
expect_eq "plazo: a range from a day" "2020-10-01#2 2020-10-15#1" \
	"$(sorted plazo:2020-10-16..)"
expect_eq "plazo:ninguno: no deadline" "" \
	"$($STLSEARCH --acuerdos --json --limit 100 plazo:ninguno | jq -r 'select(.deadline != null) | .id')"
expect_eq "plazo:ninguno and the dated ones are all" \
	"$($STLSEARCH --acuerdos --count '')" \
	"$(( $($STLSEARCH --acuerdos --count plazo:ninguno) + $($STLSEARCH --acuerdos --count plazo:2020) ))"

# ---- vencido, proximo ---------------------------------------------------------------

# Before 2020-10-20; 2020-09-24 I and III were stated cumplido.
expect_eq "plazo:vencido" "2020-06-17#2 2020-06-17#6 2020-10-01#1" \
	"$(sorted plazo:vencido)"
expect_eq "plazo:proximo: today to 30 days" "2020-10-01#2 2020-10-15#1" \
	"$(sorted plazo:proximo)"
expect_eq "plazo:próximo with its accent" "$(sorted plazo:proximo)" \
	"$(sorted plazo:próximo)"
expect_eq "plazo:proximo includes today" "2020-10-01#1" \
	"$(STLSEARCH_HOY=2020-09-15 sorted plazo:proximo fecha:2020-10-01)"
expect_eq "plazo:proximo: day 30 is in" \
	"2020-09-24#1 2020-09-24#3 2020-10-01#1 2020-10-01#2 2020-10-15#1" \
	"$(STLSEARCH_HOY=2020-09-30 sorted plazo:proximo)"
expect_eq "plazo:proximo: day 31 is not" \
	"2020-09-24#1 2020-09-24#3 2020-10-01#1" \
	"$(STLSEARCH_HOY=2020-09-29 sorted plazo:proximo)"
run_rc $STLSEARCH --count plazo:vencido
expect_eq "on minutes: the minutes with overdue agreements" "2" "$OUT"

# ---- --orden plazo ---------------------------------------------------------------------

deadlines() {
	$STLSEARCH --acuerdos --json --limit 100 "$@" | jq -r '.deadline' |
		tr '\n' ' ' | sed 's/ $//'
}
n_none=$($STLSEARCH --acuerdos --count plazo:ninguno)
nulls=$(yes null | head -n "$n_none" | tr '\n' ' ' | sed 's/ $//')
expect_eq "--orden plazo: soonest first, none last" \
	"2020-06-18 2020-06-24 2020-10-01 2020-10-01 2020-10-15 2020-10-30 2020-10-30 $nulls" \
	"$(deadlines --orden plazo)"
expect_eq "--orden -plazo: latest first, none last" \
	"2020-10-30 2020-10-30 2020-10-15 2020-10-01 2020-10-01 2020-06-24 2020-06-18 $nulls" \
	"$(deadlines --orden -plazo)"
run_rc $STLSEARCH --acuerdos --orden plazo --limit 2 --offset 6 --json ''
expect_eq "--orden plazo pages" "2020-10-30 null" \
	"$(printf '%s\n' "$OUT" | jq -r .deadline | tr '\n' ' ' | sed 's/ $//')"

# ---- days left, status --------------------------------------------------------------------

run_rc $STLSEARCH --acuerdos plazo:2020-10-15
expect_has "text: overdue" "Plazo: 2020-10-15 (vencido hace 5 días)" "$OUT"
expect_lacks "text: no status line without one" "Estado:" "$OUT"
run_rc env STLSEARCH_HOY=2020-10-15 $STLSEARCH --acuerdos plazo:2020-10-15
expect_has "text: due today" "Plazo: 2020-10-15 (vence hoy)" "$OUT"
run_rc $STLSEARCH --acuerdos plazo:2020-10-30
expect_has "text: days left" "Plazo: 2020-10-30 (faltan 10 días)" "$OUT"
expect_has "text: cancelled, never overdue" "Plazo: 2020-10-30 (cancelado)" "$OUT"
run_rc env STLSEARCH_HOY=2020-10-29 $STLSEARCH --acuerdos plazo:2020-10-30 fecha:2020-10-15
expect_has "text: one day left" "(falta 1 día)" "$OUT"

s1015=$($STLSEARCH --json fecha:2020-10-15 | jq -r .id)
s1019=$($STLSEARCH --json fecha:2020-10-19 | jq -r .id)
run_rc $STLSEARCH --acuerdos --json --limit 100 fecha:2020-09-24
j() { printf '%s\n' "$OUT" | jq -c "select(.number == $1) | $2"; }
expect_eq "json: days_left of a stated one" "-19" "$(j 1 .days_left)"
expect_eq "json: status" '"cumplido"' "$(j 1 .status)"
expect_eq "json: status_source" "\"$s1015\" \"2020-10-15\" true" \
	"$(j 1 '.status_source | "\"\(.id)\" \"\(.date)\" \(.path | endswith("minuta-2020-10-15.txt"))"' | tr -d '\\' | sed 's/^"//; s/"$//')"
expect_eq "json: the latest stating minute wins" "\"cumplido\" \"$s1019\"" \
	"$(j 3 '"\"\(.status)\" \"\(.status_source.id)\""' | tr -d '\\' | sed 's/^"//; s/"$//')"
expect_eq "json: no deadline, no follow-up" "null \"sin seguimiento\" null" \
	"$(j 2 '"\(.days_left) \"\(.status)\" \(.status_source)"' | tr -d '\\' | sed 's/^"//; s/"$//')"
# As of a day: a minute held after it has not spoken yet.
OUT=$(STLSEARCH_HOY=2020-10-18 $STLSEARCH --acuerdos --json --limit 100 fecha:2020-09-24)
expect_eq "as of 2020-10-18: the 2020-10-15 statement stands" "\"en proceso\" \"$s1015\"" \
	"$(j 3 '"\"\(.status)\" \"\(.status_source.id)\""' | tr -d '\\' | sed 's/^"//; s/"$//')"
OUT=$(STLSEARCH_HOY=2020-10-14 $STLSEARCH --ver "$DATA/minuta-2020-09-24.txt")
expect_lacks "--ver as of 2020-10-14: no status stated yet" "Estado:" "$OUT"
run_rc $STLSEARCH --acuerdos plazo:2020-10-01 acuerdo:retroalimentación
expect_has "text: status shown" "Estado: cumplido (minuta del 2020-10-15, id $s1015)" "$OUT"
expect_has "text: stated done, not overdue" "Plazo: 2020-10-01 (cumplido)" "$OUT"

# ---- estado: ------------------------------------------------------------------------------

expect_eq "estado:cumplido" "2020-09-24#1 2020-09-24#3" "$(sorted estado:cumplido)"
expect_eq "estado:Cumplida" "$(sorted estado:cumplido)" "$(sorted estado:Cumplida)"
expect_eq "estado:pendiente" "2020-06-17#2" "$(sorted estado:pendiente)"
expect_eq "estado:cancelado" "2020-10-01#2" "$(sorted estado:cancelado)"
run_rc $STLSEARCH --acuerdos 'estado:"en proceso"'
expect_eq "estado:\"en proceso\": overridden by a later minute" 1 "$RC"
expect_eq "estado:\"sin seguimiento\": all but the four stated" \
	"$(( $($STLSEARCH --acuerdos --count '') - 4 ))" \
	"$($STLSEARCH --acuerdos --count 'estado:"sin seguimiento"')"
run_rc $STLSEARCH --json estado:cumplido
expect_eq "estado: on minutes: the minutes of such agreements" "2020-09-24" \
	"$(printf '%s\n' "$OUT" | jq -r .date)"

# ---- CSV and --ver -----------------------------------------------------------------------

run_rc $STLSEARCH --acuerdos --csv --orden fecha fecha:2020-09-24
expect_eq "csv estado" "cumplido sin seguimiento cumplido sin seguimiento" \
	"$(printf '%s\n' "$OUT" | python3 -c 'import csv,sys; r=list(csv.DictReader(sys.stdin)); r.sort(key=lambda x:int(x["numero"])); print(" ".join(x["estado"] for x in r))')"
run_rc $STLSEARCH --ver "$DATA/minuta-2020-09-24.txt"
expect_has "--ver: status" "Estado: cumplido (minuta del 2020-10-19, id $s1019)" "$OUT"
expect_has "--ver: deadline" "Plazo: 2020-10-01 (cumplido)" "$OUT"
run_rc $STLSEARCH --ver "$DATA/minuta-2020-10-01.txt"
expect_has "--ver: days from STLSEARCH_HOY" "Plazo: 2020-10-15 (vencido hace 5 días)" "$OUT"
run_rc $STLSEARCH --ver "$DATA/minuta-2020-09-24.txt" --json
expect_eq "--ver --json: agreements' statuses" '"cumplido","sin seguimiento","cumplido","sin seguimiento"' \
	"$(printf '%s\n' "$OUT" | jq -c '[.agreements[].status]' | tr -d '[]')"

# ---- errors --------------------------------------------------------------------------------

run_rc $STLSEARCH --acuerdos plazo:mañana
expect_eq "bad plazo: exit" 2 "$RC"
expect_has "bad plazo: names it" "plazo no válido: 'mañana'" "$ERR"
run_rc $STLSEARCH --acuerdos estado:terminado
expect_eq "bad estado: exit" 2 "$RC"
expect_has "bad estado: names it" "estado no válido: 'terminado'" "$ERR"
run_rc env STLSEARCH_HOY=2020-02-30 $STLSEARCH --acuerdos plazo:vencido
expect_eq "bad STLSEARCH_HOY: exit" 2 "$RC"
expect_eq "bad STLSEARCH_HOY: one line" \
	"stlsearch: STLSEARCH_HOY no es una fecha válida: '2020-02-30' (use AAAA-MM-DD)" "$ERR"

# ---- a stating minute deleted -----------------------------------------------------------------

rm "$DATA/minuta-2020-10-19.txt"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "incremental run" 0 "$RC"
expect_eq "the earlier statement comes back" "2020-09-24#3" \
	"$(sorted 'estado:"en proceso"')"
expect_eq "its other statement is gone" "" "$(sorted estado:pendiente)"
rm "$DATA/minuta-2020-10-15.txt"
run_rc $STLINDEX --quiet "$DATA"
run_rc $STLSEARCH --acuerdos estado:cumplido
expect_eq "no minute states cumplido any more" 1 "$RC"
run_rc $STLSEARCH --acuerdos --json fecha:2020-09-24 plazo:2020-10-01
expect_eq "back to sin seguimiento" '"sin seguimiento" null' \
	"$(printf '%s\n' "$OUT" | jq -c '"\(.status) \(.status_source)"' | sort -u | sed 's/^"\(.*\) \(.*\)"$/"\1" \2/')"
expect_eq "and overdue again" \
	"2020-06-17#2 2020-06-17#6 2020-09-24#1 2020-09-24#3 2020-10-01#1" \
	"$(sorted plazo:vencido)"

finish
