#!/bin/sh
# formats.sh - minutes as offices keep them: the same minute as .txt,
# .docx, .odt, .pdf, .doc and .rtf (made by LibreOffice: tests/data/office/make.sh)
# gives the same record; a damaged, encrypted, scanned or zip-bomb file is
# one warning line and never stops the run; other types are counted;
# incremental runs, moves and deletions work for every format.
. tests/e2e/lib.sh
# A scan without OCR is one warning line here; OCR itself is ocr.sh's.
STLINDEX="$STLINDEX --sin-ocr"

M="$T/minutas"
mkdir -p "$M"
cp corpus/minuta-2020-09-24.txt "$M/minuta.txt"
for f in minuta.docx minuta.odt minuta.pdf minuta.doc minuta.rtf; do cp "tests/data/office/$f" "$M/"; done
for f in cifrado.pdf escaneado.pdf truncado.docx bomba.docx; do
	cp "tests/data/office/$f" "$M/"
done
printf 'a,b\n' >"$M/tabla.xlsx"
printf 'a,b\n' >"$M/otra.XLSX"
printf 'x' >"$M/presentacion.pptx"
printf 'x' >"$M/~\$minuta.docx"
printf 'x' >"$M/.~lock.minuta.docx#"
printf 'IEEM\tInstituto Electoral del Estado de México\n' >"$M/instituciones.tsv"

run_rc $STLINDEX --json "$M"
expect_eq "mixed folder: exit" 0 "$RC"
last=$(printf '%s\n' "$OUT" | tail -n 1)
expect_eq "added" 6 "$(printf '%s' "$last" | jq .added)"
expect_eq "skipped: the four bad files" 4 "$(printf '%s' "$last" | jq .skipped)"
expect_eq "formats" '{"doc":1,"docx":1,"odt":1,"pdf":1,"rtf":1,"txt":1}' \
	"$(printf '%s' "$last" | jq -cS .formats)"
expect_eq "unsupported" '{".pptx":1,".xlsx":2}' \
	"$(printf '%s' "$last" | jq -cS .unsupported)"
expect_eq "one line per bad file, one for the unsupported ones" 5 \
	"$(printf '%s\n' "$ERR" | grep -c .)"
expect_has "encrypted PDF named" "'$M/cifrado.pdf': se omite: PDF cifrado" "$ERR"
expect_has "scanned PDF named" "'$M/escaneado.pdf': se omite: PDF sin capa de texto" "$ERR"
expect_has "truncated docx named" "'$M/truncado.docx': se omite: archivo .docx dañado" "$ERR"
expect_has "zip bomb named" "'$M/bomba.docx': se omite: el archivo comprimido excede" "$ERR"
expect_has "unsupported counted" "no admitidos: 3 (.pptx 1, .xlsx 2)" "$ERR"
expect_lacks "office temporary file not read" '~$minuta.docx' "$ERR"
expect_lacks "office lock file not read" '.~lock' "$ERR"
expect_lacks "no English" "error" "$ERR"

# Every format gives the same record (each indexed alone: together
# they are one minute, below).
rec() {
	mkdir -p "$T/solo-$1"
	cp "$2" "$T/solo-$1/"
	$STLINDEX --quiet --db "$T/solo-$1.db" "$T/solo-$1"
	$STLSEARCH --db "$T/solo-$1.db" --json --limit 10 "fecha:2020-09-24" |
		jq -c '[.format, .date, .time, ([.attendees[].name] | sort),
			[.agreements[] | [.number, .deadline]]]'
}
want=$(rec txt "$M/minuta.txt" | sed 's/^\["txt",//')
check "txt record found" test -n "$want"
for f in docx odt pdf doc rtf; do
	expect_eq "$f record as the txt one" "[\"$f\",$want" \
		"$(rec $f "$M/minuta.$f")"
done

# The same minute in six files is one hit that lists them all; its
# agreements are four, not 24, and the facets count it once.
run_rc $STLSEARCH --json "fecha:2020-09-24"
expect_eq "one minute, six files: one hit" 1 "$(printf '%s\n' "$OUT" | grep -c .)"
expect_eq "the hit lists every file" '["doc","docx","odt","pdf","rtf","txt"]' \
	"$(printf '%s' "$OUT" | jq -c '[.files[].format] | sort')"
expect_eq "its own file first" "$(printf '%s' "$OUT" | jq -r .path)" \
	"$(printf '%s' "$OUT" | jq -r '.files[0].path')"
run_rc $STLSEARCH --acuerdos --count "fecha:2020-09-24"
expect_eq "four agreements, not one per file" 4 "$OUT"
run_rc $STLSEARCH --acuerdos --json --facetas "hoja de ruta"
expect_eq "facets count the minute once" 1 \
	"$(printf '%s' "$OUT" | head -n 1 | jq '.facets["año"]["2020"]')"
run_rc $STLSEARCH "hoja de ruta"
expect_has "the terminal names the other files" "También en: " "$OUT"
expect_eq "and names each once" 1 \
	"$(printf '%s\n' "$OUT" | grep -c "minuta.pdf")"
run_rc $STLSEARCH --json "hoja de ruta"
expect_has "a word found in the docx" '"format":"docx"' "$OUT"
expect_has "a word found in the pdf" '"format":"pdf"' "$OUT"
run_rc $STLSEARCH --json 'persona:"Lilibeth Álvarez"'
expect_has "a person in the odt" '"format":"odt"' "$OUT"
# A different minute of the same day is not taken for a copy.
sed 's/hoja de ruta/ruta crítica/' "$M/minuta.txt" >"$T/otra.txt"
mkdir "$T/otra" && mv "$T/otra.txt" "$T/otra/"
run_rc $STLINDEX --db "$T/otra.db" "$M" "$T/otra"
run_rc $STLSEARCH --db "$T/otra.db" --count "fecha:2020-09-24"
expect_eq "other agreements: another minute" 2 "$OUT"

# Nothing changed: nothing read again.
run_rc $STLINDEX --json "$M"
last=$(printf '%s\n' "$OUT" | tail -n 1)
expect_eq "second run: unchanged" 6 "$(printf '%s' "$last" | jq .unchanged)"
expect_eq "second run: added" 0 "$(printf '%s' "$last" | jq .added)"

# Touched, not changed: no reader runs (there is none here), the mtime
# is stored, and the documents stay as they were.
touch -d '2021-01-01 00:00' "$M/minuta.docx" "$M/minuta.pdf"
run_rc env STL_EXTRACTOR=/nonexistent/stlextract $STLINDEX --json "$M"
last=$(printf '%s\n' "$OUT" | tail -n 1)
expect_eq "touched: exit" 0 "$RC"
# (The four bad files, never indexed, are tried again, and now lack a
# reader.)
expect_eq "touched: unchanged, nothing read again" "6 0 4" \
	"$(printf '%s' "$last" | jq -r '"\(.unchanged) \(.added) \(.skipped)"')"
expect_lacks "touched: the docx is not read" "minuta.docx" "$ERR"
expect_lacks "touched: the pdf is not read" "minuta.pdf" "$ERR"
run_rc $STLSEARCH --json 'fecha:2020-09-24'
expect_has "touched: still found" "$M/minuta.docx" "$OUT"
run_rc env STL_EXTRACTOR=/nonexistent/stlextract $STLINDEX --json "$M"
expect_eq "touched: the new mtime was stored" 6 \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq .unchanged)"

# Changed, moved, deleted.
cp tests/data/office/minuta.odt "$M/minuta.docx"
mkdir "$M/archivo"
mv "$M/minuta.pdf" "$M/archivo/minuta-movida.pdf"
rm "$M/minuta.odt"
run_rc $STLINDEX --json "$M"
last=$(printf '%s\n' "$OUT" | tail -n 1)
expect_eq "changed + moved: updated" 2 "$(printf '%s' "$last" | jq .updated)"
expect_eq "deleted: removed" 1 "$(printf '%s' "$last" | jq .removed)"
run_rc $STLSEARCH --json "fecha:2020-09-24"
expect_has "the moved pdf is found where it is" "archivo/minuta-movida.pdf" "$OUT"
expect_lacks "the deleted odt is gone" "minuta.odt" "$OUT"
expect_has "an .odt named .docx is read as what it is" \
	"\"path\":\"$M/minuta.docx\",\"format\":\"odt\"" "$OUT"

# A limit the user sets is applied, and named when a file passes it.
run_rc $STLINDEX --full --limite texto=200 --json "$M"
expect_eq "text limit: exit" 0 "$RC"
expect_has "text limit: named" "el texto extraído excede el límite" "$ERR"
run_rc $STLINDEX --limite memoria=cero "$M"
expect_eq "bad limit: exit" 2 "$RC"
expect_has "bad limit: message" "--limite 'memoria=cero' no es válido" "$ERR"

finish
