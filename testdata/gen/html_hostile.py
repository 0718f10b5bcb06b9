#!/usr/bin/env python3
"""Write testdata/html/hostile/: an IIS machine export whose every name a
report shows is markup or script, for the HTML report's test
(tests/html.test): nothing of it may become an element or run.

    python3 testdata/gen/html_hostile.py

  Root.sst   a self-signed CA whose CN is <script>alert(1)</script> and
             whose O is "><img src=x onerror=alert(1)>, its friendly name
             a <script> element
  CA.sst     the same CA, and an intermediate whose CN holds quotes,
             apostrophes and ampersands and whose issuer is not in the
             export (a missing-issuer node in the graph)
  My.sst     a server certificate issued by the CA, CN
             "><svg onload=alert(2)>, friendly name an <img> element
  http.reg   an SNI binding named <script>alert(3)</script>:443 and an IP
             binding 0.0.0.0:443, both presenting the server certificate
             and asking for client certificates
  applicationHost.config
             a site named <img src=x onerror=alert(4)> & "q" 'a' with an
             https binding for the SNI host

Certificates are made with GnuTLS's certtool (keys thrown away), names as
RFC 4514 hex-encoded UTF8Strings because certtool's template parser cannot
take quotes. Stores and .reg files use the writers of iis_403_16.py. Keys
are random, so running this again gives other bytes: run once, commit.
"""
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import iis_403_16 as w  # noqa: E402

OUT = os.path.join(HERE, "..", "html", "hostile")


def utf8(s):
    b = s.encode("utf-8")
    return "#0C%02X%s" % (len(b), b.hex().upper())


def certtool(tmp, name, dn, ca, signer=None, extra=""):
    key = os.path.join(tmp, name + ".key")
    subprocess.run(["certtool", "--generate-privkey", "--key-type", "ecdsa", "--curve",
                    "secp256r1", "--outfile", key], check=True, capture_output=True)
    tmpl = os.path.join(tmp, name + ".tmpl")
    with open(tmpl, "w") as f:
        f.write('dn = "%s"\nserial = %d\nactivation_date = "2025-01-01 00:00:00"\n'
                'expiration_date = "2035-01-01 00:00:00"\n' % (dn, len(name)))
        f.write("ca\ncert_signing_key\n" if ca else "tls_www_server\nsigning_key\n"
                'dns_name = "hostile.lint.test"\n')
        f.write(extra)
    out = os.path.join(tmp, name + ".der")
    args = ["certtool", "--outder", "--load-privkey", key, "--template", tmpl,
            "--hash", "SHA256", "--outfile", out]
    if signer:
        args[1:1] = ["--generate-certificate", "--load-ca-certificate", signer[0],
                     "--load-ca-privkey", signer[1]]
    else:
        args[1:1] = ["--generate-self-signed"]
    subprocess.run(args, check=True, capture_output=True)
    pem = os.path.join(tmp, name + ".pem")
    subprocess.run(["certtool", "--certificate-info", "--inder", "--infile", out,
                    "--outfile", pem], check=True, capture_output=True)
    with open(out, "rb") as f:
        return f.read(), (pem, key)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root, root_files = certtool(
            tmp, "root", "CN=%s,O=%s" % (utf8("<script>alert(1)</script>"),
                                       utf8('"><img src=x onerror=alert(1)>')), True)
        server, _ = certtool(tmp, "server", "CN=%s" % utf8('"><svg onload=alert(2)>'), False,
                             root_files)
        # signed by a CA that is not exported
        other, other_files = certtool(tmp, "other", "CN=%s" % utf8("Gone & 'Missing' CA"), True)
        inter, _ = certtool(tmp, "intermediate",
                            "CN=%s" % utf8("Tom & Jerry's \"CA\" &amp; &lt;b&gt;"), True,
                            other_files)
    with open(os.path.join(OUT, "Root.sst"), "wb") as f:
        f.write(w.sst([w.entry(root, friendly='<script>alert("fn")</script>')]))
    with open(os.path.join(OUT, "CA.sst"), "wb") as f:
        f.write(w.sst([w.entry(root), w.entry(inter, friendly="a & b 'c' \"d\"")]))
    with open(os.path.join(OUT, "My.sst"), "wb") as f:
        f.write(w.sst([w.entry(server, friendly='"><img src=x onerror=alert(5)>',
                               key=w.key_prov_info(w.KEY_CONTAINER, w.MS_ENH_RSA_AES_PROV))]))
    p = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\HTTP\Parameters"
    values = [("SslCertHash", hashlib.sha1(server).digest()), ("SslCertStoreName", "MY"),
              ("DefaultFlags", 2)]
    with open(os.path.join(OUT, "http.reg"), "wb") as f:
        f.write(w.reg_file([
            (p + r"\SslBindingInfo\0.0.0.0:443", values),
            (p + r"\SslSniBindingInfo\<script>alert(3)</script>:443", values),
        ]))
    with open(os.path.join(OUT, "applicationHost.config"), "w", encoding="utf-8") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <sites>
            <site name="&lt;img src=x onerror=alert(4)&gt; &amp; &quot;q&quot; 'a'" id="1">
                <application path="/">
                    <virtualDirectory path="/" physicalPath="D:\\site" />
                </application>
                <bindings>
                    <binding protocol="https" bindingInformation="*:443:&lt;script&gt;alert(3)&lt;/script&gt;" sslFlags="1" />
                </bindings>
            </site>
        </sites>
    </system.applicationHost>
</configuration>
""")


if __name__ == "__main__":
    main()
