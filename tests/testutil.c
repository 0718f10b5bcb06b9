/* testutil.c: see testutil.h. */
#include "config.h"

#include "testutil.h"

#include "base/diagids.h"
#include "rules/fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

const char *tt_testdata_path(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", TL_TESTDATA, rel);
	return path;
}

uint8_t *tt_read_testdata(const char *rel, size_t *len)
{
	const char *path = tt_testdata_path(rel);
	FILE *f = fopen(path, "rb");
	tl_buf b = {0};
	char chunk[65536];
	size_t n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		tl_buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return (uint8_t *)tl_buf_steal(&b);
}

tl_buf tt_read_testdata_buf(const char *rel)
{
	size_t len;
	uint8_t *p = tt_read_testdata(rel, &len);
	tl_buf b = tt_bytes(p, len);

	free(p);
	return b;
}

char *tt_diags_text(const tl_diags *d)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < tl_diags_count(d); i++) {
		tl_diag_format(tl_diags_at(d, i), &b);
		tl_buf_addc(&b, '\n');
	}
	return tl_buf_steal(&b);
}

int tt_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

void tt_each_prefix(const void *data, size_t len, tt_input_fn *fn)
{
	size_t cut;

	for (cut = 0; cut < len; cut++) {
		uint8_t *copy = tl_xmemdup(data, cut);

		fn(copy, cut);
		free(copy);
	}
}

void tt_each_flip(const void *data, size_t len, tt_input_fn *fn)
{
	size_t pos;

	for (pos = 0; pos < len; pos++) {
		uint8_t *copy = tl_xmemdup(data, len);

		copy[pos] ^= 0xFF;
		fn(copy, len);
		free(copy);
	}
}

/* ------------------------------------------------ a tiny DER writer */

static void der_put_len(tl_buf *b, size_t n)
{
	uint8_t bytes[sizeof(size_t)];
	size_t k = 0;

	if (n < 0x80) {
		tl_buf_addc(b, (char)n);
		return;
	}
	while (n) {
		bytes[k++] = (uint8_t)(n & 0xFF);
		n >>= 8;
	}
	tl_buf_addc(b, (char)(0x80 | k));
	while (k)
		tl_buf_addc(b, (char)bytes[--k]);
}

tl_buf tt_der_tlv(uint8_t tag, int n, ...)
{
	tl_buf body = {0}, out = {0};
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		tl_buf part = va_arg(ap, tl_buf);
		tl_buf_add(&body, part.data, part.len);
		tl_buf_free(&part);
	}
	va_end(ap);
	tl_buf_addc(&out, (char)tag);
	der_put_len(&out, body.len);
	tl_buf_add(&out, body.data, body.len);
	tl_buf_free(&body);
	return out;
}

tl_buf tt_bytes(const void *p, size_t n)
{
	tl_buf b = {0};

	tl_buf_add(&b, p, n);
	return b;
}

tl_buf tt_hex_bytes(const char *hex)
{
	tl_buf b = {0};

	/* so that even hex "" gives a buffer with data, like every other */
	tl_buf_reserve(&b, 0);
	while (*hex) {
		uint8_t v;
		if (*hex == ' ') {
			hex++;
			continue;
		}
		ck_assert_int_eq(tl_unhex(hex, 1, &v), 0);
		tl_buf_addc(&b, (char)v);
		hex += 2;
	}
	return b;
}

void tt_ck_diags_sane_at(const tl_diags *d, size_t len, const char *file, int line)
{
	size_t i;

	for (i = 0; i < tl_diags_count(d); i++) {
		const tl_diag *g = tl_diags_at(d, i);

		ck_assert_msg(tl_diag_info(g->id) != NULL, "%s:%d: diagnostic id '%s' is in no table",
			      file, line, g->id);
		ck_assert_msg(g->msg && g->msg[0], "%s:%d: '%s' without a message", file, line, g->id);
		if (g->loc.kind == TL_LOC_OFFSET)
			ck_assert_msg(g->loc.offset <= len && g->loc.length <= len - g->loc.offset,
				      "%s:%d: '%s' at 0x%llx+%llu, past the %zu bytes of the input",
				      file, line, g->id, (unsigned long long)g->loc.offset,
				      (unsigned long long)g->loc.length, len);
		else if (g->loc.kind == TL_LOC_LINE)
			ck_assert_msg(g->loc.line > 0, "%s:%d: '%s' at line 0", file, line, g->id);
	}
}

FILE *tt_mem_open(tt_mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->fp = open_memstream(&m->buf, &m->len);
	ck_assert_ptr_nonnull(m->fp);
	return m->fp;
}

char *tt_mem_close(tt_mem *m, size_t *len)
{
	ck_assert_int_eq(fclose(m->fp), 0);
	m->fp = NULL;
	if (len)
		*len = m->len;
	return m->buf;
}

json_t *tt_json_doc(char *buf, size_t len, const char *what, bool newline)
{
	json_error_t je;
	json_t *doc;

	if (newline) {
		/* one document, ending in a newline */
		ck_assert_uint_gt(len, 0);
		ck_assert_int_eq(buf[len - 1], '\n');
	}
	doc = json_loadb(buf, len, 0, &je);
	ck_assert_msg(doc != NULL, "%s does not parse: %s", what, je.text);
	free(buf);
	return doc;
}

tl_ruleset *tt_rules_from_text(const char *text)
{
	tl_ruleset *rs = tl_ruleset_new(tl_fields_catalogue());
	tl_diags *errs = tl_diags_new();
	tl_rule_options ro;

	memset(&ro, 0, sizeof(ro));
	tl_ruleset_load_text(rs, "t.rules", text, strlen(text), errs);
	tl_ruleset_finish(rs, &ro, errs);
	tt_ck_diags(errs, "");
	tl_diags_free(errs);
	return rs;
}
