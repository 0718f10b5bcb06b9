#!/usr/bin/env python3
"""Write the FIELDS tables of trustlint-rules.md from src/rules/fields_*.c.

The field catalogue, one table per scope in src/rules/fields_SCOPE.c, is the one
source: this script copies each scope's table (name, type, meaning, source)
between the markers
<!-- fields:begin --> and <!-- fields:end --> of the manual.

    python3 doc/gen-fields.py            rewrite doc/trustlint-rules.md
    python3 doc/gen-fields.py --check    exit 1 when the manual is stale
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES_SRC = os.path.join(HERE, "..", "src", "rules")
MANUAL = os.path.join(HERE, "trustlint-rules.md")
TYPES = {"TL_T_BOOL": "bool", "TL_T_INT": "int", "TL_T_STRING": "string",
         "TL_T_TIME": "time", "TL_T_DURATION": "duration", "TL_T_ANY": "any"}
SCOPES = [("cert", "cert_fields"), ("store", "store_fields"), ("binding", "binding_fields"),
          ("ctl", "ctl_fields"), ("machine", "machine_fields"),
          ("site", "site_fields"), ("mapping", "mapping_fields"),
          ("service", "service_fields")]
ROW = re.compile(r'\{"([^"]+)",\s*(TL_T_\w+),\s*(\w+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\}')


def unescape(s):
    return s.replace('\\\\', '\\').replace('\\"', '"')


def tables():
    out = []
    for scope, array in SCOPES:
        path = os.path.join(RULES_SRC, "fields_%s.c" % scope)
        src = open(path, encoding="utf-8").read()
        body = re.search(r'static const tl_field_doc %s\[\] = \{(.*?)\n\};' % array, src, re.S)
        if not body:
            sys.exit("gen-fields: %s not found in %s" % (array, path))
        out.append("### scope %s\n" % scope)
        out.append("| field | type | meaning | from |")
        out.append("|---|---|---|---|")
        for name, typ, elem, doc, source in ROW.findall(body.group(1)):
            t = "list of " + TYPES[elem] if typ == "TL_T_LIST" else TYPES[typ]
            doc = unescape(doc).replace("|", "\\|")
            source = unescape(source).replace("|", "\\|")
            out.append("| `%s` | %s | %s | %s |" % (name, t, doc, source))
        out.append("")
    return "\n".join(out)


def main():
    manual = open(MANUAL, encoding="utf-8").read()
    begin, end = "<!-- fields:begin -->", "<!-- fields:end -->"
    if begin not in manual or end not in manual:
        sys.exit("gen-fields: markers missing in doc/trustlint-rules.md")
    head, rest = manual.split(begin, 1)
    _, tail = rest.split(end, 1)
    new = head + begin + "\n" + tables() + end + tail
    if "--check" in sys.argv:
        if new != manual:
            print("doc/trustlint-rules.md is stale: run python3 doc/gen-fields.py")
            sys.exit(1)
        return
    open(MANUAL, "w", encoding="utf-8").write(new)


main()
