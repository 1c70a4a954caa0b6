#!/bin/sh
# ocr.sh - scans and photographs of a minute (tests/data/ocr/make.sh) are
# read by OCR with a plain stlindex and found like the typed minute: by
# words, date, attendees and agreements; their OCR text holds at least
# 97 % of the typed words (200 dpi scan); an unchanged scan is never read
# again, a --full run takes the OCR cache; --sin-ocr and a missing
# Spanish model skip them with one line each / one line a run.
. tests/e2e/lib.sh

TYPED=corpus/minuta-2020-09-24.txt
M="$T/minutas"
mkdir -p "$M" "$T/typed"
cp tests/data/ocr/escaneado-200.pdf tests/data/ocr/foto-150.jpg "$M/"
cp "$TYPED" "$T/typed/minuta.txt"
$STLINDEX --quiet --db "$T/typed.db" "$T/typed" || not_ok "typed minute indexed"

# ---- the OCR text: word recall against the typed version -------------------

# ocr_text FORMAT FILE: the text stlextract reads off the file.
ocr_text() {
	{ printf '%s %s\n' "$1" "$(wc -c <"$2" | tr -d ' ')"; cat "$2"; } |
		"$STL_BUILD/stlextract" | grep -a '^P' | cut -f3
}
ocr_text pdf "$M/escaneado-200.pdf" >"$T/scan.txt"
ocr_text jpg "$M/foto-150.jpg" >"$T/photo.txt"
recall=$(python3 tests/tools/ocr-recall.py "$TYPED" "$T/scan.txt" 2>"$T/missed")
check "200 dpi scan: word recall $recall % >= 97 % ($(cat "$T/missed"))" \
	python3 -c "import sys; sys.exit(float('$recall') < 97)"
recall=$(python3 tests/tools/ocr-recall.py "$TYPED" "$T/photo.txt" 2>"$T/missed")
check "150 dpi photo: word recall $recall % >= 95 % ($(cat "$T/missed"))" \
	python3 -c "import sys; sys.exit(float('$recall') < 95)"

# A PDF with a page of text and a scanned page: the scanned one is read by
# OCR, in its place.
qpdf --empty --pages tests/data/office/minuta.pdf "$M/escaneado-200.pdf" -- \
	"$T/mixto.pdf"
{ printf 'pdf %s\n' "$(wc -c <"$T/mixto.pdf" | tr -d ' ')"; cat "$T/mixto.pdf"; } |
	"$STL_BUILD/stlextract" >"$T/mixto.out"
expect_eq "mixed PDF: both pages read" 2 "$(grep -a -c 'Metepec a 24 de septiembre' "$T/mixto.out")"
check "mixed PDF: marked as OCR" grep -a -q '^M	ocr	' "$T/mixto.out"

# ---- indexed by a plain stlindex -------------------------------------------

run_rc $STLINDEX --json "$M"
expect_eq "scans: exit" 0 "$RC"
last=$(printf '%s\n' "$OUT" | tail -n 1)
expect_eq "scans: both added" 2 "$(printf '%s' "$last" | jq .added)"
expect_eq "scans: formats" '{"jpg":1,"pdf":1}' \
	"$(printf '%s' "$last" | jq -cS .formats)"
expect_lacks "scans: nothing skipped" "se omite" "$ERR"

# The scan and the photo read alike: one hit, both its files.
files() {
	printf '%s\n' "$1" | jq -r '.files[].path' | sed 's|.*/||' | sort |
		tr '\n' ' ' | sed 's/ $//'
}
run_rc $STLSEARCH --json Rosemberg
expect_eq "found by a word" "escaneado-200.pdf foto-150.jpg" "$(files "$OUT")"
run_rc $STLSEARCH --json "hoja de ruta" fecha:2020-09-24
expect_eq "found by a phrase and the date" "escaneado-200.pdf foto-150.jpg" "$(files "$OUT")"
run_rc $STLSEARCH --json fecha:"24 de septiembre de 2020" asistente:Rosemberg
expect_eq "found by an attendee" "escaneado-200.pdf foto-150.jpg" "$(files "$OUT")"
run_rc $STLSEARCH --json institucion:Infoem
expect_eq "found by an institution" "escaneado-200.pdf foto-150.jpg" "$(files "$OUT")"

# JSON: the hit says it was read by OCR, and how well.
run_rc $STLSEARCH --json Rosemberg
expect_eq "JSON: ocr" "true" "$(printf '%s\n' "$OUT" | jq -r .ocr)"
expect_has "JSON: format" "$(printf '%s\n' "$OUT" | jq -r .format)" "jpg pdf"
expect_eq "JSON: confidence 50..100" "true" \
	"$(printf '%s\n' "$OUT" | jq -r '.ocr_confidence >= 50 and .ocr_confidence <= 100')"
run_rc $STLSEARCH --json --db "$T/typed.db" Rosemberg
expect_lacks "JSON: a typed hit has no ocr key" '"ocr"' "$OUT"

# The agreements, numbered, with people resolved by role, as typed; each
# indexed alone, so that no copy hides another.
for f in escaneado-200.pdf foto-150.jpg; do
	mkdir "$T/solo-$f"
	cp "$M/$f" "$T/solo-$f/"
	$STLINDEX --quiet --db "$T/solo-$f.db" "$T/solo-$f"
done
agreements() {
	$STLSEARCH --db "$1" --json --acuerdos --limit 50 fecha:2020-09-24 |
		jq -r '.number' | sort -n | tr '\n' ' '
}
want=$(agreements "$T/typed.db")
check "typed agreements found" test -n "$want"
for f in escaneado-200.pdf foto-150.jpg; do
	expect_eq "$f: agreements as typed" "$want" "$(agreements "$T/solo-$f.db")"
done
# The follow-up meeting and the deadlines, as typed: "Jueves 1ª de
# octubre", which OCR reads as "Jueves 12", is the 1st by its weekday.
dates() {
	$STLSEARCH --db "$1" --json tipo:minuta |
		jq -c '[.next_meeting, [.agreements[] | .deadline]]'
}
want=$(dates "$T/typed.db")
for f in escaneado-200.pdf foto-150.jpg; do
	expect_eq "$f: next meeting and deadlines as typed" "$want" \
		"$(dates "$T/solo-$f.db")"
done
# The attendees, by name (accents aside: OCR may drop one, search
# ignores them), as typed: misread bullets (": Alfredo") are not names.
attendees() {
	$STLSEARCH --db "$1" --json fecha:2020-09-24 |
		jq -r '.attendees[].name' | iconv -f UTF-8 -t ASCII//TRANSLIT |
		tr '\n' ';'
}
want=$(attendees "$T/typed.db")
check "typed attendees found" test -n "$want"
for f in escaneado-200.pdf foto-150.jpg; do
	expect_eq "$f: attendees as typed" "$want" "$(attendees "$T/solo-$f.db")"
done
persons() {
	$STLSEARCH --db "$1" --json --acuerdos persona:"Lilibeth Álvarez" |
		jq -r '.number' | sort -n | tr '\n' ' '
}
want=$(persons "$T/typed.db")
check "typed: an agreement names Lilibeth Álvarez by role" test -n "$want"
for f in escaneado-200.pdf foto-150.jpg; do
	expect_eq "$f: the person resolved by role" "$want" "$(persons "$T/solo-$f.db")"
done

run_rc $STLSEARCH --color=never Rosemberg
expect_has "text: the hit is marked" "escaneado-200.pdf (escaneo)" "$OUT"
run_rc $STLSEARCH --color=never --db "$T/typed.db" Rosemberg
expect_lacks "text: a typed hit is not" "(escaneo)" "$OUT"
# ---- cost: never read twice --------------------------------------------------

# Unchanged: not read again (there is no reader at all here).
run_rc env STL_EXTRACTOR=/nonexistent/stlextract $STLINDEX --json "$M"
expect_eq "second run: unchanged" "2 0" \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq -r '"\(.unchanged) \(.skipped)"')"
expect_eq "second run: quiet" "" "$ERR"

# --full and a moved file: the OCR cache answers, no reader runs.
check "OCR cache written" test "$(ls "$XDG_CACHE_HOME/stlsearch/ocr" | wc -l)" -eq 2
mkdir "$M/archivo"
mv "$M/foto-150.jpg" "$M/archivo/foto.jpg"
run_rc env STL_EXTRACTOR=/nonexistent/stlextract $STLINDEX --full --json "$M"
expect_eq "--full: from the cache" "0 2" \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq -r '"\(.skipped) \(.updated)"')"
expect_eq "--full: quiet" "" "$ERR"
run_rc $STLSEARCH --json asistente:Rosemberg
expect_eq "--full: still found, the photo at its new path" \
	"escaneado-200.pdf foto.jpg" "$(files "$OUT")"

# A damaged cache file is not used.
for f in "$XDG_CACHE_HOME"/stlsearch/ocr/*; do printf 'P0\tbasura\n' >"$f"; done
run_rc env STL_EXTRACTOR=/nonexistent/stlextract $STLINDEX --full --json "$M"
expect_eq "damaged cache: not used" 2 \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq .skipped)"
run_rc $STLINDEX --full --json "$M"
expect_eq "damaged cache: read again by OCR" "0" \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq .skipped)"
check "damaged cache: rewritten" grep -q '^M	ocr	' "$(ls -d "$XDG_CACHE_HOME"/stlsearch/ocr/* | head -n 1)"

# ---- without OCR -------------------------------------------------------------

run_rc $STLINDEX --sin-ocr --json --db "$T/sin.db" "$M"
expect_eq "--sin-ocr: exit" 0 "$RC"
expect_eq "--sin-ocr: both skipped" 2 \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq .skipped)"
expect_eq "--sin-ocr: one line each" 2 "$(printf '%s\n' "$ERR" | grep -c 'se omite')"
expect_has "--sin-ocr: the scan" "escaneado-200.pdf': se omite: PDF sin capa de texto" "$ERR"
expect_has "--sin-ocr: the photo" "foto.jpg': se omite: el OCR está desactivado" "$ERR"

# Without the Spanish model: one line a run, the files skipped.
run_rc env TESSDATA_PREFIX="$T/no-tessdata" XDG_CACHE_HOME="$T/cache2" \
	$STLINDEX --json --db "$T/nomodel.db" "$M"
expect_eq "no model: exit" 0 "$RC"
expect_eq "no model: skipped" 2 "$(printf '%s\n' "$OUT" | tail -n 1 | jq .skipped)"
expect_eq "no model: one line" "stlindex: aviso: no hay modelo de OCR en español; instálelo con: apt-get install tesseract-ocr-spa" "$ERR"

# A page over its limit is left out with a warning, the rest indexed, and
# that partial text is not cached.
mkdir "$T/limite"
cp tests/data/ocr/dos-paginas.tif "$T/limite/"
run_rc $STLINDEX --ocr-limite=1 --json --db "$T/limite.db" "$T/limite"
expect_eq "--ocr-limite=1: indexed" 1 "$(printf '%s\n' "$OUT" | tail -n 1 | jq .added)"
expect_has "--ocr-limite=1: the page named" "dos-paginas.tif': aviso: página 1: el OCR excedió el límite de 1 s y se omitió" "$ERR"
expect_eq "--ocr-limite=1: one line for the page" 1 "$(printf '%s\n' "$ERR" | grep -c 'página')"
expect_eq "--ocr-limite=1: one file with warnings" 1 "$(printf '%s\n' "$OUT" | tail -n 1 | jq .warnings)"
run_rc $STLSEARCH --db "$T/limite.db" --count Metepec
expect_eq "--ocr-limite=1: page 2 found" 1 "$OUT"
check "--ocr-limite=1: not cached" test "$(ls "$XDG_CACHE_HOME/stlsearch/ocr" | wc -l)" -eq 2

run_rc $STLINDEX --ocr-limite=0 "$M"
expect_eq "--ocr-limite=0 refused" 2 "$RC"
expect_has "--ocr-limite=0: why" "--ocr-limite '0' no es válido" "$ERR"
run_rc $STLINDEX --ocr-limite=60 --json "$M"
expect_eq "--ocr-limite=60: exit" 0 "$RC"

finish
