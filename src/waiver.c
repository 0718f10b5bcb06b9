/* waiver.c: the --waivers file and its matching against findings. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "store.h"
#include "waiver.h"

enum wkey { K_RULE, K_SHA1, K_SHA256, K_BINDING, K_STORE, K_OBJECT, K_REASON, K_EXPIRES, K_OWNER,
	    K_COUNT };

static const char *const key_names[K_COUNT] = {
	"rule", "sha1", "sha256", "binding", "store", "object", "reason", "expires", "owner",
};

enum wkind { W_NONE, W_SHA1, W_SHA256, W_BINDING, W_STORE, W_OBJECT };

struct waiver {
	char *name;
	uint32_t line;
	char *rule;        /* rule id, or "*" */
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
};

struct tl_waivers {
	char *path;
	struct waiver *items;
	size_t count;
	size_t cap;
};

struct loader {
	tl_waivers *w;
	tl_diags *errs;
	uint32_t line;
	size_t nerr;
	bool any_header; /* a [section] line was seen */
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

/* Lower-case letters and digits in groups joined by single hyphens, as
 * rule ids are (ruleset.c), or "*". */
static bool valid_rule(const char *s)
{
	size_t i, n = strlen(s);

	if (strcmp(s, "*") == 0)
		return true;
	if (n == 0 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-') {
			if (s[i - 1] == '-')
				return false;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
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

static bool parse_store(const char *s, tl_location *loc, char **name)
{
	const char *bs = strchr(s, '\\');
	const char *n = s;
	int l = TL_LOC_LOCAL_MACHINE;

	if (bs) {
		l = tl_location_parse(s, (size_t)(bs - s));
		if (l < 0)
			return false;
		n = bs + 1;
	}
	if (*n == '\0' || strchr(n, '\\'))
		return false;
	*loc = (tl_location)l;
	*name = tl_xstrdup(n);
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

static void parse_line(struct loader *ld, char *s, struct waiver **cur)
{
	size_t n = strlen(s), i = 0, kend, vstart;
	tl_waivers *w = ld->w;
	char *key;

	trim_end(s, &n);
	while (is_space(s[i]))
		i++;
	if (s[i] == '\0' || s[i] == ';' || s[i] == '#')
		return;
	if (s[i] == '[') {
		char *close = strchr(s + i, ']');
		size_t a = i + 1, b, j;

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
		for (j = 0; j < w->count; j++) {
			if (strcmp(w->items[j].name, s + a) == 0) {
				lerr(ld, ld->line, a + 1, "duplicate waiver '%s' (first at line %u)",
				     s + a, w->items[j].line);
				*cur = NULL;
				return;
			}
		}
		tl_xgrow((void **)&w->items, &w->cap, w->count + 1, sizeof(*w->items));
		*cur = &w->items[w->count++];
		memset(*cur, 0, sizeof(**cur));
		(*cur)->name = tl_xstrdup(s + a);
		(*cur)->line = ld->line;
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

tl_waivers *tl_waivers_load(const char *path, tl_diags *errs)
{
	struct loader ld = {0};
	struct waiver *cur = NULL;
	tl_buf line = {0};
	FILE *fp;
	int c;
	bool eof = false;

	fp = fopen(path, "rb");
	if (!fp) {
		tl_loc loc = tl_loc_file(path);

		tl_diag_add(errs, TL_ERROR, "waiver-file", &loc, "cannot read: %s",
			    strerror(errno));
		return NULL;
	}
	ld.w = tl_xcalloc(1, sizeof(*ld.w));
	ld.w->path = tl_xstrdup(path);
	ld.errs = errs;
	while (!eof) {
		bool nul = false;
		const char *bad;

		line.len = 0;
		tl_buf_reserve(&line, 1);
		line.data[0] = '\0';
		while ((c = getc(fp)) != EOF && c != '\n') {
			if (c == '\0')
				nul = true;
			tl_buf_addc(&line, (char)c);
		}
		if (c == EOF) {
			eof = true;
			if (line.len == 0)
				break;
		}
		ld.line++;
		if (line.len > 0 && line.data[line.len - 1] == '\r')
			line.data[--line.len] = '\0';
		if (ld.line == 1 && line.len >= 3 && memcmp(line.data, "\xEF\xBB\xBF", 3) == 0) {
			memmove(line.data, line.data + 3, line.len - 2);
			line.len -= 3;
		}
		if (nul) {
			/* the text before it is still read */
			lerr(&ld, ld.line, strlen(line.data) + 1, "NUL byte in the waiver file");
		}
		bad = bad_char(line.data);
		if (bad) {
			lerr(&ld, ld.line, (size_t)(bad - line.data) + 1,
			     (unsigned char)*bad < 0x80 ? "control character in the waiver file"
							 : "invalid UTF-8 in the waiver file");
		}
		if (cur && line.len > 0) {
			size_t i = 0;

			while (is_space(line.data[i]))
				i++;
			if (line.data[i] == '[')
				finish(&ld, cur);
		}
		parse_line(&ld, line.data, &cur);
	}
	if (ferror(fp)) {
		tl_loc loc = tl_loc_file(path);

		tl_diag_add(errs, TL_ERROR, "waiver-file", &loc, "cannot read: %s",
			    strerror(errno));
		ld.nerr++;
	}
	fclose(fp);
	tl_buf_free(&line);
	if (cur)
		finish(&ld, cur);
	if (ld.nerr) {
		tl_waivers_free(ld.w);
		return NULL;
	}
	return ld.w;
}

size_t tl_waivers_count(const tl_waivers *w)
{
	return w ? w->count : 0;
}

static bool store_matches(const struct waiver *x, tl_location loc, const char *name)
{
	return x->loc == loc && name && tl_strcasecmp(x->store, name) == 0;
}

static bool matches(const struct waiver *x, const tl_finding *fi)
{
	if (strcmp(x->rule, "*") != 0 && (!fi->rule_id || strcmp(x->rule, fi->rule_id) != 0))
		return false;
	/* by logical name: the only way to name a machine setting */
	if (x->kind == W_OBJECT)
		return fi->scope >= 0 && fi->object && tl_strcasecmp(fi->object, x->object) == 0;
	if (!fi->obj)
		return false;
	switch (x->kind) {
	case W_SHA1:
	case W_SHA256:
		if (fi->scope == TL_SCOPE_CERT || fi->scope == TL_SCOPE_CTL) {
			const tl_view_cert *c = fi->obj;

			if (!c->entry || !c->entry->parsed)
				return false;
			if (x->kind == W_SHA1)
				return memcmp(c->entry->cert.sha1, x->hash, 20) == 0;
			return memcmp(c->entry->cert.sha256, x->hash, 32) == 0;
		}
		return false;
	case W_BINDING:
		if (fi->scope == TL_SCOPE_BINDING) {
			const tl_view_binding *b = fi->obj;

			return b->endpoint && tl_strcasecmp(b->endpoint, x->binding) == 0;
		}
		return false;
	case W_STORE:
		if (fi->scope == TL_SCOPE_CERT || fi->scope == TL_SCOPE_CTL) {
			const tl_view_cert *c = fi->obj;

			return c->store && store_matches(x, c->store->location, c->store->name);
		}
		if (fi->scope == TL_SCOPE_STORE) {
			const tl_view_store *s = fi->obj;

			return store_matches(x, s->location, s->name);
		}
		return false;
	case W_OBJECT:
	case W_NONE:
		break;
	}
	return false;
}

void tl_waivers_apply(const tl_waivers *w, tl_findings *f, int64_t now, tl_diags *notes)
{
	bool *noted;
	size_t i, j;

	if (!w || !w->count)
		return;
	noted = tl_xcalloc(w->count, sizeof(*noted));
	for (i = 0; i < f->count; i++) {
		tl_finding *fi = &f->items[i];

		for (j = 0; j < w->count; j++) {
			const struct waiver *x = &w->items[j];

			if (!matches(x, fi))
				continue;
			if (x->expires_text && now >= x->expires) {
				if (!noted[j] && notes) {
					tl_loc loc = tl_loc_line(w->path, x->line, 0);

					tl_diag_add(notes, TL_NOTE, "waiver-expired", &loc,
						    "waiver '%s' for %s expired on %s (%s:%u)",
						    x->name, x->rule, x->expires_text, w->path,
						    x->line);
				}
				noted[j] = true;
				continue;
			}
			if (!fi->waived) {
				fi->waived = true;
				fi->waiver_reason = x->reason;
				fi->waiver_owner = x->owner;
				fi->waiver_id = x->name;
			}
		}
	}
	free(noted);
}

void tl_waivers_free(tl_waivers *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->count; i++)
		waiver_free(&w->items[i]);
	free(w->items);
	free(w->path);
	free(w);
}
