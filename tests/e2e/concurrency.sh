#!/bin/sh
# concurrency.sh - searches while stlindex writes. One process adds,
# changes and deletes minutes and runs stlindex (small batches, so many
# commits) in a loop; two others search in a loop meanwhile. Every search
# must end with 0 or 1 and well-formed output (every --json line parses
# and names a path), never an error or a crash; a second stlindex started
# meanwhile gets the lock message and exit 75, and nothing else.
#
# The folder holds office files too (copies of tests/data/office/minuta.*:
# .docx, .odt, .pdf, .doc, .rtf), which the writer also adds, rewrites
# with another format's bytes and deletes; every search of their date
# must see each of them whole (its minute and its four agreements, never
# a part). A second stlindex started while the first is reading office
# files through stlextract gets the lock message and exit 75, and the
# first still ends with everything indexed.
#
#   STL_CONC_FILES   minutes (default 120)
#   STL_CONC_RUNS    indexing runs of the writer (default 12)
. tests/e2e/lib.sh

FILES=${STL_CONC_FILES:-120}
RUNS=${STL_CONC_RUNS:-12}
C="$T/minutas"
sh tests/tools/gen-minutes.sh "$C" "$FILES" 7
sh tests/tools/gen-minutes.sh "$T/pool" "$FILES" 8
OF="$C/oficina"
OFMT="docx odt pdf doc rtf"
mkdir -p "$OF"
for i in 1 2 3 4 5; do
	for x in $OFMT; do cp "tests/data/office/minuta.$x" "$OF/minuta-$i.$x"; done
done
run_rc $STLINDEX --quiet --batch 5 "$C"
expect_eq "first build" 0 "$RC"

# Failures of the background processes, one line each.
: >"$T/failures"
fail_bg() {
	printf '%s\n' "$*" >>"$T/failures"
}

# stlindex as the writer and as the intruder: 0, or 75 with the message.
index_once() {
	$STLINDEX --quiet --batch 5 "$C" >/dev/null 2>"$1.err"
	rc=$?
	case $rc in
	0) ;;
	75)
		grep -q "otro stlindex" "$1.err" ||
			fail_bg "$1: exit 75 without the lock message: $(cat "$1.err")"
		echo locked >>"$1.locked" ;;
	*) fail_bg "$1: exit $rc: $(cat "$1.err")" ;;
	esac
	return $rc
}

writer() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		i=$((i + 1))
		# Change three minutes, delete one, add one from the pool.
		for k in 1 2 3; do
			f=$(find "$C" -name '*.txt' | sort | sed -n "$(((i * 7 + k * 13) % FILES + 1))p")
			[ -n "$f" ] && printf '\nCambio %d-%d sobre transparencia.\n' $i $k >>"$f"
		done
		f=$(find "$C" -name '*.txt' | sort | sed -n "$(((i * 11) % FILES + 1))p")
		[ -n "$f" ] && rm -f "$f"
		cp "$(find "$T/pool" -name '*.txt' | sort | sed -n "${i}p")" "$C/nueva-$i.txt"
		# An office file new, one rewritten with another format's
		# bytes (the name stays), one deleted.
		x=$(echo $OFMT | cut -d' ' -f$((i % 5 + 1)))
		y=$(echo $OFMT | cut -d' ' -f$(((i + 2) % 5 + 1)))
		cp "tests/data/office/minuta.$x" "$OF/nueva-$i.$x"
		f=$(find "$OF" -type f | sort | sed -n "$((i * 3 % 20 + 1))p")
		[ -n "$f" ] && cp "tests/data/office/minuta.$y" "$f"
		f=$(find "$OF" -type f | sort | sed -n "$((i * 7 % 20 + 1))p")
		[ -n "$f" ] && rm -f "$f"
		until index_once "$T/writer"; do
			[ $? -eq 75 ] || break
			sleep 0.05
		done
	done
	touch "$T/writer.done"
}

searcher() {
	n=0
	while [ ! -e "$T/writer.done" ]; do
		for q in transparencia '"hoja de ruta"' 'institucion:IEEM' \
			'persona:"Lilibeth Álvarez"' 'compromiso fecha:2016..2020' \
			'cambio O nueva' 'transp*'; do
			n=$((n + 1))
			$STLSEARCH --json --tipo todo --limit 50 --facetas "$q" \
				>"$1.out" 2>"$1.err"
			rc=$?
			case $rc in
			0 | 1) ;;
			*) fail_bg "$1: '$q' exit $rc: $(cat "$1.err")" ;;
			esac
			if ! jq -e 'has("facets") or (has("path") and has("rank"))' \
				"$1.out" >/dev/null 2>&1 && [ -s "$1.out" ]; then
				fail_bg "$1: '$q' output is not well-formed: $(head -c 300 "$1.out")"
			fi
			$STLSEARCH --count "$q" >/dev/null 2>"$1.err"
			rc=$?
			[ $rc -le 1 ] || fail_bg "$1: --count '$q' exit $rc: $(cat "$1.err")"
		done
		# The directory of people reads every minute's people.
		n=$((n + 1))
		$STLSEARCH --personas --json institucion:IEEM >"$1.out" 2>"$1.err"
		rc=$?
		[ $rc -le 1 ] || fail_bg "$1: --personas exit $rc: $(cat "$1.err")"
		# The office minutes: each seen whole, or not at all.
		n=$((n + 1))
		$STLSEARCH --json --tipo todo --limit 100000 fecha:2020-09-24 \
			>"$1.out" 2>"$1.err"
		rc=$?
		[ $rc -le 1 ] || fail_bg "$1: office search exit $rc: $(cat "$1.err")"
		# A hit stands for every copy of its minute (.files).
		bad=$(jq -sc --arg o "$OF/" '[.[] | . as $h | .files[] |
			select(.path | startswith($o)) |
			{path, kind: $h.kind, agreements: $h.agreements}] |
			group_by(.path) | map(select((map(.kind) | sort) !=
			["acuerdo", "acuerdo", "acuerdo", "acuerdo", "minuta"] or
			(map(select(.kind == "minuta") | .agreements | length) != [4]))) |
			map(.[0].path)' "$1.out" 2>&1)
		[ "$bad" = "[]" ] || fail_bg "$1: office minutes seen in part: $bad"
		[ -s "$1.out" ] || fail_bg "$1: no office minute found"
	done
	echo $n >"$1.count"
}

# A second stlindex, again and again while the writer runs.
intruder() {
	while [ ! -e "$T/writer.done" ]; do
		index_once "$T/intruder"
		sleep 0.02
	done
}

writer &
w=$!
searcher "$T/s1" &
s1=$!
searcher "$T/s2" &
s2=$!
intruder &
x=$!
wait $w
wait $s1
wait $s2
wait $x

check "no search or index failed" test ! -s "$T/failures"
[ -s "$T/failures" ] && head -n 20 "$T/failures" >&2
searches=$(($(cat "$T/s1.count") + $(cat "$T/s2.count")))
locked=$(cat "$T/intruder.locked" 2>/dev/null | wc -l)
echo "concurrency: $RUNS indexing runs, $searches searches, the second stlindex locked out $locked times"
check "searches ran" test "$searches" -gt 0
check "the second stlindex met the lock" test "$locked" -gt 0

# And in the end the index is what the files are.
run_rc $STLINDEX --json "$C"
expect_eq "final run: nothing left to do" 0 "$(printf '%s\n' "$OUT" | tail -n 1 | jq '.added + .updated + .removed')"
run_rc xapian-check "$STLSEARCH_DB"
expect_eq "xapian-check" 0 "$RC"
expect_eq "final: every office file indexed" "$(find "$OF" -type f | sort)" \
	"$($STLSEARCH --json --limit 100000 fecha:2020-09-24 |
		jq -r --arg o "$OF/" '.files[].path | select(startswith($o))' | sort)"

# Two stlindex at once while the first reads office files: the second
# gets the lock (exit 75 and the two lines of the lock message, naming
# the index); the first ends with 0, everything indexed, nothing said.
mkdir -p "$T/muchas"
for i in $(seq 1 20); do
	for x in $OFMT; do cp "tests/data/office/minuta.$x" "$T/muchas/m-$i.$x"; done
done
$STL_BUILD/stlindex --json --db "$T/dos" "$T/muchas" >"$T/first.out" 2>"$T/first.err" &
first=$!
reader=
n=0
while [ -z "$reader" ] && [ $n -lt 1000 ]; do
	reader=$(pgrep -P $first | head -n 1)
	[ -n "$reader" ] || sleep 0.005
	n=$((n + 1))
done
check "office lock: the first stlindex is reading office files" test -n "$reader"
run_rc $STLINDEX --json --db "$T/dos" "$T/muchas"
second_rc=$RC
second_err=$ERR
wait $first
first_rc=$?
expect_eq "office lock: the second stlindex exit" 75 "$second_rc"
expect_eq "office lock: the second stlindex names the index, then says why" \
	"stlindex: el índice '$T/dos' está bloqueado por otro proceso de escritura
stlindex: otro stlindex está actualizando este índice; inténtelo cuando termine" "$second_err"
expect_eq "office lock: the first stlindex exit" 0 "$first_rc"
expect_eq "office lock: the first stlindex indexed everything" 100 \
	"$(tail -n 1 "$T/first.out" | jq .added)"
expect_eq "office lock: the first stlindex said nothing" "" "$(cat "$T/first.err")"

# A much busier writer than stlindex (a commit every 2 ms, so a reader's
# revision goes stale while it opens, parses and searches): searches are
# retried on a new revision and still never fail.
cp -a "$STLSEARCH_DB" "$T/busy"
export STLSEARCH_DB="$T/busy"
rm -f "$T/writer.done"
: >"$T/failures"
{ "$TOOLS/churn" "$T/busy" 4 2 >"$T/churn.out" || fail_bg "churn failed"; touch "$T/writer.done"; } &
w=$!
searcher "$T/s1" &
s1=$!
searcher "$T/s2" &
s2=$!
wait $w
wait $s1
wait $s2
check "busy writer: no search failed" test ! -s "$T/failures"
[ -s "$T/failures" ] && head -n 20 "$T/failures" >&2
echo "concurrency: $(cat "$T/churn.out") commits in 4 s, $(($(cat "$T/s1.count") + $(cat "$T/s2.count"))) searches"

finish
