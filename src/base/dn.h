/* dn.h: X.501 Names as RFC 4514 text, and public-key facts from a
 * SubjectPublicKeyInfo, read straight from the DER.
 *
 * These run once per certificate on stores of 100,000 entries, where
 * GnuTLS's own formatting (through libtasn1 node lookups) cost more than
 * importing the certificate; reading the bytes directly is exact and an
 * order of magnitude cheaper. */
#ifndef TL_DN_H
#define TL_DN_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

/* RFC 4514 text of the DER Name at p (n bytes): RDNs last-first, separated
 * by ',', multi-valued RDNs joined by '+', known attribute types by their
 * short names, string values escaped per RFC 4514 2.4 and other values as
 * '#' and hex of their DER. Returns a new string, or NULL when the DER is
 * not a Name. */
char *tl_dn_text(const uint8_t *p, size_t n);

/* Facts of a DER SubjectPublicKeyInfo. */
typedef struct tl_spki {
	const char *algorithm; /* "RSA", "RSA-PSS", "EC", "DSA", "Ed25519", "Ed448", ...; static */
	char *oid;             /* algorithm OID (owned) */
	unsigned bits;         /* modulus, prime or curve size; 0 when unknown */
	/* the named curve ("secp256r1", static: a store of 100,000 EC keys
	 * holds no copy of the name per key) or its OID text (owned:
	 * curve_owned); NULL if none */
	const char *curve;
	bool curve_owned;
} tl_spki;

/* Returns 0, or -1 when the DER is not a SubjectPublicKeyInfo (out is
 * zeroed). tl_spki_free() releases it either way. */
int tl_spki_parse(const uint8_t *p, size_t n, tl_spki *out);
void tl_spki_free(tl_spki *s);

#endif
