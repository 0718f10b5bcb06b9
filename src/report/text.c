/* text.c: see text.h. */
#include "config.h"

#include "report/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pool.h"
#include "base/util.h"

static size_t waived_count(const tl_findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += f->items[i].waiver != NULL;
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

/* The baseline's results no finding of this run matched: one line each,
 * where the baseline had them. */
static size_t fixed_lines(tl_baseline *base, FILE *out)
{
	const tl_baseline_result **gone = NULL;
	size_t n = tl_baseline_absent(base, &gone), i;
	tl_buf line = {0};

	for (i = 0; i < n; i++) {
		line.len = 0;
		tl_escape_text(&line, gone[i]->uri ? gone[i]->uri
				      : gone[i]->object ? gone[i]->object : "machine");
		tl_buf_printf(&line, ": %s: ", gone[i]->level ? gone[i]->level : "warning");
		tl_escape_text(&line, gone[i]->message ? gone[i]->message : "");
		tl_buf_printf(&line, " [%s] (fixed)\n", gone[i]->rule_id);
		fputs(line.data, out);
	}
	tl_buf_free(&line);
	free(gone);
	return n;
}

/* A finding's line, without its newline, appended to line. Waived
 * findings are counted in the summary, not listed: callers skip them. */
static void finding_line(const tl_finding *x, bool color, tl_buf *line)
{
	if (color)
		tl_buf_adds(line, SGR_BOLD);
	if (x->loc.file) {
		tl_loc_format(&x->loc, line);
	} else {
		/* settings with no line to point at (defaults) */
		tl_buf_adds(line, x->object ? x->object : "machine");
	}
	if (color)
		tl_buf_printf(line, ":" SGR_RESET " %s%s:" SGR_RESET " ", level_color(x->level),
			      tl_severity_name(x->level));
	else
		tl_buf_printf(line, ": %s: ", tl_severity_name(x->level));
	tl_escape_text(line, x->message);
	if (color)
		tl_buf_printf(line, " " SGR_DIM "[%s]" SGR_RESET, x->rule_id);
	else
		tl_buf_printf(line, " [%s]", x->rule_id);
}

/* Findings are formatted in windows of this many, each window's ranges on
 * the pool's threads, then written in order: the output is the same bytes
 * as one thread writes, and no more than a window's text is held. */
#define TEXT_WINDOW 4096
#define TEXT_RANGES_PER_THREAD 4

/* The findings' text, when tl_findings_describe() has not made it, is
 * made for each window into an arena of the range's and dropped after
 * (lint.h): a copy of the finding takes it, the findings are not
 * changed. */
typedef struct text_range {
	const tl_findings *f;
	size_t from, to;
	bool color;
	tl_buf text;
	tl_arena made;
	tl_describer d;
} text_range;

/* x, or a copy of it in *tmp with its text made in d's arena. */
static const tl_finding *with_text(const tl_finding *x, tl_describer *d, tl_finding *tmp)
{
	if (tl_finding_has_text(x))
		return x;
	*tmp = *x;
	tl_describer_make(d, tmp);
	return tmp;
}

static void format_range(void *arg, size_t k)
{
	text_range *r = &((text_range *)arg)[k];
	size_t i;

	r->text.len = 0;
	tl_arena_reset(&r->made);
	for (i = r->from; i < r->to; i++) {
		const tl_finding *x = &r->f->items[i];
		tl_finding tmp;

		if (x->waiver)
			continue;
		finding_line(with_text(x, &r->d, &tmp), r->color, &r->text);
		tl_buf_adds(&r->text, "\n");
	}
}

/* Every finding's line, formatted on jobs threads (no baseline: asking it
 * a finding's state changes what it says of the fixed ones). */
static void write_lines_parallel(const tl_findings *f, bool color, unsigned jobs, FILE *out)
{
	size_t count = (size_t)jobs * TEXT_RANGES_PER_THREAD, at, k;
	text_range *ranges = tl_xcalloc(count, sizeof(*ranges));

	for (k = 0; k < count; k++)
		tl_describer_init(&ranges[k].d, f, &ranges[k].made);
	for (at = 0; at < f->count; at += TEXT_WINDOW) {
		size_t n = f->count - at < TEXT_WINDOW ? f->count - at : TEXT_WINDOW;

		for (k = 0; k < count; k++) {
			ranges[k].f = f;
			ranges[k].from = at + n * k / count;
			ranges[k].to = at + n * (k + 1) / count;
			ranges[k].color = color;
		}
		tl_pool_for(count, jobs, format_range, ranges);
		for (k = 0; k < count; k++)
			if (ranges[k].text.len)
				fwrite(ranges[k].text.data, 1, ranges[k].text.len, out);
	}
	for (k = 0; k < count; k++) {
		tl_buf_free(&ranges[k].text);
		tl_describer_free(&ranges[k].d);
		tl_arena_free(&ranges[k].made);
	}
	free(ranges);
}

int tl_lint_text(const tl_findings *f, const tl_inputs *in, const tl_view *v, tl_baseline *base,
		 bool quiet, bool color, FILE *out)
{
	tl_buf line = {0};
	size_t i, e, w, n, certs, stores = 0, fresh = 0, fixed = 0;
	unsigned jobs = in->model->jobs;

	if (!base && jobs > 1 && f->count >= TEXT_WINDOW / 4) {
		write_lines_parallel(f, color, jobs, out);
	} else {
		tl_arena made = {0};
		tl_describer d;

		tl_describer_init(&d, f, &made);
		for (i = 0; i < f->count; i++) {
			const tl_finding *x = &f->items[i];
			tl_finding tmp;

			if (x->waiver)
				continue;
			tl_arena_reset(&made);
			x = with_text(x, &d, &tmp);
			line.len = 0;
			finding_line(x, color, &line);
			if (base && strcmp(tl_baseline_finding_state(base, x), "new") == 0) {
				tl_buf_adds(&line, " (new)");
				fresh++;
			}
			tl_buf_adds(&line, "\n");
			fputs(line.data, out);
		}
		/* waived findings are still there: not fixed (asked after the
		 * others, as a finding's place among those of one fingerprint
		 * is in the order asked) */
		for (i = 0; base && i < f->count; i++) {
			const tl_finding *x = &f->items[i];
			tl_finding tmp;

			if (!x->waiver)
				continue;
			tl_arena_reset(&made);
			tl_baseline_finding_state(base, with_text(x, &d, &tmp));
		}
		tl_describer_free(&d);
		tl_arena_free(&made);
	}
	tl_buf_free(&line);
	if (base)
		fixed = fixed_lines(base, out);
	if (!quiet) {
		e = tl_findings_count(f, TL_ERROR);
		w = tl_findings_count(f, TL_WARNING);
		n = tl_findings_count(f, TL_NOTE);
		certs = tl_view_count(v, TL_SCOPE_CERT);
		for (i = 0; i < in->model->count; i++)
			stores++;
		size_t wv = waived_count(f), sites = tl_view_count(v, TL_SCOPE_SITE);
		char waived[128] = "";

		if (in->manifest) {
			tl_buf m = {0}, esc = {0};

			tl_export_describe(in->manifest, &m);
			tl_escape_text(&esc, m.data);
			fprintf(out, "%s\n", esc.data);
			tl_buf_free(&m);
			tl_buf_free(&esc);
		}
		if (wv)
			snprintf(waived, sizeof(waived), " (%zu waived)", wv);
		if (base)
			snprintf(waived + strlen(waived), sizeof(waived) - strlen(waived),
				 " (%zu new, %zu fixed since the baseline)", fresh, fixed);
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
