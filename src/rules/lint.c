/* lint.c: see lint.h. */
#include "config.h"

#include "rules/lint.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/pool.h"
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

/* b's text, kept in a. */
static const char *keep(tl_arena *a, const tl_buf *b)
{
	return tl_arena_strndup(a, b->data ? b->data : "", b->len);
}

void tl_describer_init(tl_describer *d, const tl_findings *f, tl_arena *out)
{
	memset(d, 0, sizeof(*d));
	d->f = f;
	if (f->view)
		d->env = tl_view_env(f->view);
	d->out = out;
}

void tl_describer_free(tl_describer *d)
{
	tl_arena_free(&d->values);
	tl_buf_free(&d->msg);
	tl_buf_free(&d->name);
}

/* The message of x's rule over its object, and what it named, described
 * once each, in the order named. */
static void make_message(tl_describer *d, tl_finding *x)
{
	const tl_view *v = d->f->view;
	tl_mentions m;
	size_t i;

	m.count = 0;
	d->msg.len = 0;
	tl_arena_reset(&d->values);
	d->env.mention_user = &m;
	tl_template_expand(x->rule->message, x->obj, &d->env, &d->values, &d->msg);
	d->env.mention_user = NULL;
	x->message = keep(d->out, &d->msg);
	if (!m.count)
		return;
	x->related = tl_arena_alloc(d->out, m.count * sizeof(tl_related));
	for (i = 0; i < m.count; i++) {
		tl_related *rel = &x->related[i];

		d->name.len = 0;
		tl_view_describe(v, m.items[i].scope, m.items[i].obj, &rel->loc, &d->name,
				 &rel->about);
		rel->object = keep(d->out, &d->name);
	}
	x->related_count = (uint32_t)m.count;
}

/* x's message and related objects, and its name: object when the caller
 * has it already, else made. */
static void make_text(tl_describer *d, tl_finding *x, const char *object)
{
	if (x->rule->message)
		make_message(d, x);
	if (!object) {
		d->name.len = 0;
		tl_view_describe(d->f->view, x->scope, x->obj, NULL, &d->name, NULL);
		object = keep(d->out, &d->name);
	}
	x->object = object;
}

void tl_describer_make(tl_describer *d, tl_finding *x)
{
	if (!tl_finding_has_text(x))
		make_text(d, x, NULL);
}

const char *tl_finding_name(const tl_findings *f, const tl_finding *x, tl_buf *b)
{
	if (tl_finding_has_text(x))
		return x->object;
	b->len = 0;
	tl_view_describe(f->view, x->scope, x->obj, NULL, b, NULL);
	return b->data ? b->data : "";
}

void tl_findings_describe(tl_findings *f)
{
	tl_describer d;
	size_t i;

	if (f->described)
		return;
	tl_describer_init(&d, f, &f->text);
	for (i = 0; i < f->count; i++) {
		tl_finding *x = &f->items[i];
		const tl_finding *prev = i ? &f->items[i - 1] : NULL;

		if (tl_finding_has_text(x))
			continue;
		/* an object's findings are next to each other (sorted by
		 * position): its name is kept once for all of them */
		make_text(&d, x, prev && prev->obj == x->obj && prev->scope == x->scope
				 ? prev->object : NULL);
	}
	tl_describer_free(&d);
	f->described = true;
}

/* The rules of one scope over a range of its objects, with everything one
 * thread needs of its own: the environment (its mention record), an arena
 * for values, and the findings it makes. */
typedef struct rule_range {
	const tl_rule *const *rules;
	size_t rule_count;
	const tl_view *v;
	tl_eval_env env;
	size_t from, to;
	tl_findings *out; /* the run's, or own on several threads */
	tl_findings own;  /* a slice of the run's array (run_group) */
} rule_range;

/* Objects every rule of a group looks at before the next ones: the rules
 * of a scope read the same objects, and a block this size (an entry is
 * 320 bytes, with its names and properties beside it) stays in the cache
 * from one rule to the next. One rule at a time over 100,000 certificates
 * read them all from memory again for each of the 16 certificate rules,
 * where 10,000 stayed in the cache: that made the rules 31% slower per
 * certificate at 100,000 (CPU time per phase, one core). On several
 * threads a large scope still runs one rule at a time (run_rules). */
#define BLOCK_OBJECTS 256

/* Rule r over object obj: one finding at most, added to out. */
static void run_one(const tl_rule *r, const tl_view *v, const void *obj, tl_eval_env *env,
		    tl_arena *arena, tl_findings *out)
{
	tl_value val;
	tl_finding *x;

	tl_arena_reset(arena);
	if (r->when) {
		val = tl_expr_eval(r->when, obj, env, arena);
		if (!tl_value_true(&val))
			return;
	}
	val = tl_expr_eval(r->assert_, obj, env, arena);
	if (tl_value_true(&val))
		return;
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
	x->obj = obj;
	/* the text is made when a report asks (lint.h) */
	if (!r->message)
		x->message = r->title;
	tl_view_describe(v, r->scope, obj, &x->loc, NULL, NULL);
}

/* Block by block, every rule of the range over the block's objects in
 * their order: each rule's findings are in object order, as the run's
 * sort needs of findings it cannot tell apart otherwise (finding_cmp). */
static void run_range(rule_range *rr)
{
	const tl_view *v = rr->v;
	tl_arena arena;
	size_t b, i, k;

	memset(&arena, 0, sizeof(arena));
	for (b = rr->from; b < rr->to; b += BLOCK_OBJECTS) {
		size_t end = rr->to - b < BLOCK_OBJECTS ? rr->to : b + BLOCK_OBJECTS;

		for (k = 0; k < rr->rule_count; k++) {
			const tl_rule *r = rr->rules[k];

			for (i = b; i < end; i++)
				run_one(r, v, tl_view_object(v, r->scope, i), &rr->env, &arena,
					rr->out);
		}
	}
	tl_arena_free(&arena);
}

static void range_item(void *arg, size_t i)
{
	run_range(&((rule_range *)arg)[i]);
}

/* A group is split over the threads when it evaluates this many rules
 * on objects or more: about half a millisecond on one thread; below,
 * starting a thread costs more than it saves. Microsoft's 507 roots under
 * the default rules are about 8,000: 1.6 ms of rules on one thread. */
#define PARALLEL_EVALUATIONS 2048
/* A scope this large runs one rule a group on several threads (run_rules). */
#define PARALLEL_OBJECTS 1024
/* Ranges per thread: a thread that finishes early takes another, so one
 * slow range (a costly message, an issuer check) does not hold up all. */
#define RANGES_PER_THREAD 8
/* The most room a group of rules reserves in the run's array: address
 * space only, the pages no finding is written to are never touched. A
 * larger scope runs its rules in more groups. */
#define GROUP_ROOM_MAX ((size_t)64 << 20)

/* Findings of a group of rules of one scope over it. On several threads
 * each range of objects makes its findings apart, straight into out's
 * array: an object makes one finding at most per rule, so range k writes
 * into room for its objects times the rules, and afterwards the ranges'
 * findings are moved down end to end and numbered as one thread would
 * have. The findings are the same for every jobs and, once sorted, in the
 * same order, and none is copied to a second array (at 100,000
 * certificates the copies and their fresh pages cost more than making
 * the findings). Everything the rules read is shared read-only: the view,
 * the registry (settled, registry.h), the certificate index (atomic
 * answers), compiled regexes (tl_regex_search brings its own lists when
 * another thread holds the regex's). */
static void run_group(const tl_rule *const *rules, size_t rule_count, tl_view *v, unsigned jobs,
		      tl_findings *out)
{
	size_t n = tl_view_count(v, rules[0]->scope), k, count, i, at, base = out->count;
	rule_range *ranges;

	/* room for every finding the group can make, reserved once, so the
	 * array is never copied to grow (and never twice in memory) */
	if (n && out->cap < base + n * rule_count) {
		out->cap = base + n * rule_count;
		out->items = tl_xrealloc(out->items, out->cap * sizeof(tl_finding));
	}
	if (jobs <= 1 || n < 2 || n * rule_count < PARALLEL_EVALUATIONS) {
		rule_range one = {.rules = rules, .rule_count = rule_count, .v = v,
				  .env = tl_view_env(v), .from = 0, .to = n, .out = out};
		run_range(&one);
		return;
	}
	count = (size_t)jobs * RANGES_PER_THREAD;
	if (count > n)
		count = n;
	ranges = tl_xcalloc(count, sizeof(*ranges));
	for (k = 0; k < count; k++) {
		rule_range *rr = &ranges[k];

		rr->rules = rules;
		rr->rule_count = rule_count;
		rr->v = v;
		rr->env = tl_view_env(v);
		rr->from = n * k / count;
		rr->to = n * (k + 1) / count;
		/* the room of the range's objects in out, for every rule:
		 * run_range never grows it (one finding an object at most) */
		rr->own.items = out->items + base + rr->from * rule_count;
		rr->own.cap = (rr->to - rr->from) * rule_count;
		rr->out = &rr->own;
	}
	tl_pool_for(count, jobs, range_item, ranges);
	at = base;
	for (k = 0; k < count; k++) {
		tl_findings *f = &ranges[k].own;

		if (f->count && f->items != out->items + at)
			memmove(out->items + at, f->items, f->count * sizeof(tl_finding));
		for (i = 0; i < f->count; i++, at++)
			out->items[at].order = (uint32_t)at;
	}
	out->count = at;
	free(ranges);
}

/* The enabled rules, a scope at a time in the order scopes first appear,
 * each scope's rules in their order, in groups whose room (run_group)
 * stays under GROUP_ROOM_MAX, except a group of one rule over a scope of
 * more than GROUP_ROOM_MAX / sizeof(tl_finding) objects (about 700,000),
 * which reserves a finding an object as before. The run's order of
 * findings from different rules does not matter: rule ids are unique
 * (ruleset_file.c refuses a second), so finding_cmp tells them apart. */
static void run_rules(const tl_ruleset *rs, tl_view *v, unsigned jobs, tl_findings *out)
{
	size_t total = tl_ruleset_count(rs), i, j, n;
	const tl_rule **group = tl_xcalloc(total ? total : 1, sizeof(*group));
	bool *done = tl_xcalloc(total ? total : 1, sizeof(*done));

	for (i = 0; i < total; i++) {
		const tl_rule *first = tl_ruleset_at(rs, i);
		size_t most;

		if (done[i] || !first->enabled)
			continue;
		n = tl_view_count(v, first->scope);
		most = n ? GROUP_ROOM_MAX / sizeof(tl_finding) / n : total;
		/* on several threads, one rule a group: each range writes its
		 * findings at the start of its room, and rooms the size of
		 * several rules' leave most of each range's last 2 MB page
		 * (base/hugepages.h) empty, 30 MB more at 100,000
		 * certificates on two cores. One rule's findings fill most of
		 * its room. */
		if (jobs > 1 && n >= PARALLEL_OBJECTS)
			most = 1;
		if (most < 1)
			most = 1;
		for (j = i; j < total;) {
			size_t count = 0;

			for (; j < total && count < most; j++) {
				const tl_rule *r = tl_ruleset_at(rs, j);

				if (!done[j] && r->enabled && r->scope == first->scope) {
					group[count++] = r;
					done[j] = true;
				}
			}
			if (count)
				run_group(group, count, v, jobs, out);
		}
	}
	free(group);
	free(done);
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

static int finding_cmp(const tl_finding *x, const tl_finding *y)
{
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

/* The findings sort_findings() orders: qsort has no context argument
 * everywhere (qsort_r differs between C libraries), and one run sorts at a
 * time on one thread. */
static _Thread_local const tl_finding *sorting;

static int index_cmp(const void *a, const void *b)
{
	return finding_cmp(&sorting[*(const uint32_t *)a], &sorting[*(const uint32_t *)b]);
}

/* Sort f by finding_cmp through an array of 32-bit indices, then put the
 * findings in that order in place, a cycle at a time: qsort of the
 * findings themselves sorts pointers to them, with a second array for its
 * merges, 2.9 MB at 180,000 findings against 1.4 MB here, and the sort is
 * when a run's memory peaks. */
static void sort_findings(tl_findings *f)
{
	uint32_t *order = tl_xmalloc(f->count * sizeof(*order));
	size_t i;

	for (i = 0; i < f->count; i++)
		order[i] = (uint32_t)i;
	sorting = f->items;
	qsort(order, f->count, sizeof(*order), index_cmp);
	sorting = NULL;
	/* slot i takes finding order[i]; each slot visited is marked done
	 * by setting order[slot] = slot */
	for (i = 0; i < f->count; i++) {
		tl_finding held;
		size_t at = i;

		if (order[i] == i)
			continue;
		held = f->items[i];
		while (order[at] != i) {
			size_t from = order[at];

			f->items[at] = f->items[from];
			order[at] = (uint32_t)at;
			at = from;
		}
		f->items[at] = held;
		order[at] = (uint32_t)at;
	}
	free(order);
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
	size_t i;

	out->view = v;
	for (i = 0; i < tl_diags_count(in->diags); i++)
		tl_findings_add_diag(out, tl_diags_at(in->diags, i));
	if (rs)
		run_rules(rs, v, in->model->jobs, out);
	/* each finding's input ranked once, not in every comparison; qsort is
	 * not stable: the run order breaks ties */
	for (i = 0; i < out->count; i++)
		out->items[i].input_rank = file_rank(in, out->items[i].loc.file);
	if (out->cap > out->count && out->count) {
		out->cap = out->count;
		out->items = tl_xrealloc(out->items, out->cap * sizeof(tl_finding));
	} else if (!out->count) {
		/* the room a parallel rule reserved, never used */
		free(out->items);
		out->items = NULL;
		out->cap = 0;
	}
	if (out->count)
		sort_findings(out);
}

void tl_finding_about(const tl_finding *x, tl_about *ab)
{
	if (x->scope < 0 || !x->obj) {
		memset(ab, 0, sizeof(*ab));
		return;
	}
	tl_view_describe(NULL, x->scope, x->obj, NULL, NULL, ab);
}

void tl_findings_free(tl_findings *f)
{
	free(f->items);
	tl_arena_free(&f->text);
	memset(f, 0, sizeof(*f));
}

size_t tl_findings_count(const tl_findings *f, tl_severity level)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += f->items[i].level == level && !f->items[i].waiver;
	return n;
}
