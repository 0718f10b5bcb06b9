/* httpsys.c: see httpsys.h. */
#include "config.h"

#include "windows/httpsys.h"

#include <stdio.h>
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

static const char *const kind_keys[TL_HTTPSYS_KIND_COUNT] = {
	[TL_HTTPSYS_IP] = "SslBindingInfo",
	[TL_HTTPSYS_SNI] = "SslSniBindingInfo",
	[TL_HTTPSYS_CCS] = "SslCcsBindingInfo",
};

const char *tl_binding_kind_key(tl_binding_kind k)
{
	return k < TL_HTTPSYS_KIND_COUNT ? kind_keys[k] : "?";
}

const char *tl_binding_kind_name(tl_binding_kind k)
{
	static const char *const names[TL_HTTPSYS_KIND_COUNT] = {
		[TL_HTTPSYS_IP] = "ip",
		[TL_HTTPSYS_SNI] = "sni",
		[TL_HTTPSYS_CCS] = "ccs",
	};

	return k < TL_HTTPSYS_KIND_COUNT ? names[k] : "?";
}

static void read_kind(const tl_registry *r, tl_binding_kind kind, tl_binding **out, size_t *n,
		      size_t *cap)
{
	char path[sizeof(TL_WIN_HTTP_PARAMS_KEY) + 32];
	const tl_reg_key *parent;
	size_t i;

	snprintf(path, sizeof(path), "%s\\%s", TL_WIN_HTTP_PARAMS_KEY, kind_keys[kind]);
	parent = tl_registry_find(r, path);

	for (i = 0; parent && i < tl_reg_key_subkey_count(parent); i++) {
		const tl_reg_key *k = tl_reg_key_subkey_at(parent, i);
		tl_binding *b;
		char *store;

		tl_xgrow((void **)out, cap, *n + 1, sizeof(tl_binding));
		b = &(*out)[(*n)++];
		memset(b, 0, sizeof(*b));
		b->endpoint = tl_xstrdup(tl_reg_key_name(k));
		b->kind = kind;
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
	for (int k = 0; k < TL_HTTPSYS_KIND_COUNT; k++)
		read_kind(r, (tl_binding_kind)k, out, &n, &cap);
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
	const tl_rare_props *r = tl_entry_rare(e);

	return (!x->eku_present || has_oid(x->eku, x->eku_count, OID_SERVER_AUTH) ||
		has_oid(x->eku, x->eku_count, OID_ANY_EKU)) &&
	       (!r->store_eku_present || has_oid(r->store_eku, r->store_eku_count, OID_SERVER_AUTH));
}

const char *tl_issuer_store_state_name(tl_issuer_store_state s)
{
	static const char *const names[] = {
		[TL_ISSUER_STORE_NOT_CONSULTED] = "not-consulted",
		[TL_ISSUER_STORE_USED] = "used",
		[TL_ISSUER_STORE_ABSENT] = "absent",
		[TL_ISSUER_STORE_NOT_ON_MACHINE] = "not-on-machine",
		[TL_ISSUER_STORE_NO_CERTIFICATE] = "no-certificate",
	};

	return names[s];
}

bool tl_win_store_has_certificate(const tl_store *s)
{
	size_t i;

	for (i = 0; s && i < s->count; i++)
		if (s->entries[i]->kind == TL_ENTRY_CERT && s->entries[i]->parsed)
			return true;
	return false;
}

static tl_issuer_store_state look_in(const tl_model *m, const tl_store *s)
{
	if (!s)
		return m->listed[TL_LOC_LOCAL_MACHINE] ? TL_ISSUER_STORE_NOT_ON_MACHINE
						       : TL_ISSUER_STORE_ABSENT;
	return tl_win_store_has_certificate(s) ? TL_ISSUER_STORE_USED : TL_ISSUER_STORE_NO_CERTIFICATE;
}

static void use_one(tl_issuer_source *out, const char *name, const tl_store *s)
{
	out->name = name;
	out->one = s;
	out->stores = &out->one;
	out->count = 1;
}

/* "What's New in TLS/SSL (Schannel SSP)", Windows Server 2012 (FORMATS.md
 * 5): the application's store (the binding's DefaultSslCtlStoreName); if
 * that store holds no certificate, ClientAuthIssuer; if that holds none
 * either, Root. An empty or absent named store falls back: it does not
 * mean that nothing is trusted. Certificates count, not entries: a store
 * holding only the CTL of a pre-2012 configuration (sslctlidentifier)
 * holds no issuer. */
void tl_binding_issuer_source(const tl_binding *b, const tl_model *m,
			      const tl_logical_store *machine_root, tl_issuer_source *out)
{
	const tl_store *s;

	memset(out, 0, sizeof(*out));
	if (b->issuer_store && *b->issuer_store) {
		s = tl_model_find(m, TL_LOC_LOCAL_MACHINE, b->issuer_store);
		out->named = look_in(m, s);
		if (out->named == TL_ISSUER_STORE_USED) {
			use_one(out, b->issuer_store, s);
			return;
		}
	}
	s = tl_model_find(m, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	out->client_auth_issuer = look_in(m, s);
	if (out->client_auth_issuer == TL_ISSUER_STORE_USED) {
		use_one(out, "ClientAuthIssuer", s);
		return;
	}
	out->name = "Root";
	out->root = true;
	if (machine_root) {
		out->stores = machine_root->members;
		out->count = machine_root->member_count;
	}
}

/* What a store Schannel looked at holds, as a sentence ends. A store that
 * is not in the export may be on the machine and just not collected. */
static const char *holds(tl_issuer_store_state s)
{
	switch (s) {
	case TL_ISSUER_STORE_USED:
		return "holds certificates";
	case TL_ISSUER_STORE_ABSENT:
		return "is not in the export (it may just not have been exported)";
	case TL_ISSUER_STORE_NO_CERTIFICATE:
		return "holds no certificate";
	case TL_ISSUER_STORE_NOT_ON_MACHINE:
		return "is not on the machine (export.json lists every LocalMachine store)";
	default:
		return "was not looked at";
	}
}

void tl_issuer_source_reason(const tl_binding *b, const tl_issuer_source *src, tl_buf *out)
{
	/* a binding naming ClientAuthIssuer itself: one store, said once */
	bool named_is_cai = src->named != TL_ISSUER_STORE_NOT_CONSULTED &&
			    tl_strcasecmp(b->issuer_store, "ClientAuthIssuer") == 0;

	if (src->named == TL_ISSUER_STORE_NOT_CONSULTED)
		tl_buf_adds(out, "DefaultSslCtlStoreName names no store");
	else
		tl_buf_printf(out, "DefaultSslCtlStoreName names '%s', which %s", b->issuer_store,
			      holds(src->named));
	if (src->client_auth_issuer != TL_ISSUER_STORE_NOT_CONSULTED && !named_is_cai)
		tl_buf_printf(out, "; ClientAuthIssuer %s", holds(src->client_auth_issuer));
	if (src->root && src->count == 0)
		tl_buf_adds(out, "; the export holds no machine Root store either");
}

int tl_binding_issuer_store_found(const tl_binding *b, const tl_model *m)
{
	if (!b->issuer_store || !*b->issuer_store)
		return -1;
	return tl_win_store_has_certificate(tl_model_find(m, TL_LOC_LOCAL_MACHINE, b->issuer_store));
}

/* FORMATS.md 5, OS version: CurrentVersion is "6.2" on Windows 8 and
 * Windows Server 2012 only ("6.3" on 8.1, 2012 R2 and every later version,
 * for compatibility). Read as major.minor, as schannel.c reads it. */
bool tl_win_os_6_2(const tl_schannel *s)
{
	int major, minor;

	return s->os_version && sscanf(s->os_version, "%d.%d", &major, &minor) == 2 && major == 6 &&
	       minor == 2;
}

/* KB 2880390 (FORMATS.md 5): on Windows 8 and Windows Server 2012 a
 * trusted issuer list over 16 KB breaks client certificate authentication
 * "regardless of the value of the SendTrustedIssuerList registry entry";
 * the KB's hotfix fixes it, and no export shows whether it is installed,
 * so 6.2 counts as broken. The KB speaks of the list built from the
 * Trusted Root store; that a list taken from a named store or
 * ClientAuthIssuer breaks alike is inferred, from the cause it gives (the
 * list is truncated), and named in check_fields. On other versions the
 * cap matters when the list is sent (KB 933430): SendTrustedIssuerList, or
 * its OS default (schannel.c). With no version in the export Windows
 * Server 2012 R2 or later is assumed: one after 6.2, and within the
 * "Windows Server 2012 or later" schannel.c assumes for the default. */
tl_issuer_cap tl_win_issuer_cap(const tl_schannel *s)
{
	if (tl_win_os_6_2(s))
		return TL_ISSUER_CAP_ALWAYS;
	if (!s->send_issuer_list.known)
		return TL_ISSUER_CAP_UNKNOWN;
	return s->send_issuer_list.value ? TL_ISSUER_CAP_SENT : TL_ISSUER_CAP_NOT_SENT;
}

void tl_win_send_list_text(const tl_schannel *s, tl_buf *out)
{
	const tl_win_dword *d = &s->send_issuer_list;

	if (d->present && !d->known) {
		tl_buf_adds(out, "unknown: SendTrustedIssuerList is not a DWORD");
		return;
	}
	if (!d->known) {
		tl_buf_printf(out, "unknown: SendTrustedIssuerList is absent and CurrentVersion '%s' "
			      "is not a version number", s->os_version ? s->os_version : "");
		return;
	}
	tl_buf_adds(out, d->value ? "sent" : "not sent");
	if (d->present)
		tl_buf_printf(out, ": SendTrustedIssuerList is %lld", (long long)d->value);
	else if (d->value)
		tl_buf_printf(out, ": SendTrustedIssuerList is absent, and sending is the default "
			      "before Windows Server 2012 (CurrentVersion %s)", s->os_version);
	else if (s->os_version)
		tl_buf_printf(out, ": SendTrustedIssuerList is absent, and not sending is the default "
			      "from Windows Server 2012 on (CurrentVersion %s)", s->os_version);
	else
		tl_buf_adds(out, ": SendTrustedIssuerList is absent, and not sending is the default "
			    "from Windows Server 2012 on (the OS version is not in the export: "
			    "Windows Server 2012 R2 or later assumed)");
}

void tl_win_issuer_cap_effect(const tl_schannel *s, tl_buf *out)
{
	switch (tl_win_issuer_cap(s)) {
	case TL_ISSUER_CAP_ALWAYS:
		tl_buf_adds(out, "on Windows 8 / Windows Server 2012 (CurrentVersion 6.2) a list over "
			    "16 KB breaks client certificate authentication whether it is sent or not "
			    "(KB 2880390), unless the KB 2880390 hotfix is installed, which an export "
			    "cannot show; the list is ");
		tl_win_send_list_text(s, out);
		return;
	case TL_ISSUER_CAP_SENT:
		tl_buf_adds(out, "the list is ");
		tl_win_send_list_text(s, out);
		tl_buf_adds(out, "; it is cut at 16 KB, and a client whose issuer is cut off offers "
			    "no certificate (KB 933430)");
		return;
	case TL_ISSUER_CAP_NOT_SENT:
		tl_buf_adds(out, "the list is ");
		tl_win_send_list_text(s, out);
		tl_buf_adds(out, ", so the handshake does not carry it");
		if (s->os_version)
			return;
		/* the send phrase said the version is assumed when the
		 * default decided */
		if (s->send_issuer_list.present)
			tl_buf_adds(out, "; the OS version is not in the export (Windows Server 2012 R2 "
				    "or later assumed)");
		tl_buf_adds(out, "; on Windows 8 / Windows Server 2012 (CurrentVersion 6.2) a list "
			    "over 16 KB breaks client certificate authentication even when it is not "
			    "sent (KB 2880390)");
		return;
	default:
		tl_buf_adds(out, "whether the list is sent is ");
		tl_win_send_list_text(s, out);
		return;
	}
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
