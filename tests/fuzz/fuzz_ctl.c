/* fuzz_ctl.c: certificate trust list decoding (FORMATS.md 3). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "formats/ctl.h"
#include "base/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *d = tl_diags_new();
	/* a location that is exactly the input, so field locations are
	 * computed too */
	tl_loc where = tl_loc_offset("fuzz.stl", 0, size);
	tl_ctl *ctl = tl_ctl_decode(data, size, &where, d);

	free(tl_ctl_list_id_text(ctl));
	tl_ctl_free(ctl);
	tl_diags_free(d);
	return 0;
}
