/* expr_funcs.c: the built-in functions of the rule expression language
 * (expr.h), one table row each: name, number of arguments, result type,
 * what the arguments must be and how a call is evaluated.
 *
 * The parser (expr.c) reads a call, counts its arguments and builds an
 * N_CALL node whose a and b are the arguments; for count, any and all
 * (SCOPE where EXPR) a is the condition, read in the iterated scope. A
 * function of null, or of a value of the wrong type at run time (through
 * reg()), gives null (expr.h). A new function is a row here, its entry in
 * doc/trustlint-rules.md and its cases in tests/check_expr.c. */
#include "config.h"

#include "rules/expr_impl.h"

#include <stdint.h>
#include <string.h>

/* ---- len, lower, upper */

static bool check_len(struct parser *p, const struct node *call)
{
	char tb[32];

	if (!is_string_like(call->a->type) && call->a->type != TL_T_LIST) {
		tl_expr_fail(p, call->a->off, "'len' needs a string or a list, got %s",
			     tl_expr_type_desc(call->a, tb, sizeof(tb)));
		return false;
	}
	return true;
}

static tl_value eval_len(const struct node *call, const void *obj, struct eval_ctx *c)
{
	tl_value x = tl_expr_eval_node(call->a, obj, c), null = {.type = TL_T_NULL};

	if (x.type == TL_T_STRING)
		return num_value(TL_T_INT, (int64_t)x.u.s.len);
	if (x.type == TL_T_LIST)
		return num_value(TL_T_INT, (int64_t)x.u.list.n);
	return null;
}

static bool check_string(struct parser *p, const struct node *call)
{
	char tb[32];

	if (!is_string_like(call->a->type)) {
		tl_expr_fail(p, call->a->off, "'%s' needs a string, got %s", call->fn->name,
			     tl_expr_type_desc(call->a, tb, sizeof(tb)));
		return false;
	}
	return true;
}

static tl_value change_case(const struct node *call, const void *obj, struct eval_ctx *c,
			    bool upper)
{
	tl_value s = tl_expr_eval_node(call->a, obj, c), null = {.type = TL_T_NULL};
	char *d;
	size_t i;

	if (s.type != TL_T_STRING)
		return null;
	d = tl_arena_strndup(c->arena, s.u.s.p, s.u.s.len);
	/* ASCII only, like the rest of trustlint's name matching: Windows
	 * compares store and registry names that way */
	for (i = 0; i < s.u.s.len; i++) {
		if (upper && d[i] >= 'a' && d[i] <= 'z')
			d[i] = (char)(d[i] - 32);
		else if (!upper && d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] + 32);
	}
	s.u.s.p = d;
	return s;
}

static tl_value eval_lower(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return change_case(call, obj, c, false);
}

static tl_value eval_upper(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return change_case(call, obj, c, true);
}

/* ---- starts_with, ends_with, contains: (s, x) asks about x in s */

static bool check_two_strings(struct parser *p, const struct node *call)
{
	const struct node *args[2] = {call->a, call->b};
	char tb[32];
	size_t i;

	for (i = 0; i < 2; i++) {
		if (!is_string_like(args[i]->type)) {
			tl_expr_fail(p, args[i]->off, "'%s' needs two strings, got %s as argument %zu",
				     call->fn->name, tl_expr_type_desc(args[i], tb, sizeof(tb)),
				     i + 1);
			return false;
		}
	}
	return true;
}

/* Both arguments, evaluated in order; false when either is not a string
 * (the call is then null). */
static bool two_strings(const struct node *call, const void *obj, struct eval_ctx *c,
			tl_value *s, tl_value *x)
{
	*s = tl_expr_eval_node(call->a, obj, c);
	*x = tl_expr_eval_node(call->b, obj, c);
	return s->type == TL_T_STRING && x->type == TL_T_STRING;
}

/* x at the start of s, or at its end. */
static tl_value affix(const struct node *call, const void *obj, struct eval_ctx *c, bool at_end)
{
	tl_value s, x, null = {.type = TL_T_NULL};
	size_t from;

	if (!two_strings(call, obj, c, &s, &x))
		return null;
	if (x.u.s.len > s.u.s.len)
		return bool_value(false);
	if (!x.u.s.len)
		return bool_value(true);
	from = at_end ? s.u.s.len - x.u.s.len : 0;
	return bool_value(memcmp(s.u.s.p + from, x.u.s.p, x.u.s.len) == 0);
}

static tl_value eval_starts_with(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return affix(call, obj, c, false);
}

static tl_value eval_ends_with(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return affix(call, obj, c, true);
}

static tl_value eval_contains(const struct node *call, const void *obj, struct eval_ctx *c)
{
	tl_value s, x, null = {.type = TL_T_NULL};

	if (!two_strings(call, obj, c, &s, &x))
		return null;
	return bool_value(tl_expr_value_in(&x, &s));
}

/* ---- reg("KEY", "NAME") */

/* eval_reg takes the key and the name from the literal nodes themselves. */
static bool check_reg(struct parser *p, const struct node *call)
{
	const struct node *args[2] = {call->a, call->b};
	size_t i;

	for (i = 0; i < 2; i++) {
		if (!args[i]->literal) {
			tl_expr_fail(p, args[i]->off, "'reg' needs two string literals");
			return false;
		}
	}
	return true;
}

static tl_value eval_reg(const struct node *call, const void *obj, struct eval_ctx *c)
{
	const tl_eval_env *env = c->env;
	const tl_value *key = &call->a->val, *name = &call->b->val;
	tl_value v = {.type = TL_T_NULL};

	if (env->reg) {
		env->reg(env->user, key->u.s.p, key->u.s.len, name->u.s.p, name->u.s.len, &v,
			 c->arena);
		tl_expr_sanitize(&v);
	}
	return v;
}

/* ---- count, any, all (SCOPE where EXPR): the condition, a, is read in
 * the iterated scope, call->scope */

enum quantifier_kind { Q_COUNT, Q_ANY, Q_ALL };

struct quantifier {
	const struct node *cond;
	struct eval_ctx *c;
	enum quantifier_kind kind;
	int64_t count;
	bool result;
};

static bool quantifier_step(const void *obj, void *arg)
{
	struct quantifier *q = arg;
	tl_value v = tl_expr_eval_node(q->cond, obj, q->c);
	bool t = tl_value_true(&v);

	switch (q->kind) {
	case Q_ANY:
		if (t)
			q->result = true;
		return !t;
	case Q_ALL:
		if (!t)
			q->result = false;
		return t;
	case Q_COUNT:
		break;
	}
	if (t && q->count < INT64_MAX)
		q->count++;
	return true;
}

static tl_value quantify(const struct node *call, struct eval_ctx *c, enum quantifier_kind kind)
{
	const tl_eval_env *env = c->env;
	tl_value null = {.type = TL_T_NULL};
	struct quantifier q;

	if (!env->each)
		return null;
	q.cond = call->a;
	q.c = c;
	q.kind = kind;
	q.count = 0;
	q.result = kind == Q_ALL;
	env->each(env->user, call->scope, quantifier_step, &q);
	return kind == Q_COUNT ? num_value(TL_T_INT, q.count) : bool_value(q.result);
}

static tl_value eval_count(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return quantify(call, c, Q_COUNT);
}

static tl_value eval_any(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return quantify(call, c, Q_ANY);
}

static tl_value eval_all(const struct node *call, const void *obj, struct eval_ctx *c)
{
	return quantify(call, c, Q_ALL);
}

/* ---- list(SCOPE where EXPR, ITEM): a finding's message names its parts.
 * The first LIST_SHOWN items, each quoted and cut at LIST_ITEM_MAX bytes,
 * then how many more; "none" when no object matches. Every match is
 * mentioned to the environment (reports point at each as a related
 * location). */

#define LIST_SHOWN 3
#define LIST_ITEM_MAX 200

struct lister {
	const struct node *call;
	struct eval_ctx *c;
	tl_buf out;
	int64_t count;
};

static bool list_step(const void *obj, void *arg)
{
	struct lister *l = arg;
	tl_value v = tl_expr_eval_node(l->call->a, obj, l->c);

	if (!tl_value_true(&v))
		return true;
	if (l->c->env->mention)
		l->c->env->mention(l->c->env->mention_user, l->call->scope, obj);
	if (l->count < LIST_SHOWN) {
		tl_value item = tl_expr_eval_node(l->call->b, obj, l->c);
		size_t start;

		tl_buf_adds(&l->out, l->count ? ", '" : "'");
		start = l->out.len;
		tl_expr_format_upto(&item, &l->out, start + LIST_ITEM_MAX);
		if (l->out.len > start + LIST_ITEM_MAX) {
			l->out.len = start + LIST_ITEM_MAX;
			l->out.data[l->out.len] = '\0';
			tl_buf_adds(&l->out, "...");
		}
		tl_buf_addc(&l->out, '\'');
	}
	if (l->count < INT64_MAX)
		l->count++;
	return true;
}

static tl_value eval_list(const struct node *call, const void *obj, struct eval_ctx *c)
{
	const tl_eval_env *env = c->env;
	tl_value v = {.type = TL_T_NULL};
	struct lister l = {call, c, {0}, 0};

	(void)obj;
	if (!env->each)
		return v;
	env->each(env->user, call->scope, list_step, &l);
	if (l.count == 0)
		tl_buf_adds(&l.out, "none");
	else if (l.count > LIST_SHOWN)
		tl_buf_printf(&l.out, " and %lld more", (long long)(l.count - LIST_SHOWN));
	v.type = TL_T_STRING;
	v.u.s.p = tl_arena_strndup(c->arena, l.out.data, l.out.len);
	v.u.s.len = l.out.len;
	tl_buf_free(&l.out);
	return v;
}

/* ---- the table */

static const struct builtin builtins[] = {
	/* name, args, result type, check, eval */
	{"len", 1, TL_T_INT, check_len, eval_len},
	{"lower", 1, TL_T_STRING, check_string, eval_lower},
	{"upper", 1, TL_T_STRING, check_string, eval_upper},
	{"starts_with", 2, TL_T_BOOL, check_two_strings, eval_starts_with},
	{"ends_with", 2, TL_T_BOOL, check_two_strings, eval_ends_with},
	{"contains", 2, TL_T_BOOL, check_two_strings, eval_contains},
	/* the registry value's type is known only when it is read */
	{"reg", 2, TL_T_ANY, check_reg, eval_reg},
	{"count", TL_ARGS_SCOPE, TL_T_INT, NULL, eval_count},
	{"any", TL_ARGS_SCOPE, TL_T_BOOL, NULL, eval_any},
	{"all", TL_ARGS_SCOPE, TL_T_BOOL, NULL, eval_all},
	{"list", TL_ARGS_SCOPE_ITEM, TL_T_STRING, NULL, eval_list},
};

const struct builtin *tl_expr_builtin_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(builtins); i++)
		if (bytes_eq(name, len, builtins[i].name, strlen(builtins[i].name)))
			return &builtins[i];
	return NULL;
}
