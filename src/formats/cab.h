/* cab.h: Microsoft cabinet files (.cab), the container Windows Update serves
 * the root program lists in (FORMATS.md 7: authrootstl.cab holds
 * authroot.stl, disallowedcertstl.cab holds disallowedcert.stl), read with
 * libmspack from the bytes in memory: no temporary file is written and no
 * name from the cabinet ever becomes a path.
 *
 * Ownership: the member bytes handed to the callback belong to the reader
 * and are freed when the callback returns; copy what must stay. */
#ifndef TL_CAB_H
#define TL_CAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

/* Bounds on one cabinet (trustlint(1), LIMITS): a list cabinet holds one
 * member of a few hundred kilobytes, so these only stop a hostile file
 * from growing memory. Past them the rest is one diagnostic. */
#define TL_CAB_MAX_MEMBERS 64
#define TL_CAB_MAX_BYTES ((size_t)64 << 20) /* decompressed, all members together */

/* The signature "MSCF" at the start (MS-CAB 2.1, CFHEADER). */
bool tl_cab_detect(const uint8_t *data, size_t len);

/* Called once per member extracted whole, in the cabinet's file order;
 * name is UTF-8 as libmspack gives it. */
typedef void tl_cab_member_fn(void *arg, const char *name, const uint8_t *data, size_t len);

/* Extract every member of the cabinet in data, within the bounds above,
 * and hand each to fn. A cabinet libmspack cannot open, a member it cannot
 * extract and a bound reached are diagnostics at where; the other members
 * are still read. Returns the number of members handed to fn. */
size_t tl_cab_read(const uint8_t *data, size_t len, const tl_loc *where, tl_cab_member_fn *fn,
		   void *arg, tl_diags *d);

#endif
