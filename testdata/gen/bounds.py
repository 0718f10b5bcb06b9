#!/usr/bin/env python3
"""Hostile certificates for the bounds and terminal-safety tests
(tests/safety.test), made by rewriting the subject and issuer of a real
certificate's TBSCertificate and keeping its old signature, which no longer
verifies (the tests are about names, not signatures):

  long-subject.pem  CN of 100,000 'A's: one such name must not pad every
                    row of the inventory table or blow up a message
  bidi-subject.pem  CN with RIGHT-TO-LEFT OVERRIDE (U+202E), a zero-width
                    space and a first strong isolate: text outputs must
                    show them escaped (CVE-2021-42574, "Trojan Source")

Run from the source tree: python3 testdata/gen/bounds.py; the outputs are
committed under testdata/hostile/.
"""
import base64
import re

SRC = "testdata/fixtures/certs/zlint-rootCAValid.pem"
OUT = "testdata/hostile"


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def read(buf, pos):
    """(tag, header length, body length) of the element at pos."""
    tag = buf[pos]
    first = buf[pos + 1]
    if first < 0x80:
        return tag, 2, first
    n = first & 0x7F
    return tag, 2 + n, int.from_bytes(buf[pos + 2:pos + 2 + n], "big")


def children(buf):
    pos, out = 0, []
    while pos < len(buf):
        _, h, n = read(buf, pos)
        out.append(buf[pos:pos + h + n])
        pos += h + n
    return out


def name(cn):
    oid_cn = tlv(0x06, bytes([0x55, 0x04, 0x03]))
    atv = tlv(0x30, oid_cn + tlv(0x0C, cn.encode("utf-8")))
    return tlv(0x30, tlv(0x31, atv))


def rewrite(der, cn):
    _, h, n = read(der, 0)
    tbs, alg, sig = children(der[h:h + n])
    _, th, tn = read(tbs, 0)
    fields = children(tbs[th:th + tn])
    # TBSCertificate: [0] version, serial, signature, issuer, validity,
    # subject, ... (RFC 5280 4.1)
    start = 1 if fields[0][0] == 0xA0 else 0
    fields[start + 2] = name(cn)
    fields[start + 4] = name(cn)
    new_tbs = tlv(0x30, b"".join(fields))
    return tlv(0x30, new_tbs + alg + sig)


def pem(der):
    b64 = base64.b64encode(der).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def main():
    text = open(SRC).read()
    b64 = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)
    der = base64.b64decode("".join(b64.group(1).split()))
    with open(f"{OUT}/long-subject.pem", "w") as f:
        f.write(pem(rewrite(der, "A" * 100000)))
    with open(f"{OUT}/bidi-subject.pem", "w") as f:
        f.write(pem(rewrite(der, "Contoso \u202eAC toor\u202c Root\u200b \u2068x\u2069")))


main()
