/* main.c: the command line (DESIGN.md 1). The only place that prints to the
 * terminal or chooses the exit status. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "inventory.h"
#include "json.h"
#include "regdump.h"
#include "source.h"
#include "util.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: trustlint [lint] [OPTIONS] INPUT...     lint the inputs\n"
	"       trustlint inventory [OPTIONS] INPUT...  list every store entry\n"
	"       trustlint reg-dump [--ops] FILE.reg...  show what .reg files set\n"
	"\n"
	"INPUT: STORE=FILE, LOCATION\\STORE=FILE, FILE.reg, a FILE named after its\n"
	"store (Root.sst, LocalMachine-CA.p7b) or a DIR of such files.\n"
	"\n"
	"lint options:\n"
	"  --format text|json     output format (default text)\n"
	"  -o FILE                write the report to FILE\n"
	"  --fail-on LEVEL        error|warning|note|none (default error)\n"
	"  -q                     no summary line\n"
	"inventory options:\n"
	"  --format text|json     table (default) or JSON document\n"
	"  -o FILE                write to FILE\n"
	"reg-dump options:\n"
	"  --ops                  the operations in file order, not the final state\n"
	"\n"
	"  --version, --help\n"
	"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or an\n"
	"input that cannot be read at all.\n";

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

enum { OPT_FORMAT = 256, OPT_FAIL_ON, OPT_OPS, OPT_HELP, OPT_VERSION };

static const struct option common_opts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"ops", no_argument, NULL, OPT_OPS},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

typedef struct options {
	const char *format;
	const char *output;
	int fail_on; /* severity threshold: findings with sev <= fail_on fail; -1 none */
	bool quiet;
	bool ops;
} options;

/* Parse options; returns the index of the first operand, -1 on error,
 * or -2 when --help/--version was handled. */
static int parse_options(int argc, char **argv, const char *cmd, options *o)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:q", common_opts, NULL)) != -1) {
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
		case OPT_OPS:
			if (strcmp(cmd, "reg-dump") != 0) {
				usage_error("--ops is an option of reg-dump");
				return -1;
			}
			o->ops = true;
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

/* The common start of inventory and lint: options, format check, inputs
 * read, output opened. Returns -1 to go on, or the exit status to return
 * at once. */
static int start_command(int argc, char **argv, const char *cmd, options *o, tl_inputs **in,
			 FILE **out)
{
	int first = parse_options(argc, argv, cmd, o);

	if (first == -2)
		return EXIT_CLEAN;
	if (first < 0)
		return EXIT_USAGE;
	if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
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
	options o = {"text", NULL, TL_ERROR, false, false};
	tl_inputs *in;
	FILE *out;
	int rc = start_command(argc, argv, "inventory", &o, &in, &out);

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
	options o = {"json", NULL, TL_ERROR, false, false};
	tl_registry *reg;
	tl_diags *d;
	tl_source **srcs;
	int first = parse_options(argc, argv, "reg-dump", &o), i, n, rc = EXIT_CLEAN;
	bool show_file;

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

/* Lint. Until rule files land, the findings are the input-* diagnostics:
 * damaged and suspicious input, located exactly. */
static int cmd_lint(int argc, char **argv)
{
	options o = {"text", NULL, TL_ERROR, false, false};
	tl_inputs *in;
	FILE *out;
	size_t i, certs = 0, counts[3];
	int rc = start_command(argc, argv, "lint", &o, &in, &out);

	if (rc >= 0)
		return rc;
	rc = EXIT_CLEAN;
	for (i = 0; i < 3; i++)
		counts[i] = tl_diags_count_sev(in->diags, (tl_severity)i);
	for (i = 0; i < in->model->count; i++) {
		size_t j;
		for (j = 0; j < in->model->stores[i]->count; j++)
			certs += in->model->stores[i]->entries[j]->kind == TL_ENTRY_CERT;
	}
	if (!strcmp(o.format, "json")) {
		json_t *doc = json_object(), *findings = json_array(), *summary = json_object();

		for (i = 0; i < tl_diags_count(in->diags); i++)
			json_array_append_new(findings, tl_diag_to_json(tl_diags_at(in->diags, i)));
		json_object_set_new(doc, "tool", json_string("trustlint"));
		json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
		json_object_set_new(doc, "findings", findings);
		json_object_set_new(summary, "errors", json_integer((json_int_t)counts[0]));
		json_object_set_new(summary, "warnings", json_integer((json_int_t)counts[1]));
		json_object_set_new(summary, "notes", json_integer((json_int_t)counts[2]));
		json_object_set_new(summary, "inputs", json_integer((json_int_t)in->source_count));
		json_object_set_new(summary, "certificates", json_integer((json_int_t)certs));
		json_object_set_new(summary, "stores", json_integer((json_int_t)in->model->count));
		json_object_set_new(doc, "summary", summary);
		json_dumpf(doc, out, JSON_PRESERVE_ORDER | JSON_INDENT(2));
		fputc('\n', out);
		json_decref(doc);
	} else {
		print_diags(in->diags, out);
		if (!o.quiet)
			fprintf(out, "%zu error%s, %zu warning%s, %zu note%s in %zu input%s (%zu certificates, %zu stores)\n",
				counts[0], counts[0] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s",
				counts[2], counts[2] == 1 ? "" : "s", in->source_count,
				in->source_count == 1 ? "" : "s", certs, in->model->count);
	}
	if (close_output(out) != 0)
		rc = EXIT_USAGE;
	for (i = 0; rc == EXIT_CLEAN && o.fail_on >= 0 && i <= (size_t)o.fail_on; i++)
		if (counts[i])
			rc = EXIT_FINDINGS;
	tl_inputs_free(in);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "inventory"))
		return cmd_inventory(argc - 1, argv + 1);
	if (!strcmp(argv[1], "reg-dump"))
		return cmd_regdump(argc - 1, argv + 1);
	if (!strcmp(argv[1], "lint"))
		return cmd_lint(argc - 1, argv + 1);
	return cmd_lint(argc, argv);
}
