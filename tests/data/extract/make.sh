#!/bin/sh
# make.sh - how the inputs of tests/unit/test_extract_pdf.c were made
# (LibreOffice and qpdf from Debian). Run it from this folder; the
# results are committed, so the suite needs neither tool.
#
#   acta.fodt	the source: a heading, a justified paragraph, a heading
#		in capitals, an auto-numbered list whose items wrap, a
#		bullet list, a "TERCERO.-" paragraph with a word split by a
#		manual line break ("repa-" / "rado."), a table, and
#		á é í ó ú ñ ¿ throughout
#   acta.pdf, acta.doc, acta.rtf	acta.fodt saved by LibreOffice
#   cifrado.pdf	acta.pdf encrypted with a user password (AES-256)
#   sin_texto.pdf	one blank page: no text layer, as a scanned image
#   dos_paginas.pdf	an agreement that goes on over a page break
#   tabla.fodt	a source for the layout: a date and a note on one
#		baseline (right tab stop), a bordered table whose cells
#		wrap, an upper-Roman list (numbers from the list style)
#   tabla.pdf	tabla.fodt saved by LibreOffice
set -e
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
lo() {
	HOME="$out/home" soffice --headless --convert-to "$1" --outdir . "$2" \
		>/dev/null 2>&1
}
lo pdf acta.fodt
lo pdf tabla.fodt
lo doc acta.fodt
lo rtf acta.fodt
qpdf --encrypt secreto dueno 256 -- acta.pdf cifrado.pdf
cat > "$out/sin_texto.fodt" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:body><office:text><text:p/></office:text></office:body>
</office:document>
XML
HOME="$out/home" soffice --headless --convert-to pdf --outdir . \
	"$out/sin_texto.fodt" >/dev/null 2>&1

# dos_paginas.pdf: 44 short paragraphs, then an agreement long enough to
# go on over the page break, with a page footer on each page.
{
	cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:master-styles>
  <style:master-page style:name="Standard">
   <style:footer><text:p>Página <text:page-number/></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
XML
	i=1
	while [ $i -le 44 ]; do
		echo "  <text:p>Punto $i del orden del día.</text:p>"
		i=$((i + 1))
	done
	printf '  <text:p>CUARTO.- Se acuerda'
	i=1
	while [ $i -le 12 ]; do
		printf ' aprobar la partida número %s del presupuesto municipal' $i
		i=$((i + 1))
	done
	echo ' y publicarlo en el boletín oficial de la provincia.</text:p>'
	echo ' </office:text></office:body>'
	echo '</office:document>'
} > "$out/dos_paginas.fodt"
HOME="$out/home" soffice --headless --convert-to pdf --outdir . \
	"$out/dos_paginas.fodt" >/dev/null 2>&1
