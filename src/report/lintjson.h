/* lintjson.h: the JSON report of `trustlint lint` (doc/lint-json.md). */
#ifndef TL_REPORT_LINTJSON_H
#define TL_REPORT_LINTJSON_H

#include <stdio.h>

#include <jansson.h>

#include "input/manifest.h"
#include "report/baseline.h"
#include "rules/lint.h"

/* The JSON report (doc/lint-json.md): the findings in report order, then
 * the summary; it makes every finding's text (tl_findings_describe).
 * Returns 0, or -1 on a write error. */
int tl_lint_json(tl_findings *f, const tl_inputs *in, const tl_view *v, tl_baseline *base,
		 FILE *out);

/* The machine an export manifest describes, as the JSON report's
 * "machine" member (doc/lint-json.md); SARIF puts it in the run's
 * properties. */
json_t *tl_export_json(const tl_export *e);

#endif
