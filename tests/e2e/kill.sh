#!/bin/sh
# kill.sh - nothing is lost when stlindex is killed. A generated corpus is
# indexed while stlindex is SIGKILLed at pseudo-random moments (scanning,
# parsing, mid-batch, committing), both in a first build and in incremental
# updates (changed, deleted and new minutes). After every kill the index
# must open, pass xapian-check and answer a search; the next stlindex run
# must end with exactly what a clean full build of the same files holds:
# the same number of documents, the same unique ids, and the same results
# for a set of queries.
#
#   STL_KILL_FILES   minutes generated (default 300; "a few thousand" by
#                    hand: STL_KILL_FILES=3000)
#   STL_KILL_ROUNDS  kills at least (default 30)
#   STL_KILL_SEED    the pseudo-random sequence (default 1)
. tests/e2e/lib.sh

FILES=${STL_KILL_FILES:-300}
ROUNDS=${STL_KILL_ROUNDS:-30}
SEED=${STL_KILL_SEED:-1}
BATCH=20
C="$T/minutas"
DB="$T/db"

# Two states of the archive: s1, and s2 with a tenth of the minutes
# changed, a twentieth deleted and a twentieth new.
sh tests/tools/gen-minutes.sh "$T/s1" "$FILES" "$SEED"
sh tests/tools/gen-minutes.sh "$T/alt" "$FILES" "$((SEED + 1000))"
cp -a "$T/s1" "$T/s2"
i=0
for f in "$T"/alt/*/*.txt; do
	i=$((i + 1))
	rel=${f#"$T/alt/"}
	case $((i % 20)) in
	0 | 10) cp "$f" "$T/s2/$rel" ;;
	1) rm -f "$T/s2/$rel" ;;
	3) cp "$f" "$T/s2/${rel%.txt}-nueva.txt" ;;
	esac
done

use_state() {
	rm -rf "$C"
	cp -a "$T/$1" "$C"
}

now_ms() {
	date +%s%3N
}

# snapshot DB: what must not differ from a clean build. Ranks and docids
# may; the sets of documents, their fields and the facets may not.
snapshot() {
	xapian-delve "$1" | grep '^number of documents'
	xapian-delve -1 -A Q "$1" | sed 1d
	for q in minuta '"hoja de ruta"' 'persona:"Lilibeth Álvarez"' \
		'institucion:IEEM' 'compromiso fecha:2016..2018' 'k1x O k2x O k3x' \
		'tema:"mesa de participación"' 'acuerdo:transparencia'; do
		echo "== $q"
		$STL_BUILD/stlsearch --db "$1" --json --limit 100000 --tipo todo "$q" |
			jq -c '[.kind, .path, .number, .date, .event, .snippet]' | sort
	done
	$STL_BUILD/stlsearch --db "$1" --json --facetas --limit 0 minuta
}

# Clean full builds of both states: the references, and how long a build
# and an update take (the range of the kill delays).
use_state s1
t0=$(now_ms)
run_rc $STLINDEX --quiet --batch $BATCH --db "$T/ref1" "$C"
full_ms=$(($(now_ms) - t0))
expect_eq "reference build s1" 0 "$RC"
snapshot "$T/ref1" >"$T/ref1.snap"
use_state s2
run_rc $STLINDEX --quiet --batch $BATCH --db "$T/ref2" "$C"
expect_eq "reference build s2" 0 "$RC"
snapshot "$T/ref2" >"$T/ref2.snap"
cp -a "$T/ref1" "$T/upd"
t0=$(now_ms)
run_rc $STLINDEX --quiet --batch $BATCH --db "$T/upd" "$C"
update_ms=$(($(now_ms) - t0))
expect_eq "update s1 -> s2" 0 "$RC"
check "an update ends as a clean build" cmp -s "$T/ref2.snap" "$(snapshot "$T/upd" >"$T/upd.snap"; echo "$T/upd.snap")"
echo "kill: $FILES minutes; build ${full_ms} ms, update ${update_ms} ms"

# delay MAX_MS: the next delay of a fixed pseudo-random sequence, in
# seconds, in [0, MAX_MS).
awk -v s="$SEED" 'BEGIN { srand(s); for (i = 0; i < 1000; i++) printf "%.6f\n", rand() }' >"$T/delays"
n_delay=0
delay() {
	awk -v k="$n_delay" -v max="$1" 'NR == k { printf "%.3f", $1 * max / 1000 }' "$T/delays"
}

kills=0
missed=0
# killed_run MAX_MS: start stlindex, SIGKILL it after a random delay, then
# check what it left. Returns 0 if the kill landed.
killed_run() {
	n_delay=$((n_delay + 1))
	d=$(delay "$1")
	$STLINDEX --quiet --batch $BATCH "$C" >/dev/null 2>"$T/kill.err" &
	pid=$!
	sleep "$d"
	kill -KILL $pid 2>/dev/null
	wait $pid
	rc=$?
	if [ $rc -ne 137 ]; then
		missed=$((missed + 1))
		[ $rc -eq 0 ] || not_ok "run ended by itself with exit $rc: $(cat "$T/kill.err")"
		return 1
	fi
	kills=$((kills + 1))
	[ -e "$DB/iamglass" ] || { echo "kill $kills at ${d}s: before the index existed"; return 0; }
	run_rc xapian-check "$DB"
	expect_eq "kill $kills: xapian-check" 0 "$RC"
	run_rc $STL_BUILD/stlsearch --db "$DB" --count minuta
	case $RC in
	0 | 1) ok ;;
	*) not_ok "kill $kills: the index does not open: $ERR" ;;
	esac
	echo "kill $kills at ${d}s: $(xapian-delve "$DB" | sed -n 's/^number of documents = //p') documents"
	return 0
}

# finish_and_compare REF: one more run, uninterrupted, must end as REF.
finish_and_compare() {
	run_rc $STLINDEX --quiet --batch $BATCH "$C"
	expect_eq "kill $kills: next run exit" 0 "$RC"
	snapshot "$DB" >"$T/db.snap"
	if cmp -s "$T/$1.snap" "$T/db.snap"; then
		ok
	else
		not_ok "kill $kills: after the next run the index differs from a clean build ($1):
$(diff "$T/$1.snap" "$T/db.snap" | head -n 20)"
	fi
}

round=0
while [ $kills -lt "$ROUNDS" ] && [ $round -lt $((ROUNDS * 3)) ]; do
	round=$((round + 1))
	if [ $((round % 2)) -eq 1 ]; then
		# A first build, killed twice (the second kill hits a run that
		# resumes the first), then finished.
		use_state s1
		rm -rf "$DB"
		killed_run "$full_ms"
		killed_run "$full_ms"
		finish_and_compare ref1
		# Back to s2 for the update rounds, uninterrupted.
		use_state s2
		run_rc $STLINDEX --quiet --batch $BATCH "$C"
	else
		# An update s2 -> s1 or s1 -> s2 killed mid-way, then finished.
		if [ $((round % 4)) -eq 0 ]; then to=s1; else to=s2; fi
		[ $to = s2 ] && { use_state s1; $STLINDEX --quiet --batch $BATCH "$C"; }
		use_state $to
		killed_run "$update_ms"
		finish_and_compare ref${to#s}
	fi
done
echo "kill: $kills kills landed, $missed runs ended before their kill"
check "at least $ROUNDS kills" test $kills -ge "$ROUNDS"

finish
