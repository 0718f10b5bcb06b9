/* httpsys.c: see httpsys.h. */
#include "config.h"

#include "windows/httpsys.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/ctldata.h"

static char *string_value(const tl_reg_key *k, const char *name)
{
	return tl_reg_value_string(tl_reg_key_value(k, name));
}

static int64_t dword_value(const tl_reg_key *k, const char *name)
{
	return tl_reg_value_dword(tl_reg_key_value(k, name));
}

static void read_kind(const tl_registry *r, const char *path, bool sni, tl_binding **out,
		      size_t *n, size_t *cap)
{
	const tl_reg_key *parent = tl_registry_find(r, path);
	size_t i;

	for (i = 0; parent && i < tl_reg_key_subkey_count(parent); i++) {
		const tl_reg_key *k = tl_reg_key_subkey_at(parent, i);
		tl_binding *b;
		char *store;

		tl_xgrow((void **)out, cap, *n + 1, sizeof(tl_binding));
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof(*b));
		b->endpoint = tl_xstrdup(tl_reg_key_name(k));
		b->sni = sni;
		b->key = k;
		b->flags = dword_value(k, "DefaultFlags");
		b->check_mode = dword_value(k, "DefaultSslCertCheckMode");
		b->freshness = dword_value(k, "DefaultSslRevocationFreshnessTime");
		b->url_timeout = dword_value(k, "DefaultSslRevocationUrlRetrievalTimeout");
		b->cert_hash = tl_reg_key_value(k, "SslCertHash");
		if (b->cert_hash && b->cert_hash->type != TL_REG_BINARY)
			b->cert_hash = NULL;
		b->app_id = tl_reg_key_value(k, "AppId");
		/* certstorename: empty or absent means MY (FORMATS.md 5) */
		store = string_value(k, "SslCertStoreName");
		if (!store || !*store) {
			free(store);
			store = tl_xstrdup("MY");
		}
		b->cert_store = store;
		b->issuer_store = string_value(k, "DefaultSslCtlStoreName");
		b->ctl_identifier = string_value(k, "DefaultSslCtlIdentifier");
	}
}

size_t tl_bindings_read(const tl_registry *r, tl_binding **out)
{
	size_t n = 0, cap = 0;

	*out = NULL;
	read_kind(r, TL_WIN_HTTP_PARAMS_KEY "\\SslBindingInfo", false, out, &n, &cap);
	read_kind(r, TL_WIN_HTTP_PARAMS_KEY "\\SslSniBindingInfo", true, out, &n, &cap);
	return n;
}

void tl_bindings_free(tl_binding *b, size_t n)
{
	size_t i;

	for (i = 0; b && i < n; i++) {
		free(b[i].endpoint);
		free(b[i].cert_store);
		free(b[i].issuer_store);
		free(b[i].ctl_identifier);
	}
	free(b);
}

bool tl_binding_flag(const tl_binding *b, uint32_t bit)
{
	return b->flags >= 0 && (b->flags & bit);
}

bool tl_binding_check_bit(const tl_binding *b, uint32_t bit)
{
	return b->check_mode >= 0 && (b->check_mode & bit);
}

bool tl_binding_has_thumbprint(const tl_binding *b)
{
	return b->cert_hash && b->cert_hash->len == 20;
}

const tl_entry *tl_binding_cert(const tl_binding *b, const tl_model *m)
{
	const tl_store *st;
	size_t i;

	if (!tl_binding_has_thumbprint(b))
		return NULL;
	st = tl_model_find(m, TL_LOC_LOCAL_MACHINE, b->cert_store);
	for (i = 0; st && i < st->count; i++)
		if (st->entries[i]->parsed &&
		    memcmp(st->entries[i]->cert.sha1, b->cert_hash->data, 20) == 0)
			return st->entries[i];
	return NULL;
}

#define OID_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_ANY_EKU "2.5.29.37.0"

static bool has_oid(char *const *v, size_t n, const char *oid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], oid) == 0)
			return true;
	return false;
}

bool tl_win_server_auth_allowed(const tl_entry *e)
{
	const tl_cert *x = &e->cert;

	return (!x->eku_present || has_oid(x->eku, x->eku_count, OID_SERVER_AUTH) ||
		has_oid(x->eku, x->eku_count, OID_ANY_EKU)) &&
	       (!e->store_eku_present || has_oid(e->store_eku, e->store_eku_count, OID_SERVER_AUTH));
}

/* "What's New in TLS/SSL (Schannel SSP)", Windows Server 2012 (FORMATS.md
 * 5): the application's store, then ClientAuthIssuer, then Root. */
void tl_binding_issuer_source(const tl_binding *b, const tl_model *m,
			      const tl_logical_store *machine_root, tl_issuer_source *out)
{
	const tl_store *cai = tl_model_find(m, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");

	memset(out, 0, sizeof(*out));
	if (b->issuer_store && *b->issuer_store) {
		out->name = b->issuer_store;
		out->one = tl_model_find(m, TL_LOC_LOCAL_MACHINE, b->issuer_store);
		if (out->one) {
			out->stores = &out->one;
			out->count = 1;
		}
		return;
	}
	if (cai && cai->count) {
		out->name = "ClientAuthIssuer";
		out->one = cai;
		out->stores = &out->one;
		out->count = 1;
		return;
	}
	out->name = "Root";
	if (machine_root) {
		out->stores = machine_root->members;
		out->count = machine_root->member_count;
	}
}

int tl_binding_issuer_store_found(const tl_binding *b, const tl_model *m)
{
	const tl_store *st;

	if (!b->issuer_store || !*b->issuer_store)
		return -1;
	st = tl_model_find(m, TL_LOC_LOCAL_MACHINE, b->issuer_store);
	return st && st->count > 0;
}

int tl_binding_ctl_found(const tl_binding *b, const tl_model *m)
{
	const char *want = b->ctl_identifier;
	const tl_store *st;
	size_t i;

	if (!want || !*want)
		return -1;
	st = tl_model_find(m, TL_LOC_LOCAL_MACHINE,
			   b->issuer_store && *b->issuer_store ? b->issuer_store : "ClientAuthIssuer");
	for (i = 0; st && i < st->count; i++) {
		const tl_entry *e = st->entries[i];
		char *id_text;
		bool match;

		if (e->kind != TL_ENTRY_CTL)
			continue;
		/* the exact match is inferred (FORMATS.md 5): the list identifier,
		 * or the entry's friendly name */
		id_text = e->ctl ? tl_ctl_list_id_text(e->ctl) : NULL;
		match = (id_text && !strcmp(id_text, want)) ||
			(e->friendly_name && !strcmp(e->friendly_name, want));
		free(id_text);
		if (match)
			return 1;
	}
	return 0;
}
