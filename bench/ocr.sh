#!/bin/sh
# ocr.sh - what reading scans costs, and how well (make bench-ocr).
#
#   STL_BUILD=build sh bench/ocr.sh [REPS]
#
# The typed minute tests/data/office/minuta.pdf (LibreOffice's PDF of
# corpus/minuta-2020-09-24.txt) is rendered to a gray image at 150, 200
# and 300 dpi (pdftoppm) and wrapped into a PDF without text (img2pdf): a
# scan at each resolution. Each is read by stlextract (the OCR reader
# stlindex uses) with the page rendered at 200 and at 300 dpi
# (STL_OCR_DPI), and the image itself as a PNG (read at its own
# resolution): seconds per page (median of REPS, wall and CPU) and the
# word recall against the typed text (tests/tools/ocr-recall.py). Last,
# one page cut in two for the two workers against the whole page
# (STL_OCR_SPLIT=0), and a 4-page scan (qpdf): what the two OCR workers
# give on this machine's cores. Writes the Markdown to bench/results/. Numbers, never
# assertions.
set -eu

REPS=${1:-3}
B=${STL_BUILD:-$(pwd)/build}
W=$(pwd)/bench/work/ocr
TYPED=corpus/minuta-2020-09-24.txt
TIME=/usr/bin/time

log() { printf '== %s\n' "$*" >&2; }

rm -rf "$W"
mkdir -p "$W" bench/results

# read_file FORMAT FILE OUT: one request to a fresh stlextract; prints
# "wall cpu" seconds; the text goes to OUT.
read_file() {
	{ printf '%s %s\n' "$1" "$(wc -c <"$2" | tr -d ' ')"; cat "$2"; } >"$W/req"
	$TIME -f '%e %U %S' -o "$W/time" "$B/stlextract" <"$W/req" >"$W/answer"
	grep -a '^P' "$W/answer" | cut -f3 >"$3"
	awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$W/time"
}

# median of the first column / second column of REPS lines
median() {
	sort -n -k"$1" | awk -v k="$1" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'
}

ROWS=""
for dpi in 150 200 300; do
	log "scan at $dpi dpi"
	pdftoppm -r "$dpi" -gray -png -singlefile tests/data/office/minuta.pdf "$W/scan-$dpi"
	img2pdf "$W/scan-$dpi.png" -o "$W/scan-$dpi.pdf"
	for how in pdf200 pdf300 png; do
		: >"$W/times"
		i=0
		while [ "$i" -lt "$REPS" ]; do
			case $how in
			pdf200) STL_OCR_DPI=200 read_file pdf "$W/scan-$dpi.pdf" "$W/text" ;;
			pdf300) STL_OCR_DPI=300 read_file pdf "$W/scan-$dpi.pdf" "$W/text" ;;
			png) read_file png "$W/scan-$dpi.png" "$W/text" ;;
			esac >>"$W/times"
			i=$((i + 1))
		done
		wall=$(median 1 <"$W/times")
		cpu=$(median 2 <"$W/times")
		recall=$(python3 tests/tools/ocr-recall.py "$TYPED" "$W/text" 2>/dev/null)
		case $how in
		pdf200) what="PDF, page rendered at 200 dpi" ;;
		pdf300) what="PDF, page rendered at 300 dpi (the default)" ;;
		png) what="the PNG itself ($dpi dpi)" ;;
		esac
		ROWS="$ROWS| $dpi | $what | $wall | $cpu | $recall |
"
	done
done

log "one page cut in two or whole"
: >"$W/times.cut"
: >"$W/times.whole"
i=0
while [ "$i" -lt "$REPS" ]; do
	read_file pdf "$W/scan-200.pdf" "$W/text" >>"$W/times.cut"
	STL_OCR_SPLIT=0 read_file pdf "$W/scan-200.pdf" "$W/text" >>"$W/times.whole"
	i=$((i + 1))
done
CUT_WALL=$(median 1 <"$W/times.cut")
WHOLE_WALL=$(median 1 <"$W/times.whole")

log "4 pages"
qpdf --empty --pages "$W/scan-200.pdf" "$W/scan-200.pdf" "$W/scan-200.pdf" \
	"$W/scan-200.pdf" -- "$W/four.pdf"
: >"$W/times"
i=0
while [ "$i" -lt "$REPS" ]; do
	read_file pdf "$W/four.pdf" "$W/text" >>"$W/times"
	i=$((i + 1))
done
FOUR_WALL=$(median 1 <"$W/times")
FOUR_CPU=$(median 2 <"$W/times")

STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
git diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT+cambios"
CPU=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
MEM=$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-ocr.md
{
	echo "# OCR: seconds per page and word recall"
	echo
	echo "- when: $STAMP; commit: $COMMIT"
	echo "- machine: $(uname -srm); $CPU; $(nproc) cores; $MEM"
	echo "- $(tesseract --version 2>&1 | head -n 1), model spa; medians of $REPS runs, each a fresh stlextract (model loading included)"
	echo
	echo "One page (corpus/minuta-2020-09-24.txt as LibreOffice prints it), scanned in gray at each resolution:"
	echo
	echo "| scan dpi | read as | wall s/page | CPU s/page | word recall % |"
	echo "|---|---|---|---|---|"
	printf '%s' "$ROWS"
	echo
	echo "The 200 dpi scan, one page: $CUT_WALL s wall cut in two for the two workers (the default), $WHOLE_WALL s whole (STL_OCR_SPLIT=0)."
	echo
	echo "The 200 dpi scan as 4 pages (two OCR workers): $FOUR_WALL s wall, $FOUR_CPU s CPU, $(awk -v w="$FOUR_WALL" 'BEGIN { printf "%.2f", w / 4 }') s wall per page."
} >"$OUT"
cat "$OUT"
log "written: $OUT"
