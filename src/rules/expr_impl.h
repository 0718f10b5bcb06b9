/* expr_impl.h: what the parts of the rule expression language share.
 *
 * Private to src/rules/expr*.c: no other file includes it; the API is
 * expr.h. The language is one module in five files, each named for what it
 * holds:
 *
 *   expr.c           the parser and type checker; tl_expr_compile
 *   expr_lex.c       the lexer, string literals, compile errors
 *   expr_funcs.c     the built-in functions: table, type checks, evaluation
 *   expr_eval.c      the arena, values and the evaluator; tl_expr_eval
 *   expr_template.c  message templates
 *
 * Ownership: every node, decoded string literal and copied parameter of an
 * expression lives in its tl_expr's arena (mem); the regexes of its N_MATCH
 * nodes are its own too and tl_expr_free() frees them. A struct parser
 * lives on the stack of one tl_expr_compile() call and borrows the text and
 * the catalogue. */
#ifndef TL_EXPR_IMPL_H
#define TL_EXPR_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rules/expr.h"
#include "rules/regex.h"

/* User text quoted in a message is cut here so it fits tl_expr_error. */
#define QUOTE_MAX 40

enum tok_kind {
	T_END,
	T_INT,
	T_DURATION,
	T_STRING,
	T_IDENT,
	T_TRUE,
	T_FALSE,
	T_NULL,
	T_AND,
	T_OR,
	T_NOT,
	T_IN,
	T_WHERE,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_MATCH,
	T_PLUS,
	T_MINUS,
	T_LPAREN,
	T_RPAREN,
	T_LBRACKET,
	T_RBRACKET,
	T_COMMA,
};

struct token {
	enum tok_kind kind;
	size_t off, len;
	int64_t num; /* T_INT, T_DURATION */
};

enum node_kind {
	N_CONST,
	N_FIELD,
	N_LIST,
	N_NOT,
	N_NEG,
	N_AND, /* items: every operand of a chain of '&&' */
	N_OR,  /* items: every operand of a chain of '||' */
	N_EQ,
	N_NE,
	N_LT,
	N_LE,
	N_GT,
	N_GE,
	N_IS_NULL,
	N_NOT_NULL,
	N_IN,
	N_MATCH,
	N_ARITH, /* items: the operands of a chain of '+' and '-'; minus says which */
	N_CALL,  /* fn: which built-in; a, b: its arguments, or a: the condition */
};

struct builtin;

struct node {
	enum node_kind kind;
	tl_type type;
	tl_type elem;   /* when type is TL_T_LIST; TL_T_NULL: not known (empty) */
	size_t off;     /* where its text starts */
	unsigned depth; /* of the subtree */
	bool literal;   /* a string written as a literal (for =~ and reg()) */
	int scope;      /* N_FIELD, and the iterated scope of count/any/all */
	int field;
	tl_value val; /* N_CONST */
	struct node *a, *b;
	struct node **items; /* N_LIST, N_AND, N_OR, N_ARITH */
	size_t n;
	bool *minus;              /* N_ARITH: items[i] is subtracted (i > 0) */
	tl_regex *re;             /* N_MATCH */
	struct node *next_re;     /* every N_MATCH of the expression, for freeing */
	const struct builtin *fn; /* N_CALL */
};

struct tl_expr {
	struct node *root;
	struct node *regexes;
	tl_arena mem;
};

struct parser {
	const char *text;
	size_t len;
	size_t pos; /* where the lexer goes on */
	struct token tok;
	const tl_catalogue *cat;
	int scope;
	const char *scope_name;
	int scope_name_len;
	tl_expr *e;
	tl_expr_error *err;
	bool failed;
	unsigned depth;
};

struct eval_ctx {
	const tl_eval_env *env;
	tl_arena *arena;
};

/* One built-in function. The parser reads the call, counts its arguments
 * against args and builds the N_CALL node; check then looks at what the
 * arguments are (NULL: any), and the node's static type is type. args
 * TL_ARGS_SCOPE is the form SCOPE where EXPR (count, any, all), whose
 * condition the parser reads in SCOPE and requires to be bool;
 * TL_ARGS_SCOPE_ITEM is SCOPE where EXPR, ITEM (list), ITEM read in SCOPE
 * too and kept in the node's b. */
enum { TL_ARGS_SCOPE = -1, TL_ARGS_SCOPE_ITEM = -2 };
struct builtin {
	const char *name;
	int args;
	tl_type type;
	/* false after reporting the first unfit argument with tl_expr_fail */
	bool (*check)(struct parser *p, const struct node *call);
	tl_value (*eval)(const struct node *call, const void *obj, struct eval_ctx *c);
};

/* ---- small predicates and constructors every part uses */

static inline bool bytes_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (!alen || memcmp(a, b, alen) == 0);
}

/* A static type any operand fits: null, or reg()'s any. */
static inline bool wild(tl_type t)
{
	return t == TL_T_NULL || t == TL_T_ANY;
}

static inline bool is_string_like(tl_type t)
{
	return t == TL_T_STRING || wild(t);
}

static inline tl_value bool_value(bool b)
{
	tl_value v = {.type = TL_T_BOOL};

	v.u.b = b;
	return v;
}

static inline tl_value num_value(tl_type t, int64_t i)
{
	tl_value v = {.type = t};

	v.u.i = i;
	return v;
}

/* ---- expr_lex.c */

/* Record the first compile error (later ones are dropped) at byte off. */
void tl_expr_fail(struct parser *p, size_t off, const char *fmt, ...) TL_PRINTF(3, 4);
/* 'text' of user text, cut at QUOTE_MAX bytes. */
void tl_expr_quote(char *out, size_t cap, const char *s, size_t n);
/* What a token is, for "expected ..., got X" messages. */
void tl_expr_describe(const struct parser *p, const struct token *t, char *out, size_t cap);
/* Read the next token into p->tok; after an error it is T_END. */
void tl_expr_advance(struct parser *p);
/* The value of the string literal token t, in the expression's arena. */
void tl_expr_decode_string(struct parser *p, const struct token *t, tl_value *out);
/* Offset in text of byte `decoded` of the value of the string literal at
 * lit_off (for regex errors). */
size_t tl_expr_literal_offset(const char *text, size_t lit_off, size_t decoded);

/* ---- expr.c */

/* "int", "list of string", "empty list": n's static type for messages, in
 * buf or a constant string. */
const char *tl_expr_type_desc(const struct node *n, char *buf, size_t cap);

/* ---- expr_funcs.c */

/* The built-in of that name, or NULL. */
const struct builtin *tl_expr_builtin_find(const char *name, size_t len);

/* ---- expr_eval.c */

tl_value tl_expr_eval_node(const struct node *n, const void *obj, struct eval_ctx *c);
/* False for a value from outside (env->get, env->reg, a parameter) that
 * the evaluator must not read. */
bool tl_expr_value_sane(const tl_value *v);
/* v, or null when it is not sane. */
void tl_expr_sanitize(tl_value *v);
/* `x in set`: x is an element of the list set, or a substring of the
 * string set. */
bool tl_expr_value_in(const tl_value *x, const tl_value *set);
/* How many of want bytes still fit before out holds stop bytes. */
size_t tl_expr_room(const tl_buf *out, size_t stop, size_t want);
/* tl_value_format, but strings and lists stop once out holds stop bytes
 * (a number may still run up to 32 bytes past it). */
void tl_expr_format_upto(const tl_value *v, tl_buf *out, size_t stop);

#endif
