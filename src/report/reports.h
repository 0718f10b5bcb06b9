/* reports.h: the report formats of `trustlint lint`, one row each, so a
 * new format is its writer in src/report/, one row in reports.c and the
 * build list (doc/ARCHITECTURE.md).
 *
 * Ownership: a tl_report_ctx borrows everything it points to. */
#ifndef TL_REPORTS_H
#define TL_REPORTS_H

#include <stdbool.h>
#include <stdio.h>

#include "base/util.h"
#include "report/baseline.h"
#include "report/sarif.h"
#include "rules/lint.h"
#include "rules/ruleset.h"

/* What a report is written from. */
typedef struct tl_report_ctx {
	tl_findings *findings;  /* a report makes their text when it needs it */
	const tl_ruleset *rules;
	const tl_inputs *in;
	const tl_view *view;
	tl_baseline *baseline; /* or NULL */
	int exit_code;         /* the run's status, known before the report */
	bool quiet;            /* no summary (text) */
	bool color;            /* ANSI colours (text) */
	const tl_sarif_options *sarif; /* SARIF options, or NULL */
} tl_report_ctx;

typedef struct tl_report_format {
	const char *name; /* the --format value */
	/* 0, or -1 on a write error */
	int (*write)(const tl_report_ctx *c, FILE *out);
} tl_report_format;

/* The format called name, or NULL. */
const tl_report_format *tl_report_format_find(const char *name);
/* The format names for a message: "text, json or sarif". */
void tl_report_format_names(tl_buf *b);

#endif
