/* pkcs7.c: see pkcs7.h.
 *
 * GnuTLS judges well-formed SignedData. When it refuses a blob, libtasn1
 * decodes it from src/formats/ctl.asn, whose definitions tolerate what real writers
 * produce (Wine's bare SignedData, zero-length OIDs), so that the
 * certificates are still linted and the deviation is reported. Once one of
 * them accepts the structure, the certificate and CRL sets are walked here
 * in one pass: gnutls_pkcs7_get_crt_raw2(i) costs O(i) (20,000 certificates
 * took 18 s), and walking gives each member's exact offset for free.
 *
 * BER indefinite lengths on the outer layers (pkcs7.h) are walked here too;
 * GnuTLS and libtasn1 judge a copy re-encoded with definite lengths, while
 * the members are read from the input itself.
 *
 * Diagnostic ids (locations: the caller's, the element at fault up to the
 * end of the blob, or the member's own bytes):
 *   input-pkcs7-not-signeddata       not a PKCS#7 SignedData at all
 *   input-pkcs7-ber-truncated        an indefinite-length layer is cut short:
 *                                    no end-of-contents, half of one, or an
 *                                    element inside that runs past the end
 *   input-pkcs7-ber-too-deep         indefinite lengths nested more than
 *                                    TL_DER_MAX_NESTING deep
 *   input-pkcs7-ber-malformed        other broken BER inside an indefinite
 *                                    length (X.690 8.1.3.2, 8.1.5)
 *   input-pkcs7-unreadable           neither GnuTLS nor libtasn1 can decode it
 *   input-pkcs7-trailing-bytes       bytes after the SignedData
 *   input-pkcs7-bad-content-type     eContentType is not a valid OID (06 00)
 *   input-pkcs7-ber                  (note) outer layers of indefinite length
 *   input-pkcs7-no-contentinfo       a bare SignedData (Wine's CertSaveStore)
 *   input-pkcs7-gnutls-rejected      GnuTLS refuses it; read leniently instead
 *   input-pkcs7-unsupported-member   a certificate set member that is not an
 *                                    X.509 certificate (attribute certificates)
 *   input-pkcs7-member-indefinite    a member with a BER indefinite length
 *   input-pkcs7-member-too-deep      a member nesting indefinite lengths past
 *                                    TL_DER_MAX_NESTING: it and the rest of
 *                                    the set are skipped
 *   input-pkcs7-member-malformed     a member that cannot be walked otherwise
 *                                    (truncated, broken BER): the same
 */
#include "config.h"

#include "formats/pkcs7.h"

#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <libtasn1.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/asn1.h"
#include "base/der.h"
#include "base/util.h"


/* 1.2.840.113549.1.7.2 (RFC 5652 5.1) and 1.3.6.1.4.1.311.10.1 (szOID_CTL,
 * FORMATS.md 3), as DER contents. */
static const uint8_t oid_signed_data[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02};
static const uint8_t oid_ctl[] = {0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x0A, 0x01};

/* The outer layers are read TLV by TLV with tl_der_read_ber, noting
 * whether any has an indefinite length and the first fault, which
 * tl_pkcs7_read reports when the walk fails inside BER (pkcs7.h). */
typedef struct walk {
	const uint8_t *base; /* the input: fault offsets are from here */
	bool indefinite;
	tl_der_fault fault;  /* the first; kind NONE while there is none */
} walk;

static int walk_read(walk *w, const uint8_t *p, size_t n, tl_der *out)
{
	tl_der_fault f;

	if (tl_der_read_ber(p, n, out, &f) == 0) {
		w->indefinite = w->indefinite || out->indefinite;
		return 0;
	}
	if (w->fault.kind == TL_DER_FAULT_NONE) {
		w->fault = f;
		w->fault.at += (size_t)(p - w->base);
	}
	return -1;
}

/* The bytes of parent's contents after child. */
static size_t left_after(const tl_der *parent, const tl_der *child)
{
	return parent->body_len - (size_t)(child->start + child->total_len - parent->body);
}

/* Walk the SignedData body: version, [digestAlgorithms], encapContentInfo
 * and whatever follows. bare: the wrapper is missing, so demand enough of
 * the shape that a PKCS#8 key (INTEGER, SEQUENCE, OCTET STRING) or a
 * PKCS#12 PFX (INTEGER, SEQUENCE, SEQUENCE) is not taken for one. */
static int peek_signed_data(walk *w, const tl_der *sd, bool bare, tl_pkcs7_outer *out)
{
	const uint8_t *p = sd->body;
	size_t n = sd->body_len;
	tl_der version, el, oid, econtent;

	if (walk_read(w, p, n, &version) != 0 || version.tag != 0x02 || version.body_len == 0)
		return -1;
	/* RFC 5652 5.1: CMSVersion is 1, 3, 4 or 5; Wine writes 0 */
	if (bare && (version.body_len != 1 || version.body[0] > 5))
		return -1;
	p += version.total_len;
	n -= version.total_len;
	if (walk_read(w, p, n, &el) != 0)
		return -1;
	if (el.tag == 0x31) { /* digestAlgorithms */
		p += el.total_len;
		n -= el.total_len;
		if (walk_read(w, p, n, &el) != 0)
			return -1;
	}
	if (el.tag != 0x30 || walk_read(w, el.body, el.body_len, &oid) != 0 || oid.tag != 0x06)
		return -1;
	/* eContent [0] EXPLICIT: read here only for its length form, so that
	 * an indefinite one alone still sets out->indefinite */
	if (left_after(&el, &oid) > 0)
		(void)walk_read(w, oid.start + oid.total_len, left_after(&el, &oid), &econtent);
	p += el.total_len;
	n -= el.total_len;
	if (bare) {
		tl_der next;
		/* certificates [0], crls [1] or signerInfos SET must follow */
		if (walk_read(w, p, n, &next) != 0 ||
		    (next.tag != 0xA0 && next.tag != 0xA1 && next.tag != 0x31))
			return -1;
	}
	out->content_type = oid.body;
	out->content_type_len = oid.body_len;
	/* certificates [0] IMPLICIT, crls [1] IMPLICIT: located only; GnuTLS
	 * or libtasn1 judge the whole structure */
	if (n > 0 && walk_read(w, p, n, &el) == 0 && el.tag == 0xA0) {
		out->certs = el.body;
		out->certs_len = el.body_len;
		p += el.total_len;
		n -= el.total_len;
	}
	if (n > 0 && walk_read(w, p, n, &el) == 0 && el.tag == 0xA1) {
		out->crls = el.body;
		out->crls_len = el.body_len;
		p += el.total_len;
		n -= el.total_len;
	}
	/* signerInfos: only its length form matters here */
	if (n > 0)
		(void)walk_read(w, p, n, &el);
	return 0;
}

static int peek(const uint8_t *der, size_t len, tl_pkcs7_outer *out, walk *w)
{
	tl_der top, first, content, sd;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(w, 0, sizeof(*w));
	w->base = der;
	if (!der || walk_read(w, der, len, &top) != 0 || top.tag != 0x30)
		return -1;
	out->der = der;
	out->used = top.total_len;
	if (walk_read(w, top.body, top.body_len, &first) != 0)
		return -1;
	if (first.tag == 0x06) {
		/* ContentInfo { contentType, content [0] EXPLICIT SignedData } */
		if (first.body_len != sizeof(oid_signed_data) ||
		    memcmp(first.body, oid_signed_data, sizeof(oid_signed_data)) != 0)
			return -1;
		if (walk_read(w, first.start + first.total_len, left_after(&top, &first),
			      &content) != 0 ||
		    content.tag != 0xA0)
			return -1;
		if (walk_read(w, content.body, content.body_len, &sd) != 0 || sd.tag != 0x30)
			return -1;
		out->bare = false;
	} else if (first.tag == 0x02) {
		sd = top;
		out->bare = true;
	} else {
		return -1;
	}
	out->signed_data = sd.start;
	out->signed_data_len = sd.total_len;
	rc = peek_signed_data(w, &sd, out->bare, out);
	out->indefinite = w->indefinite;
	return rc;
}

int tl_pkcs7_peek(const uint8_t *der, size_t len, tl_pkcs7_outer *out)
{
	walk w;

	return peek(der, len, out, &w);
}

bool tl_pkcs7_detect(const uint8_t *der, size_t len)
{
	/* SEQUENCE of indefinite length, then OBJECT IDENTIFIER of 9 bytes */
	static const uint8_t ber_head[] = {0x30, 0x80, 0x06, 0x09};
	tl_pkcs7_outer o;

	if (tl_pkcs7_peek(der, len, &o) == 0)
		return true;
	/* pkcs7.h: a BER ContentInfo of type SignedData, broken further on */
	return der && len >= sizeof(ber_head) + sizeof(oid_signed_data) &&
	       memcmp(der, ber_head, sizeof(ber_head)) == 0 &&
	       memcmp(der + sizeof(ber_head), oid_signed_data, sizeof(oid_signed_data)) == 0;
}

bool tl_pkcs7_is_ctl(const uint8_t *der, size_t len)
{
	tl_pkcs7_outer o;

	return tl_pkcs7_peek(der, len, &o) == 0 && o.content_type_len == sizeof(oid_ctl) &&
	       memcmp(o.content_type, oid_ctl, sizeof(oid_ctl)) == 0;
}

/* ------------------------------------------------------- re-encoding */

/* A DER length (X.690 10.1: definite, minimal). */
static void put_length(tl_buf *b, size_t len)
{
	uint8_t octets[sizeof(size_t)];
	size_t k = 0;

	if (len < 0x80) {
		tl_buf_addc(b, (char)len);
		return;
	}
	while (len) {
		octets[k++] = (uint8_t)len;
		len >>= 8;
	}
	tl_buf_addc(b, (char)(0x80 | k));
	while (k)
		tl_buf_addc(b, (char)octets[--k]);
}

/* el with a definite length; its children down to levels - 1 levels the
 * same way, anything deeper copied as written. levels 0, a primitive or a
 * high tag number (none of the outer layers has one): copied as written. */
static void put_definite(tl_buf *out, const tl_der *el, int levels)
{
	tl_buf body = {0};
	size_t pos = 0;
	tl_der child;

	if (levels == 0 || !(el->tag & 0x20) || (el->tag & 0x1F) == 0x1F) {
		tl_buf_add(out, el->start, el->total_len);
		return;
	}
	while (pos < el->body_len) {
		if (tl_der_read_ber(el->body + pos, el->body_len - pos, &child, NULL) != 0) {
			/* left as written, for GnuTLS and libtasn1 to refuse */
			tl_buf_add(&body, el->body + pos, el->body_len - pos);
			break;
		}
		put_definite(&body, &child, levels - 1);
		pos += child.total_len;
	}
	tl_buf_addc(out, (char)el->tag);
	put_length(out, body.len);
	tl_buf_add(out, body.data, body.len);
	tl_buf_free(&body);
}

/* The contents of el, each child through put, re-encoded with a definite
 * length. A child that cannot be walked is left as written with all that
 * follows, for GnuTLS and libtasn1 to refuse. */
static void put_children(tl_buf *out, const tl_der *el, const tl_pkcs7_outer *outer,
			 void (*put)(tl_buf *, const tl_der *, const tl_pkcs7_outer *))
{
	tl_buf body = {0};
	size_t pos = 0;
	tl_der child;

	while (pos < el->body_len) {
		if (tl_der_read_ber(el->body + pos, el->body_len - pos, &child, NULL) != 0) {
			tl_buf_add(&body, el->body + pos, el->body_len - pos);
			break;
		}
		put(&body, &child, outer);
		pos += child.total_len;
	}
	tl_buf_addc(out, (char)el->tag);
	put_length(out, body.len);
	tl_buf_add(out, body.data, body.len);
	tl_buf_free(&body);
}

/* A child of SignedData: the sets themselves but not their members,
 * encapContentInfo and its [0] but not the eContent (pkcs7.h). */
static void put_signed_data_child(tl_buf *out, const tl_der *el, const tl_pkcs7_outer *outer)
{
	(void)outer;
	put_definite(out, el, el->tag == 0x30 ? 2 : 1);
}

/* A child of the ContentInfo's [0]: the SignedData the peek found, or
 * anything else as written. */
static void put_content_child(tl_buf *out, const tl_der *el, const tl_pkcs7_outer *outer)
{
	if (el->start == outer->signed_data)
		put_children(out, el, outer, put_signed_data_child);
	else
		tl_buf_add(out, el->start, el->total_len);
}

/* A child of the ContentInfo: its [0], or anything else as written. */
static void put_content_info_child(tl_buf *out, const tl_der *el, const tl_pkcs7_outer *outer)
{
	if (el->tag == 0xA0)
		put_children(out, el, outer, put_content_child);
	else
		tl_buf_add(out, el->start, el->total_len);
}

uint8_t *tl_pkcs7_reencode(const tl_pkcs7_outer *outer, size_t *len)
{
	tl_buf out = {0};
	tl_der top;

	*len = 0;
	if (!outer->der || tl_der_read_ber(outer->der, outer->used, &top, NULL) != 0)
		return NULL;
	if (outer->bare)
		put_children(&out, &top, outer, put_signed_data_child);
	else
		put_children(&out, &top, outer, put_content_info_child);
	*len = out.len;
	return (uint8_t *)tl_buf_steal(&out);
}

/* ------------------------------------------------------------ libtasn1 */


/* Members of a SET OF; 0 when absent. */
static size_t member_count(asn1_node node, const char *set, bool *present)
{
	int n = 0, rc = asn1_number_of_elements(node, set, &n);

	if (present)
		*present = rc == ASN1_SUCCESS;
	return rc == ASN1_SUCCESS && n > 0 ? (size_t)n : 0;
}

static int decode_node(asn1_node defs, const char *type, const uint8_t *der, size_t len,
		       asn1_node *node, char **err)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	int rc;

	if (len > INT_MAX) {
		*err = tl_xasprintf("%s: %zu bytes is too large to decode", type, len);
		return -1;
	}
	rc = asn1_create_element(defs, type, node);
	if (rc == ASN1_SUCCESS)
		rc = asn1_der_decoding(node, der, (int)len, desc);
	if (rc != ASN1_SUCCESS) {
		/* libtasn1 starts its description with the (empty) root name
		 * and "::" */
		const char *why = desc + strspn(desc, ": ");
		*err = tl_xasprintf("%s: %s%s%s", type, asn1_strerror(rc), why[0] ? ", " : "", why);
		return -1;
	}
	return 0;
}

static int decode_lenient(const tl_pkcs7_outer *outer, tl_pkcs7_parts *out, char **err)
{
	char desc[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = "";
	asn1_node defs = NULL, ci = NULL, sd = NULL;
	uint8_t *content = NULL;
	size_t content_len = 0;
	const uint8_t *sd_der = outer->signed_data;
	size_t sd_len = outer->signed_data_len;
	int rc, ret = -1;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	rc = asn1_array2tree(tl_ctl_asn1_tab, &defs, desc);
	if (rc != ASN1_SUCCESS) {
		*err = tl_xasprintf("src/formats/ctl.asn: %s %s", asn1_strerror(rc), desc);
		goto out;
	}
	if (!outer->bare) {
		/* decode the wrapper too: it validates what the peek skipped
		 * (nothing may follow the content) */
		if (decode_node(defs, "TrustlintCTL.ContentInfo", outer->der, outer->used, &ci,
				err) != 0)
			goto out;
		rc = tl_asn1_read_alloc(ci, "content", &content, &content_len);
		if (rc != ASN1_SUCCESS) {
			*err = tl_xasprintf("ContentInfo.content: %s", asn1_strerror(rc));
			goto out;
		}
		sd_der = content;
		sd_len = content_len;
	}
	if (decode_node(defs, "TrustlintCTL.SignedData", sd_der, sd_len, &sd, err) != 0)
		goto out;
	/* counts only: members are walked by the caller (pkcs7.h) */
	out->cert_count = member_count(sd, "certificates", NULL);
	out->crl_count = member_count(sd, "crls", NULL);
	out->signer_count = member_count(sd, "signerInfos", &out->has_signer_infos);
	(void)member_count(sd, "digestAlgorithms", &out->has_digest_algorithms);
	rc = tl_asn1_read_alloc(sd, "encapContentInfo.eContent", &out->econtent, &out->econtent_len);
	if (rc != ASN1_SUCCESS && rc != ASN1_ELEMENT_NOT_FOUND) {
		*err = tl_xasprintf("SignedData.encapContentInfo.eContent: %s", asn1_strerror(rc));
		goto out;
	}
	ret = 0;
out:
	free(content);
	asn1_delete_structure(&sd);
	asn1_delete_structure(&ci);
	asn1_delete_structure(&defs);
	if (ret != 0)
		tl_pkcs7_parts_free(out);
	return ret;
}

int tl_pkcs7_decode_lenient(const tl_pkcs7_outer *outer, tl_pkcs7_parts *out, char **err)
{
	tl_pkcs7_outer definite;
	uint8_t *copy;
	size_t copy_len;
	int rc = -1;

	if (!outer->indefinite)
		return decode_lenient(outer, out, err);
	/* libtasn1 does not read every indefinite length (pkcs7.h) */
	copy = tl_pkcs7_reencode(outer, &copy_len);
	if (copy && tl_pkcs7_peek(copy, copy_len, &definite) == 0) {
		rc = decode_lenient(&definite, out, err);
	} else {
		memset(out, 0, sizeof(*out));
		*err = tl_xstrdup("the SignedData cannot be re-encoded with definite lengths");
	}
	free(copy);
	return rc;
}

void tl_pkcs7_parts_free(tl_pkcs7_parts *p)
{
	if (!p)
		return;
	free(p->econtent);
	memset(p, 0, sizeof(*p));
}

/* -------------------------------------------------------------- reading */

/* GnuTLS's stable name of an error code (STYLE.md: wrap library errors
 * once, by name, so golden files do not depend on message wording). */
static const char *gnutls_name(int rc)
{
	const char *name = gnutls_strerror_name(rc);

	return name ? name : "unknown GnuTLS error";
}

typedef struct reader {
	const uint8_t *der;
	size_t len;
	tl_loc where;
	tl_store *store;
	tl_diags *d;
	int added;
} reader;

/* The location of member bytes inside the blob: their own offset and
 * length in a binary file (pkcs7.h), else the caller's location. */
static tl_loc member_loc(const reader *r, const tl_der *member)
{
	if (r->where.kind != TL_LOC_OFFSET)
		return r->where;
	return tl_loc_offset(r->where.file, r->where.offset + (uint64_t)(member->start - r->der),
			     member->total_len);
}

/* Every member of certificates [0] or crls [1], in one pass. Only the
 * plain X.509 choice (a DER SEQUENCE) is read: RFC 5652 10.2.2 also allows
 * attribute certificates and other formats, which are noted. GnuTLS and
 * libtasn1 take the members as ANY, so they accept what cannot be read as
 * an entry (a BER or unwalkable member); every member not read says why
 * at its own bytes. */
static void read_members(reader *r, const uint8_t *set, size_t set_len, tl_entry_kind kind)
{
	const char *what = kind == TL_ENTRY_CERT ? "certificate" : "CRL";
	size_t pos = 0, index = 0;
	tl_der member;

	while (pos < set_len) {
		tl_der_fault why;
		tl_loc l;

		index++;
		if (tl_der_read_ber(set + pos, set_len - pos, &member, &why) != 0) {
			/* its end is unknown, and so where the next one starts */
			const char *id = why.kind == TL_DER_FAULT_TOO_DEEP
						 ? "input-pkcs7-member-too-deep"
						 : "input-pkcs7-member-malformed";

			member.start = set + pos;
			member.total_len = set_len - pos;
			l = member_loc(r, &member);
			if (why.at == 0)
				tl_diag_add(r->d, TL_ERROR, id, &l,
					    "%s set member %zu cannot be read: it (tag 0x%02x) %s; skipped with the rest of the set (%zu bytes)",
					    what, index, why.tag, tl_der_fault_text(why.kind),
					    set_len - pos);
			else
				tl_diag_add(r->d, TL_ERROR, id, &l,
					    "%s set member %zu cannot be read: an element with tag 0x%02x in it %s; skipped with the rest of the set (%zu bytes)",
					    what, index, why.tag, tl_der_fault_text(why.kind),
					    set_len - pos);
			return;
		}
		l = member_loc(r, &member);
		pos += member.total_len;
		if (member.indefinite) {
			/* RFC 5280 4.1 and 5.1: certificates and CRLs are DER,
			 * and their signatures cover DER bytes */
			tl_diag_add(r->d, TL_ERROR, "input-pkcs7-member-indefinite", &l,
				    "%s set member %zu has a BER indefinite length, and an X.509 %s must be DER; skipped",
				    what, index, what);
			continue;
		}
		if (member.tag != 0x30) {
			tl_diag_add(r->d, TL_NOTE, "input-pkcs7-unsupported-member", &l,
				    "%s set member %zu has tag 0x%02x, not an X.509 %s; skipped", what,
				    index, member.tag, what);
			continue;
		}
		{
			tl_entry *e = tl_entry_new(kind, member.start, member.total_len);
			e->origin.loc = l;
			e->origin.reg_key = NULL;
			tl_entry_finish(e, r->d);
			tl_store_add(r->store, e);
			r->added++;
		}
	}
}

/* GnuTLS's judgement of a ContentInfo. Returns 0 when it reads it. */
static int gnutls_accepts(const uint8_t *der, size_t len, int *gnutls_rc)
{
	gnutls_pkcs7_t p7 = NULL;
	gnutls_datum_t in;
	int rc;

	if (len > UINT_MAX) {
		*gnutls_rc = GNUTLS_E_MEMORY_ERROR;
		return -1;
	}
	rc = gnutls_pkcs7_init(&p7);
	if (rc == 0) {
		in.data = (unsigned char *)der;
		in.size = (unsigned)len;
		rc = gnutls_pkcs7_import(p7, &in, GNUTLS_X509_FMT_DER);
		gnutls_pkcs7_deinit(p7);
	}
	*gnutls_rc = rc;
	return rc < 0 ? -1 : 0;
}

/* The walk of the outer layers failed inside an indefinite length: say
 * where and how, at the element at fault up to the end of the blob. */
static void report_ber_fault(const reader *r, const tl_der_fault *f)
{
	tl_loc l = r->where;
	const char *id;

	if (l.kind == TL_LOC_OFFSET) {
		l.offset += f->at;
		l.length = r->len - f->at;
	}
	switch (f->kind) {
	case TL_DER_FAULT_TRUNCATED:
	case TL_DER_FAULT_NO_EOC:
	case TL_DER_FAULT_CUT_EOC:
		id = "input-pkcs7-ber-truncated";
		break;
	case TL_DER_FAULT_TOO_DEEP:
		id = "input-pkcs7-ber-too-deep";
		break;
	default:
		id = "input-pkcs7-ber-malformed";
		break;
	}
	tl_diag_add(r->d, TL_ERROR, id, &l,
		    "SignedData with indefinite lengths cannot be read: the element with tag 0x%02x %s",
		    f->tag, tl_der_fault_text(f->kind));
}

int tl_pkcs7_read(const uint8_t *der, size_t len, const tl_loc *where, tl_store *store,
		  tl_diags *d)
{
	tl_pkcs7_outer o;
	tl_pkcs7_parts parts;
	reader r;
	walk w;
	char *err = NULL, *oid;
	int gnutls_rc = 0;

	memset(&r, 0, sizeof(r));
	r.der = der;
	r.len = len;
	r.where = where ? *where : tl_loc_file(NULL);
	r.store = store;
	r.d = d;
	if (peek(der, len, &o, &w) != 0) {
		/* a DER blob that does not fit keeps the old message: it may
		 * be anything; a broken indefinite length is BER PKCS#7 */
		if (w.fault.kind != TL_DER_FAULT_NONE && w.fault.indefinite)
			report_ber_fault(&r, &w.fault);
		else
			tl_diag_add(d, TL_ERROR, "input-pkcs7-not-signeddata", &r.where,
				    "not a PKCS#7 SignedData (no ContentInfo of type 1.2.840.113549.1.7.2)");
		return -1;
	}
	if (o.used < len) {
		tl_loc l = r.where;
		if (l.kind == TL_LOC_OFFSET) {
			l.offset += o.used;
			l.length = len - o.used;
		}
		tl_diag_add(d, TL_WARNING, "input-pkcs7-trailing-bytes", &l,
			    "%zu bytes follow the end of the SignedData", len - o.used);
	}
	oid = tl_der_oid_text(o.content_type, o.content_type_len);
	if (!oid)
		tl_diag_add(d, TL_WARNING, "input-pkcs7-bad-content-type", &r.where,
			    "encapsulated content type is %s OBJECT IDENTIFIER",
			    o.content_type_len ? "a malformed" : "a zero-length");
	free(oid);
	/* RFC 5652 1: CMS is BER, so this is allowed; said because DER-only
	 * tools refuse it, and GnuTLS and libtasn1 are given a definite-length
	 * copy (pkcs7.h) while the members are read in place */
	if (o.indefinite)
		tl_diag_add(d, TL_NOTE, "input-pkcs7-ber", &r.where,
			    "SignedData is BER: its outer layers have indefinite lengths; checked as re-encoded with definite lengths, certificates read as written");
	/* GnuTLS reads only the ContentInfo form: a bare SignedData goes to
	 * the lenient decoder directly */
	if (o.bare) {
		tl_diag_add(d, TL_WARNING, "input-pkcs7-no-contentinfo", &r.where,
			    "SignedData without its ContentInfo wrapper (as Wine's CertSaveStore writes it); GnuTLS and OpenSSL cannot read it");
	} else {
		size_t judged_len = o.used;
		uint8_t *definite = o.indefinite ? tl_pkcs7_reencode(&o, &judged_len) : NULL;
		int rc = gnutls_accepts(definite ? definite : der, judged_len, &gnutls_rc);

		free(definite);
		if (rc == 0)
			goto members;
	}
	if (tl_pkcs7_decode_lenient(&o, &parts, &err) != 0) {
		if (o.bare)
			tl_diag_add(d, TL_ERROR, "input-pkcs7-unreadable", &r.where,
				    "SignedData cannot be decoded (libtasn1: %s)", err);
		else
			tl_diag_add(d, TL_ERROR, "input-pkcs7-unreadable", &r.where,
				    "SignedData cannot be decoded (GnuTLS: %s; libtasn1: %s)",
				    gnutls_name(gnutls_rc), err);
		free(err);
		return -1;
	}
	tl_pkcs7_parts_free(&parts);
	if (!o.bare)
		tl_diag_add(d, TL_WARNING, "input-pkcs7-gnutls-rejected", &r.where,
			    "GnuTLS cannot read the SignedData (%s); certificates read with the lenient decoder",
			    gnutls_name(gnutls_rc));
members:
	/* the structure is valid (GnuTLS or libtasn1 said so): walk it in
	 * the input, so that every entry keeps its offset in the file */
	if (o.certs)
		read_members(&r, o.certs, o.certs_len, TL_ENTRY_CERT);
	if (o.crls)
		read_members(&r, o.crls, o.crls_len, TL_ENTRY_CRL);
	return r.added;
}
