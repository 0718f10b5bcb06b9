/* testutil.h: helpers shared by the Check suites. */
#ifndef TL_TESTUTIL_H
#define TL_TESTUTIL_H

#include <check.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/diag.h"
#include "base/util.h"
#include "rules/ruleset.h"

/* Read testdata/REL (relative to the repository's testdata/ folder) into a
 * new buffer; aborts the test when missing. free() the result. */
uint8_t *tt_read_testdata(const char *rel, size_t *len);
/* The same, as a tl_buf. tl_buf_free() the result. */
tl_buf tt_read_testdata_buf(const char *rel);
/* Absolute path of testdata/REL (static buffer, overwritten by each call). */
const char *tt_testdata_path(const char *rel);
/* Every diagnostic formatted as by tl_diag_format, one per line with '\n'
 * after each. free() the result. */
char *tt_diags_text(const tl_diags *d);
/* Check that the diagnostics D, formatted as by tt_diags_text, are exactly
 * EXPECTED. A macro, so that a failure names the caller's line. */
#define tt_ck_diags(d, expected)                                    \
	do {                                                        \
		char *got_ = tt_diags_text(d);                      \
		ck_assert_str_eq(got_, expected);                   \
		free(got_);                                         \
	} while (0)
/* What a reader reported about a damaged input of len bytes is sound:
 * every id is in the diagnostics table (base/diagids.c), every byte
 * location lies inside the input, every line location is past line 0. A
 * macro, so a failure names the caller's line. */
void tt_ck_diags_sane_at(const tl_diags *d, size_t len, const char *file, int line);
#define tt_ck_diags_sane(d, len) tt_ck_diags_sane_at((d), (len), __FILE__, __LINE__)

/* What a writer under test writes, kept in memory: tt_mem_open() gives the
 * stream to write to, tt_mem_close() the bytes (NUL-terminated; free()
 * them) and their count. */
typedef struct tt_mem {
	char *buf;
	size_t len;
	FILE *fp;
} tt_mem;
FILE *tt_mem_open(tt_mem *m);
char *tt_mem_close(tt_mem *m, size_t *len);
/* The JSON document a writer wrote (buf, len from tt_mem_close; freed
 * here): it must parse, and with newline, end in one. what names it in a
 * failure. json_decref() the result. */
json_t *tt_json_doc(char *buf, size_t len, const char *what, bool newline);
/* A rule set over the real catalogue from rule-file text, which must load
 * without a diagnostic. tl_ruleset_free() it. */
tl_ruleset *tt_rules_from_text(const char *text);

/* Run the suite with the default runner; returns the process exit code. */
int tt_run(Suite *s);

/* Damaged copies of a whole input for a reader that must survive them;
 * each copy is on the heap at its exact size, so AddressSanitizer sees
 * any read past its end, and is freed after fn returns. */
typedef void tt_input_fn(const uint8_t *p, size_t len);
/* fn on every proper prefix of DATA: lengths 0 to len - 1. */
void tt_each_prefix(const void *data, size_t len, tt_input_fn *fn);
/* fn on DATA with each byte in turn flipped (XOR 0xFF). */
void tt_each_flip(const void *data, size_t len, tt_input_fn *fn);

/* A tiny DER writer for hand-made inputs; each call returns a new buffer.
 * A TLV of TAG around the N tl_buf arguments that follow, concatenated;
 * it consumes them, so calls nest. */
tl_buf tt_der_tlv(uint8_t tag, int n, ...);
/* A copy of N bytes at P. */
tl_buf tt_bytes(const void *p, size_t n);
/* Bytes from hex digit pairs, spaces ignored: "30 03 02 01 00". */
tl_buf tt_hex_bytes(const char *hex);

#endif
