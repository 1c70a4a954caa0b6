#!/bin/sh
# queries.sh - hostile queries: each gets a clear error (exit 2, one line
# naming the query and the reason) or a sensible answer (exit 0 or 1), and
# never a crash, a sanitizer report or a hang (each run is given 30 s).
. tests/e2e/lib.sh

run_rc $STLINDEX --quiet corpus tests/data/search
expect_eq "index" 0 "$RC"

# q DESCRIPTION QUERY...: run stlsearch with a time limit; 124 is a hang.
# Under valgrind (STL_WRAP) a program runs some 50 times slower.
LIMIT=30
[ -n "${STL_WRAP:-}" ] && LIMIT=600
q() {
	desc=$1
	shift
	run_rc timeout $LIMIT $STLSEARCH "$@"
	case $RC in
	0 | 1 | 2) ok ;;
	124) not_ok "$desc: hung" ;;
	*) not_ok "$desc: exit $RC: $(printf '%s' "$ERR" | head -c 300)" ;;
	esac
}

# error DESCRIPTION REASON QUERY...: exit 2, one line on stderr that says
# REASON, nothing on stdout.
error() {
	desc=$1
	reason=$2
	shift 2
	q "$desc" "$@"
	expect_eq "$desc: exit" 2 "$RC"
	expect_has "$desc: says why" "$reason" "$ERR"
	expect_eq "$desc: one line" 1 "$(printf '%s\n' "$ERR" | wc -l)"
	expect_eq "$desc: no stdout" "" "$OUT"
}

# answer DESCRIPTION EXIT QUERY...: a search that runs (exit 0 or 1).
answer() {
	desc=$1
	want=$2
	shift 2
	q "$desc" "$@"
	expect_eq "$desc: exit" "$want" "$RC"
}

rep() {
	awk -v s="$1" -v n="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'
}

# Size: 100 KB is refused, and the message quotes only the start of it.
big=$(rep 'transparencia ' 7300)
error "100 KB query" "demasiado larga" "$big"
check "100 KB query: message is short" test "$(printf '%s' "$ERR" | wc -c)" -lt 400
answer "8 KB of words" 0 "$(rep 'hoja ' 1600)"
answer "8 KB of wildcards" 0 "$(rep 'r* ' 2700)"

# Unbalanced quotes and parentheses are closed for the user.
answer "unbalanced quote" 0 '"hoja de ruta'
answer "unbalanced opening parentheses" 0 '((cpc O infoem'
answer "unbalanced closing parentheses" 0 'cpc))) O infoem)'
answer "quotes only" 2 '""""""'
answer "only a lone quote" 2 '"'

# Operators alone.
error "only operators" "vacía" AND OR NOT
error "only Spanish operators" "vacía" Y O NO NEAR
error "only a minus" "vacía" -- -
answer "NOT alone" 0 NOT cpc
answer "operator at the end" 0 cpc Y
answer "NEAR with a huge window" 1 'cpc NEAR/999999999 zzzq'
# A phrase next to NEAR/ADJ stays Xapian's phrase (a phrase field's
# query there made Xapian 1.4 throw UnimplementedError).
answer "phrase NEAR word" 1 '"hoja de ruta" NEAR cpc'
answer "word NEAR phrase" 1 'cpc NEAR "hoja de ruta"'
answer "phrase ADJ phrase" 1 '"hoja de ruta" ADJ/3 "mesa de trabajo"'
answer "phrase in a group NEAR word" 1 '("hoja de ruta") NEAR cpc'

# Control characters are spaces in a query and never reach the terminal.
answer "control characters" 0 "$(printf 'cpc\001\002\033\177')"
expect_lacks "no ESC in the output" "$(printf '\033')" "$OUT"
answer "control characters, no match" 1 "$(printf 'zzqx\033[2J')"
expect_lacks "no ESC in the no-results line" "$(printf '\033')" "$OUT"
q "tab and newline" "$(printf 'hoja\tde\nruta')"
expect_eq "tab and newline: a search" 0 "$RC"

# Not UTF-8.
error "invalid UTF-8" "UTF-8" "$(printf 'caf\351 \303\050')"
error "invalid UTF-8 in a field" "UTF-8" "$(printf 'asistente:\377')"

# fecha: nonsense.
error "fecha: empty" "falta el valor" fecha:
error "fecha: a word" "fecha no válida" fecha:ayer
error "fecha: day that does not exist" "no existe" fecha:2020-02-30
error "fecha: month 13" "mes" fecha:2020-13
error "fecha: open both ends" "extremo" fecha:..
error "fecha: range backwards" "posterior" fecha:2021..2020
error "fecha: huge number" "fecha no válida" fecha:99999999999999999999
error "fecha: negative year" "fecha no válida" fecha:-2020
answer "fecha: a control character ends the value" 0 "$(printf 'fecha:2020\001')"
error "fecha: three dots" "fecha no válida" fecha:2020...2021

# Other fields.
error "unknown field" "asistnte" asistnte:lilibeth
error "empty field" "falta el valor" persona:
error "bad tipo" "tipo" tipo:nada
answer "colons only" 2 ':::'

# Nesting.
answer "32 levels" 0 "$(rep '(' 32)cpc$(rep ')' 32)"
error "40 levels" "paréntesis" "$(rep '(' 40)cpc$(rep ')' 40)"
error "5000 levels" "paréntesis" "$(rep '(' 5000)cpc"
error "5000 quotes" "larga" "$(rep '"' 9000)"
answer "nested NOTs" 2 "$(rep 'NO ' 2000)"

# Options mixed with odd queries.
answer "facets over a wide query" 0 --facetas --tipo todo "$(rep 'r* O ' 1300)r*"
answer "json over odd characters" 0 --json "$(printf 'hoja\001ruta')"
check "json lines parse" sh -c 'printf "%s\n" "$1" | jq -e . >/dev/null' _ "$OUT"

finish
