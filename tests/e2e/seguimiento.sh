#!/bin/sh
# seguimiento.sh - follow-up links between minutes end to end (stl/links.h):
# JSON previous/next of every minute of corpus/ + tests/data/search and of
# the small minutes of tests/data/links (another event meeting on the same
# day, a minute without an event), due_meeting of agreements "para la
# siguiente reunión", the fallback to the first later minute of the same
# event, null at the ends, the text lines, --ver; and after a minute is
# deleted and another added, an incremental stlindex run changes the links
# accordingly.
. tests/e2e/lib.sh

# Deadlines show their days left from this day.
export STLSEARCH_HOY=2020-09-30

DATA="$T/minutas"
mkdir -p "$DATA"
cp corpus/*.txt tests/data/search/*.txt "$DATA/"
cp tests/data/links/parlamento-*.txt tests/data/links/sin-evento-*.txt "$DATA/"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "index" 0 "$RC"

# links: every minute as "date previous next" (dates, - for null), by date.
links() {
	$STLSEARCH --json --orden fecha --limit 100 |
		jq -r '"\(.date) \(.previous.date // "-") \(.next.date // "-")"' |
		tr '\n' ';'
}

# id_of DATE [EVENT WORD]: the id of the minute of DATE (of that event).
id_of() {
	$STLSEARCH --json "fecha:$1" ${2:+"evento:$2"} | jq -r .id
}

# ---- links on the corpus and the small minutes ---------------------------------

# The Grupo Operativo (spelt "del STL" and "del Secretariado Técnico
# Local": one event): 06-17 announced 06-24, when no minute was held, so
# its next is its event's next minute, 09-24; 09-24 announced 10-01, held
# (by the Grupo Operativo, and by the Mesa de Parlamento Abierto, another
# event); 10-01 announced 10-15, not held: the next is 2021-03-15.
# The Mesa: 10-01 -> 10-08 (announced); 10-08 announced 10-15, not
# held, and the Mesa met again two years later, 2022-11-10 (found past
# the months looked at first, both ways). Without an event, 10-20 (which
# announced 11-03, not held) is linked to nothing.
expect_eq "previous and next of every minute" \
	"2020-06-17 - 2020-09-24;2020-09-24 2020-06-17 2020-10-01;2020-10-01 2020-09-24 2021-03-15;2020-10-01 - 2020-10-08;2020-10-08 2020-10-01 2022-11-10;2020-10-20 - -;2021-03-15 2020-10-01 -;2022-11-10 2020-10-08 -;" \
	"$(links)"

go0617=$(id_of 2020-06-17)
go0924=$(id_of 2020-09-24)
go1001=$(id_of 2020-10-01 operativo)
pa1001=$(id_of 2020-10-01 parlamento)
pa1008=$(id_of 2020-10-08)
go2103=$(id_of 2021-03-15)
run_rc $STLSEARCH --json fecha:2020-09-24
expect_eq "json exit" 0 "$RC"
expect_eq "next: id, date and path of the minute held that day" \
	"{\"id\":\"$go1001\",\"date\":\"2020-10-01\",\"path\":\"$DATA/minuta-2020-10-01.txt\"}" \
	"$(printf '%s\n' "$OUT" | jq -c .next)"
expect_eq "previous: the one whose next it is" \
	"{\"id\":\"$go0617\",\"date\":\"2020-06-17\",\"path\":\"$DATA/minuta-2020-06-17.txt\"}" \
	"$(printf '%s\n' "$OUT" | jq -c .previous)"
expect_eq "next_meeting kept: the date the minute announced" \
	'{"date":"2020-10-01","time":"17:00"}' \
	"$(printf '%s\n' "$OUT" | jq -c .next_meeting)"
expect_eq "previous is null at the start" "null" \
	"$($STLSEARCH --json fecha:2020-06-17 | jq -c .previous)"
expect_eq "next is null at the end" "null" \
	"$($STLSEARCH --json fecha:2021-03-15 | jq -c .next)"
expect_eq "the other event of the same day: no previous of ours" "null" \
	"$($STLSEARCH --json fecha:2020-10-01 evento:parlamento | jq -c .previous)"
expect_eq "the other event's next by its announced date" "$pa1008" \
	"$($STLSEARCH --json fecha:2020-10-01 evento:parlamento | jq -r .next.id)"

# ---- due_meeting -----------------------------------------------------------------

# agreements: "date number deadline due_meeting-date" of those due at the
# follow-up meeting, by date.
due() {
	$STLSEARCH --json --acuerdos --orden fecha --limit 100 |
		jq -r 'select(has("due_meeting")) | "\(.date) \(.number) \(.deadline) \(.due_meeting.date // "-")"' |
		tr '\n' ';'
}
# 06-17 VI "En la próxima reunión": due 06-24, held by no minute: at its
# next, 09-24. 09-24 I and III at 10-01. The Mesa's I "para la próxima
# sesión" at 10-08; its 10-08 I at 10-15, not held: at the Mesa's next,
# 2022-11-10. 10-20's I at 11-03: there is no minute of it.
expect_eq "due_meeting of every agreement due at the next meeting" \
	"2020-06-17 6 2020-06-24 2020-09-24;2020-09-24 1 2020-10-01 2020-10-01;2020-09-24 3 2020-10-01 2020-10-01;2020-10-01 1 2020-10-08 2020-10-08;2020-10-08 1 2020-10-15 2022-11-10;2020-10-20 1 2020-11-03 -;" \
	"$(due)"
run_rc $STLSEARCH --json --acuerdos --limit 100 fecha:2020-10-01
expect_eq "an agreement with a date of its own has no due_meeting" "false" \
	"$(printf '%s\n' "$OUT" | jq -r 'select(.id == "'"$pa1001"'-2") | has("due_meeting")')"
expect_eq "due_meeting: the minute's id and path" \
	"{\"id\":\"$pa1008\",\"date\":\"2020-10-08\",\"path\":\"$DATA/parlamento-2020-10-08.txt\"}" \
	"$(printf '%s\n' "$OUT" | jq -c 'select(.id == "'"$pa1001"'-1") | .due_meeting')"
expect_eq "due_meeting null when no minute is held" "null" \
	"$($STLSEARCH --json --acuerdos fecha:2020-10-20 | jq -c .due_meeting)"
expect_eq "a minute's agreements carry their due_meeting too" \
	"1 $go1001;3 $go1001;" \
	"$($STLSEARCH --json fecha:2020-09-24 | jq -r '.agreements[] | select(has("due_meeting")) | "\(.number) \(.due_meeting.id)"' | tr '\n' ';')"

# ---- text ----------------------------------------------------------------------------

run_rc $STLSEARCH fecha:2020-09-24
expect_eq "text exit" 0 "$RC"
expect_has "text: previous and next" \
	"   Anterior: 2020-06-17 (minuta-2020-06-17.txt) · Siguiente: 2020-10-01 (minuta-2020-10-01.txt)" "$OUT"
run_rc $STLSEARCH fecha:2021-03-15
expect_has "text: none after the last" "· Siguiente: ninguna" "$OUT"
run_rc $STLSEARCH fecha:2020-10-20
expect_lacks "text: no line without links" "Anterior:" "$OUT"
run_rc $STLSEARCH --acuerdos "inventario de iniciativas"
expect_has "text: an agreement's due meeting" \
	"   Para la reunión del 2020-10-08 (parlamento-2020-10-08.txt)" "$OUT"
expect_has "text: a due meeting held later than announced" \
	"   Plazo: 2020-10-15 (faltan 15 días)
   Para la reunión del 2022-11-10 (parlamento-2022-11-10.txt)" "$OUT"
run_rc $STLSEARCH --acuerdos relatoría
expect_has "text: a due meeting without a minute" \
	"   Para la siguiente reunión (sin minuta de ella en el índice)" "$OUT"

# ---- --ver ---------------------------------------------------------------------------

run_rc $STLSEARCH --ver "$DATA/minuta-2020-09-24.txt"
expect_eq "ver exit" 0 "$RC"
expect_has "ver: previous in the header" \
	"Anterior:   2020-06-17  $DATA/minuta-2020-06-17.txt  (id $go0617)" "$OUT"
expect_has "ver: next in the header" \
	"Siguiente:  2020-10-01  $DATA/minuta-2020-10-01.txt  (id $go1001)" "$OUT"
expect_has "ver: an agreement's due meeting" \
	"     id: $go0924-3
     Persona: Adriana Yadira Cárdenas Tagle
     Plazo: 2020-10-01 (falta 1 día)
     Para la reunión del 2020-10-01 ($DATA/minuta-2020-10-01.txt)" "$OUT"
run_rc $STLSEARCH --ver "$go2103"
expect_has "ver by id: none after the last" "Siguiente:  ninguna en el índice" "$OUT"
expect_eq "ver --json: previous and next" "$go1001 null" \
	"$($STLSEARCH --ver "$go2103" --json | jq -r '"\(.previous.id) \(.next)"')"

# ---- the links follow the archive ------------------------------------------------------

# Deleted: the Mesa's 10-01, so 10-08 has no previous. Added: the Grupo's
# 10-15, which 10-01 announced: it becomes 10-01's next and 2021-03-15's
# previous; the Mesa's 10-08, which announced 10-15 too, is of another
# event and stays linked to 2022-11-10.
rm "$DATA/parlamento-2020-10-01.txt"
cp tests/data/links/seguimiento-2020-10-15.txt "$DATA/"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "incremental index" 0 "$RC"
expect_eq "links after deleting and adding a minute" \
	"2020-06-17 - 2020-09-24;2020-09-24 2020-06-17 2020-10-01;2020-10-01 2020-09-24 2020-10-15;2020-10-08 - 2022-11-10;2020-10-15 2020-10-01 2021-03-15;2020-10-20 - -;2021-03-15 2020-10-15 -;2022-11-10 2020-10-08 -;" \
	"$(links)"
expect_eq "due_meeting after the change: 10-08's not the other event's 10-15" \
	"2020-06-17 6 2020-06-24 2020-09-24;2020-09-24 1 2020-10-01 2020-10-01;2020-09-24 3 2020-10-01 2020-10-01;2020-10-08 1 2020-10-15 2022-11-10;2020-10-20 1 2020-11-03 -;" \
	"$(due)"
# The added minute deleted again: back as before.
rm "$DATA/seguimiento-2020-10-15.txt"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "links after deleting it" \
	"2020-06-17 - 2020-09-24;2020-09-24 2020-06-17 2020-10-01;2020-10-01 2020-09-24 2021-03-15;2020-10-08 - 2022-11-10;2020-10-20 - -;2021-03-15 2020-10-01 -;2022-11-10 2020-10-08 -;" \
	"$(links)"

# A copy of 10-01 in another folder (one hit, two files): 09-24's next is
# one of them, and both have 09-24 as their previous.
mkdir "$DATA/copia"
cp tests/data/search/minuta-2020-10-01.txt "$DATA/copia/"
run_rc $STLINDEX --quiet "$DATA"
expect_eq "index with a copy" 0 "$RC"
expect_eq "a copy: previous of both files" "2020-09-24 2020-09-24" \
	"$($STLSEARCH --ver "$DATA/minuta-2020-10-01.txt" --json | jq -r .previous.date) $($STLSEARCH --ver "$DATA/copia/minuta-2020-10-01.txt" --json | jq -r .previous.date)"
expect_eq "a copy: next of both files" "2021-03-15 2021-03-15" \
	"$($STLSEARCH --ver "$DATA/minuta-2020-10-01.txt" --json | jq -r .next.date) $($STLSEARCH --ver "$DATA/copia/minuta-2020-10-01.txt" --json | jq -r .next.date)"
expect_has "a copy: 09-24's next is one of the files" \
	"$($STLSEARCH --json fecha:2020-09-24 | jq -r .next.path)" \
	"$DATA/minuta-2020-10-01.txt $DATA/copia/minuta-2020-10-01.txt"

finish
