#!/usr/bin/env python3
"""Turn doc/trustlint-rules.md into the man page doc/trustlint-rules.5.

Handles the markdown the manual uses: '#' title, '##' sections, '###'
subsections, paragraphs, '- ' lists, indented code blocks, pipe tables
(through tbl) and `code` spans. Output on stdout.

    python3 doc/md2man.py doc/trustlint-rules.md > doc/trustlint-rules.5
"""
import re
import sys


def esc(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return text


def inline(text):
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", text)):
        part = part.replace("\\|", "|")
        out.append("\\fB%s\\fR" % esc(part) if i % 2 else esc(part))
    line = "".join(out)
    if line.startswith(".") or line.startswith("'"):
        line = "\\&" + line
    return line


def cells(row):
    row = row.strip()[1:-1]
    parts = re.split(r"(?<!\\)\|", row)
    return [p.strip() for p in parts]


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    out = ["'\\\" t", '.TH TRUSTLINT\\-RULES 5 "" "trustlint" "File Formats"']
    out.append(".ad l")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("<!--") or line.startswith("# "):
            i += 1
            continue
        if line.startswith("## "):
            out.append(".SH " + esc(line[3:].upper()))
        elif line.startswith("### "):
            out.append(".SS " + inline(line[4:]))
        elif line.startswith("    "):
            out.append(".PP\n.RS 4\n.nf")
            while i < len(lines) and (lines[i].startswith("    ") or lines[i] == ""):
                if lines[i] == "" and (i + 1 >= len(lines) or not lines[i + 1].startswith("    ")):
                    break
                out.append(esc(lines[i][4:]) if lines[i] else "")
                i += 1
            out.append(".fi\n.RE")
            continue
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not re.match(r"^\|[-| ]+\|$", lines[i]):
                    rows.append(cells(lines[i]))
                i += 1
            ncol = len(rows[0])
            out.append(".TS\nallbox tab(@);\n" + " ".join(["lb"] * ncol) + "\n" +
                       " ".join(["lx"] * ncol) + ".")
            for r, row in enumerate(rows):
                row = (row + [""] * ncol)[:ncol]
                out.append("@".join("T{\n%s\nT}" % inline(c) for c in row))
            out.append(".TE")
            continue
        elif line.startswith("- "):
            text = [line[2:]]
            i += 1
            while i < len(lines) and lines[i].startswith("  ") and not lines[i].startswith("    "):
                text.append(lines[i].strip())
                i += 1
            out.append(".IP \\(bu 2\n" + inline(" ".join(text)))
            continue
        elif line.strip() == "":
            pass
        else:
            text = [line]
            i += 1
            while i < len(lines) and lines[i].strip() and not re.match(r"^(#|\||- |    )", lines[i]):
                text.append(lines[i])
                i += 1
            out.append(".PP\n" + inline(" ".join(t.strip() for t in text)))
            continue
        i += 1
    sys.stdout.write("\n".join(out) + "\n")


main()
