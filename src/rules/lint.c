/* lint.c: see lint.h. */
#include "config.h"

#include "rules/lint.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/util.h"

static tl_finding *add(tl_findings *f)
{
	tl_finding *x;

	tl_xgrow((void **)&f->items, &f->cap, f->count + 1, sizeof(tl_finding));
	x = &f->items[f->count];
	memset(x, 0, sizeof(*x));
	x->order = f->count++;
	return x;
}

/* Findings of one rule over its scope. */
static void run_rule(const tl_rule *r, tl_view *v, const tl_eval_env *env, tl_arena *arena,
		     tl_findings *out)
{
	size_t i, n = tl_view_count(v, r->scope);

	for (i = 0; i < n; i++) {
		const void *obj = tl_view_object(v, r->scope, i);
		tl_value val;
		tl_finding *x;
		tl_buf msg = {0}, name = {0};

		tl_arena_reset(arena);
		if (r->when) {
			val = tl_expr_eval(r->when, obj, env, arena);
			if (!tl_value_true(&val))
				continue;
		}
		val = tl_expr_eval(r->assert_, obj, env, arena);
		if (tl_value_true(&val))
			continue;
		x = add(out);
		x->rule = r;
		x->rule_id = r->id;
		x->level = r->level;
		if (r->error_when) {
			tl_value esc = tl_expr_eval(r->error_when, obj, env, arena);
			if (tl_value_true(&esc))
				x->level = TL_ERROR;
		}
		x->scope = r->scope;
		if (r->message)
			tl_template_expand(r->message, obj, env, arena, &msg);
		else
			tl_buf_adds(&msg, r->title);
		x->message = tl_buf_steal(&msg);
		tl_view_describe(v, r->scope, obj, &x->loc, &name, &x->about);
		x->object = tl_buf_steal(&name);
	}
}

static size_t file_rank(const tl_inputs *in, const char *file)
{
	size_t i;

	if (!file)
		return (size_t)-1;
	for (i = 0; i < in->source_count; i++)
		if (strcmp(in->sources[i]->path, file) == 0)
			return i;
	return in->source_count;
}

static int finding_cmp(const void *a, const void *b)
{
	const tl_finding *x = a, *y = b;
	size_t fx = x->input_rank, fy = y->input_rank;
	uint64_t px, py;
	int c;

	if (fx != fy)
		return fx < fy ? -1 : 1;
	px = x->loc.kind == TL_LOC_LINE ? x->loc.line : x->loc.offset;
	py = y->loc.kind == TL_LOC_LINE ? y->loc.line : y->loc.offset;
	if (px != py)
		return px < py ? -1 : 1;
	c = strcmp(x->rule_id, y->rule_id);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

void tl_findings_add_diag(tl_findings *f, const tl_diag *g)
{
	tl_finding *x = add(f);

	x->rule_id = g->id;
	x->level = g->sev;
	x->message = tl_xstrdup(g->msg);
	x->loc = g->loc;
	x->scope = -1;
}

void tl_lint_run(const tl_ruleset *rs, tl_view *v, const tl_inputs *in, tl_findings *out)
{
	tl_eval_env env = tl_view_env(v);
	tl_arena arena;
	size_t i;

	memset(&arena, 0, sizeof(arena));
	for (i = 0; i < tl_diags_count(in->diags); i++)
		tl_findings_add_diag(out, tl_diags_at(in->diags, i));
	for (i = 0; rs && i < tl_ruleset_count(rs); i++) {
		const tl_rule *r = tl_ruleset_at(rs, i);
		if (r->enabled)
			run_rule(r, v, &env, &arena, out);
	}
	tl_arena_free(&arena);
	/* each finding's input ranked once, not in every comparison; qsort is
	 * not stable: the run order breaks ties */
	for (i = 0; i < out->count; i++)
		out->items[i].input_rank = file_rank(in, out->items[i].loc.file);
	if (out->count)
		qsort(out->items, out->count, sizeof(tl_finding), finding_cmp);
}

void tl_findings_free(tl_findings *f)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		free(f->items[i].message);
		free(f->items[i].object);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

size_t tl_findings_count(const tl_findings *f, tl_severity level)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += f->items[i].level == level && !f->items[i].waived;
	return n;
}

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
		size_t wv = waived_count(f);
		char waived[64] = "";

		if (wv)
			snprintf(waived, sizeof(waived), " (%zu waived)", wv);
		fprintf(out, "%zu %s, %zu %s, %zu %s%s in %zu %s (%zu %s, %zu %s, %zu %s)\n", e,
			plural(e, "error", "errors"), w, plural(w, "warning", "warnings"), n,
			plural(n, "note", "notes"), waived, in->source_count, plural(in->source_count, "input", "inputs"),
			certs, plural(certs, "certificate", "certificates"), stores,
			plural(stores, "store", "stores"), tl_view_count(v, TL_SCOPE_BINDING),
			plural(tl_view_count(v, TL_SCOPE_BINDING), "binding", "bindings"));
	}
	return ferror(out) ? -1 : 0;
}

/* ---- the JSON report (doc/lint-json.md) */

static json_t *finding_json(const tl_finding *x)
{
	json_t *o = json_object(), *src = json_object();

	json_object_set_new(o, "rule", json_string(x->rule_id));
	json_object_set_new(o, "level", json_string(tl_severity_name(x->level)));
	json_object_set_new(o, "message", tl_json_str(x->message));
	json_object_set_new(o, "object", tl_json_str(x->object));
	if (x->waived) {
		json_t *w = json_object();
		json_object_set_new(w, "waiver", tl_json_str(x->waiver_id));
		json_object_set_new(w, "reason", tl_json_str(x->waiver_reason));
		json_object_set_new(w, "owner", tl_json_str(x->waiver_owner));
		json_object_set_new(o, "waived", w);
	}
	json_object_set_new(src, "file", tl_json_str(x->loc.file));
	if (x->loc.kind == TL_LOC_LINE) {
		json_object_set_new(src, "line", json_integer(x->loc.line));
		if (x->loc.col)
			json_object_set_new(src, "column", json_integer(x->loc.col));
	} else if (x->loc.kind == TL_LOC_OFFSET) {
		json_object_set_new(src, "offset", json_integer((json_int_t)x->loc.offset));
		json_object_set_new(src, "length", json_integer((json_int_t)x->loc.length));
	}
	json_object_set_new(o, "source", src);
	return o;
}

int tl_lint_json(const tl_findings *f, const tl_inputs *in, const tl_view *v, FILE *out)
{
	json_t *doc = json_object(), *findings = json_array(), *summary = json_object();
	size_t i;
	int rc;

	for (i = 0; i < f->count; i++)
		json_array_append_new(findings, finding_json(&f->items[i]));
	json_object_set_new(doc, "tool", json_string("trustlint"));
	json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(doc, "findings", findings);
	json_object_set_new(summary, "errors", json_integer((json_int_t)tl_findings_count(f, TL_ERROR)));
	json_object_set_new(summary, "warnings", json_integer((json_int_t)tl_findings_count(f, TL_WARNING)));
	json_object_set_new(summary, "notes", json_integer((json_int_t)tl_findings_count(f, TL_NOTE)));
	{
		size_t k, wv = 0;
		for (k = 0; k < f->count; k++)
			wv += f->items[k].waived;
		json_object_set_new(summary, "waived", json_integer((json_int_t)wv));
	}
	json_object_set_new(summary, "inputs", json_integer((json_int_t)in->source_count));
	json_object_set_new(summary, "certificates", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_CERT)));
	json_object_set_new(summary, "stores", json_integer((json_int_t)in->model->count));
	json_object_set_new(summary, "bindings", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_BINDING)));
	json_object_set_new(doc, "summary", summary);
	rc = json_dumpf(doc, out, JSON_PRESERVE_ORDER | JSON_INDENT(2) | tl_json_flags());
	fputc('\n', out);
	json_decref(doc);
	return rc;
}
