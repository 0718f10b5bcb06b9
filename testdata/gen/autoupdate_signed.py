#!/usr/bin/env python3
"""Write testdata/rootprogram/autoupdate.reg: regedit's export of
AuthRoot\\AutoUpdate (FORMATS.md 7) holding the signed test lists of
ctl_lists.py as the machine's cached copies, EncodedCtl (authroot.stl) and
DisallowedCertEncodedCtl (disallowed.stl), with LastSyncTime 2026-10-02 and
DisallowedCertLastSyncTime 2026-11-20: at --now 2026-11-24 the authroot copy
is 53 days old (root-program-list-stale), the disallowed one fresh. The .reg
writer is lists.py's.

    python3 testdata/gen/autoupdate_signed.py
"""
import calendar
import datetime
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("lists", os.path.join(HERE, "lists.py"))
lists = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lists)
OUT = os.path.join(HERE, "..", "rootprogram")


def unix(y, m, d):
    return calendar.timegm(datetime.date(y, m, d).timetuple())


def main():
    read = lambda name: open(os.path.join(OUT, name), "rb").read()
    lists.write_reg(os.path.join(OUT, "autoupdate.reg"), [
        ("EncodedCtl", read("authroot.stl")),
        ("LastSyncTime", lists.filetime(unix(2026, 10, 2))),
        ("DisallowedCertEncodedCtl", read("disallowed.stl")),
        ("DisallowedCertLastSyncTime", lists.filetime(unix(2026, 11, 20))),
    ])


if __name__ == "__main__":
    main()
