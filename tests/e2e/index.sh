#!/bin/sh
# index.sh - stlindex end to end: incremental runs (add, change, touch,
# delete, move, unchanged), exact JSON summaries, skipped files, the lock,
# and errors.
. tests/e2e/lib.sh

M="$T/minutas"
mkdir -p "$M/2020"
cp corpus/minuta-2020-06-17.txt "$M/"
cp corpus/minuta-2020-09-24.txt "$M/2020/"

# summary KEY: a key of the JSON summary, the last line of stdout.
summary() {
	printf '%s\n' "$OUT" | tail -n 1 | jq -r ".$1"
}

counts() {
	printf '%s\n' "$OUT" | tail -n 1 |
		jq -r '"\(.added) \(.updated) \(.removed) \(.unchanged) \(.skipped) \(.warnings)"'
}

# First run: everything is new.
run_rc $STLINDEX --json "$M"
expect_eq "first run exit" 0 "$RC"
expect_eq "first run counts" "2 0 0 0 0 0" "$(counts)"
check "summary is the only stdout line" test "$(printf '%s\n' "$OUT" | wc -l)" -eq 1

# Nothing changed: nothing is read or written.
run_rc $STLINDEX --json "$M"
expect_eq "unchanged run" "0 0 0 2 0 0" "$(counts)"

# Without a path, the remembered roots are indexed again.
run_rc $STLINDEX --json
expect_eq "remembered roots exit" 0 "$RC"
expect_eq "remembered roots" "0 0 0 2 0 0" "$(counts)"

# A change of content.
printf '\nVIII. Acuerdo agregado sobre la bitácora de seguimiento.\n' >>"$M/minuta-2020-06-17.txt"
run_rc $STLINDEX --json "$M"
expect_eq "changed file" "0 1 0 1 0 0" "$(counts)"
run_rc $STLSEARCH --count bitacora
expect_eq "the change is searchable" 1 "$OUT"

# A changed file's new documents take over the old ones' ids: with fewer
# agreements the rest go, with more they are added; nothing else changes.
docs() {
	xapian-delve "$STLSEARCH_DB" | sed -n 's/^number of documents = //p'
}
agreements() {
	$STLSEARCH --count --acuerdos fecha:2020-06-17
}
DOCS0=$(docs)
AG0=$(agreements)
cp "$M/minuta-2020-06-17.txt" "$T/junio.txt"
awk '/^II\. / { print "II. Un acuerdo nuevo sobre la gaceta."; next }
	/^(III|IV|V|VI|VII|VIII)\. / { next } { print }' "$T/junio.txt" \
	>"$M/minuta-2020-06-17.txt"
run_rc $STLINDEX --json "$M"
expect_eq "fewer agreements: updated" "0 1 0 1 0 0" "$(counts)"
expect_eq "fewer agreements: two left" 2 "$(agreements)"
expect_eq "fewer agreements: the others deleted" $((DOCS0 - AG0 + 2)) "$(docs)"
run_rc $STLSEARCH --count --acuerdos gaceta
expect_eq "fewer agreements: the new one searchable" 1 "$OUT"
run_rc $STLSEARCH --count --tipo todo '"estudio de calidad"'
expect_eq "fewer agreements: old words gone" 0 "$OUT"
cp "$T/junio.txt" "$M/minuta-2020-06-17.txt"
run_rc $STLINDEX --json "$M"
expect_eq "more agreements again" "$AG0" "$(agreements)"
expect_eq "more agreements: as many documents as before" "$DOCS0" "$(docs)"
run_rc $STLSEARCH --count --acuerdos gaceta
expect_eq "more agreements: the single one gone" 0 "$OUT"

# A touch without a change: unchanged.
touch -d '2021-01-01 00:00' "$M/2020/minuta-2020-09-24.txt"
run_rc $STLINDEX --json "$M"
expect_eq "touched file" "0 0 0 2 0 0" "$(counts)"

# A move: the same minute, never two.
mv "$M/2020/minuta-2020-09-24.txt" "$M/septiembre.txt"
run_rc $STLINDEX --json "$M"
expect_eq "moved file" "0 1 0 1 0 0" "$(counts)"
run_rc $STLSEARCH --json --tipo todo '"hoja de ruta"'
expect_eq "moved minute found once" 0 "$(printf '%s\n' "$OUT" | jq -r .path | grep -c '/2020/')"
expect_has "moved minute under its new path" "$M/septiembre.txt" "$OUT"
run_rc $STLSEARCH --count '"hoja de ruta"'
expect_eq "one minute for hoja de ruta" 1 "$OUT"

# A new file, an empty one, a binary one, and one without structure.
cp corpus/minuta-2020-09-24.txt "$M/copia.md"
: >"$M/vacia.txt"
printf 'ab\000cd\000' >"$M/binaria.txt"
printf 'Notas sueltas sin secciones sobre transparencia proactiva.\n' >"$M/notas.txt"
run_rc $STLINDEX --json "$M"
expect_eq "new, empty, binary, unstructured" "2 0 0 2 2 1" "$(counts)"
expect_has "empty file named" "'$M/vacia.txt'" "$ERR"
expect_has "empty file reason" "vacío" "$ERR"
expect_has "binary file named" "'$M/binaria.txt'" "$ERR"
expect_has "unstructured file warned" "'$M/notas.txt'" "$ERR"
run_rc $STLSEARCH --count proactiva
# copia.md is the minute of 2020-09-24 again: one hit with both files.
expect_eq "unstructured file is searchable" 3 "$OUT"
run_rc $STLSEARCH --json 'fecha:2020-09-24'
expect_eq "a copy is listed with its minute" 2 \
	"$(printf '%s' "$OUT" | jq '.files | length')"

# A deletion.
rm "$M/copia.md"
run_rc $STLINDEX --json "$M"
expect_eq "deleted file" "0 0 1 3 2 0" "$(counts)"
run_rc $STLSEARCH --count '"hoja de ruta"'
expect_eq "deleted minute gone" 1 "$OUT"

# A file name that is not UTF-8 (Latin-1 "acta-é.txt") with agreements:
# indexed, searchable, and the rest of the run unaffected.
L="$T/latin1"
mkdir -p "$L"
cp corpus/minuta-2020-06-17.txt "$L/acta-$(printf '\351').txt"
cp corpus/minuta-2020-09-24.txt "$L/otra.txt"
run_rc $STLINDEX --json --db "$T/latin1-db" "$L"
expect_eq "latin-1 name: exit" 0 "$RC"
expect_eq "latin-1 name: both added" "2 0 0 0 0 0" "$(counts)"
run_rc $STLSEARCH --db "$T/latin1-db" --json --acuerdos persona:"Lilibeth Álvarez"
fffd=$(printf '\357\277\275')
expect_eq "latin-1 name: its agreements are found (name shown repaired)" \
	"$(printf '%s\n' "$L/acta-$fffd.txt" "$L/otra.txt")" \
	"$(printf '%s\n' "$OUT" | jq -r .path | sort)"
run_rc $STLSEARCH --db "$T/latin1-db" --json persona:"Lilibeth Álvarez"
expect_eq "latin-1 name: its agreements are listed under it" "[2] [2]" \
	"$(printf '%s\n' "$OUT" | jq -c .matching_agreements | sort | tr '\n' ' ' | sed 's/ $//')"

# Another writer holds the lock: exit 75 and say so.
mkfifo "$T/hold"
"$TOOLS/hold_lock" "$STLSEARCH_DB" <"$T/hold" >"$T/hold.out" &
holder=$!
exec 9>"$T/hold"
i=0
while [ "$(cat "$T/hold.out")" != locked ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
run_rc $STLINDEX --json "$M"
expect_eq "locked index exit" 75 "$RC"
expect_has "lock message" "otro stlindex" "$ERR"
expect_eq "locked: nothing on stdout" "" "$OUT"
exec 9>&-
wait $holder
run_rc $STLINDEX --json "$M"
expect_eq "after the lock" 0 "$RC"

# Errors: a path that does not exist; an index location that cannot be.
run_rc $STLINDEX --json "$M/no-existe"
expect_eq "missing path exit" 2 "$RC"
expect_has "missing path named" "'$M/no-existe'" "$ERR"
: >"$T/archivo"
run_rc $STLINDEX --db "$T/archivo/db" "$M"
expect_eq "unwritable index exit" 2 "$RC"
expect_has "unwritable index named" "'$T/archivo/db'" "$ERR"

# An index of another schema is never mixed: a newer one is refused by
# both programs, an older one is rebuilt.
xapian-metadata set "$STLSEARCH_DB" stl:schema 999
run_rc $STLINDEX --json "$M"
expect_eq "newer schema refused" 2 "$RC"
expect_has "newer schema message" "versión más nueva" "$ERR"
run_rc $STLSEARCH minuta
expect_eq "newer schema: search refused" 2 "$RC"
expect_has "newer schema: search says what to do" "stlindex --full" "$ERR"
xapian-metadata set "$STLSEARCH_DB" stl:schema 0
run_rc $STLINDEX --json "$M"
expect_eq "older schema rebuilt" 0 "$RC"
expect_has "older schema notice" "se reconstruye" "$ERR"
expect_eq "older schema: all added again" 3 "$(summary added)"
expect_eq "schema written" "$(sed -n 's/^#define STL_SCHEMA_VERSION \([0-9]*\).*/\1/p' include/stl/schema.h)" \
	"$(xapian-metadata get "$STLSEARCH_DB" stl:schema)"

# A progress bar on a terminal for a long run, none when not a terminal.
P="$T/muchas"
mkdir -p "$P"
i=0
while [ $i -lt 400 ]; do
	sed "s/Zoom/Zoom $i/" corpus/minuta-2020-09-24.txt >"$P/m$i.txt"
	i=$((i + 1))
done
run_rc $STLINDEX --db "$T/pdb" "$P"
expect_lacks "no progress bar without a terminal" "$(printf '\r')" "$ERR"
if command -v script >/dev/null; then
	script -qec "$STLINDEX --db '$T/pdb2' '$P'" /dev/null >"$T/tty.out" 2>&1
	expect_has "progress bar on a terminal" "/400" "$(tr '\r' '\n' <"$T/tty.out")"
fi

# --full reads everything again.
run_rc $STLINDEX --json --full "$M"
expect_eq "full rebuild exit" 0 "$RC"
expect_eq "full rebuild updates all" 3 "$(summary updated)"


# Warnings: only a missing required section (date, attendees, agreements)
# is one, and it says what was indexed; an optional one missing (the
# follow-up meeting absent or "Por definir.") is none.
W="$T/avisos"
mkdir -p "$W"
awk '/REUNIÓN DE SEGUIMIENTO/ { exit } { print }' \
	corpus/minuta-2020-09-24.txt >"$W/sin-seguimiento.txt"
awk '/REUNIÓN DE SEGUIMIENTO/ { print; print "\tPor definir."; exit } { print }' \
	corpus/minuta-2020-09-24.txt >"$W/por-definir.txt"
printf 'ACUERDOS\n\nI. Se acordó publicar la gaceta.\nII. Se acordó revisar el portal.\nIII. Se acordó otra cosa.\n' >"$W/tres.txt"
printf 'ACUERDOS\n\nI. Se acordó publicar la gaceta.\n' >"$W/uno.txt"
printf 'Notas sueltas.\n' >"$W/notas.txt"
run_rc $STLINDEX --db "$T/avisos-db" "$W"
expect_eq "warnings: exit" 0 "$RC"
expect_eq "warnings: only required sections, saying what was indexed" \
	"stlindex: '$W/notas.txt': aviso: no se encontraron la fecha, la lista de asistentes ni los acuerdos; se indexó el texto completo
stlindex: '$W/tres.txt': aviso: no se encontró la fecha ni la lista de asistentes; se indexaron el texto completo y 3 acuerdos
stlindex: '$W/uno.txt': aviso: no se encontró la fecha ni la lista de asistentes; se indexaron el texto completo y 1 acuerdo" \
	"$(printf '%s\n' "$ERR" | sort)"
expect_eq "warnings: the summary agrees in number" \
	"stlindex: 5 nuevas, 0 actualizadas, 0 quitadas, 0 sin cambios, 0 omitidas, 3 con avisos (índice '$T/avisos-db')" "$OUT"
rm "$W/tres.txt" "$W/notas.txt"
printf 'ACUERDOS\n\nI. Se acordó revisar el portal.\n' >"$W/uno.txt"
run_rc $STLINDEX --db "$T/avisos-db" "$W"
expect_eq "summary: singular counts" \
	"stlindex: 0 nuevas, 1 actualizada, 2 quitadas, 2 sin cambios, 0 omitidas, 1 con aviso (índice '$T/avisos-db')" "$OUT"
cp corpus/minuta-2020-06-17.txt "$W/"
: >"$W/vacia.txt"
rm "$W/por-definir.txt"
run_rc $STLINDEX --db "$T/avisos-db" "$W"
expect_eq "summary: one new, one skipped" \
	"stlindex: 1 nueva, 0 actualizadas, 1 quitada, 2 sin cambios, 1 omitida, 0 con avisos (índice '$T/avisos-db')" "$OUT"

# Relative deadlines count días hábiles without the days a root's or the
# user's dias-inhabiles.txt declares; a changed list reindexes everything.
D="$T/plazos"
mkdir -p "$D" "$XDG_CONFIG_HOME/stlsearch"
cp tests/data/minutes/relative-deadlines.txt "$D/"
deadline() {
	$STLSEARCH --db "$T/ddb" --json --acuerdos "$1" | jq -r .deadline
}
run_rc $STLINDEX --db "$T/ddb" --json "$D"
expect_eq "relative deadlines: index" "1 0 0 0 0 0" "$(counts)"
expect_eq "diez días hábiles" 2020-09-25 "$(deadline observaciones)"
expect_eq "cinco días naturales" 2020-09-15 "$(deadline convocatoria)"
expect_eq "la próxima semana" 2020-09-18 "$(deadline circulara)"
expect_eq "para la siguiente reunión" 2020-10-01 "$(deadline diagnostico)"
expect_has "Plazo shown" "Plazo: 2020-09-25" \
	"$($STLSEARCH --db "$T/ddb" --acuerdos observaciones)"
printf '# inhábiles\n\n2020-09-21\n21/09/2020\n' >"$D/dias-inhabiles.txt"
printf '2020-09-22  # del IEEM\n' >"$XDG_CONFIG_HOME/stlsearch/dias-inhabiles.txt"
run_rc $STLINDEX --db "$T/ddb" --json "$D"
expect_eq "changed list: exit" 0 "$RC"
expect_eq "changed list: the list is no minute, all reindexed" "0 1 0 0 0 0" "$(counts)"
expect_has "changed list: says so" "la lista de días inhábiles cambió" "$ERR"
expect_has "bad line: file and line named" \
	"stlindex: '$D/dias-inhabiles.txt' línea 4: fecha no válida '21/09/2020': use AAAA-MM-DD, una por línea" "$ERR"
expect_eq "declared days skipped" 2020-09-29 "$(deadline observaciones)"
expect_eq "natural days unchanged" 2020-09-15 "$(deadline convocatoria)"
run_rc $STLINDEX --db "$T/ddb" --json "$D"
expect_eq "same list: nothing reindexed" "0 0 0 1 0 0" "$(counts)"
rm "$D/dias-inhabiles.txt" "$XDG_CONFIG_HOME/stlsearch/dias-inhabiles.txt"
run_rc $STLINDEX --db "$T/ddb" --json "$D"
expect_eq "list removed: reindexed" "0 1 0 0 0 0" "$(counts)"
expect_eq "list removed: deadline back" 2020-09-25 "$(deadline observaciones)"

finish
