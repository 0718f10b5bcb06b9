/* sarif.c: see sarif.h. Property names and shapes follow the OASIS SARIF
 * 2.1.0 standard and GitHub code scanning's reading of it. */
#include "config.h"

#include "report/sarif.h"

#include "report/baseline.h"
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/fields.h"
#include "base/diagids.h"
#include "base/json.h"
#include "base/os.h"
#include "base/util.h"
#include "report/lintjson.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* The descriptors of the run: the rule set's rules, then the input-* ids in
 * order of first appearance. */
typedef struct input_descriptor {
	const char *id; /* borrowed from the findings and diagnostics */
	tl_severity level;
} input_descriptor;

typedef struct descriptors {
	const tl_ruleset *rs;
	size_t rule_count;
	input_descriptor *inputs;
	size_t input_count;
	size_t input_cap;
} descriptors;

static long descriptor_index(const descriptors *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->rule_count; i++)
		if (!strcmp(tl_ruleset_at(d->rs, i)->id, id))
			return (long)i;
	for (i = 0; i < d->input_count; i++)
		if (!strcmp(d->inputs[i].id, id))
			return (long)(d->rule_count + i);
	return -1;
}

static void descriptor_add_input(descriptors *d, const char *id, tl_severity level)
{
	if (descriptor_index(d, id) >= 0)
		return;
	tl_xgrow((void **)&d->inputs, &d->input_cap, d->input_count + 1, sizeof(*d->inputs));
	d->inputs[d->input_count].id = id;
	d->inputs[d->input_count].level = level;
	d->input_count++;
}

/* "root-not-self-signed" -> "RootNotSelfSigned" (reportingDescriptor.name
 * is meant to be an identifier-like name, distinct from the id). */
static char *pascal_case(const char *id)
{
	tl_buf b = {0};
	bool up = true;
	const char *p;

	for (p = id; *p; p++) {
		if (*p == '-' || *p == '_' || *p == '.') {
			up = true;
			continue;
		}
		if (up && *p >= 'a' && *p <= 'z')
			tl_buf_addc(&b, (char)(*p - 'a' + 'A'));
		else
			tl_buf_addc(&b, *p);
		up = false;
	}
	if (!b.data)
		tl_buf_adds(&b, "");
	return tl_buf_steal(&b);
}

static json_t *text_object(const char *text)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", tl_json_str(text ? text : ""));
	return o;
}

static json_t *rule_descriptor(const tl_rule *r)
{
	json_t *o = json_object(), *help = json_object(), *conf = json_object();
	json_t *props = json_object();
	/* parameters as their values: GitHub shows these texts as they are */
	char *title = tl_rule_expand_params(r, r->title);
	char *description = tl_rule_expand_params(r, r->description ? r->description : r->title);
	char *help_text = tl_rule_expand_params(r, r->help ? r->help : r->description ? r->description
											 : r->title);
	char *name = pascal_case(r->id);
	tl_buf md = {0};

	json_object_set_new(o, "id", tl_json_str(r->id));
	json_object_set_new(o, "name", tl_json_str(name));
	free(name);
	json_object_set_new(o, "shortDescription", text_object(title));
	json_object_set_new(o, "fullDescription", text_object(description));
	free(title);
	free(description);
	json_object_set_new(help, "text", tl_json_str(help_text ? help_text : ""));
	tl_buf_adds(&md, help_text ? help_text : "");
	if (r->help_uri)
		tl_buf_printf(&md, "\n\n[%s](%s)", r->id, r->help_uri);
	json_object_set_new(help, "markdown", tl_json_str(md.data ? md.data : ""));
	tl_buf_free(&md);
	free(help_text);
	json_object_set_new(o, "help", help);
	if (r->help_uri)
		json_object_set_new(o, "helpUri", tl_json_str(r->help_uri));
	if (!r->enabled)
		json_object_set_new(conf, "enabled", json_false());
	json_object_set_new(conf, "level", json_string(tl_severity_name(r->level)));
	json_object_set_new(o, "defaultConfiguration", conf);
	json_object_set_new(props, "tags", tl_json_strv(r->tags, r->tag_count));
	if (r->has_security_severity) {
		/* GitHub counts a rule as a security rule, and reads its
		 * security-severity, only when "security" is among its tags;
		 * added here so a user's rule file need not know that */
		json_t *tags = json_object_get(props, "tags");
		size_t i;
		bool tagged = false;

		for (i = 0; i < r->tag_count; i++)
			tagged = tagged || !strcmp(r->tags[i], "security");
		if (!tagged)
			json_array_append_new(tags, json_string("security"));
	}
	if (r->precision)
		json_object_set_new(props, "precision", tl_json_str(r->precision));
	if (r->has_security_severity) {
		/* GitHub code scanning reads security-severity as a string */
		char *sev = tl_xasprintf("%.1f", r->security_severity);
		json_object_set_new(props, "security-severity", json_string(sev));
		free(sev);
	}
	json_object_set_new(o, "properties", props);
	return o;
}

/* An input-*, waiver-* or rule-file descriptor, from the diagnostics table
 * (base/diagids.h); level is the one first seen in the run, used only for an
 * id the table lacks. */
static json_t *input_descriptor_json(const char *id, tl_severity level)
{
	json_t *o = json_object(), *conf = json_object(), *props = json_object();
	json_t *tags = json_array();
	const struct tl_diag_info *row = tl_diag_info(id);
	char *name = pascal_case(id);

	json_object_set_new(o, "id", tl_json_str(id));
	json_object_set_new(o, "name", tl_json_str(name));
	free(name);
	if (row) {
		json_t *help = json_object();

		json_object_set_new(o, "shortDescription", text_object(row->meaning));
		json_object_set_new(o, "fullDescription", text_object(row->help));
		json_object_set_new(help, "text", tl_json_str(row->help));
		json_object_set_new(help, "markdown", tl_json_str(row->help));
		json_object_set_new(o, "help", help);
		level = row->level;
	} else {
		json_object_set_new(o, "shortDescription", text_object(id));
	}
	json_object_set_new(conf, "level", json_string(tl_severity_name(level)));
	json_object_set_new(o, "defaultConfiguration", conf);
	json_array_append_new(tags, json_string("input"));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(o, "properties", props);
	return o;
}

/* path without empty and "." segments: "export/" joined with "Root.sst"
 * by the loader is "export//Root.sst", and "./x" names the same file as
 * "x"; GitHub matches alerts across runs by the URI string, so one file
 * must have one spelling. ".." is kept: only the file system knows where
 * it leads when a segment is a symbolic link. */
static char *clean_path(const char *path)
{
	tl_buf b = {0};
	const char *p = path, *end;

	if (*p == '/')
		tl_buf_addc(&b, '/');
	while (*p) {
		while (*p == '/')
			p++;
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		if (end > p && !(end - p == 1 && *p == '.')) {
			if (b.len && b.data[b.len - 1] != '/')
				tl_buf_addc(&b, '/');
			tl_buf_add(&b, p, (size_t)(end - p));
		}
		p = end;
	}
	if (!b.len)
		tl_buf_adds(&b, path[0] == '/' ? "/" : ".");
	return tl_buf_steal(&b);
}

/* RFC 3986: everything but unreserved characters and the path separator is
 * percent-encoded, so spaces, '#', '%', ':' (a scheme in a relative first
 * segment), backslashes and non-ASCII bytes survive. On Windows '\\' is a
 * separator, written '/', and C:\\x is file:///C:/x (tl_os_uri_path). */
static char *path_uri(const char *raw)
{
	static const char unreserved[] = "-._~/";
	char *slashed = tl_os_uri_path(raw);
	/* a UNC path, //server/share/x: file://server/share/x */
	bool unc = tl_os_is_unc(slashed);
	char *path = clean_path(slashed + (unc ? 2 : 0));
	const unsigned char *p = (const unsigned char *)path;
	tl_buf b = {0};

	free(slashed);
	if (unc) {
		tl_buf_adds(&b, "file://");
	} else if (path[0] == '/') {
		tl_buf_adds(&b, "file://");
		/* a drive's colon is the one a URI's path keeps as it is */
		if (tl_os_is_drive(path + 1)) {
			tl_buf_add(&b, path, 3);
			p += 3;
		}
	}
	for (; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr(unreserved, *p))
			tl_buf_addc(&b, (char)*p);
		else
			tl_buf_printf(&b, "%%%02X", *p);
	}
	free(path);
	return tl_buf_steal(&b);
}

/* What every part of the log is written against: the inputs, the options,
 * and with --sarif-root the root and working directory, absolute and free
 * of symbolic links so that a file's path can be cut at the root. */
typedef struct sarif_ctx {
	const tl_inputs *in;
	const tl_sarif_options *opt;
	char *root; /* realpath of opt->root, or NULL */
	char *cwd;  /* with root: the working directory */
} sarif_ctx;

/* file, absolute, its folder resolved as the root is; the name itself is
 * kept, since a symbolic link in the repository is the file the user
 * means. NULL when the folder cannot be resolved. */
static char *absolute_path(const char *file)
{
	const char *slash = tl_os_last_sep(file);
	char *dir = slash ? tl_xstrndup(file, (size_t)(slash - file) + (slash == file)) : tl_xstrdup(".");
	char *real = tl_os_realpath(dir), *abs = NULL;

	free(dir);
	if (real) {
		char *joined = tl_os_path_join(real, slash ? slash + 1 : file);

		/* '/' only, as the root is (tl_sarif_write) */
		abs = tl_os_uri_path(joined);
		free(joined);
		free(real);
	}
	return abs;
}

/* The URI of file in the log; *relative says whether it is relative to
 * %SRCROOT% (the root, or the working directory). */
static char *artifact_uri(const sarif_ctx *c, const char *file, bool *relative)
{
	char *abs, *uri;
	size_t n;

	*relative = !tl_os_path_is_absolute(file);
	if (!c->root)
		return path_uri(file);
	abs = absolute_path(file);
	if (!abs)
		return path_uri(file);
	n = strlen(c->root);
	if (!strcmp(c->root, "/")) {
		uri = path_uri(abs + 1);
		*relative = true;
	} else if (!tl_os_path_ncmp(abs, c->root, n) && abs[n] == '/') {
		uri = path_uri(abs + n + 1);
		*relative = true;
	} else {
		uri = path_uri(abs);
		*relative = false;
	}
	free(abs);
	return uri;
}

/* {"uri": "file:///dir/"}: SARIF 3.14.14 wants a base URI to end in '/'. */
static json_t *folder_location(const char *dir)
{
	json_t *o = json_object();
	char *uri = path_uri(dir);
	char *with_slash = tl_xasprintf("%s%s", uri, uri[strlen(uri) - 1] == '/' ? "" : "/");

	json_object_set_new(o, "uri", json_string(with_slash));
	free(with_slash);
	free(uri);
	return o;
}

static long source_index(const tl_inputs *in, const char *file)
{
	size_t i;

	for (i = 0; i < in->source_count; i++)
		if (!strcmp(in->sources[i]->path, file))
			return (long)i;
	return -1;
}

/* {"uri", "uriBaseId"} of file, without the index. */
static json_t *uri_object(const sarif_ctx *c, const char *file)
{
	json_t *o = json_object();
	bool relative;
	char *uri = artifact_uri(c, file, &relative);

	json_object_set_new(o, "uri", json_string(uri));
	free(uri);
	if (relative)
		json_object_set_new(o, "uriBaseId", json_string("%SRCROOT%"));
	return o;
}

static json_t *artifact_location(const sarif_ctx *c, const char *file)
{
	json_t *o = uri_object(c, file);
	long index = source_index(c->in, file);

	if (index >= 0)
		json_object_set_new(o, "index", json_integer(index));
	return o;
}

/* A location: the physical place, when there is a file, and the logical
 * name, when there is one. NULL when there is neither. */
static json_t *location(const sarif_ctx *c, const tl_loc *loc, const char *object)
{
	json_t *l, *phys, *region;

	if (!loc->file && !object)
		return NULL;
	l = json_object();
	if (loc->file) {
		phys = json_object();
		json_object_set_new(phys, "artifactLocation", artifact_location(c, loc->file));
		/* GitHub code scanning places an alert by region.startLine and
		 * drops the location without one (SARIF SDK rule GH1003), so
		 * every physical location has a region: the line, its column (1
		 * when unknown) and the same endLine for a text line; line 1
		 * for a whole file or a binary one */
		if (loc->kind == TL_LOC_LINE && loc->line > 0) {
			region = json_object();
			json_object_set_new(region, "startLine", json_integer(loc->line));
			json_object_set_new(region, "startColumn", json_integer(loc->col > 0 ? loc->col : 1));
			json_object_set_new(region, "endLine", json_integer(loc->line));
			json_object_set_new(phys, "region", region);
		} else if (loc->kind != TL_LOC_OFFSET) {
			region = json_object();
			json_object_set_new(region, "startLine", json_integer(1));
			json_object_set_new(phys, "region", region);
		} else {
			region = json_object();
			json_object_set_new(region, "byteOffset", json_integer((json_int_t)loc->offset));
			if (loc->length > 0)
				json_object_set_new(region, "byteLength",
						    json_integer((json_int_t)loc->length));
			/* GitHub code scanning wants a line even for binary files */
			json_object_set_new(region, "startLine", json_integer(1));
			json_object_set_new(phys, "region", region);
		}
		json_object_set_new(l, "physicalLocation", phys);
	}
	if (object) {
		json_t *logical = json_array(), *ll = json_object();

		json_object_set_new(ll, "fullyQualifiedName", tl_json_str(object));
		json_object_set_new(ll, "kind", json_string("resource"));
		json_array_append_new(logical, ll);
		json_object_set_new(l, "logicalLocations", logical);
	}
	return l;
}

/* locations[] of one location, or NULL. */
static json_t *locations(const sarif_ctx *c, const tl_loc *loc, const char *object)
{
	json_t *l = location(c, loc, object), *arr;

	if (!l)
		return NULL;
	arr = json_array();
	json_array_append_new(arr, l);
	return arr;
}

/* relatedLocations[] (SARIF 3.27.22): each object the message names
 * (list() in the rule's message), with its id and, as its message, its
 * name (a certificate's subject first). */
static json_t *related_locations(const tl_finding *x, const sarif_ctx *c)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < x->related_count; i++) {
		const tl_related *r = &x->related[i];
		json_t *l = location(c, &r->loc, r->object);

		if (!l)
			continue;
		json_object_set_new(l, "id", json_integer((json_int_t)i));
		if (r->about.subject) {
			tl_buf b = {0};

			tl_buf_printf(&b, "'%s' (%s)", r->about.subject, r->object);
			json_object_set_new(l, "message", text_object(b.data));
			tl_buf_free(&b);
		} else {
			json_object_set_new(l, "message", text_object(r->object));
		}
		json_array_append_new(arr, l);
	}
	return arr;
}

/* The fingerprint baselines compare (baseline.h): of the rule and the
 * object, or for a result about a file as a whole (an input-* diagnostic:
 * no object) of the rule, the file's URI and the message, so the same
 * diagnostic on two files is two alerts, not one GitHub would merge. The
 * URI is the one the log writes, after --sarif-root, so it does not depend
 * on the working directory. Results about objects keep theirs: a baseline
 * written before still matches them. */
static void fingerprint(const tl_finding *x, const sarif_ctx *c, char out[40])
{
	bool relative;
	char *uri;

	if (x->object || !x->loc.file) {
		tl_fingerprint(x->rule_id, x->object, x->message, out);
		return;
	}
	uri = artifact_uri(c, x->loc.file, &relative);
	tl_file_fingerprint(x->rule_id, uri, x->message, out);
	free(uri);
}

/* properties for the object a finding is about: thumbprints and store of a
 * certificate or CTL, the store, the endpoint of a binding, the name of a
 * site. NULL when none apply. */
static json_t *object_properties(const tl_finding *x, const tl_about *ab)
{
	json_t *props = json_object();
	char *s;

	if (ab->hashes != TL_ABOUT_NO_HASHES) {
		s = tl_xhex(ab->sha1, 20, true);
		json_object_set_new(props, "sha1", json_string(s));
		free(s);
		s = tl_xhex(ab->sha256, 32, true);
		json_object_set_new(props, "sha256", json_string(s));
		free(s);
	}
	if (ab->store) {
		tl_buf b = {0};

		tl_store_label(&b, ab->location, ab->store);
		json_object_set_new(props, "store", tl_json_str(b.data));
		tl_buf_free(&b);
	}
	if (ab->subject)
		json_object_set_new(props, "subject", tl_json_str(ab->subject));
	if (ab->binding)
		json_object_set_new(props, "binding", tl_json_str(ab->binding));
	if (ab->site)
		json_object_set_new(props, "site", tl_json_str(ab->site));
	/* the bindings and sites the message names, for dashboards that group
	 * by them */
	{
		json_t *bindings = json_array(), *sites = json_array();
		size_t i;

		for (i = 0; i < x->related_count; i++) {
			if (x->related[i].about.binding)
				json_array_append_new(bindings, tl_json_str(x->related[i].about.binding));
			if (x->related[i].about.site)
				json_array_append_new(sites, tl_json_str(x->related[i].about.site));
		}
		if (json_array_size(bindings))
			json_object_set_new(props, "bindings", bindings);
		else
			json_decref(bindings);
		if (json_array_size(sites))
			json_object_set_new(props, "sites", sites);
		else
			json_decref(sites);
	}
	if (json_object_size(props) == 0) {
		json_decref(props);
		return NULL;
	}
	return props;
}

static json_t *result(const tl_finding *x, const descriptors *d, const sarif_ctx *c,
		      tl_baseline *base)
{
	json_t *o = json_object(), *fp = json_object(), *locs, *props;
	long index = descriptor_index(d, x->rule_id);
	char value[40];
	tl_about ab;

	json_object_set_new(o, "ruleId", tl_json_str(x->rule_id));
	if (index >= 0)
		json_object_set_new(o, "ruleIndex", json_integer(index));
	json_object_set_new(o, "level", json_string(tl_severity_name(x->level)));
	/* GitHub lists alerts by message: two certificates with one subject
	 * are told apart by the thumbprint, which the message then names
	 * (after the fingerprint, which stays the rule's) */
	tl_finding_about(x, &ab);
	if (ab.hashes != TL_ABOUT_NO_HASHES) {
		char hex[41];

		tl_hex(ab.sha1, 20, hex, true);
		if (!strstr(x->message, hex)) {
			tl_buf t = {0};

			tl_buf_printf(&t, "%s [SHA-1 %s]", x->message, hex);
			json_object_set_new(o, "message", text_object(t.data));
			tl_buf_free(&t);
		} else {
			json_object_set_new(o, "message", text_object(x->message));
		}
	} else {
		json_object_set_new(o, "message", text_object(x->message));
	}
	locs = locations(c, &x->loc, x->object);
	if (locs)
		json_object_set_new(o, "locations", locs);
	if (x->related_count)
		json_object_set_new(o, "relatedLocations", related_locations(x, c));
	fingerprint(x, c, value);
	json_object_set_new(fp, "primaryLocationLineHash", json_string(value));
	json_object_set_new(o, "partialFingerprints", fp);
	if (x->waiver) {
		/* SARIF 3.35: accepted outside the log, by the waiver file */
		json_t *sups = json_array(), *sup = json_object(), *sp = json_object();
		json_object_set_new(sup, "kind", json_string("external"));
		json_object_set_new(sup, "justification", tl_json_str(x->waiver->reason));
		json_object_set_new(sp, "waiver", tl_json_str(x->waiver->id));
		if (x->waiver->owner)
			json_object_set_new(sp, "owner", tl_json_str(x->waiver->owner));
		json_object_set_new(sup, "properties", sp);
		json_array_append_new(sups, sup);
		json_object_set_new(o, "suppressions", sups);
	}
	if (base) {
		json_object_set_new(o, "baselineState",
				    json_string(tl_baseline_state(base, x->rule_id, value)));
		tl_baseline_mark_seen(base, x->rule_id, value);
	}
	props = object_properties(x, &ab);
	if (props)
		json_object_set_new(o, "properties", props);
	return o;
}

static json_t *notification(const tl_diag *g, const sarif_ctx *c)
{
	json_t *o = json_object(), *desc = json_object(), *locs;

	json_object_set_new(o, "level", json_string(tl_severity_name(g->sev)));
	json_object_set_new(o, "message", text_object(g->msg));
	json_object_set_new(desc, "id", tl_json_str(g->id));
	json_object_set_new(o, "descriptor", desc);
	locs = locations(c, &g->loc, NULL);
	if (locs)
		json_object_set_new(o, "locations", locs);
	return o;
}

static json_t *artifact(const tl_source *src, const sarif_ctx *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "location", uri_object(c, src->path));
	json_object_set_new(o, "length", json_integer((json_int_t)src->len));
	/* the encoding the loader found (input/input.c): only .reg files have
	 * one to name; the other formats are binary or ASCII */
	if (src->encoding)
		json_object_set_new(o, "encoding", json_string(src->encoding));
	return o;
}

/* region[key] = value, when the baseline had one. */
static void set_region_int(json_t *region, const char *key, int64_t value)
{
	if (value >= 0)
		json_object_set_new(region, key, json_integer((json_int_t)value));
}

/* The last place of a result the run no longer produces, as the baseline
 * log wrote it: the file (not indexed: it may be no artifact of this run)
 * and region, so GitHub can show where the alert was; line 1 when the log
 * had no startLine, since GitHub drops a location without one. NULL when
 * the baseline result named no file. */
static json_t *absent_physical_location(const tl_baseline_result *b)
{
	json_t *phys, *art, *region;

	if (!b->uri)
		return NULL;
	phys = json_object();
	art = json_object();
	json_object_set_new(art, "uri", tl_json_str(b->uri));
	if (b->uri_base_id)
		json_object_set_new(art, "uriBaseId", tl_json_str(b->uri_base_id));
	json_object_set_new(phys, "artifactLocation", art);
	region = json_object();
	set_region_int(region, "startLine", b->region.start_line >= 1 ? b->region.start_line : 1);
	set_region_int(region, "startColumn", b->region.start_column);
	set_region_int(region, "endLine", b->region.end_line);
	set_region_int(region, "endColumn", b->region.end_column);
	set_region_int(region, "byteOffset", b->region.byte_offset);
	set_region_int(region, "byteLength", b->region.byte_length);
	json_object_set_new(phys, "region", region);
	return phys;
}

/* A baseline result the run no longer produces (SARIF 3.27.24 "absent"). */
static json_t *absent_result(const tl_baseline_result *b, const descriptors *d)
{
	json_t *o = json_object(), *fp = json_object(), *loc = json_object();
	json_t *phys = absent_physical_location(b);
	long index = descriptor_index(d, b->rule_id);

	json_object_set_new(o, "ruleId", tl_json_str(b->rule_id));
	if (index >= 0)
		json_object_set_new(o, "ruleIndex", json_integer(index));
	if (b->level)
		json_object_set_new(o, "level", tl_json_str(b->level));
	json_object_set_new(o, "message", text_object(b->message ? b->message : "no longer found"));
	if (phys)
		json_object_set_new(loc, "physicalLocation", phys);
	if (b->object) {
		json_t *ll = json_array(), *l = json_object();
		json_object_set_new(l, "fullyQualifiedName", tl_json_str(b->object));
		json_object_set_new(l, "kind", json_string("resource"));
		json_array_append_new(ll, l);
		json_object_set_new(loc, "logicalLocations", ll);
	}
	if (json_object_size(loc)) {
		json_t *locs = json_array();

		json_array_append_new(locs, loc);
		json_object_set_new(o, "locations", locs);
	} else {
		json_decref(loc);
	}
	json_object_set_new(fp, "primaryLocationLineHash", tl_json_str(b->fingerprint));
	json_object_set_new(o, "partialFingerprints", fp);
	json_object_set_new(o, "baselineState", json_string("absent"));
	return o;
}

int tl_sarif_write(tl_findings *f, const tl_ruleset *rs, const tl_inputs *in,
		   tl_baseline *base, int exit_code, const tl_sarif_options *opt, FILE *out)
{
	json_t *log = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object(), *rules = json_array();
	json_t *invocations = json_array(), *inv = json_object();
	json_t *notes = json_array(), *artifacts = json_array();
	descriptors d = {0};
	static const tl_sarif_options defaults = {0};
	sarif_ctx c = {in, opt ? opt : &defaults, NULL, NULL};
	tl_json_stream st;
	size_t i, n;
	int rc;

	tl_findings_describe(f);
	if (c.opt->root) {
		char *root = tl_os_realpath(c.opt->root);

		/* with '/' only, as absolute_path() makes files' paths, and
		 * no separator last (Windows keeps the one given: C:\\ is /C:) */
		c.root = root ? tl_os_uri_path(root) : NULL;
		free(root);
		if (c.root) {
			size_t len = strlen(c.root);

			while (len > 1 && c.root[len - 1] == '/')
				c.root[--len] = '\0';
		}
		c.cwd = tl_os_getcwd();
	}

	d.rs = rs;
	d.rule_count = tl_ruleset_count(rs);
	for (i = 0; i < f->count; i++)
		if (!f->items[i].rule)
			descriptor_add_input(&d, f->items[i].rule_id, f->items[i].level);
	n = in->diags ? tl_diags_count(in->diags) : 0;
	for (i = 0; i < n; i++) {
		const tl_diag *g = tl_diags_at(in->diags, i);
		descriptor_add_input(&d, g->id, g->sev);
	}

	for (i = 0; i < d.rule_count; i++)
		json_array_append_new(rules, rule_descriptor(tl_ruleset_at(rs, i)));
	for (i = 0; i < d.input_count; i++)
		json_array_append_new(rules, input_descriptor_json(d.inputs[i].id, d.inputs[i].level));
	json_object_set_new(driver, "name", json_string("trustlint"));
	json_object_set_new(driver, "version", json_string(PACKAGE_VERSION));
	/* GitHub shows semanticVersion to tell the tool's releases apart */
	json_object_set_new(driver, "semanticVersion", json_string(PACKAGE_VERSION));
	json_object_set_new(driver, "informationUri", json_string(PACKAGE_URL));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);

	json_object_set_new(inv, "executionSuccessful", json_boolean(exit_code != 2));
	json_object_set_new(inv, "exitCode", json_integer(exit_code));
	if (c.cwd)
		json_object_set_new(inv, "workingDirectory", folder_location(c.cwd));
	for (i = 0; i < n; i++)
		json_array_append_new(notes, notification(tl_diags_at(in->diags, i), &c));
	json_object_set_new(inv, "toolExecutionNotifications", notes);
	json_array_append_new(invocations, inv);

	for (i = 0; i < in->source_count; i++)
		json_array_append_new(artifacts, artifact(in->sources[i], &c));

	json_object_set_new(run, "tool", tool);
	if (c.opt->category) {
		/* SARIF 3.17: "category/" names a category, each run its own
		 * instance; GitHub reads the part before the last '/' */
		json_t *auto_details = json_object();
		size_t len = strlen(c.opt->category);
		char *id = tl_xasprintf("%s%s", c.opt->category,
					c.opt->category[len - 1] == '/' ? "" : "/");

		json_object_set_new(auto_details, "id", tl_json_str(id));
		free(id);
		json_object_set_new(run, "automationDetails", auto_details);
	}
	if (c.root) {
		json_t *bases = json_object();

		json_object_set_new(bases, "%SRCROOT%", folder_location(c.root));
		json_object_set_new(run, "originalUriBaseIds", bases);
	}
	json_object_set_new(run, "invocations", invocations);
	json_object_set_new(run, "artifacts", artifacts);
	json_object_set_new(run, "results", tl_json_slot());
	/* the machine the collection script's export.json names (SARIF
	 * 3.8 property bags) */
	if (in->manifest) {
		json_t *props = json_object();

		json_object_set_new(props, "machine", tl_export_json(in->manifest));
		json_object_set_new(run, "properties", props);
	}
	json_array_append_new(runs, run);
	json_object_set_new(log, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(log, "version", json_string("2.1.0"));
	json_object_set_new(log, "runs", runs);

	/* the results are written one at a time (json.h); the absent ones
	 * are those no result marked seen, so they come last */
	tl_json_stream_open(&st, log, out);
	json_decref(log);
	for (i = 0; i < f->count; i++)
		tl_json_stream_add(&st, result(&f->items[i], &d, &c, base));
	if (base && !c.opt->omit_absent) {
		const tl_baseline_result **gone = NULL;
		size_t k, ng = tl_baseline_absent(base, &gone);
		for (k = 0; k < ng; k++)
			tl_json_stream_add(&st, absent_result(gone[k], &d));
		free(gone);
	}
	rc = tl_json_stream_close(&st);
	free(d.inputs);
	free(c.root);
	free(c.cwd);
	return rc == 0 ? 0 : -1;
}
