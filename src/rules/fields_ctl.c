/* fields_ctl.c: the ctl scope: each certificate trust list entry (model/ctldata). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"
#include "model/ctldata.h"

enum { T_LOCATION, T_STORE, T_LIST_IDENTIFIER, T_SEQUENCE, T_THIS_UPDATE, T_NEXT_UPDATE,
       T_USAGE, T_SUBJECT_ALGORITHM, T_SUBJECT_COUNT, T_SIGNER_COUNT, T_SHA1, T_LIST_KIND,
       T_PROGRAM_LIST, T_LIST_SOURCE, T_SYNC_TIME, T_SIGNATURE, T_SIGNATURE_REASON, T_SIGNER,
       T_SIGNER_ROOT, T_SIGNER_MICROSOFT, T_USED, T_AGE_DAYS };

static const tl_field_doc ctl_fields[] = {
	[T_LOCATION] = {"location", TL_T_STRING, 0, "store location; null for a root program list", "inputs"},
	[T_STORE] = {"store", TL_T_STRING, 0, "store name; null for a root program list", "inputs"},
	[T_LIST_IDENTIFIER] = {"list_identifier", TL_T_STRING, 0, "listIdentifier (UTF-16 text when it is, else hex); null when absent", "CTL"},
	[T_SEQUENCE] = {"sequence_number", TL_T_STRING, 0, "sequenceNumber in hex; null when absent", "CTL"},
	[T_THIS_UPDATE] = {"this_update", TL_T_TIME, 0, "ctlThisUpdate", "CTL"},
	[T_NEXT_UPDATE] = {"next_update", TL_T_TIME, 0, "ctlNextUpdate; null when absent", "CTL"},
	[T_USAGE] = {"usage", TL_T_LIST, TL_T_STRING, "subjectUsage OIDs", "CTL"},
	[T_SUBJECT_ALGORITHM] = {"subject_algorithm", TL_T_STRING, 0, "subjectAlgorithm OID", "CTL"},
	[T_SUBJECT_COUNT] = {"subject_count", TL_T_INT, 0, "trusted subjects listed", "CTL"},
	[T_SIGNER_COUNT] = {"signer_count", TL_T_INT, 0, "SignerInfos of the SignedData", "CTL"},
	[T_SHA1] = {"sha1", TL_T_STRING, 0, "SHA-1 of the CTL's DER, upper-case hex", "CTL"},
	[T_LIST_KIND] = {"list_kind", TL_T_STRING, 0, "which list it is, by its subjectUsage: \"authroot\" (1.3.6.1.4.1.311.10.3.9), \"disallowed\" (1.3.6.1.4.1.311.10.3.30), \"pin-rules\" (1.3.6.1.4.1.311.10.3.32) or \"other\"", "CTL subjectUsage"},
	[T_PROGRAM_LIST] = {"program_list", TL_T_BOOL, 0, "a root program list: read from an AutoUpdate registry value, a .stl or .cab whose name names no store, or --trust-list, not from a store", "inputs"},
	[T_LIST_SOURCE] = {"list_source", TL_T_STRING, 0, "where a root program list came from: the registry value name (EncodedCtl, DisallowedCertEncodedCtl, PinRulesEncodedCtl), \"file\", or \"cab:<member>\"; null for a store's CTL", "inputs"},
	[T_SYNC_TIME] = {"sync_time", TL_T_TIME, 0, "when the machine last synchronised the list (LastSyncTime, DisallowedCertLastSyncTime); null when not exported", "AuthRoot\\AutoUpdate"},
	[T_SIGNATURE] = {"signature", TL_T_STRING, 0, "for an authroot, disallowed or pin rules list: \"verified\" (the PKCS#7 signature verifies, and the signer, valid at thisUpdate, chains by signature to a root the machine's Root holds), \"unchecked\" (the signer's certificate is in neither the list nor the export), \"bad\" (it does not verify, or the chain fails), \"no-root\" (no Root store was exported to chain to); null for other CTLs", "CTL SignedData, stores"},
	[T_SIGNATURE_REASON] = {"signature_reason", TL_T_STRING, 0, "why, one line; null for other CTLs", "CTL SignedData, stores"},
	[T_SIGNER] = {"signer", TL_T_STRING, 0, "the signer's subject; null when not found", "CTL SignedData"},
	[T_SIGNER_ROOT] = {"signer_root", TL_T_STRING, 0, "the subject of the root the signer chains to; null when it chains to none", "CTL SignedData, stores"},
	[T_SIGNER_MICROSOFT] = {"signer_root_microsoft", TL_T_BOOL, 0, "that root is one of Microsoft's (Microsoft Root Certificate Authority 2010 or 2011, or the two before them; by SHA-1, inferred)", "CTL SignedData, stores"},
	[T_AGE_DAYS] = {"age_days", TL_T_INT, 0, "whole days from the later of thisUpdate and sync_time to --now: how old the machine's knowledge of the program is; null for other CTLs", "CTL, AuthRoot\\AutoUpdate, --now"},
	[T_USED] = {"used", TL_T_BOOL, 0, "the newest list of its kind whose signature is not bad: the one the program fields of certificates come from", "all lists"},
};

/* The root program's view of this CTL. */
static void program_field(const tl_view *v, const tl_view_cert *c, int id, tl_value *o)
{
	const tl_program_list *pl = tl_program_list_of(v->program, c->entry);
	const tl_trust_list *tl = NULL;
	size_t i;

	/* a root program list is in no store; one that did not decode has no
	 * program view, so it is found among the model's lists */
	if (pl)
		tl = pl->list;
	else
		for (i = 0; !c->store && i < v->in->model->list_count; i++)
			if (v->in->model->lists[i].entry == c->entry)
				tl = &v->in->model->lists[i];
	switch (id) {
	case T_PROGRAM_LIST:
		set_bool(o, tl != NULL);
		return;
	case T_LIST_SOURCE:
		if (tl)
			set_str(o, tl->source);
		return;
	case T_SYNC_TIME:
		if (tl && tl->has_sync_time)
			set_int(o, TL_T_TIME, tl->sync_time);
		return;
	default:
		break;
	}
	if (!pl)
		return;
	if (id == T_LIST_KIND) {
		set_str(o, tl_list_kind_name(pl->kind));
		return;
	}
	if (pl->kind == TL_LIST_OTHER)
		return;
	switch (id) {
	case T_SIGNATURE:
		set_str(o, tl_list_check_name(pl->check));
		return;
	case T_SIGNATURE_REASON:
		set_str(o, pl->reason);
		return;
	case T_SIGNER:
		set_str(o, pl->signer);
		return;
	case T_SIGNER_ROOT:
		set_str(o, pl->signer_root);
		return;
	case T_SIGNER_MICROSOFT:
		if (pl->signer_root)
			set_bool(o, pl->signer_root_microsoft);
		return;
	case T_AGE_DAYS:
		set_int(o, TL_T_INT, (v->now - tl_program_list_time(pl)) / 86400);
		return;
	default: /* T_USED */
		set_bool(o, pl->used);
		return;
	}
}

static void ctl_field(const tl_view *v, const tl_view_cert *c, int id, tl_value *o, tl_arena *a)
{
	const tl_ctl *ctl = c->entry->ctl;
	char *s;

	set_null(o);
	if (id >= T_LIST_KIND) {
		program_field(v, c, id, o);
		return;
	}
	switch (id) {
	case T_LOCATION:
		if (c->store)
			set_str(o, tl_location_name(c->store->location));
		return;
	case T_STORE:
		if (c->store)
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

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	ctl_field(v, obj, id, out, a);
}

const tl_scope_def tl_ctl_scope = {"ctl", ctl_fields, TL_ARRAY_LEN(ctl_fields), get};
