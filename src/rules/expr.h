/* expr.h: the rule expression language (DESIGN.md 3; manual in
 * doc/trustlint-rules.md).
 *
 *   literals   42  0x2a  "text"  'raw\text'  true  false  null  [a, b]  30d 12h 5m 10s 2w
 *   fields     subject  store_eku  param.min_bits
 *   operators  ! not   && and   || or   == != < <= > >=   in   =~   + -
 *   functions  len(x) lower(s) upper(s) starts_with(s, p) ends_with(s, p)
 *              contains(s, p) reg("KEY", "NAME") count(SCOPE where EXPR)
 *              any(SCOPE where EXPR) all(SCOPE where EXPR)
 *
 * Precedence, lowest first: `||`; `&&`; `!` (prefix); comparisons, `in`,
 * `=~` (non-associative); `+ -` (left); unary `-`; postfix call. Keywords
 * (`and or not in where true false null`) are case-sensitive.
 *
 * Expressions nest at most 200 levels deep: each parenthesis, list, call
 * and prefix `!` or `-` is a level, and so is each precedence level of
 * operators inside it. Deeper is a compile error, so a hostile rule cannot
 * exhaust the stack. A chain of `&&`, of `||` or of `+ -` is one level
 * however long it is.
 *
 * Types are checked when an expression is compiled, against the field
 * catalogue of the rule's scope: an unknown field, an operand of the wrong
 * type, a call with the wrong number of arguments or a regex that does not
 * compile is an error with its column. At run time any value may be null
 * (a field with no data in the export): comparisons with null are false
 * except `== null` and `!= null`; arithmetic and functions of null give
 * null; `!null`, `null && x` and `null || x` treat null as false; `in` with
 * null on either side is false. A rule's `when` and `assert` pass only on
 * true (null fails them).
 *
 * Ownership: a compiled tl_expr owns its tree and compiled regexes; it
 * borrows nothing from the source text or the catalogue. Values returned by
 * tl_expr_eval() live in the arena given to it until tl_arena_reset(). */
#ifndef TL_EXPR_H
#define TL_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Static and dynamic types. TL_T_ANY is reg()'s static type: it is checked
 * at run time instead (a mismatch then gives null / false). */
typedef enum tl_type {
	TL_T_NULL = 0,
	TL_T_BOOL,
	TL_T_INT,
	TL_T_STRING,
	TL_T_TIME,     /* Unix seconds, UTC */
	TL_T_DURATION, /* seconds */
	TL_T_LIST,     /* elements of one type (elem) */
	TL_T_ANY,
} tl_type;

const char *tl_type_name(tl_type t); /* "bool", "int", ... */

typedef struct tl_value {
	tl_type type; /* TL_T_NULL ... TL_T_LIST; never TL_T_ANY */
	union {
		bool b;
		int64_t i; /* TL_T_INT, TL_T_TIME, TL_T_DURATION */
		struct {
			const char *p; /* not necessarily NUL-terminated */
			size_t len;
		} s;
		struct {
			const struct tl_value *items;
			size_t n;
		} list;
	} u;
} tl_value;

/* A bump allocator for evaluation results, reset per object. */
typedef struct tl_arena {
	char *block;
	size_t used, cap;
	struct tl_arena_chunk *full; /* older blocks */
} tl_arena;

void *tl_arena_alloc(tl_arena *a, size_t n);
char *tl_arena_strndup(tl_arena *a, const char *s, size_t n);
void tl_arena_reset(tl_arena *a);
void tl_arena_free(tl_arena *a);

/* ---- the catalogue a rule is compiled against (fields.h provides the
 * real one; tests provide their own) */

typedef struct tl_field_info {
	int id;        /* passed back to tl_eval_env.get */
	tl_type type;
	tl_type elem;  /* element type when type is TL_T_LIST */
} tl_field_info;

typedef struct tl_catalogue {
	void *user;
	/* Scope by name ("cert", "store", "binding", "ctl", "machine"):
	 * its number, or -1. */
	int (*scope)(void *user, const char *name, size_t len);
	/* Field of a scope by its dotted name ("subject", "schannel.trust_mode"):
	 * 0 and *out, or -1 when unknown. */
	int (*field)(void *user, int scope, const char *name, size_t len, tl_field_info *out);
	/* Value of param.NAME for the rule being compiled (its default, or the
	 * command line's override): 0 and *out (a literal value, owned by the
	 * caller and outliving the expression: strings are copied at compile
	 * time), or -1 when the rule has no such parameter. */
	int (*param)(void *user, const char *name, size_t len, tl_value *out);
} tl_catalogue;

typedef struct tl_expr tl_expr;

/* A compile error: message (lower-case, no final period) and the 0-based
 * byte offset in the expression text where it was found. */
typedef struct tl_expr_error {
	char msg[256];
	size_t offset;
} tl_expr_error;

/* Compile len bytes of text in the given scope. Returns NULL with *err
 * filled on any syntax or type error. */
tl_expr *tl_expr_compile(const char *text, size_t len, int scope, const tl_catalogue *cat,
			 tl_expr_error *err);
tl_type tl_expr_type(const tl_expr *e);
void tl_expr_free(tl_expr *e);

/* ---- evaluation */

typedef struct tl_eval_env {
	void *user;
	/* The value of field id on obj (an object of scope); set out to null
	 * when the export has no data for it. Strings may borrow from the model
	 * or be allocated in arena. */
	void (*get)(void *user, int scope, const void *obj, int field_id, tl_value *out,
		    tl_arena *arena);
	/* Call fn on every object of scope until it returns false (count, any,
	 * all). */
	void (*each)(void *user, int scope, bool (*fn)(const void *obj, void *arg), void *arg);
	/* reg("KEY", "NAME"): the registry value (DWORD/QWORD as int, SZ and
	 * EXPAND_SZ as string, MULTI_SZ as list of strings, others as lower-case
	 * hex string), or null when absent. */
	void (*reg)(void *user, const char *key, size_t key_len, const char *name, size_t name_len,
		    tl_value *out, tl_arena *arena);
	/* Optional (NULL: none). list() names obj, an object of scope, in a
	 * message: the caller may record it as a related location. Called for
	 * every object list() matches, not only those it prints, with
	 * mention_user (not user: each thread evaluating rules keeps its own
	 * record while sharing user). */
	void (*mention)(void *mention_user, int scope, const void *obj);
	void *mention_user;
} tl_eval_env;

/* Evaluate e on obj (an object of the scope e was compiled for; NULL for
 * the machine scope). Never fails: errors of the data give null. */
tl_value tl_expr_eval(const tl_expr *e, const void *obj, const tl_eval_env *env, tl_arena *arena);
/* True only when v is the boolean true. */
bool tl_value_true(const tl_value *v);
/* Append v as text for messages: strings as they are, times as RFC 3339,
 * durations as "30d" / "12h" / "5m" / "10s" (largest exact unit), lists as
 * "[a, b]", null as "null". */
void tl_value_format(const tl_value *v, tl_buf *out);

/* ---- message templates: text with {expr} holes, "{{" and "}}" for braces */

typedef struct tl_template tl_template;

/* The most bytes one expansion appends to its buffer (what the buffer held
 * before does not count), so that a template of many holes over a long
 * value cannot make a message of gigabytes. Expansion stops at the first
 * byte past the cap, without evaluating the holes after it; the message is
 * then cut at the last UTF-8 character boundary at or before the cap and
 * ends in " [... message cut at 4 KiB]", which takes it up to 27 bytes past
 * the cap. Bytes that are not UTF-8 are cut at the cap itself. */
#define TL_MAX_MESSAGE_BYTES 4096

tl_template *tl_template_compile(const char *text, size_t len, int scope, const tl_catalogue *cat,
				 tl_expr_error *err);
/* Append the expanded text to out, at most TL_MAX_MESSAGE_BYTES of it and
 * the cut marker. */
void tl_template_expand(const tl_template *t, const void *obj, const tl_eval_env *env,
			tl_arena *arena, tl_buf *out);
void tl_template_free(tl_template *t);

#endif
