/* fleet.c: one report for a fleet from its machines' reports (fleet.h).
 *
 * Text: each machine's report under a header naming it, what its run said
 * on standard error, then a table with a line per machine. JSON: the
 * machine reports as machines[] (doc/lint-json.md). SARIF: one run per
 * machine, each with its automationDetails.id, so code scanning keeps the
 * alerts of each machine apart. GitLab: one array. JUnit: one
 * <testsuites> whose suites are named after their machine. */
#include "config.h"

#include "report/fleet.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/json.h"
#include "base/source.h"
#include "base/util.h"
#include "report/ci.h"
#include "report/html.h"

/* Exit status of a run that checked nothing or could not start (main.c's
 * EXIT_USAGE). */
#define FLEET_EXIT_FAILED 2

char *tl_fleet_category(const char *category, const char *machine)
{
	size_t n = category ? strlen(category) : 0;

	/* "--sarif-category ci/" would give "ci//web01/" */
	while (n > 0 && category[n - 1] == '/')
		n--;
	return tl_xasprintf("%.*s/%s/", (int)(category ? n : 9), category ? category : "trustlint",
			    machine);
}

/* Whether machine i was linted: its run ended with 0 or 1, after it put
 * its reports in place (main.c). */
static bool linted(const tl_fleet_run *r, size_t i)
{
	return r->exit_codes[i] == 0 || r->exit_codes[i] == 1;
}

/* "trustlint: the <format> report of machine 'NAME' cannot be read back:
 * WHY", the name escaped, on stderr: the fleet's report then lacks it. */
static void lost(const tl_fleet_run *r, size_t i, const char *format, const char *why)
{
	tl_buf b = {0};

	tl_buf_printf(&b, "trustlint: the %s report of machine '", format);
	tl_escape_text(&b, r->fleet->machines[i].name);
	tl_buf_adds(&b, "' cannot be read back: ");
	tl_escape_text(&b, why);
	fprintf(stderr, "%s\n", b.data);
	tl_buf_free(&b);
}

/* The bytes of machine i's report in format (or "err": what it said), or
 * NULL when it has none: a machine not linted has no report. A linted
 * machine's report that cannot be read is said, and *bad set. */
static tl_source *machine_file(const tl_fleet_run *r, size_t i, const char *format, bool *bad)
{
	char *path, *err = NULL;
	tl_source *src;
	bool report = strcmp(format, "err") != 0;

	if (report && !linted(r, i))
		return NULL;
	path = tl_xasprintf("%s/%zu.%s", r->dir, i, format);
	src = tl_source_read(path, TL_MAX_BASELINE_BYTES, &err, NULL);
	if (!src && report) {
		lost(r, i, format, err ? err : "missing");
		*bad = true;
	}
	free(err);
	free(path);
	return src;
}

static json_t *machine_json(const tl_fleet_run *r, size_t i, const char *format, bool *bad)
{
	tl_source *src = machine_file(r, i, format, bad);
	json_t *doc = NULL;

	if (src) {
		json_error_t e;
		doc = json_loadb((const char *)src->data, src->len, 0, &e);
		if (!doc) {
			lost(r, i, format, e.text);
			*bad = true;
		}
	}
	tl_source_free(src);
	return doc;
}

/* What machine i's run said on standard error, trimmed, or NULL. */
static char *machine_said(const tl_fleet_run *r, size_t i)
{
	bool unused = false;
	tl_source *src = machine_file(r, i, "err", &unused);
	char *s = NULL;
	size_t n;

	if (src) {
		n = src->len;
		while (n > 0 && (src->data[n - 1] == '\n' || src->data[n - 1] == '\r'))
			n--;
		if (n)
			s = tl_xstrndup((const char *)src->data, n);
	}
	tl_source_free(src);
	return s;
}

static json_int_t summary_int(json_t *doc, const char *key)
{
	json_t *v = json_object_get(json_object_get(doc, "summary"), key);

	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* What the fleet's table says of one machine, from its JSON report. */
typedef struct machine_row {
	bool linted;
	json_int_t count[6]; /* errors, warnings, notes, certificates, stores, bindings */
	char *computer;
} machine_row;

static const char *const row_keys[6] = {"errors", "warnings", "notes", "certificates", "stores", "bindings"};

static int write_text(const tl_fleet_run *r, FILE *out)
{
	bool bad = false;
	const tl_fleet *fl = r->fleet;
	machine_row *rows = tl_xcalloc(fl->count ? fl->count : 1, sizeof(*rows));
	json_int_t total[3] = {0, 0, 0};
	size_t i, k, failed = 0;
	tl_buf b = {0};

	/* each machine's report under its header; its JSON report read once,
	 * for the header's computer name and the table */
	for (i = 0; i < fl->count; i++) {
		tl_source *text = machine_file(r, i, "text", &bad);
		json_t *doc = machine_json(r, i, "json", &bad);
		const char *computer =
			json_string_value(json_object_get(json_object_get(doc, "machine"), "computer"));
		char *said = machine_said(r, i);

		rows[i].linted = doc != NULL;
		for (k = 0; k < 6; k++)
			rows[i].count[k] = summary_int(doc, row_keys[k]);
		rows[i].computer = computer ? tl_xstrdup(computer) : NULL;
		b.len = 0;
		tl_buf_adds(&b, r->color ? "\033[1m== " : "== ");
		tl_escape_text(&b, fl->machines[i].name);
		tl_buf_adds(&b, " (");
		tl_escape_text(&b, fl->machines[i].path);
		if (computer) {
			tl_buf_adds(&b, ", computer ");
			tl_escape_text(&b, computer);
		}
		tl_buf_adds(&b, r->color ? ") ==\033[0m\n" : ") ==\n");
		fputs(b.data, out);
		if (text)
			fwrite(text->data, 1, text->len, out);
		if (said) {
			/* line by line: the escaping would show a line end as \n */
			const char *line = said;

			while (line) {
				const char *eol = strchr(line, '\n');

				b.len = 0;
				tl_escape_textn(&b, line, eol ? (size_t)(eol - line) : strlen(line));
				fprintf(out, "%s\n", b.data ? b.data : "");
				line = eol ? eol + 1 : NULL;
			}
		}
		fputc('\n', out);
		tl_source_free(text);
		free(said);
		json_decref(doc);
	}
	if (r->quiet) {
		for (i = 0; i < fl->count; i++)
			free(rows[i].computer);
		free(rows);
		tl_buf_free(&b);
		return bad ? -1 : 0;
	}
	fprintf(out, "%-20s %4s %7s %9s %6s %13s %7s %9s  %s\n", "MACHINE", "EXIT", "ERRORS",
		"WARNINGS", "NOTES", "CERTIFICATES", "STORES", "BINDINGS", "COMPUTER");
	for (i = 0; i < fl->count; i++) {
		b.len = 0;
		tl_escape_text(&b, fl->machines[i].name);
		if (!rows[i].linted) {
			failed++;
			fprintf(out, "%-20s %4d %7s %9s %6s %13s %7s %9s  %s\n", b.data, r->exit_codes[i], "-",
				"-", "-", "-", "-", "-", "(not linted: see above)");
			continue;
		}
		for (k = 0; k < 3; k++)
			total[k] += rows[i].count[k];
		fprintf(out, "%-20s %4d %7lld %9lld %6lld %13lld %7lld %9lld  ", b.data, r->exit_codes[i],
			(long long)rows[i].count[0], (long long)rows[i].count[1], (long long)rows[i].count[2],
			(long long)rows[i].count[3], (long long)rows[i].count[4], (long long)rows[i].count[5]);
		b.len = 0;
		tl_escape_text(&b, rows[i].computer ? rows[i].computer : "-");
		fprintf(out, "%s\n", b.data);
	}
	fprintf(out, "%zu %s linted", fl->count - failed, fl->count - failed == 1 ? "machine" : "machines");
	if (failed)
		fprintf(out, ", %zu not", failed);
	fprintf(out, ": %lld errors, %lld warnings, %lld notes", (long long)total[0],
		(long long)total[1], (long long)total[2]);
	if (fl->skipped_count) {
		b.len = 0;
		for (i = 0; i < fl->skipped_count; i++) {
			tl_buf_adds(&b, i ? ", " : "");
			tl_escape_text(&b, fl->skipped[i]);
		}
		fprintf(out, " (subfolders that are no machine export, not read: %s)", b.data);
	}
	fputc('\n', out);
	for (i = 0; i < fl->count; i++)
		free(rows[i].computer);
	free(rows);
	tl_buf_free(&b);
	return bad ? -1 : 0;
}

static int write_json(const tl_fleet_run *r, FILE *out)
{
	bool bad = false;
	const tl_fleet *fl = r->fleet;
	json_int_t total[4] = {0, 0, 0, 0};
	json_t *summary = json_object(), *skipped = json_array();
	size_t i, failed = 0;

	fprintf(out, "{\n  \"tool\": \"trustlint\",\n  \"version\": \"%s\",\n  \"machines\": [", PACKAGE_VERSION);
	for (i = 0; i < fl->count; i++) {
		json_t *doc = machine_json(r, i, "json", &bad), *m = json_object();
		char *said = machine_said(r, i);
		const char *key;
		json_t *value;

		json_object_set_new(m, "name", tl_json_str(fl->machines[i].name));
		json_object_set_new(m, "path", tl_json_str(fl->machines[i].path));
		json_object_set_new(m, "exit", json_integer(r->exit_codes[i]));
		if (said)
			json_object_set_new(m, "said", tl_json_str(said));
		if (doc) {
			total[0] += summary_int(doc, "errors");
			total[1] += summary_int(doc, "warnings");
			total[2] += summary_int(doc, "notes");
			total[3] += summary_int(doc, "waived");
			json_object_foreach(doc, key, value)
				if (strcmp(key, "tool") && strcmp(key, "version"))
					json_object_set(m, key, value);
		} else {
			failed++;
		}
		fputs(i ? ",\n    " : "\n    ", out);
		tl_json_dump_nested(m, 4, out);
		json_decref(m);
		json_decref(doc);
		free(said);
	}
	fputs(fl->count ? "\n  ],\n" : "],\n", out);
	for (i = 0; i < fl->skipped_count; i++)
		json_array_append_new(skipped, tl_json_str(fl->skipped[i]));
	fputs("  \"skipped\": ", out);
	tl_json_dump_nested(skipped, 2, out);
	json_object_set_new(summary, "machines", json_integer((json_int_t)fl->count));
	json_object_set_new(summary, "not_linted", json_integer((json_int_t)failed));
	json_object_set_new(summary, "errors", json_integer(total[0]));
	json_object_set_new(summary, "warnings", json_integer(total[1]));
	json_object_set_new(summary, "notes", json_integer(total[2]));
	json_object_set_new(summary, "waived", json_integer(total[3]));
	fputs(",\n  \"summary\": ", out);
	tl_json_dump_nested(summary, 2, out);
	fputs("\n}\n", out);
	json_decref(summary);
	json_decref(skipped);
	return bad ? -1 : 0;
}

/* The run of a machine whose lint wrote no SARIF: why, as SARIF says a
 * tool could not do its work (3.20.14 executionSuccessful, 3.20.21
 * toolExecutionNotifications). */
static json_t *failed_run(const tl_fleet_run *r, size_t i)
{
	json_t *run = json_object(), *driver = json_object(), *tool = json_object();
	json_t *inv = json_object(), *invs = json_array(), *ad = json_object();
	char *id = tl_fleet_category(r->category, r->fleet->machines[i].name);
	char *said = machine_said(r, i);

	json_object_set_new(driver, "name", json_string("trustlint"));
	json_object_set_new(driver, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);
	json_object_set_new(ad, "id", tl_json_str(id));
	json_object_set_new(run, "automationDetails", ad);
	json_object_set_new(inv, "executionSuccessful", json_false());
	json_object_set_new(inv, "exitCode", json_integer(r->exit_codes[i]));
	if (said) {
		json_t *n = json_object(), *msg = json_object(), *ns = json_array();
		json_object_set_new(msg, "text", tl_json_str(said));
		json_object_set_new(n, "level", json_string("error"));
		json_object_set_new(n, "message", msg);
		json_array_append_new(ns, n);
		json_object_set_new(inv, "toolExecutionNotifications", ns);
	}
	json_array_append_new(invs, inv);
	json_object_set_new(run, "invocations", invs);
	json_object_set_new(run, "results", json_array());
	free(id);
	free(said);
	return run;
}

static int write_sarif(const tl_fleet_run *r, FILE *out)
{
	bool bad = false;
	size_t i;

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n  \"runs\": [", out);
	for (i = 0; i < r->fleet->count; i++) {
		json_t *doc = machine_json(r, i, "sarif", &bad);
		json_t *run = json_array_get(json_object_get(doc, "runs"), 0);

		run = run ? json_incref(run) : failed_run(r, i);
		fputs(i ? ",\n    " : "\n    ", out);
		tl_json_dump_nested(run, 4, out);
		json_decref(run);
		json_decref(doc);
	}
	fputs(r->fleet->count ? "\n  ]\n}\n" : "]\n}\n", out);
	return bad ? -1 : 0;
}

static int write_gitlab(const tl_fleet_run *r, FILE *out)
{
	bool bad = false;
	size_t i, j, n = 0;

	fputs("[", out);
	for (i = 0; i < r->fleet->count; i++) {
		json_t *doc = machine_json(r, i, "gitlab", &bad);

		for (j = 0; j < json_array_size(doc); j++, n++) {
			fputs(n ? ",\n  " : "\n  ", out);
			tl_json_dump_nested(json_array_get(doc, j), 2, out);
		}
		json_decref(doc);
	}
	fputs(n ? "\n]\n" : "]\n", out);
	return bad ? -1 : 0;
}

/* JUnit: the machines' <testsuite> elements in one <testsuites>, each
 * suite's name led by its machine's. Each machine's document is the one
 * ci.c writes: a declaration line, the <testsuites ...> line, the suites,
 * the closing line. */
static int write_junit(const tl_fleet_run *r, FILE *out)
{
	bool bad = false;
	tl_buf body = {0}, name = {0};
	unsigned long long tests = 0, failures = 0, errors = 0;
	size_t i;

	for (i = 0; i < r->fleet->count; i++) {
		tl_source *src = machine_file(r, i, "junit", &bad);
		const char *p, *suites, *end;
		unsigned long long t = 0, f = 0;

		if (!src && !linted(r, i)) {
			/* a machine not linted is a test that errs, with what
			 * its run said */
			char *said = machine_said(r, i);

			name.len = 0;
			tl_xml_text(&name, r->fleet->machines[i].name);
			tl_buf_printf(&body, "  <testsuite name=\"%s: lint\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
					     "    <testcase classname=\"trustlint\" name=\"%s\">\n"
					     "      <error message=\"not linted (exit status %d)\">",
				      name.data, name.data, r->exit_codes[i]);
			tl_xml_text(&body, said ? said : "");
			tl_buf_adds(&body, "</error>\n    </testcase>\n  </testsuite>\n");
			tests++;
			errors++;
			free(said);
			continue;
		}
		if (!src)
			continue;
		p = (const char *)src->data;
		suites = strstr(p, "<testsuites ");
		end = suites ? strstr(suites, "</testsuites>") : NULL;
		if (!suites || !end ||
		    sscanf(suites, "<testsuites name=\"trustlint\" tests=\"%llu\" failures=\"%llu\">", &t, &f) != 2) {
			lost(r, i, "junit", "not a trustlint JUnit report");
			bad = true;
			tl_source_free(src);
			continue;
		}
		tests += t;
		failures += f;
		name.len = 0;
		tl_xml_text(&name, r->fleet->machines[i].name);
		for (p = strchr(suites, '\n') + 1; p < end;) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			size_t n = eol ? (size_t)(eol - p) + 1 : (size_t)(end - p);

			if (n > 24 && !strncmp(p, "  <testsuite name=\"", 19)) {
				tl_buf_adds(&body, "  <testsuite name=\"");
				tl_buf_add(&body, name.data, name.len);
				tl_buf_adds(&body, ": ");
				tl_buf_add(&body, p + 19, n - 19);
			} else {
				tl_buf_add(&body, p, n);
			}
			p += n;
		}
		tl_source_free(src);
	}
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<testsuites name=\"trustlint\" tests=\"%llu\" failures=\"%llu\"",
		tests, failures);
	if (errors)
		fprintf(out, " errors=\"%llu\"", errors);
	fputs(">\n", out);
	if (body.len)
		fwrite(body.data, 1, body.len, out);
	fputs("</testsuites>\n", out);
	tl_buf_free(&body);
	tl_buf_free(&name);
	return bad ? -1 : 0;
}

/* HTML: one page, an index of the machines, then each machine's
 * <article> as its run wrote it (tl_html_write_machine: everything from
 * the input escaped there, ids its own); a machine that was not linted
 * gets one saying why. */
static int write_html(const tl_fleet_run *r, FILE *out)
{
	bool bad = false;
	const tl_fleet *fl = r->fleet;
	tl_buf b = {0};
	size_t i;

	tl_html_page_begin(out, "trustlint fleet report");
	fprintf(out, "<header>\n<h1>trustlint fleet report</h1>\n<p>trustlint %s; %zu %s</p>\n</header>\n",
		PACKAGE_VERSION, fl->count, fl->count == 1 ? "machine" : "machines");
	fputs("<section id=\"machines\">\n<h2>Machines</h2>\n<table class=\"counts\">\n"
	      "<tr><th>machine</th><th>exit</th><th>errors</th><th>warnings</th><th>notes</th>"
	      "<th>certificates</th><th>computer</th></tr>\n", out);
	for (i = 0; i < fl->count; i++) {
		json_t *doc = machine_json(r, i, "json", &bad);
		const char *computer =
			json_string_value(json_object_get(json_object_get(doc, "machine"), "computer"));

		b.len = 0;
		tl_html_escape(&b, fl->machines[i].name);
		fprintf(out, "<tr><td><a href=\"#m%zu-machine\">%s</a></td><td>%d</td>", i, b.data,
			r->exit_codes[i]);
		if (doc) {
			fprintf(out, "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td>",
				(long long)summary_int(doc, "errors"), (long long)summary_int(doc, "warnings"),
				(long long)summary_int(doc, "notes"), (long long)summary_int(doc, "certificates"));
		} else {
			fputs("<td colspan=\"4\">not linted</td>", out);
		}
		b.len = 0;
		tl_html_escape(&b, computer ? computer : "-");
		fprintf(out, "<td>%s</td></tr>\n", b.data);
		json_decref(doc);
	}
	fputs("</table>\n", out);
	if (fl->skipped_count) {
		fputs("<p>Subfolders that are no machine export, not read:", out);
		for (i = 0; i < fl->skipped_count; i++) {
			b.len = 0;
			tl_html_escape(&b, fl->skipped[i]);
			fprintf(out, "%s <code>%s</code>", i ? "," : "", b.data);
		}
		fputs("</p>\n", out);
	}
	fputs("</section>\n", out);
	for (i = 0; i < fl->count; i++) {
		tl_source *html = machine_file(r, i, "html", &bad);
		char *said = machine_said(r, i);

		if (html) {
			fwrite(html->data, 1, html->len, out);
		} else {
			b.len = 0;
			tl_html_escape(&b, fl->machines[i].name);
			fprintf(out, "<article class=\"machine\" id=\"m%zu-machine\">\n<header>\n<h1>%s</h1>\n"
				     "<p>Not linted (exit status %d).</p>\n</header>\n",
				i, b.data, r->exit_codes[i]);
			if (said) {
				/* line by line: the escaping would show a line end as \n */
				const char *line = said;

				fputs("<pre>", out);
				while (line) {
					const char *eol = strchr(line, '\n');
					char *one = tl_xstrndup(line, eol ? (size_t)(eol - line) : strlen(line));

					b.len = 0;
					tl_html_escape(&b, one);
					fprintf(out, "%s%s", b.data ? b.data : "", eol ? "\n" : "");
					free(one);
					line = eol ? eol + 1 : NULL;
				}
				fputs("</pre>\n", out);
			}
			fputs("</article>\n", out);
		}
		tl_source_free(html);
		free(said);
	}
	tl_html_page_end(out);
	tl_buf_free(&b);
	return bad ? -1 : 0;
}

int tl_fleet_write(const tl_fleet_run *r, const char *format, FILE *out)
{
	static const struct {
		const char *name;
		int (*write)(const tl_fleet_run *, FILE *);
	} writers[] = {
		{"text", write_text}, {"json", write_json}, {"sarif", write_sarif},
		{"gitlab", write_gitlab}, {"junit", write_junit}, {"html", write_html},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(writers); i++)
		if (!strcmp(writers[i].name, format))
			return writers[i].write(r, out) != 0 || ferror(out) ? -1 : 0;
	return -1;
}
