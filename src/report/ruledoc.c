/* ruledoc.c: the documents about rules: the listing and the field
 * catalogue of `trustlint rules`, the text of `trustlint explain`. See
 * ruledoc.h. */
#include "config.h"

#include "report/ruledoc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/json.h"
#include "base/util.h"
#include "rules/fields.h"

static json_t *rule_json(const tl_rule *r)
{
	json_t *o = json_object(), *params = json_object();
	size_t i;

	json_object_set_new(o, "id", json_string(r->id));
	json_object_set_new(o, "title", tl_json_str(r->title));
	json_object_set_new(o, "level", json_string(tl_severity_name(r->level)));
	json_object_set_new(o, "default_level", json_string(tl_severity_name(r->default_level)));
	json_object_set_new(o, "scope", json_string(r->scope_name));
	json_object_set_new(o, "enabled", json_boolean(r->enabled));
	json_object_set_new(o, "when", tl_json_str(r->when_text));
	json_object_set_new(o, "assert", tl_json_str(r->assert_text));
	json_object_set_new(o, "error_when", tl_json_str(r->error_when_text));
	json_object_set_new(o, "message", tl_json_str(r->message_text));
	json_object_set_new(o, "description", tl_json_str(r->description));
	json_object_set_new(o, "help", tl_json_str(r->help));
	json_object_set_new(o, "help_uri", tl_json_str(r->help_uri));
	json_object_set_new(o, "tags", tl_json_strv(r->tags, r->tag_count));
	json_object_set_new(o, "security_severity",
			    r->has_security_severity ? json_real(r->security_severity) : json_null());
	json_object_set_new(o, "precision", tl_json_str(r->precision));
	for (i = 0; i < r->param_count; i++)
		json_object_set_new(params, r->params[i].name, tl_json_str(r->params[i].text));
	json_object_set_new(o, "params", params);
	json_object_set_new(o, "file", tl_json_str(r->file));
	json_object_set_new(o, "line", json_integer(r->line));
	return o;
}

int tl_ruledoc_list_json(const tl_ruleset *rs, FILE *out)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < tl_ruleset_count(rs); i++)
		json_array_append_new(a, rule_json(tl_ruleset_at(rs, i)));
	json_dumpf(a, out, JSON_PRESERVE_ORDER | JSON_INDENT(2) | tl_json_flags());
	fputc('\n', out);
	json_decref(a);
	return ferror(out) ? -1 : 0;
}

int tl_ruledoc_list_text(const tl_ruleset *rs, FILE *out)
{
	size_t i;

	for (i = 0; i < tl_ruleset_count(rs); i++) {
		const tl_rule *r = tl_ruleset_at(rs, i);
		tl_buf t = {0};

		tl_escape_text(&t, r->title);
		fprintf(out, "%-32s %-7s %-7s %s%s\n", r->id, tl_severity_name(r->level),
			r->scope_name, t.data, r->enabled ? "" : " (disabled)");
		tl_buf_free(&t);
	}
	fprintf(out, "%zu rule%s\n", tl_ruleset_count(rs), tl_ruleset_count(rs) == 1 ? "" : "s");
	return ferror(out) ? -1 : 0;
}

int tl_ruledoc_fields(FILE *out)
{
	int scope;
	size_t i, n;

	for (scope = 0; scope < TL_SCOPE_COUNT; scope++) {
		const tl_field_doc *f = tl_fields_of(scope, &n);

		fprintf(out, "scope %s\n", tl_scope_name(scope));
		for (i = 0; i < n; i++) {
			char type[32];

			if (f[i].type == TL_T_LIST)
				snprintf(type, sizeof(type), "list of %s", tl_type_name(f[i].elem));
			else
				snprintf(type, sizeof(type), "%s", tl_type_name(f[i].type));
			fprintf(out, "  %-40s %-16s %s (from: %s)\n", f[i].name, type, f[i].doc,
				f[i].source);
		}
	}
	return ferror(out) ? -1 : 0;
}

/* A labelled block of input-derived text, escaped line by line. */
static void print_block(FILE *out, const char *label, const char *text)
{
	tl_buf t = {0};
	const char *p;

	if (!text)
		return;
	fprintf(out, "%s:\n", label);
	for (p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		t.len = 0;
		tl_escape_textn(&t, p, n);
		fprintf(out, "  %s\n", t.data);
		p += n + (nl ? 1 : 0);
	}
	tl_buf_free(&t);
}

int tl_ruledoc_explain_diag(const struct tl_diag_info *d, FILE *out)
{
	fprintf(out, "%s: %s\n", d->id, d->meaning);
	fprintf(out, "level: %s, reported by trustlint itself (not a rule)%s\n",
		tl_severity_name(d->level), tl_diag_id_known(d->id) ? ", a waiver may name it" : "");
	print_block(out, "help", d->help);
	return ferror(out) ? -1 : 0;
}

int tl_ruledoc_explain_rule(const tl_rule *r, FILE *out)
{
	char *title = tl_escaped(r->title), *file = tl_escaped(r->file);
	size_t i;

	fprintf(out, "%s: %s\n", r->id, title);
	fprintf(out, "level: %s%s, scope: %s, defined at %s:%u\n", tl_severity_name(r->level),
		r->enabled ? "" : " (disabled)", r->scope_name, file, (unsigned)r->line);
	free(title);
	free(file);
	print_block(out, "description", r->description);
	print_block(out, "help", r->help);
	if (r->help_uri) {
		char *uri = tl_escaped(r->help_uri);

		fprintf(out, "more: %s\n", uri);
		free(uri);
	}
	if (r->tag_count) {
		tl_buf tags = {0};

		for (i = 0; i < r->tag_count; i++) {
			tl_buf_addc(&tags, ' ');
			tl_escape_text(&tags, r->tags[i]);
		}
		fprintf(out, "tags:%s\n", tags.data);
		tl_buf_free(&tags);
	}
	if (r->has_security_severity || r->precision) {
		char *prec = tl_escaped(r->precision ? r->precision : "-");

		fprintf(out, "security severity: %.1f, precision: %s\n", r->security_severity, prec);
		free(prec);
	}
	print_block(out, "when", r->when_text ? r->when_text : "true");
	print_block(out, "assert", r->assert_text);
	print_block(out, "error when", r->error_when_text);
	print_block(out, "message", r->message_text);
	for (i = 0; i < r->param_count; i++) {
		char *text = tl_escaped(r->params[i].text);

		fprintf(out, "param.%s = %s%s\n", r->params[i].name, text,
			r->params[i].overridden ? " (from the command line)" : "");
		free(text);
	}
	return ferror(out) ? -1 : 0;
}
