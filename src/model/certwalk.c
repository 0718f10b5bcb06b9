/* certwalk.c: see certwalk.h. */
#include "config.h"

#include "model/certwalk.h"

#include <string.h>

int tl_certwalk_loose(const uint8_t *der, size_t len, tl_cert_layout *l)
{
	tl_der cert, el;
	const uint8_t *p;
	size_t left;

	memset(l, 0, sizeof(*l));
	if (tl_der_read(der, len, &cert) != 0 || cert.tag != 0x30)
		return -1;
	if (tl_der_read(cert.body, cert.body_len, &l->tbs) != 0 || l->tbs.tag != 0x30)
		return -1;
	p = cert.body + l->tbs.total_len;
	left = cert.body_len - l->tbs.total_len;
	if (tl_der_read(p, left, &l->sig_alg) != 0 || l->sig_alg.tag != 0x30)
		return -1;
	if (tl_der_read(l->sig_alg.body, l->sig_alg.body_len, &l->sig_oid) != 0 ||
	    l->sig_oid.tag != 0x06)
		l->sig_oid.tag = 0;
	if (tl_der_read(p + l->sig_alg.total_len, left - l->sig_alg.total_len, &l->sig) != 0 ||
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

/* ---- the plain walk: every element read in DER's one form */

/* A cursor over the contents of one constructed element. */
typedef struct cursor {
	const uint8_t *p;
	size_t left;
} cursor;

static cursor inside(const tl_der *d)
{
	cursor c = {d->body, d->body_len};
	return c;
}

/* The next element, of the given tag (0: any), with a definite length in
 * the fewest octets (X.690 10.1); tl_der_read already refuses indefinite
 * lengths and high tag numbers. */
static bool next(cursor *c, unsigned tag, tl_der *out)
{
	if (c->left == 0 || tl_der_read(c->p, c->left, out) != 0)
		return false;
	if (tag && out->tag != tag)
		return false;
	if (out->body - out->start > 2 && (out->body_len < 0x80 || out->start[2] == 0))
		return false;
	c->p += out->total_len;
	c->left -= out->total_len;
	return true;
}

static bool at(const cursor *c, unsigned tag)
{
	return c->left > 0 && c->p[0] == tag;
}

/* OIDs of at most 24 octets (GnuTLS reads extension OIDs into 128
 * characters), each arc in the fewest octets, the last one ended. */
static bool oid(cursor *c, tl_der *out)
{
	size_t i;

	if (!next(c, 0x06, out) || out->body_len == 0 || out->body_len > 24 ||
	    (out->body[out->body_len - 1] & 0x80))
		return false;
	for (i = 0; i < out->body_len; i++)
		if (out->body[i] == 0x80 && (i == 0 || !(out->body[i - 1] & 0x80)))
			return false;
	return true;
}

static bool integer(cursor *c, tl_der *out)
{
	if (!next(c, 0x02, out) || out->body_len == 0)
		return false;
	if (out->body_len > 1 && ((out->body[0] == 0x00 && !(out->body[1] & 0x80)) ||
				  (out->body[0] == 0xFF && (out->body[1] & 0x80))))
		return false;
	return true;
}

/* An ANY (an attribute value, algorithm parameters) of the universal types
 * these hold in practice; anything else is left to GnuTLS. */
static bool any(cursor *c)
{
	tl_der v;

	if (!next(c, 0, &v))
		return false;
	switch (v.tag) {
	case 0x05: /* NULL */
		return v.body_len == 0;
	case 0x06: /* OBJECT IDENTIFIER (a named curve) */
	case 0x30: /* SEQUENCE (DSA parameters) */
	case 0x0C: /* UTF8String */
	case 0x12: /* NumericString */
	case 0x13: /* PrintableString */
	case 0x14: /* TeletexString */
	case 0x16: /* IA5String */
	case 0x1A: /* VisibleString */
	case 0x1C: /* UniversalString */
	case 0x1E: /* BMPString */
		return true;
	default:
		return false;
	}
}

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
static bool algorithm(cursor *c, tl_der *out, tl_der *id)
{
	cursor in;

	if (!next(c, 0x30, out))
		return false;
	in = inside(out);
	if (!oid(&in, id))
		return false;
	return in.left == 0 || (any(&in) && in.left == 0);
}

/* Name ::= SEQUENCE OF SET OF AttributeTypeAndValue, one per set: a
 * multi-valued RDN is left to GnuTLS (DER orders a SET OF). */
static bool name(cursor *c, tl_der *out)
{
	cursor rdns;
	tl_der set, atv, type;

	if (!next(c, 0x30, out))
		return false;
	rdns = inside(out);
	while (rdns.left > 0) {
		cursor one, pair;

		if (!next(&rdns, 0x31, &set))
			return false;
		one = inside(&set);
		if (!next(&one, 0x30, &atv) || one.left != 0)
			return false;
		pair = inside(&atv);
		if (!oid(&pair, &type) || !any(&pair) || pair.left != 0)
			return false;
	}
	return true;
}

/* UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ, no fraction,
 * a real date (RFC 5280 4.1.2.5). */
static bool time_of(cursor *c, tl_der *out)
{
	int64_t t;

	if (!next(c, 0, out))
		return false;
	if (!((out->tag == 0x17 && out->body_len == 13) || (out->tag == 0x18 && out->body_len == 15)))
		return false;
	return tl_der_time(out, &t) == 0;
}

/* A BIT STRING with no unused bits and at least one octet after the count. */
static bool octets_bits(cursor *c, tl_der *out)
{
	return next(c, 0x03, out) && out->body_len >= 2 && out->body[0] == 0;
}

/* subjectAltName and issuerAltName: gnutls_x509_crt_import() decodes them
 * (cache_alt_names) and refuses the certificate when one does not decode.
 * GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName; accepted here
 * are the kinds GnuTLS 3.7 takes as they are (lib/x509/x509_ext.c,
 * _gnutls_alt_name_process; lib/str-idna.c): rfc822Name [1], dNSName [2]
 * and uniformResourceIdentifier [6] of printable ASCII, which GnuTLS
 * copies without IDNA mapping; iPAddress [7] of 4 or 16 octets;
 * directoryName [4] holding a Name. Any other kind (otherName, whose
 * XMPP form GnuTLS maps, registeredID, x400Address and ediPartyName,
 * which it refuses) is left to GnuTLS. */
static bool alt_names_plain(const tl_der *value)
{
	cursor list = inside(value), names;
	tl_der seq, gn, dn;
	size_t i;

	if (!next(&list, 0x30, &seq) || list.left != 0 || seq.body_len == 0)
		return false;
	names = inside(&seq);
	while (names.left > 0) {
		cursor in;

		if (!next(&names, 0, &gn))
			return false;
		switch (gn.tag) {
		case 0x81:
		case 0x82:
		case 0x86:
			if (gn.body_len == 0)
				return false;
			for (i = 0; i < gn.body_len; i++)
				if (gn.body[i] < 0x20 || gn.body[i] > 0x7E)
					return false;
			break;
		case 0x87:
			if (gn.body_len != 4 && gn.body_len != 16)
				return false;
			break;
		case 0xA4:
			in = inside(&gn);
			if (!name(&in, &dn) || in.left != 0)
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

#define MAX_PLAIN_EXTENSIONS 32

/* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, Extension ::=
 * SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET
 * STRING }: DER leaves a FALSE critical out (X.690 11.5), TRUE is 0xFF
 * (11.1); GnuTLS refuses an extension present twice. */
static bool extensions(const tl_der *list)
{
	tl_der ids[MAX_PLAIN_EXTENSIONS];
	cursor all = inside(list);
	size_t n = 0, i;

	if (all.left == 0)
		return false;
	while (all.left > 0) {
		tl_der ext, critical, value;
		cursor in;

		if (n == MAX_PLAIN_EXTENSIONS || !next(&all, 0x30, &ext))
			return false;
		in = inside(&ext);
		if (!oid(&in, &ids[n]))
			return false;
		if (at(&in, 0x01) &&
		    (!next(&in, 0x01, &critical) || critical.body_len != 1 || critical.body[0] != 0xFF))
			return false;
		if (!next(&in, 0x04, &value) || in.left != 0)
			return false;
		for (i = 0; i < n; i++)
			if (ids[i].body_len == ids[n].body_len &&
			    memcmp(ids[i].body, ids[n].body, ids[n].body_len) == 0)
				return false;
		/* 2.5.29.17 subjectAltName, 2.5.29.18 issuerAltName */
		if (ids[n].body_len == 3 && ids[n].body[0] == 0x55 && ids[n].body[1] == 0x1D &&
		    (ids[n].body[2] == 17 || ids[n].body[2] == 18) && !alt_names_plain(&value))
			return false;
		n++;
	}
	return true;
}

/* 1.2.840.113549.1.1.10: GnuTLS takes an RSA-PSS signature's hash from its
 * parameters, which are not read here. */
static const uint8_t rsa_pss_oid[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A};

bool tl_certwalk_plain(const uint8_t *der, size_t len, tl_cert_layout *l)
{
	cursor top = {der, len}, outer, tbs, in;
	tl_der cert, el, id, validity;

	memset(l, 0, sizeof(*l));
	if (!next(&top, 0x30, &cert) || top.left != 0)
		return false;
	outer = inside(&cert);
	if (!next(&outer, 0x30, &l->tbs) || !algorithm(&outer, &l->sig_alg, &l->sig_oid) ||
	    !octets_bits(&outer, &l->sig) || outer.left != 0)
		return false;
	if (l->sig_oid.body_len == sizeof(rsa_pss_oid) &&
	    memcmp(l->sig_oid.body, rsa_pss_oid, sizeof(rsa_pss_oid)) == 0)
		return false;

	tbs = inside(&l->tbs);
	l->version = 1;
	if (at(&tbs, 0xA0)) { /* [0] EXPLICIT v2 or v3; v1 is left out (DEFAULT) */
		if (!next(&tbs, 0xA0, &el))
			return false;
		in = inside(&el);
		if (!integer(&in, &id) || in.left != 0 || id.body_len != 1 || id.body[0] < 1 ||
		    id.body[0] > 2)
			return false;
		l->version = id.body[0] + 1;
	}
	if (!integer(&tbs, &l->serial))
		return false;
	/* the signature inside must be the one outside (GnuTLS's
	 * compare_sig_algorithm, here byte for byte) */
	if (!algorithm(&tbs, &el, &id) || el.total_len != l->sig_alg.total_len ||
	    memcmp(el.start, l->sig_alg.start, el.total_len) != 0)
		return false;
	if (!name(&tbs, &l->issuer) || !next(&tbs, 0x30, &validity))
		return false;
	in = inside(&validity);
	if (!time_of(&in, &l->not_before) || !time_of(&in, &l->not_after) || in.left != 0)
		return false;
	if (!name(&tbs, &l->subject) || !next(&tbs, 0x30, &l->spki))
		return false;
	in = inside(&l->spki);
	if (!algorithm(&in, &el, &id) || !octets_bits(&in, &el) || in.left != 0)
		return false;
	/* unique identifiers [1] and [2] are left to GnuTLS; extensions only
	 * in v3 (GnuTLS's _gnutls_check_cert_sanity) */
	if (at(&tbs, 0xA3)) {
		if (l->version != 3 || !next(&tbs, 0xA3, &el))
			return false;
		in = inside(&el);
		if (!next(&in, 0x30, &l->extensions) || in.left != 0 || !extensions(&l->extensions))
			return false;
	}
	return tbs.left == 0;
}
