/* ruleset.c: see ruleset.h.
 *
 * inih does the splitting of "name = value" and the stripping of comments;
 * everything it cannot tell us we find out ourselves. Our reader hands it
 * one line at a time (cut by base/ini.h), so the reader knows the line
 * number of every handler call that follows, checks the line's length
 * against the buffer inih gives it (inih would cut a long line and read the
 * rest as a new line), and classifies the line the way inih will (blank or
 * comment, [section],
 * continuation, name = value) so that it sees section headers inih never
 * reports (an empty section calls no handler; inih's section buffer is 50
 * bytes) and knows whether a handler call continues a value or starts one.
 * A line we reject is replaced by one with the same effect on inih's state
 * and none on ours.
 *
 * Values are validated when their section ends, once continuation lines have
 * been joined. Each value keeps a map from byte offsets of the joined text
 * to line and column, so an error inside an expression is reported at the
 * character where the compiler found it. Errors of one file are sorted by
 * position before they are added, since section checks run after the
 * line checks of the lines that follow them. */
#include "config.h"

#include "rules/ruleset.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/ini.h"
#include "base/source.h"

#define ERR_ID "rule-file"
#define RULE_ID_MAX 64
#define PARAM_NAME_MAX 64
#define CMDLINE "<command line>"

/* ------------------------------------------------ positions in a value */

/* Where a piece of a joined value came from: the bytes from off on were
 * read at line:col. */
typedef struct seg {
	size_t off;
	uint32_t line, col;
} seg;

typedef struct seg_map {
	seg *segs;
	size_t count, cap;
} seg_map;

static void seg_add(seg_map *m, size_t off, uint32_t line, uint32_t col)
{
	tl_xgrow((void **)&m->segs, &m->cap, m->count + 1, sizeof(seg));
	m->segs[m->count].off = off;
	m->segs[m->count].line = line;
	m->segs[m->count].col = col;
	m->count++;
}

/* Line and column of byte offset off of the joined value. An offset on the
 * separator between two pieces is the end of the earlier line. */
static void seg_locate(const seg_map *m, size_t off, uint32_t *line, uint32_t *col)
{
	size_t i, k = 0;
	size_t delta;

	for (i = 0; i < m->count; i++) {
		if (m->segs[i].off <= off)
			k = i;
	}
	if (m->count == 0) {
		*line = 0;
		*col = 0;
		return;
	}
	delta = off - m->segs[k].off;
	*line = m->segs[k].line;
	*col = delta > UINT32_MAX - m->segs[k].col ? UINT32_MAX : m->segs[k].col + (uint32_t)delta;
}

/* ------------------------------------------------ the ruleset */

/* A rule and where its expressions were written, for compile errors. */
typedef struct rule_slot {
	tl_rule rule;
	seg_map when_at, assert_at, message_at, error_when_at;
	bool compiled;
} rule_slot;

/* Every id defined so far, valid or not, for duplicate checks across
 * files. */
typedef struct seen_id {
	char *id;
	char *file;
	uint32_t line;
} seen_id;

struct tl_ruleset {
	tl_catalogue cat;
	rule_slot **rules;
	size_t count, cap;
	seen_id *seen;
	size_t seen_count, seen_cap;
	size_t *hash; /* open addressing: index + 1 into seen, 0 empty */
	size_t hash_cap;
};

tl_ruleset *tl_ruleset_new(const tl_catalogue *cat)
{
	tl_ruleset *rs = tl_xcalloc(1, sizeof(*rs));

	rs->cat = *cat;
	return rs;
}

static void value_free(tl_value *v)
{
	size_t i;

	if (v->type == TL_T_STRING) {
		free((char *)v->u.s.p);
	} else if (v->type == TL_T_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			value_free((tl_value *)&v->u.list.items[i]);
		free((tl_value *)v->u.list.items);
	}
	memset(v, 0, sizeof(*v));
}

static void slot_free(rule_slot *s)
{
	tl_rule *r;
	size_t i;

	if (!s)
		return;
	r = &s->rule;
	free(r->id);
	free(r->title);
	free(r->scope_name);
	free(r->when_text);
	free(r->error_when_text);
	free(r->assert_text);
	free(r->message_text);
	tl_expr_free(r->when);
	tl_expr_free(r->error_when);
	tl_expr_free(r->assert_);
	tl_template_free(r->message);
	free(r->description);
	free(r->help);
	free(r->help_uri);
	free(r->precision);
	for (i = 0; i < r->tag_count; i++)
		free(r->tags[i]);
	free(r->tags);
	for (i = 0; i < r->param_count; i++) {
		free(r->params[i].name);
		free(r->params[i].text);
		value_free(&r->params[i].value);
	}
	free(r->params);
	free(r->file);
	free(s->when_at.segs);
	free(s->error_when_at.segs);
	free(s->assert_at.segs);
	free(s->message_at.segs);
	free(s);
}

void tl_ruleset_free(tl_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->count; i++)
		slot_free(rs->rules[i]);
	free(rs->rules);
	for (i = 0; i < rs->seen_count; i++) {
		free(rs->seen[i].id);
		free(rs->seen[i].file);
	}
	free(rs->seen);
	free(rs->hash);
	free(rs);
}

size_t tl_ruleset_count(const tl_ruleset *rs)
{
	return rs->count;
}

const tl_rule *tl_ruleset_at(const tl_ruleset *rs, size_t i)
{
	return i < rs->count ? &rs->rules[i]->rule : NULL;
}

static rule_slot *find_slot(const tl_ruleset *rs, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < rs->count; i++) {
		const char *rid = rs->rules[i]->rule.id;
		if (strlen(rid) == len && memcmp(rid, id, len) == 0)
			return rs->rules[i];
	}
	return NULL;
}

const tl_rule *tl_ruleset_find(const tl_ruleset *rs, const char *id)
{
	rule_slot *s = find_slot(rs, id, strlen(id));

	return s ? &s->rule : NULL;
}

/* FNV-1a */
static size_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

static void seen_rehash(tl_ruleset *rs)
{
	size_t ncap = rs->hash_cap ? rs->hash_cap * 2 : 64;
	size_t i;

	if (ncap > SIZE_MAX / sizeof(size_t))
		tl_oom();
	free(rs->hash);
	rs->hash = tl_xcalloc(ncap, sizeof(size_t));
	rs->hash_cap = ncap;
	for (i = 0; i < rs->seen_count; i++) {
		size_t h = hash_str(rs->seen[i].id) & (ncap - 1);
		while (rs->hash[h])
			h = (h + 1) & (ncap - 1);
		rs->hash[h] = i + 1;
	}
}

static const seen_id *seen_find(const tl_ruleset *rs, const char *id)
{
	size_t h;

	if (!rs->hash_cap)
		return NULL;
	h = hash_str(id) & (rs->hash_cap - 1);
	while (rs->hash[h]) {
		const seen_id *s = &rs->seen[rs->hash[h] - 1];
		if (strcmp(s->id, id) == 0)
			return s;
		h = (h + 1) & (rs->hash_cap - 1);
	}
	return NULL;
}

static void seen_add(tl_ruleset *rs, const char *id, const char *file, uint32_t line)
{
	seen_id *s;

	tl_xgrow((void **)&rs->seen, &rs->seen_cap, rs->seen_count + 1, sizeof(seen_id));
	s = &rs->seen[rs->seen_count++];
	s->id = tl_xstrdup(id);
	s->file = tl_xstrdup(file);
	s->line = line;
	/* keep the table at most half full */
	if (rs->seen_count * 2 > rs->hash_cap) {
		seen_rehash(rs);
	} else {
		size_t h = hash_str(id) & (rs->hash_cap - 1);
		while (rs->hash[h])
			h = (h + 1) & (rs->hash_cap - 1);
		rs->hash[h] = rs->seen_count;
	}
}

/* ------------------------------------------------ literals */

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(int c)
{
	/* isspace() in the C locale, as inih uses it */
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

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
	/* the expression language's own forms (expr.c lex_number) */
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
			value_free(&item);
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
	value_free(out);
	return -1;
}

/* Parse the literal in s[0..len): 0 and *out (free with value_free), or -1
 * with *why and *where (offset) filled. */
static int parse_literal(const char *s, size_t len, tl_value *out, const char **why, size_t *where)
{
	lit_parser p = {s, len, 0, NULL};
	int rc;

	memset(out, 0, sizeof(*out));
	if (len && s[0] == '[')
		rc = lit_list(&p, out);
	else
		rc = lit_scalar(&p, out);
	if (rc == 0 && p.pos != len) {
		value_free(out);
		p.why = "unexpected text after the literal";
		rc = -1;
	}
	if (rc < 0) {
		*why = p.why;
		*where = p.pos;
	}
	return rc;
}

/* "int", "list of string", "list" (empty) */
static void describe_type(const tl_value *v, char *out, size_t n)
{
	if (v->type == TL_T_LIST && v->u.list.n)
		snprintf(out, n, "list of %s", tl_type_name(v->u.list.items[0].type));
	else
		snprintf(out, n, "%s", tl_type_name(v->type));
}

/* Whether a value of type got may replace a default of type want. */
static bool same_type(const tl_value *want, const tl_value *got)
{
	if (want->type != got->type)
		return false;
	if (want->type != TL_T_LIST || !want->u.list.n || !got->u.list.n)
		return true;
	return want->u.list.items[0].type == got->u.list.items[0].type;
}

/* ------------------------------------------------ the loader */

enum line_kind {
	LINE_NONE,    /* blank, comment, or replaced: no handler call */
	LINE_SECTION, /* processed by the reader */
	LINE_KEY,     /* name = value: one handler call starts a value */
	LINE_CONT,    /* indented: one handler call continues the value */
	LINE_IGNORE,  /* a replacement key line: its handler call is dropped */
};

typedef struct entry {
	char *name;
	uint32_t line, name_col;
	tl_buf value;
	seg_map at;
} entry;

typedef struct pending {
	uint32_t line, col;
	size_t seq;
	char *msg;
} pending;

typedef struct loader {
	tl_ruleset *rs;
	const char *file;
	tl_ini_reader lines;
	tl_ini_line line; /* the current line */
	uint32_t lineno;  /* its number */
	bool stop;        /* too many lines */

	enum line_kind kind;
	uint32_t name_col, value_col; /* LINE_KEY, LINE_CONT */
	/* mirrors inih's prev_name: whether an indented line continues */
	bool prev_key;
	/* the entry continuation lines add to, or -1 to drop them */
	long cur;

	bool in_section;
	char *sec_id; /* NULL when the header was unreadable */
	bool sec_bad; /* the rule will not be kept */
	uint32_t sec_line, sec_col;
	entry *entries;
	size_t entry_count, entry_cap;

	pending *errs;
	size_t err_count, err_cap;
} loader;

static void lerr(loader *ld, uint32_t line, uint32_t col, const char *fmt, ...) TL_PRINTF(4, 5);

static void lerr(loader *ld, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	pending *e;

	tl_xgrow((void **)&ld->errs, &ld->err_cap, ld->err_count + 1, sizeof(pending));
	e = &ld->errs[ld->err_count];
	e->line = line;
	e->col = col;
	e->seq = ld->err_count;
	va_start(ap, fmt);
	e->msg = tl_xvasprintf(fmt, ap);
	va_end(ap);
	ld->err_count++;
}

static int pending_cmp(const void *a, const void *b)
{
	const pending *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static size_t flush_errors(loader *ld, tl_diags *errs)
{
	size_t i, n = ld->err_count;

	if (n)
		qsort(ld->errs, n, sizeof(pending), pending_cmp);
	for (i = 0; i < n; i++) {
		tl_loc loc = tl_loc_line(ld->file, ld->errs[i].line, ld->errs[i].col);
		tl_diag_add(errs, TL_ERROR, ERR_ID, &loc, "%s", ld->errs[i].msg);
		free(ld->errs[i].msg);
	}
	free(ld->errs);
	ld->errs = NULL;
	ld->err_count = ld->err_cap = 0;
	return n;
}

/* Report an error at byte offset off of entry e's value. */
static void lerr_at(loader *ld, const entry *e, size_t off, const char *fmt, ...) TL_PRINTF(4, 5);

static void lerr_at(loader *ld, const entry *e, size_t off, const char *fmt, ...)
{
	va_list ap;
	uint32_t line, col;
	char *msg;

	seg_locate(&e->at, off, &line, &col);
	va_start(ap, fmt);
	msg = tl_xvasprintf(fmt, ap);
	va_end(ap);
	lerr(ld, line, col, "%s", msg);
	free(msg);
}

/* Lower-case letters and digits in groups joined by single hyphens. */
static bool valid_rule_id(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > RULE_ID_MAX || id[0] == '-' || id[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++) {
		char c = id[i];
		if (c == '-') {
			if (id[i - 1] == '-')
				return false;
		} else if (!((c >= 'a' && c <= 'z') || is_digit(c))) {
			return false;
		}
	}
	return true;
}

/* An identifier the expression language can write after "param.". */
static bool valid_param_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > PARAM_NAME_MAX || is_digit(s[0]))
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_'))
			return false;
	}
	return true;
}

static int parse_level(const char *s, tl_severity *out)
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

/* 0.0 to 10.0, digits with an optional fraction (no locale, no exponent). */
static int parse_severity(const char *s, double *out)
{
	double v = 0, scale = 1;
	size_t i = 0, int_digits = 0, frac_digits = 0;

	while (is_digit(s[i]) && int_digits < 16) {
		v = v * 10 + (s[i++] - '0');
		int_digits++;
	}
	if (s[i] == '.') {
		i++;
		while (is_digit(s[i]) && frac_digits < 16) {
			scale /= 10;
			v += (s[i++] - '0') * scale;
			frac_digits++;
		}
		if (!frac_digits)
			return -1;
	}
	if (!int_digits || s[i] != '\0' || v > 10.0)
		return -1;
	*out = v;
	return 0;
}

/* scheme ":" rest, no spaces or control characters (RFC 3986 3.1). */
static bool valid_uri(const char *s)
{
	size_t i = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || is_digit(s[i]) ||
	       s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	if (s[i] != ':' || s[i + 1] == '\0')
		return false;
	for (; s[i]; i++) {
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F)
			return false;
	}
	return true;
}

/* Move the joined value of e into a new string. */
static char *take_value(entry *e)
{
	return tl_buf_steal(&e->value);
}

static void take_map(entry *e, seg_map *to)
{
	*to = e->at;
	memset(&e->at, 0, sizeof(e->at));
}

static void parse_tags(loader *ld, entry *e, tl_rule *r)
{
	const char *v = e->value.data;
	size_t pos = 0, n = e->value.len;

	for (;;) {
		size_t start, end, cut;

		while (pos < n && is_space(v[pos]))
			pos++;
		start = pos;
		while (pos < n && v[pos] != ',')
			pos++;
		cut = pos;
		end = cut;
		while (end > start && is_space(v[end - 1]))
			end--;
		if (end == start) {
			lerr_at(ld, e, start, "empty tag in 'tags'");
			ld->sec_bad = true;
		} else {
			r->tags = tl_xrealloc(r->tags, (r->tag_count + 1) * sizeof(char *));
			r->tags[r->tag_count++] = tl_xstrndup(v + start, end - start);
		}
		if (cut >= n)
			break;
		pos = cut + 1;
	}
}

static void parse_param(loader *ld, entry *e, tl_rule *r)
{
	const char *name = e->name + strlen("param.");
	tl_rule_param *p;
	tl_value v;
	const char *why;
	size_t where;

	if (!valid_param_name(name)) {
		lerr(ld, e->line, e->name_col + (uint32_t)strlen("param."),
		     "invalid parameter name '%s' (letters, digits and '_', at most %d)", name,
		     PARAM_NAME_MAX);
		ld->sec_bad = true;
		return;
	}
	if (parse_literal(e->value.data, e->value.len, &v, &why, &where) < 0) {
		lerr_at(ld, e, where, "invalid value for 'param.%s': %s", name, why);
		ld->sec_bad = true;
		return;
	}
	r->params = tl_xrealloc(r->params, (r->param_count + 1) * sizeof(tl_rule_param));
	p = &r->params[r->param_count++];
	p->name = tl_xstrdup(name);
	p->text = take_value(e);
	p->value = v;
	p->overridden = false;
}

/* A value that is not one its key accepts: an error at the value's start,
 * and the rule is not kept. */
static void bad_value(loader *ld, const entry *e, const char *what, const char *expected)
{
	lerr_at(ld, e, 0, "invalid %s '%s' (expected %s)", what, e->value.data, expected);
	ld->sec_bad = true;
}

/* Put the value of key e into the rule of slot. */
static void apply_entry(loader *ld, entry *e, rule_slot *slot)
{
	tl_rule *r = &slot->rule;
	const char *name = e->name, *v = e->value.data;

	if (strcmp(name, "title") == 0) {
		r->title = take_value(e);
	} else if (strcmp(name, "level") == 0) {
		if (parse_level(v, &r->default_level) < 0)
			bad_value(ld, e, "level", "error, warning or note");
		r->level = r->default_level;
	} else if (strcmp(name, "scope") == 0) {
		int sc = ld->rs->cat.scope(ld->rs->cat.user, v, e->value.len);

		if (sc < 0) {
			lerr_at(ld, e, 0, "unknown scope '%s' (expected %s)", v,
				"cert, store, binding, ctl or machine");
			ld->sec_bad = true;
		} else {
			r->scope = sc;
			r->scope_name = take_value(e);
		}
	} else if (strcmp(name, "when") == 0) {
		r->when_text = take_value(e);
		take_map(e, &slot->when_at);
	} else if (strcmp(name, "error_when") == 0) {
		r->error_when_text = take_value(e);
		take_map(e, &slot->error_when_at);
	} else if (strcmp(name, "assert") == 0) {
		r->assert_text = take_value(e);
		take_map(e, &slot->assert_at);
	} else if (strcmp(name, "message") == 0) {
		r->message_text = take_value(e);
		take_map(e, &slot->message_at);
	} else if (strcmp(name, "description") == 0) {
		r->description = take_value(e);
	} else if (strcmp(name, "help") == 0) {
		r->help = take_value(e);
	} else if (strcmp(name, "help_uri") == 0) {
		if (valid_uri(v))
			r->help_uri = take_value(e);
		else
			bad_value(ld, e, "help_uri", "an absolute URI");
	} else if (strcmp(name, "tags") == 0) {
		parse_tags(ld, e, r);
	} else if (strcmp(name, "security_severity") == 0) {
		if (parse_severity(v, &r->security_severity) == 0)
			r->has_security_severity = true;
		else
			bad_value(ld, e, "security_severity", "a number from 0.0 to 10.0");
	} else if (strcmp(name, "precision") == 0) {
		if (strcmp(v, "very-high") == 0 || strcmp(v, "high") == 0 ||
		    strcmp(v, "medium") == 0 || strcmp(v, "low") == 0)
			r->precision = take_value(e);
		else
			bad_value(ld, e, "precision", "very-high, high, medium or low");
	} else if (strcmp(name, "enabled") == 0) {
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
			r->enabled = v[0] == 't';
		else
			bad_value(ld, e, "enabled", "true or false");
	} else if (strncmp(name, "param.", 6) == 0) {
		parse_param(ld, e, r);
	} else {
		lerr(ld, e->line, e->name_col, "unknown key '%s'", name);
		ld->sec_bad = true;
	}
}

/* The first entry before e with its name, or NULL. */
static const entry *earlier_entry(const loader *ld, const entry *e)
{
	const entry *x;

	for (x = ld->entries; x < e; x++) {
		if (strcmp(x->name, e->name) == 0)
			return x;
	}
	return NULL;
}

/* Check the entries of the section that ends and keep its rule when all is
 * well. */
static void end_section(loader *ld)
{
	rule_slot *slot;
	tl_rule *r;
	size_t i;
	bool have_title = false, have_assert = false;

	if (!ld->in_section)
		return;
	slot = tl_xcalloc(1, sizeof(*slot));
	r = &slot->rule;
	r->level = r->default_level = TL_WARNING;
	r->enabled = true;
	for (i = 0; i < ld->entry_count; i++) {
		entry *e = &ld->entries[i];
		const entry *first = earlier_entry(ld, e);

		if (first) {
			lerr(ld, e->line, e->name_col, "duplicate key '%s' (first at line %u)",
			     e->name, (unsigned)first->line);
			ld->sec_bad = true;
			continue;
		}
		have_title |= strcmp(e->name, "title") == 0;
		have_assert |= strcmp(e->name, "assert") == 0;
		if (e->value.len == 0) {
			lerr(ld, e->line, e->name_col, "key '%s' has an empty value", e->name);
			ld->sec_bad = true;
			continue;
		}
		apply_entry(ld, e, slot);
	}
	if (ld->sec_id && !have_title) {
		lerr(ld, ld->sec_line, ld->sec_col, "rule '%s' has no 'title'", ld->sec_id);
		ld->sec_bad = true;
	}
	if (ld->sec_id && !have_assert) {
		lerr(ld, ld->sec_line, ld->sec_col, "rule '%s' has no 'assert'", ld->sec_id);
		ld->sec_bad = true;
	}
	if (ld->sec_bad || !ld->sec_id) {
		slot_free(slot);
	} else {
		if (!r->scope_name) {
			r->scope = ld->rs->cat.scope(ld->rs->cat.user, "cert", 4);
			r->scope_name = tl_xstrdup("cert");
		}
		r->id = ld->sec_id;
		ld->sec_id = NULL;
		r->file = tl_xstrdup(ld->file);
		r->line = ld->sec_line;
		tl_xgrow((void **)&ld->rs->rules, &ld->rs->cap, ld->rs->count + 1,
			 sizeof(rule_slot *));
		ld->rs->rules[ld->rs->count++] = slot;
	}
	for (i = 0; i < ld->entry_count; i++) {
		free(ld->entries[i].name);
		tl_buf_free(&ld->entries[i].value);
		free(ld->entries[i].at.segs);
	}
	ld->entry_count = 0;
	free(ld->sec_id);
	ld->sec_id = NULL;
	ld->in_section = false;
}

/* A [section] header at p (the '['), whose closing ']' is at close, or
 * NULL when it has none. */
static void begin_section(loader *ld, const char *p, const char *close)
{
	uint32_t col = tl_ini_col((size_t)(p - ld->line.text) + 1);
	const seen_id *first;
	char *id;

	end_section(ld);
	ld->in_section = true;
	ld->sec_bad = false;
	ld->sec_line = ld->lineno;
	ld->sec_col = col;
	ld->sec_id = NULL;
	if (!close) {
		lerr(ld, ld->lineno, col - 1, "section header has no closing ']'");
		ld->sec_bad = true;
		return;
	}
	id = tl_xstrndup(p + 1, (size_t)(close - p - 1));
	ld->sec_id = id;
	if (!valid_rule_id(id)) {
		lerr(ld, ld->lineno, col,
		     "invalid rule id '%s' (expected lower-case letters and digits in groups "
		     "joined by single '-', at most %d characters)",
		     id, RULE_ID_MAX);
		ld->sec_bad = true;
		return;
	}
	first = seen_find(ld->rs, id);
	if (first) {
		lerr(ld, ld->lineno, col, "duplicate rule id '%s' (first defined at %s:%u)", id,
		     first->file, (unsigned)first->line);
		ld->sec_bad = true;
		return;
	}
	seen_add(ld->rs, id, ld->file, ld->lineno);
}

/* inih's find_chars_or_comment(): the first of chars, or of an inline
 * comment (';' after whitespace), or the end. */
static const char *find_chars_or_comment(const char *s, const char *chars)
{
	bool was_space = false;

	while (*s && (!chars || !strchr(chars, *s)) && !(was_space && *s == ';')) {
		was_space = is_space(*s);
		s++;
	}
	return s;
}

/* Copy text (and a newline) into inih's buffer. */
static char *feed(char *str, const char *text, size_t len)
{
	memcpy(str, text, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/* The ini_reader: one line of the text per call. num is the size of
 * inih's line buffer. */
static char *read_line(char *str, int num, void *stream)
{
	loader *ld = stream;
	const char *p, *line;
	size_t n, nul;
	bool too_long;

	if (ld->stop || num < 4)
		return NULL;
	/* inih's buffer must hold the line, "\r\n" and its NUL */
	ld->lines.max_len = (size_t)num - 3;
	switch (tl_ini_next(&ld->lines, &ld->line)) {
	case TL_INI_LINE:
		break;
	case TL_INI_TOO_MANY:
		lerr(ld, UINT32_MAX, 0, "too many lines");
		ld->stop = true;
		return NULL;
	case TL_INI_END:
		return NULL;
	}
	ld->lineno = ld->line.number;
	line = ld->line.text;
	n = ld->line.len;
	nul = ld->line.nul;
	too_long = ld->line.too_long;
	ld->kind = LINE_NONE;

	if (too_long) {
		lerr(ld, ld->lineno, tl_ini_col(ld->lines.max_len),
		     "line is too long (%zu bytes, the limit is %zu)", n, ld->lines.max_len);
	} else if (nul < n) {
		lerr(ld, ld->lineno, tl_ini_col(nul), "NUL byte in line");
	}

	/* classify as inih will */
	p = line + ld->line.indent;
	if (ld->line.kind == TL_INI_BLANK || ld->line.kind == TL_INI_COMMENT)
		return feed(str, "", 0);
	if (ld->prev_key && p > line) {
		if (too_long || nul < n)
			return feed(str, "", 0);
		ld->kind = LINE_CONT;
		ld->value_col = tl_ini_col((size_t)(p - line));
		return feed(str, line, n);
	}
	if (ld->line.kind == TL_INI_SECTION) {
		const char *close = find_chars_or_comment(p + 1, "]");

		ld->prev_key = false;
		ld->cur = -1;
		if (too_long || nul < n) {
			/* the header cannot be trusted: keep what follows apart */
			end_section(ld);
			ld->in_section = true;
			ld->sec_bad = true;
			ld->sec_line = ld->lineno;
			ld->sec_col = tl_ini_col((size_t)(p - line) + 1);
			return feed(str, "[]", 2);
		}
		begin_section(ld, p, *close == ']' ? close : NULL);
		if (*close == ']') {
			const char *q = close + 1;
			while (is_space(*q))
				q++;
			if (*q && *q != ';' && *q != '#') {
				lerr(ld, ld->lineno, tl_ini_col((size_t)(q - line)),
				     "unexpected text after ']'");
				ld->sec_bad = true;
			}
			return feed(str, line, n);
		}
		return feed(str, "[]", 2);
	}
	if (too_long || nul < n) {
		/* a key we drop: its continuation lines go with it */
		ld->prev_key = true;
		ld->cur = -1;
		ld->kind = LINE_IGNORE;
		return feed(str, "_=", 2);
	}
	{
		const char *sep = find_chars_or_comment(p, "=:");
		const char *v;

		if (*sep != '=' && *sep != ':') {
			lerr(ld, ld->lineno, tl_ini_col((size_t)(p - line)),
			     "expected 'key = value' or '[rule-id]'");
			ld->cur = -1;
			return feed(str, "", 0);
		}
		ld->kind = LINE_KEY;
		ld->name_col = tl_ini_col((size_t)(p - line));
		for (v = sep + 1; is_space(*v); v++)
			;
		ld->value_col = tl_ini_col((size_t)(v - line));
		/* inih keeps prev_name only when the name is not empty */
		ld->prev_key = false;
		for (v = sep; v > p && is_space(v[-1]); v--)
			;
		ld->prev_key = v > p;
		return feed(str, line, n);
	}
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
	loader *ld = user;
	entry *e;

	(void)section; /* ours is not cut at 50 bytes */
	if (ld->kind == LINE_CONT) {
		size_t vlen = strlen(value);

		if (ld->cur < 0 || !vlen)
			return 1;
		e = &ld->entries[ld->cur];
		if (e->value.len) {
			/* prose keeps its lines; everything else reads as one line */
			bool prose = strcmp(e->name, "description") == 0 ||
				     strcmp(e->name, "help") == 0;
			tl_buf_addc(&e->value, prose ? '\n' : ' ');
		}
		seg_add(&e->at, e->value.len, ld->lineno, ld->value_col);
		tl_buf_add(&e->value, value, vlen);
		return 1;
	}
	if (ld->kind != LINE_KEY)
		return 1;
	ld->kind = LINE_NONE; /* one call per line */
	if (!*name) {
		lerr(ld, ld->lineno, ld->name_col, "missing key name before '='");
		ld->cur = -1;
		return 1;
	}
	if (!ld->in_section) {
		lerr(ld, ld->lineno, ld->name_col, "key '%s' outside any section", name);
		ld->cur = -1;
		return 1;
	}
	tl_xgrow((void **)&ld->entries, &ld->entry_cap, ld->entry_count + 1, sizeof(entry));
	e = &ld->entries[ld->entry_count];
	memset(e, 0, sizeof(*e));
	e->name = tl_xstrdup(name);
	e->line = ld->lineno;
	e->name_col = ld->name_col;
	tl_buf_reserve(&e->value, 0);
	tl_buf_adds(&e->value, value);
	seg_add(&e->at, 0, ld->lineno, ld->value_col);
	ld->cur = (long)ld->entry_count++;
	return 1;
}

size_t tl_ruleset_load_text(tl_ruleset *rs, const char *file, const char *text, size_t len,
			    tl_diags *errs)
{
	loader ld;
	int rc;

	memset(&ld, 0, sizeof(ld));
	ld.rs = rs;
	ld.file = file;
	tl_ini_reader_init(&ld.lines, text, len, 0, TL_INI_BLANKS_INIH);
	ld.cur = -1;
	rc = ini_parse_stream(read_line, &ld, on_pair, &ld);
	end_section(&ld);
	/* every line inih refuses we have refused first; this is a safety net
	 * for an inih built with other options */
	if (rc != 0 && ld.err_count == 0)
		lerr(&ld, rc > 0 ? (uint32_t)rc : 0, 0, "inih cannot parse this line (error %d)",
		     rc);
	free(ld.entries);
	tl_ini_reader_free(&ld.lines);
	return flush_errors(&ld, errs);
}

static size_t load_file(tl_ruleset *rs, const char *path, tl_diags *errs)
{
	char *err = NULL;
	tl_source *src = tl_source_read(path, TL_MAX_RULES_BYTES, &err, NULL);
	size_t n;

	if (!src) {
		tl_loc loc = tl_loc_file(path);
		tl_diag_add(errs, TL_ERROR, ERR_ID, &loc, "%s", err);
		free(err);
		return 1;
	}
	n = tl_ruleset_load_text(rs, path, (const char *)src->data, src->len, errs);
	tl_source_free(src);
	return n;
}

static bool is_rules_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 6 && strcmp(name + n - 6, ".rules") == 0;
}

size_t tl_ruleset_load(tl_ruleset *rs, const char *path, tl_diags *errs)
{
	struct stat st;
	char **names = NULL;
	size_t count = 0, i, n = 0;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return load_file(rs, path, errs);
	if (tl_dir_names(path, &names, &count) != 0) {
		tl_loc loc = tl_loc_file(path);
		tl_diag_add(errs, TL_ERROR, ERR_ID, &loc, "cannot open directory");
		return 1;
	}
	for (i = 0; i < count; i++) {
		size_t plen = strlen(path);
		char *full;

		if (!is_rules_name(names[i]))
			continue;
		full = tl_xasprintf("%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", names[i]);
		if (stat(full, &st) != 0 || S_ISREG(st.st_mode))
			n += load_file(rs, full, errs);
		free(full);
	}
	tl_strv_free(names, count);
	return n;
}

/* ------------------------------------------------ options and compiling */

static void opt_err(tl_diags *errs, const char *fmt, ...) TL_PRINTF(2, 3);

static void opt_err(tl_diags *errs, const char *fmt, ...)
{
	tl_loc loc = tl_loc_file(CMDLINE);
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(errs, TL_ERROR, ERR_ID, &loc, fmt, ap);
	va_end(ap);
}

static tl_rule_param *find_param(tl_rule *r, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < r->param_count; i++) {
		if (strlen(r->params[i].name) == len && memcmp(r->params[i].name, name, len) == 0)
			return &r->params[i];
	}
	return NULL;
}

/* Give p the value text; 0, or -1 with an error added. */
static int override_param(tl_rule *r, tl_rule_param *p, const char *opt, const char *text,
			  tl_diags *errs)
{
	tl_value v;
	const char *why;
	size_t where;
	char want[64], got[64];

	if (parse_literal(text, strlen(text), &v, &why, &where) < 0) {
		opt_err(errs, "--param '%s': invalid value: %s", opt, why);
		return -1;
	}
	if (!same_type(&p->value, &v)) {
		describe_type(&p->value, want, sizeof(want));
		describe_type(&v, got, sizeof(got));
		opt_err(errs, "--param '%s': '%s.%s' is %s, not %s", opt, r->id, p->name, want,
			got);
		value_free(&v);
		return -1;
	}
	value_free(&p->value);
	p->value = v;
	free(p->text);
	p->text = tl_xstrdup(text);
	p->overridden = true;
	return 0;
}

static size_t apply_param(tl_ruleset *rs, const char *opt, tl_diags *errs)
{
	const char *eq = strchr(opt, '=');
	const char *dot, *name;
	size_t i, name_len, hits = 0, n = 0;

	if (!eq || eq == opt) {
		opt_err(errs, "--param '%s': expected NAME=VALUE or RULE-ID.NAME=VALUE", opt);
		return 1;
	}
	dot = memchr(opt, '.', (size_t)(eq - opt));
	if (dot) {
		rule_slot *s = find_slot(rs, opt, (size_t)(dot - opt));
		tl_rule_param *p;

		name = dot + 1;
		name_len = (size_t)(eq - name);
		if (!s) {
			opt_err(errs, "--param '%s': unknown rule '%.*s'", opt, (int)(dot - opt),
				opt);
			return 1;
		}
		p = find_param(&s->rule, name, name_len);
		if (!p) {
			opt_err(errs, "--param '%s': rule '%s' has no parameter '%.*s'", opt,
				s->rule.id, (int)name_len, name);
			return 1;
		}
		return override_param(&s->rule, p, opt, eq + 1, errs) < 0;
	}
	name = opt;
	name_len = (size_t)(eq - opt);
	for (i = 0; i < rs->count; i++) {
		tl_rule *r = &rs->rules[i]->rule;
		tl_rule_param *p = find_param(r, name, name_len);

		if (!p)
			continue;
		hits++;
		if (override_param(r, p, opt, eq + 1, errs) < 0)
			n++;
	}
	if (!hits) {
		opt_err(errs, "--param '%s': no rule has a parameter '%.*s'", opt, (int)name_len,
			name);
		n++;
	}
	return n;
}

static size_t apply_options(tl_ruleset *rs, const tl_rule_options *opts, tl_diags *errs)
{
	size_t i, n = 0;

	for (i = 0; i < opts->disable_count; i++) {
		rule_slot *s = find_slot(rs, opts->disable[i], strlen(opts->disable[i]));
		if (!s) {
			opt_err(errs, "--disable: unknown rule '%s'", opts->disable[i]);
			n++;
		} else {
			s->rule.enabled = false;
		}
	}
	for (i = 0; i < opts->level_count; i++) {
		const char *opt = opts->levels[i];
		const char *eq = strchr(opt, '=');
		rule_slot *s;
		tl_severity level;

		if (!eq || eq == opt) {
			opt_err(errs, "--level '%s': expected RULE-ID=LEVEL", opt);
			n++;
			continue;
		}
		s = find_slot(rs, opt, (size_t)(eq - opt));
		if (!s) {
			opt_err(errs, "--level '%s': unknown rule '%.*s'", opt, (int)(eq - opt),
				opt);
			n++;
		} else if (parse_level(eq + 1, &level) < 0) {
			opt_err(errs, "--level '%s': invalid level '%s' (expected %s)", opt,
				eq + 1, "error, warning or note");
			n++;
		} else {
			s->rule.level = level;
		}
	}
	for (i = 0; i < opts->param_count; i++)
		n += apply_param(rs, opts->params[i], errs);
	return n;
}

/* The caller's catalogue, with param.NAME read from the rule being
 * compiled. */
typedef struct compile_ctx {
	const tl_catalogue *outer;
	tl_rule *rule;
} compile_ctx;

static int cc_scope(void *user, const char *name, size_t len)
{
	const compile_ctx *cc = user;

	return cc->outer->scope(cc->outer->user, name, len);
}

static int cc_field(void *user, int scope, const char *name, size_t len, tl_field_info *out)
{
	const compile_ctx *cc = user;

	return cc->outer->field(cc->outer->user, scope, name, len, out);
}

static int cc_param(void *user, const char *name, size_t len, tl_value *out)
{
	const compile_ctx *cc = user;
	tl_rule_param *p = find_param(cc->rule, name, len);

	if (!p)
		return -1;
	*out = p->value;
	return 0;
}

static void compile_err(tl_diags *errs, const tl_rule *r, const seg_map *at, size_t off,
			const char *msg)
{
	uint32_t line, col;
	tl_loc loc;

	seg_locate(at, off, &line, &col);
	loc = tl_loc_line(r->file, line, col);
	tl_diag_add(errs, TL_ERROR, ERR_ID, &loc, "%s", msg);
}

/* Compile a bool expression: NULL with an error added when it is not one. */
static tl_expr *compile_bool(const char *key, const char *text, const seg_map *at,
			     const tl_rule *r, const tl_catalogue *cat, tl_diags *errs)
{
	tl_expr_error err;
	tl_expr *e;
	tl_type t;
	char msg[300];

	memset(&err, 0, sizeof(err));
	e = tl_expr_compile(text, strlen(text), r->scope, cat, &err);
	if (!e) {
		compile_err(errs, r, at, err.offset, err.msg);
		return NULL;
	}
	t = tl_expr_type(e);
	if (t != TL_T_BOOL && t != TL_T_ANY) {
		snprintf(msg, sizeof(msg), "'%s' must be a bool expression, not %s", key,
			 tl_type_name(t));
		compile_err(errs, r, at, 0, msg);
		tl_expr_free(e);
		return NULL;
	}
	return e;
}

static size_t compile_rule(tl_ruleset *rs, rule_slot *s, tl_diags *errs)
{
	tl_rule *r = &s->rule;
	compile_ctx cc = {&rs->cat, r};
	tl_catalogue cat = {&cc, cc_scope, cc_field, cc_param};
	size_t n = 0;

	if (r->when_text) {
		r->when = compile_bool("when", r->when_text, &s->when_at, r, &cat, errs);
		n += !r->when;
	}
	r->assert_ = compile_bool("assert", r->assert_text, &s->assert_at, r, &cat, errs);
	n += !r->assert_;
	if (r->error_when_text) {
		r->error_when = compile_bool("error_when", r->error_when_text, &s->error_when_at, r,
					     &cat, errs);
		n += !r->error_when;
	}
	if (r->message_text) {
		tl_expr_error err;

		memset(&err, 0, sizeof(err));
		r->message = tl_template_compile(r->message_text, strlen(r->message_text),
						 r->scope, &cat, &err);
		if (!r->message) {
			compile_err(errs, r, &s->message_at, err.offset, err.msg);
			n++;
		}
	}
	s->compiled = true;
	return n;
}

size_t tl_ruleset_finish(tl_ruleset *rs, const tl_rule_options *opts, tl_diags *errs)
{
	size_t i, kept = 0, n = 0;

	if (opts)
		n += apply_options(rs, opts, errs);
	/* a rule whose expressions do not compile is dropped, so that every
	 * rule left can be run */
	for (i = 0; i < rs->count; i++) {
		rule_slot *s = rs->rules[i];
		size_t bad = s->compiled ? 0 : compile_rule(rs, s, errs);

		n += bad;
		if (bad)
			slot_free(s);
		else
			rs->rules[kept++] = s;
	}
	rs->count = kept;
	return n;
}
