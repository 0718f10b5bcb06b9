/* ctlsig.h: whether a certificate trust list's PKCS#7 signature verifies
 * (FORMATS.md 3 and 7), with GnuTLS.
 *
 * Only the signature is judged here: the SignerInfo's signature against the
 * certificate it names, and the signed messageDigest against the list.
 * Whether that certificate chains to a trusted root, is valid at the list's
 * date or may sign lists is for windows/ to say.
 *
 * Ownership: tl_ctlsig_check() fills a tl_ctlsig whose strings and buffers
 * are its own copies; tl_ctlsig_free() releases them (not the struct). The
 * input and the extra certificates are borrowed for the call only. */
#ifndef TL_CTLSIG_H
#define TL_CTLSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bounds on what one check takes from its input: a CTL bigger than this is
 * not read (Microsoft's authroot.stl is about 300 KB), nor a SignedData
 * carrying more certificates (authroot.stl carries one or two). */
#define TL_CTLSIG_MAX_INPUT (64u * 1024u * 1024u)
#define TL_CTLSIG_MAX_CERTS 1024u

typedef enum tl_ctlsig_status {
	TL_CTLSIG_VALID = 0,   /* a SignerInfo's signature verifies with the signer's certificate */
	TL_CTLSIG_INVALID,     /* it does not: content or signed attributes changed, or the
				* certificate found is not the one that signed */
	TL_CTLSIG_NO_SIGNER,   /* the signer's certificate is neither in the SignedData nor
				* among the extra certificates given: cannot be checked */
	TL_CTLSIG_UNSUPPORTED, /* no SignerInfo, or an algorithm GnuTLS cannot check */
	TL_CTLSIG_MALFORMED,   /* not a PKCS#7 SignedData */
} tl_ctlsig_status;

typedef struct tl_ctlsig {
	tl_ctlsig_status status;
	char *reason;             /* one line for messages when not VALID (new string), else NULL */
	uint8_t *signer_der;      /* the signer's certificate (a copy) when found, else NULL */
	size_t signer_len;
	uint8_t **certs;          /* every certificate carried in the SignedData (copies) */
	size_t *cert_lens;
	size_t cert_count;
	bool has_signing_time;    /* the signingTime signed attribute */
	int64_t signing_time;     /* Unix seconds */
	/* Added beside the fields above: */
	size_t signer_count;      /* SignerInfos in the SignedData; the first is checked */
	char *sign_algorithm;     /* GnuTLS's name of the SignerInfo's signature algorithm
				   * ("RSA-SHA256"), NULL when GnuTLS does not know it */
	bool signer_is_extra;     /* signer_der came from the extra certificates */
	bool signer_lacks_digital_signature; /* VALID, but the signer's keyUsage
					      * extension leaves out digitalSignature
					      * (RFC 5280 4.2.1.3) */
} tl_ctlsig;

/* Check the PKCS#7 signature of a CTL (der: the ContentInfo as a .stl file or an EncodedCtl
 * value holds it). extra: certificates to look for the signer among besides those carried
 * (extra_count of them; NULL when none). Returns 0 with *out filled (free with
 * tl_ctlsig_free), -1 only on bad arguments. Never prints; never trusts names alone.
 *
 * The first SignerInfo is checked (Microsoft's lists carry one). Its
 * certificate is looked for by issuerAndSerialNumber (the issuer's name
 * byte for byte and the serial number) or by subjectKeyIdentifier (the
 * certificate's extension), among the carried certificates and then the
 * extra ones; when several match, the first whose key verifies the
 * signature is the signer. The content digested is the one Windows
 * digests: the contents octets of the CertificateTrustList (RFC 2315 9.3;
 * testdata/gen/ctl_lists.py). BER indefinite lengths on the outer layers
 * are read (formats/pkcs7.h); a bare SignedData without its ContentInfo too.
 * SHA-1 signatures are checked; GnuTLS refuses MD5 and MD2 (UNSUPPORTED). */
int tl_ctlsig_check(const uint8_t *der, size_t len, const uint8_t *const *extra,
		    const size_t *extra_lens, size_t extra_count, tl_ctlsig *out);
/* Release what tl_ctlsig_check() put in s (not s itself); NULL is a no-op. */
void tl_ctlsig_free(tl_ctlsig *s);

/* The status's name for messages and JSON: "valid", "invalid", "no-signer",
 * "unsupported", "malformed". A static string. */
const char *tl_ctlsig_status_name(tl_ctlsig_status status);

#endif
