#!/bin/sh
# kill.sh - nothing is lost when stlindex is killed. A generated corpus is
# indexed while stlindex is SIGKILLed at pseudo-random moments (scanning,
# parsing, mid-batch, committing), both in a first build and in incremental
# updates (changed, deleted and new minutes). After every kill the index
# must open, pass xapian-check and answer a search; the next stlindex run
# must end with exactly what a clean full build of the same files holds:
# the same number of documents, the same unique ids, and the same results
# for a set of queries (in the office rounds, also the same records: path,
# format, date, time, number, deadline, text).
#
# The same again with the office formats: .txt minutes mixed with many
# copies of the LibreOffice fixtures (tests/data/office/minuta.docx .odt
# .pdf .doc .rtf) under distinct names; stlindex killed while its reader
# process (stlextract) is busy leaves no stlextract behind. And the
# reader process itself killed mid-run: the run goes on and ends with 0,
# that one file is skipped with one warning line naming it (a skipped
# file is not remembered), and the next run indexes it, ending as a clean
# build.
#
#   STL_KILL_FILES   minutes generated (default 300; "a few thousand" by
#                    hand: STL_KILL_FILES=3000)
#   STL_KILL_ROUNDS  kills at least (default 30)
#   STL_KILL_SEED    the pseudo-random sequence (default 1)
#   STL_KILL_OFFICE  copies of each office fixture (default 10)
#   STL_KILL_OFFICE_ROUNDS  kills at least in the office rounds (default 6)
. tests/e2e/lib.sh

FILES=${STL_KILL_FILES:-300}
ROUNDS=${STL_KILL_ROUNDS:-30}
SEED=${STL_KILL_SEED:-1}
OFFICE=${STL_KILL_OFFICE:-10}
OROUNDS=${STL_KILL_OFFICE_ROUNDS:-6}
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

OFFICE_ROUNDS=no
# snapshot DB: what must not differ from a clean build. Ranks and docids
# may; the sets of documents, their fields and the facets may not.
snapshot() {
	xapian-delve "$1" | grep '^number of documents'
	xapian-delve -1 -A Q "$1" | sed 1d
	for q in minuta '"hoja de ruta"' 'persona:"Lilibeth Álvarez"' \
		'institucion:IEEM' 'compromiso fecha:2016..2018' 'k1x O k2x O k3x' \
		'tema:"mesa de participación"' 'acuerdo:transparencia'; do
		echo "== $q"
		# One line per file: the copies of a minute are one hit,
		# and which of them stands for the others may differ.
		$STL_BUILD/stlsearch --db "$1" --json --limit 100000 --tipo todo "$q" |
			jq -c 'if (.files | length) > 1 then
				[.kind] + ([.files[].path] | sort) +
				[.number, .date, .event]
				else [.kind, .path, .number, .date, .event, .snippet]
				end' | sort
	done
	$STL_BUILD/stlsearch --db "$1" --json --facetas --limit 0 minuta
	# The office rounds: every record too (the text rounds are ten
	# times bigger, and their queries cover them).
	[ "$OFFICE_ROUNDS" = yes ] || return 0
	echo "== every record"
	$STL_BUILD/stlsearch --db "$1" --json --limit 100000 --tipo todo |
		jq -c '. as $h | .files[] | [$h.kind, .path, .format, $h.date,
			$h.time, $h.number, $h.deadline] +
			(if ($h.files | length) > 1 then [] else [$h.text] end)' |
		sort
}

# references A B: clean full builds of both states (snapshots
# $T/ref-A.snap, $T/ref-B.snap), and how long a build and an update take
# (the range of the kill delays: $full_ms, $update_ms).
references() {
	use_state "$1"
	t0=$(now_ms)
	run_rc $STLINDEX --quiet --batch $BATCH --db "$T/ref-$1" "$C"
	full_ms=$(($(now_ms) - t0))
	expect_eq "reference build $1" 0 "$RC"
	snapshot "$T/ref-$1" >"$T/ref-$1.snap"
	use_state "$2"
	run_rc $STLINDEX --quiet --batch $BATCH --db "$T/ref-$2" "$C"
	expect_eq "reference build $2" 0 "$RC"
	snapshot "$T/ref-$2" >"$T/ref-$2.snap"
	cp -a "$T/ref-$1" "$T/upd"
	t0=$(now_ms)
	run_rc $STLINDEX --quiet --batch $BATCH --db "$T/upd" "$C"
	update_ms=$(($(now_ms) - t0))
	expect_eq "update $1 -> $2" 0 "$RC"
	snapshot "$T/upd" >"$T/upd.snap"
	check "an update $1 -> $2 ends as a clean build" cmp -s "$T/ref-$2.snap" "$T/upd.snap"
	rm -rf "$T/upd"
}

# delay MAX_MS: the next delay of a fixed pseudo-random sequence, in
# seconds, in [0, MAX_MS).
awk -v s="$SEED" 'BEGIN { srand(s); for (i = 0; i < 1000; i++) printf "%.6f\n", rand() }' >"$T/delays"
n_delay=0
delay() {
	awk -v k="$n_delay" -v max="$1" 'NR == k { printf "%.3f", $1 * max / 1000 }' "$T/delays"
}

# gone PID: the process has ended (or is a zombie) within two seconds.
gone() {
	n=0
	while [ $n -lt 200 ]; do
		[ -e "/proc/$1" ] || return 0
		[ "$(sed 's/.*) //; s/ .*//' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
		sleep 0.01
		n=$((n + 1))
	done
	return 1
}

kills=0
missed=0
busy=0
# killed_run MAX_MS: start stlindex, SIGKILL it after a random delay, then
# check what it left. Returns 0 if the kill landed.
killed_run() {
	n_delay=$((n_delay + 1))
	d=$(delay "$1")
	$STLINDEX --quiet --batch $BATCH "$C" >/dev/null 2>"$T/kill.err" &
	pid=$!
	sleep "$d"
	reader=$(pgrep -P $pid | head -n 1)
	kill -KILL $pid 2>/dev/null
	wait $pid
	rc=$?
	if [ $rc -ne 137 ]; then
		missed=$((missed + 1))
		[ $rc -eq 0 ] || not_ok "run ended by itself with exit $rc: $(cat "$T/kill.err")"
		return 1
	fi
	kills=$((kills + 1))
	# Its stlextract sees the socket close and ends.
	if [ -n "$reader" ]; then
		busy=$((busy + 1))
		check "kill $kills: the reader process $reader ends too" gone "$reader"
	fi
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

# finish_and_compare STATE: one more run, uninterrupted, must end as the
# clean build of STATE.
finish_and_compare() {
	run_rc $STLINDEX --quiet --batch $BATCH "$C"
	expect_eq "kill $kills: next run exit" 0 "$RC"
	snapshot "$DB" >"$T/db.snap"
	if cmp -s "$T/ref-$1.snap" "$T/db.snap"; then
		ok
	else
		not_ok "kill $kills: after the next run the index differs from a clean build ($1):
$(diff "$T/ref-$1.snap" "$T/db.snap" | head -n 20)"
	fi
}

# kill_rounds A B KILLS: first builds of A and updates A -> B and B -> A,
# killed, until KILLS kills landed (at most 3 * KILLS rounds).
kill_rounds() {
	k0=$kills
	round=0
	while [ $((kills - k0)) -lt "$3" ] && [ $round -lt $(($3 * 3)) ]; do
		round=$((round + 1))
		if [ $((round % 2)) -eq 1 ]; then
			# A first build, killed twice (the second kill hits a run
			# that resumes the first), then finished.
			use_state "$1"
			rm -rf "$DB"
			killed_run "$full_ms"
			killed_run "$full_ms"
			finish_and_compare "$1"
			# Back to B for the update rounds, uninterrupted.
			use_state "$2"
			run_rc $STLINDEX --quiet --batch $BATCH "$C"
		else
			# An update B -> A or A -> B killed mid-way, then finished.
			if [ $((round % 4)) -eq 0 ]; then to=$1; else to=$2; fi
			[ "$to" = "$2" ] && { use_state "$1"; $STLINDEX --quiet --batch $BATCH "$C"; }
			use_state "$to"
			killed_run "$update_ms"
			finish_and_compare "$to"
		fi
	done
	check "at least $3 kills ($1, $2)" test $((kills - k0)) -ge "$3"
}

references s1 s2
echo "kill: $FILES minutes; build ${full_ms} ms, update ${update_ms} ms"
kill_rounds s1 s2 "$ROUNDS"
echo "kill: $kills kills landed, $missed runs ended before their kill"

# ---- the office formats ----------------------------------------------------
# o1: 40 minutes as .txt and $OFFICE copies of each office fixture under
# distinct names, in three folders; o2: o1 with some copies deleted, some
# replaced by another format (an .odt and an .rtf under the names of a
# .docx and a .doc), some moved, some new, and some .txt changed.
sh tests/tools/gen-minutes.sh "$T/o1" 40 "$((SEED + 2000))"
i=0
while [ $i -lt "$OFFICE" ]; do
	i=$((i + 1))
	d="$T/o1/oficina-$((i % 3))"
	mkdir -p "$d"
	for x in docx odt pdf doc rtf; do
		cp "tests/data/office/minuta.$x" "$d/minuta-$i.$x"
	done
done
cp -a "$T/o1" "$T/o2"
mkdir -p "$T/o2/archivo"
i=0
while [ $i -lt "$OFFICE" ]; do
	i=$((i + 1))
	d="$T/o2/oficina-$((i % 3))"
	case $((i % 6)) in
	1) rm "$d/minuta-$i.docx" "$d/minuta-$i.pdf" ;;
	2) cp tests/data/office/minuta.odt "$d/minuta-$i.docx"
	   cp tests/data/office/minuta.rtf "$d/minuta-$i.doc" ;;
	3) mv "$d/minuta-$i.odt" "$T/o2/archivo/movida-$i.odt"
	   mv "$d/minuta-$i.rtf" "$T/o2/archivo/movida-$i.rtf" ;;
	4) cp tests/data/office/minuta.pdf "$d/minuta-$i-nueva.pdf"
	   cp tests/data/office/minuta.doc "$d/minuta-$i-nueva.doc" ;;
	esac
done
for f in $(find "$T/o2" -name '*.txt' | sort | sed -n '1~8p'); do
	printf '\nCambio sobre transparencia.\n' >>"$f"
done
OFFICE_ROUNDS=yes
references o1 o2
echo "kill: office: $(find "$T/o1" -type f | wc -l) files; build ${full_ms} ms, update ${update_ms} ms"
for x in docx odt pdf doc rtf; do
	expect_eq "office reference: every copy of minuta.$x indexed" "$OFFICE" \
		"$(grep -c "^\[\"minuta\",\"[^\"]*\.$x\",\"$x\"," "$T/ref-o1.snap")"
done
k0=$kills
busy=0
kill_rounds o1 o2 "$OROUNDS"
echo "kill: office: $((kills - k0)) kills landed, $busy while a reader process ran"
[ "$OROUNDS" -eq 0 ] || check "office: some kills landed while stlextract ran" test $busy -gt 0

# The reader process killed mid-run (DELAY seconds after it started):
# only the file it was reading (or was sent next) is lost, with one
# warning line naming it; the run goes on and ends with 0. A skipped file
# is not remembered: the next run reads it again, and the index ends as a
# clean build. A kill that lands while the reader waits for its next file
# (a loaded machine makes the parser the slow side) loses nothing: no
# warning, every file indexed. Both are checked as they come; the delays
# go on until one kill landed mid-read.
reader_landed=0
reader_kill() {
	use_state o1
	rm -rf "$DB"
	$STLINDEX --json --batch $BATCH "$C" >"$T/rk.out" 2>"$T/rk.err" &
	pid=$!
	reader=
	n=0
	while [ -z "$reader" ] && [ $n -lt 1000 ]; do
		reader=$(pgrep -P $pid | head -n 1)
		[ -n "$reader" ] || sleep 0.005
		n=$((n + 1))
	done
	sleep "$1"
	if [ -n "$reader" ]; then kill -KILL "$reader"; fi
	wait $pid
	rc=$?
	all=$(find "$C" -type f | wc -l)
	expect_eq "reader killed after ${1}s: exit" 0 "$rc"
	check "reader killed after ${1}s: the reader had started" test -n "$reader"
	expect_lacks "reader killed after ${1}s: no English" "rror" "$(cat "$T/rk.err")"
	if [ ! -s "$T/rk.err" ]; then
		echo "kill: reader killed after ${1}s while idle: nothing lost"
		expect_eq "reader killed idle after ${1}s: nothing skipped" 0 \
			"$(tail -n 1 "$T/rk.out" | jq .skipped)"
		expect_eq "reader killed idle after ${1}s: every file indexed" \
			"$all" "$(tail -n 1 "$T/rk.out" | jq .added)"
		snapshot "$DB" >"$T/db.snap"
		check "reader killed idle after ${1}s: a clean build" \
			cmp -s "$T/ref-o1.snap" "$T/db.snap"
		return
	fi
	reader_landed=$((reader_landed + 1))
	expect_eq "reader killed after ${1}s: one warning line" 1 "$(grep -c . "$T/rk.err")"
	lost=$(sed -n "s|^stlindex: '\(.*\)': se omite: el lector del formato fue detenido (señal 9) mientras leía este archivo$|\1|p" "$T/rk.err")
	case $lost in
	"$C"/*.docx | "$C"/*.odt | "$C"/*.pdf | "$C"/*.doc | "$C"/*.rtf) ok ;;
	*) not_ok "reader killed after ${1}s: the warning names no office file: $(cat "$T/rk.err")" ;;
	esac
	expect_eq "reader killed after ${1}s: one file skipped" 1 "$(tail -n 1 "$T/rk.out" | jq .skipped)"
	expect_eq "reader killed after ${1}s: the others indexed" \
		"$((all - 1))" "$(tail -n 1 "$T/rk.out" | jq .added)"
	run_rc $STLINDEX --json --batch $BATCH "$C"
	expect_eq "reader killed after ${1}s: next run exit" 0 "$RC"
	expect_eq "reader killed after ${1}s: next run adds the lost file" \
		"1 0" "$(printf '%s\n' "$OUT" | tail -n 1 | jq -r '"\(.added) \(.skipped)"')"
	expect_eq "reader killed after ${1}s: the lost file is found" "$lost" \
		"$($STL_BUILD/stlsearch --json --limit 100000 fecha:2020-09-24 | jq -r '.files[].path' | grep -Fx "$lost")"
	snapshot "$DB" >"$T/db.snap"
	check "reader killed after ${1}s: then as a clean build" cmp -s "$T/ref-o1.snap" "$T/db.snap"
}
for delay in 0.05 0.25 0.1 0.5 0.02 0.15 0.35 0.75; do
	reader_kill $delay
	[ $reader_landed -lt 2 ] || break
done
check "some reader kills landed mid-read ($reader_landed)" test $reader_landed -gt 0

finish
