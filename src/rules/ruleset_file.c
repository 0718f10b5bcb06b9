/* ruleset_file.c: reading and checking one rule file into the rule set
 * (tl_ruleset_load_text of ruleset.h).
 *
 * inih does the splitting of "name = value" and the stripping of comments;
 * everything it cannot tell us we find out ourselves. Our reader hands it
 * one line at a time (cut by base/ini.h), so the reader knows the line
 * number of every handler call that follows, checks the line's length
 * against the buffer inih gives it (inih would cut a long line and read the
 * rest as a new line), and classifies the line the way inih will (blank or
 * comment, [section], continuation, name = value) so that it sees section
 * headers inih never reports (an empty section calls no handler; inih's
 * section buffer is 50 bytes) and knows whether a handler call continues a
 * value or starts one.
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

#include "rules/ruleset_impl.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ini.h"

/* the id of rule file mistakes: a literal in each ruleset*.c that
 * reports it, where tests/diagids.test looks for ids */
#define ERR_ID "rule-file"
#define PARAM_NAME_MAX 64

static bool is_space(int c)
{
	return c != '\0' && strchr(TL_INI_BLANKS_INIH, c) != NULL;
}

/* ------------------------------------------------ positions in a value */

static void seg_add(seg_map *m, size_t off, uint32_t line, uint32_t col)
{
	tl_xgrow((void **)&m->segs, &m->cap, m->count + 1, sizeof(seg));
	m->segs[m->count].off = off;
	m->segs[m->count].line = line;
	m->segs[m->count].col = col;
	m->count++;
}

void tl_ruleset_locate(const seg_map *m, size_t off, uint32_t *line, uint32_t *col)
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

/* ------------------------------------------------ the loader */

enum line_kind {
	LINE_NONE,    /* blank, comment, [section] or replaced: no handler call */
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

	tl_ruleset_locate(&e->at, off, &line, &col);
	va_start(ap, fmt);
	msg = tl_xvasprintf(fmt, ap);
	va_end(ap);
	lerr(ld, line, col, "%s", msg);
	free(msg);
}

bool tl_rule_id_valid(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > TL_RULE_ID_MAX || id[0] == '-' || id[n - 1] == '-')
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
	if (tl_ruleset_parse_literal(e->value.data, e->value.len, &v, &why, &where) < 0) {
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
		if (tl_ruleset_parse_level(v, &r->default_level) < 0)
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
		tl_ruleset_slot_free(slot);
	} else {
		if (!r->scope_name) {
			r->scope = ld->rs->cat.scope(ld->rs->cat.user, "cert", 4);
			r->scope_name = tl_xstrdup("cert");
		}
		r->id = ld->sec_id;
		ld->sec_id = NULL;
		r->file = tl_xstrdup(ld->file);
		r->line = ld->sec_line;
		tl_ruleset_add_slot(ld->rs, slot);
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
	if (!tl_rule_id_valid(id)) {
		lerr(ld, ld->lineno, col,
		     "invalid rule id '%s' (expected lower-case letters and digits in groups "
		     "joined by single '-', at most %d characters)",
		     id, TL_RULE_ID_MAX);
		ld->sec_bad = true;
		return;
	}
	first = tl_ruleset_seen_find(ld->rs, id);
	if (first) {
		lerr(ld, ld->lineno, col, "duplicate rule id '%s' (first defined at %s:%u)", id,
		     first->file, (unsigned)first->line);
		ld->sec_bad = true;
		return;
	}
	tl_ruleset_seen_add(ld->rs, id, ld->file, ld->lineno);
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
