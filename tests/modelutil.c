/* modelutil.c: see modelutil.h. */
#include "config.h"

#include "modelutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "formats/pem.h"
#include "testutil.h"

tl_entry *tt_model_add(tl_model *m, tl_location loc, const char *store, tl_entry_kind kind,
		       const char *rel)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);
	tl_diags *d = tl_diags_new();
	tl_pem_blocks pem = {0};
	tl_entry *e;

	if (tl_pem_detect(data, len)) {
		ck_assert_msg(tl_pem_split(data, len, rel, &pem, d) >= 1, "%s: no PEM block", rel);
		e = tl_entry_new(kind, pem.blocks[0].der, pem.blocks[0].der_len);
		tl_pem_blocks_free(&pem);
	} else {
		e = tl_entry_new(kind, data, len);
	}
	free(data);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert_msg(kind != TL_ENTRY_CERT || e->parsed, "%s: not a certificate", rel);
	tl_diags_free(d);
	ck_assert(tl_store_add(tl_model_store(m, loc, store), e));
	return e;
}

tl_entry *tt_model_add_member(tl_model *m, int n, tl_location loc, const char *store)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "logical-root/member%d.cer", n);
	return tt_model_add(m, loc, store, TL_ENTRY_CERT, rel);
}
