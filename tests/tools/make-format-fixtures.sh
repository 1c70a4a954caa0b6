#!/bin/sh
# make-format-fixtures.sh - (re)make the real-tool fixtures of the file
# formats in tests/data/formats/ (issue 13). Not run by `make check`: the
# files it makes are committed, and this script documents exactly how each
# one was made. Run from the repository root. Needs soffice (LibreOffice
# Writer, headless), pandoc, qpdf, pdftoppm/pdftotext (poppler-utils) and
# python3 (standard library only). The output of LibreOffice and pandoc is
# not byte-for-byte reproducible (dates in the zips and the PDF), only in
# content.
#
#   minuta.fodt          hand-written source (flat ODF), committed, not made here
#   minuta.docx .odt .doc .rtf   soffice --convert-to from minuta.fodt;
#                        the tracked change in it is NOT accepted first
#   minuta.pdf           soffice, from minuta.fodt with the change accepted
#   acuerdos-tabla.docx  pandoc from the Markdown below (agreements in a table)
#   minuta-bullets.docx  pandoc from the Markdown below (Word bullet list,
#                        agreements numbered "1." by numbering.xml)
#   cifrado.pdf          qpdf --encrypt of minuta.pdf, user password "secreto"
#   escaneado.pdf        page 1 of minuta.pdf rasterised at 60 dpi, wrapped in
#                        a PDF by python3 (an image only, no text layer)
#   bomba.docx           python3 zipfile: a 1 GiB word/document.xml deflated
#   truncado.docx        the first half of minuta.docx (head -c)
set -eu
out=tests/data/formats
test -f "$out/minuta.fodt" || { echo "run from the repository root" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# LibreOffice's user profile goes into the temporary directory.
HOME=$tmp/home
export HOME
mkdir -p "$HOME"

conv() { # conv FILTER SOURCE
	soffice --headless --convert-to "$1" --outdir "$out" "$2" >/dev/null
}

# 1. The minute in five formats, all from the same source.
conv "docx:MS Word 2007 XML" "$out/minuta.fodt"
conv "odt:writer8" "$out/minuta.fodt"
# The PDF is the printed final text: LibreOffice headless prints tracked
# changes as shown (struck-out deleted text, and list numbers such as
# "[II.]" / "II.[III.]"), and ignores ShowRedlineChanges=false, so the PDF
# is made from a copy of the source with the change accepted by hand: the
# deletion mark and the tracked-changes table dropped, the inserted text kept.
mkdir -p "$tmp/final"
python3 - "$out/minuta.fodt" "$tmp/final/minuta.fodt" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s, n = re.subn(r"<text:tracked-changes.*?</text:tracked-changes>\s*", "", s, flags=re.S)
assert n == 1
s, n = re.subn(r'<text:(change|change-start|change-end) text:change-id="ct[12]"/>', "", s)
assert n == 3
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
conv "pdf:writer_pdf_Export" "$tmp/final/minuta.fodt"
conv "doc:MS Word 97" "$out/minuta.fodt"
conv "rtf:Rich Text Format" "$out/minuta.fodt"

# 2. acuerdos-tabla.docx: attendees as "·" paragraphs (as in the .txt
# minutes, no Word list), agreements as a table No. | Acuerdo | Responsable
# | Fecha.
cat >"$tmp/acuerdos-tabla.md" <<'MD'
Metepec a 24 de septiembre de 2020.

**Minuta Reunión de Trabajo**

## EVENTO

Grupo Operativo del Secretariado Técnico Local.

## FECHA

24 de septiembre de 2020 a las 17:00 horas.

## LUGAR

Video llamada por medios electrónicos (Zoom)

## ASISTENTES

· Lilibeth Álvarez Rodríguez, Jefa de la Unidad de Transparencia IEEM;

· Alfredo Burgos Cohl, Subjefe de Transparencia, IEEM;

· Adriana Yadira Cárdenas Tagle, Directora General de Transparencia, Acceso a la Información Pública y Gobierno Abierto, Infoem;

· Arturo Tonatiuh Romero Malagón, Jefe de Departamento de Gobierno Abierto y Transparencia Proactiva, Infoem.

## TEMAS QUE ABORDARON

Árbol de problemas IEEM y creación de hoja de ruta; calendario de la mesa de participación.

## ACUERDOS

+-----+------------------------------------------------------+------------------------------+-----------------------+
| No. | Acuerdo                                              | Responsable                  | Fecha                 |
+=====+======================================================+==============================+=======================+
| 1   | Enviar el documento de la hoja de ruta a los         | Lilibeth Álvarez Rodríguez   | 5 de octubre de 2020  |
|     | integrantes del grupo operativo.                     |                              |                       |
+-----+------------------------------------------------------+------------------------------+-----------------------+
| 2   | Publicar la convocatoria a la mesa de participación. | Adriana Yadira Cárdenas      | 12 de octubre de 2020 |
|     |                                                      | Tagle                        |                       |
+-----+------------------------------------------------------+------------------------------+-----------------------+
| 3   | Integrar las observaciones al árbol de problemas.    | Arturo Tonatiuh Romero       | 15 de octubre de 2020 |
|     |                                                      | Malagón                      |                       |
+-----+------------------------------------------------------+------------------------------+-----------------------+

## REUNIÓN DE SEGUIMIENTO

Jueves 1 de octubre de 2020 a las 17:00 horas.
MD
pandoc -f markdown -t docx -o "$out/acuerdos-tabla.docx" "$tmp/acuerdos-tabla.md"

# 3. minuta-bullets.docx: attendees as a Word bullet list, agreements as a
# Word decimal list ("1." from numbering.xml; the numbers are not in the
# text).
cat >"$tmp/minuta-bullets.md" <<'MD'
Metepec a 24 de septiembre de 2020.

**Minuta Reunión de Trabajo**

## EVENTO

Grupo Operativo del Secretariado Técnico Local.

## FECHA

24 de septiembre de 2020 a las 17:00 horas.

## LUGAR

Video llamada por medios electrónicos (Zoom)

## ASISTENTES

- Lilibeth Álvarez Rodríguez, Jefa de la Unidad de Transparencia, IEEM;
- Adriana Yadira Cárdenas Tagle, Directora General de Transparencia, Acceso a la Información Pública y Gobierno Abierto, Infoem;
- Daniel Rosemberg Cervantes Pérez, Representante de la Sociedad Civil, Observatorio Ciudadano de Toluca A.C.

## TEMAS QUE ABORDARON

Árbol de problemas IEEM y creación de hoja de ruta.

## ACUERDOS

1. La titular de la Unidad de Transparencia del IEEM enviará el documento de la hoja de ruta a más tardar el 5 de octubre de 2020.
2. Daniel Rosemberg Cervantes Pérez hará llegar los comentarios de la Sociedad Civil antes del 15 de octubre de 2020.

## REUNIÓN DE SEGUIMIENTO

Jueves 1 de octubre de 2020 a las 17:00 horas.
MD
pandoc -f markdown -t docx -o "$out/minuta-bullets.docx" "$tmp/minuta-bullets.md"

# 4. cifrado.pdf: AES-256, user password "secreto", owner password "dueno".
rm -f "$out/cifrado.pdf"
qpdf --encrypt secreto dueno 256 -- "$out/minuta.pdf" "$out/cifrado.pdf"

# 5. escaneado.pdf: page 1 at 60 dpi in grey, as a PNG (pdftoppm
# writes it as 8-bit RGB even with -gray); its IDAT data go
# unchanged into an image XObject (FlateDecode with the PNG predictor), so
# the PDF holds the picture of the text and no text at all.
pdftoppm -r 60 -gray -png -f 1 -l 1 -singlefile "$out/minuta.pdf" "$tmp/pagina"
python3 - "$tmp/pagina.png" "$out/escaneado.pdf" <<'PY'
import struct, sys, zlib
png = open(sys.argv[1], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat = 8, b""
while pos < len(png):
    n, kind = struct.unpack(">I4s", png[pos:pos + 8])
    data = png[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", data)
    elif kind == b"IDAT":
        idat += data
    pos += 12 + n
assert depth == 8 and ctype in (0, 2) and interlace == 0, "want 8-bit grey or RGB PNG"
colors, space = (1, b"/DeviceGray") if ctype == 0 else (3, b"/DeviceRGB")
pw, ph = w * 72 / 60, h * 72 / 60  # 60 dpi back to points
content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
    b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>" % (pw, ph),
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
    b"/ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode "
    b"/DecodeParms << /Predictor 15 /Colors %d /BitsPerComponent 8 /Columns %d >> "
    b"/Length %d >>\nstream\n" % (w, h, space, colors, w, len(idat)) + idat + b"\nendstream",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
]
out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(out))
    out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[2], "wb").write(out)
PY

# 6. bomba.docx: a valid zip with [Content_Types].xml, _rels/.rels and a
# word/document.xml that inflates to 1 GiB (+ a few bytes of XML around
# 1 GiB of "A"), written in 1 MiB chunks so no 1 GiB buffer is needed.
python3 - "$out/bomba.docx" <<'PY'
import sys, zipfile
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '</Types>')
    z.writestr("_rels/.rels",
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
    with z.open("word/document.xml", "w") as f:
        f.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>' % W).encode())
        chunk = b"A" * (1 << 20)
        for _ in range(1024):
            f.write(chunk)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")
PY

# 7. truncado.docx: minuta.docx cut to its first half (no central directory).
size=$(wc -c <"$out/minuta.docx")
head -c $((size / 2)) "$out/minuta.docx" >"$out/truncado.docx"

ls -l "$out"
