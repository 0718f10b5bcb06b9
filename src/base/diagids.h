/* diagids.h: the ids of the input-* diagnostics the readers report.
 *
 * A waiver may name one of these (they are findings like any rule's);
 * naming one that no reader reports is an error, as for a rule id that
 * does not exist. The list is the ids alone for now: their level, meaning
 * and help join them in one table for `trustlint explain` and the manual
 * (issue 9). */
#ifndef TL_DIAGIDS_H
#define TL_DIAGIDS_H

#include <stdbool.h>
#include <stddef.h>

/* Whether id is an input-* diagnostic some reader reports. */
bool tl_diag_id_known(const char *id);
/* The ids, sorted: for the manual and the tests. */
size_t tl_diag_id_count(void);
const char *tl_diag_id_at(size_t i);

#endif
