# examples.sh - every example the user is shown is a test: the "Ejemplos:"
# of both programs' --help, the README's "Using it" block and the man
# pages' EJEMPLOS sections are read from the files themselves, run against
# the built programs on a fresh index of the test data (~/minutas is a
# copy of it), and must exit 0 and find something.
. tests/e2e/lib.sh

DATA="$HOME/minutas"
mkdir -p "$DATA"
cp corpus/*.txt tests/data/search/*.txt "$DATA/"
DB="$T/db"
$STLINDEX --quiet --db "$DB" "$DATA" || not_ok "indexing the test data"

# ---- where the examples are -------------------------------------------------

# The indented lines after "Ejemplos:" in --help output, up to a blank line.
help_examples() {
	"$STL_BUILD/$1" --help | awk '
		/^Ejemplos:/ { on = 1; next }
		on && /^[ \t]*$/ { exit }
		on && /^  / { sub(/^ +/, ""); print }'
}

# The examples of the short usage stlsearch prints without arguments,
# their remarks in parentheses left out.
usage_examples() {
	"$STL_BUILD/stlsearch" 2>&1 >/dev/null | awk '
		/^  stlsearch/ { sub(/^ +/, ""); sub(/ +\(.*\)$/, ""); print }'
}

# The code block (indented four spaces) of the README's "## Using it".
readme_examples() {
	awk '
		/^## / { on = ($0 == "## Using it"); next }
		on && /^    / { sub(/^    /, ""); print; seen = 1; next }
		on && seen && !/^[ \t]*$/ { exit }' README.md
}

# The lines of a man page's EJEMPLOS (or EXAMPLES) section, roff undone.
man_examples() {
	awk '
		/^\.SH/ { on = ($2 == "EJEMPLOS" || $2 == "EXAMPLES"); next }
		on && /^\./ { next }
		on && NF { gsub(/\\-/, "-"); gsub(/\\e/, "\\"); print }' "$1"
}

# ---- running one ------------------------------------------------------------

# The built programs in place of the installed ones, on the test index
# unless the example names an index of its own.
has_db() {
	for a in "$@"; do
		[ "$a" = --db ] && return 0
	done
	return 1
}

stlsearch() {
	if has_db "$@"; then
		"$STL_BUILD/stlsearch" "$@"
	else
		"$STL_BUILD/stlsearch" --db "$EXDB" "$@"
	fi
}

stlindex() {
	if has_db "$@"; then
		"$STL_BUILD/stlindex" "$@"
	else
		"$STL_BUILD/stlindex" --db "$EXDB" "$@"
	fi
}

# run_example SOURCE LINE: the example's output must have a hit: a search
# exits 0 only when it found something, and a pipeline into jq must print
# at least one value that is not null.
run_example() {
	src=$1
	cmd=$(printf '%s\n' "$2" | sed -e "s|/srv/stl/minutas|$DATA|g" \
		-e "s|/srv/stl/indice|$T/indice|g")
	out=$(eval "$cmd" </dev/null 2>"$T/err")
	rc=$?
	case "$cmd" in
	*"| jq"*)
		vals=$(printf '%s\n' "$out" | grep -cv '^null$\|^$')
		[ "$vals" -gt 0 ] || rc=1
		;;
	esac
	if [ "$rc" -eq 0 ] && [ -n "$out" ]; then
		ok
		echo "ok: $src: $2"
	else
		not_ok "$src: $2: exit $rc: $(head -c 300 "$T/err")"
	fi
}

# run_source NAME: every example of one source, in order, the indexer's on
# an index of their own (an example may update what an earlier one made).
run_source() {
	src=$1
	n=0
	rm -rf "$T/ix" "$T/indice"
	while IFS= read -r line; do
		case "$line" in
		stlindex*) EXDB="$T/ix" ;;
		stlsearch*) EXDB="$DB" ;;
		*) continue ;;
		esac
		n=$((n + 1))
		run_example "$src" "$line"
	done
	[ "$n" -gt 0 ] || not_ok "$src: no examples found"
}

help_examples stlsearch >"$T/ex" && run_source "stlsearch --help" <"$T/ex"
help_examples stlindex >"$T/ex" && run_source "stlindex --help" <"$T/ex"
usage_examples >"$T/ex" && run_source "stlsearch (sin argumentos)" <"$T/ex"
readme_examples >"$T/ex" && run_source "README.md" <"$T/ex"
man_examples man/stlsearch.1 >"$T/ex" && run_source "man/stlsearch.1" <"$T/ex"
man_examples man/stlindex.1 >"$T/ex" && run_source "man/stlindex.1" <"$T/ex"

finish
