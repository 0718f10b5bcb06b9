/* reports.c: see reports.h. */
#include "config.h"

#include "report/reports.h"

#include <string.h>

#include "report/ci.h"
#include "report/html.h"
#include "report/lintjson.h"
#include "report/sarif.h"
#include "report/text.h"

static int write_text(const tl_report_ctx *c, FILE *out)
{
	return tl_lint_text(c->findings, c->in, c->view, c->baseline, c->quiet, c->color, out);
}

static int write_json(const tl_report_ctx *c, FILE *out)
{
	return tl_lint_json(c->findings, c->in, c->view, c->baseline, out);
}

static int write_sarif(const tl_report_ctx *c, FILE *out)
{
	return tl_sarif_write(c->findings, c->rules, c->in, c->baseline, c->exit_code, c->sarif,
			      out);
}

/* The first row is the default. */
static const tl_report_format formats[] = {
	{"text", write_text},
	{"json", write_json},
	{"sarif", write_sarif},
	{"gitlab", tl_gitlab_write},
	{"junit", tl_junit_write},
	{"html", tl_html_write},
};

const tl_report_format *tl_report_format_find(const char *name)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(formats); i++)
		if (!strcmp(formats[i].name, name))
			return &formats[i];
	return NULL;
}

void tl_report_format_names(tl_buf *b)
{
	size_t i, n = TL_ARRAY_LEN(formats);

	for (i = 0; i < n; i++)
		tl_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", formats[i].name);
}
