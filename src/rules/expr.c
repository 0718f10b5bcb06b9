/* expr.c: the rule expression language (see expr.h).
 *
 * One pass over the text: a lexer giving one token of look-ahead, a
 * precedence-climbing parser that type-checks every node as it builds it (so
 * the error reported is the first one in reading order), then a tree-walking
 * evaluator. The nodes, decoded string literals and copied parameters of one
 * expression live in the expression's own arena, so freeing it is one call
 * plus the compiled regexes. */
#include "config.h"

#include "rules/expr.h"

#include <inttypes.h>
#include <limits.h>
#include <stdalign.h>
#include <stdarg.h>
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
/* User text quoted in a message is cut here so it fits tl_expr_error. */
#define QUOTE_MAX 40

/* ---- arena */

struct tl_arena_chunk {
	struct tl_arena_chunk *next;
	max_align_t data[];
};

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_FIRST 4096
#define ARENA_LARGEST (1u << 20)
/* Most expressions are a handful of nodes, and a message template compiles
 * one per hole: 4 KiB each would make a template of 100,000 holes cost
 * 400 MB. */
#define EXPR_ARENA_FIRST 512

static struct tl_arena_chunk *chunk_of(char *block)
{
	return (struct tl_arena_chunk *)(void *)(block - offsetof(struct tl_arena_chunk, data));
}

void *tl_arena_alloc(tl_arena *a, size_t n)
{
	size_t need = n ? n : 1;
	void *p;

	if (need > SIZE_MAX - ARENA_ALIGN)
		tl_oom();
	need = (need + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (!a->block || a->cap - a->used < need) {
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
		a->used = 0;
	}
	p = a->block + a->used;
	a->used += need;
	return p;
}

char *tl_arena_strndup(tl_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		tl_oom();
	p = tl_arena_alloc(a, n + 1);
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

static tl_value bool_value(bool b)
{
	tl_value v = {.type = TL_T_BOOL};

	v.u.b = b;
	return v;
}

static tl_value num_value(tl_type t, int64_t i)
{
	tl_value v = {.type = t};

	v.u.i = i;
	return v;
}

/* Values from env->get and env->reg come from outside: anything that could
 * make the evaluator read through a bad pointer turns the value into null.
 * Deeper nesting than any export produces is refused the same way. */
static bool value_sane(const tl_value *v, unsigned depth)
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
			if (!value_sane(&v->u.list.items[i], depth + 1))
				return false;
		return true;
	case TL_T_ANY:
		break;
	}
	return false;
}

static void sanitize(tl_value *v)
{
	if (!value_sane(v, 0)) {
		memset(v, 0, sizeof(*v));
		v->type = TL_T_NULL;
	}
}

static bool bytes_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (!alen || memcmp(a, b, alen) == 0);
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

/* How many of want bytes still fit before out holds stop bytes. */
static size_t room(const tl_buf *out, size_t stop, size_t want)
{
	if (out->len >= stop)
		return 0;
	return want < stop - out->len ? want : stop - out->len;
}

/* tl_value_format, but strings and lists stop once out holds stop bytes
 * (a number may still run up to 32 bytes past it), so a value of
 * megabytes costs no more than the message cap. */
static void format_upto(const tl_value *v, tl_buf *out, size_t stop)
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
			tl_buf_add(out, v->u.s.p, room(out, stop, v->u.s.len));
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
			format_upto(&v->u.list.items[i], out, stop);
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
	format_upto(v, out, SIZE_MAX);
}

/* ---- lexer */

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
	N_LEN,
	N_LOWER,
	N_UPPER,
	N_STARTS_WITH,
	N_ENDS_WITH,
	N_CONTAINS,
	N_REG,
	N_COUNT,
	N_ANY,
	N_ALL,
};

struct node {
	enum node_kind kind;
	tl_type type;
	tl_type elem;   /* when type is TL_T_LIST; TL_T_NULL: not known (empty) */
	size_t off;     /* where its text starts */
	unsigned depth; /* of the subtree */
	bool literal;   /* a string written as a literal (for =~ and reg()) */
	int scope;      /* N_FIELD, and the iterated scope of N_COUNT/ANY/ALL */
	int field;
	tl_value val; /* N_CONST */
	struct node *a, *b;
	struct node **items; /* N_LIST, N_AND, N_OR, N_ARITH */
	size_t n;
	bool *minus;          /* N_ARITH: items[i] is subtracted (i > 0) */
	tl_regex *re;         /* N_MATCH */
	struct node *next_re; /* every N_MATCH of the expression, for freeing */
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

static void fail(struct parser *p, size_t off, const char *fmt, ...) TL_PRINTF(3, 4);

static void fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = true;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	p->err->offset = off;
}

/* 'text' of user text, cut at QUOTE_MAX bytes. */
static void quote(char *out, size_t cap, const char *s, size_t n)
{
	if (n > QUOTE_MAX)
		snprintf(out, cap, "'%.*s...'", QUOTE_MAX, s);
	else
		snprintf(out, cap, "'%.*s'", (int)n, s);
}

/* What a token is, for "expected ..., got X" messages. */
static void describe(const struct parser *p, const struct token *t, char *out, size_t cap)
{
	if (t->kind == T_END)
		snprintf(out, cap, "end of expression");
	else
		quote(out, cap, p->text + t->off, t->len);
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(int c)
{
	return is_ident_start(c) || is_digit(c);
}

static const struct {
	const char *word;
	enum tok_kind kind;
} keywords[] = {
	{"and", T_AND},	    {"or", T_OR},	{"not", T_NOT},	  {"in", T_IN},
	{"where", T_WHERE}, {"true", T_TRUE}, {"false", T_FALSE}, {"null", T_NULL},
};

static int64_t unit_seconds(int c)
{
	switch (c) {
	case 's':
		return 1;
	case 'm':
		return 60;
	case 'h':
		return 3600;
	case 'd':
		return 86400;
	case 'w':
		return 604800;
	}
	return 0;
}

/* A number at i: decimal or 0x hex, a decimal one with a unit letter
 * directly after it being a duration. Sets the end in *end. */
static void lex_number(struct parser *p, size_t i, size_t *end)
{
	const char *s = p->text;
	size_t n = p->len, j = i;
	struct token *t = &p->tok;
	bool hex = false, overflow = false;
	int64_t v = 0;
	char q[QUOTE_MAX + 8];

	if (s[i] == '0' && i + 1 < n && s[i + 1] == 'x') {
		hex = true;
		for (j = i + 2; j < n && tl_hexval((unsigned char)s[j]) >= 0; j++) {
			if (v > INT64_MAX >> 4)
				overflow = true;
			else
				v = v << 4 | tl_hexval((unsigned char)s[j]);
		}
		if (j == i + 2)
			goto invalid;
	} else {
		for (; j < n && is_digit(s[j]); j++) {
			int d = s[j] - '0';

			if (v > (INT64_MAX - d) / 10)
				overflow = true;
			else
				v = v * 10 + d;
		}
	}
	t->kind = T_INT;
	if (j < n && is_ident_char(s[j])) {
		int64_t unit = hex ? 0 : unit_seconds(s[j]);

		if (!unit || (j + 1 < n && is_ident_char(s[j + 1])))
			goto invalid;
		j++;
		t->kind = T_DURATION;
		if (v > INT64_MAX / unit)
			overflow = true;
		if (!overflow)
			v *= unit;
	}
	*end = j;
	if (overflow) {
		quote(q, sizeof(q), s + i, j - i);
		fail(p, i, "%s %s out of range", t->kind == T_INT ? "integer" : "duration", q);
	}
	t->num = v;
	return;
invalid:
	while (j < n && is_ident_char(s[j]))
		j++;
	*end = j;
	quote(q, sizeof(q), s + i, j - i);
	fail(p, i, "invalid number %s", q);
}

/* Check a string literal at i and find its end; decoding comes later
 * (decode_string), once the parser wants the value. */
static void lex_string(struct parser *p, size_t i, size_t *end)
{
	const char *s = p->text;
	size_t n = p->len, j = i + 1;

	while (j < n && s[j] != '"') {
		if (s[j] != '\\') {
			j++;
			continue;
		}
		if (j + 1 >= n) {
			j = n;
			break;
		}
		switch (s[j + 1]) {
		case '"':
		case '\\':
		case 'n':
		case 't':
			j += 2;
			break;
		case 'x':
			if (j + 3 >= n || tl_hexval((unsigned char)s[j + 2]) < 0 ||
			    tl_hexval((unsigned char)s[j + 3]) < 0) {
				fail(p, j, "'\\x' needs two hex digits");
				*end = n;
				return;
			}
			j += 4;
			break;
		default:
			if ((unsigned char)s[j + 1] < 0x20 || (unsigned char)s[j + 1] >= 0x7f)
				fail(p, j, "unknown escape in string");
			else
				fail(p, j, "unknown escape '\\%c' in string", s[j + 1]);
			*end = n;
			return;
		}
	}
	if (j >= n) {
		fail(p, i, "unterminated string");
		*end = n;
		return;
	}
	*end = j + 1;
}

/* Operators, two-character ones first so "<=" is not read as "<". */
static const struct {
	const char *text;
	enum tok_kind kind;
} operators[] = {
	{"==", T_EQ},	 {"!=", T_NE},	   {"<=", T_LE},	{">=", T_GE},
	{"=~", T_MATCH}, {"&&", T_AND},	   {"||", T_OR},	{"!", T_NOT},
	{"<", T_LT},	 {">", T_GT},	   {"+", T_PLUS},	{"-", T_MINUS},
	{"(", T_LPAREN}, {")", T_RPAREN},  {"[", T_LBRACKET}, {"]", T_RBRACKET},
	{",", T_COMMA},
};

static enum tok_kind lex_operator(struct parser *p, size_t i, size_t *end)
{
	const char *s = p->text + i;
	size_t left = p->len - i, k, w;
	unsigned char c = (unsigned char)s[0];

	for (k = 0; k < TL_ARRAY_LEN(operators); k++) {
		w = strlen(operators[k].text);
		if (w <= left && memcmp(s, operators[k].text, w) == 0) {
			*end = i + w;
			return operators[k].kind;
		}
	}
	if (c == '=')
		fail(p, i, "unexpected '=' (compare with '==')");
	else if (c == '&' || c == '|')
		fail(p, i, "unexpected '%c' (did you mean '%c%c'?)", c, c, c);
	else if (c >= 0x20 && c < 0x7f)
		fail(p, i, "unexpected character '%c'", c);
	else
		fail(p, i, "unexpected byte 0x%02x", c);
	return T_END;
}

/* Read the next token into p->tok. After an error the token is T_END, so
 * every caller unwinds. */
static void advance(struct parser *p)
{
	const char *s = p->text;
	size_t n = p->len, i = p->pos, end;
	struct token *t = &p->tok;
	unsigned char c;
	size_t k;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	t->off = i;
	t->num = 0;
	if (i >= n || p->failed) {
		t->kind = T_END;
		t->len = 0;
		p->pos = i;
		return;
	}
	c = (unsigned char)s[i];
	end = i + 1;
	if (is_digit(c)) {
		lex_number(p, i, &end);
	} else if (is_ident_start(c)) {
		end = i;
		for (;;) {
			while (end < n && is_ident_char(s[end]))
				end++;
			if (end + 1 < n && s[end] == '.' && is_ident_start(s[end + 1]))
				end++;
			else
				break;
		}
		t->kind = T_IDENT;
		for (k = 0; k < TL_ARRAY_LEN(keywords); k++)
			if (bytes_eq(s + i, end - i, keywords[k].word, strlen(keywords[k].word)))
				t->kind = keywords[k].kind;
	} else if (c == '"') {
		t->kind = T_STRING;
		lex_string(p, i, &end);
	} else if (c == '\'') {
		/* 'raw': no escapes, for registry paths full of backslashes */
		const char *close = memchr(s + i + 1, '\'', n - i - 1);
		t->kind = T_STRING;
		if (!close) {
			fail(p, i, "unterminated string");
			end = n;
		} else {
			end = (size_t)(close - s) + 1;
		}
	} else {
		t->kind = lex_operator(p, i, &end);
	}
	if (p->failed) {
		t->kind = T_END;
		t->len = 0;
		p->pos = n;
		return;
	}
	t->len = end - i;
	p->pos = end;
}

/* Decode the escapes of the string literal token t into the expression's
 * arena; lex_string has checked them. */
static void decode_string(struct parser *p, const struct token *t, tl_value *out)
{
	const char *s = p->text + t->off + 1;
	size_t raw = t->len - 2, i, n = 0;
	char *d = tl_arena_alloc(&p->e->mem, raw + 1);
	bool escapes = s[-1] == '"';

	for (i = 0; i < raw; i++) {
		if (!escapes) {
			d[n++] = s[i];
			continue;
		}
		if (s[i] != '\\') {
			d[n++] = s[i];
			continue;
		}
		i++;
		switch (s[i]) {
		case 'n':
			d[n++] = '\n';
			break;
		case 't':
			d[n++] = '\t';
			break;
		case 'x':
			d[n++] = (char)(tl_hexval((unsigned char)s[i + 1]) << 4 |
					tl_hexval((unsigned char)s[i + 2]));
			i += 2;
			break;
		default: /* '"' and '\\' */
			d[n++] = s[i];
			break;
		}
	}
	d[n] = '\0';
	out->type = TL_T_STRING;
	out->u.s.p = d;
	out->u.s.len = n;
}

/* Offset in the text of byte `decoded` of the value of the string literal
 * at lit_off (for regex errors). */
static size_t literal_offset(const char *text, size_t lit_off, size_t decoded)
{
	size_t i = lit_off + 1, d;

	if (text[lit_off] == '\'')
		return lit_off + 1 + decoded;
	for (d = 0; d < decoded && text[i] != '"'; d++)
		i += text[i] != '\\' ? 1 : text[i + 1] == 'x' ? 4 : 2;
	return i;
}

/* ---- parser and type checker */

static bool enter(struct parser *p, size_t off)
{
	if (++p->depth > MAX_DEPTH) {
		fail(p, off, "expression nested too deeply");
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
		fail(p, off, "expression nested too deeply");
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
		fail(p, off, "expression nested too deeply");
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

/* "int", "list of string", "empty list": a static type for messages. */
static const char *type_desc(const struct node *n, char *buf, size_t cap)
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

static bool wild(tl_type t)
{
	return t == TL_T_NULL || t == TL_T_ANY;
}

static bool is_string_like(tl_type t)
{
	return t == TL_T_STRING || wild(t);
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

	fail(p, op->off, "operator '%s' %s %s and %s", op_text(p, op, o, sizeof(o)), what,
	     type_desc(l, lb, sizeof(lb)), type_desc(r, rb, sizeof(rb)));
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

	quote(q, sizeof(q), s, name->len);
	if (name->len > 6 && memcmp(s, "param.", 6) == 0) {
		tl_value v = {.type = TL_T_NULL};

		if (!p->cat->param || p->cat->param(p->cat->user, s + 6, name->len - 6, &v) != 0) {
			fail(p, name->off, "unknown parameter %s", q);
			return NULL;
		}
		if (!value_sane(&v, 0)) {
			fail(p, name->off, "parameter %s has an unusable value", q);
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
		fail(p, name->off, "unknown field %s in scope %.*s", q, p->scope_name_len,
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

	advance(p);
	if (p->tok.kind != T_RBRACKET) {
		for (;;) {
			struct node *item = parse_or(p);
			char b1[32], b2[32];

			if (!item)
				goto fail;
			if (item->type == TL_T_LIST) {
				fail(p, item->off, "lists cannot contain lists");
				goto fail;
			}
			if (item->type != TL_T_NULL && item->type != TL_T_ANY) {
				if (elem == TL_T_NULL || elem == TL_T_ANY) {
					elem = item->type;
					first = item;
				} else if (item->type != elem) {
					fail(p, item->off, "list elements must have one type, got %s and %s",
					     type_desc(first, b1, sizeof(b1)),
					     type_desc(item, b2, sizeof(b2)));
					goto fail;
				}
			} else if (item->type == TL_T_ANY && elem == TL_T_NULL) {
				elem = TL_T_ANY;
			}
			operands_add(&items, item, false);
			if (p->tok.kind == T_RBRACKET)
				break;
			if (p->tok.kind != T_COMMA) {
				fail(p, p->tok.off, "expected ',' or ']'");
				goto fail;
			}
			advance(p);
		}
	}
	advance(p);
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

static const struct {
	const char *name;
	enum node_kind kind;
	int args; /* -1: SCOPE where EXPR */
} functions[] = {
	{"len", N_LEN, 1},
	{"lower", N_LOWER, 1},
	{"upper", N_UPPER, 1},
	{"starts_with", N_STARTS_WITH, 2},
	{"ends_with", N_ENDS_WITH, 2},
	{"contains", N_CONTAINS, 2},
	{"reg", N_REG, 2},
	{"count", N_COUNT, -1},
	{"any", N_ANY, -1},
	{"all", N_ALL, -1},
};

static bool expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (p->tok.kind != kind) {
		fail(p, p->tok.off, "expected %s", what);
		return false;
	}
	advance(p);
	return true;
}

/* count(SCOPE where EXPR) and friends: EXPR is read in SCOPE, so its fields
 * are those of the iterated objects. */
static struct node *parse_quantifier(struct parser *p, const struct token *name,
				     enum node_kind kind)
{
	const char *saved_name = p->scope_name;
	int saved_len = p->scope_name_len, saved_scope = p->scope, scope;
	struct token sc = p->tok;
	struct node *cond, *n;
	char q[QUOTE_MAX + 8], tb[32];

	if (sc.kind != T_IDENT) {
		describe(p, &sc, q, sizeof(q));
		fail(p, sc.off, "expected a scope name, got %s", q);
		return NULL;
	}
	scope = p->cat->scope ? p->cat->scope(p->cat->user, p->text + sc.off, sc.len) : -1;
	if (scope < 0) {
		quote(q, sizeof(q), p->text + sc.off, sc.len);
		fail(p, sc.off, "unknown scope %s", q);
		return NULL;
	}
	advance(p);
	if (!expect(p, T_WHERE, "'where'"))
		return NULL;
	p->scope = scope;
	p->scope_name = p->text + sc.off;
	p->scope_name_len = (int)(sc.len < INT_MAX ? sc.len : INT_MAX);
	cond = parse_or(p);
	p->scope = saved_scope;
	p->scope_name = saved_name;
	p->scope_name_len = saved_len;
	if (!cond)
		return NULL;
	if (cond->type != TL_T_BOOL && cond->type != TL_T_ANY) {
		fail(p, cond->off, "the condition of '%.*s' must be bool, got %s", (int)name->len,
		     p->text + name->off, type_desc(cond, tb, sizeof(tb)));
		return NULL;
	}
	if (!expect(p, T_RPAREN, "')'"))
		return NULL;
	n = new_node(p, kind, name->off, cond, NULL);
	if (!n)
		return NULL;
	n->scope = scope;
	n->type = kind == N_COUNT ? TL_T_INT : TL_T_BOOL;
	return n;
}

static struct node *parse_call(struct parser *p, const struct token *name)
{
	const char *fname = p->text + name->off;
	struct node *args[2] = {NULL, NULL}, *n;
	size_t count = 0, f, i;
	char q[QUOTE_MAX + 8], tb[32];
	int fn = (int)name->len;

	for (f = 0; f < TL_ARRAY_LEN(functions); f++)
		if (bytes_eq(fname, name->len, functions[f].name, strlen(functions[f].name)))
			break;
	if (f == TL_ARRAY_LEN(functions)) {
		quote(q, sizeof(q), fname, name->len);
		fail(p, name->off, "unknown function %s", q);
		return NULL;
	}
	advance(p); /* '(' */
	if (functions[f].args < 0)
		return parse_quantifier(p, name, functions[f].kind);
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
			advance(p);
		}
	}
	if (!expect(p, T_RPAREN, "')'"))
		return NULL;
	if (count != (size_t)functions[f].args) {
		fail(p, name->off, "'%.*s' takes %d argument%s, got %zu", fn, fname,
		     functions[f].args, functions[f].args == 1 ? "" : "s", count);
		return NULL;
	}
	n = new_node(p, functions[f].kind, name->off, args[0], args[1]);
	if (!n)
		return NULL;
	switch (n->kind) {
	case N_LEN:
		if (!is_string_like(args[0]->type) && args[0]->type != TL_T_LIST) {
			fail(p, args[0]->off, "'len' needs a string or a list, got %s",
			     type_desc(args[0], tb, sizeof(tb)));
			return NULL;
		}
		n->type = TL_T_INT;
		break;
	case N_LOWER:
	case N_UPPER:
		if (!is_string_like(args[0]->type)) {
			fail(p, args[0]->off, "'%.*s' needs a string, got %s", fn, fname,
			     type_desc(args[0], tb, sizeof(tb)));
			return NULL;
		}
		n->type = TL_T_STRING;
		break;
	case N_REG:
		for (i = 0; i < 2; i++) {
			if (!args[i]->literal) {
				fail(p, args[i]->off, "'reg' needs two string literals");
				return NULL;
			}
		}
		n->type = TL_T_ANY;
		break;
	default: /* starts_with, ends_with, contains */
		for (i = 0; i < 2; i++) {
			if (!is_string_like(args[i]->type)) {
				fail(p, args[i]->off, "'%.*s' needs two strings, got %s as argument %zu",
				     fn, fname, type_desc(args[i], tb, sizeof(tb)), i + 1);
				return NULL;
			}
		}
		n->type = TL_T_BOOL;
		break;
	}
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
		advance(p);
		return n;
	case T_STRING:
		n = const_node(p, t.off, TL_T_STRING);
		decode_string(p, &t, &n->val);
		n->literal = true;
		advance(p);
		return n;
	case T_TRUE:
	case T_FALSE:
		n = const_node(p, t.off, TL_T_BOOL);
		n->val.u.b = t.kind == T_TRUE;
		advance(p);
		return n;
	case T_NULL:
		n = const_node(p, t.off, TL_T_NULL);
		advance(p);
		return n;
	case T_LPAREN:
		if (!enter(p, t.off))
			return NULL;
		advance(p);
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
		advance(p);
		if (p->tok.kind != T_LPAREN)
			return parse_field(p, &t);
		if (!enter(p, t.off))
			return NULL;
		n = parse_call(p, &t);
		p->depth--;
		return n;
	default:
		describe(p, &t, q, sizeof(q));
		fail(p, t.off, "expected a value, got %s", q);
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
	advance(p);
	x = parse_unary(p);
	p->depth--;
	if (!x)
		return NULL;
	if (x->type != TL_T_INT && x->type != TL_T_DURATION && !wild(x->type)) {
		fail(p, op.off, "operator '-' needs an int or a duration, got %s",
		     type_desc(x, tb, sizeof(tb)));
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

		advance(p);
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
		fail(p, op->off, "operator '=~' needs a string on its left, got %s",
		     type_desc(l, tb, sizeof(tb)));
		return NULL;
	}
	if (!r->literal) {
		fail(p, r->off, "the right side of '=~' must be a string literal");
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
		fail(p, literal_offset(p->text, r->off, at), "regex: %s",
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
	advance(p);
	r = parse_add(p);
	if (!r)
		return NULL;
	if (is_cmp(p->tok.kind)) {
		char o[8];

		fail(p, p->tok.off, "comparisons do not chain: add parentheses before '%s'",
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
	advance(p);
	x = parse_not(p);
	p->depth--;
	if (!x)
		return NULL;
	if (!logic_operand(x->type)) {
		fail(p, op.off, "operator '%s' needs a bool, got %s", op_text(p, &op, o, sizeof(o)),
		     type_desc(x, tb, sizeof(tb)));
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

		advance(p);
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
	/* a first block of EXPR_ARENA_FIRST, not ARENA_FIRST (tl_arena_alloc
	 * starts from a preset cap) */
	p.e->mem.cap = EXPR_ARENA_FIRST;
	scope_label(&p, scope, label, sizeof(label));
	p.scope_name = label;
	p.scope_name_len = (int)strlen(label);
	advance(&p);
	root = parse_or(&p);
	if (root && p.tok.kind != T_END) {
		char q[QUOTE_MAX + 8];

		describe(&p, &p.tok, q, sizeof(q));
		fail(&p, p.tok.off, "unexpected %s", q);
	}
	if (!root && !p.failed)
		fail(&p, 0, "invalid expression");
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

/* ---- evaluation */

struct eval_ctx {
	const tl_eval_env *env;
	tl_arena *arena;
};

static tl_value eval(const struct node *n, const void *obj, struct eval_ctx *c);

struct quantifier {
	const struct node *cond;
	struct eval_ctx *c;
	enum node_kind kind;
	int64_t count;
	bool result;
};

static bool quantifier_step(const void *obj, void *arg)
{
	struct quantifier *q = arg;
	tl_value v = eval(q->cond, obj, q->c);
	bool t = tl_value_true(&v);

	switch (q->kind) {
	case N_ANY:
		if (t)
			q->result = true;
		return !t;
	case N_ALL:
		if (!t)
			q->result = false;
		return t;
	default:
		if (t && q->count < INT64_MAX)
			q->count++;
		return true;
	}
}

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

static bool value_in(const tl_value *x, const tl_value *set)
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

static tl_value change_case(const tl_value *s, bool upper, tl_arena *arena)
{
	tl_value v = *s;
	char *d;
	size_t i;

	d = tl_arena_strndup(arena, s->u.s.p, s->u.s.len);
	/* ASCII only, like the rest of trustlint's name matching: Windows
	 * compares store and registry names that way */
	for (i = 0; i < s->u.s.len; i++) {
		if (upper && d[i] >= 'a' && d[i] <= 'z')
			d[i] = (char)(d[i] - 32);
		else if (!upper && d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] + 32);
	}
	v.u.s.p = d;
	return v;
}

static tl_value string_test(enum node_kind kind, const tl_value *s, const tl_value *x)
{
	tl_value null = {.type = TL_T_NULL};
	size_t sn = s->u.s.len, xn = x->u.s.len;

	if (s->type != TL_T_STRING || x->type != TL_T_STRING)
		return null;
	if (kind == N_CONTAINS)
		return bool_value(value_in(x, s));
	if (xn > sn)
		return bool_value(false);
	if (!xn)
		return bool_value(true);
	if (kind == N_STARTS_WITH)
		return bool_value(memcmp(s->u.s.p, x->u.s.p, xn) == 0);
	return bool_value(memcmp(s->u.s.p + sn - xn, x->u.s.p, xn) == 0);
}

static tl_value eval(const struct node *n, const void *obj, struct eval_ctx *c)
{
	const tl_eval_env *env = c->env;
	tl_value v = {.type = TL_T_NULL}, l, r;
	tl_value *items;
	struct quantifier q;
	size_t i;
	int order;

	switch (n->kind) {
	case N_CONST:
		return n->val;
	case N_FIELD:
		if (env->get) {
			env->get(env->user, n->scope, obj, n->field, &v, c->arena);
			sanitize(&v);
		}
		return v;
	case N_LIST:
		items = tl_arena_alloc(c->arena, n->n * sizeof(*items));
		for (i = 0; i < n->n; i++)
			items[i] = eval(n->items[i], obj, c);
		v.type = TL_T_LIST;
		v.u.list.items = items;
		v.u.list.n = n->n;
		return v;
	case N_NOT:
		l = eval(n->a, obj, c);
		return bool_value(!tl_value_true(&l));
	case N_AND:
	case N_OR:
		/* a loop, not a recursion, over the chain: the first operand
		 * that is false (for '&&', null included) or true (for '||')
		 * decides, and the rest are not evaluated */
		for (i = 0; i < n->n; i++) {
			l = eval(n->items[i], obj, c);
			if (tl_value_true(&l) == (n->kind == N_OR))
				return bool_value(n->kind == N_OR);
		}
		return bool_value(n->kind == N_AND);
	case N_IS_NULL:
	case N_NOT_NULL:
		l = eval(n->a, obj, c);
		return bool_value((l.type == TL_T_NULL) == (n->kind == N_IS_NULL));
	case N_EQ:
	case N_NE:
		l = eval(n->a, obj, c);
		r = eval(n->b, obj, c);
		if (l.type == TL_T_NULL || r.type == TL_T_NULL || l.type != r.type)
			return bool_value(false);
		return bool_value(value_eq(&l, &r) == (n->kind == N_EQ));
	case N_LT:
	case N_LE:
	case N_GT:
	case N_GE:
		l = eval(n->a, obj, c);
		r = eval(n->b, obj, c);
		if (!value_order(&l, &r, &order))
			return bool_value(false);
		return bool_value(n->kind == N_LT   ? order < 0
				  : n->kind == N_LE ? order <= 0
				  : n->kind == N_GT ? order > 0
						    : order >= 0);
	case N_IN:
		l = eval(n->a, obj, c);
		r = eval(n->b, obj, c);
		return bool_value(value_in(&l, &r));
	case N_MATCH:
		l = eval(n->a, obj, c);
		if (l.type != TL_T_STRING)
			return bool_value(false);
		return bool_value(tl_regex_search(n->re, l.u.s.p ? l.u.s.p : "", l.u.s.len));
	case N_ARITH:
		/* left to right as ((a + b) - c): a null or an overflow on the
		 * way stays null to the end */
		l = eval(n->items[0], obj, c);
		for (i = 1; i < n->n; i++) {
			r = eval(n->items[i], obj, c);
			l = arith(n->minus[i], &l, &r);
		}
		return l;
	case N_NEG:
		l = eval(n->a, obj, c);
		if ((l.type != TL_T_INT && l.type != TL_T_DURATION) || l.u.i == INT64_MIN)
			return v;
		return num_value(l.type, -l.u.i);
	case N_LEN:
		l = eval(n->a, obj, c);
		if (l.type == TL_T_STRING)
			return num_value(TL_T_INT, (int64_t)l.u.s.len);
		if (l.type == TL_T_LIST)
			return num_value(TL_T_INT, (int64_t)l.u.list.n);
		return v;
	case N_LOWER:
	case N_UPPER:
		l = eval(n->a, obj, c);
		if (l.type != TL_T_STRING)
			return v;
		return change_case(&l, n->kind == N_UPPER, c->arena);
	case N_STARTS_WITH:
	case N_ENDS_WITH:
	case N_CONTAINS:
		l = eval(n->a, obj, c);
		r = eval(n->b, obj, c);
		return string_test(n->kind, &l, &r);
	case N_REG:
		if (env->reg) {
			env->reg(env->user, n->a->val.u.s.p, n->a->val.u.s.len, n->b->val.u.s.p,
				 n->b->val.u.s.len, &v, c->arena);
			sanitize(&v);
		}
		return v;
	case N_COUNT:
	case N_ANY:
	case N_ALL:
		if (!env->each)
			return v;
		q.cond = n->a;
		q.c = c;
		q.kind = n->kind;
		q.count = 0;
		q.result = n->kind == N_ALL;
		env->each(env->user, n->scope, quantifier_step, &q);
		return n->kind == N_COUNT ? num_value(TL_T_INT, q.count) : bool_value(q.result);
	}
	return v;
}

tl_value tl_expr_eval(const tl_expr *e, const void *obj, const tl_eval_env *env, tl_arena *arena)
{
	struct eval_ctx c = {env, arena};
	tl_value null = {.type = TL_T_NULL};

	if (!e || !e->root || !env || !arena)
		return null;
	return eval(e->root, obj, &c);
}

/* ---- templates */

struct template_part {
	char *text; /* literal text, or NULL for a hole */
	size_t len;
	tl_expr *expr;
};

struct tl_template {
	struct template_part *parts;
	size_t n, cap;
};

static void add_part(tl_template *t, tl_buf *lit, tl_expr *expr)
{
	if (lit->len) {
		tl_xgrow((void **)&t->parts, &t->cap, t->n + 1, sizeof(*t->parts));
		t->parts[t->n].len = lit->len;
		t->parts[t->n].text = tl_buf_steal(lit);
		t->parts[t->n].expr = NULL;
		t->n++;
	}
	if (expr) {
		tl_xgrow((void **)&t->parts, &t->cap, t->n + 1, sizeof(*t->parts));
		t->parts[t->n].text = NULL;
		t->parts[t->n].len = 0;
		t->parts[t->n].expr = expr;
		t->n++;
	}
}

/* The '}' closing the hole whose text starts at i; a '}' inside a string
 * literal does not count. len when there is none. */
static size_t hole_end(const char *s, size_t len, size_t i)
{
	bool in_string = false;

	for (; i < len; i++) {
		if (in_string && s[i] == '\\')
			i++;
		else if (s[i] == '"')
			in_string = !in_string;
		else if (!in_string && s[i] == '}')
			return i;
	}
	return len;
}

static void template_error(tl_expr_error *err, size_t off, const char *msg)
{
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	err->offset = off;
}

tl_template *tl_template_compile(const char *text, size_t len, int scope, const tl_catalogue *cat,
				 tl_expr_error *err)
{
	tl_template *t = tl_xcalloc(1, sizeof(*t));
	tl_expr_error local;
	tl_buf lit = {0};
	size_t i = 0, end, k;

	if (!err)
		err = &local;
	if (!text)
		len = 0;
	while (i < len) {
		char c = text[i];
		tl_expr *e;

		if ((c == '{' || c == '}') && i + 1 < len && text[i + 1] == c) {
			tl_buf_addc(&lit, c);
			i += 2;
			continue;
		}
		if (c == '}') {
			template_error(err, i, "unmatched '}' (write '}}' for a brace)");
			goto fail;
		}
		if (c != '{') {
			tl_buf_addc(&lit, c);
			i++;
			continue;
		}
		end = hole_end(text, len, i + 1);
		if (end >= len) {
			template_error(err, i, "unmatched '{' (write '{{' for a brace)");
			goto fail;
		}
		for (k = i + 1; k < end && (text[k] == ' ' || text[k] == '\t'); k++)
			;
		if (k == end) {
			template_error(err, i, "empty '{}' in template");
			goto fail;
		}
		e = tl_expr_compile(text + i + 1, end - i - 1, scope, cat, err);
		if (!e) {
			err->offset += i + 1;
			goto fail;
		}
		add_part(t, &lit, e);
		i = end + 1;
	}
	add_part(t, &lit, NULL);
	return t;
fail:
	tl_buf_free(&lit);
	tl_template_free(t);
	return NULL;
}

/* expr.h promises the marker names the cap. */
#define MESSAGE_CUT_MARKER " [... message cut at 4 KiB]"
_Static_assert(TL_MAX_MESSAGE_BYTES == 4096, "MESSAGE_CUT_MARKER names the cap");

/* Where to cut the text s[from..] so that byte `at` and all after it go:
 * at itself, or, when at falls inside a UTF-8 character, that character's
 * first byte, so no character is left half. The lead byte says how long its
 * character is and is at most 3 bytes back (RFC 3629 section 3); bytes
 * that are not UTF-8 are cut at `at`. */
static size_t utf8_cut(const char *s, size_t from, size_t at)
{
	size_t j = at;
	unsigned char lead;
	size_t len;

	while (j > from && at - j < 3 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	lead = (unsigned char)s[j];
	if (j == at || (lead & 0xC0) != 0xC0)
		return at;
	len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	return at - j < len ? j : at;
}

void tl_template_expand(const tl_template *t, const void *obj, const tl_eval_env *env,
			tl_arena *arena, tl_buf *out)
{
	size_t i, base, stop, cut;

	tl_buf_add(out, "", 0); /* a NUL-terminated buffer even when empty */
	base = out->len;
	if (base > SIZE_MAX - TL_MAX_MESSAGE_BYTES - 1)
		tl_oom();
	/* one byte past the cap tells whether the character at the cap goes
	 * on past it, and whether anything was left out at all */
	stop = base + TL_MAX_MESSAGE_BYTES + 1;
	for (i = 0; i < t->n && out->len < stop; i++) {
		const struct template_part *part = &t->parts[i];

		if (part->expr) {
			tl_value v = tl_expr_eval(part->expr, obj, env, arena);

			format_upto(&v, out, stop);
		} else {
			tl_buf_add(out, part->text, room(out, stop, part->len));
		}
	}
	if (out->len - base <= TL_MAX_MESSAGE_BYTES)
		return;
	cut = utf8_cut(out->data, base, base + TL_MAX_MESSAGE_BYTES);
	out->len = cut;
	out->data[cut] = '\0';
	tl_buf_adds(out, MESSAGE_CUT_MARKER);
}

void tl_template_free(tl_template *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->parts[i].text);
		tl_expr_free(t->parts[i].expr);
	}
	free(t->parts);
	free(t);
}
