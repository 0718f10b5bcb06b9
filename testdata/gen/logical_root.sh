#!/bin/sh
# Write testdata/logical-root/: nine CA certificates, "Lint Root Member 1"
# to "Lint Root Member 9", all issued by one "Lint Root Member Issuer"
# (which is not written), so none is self-signed. tests/check_fields.c puts
# one in each of the nine physical stores the machine's logical Root unions
# (Root, AuthRoot and SmartCardRoot in LocalMachine, LocalMachine group
# policy and LocalMachine enterprise). Each subject is
# O="Lint Test (synthetic)", CN="Lint Root Member N", which certtool writes
# as PrintableString: a 63-byte DER name (30 3d, then 31 1e 30 1c 06 03 55
# 04 0a 13 15 and 21 bytes, then 31 1b 30 19 06 03 55 04 03 13 12 and 18
# bytes), so the issuer list counts 2 + 63 bytes for each. Keys are made
# fresh and thrown away. Needs certtool (Debian package gnutls-bin); the
# output is committed, so the tests do not.
#
#   sh testdata/gen/logical_root.sh
set -eu
out=$(dirname "$0")/../logical-root
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/issuer.tmpl" <<T
organization = "Lint Test (synthetic)"
cn = "Lint Root Member Issuer"
serial = 8192
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
T
certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile "$tmp/issuer.key" 2>/dev/null
certtool --generate-self-signed --load-privkey "$tmp/issuer.key" --template "$tmp/issuer.tmpl" \
  --outfile "$tmp/issuer.pem" 2>/dev/null
for n in 1 2 3 4 5 6 7 8 9; do
	cat > "$tmp/member.tmpl" <<T
organization = "Lint Test (synthetic)"
cn = "Lint Root Member $n"
serial = $((8192 + n))
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
T
	certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile "$tmp/member.key" 2>/dev/null
	certtool --generate-certificate --load-privkey "$tmp/member.key" --template "$tmp/member.tmpl" \
	  --load-ca-certificate "$tmp/issuer.pem" --load-ca-privkey "$tmp/issuer.key" \
	  --outder --outfile "$out/member$n.cer" 2>/dev/null
done
