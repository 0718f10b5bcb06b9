#!/bin/sh
# cross-build.sh OUTDIR: trustlint.exe for 64-bit Windows, built on Debian
# with mingw-w64, as one static executable, with everything it links built
# here from Debian's own source packages (issue 15).
#
#   contrib/windows/cross-build.sh OUTDIR
#
# writes OUTDIR/trustlint.exe, OUTDIR/rules/, OUTDIR/doc/ (the manual pages
# as text) and OUTDIR/trustlint-VERSION-win64.zip holding them.
#
# The dependencies are built once into a cache keyed by their source
# packages' versions, the compiler's and the script's recipe number, so a
# second run (or one after an unrelated change to trustlint) reuses them:
#   TL_WIN_CACHE   the cache (default ${XDG_CACHE_HOME:-~/.cache}/trustlint-windows)
#   TL_WIN_JOBS    parallel make jobs (default: the CPUs)
#   TL_WIN_SUITE   the Debian release whose sources are used (default: this
#                  machine's, from /etc/os-release)
#   TL_WIN_MIRROR  the Debian mirror (default http://deb.debian.org)
#
# Needs: gcc-mingw-w64-x86-64, autoconf, automake, libtool, pkg-config,
# dpkg-dev (dpkg-source), apt (apt-get source), zip or python3, make.
# The sources are fetched with a private apt state under the cache, so the
# machine's own apt sources need no deb-src lines and nothing is installed.
set -eu

out=${1:?usage: cross-build.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ -f "$top/configure.ac" ] && [ -f "$top/src/main.c" ] ||
	{ echo "cross-build: run it from trustlint's tree (contrib/windows/cross-build.sh)" >&2; exit 2; }
host=x86_64-w64-mingw32
jobs=${TL_WIN_JOBS:-$(nproc 2>/dev/null || echo 2)}
suite=${TL_WIN_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}
mirror=${TL_WIN_MIRROR:-http://deb.debian.org}
cache=${TL_WIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trustlint-windows}

say() { printf 'cross-build: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# absolute paths: configure's --prefix needs one, and the build runs
# elsewhere
mkdir -p "$cache" "$out" || die "cannot make $cache or $out"
cache=$(cd "$cache" && pwd)
out=$(cd "$out" && pwd)
# OUTDIR is rewritten (its rules/ and doc/ replaced): never the source
# tree or a folder above it, and only a folder this script made or an
# empty one
case "$top/" in "$out"/*) die "OUTDIR $out holds the source tree: give a folder of its own" ;; esac
if [ ! -f "$out/.trustlint-windows" ] && [ -n "$(ls -A "$out")" ]; then
	die "OUTDIR $out is not empty and was not made by this script"
fi
touch "$out/.trustlint-windows"

[ -n "$suite" ] || die "no Debian release: set TL_WIN_SUITE (e.g. bookworm)"
for tool in $host-gcc $host-ar $host-windres pkg-config autoreconf dpkg-source apt-get make; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "needs $tool (apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 pkg-config autoconf automake libtool dpkg-dev make)"
done
build=$(sh "$top/build-aux/config.guess" 2>/dev/null || gcc -dumpmachine)

# ---- the sources, through a private apt state --------------------------
# Debian's source package of each dependency, in build order.
packages="gmp nettle libtasn1-6 gnutls28 jansson libinih libmspack libxml2"
apt_dir=$cache/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
cat > "$apt_dir/sources.list" <<EOF
deb-src $mirror/debian $suite main
deb-src $mirror/debian $suite-updates main
deb-src $mirror/debian-security $suite-security main
EOF
apt_opts="-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/dev/null
 -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache -o Dir::State::status=/dev/null
 -o APT::Sandbox::User=root -o Debug::NoLocking=1"
if [ ! -f "$apt_dir/updated" ] || [ -n "$(find "$apt_dir/updated" -mmin +1440 2>/dev/null)" ]; then
	say "reading the source package lists of $suite from $mirror"
	# shellcheck disable=SC2086
	apt-get -q $apt_opts update >&2 || die "apt-get update of the source lists failed"
	touch "$apt_dir/updated"
fi
# the newest version of each in the lists, as apt-get source would take
newest() {
	best=""
	# shellcheck disable=SC2086
	for v in $(apt-cache $apt_opts showsrc --only-source "$1" 2>/dev/null | sed -n 's/^Version: //p'); do
		if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
	done
	echo "$best"
}
versions=""
for p in $packages; do
	v=$(newest "$p")
	[ -n "$v" ] || die "no source package $p in $suite"
	versions="$versions $p=$v"
done
# How the dependencies are built: raise it with any change below that
# changes what they are built into.
recipe=2
# the cache's key: those versions, the compiler and the recipe
key=$( { echo "recipe $recipe $versions"; $host-gcc --version | head -n 1; } | sha256sum | cut -c1-16)
prefix=$cache/deps-$key
src=$cache/src
mkdir -p "$src"

# Unpack package=version into $src/package-version (patched as Debian ships
# it) and print that folder.
fetch() {
	d=$src/$1-$(echo "$2" | sed 's/^[0-9]*://')
	if [ ! -d "$d" ]; then
		say "fetching $1 $2"
		rm -rf "$src/dl" && mkdir -p "$src/dl"
		# shellcheck disable=SC2086
		(cd "$src/dl" && apt-get -q $apt_opts source --download-only "$1=$2" >&2) ||
			die "apt-get source $1=$2 failed"
		# unpacked aside, then moved: an interrupted unpack is not reused
		rm -rf "$d.part"
		dpkg-source --no-check -x "$src/dl"/*.dsc "$d.part" >&2 || die "dpkg-source -x $1 failed"
		mv "$d.part" "$d"
		rm -rf "$src/dl"
	fi
	echo "$d"
}

version_of() { for pv in $versions; do [ "${pv%%=*}" = "$1" ] && echo "${pv#*=}"; done; }

export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig"
export PKG_CONFIG_PATH=
export PKG_CONFIG="pkg-config --static"
cross="--build=$build --host=$host --prefix=$prefix --enable-static --disable-shared"

# Configure and install one autotools package from folder $1 with the
# options that follow.
autotools() {
	d=$1
	shift
	# a source package made from a git tag ships no configure (jansson),
	# and Debian's patches may change configure.ac or a Makefile.am that
	# the shipped configure was made from (gmp, libxml2): dh_autoreconf's
	# work, done here
	if [ ! -x "$d/configure" ] || [ -n "$(find "$d" \( -name configure.ac -o -name Makefile.am \) \
		-newer "$d/configure" | head -n 1)" ]; then
		(cd "$d" && autoreconf -fi >&2) || return 1
	fi
	# a folder built before (an older recipe) starts clean
	if [ -f "$d/Makefile" ]; then (cd "$d" && make distclean >/dev/null 2>&1 || :); fi
	(cd "$d" && ./configure $cross CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" "$@" >&2 &&
		make -j"$jobs" >&2 && make install >&2)
}

# Each dependency, built once into $prefix; a stamp says it is there.
# TL_WIN_SRC_<package> (dashes as underscores) names a folder holding a
# package's source already unpacked, for a mirror that lacks it.
dep() { # NAME FUNCTION
	[ -f "$prefix/.done-$1" ] && return 0
	say "building $1 $(version_of "$1") for $host"
	eval "given=\${TL_WIN_SRC_$(echo "$1" | tr - _):-}"
	if [ -n "$given" ]; then
		# a copy: the build runs in its source folder
		d=$src/given-$1
		rm -rf "$d" && cp -R "$given" "$d" || die "cannot copy $given"
	else
		d=$(fetch "$1" "$(version_of "$1")") ||
			die "no source for $1: give its unpacked source as TL_WIN_SRC_$(echo "$1" | tr - _)=DIR"
	fi
	"$2" "$d" || die "building $1 failed"
	touch "$prefix/.done-$1"
}

b_gmp() { autotools "$1"; }
b_nettle() {
	autotools "$1" --disable-documentation --disable-openssl \
		--with-include-path="$prefix/include" --with-lib-path="$prefix/lib"
	[ -f "$prefix/lib/libhogweed.a" ] || die "nettle was built without hogweed (GMP not found)"
}
b_libtasn1() { autotools "$1" --disable-doc --disable-valgrind-tests; }
b_gnutls() {
	# GnuTLS carries a copy of inih's ini_parse_file() for its own
	# configuration file: renamed, or a static link has it twice
	autotools "$1" CPPFLAGS="-I$prefix/include -Dini_parse_file=_gnutls_ini_parse_file" \
		--without-p11-kit --with-included-unistring --without-included-libtasn1 \
		--without-idn --without-tpm --without-tpm2 --without-zlib --without-brotli \
		--without-zstd --disable-doc --disable-tests --disable-tools --disable-cxx \
		--disable-guile --disable-nls --disable-libdane --disable-full-test-suite \
		--disable-valgrind-tests || return 1
	# gnutls_free is a variable, which the Windows header declares
	# dllimport: a static link has no DLL to import it from
	sed -i 's/^#\( *\)define _SYM_EXPORT __declspec(dllimport)/#\1define _SYM_EXPORT/' \
		"$prefix/include/gnutls/gnutls.h" &&
		! grep -q 'define _SYM_EXPORT __declspec(dllimport)' "$prefix/include/gnutls/gnutls.h"
}
b_jansson() { autotools "$1"; }
b_libinih() {
	# meson upstream; one file, compiled as Debian builds it
	mkdir -p "$prefix/include" "$prefix/lib/pkgconfig"
	$host-gcc -O2 -c "$1/ini.c" -o "$1/ini.o" -DINI_ALLOW_MULTILINE=1 &&
		$host-ar rcs "$prefix/lib/libinih.a" "$1/ini.o" &&
		cp "$1/ini.h" "$prefix/include/" &&
		cat > "$prefix/lib/pkgconfig/inih.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: inih
Description: simple .INI file parser
Version: $(version_of libinih | sed 's/-.*//')
Libs: -L\${libdir} -linih
Cflags: -I\${includedir}
PC
}
b_libmspack() { autotools "$1" --disable-debug; }
b_libxml2() {
	autotools "$1" --without-python --without-icu --without-iconv --without-zlib \
		--without-lzma --without-http --without-ftp --without-modules --without-catalog \
		--without-debug --without-threads
}

mkdir -p "$prefix"
dep gmp b_gmp
dep nettle b_nettle
dep libtasn1-6 b_libtasn1
dep gnutls28 b_gnutls
dep jansson b_jansson
dep libinih b_libinih
dep libmspack b_libmspack
dep libxml2 b_libxml2
say "dependencies in $prefix"

# ---- trustlint itself --------------------------------------------------
# libtool links the programs: -all-static is its word for gcc's -static
# (given to configure, the test programs would not link); -s strips
static="-all-static -s"
# Out of the source tree, from a copy of it (the tree may be configured
# for this machine already), linked statically: libxml2 into the program
# (--disable-modules), Graphviz left out (the HTML report says so).
work=$cache/build-trustlint
rm -rf "$work"
mkdir -p "$work/src" "$work/build"
(cd "$top" && if [ -d .git ]; then git ls-files; else find . -type f ! -path './.git/*'; fi) |
	grep -v -e '^\./config\.status$' -e '^\./config\.h$' -e '/Makefile$' -e '\.o$' |
	(cd "$top" && tar -cf - -T -) | (cd "$work/src" && tar -xf -)
(cd "$work/src" && autoreconf -fi >&2) || die "autoreconf of trustlint failed"
say "building trustlint for $host"
(cd "$work/build" && "$work/src/configure" --build="$build" --host="$host" \
	--disable-modules --without-graphviz --disable-shared \
	CHECK_CFLAGS=' ' CHECK_LIBS=' ' >&2 &&
	make paths.h >&2 && make -j"$jobs" trustlint.exe LDFLAGS="$static" >&2) ||
	die "building trustlint.exe failed"

# the fuzz targets' replay programs, for tests/check-windows.sh (not in
# the zip)
replays="sst pem pkcs7 ctl cab reg xmlconf expr rules input report waivers baseline"
(cd "$work/build" && for t in $replays; do echo "tests/fuzz_replay_$t.exe"; done |
	xargs make -j"$jobs" LDFLAGS="$static" >&2) || die "building the fuzz replay programs failed"

# ---- the folder and the zip --------------------------------------------
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"/\1/p' "$work/build/config.h")
mkdir -p "$out"
rm -rf "$out/rules" "$out/doc"
cp "$work/build/trustlint.exe" "$out/"
mkdir -p "$out/tests"
for t in $replays; do cp "$work/build/tests/fuzz_replay_$t.exe" "$out/tests/"; done
mkdir -p "$out/rules" "$out/doc"
cp "$top"/rules/*.rules "$out/rules/"
# the manual pages as text, CRLF for Notepad
for page in trustlint.1 trustlint-rules.5; do
	name=${page%.*}
	if command -v groff >/dev/null 2>&1; then
		groff -man -Tutf8 -P -cbou "$top/doc/$page" 2>/dev/null
	else
		cat "$top/doc/$page"
	fi | sed 's/$/\r/' > "$out/doc/$name.txt"
done
cp "$top/doc/trustlint-rules.md" "$top/README.md" "$top/LICENSE" "$out/doc/"
cp "$top/contrib/Export-TrustState.ps1" "$out/"
zip=trustlint-$version-win64.zip
rm -f "$out/$zip"
(cd "$out" && zip -q -r -X "$zip" trustlint.exe Export-TrustState.ps1 rules doc) ||
	die "zip failed (apt-get install zip)"
say "wrote $out/trustlint.exe and $out/$zip"
