/* ruleset_value.c: the values rule files and the command line both write:
 * parameter literals (param.NAME = 30d, --param NAME=[a, b]), their types,
 * and levels. */
#include "config.h"

#include "rules/ruleset_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tl_ruleset_value_free(tl_value *v)
{
	size_t i;

	if (v->type == TL_T_STRING) {
		free((char *)v->u.s.p);
	} else if (v->type == TL_T_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			tl_ruleset_value_free((tl_value *)&v->u.list.items[i]);
		free((tl_value *)v->u.list.items);
	}
	memset(v, 0, sizeof(*v));
}

/* ------------------------------------------------ literals */

typedef struct lit_parser {
	const char *s;
	size_t len, pos;
	const char *why; /* set on error */
} lit_parser;

static void lit_skip_space(lit_parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
		p->pos++;
}

static bool lit_word(lit_parser *p, const char *w)
{
	size_t n = strlen(w);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, w, n) != 0)
		return false;
	/* not the start of a longer word */
	if (p->pos + n < p->len) {
		char c = p->s[p->pos + n];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_')
			return false;
	}
	p->pos += n;
	return true;
}

static int lit_string(lit_parser *p, tl_value *out)
{
	tl_buf b = {0};

	p->pos++; /* the opening quote */
	tl_buf_reserve(&b, 0);
	for (;;) {
		char c;

		if (p->pos >= p->len) {
			p->why = "unterminated string";
			tl_buf_free(&b);
			return -1;
		}
		c = p->s[p->pos];
		if (c == '"')
			break;
		if (c == '\\') {
			char e = p->pos + 1 < p->len ? p->s[p->pos + 1] : '\0';
			if (e == '"' || e == '\\') {
				tl_buf_addc(&b, e);
			} else if (e == 'n') {
				tl_buf_addc(&b, '\n');
			} else if (e == 't') {
				tl_buf_addc(&b, '\t');
			} else if (e == 'x' && p->len - p->pos > 3 &&
				   tl_hexval((unsigned char)p->s[p->pos + 2]) >= 0 &&
				   tl_hexval((unsigned char)p->s[p->pos + 3]) >= 0) {
				int hi = tl_hexval((unsigned char)p->s[p->pos + 2]);
				int lo = tl_hexval((unsigned char)p->s[p->pos + 3]);

				tl_buf_addc(&b, (char)(hi << 4 | lo));
				p->pos += 2;
			} else {
				p->why = e == 'x' ? "'\\x' needs two hex digits"
						  : "unknown escape in string";
				tl_buf_free(&b);
				return -1;
			}
			p->pos += 2;
			continue;
		}
		tl_buf_addc(&b, c);
		p->pos++;
	}
	p->pos++;
	out->type = TL_T_STRING;
	out->u.s.len = b.len;
	out->u.s.p = tl_buf_steal(&b);
	return 0;
}

/* Decimal or 0x hex integer, or a duration: digits and one of s m h d w. */
static int lit_number(lit_parser *p, tl_value *out)
{
	bool neg = false;
	uint64_t v = 0, limit;
	size_t start;

	if (p->s[p->pos] == '-') {
		neg = true;
		p->pos++;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	/* the expression language's own forms (expr_lex.c lex_number) */
	if (p->len - p->pos >= 2 && p->s[p->pos] == '0' && p->s[p->pos + 1] == 'x') {
		p->pos += 2;
		start = p->pos;
		while (p->pos < p->len && tl_hexval((unsigned char)p->s[p->pos]) >= 0) {
			uint64_t d = (uint64_t)tl_hexval((unsigned char)p->s[p->pos]);
			if (v > (limit - d) / 16) {
				p->why = "integer out of range";
				return -1;
			}
			v = v * 16 + d;
			p->pos++;
		}
		if (p->pos == start) {
			p->why = "expected hex digits after '0x'";
			return -1;
		}
	} else {
		start = p->pos;
		while (p->pos < p->len && is_digit(p->s[p->pos])) {
			uint64_t d = (uint64_t)(p->s[p->pos] - '0');
			if (v > (limit - d) / 10) {
				p->why = "integer out of range";
				return -1;
			}
			v = v * 10 + d;
			p->pos++;
		}
		if (p->pos == start) {
			p->why = "expected a literal";
			return -1;
		}
		if (p->pos < p->len && strchr("smhdw", p->s[p->pos]) && p->s[p->pos] != '\0') {
			static const struct {
				char unit;
				uint64_t seconds;
			} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
			size_t i;

			for (i = 0; units[i].unit != p->s[p->pos]; i++)
				;
			if (neg) {
				p->why = "negative duration";
				return -1;
			}
			if (v > (uint64_t)INT64_MAX / units[i].seconds) {
				p->why = "duration out of range";
				return -1;
			}
			p->pos++;
			out->type = TL_T_DURATION;
			out->u.i = (int64_t)(v * units[i].seconds);
			return 0;
		}
	}
	out->type = TL_T_INT;
	out->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int lit_scalar(lit_parser *p, tl_value *out)
{
	char c;

	memset(out, 0, sizeof(*out));
	if (p->pos >= p->len) {
		p->why = "expected a literal";
		return -1;
	}
	c = p->s[p->pos];
	if (c == '"')
		return lit_string(p, out);
	if (c == '\'') {
		/* 'raw' strings, as in expressions: no escapes */
		const char *close = memchr(p->s + p->pos + 1, '\'', p->len - p->pos - 1);
		char *copy;

		if (!close) {
			p->why = "unterminated string";
			return -1;
		}
		copy = tl_xstrndup(p->s + p->pos + 1, (size_t)(close - p->s) - p->pos - 1);
		out->type = TL_T_STRING;
		out->u.s.p = copy;
		out->u.s.len = strlen(copy);
		p->pos = (size_t)(close - p->s) + 1;
		return 0;
	}
	if (c == '-' || is_digit(c))
		return lit_number(p, out);
	if (lit_word(p, "true")) {
		out->type = TL_T_BOOL;
		out->u.b = true;
		return 0;
	}
	if (lit_word(p, "false")) {
		out->type = TL_T_BOOL;
		out->u.b = false;
		return 0;
	}
	p->why = "expected a literal: an integer, 0x hex, \"string\", true, false, a duration "
		 "such as 30d or a list [a, b]";
	return -1;
}

static int lit_list(lit_parser *p, tl_value *out)
{
	tl_value *items = NULL;
	size_t n = 0, cap = 0;

	p->pos++; /* '[' */
	lit_skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		goto done;
	}
	for (;;) {
		tl_value item;
		size_t at = p->pos;

		if (lit_scalar(p, &item) < 0)
			goto fail;
		if (n && item.type != items[0].type) {
			tl_ruleset_value_free(&item);
			p->pos = at;
			p->why = "list elements must all have the same type";
			goto fail;
		}
		tl_xgrow((void **)&items, &cap, n + 1, sizeof(tl_value));
		items[n++] = item;
		lit_skip_space(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			lit_skip_space(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			break;
		}
		p->why = "expected ',' or ']' in list";
		goto fail;
	}
done:
	out->type = TL_T_LIST;
	out->u.list.items = items;
	out->u.list.n = n;
	return 0;
fail:
	out->type = TL_T_LIST;
	out->u.list.items = items;
	out->u.list.n = n;
	tl_ruleset_value_free(out);
	return -1;
}

int tl_ruleset_parse_literal(const char *s, size_t len, tl_value *out, const char **why,
			     size_t *where)
{
	lit_parser p = {s, len, 0, NULL};
	int rc;

	memset(out, 0, sizeof(*out));
	if (len && s[0] == '[')
		rc = lit_list(&p, out);
	else
		rc = lit_scalar(&p, out);
	if (rc == 0 && p.pos != len) {
		tl_ruleset_value_free(out);
		p.why = "unexpected text after the literal";
		rc = -1;
	}
	if (rc < 0) {
		*why = p.why;
		*where = p.pos;
	}
	return rc;
}

void tl_ruleset_describe_type(const tl_value *v, char *out, size_t n)
{
	if (v->type == TL_T_LIST && v->u.list.n)
		snprintf(out, n, "list of %s", tl_type_name(v->u.list.items[0].type));
	else
		snprintf(out, n, "%s", tl_type_name(v->type));
}

bool tl_ruleset_same_type(const tl_value *want, const tl_value *got)
{
	if (want->type != got->type)
		return false;
	if (want->type != TL_T_LIST || !want->u.list.n || !got->u.list.n)
		return true;
	return want->u.list.items[0].type == got->u.list.items[0].type;
}

int tl_ruleset_parse_level(const char *s, tl_severity *out)
{
	if (strcmp(s, "error") == 0)
		*out = TL_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = TL_WARNING;
	else if (strcmp(s, "note") == 0)
		*out = TL_NOTE;
	else
		return -1;
	return 0;
}
