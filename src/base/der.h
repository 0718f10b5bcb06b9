/* der.h: the few DER primitives trustlint reads itself (finding the TBS,
 * names and key inside a certificate; OID lists in store properties), and
 * the one BER form it must accept: indefinite lengths on the outer layers of
 * a PKCS#7 SignedData (pkcs7.h). Everything else goes through GnuTLS or
 * libtasn1.
 *
 * All functions are bounded by the buffer they are given and never read
 * past it. */
#ifndef TL_DER_H
#define TL_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tl_der {
	unsigned tag;         /* first identifier octet: a low tag number from
			       * tl_der_read; tl_der_read_ber also accepts
			       * high tag numbers (low bits 0x1F, the number in
			       * the octets up to body) */
	const uint8_t *start; /* first byte of the identifier */
	const uint8_t *body;  /* first content byte */
	size_t body_len;      /* content bytes, without an end-of-contents */
	size_t total_len;     /* identifier + length + content (+ 00 00) */
	bool indefinite;      /* BER indefinite length (tl_der_read_ber only) */
} tl_der;

/* Read one TLV at p (n bytes available). Definite lengths only, minimal or
 * not. Returns 0, or -1 when the TLV does not fit or is malformed. */
int tl_der_read(const uint8_t *p, size_t n, tl_der *out);

/* How deep tl_der_read_ber follows indefinite lengths inside one another.
 * The outer layers of a SignedData take 4 to 6 (ContentInfo, [0],
 * SignedData, encapContentInfo, [0], a streamed OCTET STRING); OpenSSL's
 * decoder refuses more than 30 nested constructed types of any length
 * (crypto/asn1/tasn_dec.c, ASN1_MAX_CONSTRUCTED_NEST). Definite-length
 * elements are skipped whole and do not count. */
#define TL_DER_MAX_NESTING 64

/* Why tl_der_read_ber failed; "at" names the element at fault. */
typedef enum tl_der_fault_kind {
	TL_DER_FAULT_NONE = 0,
	TL_DER_FAULT_TRUNCATED,   /* its identifier, length or contents run
				   * past the bytes given */
	TL_DER_FAULT_NO_EOC,      /* the bytes end before its end-of-contents
				   * (the innermost unclosed element) */
	TL_DER_FAULT_CUT_EOC,     /* the bytes end inside it: a lone 00 (the
				   * innermost unclosed element) */
	TL_DER_FAULT_TOO_DEEP,    /* it opens indefinite length number
				   * TL_DER_MAX_NESTING + 1 */
	TL_DER_FAULT_BAD_HEADER,  /* malformed identifier or length octets */
	TL_DER_FAULT_PRIMITIVE_INDEFINITE, /* X.690 8.1.3.2 a */
	TL_DER_FAULT_BAD_EOC,     /* 00 with a non-zero length (X.690 8.1.5) */
} tl_der_fault_kind;

typedef struct tl_der_fault {
	tl_der_fault_kind kind;
	size_t at;       /* offset from p of the element at fault */
	unsigned tag;    /* its first identifier octet (0 when none is left) */
	bool indefinite; /* the element read at p has an indefinite length, so
			  * the fault is one of BER, not of DER */
} tl_der_fault;

/* Read one BER TLV at p (n bytes available): definite lengths as
 * tl_der_read, and indefinite lengths on constructed encodings (X.690
 * 8.1.3.6), whose extent is found by walking to the matching end-of-contents
 * (00 00, X.690 8.1.5) without recursion. Contents are not otherwise
 * checked. Returns 0, or -1 with *why filled (why may be NULL). Never reads
 * past p + n. */
int tl_der_read_ber(const uint8_t *p, size_t n, tl_der *out, tl_der_fault *why);
/* What is wrong with the element at fault, to follow "element with tag
 * 0x..": "runs past the end of the data", ... A static string. */
const char *tl_der_fault_text(tl_der_fault_kind kind);
/* OID content bytes to dotted text. Returns a new string, or NULL when the
 * encoding is invalid (empty, truncated arc, arc too large). */
char *tl_der_oid_text(const uint8_t *body, size_t len);
/* Decode a DER SEQUENCE OF OBJECT IDENTIFIER into new strings. Returns 0, or
 * -1 when malformed (*oids untouched). */
int tl_der_oid_list(const uint8_t *p, size_t n, char ***oids, size_t *count);

/* DER time forms (X.690 11.7, 11.8; RFC 5280 4.1.2.5): UTCTime
 * YYMMDDHHMMSSZ read as 1950..2049, GeneralizedTime YYYYMMDDHHMMSS[.f*]Z.
 * n characters of s (not NUL-terminated). Returns 0 with Unix seconds in
 * *out, or -1 when malformed. */
int tl_der_time_text(const char *s, size_t n, bool utc, int64_t *out);
/* The same for a UTCTime (0x17) or GeneralizedTime (0x18) TLV. */
int tl_der_time(const tl_der *t, int64_t *out);

#endif
