#!/bin/sh
# Hostile inputs for the SARIF and text reports (tests/sarif.test):
#   hostile-subject.pem  a self-signed certificate whose subject holds an
#                        escape sequence, a bell, a tab, a newline, double
#                        quotes and backslashes
#   hostile-keyname.reg  a REGEDIT4 export whose key names hold control
#                        characters and bytes that are not UTF-8
# Run once from the source tree; the outputs are committed.
set -e
out=testdata/hostile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# certtool's template parser drops backslashes, so the names go in as
# RFC 4514 hex-encoded UTF8Strings (tag 0C, short length)
utf8string() {
	printf '0C%02X%s' "$(printf "$1" | wc -c)" "$(printf "$1" | od -An -tx1 | tr -d ' \n')"
}
cn=$(utf8string '\033[31mEvil\007 "quoted" back\\slash\tCA\nline2')
org=$(utf8string 'Hostile "Inc" \\\\ \033]0;title\007')
certtool --generate-privkey --key-type ecdsa --curve secp256r1 --outfile "$tmp/key.pem" 2>/dev/null
cat >"$tmp/tmpl" <<TMPL
dn = "CN=#$cn,O=#$org"
serial = 1
activation_date = "2025-01-01 00:00:00"
expiration_date = "2026-06-01 00:00:00"
ca
cert_signing_key
TMPL
certtool --generate-self-signed --load-privkey "$tmp/key.pem" --template "$tmp/tmpl" \
	--hash SHA256 --outfile "$out/hostile-subject.pem" 2>/dev/null
# strip certtool's text dump: keep the PEM block only
sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$out/hostile-subject.pem" \
	>"$tmp/c.pem"
cp "$tmp/c.pem" "$out/hostile-subject.pem"
# REGEDIT4 is 8-bit text: \351 alone and \377\376 in the middle are not UTF-8
printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\\033[2J\007"q\351\377\376]\r\n"Blob"=hex:01,02\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443\001\351]\r\n"SslCertHash"=hex:00\r\n\r\n' \
	>"$out/hostile-keyname.reg"
