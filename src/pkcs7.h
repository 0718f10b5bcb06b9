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

#include "diag.h"
#include "store.h"

/* Content type of a DER ContentInfo: 1 SignedData (any eContentType), 0
 * otherwise. Looks only at the outer structure; never fails. */
bool tl_pkcs7_detect(const uint8_t *der, size_t len);
/* True when the SignedData's eContentType is szOID_CTL (1.3.6.1.4.1.311.10.1):
 * a certificate trust list, not a certificate bag. */
bool tl_pkcs7_is_ctl(const uint8_t *der, size_t len);

/* Add every certificate and CRL of the SignedData to store (each finished
 * with tl_entry_finish). Returns the number of entries added, or -1 when the
 * blob is not readable PKCS#7 (reported at where). */
int tl_pkcs7_read(const uint8_t *der, size_t len, const tl_loc *where, tl_store *store,
		  tl_diags *d);

#endif
