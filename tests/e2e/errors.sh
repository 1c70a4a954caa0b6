#!/bin/sh
# errors.sh - every error a user can meet, in Spanish: a missing root
# (and no index left behind), a root that is one file, an unreadable
# file, an index the user may not write or read (exit 2, not the lock's
# 75), an index folder that is a file, a damaged index, a stub file
# pointing to nothing. No English system text reaches the user.
. tests/e2e/lib.sh

M="$T/minutas"
mkdir -p "$M"
cp corpus/minuta-2020-06-17.txt "$M/"
ALL="$T/all-stderr"
: >"$ALL"

# keep: add this run's stderr to what is checked for English at the end.
keep() {
	printf '%s\n' "$ERR" >>"$ALL"
}

# A missing root: exit 2, named, and no index folder is created.
run_rc $STLINDEX --db "$T/nuevo/db" "$M/no-existe"
keep
expect_eq "missing root: exit" 2 "$RC"
expect_eq "missing root: message" \
	"stlindex: no se puede indexar la ruta '$M/no-existe': no existe" "$ERR"
check "missing root: no index left behind" test ! -e "$T/nuevo"
run_rc $STLINDEX --db "$T/nuevo/db"
keep
expect_eq "no root, no index: exit" 2 "$RC"
expect_has "no root, no index: says why" "no hay nada que indexar" "$ERR"
check "no root, no index: no index left behind" test ! -e "$T/nuevo"

# One file as the root: no table is looked for beside it, now or later.
run_rc $STLINDEX --db "$T/uno" "$M/minuta-2020-06-17.txt"
keep
expect_eq "file root: exit" 0 "$RC"
expect_eq "file root: no message" "" "$ERR"
run_rc $STLINDEX --db "$T/uno"
keep
expect_eq "file root again: exit" 0 "$RC"
expect_eq "file root again: no message" "" "$ERR"
run_rc $STLSEARCH --db "$T/uno" --count transparencia
expect_eq "file root: searchable" 1 "$OUT"

# A FIFO as the root is skipped, with a reason.
mkfifo "$T/fifo.txt"
run_rc timeout 60 $STLINDEX --db "$T/fifo-db" "$T/fifo.txt"
keep
expect_eq "FIFO root: exit" 0 "$RC"
expect_has "FIFO root: says why" "no es un archivo regular" "$ERR"

# The index folder is a file; a stub file naming a missing index; a
# truncated table.
: >"$T/archivo"
run_rc $STLINDEX --db "$T/archivo" "$M"
keep
expect_eq "index is a file: exit" 2 "$RC"
expect_has "index is a file: named" "'$T/archivo'" "$ERR"
printf 'glass %s\n' "$T/nada" >"$T/stub"
run_rc $STLSEARCH --db "$T/stub" minuta
keep
expect_eq "stub to nothing: exit" 2 "$RC"
$STLINDEX --quiet --db "$T/danado" "$M"
truncate -s 100 "$T/danado/postlist.glass"
run_rc $STLSEARCH --db "$T/danado" minuta
keep
expect_eq "damaged index: search exit" 2 "$RC"
expect_eq "damaged index: search message" \
	"stlsearch: no se puede abrir el índice '$T/danado': el índice está dañado" "$ERR"
run_rc $STLINDEX --db "$T/danado" "$M"
keep
expect_eq "damaged index: index exit" 2 "$RC"
expect_has "damaged index: index message" "el índice está dañado" "$ERR"

# Permissions, as another user when run as root (root may write anything).
if [ "$(id -u)" -eq 0 ]; then
	if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		OTHER="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		OTHER=
		echo "SKIP: $NAME: setpriv cannot drop to uid 65534; permission cases not run" >&2
	fi
else
	OTHER=env
fi
if [ -n "$OTHER" ]; then
	chmod 755 "$T"
	$STLINDEX --quiet --db "$T/ajeno" "$M"
	cp corpus/minuta-2020-09-24.txt "$M/"
	if [ "$(id -u)" -ne 0 ]; then
		chmod -R a-w "$T/ajeno"
	fi
	chmod -R a+rX "$M" "$T/ajeno"
	run_rc $OTHER $STLINDEX --db "$T/ajeno" "$M"
	keep
	expect_eq "index not writable: exit 2, not 75" 2 "$RC"
	expect_eq "index not writable: message" \
		"stlindex: no se puede escribir en el índice '$T/ajeno': permiso denegado" "$ERR"
	chmod 700 "$T/ajeno"
	run_rc $OTHER $STLSEARCH --db "$T/ajeno" minuta
	keep
	expect_eq "index not readable: exit" 2 "$RC"
	expect_eq "index not readable: message" \
		"stlsearch: no se puede leer el índice '$T/ajeno': permiso denegado" "$ERR"
	mkdir -p "$T/propio"
	chmod 777 "$T/propio"
	chmod 000 "$M/minuta-2020-09-24.txt"
	run_rc $OTHER $STLINDEX --db "$T/propio/db" "$M"
	keep
	expect_eq "unreadable file: exit" 0 "$RC"
	expect_has "unreadable file: skipped, says why" \
		"stlindex: '$M/minuta-2020-09-24.txt': se omite: permiso denegado" "$ERR"
	chmod 755 "$M/minuta-2020-09-24.txt" "$T/ajeno"
	chmod -R u+w "$T/ajeno"
fi

# Nothing English from the system or Xapian, anywhere.
check "no English in the messages" sh -c '! grep -E "Permission denied|No such file|Not a directory|Is a directory|Read-only|Couldn|Unable|Bad line|Failed|Error|Database|lockfile|write lock|EOF reading|Syntax" "$1"' _ "$ALL"
finish
