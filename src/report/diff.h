/* diff.h: `trustlint diff OLD NEW` (DESIGN.md 1): what changed between
 * two exports (windows/drift.h) and which findings are new and which are
 * fixed, written as text, JSON (doc/diff-json.md) or SARIF.
 *
 * Both sides are linted with the same rule set and clock; a finding of NEW
 * is new when no finding of OLD has its rule id and fingerprint
 * (tl_fingerprint: rule id and object, or message), and a finding of OLD
 * is fixed when no finding of NEW has them. Matching sorts both sides'
 * (rule id, fingerprint) pairs once: O(n log n).
 *
 * Ownership: a tl_diff borrows the rule set and both tl_inputs (which must
 * outlive it) and owns the views, the findings and the drift. */
#ifndef TL_REPORT_DIFF_H
#define TL_REPORT_DIFF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "input/input.h"
#include "report/sarif.h"
#include "rules/lint.h"
#include "rules/ruleset.h"
#include "windows/drift.h"

typedef struct tl_diff {
	const tl_ruleset *rules;
	const tl_inputs *old_in, *new_in;
	const char *old_name, *new_name; /* the operands, as given (borrowed) */
	tl_view *old_view, *new_view;
	tl_findings old_findings, new_findings;
	/* pointers into new_findings and old_findings, in their order */
	const tl_finding **added;
	size_t added_count;
	const tl_finding **fixed;
	size_t fixed_count;
	tl_drift *drift;
} tl_diff;

/* Lint both sides with rs at the clock now and compare them. old_name and
 * new_name are borrowed. */
tl_diff *tl_diff_new(const tl_ruleset *rs, const tl_inputs *old_in, const char *old_name,
		     const tl_inputs *new_in, const char *new_name, int64_t now);
void tl_diff_free(tl_diff *d);

/* The new findings at or above the level fail_on (TL_ERROR, TL_WARNING,
 * TL_NOTE; -1: none counts). */
size_t tl_diff_failing(const tl_diff *d, int fail_on);

/* The reports; each returns 0, or -1 on a write error. exit_code is the
 * status the command will return (JSON and SARIF record it). */
int tl_diff_text(const tl_diff *d, bool quiet, FILE *out);
int tl_diff_json(const tl_diff *d, int exit_code, FILE *out);
/* The new findings as results with baselineState "new", the fixed ones as
 * "absent" results; the run describes NEW's inputs. opt may be NULL. */
int tl_diff_sarif(const tl_diff *d, int exit_code, const tl_sarif_options *opt, FILE *out);

#endif
