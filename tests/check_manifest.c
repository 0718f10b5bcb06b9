/* check_manifest.c: export.json (input/manifest.c): what is read from it,
 * where its problems are located, and how it is compared with the stores
 * the files held. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "input/manifest.h"
#include "testutil.h"
#include "base/util.h"

static const char manifest[] =
	"{\n"
	"  \"trustlint_export\": 1,\n"
	"  \"computer\": \"WEB01\",\n"
	"  \"collected_utc\": \"2026-11-30T09:15:00Z\",\n"
	"  \"elevated\": true,\n"
	"  \"complete\": true,\n"
	"  \"os\": { \"build\": \"17763\", \"ubr\": 5830, \"current_version\": \"6.3\" },\n"
	"  \"locations\": [ \"LocalMachine\" ],\n"
	"  \"stores\": [\n"
	"    { \"location\": \"LocalMachine\", \"store\": \"Root\", \"status\": \"exported\",\n"
	"      \"certificates\": 2, \"ctls\": 0, \"file\": \"LocalMachine/Root.sst\" },\n"
	"    {\"location\": \"LocalMachine\", \"store\": \"Weird[,]\\\"{\", \"status\": \"empty\"},"
	" { \"location\": \"LocalMachine\", \"store\": \"CA\", \"status\": \"exported\", \"certificates\": 1 },\n"
	"    { \"location\": \"LocalMachine\", \"store\": \"Disallowed\", \"status\": \"failed\", \"error\": \"denied\" }\n"
	"  ],\n"
	"  \"registry\": [ { \"key\": \"HKLM\\\\X\", \"status\": \"absent\" } ]\n"
	"}\n";

static tl_export *parse(const char *path, const void *data, size_t len, tl_diags *d)
{
	tl_source *src = tl_source_from_memory(path, data, len);
	tl_export *e = tl_export_parse(src, d);

	/* the manifest borrows the path: keep it for the test's life */
	if (e)
		e->path = tl_xstrdup(path);
	tl_source_free(src);
	return e;
}

static void release(tl_export *e)
{
	if (e)
		free((char *)e->path);
	tl_export_free(e);
}

START_TEST(reads_every_member)
{
	tl_diags *d = tl_diags_new();
	tl_export *e = parse("export.json", manifest, strlen(manifest), d);

	ck_assert_ptr_nonnull(e);
	tt_ck_diags(d, "");
	ck_assert_str_eq(e->computer, "WEB01");
	ck_assert_int_eq(e->elevated, 1);
	ck_assert(e->complete_known && e->complete);
	ck_assert(e->os_build_known);
	ck_assert_int_eq(e->os_build, 17763);
	ck_assert_int_eq(e->os_ubr, 5830);
	ck_assert_str_eq(e->os_current_version, "6.3");
	ck_assert(e->listed[TL_LOC_LOCAL_MACHINE] && !e->listed[TL_LOC_CURRENT_USER]);
	ck_assert_uint_eq(e->store_count, 4);
	/* each entry at its own line, even two on one line and a store name
	 * holding brackets, commas, quotes and braces */
	ck_assert_uint_eq(e->stores[0].line, 10);
	ck_assert_str_eq(e->stores[1].name, "Weird[,]\"{");
	ck_assert_uint_eq(e->stores[1].line, 12);
	ck_assert_uint_eq(e->stores[2].line, 12);
	ck_assert_uint_eq(e->stores[3].line, 13);
	ck_assert_int_eq(e->stores[2].certificates, 1);
	ck_assert_int_eq(e->stores[2].ctls, -1);
	ck_assert_int_eq(e->stores[3].status, TL_EXPORT_FAILED);
	ck_assert_uint_eq(e->key_count, 1);
	ck_assert_int_eq(e->keys[0].status, TL_EXPORT_EMPTY);
	ck_assert_uint_eq(e->keys[0].line, 15);
	release(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(encodings)
{
	tl_diags *d = tl_diags_new();
	size_t n = strlen(manifest), i;
	uint8_t *u16 = tl_xmalloc(2 + 2 * n);
	char *bom = tl_xasprintf("\xEF\xBB\xBF%s", manifest);
	tl_export *e;

	u16[0] = 0xFF;
	u16[1] = 0xFE;
	for (i = 0; i < n; i++) {
		u16[2 + 2 * i] = (uint8_t)manifest[i];
		u16[3 + 2 * i] = 0;
	}
	ck_assert(tl_export_detect(u16, 2 + 2 * n));
	e = parse("u16.json", u16, 2 + 2 * n, d);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->computer, "WEB01");
	ck_assert_uint_eq(e->stores[3].line, 13);
	release(e);
	ck_assert(tl_export_detect((const uint8_t *)bom, strlen(bom)));
	e = parse("bom.json", bom, strlen(bom), d);
	ck_assert_ptr_nonnull(e);
	release(e);
	tt_ck_diags(d, "");
	free(u16);
	free(bom);
	tl_diags_free(d);
}
END_TEST

START_TEST(detect_only_manifests)
{
	static const char *no[] = {
		"",
		"[\"trustlint_export\"]",
		"{\"version\": \"2.1.0\", \"runs\": []}",
		"not json \"trustlint_export\"",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(no); i++)
		ck_assert_msg(!tl_export_detect((const uint8_t *)no[i], strlen(no[i])), "%s", no[i]);
	ck_assert(tl_export_detect((const uint8_t *)"  {\"trustlint_export\":1}", 25));
}
END_TEST

START_TEST(bad_json_is_located)
{
	tl_diags *d = tl_diags_new();
	static const char bad[] = "{\n  \"trustlint_export\": 1,\n  \"computer\": \"X\" \"elevated\": true\n}\n";

	ck_assert_ptr_null(parse("bad.json", bad, strlen(bad), d));
	ck_assert_uint_eq(tl_diags_count(d), 1);
	ck_assert_str_eq(tl_diags_at(d, 0)->id, "input-export-manifest-bad");
	ck_assert_uint_eq(tl_diags_at(d, 0)->loc.line, 3);
	ck_assert_uint_gt(tl_diags_at(d, 0)->loc.col, 0);
	tl_diags_free(d);
}
END_TEST

START_TEST(wrong_types_are_left_out_at_their_line)
{
	tl_diags *d = tl_diags_new();
	static const char odd[] = "{\n  \"trustlint_export\": \"one\",\n  \"computer\": 7,\n"
				  "  \"os\": {\n    \"build\": \"17763a\" },\n"
				  "  \"stores\": [ 1, { \"location\": \"Nowhere\", \"store\": \"Root\", \"status\": \"exported\" } ]\n}\n";
	tl_export *e = parse("odd.json", odd, strlen(odd), d);

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->version, TL_EXPORT_VERSION);
	ck_assert_ptr_null(e->computer);
	ck_assert(!e->os_build_known);
	ck_assert_uint_eq(e->store_count, 0);
	tt_ck_diags(d,
		    "odd.json:2: warning: trustlint_export: not a manifest version (1 or more); read as version 1 [input-export-manifest-field]\n"
		    "odd.json:3: warning: computer: not a string; left out [input-export-manifest-field]\n"
		    "odd.json:4: warning: os.build: not a build number; left out [input-export-manifest-field]\n"
		    "odd.json:6: warning: a stores entry: not an object; left out [input-export-manifest-field]\n"
		    "odd.json:6: warning: a stores entry: no location (LocalMachine, CurrentUser, ...) or no store name; left out [input-export-manifest-field]\n");
	release(e);
	tl_diags_free(d);
}
END_TEST

/* The comparison once the files are read: an empty store is made, a store
 * whose file was lost and one whose count differs are named at their
 * entry, and a registry build that differs is reported. */
START_TEST(compared_with_the_files)
{
	tl_diags *d = tl_diags_new();
	tl_export *e = parse("export.json", manifest, strlen(manifest), d);
	tl_model *m = tl_model_new();
	tl_store *root = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
	tl_buf der = tt_read_testdata_buf("roots/v3-root-no-basic-constraints.cer");

	tl_store_add(root, tl_entry_new(TL_ENTRY_CERT, (const uint8_t *)der.data, der.len));
	tl_export_check(e, m, "20348", d);
	ck_assert(m->listed[TL_LOC_LOCAL_MACHINE]);
	ck_assert_ptr_nonnull(tl_model_find(m, TL_LOC_LOCAL_MACHINE, "Weird[,]\"{"));
	ck_assert_ptr_null(tl_model_find(m, TL_LOC_LOCAL_MACHINE, "Disallowed"));
	tt_ck_diags(d,
		    "export.json:10: warning: export.json says LocalMachine\\Root held 2 certificate(s) and 0 CTL(s) when it was exported; the files read hold 1 and 0: they were changed after collection, damaged, or come from another export [input-export-count-mismatch]\n"
		    "export.json:12: warning: export.json lists LocalMachine\\CA as exported (1 certificate(s), 0 CTL(s)), but no file of the export held that store: the file is missing, unreadable or renamed [input-export-file-missing]\n"
		    "export.json:1: warning: export.json says OS build 17763, the registry export's CurrentBuildNumber is 20348: they come from different machines or times; the registry's is used [input-export-os-mismatch]\n");
	tl_buf_free(&der);
	tl_model_free(m);
	release(e);
	tl_diags_free(d);
}
END_TEST

static Suite *manifest_suite(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, reads_every_member);
	tcase_add_test(tc, encodings);
	tcase_add_test(tc, detect_only_manifests);
	tcase_add_test(tc, bad_json_is_located);
	tcase_add_test(tc, wrong_types_are_left_out_at_their_line);
	tcase_add_test(tc, compared_with_the_files);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(manifest_suite());
}
