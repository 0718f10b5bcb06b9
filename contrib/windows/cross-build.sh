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
#   TL_WIN_SUITE_<package>  the release of one package's source (dashes as
#                  underscores; libinih's default is explained below)
#   TL_WIN_MIRROR  the Debian mirror (default http://deb.debian.org)
#
# Needs: gcc-mingw-w64-x86-64, autoconf, automake, autopoint, libtool,
# pkg-config, dpkg-dev (dpkg-source), apt (apt-get source), make, zip,
# bison and flex (Graphviz's source package holds no generated parsers);
# groff for the manual pages as text (else they are copied as they are).
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
for tool in $host-gcc $host-ar $host-nm $host-windres pkg-config autoreconf autopoint dpkg-source apt-get \
	make zip bison flex perl; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "needs $tool (apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 pkg-config autoconf automake autopoint libtool dpkg-dev make zip bison flex)"
done
build=$(sh "$top/build-aux/config.guess" 2>/dev/null || gcc -dumpmachine)

# ---- the sources, through a private apt state --------------------------
# Debian's source package of each dependency, in build order. GMP is not
# among them: nettle carries mini-gmp, which does all GnuTLS needs to
# verify signatures, and leaving GMP out saves minutes of a cold build.
packages="nettle libtasn1-6 gnutls28 jansson libinih libmspack libxml2 tre graphviz"
# The release a package's source comes from. bookworm's libinih 55 is
# listed, but its orig tarball is not on every mirror (deb.debian.org
# through the proxy that CI uses answers 404), so a bookworm machine takes
# trixie's 59, the same source on every machine. Debian's patches give 59
# the same options as 55, with the same defaults (tests/check-windows.sh
# compares every golden case with the Linux build's, which links 55).
suite_of() {
	eval "s=\${TL_WIN_SUITE_$(echo "$1" | tr - _):-}"
	if [ -z "$s" ]; then
		case "$1:$suite" in libinih:bookworm) s=trixie ;; *) s=$suite ;; esac
	fi
	echo "$s"
}
# One apt state per release (apt-get source takes the newest version in
# all the lists it reads, so releases are kept apart): set apt_opts for
# release $1, reading its lists when they are missing or a day old.
apt_state() {
	apt_dir=$cache/apt/$1
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	printf 'deb-src %s/debian %s main\ndeb-src %s/debian %s-updates main\ndeb-src %s/debian-security %s-security main\n' \
		"$mirror" "$1" "$mirror" "$1" "$mirror" "$1" > "$apt_dir/sources.list.new"
	if ! cmp -s "$apt_dir/sources.list.new" "$apt_dir/sources.list" 2>/dev/null; then
		mv "$apt_dir/sources.list.new" "$apt_dir/sources.list"
		rm -f "$apt_dir/updated"
	fi
	rm -f "$apt_dir/sources.list.new"
	apt_opts="-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/dev/null
 -o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache -o Dir::State::status=/dev/null
 -o APT::Sandbox::User=root -o Debug::NoLocking=1"
	if [ ! -f "$apt_dir/updated" ] || [ -n "$(find "$apt_dir/updated" -mmin +1440 2>/dev/null)" ]; then
		say "reading the source package lists of $1 from $mirror"
		# shellcheck disable=SC2086
		apt-get -q $apt_opts update >&2 || die "apt-get update of the source lists of $1 failed"
		touch "$apt_dir/updated"
	fi
}
# the newest version of package $1 in the lists, as apt-get source would
# take
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
	apt_state "$(suite_of "$p")"
	v=$(newest "$p")
	[ -n "$v" ] || die "no source package $p in $(suite_of "$p")"
	versions="$versions $p=$v"
done
# How the dependencies are built: raise it with any change below that
# changes what they are built into.
recipe=4
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
		apt_state "$(suite_of "$1")"
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

# Configure the autotools package in folder $1 for $host into $prefix,
# with the options that follow (a CPPFLAGS among them replaces the one here).
configure_in() {
	d=$1
	shift
	# a source package made from a git tag ships no configure (jansson),
	# and Debian's patches may change configure.ac or a Makefile.am that
	# the shipped configure was made from (GnuTLS, libxml2): dh_autoreconf's
	# work, done here
	if [ ! -x "$d/configure" ] || [ -n "$(find "$d" \( -name configure.ac -o -name Makefile.am \) \
		-newer "$d/configure" | head -n 1)" ]; then
		# (GnuTLS calls gtkdocize for its manual, which is not built:
		# Debian disables it the same way)
		(cd "$d" && GTKDOCIZE=true autoreconf -fi >&2) || return 1
	fi
	(cd "$d" && ./configure $cross CPPFLAGS="-I$prefix/include" LDFLAGS="-L$prefix/lib" "$@" >&2)
}

# Configure, build and install one autotools package from folder $1 with
# the options that follow.
autotools() {
	configure_in "$@" && (cd "$1" && make -j"$jobs" >&2 && make install >&2)
}

# Each dependency, built once into $prefix; a stamp says it is there.
# TL_WIN_SRC_<package> (dashes as underscores) names a folder holding a
# package's source already unpacked, for a mirror that lacks it.
dep() { # NAME FUNCTION
	[ -f "$prefix/.done-$1" ] && return 0
	say "building $1 $(version_of "$1") for $host"
	eval "given=\${TL_WIN_SRC_$(echo "$1" | tr - _):-}"
	if [ -z "$given" ]; then
		given=$(fetch "$1" "$(version_of "$1")") ||
			die "no source for $1: give its unpacked source as TL_WIN_SRC_$(echo "$1" | tr - _)=DIR"
	fi
	# built in a fresh copy of the source: a package's distclean also
	# deletes files its tarball ships (libtasn1's test headers, made by
	# running a program that cannot run here)
	d=$cache/build-$1
	# (-p: the times too, or make would remake what the tarball ships)
	rm -rf "$d" && cp -pR "$given" "$d" || die "cannot copy $given to $d"
	t0=$(date +%s)
	"$2" "$d" || die "building $1 failed (in $d)"
	touch "$prefix/.done-$1"
	rm -rf "$d"
	say "built $1 in $(( $(date +%s) - t0 )) s"
}

b_nettle() {
	# mini-gmp inside libhogweed, for RSA, DSA and the curves
	autotools "$1" --enable-mini-gmp --disable-documentation --disable-openssl \
		--with-include-path="$prefix/include" --with-lib-path="$prefix/lib" || return 1
	[ -f "$prefix/lib/libhogweed.a" ] || die "nettle was built without hogweed"
}
b_libtasn1() { autotools "$1" --disable-doc --disable-valgrind-tests; }
b_gnutls() {
	# GnuTLS carries a copy of inih's ini_parse_file() for its own
	# configuration file: renamed, or a static link has it twice
	autotools "$1" CPPFLAGS="-I$prefix/include -Dini_parse_file=_gnutls_ini_parse_file" \
		--with-nettle-mini --without-p11-kit --with-included-unistring --without-included-libtasn1 \
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

# Graphviz lays out the HTML report's trust graph with dot and writes it as
# SVG: only those parts of it are built, with TRE for the <regex.h> mingw
# lacks.
b_tre() {
	# TRE gives Graphviz's gvc the POSIX <regex.h> that mingw lacks.
	# No agrep program, no gettext (libintl would join the link); TRE's
	# configure turns wide characters off itself on MinGW.
	autotools "$1" --disable-agrep --disable-nls || return 1
	# TRE installs <tre/regex.h> (regcomp and friends as macros for
	# tre_regcomp...). Graphviz includes <regex.h>: a forwarding header,
	# in a folder of its own that only Graphviz's build is pointed at, so
	# that nothing else built here (trustlint included) sees a <regex.h>
	mkdir -p "$prefix/include/tre-posix" &&
		printf '#include <tre/regex.h>\n' > "$prefix/include/tre-posix/regex.h"
}

b_graphviz() {
	d=$1
	# Debian's orig tarball is a git snapshot: no configure, no version.m4.
	# autogen.sh NOCONFIG is what debian/rules runs (it writes version.m4,
	# 2.43.0 as Debian's libgvc.pc says, then autoreconf); GIT_DIR points
	# nowhere so that a git repository around the cache cannot lend its
	# commit date to the version
	(cd "$d" && GIT_DIR=/nonexistent sh ./autogen.sh NOCONFIG >&2) || return 1

	# The parts that lay out with dot and write SVG: libraries, then the
	# two plugins. label, pack, ortho and common are convenience libraries
	# that libtool folds into libgvc.a; dotgen goes into the dot_layout
	# plugin's library.
	parts="lib/cdt lib/cgraph lib/pathplan lib/xdot lib/label lib/pack lib/ortho
	       lib/common lib/gvc lib/dotgen plugin/core plugin/dot_layout"

	# On _WIN32 the headers declare everything __declspec(dllimport)
	# unless the library's EXPORT_xxx/GVC_EXPORTS/PATHPLAN_EXPORTS is
	# defined, and the plugins mark their tables dllexport. A static
	# library has no DLL to import from: a program compiled with those
	# headers refers to __imp_agopen... and does not link. As MSYS2's
	# graphviz package does (004-exports.patch), those blocks are made
	# MSVC-only: each "#ifdef _WIN32" whose next line speaks of EXPORT,
	# GVDLL or dllexport becomes "#ifdef _MSC_VER", and gvcext.h's
	# "#ifndef _WIN32" (the extern declaration of lt_preloaded_symbols,
	# the other half of such a block) becomes "#ifndef _MSC_VER". Other
	# _WIN32 code (xdot.h's <windows.h>, fix_fc, "Times New Roman" for
	# Times) is left as it is. The files are those that mention dllimport
	# or dllexport; the installed headers get the change too.
	files=$(cd "$d" && grep -rlE 'dll(im|ex)port' $parts) || return 1
	(cd "$d" && sed -i -E '/^#ifdef _WIN32[[:space:]]*$/{N;/\n.*(EXPORT|GVDLL|dllexport)/s/^#ifdef _WIN32/#ifdef _MSC_VER/;}' $files &&
		sed -i 's/^#ifndef _WIN32$/#ifndef _MSC_VER/' lib/gvc/gvcext.h) || return 1
	# (No -fcommon: with the headers saying extern, each of the 133
	# tentative definitions left, globals.c's among them, is in one object
	# only, and gcc 12's default -fno-common links; checked with nm.)

	# Everything else off: no ltdl (plugins are linked in and listed by
	# the program, see gvContextPlugins), no X, no expat (HTML-like labels
	# still work; expat is only for the SVG image loader), no zlib, no
	# fonts (text widths are estimated from built-in metrics), no
	# language bindings. --disable-shared also keeps GVDLL undefined.
	configure_in "$d" CPPFLAGS="-I$prefix/include -I$prefix/include/tre-posix" \
		--disable-ltdl --without-x --without-expat --without-zlib \
		--disable-swig --disable-sharp --disable-go --disable-guile --disable-io \
		--disable-java --disable-lua --disable-ocaml --disable-perl --disable-php \
		--disable-python --disable-python2 --disable-python3 --disable-r \
		--disable-ruby --disable-tcl \
		--without-devil --without-webp --without-poppler --without-rsvg \
		--without-ghostscript --without-visio --without-pangocairo --without-lasi \
		--without-glitz --without-freetype2 --without-fontconfig --without-gdk \
		--without-gdk-pixbuf --without-gtk --without-gtkgl --without-gtkglext \
		--without-gts --without-ann --without-glade --without-ming --without-qt \
		--without-quartz --without-gdiplus --without-libgd --without-glut \
		--without-smyrna --without-sfdp --without-digcola --without-ipsepcola \
		--with-ortho || return 1

	# Only those folders, in order (not the whole tree: cmd/ and lib/gvpr
	# run programs they build, which cannot run here); no manual pages, no
	# (empty, groff-less) PDFs
	for p in $parts; do
		(cd "$d/$p" && make -j"$jobs" pdf_DATA= >&2 &&
			make install pdf_DATA= man_MANS= >&2) || return 1
	done

	# The installed libgvc.pc says "-lgvc -lcgraph -lcdt": right for
	# shared libraries, where the plugins are loaded at run time and each
	# library knows its own dependencies. A static link needs the plugins
	# first, then what they and libgvc use: pathplan (spline routing),
	# cgraph, cdt, and TRE (gvc's regcomp/regexec). libxdot.a is not
	# needed: libgvc.a carries xdot.o itself. All in Libs, not
	# Libs.private: pkg-config puts Libs.private after Libs, and the
	# plugins must come before -lgvc.
	cat > "$prefix/lib/pkgconfig/libgvc.pc" <<PC
prefix=$prefix
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include/graphviz
plugins=6

Name: libgvc
Description: The GraphVizContext library (static, with the dot_layout and core plugins)
Version: $(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"/\1/p' "$d/config.h")
Requires.private: tre
Libs: -L\${libdir} -lgvplugin_dot_layout -lgvplugin_core -lgvc -lpathplan -lcgraph -lcdt
Cflags: -I\${includedir}
PC
	# The check: a program compiled with the installed headers imports
	# nothing of Graphviz's (no __imp_agopen...), and links
	cat > "$d/gvx-check.c" <<'C'
#include <gvc.h>
#include <gvplugin.h>
extern gvplugin_library_t gvplugin_dot_layout_LTX_library, gvplugin_core_LTX_library;
static const lt_symlist_t builtins[] = {
	{ "gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library },
	{ "gvplugin_core_LTX_library", &gvplugin_core_LTX_library }, { 0, 0 } };
int main(void)
{
	GVC_t *gvc = gvContextPlugins(builtins, 0);
	Agraph_t *g = agopen("g", Agdirected, NULL);
	agnode(g, "a", 1);
	gvLayout(gvc, g, "dot");
	gvFreeLayout(gvc, g);
	agclose(g);
	return gvFreeContext(gvc);
}
C
	cflags=$(PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" pkg-config --cflags libgvc) &&
		libs=$(PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" pkg-config --static --libs libgvc) &&
		$host-gcc -c $cflags "$d/gvx-check.c" -o "$d/gvx-check.o" || return 1
	if $host-nm -u "$d/gvx-check.o" | grep __imp_ >&2; then
		say "graphviz: its headers still declare dllimport"
		return 1
	fi
	$host-gcc -static "$d/gvx-check.o" -o "$d/gvx-check.exe" $libs >&2
}

mkdir -p "$prefix"
dep nettle b_nettle
dep libtasn1-6 b_libtasn1
dep gnutls28 b_gnutls
dep jansson b_jansson
dep libinih b_libinih
dep libmspack b_libmspack
dep libxml2 b_libxml2
dep tre b_tre
dep graphviz b_graphviz
say "dependencies in $prefix"

# ---- trustlint itself --------------------------------------------------
# libtool links the programs: -all-static is its word for gcc's -static
# (given to configure, the test programs would not link); -s strips
static="-all-static -s"
# Out of the source tree, from a copy of it (the tree may be configured
# for this machine already), linked statically: libxml2 and Graphviz into
# the program (--disable-modules), Graphviz with its two plugins listed by
# the program (configure finds them linked in).
work=$cache/build-trustlint
rm -rf "$work"
mkdir -p "$work/src" "$work/build"
(cd "$top" && if [ -d .git ]; then git ls-files; else find . -type f ! -path './.git/*'; fi) |
	grep -v -e '^\./config\.status$' -e '^\./config\.h$' -e '/Makefile$' -e '\.o$' |
	(cd "$top" && tar -cf - -T -) | (cd "$work/src" && tar -xf -)
(cd "$work/src" && autoreconf -fi >&2) || die "autoreconf of trustlint failed"
say "building trustlint for $host"
(cd "$work/build" && "$work/src/configure" --build="$build" --host="$host" \
	--disable-modules --disable-shared \
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
	die "zip failed"
say "wrote $out/trustlint.exe and $out/$zip"
