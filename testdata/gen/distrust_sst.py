#!/usr/bin/env python3
"""Write testdata/distrust/: serialized stores (FORMATS.md 1) whose entries
carry the distrust properties Microsoft's root program puts on its roots
(DISALLOWED_FILETIME 104, DISALLOWED_ENHKEY_USAGE 122, NOT_BEFORE_FILETIME
126, NOT_BEFORE_ENHKEY_USAGE 127) beside ENHKEY_USAGE (9), on certificates
from fixtures/certs (zlint, pkilint: MIT, Apache-2.0) and the synthetic
Lint Test root (CC0). Which certificate gets what, and why, is beside each
entry below; tests/golden/trust.cases lints them.

    python3 testdata/gen/distrust_sst.py
"""
import base64
import calendar
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.join(HERE, "..")
OUT = os.path.join(TESTDATA, "distrust")

SERVER_AUTH = "1.3.6.1.5.5.7.3.1"
CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"
EMAIL = "1.3.6.1.5.5.7.3.4"


def der_cert(rel):
    data = open(os.path.join(TESTDATA, rel), "rb").read()
    if rel.endswith(".cer"):
        return data
    text = data.decode("ascii")
    body = text.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    return base64.b64decode("".join(body.split()))


def filetime(y, m, d):
    """100 ns ticks since 1601-01-01 UTC, as 8 little-endian bytes."""
    unix = calendar.timegm((y, m, d, 0, 0, 0))
    return struct.pack("<Q", (unix + 11644473600) * 10**7)


def oid(text):
    arcs = [int(a) for a in text.split(".")]
    body = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        enc = [a & 0x7F]
        a >>= 7
        while a:
            enc.insert(0, 0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(enc)
    return b"\x06" + bytes([len(body)]) + body


def eku(*oids):
    """EnhancedKeyUsage ::= SEQUENCE OF OBJECT IDENTIFIER (short form)."""
    body = b"".join(oid(o) for o in oids)
    assert len(body) < 128
    return b"\x30" + bytes([len(body)]) + body


def element(eid, value):
    return struct.pack("<III", eid, 1, len(value)) + value


def store(name, entries):
    out = b"\0\0\0\0CERT"
    for rel, props in entries:
        out += b"".join(element(i, v) for i, v in props) + element(0x20, der_cert(rel))
    open(os.path.join(OUT, name), "wb").write(out + b"\0" * 12)


os.makedirs(OUT, exist_ok=True)
store("root-program.sst", [
    # a 1024-bit root, expired 2016-09-19, disabled for every purpose on
    # 2017-02-01 (104, no 122): cert-expired and weak-rsa-key stay quiet
    ("fixtures/certs/zlint-oldRootModTooSmall.pem", [(104, filetime(2017, 2, 1))]),
    # a 1024-bit v1 root valid for serverAuth and e-mail (9), disabled for
    # serverAuth alone on 2019-05-01 (122): still trusted for e-mail, so
    # weak-rsa-key still fires
    ("fixtures/certs/pkilint-pkix_v1_root_signed_with_md2.pem",
     [(9, eku(SERVER_AUTH, EMAIL)), (104, filetime(2019, 5, 1)), (122, eku(SERVER_AUTH))]),
    # a 1024-bit root to be disabled on 2030-01-01: not yet
    ("fixtures/certs/zlint-rootCaMaxPathLenPresent.pem", [(104, filetime(2030, 1, 1))]),
    # a root expired 2021-07-01, valid for server and client auth (9) and
    # disabled for both (122) on 2021-08-01: nothing left to trust
    ("fixtures/certs/zlint-rootCAKeyUsageMissing.pem",
     [(9, eku(SERVER_AUTH, CLIENT_AUTH)), (104, filetime(2021, 8, 1)),
      (122, eku(CLIENT_AUTH, SERVER_AUTH))]),
    # an expired root with an empty 104, as Microsoft's own files have
    # them: its meaning is undocumented, so it is linted as trusted
    ("fixtures/certs/zlint-rootCAWithEKU.pem", [(104, b"")]),
    # NotBefore 2024-01-01 for serverAuth: what the root issues later is
    # refused, the root itself stays trusted
    ("fixtures/reg/synthetic/certs/root.cer", [(126, filetime(2024, 1, 1)), (127, eku(SERVER_AUTH))]),
])
store("ca-disabled.sst", [
    # an MD5-signed intermediate, expired 2009-01-28, disabled for every
    # purpose on 2010-01-01: weak-signature-hash and cert-expired stay quiet
    ("fixtures/certs/zlint-md5WithRSASignatureAlgorithm.pem", [(104, filetime(2010, 1, 1))]),
])
