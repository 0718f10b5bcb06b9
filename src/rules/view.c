/* view.c: see view.h. Each field of the catalogue (fields.c) computed for
 * one object: thin adapters over the model (model/) and what Windows makes
 * of it (windows/), which hold the facts and cite their sources. */
#include "config.h"

#include "rules/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/ctldata.h"
#include "model/index.h"
#include "model/registry.h"
#include "rules/fieldids.h"
#include "windows/httpsys.h"
#include "windows/schannel.h"
#include "windows/stores.h"

/* ---- the view: the model, and what Windows makes of it (src/windows/) */

struct tl_view {
	const tl_inputs *in;
	int64_t now;
	tl_view_cert *certs;
	size_t cert_count;
	tl_view_cert *ctls;
	size_t ctl_count;
	tl_view_store *stores; /* the physical stores, then the logical ones */
	size_t store_count;
	tl_logical_store *logical;
	size_t logical_count;
	const tl_logical_store *machine_root; /* or NULL */
	tl_binding *bindings;
	size_t binding_count;
	tl_schannel schannel;
	tl_index *index; /* the issuer index (DESIGN.md 2), and also_in */
};

static void build_stores(tl_view *v)
{
	const tl_model *m = v->in->model;
	size_t i;

	v->logical_count = tl_logical_stores(m, &v->logical);
	v->stores = tl_xcalloc(m->count + v->logical_count + 1, sizeof(tl_view_store));
	for (i = 0; i < m->count; i++) {
		tl_view_store *s = &v->stores[v->store_count++];
		s->location = m->stores[i]->location;
		s->name = m->stores[i]->name;
		s->physical = m->stores[i];
		s->members = &s->physical;
		s->member_count = 1;
	}
	for (i = 0; i < v->logical_count; i++) {
		tl_view_store *s = &v->stores[v->store_count++];
		s->location = v->logical[i].location;
		s->name = v->logical[i].name;
		s->logical = true;
		s->members = v->logical[i].members;
		s->member_count = v->logical[i].member_count;
		if (s->location == TL_LOC_LOCAL_MACHINE && !strcmp(s->name, "Root"))
			v->machine_root = &v->logical[i];
	}
}

static void build_entries(tl_view *v)
{
	const tl_model *m = v->in->model;
	size_t i, j, n = 0, nc = 0;

	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			n += m->stores[i]->entries[j]->kind == TL_ENTRY_CERT;
			nc += m->stores[i]->entries[j]->kind == TL_ENTRY_CTL;
		}
	v->certs = tl_xcalloc(n ? n : 1, sizeof(tl_view_cert));
	v->ctls = tl_xcalloc(nc ? nc : 1, sizeof(tl_view_cert));
	for (i = 0; i < m->count; i++)
		for (j = 0; j < m->stores[i]->count; j++) {
			const tl_entry *e = m->stores[i]->entries[j];
			tl_view_cert c = {m->stores[i], e};

			if (e->kind == TL_ENTRY_CTL)
				v->ctls[v->ctl_count++] = c;
			else if (e->kind == TL_ENTRY_CERT)
				v->certs[v->cert_count++] = c;
		}
}

tl_view *tl_view_new(const tl_inputs *in, int64_t now)
{
	tl_view *v = tl_xcalloc(1, sizeof(*v));

	v->in = in;
	v->now = now;
	build_stores(v);
	build_entries(v);
	v->index = tl_index_new(in->model);
	v->binding_count = tl_bindings_read(in->registry, &v->bindings);
	tl_schannel_read(in->registry, &v->schannel);
	return v;
}

void tl_view_free(tl_view *v)
{
	if (!v)
		return;
	tl_logical_stores_free(v->logical, v->logical_count);
	tl_bindings_free(v->bindings, v->binding_count);
	tl_schannel_free(&v->schannel);
	tl_index_free(v->index);
	free(v->stores);
	free(v->certs);
	free(v->ctls);
	free(v);
}

size_t tl_view_count(const tl_view *v, int scope)
{
	switch (scope) {
	case TL_SCOPE_CERT:
		return v->cert_count;
	case TL_SCOPE_STORE:
		return v->store_count;
	case TL_SCOPE_BINDING:
		return v->binding_count;
	case TL_SCOPE_CTL:
		return v->ctl_count;
	case TL_SCOPE_MACHINE:
		return 1;
	default:
		return 0;
	}
}

const void *tl_view_object(const tl_view *v, int scope, size_t i)
{
	switch (scope) {
	case TL_SCOPE_CERT:
		return &v->certs[i];
	case TL_SCOPE_STORE:
		return &v->stores[i];
	case TL_SCOPE_BINDING:
		return &v->bindings[i];
	case TL_SCOPE_CTL:
		return &v->ctls[i];
	default:
		return NULL;
	}
}

/* ---- values */

static void set_null(tl_value *o)
{
	o->type = TL_T_NULL;
}

static void set_bool(tl_value *o, bool b)
{
	o->type = TL_T_BOOL;
	o->u.b = b;
}

static void set_int(tl_value *o, tl_type t, int64_t i)
{
	o->type = t;
	o->u.i = i;
}

static void set_str(tl_value *o, const char *s)
{
	if (!s) {
		set_null(o);
		return;
	}
	o->type = TL_T_STRING;
	o->u.s.p = s;
	o->u.s.len = strlen(s);
}

static void set_hex(tl_value *o, const uint8_t *p, size_t n, bool upper, tl_arena *a)
{
	char *s = tl_arena_alloc(a, 2 * n + 1);

	tl_hex(p, n, s, upper);
	set_str(o, s);
}

static void set_strv(tl_value *o, char *const *v, size_t n, bool present, tl_arena *a)
{
	tl_value *items;
	size_t i;

	if (!present) {
		set_null(o);
		return;
	}
	items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));
	for (i = 0; i < n; i++)
		set_str(&items[i], v[i]);
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = n;
}

static const char *const ku_names[] = {
	"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
};

static char *location_store(const tl_store *s, tl_arena *a)
{
	const char *loc = tl_location_name(s->location);
	size_t n = strlen(loc) + 1 + strlen(s->name) + 1;
	char *t = tl_arena_alloc(a, n);

	snprintf(t, n, "%s\\%s", loc, s->name);
	return t;
}

/* The other stores holding this certificate, each once, in model order. */
static void also_in(const tl_view *v, const tl_view_cert *c, tl_value *o, tl_arena *a)
{
	size_t n, count = 0, i;
	const tl_index_ref *h = tl_index_holders(v->index, c->entry->cert.sha1, &n);
	tl_value *items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));

	for (i = 0; i < n; i++)
		if (h[i].store != c->store && (i == 0 || h[i].store != h[i - 1].store))
			set_str(&items[count++], location_store(h[i].store, a));
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = count;
}

static void cert_field(tl_view *v, const tl_view_cert *c, int id, tl_value *o, tl_arena *a)
{
	const tl_entry *e = c->entry;
	const tl_cert *x = &e->cert;
	tl_value *items;
	size_t i, n;

	set_null(o);
	switch (id) {
	case C_LOCATION:
		set_str(o, tl_location_name(c->store->location));
		return;
	case C_STORE:
		set_str(o, c->store->name);
		return;
	case C_LOGICAL_STORE: {
		const char *ln = tl_win_logical_of(c->store->name);
		set_str(o, ln ? ln : c->store->name);
		return;
	}
	case C_SHA1:
	case C_SHA256:
		if (e->parsed)
			set_hex(o, id == C_SHA1 ? x->sha1 : x->sha256, id == C_SHA1 ? 20 : 32, true, a);
		return;
	case C_FRIENDLY_NAME:
		set_str(o, e->friendly_name);
		return;
	case C_DESCRIPTION:
		set_str(o, e->description);
		return;
	case C_HAS_PRIVATE_KEY:
		set_bool(o, e->has_key_prov);
		return;
	case C_STORE_EKU:
		set_strv(o, e->store_eku, e->store_eku_count, e->store_eku_present, a);
		return;
	case C_PROPERTIES:
		items = tl_arena_alloc(a, (e->prop_count ? e->prop_count : 1) * sizeof(tl_value));
		for (i = 0; i < e->prop_count; i++)
			set_int(&items[i], TL_T_INT, e->props[i].id);
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = e->prop_count;
		return;
	case C_SOURCE:
		set_str(o, e->origin.loc.file);
		return;
	case C_REGISTRY_KEY:
		set_str(o, e->origin.reg_key);
		return;
	case C_BLOB_SUBKEY:
		set_str(o, e->blob_subkey);
		return;
	case C_BLOB_SHA1_MATCHES:
		if (e->blob_subkey && e->parsed)
			set_bool(o, e->blob_sha1_real_matches);
		return;
	case C_BLOB_SHA1_PROPERTY_MATCHES:
		if (e->blob_subkey && e->parsed)
			set_bool(o, e->blob_sha1_prop_matches);
		return;
	case C_ISSUER_FOUND:
		if (e->parsed) {
			tl_issuer_answer r = tl_index_find_issuer(v->index, e);
			if (r != TL_ISSUER_UNKNOWN)
				set_bool(o, r == TL_ISSUER_FOUND);
		}
		return;
	default:
		break;
	}
	if (!e->parsed)
		return;
	switch (id) {
	case C_SUBJECT:
		set_str(o, x->subject);
		return;
	case C_ISSUER:
		set_str(o, x->issuer);
		return;
	case C_SERIAL:
		set_str(o, x->serial);
		return;
	case C_VERSION:
		set_int(o, TL_T_INT, x->version);
		return;
	case C_SELF_ISSUED:
		set_bool(o, x->self_issued);
		return;
	case C_SELF_SIGNED:
		if (x->self_signed != TL_SIG_UNVERIFIABLE)
			set_bool(o, x->self_signed == TL_SIG_YES);
		return;
	case C_SIGNATURE_VERIFIABLE:
		set_bool(o, x->self_signed != TL_SIG_UNVERIFIABLE);
		return;
	case C_IS_CA:
		set_bool(o, x->is_ca);
		return;
	case C_BASIC_CONSTRAINTS:
		set_bool(o, x->bc_present);
		return;
	case C_PATH_LEN:
		if (x->path_len >= 0)
			set_int(o, TL_T_INT, x->path_len);
		return;
	case C_KEY_USAGE:
		if (!x->ku_present)
			return;
		items = tl_arena_alloc(a, TL_ARRAY_LEN(ku_names) * sizeof(tl_value));
		for (i = 0, n = 0; i < TL_ARRAY_LEN(ku_names); i++)
			if (x->key_usage & (1u << i))
				set_str(&items[n++], ku_names[i]);
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = n;
		return;
	case C_EKU:
		set_strv(o, x->eku, x->eku_count, x->eku_present, a);
		return;
	case C_KEY_ALGORITHM:
		set_str(o, x->key_algorithm);
		return;
	case C_KEY_BITS:
		if (x->key_bits)
			set_int(o, TL_T_INT, x->key_bits);
		return;
	case C_CURVE:
		set_str(o, x->curve);
		return;
	case C_SIG_ALGORITHM:
		set_str(o, x->sig_algorithm);
		return;
	case C_SIG_HASH:
		set_str(o, x->sig_hash);
		return;
	case C_NOT_BEFORE:
		set_int(o, TL_T_TIME, x->not_before);
		return;
	case C_NOT_AFTER:
		set_int(o, TL_T_TIME, x->not_after);
		return;
	case C_DAYS_LEFT: {
		/* whole days, rounded toward minus infinity */
		int64_t d = x->not_after - v->now;
		set_int(o, TL_T_INT, d >= 0 ? d / 86400 : -((-d + 86399) / 86400));
		return;
	}
	case C_EXPIRED:
		set_bool(o, x->not_after < v->now);
		return;
	case C_NOT_YET_VALID:
		set_bool(o, x->not_before > v->now);
		return;
	case C_ALSO_IN:
		also_in(v, c, o, a);
		return;
	case C_COPIES_IN_STORE:
	case C_FIRST_IN_STORE: {
		/* the (SHA-1, store, position) run this entry belongs to */
		size_t held, r, copies = 0, first = (size_t)-1;
		const tl_index_ref *h = tl_index_holders(v->index, x->sha1, &held);
		for (r = 0; r < held; r++)
			if (h[r].store == c->store) {
				copies++;
				if (first == (size_t)-1)
					first = h[r].pos;
			}
		if (id == C_COPIES_IN_STORE)
			set_int(o, TL_T_INT, (int64_t)copies);
		else
			set_bool(o, first < c->store->count && c->store->entries[first] == e);
		return;
	}
	default:
		return;
	}
}

static void store_field(const tl_view_store *s, int id, tl_value *o, tl_arena *a)
{
	size_t i, j, certs = 0, crls = 0, ctls = 0;
	int64_t bytes = 0;
	tl_value *items;

	for (i = 0; i < s->member_count; i++)
		for (j = 0; j < s->members[i]->count; j++) {
			const tl_entry *e = s->members[i]->entries[j];
			certs += e->kind == TL_ENTRY_CERT;
			crls += e->kind == TL_ENTRY_CRL;
			ctls += e->kind == TL_ENTRY_CTL;
		}
	if (id == S_ISSUER_LIST_BYTES) {
		int64_t distinct;
		tl_issuer_list(s->members, s->member_count, &distinct, &bytes);
	}
	switch (id) {
	case S_LOCATION:
		set_str(o, tl_location_name(s->location));
		return;
	case S_NAME:
		set_str(o, s->name);
		return;
	case S_LOGICAL:
		set_bool(o, s->logical);
		return;
	case S_COUNT:
		set_int(o, TL_T_INT, (int64_t)certs);
		return;
	case S_CRL_COUNT:
		set_int(o, TL_T_INT, (int64_t)crls);
		return;
	case S_CTL_COUNT:
		set_int(o, TL_T_INT, (int64_t)ctls);
		return;
	case S_ISSUER_LIST_BYTES:
		set_int(o, TL_T_INT, bytes);
		return;
	case S_MEMBERS:
		items = tl_arena_alloc(a, s->member_count * sizeof(tl_value) + 1);
		for (i = 0; i < s->member_count; i++)
			set_str(&items[i], location_store(s->members[i], a));
		o->type = TL_T_LIST;
		o->u.list.items = items;
		o->u.list.n = s->member_count;
		return;
	default:
		set_null(o);
	}
}

/* A REG_SZ value as UTF-8 in the arena, or NULL. */
static const char *arena_string(const tl_reg_value *val, tl_arena *a)
{
	char *s = tl_reg_value_string(val), *copy;

	if (!s)
		return NULL;
	copy = tl_arena_strndup(a, s, strlen(s));
	free(s);
	return copy;
}

static void set_tristate(tl_value *o, int t)
{
	if (t >= 0)
		set_bool(o, t != 0);
	else
		set_null(o);
}

static void binding_field(const tl_view *v, const tl_binding *b, int id, tl_value *o, tl_arena *a)
{
	/* the bit behind each flag field, tied by name, not by position */
	static const uint32_t flag_bits[] = {
		[B_DS_MAPPER] = TL_HTTP_FLAG_USE_DS_MAPPER,
		[B_NEGOTIATE] = TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT,
		[B_NO_RAW_FILTER] = TL_HTTP_FLAG_NO_RAW_FILTER,
		[B_REJECT] = TL_HTTP_FLAG_REJECT,
		[B_NO_HTTP2] = TL_HTTP_FLAG_DISABLE_HTTP2,
		[B_NO_QUIC] = TL_HTTP_FLAG_DISABLE_QUIC,
		[B_NO_TLS13] = TL_HTTP_FLAG_DISABLE_TLS13,
		[B_NO_OCSP_STAPLING] = TL_HTTP_FLAG_DISABLE_OCSP_STAPLING,
		[B_NO_LEGACY_TLS] = TL_HTTP_FLAG_DISABLE_LEGACY_TLS,
		[B_NO_TLS12] = TL_HTTP_FLAG_DISABLE_TLS12,
	};
	const tl_model *m = v->in->model;

	set_null(o);
	switch (id) {
	case B_ENDPOINT:
		set_str(o, b->endpoint);
		return;
	case B_SNI:
		set_bool(o, b->sni);
		return;
	case B_FLAGS:
		if (b->flags >= 0)
			set_int(o, TL_T_INT, b->flags);
		return;
	case B_DS_MAPPER:
	case B_NEGOTIATE:
	case B_NO_RAW_FILTER:
	case B_REJECT:
	case B_NO_HTTP2:
	case B_NO_QUIC:
	case B_NO_TLS13:
	case B_NO_OCSP_STAPLING:
	case B_NO_LEGACY_TLS:
	case B_NO_TLS12:
		set_bool(o, tl_binding_flag(b, flag_bits[id]));
		return;
	case B_CERT_HASH:
		if (b->cert_hash)
			set_hex(o, b->cert_hash->data, b->cert_hash->len, true, a);
		return;
	case B_CERT_STORE:
		set_str(o, b->cert_store);
		return;
	case B_CERT_FOUND:
		if (tl_binding_has_thumbprint(b))
			set_bool(o, tl_binding_cert(b, m) != NULL);
		return;
	case B_ISSUER_STORE:
		set_str(o, b->issuer_store);
		return;
	case B_CTL_IDENTIFIER:
		set_str(o, b->ctl_identifier);
		return;
	case B_CHECK_MODE:
		set_int(o, TL_T_INT, b->check_mode >= 0 ? b->check_mode : 0);
		return;
	case B_REVOCATION:
		set_bool(o, !tl_binding_check_bit(b, TL_HTTP_CHECK_NO_REVOCATION));
		return;
	case B_NO_USAGE_CHECK:
		set_bool(o, tl_binding_check_bit(b, TL_HTTP_CHECK_NO_USAGE));
		return;
	case B_CACHED_REVOCATION:
		set_bool(o, tl_binding_check_bit(b, TL_HTTP_CHECK_CACHED_ONLY));
		return;
	case B_APP_ID:
		if (b->app_id)
			set_hex(o, b->app_id->data, b->app_id->len, false, a);
		return;
	case B_FRESHNESS:
		if (b->freshness >= 0)
			set_int(o, TL_T_INT, b->freshness);
		return;
	case B_URL_TIMEOUT:
		if (b->url_timeout >= 0)
			set_int(o, TL_T_INT, b->url_timeout);
		return;
	case B_CERT_EXPIRED:
	case B_CERT_SERVER_AUTH:
	case B_CERT_PRIVATE_KEY: {
		const tl_entry *e = tl_binding_cert(b, m);
		if (!e)
			return;
		if (id == B_CERT_EXPIRED)
			set_bool(o, e->cert.not_after < v->now || e->cert.not_before > v->now);
		else if (id == B_CERT_PRIVATE_KEY)
			set_bool(o, e->has_key_prov);
		else
			set_bool(o, tl_win_server_auth_allowed(e));
		return;
	}
	case B_ISSUER_SOURCE:
	case B_ISSUER_COUNT:
	case B_ISSUER_LIST_BYTES: {
		tl_issuer_source src;
		int64_t count, bytes;

		tl_binding_issuer_source(b, m, v->machine_root, &src);
		if (id == B_ISSUER_SOURCE) {
			set_str(o, src.name);
			return;
		}
		tl_issuer_list(src.stores, src.count, &count, &bytes);
		set_int(o, TL_T_INT, id == B_ISSUER_COUNT ? count : bytes);
		return;
	}
	case B_ISSUER_STORE_FOUND:
		set_tristate(o, tl_binding_issuer_store_found(b, m));
		return;
	case B_CTL_FOUND:
		set_tristate(o, tl_binding_ctl_found(b, m));
		return;
	default:
		return;
	}
}

static void ctl_field(const tl_view_cert *c, int id, tl_value *o, tl_arena *a)
{
	const tl_ctl *ctl = c->entry->ctl;
	char *s;

	set_null(o);
	switch (id) {
	case T_LOCATION:
		set_str(o, tl_location_name(c->store->location));
		return;
	case T_STORE:
		set_str(o, c->store->name);
		return;
	case T_SHA1: {
		uint8_t sha1[20];
		tl_entry_hashes(c->entry, sha1, NULL);
		set_hex(o, sha1, 20, true, a);
		return;
	}
	default:
		break;
	}
	if (!ctl)
		return;
	switch (id) {
	case T_LIST_IDENTIFIER:
		s = tl_ctl_list_id_text(ctl);
		if (s) {
			set_str(o, tl_arena_strndup(a, s, strlen(s)));
			free(s);
		}
		return;
	case T_SEQUENCE:
		set_str(o, ctl->sequence);
		return;
	case T_THIS_UPDATE:
		set_int(o, TL_T_TIME, ctl->this_update);
		return;
	case T_NEXT_UPDATE:
		if (ctl->has_next_update)
			set_int(o, TL_T_TIME, ctl->next_update);
		return;
	case T_USAGE:
		set_strv(o, ctl->usage, ctl->usage_count, true, a);
		return;
	case T_SUBJECT_ALGORITHM:
		set_str(o, ctl->subject_alg);
		return;
	case T_SUBJECT_COUNT:
		set_int(o, TL_T_INT, (int64_t)ctl->subject_count);
		return;
	case T_SIGNER_COUNT:
		set_int(o, TL_T_INT, (int64_t)ctl->signer_count);
		return;
	default:
		return;
	}
}

static void set_dword(tl_value *o, const tl_win_dword *d)
{
	if (d->known)
		set_int(o, TL_T_INT, d->value);
	else
		set_null(o);
}

static void machine_field(const tl_view *v, int id, tl_value *o, tl_arena *a)
{
	const tl_schannel *sc = &v->schannel;
	size_t i, n = 0;

	(void)a;
	set_null(o);
	switch (id) {
	case M_TRUST_MODE:
		set_dword(o, &sc->trust_mode);
		return;
	case M_TRUST_MODE_SET:
		set_bool(o, sc->trust_mode.present);
		return;
	case M_TRUST_MODE_VALID:
		set_bool(o, sc->trust_mode_valid);
		return;
	case M_TRUST_MODE_TYPE:
		if (sc->trust_mode.present)
			set_int(o, TL_T_INT, sc->trust_mode.type);
		return;
	case M_OS_ASSUMED:
		set_bool(o, sc->os_version == NULL);
		return;
	case M_SEND_LIST:
		if (sc->send_issuer_list.known)
			set_bool(o, sc->send_issuer_list.value != 0);
		return;
	case M_SEND_LIST_SET:
		set_bool(o, sc->send_issuer_list.present);
		return;
	case M_EVENT_LOGGING:
		set_dword(o, &sc->event_logging);
		return;
	case M_MESSAGE_LIMIT:
		set_dword(o, &sc->message_limit);
		return;
	case M_OS_VERSION:
		set_str(o, sc->os_version);
		return;
	case M_OS_BUILD:
		if (sc->os_build_known)
			set_int(o, TL_T_INT, sc->os_build);
		return;
	case M_CERTIFICATES:
		set_int(o, TL_T_INT, (int64_t)v->cert_count);
		return;
	case M_STORES:
		for (i = 0; i < v->store_count; i++)
			n += !v->stores[i].logical;
		set_int(o, TL_T_INT, (int64_t)n);
		return;
	case M_BINDINGS:
		set_int(o, TL_T_INT, (int64_t)v->binding_count);
		return;
	case M_REG_INPUTS:
		set_int(o, TL_T_INT, (int64_t)v->in->reg_count);
		return;
	default:
		return;
	}
}

static void env_get(void *user, int scope, const void *obj, int id, tl_value *out, tl_arena *a)
{
	tl_view *v = user;

	switch (scope) {
	case TL_SCOPE_CERT:
		cert_field(v, obj, id, out, a);
		return;
	case TL_SCOPE_STORE:
		store_field(obj, id, out, a);
		return;
	case TL_SCOPE_BINDING:
		binding_field(v, obj, id, out, a);
		return;
	case TL_SCOPE_CTL:
		ctl_field(obj, id, out, a);
		return;
	case TL_SCOPE_MACHINE:
		machine_field(v, id, out, a);
		return;
	default:
		set_null(out);
	}
}

static void env_each(void *user, int scope, bool (*fn)(const void *obj, void *arg), void *arg)
{
	const tl_view *v = user;
	size_t i, n = tl_view_count(v, scope);

	for (i = 0; i < n; i++)
		if (!fn(tl_view_object(v, scope, i), arg))
			return;
}

/* REG_MULTI_SZ: UTF-16LE strings each ended by a NUL unit, the list ended
 * by an empty one. */
static void multi_sz(const tl_reg_value *val, tl_value *out, tl_arena *a)
{
	size_t i, start = 0, count = 0, units = val->len / 2;
	tl_value *items = tl_arena_alloc(a, (units + 1) * sizeof(tl_value));

	for (i = 0; i < units; i++) {
		if (tl_le16(val->data + 2 * i) != 0)
			continue;
		if (i == start)
			break; /* the empty string that ends the list */
		{
			char *s = tl_utf16le_to_utf8(val->data + 2 * start, 2 * (i - start), false);
			set_str(&items[count++], tl_arena_strndup(a, s, strlen(s)));
			free(s);
		}
		start = i + 1;
	}
	if (start < units && i == units) {
		/* a last string without its NUL */
		char *s = tl_utf16le_to_utf8(val->data + 2 * start, 2 * (units - start), false);
		set_str(&items[count++], tl_arena_strndup(a, s, strlen(s)));
		free(s);
	}
	out->type = TL_T_LIST;
	out->u.list.items = items;
	out->u.list.n = count;
}

static void env_reg(void *user, const char *key, size_t key_len, const char *name, size_t name_len,
		    tl_value *out, tl_arena *a)
{
	const tl_view *v = user;
	char *k = tl_xstrndup(key, key_len), *n = tl_xstrndup(name, name_len);
	const tl_reg_key *rk = tl_registry_find(v->in->registry, k);
	const tl_reg_value *val = rk ? tl_reg_key_value(rk, n) : NULL;

	set_null(out);
	if (val) {
		switch (val->type) {
		case TL_REG_DWORD:
			if (val->len == 4)
				set_int(out, TL_T_INT, tl_le32(val->data));
			break;
		case TL_REG_QWORD:
			if (val->len == 8)
				set_int(out, TL_T_INT, (int64_t)tl_le64(val->data));
			break;
		case TL_REG_SZ:
		case TL_REG_EXPAND_SZ:
			set_str(out, arena_string(val, a));
			break;
		case TL_REG_MULTI_SZ:
			multi_sz(val, out, a);
			break;
		default:
			set_hex(out, val->data, val->len, false, a);
			break;
		}
	}
	free(k);
	free(n);
}

tl_eval_env tl_view_env(tl_view *v)
{
	tl_eval_env env = {v, env_get, env_each, env_reg};

	return env;
}

void tl_view_describe(const tl_view *v, int scope, const void *obj, tl_loc *loc, tl_buf *name,
		      tl_about *about)
{
	tl_about ab;
	char hex[41];

	memset(&ab, 0, sizeof(ab));
	switch (scope) {
	case TL_SCOPE_CERT:
	case TL_SCOPE_CTL: {
		const tl_view_cert *c = obj;
		const tl_entry *e = c->entry;

		*loc = e->origin.loc;
		if (e->parsed) {
			memcpy(ab.sha1, e->cert.sha1, 20);
			memcpy(ab.sha256, e->cert.sha256, 32);
			ab.hashes = TL_ABOUT_HASHES_PARSED;
			ab.subject = e->cert.subject;
		} else {
			/* of the bytes as stored: what a Windows tool shows */
			tl_entry_hashes(e, ab.sha1, ab.sha256);
			ab.hashes = e->der ? TL_ABOUT_HASHES_RAW : TL_ABOUT_NO_HASHES;
		}
		ab.store = c->store->name;
		ab.location = c->store->location;
		tl_store_label(name, c->store->location, c->store->name);
		tl_buf_addc(name, '\\');
		tl_hex(ab.sha1, 20, hex, true);
		tl_buf_adds(name, hex);
		break;
	}
	case TL_SCOPE_STORE: {
		const tl_view_store *s = obj;

		/* a store is where its first entry is, or its file */
		*loc = tl_loc_file(NULL);
		if (s->member_count && s->members[0]->count) {
			*loc = s->members[0]->entries[0]->origin.loc;
			if (loc->kind == TL_LOC_OFFSET)
				loc->kind = TL_LOC_NONE;
		}
		ab.store = s->name;
		ab.location = s->location;
		tl_store_label(name, s->location, s->name);
		break;
	}
	case TL_SCOPE_BINDING: {
		const tl_binding *b = obj;

		*loc = b->key ? tl_loc_line(tl_reg_key_file(b->key), tl_reg_key_line(b->key), 0)
		       : tl_loc_file(NULL);
		ab.binding = b->endpoint;
		tl_buf_printf(name, "HTTP\\%s\\%s", b->sni ? "SslSniBindingInfo" : "SslBindingInfo",
			      b->endpoint);
		break;
	}
	default:
		*loc = v ? v->schannel.where : tl_loc_file(NULL);
		tl_buf_adds(name, "machine");
		break;
	}
	if (about)
		*about = ab;
}
