#!/usr/bin/env python3
"""Write testdata/issuers/lookalike-root.cer: the Lint Test Root CA with one
byte of its RSA modulus changed. Its subject name is byte for byte the real
root's, so a name comparison takes it for the issuer of the Lint Test
Issuing CA; its key does not verify that certificate's signature.

    python3 testdata/gen/lookalike.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(HERE, "..", "fixtures", "reg", "synthetic", "certs", "root.cer")
dst = os.path.join(HERE, "..", "issuers", "lookalike-root.cer")
der = bytearray(open(src, "rb").read())
rsa = der.find(bytes.fromhex("2a864886f70d0101010500"))  # rsaEncryption, NULL
assert rsa > 0, "no RSA key in root.cer"
der[rsa + 11 + 60] ^= 0x5A  # inside the BIT STRING's modulus
open(dst, "wb").write(bytes(der))
