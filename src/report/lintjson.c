/* lintjson.c: see lintjson.h. */
#include "config.h"

#include "report/lintjson.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"

/* source: the file as given, and the position in it. */
static json_t *source_json(const tl_loc *loc)
{
	json_t *src = json_object();

	json_object_set_new(src, "file", tl_json_str(loc->file));
	if (loc->kind == TL_LOC_LINE) {
		json_object_set_new(src, "line", json_integer(loc->line));
		if (loc->col)
			json_object_set_new(src, "column", json_integer(loc->col));
	} else if (loc->kind == TL_LOC_OFFSET) {
		json_object_set_new(src, "offset", json_integer((json_int_t)loc->offset));
		json_object_set_new(src, "length", json_integer((json_int_t)loc->length));
	}
	return src;
}

static json_t *finding_json(const tl_finding *x)
{
	json_t *o = json_object();

	json_object_set_new(o, "rule", json_string(x->rule_id));
	json_object_set_new(o, "level", json_string(tl_severity_name(x->level)));
	json_object_set_new(o, "message", tl_json_str(x->message));
	json_object_set_new(o, "object", tl_json_str(x->object));
	if (x->waiver) {
		json_t *w = json_object();
		json_object_set_new(w, "waiver", tl_json_str(x->waiver->id));
		json_object_set_new(w, "reason", tl_json_str(x->waiver->reason));
		json_object_set_new(w, "owner", tl_json_str(x->waiver->owner));
		json_object_set_new(o, "waived", w);
	}
	json_object_set_new(o, "source", source_json(&x->loc));
	if (x->related_count) {
		json_t *rel = json_array();
		size_t i;

		for (i = 0; i < x->related_count; i++) {
			json_t *r = json_object();

			json_object_set_new(r, "object", tl_json_str(x->related[i].object));
			json_object_set_new(r, "source", source_json(&x->related[i].loc));
			json_array_append_new(rel, r);
		}
		json_object_set_new(o, "related", rel);
	}
	return o;
}

/* The baseline's results no finding of this run matched. */
static json_t *fixed_json(tl_baseline *base)
{
	const tl_baseline_result **gone = NULL;
	size_t n = tl_baseline_absent(base, &gone), i;
	json_t *a = json_array();

	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "rule", tl_json_str(gone[i]->rule_id));
		json_object_set_new(o, "level", tl_json_str(gone[i]->level));
		json_object_set_new(o, "message", tl_json_str(gone[i]->message));
		json_object_set_new(o, "object", tl_json_str(gone[i]->object));
		json_object_set_new(o, "uri", tl_json_str(gone[i]->uri));
		json_array_append_new(a, o);
	}
	free(gone);
	return a;
}

/* Each string null when the manifest does not say. */
static json_t *str_or_null(const char *s)
{
	return s ? tl_json_str(s) : json_null();
}

json_t *tl_export_json(const tl_export *e)
{
	json_t *o = json_object(), *os = json_object();

	json_object_set_new(o, "computer", str_or_null(e->computer));
	json_object_set_new(o, "domain", str_or_null(e->domain));
	json_object_set_new(o, "collected_utc", str_or_null(e->collected));
	json_object_set_new(o, "elevated", e->elevated < 0 ? json_null() : json_boolean(e->elevated));
	json_object_set_new(o, "complete", e->complete_known ? json_boolean(e->complete) : json_null());
	json_object_set_new(os, "product_name", str_or_null(e->os_product));
	json_object_set_new(os, "build", e->os_build_known ? json_integer(e->os_build) : json_null());
	json_object_set_new(os, "ubr", e->os_ubr >= 0 ? json_integer(e->os_ubr) : json_null());
	json_object_set_new(os, "display_version", str_or_null(e->os_display_version));
	json_object_set_new(o, "os", os);
	json_object_set_new(o, "script_version", str_or_null(e->script_version));
	json_object_set_new(o, "powershell_version", str_or_null(e->powershell_version));
	json_object_set_new(o, "manifest", tl_json_str(e->path));
	return o;
}

int tl_lint_json(tl_findings *f, const tl_inputs *in, const tl_view *v, tl_baseline *base,
		 FILE *out)
{
	json_t *doc = json_object(), *summary = json_object(), *fixed = NULL;
	tl_json_stream st;
	size_t i, fresh = 0, waived = 0;

	tl_findings_describe(f);
	/* "fixed" and the summary's "new" follow the findings but depend on
	 * every finding's baseline state: a first pass works them out (a
	 * state does not change when asked for again) */
	for (i = 0; base && i < f->count; i++) {
		const char *state = tl_baseline_finding_state(base, &f->items[i]);

		fresh += !f->items[i].waiver && strcmp(state, "new") == 0;
	}
	if (base)
		fixed = fixed_json(base);
	for (i = 0; i < f->count; i++)
		waived += f->items[i].waiver != NULL;
	json_object_set_new(doc, "tool", json_string("trustlint"));
	json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
	if (in->manifest)
		json_object_set_new(doc, "machine", tl_export_json(in->manifest));
	json_object_set_new(doc, "findings", tl_json_slot());
	if (fixed)
		json_object_set_new(doc, "fixed", fixed);
	json_object_set_new(summary, "errors", json_integer((json_int_t)tl_findings_count(f, TL_ERROR)));
	json_object_set_new(summary, "warnings", json_integer((json_int_t)tl_findings_count(f, TL_WARNING)));
	json_object_set_new(summary, "notes", json_integer((json_int_t)tl_findings_count(f, TL_NOTE)));
	json_object_set_new(summary, "waived", json_integer((json_int_t)waived));
	json_object_set_new(summary, "inputs", json_integer((json_int_t)in->source_count));
	json_object_set_new(summary, "certificates", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_CERT)));
	json_object_set_new(summary, "stores", json_integer((json_int_t)in->model->count));
	json_object_set_new(summary, "bindings", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_BINDING)));
	json_object_set_new(summary, "sites", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_SITE)));
	if (fixed) {
		json_object_set_new(summary, "new", json_integer((json_int_t)fresh));
		json_object_set_new(summary, "fixed", json_integer((json_int_t)json_array_size(fixed)));
	}
	json_object_set_new(doc, "summary", summary);
	tl_json_stream_open(&st, doc, out);
	json_decref(doc);
	for (i = 0; i < f->count; i++) {
		json_t *o = finding_json(&f->items[i]);

		if (base)
			json_object_set_new(o, "baseline_state",
					    json_string(tl_baseline_finding_state(base, &f->items[i])));
		tl_json_stream_add(&st, o);
	}
	return tl_json_stream_close(&st);
}
