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
	size_t *legacy; /* indexes of the results with a legacy fingerprint, by (rule_id, it) */
	size_t legacy_count;
};

/* The machine of a fleet whose findings this process fingerprints, or
 * NULL: set once, in the machine's own process (main.c's fleet mode). */
static const char *fingerprint_machine;

void tl_fingerprint_set_machine(const char *machine)
{
	fingerprint_machine = machine;
}

/* The first 32 hex digits of the SHA-256 of the parts joined by NUL bytes,
 * then ":1" (GitHub's "hash:occurrence" form). In a fleet the machine's
 * name and a NUL lead the parts: two machines' findings about the same
 * certificate are two alerts; outside one, fingerprints are as before. */
static void hash_parts(const char *const *parts, size_t n, char out[40])
{
	tl_buf b = {0};
	uint8_t md[32];
	size_t i;

	if (fingerprint_machine) {
		tl_buf_adds(&b, "machine:");
		tl_buf_adds(&b, fingerprint_machine);
		tl_buf_addc(&b, '\0');
	}
	for (i = 0; i < n; i++) {
		if (i)
			tl_buf_addc(&b, '\0');
		tl_buf_adds(&b, parts[i]);
	}
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, b.data ? b.data : "", b.len, md) < 0)
		tl_oom();
	tl_buf_free(&b);
	tl_hex(md, 16, out, false);
	memcpy(out + 32, ":1", 3);
}

void tl_fingerprint(const char *rule_id, const char *object, const char *message, char out[40])
{
	const char *parts[2] = {rule_id, object ? object : message ? message : ""};

	hash_parts(parts, 2, out);
}

void tl_file_fingerprint(const char *rule_id, const char *uri, const char *message, char out[40])
{
	/* an object name never holds a NUL, so "rule\0uri\0message" is no
	 * "rule\0object" of tl_fingerprint */
	const char *parts[3] = {rule_id, uri, message ? message : ""};

	hash_parts(parts, 3, out);
}

static const char *str_at(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* obj[key] when it is an integer of at least min, else -1. */
static int64_t int_at(json_t *obj, const char *key, int64_t min)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_integer(v) || json_integer_value(v) < min)
		return -1;
	return (int64_t)json_integer_value(v);
}

static tl_baseline_region region_of(json_t *region)
{
	tl_baseline_region g;

	g.start_line = int_at(region, "startLine", 1);
	g.start_column = int_at(region, "startColumn", 1);
	g.end_line = int_at(region, "endLine", 1);
	g.end_column = int_at(region, "endColumn", 1);
	g.byte_offset = int_at(region, "byteOffset", 0);
	g.byte_length = int_at(region, "byteLength", 0);
	return g;
}

static char *dup_or_null(const char *s)
{
	return s ? tl_xstrdup(s) : NULL;
}

static const tl_baseline *sort_base;
static bool sort_legacy;

/* The fingerprint an index is sorted by. */
static const char *key_of(const tl_baseline_result *x, bool legacy)
{
	return legacy ? x->legacy_fingerprint : x->fingerprint;
}

static int key_cmp(const char *r1, const char *f1, const char *r2, const char *f2)
{
	int c = strcmp(r1, r2);

	return c ? c : strcmp(f1, f2);
}

static int index_cmp(const void *a, const void *b)
{
	const tl_baseline_result *x = &sort_base->items[*(const size_t *)a];
	const tl_baseline_result *y = &sort_base->items[*(const size_t *)b];
	int c = key_cmp(x->rule_id, key_of(x, sort_legacy), y->rule_id, key_of(y, sort_legacy));

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
	const char *rule, *fp, *msg, *state, *object = NULL, *uri = NULL, *uri_base_id = NULL;
	json_t *v, *region = NULL;
	char buf[40], legacy[40] = "";

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
		json_t *phys = json_object_get(loc, "physicalLocation");

		uri = str_at(json_object_get(phys, "artifactLocation"), "uri");
		uri_base_id = str_at(json_object_get(phys, "artifactLocation"), "uriBaseId");
		region = json_object_get(phys, "region");
		if (json_is_array(ll) && json_array_size(ll) > 0)
			object = str_at(json_array_get(ll, 0), "fullyQualifiedName");
	}
	fp = str_at(json_object_get(r, "partialFingerprints"), "primaryLocationLineHash");
	if (!object && uri) {
		/* a result about a file as a whole: written before file results
		 * had their own fingerprint, it holds tl_fingerprint's of rule
		 * and message, which is that of the same diagnostic on every
		 * file; it gets the one this version writes, from the URI it
		 * was written with, and keeps the old one for callers that know
		 * no URI */
		tl_fingerprint(rule, NULL, msg, legacy);
		if (!fp || !strcmp(fp, legacy)) {
			tl_file_fingerprint(rule, uri, msg, buf);
			fp = buf;
		}
	} else if (!fp) {
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
	x->uri_base_id = uri ? dup_or_null(uri_base_id) : NULL;
	x->region = region_of(region);
	x->legacy_fingerprint = legacy[0] ? tl_xstrdup(legacy) : NULL;
	b->legacy_count += legacy[0] != '\0';
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
	b->legacy = tl_xmalloc((b->legacy_count ? b->legacy_count : 1) * sizeof(*b->legacy));
	for (i = 0, j = 0; i < b->count; i++) {
		b->sorted[i] = i;
		if (b->items[i].legacy_fingerprint)
			b->legacy[j++] = i;
	}
	sort_base = b;
	sort_legacy = false;
	qsort(b->sorted, b->count, sizeof(*b->sorted), index_cmp);
	sort_legacy = true;
	qsort(b->legacy, b->legacy_count, sizeof(*b->legacy), index_cmp);
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
		free((char *)x->uri_base_id);
		free((char *)x->legacy_fingerprint);
	}
	free(b->items);
	free(b->sorted);
	free(b->legacy);
	free(b);
}

size_t tl_baseline_count(const tl_baseline *b)
{
	return b ? b->count : 0;
}

/* An index of b: by fingerprint, or by legacy fingerprint. */
typedef struct key_index {
	const tl_baseline *b;
	const size_t *at;
	size_t count;
	bool legacy;
} key_index;

static key_index index_of(const tl_baseline *b, bool legacy)
{
	key_index ix = {b, legacy ? b->legacy : b->sorted, legacy ? b->legacy_count : b->count,
			legacy};

	return ix;
}

static const tl_baseline_result *index_at(const key_index *ix, size_t pos)
{
	return &ix->b->items[ix->at[pos]];
}

/* Position in the index of the first result with the key, or its count. */
static size_t lower_bound(const key_index *ix, const char *rule_id, const char *fp)
{
	size_t lo = 0, hi = ix->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tl_baseline_result *x = index_at(ix, mid);

		if (key_cmp(x->rule_id, key_of(x, ix->legacy), rule_id, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool has_key(const key_index *ix, size_t pos, const char *rule_id, const char *fp)
{
	const tl_baseline_result *x;

	if (pos >= ix->count)
		return false;
	x = index_at(ix, pos);
	return key_cmp(x->rule_id, key_of(x, ix->legacy), rule_id, fp) == 0;
}

const char *tl_baseline_state(const tl_baseline *b, const char *rule_id, const char *fingerprint)
{
	int legacy;

	if (!b || !rule_id || !fingerprint)
		return "new";
	for (legacy = 0; legacy < 2; legacy++) {
		key_index ix = index_of(b, legacy);

		if (has_key(&ix, lower_bound(&ix, rule_id, fingerprint), rule_id, fingerprint))
			return "unchanged";
	}
	return "new";
}

bool tl_baseline_mark_seen(tl_baseline *b, const char *rule_id, const char *fingerprint)
{
	size_t pos;
	int legacy;
	bool any = false;

	if (!b || !rule_id || !fingerprint)
		return false;
	for (legacy = 0; legacy < 2; legacy++) {
		key_index ix = index_of(b, legacy);

		for (pos = lower_bound(&ix, rule_id, fingerprint);
		     has_key(&ix, pos, rule_id, fingerprint); pos++) {
			b->items[ix.at[pos]].seen = true;
			any = true;
		}
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
