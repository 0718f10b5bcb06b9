/* fuzz_rules.c: the rule-file loader (our line handling around inih, the
 * literal parser, option overrides) and the expression compiler behind it,
 * against a small catalogue. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/diag.h"
#include "rules/ruleset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const scopes[] = {"cert", "store", "binding", "ctl", "machine"};

static const struct {
	int scope;
	const char *name;
	tl_type type, elem;
} fields[] = {
	{0, "subject", TL_T_STRING, TL_T_NULL},
	{0, "issuer", TL_T_STRING, TL_T_NULL},
	{0, "self_signed", TL_T_BOOL, TL_T_NULL},
	{0, "key_bits", TL_T_INT, TL_T_NULL},
	{0, "not_after", TL_T_TIME, TL_T_NULL},
	{0, "logical_store", TL_T_STRING, TL_T_NULL},
	{0, "eku", TL_T_LIST, TL_T_STRING},
	{1, "name", TL_T_STRING, TL_T_NULL},
	{1, "entry_count", TL_T_INT, TL_T_NULL},
	{2, "negotiate_client_cert", TL_T_BOOL, TL_T_NULL},
	{4, "schannel.trust_mode", TL_T_INT, TL_T_NULL},
};

static int fuzz_scope(void *user, const char *name, size_t len)
{
	size_t i;

	(void)user;
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		if (strlen(scopes[i]) == len && memcmp(scopes[i], name, len) == 0)
			return (int)i;
	}
	return -1;
}

static int fuzz_field(void *user, int scope, const char *name, size_t len, tl_field_info *out)
{
	size_t i;

	(void)user;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].scope == scope && strlen(fields[i].name) == len &&
		    memcmp(fields[i].name, name, len) == 0) {
			out->id = (int)i;
			out->type = fields[i].type;
			out->elem = fields[i].elem;
			return 0;
		}
	}
	return -1;
}

static int fuzz_param(void *user, const char *name, size_t len, tl_value *out)
{
	(void)user;
	(void)name;
	(void)len;
	(void)out;
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const tl_catalogue cat = {NULL, fuzz_scope, fuzz_field, fuzz_param};
	/* overrides of names the corpus uses, so their paths are reached */
	static const char *const disable[] = {"weak-rsa-key"};
	static const char *const levels[] = {"root-not-self-signed=note"};
	static const char *const params[] = {"min_bits=3072", "cert-expiring-soon.window=7d",
					     "stores=[\"CA\"]"};
	static const tl_rule_options opts = {disable, 1, levels, 1, params, 3};
	tl_ruleset *rs = tl_ruleset_new(&cat);
	tl_diags *d = tl_diags_new();

	tl_ruleset_load_text(rs, "fuzz.rules", (const char *)data, size, d);
	tl_ruleset_finish(rs, &opts, d);
	tl_ruleset_free(rs);
	tl_diags_free(d);
	return 0;
}
