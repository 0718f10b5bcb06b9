/* fuzz_pem.c: the PEM splitter and its base64 decoder. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "formats/pem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_pem_blocks blocks = {0};
	tl_diags *d = tl_diags_new();

	(void)tl_pem_detect(data, size);
	tl_pem_split(data, size, "fuzz.pem", &blocks, d);
	tl_pem_blocks_free(&blocks);
	tl_diags_free(d);
	return 0;
}
