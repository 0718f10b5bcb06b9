/* fields_ctl.c: the ctl scope: each certificate trust list entry (model/ctldata). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"
#include "model/ctldata.h"

enum { T_LOCATION, T_STORE, T_LIST_IDENTIFIER, T_SEQUENCE, T_THIS_UPDATE, T_NEXT_UPDATE,
       T_USAGE, T_SUBJECT_ALGORITHM, T_SUBJECT_COUNT, T_SIGNER_COUNT, T_SHA1 };

static const tl_field_doc ctl_fields[] = {
	[T_LOCATION] = {"location", TL_T_STRING, 0, "store location", "inputs"},
	[T_STORE] = {"store", TL_T_STRING, 0, "store name", "inputs"},
	[T_LIST_IDENTIFIER] = {"list_identifier", TL_T_STRING, 0, "listIdentifier (UTF-16 text when it is, else hex); null when absent", "CTL"},
	[T_SEQUENCE] = {"sequence_number", TL_T_STRING, 0, "sequenceNumber in hex; null when absent", "CTL"},
	[T_THIS_UPDATE] = {"this_update", TL_T_TIME, 0, "ctlThisUpdate", "CTL"},
	[T_NEXT_UPDATE] = {"next_update", TL_T_TIME, 0, "ctlNextUpdate; null when absent", "CTL"},
	[T_USAGE] = {"usage", TL_T_LIST, TL_T_STRING, "subjectUsage OIDs", "CTL"},
	[T_SUBJECT_ALGORITHM] = {"subject_algorithm", TL_T_STRING, 0, "subjectAlgorithm OID", "CTL"},
	[T_SUBJECT_COUNT] = {"subject_count", TL_T_INT, 0, "trusted subjects listed", "CTL"},
	[T_SIGNER_COUNT] = {"signer_count", TL_T_INT, 0, "SignerInfos of the SignedData", "CTL"},
	[T_SHA1] = {"sha1", TL_T_STRING, 0, "SHA-1 of the CTL's DER, upper-case hex", "CTL"},
};

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

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	(void)v;
	ctl_field(obj, id, out, a);
}

const tl_scope_def tl_ctl_scope = {"ctl", ctl_fields, TL_ARRAY_LEN(ctl_fields), get};
