#!/bin/sh
# run.sh - stlsearch against the tools a user would pick instead, on one
# generated corpus, in one run (make bench / make bench-quick call it).
#
#   STL_BUILD=build sh bench/run.sh COUNT [REPS]
#
# Generates COUNT minutes (bench/gen, seed 1), then measures, REPS times
# and interleaved, the full build of stlindex, SQLite FTS5 (sqlite3 CLI,
# contentless, unicode61 remove_diacritics 2) and scriptindex (Spanish
# stemmer, positions; bench/scriptindex.conf); stlindex's no-change
# reindex and its reindex after 1 % of the files changed; per query the
# median time of a whole process (hyperfine) for stlsearch, sqlite3 with
# bm25, quest and grep -ril, and in process for stlsearch (querytime) and
# FTS5 (.timer); peak RSS (GNU time); index sizes; the analyzer's MB/s.
# Prints a Markdown table and writes it to bench/results/.
# Nothing here is a test: numbers are reported, never asserted.
set -eu

N=${1:?usage: run.sh COUNT [REPS]}
REPS=${2:-3}
B=${STL_BUILD:-$(pwd)/build}
W=$(pwd)/bench/work/$N
C=$W/corpus
Q_RUNS=${Q_RUNS:-15}
TIME=/usr/bin/time

log() { printf '== %s\n' "$*" >&2; }

# median: of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (!NR) { print "nan"; exit }
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed NAME CMD...: run CMD under GNU time, append "secs kib" to $W/t.NAME.
timed() {
	name=$1
	shift
	$TIME -f '%e %M' -o "$W/time.out" "$@" >/dev/null 2>"$W/err.$name" || {
		echo "run.sh: '$name' failed:" >&2
		tail -n 5 "$W/err.$name" >&2
		exit 1
	}
	cat "$W/time.out" >>"$W/t.$name"
}

med_secs() { awk '{ print $1 }' "$W/t.$1" | median; }
max_rss_mib() { awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }' "$W/t.$1"; }
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }

# ---- corpus ------------------------------------------------------------------
rm -rf "$W"
mkdir -p "$W"
log "corpus: $N minutes (seed 1)"
"$B/bench/gen" -s 1 -n "$N" "$C"
find "$C" -name '*.txt' | LC_ALL=C sort >"$W/files"
CORPUS_BYTES=$(du -sb --apparent-size "$C" | awk '{ print $1 }')
CORPUS_MB=$(awk -v b="$CORPUS_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')

# scriptindex reads "field=value" records; continuation lines start "=".
xargs awk 'FNR == 1 { if (NR > 1) print ""; print "path=" FILENAME;
	print "text=" $0; next } { print "=" $0 } END { print "" }' \
	<"$W/files" >"$W/dump"

cat >"$W/fts5.sql" <<EOF
CREATE VIRTUAL TABLE m USING fts5(body, tokenize="unicode61 remove_diacritics 2", content='');
INSERT INTO m(body) SELECT CAST(data AS TEXT) FROM fsdir('$C') WHERE name LIKE '%.txt';
EOF

# ---- full builds, interleaved -------------------------------------------------------
for r in $(seq "$REPS"); do
	log "full build $r/$REPS"
	rm -rf "$W/stl.db" "$W/fts5.db" "$W/si.db"
	timed build_stl "$B/stlindex" --quiet --db "$W/stl.db" "$C"
	timed build_fts5 sqlite3 "$W/fts5.db" ".read $W/fts5.sql"
	timed build_si scriptindex --stemmer=spanish "$W/si.db" \
		bench/scriptindex.conf "$W/dump"
done

SZ_STL=$(size_mb "$W/stl.db")
SZ_FTS=$(size_mb "$W/fts5.db")
SZ_SI=$(size_mb "$W/si.db")

# ---- incremental runs -----------------------------------------------------------------
for r in $(seq "$REPS"); do
	log "no-change reindex $r/$REPS"
	timed noop_stl "$B/stlindex" --quiet --db "$W/stl.db"
done
for r in $(seq "$REPS"); do
	log "1 % changed $r/$REPS"
	rm -rf "$W/one" "$W/one.db"
	mkdir -p "$W/one"
	awk -v r="$r" 'NR % 100 == r' "$W/files" >"$W/changed"
	while read -r f; do
		printf '\nNota agregada en la revisión %s sobre la bitácora.\n' \
			"$r" >>"$f"
		cp "$f" "$W/one/"
	done <"$W/changed"
	timed touch_stl "$B/stlindex" --quiet --db "$W/stl.db"
	timed fresh1_stl "$B/stlindex" --quiet --db "$W/one.db" "$W/one"
done

# ---- queries -------------------------------------------------------------------------
# A name that is certainly there: the first attendee of the first minute.
NAME=$(sed -n 's/^[^A-Za-z]*[·-] \([^ ,]* [^ ,]*\)[ ,].*/\1/p' "$(head -n 1 "$W/files")" | head -n 1)
NAME_FTS=$(printf '%s' "$NAME" | sed 's/á/a/g; s/é/e/g; s/í/i/g; s/ó/o/g; s/ú/u/g; s/Á/A/g; s/É/E/g; s/Ó/O/g; s/Í/I/g; s/Ú/U/g')
# Columns: label | stlsearch arguments as typed in a shell | the query they
# make | FTS5 MATCH | quest | grep -ril pattern
cat >"$W/queries" <<EOF
phrase|'"hoja de ruta"'|"hoja de ruta"|"hoja de ruta"|"hoja de ruta"|hoja de ruta
accents|participación ciudadana|participación ciudadana|participacion ciudadana|participación ciudadana|participación ciudadana
name|asistente:"$NAME"|asistente:"$NAME"|"$NAME_FTS"|"$NAME"|$NAME
field|institucion:IEEM compromiso|institucion:IEEM compromiso|ieem AND compromiso|ieem AND compromiso|ieem
topic|tema:'"datos abiertos"'|tema:"datos abiertos"|"datos abiertos"|"datos abiertos"|datos abiertos
date|fecha:2020-10 campaña|fecha:2020-10 campaña|"octubre de 2020" AND campana|"octubre de 2020" AND campaña|octubre de 2020
boolean|'(cpc O infoem) Y difusión'|(cpc O infoem) Y difusión|(cpc OR infoem) AND difusion|(cpc OR infoem) AND difusión|difusión
not|transparencia NO auditoría|transparencia NO auditoría|transparencia NOT auditoria|transparencia NOT auditoría|transparencia
EOF

sq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

hf_median() {	# hyperfine JSON -> median ms of command $2 (0-based)
	jq -r ".results[$2].median * 1000" "$1"
}

: >"$W/qrows"
while IFS='|' read -r label qa qs qf qq qg; do
	log "query: $label"
	fsql="SELECT rowid, bm25(m) FROM m WHERE m MATCH $(sq "$qf") ORDER BY rank LIMIT 10;"
	STLSEARCH_DB="$W/stl.db" hyperfine -N -w 2 -r "$Q_RUNS" --export-json "$W/hf.json" \
		"$B/stlsearch --db $W/stl.db --color=never $qa" \
		"sqlite3 $W/fts5.db $(sq "$fsql")" \
		"quest -d $W/si.db -s spanish -m 10 $(sq "$qq")" \
		-i >/dev/null 2>&1
	hyperfine -N -w 1 -r 3 --export-json "$W/hfg.json" \
		"grep -ril $(sq "$qg") $C" -i >/dev/null 2>&1
	t_stl=$(hf_median "$W/hf.json" 0)
	t_fts=$(hf_median "$W/hf.json" 1)
	t_quest=$(hf_median "$W/hf.json" 2)
	t_grep=$(hf_median "$W/hfg.json" 0)
	in_stl=$("$B/bench/querytime" -n "$Q_RUNS" "$W/stl.db" "$qs" | cut -f 1)
	n_stl=$("$B/bench/querytime" -n 1 "$W/stl.db" "$qs" | cut -f 2)
	in_fts=$(for i in $(seq 5); do printf '%s\n' "$fsql"; done |
		sqlite3 -cmd '.timer on' "$W/fts5.db" 2>&1 |
		sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' |
		awk '{ print $1 * 1000 }' | median)
	printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$label" "$qa" "$n_stl" \
		"$t_stl" "$in_stl" "$t_fts" "$in_fts" "$t_quest" "$t_grep" >>"$W/qrows"
done <"$W/queries"

# Peak RSS of one query of each tool (the phrase).
timed q_stl "$B/stlsearch" --db "$W/stl.db" '"hoja de ruta"'
timed q_fts sqlite3 "$W/fts5.db" "SELECT rowid FROM m WHERE m MATCH '\"hoja de ruta\"' ORDER BY rank LIMIT 10;"
timed q_quest quest -d "$W/si.db" -s spanish -m 10 '"hoja de ruta"'

# ---- the analyzer alone ----------------------------------------------------------------
log "analyzer"
# xargs may split the files over several runs: add bytes and seconds up.
head -n 10000 "$W/files" | xargs "$B/bench/analyzer" -n 3 >"$W/analyzer.out"
an() { awk -v k="$1" '$1 == k { b += $2; s += $6 } END { printf "%.1f", b / s / 1e6 }' "$W/analyzer.out"; }

# ---- the table -------------------------------------------------------------------------
log "report"
S_STL=$(med_secs build_stl)
S_FTS=$(med_secs build_fts5)
S_SI=$(med_secs build_si)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || COMMIT="$COMMIT+cambios"
CPU=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
MEM=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mkdir -p bench/results
OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$N.md

{
	echo "# stlsearch bench: $N minutes ($CORPUS_MB MB)"
	echo
	echo "- when: $STAMP; commit: $COMMIT"
	echo "- machine: $(uname -srm); $CPU; $(nproc) cores; $MEM"
	echo "- builds: median of $REPS, interleaved; queries: median of $Q_RUNS whole processes (grep: 3), in process: median of $Q_RUNS (FTS5: 5)"
	echo
	echo "## Indexing"
	echo
	echo "| what | stlindex | SQLite FTS5 | scriptindex | stlindex vs FTS5 | scriptindex / stlindex |"
	echo "|---|---|---|---|---|---|"
	echo "| full build, s | $S_STL | $S_FTS | $S_SI | $(ratio "$S_STL" "$S_FTS")× | $(ratio "$S_SI" "$S_STL")× |"
	echo "| peak RSS, MiB | $(max_rss_mib build_stl) | $(max_rss_mib build_fts5) | $(max_rss_mib build_si) | | |"
	echo "| index size after the build, MB (÷ corpus) | $SZ_STL ($(ratio "$SZ_STL" "$CORPUS_MB")) | $SZ_FTS ($(ratio "$SZ_FTS" "$CORPUS_MB")) | $SZ_SI ($(ratio "$SZ_SI" "$CORPUS_MB")) | | |"
	echo "| no-change reindex, s | $(med_secs noop_stl) | | | | |"
	echo "| reindex, 1 % of files changed, s | $(med_secs touch_stl) | | | | |"
	echo "| those files indexed alone (fresh), s | $(med_secs fresh1_stl) | | | | |"
	echo "| analyzer alone (10k files): decode / analyze / analyze+stem, MB/s | $(an decode) / $(an analyze) / $(an analyze+stem) | | | | |"
	echo
	echo "## Queries (ms, median)"
	echo
	echo "Whole process: \`stlsearch\` (top 10 with snippets and matching agreements), \`sqlite3\` (bm25, top 10), \`quest\` (top 10), \`grep -ril\`. In process: \`search_run()\` per request (opens the index), FTS5 \`.timer\`."
	echo
	echo "| query | stlsearch arguments | matches | stlsearch | in process | sqlite3 | FTS5 in process | quest | grep | sqlite3 / stlsearch | quest / stlsearch |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	awk -F'|' '{ printf "| %s | `%s` | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.1f× | %.2f× |\n",
		$1, $2, $3, $4, $5, $6, $7, $8, $9, ($4 > 0 ? $6 / $4 : 0), ($4 > 0 ? $8 / $4 : 0) }' "$W/qrows"
	awk -F'|' '{ s[NR] = $4; f[NR] = $6; q[NR] = $8; i[NR] = $5 }
		function med(a, n,   k, j, t) { for (k = 1; k <= n; k++) for (j = k + 1; j <= n; j++) if (a[j] < a[k]) { t = a[k]; a[k] = a[j]; a[j] = t }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
		END { ms = med(s, NR); mf = med(f, NR); mq = med(q, NR); mi = med(i, NR)
			printf "| **median of the set** | | | %.1f | %.1f | %.1f | | %.1f | | %.1f× | %.2f× |\n", ms, mi, mf, mq, mf / ms, mq / ms }' "$W/qrows"
	echo
	echo "Peak RSS of one query (phrase): stlsearch $(max_rss_mib q_stl) MiB, sqlite3 $(max_rss_mib q_fts) MiB, quest $(max_rss_mib q_quest) MiB."
} >"$OUT"
cat "$OUT"
echo
echo "(escrito en $OUT)"
