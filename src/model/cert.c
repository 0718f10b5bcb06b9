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
#include "model/certwalk.h"

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

/* The purposes nearly every EKU extension lists (RFC 5280 4.2.1.12 and
 * Microsoft's): pointed at, not copied into each certificate's list. */
static const char *const common_eku[] = {
	"1.3.6.1.5.5.7.3.1",  /* serverAuth */
	"1.3.6.1.5.5.7.3.2",  /* clientAuth */
	"1.3.6.1.5.5.7.3.3",  /* codeSigning */
	"1.3.6.1.5.5.7.3.4",  /* emailProtection */
	"1.3.6.1.5.5.7.3.8",  /* timeStamping */
	"1.3.6.1.5.5.7.3.9",  /* OCSPSigning */
	"2.5.29.37.0",        /* anyExtendedKeyUsage */
	"1.3.6.1.4.1.311.20.2.2",  /* smart card logon */
	"1.3.6.1.4.1.311.10.3.4",  /* encrypting file system */
	"1.3.6.1.4.1.311.10.3.12", /* document signing */
};

static const char *common_oid(const char *text)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(common_eku); i++)
		if (!strcmp(common_eku[i], text))
			return common_eku[i];
	return NULL;
}

/* The EKU extension's OIDs (a DER SEQUENCE OF OBJECT IDENTIFIER), each
 * its own string until join_texts() packs them beside the names. A
 * malformed list leaves none. */
static void read_eku_list(const uint8_t *p, size_t n, tl_cert *c)
{
	char **texts;
	size_t count;

	if (tl_der_oid_list(p, n, &texts, &count) != 0)
		return;
	c->eku = texts;
	c->eku_count = (uint32_t)count; /* at most the extension's bytes / 3 */
}

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
		read_eku_list(p, n, c);
		return;
	case EXT_SKI:
		if (v.tag == 0x04 && !c->ski && v.body_len) {
			c->ski = v.body;
			c->ski_len = v.body_len;
		}
		return;
	case EXT_AKI: /* SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... } */
		if (v.tag == 0x30 && !c->aki && tl_der_read(v.body, v.body_len, &a) == 0 &&
		    a.tag == 0x80 && a.body_len) {
			c->aki = a.body;
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

/* A public key imported once, or why it could not be. */
struct tl_cert_key {
	gnutls_pubkey_t pub; /* NULL when import failed */
	int rc;              /* GnuTLS's error when it did */
};

static tl_cert_key *key_new(void)
{
	tl_cert_key *k = tl_xcalloc(1, sizeof(*k));

	k->rc = gnutls_pubkey_init(&k->pub);
	if (k->rc < 0)
		k->pub = NULL;
	return k;
}

static void key_failed(tl_cert_key *k, int rc)
{
	gnutls_pubkey_deinit(k->pub);
	k->pub = NULL;
	k->rc = rc;
}

tl_cert_key *tl_cert_key_new(const tl_cert *c)
{
	tl_cert_key *k = key_new();
	gnutls_datum_t d;
	int rc;

	if (!k->pub)
		return k;
	d.data = (unsigned char *)c->spki_der;
	d.size = (unsigned)c->spki_der_len;
	rc = gnutls_pubkey_import(k->pub, &d, GNUTLS_X509_FMT_DER);
	if (rc < 0)
		key_failed(k, rc);
	return k;
}

/* The key of a certificate GnuTLS parsed (the path for certificates
 * tl_certwalk_plain() turns down, as before it existed). */
static tl_cert_key *key_of_crt(gnutls_x509_crt_t crt)
{
	tl_cert_key *k = key_new();
	int rc;

	if (!k->pub)
		return k;
	rc = gnutls_pubkey_import_x509(k->pub, crt, 0);
	if (rc < 0)
		key_failed(k, rc);
	return k;
}

void tl_cert_key_free(tl_cert_key *k)
{
	if (!k)
		return;
	if (k->pub)
		gnutls_pubkey_deinit(k->pub);
	free(k);
}

/* A bare signature check (DESIGN.md 2): gnutls_x509_crt_verify_data2()
 * would also apply the signer's validity period and key usage. */
tl_sigcheck tl_cert_verify(const tl_cert *subject, const tl_cert_key *signer)
{
	gnutls_sign_algorithm_t alg = (gnutls_sign_algorithm_t)subject->sig_id;
	gnutls_datum_t tbs, sig;
	int rc;

	if (subject->sig_id < 0 || alg == GNUTLS_SIGN_UNKNOWN)
		return TL_SIG_UNVERIFIABLE;
	/* GnuTLS names RSA-MD2 but cannot verify it: it reports a bad
	 * signature for VeriSign's genuine MD2 roots. Say so instead. */
	if (gnutls_sign_get_hash_algorithm(alg) == GNUTLS_DIG_MD2 ||
	    gnutls_sign_get_hash_algorithm(alg) == GNUTLS_DIG_UNKNOWN)
		return TL_SIG_UNVERIFIABLE;
	if (!subject->tbs_der || !subject->sig_value)
		return TL_SIG_NO;
	tbs.data = (unsigned char *)subject->tbs_der;
	tbs.size = (unsigned)subject->tbs_der_len;
	sig.data = (unsigned char *)subject->sig_value;
	sig.size = (unsigned)subject->sig_value_len;
	rc = signer->pub ? gnutls_pubkey_verify_data2(signer->pub, alg, TL_VERIFY_FLAGS, &tbs, &sig)
			 : signer->rc;
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

/* The signature algorithm as GnuTLS names it (gnutls_sign_algorithm_t,
 * negative when unknown) and, when GnuTLS does not know it, its OID as
 * text (*oid_text, owned). Read from the DER as
 * gnutls_x509_crt_get_signature_algorithm() does (lib/x509/common.c,
 * _gnutls_x509_get_signature_algorithm: the OID looked up, except
 * RSA-PSS, which certwalk leaves to GnuTLS). Returns -1 when only GnuTLS
 * can say. */
static int signature_of(const tl_cert_layout *l, gnutls_x509_crt_t crt, int *sig, char **oid_text)
{
	char buf[128];
	size_t size = sizeof(buf);

	*oid_text = NULL;
	if (crt) {
		*sig = gnutls_x509_crt_get_signature_algorithm(crt);
		if ((*sig <= 0 || *sig == GNUTLS_SIGN_UNKNOWN ||
		     !gnutls_sign_get_oid((gnutls_sign_algorithm_t)*sig)) &&
		    gnutls_x509_crt_get_signature_oid(crt, buf, &size) >= 0)
			*oid_text = tl_xstrdup(buf);
		return 0;
	}
	if (!l->sig_oid.tag)
		return -1;
	*oid_text = tl_der_oid_text(l->sig_oid.body, l->sig_oid.body_len);
	if (!*oid_text)
		return -1;
	*sig = (int)gnutls_oid_to_sign(*oid_text);
	if (*sig == GNUTLS_SIGN_UNKNOWN)
		*sig = GNUTLS_E_UNKNOWN_ALGORITHM;
	return 0;
}

/* subject, issuer and the EKU list in one block, subject first: the
 * list's pointers 8-aligned after the names, then the OIDs that are not
 * common purposes (those point at common_eku). A store of 100,000 end
 * entities would otherwise hold 300,000 small allocations, 5 MB with
 * their headers and malloc's rounding. */
static void join_texts(tl_cert *c)
{
	size_t a = strlen(c->subject) + 1, b = strlen(c->issuer) + 1;
	size_t head = (a + b + sizeof(char *) - 1) / sizeof(char *) * sizeof(char *);
	size_t strs = 0, i;
	char **eku, *block, *at;

	for (i = 0; i < c->eku_count; i++)
		if (!common_oid(c->eku[i]))
			strs += strlen(c->eku[i]) + 1;
	block = tl_xmalloc(head + c->eku_count * sizeof(char *) + strs);
	memcpy(block, c->subject, a);
	memcpy(block + a, c->issuer, b);
	eku = (char **)(void *)(block + head);
	at = (char *)(eku + c->eku_count);
	for (i = 0; i < c->eku_count; i++) {
		const char *known = common_oid(c->eku[i]);
		size_t len;

		if (known) {
			/* the list is read-only once made (cert.h) */
			eku[i] = (char *)known;
			continue;
		}
		len = strlen(c->eku[i]) + 1;
		memcpy(at, c->eku[i], len);
		eku[i] = at;
		at += len;
	}
	tl_strv_free(c->eku, c->eku_count);
	free(c->subject);
	free(c->issuer);
	c->subject = block;
	c->issuer = block + a;
	c->eku = c->eku_count ? eku : NULL;
	c->texts_joined = true;
}

/* Every fact of the certificate at der, laid out as l. crt is GnuTLS's
 * reading of it, or NULL: then what the DER reading cannot tell (a name
 * tl_dn_text cannot format, a key tl_spki_parse does not know, a
 * signature algorithm GnuTLS knows by its parameters) makes this return
 * -1, and the caller asks GnuTLS. The facts are the same either way. */
static int read_facts(const uint8_t *der, size_t len, const tl_cert_layout *l,
		      gnutls_x509_crt_t crt, tl_cert *c)
{
	tl_spki spki;
	unsigned bits = 0;
	int pk, sig;
	char *oid_text;

	/* names and key facts straight from the DER (dn.h says why); GnuTLS
	 * formats only what the direct reading cannot */
	c->subject = tl_dn_text(l->subject.start, l->subject.total_len);
	if (!c->subject && crt)
		c->subject = dn_text(crt, false);
	c->issuer = tl_dn_text(l->issuer.start, l->issuer.total_len);
	if (!c->issuer && crt)
		c->issuer = dn_text(crt, true);
	if (!c->subject || !c->issuer)
		return -1;
	c->subject_der = l->subject.start;
	c->subject_der_len = l->subject.total_len;
	c->issuer_der = l->issuer.start;
	c->issuer_der_len = l->issuer.total_len;
	c->spki_der = l->spki.start;
	c->spki_der_len = l->spki.total_len;
	c->tbs_der = l->tbs.start;
	c->tbs_der_len = l->tbs.total_len;
	/* the BIT STRING's bytes after its unused-bits octet (GnuTLS 3.7's
	 * gnutls_x509_crt_get_signature() does not report the length) */
	c->sig_value = l->sig.body + 1;
	c->sig_value_len = l->sig.body_len - 1;
	if (l->version)
		c->version = l->version;
	else if (crt)
		c->version = gnutls_x509_crt_get_version(crt);
	else
		return -1;
	if (tl_der_time(&l->not_before, &c->not_before) != 0) {
		if (!crt)
			return -1;
		c->not_before = (int64_t)gnutls_x509_crt_get_activation_time(crt);
	}
	if (tl_der_time(&l->not_after, &c->not_after) != 0) {
		if (!crt)
			return -1;
		c->not_after = (int64_t)gnutls_x509_crt_get_expiration_time(crt);
	}

	if (tl_spki_parse(l->spki.start, l->spki.total_len, &spki) == 0 &&
	    strcmp(spki.algorithm, "unknown") != 0) {
		c->key_algorithm = spki.algorithm;
		c->key_bits = spki.bits;
		c->curve = spki.curve;
		c->curve_owned = spki.curve_owned;
		spki.curve_owned = false;
	} else if (crt) {
		pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
		c->key_algorithm = key_algorithm_name((gnutls_pk_algorithm_t)(pk < 0 ? 0 : pk));
		c->key_bits = pk < 0 ? 0 : bits;
		if (pk == GNUTLS_PK_ECDSA) {
			gnutls_ecc_curve_t curve;
			gnutls_datum_t x = {NULL, 0}, y = {NULL, 0};
			if (gnutls_x509_crt_get_pk_ecc_raw(crt, &curve, &x, &y) >= 0) {
				const char *n = gnutls_ecc_curve_get_name(curve);
				c->curve = n ? lower_dup(n) : NULL;
				c->curve_owned = c->curve != NULL;
				gnutls_free(x.data);
				gnutls_free(y.data);
			}
		}
	} else {
		tl_spki_free(&spki);
		return -1;
	}
	tl_spki_free(&spki);

	if (signature_of(l, crt, &sig, &oid_text) != 0)
		return -1;
	c->sig_id = sig;
	if (sig > 0 && sig != GNUTLS_SIGN_UNKNOWN && gnutls_sign_get_oid((gnutls_sign_algorithm_t)sig)) {
		c->sig_oid = gnutls_sign_get_oid((gnutls_sign_algorithm_t)sig);
		free(oid_text);
	} else if (oid_text) {
		c->sig_oid = oid_text;
		c->sig_oid_owned = true;
	} else {
		c->sig_oid = "";
	}
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

	c->serial = l->serial.body;
	c->serial_len = (uint32_t)l->serial.body_len;
	gnutls_hash_fast(GNUTLS_DIG_SHA1, der, len, c->sha1);
	c->path_len = -1;
	if (l->extensions.tag)
		read_extensions(&l->extensions, c);
	c->self_issued = l->subject.total_len == l->issuer.total_len &&
			 memcmp(l->subject.start, l->issuer.start, l->issuer.total_len) == 0;
	join_texts(c);
	return 0;
}

/* Self-signed (RFC 5280, FORMATS.md 5): self-issued and the signature
 * verifies with the certificate's own key, checked as a bare signature
 * (DESIGN.md 2). A certificate that is not self-issued is not self-signed
 * whatever key made its signature, so the costly check is made only for
 * self-issued ones. */
static void check_self(tl_cert *c, gnutls_x509_crt_t crt)
{
	tl_cert_key *k;

	c->self_signed = TL_SIG_NO;
	if (!c->self_issued)
		return;
	k = crt ? key_of_crt(crt) : tl_cert_key_new(c);
	c->self_signed = tl_cert_verify(c, k);
	tl_cert_key_free(k);
}

/* The path for what tl_certwalk_plain() turns down: GnuTLS parses, and
 * its judgement (and error name) is the answer. */
static int parse_with_gnutls(const uint8_t *der, size_t len, tl_cert *c, bool check, char **err)
{
	gnutls_x509_crt_t crt = NULL;
	tl_cert_layout l;
	int rc;

	if (tl_certwalk_loose(der, len, &l) != 0) {
		*err = tl_xstrdup("not a DER X.509 certificate (structure does not parse)");
		return -1;
	}
	rc = import_der(&crt, der, len);
	if (rc < 0) {
		*err = tl_xasprintf("certificate does not parse: %s", gnutls_strerror_name(rc));
		return -1;
	}
	read_facts(der, len, &l, crt, c);
	if (check)
		check_self(c, crt);
	gnutls_x509_crt_deinit(crt);
	return 0;
}

static int parse(const uint8_t *der, size_t len, tl_cert *c, bool check, bool plain_only,
		 char **err)
{
	tl_cert_layout l;

	memset(c, 0, sizeof(*c));
	/* the parts' lengths are 32-bit (cert.h); GnuTLS takes no more */
	if (len > UINT32_MAX) {
		*err = tl_xstrdup("larger than 4 GB");
		return -1;
	}
	if (tl_certwalk_plain(der, len, &l)) {
		if (read_facts(der, len, &l, NULL, c) == 0) {
			if (check)
				check_self(c, NULL);
			return 0;
		}
		tl_cert_free(c);
	}
	if (plain_only) {
		*err = tl_xstrdup("not a plain certificate");
		return -1;
	}
	return parse_with_gnutls(der, len, c, check, err);
}

int tl_cert_parse(const uint8_t *der, size_t len, tl_cert *c, char **err)
{
	return parse(der, len, c, true, false, err);
}

int tl_cert_parse_as(const uint8_t *der, size_t len, tl_cert *c, tl_cert_parser how, char **err)
{
	if (how == TL_CERT_PARSE_GNUTLS) {
		memset(c, 0, sizeof(*c));
		return parse_with_gnutls(der, len, c, true, err);
	}
	return parse(der, len, c, true, how == TL_CERT_PARSE_PLAIN_ONLY, err);
}

void tl_der_sha256(const uint8_t *der, size_t len, uint8_t out[32])
{
	gnutls_hash_fast(GNUTLS_DIG_SHA256, der, len, out);
}

char *tl_cert_serial_hex(const tl_cert *c)
{
	return tl_xhex(c->serial, c->serial_len, true);
}

void tl_cert_free(tl_cert *c)
{
	if (!c)
		return;
	free(c->subject);
	if (!c->texts_joined) {
		free(c->issuer);
		tl_strv_free(c->eku, c->eku_count);
	}
	if (c->curve_owned)
		free((char *)c->curve);
	if (c->sig_oid_owned)
		free((char *)c->sig_oid);
	memset(c, 0, sizeof(*c));
}

tl_sigcheck tl_cert_verified_by(const tl_cert *subject, const tl_cert *issuer)
{
	tl_cert_key *k = tl_cert_key_new(issuer);
	tl_sigcheck r = tl_cert_verify(subject, k);

	tl_cert_key_free(k);
	return r;
}

tl_sigcheck tl_cert_verify_signed_by(const uint8_t *subject_der, size_t subject_len,
				     const uint8_t *issuer_der, size_t issuer_len)
{
	tl_cert subject, issuer;
	tl_sigcheck r = TL_SIG_NO;
	char *err = NULL;

	/* read for their signed bytes and key alone: no self-signed check */
	if (parse(subject_der, subject_len, &subject, false, false, &err) != 0) {
		free(err);
		return TL_SIG_NO;
	}
	if (parse(issuer_der, issuer_len, &issuer, false, false, &err) == 0) {
		r = tl_cert_verified_by(&subject, &issuer);
		tl_cert_free(&issuer);
	} else {
		free(err);
	}
	tl_cert_free(&subject);
	return r;
}
