#!/usr/bin/env python3
"""Write the DIAGNOSTICS list of trustlint.1 from src/base/diagids.c.

The diagnostics table in src/base/diagids.c is the one source: this script
copies each row's id, level and meaning between the markers
.\\" diagnostics:begin and .\\" diagnostics:end of the manual page.

    python3 doc/gen-diags.py            rewrite doc/trustlint.1
    python3 doc/gen-diags.py --check    exit 1 when the manual is stale
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DIAGIDS_C = os.path.join(HERE, "..", "src", "base", "diagids.c")
MANUAL = os.path.join(HERE, "trustlint.1")
BEGIN = '.\\" diagnostics:begin (doc/gen-diags.py copies src/base/diagids.c here: do not edit)'
END = '.\\" diagnostics:end'
LEVELS = {"TL_ERROR": "error", "TL_WARNING": "warning", "TL_NOTE": "note"}
STR = r'"((?:[^"\\]|\\.)*)"'
ROW = re.compile(r'\t\{\n\t\t\.id = %s,\n\t\t\.level = (TL_[A-Z]+),\n\t\t\.meaning = %s,\n'
                 r'\t\t\.help = %s,\n\t\},\n' % (STR, STR, STR))


def unescape(s):
    return re.sub(r'\\(.)', r'\1', s)


def roff(text):
    """Plain text (with `code`) as roff: backslashes, hyphens, bold code."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r'`([^`]*)`', r'\\fB\1\\fR', text)
    return "\\&" + text if text[:1] in (".", "'") else text


def rows(src):
    body = re.search(r'static const struct tl_diag_info table\[\] = \{\n(.*?)^\};', src, re.S | re.M)
    if not body:
        sys.exit("gen-diags: the table was not found in src/base/diagids.c")
    found = ROW.findall(body.group(1))
    if len(found) != body.group(1).count(".id = "):
        sys.exit("gen-diags: a row of src/base/diagids.c is not laid out as the others")
    return found


def listing(src):
    out = []
    for ident, level, meaning, _help in rows(src):
        out.append(".TP")
        out.append('.BR %s " (%s)"' % (roff(ident), LEVELS[level]))
        out.append(roff(unescape(meaning)))
    return "\n".join(out) + "\n"


def main():
    src = open(DIAGIDS_C, encoding="utf-8").read()
    manual = open(MANUAL, encoding="utf-8").read()
    if BEGIN + "\n" not in manual or END + "\n" not in manual:
        sys.exit("gen-diags: markers missing in doc/trustlint.1")
    head, rest = manual.split(BEGIN + "\n", 1)
    _, tail = rest.split(END + "\n", 1)
    new = head + BEGIN + "\n" + listing(src) + END + "\n" + tail
    if "--check" in sys.argv:
        if new != manual:
            print("doc/trustlint.1 is stale: run python3 doc/gen-diags.py")
            sys.exit(1)
        return
    open(MANUAL, "w", encoding="utf-8").write(new)


main()
