#!/bin/sh
# formats.sh - what reading Office files costs stlindex (make bench-formats).
#
#   STL_BUILD=build sh bench/formats.sh COUNT [REPS]
#
# Generates COUNT minutes twice from one seed (bench/gen, seed 1): as .txt
# and as .docx (-f docx: the same minutes, agreements and attendees as Word
# lists). Then, REPS times and interleaved (txt, docx, txt, docx ...), a
# full build of each with stlindex into a fresh --db: median wall time,
# CPU time (stlindex and the stlextract it waits for), peak RSS. Prints
# the ratio docx / txt against the issue's goal (a .docx minute costs at
# most 1.5 times its .txt, extraction included). Checks, untimed, that
# both indexes hold the same records (date, time, attendees, agreements'
# numbers and deadlines, and also the full records). Last, bench/extract:
# files/s and MB/s of each format of tests/data/office/ and of one
# generated .docx through one stlextract, and the cost of a process per
# file. Writes the Markdown to bench/results/. Numbers, never assertions.
set -eu

N=${1:?usage: formats.sh COUNT [REPS]}
REPS=${2:-3}
B=${STL_BUILD:-$(pwd)/build}
W=$(pwd)/bench/work/formats-$N
X_ROUNDS=${X_ROUNDS:-5}
X_N=${X_N:-200}
X_S=${X_S:-20}
TIME=/usr/bin/time

log() { printf '== %s\n' "$*" >&2; }

median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "nan"; exit }
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed NAME CMD...: append "wall kib user sys" to $W/t.NAME.
timed() {
	name=$1
	shift
	$TIME -f '%e %M %U %S' -o "$W/time.out" "$@" >/dev/null 2>"$W/err.$name" || {
		echo "formats.sh: '$name' failed:" >&2
		tail -n 5 "$W/err.$name" >&2
		exit 1
	}
	cat "$W/time.out" >>"$W/t.$name"
}

med_secs() { awk '{ print $1 }' "$W/t.$1" | median; }
med_cpu() { awk '{ print $3 + $4 }' "$W/t.$1" | median | awk '{ printf "%.2f", $1 }'; }
max_rss_mib() { awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }' "$W/t.$1"; }
mb() { du -sb --apparent-size "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }

# ---- corpora -------------------------------------------------------------------
rm -rf "$W"
mkdir -p "$W"
log "corpus: $N minutes (seed 1), .txt and .docx"
$TIME -f '%e' -o "$W/gen.txt.time" "$B/bench/gen" -s 1 -n "$N" "$W/txt"
$TIME -f '%e' -o "$W/gen.docx.time" "$B/bench/gen" -s 1 -f docx -n "$N" "$W/docx"
MB_TXT=$(mb "$W/txt")
MB_DOCX=$(mb "$W/docx")

# ---- full builds, interleaved ----------------------------------------------------------
for r in $(seq "$REPS"); do
	for f in txt docx; do
		log "full build $r/$REPS: $f"
		rm -rf "$W/$f.db"
		timed "build_$f" "$B/stlindex" --quiet --db "$W/$f.db" "$W/$f"
	done
done
S_TXT=$(med_secs build_txt)
S_DOCX=$(med_secs build_docx)
R=$(ratio "$S_DOCX" "$S_TXT")
# Each docx build against the txt build just before it: on a machine
# whose speed drifts, the pairs are closer than the medians.
PAIR=$(paste -d' ' "$W/t.build_txt" "$W/t.build_docx" | awk '{ print $5 / $1 }' | median)
PAIR_CPU=$(paste -d' ' "$W/t.build_txt" "$W/t.build_docx" | awk '{ print ($7 + $8) / ($3 + $4) }' | median)
GOAL=$(awk -v r="$R" 'BEGIN { print (r <= 1.5) ? "yes" : "no" }')

# ---- same records? (not timed) ------------------------------------------------------------
log "records of both indexes"
# The brief's projection, and the whole record keyed by file name.
for f in txt docx; do
	"$B/stlsearch" --db "$W/$f.db" --json --limit 1000000 fecha:2015..2025 >"$W/$f.json"
	jq -c '[.date,.time,([.attendees[].name]|sort),[.agreements[]|[.number,.deadline]]]' \
		"$W/$f.json" | LC_ALL=C sort >"$W/rec.$f"
	jq -c '[(.path|split("/")|last|sub("\\.(txt|docx)$";"")),.date,.time,.event,.place,
		([.attendees[]|[.name,.role,.institution]]|sort),.topics,
		[.agreements[]|[.number,.text,.persons,.deadline]]]' \
		"$W/$f.json" | LC_ALL=C sort >"$W/full.$f"
done
N_REC=$(wc -l <"$W/rec.txt")
DIFF_REC=$(diff "$W/rec.txt" "$W/rec.docx" | grep -c '^<' || true)
DIFF_FULL=$(diff "$W/full.txt" "$W/full.docx" | grep -c '^<' || true)

# ---- extraction per format --------------------------------------------------------------------
log "extraction per format ($X_ROUNDS rounds of $X_N files, $X_S spawned)"
GEN_DOCX=$(find "$W/docx" -name '*.docx' | LC_ALL=C sort | head -n 1)
cp "$GEN_DOCX" "$W/gen-minuta.docx"
"$B/bench/extract" -x "$B/stlextract" -r "$X_ROUNDS" -n "$X_N" -s "$X_S" \
	tests/data/office/minuta.docx tests/data/office/minuta.odt \
	tests/data/office/minuta.pdf tests/data/office/minuta.doc \
	tests/data/office/minuta.rtf "$W/gen-minuta.docx" >"$W/extract.tsv"

# ---- the table -------------------------------------------------------------------------------
log "report"
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT+cambios"
CPU=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
MEM=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mkdir -p bench/results
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-formats-$N.md
C_TXT=$(med_cpu build_txt)
C_DOCX=$(med_cpu build_docx)

{
	echo "# stlsearch bench: $N minutes as .txt and as .docx"
	echo
	echo "- when: $STAMP; commit: $COMMIT"
	echo "- machine: $(uname -srm); $CPU; $(nproc) cores; $MEM; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- command: \`STL_BUILD=build sh bench/formats.sh $N $REPS\` (\`make bench-formats\`)"
	echo "- builds: \`stlindex --quiet --db FRESH CORPUS\`, median of $REPS, interleaved txt, docx, txt, docx ...; CPU is user + system of stlindex and the stlextract it reaps"
	echo
	echo "## Full build"
	echo
	echo "| corpus | files, MB | generated in, s | build, s | CPU, s | peak RSS, MiB (stlindex) | runs, s (CPU) |"
	echo "|---|---|---|---|---|---|---|"
	echo "| .txt | $N, $MB_TXT | $(cat "$W/gen.txt.time") | $S_TXT | $C_TXT | $(max_rss_mib build_txt) | $(awk '{ printf "%s%s (%.1f)", (NR > 1 ? ", " : ""), $1, $3 + $4 }' "$W/t.build_txt") |"
	echo "| .docx | $N, $MB_DOCX | $(cat "$W/gen.docx.time") | $S_DOCX | $C_DOCX | $(max_rss_mib build_docx) | $(awk '{ printf "%s%s (%.1f)", (NR > 1 ? ", " : ""), $1, $3 + $4 }' "$W/t.build_docx") |"
	echo
	echo "**docx / txt: ${R}× wall, $(ratio "$C_DOCX" "$C_TXT")× CPU; at most 1.5×: $GOAL.** Median of the ratios of each pair (a docx build over the txt build just before it): $(printf '%.2f' "$PAIR")× wall, $(printf '%.2f' "$PAIR_CPU")× CPU."
	echo
	echo "Same records: $N_REC minutes in each index; $DIFF_REC differ in (date, time, attendee names, agreement numbers and deadlines); $DIFF_FULL differ in the whole record (file name, date, time, event, place, attendees with post and institution, topics, agreements with text, persons, deadline)."
	echo
	echo "## Extraction per format"
	echo
	echo "\`build/bench/extract -r $X_ROUNDS -n $X_N -s $X_S FILES\`: $X_N requests of each file to one running \`stlextract\` through \`indexer/extclient.c\` (median of $X_ROUNDS rounds, files interleaved), then $X_S requests each to a new process. Text is the plain text of the answer."
	echo
	echo "| format | file | bytes | text, bytes | files/s | MB in/s | MB of text/s | ms a file | ms a file, a process each | cost of the process, ms |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	awk -F'\t' '{ printf "| %s | %s | %s | %s | %.0f | %.2f | %.2f | %.3f | %.2f | %.2f |\n",
		$1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$W/extract.tsv"
} >"$OUT"
cat "$OUT"
echo
echo "(escrito en $OUT)"
