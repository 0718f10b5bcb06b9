/* ctl.c: see ctl.h.
 *
 * The SignedData is read with GnuTLS (signer and certificate counts, the
 * raw eContent), or with the lenient libtasn1 decoder of pkcs7.c when GnuTLS
 * refuses it (Wine's test CTLs carry zero-length OIDs in their SignerInfo).
 * The CertificateTrustList itself is decoded with libtasn1 from src/formats/ctl.asn,
 * where every OID is read as ANY so that a malformed one is reported here
 * instead of failing the whole list.
 *
 * Diagnostic ids (at the caller's location; subject-level ones at the
 * subject's own bytes when the location describes exactly this blob):
 *   input-ctl-not-signeddata          not a PKCS#7 SignedData
 *   input-ctl-not-ctl                 eContentType is not szOID_CTL
 *   input-ctl-unreadable              the SignedData cannot be decoded at all
 *   input-ctl-trailing-bytes          bytes after the SignedData
 *   input-ctl-no-contentinfo          a SignedData without ContentInfo
 *   input-ctl-gnutls-rejected         GnuTLS refuses it; read leniently
 *   input-ctl-no-content              no eContent
 *   input-ctl-econtent-octet-string   the list wrapped in an OCTET STRING
 *                                     (Windows rejects it: FORMATS.md 3)
 *   input-ctl-bad-der                 the CertificateTrustList does not decode
 *   input-ctl-bad-version             version other than 0 (v1)
 *   input-ctl-bad-oid                 a zero-length or malformed OID
 *   input-ctl-bad-time                a malformed UTCTime/GeneralizedTime
 *   input-ctl-update-order            ctlNextUpdate before ctlThisUpdate
 *   input-ctl-bad-identifier-length   identifier length does not fit the
 *                                     subject algorithm (SHA-1 20, MD5 16,
 *                                     SHA-256 32)
 *   input-ctl-bad-subject             a subject that does not decode (skipped)
 *   input-ctl-duplicate-subject       the same identifier twice
 *   input-ctl-bad-property-attribute  a 1.3.6.1.4.1.311.10.11.<id> attribute
 *                                     that is not one OCTET STRING
 *   input-ctl-bad-filetime            property 104/126 not 0 or 8 bytes
 *   input-ctl-empty-filetime          property 104/126 of 0 bytes (no agreed
 *                                     meaning: FORMATS.md 1)
 *   input-ctl-unsigned                no SignerInfo
 */
#include "config.h"

#include "formats/ctl.h"

#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <libtasn1.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/asn1.h"
#include "base/der.h"
#include "formats/pkcs7.h"
#include "base/util.h"


/* szOID_CTL, FORMATS.md 3, as DER contents. */
static const uint8_t oid_ctl[] = {0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0A, 0x01};

/* authroot.stl attributes: 1.3.6.1.4.1.311.10.11.<propid> (FORMATS.md 3) */
#define PROP_ATTR_PREFIX "1.3.6.1.4.1.311.10.11."

typedef struct decoder {
	tl_loc where;
	tl_diags *d;
	asn1_node defs;          /* src/formats/ctl.asn, for the per-subject decoding */
	asn1_node list;          /* the decoded CertificateTrustList */
	const uint8_t *econtent; /* its DER */
	size_t econtent_len;
	bool refine;             /* where describes exactly der: point into it */
	uint64_t econtent_offset;
	tl_ctl *ctl;
} decoder;

static void report(decoder *dc, const tl_loc *l, tl_severity sev, const char *id,
		   const char *fmt, ...) TL_PRINTF(5, 6);

static void report(decoder *dc, const tl_loc *l, tl_severity sev, const char *id,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(dc->d, sev, id, l ? l : &dc->where, fmt, ap);
	va_end(ap);
}

static const char *gnutls_name(int rc)
{
	const char *name = gnutls_strerror_name(rc);

	return name ? name : "unknown GnuTLS error";
}

/* Where bytes of the list are (p points into the eContent): their own
 * offset and length when the caller's location describes exactly this
 * blob, else the caller's location. */
static tl_loc bytes_loc(const decoder *dc, const uint8_t *p, size_t n)
{
	if (!dc->refine)
		return dc->where;
	return tl_loc_offset(dc->where.file, dc->econtent_offset + (uint64_t)(p - dc->econtent),
			     n);
}

/* The TLV of a named field of the list, located by libtasn1. */
static int field_tlv(const decoder *dc, const char *field, tl_der *out)
{
	int start = 0, end = 0;

	if (asn1_der_decoding_startEnd(dc->list, dc->econtent, (int)dc->econtent_len, field,
				       &start, &end) != ASN1_SUCCESS ||
	    start < 0 || end < start)
		return -1;
	return tl_der_read(dc->econtent + start, (size_t)(end - start) + 1, out);
}

static tl_loc field_loc(const decoder *dc, const char *field)
{
	tl_der t;

	if (!dc->refine || field_tlv(dc, field, &t) != 0)
		return dc->where;
	return bytes_loc(dc, t.start, t.total_len);
}


/* An OID read as ANY (src/formats/ctl.asn), given as its TLV inside the
 * eContent: its dotted text, or NULL with the problem reported. what names
 * the field in the message. */
static char *oid_text(decoder *dc, const tl_der *tlv, const char *what)
{
	char *text = NULL;
	tl_loc l;

	if (tlv->tag == 0x06)
		text = tl_der_oid_text(tlv->body, tlv->body_len);
	if (text)
		return text;
	l = bytes_loc(dc, tlv->start, tlv->total_len);
	/* Wine's signedCTLWithListID1 carries 06 00: strict DER has no empty
	 * OID, so say exactly that */
	if (tlv->tag == 0x06 && tlv->body_len == 0)
		report(dc, &l, TL_ERROR, "input-ctl-bad-oid",
		       "%s is a zero-length OBJECT IDENTIFIER (06 00)", what);
	else
		report(dc, &l, TL_ERROR, "input-ctl-bad-oid", "%s is not a valid OBJECT IDENTIFIER",
		       what);
	return NULL;
}

/* ------------------------------------------------------------- times */

/* ctlThisUpdate / ctlNextUpdate: returns 1 when present and valid, 0 when
 * absent, -1 when malformed (reported). */
static int read_time(decoder *dc, const char *field, int64_t *out)
{
	char choice[32], path[64];
	int len = (int)sizeof(choice) - 1, rc;
	uint8_t *text;
	size_t text_len;
	bool utc;
	tl_loc l;

	rc = asn1_read_value(dc->list, field, choice, &len);
	if (rc == ASN1_ELEMENT_NOT_FOUND)
		return 0;
	if (rc != ASN1_SUCCESS)
		goto bad;
	choice[len] = 0;
	utc = strcmp(choice, "utcTime") == 0;
	snprintf(path, sizeof(path), "%s.%s", field, choice);
	if (tl_asn1_read_alloc(dc->list, path, &text, &text_len) != ASN1_SUCCESS)
		goto bad;
	/* libtasn1 counts the NUL it appends to time strings */
	text_len = strnlen((const char *)text, text_len);
	rc = tl_der_time_text((const char *)text, text_len, utc, out);
	if (rc != 0) {
		l = field_loc(dc, field);
		report(dc, &l, TL_ERROR, "input-ctl-bad-time", "%s '%s' is not a valid %s", field,
		       (const char *)text, utc ? "UTCTime" : "GeneralizedTime");
	}
	free(text);
	return rc == 0 ? 1 : -1;
bad:
	l = field_loc(dc, field);
	report(dc, &l, TL_ERROR, "input-ctl-bad-time", "%s cannot be read", field);
	return -1;
}

/* ------------------------------------------------------------ fields */

static void read_version(decoder *dc)
{
	uint8_t *v;
	size_t n, i;
	int64_t val;
	tl_loc l;

	if (tl_asn1_read_alloc(dc->list, "version", &v, &n) != ASN1_SUCCESS)
		return; /* DEFAULT 0 */
	/* a two's complement INTEGER; anything wider than 4 bytes is simply
	 * wrong */
	val = n > 0 && (v[0] & 0x80) ? -1 : 0;
	for (i = 0; i < n && i < 4; i++)
		val = val * 256 + (v[i] & 0xFF);
	if (n == 0 || n > 4)
		val = INT_MAX;
	dc->ctl->version = (int)val;
	free(v);
	if (dc->ctl->version != 0) {
		l = field_loc(dc, "version");
		report(dc, &l, TL_WARNING, "input-ctl-bad-version",
		       "CTL version is %d, expected 0 (v1)", dc->ctl->version);
	}
}

static void read_usage(decoder *dc)
{
	tl_ctl *ctl = dc->ctl;
	size_t cap = 0, pos = 0, index = 0;
	tl_der seq, item;

	if (field_tlv(dc, "subjectUsage", &seq) != 0)
		return;
	while (pos < seq.body_len && tl_der_read(seq.body + pos, seq.body_len - pos, &item) == 0) {
		char what[48];
		char *oid;

		pos += item.total_len;
		snprintf(what, sizeof(what), "subjectUsage %zu", ++index);
		oid = oid_text(dc, &item, what);
		if (!oid)
			continue;
		tl_xgrow((void **)&ctl->usage, &cap, ctl->usage_count + 1, sizeof(char *));
		ctl->usage[ctl->usage_count++] = oid;
	}
}

/* Identifier length implied by the subject algorithm (FORMATS.md 3): the
 * identifier is that hash of the certificate. 0: no fixed length (catalog
 * member hashes 1.3.6.1.4.1.311.12.1.2 are text). */
static size_t identifier_length(const char *alg, const char **name)
{
	static const struct {
		const char *oid;
		const char *name;
		size_t len;
	} algs[] = {
		{"1.3.14.3.2.26", "SHA-1", 20},
		{"1.2.840.113549.2.5", "MD5", 16},
		{"2.16.840.1.101.3.4.2.1", "SHA-256", 32},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(algs); i++)
		if (strcmp(alg, algs[i].oid) == 0) {
			*name = algs[i].name;
			return algs[i].len;
		}
	*name = NULL;
	return 0;
}

/* FORMATS.md 3: a property attribute holds one OCTET STRING whose bytes
 * are the store property; 104 and 126 are FILETIMEs of 8 or 0 bytes. */
static void check_property_attribute(decoder *dc, size_t subject, const tl_ctl_attr *a,
				     const tl_loc *l)
{
	const char *idtext = a->oid + strlen(PROP_ATTR_PREFIX);
	char *end;
	unsigned long propid = strtoul(idtext, &end, 10);
	tl_der os;

	if (a->value_count != 1) {
		report(dc, l, TL_WARNING, "input-ctl-bad-property-attribute",
		       "subject %zu attribute %s holds %zu values, expected one OCTET STRING",
		       subject, a->oid, a->value_count);
		return;
	}
	if (tl_der_read(a->values[0], a->value_lens[0], &os) != 0 || os.tag != 0x04 ||
	    os.total_len != a->value_lens[0]) {
		report(dc, l, TL_WARNING, "input-ctl-bad-property-attribute",
		       "subject %zu attribute %s value is not an OCTET STRING (tag 0x%02x)",
		       subject, a->oid, a->value_lens[0] ? a->values[0][0] : 0);
		return;
	}
	if (*end != '\0' || (propid != 104 && propid != 126))
		return;
	if (os.body_len != 0 && os.body_len != 8)
		report(dc, l, TL_ERROR, "input-ctl-bad-filetime",
		       "subject %zu attribute %s (%s) is %zu bytes, expected 8 (FILETIME) or 0",
		       subject, a->oid,
		       propid == 104 ? "DISALLOWED_FILETIME" : "NOT_BEFORE_FILETIME", os.body_len);
	else if (os.body_len == 0)
		report(dc, l, TL_NOTE, "input-ctl-empty-filetime",
		       "subject %zu attribute %s (%s) is empty: an empty FILETIME has no agreed meaning",
		       subject, a->oid,
		       propid == 104 ? "DISALLOWED_FILETIME" : "NOT_BEFORE_FILETIME");
}

/* The attributes of one subject: SET OF Attribute { type, values SET OF
 * ANY }, already validated by libtasn1, walked in one pass. */
static void read_attributes(decoder *dc, const tl_der *set, size_t index, tl_ctl_subject *s,
			    const tl_loc *l)
{
	size_t pos = 0, cap = 0;
	tl_der attr;

	while (pos < set->body_len &&
	       tl_der_read(set->body + pos, set->body_len - pos, &attr) == 0) {
		tl_ctl_attr *a;
		tl_der type, values, value;
		size_t vpos = 0, vcap = 0, lcap = 0;
		char what[64];

		pos += attr.total_len;
		if (tl_der_read(attr.body, attr.body_len, &type) != 0 ||
		    tl_der_read(attr.body + type.total_len, attr.body_len - type.total_len, &values) !=
			    0)
			continue;
		tl_xgrow((void **)&s->attrs, &cap, s->attr_count + 1, sizeof(tl_ctl_attr));
		a = &s->attrs[s->attr_count++];
		memset(a, 0, sizeof(*a));
		snprintf(what, sizeof(what), "subject %zu attribute %zu", index, s->attr_count);
		a->oid = oid_text(dc, &type, what);
		if (!a->oid)
			a->oid = tl_xstrdup("");
		while (vpos < values.body_len &&
		       tl_der_read(values.body + vpos, values.body_len - vpos, &value) == 0) {
			vpos += value.total_len;
			tl_xgrow((void **)&a->values, &vcap, a->value_count + 1, sizeof(uint8_t *));
			tl_xgrow((void **)&a->value_lens, &lcap, a->value_count + 1, sizeof(size_t));
			a->values[a->value_count] = tl_xmemdup(value.start, value.total_len);
			a->value_lens[a->value_count] = value.total_len;
			a->value_count++;
		}
		if (strncmp(a->oid, PROP_ATTR_PREFIX, strlen(PROP_ATTR_PREFIX)) == 0)
			check_property_attribute(dc, index, a, l);
	}
}

/* One subject, decoded on its own as TrustedSubject (src/formats/ctl.asn). Returns
 * 0 when it was added. */
static int read_subject(decoder *dc, const tl_der *member, size_t index, size_t want,
			const char *alg_name)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	tl_ctl *ctl = dc->ctl;
	tl_ctl_subject *s = &ctl->subjects[ctl->subject_count];
	tl_loc l = bytes_loc(dc, member->start, member->total_len);
	asn1_node node = NULL;
	tl_der attrs;
	int rc;

	rc = asn1_create_element(dc->defs, "TrustlintCTL.TrustedSubject", &node);
	if (rc == ASN1_SUCCESS)
		rc = asn1_der_decoding(&node, member->start, (int)member->total_len, desc);
	if (rc == ASN1_SUCCESS)
		rc = tl_asn1_read_alloc(node, "subjectIdentifier", &s->id, &s->id_len);
	if (rc != ASN1_SUCCESS) {
		const char *why = desc + strspn(desc, ": ");
		report(dc, &l, TL_ERROR, "input-ctl-bad-subject",
		       "subject %zu cannot be decoded (libtasn1: %s%s%s); skipped", index,
		       asn1_strerror(rc), why[0] ? ", " : "", why);
		asn1_delete_structure(&node);
		free(s->id);
		memset(s, 0, sizeof(*s));
		return -1;
	}
	ctl->subject_count++;
	if (want && s->id_len != want) {
		char *hex = tl_xhex(s->id, s->id_len, true);
		report(dc, &l, TL_ERROR, "input-ctl-bad-identifier-length",
		       "subject %zu identifier %s is %zu bytes; %s identifiers are %zu", index, hex,
		       s->id_len, alg_name, want);
		free(hex);
	}
	{
		int start = 0, end = 0;
		if (asn1_der_decoding_startEnd(node, member->start, (int)member->total_len,
					       "subjectAttributes", &start, &end) == ASN1_SUCCESS &&
		    start >= 0 && end >= start &&
		    tl_der_read(member->start + start, (size_t)(end - start) + 1, &attrs) == 0)
			read_attributes(dc, &attrs, index, s, &l);
	}
	asn1_delete_structure(&node);
	return 0;
}

/* A decoded subject with its place in the list, for the repeat check. */
typedef struct subject_ref {
	const tl_ctl_subject *subject;
	size_t slot;  /* in ctl->subjects */
	size_t index; /* 1-based position in the list, as messages number them */
	tl_loc loc;
} subject_ref;

static bool same_id(const subject_ref *x, const subject_ref *y)
{
	return x->subject->id_len == y->subject->id_len &&
	       (x->subject->id_len == 0 ||
		memcmp(x->subject->id, y->subject->id, x->subject->id_len) == 0);
}

/* By identifier, then by position. */
static int subject_ref_cmp(const void *a, const void *b)
{
	const subject_ref *x = a, *y = b;
	int c;

	if (x->subject->id_len != y->subject->id_len)
		return x->subject->id_len < y->subject->id_len ? -1 : 1;
	c = x->subject->id_len ? memcmp(x->subject->id, y->subject->id, x->subject->id_len) : 0;
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* FORMATS.md 3: no repeated subject. Sorting keeps a list of any length
 * O(n log n); repeats are reported in list order, each against the first
 * occurrence. refs are in list order. */
static void check_repeats(decoder *dc, subject_ref *refs, size_t n)
{
	subject_ref *sorted;
	size_t *first, i;

	if (n < 2)
		return;
	for (i = 0; i < n; i++) {
		refs[i].subject = &dc->ctl->subjects[i];
		refs[i].slot = i;
	}
	sorted = tl_xmemdup(refs, n * sizeof(*refs));
	qsort(sorted, n, sizeof(*sorted), subject_ref_cmp);
	first = tl_xcalloc(n, sizeof(size_t));
	for (i = 1; i < n; i++)
		if (same_id(&sorted[i - 1], &sorted[i]))
			first[sorted[i].slot] =
				first[sorted[i - 1].slot] ? first[sorted[i - 1].slot] : sorted[i - 1].index;
	for (i = 0; i < n; i++) {
		char *hex;
		if (!first[i])
			continue;
		hex = tl_xhex(refs[i].subject->id, refs[i].subject->id_len, true);
		report(dc, &refs[i].loc, TL_WARNING, "input-ctl-duplicate-subject",
		       "subject %zu repeats subject %zu (%s)", refs[i].index, first[i], hex);
		free(hex);
	}
	free(first);
	free(sorted);
}

static void read_subjects(decoder *dc)
{
	tl_ctl *ctl = dc->ctl;
	const char *alg_name = NULL;
	size_t want = identifier_length(ctl->subject_alg, &alg_name);
	size_t pos = 0, index = 0, cap = 0, refs_cap = 0;
	subject_ref *refs = NULL;
	tl_der seq, member;

	if (field_tlv(dc, "trustedSubjects", &seq) != 0)
		return;
	while (pos < seq.body_len &&
	       tl_der_read(seq.body + pos, seq.body_len - pos, &member) == 0) {
		subject_ref *ref;

		pos += member.total_len;
		index++;
		tl_xgrow((void **)&ctl->subjects, &cap, ctl->subject_count + 1,
			 sizeof(tl_ctl_subject));
		memset(&ctl->subjects[ctl->subject_count], 0, sizeof(tl_ctl_subject));
		if (read_subject(dc, &member, index, want, alg_name) != 0)
			continue;
		tl_xgrow((void **)&refs, &refs_cap, ctl->subject_count, sizeof(*refs));
		ref = &refs[ctl->subject_count - 1];
		memset(ref, 0, sizeof(*ref));
		ref->index = index;
		ref->loc = bytes_loc(dc, member.start, member.total_len);
	}
	check_repeats(dc, refs, ctl->subject_count);
	free(refs);
}

static void read_list(decoder *dc)
{
	tl_ctl *ctl = dc->ctl;
	uint8_t *seq;
	size_t seq_len;
	int this_ok, next_ok;
	tl_loc l;

	read_version(dc);
	read_usage(dc);
	if (tl_asn1_read_alloc(dc->list, "listIdentifier", &ctl->list_id, &ctl->list_id_len) !=
	    ASN1_SUCCESS)
		ctl->list_id = NULL;
	if (tl_asn1_read_alloc(dc->list, "sequenceNumber", &seq, &seq_len) == ASN1_SUCCESS) {
		ctl->sequence = tl_xhex(seq, seq_len, true);
		free(seq);
	}
	this_ok = read_time(dc, "ctlThisUpdate", &ctl->this_update);
	next_ok = read_time(dc, "ctlNextUpdate", &ctl->next_update);
	ctl->has_next_update = next_ok == 1;
	if (this_ok == 1 && next_ok == 1 && ctl->next_update < ctl->this_update) {
		char a[32], b[32];
		tl_format_time(ctl->next_update, a);
		tl_format_time(ctl->this_update, b);
		l = field_loc(dc, "ctlNextUpdate");
		report(dc, &l, TL_WARNING, "input-ctl-update-order",
		       "ctlNextUpdate %s is before ctlThisUpdate %s", a, b);
	}
	{
		tl_der alg;
		if (field_tlv(dc, "subjectAlgorithm.algorithm", &alg) == 0)
			ctl->subject_alg = oid_text(dc, &alg, "subjectAlgorithm");
		if (!ctl->subject_alg)
			ctl->subject_alg = tl_xstrdup("");
	}
	read_subjects(dc);
	{
		int len = 0;
		int rc = asn1_read_value(dc->list, "ctlExtensions", NULL, &len);
		ctl->has_extensions = rc == ASN1_SUCCESS || rc == ASN1_MEM_ERROR;
	}
}

/* --------------------------------------------------------- SignedData */

/* The eContent and counts of the SignedData: GnuTLS first, the lenient
 * libtasn1 decoder when it refuses. Returns 0, or -1 when neither works
 * (reported). *econtent is a new buffer or NULL when absent. */
static int signed_data_parts(decoder *dc, const tl_pkcs7_outer *o, uint8_t **econtent,
			     size_t *econtent_len)
{
	gnutls_pkcs7_t p7 = NULL;
	tl_pkcs7_parts parts;
	char *err = NULL;
	int rc = GNUTLS_E_INTERNAL_ERROR;
	/* BER outer layers: GnuTLS judges the copy with definite lengths
	 * (pkcs7.h: libtasn1 refuses some indefinite forms valid BER allows) */
	size_t der_len = o->used;
	uint8_t *reencoded = o->indefinite ? tl_pkcs7_reencode(o, &der_len) : NULL;
	const uint8_t *der = reencoded ? reencoded : o->der;

	*econtent = NULL;
	*econtent_len = 0;
	if (!o->bare && der_len <= UINT_MAX && gnutls_pkcs7_init(&p7) == 0) {
		gnutls_datum_t in = {(unsigned char *)der, (unsigned)der_len};
		gnutls_datum_t raw = {NULL, 0};

		rc = gnutls_pkcs7_import(p7, &in, GNUTLS_X509_FMT_DER);
		if (rc == 0) {
			int n = gnutls_pkcs7_get_signature_count(p7);
			dc->ctl->signer_count = n > 0 ? (size_t)n : 0;
			n = gnutls_pkcs7_get_crt_count(p7);
			dc->ctl->cert_count = n > 0 ? (size_t)n : 0;
			/* RAW: the eContent TLV as written, so the OCTET
			 * STRING form stays visible (without the flag GnuTLS
			 * strips one level of tag either way) */
			if (gnutls_pkcs7_get_embedded_data(p7, GNUTLS_PKCS7_EDATA_GET_RAW, &raw) ==
			    0) {
				*econtent = tl_xmemdup(raw.data, raw.size);
				*econtent_len = raw.size;
				gnutls_free(raw.data);
			} else if (tl_pkcs7_decode_lenient(o, &parts, &err) == 0) {
				/* GnuTLS extracts only what it can read as an
				 * OCTET STRING or a SEQUENCE: take the eContent
				 * as written so its tag is reported */
				*econtent = parts.econtent;
				*econtent_len = parts.econtent_len;
				parts.econtent = NULL;
				tl_pkcs7_parts_free(&parts);
			} else {
				free(err);
			}
			gnutls_pkcs7_deinit(p7);
			free(reencoded);
			return 0;
		}
		gnutls_pkcs7_deinit(p7);
	}
	free(reencoded);
	if (tl_pkcs7_decode_lenient(o, &parts, &err) != 0) {
		if (o->bare)
			report(dc, NULL, TL_ERROR, "input-ctl-unreadable",
			       "SignedData cannot be decoded (libtasn1: %s)", err);
		else
			report(dc, NULL, TL_ERROR, "input-ctl-unreadable",
			       "SignedData cannot be decoded (GnuTLS: %s; libtasn1: %s)",
			       gnutls_name(rc), err);
		free(err);
		return -1;
	}
	if (o->bare)
		report(dc, NULL, TL_WARNING, "input-ctl-no-contentinfo",
		       "SignedData without its ContentInfo wrapper");
	else
		report(dc, NULL, TL_WARNING, "input-ctl-gnutls-rejected",
		       "GnuTLS cannot read the SignedData (%s); read with the lenient decoder",
		       gnutls_name(rc));
	dc->ctl->signer_count = parts.signer_count;
	dc->ctl->cert_count = parts.cert_count;
	*econtent = parts.econtent;
	*econtent_len = parts.econtent_len;
	parts.econtent = NULL;
	tl_pkcs7_parts_free(&parts);
	return 0;
}

static int decode_list(decoder *dc)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	int rc;

	rc = asn1_array2tree(tl_ctl_asn1_tab, &dc->defs, desc);
	if (rc == ASN1_SUCCESS)
		rc = asn1_create_element(dc->defs, "TrustlintCTL.CertificateTrustList", &dc->list);
	if (rc == ASN1_SUCCESS)
		rc = asn1_der_decoding(&dc->list, dc->econtent, (int)dc->econtent_len, desc);
	if (rc != ASN1_SUCCESS) {
		/* libtasn1 starts its description with the (empty) root name
		 * and "::" */
		const char *why = desc + strspn(desc, ": ");
		report(dc, NULL, TL_ERROR, "input-ctl-bad-der",
		       "CertificateTrustList cannot be decoded (libtasn1: %s%s%s)", asn1_strerror(rc),
		       why[0] ? ", " : "", why);
		return -1;
	}
	return 0;
}

tl_ctl *tl_ctl_decode(const uint8_t *der, size_t len, const tl_loc *where, tl_diags *d)
{
	decoder dc;
	tl_pkcs7_outer o;
	uint8_t *econtent = NULL;
	size_t econtent_len = 0;
	tl_ctl *ctl;

	memset(&dc, 0, sizeof(dc));
	dc.where = where ? *where : tl_loc_file(NULL);
	dc.d = d;
	if (tl_pkcs7_peek(der, len, &o) != 0) {
		report(&dc, NULL, TL_ERROR, "input-ctl-not-signeddata",
		       "not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2)");
		return NULL;
	}
	if (o.content_type_len != sizeof(oid_ctl) ||
	    memcmp(o.content_type, oid_ctl, sizeof(oid_ctl)) != 0) {
		char *oid = tl_der_oid_text(o.content_type, o.content_type_len);
		if (oid)
			report(&dc, NULL, TL_ERROR, "input-ctl-not-ctl",
			       "SignedData content type is '%s', not szOID_CTL (1.3.6.1.4.1.311.10.1)",
			       oid);
		else
			report(&dc, NULL, TL_ERROR, "input-ctl-not-ctl",
			       "SignedData content type is a malformed OBJECT IDENTIFIER, not szOID_CTL (1.3.6.1.4.1.311.10.1)");
		free(oid);
		return NULL;
	}
	if (o.used < len) {
		tl_loc l = dc.where;
		if (l.kind == TL_LOC_OFFSET) {
			l.offset += o.used;
			l.length = len - o.used;
		}
		report(&dc, &l, TL_WARNING, "input-ctl-trailing-bytes",
		       "%zu bytes follow the end of the SignedData", len - o.used);
	}
	ctl = tl_xcalloc(1, sizeof(tl_ctl));
	dc.ctl = ctl;
	if (signed_data_parts(&dc, &o, &econtent, &econtent_len) != 0)
		goto fail;
	if (!econtent) {
		report(&dc, NULL, TL_ERROR, "input-ctl-no-content",
		       "SignedData of type szOID_CTL carries no list (eContent absent)");
		goto fail;
	}
	if (econtent_len > 0 && econtent[0] == 0x04) {
		report(&dc, NULL, TL_ERROR, "input-ctl-econtent-octet-string",
		       "the CertificateTrustList is wrapped in an OCTET STRING; Windows rejects this form");
		goto fail;
	}
	if (econtent_len > INT_MAX) {
		report(&dc, NULL, TL_ERROR, "input-ctl-bad-der",
		       "the CertificateTrustList is %zu bytes, too large to decode", econtent_len);
		goto fail;
	}
	if (econtent_len == 0 || econtent[0] != 0x30) {
		report(&dc, NULL, TL_ERROR, "input-ctl-bad-der",
		       "eContent has tag 0x%02x, expected a CertificateTrustList SEQUENCE",
		       econtent_len ? econtent[0] : 0);
		goto fail;
	}
	dc.econtent = econtent;
	dc.econtent_len = econtent_len;
	/* subject-level locations point into the blob only when where is this
	 * blob's own range (a .stl file), not an enclosing element (an .sst
	 * CTL element's header comes first) */
	if (dc.where.kind == TL_LOC_OFFSET && dc.where.length == len) {
		const uint8_t *hit = tl_memmem(der, len, econtent, econtent_len);
		if (hit) {
			dc.refine = true;
			dc.econtent_offset = dc.where.offset + (uint64_t)(hit - der);
		}
	}
	if (decode_list(&dc) != 0)
		goto fail;
	read_list(&dc);
	if (ctl->signer_count == 0)
		report(&dc, NULL, TL_WARNING, "input-ctl-unsigned",
		       "CTL has no signer (SignerInfos is empty)");
	asn1_delete_structure(&dc.list);
	asn1_delete_structure(&dc.defs);
	free(econtent);
	return ctl;
fail:
	asn1_delete_structure(&dc.list);
	asn1_delete_structure(&dc.defs);
	free(econtent);
	tl_ctl_free(ctl);
	return NULL;
}

