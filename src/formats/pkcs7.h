/* pkcs7.h: PKCS#7 SignedData containers (.p7b; FORMATS.md 4) via GnuTLS.
 *
 * Entries read from a PKCS#7 have no store properties. Their origin is the
 * location given by the caller (the blob's offset in a binary file, or the
 * PEM block's line), refined to the certificate's own offset inside the
 * blob when the blob is at a byte offset in a binary file. */
#ifndef TL_PKCS7_H
#define TL_PKCS7_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/store.h"

/* Content type of a ContentInfo: 1 SignedData (any eContentType), 0
 * otherwise. Looks only at the outer structure; never fails. DER or BER
 * with indefinite lengths on the outer layers (tl_pkcs7_peek); a ContentInfo
 * of type SignedData that starts with an indefinite length is taken as
 * PKCS#7 even when its end is missing, so that tl_pkcs7_read says where it
 * breaks (no DER certificate starts with 30 80). */
bool tl_pkcs7_detect(const uint8_t *der, size_t len);
/* True when the SignedData's eContentType is szOID_CTL (1.3.6.1.4.1.311.10.1):
 * a certificate trust list, not a certificate bag. */
bool tl_pkcs7_is_ctl(const uint8_t *der, size_t len);

/* Add every certificate and CRL of the SignedData to store (each finished
 * with tl_entry_finish). Returns the number of entries added, or -1 when the
 * blob is not readable PKCS#7 (reported at where). */
int tl_pkcs7_read(const uint8_t *der, size_t len, const tl_loc *where, tl_store *store,
		  tl_diags *d);

/* The outer layout of a SignedData, found by a bounded walk without
 * GnuTLS (FORMATS.md 1: detect by content): a ContentInfo of type
 * SignedData, or a bare SignedData without that wrapper, which Wine's
 * CertSaveStore(CERT_STORE_SAVE_AS_PKCS7) writes (testdata/fixtures/wine/
 * *.p7b). tl_pkcs7_detect() and tl_pkcs7_is_ctl() accept both forms.
 *
 * CMS is BER (RFC 5652 1): the outer layers (ContentInfo, its [0],
 * SignedData and its sets, encapContentInfo and its [0]) may have
 * indefinite lengths, as OpenSSL's streaming output and some Windows and
 * Java tools write them (testdata/ber/). Certificates and CRLs are taken as
 * written; they must be DER (RFC 5280 4.1, 5.1).
 *
 * Pointers borrow from the input: offsets into it are offsets in the file. */
typedef struct tl_pkcs7_outer {
	bool bare;                   /* no ContentInfo wrapper */
	bool indefinite;             /* an outer layer has an indefinite length:
				      * GnuTLS and libtasn1 judge the
				      * tl_pkcs7_reencode() copy instead */
	const uint8_t *der;          /* the outermost TLV: the input's start */
	size_t used;                 /* its length; bytes after it are trailing */
	const uint8_t *signed_data;  /* the SignedData SEQUENCE, whole TLV */
	size_t signed_data_len;
	const uint8_t *content_type; /* eContentType OID contents (may be empty) */
	size_t content_type_len;
	/* The contents of certificates [0] and crls [1] when present and
	 * well-formed TLVs (NULL otherwise): their members are walked here
	 * in one pass, because reading member N through GnuTLS or libtasn1
	 * costs O(N) and a store of 20,000 certificates took 18 s. */
	const uint8_t *certs;
	size_t certs_len;
	const uint8_t *crls;
	size_t crls_len;
} tl_pkcs7_outer;

/* Returns 0 and fills *out when der starts with a SignedData in either
 * form, else -1. */
int tl_pkcs7_peek(const uint8_t *der, size_t len, tl_pkcs7_outer *out);

/* A copy of the SignedData located by tl_pkcs7_peek() (with its ContentInfo
 * unless bare) whose outer layers have definite lengths (X.690 8.1.3.3),
 * everything inside them copied as written: DER when only the outer layers
 * were BER. Bytes after the SignedData are left out. For GnuTLS and
 * libtasn1, which read indefinite lengths but not all of them: libtasn1
 * 4.19, and gnutls_pkcs7_import through it, fail on an empty SET OF with
 * an indefinite length (31 80 00 00: GNUTLS_E_ASN1_TAG_ERROR), which a
 * certificate bag without signers has twice. Returns a new buffer (free()
 * it) and its length in *len, or NULL when outer is not from a successful
 * tl_pkcs7_peek(). Offsets in the copy are not offsets in the file. */
uint8_t *tl_pkcs7_reencode(const tl_pkcs7_outer *outer, size_t *len);

/* A SignedData decoded with libtasn1 (src/formats/ctl.asn), tolerant of what real
 * writers get wrong (no ContentInfo, no digestAlgorithms or signerInfos,
 * zero-length OIDs): the fallback when GnuTLS refuses a blob. Owns its
 * eContent copy; release with tl_pkcs7_parts_free(). */
typedef struct tl_pkcs7_parts {
	size_t cert_count;    /* members of certificates [0] */
	size_t crl_count;     /* members of crls [1] */
	uint8_t *econtent;    /* the TLV under eContent [0] EXPLICIT, or NULL */
	size_t econtent_len;
	size_t signer_count;
	bool has_digest_algorithms;
	bool has_signer_infos;
} tl_pkcs7_parts;

/* Decode the SignedData located by tl_pkcs7_peek() (its tl_pkcs7_reencode()
 * copy when outer->indefinite). Returns 0, or -1 with *err set (libtasn1's
 * error name and the failing field; free() it). */
int tl_pkcs7_decode_lenient(const tl_pkcs7_outer *outer, tl_pkcs7_parts *out, char **err);
void tl_pkcs7_parts_free(tl_pkcs7_parts *p);

#endif
