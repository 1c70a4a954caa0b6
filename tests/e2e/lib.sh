# lib.sh - shared helpers of the end-to-end CLI tests (POSIX sh).
#
# Each test script sources this file. STL_BUILD is the build directory
# holding stlindex, stlsearch and tests/tools/ (the Makefile sets it); the
# tests run from the repository root. Every test works in its own temporary
# directory, removed at exit, and never touches the user's index.

set -u

: "${STL_BUILD:=$(pwd)/build}"
STLINDEX="${STL_WRAP:-} $STL_BUILD/stlindex"
STLSEARCH="${STL_WRAP:-} $STL_BUILD/stlsearch"
TOOLS="$STL_BUILD/tests/tools"
ROOT=$(pwd)

T=$(mktemp -d "${TMPDIR:-/tmp}/stl-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
export STLSEARCH_DB="$T/db"
export HOME="$T/home"
export XDG_CONFIG_HOME="$T/home/.config"
export XDG_CACHE_HOME="$T/home/.cache"
unset XDG_DATA_HOME NO_COLOR
mkdir -p "$HOME"

PASS=0
FAIL=0
NAME=$(basename "$0" .sh)

ok() {
	PASS=$((PASS + 1))
}

not_ok() {
	FAIL=$((FAIL + 1))
	echo "FAIL: $NAME: $*" >&2
}

# check DESCRIPTION COMMAND... : the command must succeed.
check() {
	desc=$1
	shift
	if "$@"; then ok; else not_ok "$desc"; fi
}

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok
	else
		not_ok "$1: expected '$2', got '$3'"
	fi
}

# expect_has DESCRIPTION NEEDLE HAYSTACK
expect_has() {
	case "$3" in
	*"$2"*) ok ;;
	*) not_ok "$1: '$2' not in: $3" ;;
	esac
}

# expect_lacks DESCRIPTION NEEDLE HAYSTACK
expect_lacks() {
	case "$3" in
	*"$2"*) not_ok "$1: '$2' unexpectedly in: $3" ;;
	*) ok ;;
	esac
}

# run_rc: run a command, store stdout in $OUT, stderr in $ERR, status in $RC.
run_rc() {
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

# A free port: the kernel's pick for a socket bound to port 0.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server TRIES: stlsearch --servir on 127.0.0.1:$PORT in the
# background (SPID, its log in $T/log, killed at exit), waited for until
# it answers, TRIES tenths of a second at most (valgrind starts slowly).
# A server that does not start fails the test.
start_server() {
	$STLSEARCH --servir=127.0.0.1:$PORT 2>"$T/log" &
	SPID=$!
	trap 'kill $SPID 2>/dev/null; rm -rf "$T"' EXIT INT TERM
	tries=0
	until curl -s -o /dev/null "http://127.0.0.1:$PORT/estilo.css"; do
		tries=$((tries + 1))
		if [ $tries -gt "$1" ] || ! kill -0 $SPID 2>/dev/null; then
			not_ok "the server did not start: $(cat "$T/log")"
			finish
		fi
		sleep 0.1
	done
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
	exit $?
}
