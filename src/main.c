/* main.c: the command line (DESIGN.md 1). The only place that prints to the
 * terminal or chooses the exit status. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#ifndef _WIN32
#include <sys/wait.h>
#endif
#include <getopt.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rules/fields.h"
#include "input/fleet.h"
#include "input/input.h"
#include "formats/reg.h"
#include "report/fleet.h"
#include "report/html.h"
#include "report/inventory.h"
#include "report/issuers.h"
#include "base/hugepages.h"
#include "base/module.h"
#include "base/os.h"
#include "base/json.h"
#include "rules/lint.h"
#include "report/regdump.h"
#include "rules/ruleset.h"
#include "report/reports.h"
#include "report/sarif.h"
#include "report/waiver.h"
#include "report/baseline.h"
#include "report/diff.h"
#include "report/ruledoc.h"
#include "base/diagids.h"
#include "base/output.h"
#include "base/pool.h"
#include "base/source.h"
#include "base/util.h"
#include "paths.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0 /* Windows: tl_os_open() opens nothing inheritable */
#endif

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };
/* Standard output was a pipe whose reader went away (`| head`): end
 * quietly with the status a SIGPIPE death gives in a shell. */
#ifndef SIGPIPE
#define SIGPIPE 13 /* Windows has none: EPIPE alone says it */
#endif
enum { EXIT_PIPE = 128 + SIGPIPE };

static const char usage_text[] =
	"usage: trustlint [lint] [OPTIONS] INPUT...     lint the inputs\n"
	"       trustlint inventory [OPTIONS] INPUT...  list every store entry, binding\n"
	"                                               and configuration file\n"
	"       trustlint issuers [OPTIONS] INPUT...    per binding, the trusted issuer list\n"
	"                                               Schannel builds for client certificates\n"
	"       trustlint reg-dump [--ops] FILE.reg...  show what .reg files set\n"
	"       trustlint rules [RULE OPTIONS]          list the rules in effect\n"
	"       trustlint explain [RULE OPTIONS] ID     a rule's or diagnostic's text and help\n"
	"       trustlint diff [OPTIONS] OLD NEW        what changed between two exports: entries,\n"
	"                                               properties, settings, findings\n"
	"\n"
	"INPUT: STORE=FILE, LOCATION\\STORE=FILE, FILE.reg, a FILE named after its\n"
	"store (Root.sst, LocalMachine-CA.p7b), an IIS or WCF FILE.config\n"
	"(SITE/PATH=web.config for a site's or application's), a root program list\n"
	"(authroot.stl, disallowedcert.stl, authrootstl.cab), or a DIR of such files.\n"
	"A DIR whose subfolders are machine exports (each with its export.json or its\n"
	"store files) is a fleet: lint lints each machine on its own, in parallel.\n"
	"\n"
	"Options may come before or after the inputs; '--' ends them.\n"
	"\n"
	"lint options:\n"
	"  --format FORMAT        text (default), json, sarif, gitlab (GitLab Code Quality),\n"
	"                         junit (JUnit XML) or html (one offline page with the\n"
	"                         trust graph)\n"
	"  -o, --output FILE      write the report to FILE (replaced only when the run\n"
	"                         succeeds; never an input, rule, waiver or baseline file)\n"
	"  --text-output FILE, --json-output FILE, --sarif-output FILE, --gitlab-output FILE,\n"
	"  --junit-output FILE, --html-output FILE\n"
	"                         also write that report to FILE, from the same run\n"
	"  --write-waivers FILE   write a waiver file for the findings (each waiver needs a\n"
	"                         reason before the file loads)\n"
	"  --fail-on LEVEL        error|warning|note|none (default error)\n"
	"  --now RFC3339-TIME     the clock for validity rules (default: now)\n"
	"  -q                     no summary line\n"
	"  --color WHEN           auto (default: a terminal without NO_COLOR), always, never\n"
	"  --waivers FILE         findings accepted on purpose (INI: rule, sha1|sha256|binding|store,\n"
	"                         reason, expires, owner); waived findings never fail the run\n"
	"  --baseline OLD.sarif   mark results new, unchanged or absent against an earlier log\n"
	"  --fail-on-new          with --baseline: fail only on new findings\n"
	"  --baseline-absent omit|keep  SARIF: leave out the baseline's results this run\n"
	"                         no longer finds, or keep them as 'absent' (default keep)\n"
	"  --sarif-root DIR       SARIF: artifact URIs relative to DIR (the repository\n"
	"                         root), which the log names with the working directory\n"
	"  --sarif-category NAME  SARIF: the run's category (automationDetails.id), so\n"
	"                         logs of several machines or configurations coexist\n"
	"  --jobs N               threads for certificates, signatures and rules, or\n"
	"                         for a fleet, machines linted at a time, each on one\n"
	"                         thread (default: the cores this process may use); the\n"
	"                         output is the same for every N\n"
	"  --trust-list FILE      read FILE as a root program list whatever its name: a CTL\n"
	"                         (.stl) or a cabinet of them (.cab) (repeatable; also\n"
	"                         inventory and issuers)\n"
	"rule options (lint, diff, rules, explain):\n"
	"  --rules PATH           add a rule file or a directory of *.rules (repeatable)\n"
	"  --no-default-rules     do not load the shipped rules\n"
	"  --disable ID           turn a rule off (repeatable)\n"
	"  --level ID=LEVEL       change a rule's level (error|warning|note)\n"
	"  --param [ID.]NAME=VAL  override a rule parameter\n"
	"inventory options:\n"
	"  --format text|json     table (default) or JSON document\n"
	"  -o, --output FILE      write to FILE\n"
	"issuers options:\n"
	"  --format text|json     per binding (default) or JSON document\n"
	"  -o, --output FILE      write to FILE\n"
	"rules options:\n"
	"  --format text|json     table (default) or every metadata field as JSON\n"
	"  --fields               the fields rules can use, per scope\n"
	"diff options:\n"
	"  --format text|json|sarif  changes and findings (default text); SARIF: the new\n"
	"                         findings, and the fixed ones as 'absent'\n"
	"  -o, --output FILE      write to FILE\n"
	"  --fail-on LEVEL        error|warning|note|none: exit 1 on a new finding at or\n"
	"                         above it (default error)\n"
	"  --now RFC3339-TIME     the clock for validity rules on both sides\n"
	"  -q                     no summary line\n"
	"reg-dump options:\n"
	"  --ops                  the operations in file order, not the final state\n"
	"\n"
	"  -V, --version, -h, --help\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error, a rule\n"
	"file that does not load, no rule in effect, nothing to lint, an input named\n"
	"on the command line that cannot be read, or an output that cannot be written.\n";

/* "trustlint: MESSAGE" on stderr, the message escaped as a whole: file
 * names, option values and library messages echoed back can hold control
 * or bidi characters too (tl_escape_text). */
static void vsay(const char *fmt, va_list ap) TL_PRINTF(1, 0);

static void vsay(const char *fmt, va_list ap)
{
	char *msg = tl_xvasprintf(fmt, ap);
	tl_buf b = {0};

	tl_escape_text(&b, msg);
	fprintf(stderr, "trustlint: %s\n", b.data);
	tl_buf_free(&b);
	free(msg);
}

static void say(const char *fmt, ...) TL_PRINTF(1, 2);

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
}

static int cmd_lint(int argc, char **argv);
static int cmd_inventory(int argc, char **argv);
static int cmd_issuers(int argc, char **argv);
static int cmd_regdump(int argc, char **argv);
static int cmd_rules(int argc, char **argv);
static int cmd_explain(int argc, char **argv);
static int cmd_diff(int argc, char **argv);

/* The subcommands, for main() and for the hint when one is given late. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"lint", cmd_lint},   {"inventory", cmd_inventory}, {"issuers", cmd_issuers},
	{"reg-dump", cmd_regdump}, {"rules", cmd_rules}, {"explain", cmd_explain},
	{"diff", cmd_diff},
};

static void usage_error(const char *fmt, ...) TL_PRINTF(1, 2);

static void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	fputs("Try 'trustlint --help'.\n", stderr);
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

/* Say that nothing was recognised, and what to do about it. */
static void nothing_to_lint(const tl_inputs *in, const char *cmd, int argc, char **argv)
{
	size_t i;
	tl_buf names = {0};
	int a;

	/* a fleet given to a command that takes one machine */
	for (a = 0; a < argc; a++) {
		tl_fleet fl;

		if (tl_fleet_find(argv[a], &fl)) {
			say("%s: nothing to lint: '%s' is a fleet of %zu machine export(s) ('%s'%s): "
			    "'trustlint lint' lints a fleet; %s takes one machine's export, so name one "
			    "machine's folder", cmd, argv[a], fl.count, fl.machines[0].name,
			    fl.count > 1 ? ", ..." : "", cmd);
			tl_fleet_free(&fl);
			return;
		}
	}
	if (in->skipped_dir_count == 0) {
		say("%s: nothing to lint: no input is a certificate store, CTL, registry export or "
		    "configuration file (see the notes above; 'trustlint --help' lists the inputs)",
		    cmd);
		return;
	}
	for (i = 0; i < in->skipped_dir_count && i < TL_ARRAY_LEN(in->skipped_dirs); i++)
		tl_buf_printf(&names, "%s'%s'", i ? ", " : "", in->skipped_dirs[i]);
	if (in->skipped_dir_count > TL_ARRAY_LEN(in->skipped_dirs))
		tl_buf_printf(&names, " and %zu more",
			      in->skipped_dir_count - TL_ARRAY_LEN(in->skipped_dirs));
	say("%s: nothing to lint: the folder holds no export of its own, only subfolders (%s), "
	    "and none of them is a machine's export either (a fleet's machines are subfolders "
	    "holding an export.json, a location folder such as LocalMachine, or store and .reg files)",
	    cmd, names.data);
	tl_buf_free(&names);
}

/* Read every input, then every --trust-list file; on a fatal one print
 * why and return NULL. The run's own output (skip_dev/skip_ino, when it
 * exists) is never read. */
static tl_inputs *read_inputs(int argc, char **argv, const char *const *lists, size_t list_count,
			      const char *cmd, const tl_output *out, const tl_output *more,
			      size_t more_count, unsigned jobs)
{
	tl_inputs *in = tl_inputs_new();
	tl_diags *errs = tl_diags_new();
	uint64_t dev, ino;
	int i;
	size_t m;

	in->model->jobs = jobs;
	tl_source_threads(jobs);
	if (out && out->target && tl_os_file_id(out->target, &dev, &ino))
		tl_inputs_skip_file(in, dev, ino);
	/* every report of the run: none may be read as an input */
	for (m = 0; m < more_count; m++)
		if (more[m].target && tl_os_file_id(more[m].target, &dev, &ino))
			tl_inputs_skip_file(in, dev, ino);
	for (i = 0; i < argc; i++) {
		if (tl_inputs_add(in, argv[i], errs) != 0) {
			size_t k;

			print_diags(errs, stderr);
			/* `trustlint --format json inventory DIR` */
			for (k = 0; k < TL_ARRAY_LEN(commands); k++)
				if (!strcmp(argv[i], commands[k].name))
					say("'%s' is a subcommand only as the first word: trustlint %s [OPTIONS] INPUT...",
					    argv[i], argv[i]);
			tl_diags_free(errs);
			tl_inputs_free(in);
			return NULL;
		}
	}
	for (i = 0; (size_t)i < list_count; i++) {
		if (tl_inputs_add_trust_list(in, lists[i], errs) != 0) {
			print_diags(errs, stderr);
			tl_diags_free(errs);
			tl_inputs_free(in);
			return NULL;
		}
	}
	tl_diags_free(errs);
	tl_inputs_finish(in);
	if (in->recognised == 0) {
		print_diags(in->diags, stderr);
		nothing_to_lint(in, cmd, argc, argv);
		tl_inputs_free(in);
		return NULL;
	}
	return in;
}

/* Finish an output: 0, or the exit status after a write error (said, with
 * the path) or a closed pipe (quiet). */
static int finish_output(tl_output *o)
{
	char *err = NULL;
	char *path = tl_xstrdup(o->is_stdout ? "standard output" : o->path);
	int rc = tl_output_commit(o, &err);

	if (rc == -1)
		say("%s: %s", path, err);
	free(err);
	free(path);
	return rc == 0 ? EXIT_CLEAN : rc == -2 ? EXIT_PIPE : EXIT_USAGE;
}

/* Open the output named by -o (NULL: standard output); said on failure. */
static int open_output(tl_output *o, const char *path)
{
	char *err = NULL;

	if (tl_output_open(o, path, &err) == 0) {
		tl_json_set_terminal(o->terminal);
		return 0;
	}
	say("%s: %s", path, err);
	free(err);
	return -1;
}

/* Whether the file at path is the output's target (device and inode). */
static bool same_file(const char *path, const tl_output *out)
{
	uint64_t d1, i1, d2, i2;

	return out->target && tl_os_file_id(path, &d1, &i1) && tl_os_file_id(out->target, &d2, &i2) &&
	       d1 == d2 && i1 == i2;
}

/* The output is refused when it names a file the run reads: the rule
 * files (each *.rules of a folder too), waivers and baseline. */
static int refuse_output_over(const tl_output *out, const char *what, const char *path)
{
	tl_stat_t st;

	if (!out->target || !path)
		return 0;
	if (tl_os_stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		char **names = NULL;
		size_t n = 0, i;
		int rc = 0;

		if (tl_dir_names(path, &names, &n) != 0)
			return 0;
		for (i = 0; i < n && rc == 0; i++) {
			char *f;
			if (!tl_has_suffix_ci(names[i], ".rules"))
				continue;
			f = tl_os_path_join(path, names[i]);
			rc = refuse_output_over(out, what, f);
			free(f);
		}
		tl_strv_free(names, n);
		return rc;
	}
	if (!same_file(path, out))
		return 0;
	say("%s: the output would overwrite the %s '%s': choose another -o", out->path, what, path);
	return -1;
}

enum {
	OPT_FORMAT = 256, OPT_FAIL_ON, OPT_OPS, OPT_HELP, OPT_VERSION, OPT_RULES,
	OPT_NO_DEFAULT_RULES, OPT_DISABLE, OPT_LEVEL, OPT_PARAM, OPT_NOW, OPT_FIELDS, OPT_COLOR,
	OPT_WAIVERS, OPT_BASELINE, OPT_FAIL_ON_NEW, OPT_TRUST_LIST, OPT_BASELINE_ABSENT,
	OPT_SARIF_ROOT, OPT_SARIF_CATEGORY,
	/* --FORMAT-output FILE, one per report format (lint) */
	OPT_TEXT_OUTPUT, OPT_JSON_OUTPUT, OPT_SARIF_OUTPUT, OPT_GITLAB_OUTPUT, OPT_JUNIT_OUTPUT,
	OPT_HTML_OUTPUT, OPT_WRITE_WAIVERS, OPT_JOBS,
};

/* The format each --FORMAT-output option writes, by option. */
static const struct {
	int opt;
	const char *format;
} output_opts[] = {
	{OPT_TEXT_OUTPUT, "text"}, {OPT_JSON_OUTPUT, "json"}, {OPT_SARIF_OUTPUT, "sarif"},
	{OPT_GITLAB_OUTPUT, "gitlab"}, {OPT_JUNIT_OUTPUT, "junit"}, {OPT_HTML_OUTPUT, "html"},
	/* not a report: a waiver file for the findings (report/waiver.h) */
	{OPT_WRITE_WAIVERS, "waivers"},
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
	{"baseline-absent", required_argument, NULL, OPT_BASELINE_ABSENT},
	{"sarif-root", required_argument, NULL, OPT_SARIF_ROOT},
	{"sarif-category", required_argument, NULL, OPT_SARIF_CATEGORY},
	{"trust-list", required_argument, NULL, OPT_TRUST_LIST},
	{"text-output", required_argument, NULL, OPT_TEXT_OUTPUT},
	{"json-output", required_argument, NULL, OPT_JSON_OUTPUT},
	{"sarif-output", required_argument, NULL, OPT_SARIF_OUTPUT},
	{"gitlab-output", required_argument, NULL, OPT_GITLAB_OUTPUT},
	{"junit-output", required_argument, NULL, OPT_JUNIT_OUTPUT},
	{"html-output", required_argument, NULL, OPT_HTML_OUTPUT},
	{"write-waivers", required_argument, NULL, OPT_WRITE_WAIVERS},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"output", required_argument, NULL, 'o'},
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
	long jobs; /* --jobs: threads, or machines of a fleet at a time; 0 until given */
	tl_sarif_options sarif;
	bool help, version;
	int exit;        /* the status after --help/--version */
	strlist operands; /* the inputs (or rule id), in order */
	strlist rules, disable, levels, params;
	strlist trust_lists; /* --trust-list files, in order */
	/* --FORMAT-output: each report written besides the main one, as
	 * (format, file) pairs in the order given */
	strlist extra_formats, extra_files;
} options;

/* How many threads one export's certificates and signature checks are
 * spread over: --jobs, or the CPUs this process may run on. */
static unsigned threads(const options *o)
{
	return o->jobs > 0 ? (unsigned)o->jobs : tl_pool_cpus();
}

static void options_init(options *o, const char *format)
{
	memset(o, 0, sizeof(*o));
	o->format = format;
	o->fail_on = TL_ERROR;
	o->color = -1;
}

static void options_free(options *o)
{
	free(o->operands.v);
	free(o->rules.v);
	free(o->disable.v);
	free(o->levels.v);
	free(o->params.v);
	free(o->trust_lists.v);
	free(o->extra_formats.v);
	free(o->extra_files.v);
}

/* Which options a command takes. */
static bool allowed(const char *cmd, int opt)
{
	bool lint = !strcmp(cmd, "lint"), rules = !strcmp(cmd, "rules"), explain = !strcmp(cmd, "explain");
	bool diff = !strcmp(cmd, "diff");

	switch (opt) {
	case OPT_OPS:
		return !strcmp(cmd, "reg-dump");
	case OPT_FAIL_ON:
	case OPT_NOW:
	case 'q':
		return lint || diff;
	case OPT_COLOR:
	case OPT_WAIVERS:
	case OPT_BASELINE:
	case OPT_FAIL_ON_NEW:
	case OPT_TEXT_OUTPUT:
	case OPT_JSON_OUTPUT:
	case OPT_SARIF_OUTPUT:
	case OPT_GITLAB_OUTPUT:
	case OPT_JUNIT_OUTPUT:
	case OPT_WRITE_WAIVERS:
	case OPT_BASELINE_ABSENT:
	case OPT_SARIF_ROOT:
	case OPT_SARIF_CATEGORY:
	case OPT_JOBS:
		return lint;
	case OPT_FIELDS:
		return rules;
	case 'h':
	case 'V':
	case OPT_HELP:
	case OPT_VERSION:
		return true;
	case 'o':
		return lint || diff || !strcmp(cmd, "inventory") || !strcmp(cmd, "issuers");
	case OPT_TRUST_LIST:
		return lint || !strcmp(cmd, "inventory") || !strcmp(cmd, "issuers");
	case OPT_FORMAT:
		return lint || diff || rules || !strcmp(cmd, "inventory") || !strcmp(cmd, "issuers");
	case OPT_RULES:
	case OPT_NO_DEFAULT_RULES:
	case OPT_DISABLE:
	case OPT_LEVEL:
	case OPT_PARAM:
		return lint || diff || rules || explain;
	default:
		return true;
	}
}

/* How an option is spelled, for messages. */
static const char *option_name(int c)
{
	static char shortopt[3] = "-?";
	size_t i;

	if (c == 'o')
		return "-o";
	for (i = 0; common_opts[i].name; i++)
		if (common_opts[i].val == c) {
			static char longopt[64];
			snprintf(longopt, sizeof(longopt), "--%s", common_opts[i].name);
			return longopt;
		}
	shortopt[1] = (char)c;
	return shortopt;
}

/* Parse options anywhere among the operands (o->operands); returns 0, -1
 * on error, or -2 when --help/--version was handled (o->exit is then the
 * status). */
static int parse_options(int argc, char **argv, const char *cmd, options *o)
{
	int c;

	/* GNU permutation: options may follow the inputs
	 * (`trustlint DIR --format sarif -o x.sarif`), and `--` ends them */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-:o:qhV", common_opts, NULL)) != -1) {
		if (c == 1) {
			/* an operand, in order: collected, the options go on */
			strlist_add(&o->operands, optarg);
			continue;
		}
		if (c != '?' && c != ':' && !allowed(cmd, c)) {
			usage_error("%s: '%s' is not an option of this command", cmd, option_name(c));
			return -1;
		}
		switch (c) {
		case OPT_FORMAT:
			o->format = optarg;
			break;
		case 'o':
			/* two reports to two places would silently drop one */
			if (o->output) {
				usage_error("%s: -o given twice ('%s' and '%s')", cmd, o->output, optarg);
				return -1;
			}
			o->output = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_TEXT_OUTPUT:
		case OPT_JSON_OUTPUT:
		case OPT_SARIF_OUTPUT:
		case OPT_GITLAB_OUTPUT:
		case OPT_JUNIT_OUTPUT:
		case OPT_HTML_OUTPUT:
		case OPT_WRITE_WAIVERS:
			for (size_t k = 0; k < TL_ARRAY_LEN(output_opts); k++)
				if (output_opts[k].opt == c)
					strlist_add(&o->extra_formats, output_opts[k].format);
			strlist_add(&o->extra_files, optarg);
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
		case OPT_BASELINE_ABSENT:
			if (!strcmp(optarg, "omit") || !strcmp(optarg, "keep")) {
				o->sarif.omit_absent = !strcmp(optarg, "omit");
			} else {
				usage_error("--baseline-absent takes omit or keep, not '%s'", optarg);
				return -1;
			}
			break;
		case OPT_SARIF_ROOT:
			o->sarif.root = optarg;
			break;
		case OPT_JOBS: {
			char *end;

			errno = 0;
			o->jobs = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || o->jobs < 1 || o->jobs > 1024) {
				usage_error("--jobs: '%s' is not a number from 1 to 1024", optarg);
				return -1;
			}
			break;
		}
		case OPT_SARIF_CATEGORY:
			if (!*optarg) {
				usage_error("--sarif-category needs a name");
				return -1;
			}
			o->sarif.category = optarg;
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
		case OPT_TRUST_LIST:
			strlist_add(&o->trust_lists, optarg);
			break;
		case 'h':
		case OPT_HELP:
			o->help = true;
			break;
		case 'V':
		case OPT_VERSION:
			o->version = true;
			break;
		case ':':
			usage_error("%s: option '%s' needs a value", cmd, argv[optind - 1]);
			return -1;
		default:
			if (optopt && optopt < 256)
				usage_error("%s: unknown option '-%c'", cmd, optopt);
			else if (optopt)
				usage_error("%s: option '%s' takes no value", cmd, option_name(optopt));
			else
				usage_error("%s: unknown option '%s'", cmd, argv[optind - 1]);
			return -1;
		}
	}
	/* what follows `--` is operands only */
	while (optind < argc)
		strlist_add(&o->operands, argv[optind++]);
	if (o->help || o->version) {
		tl_output out;
		if (tl_output_open(&out, NULL, &(char *){NULL}) != 0)
			return -1;
		if (o->help)
			fputs(usage_text, out.fp);
		else
			fprintf(out.fp, "trustlint %s\nLicence: MIT\n"
				"Copyright (c) 2026 the trustlint authors\n", PACKAGE_VERSION);
		o->exit = finish_output(&out);
		return -2;
	}
	return 0;
}

/* The shipped rules: the source tree's rules/ when this binary runs from
 * its build tree, else $(pkgdatadir)/rules. TRUSTLINT_RULES_DIR overrides
 * both. */
static char *default_rules_dir(void)
{
	char *env = tl_os_getenv("TRUSTLINT_RULES_DIR");

	if (env && *env)
		return env;
	free(env);
	if (tl_in_build_dir(""))
		return tl_xstrdup(TL_SRCDIR "/rules");
#ifdef _WIN32
	{
		/* the zip's layout: rules\ beside trustlint.exe */
		char dir[4096];

		tl_binary_dir(dir, sizeof(dir));
		if (dir[0])
			return tl_xasprintf("%s\\rules", dir);
	}
#endif
	return tl_xstrdup(TL_PKGDATADIR "/rules");
}

/* Load the rules in effect; NULL (errors printed) when any rule file does
 * not load, or the shipped rules are not where this binary looks. */
static tl_ruleset *load_rules(const options *o)
{
	tl_ruleset *rs = tl_ruleset_new(tl_fields_catalogue());
	tl_diags *errs = tl_diags_new();
	tl_rule_options ro;
	size_t i, nerr = 0;

	/* a file that is not a rule file at all (a report, a binary) would
	 * give an error a line: the first 20 of a kind are enough */
	tl_diags_set_limit(errs, 20);
	if (!o->no_default_rules) {
		char *dir = default_rules_dir();
		tl_stat_t st;
		/* an installed or copied binary that does not find its rules
		 * would lint nothing and pass: fail closed */
		if (tl_os_stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			say("the shipped rules are not at '%s': set TRUSTLINT_RULES_DIR to the folder "
			    "holding them, or use --no-default-rules with --rules FILE", dir);
			free(dir);
			tl_diags_free(errs);
			tl_ruleset_free(rs);
			return NULL;
		}
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
		tl_diags_summarize(errs);
		print_diags(errs, stderr);
		tl_diags_free(errs);
		tl_ruleset_free(rs);
		return NULL;
	}
	tl_diags_free(errs);
	return rs;
}

static size_t enabled_rules(const tl_ruleset *rs)
{
	size_t i, n = 0;

	for (i = 0; i < tl_ruleset_count(rs); i++)
		n += tl_ruleset_at(rs, i)->enabled;
	return n;
}

/* load_rules(), and at least one rule in effect: a run that could check
 * nothing stops with a reason (exit status 2). NULL after saying why. */
static tl_ruleset *load_rules_in_effect(const options *o)
{
	tl_ruleset *rs = load_rules(o);

	if (rs && enabled_rules(rs) == 0) {
		say("no rule in effect: %s", o->no_default_rules && o->rules.n == 0
			? "--no-default-rules needs --rules FILE"
			: "every rule loaded is disabled");
		tl_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* The --format and operand checks lint, inventory and issuers share: 0,
 * or the exit status after a usage error. */
static int check_command(const char *cmd, const options *o)
{
	if (!strcmp(cmd, "lint") && !tl_report_format_find(o->format)) {
		tl_buf names = {0};

		tl_report_format_names(&names);
		usage_error("%s: --format takes %s, not '%s'", cmd, names.data, o->format);
		tl_buf_free(&names);
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "lint") != 0 && strcmp(o->format, "text") != 0 &&
	    strcmp(o->format, "json") != 0) {
		usage_error("%s: --format takes text or json, not '%s'", cmd, o->format);
		return EXIT_USAGE;
	}
	if (o->operands.n == 0 && o->trust_lists.n == 0) {
		usage_error("%s: no inputs", cmd);
		return EXIT_USAGE;
	}
	return 0;
}

/* A report over the inputs alone, no rules (inventory, issuers): text or
 * JSON to standard output or -o; 0 when written, 2 on a usage error or
 * when nothing was read. */
static int cmd_report(int argc, char **argv, const char *cmd, int (*text)(const tl_inputs *, FILE *),
		      int (*json)(const tl_inputs *, FILE *))
{
	options o;
	tl_inputs *in = NULL;
	tl_output out;
	int rc;

	options_init(&o, "text");
	rc = parse_options(argc, argv, cmd, &o);
	if (rc < 0) {
		options_free(&o);
		return rc == -2 ? o.exit : EXIT_USAGE;
	}
	if (check_command(cmd, &o) != 0 || open_output(&out, o.output) != 0) {
		options_free(&o);
		return EXIT_USAGE;
	}
	in = read_inputs((int)o.operands.n, (char **)o.operands.v, o.trust_lists.v, o.trust_lists.n,
			 cmd, &out, NULL, 0, threads(&o));
	if (!in) {
		tl_output_abort(&out);
		options_free(&o);
		return EXIT_USAGE;
	}
	if (strcmp(o.format, "json") == 0)
		json(in, out.fp);
	else
		text(in, out.fp);
	rc = finish_output(&out);
	/* JSON to standard output carries the diagnostics itself */
	if (rc == EXIT_CLEAN && (strcmp(o.format, "json") != 0 || o.output))
		print_diags(in->diags, stderr);
	options_free(&o);
	tl_inputs_free(in);
	return rc;
}

static int cmd_inventory(int argc, char **argv)
{
	return cmd_report(argc, argv, "inventory", tl_inventory_text, tl_inventory_json);
}

static int cmd_issuers(int argc, char **argv)
{
	return cmd_report(argc, argv, "issuers", tl_issuers_text, tl_issuers_json);
}

static int cmd_regdump(int argc, char **argv)
{
	options o;
	tl_registry *reg;
	tl_diags *d;
	tl_source **srcs;
	tl_output out;
	size_t i, n;
	int rc = EXIT_CLEAN;
	bool show_file;

	options_init(&o, "json");
	rc = parse_options(argc, argv, "reg-dump", &o);
	if (rc < 0) {
		options_free(&o);
		return rc == -2 ? o.exit : EXIT_USAGE;
	}
	if (o.operands.n == 0) {
		usage_error("reg-dump: no .reg files");
		options_free(&o);
		return EXIT_USAGE;
	}
	n = o.operands.n;
	show_file = n > 1;
	srcs = tl_xcalloc(n, sizeof(*srcs));
	reg = tl_registry_new();
	d = tl_diags_new();
	tl_diags_set_limit(d, TL_MAX_DIAGS_PER_ID);
	open_output(&out, NULL);
	for (i = 0; i < n; i++) {
		char *err = NULL;
		tl_reg_ops ops = {0};
		size_t k;

		srcs[i] = tl_source_open(o.operands.v[i], &err);
		if (!srcs[i]) {
			say("%s: %s", o.operands.v[i], err);
			free(err);
			rc = EXIT_USAGE;
			break;
		}
		if (o.ops) {
			tl_reg_parse(srcs[i]->data, srcs[i]->len, srcs[i]->path, &ops, d);
			for (k = 0; k < ops.count; k++)
				tl_regdump_op(&ops.ops[k], srcs[i]->path, show_file, out.fp);
			tl_reg_ops_free(&ops);
		} else {
			tl_registry_load(reg, srcs[i]->data, srcs[i]->len, srcs[i]->path, d);
		}
	}
	if (rc == EXIT_CLEAN && !o.ops)
		tl_regdump_state(reg, show_file, out.fp);
	tl_diags_summarize(d);
	{
		int wrc = finish_output(&out);
		if (wrc != EXIT_CLEAN)
			rc = wrc;
	}
	if (rc != EXIT_PIPE)
		print_diags(d, stderr);
	tl_diags_free(d);
	tl_registry_free(reg);
	for (i = 0; i < n; i++)
		tl_source_free(srcs[i]);
	free(srcs);
	options_free(&o);
	return rc;
}

/* --color auto: a terminal, NO_COLOR unset (no-color.org), TERM not dumb. */
static bool use_color(const options *o, const tl_output *out)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	if (o->color >= 0)
		return o->color == 1;
	if (no_color && *no_color)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return out->terminal;
}

/* Whether id names a rule of the set or a diagnostic trustlint reports
 * (waivers may accept those too). */
static bool known_id(const char *id, void *ctx)
{
	const tl_ruleset *rs = ctx;

	if (tl_ruleset_find(rs, id))
		return true;
	if (!strcmp(id, "waiver-expired") || !strcmp(id, "waiver-unused"))
		return true;
	return tl_diag_id_known(id);
}

/* The output may overwrite none of the files the run reads besides the
 * inputs (those are checked as they are read). */
static int refuse_outputs(const tl_output *out, const options *o)
{
	size_t i;

	if (!out->target)
		return 0;
	if (!o->no_default_rules) {
		char *dir = default_rules_dir();
		int rc = refuse_output_over(out, "rule file", dir);
		free(dir);
		if (rc)
			return rc;
	}
	for (i = 0; i < o->rules.n; i++)
		if (refuse_output_over(out, "rule file", o->rules.v[i]))
			return -1;
	if (refuse_output_over(out, "waiver file", o->waivers) ||
	    refuse_output_over(out, "baseline", o->baseline))
		return -1;
	return 0;
}

/* The status of a lint, known before the report is written (SARIF records
 * it): waived findings, and with --fail-on-new unchanged ones, never fail. */
static int lint_status(const tl_findings *f, const options *o, tl_baseline *base)
{
	size_t k;

	for (k = 0; k < f->count; k++) {
		const tl_finding *x = &f->items[k];
		char fp[40];

		if (x->waiver || (int)x->level > o->fail_on)
			continue;
		if (o->fail_on_new) {
			tl_fingerprint(x->rule_id, x->object, x->message, fp);
			if (!strcmp(tl_baseline_state(base, x->rule_id, fp), "unchanged"))
				continue;
		}
		return EXIT_FINDINGS;
	}
	return EXIT_CLEAN;
}

/* Whether a run frees what it made before it ends: only where a leak
 * checker looks (AddressSanitizer's LeakSanitizer, valgrind). Elsewhere
 * the kernel takes the whole address space back at once: freeing 100,000
 * entries one by one took 28 ms of a 2 s lint, and 0.8 ms of 45 for
 * Microsoft's roots. */
static bool free_at_exit(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return true;
#endif
#endif
	return tl_os_under_valgrind();
}

/* A fleet's machine process: its stderr to dir/<i>.err, where the fleet's
 * report finds the machine's messages (left as it is when that file cannot
 * be made: the machine's status still says it failed). */
static void machine_stderr(const char *dir, size_t i)
{
	char *path = tl_xasprintf("%s/%zu.err", dir, i);
	int fd = tl_os_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	free(path);
	fflush(stderr);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

/* The lint of one machine of a fleet, in a process of its own (a forked
 * child; on Windows, which has no fork(), this program started again, see
 * fleet_child): its reports go to dir/<i>.<format> for each format the run
 * writes, and JSON always (the fleet's table is made from it); what it
 * would say on stderr goes to dir/<i>.err. Returns the machine's status,
 * which the process exits with. */
static int lint_machine(const options *o, const tl_ruleset *rs, const tl_waivers *waivers,
			const tl_fleet *fl, size_t i, const char *dir, const char *const *formats,
			size_t nformats, bool quiet, const tl_output *out, const tl_output *extra)
{
	const char *operand = fl->machines[i].path;
	tl_findings f = {0};
	tl_diags *notes = tl_diags_new();
	tl_sarif_options sarif = o->sarif;
	tl_inputs *in;
	tl_view *v = NULL;
	int64_t now;
	size_t k;
	int rc;

	machine_stderr(dir, i);
	/* the fleet's machines run side by side, each on one thread */
	in = read_inputs(1, (char **)&operand, o->trust_lists.v, o->trust_lists.n, "lint", out, extra,
			 o->extra_files.n, 1);
	if (!in) {
		rc = EXIT_USAGE;
		goto done;
	}
	now = o->has_now ? o->now : (int64_t)time(NULL);
	v = tl_view_new(in, now);
	tl_lint_run(rs, v, in, &f);
	if (waivers) {
		tl_waivers_apply(waivers, &f, now, notes);
		for (k = 0; k < tl_diags_count(notes); k++)
			tl_findings_add_diag(&f, tl_diags_at(notes, k));
	}
	rc = lint_status(&f, o, NULL);
	tl_fingerprint_set_machine(fl->machines[i].name);
	tl_json_set_terminal(0); /* files, read back by the parent */
	sarif.category = tl_fleet_category(o->sarif.category, fl->machines[i].name);
	/* each report as <i>.<format>.tmp, renamed once all are written: a
	 * machine whose process dies half way leaves no report for the
	 * parent to paste in */
	for (k = 0; k < nformats; k++) {
		/* plain text: the file may also be a --text-output; -q applies
		 * to the text the run prints */
		tl_report_ctx ctx = {&f, rs, in, v, NULL, rc, quiet && !strcmp(formats[k], "text"), false, &sarif};
		char *file = tl_xasprintf("%s/%zu.%s.tmp", dir, i, formats[k]);
		FILE *fp = tl_os_fopen(file, "w");
		char ids[32];
		int wrc;

		/* HTML: the machine's <article> of the fleet's one page */
		snprintf(ids, sizeof(ids), "m%zu-", i);
		if (fp && !strcmp(formats[k], "html"))
			wrc = tl_html_write_machine(&ctx, fl->machines[i].name, ids, fp);
		else
			wrc = fp ? tl_report_format_find(formats[k])->write(&ctx, fp) : -1;
		free(file);
		if (fp && fclose(fp) != 0)
			wrc = -1;
		if (!fp || wrc != 0) {
			say("cannot write the machine's %s report in the scratch folder %s", formats[k], dir);
			rc = EXIT_USAGE;
			goto done;
		}
	}
	for (k = 0; k < nformats; k++) {
		char *from = tl_xasprintf("%s/%zu.%s.tmp", dir, i, formats[k]);
		char *to = tl_xasprintf("%s/%zu.%s", dir, i, formats[k]);
		int moved = tl_os_rename(from, to);

		free(from);
		free(to);
		if (moved != 0) {
			rc = EXIT_USAGE;
			goto done;
		}
	}
done:
	fflush(stderr);
	/* the rest goes with the process (as lint's, main below), unless a
	 * leak checker looks */
	if (free_at_exit()) {
		tl_findings_free(&f);
		tl_diags_free(notes);
		tl_view_free(v);
		tl_inputs_free(in);
	}
	return rc;
}

/* Remove the fleet's scratch folder and the reports in it. */
static void remove_scratch(const char *dir)
{
	char **names = NULL;
	size_t count = 0, i;

	if (tl_dir_names(dir, &names, &count) == 0) {
		for (i = 0; i < count; i++) {
			char *p = tl_xasprintf("%s/%s", dir, names[i]);
			tl_os_remove(p);
			free(p);
		}
		tl_strv_free(names, count);
	}
	tl_os_rmdir(dir);
}

/* The status of one machine's process: code is its exit status, or -1
 * when it was ended, as why says ("signal 11", "exception 0xC0000005"). A
 * machine that could not be linted is said where its other messages are. */
static int machine_status(int code, const char *why, const char *dir, size_t i)
{
	char *err, *json;
	FILE *fp;
	tl_stat_t st;
	int got = code;

	/* a status of 0 or 1 counts only with the reports it renames into
	 * place last (an ASan build exits 1 after a crash) */
	json = tl_xasprintf("%s/%zu.json", dir, i);
	if ((code == EXIT_CLEAN || code == EXIT_FINDINGS) && tl_os_stat(json, &st) != 0)
		code = -1;
	free(json);
	if (code >= 0)
		return code;
	err = tl_xasprintf("%s/%zu.err", dir, i);
	fp = tl_os_fopen(err, "a");
	if (fp) {
		if (why)
			fprintf(fp, "trustlint: the lint of this machine ended with %s\n", why);
		else
			fprintf(fp, "trustlint: the lint of this machine ended (status %d) without its reports\n",
				got);
		fclose(fp);
	}
	free(err);
	return EXIT_USAGE;
}

/* The formats a fleet's machines write, each once: JSON always (the
 * fleet's table is made from it), then those of the run's outputs. formats
 * holds o->extra_files.n + 2; returns their count. */
static size_t fleet_formats(const options *o, const char **formats)
{
	size_t n = 0, k;

	formats[n++] = "json";
	for (k = 0; k <= o->extra_files.n; k++) {
		const char *f = k == 0 ? o->format : o->extra_formats.v[k - 1];
		size_t j;
		bool seen = false;

		for (j = 0; j < n; j++)
			seen = seen || !strcmp(formats[j], f);
		if (!seen)
			formats[n++] = f;
	}
	return n;
}

#ifdef _WIN32
/* On Windows a fleet's machine is linted by this program started again
 * with the run's command line (tl_os_rerun) and these variables: the
 * machine's index in the fleet and its name, and the run's scratch
 * folder. */
#define FLEET_MACHINE_ENV "TRUSTLINT_FLEET_MACHINE"
#define FLEET_NAME_ENV "TRUSTLINT_FLEET_NAME"
#define FLEET_DIR_ENV "TRUSTLINT_FLEET_DIR"

/* Whether this process is such a machine's: then *i and *dir (malloc'd)
 * say which, and stderr already goes to the machine's messages, so that
 * what fails before the lint (the rules, the waivers) is said in the
 * fleet's report as a machine's message. */
static bool fleet_child(size_t *i, char **dir)
{
	char *index = tl_os_getenv(FLEET_MACHINE_ENV), *end = NULL;
	unsigned long long n;

	*dir = tl_os_getenv(FLEET_DIR_ENV);
	n = index && *index ? strtoull(index, &end, 10) : 0;
	if (!*dir || !end || *end || n > SIZE_MAX) {
		free(index);
		free(*dir);
		*dir = NULL;
		return false;
	}
	free(index);
	*i = (size_t)n;
	machine_stderr(*dir, *i);
	return true;
}

/* The lint of machine i of the fleet the command line names, for the run
 * whose scratch folder is dir: as a forked child would, with the run's
 * outputs known by their names only (never opened here). */
static int lint_fleet_child(const options *o, const tl_ruleset *rs, const tl_waivers *waivers,
			    size_t i, const char *dir)
{
	const char **formats = tl_xcalloc(o->extra_files.n + 2, sizeof(*formats));
	tl_output out = {0}, *extra = tl_xcalloc(o->extra_files.n + 1, sizeof(*extra));
	tl_fleet fl = {0};
	size_t k, nformats = fleet_formats(o, formats);
	char *name = tl_os_getenv(FLEET_NAME_ENV);
	int rc = EXIT_USAGE;

	/* the folder is read again: a machine added or removed since the run
	 * started would shift the index */
	if (o->operands.n != 1 || !tl_fleet_find(o->operands.v[0], &fl) || i >= fl.count || !name ||
	    strcmp(fl.machines[i].name, name) != 0) {
		say("lint: machine '%s' is no longer machine %zu of the fleet (its folder changed during the run)",
		    name ? name : "", i + 1);
		goto out;
	}
	out.target = o->output && strcmp(o->output, "-") ? tl_xstrdup(o->output) : NULL;
	for (k = 0; k < o->extra_files.n; k++)
		extra[k].target = tl_xstrdup(o->extra_files.v[k]);
	rc = lint_machine(o, rs, waivers, &fl, i, dir, formats, nformats, o->quiet, &out, extra);
out:
	free(out.target);
	for (k = 0; k < o->extra_files.n; k++)
		free(extra[k].target);
	free(extra);
	free(formats);
	free(name);
	tl_fleet_free(&fl);
	return rc;
}
#endif

/* Load --waivers (none: *out NULL); -1, said, when the file does not load
 * or waives a rule that does not exist. */
static int load_waivers(const options *o, tl_ruleset *rs, tl_diags *notes, tl_waivers **out)
{
	*out = NULL;
	if (!o->waivers)
		return 0;
	*out = tl_waivers_load(o->waivers, notes);
	/* as --disable and --level do: a waiver for a rule that does not exist
	 * waives nothing, and says nothing, for ever */
	if (!*out || tl_waivers_check_rules(*out, known_id, rs, notes) != 0) {
		print_diags(notes, stderr);
		return -1;
	}
	return 0;
}

/* Lint every machine of a fleet, jobs at a time, each in a process of its
 * own: a machine's memory is freed when its process ends, so the run
 * holds at most jobs machines at once, never the fleet; a machine that
 * crashes or checks nothing is reported, and the others are linted. Then
 * every report the run writes is put together from the machines'.
 * Returns the status: 2 when a machine could not be linted, else 1 when
 * one has findings at or above --fail-on, else 0. */
static int lint_fleet(const options *o, const tl_ruleset *rs, const tl_waivers *waivers,
		      const tl_fleet *fl, bool color, tl_output *out, tl_output *extra, bool *ran)
{
	char *tmp = tl_os_temp_dir();
	char *dir = tl_xasprintf("%s/trustlint-fleet.XXXXXX", tmp);
	const char **formats = tl_xcalloc(o->extra_files.n + 2, sizeof(*formats));
	int *codes = tl_xcalloc(fl->count, sizeof(*codes));
	size_t nformats = 0, k, next = 0;
	int rc = EXIT_CLEAN;
	size_t running = 0;
	/* machines at a time: --jobs, or the CPUs this process may run on */
	long jobs = (long)threads(o);
#ifdef _WIN32
	void *procs[64];
	size_t machine[64];
#else
	struct sigaction dfl, old_chld, old_pipe, ign;
	pid_t *pids = tl_xcalloc(fl->count, sizeof(*pids));
#endif

	*ran = false;
	for (k = 0; k < fl->count; k++)
		codes[k] = -1; /* not reaped */
	free(tmp);
	if (!tl_os_mkdtemp(dir)) {
		say("lint: cannot make a scratch folder for the fleet's machines (%s): %s", dir,
		    strerror(errno));
		rc = EXIT_USAGE;
		goto done;
	}
	nformats = fleet_formats(o, formats);
	fflush(NULL);
#ifdef _WIN32
	/* the machines' processes load the rules and waivers and find the
	 * formats again, from the same command line */
	(void)rs;
	(void)waivers;
	(void)nformats;
	/* this program again for each machine (fleet_child), jobs at a time:
	 * WaitForMultipleObjects waits for 64 at most */
	while (next < fl->count || running > 0) {
		char index[24];
		const char *env[] = {FLEET_MACHINE_ENV, index, FLEET_NAME_ENV,
				     next < fl->count ? fl->machines[next].name : "", FLEET_DIR_ENV, dir};
		unsigned long code;
		size_t which;

		if (next < fl->count && running < (size_t)jobs && running < 64) {
			snprintf(index, sizeof(index), "%zu", next);
			procs[running] = tl_os_rerun(env, TL_ARRAY_LEN(env));
			if (!procs[running]) {
				say("lint: cannot start the lint of machine '%s': %s", fl->machines[next].name,
				    strerror(errno));
				codes[next++] = EXIT_USAGE;
				continue;
			}
			machine[running++] = next++;
			continue;
		}
		if (tl_os_wait_any(procs, running, &which, &code) != 0) {
			say("lint: cannot wait for the lint of the fleet's machines: %s", strerror(errno));
			/* those not reaped count as failed below; none goes on
			 * writing in the scratch folder */
			while (running > 0)
				tl_os_stop(procs[--running]);
			break;
		}
		k = machine[which];
		if (code > 255) {
			/* an NTSTATUS: ended by an exception or by another process */
			char why[40];

			snprintf(why, sizeof(why), "exception 0x%08lX", code);
			codes[k] = machine_status(-1, why, dir, k);
		} else {
			codes[k] = machine_status((int)code, NULL, dir, k);
		}
		/* the last running process takes the slot */
		running--;
		procs[which] = procs[running];
		machine[which] = machine[running];
	}
#else
	/* wait() must see the children: a SIGCHLD inherited as ignored would
	 * reap them unseen; and a reader that goes away (| head) must not kill
	 * the parent before it removes the scratch folder (EPIPE is said by
	 * finish_output) */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	ign = dfl;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &dfl, &old_chld);
	sigaction(SIGPIPE, &ign, &old_pipe);
	while (next < fl->count || running > 0) {
		int status;
		pid_t pid;

		if (next < fl->count && running < (size_t)jobs) {
			pid = fork();
			if (pid == 0) {
				sigaction(SIGPIPE, &old_pipe, NULL);
				_exit(lint_machine(o, rs, waivers, fl, next, dir, formats, nformats,
						   o->quiet, out, extra));
			}
			if (pid < 0) {
				say("lint: cannot start the lint of machine '%s': %s", fl->machines[next].name,
				    strerror(errno));
				codes[next++] = EXIT_USAGE;
				continue;
			}
			pids[next++] = pid;
			running++;
			continue;
		}
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* no child left: those not reaped count as failed below */
		}
		/* only the machines' processes: one this process had before it
		 * became trustlint is not a machine */
		for (k = 0; k < next; k++)
			if (pids[k] == pid && codes[k] < 0)
				break;
		if (k == next)
			continue;
		if (WIFSIGNALED(status)) {
			char why[32];

			snprintf(why, sizeof(why), "signal %d", WTERMSIG(status));
			codes[k] = machine_status(-1, why, dir, k);
		} else {
			codes[k] = machine_status(WIFEXITED(status) ? WEXITSTATUS(status) : -1, NULL, dir, k);
		}
		running--;
	}
	sigaction(SIGCHLD, &old_chld, NULL);
#endif
	*ran = true;
	for (k = 0; k < fl->count; k++) {
		if (codes[k] < 0)
			codes[k] = EXIT_USAGE;
		if (codes[k] != EXIT_CLEAN && codes[k] != EXIT_FINDINGS)
			rc = EXIT_USAGE;
		else if (codes[k] == EXIT_FINDINGS && rc == EXIT_CLEAN)
			rc = EXIT_FINDINGS;
	}
	{
		tl_fleet_run run = {fl, codes, dir, o->sarif.category, color, o->quiet};

		tl_json_set_terminal(out->terminal);
		if (tl_fleet_write(&run, o->format, out->fp) != 0)
			rc = EXIT_USAGE;
		run.color = false;
		run.quiet = false;
		for (k = 0; k < o->extra_files.n; k++) {
			tl_json_set_terminal(extra[k].terminal);
			if (tl_fleet_write(&run, o->extra_formats.v[k], extra[k].fp) != 0)
				rc = EXIT_USAGE;
		}
	}
	remove_scratch(dir);
#ifndef _WIN32
	sigaction(SIGPIPE, &old_pipe, NULL);
#endif
done:
	free(dir);
	free(formats);
	free(codes);
#ifndef _WIN32
	free(pids);
#endif
	return rc;
}

static int cmd_lint(int argc, char **argv)
{
	options o;
	tl_inputs *in = NULL;
	tl_ruleset *rs = NULL;
	tl_findings f = {0};
	tl_view *v = NULL;
	tl_waivers *waivers = NULL;
	tl_baseline *base = NULL;
	tl_diags *notes = tl_diags_new();
	tl_output out = {0}, *extra = NULL;
	tl_fleet fleet = {0};
	int64_t now;
	size_t k, opened = 0;
	int rc;
#ifdef _WIN32
	char *child_dir = NULL;
	size_t child_i = 0;
#endif

	options_init(&o, "text");
#ifdef _WIN32
	/* before anything is said: a machine's messages go to its file */
	fleet_child(&child_i, &child_dir);
#endif
	rc = parse_options(argc, argv, "lint", &o);
	if (rc < 0) {
		rc = rc == -2 ? o.exit : EXIT_USAGE;
		goto done;
	}
	rc = EXIT_USAGE;
	if (o.fail_on_new && !o.baseline) {
		usage_error("lint: --fail-on-new needs --baseline OLD.sarif");
		goto done;
	}
	if (o.sarif.root) {
		tl_stat_t st;

		if (tl_os_stat(o.sarif.root, &st) != 0 || !S_ISDIR(st.st_mode)) {
			usage_error("lint: --sarif-root: '%s' is not a directory", o.sarif.root);
			goto done;
		}
	}
	/* rules first: a rule file that does not load stops the run before any
	 * input is read */
	rs = load_rules_in_effect(&o);
	if (!rs)
		goto done;
#ifdef _WIN32
	if (child_dir) {
		/* one machine of a fleet, for the run that started this process */
		if (check_command("lint", &o) == 0 && load_waivers(&o, rs, notes, &waivers) == 0)
			rc = lint_fleet_child(&o, rs, waivers, child_i, child_dir);
		free(child_dir);
		goto done;
	}
#endif
	if (check_command("lint", &o) != 0 || open_output(&out, o.output) != 0)
		goto done;
	if (refuse_outputs(&out, &o) != 0)
		goto done;
	extra = tl_xcalloc(o.extra_files.n + 1, sizeof(*extra));
	for (k = 0; k < o.extra_files.n; k++) {
		size_t j;

		/* two reports into one file would leave only the last */
		for (j = 0; j < k; j++)
			if (!strcmp(o.extra_files.v[j], o.extra_files.v[k])) {
				usage_error("lint: '%s' named by two output options",
					    o.extra_files.v[k]);
				goto done;
			}
		if (o.output && (!strcmp(o.output, o.extra_files.v[k]) ||
				 same_file(o.extra_files.v[k], &out))) {
			usage_error("lint: '%s' is both -o and a --FORMAT-output", o.extra_files.v[k]);
			goto done;
		}
		if (open_output(&extra[k], o.extra_files.v[k]) != 0)
			goto done;
		opened = k + 1;
		if (refuse_outputs(&extra[k], &o) != 0)
			goto done;
	}
	if (load_waivers(&o, rs, notes, &waivers) != 0)
		goto done;
	if (o.baseline) {
		base = tl_baseline_load(o.baseline, notes);
		if (!base) {
			print_diags(notes, stderr);
			goto done;
		}
	}
	if (o.operands.n == 1 && tl_fleet_find(o.operands.v[0], &fleet)) {
		if (base || o.fail_on_new) {
			usage_error("lint: %s is a fleet of %zu machines: --baseline compares one machine's run; lint each machine with its own baseline",
				    o.operands.v[0], fleet.count);
			goto done;
		}
		for (k = 0; k < o.extra_files.n; k++)
			if (!strcmp(o.extra_formats.v[k], "waivers")) {
				usage_error("lint: %s is a fleet: --write-waivers writes one machine's waivers; lint each machine for them",
					    o.operands.v[0]);
				goto done;
			}
		bool ran;

		rc = lint_fleet(&o, rs, waivers, &fleet, use_color(&o, &out), &out, extra, &ran);
		/* no machine could run: the outputs keep what they held */
		if (!ran)
			goto done;
		goto finish;
	}
	in = read_inputs((int)o.operands.n, (char **)o.operands.v, o.trust_lists.v, o.trust_lists.n,
			 "lint", &out, extra, o.extra_files.n, threads(&o));
	if (!in)
		goto done;
	now = o.has_now ? o.now : (int64_t)time(NULL);
	v = tl_view_new(in, now);
	tl_lint_run(rs, v, in, &f);
	if (waivers) {
		tl_waivers_apply(waivers, &f, now, notes);
		/* an expired waiver says so, as a finding of its own */
		for (k = 0; k < tl_diags_count(notes); k++)
			tl_findings_add_diag(&f, tl_diags_at(notes, k));
	}
	/* a baseline knows findings by their text: made for every finding */
	if (base)
		tl_findings_describe(&f);
	rc = lint_status(&f, &o, base);
	{
		tl_report_ctx ctx = {&f, rs, in, v, base, rc, o.quiet, use_color(&o, &out), &o.sarif};

		/* JSON to a terminal keeps to ASCII (base/json.h): set for each
		 * output as it is written, not by whichever opened last */
		tl_json_set_terminal(out.terminal);
		tl_report_format_find(o.format)->write(&ctx, out.fp);
		/* the other reports of the same run: no colour in a file */
		for (k = 0; k < o.extra_files.n; k++) {
			tl_report_ctx each = ctx;

			tl_json_set_terminal(extra[k].terminal);
			each.color = false;
			each.quiet = false;
			if (!strcmp(o.extra_formats.v[k], "waivers"))
				tl_waivers_write(&f, extra[k].fp);
			else
				tl_report_format_find(o.extra_formats.v[k])->write(&each, extra[k].fp);
		}
	}
finish:
	{
		int wrc = finish_output(&out);
		if (wrc != EXIT_CLEAN)
			rc = wrc;
		for (k = 0; k < o.extra_files.n; k++) {
			wrc = finish_output(&extra[k]);
			if (wrc != EXIT_CLEAN)
				rc = wrc;
		}
		opened = 0;
	}
	/* the outputs are written and closed; the rest goes with the process */
	if (!free_at_exit())
		return rc;
done:
	tl_output_abort(&out);
	for (k = 0; k < opened; k++)
		tl_output_abort(&extra[k]);
	free(extra);
	tl_findings_free(&f);
	tl_waivers_free(waivers);
	tl_baseline_free(base);
	tl_diags_free(notes);
	tl_view_free(v);
	tl_inputs_free(in);
	tl_ruleset_free(rs);
	tl_fleet_free(&fleet);
	options_free(&o);
	return rc;
}

/* The report diff writes in format; 0, or -1 on a write error. */
static int write_diff(const tl_diff *d, const options *o, int status, FILE *out)
{
	if (!strcmp(o->format, "json"))
		return tl_diff_json(d, status, out);
	if (!strcmp(o->format, "sarif"))
		return tl_diff_sarif(d, status, &o->sarif, out);
	return tl_diff_text(d, o->quiet, out);
}

/* trustlint diff OLD NEW: each side read as lint reads its inputs (one
 * operand each), both linted with the same rules and clock. */
static int cmd_diff(int argc, char **argv)
{
	options o;
	tl_ruleset *rs = NULL;
	tl_inputs *old_in = NULL, *new_in = NULL;
	tl_diff *d = NULL;
	tl_output out = {0};
	int rc;

	options_init(&o, "text");
	rc = parse_options(argc, argv, "diff", &o);
	if (rc < 0) {
		rc = rc == -2 ? o.exit : EXIT_USAGE;
		goto done;
	}
	rc = EXIT_USAGE;
	if (o.operands.n != 2) {
		usage_error("diff: give two exports, OLD and NEW (%zu given)", o.operands.n);
		goto done;
	}
	if (strcmp(o.format, "text") && strcmp(o.format, "json") && strcmp(o.format, "sarif")) {
		usage_error("diff: --format takes text, json or sarif, not '%s'", o.format);
		goto done;
	}
	rs = load_rules_in_effect(&o);
	if (!rs)
		goto done;
	if (open_output(&out, o.output) != 0)
		goto done;
	if (refuse_outputs(&out, &o) != 0)
		goto done;
	old_in = read_inputs(1, (char **)&o.operands.v[0], NULL, 0, "diff: OLD", &out, NULL, 0, threads(&o));
	if (!old_in)
		goto done;
	new_in = read_inputs(1, (char **)&o.operands.v[1], NULL, 0, "diff: NEW", &out, NULL, 0, threads(&o));
	if (!new_in)
		goto done;
	d = tl_diff_new(rs, old_in, o.operands.v[0], new_in, o.operands.v[1],
			o.has_now ? o.now : (int64_t)time(NULL));
	/* only what NEW brings fails the run: the drift itself never does */
	rc = tl_diff_failing(d, o.fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
	if (write_diff(d, &o, rc, out.fp) != 0 && !ferror(out.fp)) {
		say("diff: the report could not be written");
		goto done;
	}
	{
		int wrc = finish_output(&out);

		if (wrc != EXIT_CLEAN)
			rc = wrc;
	}
done:
	tl_output_abort(&out);
	tl_diff_free(d);
	tl_inputs_free(new_in);
	tl_inputs_free(old_in);
	tl_ruleset_free(rs);
	options_free(&o);
	return rc;
}

static int cmd_rules(int argc, char **argv)
{
	options o;
	tl_ruleset *rs;
	tl_output out;
	int rc;
	bool json;

	options_init(&o, "text");
	rc = parse_options(argc, argv, "rules", &o);
	if (rc < 0 || o.operands.n) {
		if (rc >= 0)
			usage_error("rules: takes no operands");
		options_free(&o);
		return rc == -2 ? o.exit : EXIT_USAGE;
	}
	if (strcmp(o.format, "text") != 0 && strcmp(o.format, "json") != 0) {
		usage_error("rules: --format takes text or json, not '%s'", o.format);
		options_free(&o);
		return EXIT_USAGE;
	}
	if (o.fields) {
		options_free(&o);
		open_output(&out, NULL);
		tl_ruledoc_fields(out.fp);
		return finish_output(&out);
	}
	rs = load_rules(&o);
	json = !strcmp(o.format, "json");
	options_free(&o);
	if (!rs)
		return EXIT_USAGE;
	open_output(&out, NULL);
	if (json)
		tl_ruledoc_list_json(rs, out.fp);
	else
		tl_ruledoc_list_text(rs, out.fp);
	tl_ruleset_free(rs);
	return finish_output(&out);
}

static int cmd_explain(int argc, char **argv)
{
	options o;
	tl_ruleset *rs;
	const tl_rule *r;
	tl_output out;
	int rc;

	options_init(&o, "text");
	rc = parse_options(argc, argv, "explain", &o);
	if (rc < 0 || o.operands.n != 1) {
		if (rc >= 0)
			usage_error("explain: give exactly one rule or diagnostic id");
		options_free(&o);
		return rc == -2 ? o.exit : EXIT_USAGE;
	}
	rs = load_rules(&o);
	if (!rs) {
		options_free(&o);
		return EXIT_USAGE;
	}
	r = tl_ruleset_find(rs, o.operands.v[0]);
	if (!r) {
		const struct tl_diag_info *d = tl_diag_info(o.operands.v[0]);

		tl_ruleset_free(rs);
		if (!d) {
			say("no rule or diagnostic '%s' (see 'trustlint rules' and DIAGNOSTICS in "
			    "trustlint(1))", o.operands.v[0]);
			options_free(&o);
			return EXIT_USAGE;
		}
		options_free(&o);
		open_output(&out, NULL);
		tl_ruledoc_explain_diag(d, out.fp);
		return finish_output(&out);
	}
	options_free(&o);
	open_output(&out, NULL);
	tl_ruledoc_explain_rule(r, out.fp);
	tl_ruleset_free(rs);
	return finish_output(&out);
}

int main(int argc, char **argv)
{
	size_t i;

	/* Windows: the arguments as UTF-8 whatever the code page, and
	 * standard streams in binary mode (nothing elsewhere) */
	argv = tl_os_utf8_args(&argc, argv);
	tl_os_binary_stdio();
	tl_set_program_path(argv[0]);
	/* before anything is read or written: a large run starts again, once,
	 * with huge pages for its heap (base/hugepages.h) */
	tl_huge_pages_reexec(argc, argv);
	/* a closed pipe on stdout ends the run quietly, as for every Unix
	 * filter; where the parent ignores SIGPIPE, the EPIPE write error is
	 * caught by finish_output() and ends it quietly too */
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < TL_ARRAY_LEN(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	return cmd_lint(argc, argv);
}
