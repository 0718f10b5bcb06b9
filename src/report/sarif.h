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

#include <stdbool.h>
#include <stdio.h>

#include "report/baseline.h"
#include "input/input.h"
#include "rules/lint.h"
#include "rules/ruleset.h"

/* The command line's say in the log (--sarif-root, --sarif-category,
 * --baseline-absent); all borrowed, all optional. */
typedef struct tl_sarif_options {
	/* artifact URIs relative to this folder (the repository root) instead
	 * of the working directory; the log then names both, absolute, in
	 * originalUriBaseIds and invocations[0].workingDirectory. Files outside
	 * it get absolute file: URIs. NULL: the working directory, and no
	 * absolute path in the log. */
	const char *root;
	/* runs[0].automationDetails.id is "category/", so GitHub keeps the
	 * alerts of each category apart; NULL: none */
	const char *category;
	/* baseline results this run no longer produces are left out instead
	 * of reported "absent" */
	bool omit_absent;
} tl_sarif_options;

/* Write the log for findings f of rule set rs over inputs in to out.
 * Waived findings carry suppressions; with a baseline (may be NULL) every
 * result has a baselineState and the baseline's results this run no longer
 * produces are added as "absent" (base is marked as it is read). exit_code
 * is the status the command will return (2 marks the run as unsuccessful).
 * opt may be NULL (the defaults). It makes every finding's text
 * (tl_findings_describe). Returns 0, or -1 on a write error. */
int tl_sarif_write(tl_findings *f, const tl_ruleset *rs, const tl_inputs *in,
		   tl_baseline *base, int exit_code, const tl_sarif_options *opt, FILE *out);

#endif
