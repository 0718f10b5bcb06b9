/* ctlsig.c: see ctlsig.h.
 *
 * GnuTLS does the cryptography: gnutls_pkcs7_verify_direct() checks the
 * signed messageDigest against the content and the signature over the
 * signed attributes. For an eContent that is not an OCTET STRING it digests
 * the contents octets without tag and length ("used by
 * MICROSOFT_CERT_TRUST_LIST", GnuTLS lib/x509/pkcs7.c), as Windows does
 * for a CTL (testdata/gen/ctl_lists.py). What GnuTLS does not do is found
 * here: the signer's certificate (GnuTLS's own search trusts a name and
 * checks chains), the outer BER layers (formats/pkcs7.c re-encodes them),
 * and the bounds: libtasn1 reads member N of a SET by walking N members, so
 * the sets GnuTLS is asked to walk are counted here first. */
#include "config.h"

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ctlsig.h"
#include "formats/pkcs7.h"
#include "base/der.h"
#include "base/util.h"

/* A SignerInfo with more attributes than this is refused before GnuTLS
 * reads it (a Windows CTL's has three signed ones; a timestamp adds one
 * unsigned). */
#define MAX_ATTRS 64u
/* SignerInfos counted; only the first is checked. */
#define MAX_SIGNERS 1024u

#define ATTR_MESSAGE_DIGEST "1.2.840.113549.1.9.4"

/* RFC 5652 3: id-signedData, 1.2.840.113549.1.7.2, as an OID TLV */
static const uint8_t oid_signed_data_tlv[] = {0x06, 0x09, 0x2A, 0x86, 0x48, 0x86,
					      0xF7, 0x0D, 0x01, 0x07, 0x02};

static void settle(tl_ctlsig *out, tl_ctlsig_status status, const char *fmt, ...) TL_PRINTF(3, 4);

static void settle(tl_ctlsig *out, tl_ctlsig_status status, const char *fmt, ...)
{
	va_list ap;

	out->status = status;
	free(out->reason);
	va_start(ap, fmt);
	out->reason = tl_xvasprintf(fmt, ap);
	va_end(ap);
}

/* GnuTLS's stable name of an error code (STYLE.md). */
static const char *gnutls_name(int rc)
{
	const char *name = gnutls_strerror_name(rc);

	return name ? name : "unknown GnuTLS error";
}

const char *tl_ctlsig_status_name(tl_ctlsig_status status)
{
	static const char *const names[] = {
		[TL_CTLSIG_VALID] = "valid",
		[TL_CTLSIG_INVALID] = "invalid",
		[TL_CTLSIG_NO_SIGNER] = "no-signer",
		[TL_CTLSIG_UNSUPPORTED] = "unsupported",
		[TL_CTLSIG_MALFORMED] = "malformed",
	};

	if ((size_t)status >= sizeof(names) / sizeof(names[0]) || !names[status])
		return "unknown";
	return names[status];
}

/* ---------------------------------------------------- the DER walked here */

/* Members of a constructed value's contents, each a definite TLV. Returns
 * the count, or -1 when a member cannot be read or there are more than max. */
static long count_members(const uint8_t *p, size_t n, size_t max)
{
	size_t count = 0;
	tl_der el;

	while (n > 0) {
		if (tl_der_read(p, n, &el) != 0 || ++count > max)
			return -1;
		p += el.total_len;
		n -= el.total_len;
	}
	return (long)count;
}

/* Copy the members of certificates [0] that are certificates (RFC 5652
 * 10.2.3: a SEQUENCE; the [0]..[3] choices are other kinds, left out). */
static int copy_certs(const tl_pkcs7_outer *outer, tl_ctlsig *out)
{
	const uint8_t *p = outer->certs;
	size_t n = outer->certs_len;
	tl_der el;

	while (p && n > 0) {
		if (tl_der_read(p, n, &el) != 0) {
			settle(out, TL_CTLSIG_MALFORMED,
			       "certificate %zu of the SignedData is not a DER element",
			       out->cert_count + 1);
			return -1;
		}
		if (el.tag == 0x30) {
			if (out->cert_count == TL_CTLSIG_MAX_CERTS) {
				settle(out, TL_CTLSIG_MALFORMED,
				       "the SignedData carries more than %u certificates",
				       TL_CTLSIG_MAX_CERTS);
				return -1;
			}
			out->certs = tl_xrealloc(out->certs, (out->cert_count + 1) * sizeof(*out->certs));
			out->cert_lens = tl_xrealloc(out->cert_lens,
						     (out->cert_count + 1) * sizeof(*out->cert_lens));
			out->certs[out->cert_count] = tl_xmemdup(el.start, el.total_len);
			out->cert_lens[out->cert_count] = el.total_len;
			out->cert_count++;
		}
		p += el.total_len;
		n -= el.total_len;
	}
	return 0;
}

/* Count the SignerInfos and the first one's attributes in the definite
 * SignedData sd (RFC 5652 5.1: signerInfos is its last member, after
 * version, digestAlgorithms and encapContentInfo; 5.3: signedAttrs [0] and
 * unsignedAttrs [1], constructed). */
static int walk_signers(const uint8_t *sd, size_t sd_len, tl_ctlsig *out)
{
	tl_der top, el, signers = {0}, first;
	const uint8_t *p;
	size_t n, index = 0;
	long count;

	if (tl_der_read(sd, sd_len, &top) != 0)
		goto malformed;
	for (p = top.body, n = top.body_len; n > 0; p += el.total_len, n -= el.total_len) {
		if (tl_der_read(p, n, &el) != 0)
			goto malformed;
		if (index++ >= 3 && el.tag == 0x31)
			signers = el;
	}
	if (!signers.start || signers.body_len == 0)
		return 0;
	count = count_members(signers.body, signers.body_len, MAX_SIGNERS);
	if (count < 0) {
		settle(out, TL_CTLSIG_MALFORMED, "the SignedData has more than %u SignerInfos",
		       MAX_SIGNERS);
		return -1;
	}
	out->signer_count = (size_t)count;
	if (tl_der_read(signers.body, signers.body_len, &first) != 0)
		goto malformed;
	for (p = first.body, n = first.body_len; n > 0; p += el.total_len, n -= el.total_len) {
		if (tl_der_read(p, n, &el) != 0)
			goto malformed;
		if ((el.tag == 0xA0 || el.tag == 0xA1) &&
		    count_members(el.body, el.body_len, MAX_ATTRS) < 0) {
			settle(out, TL_CTLSIG_MALFORMED,
			       "the SignerInfo has more than %u %s attributes, or one that is not a DER element",
			       MAX_ATTRS, el.tag == 0xA0 ? "signed" : "unsigned");
			return -1;
		}
	}
	return 0;
malformed:
	settle(out, TL_CTLSIG_MALFORMED, "the SignedData's members are not DER elements");
	return -1;
}

/* A DER identifier and length (X.690 8.1.3: the fewest length octets). */
static void put_header(tl_buf *b, uint8_t tag, size_t len)
{
	uint8_t head[2 + sizeof(size_t)];
	size_t k = 0, used = 2;

	head[0] = tag;
	if (len < 0x80) {
		head[1] = (uint8_t)len;
	} else {
		while (k < sizeof(size_t) && (len >> (8 * k)) != 0)
			k++;
		head[1] = (uint8_t)(0x80 | k);
		for (; k > 0; k--)
			head[used++] = (uint8_t)(len >> (8 * (k - 1)));
	}
	tl_buf_add(b, head, used);
}

/* ContentInfo { id-signedData, [0] EXPLICIT sd }: what gnutls_pkcs7_import
 * wants around a bare SignedData (formats/pkcs7.h). */
static uint8_t *wrap_content_info(const uint8_t *sd, size_t sd_len, size_t *len)
{
	tl_buf inner = {0}, outer = {0};

	tl_buf_add(&inner, oid_signed_data_tlv, sizeof(oid_signed_data_tlv));
	put_header(&inner, 0xA0, sd_len);
	tl_buf_add(&inner, sd, sd_len);
	put_header(&outer, 0x30, inner.len);
	tl_buf_add(&outer, inner.data, inner.len);
	tl_buf_free(&inner);
	*len = outer.len;
	return (uint8_t *)tl_buf_steal(&outer);
}

/* ------------------------------------------------------ finding the signer */

/* Does crt carry the SignerInfo's signer identifier (RFC 5652 5.3)? Only
 * a candidate: the signature decides. */
static bool names_signer(gnutls_x509_crt_t crt, const gnutls_pkcs7_signature_info_st *info)
{
	if (info->issuer_dn.data) {
		gnutls_datum_t issuer = {NULL, 0};
		uint8_t serial[128];
		size_t serial_len = sizeof(serial);
		bool same;

		if (gnutls_x509_crt_get_raw_issuer_dn(crt, &issuer) < 0)
			return false;
		same = issuer.size == info->issuer_dn.size &&
		       memcmp(issuer.data, info->issuer_dn.data, issuer.size) == 0;
		gnutls_free(issuer.data);
		return same && gnutls_x509_crt_get_serial(crt, serial, &serial_len) >= 0 &&
		       serial_len == info->signer_serial.size &&
		       memcmp(serial, info->signer_serial.data, serial_len) == 0;
	}
	if (info->issuer_keyid.data) {
		uint8_t id[256];
		size_t id_len = sizeof(id);
		unsigned critical;

		/* the extension only: RFC 5652 5.3 says the identifier is the
		 * certificate's subjectKeyIdentifier */
		return gnutls_x509_crt_get_subject_key_id(crt, id, &id_len, &critical) >= 0 &&
		       id_len == info->issuer_keyid.size &&
		       memcmp(id, info->issuer_keyid.data, id_len) == 0;
	}
	return false;
}

/* Whether the content's digest equals the signed messageDigest: 1 it
 * differs, 0 it matches, -1 cannot tell (no such attribute). */
static int digest_differs(gnutls_pkcs7_t p7, const gnutls_pkcs7_signature_info_st *info,
			  const char **hash_name)
{
	gnutls_digest_algorithm_t hash = (gnutls_digest_algorithm_t)gnutls_sign_get_hash_algorithm(info->algo);
	gnutls_datum_t content = {NULL, 0};
	uint8_t digest[64];
	int verdict = -1;
	unsigned i;

	*hash_name = gnutls_digest_get_name(hash);
	if (hash == GNUTLS_DIG_UNKNOWN || gnutls_hash_get_len(hash) > sizeof(digest) ||
	    gnutls_pkcs7_get_embedded_data(p7, 0, &content) < 0)
		return -1;
	if (gnutls_hash_fast(hash, content.data, content.size, digest) < 0) {
		gnutls_free(content.data);
		return -1;
	}
	gnutls_free(content.data);
	for (i = 0; i < MAX_ATTRS && verdict < 0; i++) {
		char *oid;
		gnutls_datum_t value = {NULL, 0};
		int rc = gnutls_pkcs7_get_attr(info->signed_attrs, i, &oid, &value,
					       GNUTLS_PKCS7_ATTR_ENCODE_OCTET_STRING);

		if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
			break;
		if (rc == 0 && strcmp(oid, ATTR_MESSAGE_DIGEST) == 0)
			verdict = !(value.size == gnutls_hash_get_len(hash) &&
				    memcmp(value.data, digest, value.size) == 0);
		gnutls_free(value.data);
	}
	return verdict;
}

/* The signer identifier for messages: the issuer's name and serial, or
 * the key identifier, in hex. A new string. */
static char *signer_text(const gnutls_pkcs7_signature_info_st *info)
{
	char *hex, *text;

	if (info->issuer_dn.data) {
		gnutls_datum_t dn = {NULL, 0};

		hex = tl_xhex(info->signer_serial.data, info->signer_serial.size, true);
		if (gnutls_x509_rdn_get2(&info->issuer_dn, &dn, 0) >= 0) {
			text = tl_xasprintf("issuer '%s' serial %s", (const char *)dn.data, hex);
			gnutls_free(dn.data);
		} else {
			text = tl_xasprintf("serial %s of an unreadable issuer name", hex);
		}
	} else {
		hex = tl_xhex(info->issuer_keyid.data, info->issuer_keyid.size, true);
		text = tl_xasprintf("subjectKeyIdentifier %s", hex);
	}
	free(hex);
	return text;
}

/* What a failed gnutls_pkcs7_verify_direct() means. */
static void settle_failure(tl_ctlsig *out, gnutls_pkcs7_t p7,
			   const gnutls_pkcs7_signature_info_st *info, int rc)
{
	const char *hash_name = NULL;

	switch (rc) {
	case GNUTLS_E_PK_SIG_VERIFY_FAILED:
		if (digest_differs(p7, info, &hash_name) == 1)
			settle(out, TL_CTLSIG_INVALID,
			       "the list's %s digest is not the signed messageDigest: the list changed after it was signed",
			       hash_name);
		else
			settle(out, TL_CTLSIG_INVALID,
			       "the signature does not verify with the signer's certificate: another key signed, or the signed attributes changed");
		break;
	case GNUTLS_E_PARSING_ERROR:
		/* verify_hash_attr: a second contentType attribute, or one
		 * that is not the eContentType */
		settle(out, TL_CTLSIG_INVALID,
		       "the signed contentType attribute is repeated or is not the SignedData's content type");
		break;
	case GNUTLS_E_NO_EMBEDDED_DATA:
	case GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE:
		settle(out, TL_CTLSIG_MALFORMED, "the SignedData holds no list to check the signature of");
		break;
	case GNUTLS_E_INSUFFICIENT_SECURITY:
	case GNUTLS_E_UNKNOWN_ALGORITHM:
	case GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM:
	case GNUTLS_E_UNKNOWN_PK_ALGORITHM:
	case GNUTLS_E_CONSTRAINT_ERROR:
		settle(out, TL_CTLSIG_UNSUPPORTED, "GnuTLS cannot check a %s signature (%s)",
		       out->sign_algorithm ? out->sign_algorithm : "signature of this kind",
		       gnutls_name(rc));
		break;
	default:
		settle(out, TL_CTLSIG_INVALID, "the signature does not verify (%s)", gnutls_name(rc));
		break;
	}
}

/* GnuTLS 3.7 gnutls_x509_crt_verify_data3() leaks its public key when the
 * certificate's key cannot be imported (x509.c returns without
 * gnutls_pubkey_deinit), so that case is caught here first. Returns 0 or
 * GnuTLS's error. */
static int key_readable(gnutls_x509_crt_t crt)
{
	gnutls_pubkey_t key = NULL;
	int rc = gnutls_pubkey_init(&key);

	if (rc == 0)
		rc = gnutls_pubkey_import_x509(key, crt, 0);
	gnutls_pubkey_deinit(key);
	return rc;
}

typedef struct candidates {
	const uint8_t *const *der;
	const size_t *lens;
	size_t count;
	bool extra;
} candidates;

/* Look for the signer among one set of certificates. Returns 1 when found
 * and verified (out settled VALID), 0 otherwise; *first_rc keeps the result
 * of the first candidate that named the signer, *matched counts them. */
static int try_signers(gnutls_pkcs7_t p7, const gnutls_pkcs7_signature_info_st *info,
		       const candidates *set, tl_ctlsig *out, size_t *matched, int *first_rc)
{
	/* dates are windows/'s to judge (ctlsig.h); SHA-1 lists exist
	 * (ctlsig.h), MD5 and MD2 stay refused */
	const unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
			       GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS |
			       GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1;
	size_t i;

	for (i = 0; i < set->count; i++) {
		gnutls_x509_crt_t crt = NULL;
		gnutls_datum_t in;
		int rc;

		if (!set->der[i] || set->lens[i] == 0 || set->lens[i] > UINT32_MAX)
			continue;
		in.data = (unsigned char *)set->der[i];
		in.size = (unsigned)set->lens[i];
		if (gnutls_x509_crt_init(&crt) < 0)
			continue;
		if (gnutls_x509_crt_import(crt, &in, GNUTLS_X509_FMT_DER) < 0 ||
		    !names_signer(crt, info)) {
			gnutls_x509_crt_deinit(crt);
			continue;
		}
		rc = key_readable(crt);
		if (rc == 0)
			rc = gnutls_pkcs7_verify_direct(p7, crt, 0, NULL, flags);
		gnutls_x509_crt_deinit(crt);
		if (++*matched == 1)
			*first_rc = rc;
		if (rc >= 0) {
			out->status = TL_CTLSIG_VALID;
			free(out->signer_der);
			out->signer_der = tl_xmemdup(set->der[i], set->lens[i]);
			out->signer_len = set->lens[i];
			out->signer_is_extra = set->extra;
			/* GnuTLS 3.7 x509.c: a verified signature by a key
			 * whose keyUsage leaves out digitalSignature returns
			 * GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE, a positive
			 * value */
			out->signer_lacks_digital_signature = rc > 0;
			return 1;
		}
		if (*matched == 1) {
			out->signer_der = tl_xmemdup(set->der[i], set->lens[i]);
			out->signer_len = set->lens[i];
			out->signer_is_extra = set->extra;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ the check */

static void check_signed(gnutls_pkcs7_t p7, const candidates *carried, const candidates *extra,
			 tl_ctlsig *out)
{
	gnutls_pkcs7_signature_info_st info;
	size_t matched = 0;
	int first_rc = 0;
	int rc;

	memset(&info, 0, sizeof(info));
	rc = gnutls_pkcs7_get_signature_info(p7, 0, &info);
	if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
		settle(out, TL_CTLSIG_UNSUPPORTED, "the SignedData has no SignerInfo: the list is not signed");
		return;
	}
	if (rc == GNUTLS_E_UNKNOWN_ALGORITHM) {
		settle(out, TL_CTLSIG_UNSUPPORTED,
		       "GnuTLS does not know the SignerInfo's signature algorithm");
		return;
	}
	if (rc < 0) {
		settle(out, TL_CTLSIG_MALFORMED, "GnuTLS cannot read the SignerInfo (%s)",
		       gnutls_name(rc));
		return;
	}
	if (gnutls_sign_get_name(info.algo))
		out->sign_algorithm = tl_xstrdup(gnutls_sign_get_name(info.algo));
	/* gnutls_pkcs7_get_signature_info: -1 when there is no signingTime */
	if (info.signing_time != (time_t)-1) {
		out->has_signing_time = true;
		out->signing_time = (int64_t)info.signing_time;
	}
	if (try_signers(p7, &info, carried, out, &matched, &first_rc) == 0 &&
	    try_signers(p7, &info, extra, out, &matched, &first_rc) == 0) {
		if (matched == 0) {
			char *who = signer_text(&info);

			settle(out, TL_CTLSIG_NO_SIGNER,
			       "the signer's certificate (%s) is not carried in the SignedData nor given",
			       who);
			free(who);
		} else {
			settle_failure(out, p7, &info, first_rc);
		}
	}
	gnutls_pkcs7_signature_info_deinit(&info);
}

static void check(const uint8_t *der, size_t len, const candidates *extra, tl_ctlsig *out)
{
	tl_pkcs7_outer outer;
	uint8_t *definite = NULL, *wrapped = NULL;
	const uint8_t *content_info;
	size_t content_info_len;
	gnutls_pkcs7_t p7 = NULL;
	gnutls_datum_t in;
	candidates carried = {NULL, NULL, 0, false};
	int rc;

	if (len > TL_CTLSIG_MAX_INPUT) {
		settle(out, TL_CTLSIG_MALFORMED, "the list is %zu bytes, more than the %u read", len,
		       TL_CTLSIG_MAX_INPUT);
		return;
	}
	if (tl_pkcs7_peek(der, len, &outer) != 0) {
		settle(out, TL_CTLSIG_MALFORMED, "not a PKCS#7 SignedData");
		return;
	}
	if (copy_certs(&outer, out) != 0)
		return;
	content_info = outer.bare ? outer.signed_data : outer.der;
	content_info_len = outer.bare ? outer.signed_data_len : outer.used;
	if (outer.indefinite) {
		definite = tl_pkcs7_reencode(&outer, &content_info_len);
		if (!definite) {
			settle(out, TL_CTLSIG_MALFORMED, "the SignedData's BER layers cannot be read");
			return;
		}
		content_info = definite;
	}
	if (outer.bare) {
		wrapped = wrap_content_info(content_info, content_info_len, &content_info_len);
		content_info = wrapped;
	}
	if (content_info_len > UINT32_MAX) {
		settle(out, TL_CTLSIG_MALFORMED, "the SignedData is too big for GnuTLS");
		goto done;
	}
	rc = gnutls_pkcs7_init(&p7);
	if (rc < 0) {
		settle(out, TL_CTLSIG_MALFORMED, "GnuTLS cannot read the SignedData (%s)", gnutls_name(rc));
		goto done;
	}
	in.data = (unsigned char *)content_info;
	in.size = (unsigned)content_info_len;
	rc = gnutls_pkcs7_import(p7, &in, GNUTLS_X509_FMT_DER);
	if (rc < 0) {
		settle(out, TL_CTLSIG_MALFORMED, "GnuTLS cannot read the SignedData (%s)", gnutls_name(rc));
		goto done;
	}
	/* the SignedData inside the (definite) ContentInfo: its [0]'s body */
	{
		tl_der ci, oid, explicit_;

		if (tl_der_read(content_info, content_info_len, &ci) != 0 ||
		    tl_der_read(ci.body, ci.body_len, &oid) != 0 ||
		    tl_der_read(oid.start + oid.total_len, ci.body_len - oid.total_len, &explicit_) != 0 ||
		    walk_signers(explicit_.body, explicit_.body_len, out) != 0) {
			if (out->status != TL_CTLSIG_MALFORMED)
				settle(out, TL_CTLSIG_MALFORMED, "the SignedData's members are not DER elements");
			goto done;
		}
	}
	carried.der = (const uint8_t *const *)out->certs;
	carried.lens = out->cert_lens;
	carried.count = out->cert_count;
	check_signed(p7, &carried, extra, out);
done:
	gnutls_pkcs7_deinit(p7);
	free(definite);
	free(wrapped);
}

int tl_ctlsig_check(const uint8_t *der, size_t len, const uint8_t *const *extra,
		    const size_t *extra_lens, size_t extra_count, tl_ctlsig *out)
{
	candidates given = {extra, extra_lens, extra_count, true};

	if (!out || (!der && len > 0) || (extra_count > 0 && (!extra || !extra_lens)))
		return -1;
	memset(out, 0, sizeof(*out));
	check(der, len, &given, out);
	if (out->status != TL_CTLSIG_VALID && !out->reason)
		settle(out, out->status, "the signature could not be checked");
	if (out->status == TL_CTLSIG_VALID) {
		free(out->reason);
		out->reason = NULL;
	}
	return 0;
}

void tl_ctlsig_free(tl_ctlsig *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->cert_count; i++)
		free(s->certs[i]);
	free(s->certs);
	free(s->cert_lens);
	free(s->reason);
	free(s->signer_der);
	free(s->sign_algorithm);
	memset(s, 0, sizeof(*s));
}
