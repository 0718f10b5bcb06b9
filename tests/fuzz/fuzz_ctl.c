/* fuzz_ctl.c: certificate trust list decoding (FORMATS.md 3) and the
 * check of its signature (formats/ctlsig.h). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "formats/ctl.h"
#include "formats/ctlsig.h"
#include "base/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *d = tl_diags_new();
	/* a location that is exactly the input, so field locations are
	 * computed too */
	tl_loc where = tl_loc_offset("fuzz.stl", 0, size);
	tl_ctl *ctl = tl_ctl_decode(data, size, &where, d);
	/* the input also as an extra certificate: a hostile list naming
	 * itself as its signer must not confuse the search */
	const uint8_t *extra[] = {data};
	const size_t extra_lens[] = {size};
	tl_ctlsig sig;

	if (tl_ctlsig_check(data, size, extra, extra_lens, 1, &sig) == 0)
		tl_ctlsig_free(&sig);

	free(tl_ctl_list_id_text(ctl));
	tl_ctl_free(ctl);
	tl_diags_free(d);
	return 0;
}
