/* expr_eval.c: the run time of the rule expression language (expr.h): the
 * arena results live in, values (type names, equality, order, formatting)
 * and the tree-walking evaluator with its null semantics. The built-in
 * functions evaluate themselves (expr_funcs.c); message templates are
 * expr_template.c. */
#include "config.h"

#include "rules/expr_impl.h"

#include <inttypes.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"

/* ---- arena */

struct tl_arena_chunk {
	struct tl_arena_chunk *next;
	max_align_t data[];
};

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_FIRST 4096
#define ARENA_LARGEST (1u << 20)

static struct tl_arena_chunk *chunk_of(char *block)
{
	return (struct tl_arena_chunk *)(void *)(block - offsetof(struct tl_arena_chunk, data));
}

/* n bytes at a multiple of align (a power of two, at most ARENA_ALIGN)
 * within the current block, or at the start of a new one. */
static void *arena_take(tl_arena *a, size_t n, size_t align)
{
	size_t need = n ? n : 1, at = (a->used + align - 1) & ~(align - 1);
	void *p;

	if (need > SIZE_MAX - ARENA_ALIGN)
		tl_oom();
	if (!a->block || at > a->cap || a->cap - at < need) {
		size_t cap = a->cap ? a->cap : ARENA_FIRST;
		struct tl_arena_chunk *c;

		if (a->block && cap < ARENA_LARGEST)
			cap *= 2;
		while (cap < need) {
			if (cap > SIZE_MAX / 2)
				tl_oom();
			cap *= 2;
		}
		if (cap > SIZE_MAX - sizeof(*c))
			tl_oom();
		c = tl_xmalloc(sizeof(*c) + cap);
		c->next = NULL;
		if (a->block) {
			struct tl_arena_chunk *old = chunk_of(a->block);

			old->next = a->full;
			a->full = old;
		}
		a->block = (char *)c->data;
		a->cap = cap;
		at = 0;
	}
	p = a->block + at;
	a->used = at + need;
	return p;
}

void *tl_arena_alloc(tl_arena *a, size_t n)
{
	return arena_take(a, n, ARENA_ALIGN);
}

char *tl_arena_strndup(tl_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		tl_oom();
	/* text needs no alignment: strings end to end, with no padding
	 * (the findings' text at 100,000 certificates is 360,000 of them) */
	p = arena_take(a, n + 1, 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void free_chunks(struct tl_arena_chunk *c)
{
	while (c) {
		struct tl_arena_chunk *next = c->next;

		free(c);
		c = next;
	}
}

/* Keep the newest (largest) block for the next object; drop the rest. */
void tl_arena_reset(tl_arena *a)
{
	free_chunks(a->full);
	a->full = NULL;
	a->used = 0;
}

void tl_arena_free(tl_arena *a)
{
	if (!a)
		return;
	free_chunks(a->full);
	if (a->block)
		free(chunk_of(a->block));
	a->block = NULL;
	a->full = NULL;
	a->used = a->cap = 0;
}

/* ---- types and values */

const char *tl_type_name(tl_type t)
{
	switch (t) {
	case TL_T_NULL:
		return "null";
	case TL_T_BOOL:
		return "bool";
	case TL_T_INT:
		return "int";
	case TL_T_STRING:
		return "string";
	case TL_T_TIME:
		return "time";
	case TL_T_DURATION:
		return "duration";
	case TL_T_LIST:
		return "list";
	case TL_T_ANY:
		return "any";
	}
	return "?";
}

bool tl_value_true(const tl_value *v)
{
	return v && v->type == TL_T_BOOL && v->u.b;
}

/* Values from env->get and env->reg come from outside: anything that could
 * make the evaluator read through a bad pointer turns the value into null.
 * Deeper nesting than any export produces is refused the same way. */
static bool sane_at(const tl_value *v, unsigned depth)
{
	size_t i;

	switch (v->type) {
	case TL_T_NULL:
	case TL_T_BOOL:
	case TL_T_INT:
	case TL_T_TIME:
	case TL_T_DURATION:
		return true;
	case TL_T_STRING:
		return v->u.s.p || !v->u.s.len;
	case TL_T_LIST:
		if (depth > 8 || (!v->u.list.items && v->u.list.n))
			return false;
		for (i = 0; i < v->u.list.n; i++)
			if (!sane_at(&v->u.list.items[i], depth + 1))
				return false;
		return true;
	case TL_T_ANY:
		break;
	}
	return false;
}

bool tl_expr_value_sane(const tl_value *v)
{
	return sane_at(v, 0);
}

void tl_expr_sanitize(tl_value *v)
{
	if (!sane_at(v, 0)) {
		memset(v, 0, sizeof(*v));
		v->type = TL_T_NULL;
	}
}

static bool value_eq(const tl_value *a, const tl_value *b)
{
	size_t i;

	if (a->type != b->type)
		return false;
	switch (a->type) {
	case TL_T_NULL:
		return true;
	case TL_T_BOOL:
		return a->u.b == b->u.b;
	case TL_T_INT:
	case TL_T_TIME:
	case TL_T_DURATION:
		return a->u.i == b->u.i;
	case TL_T_STRING:
		return bytes_eq(a->u.s.p, a->u.s.len, b->u.s.p, b->u.s.len);
	case TL_T_LIST:
		if (a->u.list.n != b->u.list.n)
			return false;
		for (i = 0; i < a->u.list.n; i++)
			if (!value_eq(&a->u.list.items[i], &b->u.list.items[i]))
				return false;
		return true;
	case TL_T_ANY:
		break;
	}
	return false;
}

/* Order of two values of one ordered type in *out (-1, 0, 1); false when
 * they are not that (a run-time mismatch through reg()). Strings compare
 * bytewise, a prefix first. */
static bool value_order(const tl_value *a, const tl_value *b, int *out)
{
	size_t n;
	int c;

	if (a->type != b->type)
		return false;
	switch (a->type) {
	case TL_T_INT:
	case TL_T_TIME:
	case TL_T_DURATION:
		*out = (a->u.i > b->u.i) - (a->u.i < b->u.i);
		return true;
	case TL_T_STRING:
		n = a->u.s.len < b->u.s.len ? a->u.s.len : b->u.s.len;
		c = n ? memcmp(a->u.s.p, b->u.s.p, n) : 0;
		if (c == 0)
			c = (a->u.s.len > b->u.s.len) - (a->u.s.len < b->u.s.len);
		*out = (c > 0) - (c < 0);
		return true;
	default:
		return false;
	}
}

static void format_duration(int64_t d, tl_buf *out)
{
	static const struct {
		uint64_t seconds;
		char unit;
	} units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
	uint64_t mag = d < 0 ? -(uint64_t)d : (uint64_t)d;
	size_t i;

	if (mag == 0) {
		tl_buf_adds(out, "0s");
		return;
	}
	for (i = 0; i < TL_ARRAY_LEN(units); i++) {
		if (mag % units[i].seconds == 0) {
			tl_buf_printf(out, "%s%" PRIu64 "%c", d < 0 ? "-" : "",
				      mag / units[i].seconds, units[i].unit);
			return;
		}
	}
}

size_t tl_expr_room(const tl_buf *out, size_t stop, size_t want)
{
	if (out->len >= stop)
		return 0;
	return want < stop - out->len ? want : stop - out->len;
}

/* A value of megabytes costs no more than the message cap. */
void tl_expr_format_upto(const tl_value *v, tl_buf *out, size_t stop)
{
	char t[32];
	size_t i;

	tl_buf_add(out, "", 0); /* a NUL-terminated buffer even if nothing follows */
	switch (v->type) {
	case TL_T_BOOL:
		tl_buf_adds(out, v->u.b ? "true" : "false");
		return;
	case TL_T_INT:
		tl_buf_printf(out, "%" PRId64, v->u.i);
		return;
	case TL_T_STRING:
		if (v->u.s.p)
			tl_buf_add(out, v->u.s.p, tl_expr_room(out, stop, v->u.s.len));
		return;
	case TL_T_TIME:
		/* tl_format_time negates its argument on the way */
		if (v->u.i < -(INT64_MAX - 86400)) {
			tl_buf_printf(out, "%" PRId64, v->u.i);
			return;
		}
		tl_format_time(v->u.i, t);
		tl_buf_adds(out, t);
		return;
	case TL_T_DURATION:
		format_duration(v->u.i, out);
		return;
	case TL_T_LIST:
		tl_buf_addc(out, '[');
		for (i = 0; v->u.list.items && i < v->u.list.n && out->len < stop; i++) {
			if (i)
				tl_buf_adds(out, ", ");
			tl_expr_format_upto(&v->u.list.items[i], out, stop);
		}
		tl_buf_addc(out, ']');
		return;
	case TL_T_NULL:
	case TL_T_ANY:
		break;
	}
	tl_buf_adds(out, "null");
}

void tl_value_format(const tl_value *v, tl_buf *out)
{
	tl_expr_format_upto(v, out, SIZE_MAX);
}

/* ---- evaluation */

/* l + r, or l - r when minus. */
static tl_value arith(bool minus, const tl_value *l, const tl_value *r)
{
	tl_value null = {.type = TL_T_NULL};
	tl_type t;
	int64_t out;
	bool overflow;

	if (!minus) {
		if (l->type == TL_T_INT && r->type == TL_T_INT)
			t = TL_T_INT;
		else if ((l->type == TL_T_TIME && r->type == TL_T_DURATION) ||
			 (l->type == TL_T_DURATION && r->type == TL_T_TIME))
			t = TL_T_TIME;
		else if (l->type == TL_T_DURATION && r->type == TL_T_DURATION)
			t = TL_T_DURATION;
		else
			return null;
		overflow = __builtin_add_overflow(l->u.i, r->u.i, &out);
	} else {
		if (l->type == TL_T_INT && r->type == TL_T_INT)
			t = TL_T_INT;
		else if (l->type == TL_T_TIME && r->type == TL_T_DURATION)
			t = TL_T_TIME;
		else if (l->type == TL_T_TIME && r->type == TL_T_TIME)
			t = TL_T_DURATION;
		else if (l->type == TL_T_DURATION && r->type == TL_T_DURATION)
			t = TL_T_DURATION;
		else
			return null;
		overflow = __builtin_sub_overflow(l->u.i, r->u.i, &out);
	}
	return overflow ? null : num_value(t, out);
}

bool tl_expr_value_in(const tl_value *x, const tl_value *set)
{
	size_t i;

	if (x->type == TL_T_NULL)
		return false;
	if (set->type == TL_T_STRING) {
		const char *h = set->u.s.p, *s = x->u.s.p;
		size_t hn = set->u.s.len, sn = x->u.s.len;

		if (x->type != TL_T_STRING)
			return false;
		if (!sn)
			return true;
		for (i = 0; sn <= hn && i <= hn - sn; i++)
			if (h[i] == s[0] && memcmp(h + i, s, sn) == 0)
				return true;
		return false;
	}
	if (set->type != TL_T_LIST)
		return false;
	for (i = 0; i < set->u.list.n; i++)
		if (value_eq(x, &set->u.list.items[i]))
			return true;
	return false;
}

tl_value tl_expr_eval_node(const struct node *n, const void *obj, struct eval_ctx *c)
{
	const tl_eval_env *env = c->env;
	tl_value v = {.type = TL_T_NULL}, l, r;
	tl_value *items;
	size_t i;
	int order;

	switch (n->kind) {
	case N_CONST:
		return n->val;
	case N_FIELD:
		if (env->get) {
			env->get(env->user, n->scope, obj, n->field, &v, c->arena);
			tl_expr_sanitize(&v);
		}
		return v;
	case N_LIST:
		items = tl_arena_alloc(c->arena, n->n * sizeof(*items));
		for (i = 0; i < n->n; i++)
			items[i] = tl_expr_eval_node(n->items[i], obj, c);
		v.type = TL_T_LIST;
		v.u.list.items = items;
		v.u.list.n = n->n;
		return v;
	case N_NOT:
		l = tl_expr_eval_node(n->a, obj, c);
		return bool_value(!tl_value_true(&l));
	case N_AND:
	case N_OR:
		/* a loop, not a recursion, over the chain: the first operand
		 * that is false (for '&&', null included) or true (for '||')
		 * decides, and the rest are not evaluated */
		for (i = 0; i < n->n; i++) {
			l = tl_expr_eval_node(n->items[i], obj, c);
			if (tl_value_true(&l) == (n->kind == N_OR))
				return bool_value(n->kind == N_OR);
		}
		return bool_value(n->kind == N_AND);
	case N_IS_NULL:
	case N_NOT_NULL:
		l = tl_expr_eval_node(n->a, obj, c);
		return bool_value((l.type == TL_T_NULL) == (n->kind == N_IS_NULL));
	case N_EQ:
	case N_NE:
		l = tl_expr_eval_node(n->a, obj, c);
		r = tl_expr_eval_node(n->b, obj, c);
		if (l.type == TL_T_NULL || r.type == TL_T_NULL || l.type != r.type)
			return bool_value(false);
		return bool_value(value_eq(&l, &r) == (n->kind == N_EQ));
	case N_LT:
	case N_LE:
	case N_GT:
	case N_GE:
		l = tl_expr_eval_node(n->a, obj, c);
		r = tl_expr_eval_node(n->b, obj, c);
		if (!value_order(&l, &r, &order))
			return bool_value(false);
		return bool_value(n->kind == N_LT   ? order < 0
				  : n->kind == N_LE ? order <= 0
				  : n->kind == N_GT ? order > 0
						    : order >= 0);
	case N_IN:
		l = tl_expr_eval_node(n->a, obj, c);
		r = tl_expr_eval_node(n->b, obj, c);
		return bool_value(tl_expr_value_in(&l, &r));
	case N_MATCH:
		l = tl_expr_eval_node(n->a, obj, c);
		if (l.type != TL_T_STRING)
			return bool_value(false);
		return bool_value(tl_regex_search(n->re, l.u.s.p ? l.u.s.p : "", l.u.s.len));
	case N_ARITH:
		/* left to right as ((a + b) - c): a null or an overflow on the
		 * way stays null to the end */
		l = tl_expr_eval_node(n->items[0], obj, c);
		for (i = 1; i < n->n; i++) {
			r = tl_expr_eval_node(n->items[i], obj, c);
			l = arith(n->minus[i], &l, &r);
		}
		return l;
	case N_NEG:
		l = tl_expr_eval_node(n->a, obj, c);
		if ((l.type != TL_T_INT && l.type != TL_T_DURATION) || l.u.i == INT64_MIN)
			return v;
		return num_value(l.type, -l.u.i);
	case N_CALL:
		return n->fn->eval(n, obj, c);
	}
	return v;
}

tl_value tl_expr_eval(const tl_expr *e, const void *obj, const tl_eval_env *env, tl_arena *arena)
{
	struct eval_ctx c = {env, arena};
	tl_value null = {.type = TL_T_NULL};

	if (!e || !e->root || !env || !arena)
		return null;
	return tl_expr_eval_node(e->root, obj, &c);
}
