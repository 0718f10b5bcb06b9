#!/usr/bin/env python3
"""Write testdata/ber/: PKCS#7 SignedData whose outer layers use BER
indefinite lengths (X.690 8.1.3.6: 0x80 as the length octet, contents ended
by the end-of-contents octets 00 00), the form OpenSSL's streaming output and
some Windows and Java tools write and OpenSSL reads. The certificates and the
CRL inside stay DER, byte for byte as in the fixtures they come from.

  chain-indefinite.p7b  a certificate bag: the synthetic Lint Test root,
                        issuing CA and server certificates
                        (fixtures/reg/synthetic/certs/*.cer) and the
                        Pikachu root CA's CRL
                        (fixtures/stores/pika_root_CA-RSA4096.crl.pem)
  ctl-indefinite.stl    a CTL: fixtures/stores/signify_catfiletest.cat with
                        its outer layers re-encoded the same way; the
                        CertificateTrustList itself stays DER

Indefinite: ContentInfo, its [0] EXPLICIT content, SignedData,
digestAlgorithms, encapContentInfo and its [0] EXPLICIT eContent,
certificates [0], crls [1] and signerInfos (RFC 5652 5.1).

When openssl is on PATH the p7b is read back with it (openssl pkcs7
-print_certs) and the certificate count checked. The output is committed,
so the tests need neither python nor openssl.

It also writes seeds for the PKCS#7 fuzz target (tests/fuzz/corpus/pkcs7/):
both files above, the p7b cut inside its last end-of-contents, and a
certificate set { root, member, root } whose member is 10,000 nested
SEQUENCEs, with indefinite lengths (in DER and in BER outer layers) and
with definite ones.

    python3 testdata/gen/ber_pkcs7.py
"""
import base64
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TD = os.path.join(HERE, "..")
OUT = os.path.join(TD, "ber")
CORPUS = os.path.join(TD, "..", "tests", "fuzz", "corpus", "pkcs7")

OID_SIGNED_DATA = bytes.fromhex("06092a864886f70d010702")
OID_DATA = bytes.fromhex("06092a864886f70d010701")
EOC = b"\x00\x00"


def der_len(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der(tag, *parts):
    body = b"".join(parts)
    return bytes([tag]) + der_len(len(body)) + body


def indef(tag, *parts):
    """A constructed TLV with indefinite length (X.690 8.1.3.6)."""
    assert tag & 0x20, "only constructed encodings may be indefinite"
    return bytes([tag, 0x80]) + b"".join(parts) + EOC


def read_tlv(buf, pos):
    """(tag, header length, body length) of the DER TLV at pos."""
    tag, first = buf[pos], buf[pos + 1]
    if first < 0x80:
        return tag, 2, first
    k = first & 0x7F
    return tag, 2 + k, int.from_bytes(buf[pos + 2:pos + 2 + k], "big")


def children(buf):
    """The DER TLVs that make up buf, as (tag, whole TLV, body)."""
    pos, out = 0, []
    while pos < len(buf):
        tag, hl, bl = read_tlv(buf, pos)
        out.append((tag, buf[pos:pos + hl + bl], buf[pos + hl:pos + hl + bl]))
        pos += hl + bl
    assert pos == len(buf)
    return out


def read(path):
    with open(os.path.join(TD, path), "rb") as f:
        return f.read()


def pem_der(path):
    text = read(path).decode("ascii")
    b64 = text.split("-----", 4)[2]
    return base64.b64decode("".join(b64.split()))


def certificate_bag():
    certs = [read("fixtures/reg/synthetic/certs/%s.cer" % n)
             for n in ("root", "issuing", "server")]
    crl = pem_der("fixtures/stores/pika_root_CA-RSA4096.crl.pem")
    signed_data = indef(
        0x30,
        der(0x02, b"\x01"),                 # version 1
        indef(0x31),                        # digestAlgorithms, empty
        indef(0x30, OID_DATA),              # encapContentInfo, no eContent
        indef(0xA0, *certs),                # certificates [0] IMPLICIT
        indef(0xA1, crl),                   # crls [1] IMPLICIT
        indef(0x31))                        # signerInfos, empty
    return indef(0x30, OID_SIGNED_DATA, indef(0xA0, signed_data))


def ctl_from(path):
    """Re-encode the outer layers of a DER SignedData CTL as indefinite."""
    (tag, _, ci), = children(read(path))
    assert tag == 0x30
    (t_oid, oid, _), (t_c, _, content) = children(ci)
    assert t_oid == 0x06 and oid == OID_SIGNED_DATA and t_c == 0xA0
    (t_sd, _, sd), = children(content)
    assert t_sd == 0x30
    fields = []
    for tag, whole, body in children(sd):
        if tag == 0x30:                     # encapContentInfo
            (t_type, ctype, _), (t_e, _, econtent) = children(body)
            assert t_type == 0x06 and t_e == 0xA0
            fields.append(indef(0x30, ctype, indef(0xA0, econtent)))
        elif tag in (0x31, 0xA0, 0xA1):     # the SETs stay member for member
            fields.append(indef(tag, *(w for _, w, _ in children(body))))
        else:
            fields.append(whole)
    return indef(0x30, OID_SIGNED_DATA, indef(0xA0, indef(0x30, *fields)))


def deep_member_bags():
    """{ root, 10,000 nested SEQUENCEs, root } three ways."""
    root = read("fixtures/reg/synthetic/certs/root.cer")
    indefinite = b"\x30\x80" * 10000 + EOC * 10000
    definite = b"\x30\x00"
    for _ in range(9999):
        definite = der(0x30, definite)

    def der_bag(member):
        return der(0x30, OID_SIGNED_DATA, der(0xA0, der(
            0x30, der(0x02, b"\x01"), der(0x31), der(0x30, OID_DATA),
            der(0xA0, root, member, root), der(0x31))))

    ber_bag = indef(0x30, OID_SIGNED_DATA, indef(0xA0, indef(
        0x30, der(0x02, b"\x01"), der(0x31), der(0x30, OID_DATA),
        indef(0xA0, root, indefinite, root), der(0x31))))
    return {"deep_member_indefinite.p7b": der_bag(indefinite),
            "deep_member_definite.p7b": der_bag(definite),
            "ber_deep_member.p7b": ber_bag}


def write(name, data, where=OUT):
    with open(os.path.join(where, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    bag = certificate_bag()
    ctl = ctl_from("fixtures/stores/signify_catfiletest.cat")
    write("chain-indefinite.p7b", bag)
    write("ctl-indefinite.stl", ctl)
    write("ber_chain.p7b", bag, CORPUS)
    write("ber_ctl.stl", ctl, CORPUS)
    write("ber_cut_eoc.p7b", bag[:-1], CORPUS)
    for name, data in deep_member_bags().items():
        write(name, data, CORPUS)
    if shutil.which("openssl"):
        text = subprocess.run(
            ["openssl", "pkcs7", "-inform", "DER", "-print_certs", "-noout"],
            input=bag, capture_output=True, check=True).stdout.decode()
        assert text.count("subject=") == 3, text


if __name__ == "__main__":
    main()
