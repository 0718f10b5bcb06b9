/* expr.c: the rule expression language (see expr.h): the parser and type
 * checker behind tl_expr_compile, and tl_expr_type and tl_expr_free.
 *
 * One pass over the text: a lexer giving one token of look-ahead
 * (expr_lex.c), a precedence-climbing parser that type-checks every node as
 * it builds it (so the error reported is the first one in reading order),
 * then a tree-walking evaluator (expr_eval.c). The built-in functions are a
 * table (expr_funcs.c): this file reads a call's syntax and leaves what its
 * arguments must be to the table. The nodes, decoded string literals and
 * copied parameters of one expression live in the expression's own arena,
 * so freeing it is one call plus the compiled regexes. */
#include "config.h"

#include "rules/expr_impl.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/regex.h"

/* Deeper nesting than any sane rule, shallow enough that the recursive
 * parser and evaluator stay far from the stack limit on hostile input.
 * A chain of one operator (a && b && c, 1 + 2 - 3) is one n-ary node, so
 * it is one level whatever its length: only parentheses, calls, lists and
 * prefix operators nest. */
#define MAX_DEPTH 200
/* Most expressions are a handful of nodes, and a message template compiles
 * one per hole: 4 KiB each would make a template of 100,000 holes cost
 * 400 MB. */
#define EXPR_ARENA_FIRST 512

/* ---- parser and type checker */

static bool enter(struct parser *p, size_t off)
{
	if (++p->depth > MAX_DEPTH) {
		tl_expr_fail(p, off, "expression nested too deeply");
		return false;
	}
	return true;
}

static struct node *new_node(struct parser *p, enum node_kind kind, size_t off, struct node *a,
			     struct node *b)
{
	struct node *n = tl_arena_alloc(&p->e->mem, sizeof(*n));
	unsigned depth = 0;

	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->off = off;
	n->a = a;
	n->b = b;
	if (a && a->depth > depth)
		depth = a->depth;
	if (b && b->depth > depth)
		depth = b->depth;
	n->depth = depth + 1;
	if (n->depth > MAX_DEPTH) {
		tl_expr_fail(p, off, "expression nested too deeply");
		return NULL;
	}
	return n;
}

/* The operands of a list or of a chain of one operator, gathered on the
 * heap while the parser reads them. */
struct operands {
	struct node **items;
	bool *minus; /* kept for every operand, read for N_ARITH only */
	size_t n, cap, minus_cap;
};

static void operands_add(struct operands *o, struct node *item, bool minus)
{
	tl_xgrow((void **)&o->items, &o->cap, o->n + 1, sizeof(*o->items));
	tl_xgrow((void **)&o->minus, &o->minus_cap, o->n + 1, sizeof(*o->minus));
	o->items[o->n] = item;
	o->minus[o->n] = minus;
	o->n++;
}

static void operands_free(struct operands *o)
{
	free(o->items);
	free(o->minus);
	memset(o, 0, sizeof(*o));
}

/* A node over the gathered operands, which move into the expression's
 * arena (o is left empty). One level deeper than its deepest operand,
 * however many there are: the evaluator loops over them. */
static struct node *operands_node(struct parser *p, enum node_kind kind, size_t off,
				  struct operands *o)
{
	struct node *n = new_node(p, kind, off, NULL, NULL);
	unsigned depth = 0;
	size_t i;

	for (i = 0; i < o->n; i++)
		if (o->items[i]->depth > depth)
			depth = o->items[i]->depth;
	n->depth = depth + 1;
	if (n->depth > MAX_DEPTH) {
		tl_expr_fail(p, off, "expression nested too deeply");
		operands_free(o);
		return NULL;
	}
	if (o->n > SIZE_MAX / sizeof(*n->items))
		tl_oom();
	n->items = tl_arena_alloc(&p->e->mem, o->n * sizeof(*n->items));
	if (o->n)
		memcpy(n->items, o->items, o->n * sizeof(*n->items));
	if (kind == N_ARITH) {
		n->minus = tl_arena_alloc(&p->e->mem, o->n * sizeof(*n->minus));
		memcpy(n->minus, o->minus, o->n * sizeof(*n->minus));
	}
	n->n = o->n;
	operands_free(o);
	return n;
}

const char *tl_expr_type_desc(const struct node *n, char *buf, size_t cap)
{
	if (n->type != TL_T_LIST)
		return tl_type_name(n->type);
	if (n->elem == TL_T_NULL)
		return "empty list";
	snprintf(buf, cap, "list of %s", tl_type_name(n->elem));
	return buf;
}

static const char *op_text(const struct parser *p, const struct token *op, char *buf, size_t cap)
{
	snprintf(buf, cap, "%.*s", (int)op->len, p->text + op->off);
	return buf;
}

static bool is_cmp(enum tok_kind k)
{
	return k == T_EQ || k == T_NE || k == T_LT || k == T_LE || k == T_GT || k == T_GE ||
	       k == T_IN || k == T_MATCH;
}

static bool is_ordered(tl_type t)
{
	return t == TL_T_INT || t == TL_T_STRING || t == TL_T_TIME || t == TL_T_DURATION;
}

static bool one_type(const struct node *l, const struct node *r)
{
	if (l->type == TL_T_ANY || r->type == TL_T_ANY)
		return true;
	if (l->type != r->type)
		return false;
	if (l->type != TL_T_LIST)
		return true;
	return l->elem == r->elem || l->elem == TL_T_NULL || r->elem == TL_T_NULL ||
	       l->elem == TL_T_ANY || r->elem == TL_T_ANY;
}

static struct node *parse_or(struct parser *p);

static struct node *binary_error(struct parser *p, const struct token *op, const char *what,
				 const struct node *l, const struct node *r)
{
	char o[8], lb[32], rb[32];

	tl_expr_fail(p, op->off, "operator '%s' %s %s and %s", op_text(p, op, o, sizeof(o)), what,
		     tl_expr_type_desc(l, lb, sizeof(lb)), tl_expr_type_desc(r, rb, sizeof(rb)));
	return NULL;
}

static struct node *const_node(struct parser *p, size_t off, tl_type t)
{
	struct node *n = new_node(p, N_CONST, off, NULL, NULL);

	n->type = t;
	n->val.type = t;
	return n;
}

/* Copy a parameter's value into the expression, which must not borrow it. */
static void copy_value(tl_arena *mem, const tl_value *from, tl_value *to)
{
	size_t i;

	*to = *from;
	if (from->type == TL_T_STRING) {
		to->u.s.p = tl_arena_strndup(mem, from->u.s.p, from->u.s.len);
	} else if (from->type == TL_T_LIST) {
		tl_value *items;

		if (from->u.list.n > SIZE_MAX / sizeof(*items))
			tl_oom();
		items = tl_arena_alloc(mem, from->u.list.n * sizeof(*items));
		for (i = 0; i < from->u.list.n; i++)
			copy_value(mem, &from->u.list.items[i], &items[i]);
		to->u.list.items = items;
	}
}

static struct node *parse_field(struct parser *p, const struct token *name)
{
	const char *s = p->text + name->off;
	char q[QUOTE_MAX + 8];
	tl_field_info info;
	struct node *n;

	tl_expr_quote(q, sizeof(q), s, name->len);
	if (name->len > 6 && memcmp(s, "param.", 6) == 0) {
		tl_value v = {.type = TL_T_NULL};

		if (!p->cat->param || p->cat->param(p->cat->user, s + 6, name->len - 6, &v) != 0) {
			tl_expr_fail(p, name->off, "unknown parameter %s", q);
			return NULL;
		}
		if (!tl_expr_value_sane(&v)) {
			tl_expr_fail(p, name->off, "parameter %s has an unusable value", q);
			return NULL;
		}
		n = const_node(p, name->off, v.type);
		if (!n)
			return NULL;
		copy_value(&p->e->mem, &v, &n->val);
		if (v.type == TL_T_LIST && v.u.list.n)
			n->elem = v.u.list.items[0].type;
		return n;
	}
	memset(&info, 0, sizeof(info));
	if (!p->cat->field || p->cat->field(p->cat->user, p->scope, s, name->len, &info) != 0) {
		tl_expr_fail(p, name->off, "unknown field %s in scope %.*s", q, p->scope_name_len,
			     p->scope_name);
		return NULL;
	}
	n = new_node(p, N_FIELD, name->off, NULL, NULL);
	if (!n)
		return NULL;
	n->scope = p->scope;
	n->field = info.id;
	n->type = info.type > TL_T_ANY ? TL_T_ANY : info.type;
	n->elem = info.elem > TL_T_ANY ? TL_T_ANY : info.elem;
	return n;
}

static struct node *parse_list(struct parser *p)
{
	size_t start = p->tok.off;
	struct operands items = {0};
	struct node *n;
	const struct node *first = NULL;
	tl_type elem = TL_T_NULL;

	tl_expr_advance(p);
	if (p->tok.kind != T_RBRACKET) {
		for (;;) {
			struct node *item = parse_or(p);
			char b1[32], b2[32];

			if (!item)
				goto fail;
			if (item->type == TL_T_LIST) {
				tl_expr_fail(p, item->off, "lists cannot contain lists");
				goto fail;
			}
			if (item->type != TL_T_NULL && item->type != TL_T_ANY) {
				if (elem == TL_T_NULL || elem == TL_T_ANY) {
					elem = item->type;
					first = item;
				} else if (item->type != elem) {
					tl_expr_fail(p, item->off,
						     "list elements must have one type, got %s and %s",
						     tl_expr_type_desc(first, b1, sizeof(b1)),
						     tl_expr_type_desc(item, b2, sizeof(b2)));
					goto fail;
				}
			} else if (item->type == TL_T_ANY && elem == TL_T_NULL) {
				elem = TL_T_ANY;
			}
			operands_add(&items, item, false);
			if (p->tok.kind == T_RBRACKET)
				break;
			if (p->tok.kind != T_COMMA) {
				tl_expr_fail(p, p->tok.off, "expected ',' or ']'");
				goto fail;
			}
			tl_expr_advance(p);
		}
	}
	tl_expr_advance(p);
	n = operands_node(p, N_LIST, start, &items);
	if (!n)
		return NULL;
	n->type = TL_T_LIST;
	n->elem = elem;
	return n;
fail:
	operands_free(&items);
	return NULL;
}

static bool expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (p->tok.kind != kind) {
		tl_expr_fail(p, p->tok.off, "expected %s", what);
		return false;
	}
	tl_expr_advance(p);
	return true;
}

/* count(SCOPE where EXPR) and friends: EXPR is read in SCOPE, so its fields
 * are those of the iterated objects; so is the ITEM of list(SCOPE where
 * EXPR, ITEM). */
static struct node *parse_quantifier(struct parser *p, const struct token *name,
				     const struct builtin *fn)
{
	const char *saved_name = p->scope_name;
	int saved_len = p->scope_name_len, saved_scope = p->scope, scope;
	struct token sc = p->tok;
	struct node *cond, *item = NULL, *n;
	char q[QUOTE_MAX + 8], tb[32];

	if (sc.kind != T_IDENT) {
		tl_expr_describe(p, &sc, q, sizeof(q));
		tl_expr_fail(p, sc.off, "expected a scope name, got %s", q);
		return NULL;
	}
	scope = p->cat->scope ? p->cat->scope(p->cat->user, p->text + sc.off, sc.len) : -1;
	if (scope < 0) {
		tl_expr_quote(q, sizeof(q), p->text + sc.off, sc.len);
		tl_expr_fail(p, sc.off, "unknown scope %s", q);
		return NULL;
	}
	tl_expr_advance(p);
	if (!expect(p, T_WHERE, "'where'"))
		return NULL;
	p->scope = scope;
	p->scope_name = p->text + sc.off;
	p->scope_name_len = (int)(sc.len < INT_MAX ? sc.len : INT_MAX);
	cond = parse_or(p);
	if (cond && (cond->type == TL_T_BOOL || cond->type == TL_T_ANY) &&
	    fn->args == TL_ARGS_SCOPE_ITEM && expect(p, T_COMMA, "','"))
		item = parse_or(p); /* read in SCOPE too */
	p->scope = saved_scope;
	p->scope_name = saved_name;
	p->scope_name_len = saved_len;
	if (!cond)
		return NULL;
	if (cond->type != TL_T_BOOL && cond->type != TL_T_ANY) {
		tl_expr_fail(p, cond->off, "the condition of '%.*s' must be bool, got %s",
			     (int)name->len, p->text + name->off,
			     tl_expr_type_desc(cond, tb, sizeof(tb)));
		return NULL;
	}
	if (fn->args == TL_ARGS_SCOPE_ITEM && !item)
		return NULL;
	if (!expect(p, T_RPAREN, "')'"))
		return NULL;
	n = new_node(p, N_CALL, name->off, cond, item);
	if (!n)
		return NULL;
	n->fn = fn;
	n->scope = scope;
	n->type = fn->type;
	return n;
}

/* name( has been read: the arguments up to ')', counted against the
 * built-in's; the built-in's own check says what they must be. */
static struct node *parse_call(struct parser *p, const struct token *name)
{
	const struct builtin *fn = tl_expr_builtin_find(p->text + name->off, name->len);
	struct node *args[2] = {NULL, NULL}, *n;
	size_t count = 0;
	char q[QUOTE_MAX + 8];

	if (!fn) {
		tl_expr_quote(q, sizeof(q), p->text + name->off, name->len);
		tl_expr_fail(p, name->off, "unknown function %s", q);
		return NULL;
	}
	tl_expr_advance(p); /* '(' */
	if (fn->args < 0)
		return parse_quantifier(p, name, fn);
	if (p->tok.kind != T_RPAREN) {
		for (;;) {
			struct node *arg = parse_or(p);

			if (!arg)
				return NULL;
			if (count < TL_ARRAY_LEN(args))
				args[count] = arg;
			count++;
			if (p->tok.kind != T_COMMA)
				break;
			tl_expr_advance(p);
		}
	}
	if (!expect(p, T_RPAREN, "')'"))
		return NULL;
	if (count != (size_t)fn->args) {
		tl_expr_fail(p, name->off, "'%s' takes %d argument%s, got %zu", fn->name, fn->args,
			     fn->args == 1 ? "" : "s", count);
		return NULL;
	}
	n = new_node(p, N_CALL, name->off, args[0], args[1]);
	if (!n)
		return NULL;
	n->fn = fn;
	if (fn->check && !fn->check(p, n))
		return NULL;
	n->type = fn->type;
	return n;
}

static struct node *parse_primary(struct parser *p)
{
	struct token t = p->tok;
	struct node *n;
	char q[QUOTE_MAX + 8];

	switch (t.kind) {
	case T_INT:
	case T_DURATION:
		n = const_node(p, t.off, t.kind == T_INT ? TL_T_INT : TL_T_DURATION);
		n->val.u.i = t.num;
		tl_expr_advance(p);
		return n;
	case T_STRING:
		n = const_node(p, t.off, TL_T_STRING);
		tl_expr_decode_string(p, &t, &n->val);
		n->literal = true;
		tl_expr_advance(p);
		return n;
	case T_TRUE:
	case T_FALSE:
		n = const_node(p, t.off, TL_T_BOOL);
		n->val.u.b = t.kind == T_TRUE;
		tl_expr_advance(p);
		return n;
	case T_NULL:
		n = const_node(p, t.off, TL_T_NULL);
		tl_expr_advance(p);
		return n;
	case T_LPAREN:
		if (!enter(p, t.off))
			return NULL;
		tl_expr_advance(p);
		n = parse_or(p);
		p->depth--;
		if (!n || !expect(p, T_RPAREN, "')'"))
			return NULL;
		return n;
	case T_LBRACKET:
		if (!enter(p, t.off))
			return NULL;
		n = parse_list(p);
		p->depth--;
		return n;
	case T_IDENT:
		tl_expr_advance(p);
		if (p->tok.kind != T_LPAREN)
			return parse_field(p, &t);
		if (!enter(p, t.off))
			return NULL;
		n = parse_call(p, &t);
		p->depth--;
		return n;
	default:
		tl_expr_describe(p, &t, q, sizeof(q));
		tl_expr_fail(p, t.off, "expected a value, got %s", q);
		return NULL;
	}
}

static struct node *parse_unary(struct parser *p)
{
	struct token op = p->tok;
	struct node *x, *n;
	char tb[32];

	if (op.kind != T_MINUS)
		return parse_primary(p);
	if (!enter(p, op.off))
		return NULL;
	tl_expr_advance(p);
	x = parse_unary(p);
	p->depth--;
	if (!x)
		return NULL;
	if (x->type != TL_T_INT && x->type != TL_T_DURATION && !wild(x->type)) {
		tl_expr_fail(p, op.off, "operator '-' needs an int or a duration, got %s",
			     tl_expr_type_desc(x, tb, sizeof(tb)));
		return NULL;
	}
	n = new_node(p, N_NEG, op.off, x, NULL);
	if (n)
		n->type = x->type;
	return n;
}

/* The static type of l op r for + and -, or -1 when they do not apply. */
static int arith_type(enum tok_kind op, tl_type l, tl_type r)
{
	bool lw = wild(l), rw = wild(r);

	if (l == TL_T_INT && r == TL_T_INT)
		return TL_T_INT;
	if (lw || rw) {
		tl_type other = lw ? r : l;

		if (lw && rw)
			return l == TL_T_ANY || r == TL_T_ANY ? TL_T_ANY : TL_T_NULL;
		if (other == TL_T_INT)
			return TL_T_INT;
		if (other == TL_T_TIME || other == TL_T_DURATION)
			return TL_T_ANY; /* time or duration: only the run time knows */
		return -1;
	}
	if (op == T_PLUS) {
		if ((l == TL_T_TIME && r == TL_T_DURATION) || (l == TL_T_DURATION && r == TL_T_TIME))
			return TL_T_TIME;
		if (l == TL_T_DURATION && r == TL_T_DURATION)
			return TL_T_DURATION;
	} else {
		if (l == TL_T_TIME && r == TL_T_DURATION)
			return TL_T_TIME;
		if (l == TL_T_TIME && r == TL_T_TIME)
			return TL_T_DURATION;
		if (l == TL_T_DURATION && r == TL_T_DURATION)
			return TL_T_DURATION;
	}
	return -1;
}

static struct node *parse_add(struct parser *p)
{
	struct node *first = parse_unary(p), so_far, *n;
	struct operands chain = {0};
	tl_type type;

	if (!first || (p->tok.kind != T_PLUS && p->tok.kind != T_MINUS))
		return first;
	/* left to right, as ((a + b) - c) would be typed: so_far stands for
	 * the sum up to the operator, for messages */
	memset(&so_far, 0, sizeof(so_far));
	type = first->type;
	operands_add(&chain, first, false);
	while (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS) {
		struct token op = p->tok;
		struct node *r;
		int t;

		tl_expr_advance(p);
		r = parse_unary(p);
		if (!r)
			goto fail;
		t = arith_type(op.kind, type, r->type);
		if (t < 0) {
			so_far.type = type;
			binary_error(p, &op, "does not apply to", chain.n == 1 ? first : &so_far, r);
			goto fail;
		}
		type = (tl_type)t;
		operands_add(&chain, r, op.kind == T_MINUS);
	}
	n = operands_node(p, N_ARITH, first->off, &chain);
	if (n)
		n->type = type;
	return n;
fail:
	operands_free(&chain);
	return NULL;
}

static struct node *compile_match(struct parser *p, const struct token *op, struct node *l,
				  struct node *r)
{
	char tb[32], *msg = NULL;
	size_t at = 0;
	struct node *n;

	if (!is_string_like(l->type)) {
		tl_expr_fail(p, op->off, "operator '=~' needs a string on its left, got %s",
			     tl_expr_type_desc(l, tb, sizeof(tb)));
		return NULL;
	}
	if (!r->literal) {
		tl_expr_fail(p, r->off, "the right side of '=~' must be a string literal");
		return NULL;
	}
	n = new_node(p, N_MATCH, l->off, l, r);
	if (!n)
		return NULL;
	n->type = TL_T_BOOL;
	n->re = tl_regex_compile(r->val.u.s.p, r->val.u.s.len, &msg, &at);
	if (!n->re) {
		if (at > r->val.u.s.len)
			at = r->val.u.s.len;
		tl_expr_fail(p, tl_expr_literal_offset(p->text, r->off, at), "regex: %s",
			     msg ? msg : "invalid pattern");
		free(msg);
		return NULL;
	}
	n->next_re = p->e->regexes;
	p->e->regexes = n;
	return n;
}

static struct node *parse_cmp(struct parser *p)
{
	struct node *l = parse_add(p), *r, *n;
	struct token op;
	enum node_kind kind;

	if (!l || !is_cmp(p->tok.kind))
		return l;
	op = p->tok;
	tl_expr_advance(p);
	r = parse_add(p);
	if (!r)
		return NULL;
	if (is_cmp(p->tok.kind)) {
		char o[8];

		tl_expr_fail(p, p->tok.off, "comparisons do not chain: add parentheses before '%s'",
			     op_text(p, &p->tok, o, sizeof(o)));
		return NULL;
	}
	switch (op.kind) {
	case T_MATCH:
		return compile_match(p, &op, l, r);
	case T_IN:
		if (!(wild(l->type) || wild(r->type) ||
		      (r->type == TL_T_LIST && l->type != TL_T_LIST &&
		       (l->type == r->elem || wild(r->elem))) ||
		      (r->type == TL_T_STRING && l->type == TL_T_STRING)))
			return binary_error(p, &op,
					    "needs a value and a list of its type, or two strings, got",
					    l, r);
		kind = N_IN;
		break;
	case T_EQ:
	case T_NE:
		/* `x == null` asks whether x has data; any other comparison
		 * involving a null value is false (expr.h) */
		if (l->type == TL_T_NULL || r->type == TL_T_NULL) {
			n = new_node(p, op.kind == T_EQ ? N_IS_NULL : N_NOT_NULL, l->off,
				     l->type == TL_T_NULL ? r : l, NULL);
			if (n)
				n->type = TL_T_BOOL;
			return n;
		}
		if (!one_type(l, r))
			return binary_error(p, &op, "needs two values of one type, got", l, r);
		kind = op.kind == T_EQ ? N_EQ : N_NE;
		break;
	default:
		if (!((is_ordered(l->type) || l->type == TL_T_ANY) &&
		      (is_ordered(r->type) || r->type == TL_T_ANY) && one_type(l, r)))
			return binary_error(p, &op, "needs two values of one ordered type, got", l, r);
		kind = op.kind == T_LT ? N_LT : op.kind == T_LE ? N_LE : op.kind == T_GT ? N_GT : N_GE;
		break;
	}
	n = new_node(p, kind, l->off, l, r);
	if (n)
		n->type = TL_T_BOOL;
	return n;
}

static bool logic_operand(tl_type t)
{
	return t == TL_T_BOOL || wild(t);
}

static struct node *parse_not(struct parser *p)
{
	struct token op = p->tok;
	struct node *x, *n;
	char o[8], tb[32];

	if (op.kind != T_NOT)
		return parse_cmp(p);
	if (!enter(p, op.off))
		return NULL;
	tl_expr_advance(p);
	x = parse_not(p);
	p->depth--;
	if (!x)
		return NULL;
	if (!logic_operand(x->type)) {
		tl_expr_fail(p, op.off, "operator '%s' needs a bool, got %s",
			     op_text(p, &op, o, sizeof(o)), tl_expr_type_desc(x, tb, sizeof(tb)));
		return NULL;
	}
	n = new_node(p, N_NOT, op.off, x, NULL);
	if (n)
		n->type = TL_T_BOOL;
	return n;
}

/* A chain of `which` (T_OR or T_AND) as one node: the operands of '||'
 * are chains of '&&', those of '&&' negations and comparisons. */
static struct node *parse_logic(struct parser *p, enum tok_kind which)
{
	struct node *first = which == T_OR ? parse_logic(p, T_AND) : parse_not(p), so_far, *n;
	struct operands chain = {0};

	if (!first || p->tok.kind != which)
		return first;
	/* so_far stands for the chain up to the operator, for messages */
	memset(&so_far, 0, sizeof(so_far));
	so_far.type = TL_T_BOOL;
	operands_add(&chain, first, false);
	while (p->tok.kind == which) {
		struct token op = p->tok;
		const struct node *l = chain.n == 1 ? first : &so_far;
		struct node *r;

		tl_expr_advance(p);
		r = which == T_OR ? parse_logic(p, T_AND) : parse_not(p);
		if (!r)
			goto fail;
		if (!logic_operand(l->type) || !logic_operand(r->type)) {
			binary_error(p, &op, "needs two bools, got", l, r);
			goto fail;
		}
		operands_add(&chain, r, false);
	}
	n = operands_node(p, which == T_OR ? N_OR : N_AND, first->off, &chain);
	if (n)
		n->type = TL_T_BOOL;
	return n;
fail:
	operands_free(&chain);
	return NULL;
}

static struct node *parse_or(struct parser *p)
{
	return parse_logic(p, T_OR);
}

/* The name of a scope for messages: the catalogue maps names to numbers
 * only, so try the names DESIGN.md 3 defines. */
static void scope_label(struct parser *p, int scope, char *buf, size_t cap)
{
	static const char *const names[] = {"cert", "store", "binding", "ctl", "machine"};
	size_t i;

	for (i = 0; p->cat->scope && i < TL_ARRAY_LEN(names); i++) {
		if (p->cat->scope(p->cat->user, names[i], strlen(names[i])) == scope) {
			snprintf(buf, cap, "%s", names[i]);
			return;
		}
	}
	snprintf(buf, cap, "#%d", scope);
}

tl_expr *tl_expr_compile(const char *text, size_t len, int scope, const tl_catalogue *cat,
			 tl_expr_error *err)
{
	static const tl_catalogue no_catalogue;
	tl_expr_error local;
	struct parser p;
	char label[16];
	struct node *root;

	memset(&p, 0, sizeof(p));
	p.text = text ? text : "";
	p.len = text ? len : 0;
	p.cat = cat ? cat : &no_catalogue;
	p.scope = scope;
	p.err = err ? err : &local;
	p.err->msg[0] = '\0';
	p.err->offset = 0;
	p.e = tl_xcalloc(1, sizeof(*p.e));
	/* a first block of EXPR_ARENA_FIRST, not ARENA_FIRST (expr_eval.c:
	 * tl_arena_alloc starts from a preset cap) */
	p.e->mem.cap = EXPR_ARENA_FIRST;
	scope_label(&p, scope, label, sizeof(label));
	p.scope_name = label;
	p.scope_name_len = (int)strlen(label);
	tl_expr_advance(&p);
	root = parse_or(&p);
	if (root && p.tok.kind != T_END) {
		char q[QUOTE_MAX + 8];

		tl_expr_describe(&p, &p.tok, q, sizeof(q));
		tl_expr_fail(&p, p.tok.off, "unexpected %s", q);
	}
	if (!root && !p.failed)
		tl_expr_fail(&p, 0, "invalid expression");
	if (p.failed) {
		tl_expr_free(p.e);
		return NULL;
	}
	p.e->root = root;
	return p.e;
}

tl_type tl_expr_type(const tl_expr *e)
{
	return e && e->root ? e->root->type : TL_T_NULL;
}

void tl_expr_free(tl_expr *e)
{
	struct node *n;

	if (!e)
		return;
	for (n = e->regexes; n; n = n->next_re)
		tl_regex_free(n->re);
	tl_arena_free(&e->mem);
	free(e);
}
