/* ctl.h: certificate trust lists (FORMATS.md 3), decoded with libtasn1 from
 * src/formats/ctl.asn.
 *
 * The decoded form is model/ctldata.h; tl_ctl_free() releases it. */
#ifndef TL_CTL_H
#define TL_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/ctldata.h"

/* Decode a CTL from the DER of its PKCS#7 SignedData. Problems (bad
 * structure, checks of FORMATS.md 3) are reported at where; returns NULL when
 * nothing could be decoded. */
tl_ctl *tl_ctl_decode(const uint8_t *der, size_t len, const tl_loc *where, tl_diags *d);

#endif
