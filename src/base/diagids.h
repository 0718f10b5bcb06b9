/* diagids.h: the one table of the diagnostics trustlint reports besides
 * rule findings: every input-* id a reader reports, and the ids of the
 * waiver, rule and baseline files (waiver-*, rule-file, baseline-file).
 *
 * Each row gives the id, the level the code reports it at, a one-line
 * meaning and what the user should do. The parsers' ids, the SARIF rule
 * descriptors, `trustlint explain` and the DIAGNOSTICS section of
 * trustlint(1) (doc/gen-diags.py) all read it; tests/diagids.test checks
 * that the input-* rows are exactly the ids the sources report.
 *
 * A waiver may name an input-* id (they are findings like any rule's);
 * naming one that no reader reports is an error, as for a rule id that
 * does not exist.
 *
 * Everything returned points into a static table: never freed, valid for
 * the life of the program. */
#ifndef TL_DIAGIDS_H
#define TL_DIAGIDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* One row. A struct tag, not a typedef, so that the type and the lookup
 * function can both be called tl_diag_info. */
struct tl_diag_info {
	const char *id;
	/* the level the code reports it at; where an id is reported at two
	 * levels, the usual one (its help says when the other applies) */
	tl_severity level;
	/* what is wrong: lower-case start, no final period */
	const char *meaning;
	/* what to do about it, or what Windows does: one or two sentences */
	const char *help;
};

/* The row of id, or NULL when trustlint reports no such diagnostic. */
const struct tl_diag_info *tl_diag_info(const char *id);
/* Whether id is an input-* diagnostic some reader reports (the ids a
 * waiver may name besides rules and waiver-expired/waiver-unused). */
bool tl_diag_id_known(const char *id);
/* Every row, sorted by id (byte order): for the manual and the tests.
 * tl_diag_id_at and tl_diag_info_at return NULL past the end. */
size_t tl_diag_id_count(void);
const char *tl_diag_id_at(size_t i);
const struct tl_diag_info *tl_diag_info_at(size_t i);

#endif
