#!/bin/sh
# make.sh - how the OCR fixtures were made (run from this folder; needs
# LibreOffice, poppler-utils, img2pdf and ImageMagick). The typed version
# of both is corpus/minuta-2020-09-24.txt; tests/e2e/ocr.sh measures the
# share of its words found in their OCR text.
#
#   escaneado-200.pdf  the minute typed in LibreOffice (the .txt opened as
#                      a Writer document, exported to PDF), rendered to a
#                      gray image at 200 dpi with pdftoppm (16 gray levels
#                      to keep it small, as a scanner's "grises" setting
#                      does) and wrapped into a PDF without text with
#                      img2pdf: a scan.
#   foto-150.jpg       the same page rendered at 150 dpi, rotated 1.5
#                      degrees, slightly blurred, with some noise, saved as
#                      a JPEG of quality 80: a photograph of the page.
#   dos-paginas.tif    two pages, black and white (CCITT G4), for the
#                      per-page time limit: page 1 is the minute at 300
#                      dpi three times side by side (over a 1 s limit),
#                      page 2 the first lines of it at 200 dpi.
set -eu
T=$(mktemp -d /tmp/ocr-make.XXXXXX)
trap 'rm -rf "$T"' EXIT
cp ../../../corpus/minuta-2020-09-24.txt "$T/minuta.txt"
(cd "$T" && soffice --headless --convert-to pdf:writer_pdf_Export minuta.txt >/dev/null)
pdftoppm -r 200 -gray -png "$T/minuta.pdf" "$T/g200"
convert "$T/g200-1.png" -density 200 -units PixelsPerInch -colors 16 \
	-depth 4 "$T/g200.png"
img2pdf "$T/g200.png" -o escaneado-200.pdf
pdftoppm -r 150 -gray -png "$T/minuta.pdf" "$T/g150"
convert "$T/g150-1.png" -background white -rotate 1.5 -blur 0x0.5 \
	-attenuate 0.15 +noise Gaussian -colorspace Gray \
	-density 150 -units PixelsPerInch -quality 80 foto-150.jpg
pdftoppm -r 300 -mono -singlefile "$T/minuta.pdf" "$T/big"
convert "$T/big.pbm" "$T/big.pbm" "$T/big.pbm" +append -density 300 \
	-units PixelsPerInch "$T/row.pbm"
pdftoppm -r 200 -mono -singlefile "$T/minuta.pdf" "$T/small"
convert "$T/small.pbm" -crop 1654x560+0+0 +repage -density 200 \
	-units PixelsPerInch "$T/top.pbm"
convert "$T/row.pbm" "$T/top.pbm" -compress Group4 dos-paginas.tif
