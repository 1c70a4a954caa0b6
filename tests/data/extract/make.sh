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
#   tabla_girada.pdf	tabla.pdf turned a quarter (qpdf --rotate=+90): its
#		text runs down the unrotated page
#   columnas.fodt	a heading, a section in two justified columns, a
#		paragraph after it
#   columnas.pdf	columnas.fodt saved by LibreOffice
#   sin_relleno.fodt	a table without borders or cell padding, its lines
#		as evenly spaced as a paragraph's, then a paragraph
#   sin_relleno.pdf	sin_relleno.fodt saved by LibreOffice
#   tabla_larga.pdf	a 40-row table over three pages, its header row
#		repeated on each, one row cut by a page break
set -e
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
lo() {
	HOME="$out/home" soffice --headless --convert-to "$1" --outdir . "$2" \
		>/dev/null 2>&1
}
lo pdf acta.fodt
lo pdf tabla.fodt
lo pdf columnas.fodt
lo pdf sin_relleno.fodt
lo doc acta.fodt
lo rtf acta.fodt
qpdf --encrypt secreto dueno 256 -- acta.pdf cifrado.pdf
qpdf --rotate=+90 tabla.pdf tabla_girada.pdf
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

# tabla_larga.pdf: an agreement table of 40 rows that goes on over the
# page break, its header row repeated on page 2 (table-header-rows).
{
	cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="T" style:family="table">
   <style:table-properties style:width="17cm" table:align="margins"/>
  </style:style>
  <style:style style:name="T.A" style:family="table-column">
   <style:table-column-properties style:column-width="1.5cm"/>
  </style:style>
  <style:style style:name="T.B" style:family="table-column">
   <style:table-column-properties style:column-width="8.5cm"/>
  </style:style>
  <style:style style:name="T.C" style:family="table-column">
   <style:table-column-properties style:column-width="3.5cm"/>
  </style:style>
  <style:style style:name="T.D" style:family="table-column">
   <style:table-column-properties style:column-width="3.5cm"/>
  </style:style>
  <style:style style:name="T.c" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:p>ACUERDOS</text:p>
  <table:table table:name="T" table:style-name="T">
   <table:table-column table:style-name="T.A"/>
   <table:table-column table:style-name="T.B"/>
   <table:table-column table:style-name="T.C"/>
   <table:table-column table:style-name="T.D"/>
   <table:table-header-rows><table:table-row>
XML
	for h in No. Acuerdo Responsable Fecha; do
		echo "    <table:table-cell table:style-name=\"T.c\"><text:p>$h</text:p></table:table-cell>"
	done
	echo '   </table:table-row></table:table-header-rows>'
	i=1
	while [ $i -le 40 ]; do
		echo '   <table:table-row>'
		echo "    <table:table-cell table:style-name=\"T.c\"><text:p>$i</text:p></table:table-cell>"
		echo "    <table:table-cell table:style-name=\"T.c\"><text:p>Revisar el expediente número $i del registro y remitir el informe a la comisión</text:p></table:table-cell>"
		echo "    <table:table-cell table:style-name=\"T.c\"><text:p>Secretaría</text:p></table:table-cell>"
		echo "    <table:table-cell table:style-name=\"T.c\"><text:p>$((i % 28 + 1))/05/2024</text:p></table:table-cell>"
		echo '   </table:table-row>'
		i=$((i + 1))
	done
	echo '  </table:table>'
	echo '  <text:p>Se levanta la sesión.</text:p>'
	echo ' </office:text></office:body>'
	echo '</office:document>'
} > "$out/tabla_larga.fodt"
HOME="$out/home" soffice --headless --convert-to pdf --outdir . \
	"$out/tabla_larga.fodt" >/dev/null 2>&1
