/* ciphersuites.h: the "SSL Cipher Suite Order" and "ECC Curve Order" group
 * policies as Schannel reads them (FORMATS.md 5): the suites the policy
 * lists, in order, which of them are weak, and the curves.
 *
 * Ownership: a tl_cipher_policy owns its strings; free it with
 * tl_cipher_policy_free. Nothing borrows the registry once it is read. */
#ifndef TL_WIN_CIPHERSUITES_H
#define TL_WIN_CIPHERSUITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/registry.h"

#define TL_WIN_SSL_POLICY_KEY \
	"HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002"

/* "The list of cipher suites is limited to 1023 characters"
 * (learn.microsoft.com, "Prioritizing Schannel Cipher Suites"): the
 * policy editor's limit. What Schannel does with a longer value written
 * straight into the registry is not documented, so it is read whole and
 * its length reported. */
#define TL_WIN_SUITE_ORDER_MAX 1023

typedef struct tl_cipher_policy {
	bool present;   /* Functions is in the export, of any type */
	uint32_t type;  /* its registry type, when present */
	bool read;      /* a string Schannel reads: REG_SZ, or REG_EXPAND_SZ (inferred) */
	size_t length;  /* characters of the value, when read */
	char **suites;  /* the entries in order, blanks around them trimmed, empty ones dropped */
	size_t suite_count;
	char **weak;    /* the weak entries, in order (pointers into suites) */
	size_t weak_count;
	bool curves_read; /* EccCurves is a REG_MULTI_SZ */
	char **curves;    /* its strings, in order */
	size_t curve_count;
} tl_cipher_policy;

/* Why suite (a name as Windows spells it, case-insensitive) is weak:
 * "NULL", "anonymous", "EXPORT", "SSL 2.0", "DES", "RC2", "RC4", "3DES" or
 * "MD5"; NULL when none applies. Static strings. */
const char *tl_cipher_suite_weakness(const char *suite);

/* The entries of a Functions value: split at commas, ASCII blanks trimmed
 * (inferred: what Schannel makes of a blank is not documented), empty
 * entries dropped (the policy editor ends every entry with a comma).
 * Returns the count; *out is an array of new strings, the caller frees
 * each and the array (also when the count is 0). */
size_t tl_cipher_suites_split(const char *value, char ***out);

void tl_cipher_policy_read(const tl_registry *r, tl_cipher_policy *out);
void tl_cipher_policy_free(tl_cipher_policy *p);

#endif
