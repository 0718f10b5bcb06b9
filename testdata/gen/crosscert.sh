#!/bin/sh
# Write testdata/crosscert/: a cross-certificate, the case a name
# comparison gets wrong in reverse. "Cross Root" is a self-signed root; the
# cross-certificate has the same subject name and the same key, but another
# CA ("Bridge CA") issued and signed it, so it is not self-issued and not
# self-signed. Keys are made fresh and thrown away. Needs certtool (Debian
# package gnutls-bin); the output is committed, so the tests do not.
#
#   sh testdata/gen/crosscert.sh
set -eu
out=$(dirname "$0")/../crosscert
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/root.tmpl" <<T
organization = "Lint Test (synthetic)"
cn = "Lint Cross Root CA"
serial = 4097
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
T
cat > "$tmp/bridge.tmpl" <<T
organization = "Lint Test (synthetic)"
cn = "Lint Bridge CA"
serial = 4098
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
T
certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$tmp/root.key" 2>/dev/null
certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$tmp/bridge.key" 2>/dev/null
certtool --generate-self-signed --load-privkey "$tmp/root.key" --template "$tmp/root.tmpl" \
  --outder --outfile "$out/cross-root-selfsigned.cer" 2>/dev/null
certtool --generate-self-signed --load-privkey "$tmp/bridge.key" --template "$tmp/bridge.tmpl" \
  --outfile "$tmp/bridge.pem" 2>/dev/null
certtool --certificate-info --infile "$tmp/bridge.pem" --outder --outfile "$out/bridge-ca.cer" 2>/dev/null
# the same subject and key as the root, issued by the bridge
sed 's/^serial = 4097/serial = 4099/' "$tmp/root.tmpl" > "$tmp/cross.tmpl"
certtool --generate-certificate --load-privkey "$tmp/root.key" --template "$tmp/cross.tmpl" \
  --load-ca-certificate "$tmp/bridge.pem" --load-ca-privkey "$tmp/bridge.key" \
  --outder --outfile "$out/cross-root-by-bridge.cer" 2>/dev/null
