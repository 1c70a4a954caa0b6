#!/bin/sh
# hostile.sh - hostile files: each is indexed, or skipped with one warning
# line naming it and saying why, and the rest of the run is unaffected:
# invalid UTF-8, Windows-1252, UTF-8 with BOM, UTF-16 with BOM, NUL bytes,
# an empty file, a 50 MB file, a 10 MB line, names with spaces, accents or
# a newline, symlink loops, a folder named x.txt, a FIFO named x.txt, and
# files that vanish, change or turn into a FIFO between scan and read.
. tests/e2e/lib.sh

H="$T/hostiles"
mkdir -p "$H"

cp corpus/minuta-2020-09-24.txt "$H/buena.txt"
# Not UTF-8 (and no byte Windows-1252 leaves undefined): read as 1252.
printf 'Notas sobre palabrainvalida: caf\303\050 \240\241 fin.\n' >"$H/invalida.txt"
# Windows-1252: "Participación ciudadana en la sesión" + a marker word.
printf 'Participaci\363n ciudadana en la sesi\363n cpunica.\n' >"$H/cp1252.txt"
printf '\357\273\277Reuni\303\263n bomunica.\n' >"$H/bom.txt"
# UTF-16 with a BOM, both byte orders: "Reunión utflittle" / "utfbig".
printf '\377\376R\000e\000u\000n\000i\000\363\000n\000 \000u\000t\000f\000l\000i\000t\000t\000l\000e\000\n\000' >"$H/utf16le.txt"
printf '\376\377\000R\000e\000u\000n\000i\000\363\000n\000 \000u\000t\000f\000b\000i\000g\000\n' >"$H/utf16be.txt"
printf 'texto\000con nul\n' >"$H/nul.txt"
: >"$H/vacia.txt"
# 50 MB: more than any minute (skipped without being read whole).
yes 'linea de texto de una minuta muy larga' | head -c 52428800 >"$H/enorme.txt"
# A 10 MB line without a newline, with a marker word at its end.
{ yes palabra | head -c 10485760 | tr '\n' ' '; printf 'finlinealarga'; } >"$H/linea.txt"
# Names with spaces, accents, a newline.
printf 'Minuta con espaciosunica.\n' >"$H/con espacios.txt"
printf 'Minuta con acentounica.\n' >"$H/acción ñandú.txt"
printf 'Minuta con saltounica.\n' >"$H/salto
de línea.txt"
# Symlink loops: two links to each other, and a folder link to its parent.
ln -s bucle-b.txt "$H/bucle-a.txt"
ln -s bucle-a.txt "$H/bucle-b.txt"
mkdir "$H/sub"
ln -s .. "$H/sub/arriba"
ln -s "$ROOT/corpus" "$H/sub/fuera"
# A folder named x.txt is a folder: walked, never read as a file.
mkdir "$H/carpeta.txt"
printf 'Minuta dentrounica.\n' >"$H/carpeta.txt/dentro.txt"
mkfifo "$H/fifo.txt"
# Files the race shim changes between scan and read.
printf 'Minuta desaparecidaunica.\n' >"$H/desaparece.txt"
printf 'Minuta que cambia.\n' >"$H/cambia.txt"
printf 'Minuta volveraunica.\n' >"$H/sevuelvefifo.txt"

counts() {
	printf '%s\n' "$OUT" | tail -n 1 |
		jq -r '"\(.added) \(.updated) \(.removed) \(.unchanged) \(.skipped)"'
}

# never_blocks: a FIFO must not stop the run; 124 from timeout is a hang.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
run_rc env LD_PRELOAD="$TOOLS/race.so" STL_RACE_VANISH=/desaparece.txt \
	STL_RACE_CHANGE=/cambia.txt STL_RACE_FIFO=/sevuelvefifo.txt \
	timeout 300 $STLINDEX --json "$H"
expect_eq "hostile run exit" 0 "$RC"
# Added: buena invalida cp1252 bom utf16le utf16be linea, three odd
# names, carpeta.txt/dentro.txt, cambia. Skipped: nul vacia enorme,
# two loop links, fifo, desaparece, sevuelvefifo.
expect_eq "hostile run counts" "12 0 0 0 8" "$(counts)"

# warned NAME REASON: one stderr line names the file and says why.
warned() {
	expect_eq "$1: one warning line" 1 \
		"$(printf '%s\n' "$ERR" | grep -c "^stlindex: '$H/$1': se omite: .*$2")"
}
warned nul.txt "no es texto"
warned vacia.txt "vacío"
warned enorme.txt "demasiado grande"
warned bucle-a.txt "ciclo"
warned bucle-b.txt "ciclo"
warned fifo.txt "no es un archivo regular"
warned desaparece.txt "desapareció"
warned sevuelvefifo.txt "no es un archivo regular"
check "every warning is one line naming a file" sh -c \
	'printf "%s\n" "$1" | grep -v "^stlindex: '"'"'/" | grep -q . && exit 1 || exit 0' _ "$ERR"
expect_has "a newline in a name is shown escaped" "salto\\nde línea.txt" "$ERR"
expect_lacks "links out of the root are not followed" "/corpus/" \
	"$($STLSEARCH --json --limit 100 --tipo todo minuta | jq -r .path)"

# count QUERY: matching minutes.
count() {
	$STLSEARCH --count "$@"
}
expect_eq "the good minute" 1 "$(count '"hoja de ruta"')"
expect_eq "invalid UTF-8 indexed" 1 "$(count palabrainvalida)"
expect_eq "Windows-1252 decoded" 1 "$(count participacion cpunica)"
expect_has "Windows-1252 shown as UTF-8" "Participación" \
	"$($STLSEARCH --json cpunica | jq -r .snippet)"
expect_eq "UTF-8 BOM" 1 "$(count reunion bomunica)"
expect_lacks "BOM not shown" "$(printf '\357\273\277')" \
	"$($STLSEARCH --json bomunica | jq -r .snippet)"
expect_eq "UTF-16LE decoded" 1 "$(count reunion utflittle)"
expect_eq "UTF-16BE decoded" 1 "$(count reunion utfbig)"
expect_eq "10 MB line indexed to its end" 1 "$(count finlinealarga)"
expect_eq "name with spaces" "$H/con espacios.txt" \
	"$($STLSEARCH --json espaciosunica | jq -r .path)"
expect_eq "name with accents" "$H/acción ñandú.txt" \
	"$($STLSEARCH --json acentounica | jq -r .path)"
expect_eq "name with a newline" "$H/salto
de línea.txt" "$($STLSEARCH --json saltounica | jq -r .path)"
expect_eq "folder named x.txt walked" "$H/carpeta.txt/dentro.txt" \
	"$($STLSEARCH --json dentrounica | jq -r .path)"
expect_eq "vanished file not indexed" 0 "$(count desaparecidaunica)"
expect_eq "changed file indexed as read" 1 "$(count cambiounico)"
expect_eq "file turned FIFO not indexed" 0 "$(count volveraunica)"

# Again, without the shim: what was indexed is unchanged (the changed file
# was stored with the state of the bytes read), the vanished file is gone,
# the rest skipped again.
run_rc timeout 300 $STLINDEX --json "$H"
expect_eq "second run exit" 0 "$RC"
expect_eq "second run counts" "0 0 0 12 7" "$(counts)"

# A root whose name has a newline cannot be remembered (the roots are kept
# one a line): refused, never split into two bogus roots.
mkdir "$T/raiz
rota"
printf 'Minuta en raiz rota.\n' >"$T/raiz
rota/a.txt"
run_rc $STLINDEX --json "$T/raiz
rota"
expect_eq "root with a newline refused" 2 "$RC"
expect_has "root with a newline: says why" "salto de línea" "$ERR"
run_rc $STLINDEX --json
expect_eq "remembered roots intact" "0 0 0 12 7" "$(counts)"

finish
