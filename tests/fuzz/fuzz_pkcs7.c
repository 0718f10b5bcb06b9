/* fuzz_pkcs7.c: SignedData detection and reading (GnuTLS, then the lenient
 * libtasn1 decoder), and through them the certificate facts. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "formats/pkcs7.h"
#include "model/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_model *m = tl_model_new();
	tl_store *s = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset("fuzz.p7b", 0, size);

	(void)tl_pkcs7_detect(data, size);
	(void)tl_pkcs7_is_ctl(data, size);
	tl_pkcs7_read(data, size, &where, s, d);
	tl_diags_free(d);
	tl_model_free(m);
	return 0;
}
