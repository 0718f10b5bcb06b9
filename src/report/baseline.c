/* baseline.c: results of an old SARIF log, and the shared fingerprint. */
#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/baseline.h"
#include "base/source.h"
#include "base/util.h"
#include "rules/lint.h"

/* Why the log at path is no baseline: one error for the whole file. */
static void refuse(tl_diags *errs, const char *path, const char *fmt, ...) TL_PRINTF(3, 4);

static void refuse(tl_diags *errs, const char *path, const char *fmt, ...)
{
	tl_loc l = tl_loc_file(path);
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(errs, TL_ERROR, "baseline-file", &l, fmt, ap);
	va_end(ap);
}

struct tl_baseline {
	tl_baseline_result *items; /* log order */
	size_t count;
	size_t cap;
	size_t *sorted; /* indexes by (rule_id, fingerprint) */
};

void tl_fingerprint(const char *rule_id, const char *object, const char *message, char out[40])
{
	const char *second = object ? object : message ? message : "";
	size_t a = strlen(rule_id), b = strlen(second);
	uint8_t *buf = tl_xmalloc(a + 1 + b), md[32];

	memcpy(buf, rule_id, a);
	buf[a] = '\0';
	memcpy(buf + a + 1, second, b);
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, buf, a + 1 + b, md) < 0)
		tl_oom();
	free(buf);
	tl_hex(md, 16, out, false);
	memcpy(out + 32, ":1", 3);
}

static const char *str_at(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? tl_xstrdup(s) : NULL;
}

static const tl_baseline *sort_base;

static int key_cmp(const char *r1, const char *f1, const char *r2, const char *f2)
{
	int c = strcmp(r1, r2);

	return c ? c : strcmp(f1, f2);
}

static int index_cmp(const void *a, const void *b)
{
	const tl_baseline_result *x = &sort_base->items[*(const size_t *)a];
	const tl_baseline_result *y = &sort_base->items[*(const size_t *)b];
	int c = key_cmp(x->rule_id, x->fingerprint, y->rule_id, y->fingerprint);

	if (c)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Add one result; returns -1 after saying why when it is not an object or
 * names no rule. */
static int add_result(tl_baseline *b, json_t *r, const char *path, size_t run, size_t i,
		      tl_diags *errs)
{
	tl_baseline_result *x;
	const char *rule, *fp, *msg, *state, *object = NULL, *uri = NULL;
	json_t *v;
	char buf[40];

	if (!json_is_object(r)) {
		refuse(errs, path, "runs[%zu].results[%zu] is not an object", run, i);
		return -1;
	}
	state = str_at(r, "baselineState");
	if (state && strcmp(state, "absent") == 0)
		return 0;
	rule = str_at(r, "ruleId");
	if (!rule)
		rule = str_at(json_object_get(r, "rule"), "id");
	if (!rule) {
		refuse(errs, path, "runs[%zu].results[%zu] has no ruleId", run, i);
		return -1;
	}
	msg = str_at(json_object_get(r, "message"), "text");
	v = json_object_get(r, "locations");
	if (json_is_array(v) && json_array_size(v) > 0) {
		json_t *loc = json_array_get(v, 0), *ll = json_object_get(loc, "logicalLocations");

		uri = str_at(json_object_get(json_object_get(loc, "physicalLocation"),
					     "artifactLocation"), "uri");
		if (json_is_array(ll) && json_array_size(ll) > 0)
			object = str_at(json_array_get(ll, 0), "fullyQualifiedName");
	}
	fp = str_at(json_object_get(r, "partialFingerprints"), "primaryLocationLineHash");
	if (!fp) {
		tl_fingerprint(rule, object, msg, buf);
		fp = buf;
	}
	tl_xgrow((void **)&b->items, &b->cap, b->count + 1, sizeof(*b->items));
	x = &b->items[b->count++];
	memset(x, 0, sizeof(*x));
	x->rule_id = tl_xstrdup(rule);
	x->fingerprint = tl_xstrdup(fp);
	x->message = dup_or_null(msg);
	x->level = dup_or_null(str_at(r, "level"));
	x->object = dup_or_null(object);
	x->uri = dup_or_null(uri);
	return 0;
}

/* JSON values in data, object keys included, counted on the bytes before
 * jansson builds its tree; true when there are more than max. A lexical
 * count: exact for valid JSON, and for invalid JSON only a guard, since
 * jansson reports the syntax error anyway. */
static bool over_value_budget(const char *data, size_t len, size_t max)
{
	size_t i, n = 0;
	bool in_string = false, value_next = true;

	for (i = 0; i < len && n <= max; i++) {
		char c = data[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
			continue;
		}
		switch (c) {
		case '"':
			in_string = true;
			value_next = false;
			n++;
			break;
		case '[':
		case '{':
			value_next = true;
			n++;
			break;
		case ',':
		case ':':
			value_next = true;
			break;
		case ']':
		case '}':
			value_next = false;
			break;
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			break;
		default:
			/* a number, true, false or null: counted at its first byte */
			if (value_next)
				n++;
			value_next = false;
			break;
		}
	}
	return n > max;
}

tl_baseline *tl_baseline_parse(const char *path, const char *data, size_t len, tl_diags *errs)
{
	json_error_t je;
	json_t *root, *runs;
	tl_baseline *b;
	size_t i, j;

	/* jansson's tree takes some 50 to 250 bytes a value ("[]," is three
	 * bytes and 150): without a budget, a file of empty arrays under the
	 * byte cap would need tens of gigabytes */
	if (over_value_budget(data, len, TL_MAX_BASELINE_VALUES)) {
		refuse(errs, path, "too many JSON values (over %zu, the limit for a baseline)",
		       TL_MAX_BASELINE_VALUES);
		return NULL;
	}
	/* jansson stops nesting at JSON_PARSER_MAX_DEPTH (2048) with an error,
	 * so a log nested absurdly deep is refused, not a stack overflow */
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		if (je.line < 0) {
			refuse(errs, path, "%s", je.text);
		} else {
			/* jansson counts columns from 1; 0 is before the
			 * line's first character, which prints as no column */
			tl_loc l = tl_loc_line(path, (uint32_t)je.line,
					       je.column > 0 ? (uint32_t)je.column : 0);
			tl_diag_add(errs, TL_ERROR, "baseline-file", &l, "%s", je.text);
		}
		return NULL;
	}
	runs = json_object_get(root, "runs");
	if (!json_is_object(root) || !json_is_array(runs)) {
		refuse(errs, path, "not a SARIF log (no \"runs\" array)");
		json_decref(root);
		return NULL;
	}
	b = tl_xcalloc(1, sizeof(*b));
	for (i = 0; i < json_array_size(runs); i++) {
		json_t *run = json_array_get(runs, i), *results = json_object_get(run, "results");

		if (!json_is_object(run)) {
			refuse(errs, path, "runs[%zu] is not an object", i);
			goto fail;
		}
		if (!results || json_is_null(results))
			continue;
		if (!json_is_array(results)) {
			refuse(errs, path, "runs[%zu].results is not an array", i);
			goto fail;
		}
		for (j = 0; j < json_array_size(results); j++)
			if (add_result(b, json_array_get(results, j), path, i, j, errs) < 0)
				goto fail;
	}
	json_decref(root);
	b->sorted = tl_xmalloc((b->count ? b->count : 1) * sizeof(*b->sorted));
	for (i = 0; i < b->count; i++)
		b->sorted[i] = i;
	sort_base = b;
	qsort(b->sorted, b->count, sizeof(*b->sorted), index_cmp);
	sort_base = NULL;
	return b;
fail:
	json_decref(root);
	tl_baseline_free(b);
	return NULL;
}

tl_baseline *tl_baseline_load(const char *sarif_path, tl_diags *errs)
{
	char *why = NULL;
	tl_source *src = tl_source_read(sarif_path, TL_MAX_BASELINE_BYTES, &why, NULL);
	tl_baseline *b;

	if (!src) {
		/* as for an input: the path, then tl_source_read()'s words */
		refuse(errs, sarif_path, "%s", why);
		free(why);
		return NULL;
	}
	b = tl_baseline_parse(sarif_path, (const char *)src->data, src->len, errs);
	tl_source_free(src);
	return b;
}

void tl_baseline_free(tl_baseline *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->count; i++) {
		tl_baseline_result *x = &b->items[i];

		free((char *)x->rule_id);
		free((char *)x->fingerprint);
		free((char *)x->message);
		free((char *)x->level);
		free((char *)x->object);
		free((char *)x->uri);
	}
	free(b->items);
	free(b->sorted);
	free(b);
}

size_t tl_baseline_count(const tl_baseline *b)
{
	return b ? b->count : 0;
}

/* Position in sorted of the first result with the key, or count. */
static size_t lower_bound(const tl_baseline *b, const char *rule_id, const char *fp)
{
	size_t lo = 0, hi = b->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tl_baseline_result *x = &b->items[b->sorted[mid]];

		if (key_cmp(x->rule_id, x->fingerprint, rule_id, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool has_key(const tl_baseline *b, size_t pos, const char *rule_id, const char *fp)
{
	const tl_baseline_result *x;

	if (pos >= b->count)
		return false;
	x = &b->items[b->sorted[pos]];
	return key_cmp(x->rule_id, x->fingerprint, rule_id, fp) == 0;
}

const char *tl_baseline_state(const tl_baseline *b, const char *rule_id, const char *fingerprint)
{
	if (!b || !rule_id || !fingerprint)
		return "new";
	return has_key(b, lower_bound(b, rule_id, fingerprint), rule_id, fingerprint) ? "unchanged"
										      : "new";
}

bool tl_baseline_mark_seen(tl_baseline *b, const char *rule_id, const char *fingerprint)
{
	size_t pos;
	bool any = false;

	if (!b || !rule_id || !fingerprint)
		return false;
	for (pos = lower_bound(b, rule_id, fingerprint); has_key(b, pos, rule_id, fingerprint);
	     pos++) {
		b->items[b->sorted[pos]].seen = true;
		any = true;
	}
	return any;
}

size_t tl_baseline_absent(const tl_baseline *b, const tl_baseline_result ***out)
{
	const tl_baseline_result **v = NULL;
	size_t i, n = 0, cap = 0;

	if (b) {
		for (i = 0; i < b->count; i++) {
			if (b->items[i].seen)
				continue;
			tl_xgrow((void **)&v, &cap, n + 1, sizeof(*v));
			v[n++] = &b->items[i];
		}
	}
	*out = v;
	return n;
}

const char *tl_baseline_finding_state(tl_baseline *b, const struct tl_finding *x)
{
	char fp[40];
	const char *state;

	tl_fingerprint(x->rule_id, x->object, x->message, fp);
	state = tl_baseline_state(b, x->rule_id, fp);
	if (b)
		tl_baseline_mark_seen(b, x->rule_id, fp);
	return state;
}
