#!/usr/bin/env python3
"""Benchmark input (not a test): an authroot-like root program list of M
entries, the SHA-1 thumbprints read one per line from stdin (the first M
certificates of a benchmark store, as `trustlint inventory --format json`
lists them), each with a friendly name and an EKU attribute like Microsoft's
entries, signed by the test root program of testdata/gen/ctl_lists.py (its
committed keys), so the list verifies once that program's root is in Root.

    gen_list.py OUT.stl < thumbprints.txt

Needs python3-cryptography, as testdata/gen/ctl_lists.py does."""
import hashlib
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "ctl_lists", os.path.join(HERE, "..", "testdata", "gen", "ctl_lists.py"))
L = importlib.util.module_from_spec(spec)
spec.loader.exec_module(L)


def main():
    out = sys.argv[1]
    thumbs = [bytes.fromhex(line.strip()) for line in sys.stdin if line.strip()]
    root_key, signer_key = L.key("root"), L.key("list-signer")
    root_name = L.name("Lint Root Program Test Root")
    signer = L.certificate(L.name("Lint Root Program List Signer"), signer_key, root_name,
                           root_key, 0x2001, L.utc(2026, 1, 1), L.utc(2030, 1, 1), False)
    subjects = [L.subject(t, L.prop_attr(11, L.friendly("Bench Root %d" % i)),
                          L.prop_attr(9, L.eku(L.SERVER_AUTH)))
                for i, t in enumerate(thumbs)]
    body = L.ctl(L.ROOT_LIST_SIGNER, b"BenchRootProgram", 1, L.NEXT_UPDATE, subjects)
    der = L.signed_ctl(body, signer, signer_key, [signer], L.THIS_UPDATE)
    with open(out, "wb") as f:
        f.write(der)
    print("gen_list: %d entries, %s" % (len(thumbs), hashlib.sha1(der).hexdigest()))


if __name__ == "__main__":
    main()
