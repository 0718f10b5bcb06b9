/* fuzz_waivers.c: fuzz target for the waiver file parser, the rule-id check
 * and matching against a small fixed world of findings (one certificate in
 * Root and in CurrentUser\CA, a binding, a store, the machine, an input
 * diagnostic).
 *
 * It aborts when an invariant breaks: a parse returns waivers or errors,
 * never both or neither; every waived finding names its waiver; each
 * waiver gets at most one note; the rule check returns the number of
 * errors it added. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "rules/fields.h"
#include "rules/lint.h"
#include "model/store.h"
#include "report/waiver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *why)
{
	fprintf(stderr, "fuzz_waivers: %s\n", why);
	abort();
}

/* The ids the seed corpus uses, so the suggestion and unknown-id paths are
 * both reached. */
static bool known(const char *id, void *ctx)
{
	static const char *const ids[] = {"root-not-self-signed", "binding-cert-missing",
					  "store-empty", "trust-mode-root-conflict",
					  "root-expired", "input-sst-truncated"};
	size_t i;

	(void)ctx;
	if (strcmp(id, "*") == 0)
		fail("the predicate was asked about '*'");
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static void add(tl_findings *f, const char *rule_id, int scope, const void *obj,
		const char *object)
{
	tl_finding *x;

	tl_xgrow((void **)&f->items, &f->cap, f->count + 1, sizeof(*f->items));
	x = &f->items[f->count];
	memset(x, 0, sizeof(*x));
	x->rule_id = rule_id;
	x->scope = scope;
	x->obj = obj;
	x->object = (char *)object;
	x->order = f->count++;
}

static void format_all(const tl_diags *d)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < tl_diags_count(d); i++) {
		tl_diag_format(tl_diags_at(d, i), &b);
		tl_buf_addc(&b, '\n');
	}
	tl_buf_free(&b);
}

static void match(const tl_waivers *w)
{
	static const uint8_t sha1[20] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99,
					 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, 0x22, 0x33};
	tl_store root = {.location = TL_LOC_LOCAL_MACHINE, .name = (char *)"Root"};
	tl_store ca = {.location = TL_LOC_CURRENT_USER, .name = (char *)"CA"};
	tl_entry cert;
	tl_view_cert in_root, in_ca;
	tl_binding binding;
	tl_view_store store;
	tl_findings f = {0};
	tl_diags *notes = tl_diags_new();
	size_t i;

	memset(&cert, 0, sizeof(cert));
	cert.parsed = true;
	memcpy(cert.cert.sha1, sha1, 20);
	cert.der = sha1; /* some bytes: the SHA-256 is made from them */
	cert.der_len = 20;
	in_root = (tl_view_cert){&root, &cert, TL_INDEX_NONE};
	in_ca = (tl_view_cert){&ca, &cert, TL_INDEX_NONE};
	memset(&binding, 0, sizeof(binding));
	binding.endpoint = (char *)"portal.lint.test:443";
	memset(&store, 0, sizeof(store));
	store.location = TL_LOC_CURRENT_USER;
	store.name = "ca";
	add(&f, "root-not-self-signed", TL_SCOPE_CERT, &in_root,
	    "LocalMachine\\Root\\00112233445566778899AABBCCDDEEFF00112233");
	add(&f, "root-expired", TL_SCOPE_CTL, &in_ca, NULL);
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &binding,
	    "HTTP\\SslBindingInfo\\portal.lint.test:443");
	add(&f, "store-empty", TL_SCOPE_STORE, &store, NULL);
	add(&f, "trust-mode-root-conflict", TL_SCOPE_MACHINE, NULL, "machine");
	add(&f, NULL, TL_SCOPE_CERT, &in_root, NULL);
	add(&f, "input-sst-truncated", -1, NULL, "machine");
	/* 2025-01-01: dates on either side of it occur in the corpus */
	tl_waivers_apply(w, &f, 1735689600, notes);
	for (i = 0; i < f.count; i++)
		if (f.items[i].waiver && !f.items[i].waiver->id)
			fail("a waived finding without its waiver's name");
	if (f.items[6].waiver)
		fail("an input diagnostic was waived");
	if (tl_diags_count(notes) > tl_waivers_count(w))
		fail("more notes than waivers");
	format_all(notes);
	free(f.items);
	tl_diags_free(notes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *d = tl_diags_new();
	tl_waivers *w = tl_waivers_parse("fuzz.ini", (const char *)data, size, d);
	size_t before, n;

	if ((w != NULL) == (tl_diags_count(d) > 0))
		fail("waivers and errors together, or neither");
	if (w) {
		before = tl_diags_count(d);
		n = tl_waivers_check_rules(w, known, NULL, d);
		if (tl_diags_count(d) != before + n)
			fail("check_rules counted its errors wrong");
		match(w);
	}
	format_all(d);
	tl_waivers_free(w);
	tl_diags_free(d);
	return 0;
}
