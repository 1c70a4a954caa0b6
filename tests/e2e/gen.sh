#!/bin/sh
# gen.sh - the benchmark corpus generator is deterministic: the same seed
# gives the same bytes, another seed other bytes; and what it writes is
# indexable minutes (every file parses with its fields).
. tests/e2e/lib.sh

GEN="$STL_BUILD/bench/gen"

run_rc "$GEN" -s 7 -n 300 "$T/a"
expect_eq "gen exit" 0 "$RC"
"$GEN" -s 7 -n 300 "$T/b"
check "same seed, same bytes" diff -r "$T/a" "$T/b"
"$GEN" -s 8 -n 300 "$T/c"
check "another seed, other bytes" sh -c '! diff -rq "$1" "$2" >/dev/null' _ "$T/a" "$T/c"
expect_eq "files written" 300 "$(find "$T/a" -name 'minuta-*.txt' | wc -l)"
expect_eq "folders of 1000" 1 "$(find "$T/a" -mindepth 1 -type d | wc -l)"

# The minutes parse: most files index without warnings (the quirks are
# a small rate), and their fields are searchable.
run_rc $STLINDEX --json "$T/a"
expect_eq "generated corpus indexes" 0 "$RC"
expect_eq "all added" 300 "$(printf '%s\n' "$OUT" | tail -n 1 | jq .added)"
check "few warnings" test "$(printf '%s\n' "$OUT" | tail -n 1 | jq .warnings)" -lt 30
check "attendees found" test "$($STLSEARCH --count institucion:IEEM)" -gt 0
check "agreements found" test "$($STLSEARCH --count --acuerdos acuerdo:enviara)" -gt 0

# As .docx (written with libzip, numbered lists in numbering.xml): the
# same bytes for the same seed, and the same records as the .txt.
"$GEN" -f docx -s 7 -n 20 "$T/d1"
"$GEN" -f docx -s 7 -n 20 "$T/d2"
check "docx: same seed, same bytes" diff -r "$T/d1" "$T/d2"
"$GEN" -s 7 -n 20 "$T/t1"
$STLINDEX --quiet --db "$T/d1.db" "$T/d1"
$STLINDEX --quiet --db "$T/t1.db" "$T/t1"
recs() {
	$STLSEARCH --db "$1" --json --limit 1000 tipo:minuta |
		jq -c '[(.path | sub(".*/"; "") | sub("[.][a-z]+$"; "")), .date,
			.time, ([.attendees[].name] | sort),
			[.agreements[] | [.number, .deadline, .persons]]]' | sort
}
expect_eq "docx: the records of the txt" "$(recs "$T/t1.db")" "$(recs "$T/d1.db")"
expect_eq "docx: all formats docx" 20 \
	"$($STLSEARCH --db "$T/d1.db" --json --limit 1000 tipo:minuta | jq -r .format | grep -c '^docx$')"

finish
