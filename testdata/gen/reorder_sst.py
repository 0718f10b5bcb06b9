#!/usr/bin/env python3
"""Write testdata/reorder/root-reversed.sst: the Wine-written Root export
(fixtures/wine/root-with-intermediate.sst) with its entries in reverse
order and a foreign property in front, so every entry sits at another byte
offset. SARIF fingerprints must not change (tests/sarif.test).

    python3 testdata/gen/reorder_sst.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(HERE, "..", "fixtures", "wine", "root-with-intermediate.sst"), "rb").read()
assert src[:8] == b"\0\0\0\0CERT"
pos, group, groups = 8, b"", []
while pos + 12 <= len(src):
    eid, enc, n = struct.unpack_from("<III", src, pos)
    if eid == 0:
        break
    group += src[pos:pos + 12 + n]
    pos += 12 + n
    if eid == 0x20:  # a certificate ends its group of properties
        groups.append(group)
        group = b""
# a DESCRIPTION property (13) on the first entry written: moves the offsets
desc = "moved".encode("utf-16-le") + b"\0\0"
first = struct.pack("<III", 13, 1, len(desc)) + desc
out = b"\0\0\0\0CERT" + first + b"".join(reversed(groups)) + b"\0" * 12
open(os.path.join(HERE, "..", "reorder", "root-reversed.sst"), "wb").write(out)
