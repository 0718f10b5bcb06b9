#!/usr/bin/env python3
"""Write testdata/reg/blob-mismatch.reg: the Wine-written CA store export
with its thumbprint subkey renamed, so the key name, the Blob's SHA1
property and the certificate's real SHA-1 disagree (registry-blob-mismatch).

    python3 testdata/gen/blob_mismatch.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(HERE, "..", "fixtures", "wine", "systemcertificates-CA.reg")
dst = os.path.join(HERE, "..", "reg", "blob-mismatch.reg")
text = open(src, "rb").read().decode("utf-16")
real = "B1C1FB8BDC20A60DAE95BA4425B61A7746097A66"
assert real in text
text = text.replace(real, "0000000000000000000000000000000000000001")
open(dst, "wb").write(text.encode("utf-16"))  # BOM + UTF-16LE, as regedit writes
