#!/bin/sh
# Build the Debian package as a build daemon would and check what it ships,
# from a clean copy: the committed tree (git archive HEAD), or the release
# tarball named as the argument. Never in the tree itself: the package's
# clean step runs `make distclean`, and debhelper writes under debian/.
#
#   contrib/deb-check.sh [TARBALL]
#
# 1. dpkg-buildpackage -us -uc -b with the test suite (dh_auto_test runs
#    `make check`), in a build daemon's environment: no HOME, LC_ALL=C.UTF-8,
#    no network where unshare allows it, and, when run as root, as the user
#    nobody, so the tests see the file permissions an ordinary user sees.
#    Every test must pass and none may skip: the Build-Depends bring every
#    tool the suite looks for, so a skip means one is missing there.
# 2. lintian on the .changes (so on the .deb and the .buildinfo): no error.
# 3. The .deb unpacked with dpkg -x holds the program, every rule file, the
#    man pages, the bash completion and the example; its trustlint looks for
#    its rules under /usr/share/trustlint/rules, and with the rules it ships
#    lints the example it ships: exit status 1, root-not-self-signed among
#    the findings, the whole output as tests/golden/iis-403-16-lint.out.
#
# Needs dpkg-dev, debhelper, lintian and the Build-Depends of debian/control.
# JOBS (default 2) is the build's parallelism. The last line says whether it
# passed; on failure the work folder is kept and named.
set -u
top=$(cd "$(dirname "$0")/.." && pwd) || exit 1
jobs=${JOBS:-2}
start=$(date +%s)

say() { printf 'deb-check: %s\n' "$*"; }
fail() {
	say "work folder kept: $work"
	say "FAILED: $*"
	exit 1
}
elapsed() {
	s=$(($(date +%s) - start))
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}

work=$(mktemp -d "${TMPDIR:-/tmp}/deb-check.XXXXXX") || { say "FAILED: no work folder"; exit 1; }
passed=no
trap 'if [ $passed = yes ]; then rm -rf "$work"; fi' EXIT

for tool in dpkg-buildpackage dpkg-checkbuilddeps dpkg-parsechangelog dpkg-architecture dh lintian; do
	command -v $tool >/dev/null 2>&1 || fail "$tool not found: apt-get install dpkg-dev debhelper lintian"
done
unset TRUSTLINT_RULES_DIR TRUSTLINT_MODULE_DIR

# ---------------------------------------------------------------- a clean copy
mkdir "$work/src" || fail "cannot write to $work"
if [ $# -ge 1 ]; then
	[ -f "$1" ] || fail "no tarball '$1'"
	tar -xf "$1" -C "$work/src" || fail "cannot unpack $1"
	from="the tarball $(basename "$1")"
else
	git -C "$top" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
		fail "$top is not a git checkout: name a release tarball (make dist)"
	git -C "$top" archive --prefix=trustlint/ HEAD | tar -x -C "$work/src" || fail "git archive failed"
	from="git archive HEAD ($(git -C "$top" rev-parse --short HEAD))"
	[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
		say "note: uncommitted changes are not in this build"
fi
src=
for d in "$work"/src/*; do
	[ -z "$src" ] || fail "$from holds more than one folder"
	src=$d
done
[ -f "$src/debian/rules" ] || fail "$from has no debian/rules"
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -SVersion) || fail "debian/changelog does not parse"
arch=$(dpkg-architecture -qDEB_HOST_ARCH) || fail "dpkg-architecture failed"
(cd "$src" && dpkg-checkbuilddeps) || fail "Build-Depends of debian/control missing (above)"

# ---------------------------------------------------------------- 1. build
# A build daemon's user, environment and network.
as=""
who="as $(id -un)"
if [ "$(id -u)" -eq 0 ]; then
	chown -R nobody:nogroup "$work" || fail "cannot give $work to nobody"
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	who="as nobody"
	$as test -w "$src" || fail "nobody cannot write to $src (TMPDIR=${TMPDIR:-/tmp})"
fi
if unshare --net true 2>/dev/null; then
	net="unshare --net"
elif unshare --net --map-current-user true 2>/dev/null; then
	net="unshare --net --map-current-user"
else
	net=""
fi
buildenv="env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent LC_ALL=C.UTF-8"
say "building $from $who, ${net:+no network, }HOME=/nonexistent, parallel=$jobs"
[ -n "$net" ] || say "note: the network is not cut off (unshare --net is refused here)"
log="$work/build.log"
(cd "$src" && $net $as $buildenv DEB_BUILD_OPTIONS="parallel=$jobs" \
	dpkg-buildpackage -us -uc -b) >"$log" 2>&1 ||
	{ tail -n 60 "$log"; fail "dpkg-buildpackage failed ($log)"; }

count() { sed -n "s/^# $1: *//p" "$log" | tail -n 1; }
total=$(count TOTAL)
[ -n "$total" ] || fail "the build ran no test suite (dh_auto_test): $log"
pass=$(count PASS)
if [ "$pass" != "$total" ]; then
	grep -E '^(SKIP|XFAIL|FAIL|XPASS|ERROR): ' "$log"
	fail "make check in the package build: $pass of $total passed, $(count SKIP) skipped"
fi
say "dpkg-buildpackage: make check passed $pass of $total, built trustlint_${version}_$arch.deb ($(elapsed))"

# ---------------------------------------------------------------- 2. lintian
changes="$work/src/trustlint_${version}_$arch.changes"
deb="$work/src/trustlint_${version}_$arch.deb"
[ -f "$changes" ] && [ -f "$deb" ] || fail "no $(basename "$changes") or $(basename "$deb")"
lrc=0
$as $buildenv lintian --display-info --pedantic "$changes" >"$work/lintian.log" 2>&1 || lrc=$?
tags() { grep -c "^$1: " "$work/lintian.log"; }
say "lintian: $(tags E) errors, $(tags W) warnings, $(tags I) info, $(tags P) pedantic"
grep -E '^[EWIP]: ' "$work/lintian.log" | cut -d' ' -f1-3 | sort | uniq -c | sed 's/^ */  /'
[ "$(tags E)" -eq 0 ] || fail "lintian found errors ($work/lintian.log)"
if [ $lrc -ne 0 ]; then
	grep -vE '^[EWIPXON]: ' "$work/lintian.log" | tail -n 20
	fail "lintian exited with $lrc"
fi

# ---------------------------------------------------------------- 3. installed
root="$work/root"
dpkg -x "$deb" "$root" || fail "dpkg -x $deb failed"
for f in usr/bin/trustlint usr/share/man/man1/trustlint.1.gz usr/share/man/man5/trustlint-rules.5.gz \
	usr/share/bash-completion/completions/trustlint usr/share/doc/trustlint/copyright; do
	[ -f "$root/$f" ] || fail "the package has no /$f"
done
# every rule file and the whole example, as in the source
(cd "$src/rules" && ls) >"$work/rules.want"
(cd "$root/usr/share/trustlint/rules" && ls) >"$work/rules.got" 2>/dev/null
cmp -s "$work/rules.want" "$work/rules.got" ||
	{ diff "$work/rules.want" "$work/rules.got"; fail "the package's rules are not those of rules/"; }
example=usr/share/trustlint/examples/iis-403-16
diff -r "$src/testdata/examples/iis-403-16" "$root/$example" >/dev/null ||
	fail "/$example is not testdata/examples/iis-403-16"
bash -c '. "$1" && complete -p trustlint' sh "$root/usr/share/bash-completion/completions/trustlint" \
	>/dev/null 2>&1 || fail "the bash completion does not load into bash"

bin="$root/usr/bin/trustlint"
run="$work/run"
mkdir "$run" || fail "cannot write to $work"
cd "$run" || fail "cannot enter $run"
# The binary looks where the package put its rules. Only when this machine
# has no trustlint installed can it be seen failing to find them there.
if [ -e /usr/share/trustlint ]; then
	say "note: /usr/share/trustlint exists here, so where the binary looks for its rules is not checked"
else
	rc=0
	"$bin" rules >out 2>err || rc=$?
	[ $rc -ne 0 ] && grep -q "the shipped rules are not at '/usr/share/trustlint/rules'" err ||
		{ cat err; fail "the packaged trustlint does not look for its rules in /usr/share/trustlint/rules"; }
fi
TRUSTLINT_RULES_DIR="$root/usr/share/trustlint/rules"
export TRUSTLINT_RULES_DIR
"$bin" --version >version.out 2>&1 || fail "trustlint --version failed"
[ "$(head -n 1 version.out)" = "trustlint $version" ] ||
	fail "trustlint --version says '$(head -n 1 version.out)', debian/changelog says $version"
grep -qx 'Licence: MIT' version.out || fail "trustlint --version names no licence"
# As the README shows it: the installed example, where it is installed.
now=2026-11-24T00:00:00Z
rc=0
"$bin" lint --now "$now" "$root/$example" >out 2>err || rc=$?
[ $rc -eq 1 ] || { head -n 20 out err; fail "trustlint on /$example exited with $rc, not 1 (findings)"; }
grep -F "$root/$example/Root.sst:0x" out | grep -q ': error: .*\[root-not-self-signed\]$' ||
	{ head -n 20 out; fail "no root-not-self-signed finding for /$example/Root.sst"; }
# From a copy, as the golden test runs it, for the whole output.
mkdir -p testdata/examples && cp -R "$root/$example" testdata/examples/ || fail "cannot copy the example"
rc=0
"$bin" lint --now "$now" testdata/examples/iis-403-16 >out 2>err || rc=$?
{ cat out; echo '--- stderr'; cat err; echo "--- exit $rc"; } >got
cmp -s "$src/tests/golden/iis-403-16-lint.out" got ||
	{ diff -u "$src/tests/golden/iis-403-16-lint.out" got | head -n 30; fail "the packaged trustlint lints its example differently"; }
say "installed: /usr/bin/trustlint with its own rules lints /$example: exit 1, $(tail -n 3 got | head -n 1)"
# The two modules (libxml2, Graphviz), where the package put them, load:
# the XML file is read and the HTML report has its graph.
modules=$(dpkg-architecture -qDEB_HOST_MULTIARCH) && modules="$root/usr/lib/$modules/trustlint"
for m in trustlint-xml.so trustlint-graphviz.so; do
	[ -f "$modules/$m" ] || fail "the package has no /${modules#"$root/"}/$m"
done
ls "$modules" | grep -q '\.la$' && fail "the package holds libtool .la files in /${modules#"$root/"}"
# The binary looks where the package put its modules, seen (as for the
# rules) only when this machine has none installed there.
printf '<?xml version="1.0"?>\n<configuration><system.webServer/></configuration>\n' >web.config
if [ -e "/${modules#"$root/"}" ]; then
	say "note: /${modules#"$root/"} exists here, so where the binary looks for its modules is not checked"
else
	"$bin" lint --fail-on none web.config >out 2>&1 || true
	grep -q "libxml2 is not available: /${modules#"$root/"}/trustlint-xml.so: " out ||
		{ cat out; fail "the packaged trustlint does not look for its modules in /${modules#"$root/"}"; }
fi
TRUSTLINT_MODULE_DIR="$modules" "$bin" lint --fail-on none web.config >out 2>&1 || true
grep -q 'input-xml' out && { cat out; fail "the packaged trustlint-xml.so does not read XML"; }
grep -q 'input-config-no-path' out || { cat out; fail "the packaged trustlint did not read web.config"; }
TRUSTLINT_MODULE_DIR="$modules" "$bin" lint --fail-on none --format html "$root/$example" >out 2>&1 || true
grep -q '<svg' out || { grep -o 'the trust graph cannot[^<]*' out; fail "the packaged trustlint-graphviz.so draws no graph"; }
say "installed: its modules read XML and draw the HTML report's trust graph"

cd "$top" || exit 1
passed=yes
say "passed ($(elapsed))"
