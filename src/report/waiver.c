/* waiver.c: the --waivers file and its matching against findings. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/fields.h"
#include "base/ini.h"
#include "base/source.h"
#include "model/store.h"
#include "report/waiver.h"

enum wkey { K_RULE, K_SHA1, K_SHA256, K_BINDING, K_STORE, K_OBJECT, K_REASON, K_EXPIRES, K_OWNER,
	    K_COUNT };

static const char *const key_names[K_COUNT] = {
	[K_RULE] = "rule",       [K_SHA1] = "sha1",     [K_SHA256] = "sha256",
	[K_BINDING] = "binding", [K_STORE] = "store",   [K_OBJECT] = "object",
	[K_REASON] = "reason",   [K_EXPIRES] = "expires", [K_OWNER] = "owner",
};

enum wkind { W_NONE, W_SHA1, W_SHA256, W_BINDING, W_STORE, W_OBJECT };

struct waiver {
	char *name;
	uint32_t line;
	char *rule;        /* rule id, or "*" */
	uint32_t rule_col; /* column of the rule id, for tl_waivers_check_rules() */
	enum wkind kind;
	uint8_t hash[32];  /* W_SHA1 (20 bytes), W_SHA256 */
	char *binding;     /* W_BINDING */
	tl_location loc;   /* W_STORE */
	char *store;       /* W_STORE */
	char *object;      /* W_OBJECT: a finding's logical name (machine findings) */
	char *reason;
	char *owner;
	char *expires_text; /* as written, or NULL */
	int64_t expires;
	uint32_t key_line[K_COUNT]; /* 0 when absent */
	tl_waived_by by;   /* name, reason and owner, for the findings it waives */
};

/* What a waiver names: waivers with equal targets match exactly the same
 * findings, which is what lets tl_waivers_apply() look them up instead of
 * trying each waiver on each finding. A finding yields one target per key
 * it can be named by (finding_targets()). */
struct target {
	enum wkind kind;
	const uint8_t *hash; /* W_SHA1, W_SHA256 */
	const char *text;    /* W_BINDING, W_STORE (store name), W_OBJECT */
	tl_location loc;     /* W_STORE */
	const char *rule;    /* rule id, or "*" */
};

/* One waiver in the index, sorted by target, then file order. */
struct slot {
	struct target t;
	size_t index; /* into items */
};

/* A run of slots with one target: in file order, since slots sort by
 * index last. */
struct group {
	size_t start, end;
};

struct tl_waivers {
	char *path;
	struct waiver *items; /* file order */
	size_t count;
	size_t cap;
	struct slot *slots;   /* count of them */
	struct group *groups; /* sorted like slots */
	size_t group_count;
	size_t *group_of;     /* each waiver's group */
};

struct loader {
	tl_waivers *w;
	tl_diags *errs;
	uint32_t line;
	size_t nerr;
	bool any_header; /* a [section] line was seen */
	/* waiver names, to report a duplicate at once: open addressing over
	 * index + 1 (0 is free), so a file of 100,000 waivers is not checked
	 * name against name */
	size_t *names;
	size_t names_cap; /* a power of two, or 0 */
};

static void lerr(struct loader *ld, uint32_t line, size_t col, const char *fmt, ...) TL_PRINTF(4, 5);

static void lerr(struct loader *ld, uint32_t line, size_t col, const char *fmt, ...)
{
	tl_loc loc = tl_loc_line(ld->w->path, line, col > UINT32_MAX ? 0 : (uint32_t)col);
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(ld->errs, TL_ERROR, "waiver-file", &loc, fmt, ap);
	va_end(ap);
	ld->nerr++;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static void waiver_free(struct waiver *x)
{
	free(x->name);
	free(x->rule);
	free(x->binding);
	free(x->object);
	free(x->store);
	free(x->reason);
	free(x->owner);
	free(x->expires_text);
}

/* A rule or diagnostic id (tl_rule_id_valid), or "*". */
static bool valid_rule(const char *s)
{
	return strcmp(s, "*") == 0 || tl_rule_id_valid(s);
}

/* host:port, with a non-empty host and a port from 1 to 65535. */
static bool valid_endpoint(const char *s)
{
	const char *colon = strrchr(s, ':');
	unsigned long port = 0;
	const char *p;

	if (!colon || colon == s || colon[1] == '\0' || strlen(colon + 1) > 5)
		return false;
	for (p = s; p < colon; p++)
		if (is_space(*p) || *p == '\\' || *p == '/')
			return false;
	for (p = colon + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		port = port * 10 + (unsigned long)(*p - '0');
	}
	return port >= 1 && port <= 65535;
}

/* The store grammar of the command line (model/store.h), so a store a
 * user can lint can be waived the same way. */
static bool parse_store(const char *s, tl_location *loc, char **name)
{
	const char *n;
	size_t n_len;

	if (tl_parse_store_spec(s, strlen(s), loc, &n, &n_len) != 0)
		return false;
	*name = tl_xstrndup(n, n_len);
	return true;
}

/* The day of "YYYY-MM-DD..." exists (tl_parse_time allows up to 31). */
static bool day_exists(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return false;
	return d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap);
}

static bool parse_expires(const char *s, int64_t *t)
{
	size_t n = strlen(s);

	if (n < 10 || !day_exists(s))
		return false;
	if (n == 10) {
		char full[32];

		snprintf(full, sizeof(full), "%sT00:00:00Z", s);
		return tl_parse_time(full, t) == 0;
	}
	return tl_parse_time(s, t) == 0;
}

/* One "key = value" line of waiver x; kcol and vcol are 1-based. */
static void set_key(struct loader *ld, struct waiver *x, const char *key, size_t kcol,
		    const char *val, size_t vcol)
{
	int k;

	for (k = 0; k < K_COUNT; k++)
		if (strcmp(key, key_names[k]) == 0)
			break;
	if (k == K_COUNT) {
		lerr(ld, ld->line, kcol,
		     "unknown key '%s' (expected rule, sha1, sha256, binding, store, object, reason, "
		     "expires or owner)", key);
		return;
	}
	if (x->key_line[k]) {
		lerr(ld, ld->line, kcol, "duplicate key '%s' in waiver '%s' (first at line %u)",
		     key, x->name, x->key_line[k]);
		return;
	}
	if (*val == '\0') {
		lerr(ld, ld->line, vcol, "empty value for '%s'", key);
		return;
	}
	switch (k) {
	case K_RULE:
		if (!valid_rule(val)) {
			lerr(ld, ld->line, vcol, "invalid rule id '%s' (expected a rule id or '*')",
			     val);
			return;
		}
		x->rule = tl_xstrdup(val);
		x->rule_col = vcol > UINT32_MAX ? 0 : (uint32_t)vcol;
		break;
	case K_SHA1:
	case K_SHA256:
	case K_BINDING:
	case K_STORE:
	case K_OBJECT: {
		static const enum wkind kinds[] = {
			[K_SHA1] = W_SHA1, [K_SHA256] = W_SHA256,
			[K_BINDING] = W_BINDING, [K_STORE] = W_STORE, [K_OBJECT] = W_OBJECT,
		};
		size_t hlen = k == K_SHA1 ? 20 : 32;

		if (x->kind != W_NONE) {
			int other;

			for (other = K_SHA1; other <= K_OBJECT; other++)
				if (x->key_line[other])
					break;
			lerr(ld, ld->line, kcol,
			     "waiver '%s' has both '%s' (line %u) and '%s': give exactly one of "
			     "sha1, sha256, binding, store or object", x->name, key_names[other],
			     x->key_line[other], key);
			x->key_line[k] = ld->line;
			return;
		}
		if (k == K_SHA1 || k == K_SHA256) {
			if (strlen(val) != 2 * hlen || tl_unhex(val, hlen, x->hash) < 0) {
				lerr(ld, ld->line, vcol, "invalid %s '%s' (expected %zu hex digits)",
				     key, val, 2 * hlen);
				return;
			}
		} else if (k == K_BINDING) {
			if (!valid_endpoint(val)) {
				lerr(ld, ld->line, vcol,
				     "invalid binding '%s' (expected HOST:PORT, like 0.0.0.0:443)",
				     val);
				return;
			}
			x->binding = tl_xstrdup(val);
		} else if (k == K_OBJECT) {
			x->object = tl_xstrdup(val);
		} else if (!parse_store(val, &x->loc, &x->store)) {
			lerr(ld, ld->line, vcol,
			     "invalid store '%s' (expected STORE or LOCATION\\STORE, like "
			     "LocalMachine\\Root)", val);
			return;
		}
		x->kind = kinds[k];
		break;
	}
	case K_REASON:
		x->reason = tl_xstrdup(val);
		break;
	case K_OWNER:
		x->owner = tl_xstrdup(val);
		break;
	case K_EXPIRES:
		if (!parse_expires(val, &x->expires)) {
			lerr(ld, ld->line, vcol,
			     "invalid expires '%s' (expected YYYY-MM-DD or an RFC 3339 time)", val);
			return;
		}
		x->expires_text = tl_xstrdup(val);
		break;
	}
	x->key_line[k] = ld->line;
}

/* The section is complete: check its required keys. */
static void finish(struct loader *ld, struct waiver *x)
{
	if (!x->key_line[K_RULE])
		lerr(ld, x->line, 1, "waiver '%s' has no 'rule'", x->name);
	if (x->key_line[K_SHA1] + x->key_line[K_SHA256] + x->key_line[K_BINDING] +
		    x->key_line[K_STORE] + x->key_line[K_OBJECT] == 0)
		lerr(ld, x->line, 1,
		     "waiver '%s' has none of sha1, sha256, binding, store or object", x->name);
	if (!x->key_line[K_REASON])
		lerr(ld, x->line, 1, "waiver '%s' has no 'reason'", x->name);
}

static void trim_end(char *s, size_t *n)
{
	while (*n > 0 && is_space(s[*n - 1]))
		s[--*n] = '\0';
}

/* FNV-1a: waiver names are short and come from the user's own file. */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

/* The table slot of name: the waiver of that name (index + 1), or the free
 * slot where it goes. The table is kept at most half full, counting the
 * waiver about to be added. */
static size_t *name_slot(struct loader *ld, const char *name)
{
	const tl_waivers *w = ld->w;
	size_t mask, i;

	if ((w->count + 1) * 2 > ld->names_cap) {
		size_t cap = ld->names_cap ? ld->names_cap * 2 : 64, *names, j;

		if (cap < ld->names_cap)
			tl_oom();
		names = tl_xcalloc(cap, sizeof(*names));
		for (j = 0; j < ld->names_cap; j++) {
			size_t k;

			if (!ld->names[j])
				continue;
			k = (size_t)name_hash(w->items[ld->names[j] - 1].name) & (cap - 1);
			while (names[k])
				k = (k + 1) & (cap - 1);
			names[k] = ld->names[j];
		}
		free(ld->names);
		ld->names = names;
		ld->names_cap = cap;
	}
	mask = ld->names_cap - 1;
	i = (size_t)name_hash(name) & mask;
	while (ld->names[i] && strcmp(w->items[ld->names[i] - 1].name, name) != 0)
		i = (i + 1) & mask;
	return &ld->names[i];
}

static void parse_line(struct loader *ld, const tl_ini_line *line, struct waiver **cur)
{
	char *s = line->text;
	size_t n = strlen(s), i = line->indent, kend, vstart;
	tl_waivers *w = ld->w;
	char *key;

	if (line->kind == TL_INI_BLANK || line->kind == TL_INI_COMMENT)
		return;
	trim_end(s, &n);
	if (line->kind == TL_INI_SECTION) {
		char *close = strchr(s + i, ']');
		size_t a = i + 1, b, *first;

		ld->any_header = true;

		if (!close) {
			lerr(ld, ld->line, n + 1, "missing ']' after section name");
			*cur = NULL;
			return;
		}
		if (close[1] != '\0') {
			lerr(ld, ld->line, (size_t)(close - s) + 2, "unexpected text after ']'");
			*cur = NULL;
			return;
		}
		b = (size_t)(close - s);
		while (a < b && is_space(s[a]))
			a++;
		while (b > a && is_space(s[b - 1]))
			b--;
		if (a == b) {
			lerr(ld, ld->line, i + 1, "empty waiver name");
			*cur = NULL;
			return;
		}
		s[b] = '\0';
		first = name_slot(ld, s + a);
		if (*first) {
			lerr(ld, ld->line, a + 1, "duplicate waiver '%s' (first at line %u)",
			     s + a, w->items[*first - 1].line);
			*cur = NULL;
			return;
		}
		tl_xgrow((void **)&w->items, &w->cap, w->count + 1, sizeof(*w->items));
		*cur = &w->items[w->count++];
		memset(*cur, 0, sizeof(**cur));
		(*cur)->name = tl_xstrdup(s + a);
		(*cur)->line = ld->line;
		*first = w->count;
		return;
	}
	key = s + i;
	kend = i;
	while (s[kend] && s[kend] != '=')
		kend++;
	if (s[kend] != '=') {
		lerr(ld, ld->line, i + 1, "expected '[NAME]' or 'key = value'");
		return;
	}
	vstart = kend + 1;
	while (kend > i && is_space(s[kend - 1]))
		kend--;
	if (kend == i) {
		lerr(ld, ld->line, i + 1, "missing key before '='");
		return;
	}
	s[kend] = '\0';
	while (is_space(s[vstart]))
		vstart++;
	if (!ld->any_header) {
		lerr(ld, ld->line, i + 1, "key '%s' before the first [waiver] section", key);
		return;
	}
	if (!*cur)
		return; /* the broken header was reported */
	set_key(ld, *cur, key, i + 1, s + vstart, vstart + 1);
}

/* The first invalid UTF-8 or control byte of s, or NULL. */
static const char *bad_char(const char *s)
{
	while (*s) {
		size_t n;

		if ((unsigned char)*s < 0x20 && *s != '\t')
			return s;
		if (*s == 0x7f)
			return s;
		n = tl_utf8_len(s, NULL);
		if (n == 0)
			return s;
		s += n;
	}
	return NULL;
}

static int cmp_size(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

/* A total order on targets in which equal means "matches the same
 * findings": names of stores, bindings and objects compare as the matching
 * does, ASCII case-insensitively; rule ids exactly. */
static int target_cmp(const struct target *a, const struct target *b)
{
	int c = cmp_size((size_t)a->kind, (size_t)b->kind);

	if (c)
		return c;
	switch (a->kind) {
	case W_SHA1:
		c = memcmp(a->hash, b->hash, 20);
		break;
	case W_SHA256:
		c = memcmp(a->hash, b->hash, 32);
		break;
	case W_STORE:
		c = cmp_size((size_t)a->loc, (size_t)b->loc);
		if (!c)
			c = tl_strcasecmp(a->text, b->text);
		break;
	case W_BINDING:
	case W_OBJECT:
		c = tl_strcasecmp(a->text, b->text);
		break;
	case W_NONE:
		break;
	}
	return c ? c : strcmp(a->rule, b->rule);
}

static int slot_cmp(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;
	int c = target_cmp(&a->t, &b->t);

	return c ? c : cmp_size(a->index, b->index);
}

static struct target waiver_target(const struct waiver *x)
{
	struct target t = {x->kind, NULL, NULL, TL_LOC_LOCAL_MACHINE, x->rule};

	switch (x->kind) {
	case W_SHA1:
	case W_SHA256:
		t.hash = x->hash;
		break;
	case W_BINDING:
		t.text = x->binding;
		break;
	case W_STORE:
		t.text = x->store;
		t.loc = x->loc;
		break;
	case W_OBJECT:
		t.text = x->object;
		break;
	case W_NONE:
		break;
	}
	return t;
}

/* Sort the waivers by target and cut them into groups: tl_waivers_apply()
 * then finds a finding's waivers by binary search, and the waivers of one
 * group in file order. */
static void build_index(tl_waivers *w)
{
	size_t i;

	if (!w->count)
		return;
	w->slots = tl_xcalloc(w->count, sizeof(*w->slots));
	w->group_of = tl_xcalloc(w->count, sizeof(*w->group_of));
	w->groups = tl_xcalloc(w->count, sizeof(*w->groups));
	for (i = 0; i < w->count; i++) {
		struct waiver *x = &w->items[i];

		w->slots[i].t = waiver_target(x);
		w->slots[i].index = i;
		x->by = (tl_waived_by){x->name, x->reason, x->owner};
	}
	qsort(w->slots, w->count, sizeof(*w->slots), slot_cmp);
	for (i = 0; i < w->count; i++) {
		if (i == 0 || target_cmp(&w->slots[i - 1].t, &w->slots[i].t) != 0)
			w->groups[w->group_count++].start = i;
		w->groups[w->group_count - 1].end = i + 1;
		w->group_of[w->slots[i].index] = w->group_count - 1;
	}
}

tl_waivers *tl_waivers_parse(const char *path, const char *text, size_t len, tl_diags *errs)
{
	struct loader ld = {0};
	struct waiver *cur = NULL;
	tl_ini_reader rd;
	tl_ini_line line;
	tl_ini_status st;

	ld.w = tl_xcalloc(1, sizeof(*ld.w));
	ld.w->path = tl_xstrdup(path);
	ld.errs = errs;
	tl_ini_reader_init(&rd, text, len, 0, TL_INI_BLANKS_SPACE_TAB);
	while ((st = tl_ini_next(&rd, &line)) == TL_INI_LINE) {
		const char *bad;

		ld.line = line.number;
		if (line.nul < line.len) {
			/* the text before it is still read */
			lerr(&ld, ld.line, tl_ini_col(line.nul), "NUL byte in the waiver file");
		}
		bad = bad_char(line.text);
		if (bad) {
			lerr(&ld, ld.line, tl_ini_col((size_t)(bad - line.text)),
			     (unsigned char)*bad < 0x80 ? "control character in the waiver file"
							 : "invalid UTF-8 in the waiver file");
		}
		if (cur && line.kind == TL_INI_SECTION)
			finish(&ld, cur);
		parse_line(&ld, &line, &cur);
	}
	if (st == TL_INI_TOO_MANY)
		lerr(&ld, UINT32_MAX, 0, "too many lines in the waiver file");
	tl_ini_reader_free(&rd);
	free(ld.names);
	if (cur)
		finish(&ld, cur);
	if (ld.nerr) {
		tl_waivers_free(ld.w);
		return NULL;
	}
	build_index(ld.w);
	return ld.w;
}

/* What tl_source_read() says without its verb: the message here names the
 * step itself, so "cannot open: No such file or directory" reads as
 * "cannot read: No such file or directory", as it did before sources. */
static const char *read_detail(const char *err)
{
	static const char *const verbs[] = {"cannot open: ", "cannot read: "};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(verbs); i++)
		if (strncmp(err, verbs[i], strlen(verbs[i])) == 0)
			return err + strlen(verbs[i]);
	return err;
}

tl_waivers *tl_waivers_load(const char *path, tl_diags *errs)
{
	char *err = NULL;
	tl_source *src = tl_source_read(path, TL_MAX_WAIVERS_BYTES, &err, NULL);
	tl_waivers *w;

	if (!src) {
		tl_loc loc = tl_loc_file(path);

		tl_diag_add(errs, TL_ERROR, "waiver-file", &loc, "cannot read: %s",
			    read_detail(err));
		free(err);
		return NULL;
	}
	w = tl_waivers_parse(path, (const char *)src->data, src->len, errs);
	tl_source_free(src);
	return w;
}

size_t tl_waivers_count(const tl_waivers *w)
{
	return w ? w->count : 0;
}

/* Rule ids are lower-case kebab (valid_rule()); a suggestion is a known id
 * one edit away, found by asking the predicate about each candidate (the
 * predicate cannot list the ids). That is some 75 calls a character, so it
 * is made for ids of at most 64 characters and for the first 100 unknown
 * ones: a file of many typos still checks fast. */
#define SUGGEST_MAX_LEN 64
#define SUGGEST_MAX_COUNT 100

/* Candidates that are no rule id ("a--b", "-a") are not worth a call. */
static bool try_candidate(const char *cand, bool (*known)(const char *id, void *ctx), void *ctx)
{
	return valid_rule(cand) && known(cand, ctx);
}

/* A known rule id one deletion, transposition, substitution or insertion
 * away from id (first found in that order), copied into out, or false. */
static bool suggest(const char *id, bool (*known)(const char *id, void *ctx), void *ctx,
		    char out[SUGGEST_MAX_LEN + 2])
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
	size_t n = strlen(id), i, a;

	if (n == 0 || n > SUGGEST_MAX_LEN)
		return false;
	for (i = 0; i < n; i++) {
		memcpy(out, id, i);
		memcpy(out + i, id + i + 1, n - i);
		if (try_candidate(out, known, ctx))
			return true;
	}
	for (i = 0; i + 1 < n; i++) {
		memcpy(out, id, n + 1);
		out[i] = id[i + 1];
		out[i + 1] = id[i];
		if (out[i] != out[i + 1] && try_candidate(out, known, ctx))
			return true;
	}
	for (i = 0; i < n; i++) {
		memcpy(out, id, n + 1);
		for (a = 0; a + 1 < sizeof(alphabet); a++) {
			if (alphabet[a] == id[i])
				continue;
			out[i] = alphabet[a];
			if (try_candidate(out, known, ctx))
				return true;
		}
	}
	for (i = 0; i <= n; i++) {
		memcpy(out, id, i);
		memcpy(out + i + 1, id + i, n - i + 1);
		for (a = 0; a + 1 < sizeof(alphabet); a++) {
			out[i] = alphabet[a];
			if (try_candidate(out, known, ctx))
				return true;
		}
	}
	return false;
}

size_t tl_waivers_check_rules(const tl_waivers *w, bool (*known)(const char *id, void *ctx),
			      void *ctx, tl_diags *errs)
{
	size_t i, nerr = 0;

	if (!w)
		return 0;
	for (i = 0; i < w->count; i++) {
		const struct waiver *x = &w->items[i];
		char near[SUGGEST_MAX_LEN + 2];
		tl_loc loc;

		if (strcmp(x->rule, "*") == 0 || known(x->rule, ctx))
			continue;
		loc = tl_loc_line(w->path, x->key_line[K_RULE], x->rule_col);
		if (nerr < SUGGEST_MAX_COUNT && suggest(x->rule, known, ctx, near))
			tl_diag_add(errs, TL_ERROR, "waiver-file", &loc,
				    "waiver '%s': no rule '%s' (did you mean '%s'? see "
				    "'trustlint rules')", x->name, x->rule, near);
		else
			tl_diag_add(errs, TL_ERROR, "waiver-file", &loc,
				    "waiver '%s': no rule '%s' (see 'trustlint rules')", x->name,
				    x->rule);
		nerr++;
	}
	return nerr;
}

#define NO_GROUP ((size_t)-1)

static size_t find_group(const tl_waivers *w, const struct target *t)
{
	size_t lo = 0, hi = w->group_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = target_cmp(&w->slots[w->groups[mid].start].t, t);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_GROUP;
}

/* Every target a waiver could name fi by, rules apart: its logical name,
 * then the certificate's hashes and store, the binding's endpoint or the
 * store's name. Input diagnostics (scope -1) have none. */
static size_t finding_targets(const tl_findings *f, const tl_finding *fi, tl_about *ab,
			      tl_buf *name, struct target out[4])
{
	const char *object;
	size_t n = 0;

	if (fi->scope < 0)
		return 0;
	tl_finding_about(fi, ab);
	object = tl_finding_name(f, fi, name);
	if (object)
		out[n++] = (struct target){W_OBJECT, NULL, object, TL_LOC_LOCAL_MACHINE, NULL};
	/* an entry that did not parse has no trustworthy hashes */
	if (ab->hashes == TL_ABOUT_HASHES_PARSED) {
		out[n++] = (struct target){W_SHA1, ab->sha1, NULL, TL_LOC_LOCAL_MACHINE, NULL};
		out[n++] = (struct target){W_SHA256, ab->sha256, NULL, TL_LOC_LOCAL_MACHINE, NULL};
	}
	if (ab->store)
		out[n++] = (struct target){W_STORE, NULL, ab->store, ab->location, NULL};
	if (ab->binding)
		out[n++] = (struct target){W_BINDING, NULL, ab->binding, TL_LOC_LOCAL_MACHINE, NULL};
	return n;
}

static bool expired(const struct waiver *x, int64_t now)
{
	return x->expires_text && now >= x->expires;
}

/* "sha1 0011...", "binding '0.0.0.0:443'": what the waiver names, for the
 * waiver-unused note. */
static void describe_target(const struct waiver *x, tl_buf *b)
{
	char hex[65];

	switch (x->kind) {
	case W_SHA1:
		tl_hex(x->hash, 20, hex, true);
		tl_buf_printf(b, "sha1 %s", hex);
		break;
	case W_SHA256:
		tl_hex(x->hash, 32, hex, true);
		tl_buf_printf(b, "sha256 %s", hex);
		break;
	case W_BINDING:
		tl_buf_printf(b, "binding '%s'", x->binding);
		break;
	case W_STORE:
		tl_buf_adds(b, "store '");
		tl_store_label(b, x->loc, x->store);
		tl_buf_addc(b, '\'');
		break;
	case W_OBJECT:
		tl_buf_printf(b, "object '%s'", x->object);
		break;
	case W_NONE:
		break;
	}
}

void tl_waivers_apply(const tl_waivers *w, tl_findings *f, int64_t now, tl_diags *notes)
{
	size_t *live; /* each group's first waiver in force (file order), or count */
	bool *matched; /* each group matched some finding */
	tl_buf name = {0}; /* a finding's logical name, when its text is not made */
	size_t g, i;

	if (!w || !w->count)
		return;
	live = tl_xmalloc(w->group_count * sizeof(*live));
	matched = tl_xcalloc(w->group_count, sizeof(*matched));
	for (g = 0; g < w->group_count; g++) {
		live[g] = w->count;
		for (i = w->groups[g].start; i < w->groups[g].end; i++) {
			if (!expired(&w->items[w->slots[i].index], now)) {
				live[g] = w->slots[i].index;
				break;
			}
		}
	}
	for (i = 0; i < f->count; i++) {
		tl_finding *fi = &f->items[i];
		struct target t[4];
		tl_about ab; /* t points into it, and into name */
		size_t n = finding_targets(f, fi, &ab, &name, t), k, r, best = w->count;
		/* a waiver names the finding's rule or '*'; a finding without a
		 * rule id matches '*' alone */
		const char *rules[2] = {"*", fi->rule_id};
		size_t nrules = fi->rule_id && strcmp(fi->rule_id, "*") != 0 ? 2 : 1;

		for (k = 0; k < n; k++) {
			for (r = 0; r < nrules; r++) {
				t[k].rule = rules[r];
				g = find_group(w, &t[k]);
				if (g == NO_GROUP)
					continue;
				matched[g] = true;
				if (live[g] < best)
					best = live[g];
			}
		}
		if (best < w->count && !fi->waiver) {
			const struct waiver *x = &w->items[best];

			fi->waiver = &x->by;
		}
	}
	for (i = 0; notes && i < w->count; i++) {
		const struct waiver *x = &w->items[i];
		tl_loc loc = tl_loc_line(w->path, x->line, 0);

		if (!matched[w->group_of[i]]) {
			tl_buf what = {0};

			describe_target(x, &what);
			tl_diag_add(notes, TL_NOTE, "waiver-unused", &loc,
				    "waiver '%s' matched no finding (rule '%s', %s): remove it or "
				    "check its keys", x->name, x->rule, what.data);
			tl_buf_free(&what);
		} else if (expired(x, now)) {
			tl_diag_add(notes, TL_NOTE, "waiver-expired", &loc,
				    "waiver '%s' for %s expired on %s (%s:%u)", x->name, x->rule,
				    x->expires_text, w->path, x->line);
		}
	}
	free(live);
	free(matched);
	tl_buf_free(&name);
}

void tl_waivers_free(tl_waivers *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->count; i++)
		waiver_free(&w->items[i]);
	free(w->items);
	free(w->slots);
	free(w->groups);
	free(w->group_of);
	free(w->path);
	free(w);
}

/* A name a waiver file can hold as a value: one line, nothing the reader
 * would trim or take for a comment at its start. */
static bool ini_value_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*p || *p == ';' || *p == '#' || is_space((char)*p))
		return false;
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return false;
	return !is_space(s[strlen(s) - 1]);
}

int tl_waivers_write(tl_findings *f, FILE *out)
{
	tl_buf b = {0};
	size_t i, n = 0;
	char hex[41];

	tl_findings_describe(f);
	tl_buf_adds(&b, "; Waivers for the findings of one trustlint run (lint --write-waivers).\n"
			"; Each waiver needs a reason: until every one has 'reason = ...' the file\n"
			"; does not load. Delete the waivers you do not want.\n");
	for (i = 0; i < f->count; i++) {
		const tl_finding *x = &f->items[i];
		tl_about ab;
		bool hashes;

		tl_finding_about(x, &ab);
		hashes = ab.hashes == TL_ABOUT_HASHES_PARSED;

		if (x->waiver)
			continue;
		tl_buf_adds(&b, "\n");
		if (x->scope < 0 || (!hashes && (!x->object || !ini_value_ok(x->object)))) {
			tl_buf_printf(&b, "; not waivable here (%s): ", x->scope < 0
				      ? "an input diagnostic: fix or re-export the input"
				      : "its name cannot be written as a value");
			tl_escape_text(&b, x->message);
			tl_buf_printf(&b, " [%s]\n", x->rule_id);
			continue;
		}
		tl_buf_printf(&b, "[%s-%zu]\n; ", x->rule_id, ++n);
		tl_escape_text(&b, x->message);
		tl_buf_printf(&b, "\nrule    = %s\n", x->rule_id);
		if (hashes) {
			tl_hex(ab.sha1, 20, hex, true);
			tl_buf_printf(&b, "sha1    = %s\n", hex);
		} else {
			tl_buf_printf(&b, "object  = %s\n", x->object);
		}
		tl_buf_adds(&b, "; reason  = why this is accepted (required)\n"
				"; owner   = who answers for it\n"
				"; expires = YYYY-MM-DD\n");
	}
	fwrite(b.data, 1, b.len, out);
	tl_buf_free(&b);
	return ferror(out) ? -1 : 0;
}
