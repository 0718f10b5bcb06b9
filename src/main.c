/* main.c: the command line (DESIGN.md 1). The only place that prints to the
 * terminal or chooses the exit status. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fields.h"
#include "input.h"
#include "inventory.h"
#include "json.h"
#include "lint.h"
#include "regdump.h"
#include "ruleset.h"
#include "sarif.h"
#include "waiver.h"
#include "baseline.h"
#include "source.h"
#include "util.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: trustlint [lint] [OPTIONS] INPUT...     lint the inputs\n"
	"       trustlint inventory [OPTIONS] INPUT...  list every store entry\n"
	"       trustlint reg-dump [--ops] FILE.reg...  show what .reg files set\n"
	"       trustlint rules [RULE OPTIONS]          list the rules in effect\n"
	"       trustlint explain [RULE OPTIONS] ID     a rule's text, help and expressions\n"
	"\n"
	"INPUT: STORE=FILE, LOCATION\\STORE=FILE, FILE.reg, a FILE named after its\n"
	"store (Root.sst, LocalMachine-CA.p7b) or a DIR of such files.\n"
	"\n"
	"lint options:\n"
	"  --format text|json|sarif output format (default text)\n"
	"  -o FILE                write the report to FILE\n"
	"  --fail-on LEVEL        error|warning|note|none (default error)\n"
	"  --now RFC3339-TIME     the clock for validity rules (default: now)\n"
	"  -q                     no summary line\n"
	"  --color WHEN           auto (default: a terminal without NO_COLOR), always, never\n"
	"  --waivers FILE         findings accepted on purpose (INI: rule, sha1|sha256|binding|store,\n"
	"                         reason, expires, owner); waived findings never fail the run\n"
	"  --baseline OLD.sarif   mark results new, unchanged or absent against an earlier log\n"
	"  --fail-on-new          with --baseline: fail only on new findings\n"
	"rule options (lint, rules, explain):\n"
	"  --rules PATH           add a rule file or a directory of *.rules (repeatable)\n"
	"  --no-default-rules     do not load the shipped rules\n"
	"  --disable ID           turn a rule off (repeatable)\n"
	"  --level ID=LEVEL       change a rule's level (error|warning|note)\n"
	"  --param [ID.]NAME=VAL  override a rule parameter\n"
	"inventory options:\n"
	"  --format text|json     table (default) or JSON document\n"
	"  -o FILE                write to FILE\n"
	"rules options:\n"
	"  --format text|json     table (default) or every metadata field as JSON\n"
	"  --fields               the fields rules can use, per scope\n"
	"reg-dump options:\n"
	"  --ops                  the operations in file order, not the final state\n"
	"\n"
	"  --version, --help\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error, a rule\n"
	"file that does not load, or an input that cannot be read at all.\n";

static void usage_error(const char *fmt, ...) TL_PRINTF(1, 2);

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("trustlint: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'trustlint --help'.\n", stderr);
}

static void print_diags(const tl_diags *d, FILE *out)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < tl_diags_count(d); i++) {
		b.len = 0;
		tl_diag_format(tl_diags_at(d, i), &b);
		fprintf(out, "%s\n", b.data);
	}
	tl_buf_free(&b);
}

/* Read every input; on a fatal one print why and return NULL. */
static tl_inputs *read_inputs(int argc, char **argv)
{
	tl_inputs *in = tl_inputs_new();
	int i;

	for (i = 0; i < argc; i++) {
		char *err = NULL;
		if (tl_inputs_add(in, argv[i], &err) != 0) {
			tl_buf b = {0};
			tl_escape_text(&b, err);
			fprintf(stderr, "trustlint: %s\n", b.data);
			tl_buf_free(&b);
			free(err);
			tl_inputs_free(in);
			return NULL;
		}
	}
	tl_inputs_finish(in);
	return in;
}

static FILE *open_output(const char *path)
{
	FILE *f;

	if (!path || strcmp(path, "-") == 0)
		return stdout;
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "trustlint: %s: cannot write: %s\n", path, strerror(errno));
	return f;
}

static int close_output(FILE *f)
{
	if (f == stdout)
		return fflush(f) == 0 && !ferror(f) ? 0 : -1;
	return fclose(f) == 0 ? 0 : -1;
}

enum {
	OPT_FORMAT = 256, OPT_FAIL_ON, OPT_OPS, OPT_HELP, OPT_VERSION, OPT_RULES,
	OPT_NO_DEFAULT_RULES, OPT_DISABLE, OPT_LEVEL, OPT_PARAM, OPT_NOW, OPT_FIELDS, OPT_COLOR,
	OPT_WAIVERS, OPT_BASELINE, OPT_FAIL_ON_NEW,
};

static const struct option common_opts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"ops", no_argument, NULL, OPT_OPS},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{"rules", required_argument, NULL, OPT_RULES},
	{"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"level", required_argument, NULL, OPT_LEVEL},
	{"param", required_argument, NULL, OPT_PARAM},
	{"now", required_argument, NULL, OPT_NOW},
	{"fields", no_argument, NULL, OPT_FIELDS},
	{"color", required_argument, NULL, OPT_COLOR},
	{"waivers", required_argument, NULL, OPT_WAIVERS},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"fail-on-new", no_argument, NULL, OPT_FAIL_ON_NEW},
	{NULL, 0, NULL, 0},
};

/* A growable list of borrowed argv strings. */
typedef struct strlist {
	const char **v;
	size_t n, cap;
} strlist;

static void strlist_add(strlist *l, const char *s)
{
	tl_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(char *));
	l->v[l->n++] = s;
}

typedef struct options {
	const char *format;
	const char *output;
	int fail_on; /* severity threshold: findings with sev <= fail_on fail; -1 none */
	bool quiet;
	bool ops;
	bool fields;
	bool no_default_rules;
	bool has_now;
	int64_t now;
	int color; /* -1 auto, 0 never, 1 always */
	const char *waivers;
	const char *baseline;
	bool fail_on_new;
	strlist rules, disable, levels, params;
} options;

static void options_init(options *o, const char *format)
{
	memset(o, 0, sizeof(*o));
	o->format = format;
	o->fail_on = TL_ERROR;
	o->color = -1;
}

static void options_free(options *o)
{
	free(o->rules.v);
	free(o->disable.v);
	free(o->levels.v);
	free(o->params.v);
}

/* Which options a command takes. */
static bool allowed(const char *cmd, int opt)
{
	bool lint = !strcmp(cmd, "lint"), rules = !strcmp(cmd, "rules"), explain = !strcmp(cmd, "explain");

	switch (opt) {
	case OPT_OPS:
		return !strcmp(cmd, "reg-dump");
	case OPT_FAIL_ON:
	case OPT_NOW:
	case OPT_COLOR:
	case OPT_WAIVERS:
	case OPT_BASELINE:
	case OPT_FAIL_ON_NEW:
	case 'q':
		return lint;
	case OPT_FIELDS:
		return rules;
	case 'o':
		return lint || !strcmp(cmd, "inventory");
	case OPT_FORMAT:
		return lint || rules || !strcmp(cmd, "inventory");
	case OPT_RULES:
	case OPT_NO_DEFAULT_RULES:
	case OPT_DISABLE:
	case OPT_LEVEL:
	case OPT_PARAM:
		return lint || rules || explain;
	default:
		return true;
	}
}

/* How an option is spelled, for messages. */
static const char *option_name(int c)
{
	static char shortopt[3] = "-?";
	size_t i;

	for (i = 0; common_opts[i].name; i++)
		if (common_opts[i].val == c) {
			static char longopt[64];
			snprintf(longopt, sizeof(longopt), "--%s", common_opts[i].name);
			return longopt;
		}
	shortopt[1] = (char)c;
	return shortopt;
}

/* Parse options; returns the index of the first operand, -1 on error,
 * or -2 when --help/--version was handled. */
static int parse_options(int argc, char **argv, const char *cmd, options *o)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:q", common_opts, NULL)) != -1) {
		if (c != '?' && c != ':' && !allowed(cmd, c)) {
			usage_error("%s: '%s' is not an option of this command", cmd, option_name(c));
			return -1;
		}
		switch (c) {
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_FAIL_ON:
			if (!strcmp(optarg, "error"))
				o->fail_on = TL_ERROR;
			else if (!strcmp(optarg, "warning"))
				o->fail_on = TL_WARNING;
			else if (!strcmp(optarg, "note"))
				o->fail_on = TL_NOTE;
			else if (!strcmp(optarg, "none"))
				o->fail_on = -1;
			else {
				usage_error("--fail-on takes error, warning, note or none, not '%s'", optarg);
				return -1;
			}
			break;
		case OPT_NOW:
			if (tl_parse_time(optarg, &o->now) != 0) {
				usage_error("--now takes an RFC 3339 time like 2026-01-31T12:00:00Z, not '%s'",
					    optarg);
				return -1;
			}
			o->has_now = true;
			break;
		case OPT_OPS:
			o->ops = true;
			break;
		case OPT_WAIVERS:
			o->waivers = optarg;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_FAIL_ON_NEW:
			o->fail_on_new = true;
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				o->color = -1;
			else if (!strcmp(optarg, "always"))
				o->color = 1;
			else if (!strcmp(optarg, "never"))
				o->color = 0;
			else {
				usage_error("--color takes auto, always or never, not '%s'", optarg);
				return -1;
			}
			break;
		case OPT_FIELDS:
			o->fields = true;
			break;
		case OPT_RULES:
			strlist_add(&o->rules, optarg);
			break;
		case OPT_NO_DEFAULT_RULES:
			o->no_default_rules = true;
			break;
		case OPT_DISABLE:
			strlist_add(&o->disable, optarg);
			break;
		case OPT_LEVEL:
			strlist_add(&o->levels, optarg);
			break;
		case OPT_PARAM:
			strlist_add(&o->params, optarg);
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return -2;
		case OPT_VERSION:
			printf("trustlint %s\n", PACKAGE_VERSION);
			return -2;
		default:
			if (optopt)
				usage_error("%s: unknown option '-%c' or missing argument", cmd, optopt);
			else
				usage_error("%s: unknown option '%s'", cmd, argv[optind - 1]);
			return -1;
		}
	}
	return optind;
}

/* argv[0], to tell a build-tree binary from an installed one. */
static const char *program_path;

/* The directory of the running binary: /proc/self/exe where it exists
 * (Linux), else argv[0] resolved (macOS, MSYS2). Empty when unknown. */
static void binary_dir(char *out, size_t size)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	out[0] = '\0';
	if (n > 0) {
		buf[n] = '\0';
	} else if (!program_path || !strchr(program_path, '/') || !realpath(program_path, buf)) {
		return;
	}
	slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	snprintf(out, size, "%s", buf);
}

/* The shipped rules: the source tree's rules/ when this binary runs from
 * its build tree, else $(pkgdatadir)/rules. TRUSTLINT_RULES_DIR overrides
 * both. */
static char *default_rules_dir(void)
{
	const char *env = getenv("TRUSTLINT_RULES_DIR");
	char dir[PATH_MAX];

	if (env && *env)
		return tl_xstrdup(env);
	binary_dir(dir, sizeof(dir));
	if (strcmp(dir, TL_BUILDDIR) == 0)
		return tl_xstrdup(TL_SRCDIR "/rules");
	return tl_xstrdup(TL_PKGDATADIR "/rules");
}

/* Load the rules in effect; NULL (errors printed) when any rule file does
 * not load. */
static tl_ruleset *load_rules(const options *o)
{
	tl_ruleset *rs = tl_ruleset_new(tl_fields_catalogue());
	tl_diags *errs = tl_diags_new();
	tl_rule_options ro;
	size_t i, nerr = 0;

	if (!o->no_default_rules) {
		char *dir = default_rules_dir();
		struct stat st;
		/* a build without shipped rules has none to load */
		if (stat(dir, &st) == 0)
			nerr += tl_ruleset_load(rs, dir, errs);
		free(dir);
	}
	for (i = 0; i < o->rules.n; i++)
		nerr += tl_ruleset_load(rs, o->rules.v[i], errs);
	ro.disable = o->disable.v;
	ro.disable_count = o->disable.n;
	ro.levels = o->levels.v;
	ro.level_count = o->levels.n;
	ro.params = o->params.v;
	ro.param_count = o->params.n;
	/* compile what loaded even after errors, so one run reports every
	 * mistake of every file */
	nerr += tl_ruleset_finish(rs, &ro, errs);
	if (nerr) {
		print_diags(errs, stderr);
		tl_diags_free(errs);
		tl_ruleset_free(rs);
		return NULL;
	}
	tl_diags_free(errs);
	return rs;
}

/* The common start of inventory and lint, after parse_options() returned
 * first: format check, inputs read, output opened. Returns -1 to go on, or the exit status to return
 * at once. */
static int start_command(int argc, char **argv, int first, const char *cmd, options *o,
			 tl_inputs **in, FILE **out)
{
	if (first == -2)
		return EXIT_CLEAN;
	if (first < 0)
		return EXIT_USAGE;
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0 &&
	    (strcmp(cmd, "lint") != 0 || strcmp(o->format, "sarif") != 0)) {
		if (!strcmp(cmd, "lint"))
			usage_error("%s: --format takes text, json or sarif, not '%s'", cmd, o->format);
		else
			usage_error("%s: --format takes text or json, not '%s'", cmd, o->format);
		return EXIT_USAGE;
	}
	if (first >= argc) {
		usage_error("%s: no inputs", cmd);
		return EXIT_USAGE;
	}
	*in = read_inputs(argc - first, argv + first);
	if (!*in)
		return EXIT_USAGE;
	*out = open_output(o->output);
	if (!*out) {
		tl_inputs_free(*in);
		return EXIT_USAGE;
	}
	return -1;
}

static int cmd_inventory(int argc, char **argv)
{
	options o;
	tl_inputs *in;
	FILE *out;
	int rc;

	options_init(&o, "text");
	rc = start_command(argc, argv, parse_options(argc, argv, "inventory", &o), "inventory", &o,
			   &in, &out);
	options_free(&o);
	if (rc >= 0)
		return rc;
	rc = strcmp(o.format, "json") == 0 ? tl_inventory_json(in, out) : tl_inventory_text(in, out);
	if (close_output(out) != 0 || rc != 0) {
		fprintf(stderr, "trustlint: write error\n");
		tl_inputs_free(in);
		return EXIT_USAGE;
	}
	if (strcmp(o.format, "json") != 0 || o.output)
		print_diags(in->diags, stderr);
	tl_inputs_free(in);
	return EXIT_CLEAN;
}

static int cmd_regdump(int argc, char **argv)
{
	options o;
	tl_registry *reg;
	tl_diags *d;
	tl_source **srcs;
	int first, i, n, rc = EXIT_CLEAN;
	bool show_file;

	options_init(&o, "json");
	first = parse_options(argc, argv, "reg-dump", &o);
	options_free(&o);
	if (first == -2)
		return EXIT_CLEAN;
	if (first < 0)
		return EXIT_USAGE;
	if (first >= argc) {
		usage_error("reg-dump: no .reg files");
		return EXIT_USAGE;
	}
	n = argc - first;
	show_file = n > 1;
	srcs = tl_xcalloc((size_t)n, sizeof(*srcs));
	reg = tl_registry_new();
	d = tl_diags_new();
	for (i = 0; i < n; i++) {
		char *err = NULL;
		tl_reg_ops ops = {0};
		size_t k;

		srcs[i] = tl_source_open(argv[first + i], &err);
		if (!srcs[i]) {
			fprintf(stderr, "trustlint: %s: %s\n", argv[first + i], err);
			free(err);
			rc = EXIT_USAGE;
			break;
		}
		if (o.ops) {
			tl_reg_parse(srcs[i]->data, srcs[i]->len, srcs[i]->path, &ops, d);
			for (k = 0; k < ops.count; k++)
				tl_regdump_op(&ops.ops[k], srcs[i]->path, show_file, stdout);
			tl_reg_ops_free(&ops);
		} else {
			tl_registry_load(reg, srcs[i]->data, srcs[i]->len, srcs[i]->path, d);
		}
	}
	if (rc == EXIT_CLEAN && !o.ops)
		tl_regdump_state(reg, show_file, stdout);
	print_diags(d, stderr);
	if (fflush(stdout) != 0)
		rc = EXIT_USAGE;
	tl_diags_free(d);
	tl_registry_free(reg);
	for (i = 0; i < n; i++)
		tl_source_free(srcs[i]);
	free(srcs);
	return rc;
}

static json_t *finding_json(const tl_finding *x)
{
	json_t *o = json_object(), *src = json_object();

	json_object_set_new(o, "rule", json_string(x->rule_id));
	json_object_set_new(o, "level", json_string(tl_severity_name(x->level)));
	json_object_set_new(o, "message", tl_json_str(x->message));
	json_object_set_new(o, "object", tl_json_str(x->object));
	if (x->waived) {
		json_t *w = json_object();
		json_object_set_new(w, "waiver", tl_json_str(x->waiver_id));
		json_object_set_new(w, "reason", tl_json_str(x->waiver_reason));
		json_object_set_new(w, "owner", tl_json_str(x->waiver_owner));
		json_object_set_new(o, "waived", w);
	}
	json_object_set_new(src, "file", tl_json_str(x->loc.file));
	if (x->loc.kind == TL_LOC_LINE) {
		json_object_set_new(src, "line", json_integer(x->loc.line));
		if (x->loc.col)
			json_object_set_new(src, "column", json_integer(x->loc.col));
	} else if (x->loc.kind == TL_LOC_OFFSET) {
		json_object_set_new(src, "offset", json_integer((json_int_t)x->loc.offset));
		json_object_set_new(src, "length", json_integer((json_int_t)x->loc.length));
	}
	json_object_set_new(o, "source", src);
	return o;
}

static int lint_json(const tl_findings *f, const tl_inputs *in, const tl_view *v, FILE *out)
{
	json_t *doc = json_object(), *findings = json_array(), *summary = json_object();
	size_t i;
	int rc;

	for (i = 0; i < f->count; i++)
		json_array_append_new(findings, finding_json(&f->items[i]));
	json_object_set_new(doc, "tool", json_string("trustlint"));
	json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(doc, "findings", findings);
	json_object_set_new(summary, "errors", json_integer((json_int_t)tl_findings_count(f, TL_ERROR)));
	json_object_set_new(summary, "warnings", json_integer((json_int_t)tl_findings_count(f, TL_WARNING)));
	json_object_set_new(summary, "notes", json_integer((json_int_t)tl_findings_count(f, TL_NOTE)));
	{
		size_t k, wv = 0;
		for (k = 0; k < f->count; k++)
			wv += f->items[k].waived;
		json_object_set_new(summary, "waived", json_integer((json_int_t)wv));
	}
	json_object_set_new(summary, "inputs", json_integer((json_int_t)in->source_count));
	json_object_set_new(summary, "certificates", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_CERT)));
	json_object_set_new(summary, "stores", json_integer((json_int_t)in->model->count));
	json_object_set_new(summary, "bindings", json_integer((json_int_t)tl_view_count(v, TL_SCOPE_BINDING)));
	json_object_set_new(doc, "summary", summary);
	rc = json_dumpf(doc, out, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	fputc('\n', out);
	json_decref(doc);
	return rc;
}

/* --color auto: a terminal, NO_COLOR unset (no-color.org), TERM not dumb. */
static bool use_color(const options *o, FILE *out)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	if (o->color >= 0)
		return o->color == 1;
	if (no_color && *no_color)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return isatty(fileno(out)) != 0;
}

static int cmd_lint(int argc, char **argv)
{
	options o;
	tl_inputs *in = NULL;
	tl_ruleset *rs;
	tl_findings f = {0};
	tl_view *v = NULL;
	tl_waivers *waivers = NULL;
	tl_baseline *base = NULL;
	tl_diags *notes = tl_diags_new();
	FILE *out = NULL;
	int64_t now;
	size_t k;
	int rc, first;

	options_init(&o, "text");
	/* rules first: a rule file that does not load stops the run before any
	 * input is read */
	first = parse_options(argc, argv, "lint", &o);
	if (first < 0) {
		options_free(&o);
		tl_diags_free(notes);
		return first == -2 ? EXIT_CLEAN : EXIT_USAGE;
	}
	rs = load_rules(&o);
	if (!rs) {
		options_free(&o);
		tl_diags_free(notes);
		return EXIT_USAGE;
	}
	rc = start_command(argc, argv, first, "lint", &o, &in, &out);
	if (rc >= 0) {
		tl_ruleset_free(rs);
		options_free(&o);
		tl_diags_free(notes);
		return rc;
	}
	now = o.has_now ? o.now : (int64_t)time(NULL);
	if (o.fail_on_new && !o.baseline) {
		usage_error("lint: --fail-on-new needs --baseline OLD.sarif");
		rc = EXIT_USAGE;
		goto done;
	}
	if (o.waivers) {
		waivers = tl_waivers_load(o.waivers, notes);
		if (!waivers) {
			print_diags(notes, stderr);
			rc = EXIT_USAGE;
			goto done;
		}
	}
	if (o.baseline) {
		char *err = NULL;
		base = tl_baseline_load(o.baseline, &err);
		if (!base) {
			fprintf(stderr, "trustlint: %s\n", err);
			free(err);
			rc = EXIT_USAGE;
			goto done;
		}
	}
	v = tl_view_new(in, now);
	tl_lint_run(rs, v, in, &f);
	if (waivers) {
		tl_waivers_apply(waivers, &f, now, notes);
		/* an expired waiver says so, as a finding of its own */
		for (k = 0; k < tl_diags_count(notes); k++)
			tl_findings_add_diag(&f, tl_diags_at(notes, k));
	}
	/* the status is known before the report is written: SARIF records it;
	 * waived findings, and with --fail-on-new unchanged ones, never fail */
	rc = EXIT_CLEAN;
	for (k = 0; rc == EXIT_CLEAN && k < f.count; k++) {
		const tl_finding *x = &f.items[k];
		char fp[40];

		if (x->waived || (int)x->level > o.fail_on)
			continue;
		if (o.fail_on_new) {
			tl_fingerprint(x->rule_id, x->object, x->message, fp);
			if (!strcmp(tl_baseline_state(base, x->rule_id, fp), "unchanged"))
				continue;
		}
		rc = EXIT_FINDINGS;
	}
	if (!strcmp(o.format, "json"))
		lint_json(&f, in, v, out);
	else if (!strcmp(o.format, "sarif"))
		tl_sarif_write(&f, rs, in, base, rc, out);
	else
		tl_lint_text(&f, in, v, o.quiet, use_color(&o, out), out);
	if (close_output(out) != 0) {
		fprintf(stderr, "trustlint: write error\n");
		rc = EXIT_USAGE;
	}
	out = NULL;
done:
	if (out)
		close_output(out);
	tl_findings_free(&f);
	tl_waivers_free(waivers);
	tl_baseline_free(base);
	tl_diags_free(notes);
	tl_view_free(v);
	tl_inputs_free(in);
	tl_ruleset_free(rs);
	options_free(&o);
	return rc;
}

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

static void print_fields(FILE *out)
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
			fprintf(out, "  %-40s %-16s %s (from: %s)\n", f[i].name, type, f[i].doc, f[i].source);
		}
	}
}

static int cmd_rules(int argc, char **argv)
{
	options o;
	tl_ruleset *rs;
	size_t i;
	int first;

	options_init(&o, "text");
	first = parse_options(argc, argv, "rules", &o);
	if (first < 0 || first < argc) {
		if (first >= 0)
			usage_error("rules: takes no operands");
		options_free(&o);
		return first == -2 ? EXIT_CLEAN : EXIT_USAGE;
	}
	if (strcmp(o.format, "text") != 0 && strcmp(o.format, "json") != 0) {
		usage_error("rules: --format takes text or json, not '%s'", o.format);
		options_free(&o);
		return EXIT_USAGE;
	}
	if (o.fields) {
		print_fields(stdout);
		options_free(&o);
		return EXIT_CLEAN;
	}
	rs = load_rules(&o);
	options_free(&o);
	if (!rs)
		return EXIT_USAGE;
	if (!strcmp(o.format, "json")) {
		json_t *a = json_array();
		for (i = 0; i < tl_ruleset_count(rs); i++)
			json_array_append_new(a, rule_json(tl_ruleset_at(rs, i)));
		json_dumpf(a, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(a);
	} else {
		for (i = 0; i < tl_ruleset_count(rs); i++) {
			const tl_rule *r = tl_ruleset_at(rs, i);
			tl_buf t = {0};
			tl_escape_text(&t, r->title);
			printf("%-32s %-7s %-7s %s%s\n", r->id, tl_severity_name(r->level), r->scope_name,
			       t.data, r->enabled ? "" : " (disabled)");
			tl_buf_free(&t);
		}
		printf("%zu rule%s\n", tl_ruleset_count(rs), tl_ruleset_count(rs) == 1 ? "" : "s");
	}
	tl_ruleset_free(rs);
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

static void print_block(const char *label, const char *text)
{
	tl_buf t = {0};
	const char *p;

	if (!text)
		return;
	printf("%s:\n", label);
	for (p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = tl_xstrndup(p, n);
		t.len = 0;
		tl_escape_text(&t, line);
		printf("  %s\n", t.data ? t.data : "");
		free(line);
		p += n + (nl ? 1 : 0);
	}
	tl_buf_free(&t);
}

static int cmd_explain(int argc, char **argv)
{
	options o;
	tl_ruleset *rs;
	const tl_rule *r;
	size_t i;
	int first;

	options_init(&o, "text");
	first = parse_options(argc, argv, "explain", &o);
	if (first < 0 || first + 1 != argc) {
		if (first >= 0)
			usage_error("explain: give exactly one rule id");
		options_free(&o);
		return first == -2 ? EXIT_CLEAN : EXIT_USAGE;
	}
	rs = load_rules(&o);
	options_free(&o);
	if (!rs)
		return EXIT_USAGE;
	r = tl_ruleset_find(rs, argv[first]);
	if (!r) {
		tl_buf t = {0};
		tl_escape_text(&t, argv[first]);
		fprintf(stderr, "trustlint: no rule '%s' (see 'trustlint rules')\n", t.data);
		tl_buf_free(&t);
		tl_ruleset_free(rs);
		return EXIT_USAGE;
	}
	printf("%s: %s\n", r->id, r->title);
	printf("level: %s%s, scope: %s, defined at %s:%u\n", tl_severity_name(r->level),
	       r->enabled ? "" : " (disabled)", r->scope_name, r->file, (unsigned)r->line);
	print_block("description", r->description);
	print_block("help", r->help);
	if (r->help_uri)
		printf("more: %s\n", r->help_uri);
	if (r->tag_count) {
		printf("tags:");
		for (i = 0; i < r->tag_count; i++)
			printf(" %s", r->tags[i]);
		printf("\n");
	}
	if (r->has_security_severity || r->precision)
		printf("security severity: %.1f, precision: %s\n", r->security_severity,
		       r->precision ? r->precision : "-");
	print_block("when", r->when_text ? r->when_text : "true");
	print_block("assert", r->assert_text);
	print_block("error when", r->error_when_text);
	print_block("message", r->message_text);
	for (i = 0; i < r->param_count; i++)
		printf("param.%s = %s%s\n", r->params[i].name, r->params[i].text,
		       r->params[i].overridden ? " (from the command line)" : "");
	tl_ruleset_free(rs);
	return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}

int main(int argc, char **argv)
{
	program_path = argv[0];
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "inventory"))
		return cmd_inventory(argc - 1, argv + 1);
	if (!strcmp(argv[1], "reg-dump"))
		return cmd_regdump(argc - 1, argv + 1);
	if (!strcmp(argv[1], "rules"))
		return cmd_rules(argc - 1, argv + 1);
	if (!strcmp(argv[1], "explain"))
		return cmd_explain(argc - 1, argv + 1);
	if (!strcmp(argv[1], "lint"))
		return cmd_lint(argc - 1, argv + 1);
	return cmd_lint(argc, argv);
}
