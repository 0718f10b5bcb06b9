#!/usr/bin/env python3
"""Write testdata/diff/old/ and testdata/diff/new/: two exports of the
iis-403-16 example machine, before and after its KB 2802568 fix, for the
`trustlint diff` cases (tests/golden/diff.cases).

    python3 testdata/gen/diff_exports.py

Both are built with the writers of iis_403_16.py (same certificates, same
serialized store and regedit layouts), so they differ only where this
script says:

  old/  Root.sst   Lint Test Root CA, Lint Unrelated Root CA and, by
                   mistake, the Lint Test Issuing CA; no CA.sst
        My.sst     web01.lint.test, friendly name "web01.lint.test TLS"
        schannel.reg  ClientAuthTrustMode=0 (Machine Trust), set explicitly
        http.reg   the binding 0.0.0.0:443
  new/  Root.sst   the two roots: the Issuing CA moved ...
        CA.sst     ... to the Intermediate Certification Authorities store
        My.sst     friendly name "web01.lint.test TLS 2027"
        schannel.reg  ClientAuthTrustMode=2 (Exclusive CA Trust)
        http.reg   0.0.0.0:443 and a new binding 0.0.0.0:8443 whose
                   certificate is not in the export (a new finding)
  both  os.reg     Windows Server 2019, as in the example
"""
import hashlib
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("iis", os.path.join(HERE, "iis_403_16.py"))
iis = importlib.util.module_from_spec(spec)
spec.loader.exec_module(iis)

OUT = os.path.join(HERE, "..", "diff")
SCHANNEL = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL"
BINDINGS = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\HTTP\Parameters\SslBindingInfo"
# the SHA-1 an 8443 binding names: a certificate this export does not hold
ABSENT_CERT = hashlib.sha1(b"trustlint diff fixture: no such certificate").digest()


def write(side, name, data):
    os.makedirs(os.path.join(OUT, side), exist_ok=True)
    with open(os.path.join(OUT, side, name), "wb") as f:
        f.write(data)


def binding(endpoint, cert_hash, flags):
    return (BINDINGS + "\\" + endpoint, [
        ("SslCertHash", cert_hash),
        ("AppId", iis.uuid.UUID(iis.IIS_APPID).bytes_le),
        ("SslCertStoreName", "MY"),
        ("DefaultSslCertCheckMode", 0),
        ("DefaultSslRevocationFreshnessTime", 0),
        ("DefaultSslRevocationUrlRetrievalTimeout", 0),
        ("DefaultFlags", flags),
    ])


def schannel(trust_mode):
    return iis.reg_file([
        (SCHANNEL, [("EventLogging", 1), ("ClientAuthTrustMode", trust_mode)]),
        (SCHANNEL + r"\Protocols\TLS 1.2\Server", [("Enabled", 1), ("DisabledByDefault", 0)]),
    ])


def os_reg():
    return iis.reg_file([(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion", [
        ("CurrentVersion", "6.3"),
        ("CurrentBuildNumber", "17763"),
        ("ProductName", "Windows Server 2019 Standard"),
    ])])


def main():
    root, other_root = iis.cert("root"), iis.cert("other_root")
    issuing, server = iis.cert("issuing"), iis.cert("server")
    key = iis.key_prov_info(iis.KEY_CONTAINER, iis.MS_ENH_RSA_AES_PROV)
    server_hash = hashlib.sha1(server).digest()

    write("old", "Root.sst", iis.sst([
        iis.entry(root, friendly="Lint Test Root CA"),
        iis.entry(other_root, friendly="Lint Unrelated Root CA"),
        iis.entry(issuing),
    ]))
    write("old", "My.sst", iis.sst([iis.entry(server, friendly="web01.lint.test TLS", key=key)]))
    write("old", "schannel.reg", schannel(0))
    write("old", "http.reg", iis.reg_file([binding("0.0.0.0:443", server_hash, 2)]))
    write("old", "os.reg", os_reg())

    write("new", "Root.sst", iis.sst([
        iis.entry(root, friendly="Lint Test Root CA"),
        iis.entry(other_root, friendly="Lint Unrelated Root CA"),
    ]))
    write("new", "CA.sst", iis.sst([iis.entry(issuing)]))
    write("new", "My.sst", iis.sst([iis.entry(server, friendly="web01.lint.test TLS 2027", key=key)]))
    write("new", "schannel.reg", schannel(2))
    write("new", "http.reg", iis.reg_file([
        binding("0.0.0.0:443", server_hash, 2),
        binding("0.0.0.0:8443", ABSENT_CERT, 0),
    ]))
    write("new", "os.reg", os_reg())


if __name__ == "__main__":
    main()
