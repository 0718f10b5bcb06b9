/* expr_lex.c: the lexer of the rule expression language (expr.h), and the
 * compile errors it and the parser record.
 *
 * The parser (expr.c) pulls one token at a time with tl_expr_advance and
 * so has one token of look-ahead. Tokens are byte offsets into the text;
 * string literals are checked here and decoded only when the parser takes
 * their value (tl_expr_decode_string). The first error wins: after it every
 * token is T_END, so the parser unwinds without reporting another. */
#include "config.h"

#include "rules/expr_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void tl_expr_fail(struct parser *p, size_t off, const char *fmt, ...)
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

void tl_expr_quote(char *out, size_t cap, const char *s, size_t n)
{
	if (n > QUOTE_MAX)
		snprintf(out, cap, "'%.*s...'", QUOTE_MAX, s);
	else
		snprintf(out, cap, "'%.*s'", (int)n, s);
}

void tl_expr_describe(const struct parser *p, const struct token *t, char *out, size_t cap)
{
	if (t->kind == T_END)
		snprintf(out, cap, "end of expression");
	else
		tl_expr_quote(out, cap, p->text + t->off, t->len);
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
		tl_expr_quote(q, sizeof(q), s + i, j - i);
		tl_expr_fail(p, i, "%s %s out of range",
			     t->kind == T_INT ? "integer" : "duration", q);
	}
	t->num = v;
	return;
invalid:
	while (j < n && is_ident_char(s[j]))
		j++;
	*end = j;
	tl_expr_quote(q, sizeof(q), s + i, j - i);
	tl_expr_fail(p, i, "invalid number %s", q);
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
				tl_expr_fail(p, j, "'\\x' needs two hex digits");
				*end = n;
				return;
			}
			j += 4;
			break;
		default:
			if ((unsigned char)s[j + 1] < 0x20 || (unsigned char)s[j + 1] >= 0x7f)
				tl_expr_fail(p, j, "unknown escape in string");
			else
				tl_expr_fail(p, j, "unknown escape '\\%c' in string", s[j + 1]);
			*end = n;
			return;
		}
	}
	if (j >= n) {
		tl_expr_fail(p, i, "unterminated string");
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
		tl_expr_fail(p, i, "unexpected '=' (compare with '==')");
	else if (c == '&' || c == '|')
		tl_expr_fail(p, i, "unexpected '%c' (did you mean '%c%c'?)", c, c, c);
	else if (c >= 0x20 && c < 0x7f)
		tl_expr_fail(p, i, "unexpected character '%c'", c);
	else
		tl_expr_fail(p, i, "unexpected byte 0x%02x", c);
	return T_END;
}

/* Read the next token into p->tok. After an error the token is T_END, so
 * every caller unwinds. */
void tl_expr_advance(struct parser *p)
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
			tl_expr_fail(p, i, "unterminated string");
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
void tl_expr_decode_string(struct parser *p, const struct token *t, tl_value *out)
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

size_t tl_expr_literal_offset(const char *text, size_t lit_off, size_t decoded)
{
	size_t i = lit_off + 1, d;

	if (text[lit_off] == '\'')
		return lit_off + 1 + decoded;
	for (d = 0; d < decoded && text[i] != '"'; d++)
		i += text[i] != '\\' ? 1 : text[i + 1] == 'x' ? 4 : 2;
	return i;
}
