/* testutil.h: helpers shared by the Check suites. */
#ifndef TL_TESTUTIL_H
#define TL_TESTUTIL_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Read testdata/REL (relative to the repository's testdata/ folder) into a
 * new buffer; aborts the test when missing. free() the result. */
uint8_t *tt_read_testdata(const char *rel, size_t *len);
/* Absolute path of testdata/REL (static buffer, overwritten by each call). */
const char *tt_testdata_path(const char *rel);
/* Every diagnostic formatted as by tl_diag_format, one per line with '\n'
 * after each. free() the result. */
char *tt_diags_text(const tl_diags *d);
/* Run the suite with the default runner; returns the process exit code. */
int tt_run(Suite *s);

#endif
