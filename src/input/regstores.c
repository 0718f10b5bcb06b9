/* regstores.c: see regstores.h.
 *
 * Diagnostic ids:
 *   input-reg-blob-missing   a thumbprint key without a Blob value
 *   input-reg-blob-type      Blob is not REG_BINARY
 *   input-reg-blob-kind      a Blob under Certificates that holds a CRL, etc.
 *   input-reg-list-not-ctl   an AutoUpdate EncodedCtl value that is no CTL
 *   input-reg-list-sync-time a sync time that is not an 8-byte FILETIME
 */
#include "config.h"

#include "input/regstores.h"

#include <stdlib.h>
#include <string.h>

#include "formats/ctl.h"
#include "formats/pkcs7.h"
#include "formats/sst.h"
#include "base/util.h"

#define MAX_SEGS 12

typedef struct seg {
	const char *p;
	size_t n;
} seg;

static size_t split(const char *path, seg *segs, size_t max)
{
	size_t count = 0;
	const char *s = path;

	while (count < max) {
		const char *e = strchr(s, '\\');
		segs[count].p = s;
		segs[count].n = e ? (size_t)(e - s) : strlen(s);
		count++;
		if (!e)
			return count;
		s = e + 1;
	}
	return max + 1; /* deeper than any store path */
}

static bool is(const seg *s, const char *word)
{
	return strlen(word) == s->n && tl_strncasecmp(s->p, word, s->n) == 0;
}

/* Match the segments after the root against the store bases of FORMATS.md
 * 2. Returns the index of the <Store> segment, or 0 when not a store path. */
static size_t match_base(const seg *s, size_t n, bool machine, tl_location *loc)
{
	size_t i = 1;

	if (!machine) {
		/* HKEY_CURRENT_USER\Software..., or HKEY_USERS\<SID>\Software... */
		if (is(&s[0], "HKEY_USERS"))
			i = 2;
	}
	if (i + 1 >= n || !is(&s[i], "SOFTWARE"))
		return 0;
	i++;
	if (is(&s[i], "Policies")) {
		if (i + 2 < n && is(&s[i + 1], "Microsoft") && is(&s[i + 2], "SystemCertificates")) {
			*loc = machine ? TL_LOC_LOCAL_MACHINE_GROUP_POLICY : TL_LOC_CURRENT_USER_GROUP_POLICY;
			return i + 3;
		}
		return 0;
	}
	if (i + 1 < n && is(&s[i], "Microsoft")) {
		if (is(&s[i + 1], "SystemCertificates")) {
			*loc = machine ? TL_LOC_LOCAL_MACHINE : TL_LOC_CURRENT_USER;
			return i + 2;
		}
		if (machine && is(&s[i + 1], "EnterpriseCertificates")) {
			*loc = TL_LOC_LOCAL_MACHINE_ENTERPRISE;
			return i + 2;
		}
	}
	return 0;
}

typedef struct load_ctx {
	tl_model *m;
	tl_diags *d;
	size_t added;
} load_ctx;

static void load_blob(load_ctx *c, const tl_reg_key *k, tl_location loc, const seg *store,
		      const seg *kind, const seg *thumb)
{
	const tl_reg_value *v = tl_reg_key_value(k, "Blob");
	tl_entry_kind want = is(kind, "Certificates") ? TL_ENTRY_CERT
			     : is(kind, "CRLs") ? TL_ENTRY_CRL : TL_ENTRY_CTL;
	char *store_name;
	tl_store *s;
	tl_entry *e;
	tl_loc where;

	if (!v) {
		where = tl_loc_line(tl_reg_key_file(k), tl_reg_key_line(k), 0);
		if (tl_reg_key_line(k) == 0) /* created only as a parent: not a store entry */
			return;
		tl_diag_add(c->d, TL_WARNING, "input-reg-blob-missing", &where,
			    "registry store entry '%.*s' has no Blob value", (int)thumb->n, thumb->p);
		return;
	}
	where = tl_loc_line(v->file, v->line, 0);
	if (v->type != TL_REG_BINARY) {
		tl_diag_add(c->d, TL_WARNING, "input-reg-blob-type", &where,
			    "Blob of '%.*s' has registry type %u, not REG_BINARY (read anyway)",
			    (int)thumb->n, thumb->p, v->type);
	}
	store_name = tl_xstrndup(store->p, store->n);
	s = tl_model_store(c->m, loc, store_name);
	free(store_name);
	e = tl_blob_read(v->data, v->len, &where, s, c->d);
	if (!e)
		return;
	c->added++;
	e->origin.reg_key = tl_reg_key_path(k);
	tl_entry_rare_mut(e)->blob_subkey = tl_xstrndup(thumb->p, thumb->n);
	if (e->kind != want)
		tl_diag_add(c->d, TL_WARNING, "input-reg-blob-kind", &where,
			    "Blob under %.*s holds a %s", (int)kind->n, kind->p,
			    tl_entry_kind_name(e->kind));
	if (e->kind == TL_ENTRY_CERT && e->parsed) {
		/* Windows looks an entry up by the SHA1 property, not by a
		 * recomputed hash (FORMATS.md 2): keep both comparisons */
		const tl_prop *p = tl_entry_prop(e, 3);
		uint8_t named[20];
		bool name_ok = thumb->n == 40 && tl_unhex(thumb->p, 20, named) == 0;

		e->rare->blob_sha1_real_matches = name_ok && memcmp(named, e->cert.sha1, 20) == 0;
		e->rare->blob_sha1_prop_matches = name_ok && p && p->len == 20 &&
						  memcmp(named, p->data, 20) == 0;
	}
}

static int visit(const tl_reg_key *k, void *arg)
{
	load_ctx *c = arg;
	seg s[MAX_SEGS + 1];
	size_t n = split(tl_reg_key_path(k), s, MAX_SEGS), at;
	tl_location loc;
	bool machine;

	if (n > MAX_SEGS || n < 5)
		return 0;
	if (is(&s[0], "HKEY_LOCAL_MACHINE"))
		machine = true;
	else if (is(&s[0], "HKEY_CURRENT_USER") || is(&s[0], "HKEY_USERS"))
		machine = false;
	else
		return 0;
	at = match_base(s, n, machine, &loc);
	/* <Store>\<Kind>\<SHA1> exactly */
	if (at == 0 || at + 3 != n)
		return 0;
	if (!is(&s[at + 1], "Certificates") && !is(&s[at + 1], "CRLs") && !is(&s[at + 1], "CTLs"))
		return 0;
	load_blob(c, k, loc, &s[at], &s[at + 1], &s[at + 2]);
	return 0;
}

size_t tl_regstores_load(const tl_registry *r, tl_model *m, tl_diags *d)
{
	load_ctx c = {m, d, 0};

	tl_registry_walk(r, visit, &c);
	return c.added;
}

/* The machine's cached root program lists and when each was last fetched
 * (FORMATS.md 7; learn.microsoft.com, "Configure Trusted Roots and
 * Disallowed Certificates": EncodedCtl / LastSyncTime and
 * DisallowedCertEncodedCtl / DisallowedCertLastSyncTime under the key
 * AuthRoot\AutoUpdate). The pin rules pair is named by the Windows SDK's wincrypt.h
 * (CERT_PIN_RULES_AUTO_UPDATE_ENCODED_CTL_VALUE_NAME,
 * CERT_PIN_RULES_AUTO_UPDATE_LAST_SYNC_TIME_VALUE_NAME). */
#define AUTO_UPDATE_KEY "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\AutoUpdate"

static const struct auto_update_list {
	const char *ctl_value;
	const char *sync_value;
} auto_update_lists[] = {
	{"EncodedCtl", "LastSyncTime"},
	{"DisallowedCertEncodedCtl", "DisallowedCertLastSyncTime"},
	{"PinRulesEncodedCtl", "PinRulesLastSyncTime"},
};

/* A sync time: REG_BINARY, a FILETIME of 8 bytes (Windows reads it back
 * only when its type is REG_BINARY and it is 8 bytes long: inferred from
 * the writers, which store GetSystemTimeAsFileTime as is). */
static void load_sync_time(tl_trust_list *list, const tl_reg_value *v, tl_diags *d)
{
	tl_loc where = tl_loc_line(v->file, v->line, 0);
	int64_t at;

	if (v->type == TL_REG_BINARY && v->len <= UINT32_MAX &&
	    tl_prop_time_decode(v->data, (uint32_t)v->len, &at) == TL_PROP_TIME_SET) {
		list->has_sync_time = true;
		list->sync_time = at;
		return;
	}
	tl_diag_add(d, TL_WARNING, "input-reg-list-sync-time", &where,
		    "%s is not an 8-byte FILETIME (registry type %u, %zu bytes): the list's sync time is unknown",
		    v->name, v->type, v->len);
}

size_t tl_regstores_load_lists(const tl_registry *r, tl_model *m, tl_diags *d)
{
	const tl_reg_key *k = tl_registry_find(r, AUTO_UPDATE_KEY);
	size_t i, added = 0;

	if (!k)
		return 0;
	for (i = 0; i < TL_ARRAY_LEN(auto_update_lists); i++) {
		const tl_reg_value *v = tl_reg_key_value(k, auto_update_lists[i].ctl_value);
		const tl_reg_value *sync;
		tl_trust_list *list;
		tl_entry *e;
		tl_loc where;

		if (!v)
			continue;
		where = tl_loc_line(v->file, v->line, 0);
		if (v->type != TL_REG_BINARY || !tl_pkcs7_is_ctl(v->data, v->len)) {
			tl_diag_add(d, TL_WARNING, "input-reg-list-not-ctl", &where,
				    "%s (registry type %u, %zu bytes) holds no CTL: not read as a root program list",
				    v->name, v->type, v->len);
			continue;
		}
		e = tl_entry_new_borrowed(TL_ENTRY_CTL, v->data, v->len);
		e->origin.loc = where;
		e->origin.reg_key = tl_reg_key_path(k);
		e->ctl = tl_ctl_decode(v->data, v->len, &where, d);
		list = tl_model_add_list(m, e, auto_update_lists[i].ctl_value);
		sync = tl_reg_key_value(k, auto_update_lists[i].sync_value);
		if (sync)
			load_sync_time(list, sync, d);
		added++;
	}
	return added;
}
