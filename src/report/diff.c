/* diff.c: `trustlint diff` (see diff.h): both sides linted, their
 * findings matched by fingerprint, and the text, JSON and SARIF reports of
 * the drift and the findings. */
#include "config.h"

#include "report/diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/os.h"
#include "base/util.h"
#include "report/baseline.h"

/* ---- matching findings */

typedef struct keyed {
	const tl_finding *x;
	char fp[40];
	bool is_new;
	size_t order;
} keyed;

static int keyed_cmp(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	int c = strcmp(a->x->rule_id, b->x->rule_id);

	if (c == 0)
		c = strcmp(a->fp, b->fp);
	if (c == 0 && a->is_new != b->is_new)
		c = a->is_new ? 1 : -1;
	if (c == 0 && a->order != b->order)
		c = a->order < b->order ? -1 : 1;
	return c;
}

static int order_cmp(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;

	return a->order < b->order ? -1 : a->order > b->order;
}

/* One sort of both sides by (rule id, fingerprint): a run of equal keys
 * with findings of one side only is new (NEW) or fixed (OLD). */
static void match_findings(tl_diff *d)
{
	size_t n_old = d->old_findings.count, n = n_old + d->new_findings.count, i, j, k;
	keyed *all = tl_xcalloc(n ? n : 1, sizeof(*all));
	keyed *added = tl_xcalloc(n ? n : 1, sizeof(*added));
	keyed *fixed = tl_xcalloc(n ? n : 1, sizeof(*fixed));

	for (i = 0; i < n; i++) {
		bool is_new = i >= n_old;
		const tl_finding *x = is_new ? &d->new_findings.items[i - n_old] : &d->old_findings.items[i];

		all[i].x = x;
		all[i].is_new = is_new;
		all[i].order = i;
		tl_fingerprint(x->rule_id, x->object, x->message, all[i].fp);
	}
	if (n)
		qsort(all, n, sizeof(*all), keyed_cmp);
	for (i = 0; i < n; i = j) {
		bool has_old = false, has_new = false;

		for (j = i; j < n && !strcmp(all[j].x->rule_id, all[i].x->rule_id) &&
			    !strcmp(all[j].fp, all[i].fp); j++) {
			has_old = has_old || !all[j].is_new;
			has_new = has_new || all[j].is_new;
		}
		if (has_old && has_new)
			continue;
		for (k = i; k < j; k++) {
			if (all[k].is_new)
				added[d->added_count++] = all[k];
			else
				fixed[d->fixed_count++] = all[k];
		}
	}
	/* reported in each side's own order (by input, then position) */
	if (d->added_count)
		qsort(added, d->added_count, sizeof(*added), order_cmp);
	if (d->fixed_count)
		qsort(fixed, d->fixed_count, sizeof(*fixed), order_cmp);
	d->added = tl_xcalloc(d->added_count ? d->added_count : 1, sizeof(*d->added));
	d->fixed = tl_xcalloc(d->fixed_count ? d->fixed_count : 1, sizeof(*d->fixed));
	for (i = 0; i < d->added_count; i++)
		d->added[i] = added[i].x;
	for (i = 0; i < d->fixed_count; i++)
		d->fixed[i] = fixed[i].x;
	free(all);
	free(added);
	free(fixed);
}

tl_diff *tl_diff_new(const tl_ruleset *rs, const tl_inputs *old_in, const char *old_name,
		     const tl_inputs *new_in, const char *new_name, int64_t now)
{
	tl_diff *d = tl_xcalloc(1, sizeof(*d));

	d->rules = rs;
	d->old_in = old_in;
	d->new_in = new_in;
	d->old_name = old_name;
	d->new_name = new_name;
	d->old_view = tl_view_new(old_in, now);
	d->new_view = tl_view_new(new_in, now);
	tl_lint_run(rs, d->old_view, old_in, &d->old_findings);
	tl_lint_run(rs, d->new_view, new_in, &d->new_findings);
	/* findings are matched, and reported, by their text */
	tl_findings_describe(&d->old_findings);
	tl_findings_describe(&d->new_findings);
	match_findings(d);
	d->drift = tl_drift_compare(old_in, new_in);
	return d;
}

void tl_diff_free(tl_diff *d)
{
	if (!d)
		return;
	free(d->added);
	free(d->fixed);
	tl_findings_free(&d->old_findings);
	tl_findings_free(&d->new_findings);
	tl_view_free(d->old_view);
	tl_view_free(d->new_view);
	tl_drift_free(d->drift);
	free(d);
}

size_t tl_diff_failing(const tl_diff *d, int fail_on)
{
	size_t i, n = 0;

	for (i = 0; i < d->added_count; i++)
		n += (int)d->added[i]->level <= fail_on;
	return n;
}

/* ---- text */

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* " VALUE", escaped; the free-text properties quoted, as user data is in
 * messages (the others are OIDs, dates and .reg notation). */
static void value_text(const tl_drift_change *c, const char *value, tl_buf *line)
{
	bool quote = c->section == TL_DRIFT_PROPERTIES &&
		     (!strcmp(c->name, "friendly_name") || !strcmp(c->name, "description"));

	if (!value)
		return;
	tl_buf_adds(line, quote ? " '" : " ");
	tl_escape_text(line, value);
	if (quote)
		tl_buf_adds(line, "'");
}

/* "  moved     " and the change's one-line description, escaped. */
static void change_line(const tl_drift_change *c, tl_buf *line)
{
	tl_buf_printf(line, "  %-8s ", tl_drift_kind_name(c->kind));
	switch (c->section) {
	case TL_DRIFT_ENTRIES:
		tl_buf_printf(line, "%s ", c->name);
		if (c->subject) {
			tl_buf_adds(line, "'");
			tl_escape_text(line, c->subject);
			tl_buf_adds(line, "' ");
		}
		tl_buf_printf(line, "(SHA-1 %s) ", c->object);
		if (c->kind == TL_DRIFT_MOVED) {
			tl_escape_text(line, c->old_value);
			tl_buf_adds(line, " -> ");
			tl_escape_text(line, c->new_value);
		} else {
			tl_buf_adds(line, c->kind == TL_DRIFT_ADDED ? "to " : "from ");
			tl_escape_text(line, c->old_value ? c->old_value : c->new_value);
		}
		return;
	case TL_DRIFT_SETTINGS:
		if (!c->name) {
			tl_buf_adds(line, "key ");
			tl_escape_text(line, c->object);
			return;
		}
		break;
	default:
		break;
	}
	tl_escape_text(line, c->object);
	tl_buf_adds(line, ": ");
	tl_escape_text(line, c->section == TL_DRIFT_SETTINGS && !*c->name ? "(default)" : c->name);
	value_text(c, c->old_value, line);
	if (c->old_value && c->new_value)
		tl_buf_adds(line, " ->");
	value_text(c, c->new_value, line);
}

/* "           was FILE:LOC, now FILE:LOC": where each side has it. */
static void where_line(const tl_drift_change *c, tl_buf *line)
{
	bool any = false;

	tl_buf_adds(line, "           ");
	if (c->old_loc.file) {
		tl_buf_adds(line, "was ");
		tl_loc_format(&c->old_loc, line);
		any = true;
	}
	if (c->new_loc.file) {
		tl_buf_adds(line, any ? ", now " : "now ");
		tl_loc_format(&c->new_loc, line);
		any = true;
	}
	if (!any)
		line->len = 0;
}

static void finding_line(const char *state, const tl_finding *x, tl_buf *line)
{
	tl_buf_printf(line, "  %-8s ", state);
	if (x->loc.file)
		tl_loc_format(&x->loc, line);
	else
		tl_escape_text(line, x->object ? x->object : "machine");
	tl_buf_printf(line, ": %s: ", tl_severity_name(x->level));
	tl_escape_text(line, x->message);
	tl_buf_printf(line, " [%s]", x->rule_id);
}

static void side_header(const char *label, const char *name, const tl_inputs *in, FILE *out)
{
	tl_buf b = {0}, m = {0};

	tl_buf_printf(&b, "%s: ", label);
	tl_escape_text(&b, name);
	if (in->manifest) {
		tl_export_describe(in->manifest, &m);
		tl_buf_adds(&b, " (");
		tl_escape_text(&b, m.data);
		tl_buf_adds(&b, ")");
	}
	fprintf(out, "%s\n", b.data);
	tl_buf_free(&b);
	tl_buf_free(&m);
}

int tl_diff_text(const tl_diff *d, bool quiet, FILE *out)
{
	tl_buf line = {0};
	size_t s, i, total = 0, e = 0, w = 0, n = 0;

	side_header("old", d->old_name, d->old_in, out);
	side_header("new", d->new_name, d->new_in, out);
	for (s = 0; s < TL_DRIFT_SECTION_COUNT; s++) {
		size_t shown = 0;

		fprintf(out, "%s:\n", tl_drift_section_name((tl_drift_section)s));
		for (i = 0; i < d->drift->count; i++) {
			const tl_drift_change *c = &d->drift->changes[i];

			if (c->section != (tl_drift_section)s)
				continue;
			line.len = 0;
			change_line(c, &line);
			fprintf(out, "%s\n", line.data);
			line.len = 0;
			where_line(c, &line);
			if (line.len)
				fprintf(out, "%s\n", line.data);
			shown++;
		}
		if (!shown)
			fputs("  (none)\n", out);
		total += shown;
	}
	fputs("findings:\n", out);
	for (i = 0; i < d->added_count; i++) {
		line.len = 0;
		finding_line("new", d->added[i], &line);
		fprintf(out, "%s\n", line.data);
		e += d->added[i]->level == TL_ERROR;
		w += d->added[i]->level == TL_WARNING;
		n += d->added[i]->level == TL_NOTE;
	}
	for (i = 0; i < d->fixed_count; i++) {
		line.len = 0;
		finding_line("fixed", d->fixed[i], &line);
		fprintf(out, "%s\n", line.data);
	}
	if (!d->added_count && !d->fixed_count)
		fputs("  (none)\n", out);
	tl_buf_free(&line);
	if (!quiet) {
		const size_t *sc = d->drift->section_count;

		fprintf(out, "%zu %s (%zu %s, %zu %s, %zu %s, %zu %s); %zu new %s (%zu %s, %zu %s, "
			"%zu %s), %zu fixed\n",
			total, plural(total, "change", "changes"), sc[TL_DRIFT_ENTRIES],
			plural(sc[TL_DRIFT_ENTRIES], "certificate", "certificates"),
			sc[TL_DRIFT_PROPERTIES], plural(sc[TL_DRIFT_PROPERTIES], "property", "properties"),
			sc[TL_DRIFT_SETTINGS], plural(sc[TL_DRIFT_SETTINGS], "setting", "settings"),
			sc[TL_DRIFT_SITES], plural(sc[TL_DRIFT_SITES], "site setting", "site settings"),
			d->added_count, plural(d->added_count, "finding", "findings"), e,
			plural(e, "error", "errors"), w, plural(w, "warning", "warnings"), n,
			plural(n, "note", "notes"), d->fixed_count);
	}
	return ferror(out) ? -1 : 0;
}

/* ---- JSON (doc/diff-json.md) */

/* A location as lint's JSON writes one, or null. */
static json_t *loc_json(const tl_loc *loc)
{
	json_t *o;

	if (!loc->file)
		return json_null();
	o = json_object();
	json_object_set_new(o, "file", tl_json_str(loc->file));
	if (loc->kind == TL_LOC_LINE) {
		json_object_set_new(o, "line", json_integer(loc->line));
	} else if (loc->kind == TL_LOC_OFFSET) {
		json_object_set_new(o, "offset", json_integer((json_int_t)loc->offset));
		json_object_set_new(o, "length", json_integer((json_int_t)loc->length));
	}
	return o;
}

static json_t *side_json(const char *value, const tl_loc *loc)
{
	json_t *o;

	if (!value && !loc->file)
		return json_null();
	o = json_object();
	json_object_set_new(o, "value", tl_json_str(value));
	json_object_set_new(o, "location", loc_json(loc));
	return o;
}

static json_t *change_json(const tl_drift_change *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "change", json_string(tl_drift_kind_name(c->kind)));
	json_object_set_new(o, "object", tl_json_str(c->object));
	json_object_set_new(o, "name", tl_json_str(c->name));
	if (c->section == TL_DRIFT_ENTRIES || c->section == TL_DRIFT_PROPERTIES)
		json_object_set_new(o, "subject", tl_json_str(c->subject));
	json_object_set_new(o, "old", side_json(c->old_value, &c->old_loc));
	json_object_set_new(o, "new", side_json(c->new_value, &c->new_loc));
	return o;
}

static json_t *finding_json(const tl_finding *x)
{
	json_t *o = json_object();
	char fp[40];

	tl_fingerprint(x->rule_id, x->object, x->message, fp);
	json_object_set_new(o, "rule", tl_json_str(x->rule_id));
	json_object_set_new(o, "level", json_string(tl_severity_name(x->level)));
	json_object_set_new(o, "message", tl_json_str(x->message));
	json_object_set_new(o, "object", tl_json_str(x->object));
	json_object_set_new(o, "location", loc_json(&x->loc));
	json_object_set_new(o, "fingerprint", json_string(fp));
	return o;
}

static json_t *export_json(const char *name, const tl_inputs *in)
{
	json_t *o = json_object();

	json_object_set_new(o, "path", tl_json_str(name));
	if (in->manifest) {
		tl_buf m = {0};

		tl_export_describe(in->manifest, &m);
		json_object_set_new(o, "computer", tl_json_str(in->manifest->computer));
		json_object_set_new(o, "machine", tl_json_str(m.data));
		tl_buf_free(&m);
	} else {
		json_object_set_new(o, "computer", json_null());
		json_object_set_new(o, "machine", json_null());
	}
	json_object_set_new(o, "inputs", json_integer((json_int_t)in->source_count));
	return o;
}

int tl_diff_json(const tl_diff *d, int exit_code, FILE *out)
{
	json_t *root = json_object(), *findings = json_object(), *added = json_array();
	json_t *fixed = json_array(), *summary = json_object(), *sections[TL_DRIFT_SECTION_COUNT];
	size_t s, i;
	int rc;

	json_object_set_new(root, "old", export_json(d->old_name, d->old_in));
	json_object_set_new(root, "new", export_json(d->new_name, d->new_in));
	for (s = 0; s < TL_DRIFT_SECTION_COUNT; s++)
		sections[s] = json_array();
	for (i = 0; i < d->drift->count; i++)
		json_array_append_new(sections[d->drift->changes[i].section],
				      change_json(&d->drift->changes[i]));
	for (s = 0; s < TL_DRIFT_SECTION_COUNT; s++) {
		const char *name = tl_drift_section_name((tl_drift_section)s);

		json_object_set_new(summary, name, json_integer((json_int_t)d->drift->section_count[s]));
		json_object_set_new(root, name, sections[s]);
	}
	for (i = 0; i < d->added_count; i++)
		json_array_append_new(added, finding_json(d->added[i]));
	for (i = 0; i < d->fixed_count; i++)
		json_array_append_new(fixed, finding_json(d->fixed[i]));
	json_object_set_new(findings, "new", added);
	json_object_set_new(findings, "fixed", fixed);
	json_object_set_new(root, "findings", findings);
	json_object_set_new(summary, "new_findings", json_integer((json_int_t)d->added_count));
	json_object_set_new(summary, "fixed_findings", json_integer((json_int_t)d->fixed_count));
	json_object_set_new(summary, "exit_code", json_integer(exit_code));
	json_object_set_new(root, "summary", summary);
	rc = json_dumpf(root, out, JSON_PRESERVE_ORDER | JSON_INDENT(2) | tl_json_flags());
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	json_decref(root);
	return rc == 0 && !ferror(out) ? 0 : -1;
}

/* ---- SARIF */

/* A tl_findings over borrowed findings, for the SARIF writer: its items
 * are shallow copies, freed with free(f.items) alone. */
static tl_findings borrowed_findings(const tl_finding *const *v, size_t n)
{
	tl_findings f = {0};
	size_t i;

	f.items = tl_xcalloc(n ? n : 1, sizeof(*f.items));
	for (i = 0; i < n; i++)
		f.items[i] = *v[i];
	f.count = f.cap = n;
	return f;
}

/* The fixed findings as a baseline: OLD's log of them, read back the way
 * `lint --baseline` reads one, so SARIF's "absent" results are the ones
 * lint writes (report/sarif.c). NULL when it cannot be built. */
static tl_baseline *fixed_baseline(const tl_diff *d)
{
	tl_findings f = borrowed_findings(d->fixed, d->fixed_count);
	tl_os_memout mem;
	tl_baseline *base = NULL;

	if (tl_os_memout_open(&mem)) {
		int rc = tl_sarif_write(&f, d->rules, d->old_in, NULL, 0, NULL, mem.fp);

		if (tl_os_memout_close(&mem) == 0 && rc == 0) {
			tl_diags *errs = tl_diags_new();

			base = tl_baseline_parse(d->old_name, mem.buf, mem.len, errs);
			tl_diags_free(errs);
		}
	}
	free(mem.buf);
	free(f.items);
	return base;
}

int tl_diff_sarif(const tl_diff *d, int exit_code, const tl_sarif_options *opt, FILE *out)
{
	tl_findings f = borrowed_findings(d->added, d->added_count);
	tl_baseline *base = fixed_baseline(d);
	int rc = base ? tl_sarif_write(&f, d->rules, d->new_in, base, exit_code, opt, out) : -1;

	tl_baseline_free(base);
	free(f.items);
	return rc;
}
