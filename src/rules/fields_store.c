/* fields_store.c: the store scope: each physical store, and each logical store
 * (windows/stores). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"

enum { S_LOCATION, S_NAME, S_LOGICAL, S_COUNT, S_CRL_COUNT, S_CTL_COUNT, S_ISSUER_LIST_BYTES, S_MEMBERS };

static const tl_field_doc store_fields[] = {
	[S_LOCATION] = {"location", TL_T_STRING, 0, "store location", "inputs"},
	[S_NAME] = {"name", TL_T_STRING, 0, "store name (the logical name for a logical store)", "inputs"},
	[S_LOGICAL] = {"logical", TL_T_BOOL, 0, "a logical store: the union Windows forms of physical stores (Root = Root, AuthRoot, SmartCardRoot, group policy Root, enterprise Root; CA likewise)", "derived"},
	[S_COUNT] = {"count", TL_T_INT, 0, "certificates in the store", "inputs"},
	[S_CRL_COUNT] = {"crl_count", TL_T_INT, 0, "CRLs in the store", "inputs"},
	[S_CTL_COUNT] = {"ctl_count", TL_T_INT, 0, "CTLs in the store", "inputs"},
	[S_ISSUER_LIST_BYTES] = {"issuer_list_bytes", TL_T_INT, 0, "bytes of the trusted issuer list it would give, as binding.issuer_list_bytes counts them: for the machine's logical Root, only its CA-issued certificates when it mixes them with self-signed roots", "inputs"},
	[S_MEMBERS] = {"members", TL_T_LIST, TL_T_STRING, "the physical stores it is made of, as LOCATION\\STORE", "derived"},
};

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
		/* the Root mix rule applies to the machine's logical Root, the
		 * Root store a binding falls back to (windows/stores.c) */
		tl_issuer_list l;

		tl_issuer_list_build(s->members, s->member_count,
				     s->logical && s->location == TL_LOC_LOCAL_MACHINE &&
					     !strcmp(s->name, "Root"),
				     &l);
		bytes = l.bytes;
		tl_issuer_list_free(&l);
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

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	(void)v;
	store_field(obj, id, out, a);
}

const tl_scope_def tl_store_scope = {"store", store_fields, TL_ARRAY_LEN(store_fields), get};
