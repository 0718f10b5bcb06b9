#!/usr/bin/env python3
"""Write testdata/examples/iis-403-16/: a Windows Server 2019 IIS machine
export that reproduces KB 2802568 (IIS answers 403.16 to every client
certificate).

    python3 testdata/gen/iis_403_16.py

Built only from the synthetic Lint Test certificates in
../fixtures/reg/synthetic/certs/ (public parts; no private key exists
anywhere). Files are named the way the Windows collection script writes them:

  Root.sst      Lint Test Root CA, Lint Unrelated Root CA and, by mistake,
                the Lint Test Issuing CA (not self-signed)
  CA.sst        Lint Test Issuing CA
  My.sst        web01.lint.test with a KEY_PROV_INFO property (private key
                present in a machine key container)
  schannel.reg  SCHANNEL without ClientAuthTrustMode (default 0, Machine
                Trust) and without SendTrustedIssuerList; TLS 1.2 server on
  http.reg      the IIS binding 0.0.0.0:443, negotiating client certificates
  os.reg        Windows NT\\CurrentVersion (Windows Server 2019, build 17763)

Serialized stores follow the CertSaveStore layout ([MS-OSHARED] 2.3.9.1); the .reg
files follow regedit's export format (UTF-16LE with BOM, CRLF, a blank line
before each key, dword:%08x, hex wrapped like regedit). The output is
deterministic: running this again gives the same bytes.
"""
import hashlib
import os
import struct
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
CERTS = os.path.join(HERE, "..", "fixtures", "reg", "synthetic", "certs")
OUT = os.path.join(HERE, "..", "examples", "iis-403-16")

# CERT_*_PROP_ID (mingw-w64 wincrypt.h)
KEY_PROV_INFO = 2
SHA1_HASH = 3
FRIENDLY_NAME = 11
CERT_ELEMENT = 0x20

PROV_RSA_AES = 24
CRYPT_MACHINE_KEYSET = 0x20
AT_KEYEXCHANGE = 1
MS_ENH_RSA_AES_PROV = "Microsoft Enhanced RSA and AES Cryptographic Provider"
# Looks like the GUID-named machine key containers IIS certificate requests get.
KEY_CONTAINER = "{6F1C2A9E-3B57-4D84-9E0A-7C2D51B3F846}"

IIS_APPID = "{4dc3e181-e14b-4a21-b022-59fc669b0914}"


def cert(name):
    with open(os.path.join(CERTS, name + ".cer"), "rb") as f:
        der = f.read()
    assert der[:1] == b"\x30", name + ".cer is not DER"
    return der


def wstr(s):
    """UTF-16LE, NUL-terminated (the length includes the NUL)."""
    return (s + "\0").encode("utf-16-le")


def element(prop_id, value):
    return struct.pack("<III", prop_id, 1, len(value)) + value


def key_prov_info(container, provider):
    """CRYPT_KEY_PROV_INFO serialized: 7 u32, pointers as byte offsets from
    the start of the value (0 = NULL), then the strings."""
    name = wstr(container)
    prov = wstr(provider)
    header_len = 7 * 4
    head = struct.pack(
        "<7I",
        header_len,                 # pwszContainerName
        header_len + len(name),     # pwszProvName
        PROV_RSA_AES,               # dwProvType
        CRYPT_MACHINE_KEYSET,       # dwFlags
        0,                          # cProvParam
        0,                          # rgProvParam
        AT_KEYEXCHANGE,             # dwKeySpec
    )
    return head + name + prov


def entry(der, friendly=None, key=None):
    """One group: properties, then the certificate element."""
    out = element(SHA1_HASH, hashlib.sha1(der).digest())
    if friendly is not None:
        out += element(FRIENDLY_NAME, wstr(friendly))
    if key is not None:
        out += element(KEY_PROV_INFO, key)
    return out + element(CERT_ELEMENT, der)


def sst(entries):
    return struct.pack("<I", 0) + b"CERT" + b"".join(entries) + bytes(12)


# --- regedit export ------------------------------------------------------

MAX_HEX_CHARS = 77  # regedit wraps hex data once a line reaches this column


def reg_hex(name, data, tag="hex"):
    line = '"%s"=%s:' % (name, tag)
    col = len(line)
    parts = [line]
    for i, b in enumerate(data):
        parts.append("%02x" % b)
        if i == len(data) - 1:
            break
        parts.append(",")
        col += 3
        if col >= MAX_HEX_CHARS:
            parts.append("\\\r\n  ")
            col = 2
    return "".join(parts)


def reg_value(name, value):
    if isinstance(value, int):
        return '"%s"=dword:%08x' % (name, value)
    if isinstance(value, bytes):
        return reg_hex(name, value)
    esc = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"%s"="%s"' % (name, esc)


def reg_file(keys):
    """keys: list of (path, [(name, value), ...])."""
    lines = ["Windows Registry Editor Version 5.00"]
    for path, values in keys:
        lines.append("")
        lines.append("[%s]" % path)
        lines.extend(reg_value(n, v) for n, v in values)
    text = "\r\n".join(lines) + "\r\n\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    root, other_root = cert("root"), cert("other_root")
    issuing, server = cert("issuing"), cert("server")

    write("Root.sst", sst([
        entry(root, friendly="Lint Test Root CA"),
        entry(other_root, friendly="Lint Unrelated Root CA"),
        entry(issuing),  # the mistake: an intermediate in the Root store
    ]))
    write("CA.sst", sst([entry(issuing)]))
    write("My.sst", sst([
        entry(server, friendly="web01.lint.test TLS",
              key=key_prov_info(KEY_CONTAINER, MS_ENH_RSA_AES_PROV)),
    ]))

    s = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL"
    keys = [(s, [("EventLogging", 1)])]
    for sub in ("Ciphers", "CipherSuites", "Hashes", "KeyExchangeAlgorithms"):
        keys.append((s + "\\" + sub, []))
    p = s + r"\Protocols"
    keys += [
        (p, []),
        (p + r"\SSL 2.0", []),
        (p + r"\SSL 2.0\Client", [("DisabledByDefault", 1)]),
        (p + r"\TLS 1.2", []),
        (p + r"\TLS 1.2\Server", [("Enabled", 1), ("DisabledByDefault", 0)]),
    ]
    write("schannel.reg", reg_file(keys))

    b = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\HTTP\Parameters\SslBindingInfo\0.0.0.0:443"
    write("http.reg", reg_file([(b, [
        ("SslCertHash", hashlib.sha1(server).digest()),
        ("AppId", uuid.UUID(IIS_APPID).bytes_le),
        ("SslCertStoreName", "MY"),
        ("DefaultSslCertCheckMode", 0),
        ("DefaultSslRevocationFreshnessTime", 0),
        ("DefaultSslRevocationUrlRetrievalTimeout", 0),
        ("DefaultFlags", 2),  # HTTP_SERVICE_CONFIG_SSL_FLAG_NEGOTIATE_CLIENT_CERT
    ])]))

    write("os.reg", reg_file([(
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion", [
            ("CurrentVersion", "6.3"),
            ("CurrentBuildNumber", "17763"),
            ("CurrentBuild", "17763"),
            ("ProductName", "Windows Server 2019 Standard"),
            ("EditionID", "ServerStandard"),
            ("InstallationType", "Server"),
        ])]))


if __name__ == "__main__":
    main()
