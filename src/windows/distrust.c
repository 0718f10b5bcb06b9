/* distrust.c: whether Windows still trusts a store entry, from its
 * distrust properties (see distrust.h for the sources). */
#include "config.h"

#include "windows/distrust.h"

#include <string.h>

/* anyExtendedKeyUsage, RFC 5280 4.2.1.12: a list holding it allows every
 * purpose */
#define OID_ANY_EKU "2.5.29.37.0"

static bool holds(char *const *oids, size_t n, const char *oid)
{
	while (n-- > 0)
		if (strcmp(oids[n], oid) == 0)
			return true;
	return false;
}

static bool allows_all(bool present, char *const *oids, size_t n)
{
	return !present || holds(oids, n, OID_ANY_EKU);
}

/* Every purpose e is valid for is in the distrusted list: the purposes of
 * its EKU extension and of its ENHKEY_USAGE property, each when present
 * (CertGetEnhancedKeyUsage). An entry valid for every purpose never is. */
static bool purposes_within(const tl_entry *e, const tl_prop_oids *distrusted)
{
	const tl_rare_props *r = tl_entry_rare(e);
	const tl_cert *x = &e->cert;
	bool ext_all = !e->parsed || allows_all(x->eku_present, x->eku, x->eku_count);
	bool prop_all = allows_all(r->store_eku_present, r->store_eku, r->store_eku_count);
	char *const *limit = prop_all ? x->eku : r->store_eku;
	size_t n = prop_all ? x->eku_count : r->store_eku_count, i;

	if (r->store_eku_unreadable || (ext_all && prop_all))
		return false;
	/* walk the list that restricts; with both restricting, a purpose the
	 * extension rules out is not one the entry is valid for */
	for (i = 0; i < n; i++) {
		bool valid = prop_all || ext_all || holds(x->eku, x->eku_count, limit[i]);
		if (valid && !holds(distrusted->oids, distrusted->count, limit[i]))
			return false;
	}
	return true;
}

bool tl_win_distrusted(const tl_entry *e, int64_t now)
{
	const tl_rare_props *r = tl_entry_rare(e);
	const tl_prop_oids *eku = &r->disallowed_eku;

	if (r->disallowed_time.state != TL_PROP_TIME_SET || r->disallowed_time.at > now)
		return false;
	if (!eku->present)
		return true;
	return !eku->unreadable && purposes_within(e, eku);
}

bool tl_win_root_trusts(const tl_logical_store *root, const tl_index *x, const uint8_t sha1[20],
			int64_t now)
{
	size_t n, i, j;
	const tl_index_ref *h = tl_index_holders(x, sha1, &n);

	for (i = 0; i < n; i++)
		for (j = 0; j < root->member_count; j++)
			if (h[i].store == root->members[j] &&
			    !tl_win_distrusted(h[i].store->entries[h[i].pos], now))
				return true;
	return false;
}
