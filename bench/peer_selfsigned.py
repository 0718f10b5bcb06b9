#!/usr/bin/env python3
"""Benchmark peer (not a test): what the floor (bench/floor.c) does, written
the way a short script would with python-cryptography: import every
certificate of a serialized store (.sst), a DER certificate or a PEM list,
and check the signature of each self-issued one with its own key. Nothing
else. bench/bench.sh times trustlint against it.

    peer_selfsigned.py STORE.sst|CERT.der|CERTS.pem

Needs python3-cryptography (Debian's 38 will do; RSASSA-PSS signatures need 41)."""
import struct
import sys
import warnings

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import dsa, ec, padding, rsa

# A serialized store: a reserved 0, the "CERT" magic, then elements of
# (property id, encoding, length) and the value; id 0 ends it, id 0x20 is a
# certificate (the layout bench/floor.c walks).
STORE_MAGIC = b"CERT"
CERT_ELEMENT = 0x20


def certificates(data):
    if data[4:8] == STORE_MAGIC:
        pos = 8
        while pos + 12 <= len(data):
            prop, _, length = struct.unpack_from("<III", data, pos)
            if prop == 0 or length > len(data) - pos - 12:
                break
            if prop == CERT_ELEMENT:
                yield data[pos + 12:pos + 12 + length]
            pos += 12 + length
    elif data.lstrip().startswith(b"-----BEGIN"):
        for cert in x509.load_pem_x509_certificates(data):
            yield cert
    else:
        yield data


def self_signature_ok(cert):
    """The signature over the TBSCertificate, checked with the certificate's
    own key by hand: verify_directly_issued_by() refuses algorithms a
    Windows root store still holds (sha1WithRSA under OIWSEC's OID), which
    the floor checks, and Debian's python3-cryptography predates it."""
    key, sig, tbs = cert.public_key(), cert.signature, cert.tbs_certificate_bytes
    if isinstance(key, rsa.RSAPublicKey):
        if cert.signature_algorithm_oid == x509.SignatureAlgorithmOID.RSASSA_PSS:
            pad = cert.signature_algorithm_parameters  # cryptography 41 or later
        else:
            pad = padding.PKCS1v15()
        key.verify(sig, tbs, pad, cert.signature_hash_algorithm)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(sig, tbs, ec.ECDSA(cert.signature_hash_algorithm))
    elif isinstance(key, dsa.DSAPublicKey):
        key.verify(sig, tbs, cert.signature_hash_algorithm)
    else:  # Ed25519, Ed448
        key.verify(sig, tbs)


def main():
    # old roots (a zero serial number) warn on every load
    warnings.simplefilter("ignore")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    certs = selfsigned = 0
    for item in certificates(data):
        try:
            cert = item if isinstance(item, x509.Certificate) else x509.load_der_x509_certificate(item)
        except ValueError:
            continue
        certs += 1
        if cert.issuer.public_bytes() != cert.subject.public_bytes():
            continue
        try:
            self_signature_ok(cert)
            selfsigned += 1
        except Exception:  # a bad signature or one the library cannot check
            pass
    print("peer: %d certificates, %d self-signed" % (certs, selfsigned))


if __name__ == "__main__":
    main()
