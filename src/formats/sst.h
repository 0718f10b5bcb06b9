/* sst.h: serialized certificate stores (.sst) and single serialized
 * elements (the registry `Blob` form), FORMATS.md 1.
 *
 * Entries borrow their DER from data (which must outlive the model: a mapped
 * tl_source or a registry value); properties are copied. Every defect is
 * reported with its byte offset (binary input) or at the caller's location
 * (a registry line), and reading goes on past it. */
#ifndef TL_SST_H
#define TL_SST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/store.h"

/* Bytes 00 00 00 00 43 45 52 54 ("CERT") at the start. */
bool tl_sst_detect(const uint8_t *data, size_t len);

/* Read a whole serialized store into store. Returns the number of entries
 * added (CRL and CTL elements included). */
size_t tl_sst_read(const uint8_t *data, size_t len, const char *file, tl_store *store,
		   tl_diags *d);

/* Read one serialized element (properties, then one context; no header, no
 * trailer). where locates the blob: TL_LOC_OFFSET for a file (element
 * offsets are added to it), TL_LOC_LINE for a registry value. Returns the
 * entry added to store, or NULL when the blob holds no context. */
tl_entry *tl_blob_read(const uint8_t *data, size_t len, const tl_loc *where, tl_store *store,
		       tl_diags *d);

/* True when data looks like a serialized element: a plausible first element
 * header (id 1..0xFFFF, encoding 1, length within the data). */
bool tl_blob_detect(const uint8_t *data, size_t len);

#endif
