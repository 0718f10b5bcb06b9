/* fuzz_reg.c: fuzz target for the .reg reader and the registry model.
 *
 * Parses the input, applies it to a fresh registry, walks every key and
 * value, formats every diagnostic, and frees everything. It also checks
 * two invariants and aborts when one breaks: tl_registry_load() builds the
 * same registry as tl_reg_parse() + tl_registry_apply(), and every key is
 * found again under its own path. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "formats/reg.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct dump {
	const tl_registry *r;
	tl_buf text;
};

static int visit(const tl_reg_key *k, void *arg)
{
	struct dump *dm = arg;
	const char *path = tl_reg_key_path(k);
	char *norm = tl_reg_normalize_path(path);
	size_t i, n = tl_reg_key_value_count(k);

	if (tl_registry_find(dm->r, path) != k || !norm || strcmp(norm, path) != 0) {
		fprintf(stderr, "fuzz_reg: key '%s' is not found under its own path\n", path);
		abort();
	}
	free(norm);
	tl_buf_printf(&dm->text, "%s|%s|%u|%zu\n", path, tl_reg_key_name(k),
		      (unsigned)tl_reg_key_line(k), tl_reg_key_subkey_count(k));
	for (i = 0; i < n; i++) {
		const tl_reg_value *v = tl_reg_key_value_at(k, i);
		char *hex = tl_xhex(v->data, v->len, false);

		if (tl_reg_key_value(k, v->name) != v) {
			fprintf(stderr, "fuzz_reg: value '%s' not found by name\n", v->name);
			abort();
		}
		tl_buf_printf(&dm->text, "  %s=%u:%s@%u\n", v->name, (unsigned)v->type, hex,
			      (unsigned)v->line);
		free(hex);
	}
	for (i = 0; i < tl_reg_key_subkey_count(k); i++)
		if (tl_reg_key_subkey_at(k, i) == NULL)
			abort();
	return 0;
}

static void dump(const tl_registry *r, tl_buf *out)
{
	struct dump dm = {r, {0}};

	tl_registry_walk(r, visit, &dm);
	*out = dm.text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *d = tl_diags_new(), *d2 = tl_diags_new();
	tl_registry *r = tl_registry_new(), *r2 = tl_registry_new();
	tl_buf a = {0}, b = {0}, msg = {0};
	tl_reg_ops ops;
	size_t i;
	int rc, rc2;

	rc = tl_reg_parse(data, size, "fuzz.reg", &ops, d);
	tl_registry_apply(r, &ops, "fuzz.reg");
	for (i = 0; i < ops.count; i++)
		tl_buf_printf(&msg, "%s %u\n", tl_reg_op_name(ops.ops[i].kind),
			      (unsigned)ops.ops[i].line);
	tl_reg_ops_free(&ops);
	for (i = 0; i < tl_diags_count(d); i++)
		tl_diag_format(tl_diags_at(d, i), &msg);

	rc2 = tl_registry_load(r2, data, size, "fuzz.reg", d2);
	dump(r, &a);
	dump(r2, &b);
	if (rc != rc2 || tl_diags_count(d) != tl_diags_count(d2) || a.len != b.len ||
	    (a.len && memcmp(a.data, b.data, a.len) != 0)) {
		fprintf(stderr, "fuzz_reg: tl_registry_load differs from parse + apply\n");
		abort();
	}

	tl_buf_free(&a);
	tl_buf_free(&b);
	tl_buf_free(&msg);
	tl_registry_free(r);
	tl_registry_free(r2);
	tl_diags_free(d);
	tl_diags_free(d2);
	return 0;
}
