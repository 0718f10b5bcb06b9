#!/bin/sh
# check-windows.sh DIR: trustlint.exe under Wine against the Linux goldens
# (issue 15). DIR is what contrib/windows/cross-build.sh wrote:
# DIR/trustlint.exe, and DIR/tests/fuzz_replay_*.exe.
#
#   make check-windows WINDIR=DIR     (or: sh tests/check-windows.sh DIR)
#
# TRUSTLINT names the Linux build to compare the HTML report's graph with
# (make check-windows sets it).
# Every golden case of tests/golden/*.cases runs with trustlint.exe on a
# copy of the source tree, as tests/golden.test runs trustlint, and its
# stdout, stderr and exit status must be the same bytes as the Linux golden
# (nothing is normalised, see below). Then what only Windows has: '\' in
# paths, names the ANSI code page cannot spell, the rules beside the .exe,
# CRLF rule files; and every fuzz corpus replays through its target built
# for Windows. Wine runs in a prefix of its own, made on the first run.
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
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$1"; }
# trustlint.exe with the arguments after OUT: its stdout and stderr in OUT,
# then "exit N"
run() {
	out=$1
	shift
	wine "$exe" "$@" >"$out" 2>&1
	echo "exit $?" >>"$out"
}
while IFS='	' read -r name args; do
	case "$name" in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # args are split on purpose
	eval "set -- $args"
	wine "$exe" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	{ cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; echo "--- exit $rc"; } >"$tmp/got"
	if cmp -s "$tmp/got" "$top_srcdir/tests/golden/$name.out"; then
		ok
	else
		bad "$name (trustlint.exe $args)"
		diff -u "$top_srcdir/tests/golden/$name.out" "$tmp/got" | head -20
	fi
done <<EOF
$(cat "$top_srcdir"/tests/golden/*.cases)
EOF
echo "check-windows: golden: $pass passed, $fail failed"

# the shipped rules found beside trustlint.exe (DIR/rules, the zip's
# layout) when no TRUSTLINT_RULES_DIR says where: the same findings
# ($tmp/slash: the example linted with the tree's rules, compared with
# again below)
set -- lint --now 2026-11-24T00:00:00Z testdata/examples/iis-403-16
run "$tmp/slash" "$@"
(unset TRUSTLINT_RULES_DIR; run "$tmp/beside" "$@")
if grep -q 'root-not-self-signed' "$tmp/slash" && cmp -s "$tmp/slash" "$tmp/beside"; then
	ok
else
	bad "the rules beside trustlint.exe are not the rules of the tree"
	diff "$tmp/slash" "$tmp/beside" | head -5
fi

# the manifest linked in (contrib/windows/trustlint.manifest): Windows
# refuses to start a program whose manifest it cannot parse, so Wine's
# loader parses it here, and finds longPathAware; and the version resource
# (Properties > Details) says configure.ac's version, as --version does
version=$(sed -n 's/^AC_INIT(\[trustlint\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
wine "$exe" --version >"$tmp/version" 2>&1
WINEDEBUG=trace+actctx wine "$exe" --version 2>&1 >/dev/null | grep 'Z:.*trustlint\.exe' -A8 >"$tmp/actctx"
if grep -q 'name=L"trustlint"' "$tmp/actctx" && grep -q 'got L"longPathAware" L"true"' "$tmp/actctx" &&
	! grep -qi 'err:actctx\|failed to parse' "$tmp/actctx" &&
	grep -q "$version" "$tmp/version" && strings -el "$exe" | grep -qx "$version"; then
	ok
else
	bad "trustlint.exe's manifest or version resource"
	head -5 "$tmp/actctx"
fi

# '\' as the separator, in a folder operand and in --rules: the files are
# named as given, the folder walk joining with '\' too; the same report
# once those paths are spelt with '/', and the same exit status
# ($tmp/slash2: the example linted with one rule file, compared with again
# below)
run "$tmp/slash2" lint --now 2026-11-24T00:00:00Z --no-default-rules --rules rules/trust-store.rules \
	testdata/examples/iis-403-16
run "$tmp/back" lint --now 2026-11-24T00:00:00Z --no-default-rules --rules 'rules\trust-store.rules' \
	'testdata\examples\iis-403-16'
slashed() {
	sed -e 's|testdata\\examples\\iis-403-16\\|testdata/examples/iis-403-16/|g' \
		-e 's|rules\\trust-store\.rules|rules/trust-store.rules|g' "$@"
}
if grep -q 'testdata\\examples\\iis-403-16\\Root\.sst:' "$tmp/back" && slashed "$tmp/back" | cmp -s - "$tmp/slash2"; then
	ok
else
	bad "'\\' in paths is not a separator"
	slashed "$tmp/back" | diff "$tmp/slash2" - | head -5
fi
# and in -o: the report in the file, nothing on stdout
mkdir out
run "$tmp/back" lint --now 2026-11-24T00:00:00Z -o 'out\report.txt' 'testdata\examples\iis-403-16'
if slashed out/report.txt | cat - "$tmp/back" | cmp -s - "$tmp/slash"; then
	ok
else
	bad "-o 'out\\report.txt' 'testdata\\examples\\iis-403-16' is not the report with '/'"
	slashed out/report.txt | diff "$tmp/slash" - | head -5
fi
# SARIF: URIs have '/' whatever the separator given (the same log), and a
# drive path is a file:///C:/ URI, or relative to --sarif-root
set -- lint --format sarif --now 2026-11-24T00:00:00Z
wine "$exe" "$@" testdata/examples/iis-403-16 >"$tmp/sarif-slash" 2>&1
wine "$exe" "$@" 'testdata\examples\iis-403-16' >"$tmp/sarif-back" 2>&1
drive=$(winepath -w "$PWD/testdata/examples/iis-403-16" 2>/dev/null)
here=$(winepath -w "$PWD" 2>/dev/null)
wine "$exe" "$@" "$drive" >"$tmp/sarif-abs" 2>&1
wine "$exe" "$@" --sarif-root . "$drive" >"$tmp/sarif-root" 2>&1
# the root as PowerShell completes it (a '\' last), in another case, and a
# drive's root
lower=$(printf '%s' "$here" | tr 'A-Z' 'a-z')
wine "$exe" "$@" --sarif-root "$lower\\" "$drive" >"$tmp/sarif-root2" 2>&1
wine "$exe" "$@" --sarif-root "${here%%\\*}\\" "$drive" >"$tmp/sarif-root3" 2>&1
if cmp -s "$tmp/sarif-slash" "$tmp/sarif-back" &&
	grep -q '"uri": "file:///[A-Z]:/.*/testdata/examples/iis-403-16/Root\.sst"' "$tmp/sarif-abs" &&
	grep -q '"uri": "testdata/examples/iis-403-16/Root\.sst"' "$tmp/sarif-root" &&
	grep -q '"uri": "testdata/examples/iis-403-16/Root\.sst"' "$tmp/sarif-root2" &&
	grep -q '"uri": "[^/":]*/.*/testdata/examples/iis-403-16/Root\.sst"' "$tmp/sarif-root3" &&
	grep -q '"uri": "file:///[A-Z]:/"' "$tmp/sarif-root3" &&
	! grep -q '%5C' "$tmp/sarif-back" "$tmp/sarif-abs" "$tmp/sarif-root" "$tmp/sarif-root2"; then
	ok
else
	bad "SARIF URIs of Windows paths ($drive)"
	diff "$tmp/sarif-slash" "$tmp/sarif-back" | head -5
	grep -m2 '"uri"' "$tmp/sarif-abs" "$tmp/sarif-root" "$tmp/sarif-root2" "$tmp/sarif-root3"
fi

# names no ANSI code page spells (Greek, Cyrillic, CJK, an emoji beyond
# the BMP) for a folder, a file in it and a rule file: read, reported and
# written under their own names (Wine takes the command line in UTF-8)
uname='testdata/Ελληνικά-Кириллица-中文-🔒'
mkdir -p "$uname" && cp testdata/examples/iis-403-16/* "$uname/" &&
	cp rules/trust-store.rules "$uname.rules" || exit 99
(export LC_ALL=C.UTF-8
	run "$tmp/uni" lint --now 2026-11-24T00:00:00Z --no-default-rules --rules "$uname.rules" \
		--sarif-output "$uname.sarif" "$uname")
if sed "s|$uname|testdata/examples/iis-403-16|g" "$tmp/uni" | cmp -s - "$tmp/slash2" &&
	grep -q "$uname/Root.sst" "$tmp/uni" && grep -q 'Root.sst' "$uname.sarif"; then
	ok
else
	bad "a folder named $uname is not read as the same folder named in ASCII"
	sed "s|$uname|testdata/examples/iis-403-16|g" "$tmp/uni" | diff "$tmp/slash2" - | head -5
fi

# rule files with CRLF line ends, as Notepad saves them: the same rules
mkdir crlf-rules || exit 99
for f in rules/*.rules; do sed 's/$/\r/' "$f" >"crlf-rules/${f##*/}"; done
run "$tmp/crlf" lint --now 2026-11-24T00:00:00Z --no-default-rules --rules crlf-rules \
	testdata/examples/iis-403-16
if grep -q "$(printf '\r')" crlf-rules/trust-store.rules && cmp -s "$tmp/crlf" "$tmp/slash"; then
	ok
else
	bad "rule files with CRLF are not the same rules"
	diff "$tmp/slash" "$tmp/crlf" | head -5
fi

# a reader that stops early (| head, | Select-Object -First 3): as quiet as
# on Linux, the same status. This checks the assumption of base/os.c's
# tl_os_write_errno that a write to a pipe fails only when its reader has
# gone; under Wine the failed write says ERROR_PIPE_NOT_CONNECTED, which
# msvcrt makes EINVAL and the flush after it forgets
set -- lint --format sarif --now 2026-11-24T00:00:00Z testdata/examples/iis-403-16
status=$( { wine "$exe" "$@" 2>"$tmp/pipe-err"; echo $? >"$tmp/pipe-rc"; } | head -c 10 >/dev/null; cat "$tmp/pipe-rc")
if [ "$status" = 141 ] && [ ! -s "$tmp/pipe-err" ]; then
	ok
else
	bad "a reader that stops early: status $status (141 on Linux), and said: $(head -c 200 "$tmp/pipe-err")"
fi

# the HTML report's trust graph, laid out by the Graphviz linked into the
# .exe: the same nodes and edges as the Linux build's (the geometry
# differs: no fonts to measure text with, widths are Graphviz's estimates)
set -- lint --format html --now 2026-11-24T00:00:00Z testdata/examples/iis-403-16
wine "$exe" "$@" >"$tmp/html" 2>/dev/null
shape() { grep -o '<g id="[a-z0-9-]*" class="\(node\|edge\)[^"]*"' "$1" | sort; }
shape "$tmp/html" >"$tmp/shape"
if [ ! -x "${TRUSTLINT:-}" ]; then
	echo "check-windows: no Linux trustlint (TRUSTLINT) to compare the trust graph with: not checked"
elif "$TRUSTLINT" "$@" >"$tmp/html-linux" 2>/dev/null; [ -s "$tmp/html-linux" ] &&
	shape "$tmp/html-linux" >"$tmp/shape-linux" && grep -q '<svg' "$tmp/html" &&
	[ "$(grep -c node "$tmp/shape")" -ge 5 ] && cmp -s "$tmp/shape" "$tmp/shape-linux"; then
	ok
else
	bad "the HTML report's trust graph is not the Linux build's"
	grep -o 'Graphviz[^<]*' "$tmp/html" | head -3
fi

# the fuzz corpora, each through its target
for t in "$dir"/tests/fuzz_replay_*.exe; do
	[ -f "$t" ] || continue
	name=${t##*/fuzz_replay_}
	name=${name%.exe}
	if wine "$t" "$tmp/tree/tests/fuzz/corpus/$name" >"$tmp/fuzz" 2>&1; then
		ok
	else
		bad "fuzz corpus $name"
		tail -5 "$tmp/fuzz"
	fi
done
echo "check-windows: $pass passed, $fail failed"
[ "$pass" -gt 300 ] || { echo "check-windows: only $pass checks ran"; exit 1; }
[ "$fail" -eq 0 ]
