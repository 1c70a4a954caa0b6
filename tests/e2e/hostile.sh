#!/bin/sh
# hostile.sh - hostile files: each is indexed, or skipped with one warning
# line naming it and saying why, and the rest of the run is unaffected:
# invalid UTF-8, Windows-1252, UTF-8 with BOM, UTF-16 with BOM, NUL bytes,
# an empty file, a 50 MB file, a 10 MB line, names with spaces, accents or
# a newline, symlink loops, a folder named x.txt, a FIFO named x.txt, and
# files that vanish, change or turn into a FIFO between scan and read.
# Hostile office files, made here: random bytes as .docx, .odt, .pdf, .doc
# and .rtf, a .docx whose document.xml is not XML, holds an entity bomb
# (billion laughs), an external entity (also in an .odt) or a DTD naming
# /etc/passwd, or 100 000 nested elements, a .docx of 100 000 zip
# entries, a truncated .pdf, a .pdf whose forms draw each other 10^9
# times (under --limite cpu=1), a .rtf of 100 000 nested groups, and an
# unrtf and an antiword that hang (fake ones first in PATH).
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

# ---- hostile office files ------------------------------------------------
O="$T/oficina"
mkdir -p "$O"
cp corpus/minuta-2020-09-24.txt "$O/buena.txt"
for x in docx odt pdf doc rtf; do cp "tests/data/office/minuta.$x" "$O/buena.$x"; done
python3 - "$O" "$ROOT/tests/data/office/minuta.pdf" <<'EOF'
import os, random, sys, zipfile
out, goodpdf = sys.argv[1], sys.argv[2]
os.chdir(out)
rnd = random.Random(13)
for x in ("docx", "odt", "pdf", "doc", "rtf"):
    with open("azar." + x, "wb") as f:
        f.write(bytes(rnd.getrandbits(8) for _ in range(20000)))
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"/>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, xml, how=zipfile.ZIP_DEFLATED, extra=0):
    with zipfile.ZipFile(name, "w", how) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", xml)
        for i in range(extra):
            z.writestr("x/%d" % i, "")
def doc(body, prolog='<?xml version="1.0"?>'):
    return prolog + '<w:document %s><w:body>%s</w:body></w:document>' % (W, body)
def para(t):
    return '<w:p><w:r><w:t>%s</w:t></w:r></w:p>' % t
docx("noxml.docx", "esto no es <<< XML & nada </w:p>")
lol = ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1)) * 10)
              for i in range(1, 10))
docx("risas.docx", doc(para('Minuta risasunica &lol9;'),
     '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "jajaja">'
     + lol + ']>'))
docx("externa.docx", doc(para('Minuta externaunica &xxe; fin'),
     '<?xml version="1.0"?><!DOCTYPE w:document '
     '[<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))
with zipfile.ZipFile("externa.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    z.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE office:document-content '
        '[<!ENTITY xxe SYSTEM "file:///etc/passwd">]><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:text><text:p>Minuta odtexternaunica &xxe; fin</text:p></office:text>'
        '</office:body></office:document-content>', zipfile.ZIP_DEFLATED)
docx("dtd.docx", doc(para('Minuta dtdunica'),
     '<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "file:///etc/passwd">'))
# Stored, so that the compression ratio limit does not stop it first.
docx("profunda.docx", doc('<w:p>' * 100000 + '<w:r><w:t>profundaunica</w:t></w:r>'
     + '</w:p>' * 100000), zipfile.ZIP_STORED)
docx("entradas.docx", doc(para('Minuta entradasunica')), zipfile.ZIP_STORED, 100000)
pdf = open(goodpdf, "rb").read()
open("truncado.pdf", "wb").write(pdf[:len(pdf) // 2])
# Ten forms, each drawing the next ten times: 10^9 glyphs from 4 KB.
def stream(d, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(d), extra) + d + b"\nendstream"
xo = b" ".join(b"/X%d %d 0 R" % (k, 6 + k) for k in range(10))
res = b"/Resources << /Font << /F1 5 0 R >> /XObject << %s >> >>" % xo
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] %s /Contents 4 0 R >>" % res,
        stream(b"BT /F1 12 Tf 72 700 Td (bucleunica) Tj ET /X0 Do"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
for k in range(10):
    body = b"/X%d Do " % (k + 1) * 10 if k < 9 else b"BT /F1 1 Tf (x) Tj ET"
    objs.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + res + b" "))
b = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs):
    offs.append(len(b))
    b += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(b)
b += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    b += b"%010d 00000 n \n" % o
b += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open("bucle.pdf", "wb").write(b)
open("grupos.rtf", "w").write("{\\rtf1 " + "{" * 100000 + "gruposunica" + "}" * 100000 + "}")
EOF
run_rc timeout 120 $STLINDEX --json --limite cpu=1 "$O"
expect_eq "office: exit" 0 "$RC"
# Added: the six good files, the two externa and dtd (their entities
# unread).
expect_eq "office: counts" "9 0 0 0 12" "$(counts)"
expect_eq "office: formats" '{"doc":1,"docx":3,"odt":2,"pdf":1,"rtf":1,"txt":1}' \
	"$(printf '%s\n' "$OUT" | tail -n 1 | jq -cS .formats)"
# skipped NAME REASON: exactly one stderr line, naming the file and
# saying why.
skipped() {
	expect_eq "office: $1: one warning line" 1 \
		"$(printf '%s\n' "$ERR" | grep -c "^stlindex: '$O/$1': se omite: $2")"
}
skipped azar.docx "no es un documento de Word (.docx)"
skipped azar.odt "no es un documento de texto OpenDocument (.odt)"
skipped azar.pdf "PDF dañado o incompleto"
skipped azar.doc "documento .doc dañado"
skipped azar.rtf "documento .rtf dañado"
skipped noxml.docx "archivo .docx dañado"
skipped risas.docx "archivo .docx dañado"
skipped profunda.docx "archivo .docx dañado"
skipped entradas.docx "el archivo comprimido excede los límites"
skipped truncado.pdf "PDF dañado o incompleto"
skipped bucle.pdf "la lectura excedió el límite de tiempo de CPU (1 s)"
skipped grupos.rtf ""
for f in externa.docx externa.odt dtd.docx; do
	expect_eq "office: $f: at most a notice" 0 \
		"$(printf '%s\n' "$ERR" | grep "'$O/$f'" | grep -vc ': aviso: ')"
done
expect_eq "office: at most one line per file" 15 "$(printf '%s\n' "$ERR" | grep -c .)"
check "office: every warning is one line naming a file" sh -c \
	'printf "%s\n" "$1" | grep -v "^stlindex: '"'"'/" | grep -q . && exit 1 || exit 0' _ "$ERR"
# Words of a library's or a shell's message.
ENGLISH='error|warning|fail|cannot|invalid|segmentation|abort|core dumped|entity|parser|killed|usage'
check "office: no English" sh -c '! printf "%s\n" "$1" | grep -Eiq "$2"' _ "$ERR" "$ENGLISH"
expect_eq "office: the good minute in every format" "doc docx odt pdf rtf txt" \
	"$($STLSEARCH --json --limit 100 '"hoja de ruta"' | jq -r --arg o "$O/" \
		'.files[] | select(.path | startswith($o)) | .format' | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "office: the external entity's document indexed" 1 "$(count externaunica)"
expect_eq "office: the external entity's .odt indexed" 1 "$(count odtexternaunica)"
expect_eq "office: the DTD's document indexed" 1 "$(count dtdunica)"
all=$($STLSEARCH --json --tipo todo --limit 100000)
expect_lacks "office: /etc/passwd never read (records)" "root:" "$all"
expect_lacks "office: /etc/passwd never read (warnings)" "root:" "$ERR"
expect_eq "office: /etc/passwd never read (words)" 0 "$(count root O nologin O daemon)"
expect_eq "office: the entity bomb not expanded" 0 "$(count jajaja O risasunica)"
expect_eq "office: nothing of the skipped files indexed" 0 \
	"$(count profundaunica O entradasunica O bucleunica O gruposunica)"

# Readers that hang: an unrtf that sleeps, an antiword whose child keeps
# the output open after it ends (fake ones, first in PATH; the folder is
# checked first, so that nothing is ever written outside $T). Each costs
# its file at the wall deadline (as long as the CPU limit, 1 s), and its
# whole process group is killed.
B="$T/bin"
case $B in /tmp/* | "${TMPDIR:-/tmp}"/*) ;; *) echo "hostile: bad \$T" >&2; exit 1 ;; esac
mkdir "$B" "$T/cuelga"
printf '#!/bin/sh\nexec sleep 60\n' >"$B/unrtf"
printf '#!/bin/sh\nsh -c '"'"'echo $$ >"%s"; exec sleep 61'"'"' &\nexit 0\n' \
	"$T/nieto.pid" >"$B/antiword"
chmod +x "$B/unrtf" "$B/antiword"
cp corpus/minuta-2020-09-24.txt "$T/cuelga/buena.txt"
cp tests/data/office/minuta.docx "$T/cuelga/buena.docx"
cp tests/data/office/minuta.rtf "$T/cuelga/cuelga.rtf"
cp tests/data/office/minuta.doc "$T/cuelga/cuelga.doc"
t0=$(date +%s)
run_rc env PATH="$B:$PATH" timeout 60 $STLINDEX --json --limite cpu=1 "$T/cuelga"
t1=$(date +%s)
expect_eq "hanging readers: exit" 0 "$RC"
expect_eq "hanging readers: counts" "2 0 0 0 2" "$(counts)"
check "hanging readers: stopped at the deadline ($((t1 - t0)) s)" test $((t1 - t0)) -lt 20
for f in cuelga.rtf cuelga.doc; do
	expect_eq "hanging readers: $f: one warning line" 1 \
		"$(printf '%s\n' "$ERR" | grep -c "^stlindex: '$T/cuelga/$f': se omite: la conversión tardó demasiado y se detuvo$")"
done
expect_eq "hanging readers: nothing else said" 2 "$(printf '%s\n' "$ERR" | grep -c .)"
check "hanging readers: the tool's child started" test -s "$T/nieto.pid"
check "hanging readers: the tool's child was killed" sh -c \
	'[ -n "$1" ] && { [ ! -e "/proc/$1" ] || grep -q "^[^)]*) Z" "/proc/$1/stat"; }' _ \
	"$(cat "$T/nieto.pid" 2>/dev/null)"

finish
