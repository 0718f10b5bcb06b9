#!/bin/sh
# Write testdata/issuers/root-17k.p7b: a Root store whose trusted issuer
# list passes 16 KB, for the KB 2880390 cases of issuer-list-too-large
# (tests/golden/trust.cases). 27 self-signed roots "Lint Big Root 01" to
# "27", each subject O="Lint Test (synthetic)", eight 60-character OUs and
# CN="Lint Big Root NN", which certtool writes as PrintableString: RDNs of
# 32, 8 x 71 and 27 bytes, a 631-byte DER name (30 82 02 73 and 627
# bytes), so the list is 2 + 27 x (2 + 631) = 17,093 bytes. Long names
# rather than hundreds of roots keep the file small (about 40 KB); all are
# self-signed, so the Root mix rule leaves the list whole. Validity is
# fixed (2025-01-01 to 2034-12-30), keys are made fresh and thrown away.
# Needs certtool (Debian package gnutls-bin); the output is committed, so
# the tests do not.
#
#   sh testdata/gen/root_17k.sh
set -eu
out=$(dirname "$0")/../issuers/root-17k.p7b
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all.pem"
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27; do
	{
		echo 'organization = "Lint Test (synthetic)"'
		for u in A B C D E F G H; do
			# 60 characters: "Lint Big Root NN Unit X " and 36 filler
			echo "unit = \"Lint Big Root $n Unit $u xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""
		done
		echo "cn = \"Lint Big Root $n\""
		echo "serial = $((12288 + ${n#0}))"
		echo 'activation_date = "2025-01-01 00:00:00"'
		echo 'expiration_date = "2034-12-30 00:00:00"'
		echo 'ca'
		echo 'cert_signing_key'
		echo 'crl_signing_key'
	} > "$tmp/root.tmpl"
	certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile "$tmp/root.key" 2>/dev/null
	certtool --generate-self-signed --load-privkey "$tmp/root.key" --template "$tmp/root.tmpl" \
	  --outfile "$tmp/root.pem" 2>/dev/null
	cat "$tmp/root.pem" >> "$tmp/all.pem"
done
certtool --p7-generate --load-certificate "$tmp/all.pem" --outder --outfile "$out" 2>/dev/null
