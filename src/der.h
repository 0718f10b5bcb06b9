/* der.h: the few DER primitives trustlint reads itself (finding the TBS,
 * names and key inside a certificate; OID lists in store properties).
 * Everything else goes through GnuTLS or libtasn1.
 *
 * All functions are bounded by the buffer they are given and never read
 * past it. */
#ifndef TL_DER_H
#define TL_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tl_der {
	unsigned tag;         /* identifier octet (low tag numbers only) */
	const uint8_t *start; /* first byte of the identifier */
	const uint8_t *body;  /* first content byte */
	size_t body_len;
	size_t total_len;     /* identifier + length + content */
} tl_der;

/* Read one TLV at p (n bytes available). Definite lengths only, minimal or
 * not. Returns 0, or -1 when the TLV does not fit or is malformed. */
int tl_der_read(const uint8_t *p, size_t n, tl_der *out);
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
