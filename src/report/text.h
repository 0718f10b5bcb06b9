/* text.h: the text report of `trustlint lint` (DESIGN.md 5). */
#ifndef TL_REPORT_TEXT_H
#define TL_REPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "report/baseline.h"
#include "rules/lint.h"

/* The text report: one compiler-style line a finding, grouped by input in
 * the order given, then (unless quiet) the summary line. Input-derived text
 * is escaped. With color, locations are bold, levels coloured and rule ids
 * dim (ANSI SGR; the caller decides, e.g. from isatty and NO_COLOR). With
 * a baseline (may be NULL), new findings end in "(new)", the baseline's
 * results no finding matches are listed after them as fixed, and the
 * summary counts both. */
int tl_lint_text(const tl_findings *f, const tl_inputs *in, const tl_view *v, tl_baseline *base,
		 bool quiet, bool color, FILE *out);

#endif
