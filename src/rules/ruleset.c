/* ruleset.c: the rule set (see ruleset.h): its rules and every id defined
 * so far, which files a path names (one file, or each *.rules of a
 * folder, sorted), the command-line adjustments --disable, --level and
 * --param, lookup, and compiling each rule's expressions once options are
 * applied. Reading one rule file is ruleset_file.c; literals and levels,
 * which rule files and the command line both write, are ruleset_value.c. */
#include "config.h"

#include "rules/ruleset.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/os.h"
#include "base/source.h"
#include "rules/ruleset_impl.h"

/* the id of option and unreadable-file mistakes: a literal in each
 * ruleset*.c that reports it, where tests/diagids.test looks for ids */
#define ERR_ID "rule-file"
#define CMDLINE "<command line>"

tl_ruleset *tl_ruleset_new(const tl_catalogue *cat)
{
	tl_ruleset *rs = tl_xcalloc(1, sizeof(*rs));

	rs->cat = *cat;
	return rs;
}

void tl_ruleset_slot_free(rule_slot *s)
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
		tl_ruleset_value_free(&r->params[i].value);
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
		tl_ruleset_slot_free(rs->rules[i]);
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

const seen_id *tl_ruleset_seen_find(const tl_ruleset *rs, const char *id)
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

void tl_ruleset_seen_add(tl_ruleset *rs, const char *id, const char *file, uint32_t line)
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

void tl_ruleset_add_slot(tl_ruleset *rs, rule_slot *slot)
{
	tl_xgrow((void **)&rs->rules, &rs->cap, rs->count + 1, sizeof(rule_slot *));
	rs->rules[rs->count++] = slot;
}

/* ------------------------------------------------ rule files and folders */

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
	tl_stat_t st;
	char **names = NULL;
	size_t count = 0, i, n = 0;

	if (tl_os_stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return load_file(rs, path, errs);
	if (tl_dir_names(path, &names, &count) != 0) {
		tl_loc loc = tl_loc_file(path);
		tl_diag_add(errs, TL_ERROR, ERR_ID, &loc, "cannot open directory");
		return 1;
	}
	for (i = 0; i < count; i++) {
		char *full;

		if (!is_rules_name(names[i]))
			continue;
		full = tl_os_path_join(path, names[i]);
		if (tl_os_stat(full, &st) != 0 || S_ISREG(st.st_mode))
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

/* The most a --param @FILE may hold: an allow-list of hashes, not a
 * database. */
#define PARAM_FILE_MAX (4u << 20)

/* A list of strings read from a file, one per line: spaces and tabs
 * around each trimmed (CRLF too), blank lines and lines whose first other
 * character is '#' skipped. 0, or -1 with *err (a new string). */
static int list_from_file(const char *path, tl_value *out, char **err)
{
	tl_read_error why;
	tl_source *src = tl_source_read(path, PARAM_FILE_MAX, err, &why);
	const char *p, *end;
	tl_value *items = NULL;
	size_t n = 0, cap = 0;

	if (!src)
		return -1;
	p = (const char *)src->data;
	end = p + src->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *a = p, *b;

		b = nl ? nl : end;
		p = nl ? nl + 1 : end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		if (a == b || *a == '#')
			continue;
		if (memchr(a, '\0', (size_t)(b - a))) {
			*err = tl_xstrdup("a line holds a NUL byte");
			for (; n > 0; n--)
				free((char *)items[n - 1].u.s.p);
			free(items);
			tl_source_free(src);
			return -1;
		}
		tl_xgrow((void **)&items, &cap, n + 1, sizeof(*items));
		memset(&items[n], 0, sizeof(items[n]));
		items[n].type = TL_T_STRING;
		items[n].u.s.p = tl_xstrndup(a, (size_t)(b - a));
		items[n++].u.s.len = (size_t)(b - a);
	}
	tl_source_free(src);
	out->type = TL_T_LIST;
	out->u.list.items = items;
	out->u.list.n = n;
	return 0;
}

/* Give p the value text (a literal, or @FILE for a list of strings); 0,
 * or -1 with an error added. */
static int override_param(tl_rule *r, tl_rule_param *p, const char *opt, const char *text,
			  tl_diags *errs)
{
	tl_value v;
	const char *why;
	size_t where;
	char want[64], got[64];

	if (text[0] == '@') {
		char *err = NULL;

		if (p->value.type != TL_T_LIST ||
		    (p->value.u.list.n && p->value.u.list.items[0].type != TL_T_STRING)) {
			tl_ruleset_describe_type(&p->value, want, sizeof(want));
			opt_err(errs, "--param '%s': '%s.%s' is %s: only a list of strings can be "
				"read from a file", opt, r->id, p->name, want);
			return -1;
		}
		if (list_from_file(text + 1, &v, &err) < 0) {
			opt_err(errs, "--param '%s': %s: %s", opt, text + 1, err);
			free(err);
			return -1;
		}
	} else if (tl_ruleset_parse_literal(text, strlen(text), &v, &why, &where) < 0) {
		opt_err(errs, "--param '%s': invalid value: %s", opt, why);
		return -1;
	}
	if (!tl_ruleset_same_type(&p->value, &v)) {
		tl_ruleset_describe_type(&p->value, want, sizeof(want));
		tl_ruleset_describe_type(&v, got, sizeof(got));
		opt_err(errs, "--param '%s': '%s.%s' is %s, not %s", opt, r->id, p->name, want,
			got);
		tl_ruleset_value_free(&v);
		return -1;
	}
	tl_ruleset_value_free(&p->value);
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
		} else if (tl_ruleset_parse_level(eq + 1, &level) < 0) {
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

	tl_ruleset_locate(at, off, &line, &col);
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
			tl_ruleset_slot_free(s);
		else
			rs->rules[kept++] = s;
	}
	rs->count = kept;
	return n;
}

static bool param_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

char *tl_rule_expand_params(const tl_rule *r, const char *text)
{
	static const char prefix[] = "param.";
	tl_buf b = {0};
	const char *p = text, *hit;

	if (!text)
		return NULL;
	while ((hit = strstr(p, prefix))) {
		const char *name = hit + sizeof(prefix) - 1, *end = name;
		const tl_rule_param *param = NULL;
		size_t i;

		while (param_char(*end))
			end++;
		for (i = 0; i < r->param_count; i++)
			if (strlen(r->params[i].name) == (size_t)(end - name) &&
			    !memcmp(r->params[i].name, name, (size_t)(end - name)))
				param = &r->params[i];
		/* "xparam.y" is no parameter: the word must start there */
		if (!param || (hit > text && param_char(hit[-1]))) {
			tl_buf_add(&b, p, (size_t)(end - p));
			p = end;
			continue;
		}
		tl_buf_add(&b, p, (size_t)(hit - p));
		tl_buf_adds(&b, param->text);
		p = end;
	}
	tl_buf_adds(&b, p);
	return tl_buf_steal(&b);
}
