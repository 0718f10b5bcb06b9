#!/bin/sh
# Write the CAB files of testdata/lists/ (issue 11) as Windows Update serves
# its lists: authrootstl.cab holding authroot.stl, disallowedcertstl.cab
# holding disallowedcert.stl, MSZIP compressed (gcab -z). Also
# two-lists.cab (both lists and a text member that is no CTL),
# truncated.cab (authrootstl.cab cut inside its compressed data), and for
# the bounds of src/formats/cab.h many-members.cab (65 one-line members)
# and zeros-65m.cab (one member of 65 MiB of zero bytes). The .stl
# files come from lists.py, which this runs first. Needs python3 and gcab
# (Debian: apt-get install gcab); member times are fixed so the output is
# the same on every run.
#
#     sh testdata/gen/lists.sh
set -eu
export TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../lists"
python3 "$here/lists.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$out/authroot.stl" "$out/disallowedcert.stl" "$tmp/"
printf 'Lint Test: these bytes are not a CTL\r\n' >"$tmp/readme.txt"
touch -d '2026-11-01 08:00:00 UTC' "$tmp/authroot.stl" "$tmp/disallowedcert.stl" "$tmp/readme.txt"
cd "$tmp"
gcab -c -z authrootstl.cab authroot.stl
gcab -c -z disallowedcertstl.cab disallowedcert.stl
gcab -c -z two-lists.cab authroot.stl readme.txt disallowedcert.stl
mkdir many
i=1
while [ $i -le 65 ]; do
  printf 'member %d\r\n' $i >many/m$i.txt
  i=$((i + 1))
done
touch -d '2026-11-01 08:00:00 UTC' many/*
(cd many && gcab -c -z ../many-members.cab $(ls | sort -V))
head -c $((65 * 1024 * 1024)) /dev/zero >zeros.bin
touch -d '2026-11-01 08:00:00 UTC' zeros.bin
gcab -c -z zeros-65m.cab zeros.bin
cp authrootstl.cab disallowedcertstl.cab two-lists.cab many-members.cab zeros-65m.cab "$out/"
# the header and file table whole, the compressed block cut short
size=$(wc -c <authrootstl.cab)
head -c $((size - 40)) authrootstl.cab >"$out/truncated.cab"
