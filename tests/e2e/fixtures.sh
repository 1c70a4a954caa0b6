#!/bin/sh
# fixtures.sh - each file of tests/data/formats/ (real LibreOffice and
# pandoc files: see its README.md) indexed alone gives the record
# expected.json holds for it: date, time, follow-up meeting, attendees
# with post and institution, topics, numbered agreements with their
# persons and deadlines; the damaged, encrypted, scanned and zip-bomb
# files give one warning line each.
. tests/e2e/lib.sh
# A scan without OCR is one warning line here; OCR itself is ocr.sh's.
STLINDEX="$STLINDEX --sin-ocr"

D=tests/data/formats
EXP="$D/expected.json"

# The fields compared, from a --json hit (got) or expected.json (want);
# an agreement's text must begin with the expected "starts".
got() {
	jq -S '{date, time, next_date: .next_meeting.date,
		next_time: .next_meeting.time,
		attendees: [.attendees[] | {name, role, institution}],
		topics,
		agreements: [.agreements[] | {number, persons, deadline,
					      text}]}'
}
want() {
	jq -S --arg f "$1" '.[$f] | {date, time, next_date, next_time,
		attendees: [.attendees[] | {name, role, institution}],
		topics,
		agreements: [.agreements[] | {number, persons, deadline,
					      starts}]}' "$EXP"
}
# The record with each agreement's text cut to the length of the
# expected beginning, so the two compare whole.
cut_to() {
	jq -S --slurpfile w "$1" '.agreements |= [to_entries[] | .value +
		{starts: (.value.text[0:($w[0].agreements[.key].starts // "" |
					 length)])} | del(.text)]'
}

for f in minuta.docx minuta.odt minuta.pdf minuta.doc minuta.rtf \
	 acuerdos-tabla.docx minuta-bullets.docx; do
	dir="$T/$f.d"
	mkdir -p "$dir"
	cp "$D/$f" "$dir/"
	run_rc $STLINDEX --db "$T/$f.db" "$dir"
	expect_eq "$f: indexed" 0 "$RC"
	expect_eq "$f: no warning" "" "$ERR"
	$STLSEARCH --db "$T/$f.db" --json --limit 1 tipo:minuta |
		head -n 1 | got >"$T/$f.got"
	want "$f" >"$T/$f.want"
	expect_eq "$f: the expected record" "$(cat "$T/$f.want")" \
		"$(cut_to "$T/$f.want" <"$T/$f.got")"
done

# What cannot be read: one line each, naming the file and why; the run
# goes on and the index holds nothing of them.
mkdir -p "$T/malos"
for f in cifrado.pdf escaneado.pdf bomba.docx truncado.docx; do
	cp "$D/$f" "$T/malos/"
done
cp "$D/minuta.docx" "$T/malos/buena.docx"
run_rc $STLINDEX --db "$T/malos.db" "$T/malos"
expect_eq "bad files: exit" 0 "$RC"
expect_eq "bad files: one line each" 4 "$(printf '%s\n' "$ERR" | grep -c .)"
expect_has "encrypted" "'$T/malos/cifrado.pdf': se omite: PDF cifrado" "$ERR"
expect_has "scanned" "'$T/malos/escaneado.pdf': se omite: PDF sin capa de texto" "$ERR"
expect_has "zip bomb" "'$T/malos/bomba.docx': se omite: el archivo comprimido excede" "$ERR"
expect_has "truncated" "'$T/malos/truncado.docx': se omite: archivo .docx dañado" "$ERR"
run_rc $STLSEARCH --db "$T/malos.db" --json tipo:minuta
expect_eq "only the good file is found" 1 "$(printf '%s\n' "$OUT" | grep -c '"path"')"

finish
