/* sarif.h: the SARIF 2.1.0 report of a lint run (DESIGN.md 5).
 *
 * One log, one run: the driver with every rule of the rule set (plus one
 * descriptor per input-* diagnostic id that occurs), one result per
 * finding, one notification per input diagnostic, one artifact per input
 * file. Fingerprints come from the rule id and the object's identity, never
 * from positions, so alerts survive re-exports. No timestamps and no
 * absolute paths unless given on the command line, so logs can be golden
 * files.
 *
 * Everything is borrowed; nothing is kept after the call. */
#ifndef TL_SARIF_H
#define TL_SARIF_H

#include <stdio.h>

#include "report/baseline.h"
#include "input/input.h"
#include "rules/lint.h"
#include "rules/ruleset.h"

/* Write the log for findings f of rule set rs over inputs in to out.
 * Waived findings carry suppressions; with a baseline (may be NULL) every
 * result has a baselineState and the baseline's results this run no longer
 * produces are added as "absent" (base is marked as it is read). exit_code
 * is the status the command will return (2 marks the run as unsuccessful).
 * Returns 0, or -1 on a write error. */
int tl_sarif_write(const tl_findings *f, const tl_ruleset *rs, const tl_inputs *in,
		   tl_baseline *base, int exit_code, FILE *out);

#endif
