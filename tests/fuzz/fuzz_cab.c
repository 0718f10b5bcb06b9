/* fuzz_cab.c: cabinets through libmspack from memory (formats/cab), and
 * each member as the loader takes it: a CTL is decoded as a root program
 * list would be. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/diag.h"
#include "formats/cab.h"
#include "formats/ctl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void member(void *arg, const char *name, const uint8_t *bytes, size_t len)
{
	tl_diags *d = arg;
	tl_loc where = tl_loc_offset(name, 0, len);

	tl_ctl_free(tl_ctl_decode(bytes, len, &where, d));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_diags *d = tl_diags_new();
	tl_loc where = tl_loc_offset("fuzz.cab", 0, size);

	tl_cab_read(data, size, &where, member, d, d);
	tl_diags_free(d);
	return 0;
}
