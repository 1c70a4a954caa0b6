#!/bin/sh
# indexdir.sh - the index directory: created with the user's umask, never
# used through a symbolic link inside it (that would lead out of it), and
# no path written in a minute is ever opened.
. tests/e2e/lib.sh

M="$T/minutas"
mkdir -p "$M"
cp corpus/minuta-2020-09-24.txt "$M/"

# The user's umask decides the modes of the folders and the files.
run_rc sh -c "umask 077 && $STLINDEX --quiet --db '$T/u077/a/b' '$M'"
expect_eq "umask 077: exit" 0 "$RC"
expect_eq "umask 077: new parent folder" 700 "$(stat -c %a "$T/u077/a")"
expect_eq "umask 077: index folder" 700 "$(stat -c %a "$T/u077/a/b")"
expect_eq "umask 077: tables" 600 "$(stat -c %a "$T/u077/a/b/postlist.glass")"
run_rc sh -c "umask 022 && $STLINDEX --quiet --db '$T/u022' '$M'"
expect_eq "umask 022: index folder" 755 "$(stat -c %a "$T/u022")"
expect_eq "umask 022: tables" 644 "$(stat -c %a "$T/u022/postlist.glass")"

# --db may itself be a link: the user named it.
mkdir "$T/real"
ln -s "$T/real" "$T/enlace"
run_rc $STLINDEX --quiet --db "$T/enlace" "$M"
expect_eq "--db is a link: exit" 0 "$RC"
check "--db is a link: index made where it points" test -f "$T/real/iamglass"

# A link inside the index would make Xapian read and write out of it:
# both programs refuse, name the link, and leave its target alone.
mkdir "$T/fuera"
mv "$T/real/postlist.glass" "$T/fuera/postlist.glass"
ln -s "$T/fuera/postlist.glass" "$T/real/postlist.glass"
before=$(cksum <"$T/fuera/postlist.glass")
printf '\nCambio que obligaría a escribir.\n' >>"$M/minuta-2020-09-24.txt"
run_rc $STLINDEX --quiet --db "$T/real" "$M"
expect_eq "link inside the index: stlindex exit" 2 "$RC"
expect_has "link inside the index: named" "'$T/real/postlist.glass'" "$ERR"
expect_eq "link target untouched" "$before" "$(cksum <"$T/fuera/postlist.glass")"
run_rc $STLSEARCH --db "$T/real" minuta
expect_eq "link inside the index: stlsearch exit" 2 "$RC"
expect_has "link inside the index: stlsearch says so" "enlace simbólico" "$ERR"
rm "$T/real/flintlock"
ln -s "$T/fuera/cerrojo" "$T/real/flintlock"
rm "$T/real/postlist.glass"
mv "$T/fuera/postlist.glass" "$T/real/postlist.glass"
run_rc $STLINDEX --quiet --db "$T/real" "$M"
expect_eq "linked lock file: refused" 2 "$RC"
check "linked lock file: nothing created out of the index" test ! -e "$T/fuera/cerrojo"

# Paths written in a minute are text, never opened. Every open() of a
# run is logged (tests/tools/preload/race.c).
printf 'Minuta. Véase %s, ../../../etc/shadow, file://%s y %s.\n' \
	"$T/secreto.txt" "$T/otro.txt" "$T/tercero/instituciones.tsv" >"$M/rutas.txt"
printf 'no leer\n' >"$T/secreto.txt"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
run_rc env LD_PRELOAD="$TOOLS/race.so" STL_OPEN_LOG="$T/opened" \
	$STLINDEX --quiet --db "$T/log-db" "$M"
expect_eq "paths in a minute: exit" 0 "$RC"
check "the open log works" grep -q "/rutas.txt\$" "$T/opened"
expect_lacks "a path in a minute is not opened" "secreto" "$(cat "$T/opened")"
expect_lacks "a relative path in a minute is not opened" "shadow" "$(cat "$T/opened")"
expect_lacks "a URL in a minute is not opened" "otro.txt" "$(cat "$T/opened")"
expect_lacks "a table path in a minute is not opened" "tercero" "$(cat "$T/opened")"
run_rc env LD_PRELOAD="$TOOLS/race.so" STL_OPEN_LOG="$T/opened-search" \
	$STLSEARCH --db "$T/log-db" --json secreto
expect_eq "search of the paths: exit" 0 "$RC"
expect_lacks "stlsearch opens no path of a minute either" "secreto" \
	"$(cat "$T/opened-search")"

finish
