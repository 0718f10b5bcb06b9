/* text.c: see text.h. */
#include "config.h"

#include "report/text.h"

#include <stdio.h>

#include "base/util.h"

static size_t waived_count(const tl_findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += f->items[i].waived;
	return n;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ANSI SGR sequences, as compilers colour their diagnostics. */
#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_RESET "\033[0m"

static const char *level_color(tl_severity level)
{
	switch (level) {
	case TL_ERROR:
		return "\033[1;31m";
	case TL_WARNING:
		return "\033[1;35m";
	case TL_NOTE:
		return "\033[1;36m";
	}
	return "";
}

int tl_lint_text(const tl_findings *f, const tl_inputs *in, const tl_view *v, bool quiet,
		 bool color, FILE *out)
{
	tl_buf line = {0};
	size_t i, e, w, n, certs, stores = 0;

	for (i = 0; i < f->count; i++) {
		const tl_finding *x = &f->items[i];

		/* waived findings are counted in the summary, not listed */
		if (x->waived)
			continue;
		line.len = 0;
		if (color)
			tl_buf_adds(&line, SGR_BOLD);
		if (x->loc.file) {
			tl_loc_format(&x->loc, &line);
		} else {
			/* settings with no line to point at (defaults) */
			tl_buf_adds(&line, x->object ? x->object : "machine");
		}
		if (color)
			tl_buf_printf(&line, ":" SGR_RESET " %s%s:" SGR_RESET " ", level_color(x->level),
				      tl_severity_name(x->level));
		else
			tl_buf_printf(&line, ": %s: ", tl_severity_name(x->level));
		tl_escape_text(&line, x->message);
		if (color)
			tl_buf_printf(&line, " " SGR_DIM "[%s]" SGR_RESET "\n", x->rule_id);
		else
			tl_buf_printf(&line, " [%s]\n", x->rule_id);
		fputs(line.data, out);
	}
	tl_buf_free(&line);
	if (!quiet) {
		e = tl_findings_count(f, TL_ERROR);
		w = tl_findings_count(f, TL_WARNING);
		n = tl_findings_count(f, TL_NOTE);
		certs = tl_view_count(v, TL_SCOPE_CERT);
		for (i = 0; i < in->model->count; i++)
			stores++;
		size_t wv = waived_count(f), sites = tl_view_count(v, TL_SCOPE_SITE);
		char waived[64] = "";

		if (wv)
			snprintf(waived, sizeof(waived), " (%zu waived)", wv);
		fprintf(out, "%zu %s, %zu %s, %zu %s%s in %zu %s (%zu %s, %zu %s, %zu %s", e,
			plural(e, "error", "errors"), w, plural(w, "warning", "warnings"), n,
			plural(n, "note", "notes"), waived, in->source_count, plural(in->source_count, "input", "inputs"),
			certs, plural(certs, "certificate", "certificates"), stores,
			plural(stores, "store", "stores"), tl_view_count(v, TL_SCOPE_BINDING),
			plural(tl_view_count(v, TL_SCOPE_BINDING), "binding", "bindings"));
		/* only an export with IIS configuration has sites */
		if (sites)
			fprintf(out, ", %zu %s", sites, plural(sites, "site", "sites"));
		fputs(")\n", out);
	}
	return ferror(out) ? -1 : 0;
}
