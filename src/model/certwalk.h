/* certwalk.h: the byte ranges of one X.509 certificate (RFC 5280 4.1),
 * found by walking its DER, in two strengths.
 *
 * tl_certwalk_loose() finds the ranges of anything shaped like a
 * certificate; GnuTLS then judges whether it is one. tl_certwalk_plain()
 * accepts only plain, well-formed DER that GnuTLS 3.7's
 * gnutls_x509_crt_import() is sure to accept too (every check it makes, in
 * lib/x509/x509.c: strict DER through libtasn1, the two signature
 * algorithms equal, SAN and IAN that decode, extensions only in v3 and none
 * twice, no unique IDs before v2, times that parse), and turns down
 * anything unusual (BER, non-minimal encodings, an explicit DEFAULT, RSA-PSS
 * signatures, unique IDs, multi-valued RDNs, long OIDs). A certificate it
 * turns down is not invalid: cert.c then asks GnuTLS, as it always did, so
 * what is accepted, rejected and said of it is GnuTLS's own judgement. Being
 * stricter than GnuTLS costs only time; being looser would accept what
 * GnuTLS rejects, which tests/check_cert.c guards against by comparing both
 * on every certificate of testdata, the fuzz corpora and mutations of them.
 *
 * Every range borrows from the DER given, which must outlive the layout. */
#ifndef TL_CERTWALK_H
#define TL_CERTWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/der.h"

typedef struct tl_cert_layout {
	tl_der tbs;         /* the TBSCertificate TLV, what the signature covers */
	tl_der sig_alg;     /* signatureAlgorithm AlgorithmIdentifier */
	tl_der sig_oid;     /* its OBJECT IDENTIFIER (tag 0 when not found) */
	tl_der sig;         /* signatureValue BIT STRING */
	int version;        /* 1..3 (0 when the field holds no small INTEGER) */
	tl_der serial;
	tl_der issuer;
	tl_der not_before, not_after;
	tl_der subject;
	tl_der spki;
	tl_der extensions;  /* the SEQUENCE inside [3]; tag 0 when absent */
} tl_cert_layout;

/* Fill *l from der (len bytes). Returns 0, or -1 when the bytes are not
 * shaped like a certificate. */
int tl_certwalk_loose(const uint8_t *der, size_t len, tl_cert_layout *l);

/* Fill *l and return true when der is a plain certificate in the sense
 * above; false otherwise (*l then holds nothing of use). */
bool tl_certwalk_plain(const uint8_t *der, size_t len, tl_cert_layout *l);

#endif
