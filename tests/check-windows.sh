#!/bin/sh
# check-windows.sh DIR: trustlint.exe under Wine against the Linux goldens
# (issue 15). DIR is what contrib/windows/cross-build.sh wrote:
# DIR/trustlint.exe, and DIR/tests/fuzz_replay_*.exe.
#
#   make check-windows WINDIR=DIR     (or: sh tests/check-windows.sh DIR)
#
# Every golden case of tests/golden/*.cases runs with trustlint.exe from the
# source tree, as tests/golden.test runs trustlint, and its stdout, stderr
# and exit status must be the same bytes as the Linux golden once the few
# (nothing is normalised, see below). Then every fuzz corpus replays through its target built for
# Windows. Wine runs in a prefix of its own, made on the first run.
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
dir=${1:?usage: check-windows.sh DIR (from contrib/windows/cross-build.sh)}
dir=$(cd "$dir" && pwd) || exit 99
exe=$dir/trustlint.exe
[ -f "$exe" ] || { echo "check-windows: no $exe (run contrib/windows/cross-build.sh $dir)" >&2; exit 99; }
command -v wine >/dev/null 2>&1 || { echo "check-windows: needs wine (apt-get install wine wine64)" >&2; exit 99; }
export WINEPREFIX="${TL_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/trustlint-wine}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY=
[ -d "$WINEPREFIX" ] || wineboot -i >/dev/null 2>&1
# one Wine server for every run, not one each
wineserver -p >/dev/null 2>&1
trap 'wineserver -k >/dev/null 2>&1; rm -rf "$tmp"' EXIT
tmp=$(mktemp -d) || exit 99
# a copy of what the cases read: a Windows build that gets "no output
# overwrites an input" wrong must not damage the source tree
mkdir "$tmp/tree" &&
	(cd "$top_srcdir" && tar -cf - testdata rules tests/golden tests/fuzz/corpus) |
	(cd "$tmp/tree" && tar -xf -) || exit 99
cd "$tmp/tree" || exit 99
# the rules the Linux goldens were made with, found as the .exe finds any
export TRUSTLINT_RULES_DIR=rules

# Nothing is normalised: the cases name their files relative to the
# tree, as given they are printed back, msvcrt's messages for the errno
# values the cases meet are glibc's words, and every report is written in
# binary mode (no CRLF). A difference is a difference.
pass=0 fail=0
while IFS='	' read -r name args; do
	case "$name" in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # args are split on purpose
	eval "set -- $args"
	wine "$exe" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	{ cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; echo "--- exit $rc"; } >"$tmp/got"
	if cmp -s "$tmp/got" "$top_srcdir/tests/golden/$name.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name (trustlint.exe $args)"
		diff -u "$top_srcdir/tests/golden/$name.out" "$tmp/got" | head -20
	fi
done <<EOF
$(cat "$top_srcdir"/tests/golden/*.cases)
EOF
echo "check-windows: golden: $pass passed, $fail failed"

# the shipped rules found beside trustlint.exe (DIR/rules, the zip's
# layout) when no TRUSTLINT_RULES_DIR says where: the same findings
set -- lint --now 2026-11-24T00:00:00Z testdata/examples/iis-403-16
wine "$exe" "$@" >"$tmp/with" 2>&1
(unset TRUSTLINT_RULES_DIR; wine "$exe" "$@") >"$tmp/beside" 2>&1
if [ -s "$tmp/with" ] && cmp -s "$tmp/with" "$tmp/beside"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the rules beside trustlint.exe are not the rules of the tree"
	diff "$tmp/with" "$tmp/beside" | head -5
fi

# the fuzz corpora, each through its target
for t in "$dir"/tests/fuzz_replay_*.exe; do
	[ -f "$t" ] || continue
	name=${t##*/fuzz_replay_}
	name=${name%.exe}
	if wine "$t" "$tmp/tree/tests/fuzz/corpus/$name" >"$tmp/fuzz" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: fuzz corpus $name"
		tail -5 "$tmp/fuzz"
	fi
done
echo "check-windows: $pass passed, $fail failed"
[ "$pass" -gt 300 ] || { echo "check-windows: only $pass checks ran"; exit 1; }
[ "$fail" -eq 0 ]
