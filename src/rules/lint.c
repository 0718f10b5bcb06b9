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
	x->order = (uint32_t)f->count++;
	return x;
}

/* b's text, kept in f's arena. */
static char *keep(tl_findings *f, const tl_buf *b)
{
	return tl_arena_strndup(&f->text, b->data ? b->data : "", b->len);
}

/* What the message named, described once, in the order named. */
static void add_related(const tl_view *v, const tl_mentions *m, tl_finding *x, tl_findings *out,
			tl_buf *name)
{
	size_t i;

	if (!m->count)
		return;
	x->related = tl_xcalloc(m->count, sizeof(tl_related));
	for (i = 0; i < m->count; i++) {
		tl_related *rel = &x->related[i];

		name->len = 0;
		tl_view_describe(v, m->items[i].scope, m->items[i].obj, &rel->loc, name, &rel->about);
		rel->object = keep(out, name);
	}
	x->related_count = m->count;
}

/* Findings of one rule over its scope. msg and name are scratch buffers. */
static void run_rule(const tl_rule *r, tl_view *v, const tl_eval_env *env, tl_arena *arena,
		     tl_buf *msg, tl_buf *name, tl_findings *out)
{
	size_t i, n = tl_view_count(v, r->scope);

	for (i = 0; i < n; i++) {
		const void *obj = tl_view_object(v, r->scope, i);
		tl_value val;
		tl_finding *x;

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
		msg->len = 0;
		name->len = 0;
		if (r->message) {
			tl_mentions m;

			m.count = 0;
			tl_view_collect_mentions(v, &m);
			tl_template_expand(r->message, obj, env, arena, msg);
			tl_view_collect_mentions(v, NULL);
			add_related(v, &m, x, out, name);
			name->len = 0;
		} else {
			tl_buf_adds(msg, r->title);
		}
		x->message = keep(out, msg);
		tl_view_describe(v, r->scope, obj, &x->loc, name, &x->about);
		x->object = keep(out, name);
	}
}

/* After every input, those not found after those found; no file last. */
static uint32_t file_rank(const tl_inputs *in, const char *file)
{
	size_t i;

	if (!file)
		return UINT32_MAX;
	for (i = 0; i < in->source_count && i < UINT32_MAX - 1; i++)
		if (strcmp(in->sources[i]->path, file) == 0)
			return (uint32_t)i;
	return (uint32_t)i;
}

static int finding_cmp(const void *a, const void *b)
{
	const tl_finding *x = a, *y = b;
	uint32_t fx = x->input_rank, fy = y->input_rank;
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
	x->message = tl_arena_strndup(&f->text, g->msg, strlen(g->msg));
	x->loc = g->loc;
	x->scope = -1;
}

void tl_lint_run(const tl_ruleset *rs, tl_view *v, const tl_inputs *in, tl_findings *out)
{
	tl_eval_env env = tl_view_env(v);
	tl_arena arena;
	tl_buf msg = {0}, name = {0};
	size_t i;

	memset(&arena, 0, sizeof(arena));
	for (i = 0; i < tl_diags_count(in->diags); i++)
		tl_findings_add_diag(out, tl_diags_at(in->diags, i));
	for (i = 0; rs && i < tl_ruleset_count(rs); i++) {
		const tl_rule *r = tl_ruleset_at(rs, i);
		if (r->enabled)
			run_rule(r, v, &env, &arena, &msg, &name, out);
	}
	tl_arena_free(&arena);
	tl_buf_free(&msg);
	tl_buf_free(&name);
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

	for (i = 0; i < f->count; i++)
		free(f->items[i].related);
	free(f->items);
	tl_arena_free(&f->text);
	memset(f, 0, sizeof(*f));
}

size_t tl_findings_count(const tl_findings *f, tl_severity level)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += f->items[i].level == level && !f->items[i].waived;
	return n;
}
