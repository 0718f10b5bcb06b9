/* manifest.c: reading export.json and comparing it with the files read
 * (manifest.h; the format is doc/export-json.md). */
#include "config.h"

#include "input/manifest.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define MANIFEST_KEY "\"trustlint_export\""

bool tl_export_detect(const uint8_t *data, size_t len)
{
	size_t i = 0, n = len < 4096 ? len : 4096;
	char *head;
	bool yes;

	if (n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
		i = 3;
	if (n >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
		/* UTF-16LE: the key's letters with a NUL after each */
		char *u = tl_utf16le_to_utf8(data + 2, (n - 2) & ~(size_t)1, false);
		yes = strstr(u, MANIFEST_KEY) != NULL && u[strspn(u, " \t\r\n")] == '{';
		free(u);
		return yes;
	}
	while (i < n && strchr(" \t\r\n", data[i]) && data[i])
		i++;
	if (i >= n || data[i] != '{')
		return false;
	/* the script writes the key first; look a little further for a
	 * manifest another tool rewrote with its keys in another order */
	head = tl_xstrndup((const char *)data, n);
	yes = strstr(head, MANIFEST_KEY) != NULL;
	free(head);
	return yes;
}

/* The closing quote of the JSON string whose text starts at p (past its
 * opening quote), or the NUL ending the text: escapes skipped. */
static const char *string_end(const char *p)
{
	while (*p && *p != '"') {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	return p;
}

/* The line of each element of the array that the top-level member key
 * holds, in order: jansson keeps no positions, and a message about the
 * third store should point at the third store. text is valid JSON (jansson
 * has parsed it). Returns how many lines were stored, at most cap. */
static size_t element_lines(const char *text, const char *key, uint32_t *lines, size_t cap)
{
	size_t klen = strlen(key), found = 0;
	uint32_t line = 1;
	int depth = 0;
	bool in_target = false, want_element = false, after_key = false;
	const char *p = text;

	for (; *p; p++) {
		char c = *p;

		if (c == '\n') {
			line++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r')
			continue;
		if (want_element && c != ']') {
			if (found < cap)
				lines[found] = line;
			found++;
			want_element = false;
		}
		if (c == '"') {
			const char *s = ++p;

			p = string_end(p);
			if (!*p)
				break;
			after_key = depth == 1 && (size_t)(p - s) == klen && memcmp(s, key, klen) == 0;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
			if (c == '[' && depth == 2 && after_key) {
				in_target = true;
				want_element = true;
			}
		} else if (c == '}' || c == ']') {
			if (depth == 2 && in_target)
				in_target = false;
			depth--;
		} else if (c == ',' && depth == 2 && in_target) {
			want_element = true;
		}
		if (c != ':')
			after_key = false;
	}
	return found < cap ? found : cap;
}

/* The line of the top-level member key, or 0 when there is none. */
static uint32_t member_line(const char *text, const char *key)
{
	size_t klen = strlen(key);
	uint32_t line = 1;
	int depth = 0;
	const char *p;

	for (p = text; *p; p++) {
		if (*p == '\n') {
			line++;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		} else if (*p == '"') {
			const char *s = ++p;

			p = string_end(p);
			if (!*p)
				break;
			if (depth == 1 && (size_t)(p - s) == klen && memcmp(s, key, klen) == 0 &&
			    p[1 + strspn(p + 1, " \t\r\n")] == ':')
				return line;
		}
	}
	return 0;
}

/* Parsing state: the manifest, its text, and its diagnostics. */
typedef struct parser {
	tl_export *e;
	const char *text;
	tl_diags *d;
	size_t store_cap, key_cap;
} parser;

/* A warning about a member, "WHAT: WHY" and then what becomes of it
 * (then): at line, or else at the line of the top-level member the
 * object holding it is. */
static void member_warning(parser *p, uint32_t line, const char *what, const char *why,
			   const char *then)
{
	char *top = tl_xstrndup(what, strcspn(what, ".["));
	tl_loc l;

	if (!line)
		line = member_line(p->text, top);
	free(top);
	l = line ? tl_loc_line(p->e->path, line, 0) : tl_loc_file(p->e->path);
	tl_diag_add(p->d, TL_WARNING, "input-export-manifest-field", &l, "%s: %s%s", what, why, then);
}

/* A member of the wrong type or value: left out. */
static void field_warning(parser *p, uint32_t line, const char *what, const char *why)
{
	member_warning(p, line, what, why, "; left out");
}

/* A string member, or NULL when absent or null; a member of another type
 * is a warning. */
static char *string_member(parser *p, json_t *obj, const char *name, const char *where,
			   uint32_t line)
{
	json_t *v = json_object_get(obj, name);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		char *what = tl_xasprintf("%s%s", where, name);
		field_warning(p, line, what, "not a string");
		free(what);
		return NULL;
	}
	return tl_xstrdup(json_string_value(v));
}

/* A count: a non-negative integer, or -1 when absent. */
static long long count_member(parser *p, json_t *obj, const char *name, const char *where,
			      uint32_t line)
{
	json_t *v = json_object_get(obj, name);

	if (!v || json_is_null(v))
		return -1;
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		char *what = tl_xasprintf("%s%s", where, name);
		field_warning(p, line, what, "not a count (a whole number, 0 or more)");
		free(what);
		return -1;
	}
	return json_integer_value(v);
}

static int bool_member(parser *p, json_t *obj, const char *name, uint32_t line)
{
	json_t *v = json_object_get(obj, name);

	if (!v || json_is_null(v))
		return -1;
	if (!json_is_boolean(v)) {
		field_warning(p, line, name, "not true or false");
		return -1;
	}
	return json_is_true(v);
}

/* "exported", "empty" (a store) or "absent" (a key), "failed". */
static int status_member(parser *p, json_t *obj, const char *where, uint32_t line,
			 const char *empty_word)
{
	json_t *v = json_object_get(obj, "status");
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;

	if (s && strcmp(s, "exported") == 0)
		return TL_EXPORT_EXPORTED;
	if (s && strcmp(s, empty_word) == 0)
		return TL_EXPORT_EMPTY;
	if (s && strcmp(s, "failed") == 0)
		return TL_EXPORT_FAILED;
	{
		char *what = tl_xasprintf("%sstatus", where);
		char *why = tl_xasprintf("not \"exported\", \"%s\" or \"failed\"", empty_word);
		field_warning(p, line, what, why);
		free(what);
		free(why);
	}
	return -1;
}

static void parse_os(parser *p, json_t *os)
{
	tl_export *e = p->e;
	json_t *build;

	if (!os)
		return;
	if (!json_is_object(os)) {
		field_warning(p, 0, "os", "not an object");
		return;
	}
	e->os_product = string_member(p, os, "product_name", "os.", 0);
	e->os_current_version = string_member(p, os, "current_version", "os.", 0);
	e->os_display_version = string_member(p, os, "display_version", "os.", 0);
	e->os_edition = string_member(p, os, "edition_id", "os.", 0);
	/* CurrentBuildNumber is a REG_SZ: the script may write it as it
	 * reads it, a string of digits */
	build = json_object_get(os, "build");
	if (json_is_integer(build) && json_integer_value(build) >= 0) {
		e->os_build_known = true;
		e->os_build = json_integer_value(build);
	} else if (json_is_string(build)) {
		char *end;
		long long n = strtoll(json_string_value(build), &end, 10);
		if (*json_string_value(build) && *end == '\0' && n >= 0) {
			e->os_build_known = true;
			e->os_build = n;
		} else {
			field_warning(p, 0, "os.build", "not a build number");
		}
	} else if (build && !json_is_null(build)) {
		field_warning(p, 0, "os.build", "not a build number");
	}
	e->os_ubr = count_member(p, os, "ubr", "os.", 0);
}

/* One object of a stores or registry array, at its line. */
typedef void (*entry_fn)(parser *p, json_t *o, uint32_t line);

/* Each element of the top-level array member name, with its line; an
 * element that is no object is a warning. At most TL_EXPORT_MAX_ENTRIES
 * are read: a machine has a few dozen stores and keys, and each is
 * compared with the model once every input is read. */
static void each_entry(parser *p, json_t *arr, const char *name, const char *what, entry_fn fn)
{
	size_t i, n = json_array_size(arr);
	uint32_t *lines;

	if (n > TL_EXPORT_MAX_ENTRIES) {
		char *then = tl_xasprintf("; only the first %d are read", TL_EXPORT_MAX_ENTRIES);
		char *why = tl_xasprintf("%zu entries, more than any machine has", n);

		member_warning(p, 0, name, why, then);
		free(why);
		free(then);
		n = TL_EXPORT_MAX_ENTRIES;
	}
	lines = tl_xcalloc(n ? n : 1, sizeof(*lines));
	element_lines(p->text, name, lines, n);
	for (i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i);

		if (json_is_object(o))
			fn(p, o, lines[i]);
		else
			field_warning(p, lines[i], what, "not an object");
	}
	free(lines);
}

static void store_entry(parser *p, json_t *o, uint32_t line)
{
	tl_export *e = p->e;
	tl_export_store s = {0};
	char *loc = string_member(p, o, "location", "stores[].", line);
	int l, status;

	s.line = line;
	s.name = string_member(p, o, "store", "stores[].", line);
	l = loc ? tl_location_parse(loc, strlen(loc)) : -1;
	free(loc);
	if (l < 0 || !s.name || !*s.name) {
		field_warning(p, line, "a stores entry",
			      "no location (LocalMachine, CurrentUser, ...) or no store name");
		free(s.name);
		return;
	}
	status = status_member(p, o, "stores[].", line, "empty");
	if (status < 0) {
		free(s.name);
		return;
	}
	s.location = (tl_location)l;
	s.status = (tl_export_status)status;
	s.certificates = count_member(p, o, "certificates", "stores[].", line);
	s.ctls = count_member(p, o, "ctls", "stores[].", line);
	s.file = string_member(p, o, "file", "stores[].", line);
	s.error = string_member(p, o, "error", "stores[].", line);
	tl_xgrow((void **)&e->stores, &p->store_cap, e->store_count + 1, sizeof(*e->stores));
	e->stores[e->store_count++] = s;
}

static void key_entry(parser *p, json_t *o, uint32_t line)
{
	tl_export *e = p->e;
	tl_export_key k = {0};
	int status;

	k.line = line;
	k.key = string_member(p, o, "key", "registry[].", line);
	if (!k.key) {
		field_warning(p, line, "a registry entry", "no key");
		return;
	}
	status = status_member(p, o, "registry[].", line, "absent");
	if (status < 0) {
		free(k.key);
		return;
	}
	k.status = (tl_export_status)status;
	k.file = string_member(p, o, "file", "registry[].", line);
	k.error = string_member(p, o, "error", "registry[].", line);
	tl_xgrow((void **)&e->keys, &p->key_cap, e->key_count + 1, sizeof(*e->keys));
	e->keys[e->key_count++] = k;
}

static void parse_problems(parser *p, json_t *arr)
{
	tl_export *e = p->e;
	size_t i, n = json_array_size(arr);

	e->problems = tl_xcalloc(n ? n : 1, sizeof(*e->problems));
	e->problem_lines = tl_xcalloc(n ? n : 1, sizeof(*e->problem_lines));
	element_lines(p->text, "problems", e->problem_lines, n);
	for (i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);

		if (!json_is_string(v)) {
			field_warning(p, e->problem_lines[i], "a problems entry", "not a string");
			continue;
		}
		e->problem_lines[e->problem_count] = e->problem_lines[i];
		e->problems[e->problem_count++] = tl_xstrdup(json_string_value(v));
	}
}

static void parse_locations(parser *p, json_t *arr)
{
	size_t i, n = json_array_size(arr);
	/* each element's line, found in one pass (a line per bad element
	 * looked up alone would scan the text once per element) */
	uint32_t *lines = tl_xcalloc(n ? n : 1, sizeof(*lines));

	element_lines(p->text, "locations", lines, n);
	for (i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		int l = json_is_string(v) ? tl_location_parse(json_string_value(v),
							      strlen(json_string_value(v)))
					  : -1;
		if (l < 0)
			field_warning(p, lines[i], "locations[]", "not a store location (LocalMachine, CurrentUser, ...)");
		else
			p->e->listed[l] = true;
	}
	free(lines);
}

/* An array member, or NULL: absent, null, or not an array (a warning). */
static json_t *array_member(parser *p, json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);

	if (v && !json_is_null(v) && !json_is_array(v))
		field_warning(p, 0, name, "not an array");
	return json_is_array(v) ? v : NULL;
}

tl_export *tl_export_parse(const tl_source *src, tl_diags *d)
{
	const uint8_t *data = src->data;
	size_t len = src->len;
	char *utf8 = NULL;
	const char *text;
	json_error_t err;
	json_t *root, *v, *obj;
	tl_export *e;
	parser p = {0};
	int complete;

	if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
		utf8 = tl_utf16le_to_utf8(data + 2, (len - 2) & ~(size_t)1, false);
		text = utf8;
		len = strlen(utf8);
	} else if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
		text = (const char *)data + 3;
		len -= 3;
	} else {
		text = (const char *)data;
	}
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (!root || !json_is_object(root)) {
		tl_loc l = root ? tl_loc_file(src->path)
				: tl_loc_line(src->path, err.line > 0 ? (uint32_t)err.line : 1,
					      err.column > 0 ? (uint32_t)err.column : 0);
		tl_diag_add(d, TL_ERROR, "input-export-manifest-bad", &l,
			    "the collection script's manifest cannot be read (%s): the files of the export are linted without it",
			    root ? "not a JSON object" : err.text);
		json_decref(root);
		free(utf8);
		return NULL;
	}
	e = tl_xcalloc(1, sizeof(*e));
	e->path = src->path;
	e->collected_time = INT64_MIN;
	e->os_ubr = -1;
	p.e = e;
	p.text = text;
	p.d = d;
	v = json_object_get(root, "trustlint_export");
	if (json_is_integer(v) && json_integer_value(v) >= 1) {
		e->version = json_integer_value(v);
	} else {
		member_warning(&p, 0, "trustlint_export", "not a manifest version (1 or more)",
			       "; read as version 1");
		e->version = TL_EXPORT_VERSION;
	}
	e->computer = string_member(&p, root, "computer", "", 0);
	e->domain = string_member(&p, root, "domain", "", 0);
	e->collected = string_member(&p, root, "collected_utc", "", 0);
	if (e->collected && tl_parse_time(e->collected, &e->collected_time) != 0) {
		field_warning(&p, 0, "collected_utc", "not an RFC 3339 time");
		e->collected_time = INT64_MIN;
	}
	obj = json_object_get(root, "script");
	if (json_is_object(obj))
		e->script_version = string_member(&p, obj, "version", "script.", 0);
	obj = json_object_get(root, "powershell");
	if (json_is_object(obj)) {
		e->powershell_version = string_member(&p, obj, "version", "powershell.", 0);
		e->powershell_edition = string_member(&p, obj, "edition", "powershell.", 0);
	}
	e->elevated = bool_member(&p, root, "elevated", 0);
	complete = bool_member(&p, root, "complete", 0);
	e->complete_known = complete >= 0;
	e->complete = complete == 1;
	parse_os(&p, json_object_get(root, "os"));
	parse_locations(&p, array_member(&p, root, "locations"));
	if ((v = array_member(&p, root, "stores")))
		each_entry(&p, v, "stores", "a stores entry", store_entry);
	if ((v = array_member(&p, root, "registry")))
		each_entry(&p, v, "registry", "a registry entry", key_entry);
	if ((v = array_member(&p, root, "problems")))
		parse_problems(&p, v);
	json_decref(root);
	free(utf8);
	return e;
}

void tl_export_free(tl_export *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->store_count; i++) {
		free(e->stores[i].name);
		free(e->stores[i].file);
		free(e->stores[i].error);
	}
	for (i = 0; i < e->key_count; i++) {
		free(e->keys[i].key);
		free(e->keys[i].file);
		free(e->keys[i].error);
	}
	tl_strv_free(e->problems, e->problem_count);
	free(e->problem_lines);
	free(e->stores);
	free(e->keys);
	free(e->computer);
	free(e->domain);
	free(e->collected);
	free(e->script_version);
	free(e->powershell_version);
	free(e->powershell_edition);
	free(e->os_product);
	free(e->os_current_version);
	free(e->os_display_version);
	free(e->os_edition);
	free(e);
}

void tl_export_describe(const tl_export *e, tl_buf *out)
{
	const char *sep = "";

	tl_buf_adds(out, e->computer ? e->computer : "(computer not named)");
	if (e->computer && e->domain && *e->domain)
		tl_buf_printf(out, ".%s", e->domain);
	tl_buf_adds(out, ": ");
	if (e->os_product) {
		tl_buf_adds(out, e->os_product);
		sep = ", ";
	}
	if (e->os_build_known) {
		tl_buf_printf(out, "%sbuild %lld", sep, (long long)e->os_build);
		if (e->os_ubr >= 0)
			tl_buf_printf(out, ".%lld", (long long)e->os_ubr);
		sep = ", ";
	}
	if (*sep)
		tl_buf_adds(out, "; ");
	tl_buf_adds(out, "exported");
	if (e->collected)
		tl_buf_printf(out, " %s", e->collected);
	tl_buf_adds(out, " by Export-TrustState.ps1");
	if (e->script_version)
		tl_buf_printf(out, " %s", e->script_version);
	if (e->elevated >= 0)
		tl_buf_adds(out, e->elevated ? ", elevated" : ", not elevated");
	if (e->complete_known && !e->complete)
		tl_buf_adds(out, ", partial");
}

const tl_export_store *tl_export_find_store(const tl_export *e, tl_location loc, const char *name)
{
	size_t i;

	for (i = 0; e && i < e->store_count; i++)
		if (e->stores[i].location == loc && tl_strcasecmp(e->stores[i].name, name) == 0)
			return &e->stores[i];
	return NULL;
}

static tl_loc at(const tl_export *e, uint32_t line)
{
	return line ? tl_loc_line(e->path, line, 0) : tl_loc_file(e->path);
}

void tl_export_report(const tl_export *e, tl_diags *d)
{
	tl_loc top = at(e, 1);
	size_t i, failed = 0;

	if (e->version > TL_EXPORT_VERSION)
		tl_diag_add(d, TL_WARNING, "input-export-newer", &top,
			    "manifest version %lld, written by a newer collection script: read as version %d, and what is new in it is not used",
			    e->version, TL_EXPORT_VERSION);
	if (e->elevated == 0)
		tl_diag_add(d, TL_WARNING, "input-export-not-elevated", &top,
			    "the collection script ran without elevation (-AllowUnelevated): stores and registry keys only administrators can read may be missing or incomplete");
	for (i = 0; i < e->store_count; i++) {
		const tl_export_store *s = &e->stores[i];
		tl_loc l = at(e, s->line);

		if (s->status != TL_EXPORT_FAILED)
			continue;
		failed++;
		tl_diag_add(d, TL_WARNING, "input-export-store-failed", &l,
			    "the collection script could not export %s\\%s (%s): rules see it as not exported",
			    tl_location_name(s->location), s->name, s->error ? s->error : "no reason given");
	}
	for (i = 0; i < e->key_count; i++) {
		const tl_export_key *k = &e->keys[i];
		tl_loc l = at(e, k->line);

		if (k->status != TL_EXPORT_FAILED)
			continue;
		failed++;
		tl_diag_add(d, TL_WARNING, "input-export-key-failed", &l,
			    "the collection script could not export %s (%s): its settings are not in the export",
			    k->key, k->error ? k->error : "no reason given");
	}
	if ((e->complete_known && !e->complete) || e->problem_count) {
		tl_loc l = e->problem_count ? at(e, e->problem_lines[0]) : top;
		tl_diag_add(d, TL_WARNING, "input-export-partial", &l,
			    "the collection script reports a partial export (%zu part(s) failed, %zu problem(s)%s%s): findings may be missing",
			    failed, e->problem_count, e->problem_count ? ", the first: " : "",
			    e->problem_count ? e->problems[0] : "");
	}
}

/* Certificates and CTLs held in s. */
static void count_entries(const tl_store *s, long long *certs, long long *ctls)
{
	size_t i;

	*certs = *ctls = 0;
	for (i = 0; s && i < s->count; i++) {
		if (s->entries[i]->kind == TL_ENTRY_CERT)
			++*certs;
		else if (s->entries[i]->kind == TL_ENTRY_CTL)
			++*ctls;
	}
}

/* A count the manifest gives differs from the one read. */
static bool differs(long long said, long long read)
{
	return said >= 0 && said != read;
}

void tl_export_check(const tl_export *e, tl_model *m, const char *registry_build, tl_diags *d)
{
	size_t i;
	int l;

	for (l = 0; l < TL_LOCATION_COUNT; l++)
		if (e->listed[l])
			m->listed[l] = true;
	for (i = 0; i < e->store_count; i++) {
		const tl_export_store *s = &e->stores[i];
		const tl_store *st = tl_model_find(m, s->location, s->name);
		tl_loc where = at(e, s->line);
		long long certs, ctls;

		if (s->status == TL_EXPORT_FAILED)
			continue;
		if (s->status == TL_EXPORT_EMPTY && !st) {
			tl_model_store(m, s->location, s->name);
			continue;
		}
		if (!st) {
			tl_diag_add(d, TL_WARNING, "input-export-file-missing", &where,
				    "export.json lists %s\\%s as exported (%lld certificate(s), %lld CTL(s)%s%s%s), but no file of the export held that store: the file is missing, unreadable or renamed",
				    tl_location_name(s->location), s->name, s->certificates < 0 ? 0 : s->certificates,
				    s->ctls < 0 ? 0 : s->ctls, s->file ? ", in '" : "", s->file ? s->file : "",
				    s->file ? "'" : "");
			continue;
		}
		count_entries(st, &certs, &ctls);
		if (s->status == TL_EXPORT_EMPTY ? (certs || ctls)
						 : (differs(s->certificates, certs) || differs(s->ctls, ctls)))
			tl_diag_add(d, TL_WARNING, "input-export-count-mismatch", &where,
				    "export.json says %s\\%s held %lld certificate(s) and %lld CTL(s) when it was exported; the files read hold %lld and %lld: they were changed after collection, damaged, or come from another export",
				    tl_location_name(s->location), s->name,
				    s->status == TL_EXPORT_EMPTY ? 0 : s->certificates < 0 ? certs : s->certificates,
				    s->status == TL_EXPORT_EMPTY ? 0 : s->ctls < 0 ? ctls : s->ctls, certs, ctls);
	}
	if (e->os_build_known && registry_build) {
		char *end;
		long long n = strtoll(registry_build, &end, 10);

		if (*registry_build && *end == '\0' && n != e->os_build) {
			tl_loc top = at(e, 1);
			tl_diag_add(d, TL_WARNING, "input-export-os-mismatch", &top,
				    "export.json says OS build %lld, the registry export's CurrentBuildNumber is %lld: they come from different machines or times; the registry's is used",
				    (long long)e->os_build, n);
		}
	}
}
