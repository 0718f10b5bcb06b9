/* fuzz_sst.c: the serialized store and element readers, and through them
 * the certificate facts and property decoding. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "formats/sst.h"
#include "model/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_model *m = tl_model_new();
	tl_store *s = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset("fuzz", 0, size);

	/* the same bytes as a whole store (header forced by the reader's own
	 * check) and as one registry Blob */
	tl_sst_read(data, size, "fuzz.sst", s, d);
	tl_blob_read(data, size, &where, s, d);
	tl_diags_free(d);
	tl_model_free(m);
	return 0;
}
