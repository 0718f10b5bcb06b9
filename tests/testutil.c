/* testutil.c: see testutil.h. */
#include "config.h"

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

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
