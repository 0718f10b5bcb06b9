#!/usr/bin/env python3
"""Write testdata/roots/v3-root-no-basic-constraints.cer: a self-signed
version 3 root with no basicConstraints extension (only a
subjectKeyIdentifier), like Microsoft's own "Microsoft Root Authority".
CryptoAPI trusts such a root as a CA: CERT_TRUST_INVALID_BASIC_CONSTRAINTS
is set only when the extension is present (FORMATS.md 5). A fresh key,
thrown away; fixed dates (2025-01-01 to 2045-01-01) so no golden case
depends on the day it was made. Needs python3-cryptography; the output is
committed, so the tests do not.

    python3 testdata/gen/no_bc_root.py
"""
import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([
    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lint Test (synthetic)"),
    x509.NameAttribute(NameOID.COMMON_NAME, "Lint Legacy Root Authority"),
])
cert = (
    x509.CertificateBuilder()
    .subject_name(name)
    .issuer_name(name)
    .public_key(key.public_key())
    .serial_number(0x1010)
    .not_valid_before(datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
    .not_valid_after(datetime.datetime(2045, 1, 1, tzinfo=datetime.timezone.utc))
    .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    .sign(key, hashes.SHA256())
)
open(os.path.join(HERE, "..", "roots", "v3-root-no-basic-constraints.cer"), "wb").write(
    cert.public_bytes(serialization.Encoding.DER))
