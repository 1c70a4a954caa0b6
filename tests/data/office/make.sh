#!/bin/sh
# make.sh - how the office fixtures of tests/e2e/formats.sh were made
# (Debian's LibreOffice, qpdf, poppler-utils and python3; not run by make check).
#   minuta.{docx,odt,pdf,doc,rtf}  the corpus minute of 2020-09-24, converted by LibreOffice
#   cifrado.pdf            minuta.pdf encrypted by qpdf (user password "secreto")
#   escaneado.pdf          page 1 of minuta.pdf as an image only (no text layer)
#   truncado.docx          the first half of minuta.docx
#   bomba.docx             a 300 MiB document.xml deflated into a small zip
set -eu
cd "$(dirname "$0")"
lo() { HOME=$(mktemp -d) soffice --headless --convert-to "$1" --outdir . "$2" >/dev/null; }
cp ../../../corpus/minuta-2020-09-24.txt minuta.txt
lo docx minuta.txt
lo odt minuta.txt
lo pdf minuta.txt
lo 'doc:MS Word 97' minuta.txt
lo rtf minuta.txt
rm minuta.txt
qpdf --encrypt secreto dueno 256 -- minuta.pdf cifrado.pdf
pdftoppm -r 40 -f 1 -l 1 -gray minuta.pdf pagina
python3 - <<'PY'
# A PDF whose only content is the page as a grey image.
import zlib
raw = open("pagina-1.pgm", "rb").read()
parts = raw.split(b"\n", 3)
w, h = map(int, parts[1].split())
img = zlib.compress(parts[3])
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>"]
content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(img)) + img + b"\nendstream")
out = bytearray(b"%PDF-1.4\n")
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open("escaneado.pdf", "wb").write(out)
PY
rm pagina-1.pgm
head -c "$(($(stat -c %s minuta.docx) / 2))" minuta.docx > truncado.docx
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("bomba.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        chunk = b"<w:t>a</w:t>" * 87382
        for _ in range(300):
            f.write(chunk)
PY
