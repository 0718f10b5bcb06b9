/* cert.h: the facts trustlint derives from one X.509 certificate.
 *
 * Facts are computed once when an entry is read, from the DER itself when
 * it is plain (certwalk.h), else through GnuTLS's parser, whose object is
 * released at once (DESIGN.md 2 keeps no GnuTLS object per certificate).
 * A tl_cert owns its strings and arrays; tl_cert_free() releases them. The
 * DER itself is not owned here: it belongs to the entry, and the byte
 * ranges (names, key, signed bytes, key identifiers) point into it, so it
 * must outlive the tl_cert. */
#ifndef TL_CERT_H
#define TL_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Result of checking a signature. */
typedef enum tl_sigcheck {
	TL_SIG_NO = 0,           /* checked, does not verify */
	TL_SIG_YES = 1,          /* verifies */
	TL_SIG_UNVERIFIABLE = 2, /* algorithm unknown or not verifiable (MD2, ...) */
} tl_sigcheck;

const char *tl_sigcheck_name(tl_sigcheck s); /* "yes", "no", "unverifiable" */

/* Key usage bits, RFC 5280 4.2.1.3 order. */
enum {
	TL_KU_DIGITAL_SIGNATURE = 1u << 0,
	TL_KU_NON_REPUDIATION = 1u << 1,
	TL_KU_KEY_ENCIPHERMENT = 1u << 2,
	TL_KU_DATA_ENCIPHERMENT = 1u << 3,
	TL_KU_KEY_AGREEMENT = 1u << 4,
	TL_KU_KEY_CERT_SIGN = 1u << 5,
	TL_KU_CRL_SIGN = 1u << 6,
	TL_KU_ENCIPHER_ONLY = 1u << 7,
	TL_KU_DECIPHER_ONLY = 1u << 8,
};

/* Pointers first, then the 8-byte times, the lengths (a certificate's
 * parts are far below 4 GB: tl_cert_parse() turns down a larger one), the
 * numbers and the flags: no padding holes, 232 bytes, not 320. */
typedef struct tl_cert {
	char *subject;       /* RFC 4514 text */
	char *issuer;        /* RFC 4514 text; in subject's block once parsed
			      * (texts_joined): free() subject alone */
	const uint8_t *subject_der; /* DER Name, borrowed from the certificate DER */
	const uint8_t *issuer_der;  /* borrowed likewise */
	const uint8_t *spki_der;    /* SubjectPublicKeyInfo, borrowed likewise */
	const uint8_t *tbs_der;     /* TBSCertificate, what the signature covers; borrowed */
	const uint8_t *sig_value;   /* the signature, the BIT STRING's octets; borrowed */
	const uint8_t *ski;  /* subjectKeyIdentifier, or NULL; borrowed from the DER */
	const uint8_t *aki;  /* authorityKeyIdentifier keyIdentifier, or NULL; borrowed */
	const uint8_t *serial; /* serialNumber's content octets, borrowed from the
				* DER (as text: tl_cert_serial_hex) */
	/* The algorithm names are static strings (or sig_oid): a store of
	 * 100,000 entries holds no copy of "RSA" per certificate. */
	const char *key_algorithm; /* "RSA", "EC", "DSA", "Ed25519", ... */
	const char *curve;   /* "secp256r1", ... (static), the curve's OID text or
			      * GnuTLS's name (owned: curve_owned), or NULL */
	const char *sig_algorithm; /* "RSA-SHA256", or sig_oid when unknown */
	const char *sig_oid; /* owned when sig_oid_owned */
	const char *sig_hash; /* "SHA256", "SHA1", "MD5", "MD2", ... or NULL */
	char **eku;          /* OIDs of the EKU extension (eku_count; NULL when
			      * none), read-only, in subject's block once parsed
			      * (texts_joined): the array, then the strings that
			      * are not common purposes (those are static) */
	int64_t not_before;  /* Unix seconds */
	int64_t not_after;
	uint32_t subject_der_len;
	uint32_t issuer_der_len;
	uint32_t spki_der_len;
	uint32_t tbs_der_len;
	uint32_t sig_value_len;
	uint32_t ski_len;
	uint32_t aki_len;
	uint32_t serial_len;
	uint32_t eku_count;
	int sig_id;          /* GnuTLS's gnutls_sign_algorithm_t, negative when unknown */
	int version;         /* 1..3 */
	unsigned key_bits;   /* 0 when unknown */
	int path_len;        /* -1 when absent */
	unsigned key_usage;  /* TL_KU_* */
	tl_sigcheck self_signed; /* signature verified with the certificate's own key */
	uint8_t sha1[20];    /* the thumbprint the index and Windows go by; the
			      * SHA-256 is made when asked (tl_der_sha256) */
	bool bc_present;
	bool is_ca;          /* basicConstraints cA = TRUE */
	bool ku_present;
	bool eku_present;
	bool self_issued;    /* subject DER == issuer DER */
	bool texts_joined;   /* issuer and the EKU list are in subject's block */
	bool sig_oid_owned;  /* sig_oid is text made here: GnuTLS does not know it */
	bool curve_owned;
} tl_cert;

/* Parse der and fill *c. Returns 0, or -1 with *err set (free() it) when
 * the bytes are not a certificate GnuTLS can read. */
int tl_cert_parse(const uint8_t *der, size_t len, tl_cert *c, char **err);
void tl_cert_free(tl_cert *c);
/* The serial number as upper-case hex, a new string. */
char *tl_cert_serial_hex(const tl_cert *c);
/* SHA-256 of len bytes of DER (a certificate's second thumbprint): made
 * when a report, waiver or rule asks, not for every certificate read. */
void tl_der_sha256(const uint8_t *der, size_t len, uint8_t out[32]);

/* For tests/check_cert.c, which compares the two readings: the DER walk
 * with GnuTLS for what it turns down (what tl_cert_parse does), the DER
 * walk alone (-1 for what it turns down), or GnuTLS's parser alone. */
typedef enum tl_cert_parser {
	TL_CERT_PARSE_DEFAULT,
	TL_CERT_PARSE_PLAIN_ONLY,
	TL_CERT_PARSE_GNUTLS,
} tl_cert_parser;
int tl_cert_parse_as(const uint8_t *der, size_t len, tl_cert *c, tl_cert_parser how, char **err);

/* A certificate's public key, imported once to check many signatures
 * (an issuer's). Never NULL; a key that does not import makes every
 * check with it fail as GnuTLS says. The certificate's DER must outlive
 * nothing: the key is a copy. tl_cert_key_free(NULL) is a no-op. A key
 * may be used by several threads at once. */
typedef struct tl_cert_key tl_cert_key;
tl_cert_key *tl_cert_key_new(const tl_cert *c);
void tl_cert_key_free(tl_cert_key *k);

/* Whether subject's signature was made by signer's key, as a bare
 * signature over the TBSCertificate (no path checks). */
tl_sigcheck tl_cert_verify(const tl_cert *subject, const tl_cert_key *signer);

/* The same with issuer's key imported for this one check. */
tl_sigcheck tl_cert_verified_by(const tl_cert *subject, const tl_cert *issuer);

/* The same from two DER certificates, each parsed for the purpose. */
tl_sigcheck tl_cert_verify_signed_by(const uint8_t *subject_der, size_t subject_len,
				     const uint8_t *issuer_der, size_t issuer_len);

#endif
