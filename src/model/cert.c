/* cert.c: see cert.h. GnuTLS parses; a small DER walk finds the byte ranges
 * GnuTLS does not expose (the TBSCertificate, the raw names). */
#include "config.h"

#include "model/cert.h"

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>

#include "base/der.h"
#include "base/dn.h"
#include "base/util.h"

const char *tl_sigcheck_name(tl_sigcheck s)
{
	switch (s) {
	case TL_SIG_YES:
		return "yes";
	case TL_SIG_NO:
		return "no";
	case TL_SIG_UNVERIFIABLE:
		return "unverifiable";
	}
	return "no";
}

/* The byte ranges of one certificate (RFC 5280 4.1). */
typedef struct cert_layout {
	tl_der tbs;
	tl_der sig;     /* signatureValue BIT STRING */
	int version;    /* 1..3 (0 when the field holds no small INTEGER) */
	tl_der serial;
	tl_der issuer;
	tl_der not_before, not_after;
	tl_der subject;
	tl_der spki;
	tl_der extensions; /* the SEQUENCE inside [3]; tag 0 when absent */
} cert_layout;

static int cert_walk(const uint8_t *der, size_t len, cert_layout *l)
{
	tl_der cert, el;
	const uint8_t *p;
	size_t left;

	if (tl_der_read(der, len, &cert) != 0 || cert.tag != 0x30)
		return -1;
	if (tl_der_read(cert.body, cert.body_len, &l->tbs) != 0 || l->tbs.tag != 0x30)
		return -1;
	p = cert.body + l->tbs.total_len;
	left = cert.body_len - l->tbs.total_len;
	if (tl_der_read(p, left, &el) != 0 || el.tag != 0x30) /* signatureAlgorithm */
		return -1;
	if (tl_der_read(p + el.total_len, left - el.total_len, &l->sig) != 0 ||
	    l->sig.tag != 0x03 || l->sig.body_len < 1)
		return -1;
	p = l->tbs.body;
	left = l->tbs.body_len;
#define NEXT(out)                                            \
	do {                                                 \
		if (tl_der_read(p, left, (out)) != 0)        \
			return -1;                           \
		p += (out)->total_len;                       \
		left -= (out)->total_len;                    \
	} while (0)
	NEXT(&el);
	l->version = 1;
	if (el.tag == 0xA0) { /* [0] EXPLICIT version, v1 when absent */
		tl_der v;
		l->version = 0;
		if (tl_der_read(el.body, el.body_len, &v) == 0 && v.tag == 0x02 && v.body_len == 1 &&
		    v.body[0] <= 2)
			l->version = v.body[0] + 1;
		NEXT(&el);
	}
	if (el.tag != 0x02) /* serialNumber */
		return -1;
	l->serial = el;
	NEXT(&el); /* signature AlgorithmIdentifier */
	NEXT(&l->issuer);
	NEXT(&el); /* validity */
	if (el.tag != 0x30 || tl_der_read(el.body, el.body_len, &l->not_before) != 0 ||
	    tl_der_read(el.body + l->not_before.total_len, el.body_len - l->not_before.total_len,
			&l->not_after) != 0)
		l->not_before.tag = l->not_after.tag = 0;
	NEXT(&l->subject);
	NEXT(&l->spki);
	/* issuerUniqueID [1], subjectUniqueID [2], extensions [3] */
	memset(&l->extensions, 0, sizeof(l->extensions));
	while (left > 0) {
		NEXT(&el);
		if (el.tag == 0xA3 && tl_der_read(el.body, el.body_len, &l->extensions) == 0 &&
		    l->extensions.tag != 0x30)
			l->extensions.tag = 0;
	}
#undef NEXT
	if (l->issuer.tag != 0x30 || l->subject.tag != 0x30 || l->spki.tag != 0x30)
		return -1;
	return 0;
}

/* Hash names of signature OIDs GnuTLS does not know (MD2 and friends),
 * so weak-hash rules still see them. */
static const struct {
	const char *oid;
	const char *hash;
} legacy_sig_hash[] = {
	{"1.2.840.113549.1.1.2", "MD2"},
	{"1.2.840.113549.1.1.3", "MD4"},
	{"1.2.840.113549.1.1.4", "MD5"},
	{"1.2.840.113549.1.1.5", "SHA1"},
	{"1.3.14.3.2.29", "SHA1"},
	{"1.2.840.10040.4.3", "SHA1"},
	{"1.2.840.10045.4.1", "SHA1"},
};

static char *dn_text(gnutls_x509_crt_t crt, bool issuer)
{
	gnutls_datum_t dn = {NULL, 0};
	char *s;
	int rc;

	rc = issuer ? gnutls_x509_crt_get_issuer_dn3(crt, &dn, 0)
		    : gnutls_x509_crt_get_dn3(crt, &dn, 0);
	if (rc < 0 || !dn.data)
		return tl_xstrdup("");
	s = tl_xstrndup((const char *)dn.data, dn.size);
	gnutls_free(dn.data);
	return s;
}

static const char *key_algorithm_name(gnutls_pk_algorithm_t pk)
{
	const char *n = gnutls_pk_algorithm_get_name(pk);

	return n ? n : "unknown";
}

static char *lower_dup(const char *s)
{
	char *d = tl_xstrdup(s), *p;

	for (p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return d;
}

/* Extension OIDs (RFC 5280 4.2.1), as DER contents: 2.5.29.N. */
enum { EXT_SKI = 14, EXT_KU = 15, EXT_BC = 19, EXT_AKI = 35, EXT_EKU = 37 };

/* One extension's value, read from the DER: the facts GnuTLS would give,
 * without a libtasn1 lookup per accessor (measured: the accessors cost a
 * tenth of reading a store). A malformed value leaves the fact absent. */
static void read_extension(unsigned which, const tl_der *value, tl_cert *c)
{
	const uint8_t *p = value->body;
	size_t n = value->body_len;
	tl_der v, a, b;
	unsigned i;

	if (tl_der_read(p, n, &v) != 0 || v.total_len != n)
		return;
	switch (which) {
	case EXT_BC: /* SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } */
		if (v.tag != 0x30 || c->bc_present)
			return;
		c->bc_present = true;
		if (tl_der_read(v.body, v.body_len, &a) != 0)
			return;
		if (a.tag == 0x01 && a.body_len == 1) {
			c->is_ca = a.body[0] != 0;
			if (c->is_ca && tl_der_read(a.body + 1, v.body_len - a.total_len, &b) == 0 &&
			    b.tag == 0x02 && b.body_len >= 1 && b.body_len <= 3 && !(b.body[0] & 0x80)) {
				c->path_len = 0;
				for (i = 0; i < b.body_len; i++)
					c->path_len = c->path_len << 8 | b.body[i];
			}
		}
		return;
	case EXT_KU: /* BIT STRING, bit 0 = digitalSignature */
		if (v.tag != 0x03 || v.body_len < 1 || c->ku_present)
			return;
		c->ku_present = true;
		for (i = 0; i < 9 && 1 + i / 8 < v.body_len; i++)
			if (v.body[1 + i / 8] & (0x80 >> (i % 8)))
				c->key_usage |= 1u << i;
		return;
	case EXT_EKU:
		if (c->eku_present)
			return;
		c->eku_present = true;
		if (tl_der_oid_list(p, n, &c->eku, &c->eku_count) != 0) {
			c->eku = NULL;
			c->eku_count = 0;
		}
		return;
	case EXT_SKI:
		if (v.tag == 0x04 && !c->ski && v.body_len) {
			c->ski = tl_xmemdup(v.body, v.body_len);
			c->ski_len = v.body_len;
		}
		return;
	case EXT_AKI: /* SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... } */
		if (v.tag == 0x30 && !c->aki && tl_der_read(v.body, v.body_len, &a) == 0 &&
		    a.tag == 0x80 && a.body_len) {
			c->aki = tl_xmemdup(a.body, a.body_len);
			c->aki_len = a.body_len;
		}
		return;
	default:
		return;
	}
}

static void read_extensions(const tl_der *exts, tl_cert *c)
{
	size_t pos = 0;

	while (pos < exts->body_len) {
		tl_der ext, oid, value;
		size_t at;

		if (tl_der_read(exts->body + pos, exts->body_len - pos, &ext) != 0 || ext.tag != 0x30)
			return;
		pos += ext.total_len;
		if (tl_der_read(ext.body, ext.body_len, &oid) != 0 || oid.tag != 0x06)
			continue;
		at = oid.total_len;
		if (tl_der_read(ext.body + at, ext.body_len - at, &value) != 0)
			continue;
		if (value.tag == 0x01) { /* critical */
			at += value.total_len;
			if (tl_der_read(ext.body + at, ext.body_len - at, &value) != 0)
				continue;
		}
		if (value.tag != 0x04 || oid.body_len != 3 || oid.body[0] != 0x55 || oid.body[1] != 0x1D)
			continue;
		read_extension(oid.body[2], &value, c);
	}
}

/* Map a verification result: a bad signature is "no"; an algorithm GnuTLS
 * cannot verify is "unverifiable" (DESIGN.md 2: never silently "no"). */
static tl_sigcheck map_verify(int rc)
{
	if (rc >= 0)
		return TL_SIG_YES;
	switch (rc) {
	case GNUTLS_E_UNKNOWN_ALGORITHM:
	case GNUTLS_E_UNKNOWN_HASH_ALGORITHM:
	case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
	case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
	case GNUTLS_E_INSUFFICIENT_SECURITY:
	case GNUTLS_E_UNIMPLEMENTED_FEATURE:
		return TL_SIG_UNVERIFIABLE;
	default:
		return TL_SIG_NO;
	}
}

#define TL_VERIFY_FLAGS                                                              \
	(GNUTLS_VERIFY_ALLOW_BROKEN | GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 |           \
	 GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD5 | GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD2)

/* Verify cert's signature (layout l over der) with signer's key. */
static tl_sigcheck verify_with(gnutls_x509_crt_t cert, const cert_layout *l,
			       gnutls_x509_crt_t signer)
{
	gnutls_sign_algorithm_t alg = (gnutls_sign_algorithm_t)gnutls_x509_crt_get_signature_algorithm(cert);
	gnutls_datum_t tbs, sig;
	gnutls_pubkey_t pub;
	int rc;

	if ((int)alg < 0 || alg == GNUTLS_SIGN_UNKNOWN)
		return TL_SIG_UNVERIFIABLE;
	/* GnuTLS names RSA-MD2 but cannot verify it: it reports a bad
	 * signature for VeriSign's genuine MD2 roots. Say so instead. */
	if (gnutls_sign_get_hash_algorithm(alg) == GNUTLS_DIG_MD2 ||
	    gnutls_sign_get_hash_algorithm(alg) == GNUTLS_DIG_UNKNOWN)
		return TL_SIG_UNVERIFIABLE;
	/* the BIT STRING's bytes after its unused-bits octet (GnuTLS 3.7's
	 * gnutls_x509_crt_get_signature() does not report the length) */
	tbs.data = (unsigned char *)l->tbs.start;
	tbs.size = (unsigned)l->tbs.total_len;
	sig.data = (unsigned char *)l->sig.body + 1;
	sig.size = (unsigned)l->sig.body_len - 1;
	/* through a bare public key: gnutls_x509_crt_verify_data2() would also
	 * apply the signer's validity period and key usage */
	rc = gnutls_pubkey_init(&pub);
	if (rc < 0)
		return TL_SIG_NO;
	rc = gnutls_pubkey_import_x509(pub, signer, 0);
	if (rc >= 0)
		rc = gnutls_pubkey_verify_data2(pub, alg, TL_VERIFY_FLAGS, &tbs, &sig);
	gnutls_pubkey_deinit(pub);
	if (rc == GNUTLS_E_INVALID_REQUEST || rc == GNUTLS_E_CONSTRAINT_ERROR) {
		/* signature algorithm of another key type than the signer's
		 * (an RSA key and an ECDSA signature): it cannot verify */
		return TL_SIG_NO;
	}
	return map_verify(rc);
}

static int import_der(gnutls_x509_crt_t *crt, const uint8_t *der, size_t len)
{
	gnutls_datum_t d;
	int rc;

	if (len > UINT32_MAX)
		return GNUTLS_E_ASN1_DER_OVERFLOW;
	rc = gnutls_x509_crt_init(crt);
	if (rc < 0)
		return rc;
	d.data = (unsigned char *)der;
	d.size = (unsigned)len;
	rc = gnutls_x509_crt_import(*crt, &d, GNUTLS_X509_FMT_DER);
	if (rc < 0) {
		gnutls_x509_crt_deinit(*crt);
		*crt = NULL;
	}
	return rc;
}

int tl_cert_parse(const uint8_t *der, size_t len, tl_cert *c, char **err)
{
	gnutls_x509_crt_t crt = NULL;
	cert_layout l;
	tl_spki spki;
	unsigned bits = 0;
	int rc, pk, sig;
	char buf[128];
	size_t size;

	memset(c, 0, sizeof(*c));
	if (cert_walk(der, len, &l) != 0) {
		*err = tl_xstrdup("not a DER X.509 certificate (structure does not parse)");
		return -1;
	}
	rc = import_der(&crt, der, len);
	if (rc < 0) {
		*err = tl_xasprintf("certificate does not parse: %s", gnutls_strerror_name(rc));
		return -1;
	}
	/* names and key facts straight from the DER (dn.h says why); GnuTLS
	 * formats only what the direct reading cannot */
	c->subject = tl_dn_text(l.subject.start, l.subject.total_len);
	if (!c->subject)
		c->subject = dn_text(crt, false);
	c->issuer = tl_dn_text(l.issuer.start, l.issuer.total_len);
	if (!c->issuer)
		c->issuer = dn_text(crt, true);
	c->subject_der = l.subject.start;
	c->subject_der_len = l.subject.total_len;
	c->issuer_der = l.issuer.start;
	c->issuer_der_len = l.issuer.total_len;
	c->spki_der = l.spki.start;
	c->spki_der_len = l.spki.total_len;
	c->serial = tl_xhex(l.serial.body, l.serial.body_len, true);
	gnutls_hash_fast(GNUTLS_DIG_SHA1, der, len, c->sha1);
	gnutls_hash_fast(GNUTLS_DIG_SHA256, der, len, c->sha256);
	c->version = l.version ? l.version : gnutls_x509_crt_get_version(crt);
	if (tl_der_time(&l.not_before, &c->not_before) != 0)
		c->not_before = (int64_t)gnutls_x509_crt_get_activation_time(crt);
	if (tl_der_time(&l.not_after, &c->not_after) != 0)
		c->not_after = (int64_t)gnutls_x509_crt_get_expiration_time(crt);

	if (tl_spki_parse(l.spki.start, l.spki.total_len, &spki) == 0 &&
	    strcmp(spki.algorithm, "unknown") != 0) {
		c->key_algorithm = spki.algorithm;
		c->key_bits = spki.bits;
		c->curve = spki.curve;
		spki.curve = NULL;
	} else {
		pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
		c->key_algorithm = key_algorithm_name((gnutls_pk_algorithm_t)(pk < 0 ? 0 : pk));
		c->key_bits = pk < 0 ? 0 : bits;
		if (pk == GNUTLS_PK_ECDSA) {
			gnutls_ecc_curve_t curve;
			gnutls_datum_t x = {NULL, 0}, y = {NULL, 0};
			if (gnutls_x509_crt_get_pk_ecc_raw(crt, &curve, &x, &y) >= 0) {
				const char *n = gnutls_ecc_curve_get_name(curve);
				c->curve = n ? lower_dup(n) : NULL;
				gnutls_free(x.data);
				gnutls_free(y.data);
			}
		}
	}
	tl_spki_free(&spki);

	sig = gnutls_x509_crt_get_signature_algorithm(crt);
	size = sizeof(buf);
	if (sig > 0 && sig != GNUTLS_SIGN_UNKNOWN && gnutls_sign_get_oid((gnutls_sign_algorithm_t)sig))
		c->sig_oid = gnutls_sign_get_oid((gnutls_sign_algorithm_t)sig);
	else if (gnutls_x509_crt_get_signature_oid(crt, buf, &size) >= 0)
		c->sig_oid = c->sig_oid_owned = tl_xstrdup(buf);
	else
		c->sig_oid = "";
	if (sig > 0 && sig != GNUTLS_SIGN_UNKNOWN && gnutls_sign_get_name((gnutls_sign_algorithm_t)sig)) {
		gnutls_digest_algorithm_t h = gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)sig);
		c->sig_algorithm = gnutls_sign_get_name((gnutls_sign_algorithm_t)sig);
		if (h != GNUTLS_DIG_UNKNOWN)
			c->sig_hash = gnutls_digest_get_name(h);
	} else {
		c->sig_algorithm = c->sig_oid;
	}
	if (!c->sig_hash) {
		size_t i;
		for (i = 0; i < TL_ARRAY_LEN(legacy_sig_hash); i++)
			if (strcmp(c->sig_oid, legacy_sig_hash[i].oid) == 0)
				c->sig_hash = legacy_sig_hash[i].hash;
	}

	c->path_len = -1;
	if (l.extensions.tag)
		read_extensions(&l.extensions, c);

	c->self_issued = l.subject.total_len == l.issuer.total_len &&
			 memcmp(l.subject.start, l.issuer.start, l.issuer.total_len) == 0;
	/* Self-signed (RFC 5280, FORMATS.md 5): self-issued and the signature
	 * verifies with the certificate's own key, checked as a bare signature
	 * (DESIGN.md 2). A certificate that is not self-issued is not
	 * self-signed whatever key made its signature, so the costly check is
	 * made only for self-issued ones. */
	c->self_signed = c->self_issued ? verify_with(crt, &l, crt) : TL_SIG_NO;
	gnutls_x509_crt_deinit(crt);
	return 0;
}

void tl_cert_free(tl_cert *c)
{
	if (!c)
		return;
	free(c->subject);
	free(c->issuer);
	free(c->serial);
	free(c->curve);
	free(c->sig_oid_owned);
	tl_strv_free(c->eku, c->eku_count);
	free(c->ski);
	free(c->aki);
	memset(c, 0, sizeof(*c));
}

tl_sigcheck tl_cert_verify_signed_by(const uint8_t *subject_der, size_t subject_len,
				     const uint8_t *issuer_der, size_t issuer_len)
{
	gnutls_x509_crt_t subject = NULL, issuer = NULL;
	cert_layout l;
	tl_sigcheck r = TL_SIG_NO;

	if (cert_walk(subject_der, subject_len, &l) != 0)
		return TL_SIG_NO;
	if (import_der(&subject, subject_der, subject_len) < 0)
		return TL_SIG_NO;
	if (import_der(&issuer, issuer_der, issuer_len) >= 0) {
		r = verify_with(subject, &l, issuer);
		gnutls_x509_crt_deinit(issuer);
	}
	gnutls_x509_crt_deinit(subject);
	return r;
}
