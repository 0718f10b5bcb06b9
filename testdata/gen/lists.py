#!/usr/bin/env python3
"""Write testdata/lists/: root program lists as trustlint reads them
(issue 11), made from the synthetic Lint Test certificates
(fixtures/reg/synthetic/certs, CC0), never from Microsoft's files.

  authroot.stl        an unsigned CTL with the authroot list's subjectUsage
                      (1.3.6.1.4.1.311.10.3.9) listing Lint Test Root CA and
                      Lint Other Root by SHA-1, each with a friendly name
  disallowedcert.stl  an unsigned CTL with the disallowed list's
                      subjectUsage (1.3.6.1.4.1.311.10.3.30) listing the
                      Lint Test Issuing CA
  autoupdate.reg      regedit's export of AuthRoot\\AutoUpdate holding both
                      lists with their sync times (FORMATS.md 7)
  autoupdate-bad.reg  the same key with an EncodedCtl that is the start of
                      a certificate, not a CTL, and a 4-byte
                      DisallowedCertLastSyncTime

Unsigned on purpose: the signature path has its own signed lists. The CAB
files beside them are written by lists.sh with gcab.

    python3 testdata/gen/lists.py
"""
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CERTS = os.path.join(HERE, "..", "fixtures", "reg", "synthetic", "certs")
OUT = os.path.join(HERE, "..", "lists")


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(octets)]) + octets
    return bytes([tag]) + head + body


def oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.insert(0, 0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(chunk)
    return tlv(0x06, body)


def seq(*items):
    return tlv(0x30, b"".join(items))


def subject(cert_file, name):
    der = open(os.path.join(CERTS, cert_file), "rb").read()
    friendly = (name + "\0").encode("utf-16-le")
    # CERT_FRIENDLY_NAME_PROP_ID (11) as a CTL attribute: FORMATS.md 7
    attr = seq(oid("1.3.6.1.4.1.311.10.11.11"), tlv(0x31, tlv(0x04, friendly)))
    return seq(tlv(0x04, hashlib.sha1(der).digest()), tlv(0x31, attr))


def ctl(usage, sequence, this_update, next_update, subjects):
    body = seq(
        seq(oid(usage)),
        tlv(0x02, sequence),
        tlv(0x17, this_update.encode()),
        tlv(0x17, next_update.encode()),
        seq(oid("1.3.14.3.2.26"), b"\x05\x00"),
        seq(*subjects),
    )
    # SignedData with no signer: FORMATS.md 3, the CTL right under [0]
    signed = seq(
        tlv(0x02, b"\x01"),
        tlv(0x31, seq(oid("1.3.14.3.2.26"), b"\x05\x00")),
        seq(oid("1.3.6.1.4.1.311.10.1"), tlv(0xA0, body)),
        tlv(0x31, b""),
    )
    return seq(oid("1.2.840.113549.1.7.2"), tlv(0xA0, signed))


def filetime(y_m_d_unix):
    return ((y_m_d_unix + 11644473600) * 10000000).to_bytes(8, "little")


def reg_hex(name, data):
    """A hex: value line as regedit writes it: 25 bytes a line after the
    first, continued with a backslash."""
    text = '"%s"=hex:' % name
    out, line = [], text
    for i, byte in enumerate(data):
        piece = "%02x" % byte + ("," if i + 1 < len(data) else "")
        if len(line) + len(piece) > 78:
            out.append(line + "\\")
            line = "  "
        line += piece
    out.append(line)
    return out


def write_reg(path, values):
    lines = ["Windows Registry Editor Version 5.00", "",
             "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\AutoUpdate]"]
    for name, data in values:
        if isinstance(data, str):
            lines.append('"%s"="%s"' % (name, data))
        else:
            lines.extend(reg_hex(name, data))
    text = "\r\n".join(lines) + "\r\n\r\n"
    open(path, "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))


def main():
    authroot = ctl("1.3.6.1.4.1.311.10.3.9", b"\x1d\x05\x3a", "261001000000Z", "261115000000Z",
                   [subject("root.cer", "Lint Test Root CA"),
                    subject("other_root.cer", "Lint Other Root")])
    disallowed = ctl("1.3.6.1.4.1.311.10.3.30", b"\x07", "261020000000Z", "261119000000Z",
                     [subject("issuing.cer", "Lint Test Issuing CA")])
    open(os.path.join(OUT, "authroot.stl"), "wb").write(authroot)
    open(os.path.join(OUT, "disallowedcert.stl"), "wb").write(disallowed)
    # 2026-11-01T08:00:00Z and 2026-11-20T06:30:00Z
    write_reg(os.path.join(OUT, "autoupdate.reg"), [
        ("RootDirURL", "http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en"),
        ("EncodedCtl", authroot),
        ("LastSyncTime", filetime(1793520000)),
        ("DisallowedCertEncodedCtl", disallowed),
        ("DisallowedCertLastSyncTime", filetime(1795156200)),
    ])
    write_reg(os.path.join(OUT, "autoupdate-bad.reg"), [
        ("EncodedCtl", open(os.path.join(CERTS, "root.cer"), "rb").read()[:64]),
        ("LastSyncTime", filetime(1793520000)),
        ("DisallowedCertEncodedCtl", disallowed),
        ("DisallowedCertLastSyncTime", b"\x00\x80\x3e\xd5"),
    ])


if __name__ == "__main__":
    main()
