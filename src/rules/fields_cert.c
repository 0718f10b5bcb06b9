/* fields_cert.c: the cert scope: each certificate entry of each physical store, its
 * facts (model/cert), store properties and Windows' own distrust of it
 * (windows/distrust), and where else it is held (model/index). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"
#include "windows/distrust.h"

enum {
	C_LOCATION, C_STORE, C_LOGICAL_STORE, C_SUBJECT, C_ISSUER, C_SHA1, C_SHA256, C_SERIAL,
	C_VERSION, C_SELF_ISSUED, C_SELF_SIGNED, C_SIGNATURE_VERIFIABLE, C_IS_CA,
	C_BASIC_CONSTRAINTS, C_PATH_LEN, C_KEY_USAGE, C_EKU, C_STORE_EKU, C_DISTRUSTED_SINCE,
	C_DISTRUSTED_FOR, C_DISTRUSTED, C_NOT_BEFORE_CUTOFF, C_NOT_BEFORE_CUTOFF_FOR, C_KEY_ALGORITHM,
	C_KEY_BITS, C_CURVE, C_SIG_ALGORITHM, C_SIG_HASH, C_NOT_BEFORE, C_NOT_AFTER, C_DAYS_LEFT,
	C_EXPIRED, C_NOT_YET_VALID, C_FRIENDLY_NAME, C_DESCRIPTION, C_HAS_PRIVATE_KEY,
	C_PROPERTIES, C_ALSO_IN, C_ISSUER_FOUND, C_SOURCE, C_REGISTRY_KEY, C_BLOB_SUBKEY,
	C_BLOB_SHA1_MATCHES, C_BLOB_SHA1_PROPERTY_MATCHES, C_COPIES_IN_STORE, C_FIRST_IN_STORE,
	C_PROGRAM, C_PROGRAM_NAME, C_PROGRAM_EKU, C_PROGRAM_DISABLED_SINCE, C_PROGRAM_DISABLED_FOR,
	C_PROGRAM_NOT_BEFORE, C_PROGRAM_NOT_BEFORE_FOR, C_PROGRAM_DISABLED, C_PROGRAM_DIFFERENCES,
	C_PROGRAM_PULLED, C_MACHINE_DISALLOWS,
};

static const tl_field_doc cert_fields[] = {
	[C_LOCATION] = {"location", TL_T_STRING, 0, "store location: LocalMachine, CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise, CurrentUserGroupPolicy", "STORE= argument, file name, or the registry path of the Blob"},
	[C_STORE] = {"store", TL_T_STRING, 0, "physical store name (Root, AuthRoot, CA, My, ...)", "STORE= argument, file name, or the registry path"},
	[C_LOGICAL_STORE] = {"logical_store", TL_T_STRING, 0, "the logical store Windows forms from it: Root for Root, AuthRoot and SmartCardRoot (any location), CA for CA, else the store name", "derived"},
	[C_SUBJECT] = {"subject", TL_T_STRING, 0, "subject name, RFC 4514", "certificate"},
	[C_ISSUER] = {"issuer", TL_T_STRING, 0, "issuer name, RFC 4514", "certificate"},
	[C_SHA1] = {"sha1", TL_T_STRING, 0, "SHA-1 thumbprint of the DER, upper-case hex", "certificate"},
	[C_SHA256] = {"sha256", TL_T_STRING, 0, "SHA-256 of the DER, upper-case hex", "certificate"},
	[C_SERIAL] = {"serial", TL_T_STRING, 0, "serial number, upper-case hex", "certificate"},
	[C_VERSION] = {"version", TL_T_INT, 0, "X.509 version, 1 to 3", "certificate"},
	[C_SELF_ISSUED] = {"self_issued", TL_T_BOOL, 0, "subject and issuer are the same DER name", "certificate"},
	[C_SELF_SIGNED] = {"self_signed", TL_T_BOOL, 0, "self-issued and its signature verifies with its own key (RFC 5280); null when the signature algorithm cannot be verified (MD2, unknown)", "certificate, signature checked"},
	[C_SIGNATURE_VERIFIABLE] = {"signature_verifiable", TL_T_BOOL, 0, "false when the signature algorithm cannot be verified (MD2, unknown OIDs)", "certificate"},
	[C_IS_CA] = {"is_ca", TL_T_BOOL, 0, "basicConstraints cA is TRUE", "certificate extension 2.5.29.19"},
	[C_BASIC_CONSTRAINTS] = {"basic_constraints", TL_T_BOOL, 0, "the basicConstraints extension is present", "certificate extension 2.5.29.19"},
	[C_PATH_LEN] = {"path_len", TL_T_INT, 0, "pathLenConstraint; null when absent", "certificate extension 2.5.29.19"},
	[C_KEY_USAGE] = {"key_usage", TL_T_LIST, TL_T_STRING, "keyUsage bit names (digitalSignature, keyCertSign, cRLSign, ...); null without the extension", "certificate extension 2.5.29.15"},
	[C_EKU] = {"eku", TL_T_LIST, TL_T_STRING, "extendedKeyUsage OIDs; null without the extension", "certificate extension 2.5.29.37"},
	[C_STORE_EKU] = {"store_eku", TL_T_LIST, TL_T_STRING, "OIDs of the store-side ENHKEY_USAGE restriction; null when the entry has none", "store property 9"},
	[C_DISTRUSTED_SINCE] = {"distrusted_since", TL_T_TIME, 0, "the date from which Windows no longer trusts the entry (the root program's Disable date): for the purposes in distrusted_for, or for every purpose when that is null; null when the property is absent, empty or unreadable", "store property 104, DISALLOWED_FILETIME"},
	[C_DISTRUSTED_FOR] = {"distrusted_for", TL_T_LIST, TL_T_STRING, "OIDs of the purposes distrusted_since applies to; null when the property is absent (every purpose) or unreadable", "store property 122, DISALLOWED_ENHKEY_USAGE"},
	[C_DISTRUSTED] = {"distrusted", TL_T_BOOL, 0, "Windows trusts the entry for no purpose at --now: distrusted_since is at or before --now, and distrusted_for is null or holds every purpose eku and store_eku leave the entry; false when a property this needs is empty or unreadable", "store properties 104, 122, 9; certificate extension 2.5.29.37; --now"},
	[C_NOT_BEFORE_CUTOFF] = {"not_before_cutoff", TL_T_TIME, 0, "certificates chaining to the entry and issued (notBefore) on or after this date are not trusted (the root program's NotBefore date), for the purposes in not_before_cutoff_for, or every purpose when that is null; the entry itself stays trusted; null when the property is absent, empty or unreadable", "store property 126, NOT_BEFORE_FILETIME"},
	[C_NOT_BEFORE_CUTOFF_FOR] = {"not_before_cutoff_for", TL_T_LIST, TL_T_STRING, "OIDs of the purposes not_before_cutoff applies to; null when the property is absent (every purpose) or unreadable", "store property 127, NOT_BEFORE_ENHKEY_USAGE"},
	[C_KEY_ALGORITHM] = {"key_algorithm", TL_T_STRING, 0, "RSA, RSA-PSS, EC, DSA, Ed25519, Ed448, ...", "certificate SubjectPublicKeyInfo"},
	[C_KEY_BITS] = {"key_bits", TL_T_INT, 0, "modulus, prime or curve size in bits", "certificate SubjectPublicKeyInfo"},
	[C_CURVE] = {"curve", TL_T_STRING, 0, "named curve (secp256r1, ...); null for other keys", "certificate SubjectPublicKeyInfo"},
	[C_SIG_ALGORITHM] = {"sig_algorithm", TL_T_STRING, 0, "signature algorithm (RSA-SHA256, ...), or its OID when unknown", "certificate"},
	[C_SIG_HASH] = {"sig_hash", TL_T_STRING, 0, "hash of the signature: MD2, MD5, SHA1, SHA256, ...; null when unknown", "certificate"},
	[C_NOT_BEFORE] = {"not_before", TL_T_TIME, 0, "start of validity", "certificate"},
	[C_NOT_AFTER] = {"not_after", TL_T_TIME, 0, "end of validity", "certificate"},
	[C_DAYS_LEFT] = {"days_left", TL_T_INT, 0, "whole days from --now to not_after (negative once expired)", "certificate, --now"},
	[C_EXPIRED] = {"expired", TL_T_BOOL, 0, "not_after is before --now", "certificate, --now"},
	[C_NOT_YET_VALID] = {"not_yet_valid", TL_T_BOOL, 0, "not_before is after --now", "certificate, --now"},
	[C_FRIENDLY_NAME] = {"friendly_name", TL_T_STRING, 0, "FRIENDLY_NAME property", "store property 11"},
	[C_DESCRIPTION] = {"description", TL_T_STRING, 0, "DESCRIPTION property", "store property 13"},
	[C_HAS_PRIVATE_KEY] = {"has_private_key", TL_T_BOOL, 0, "the entry has a KEY_PROV_INFO property (a private key is associated)", "store property 2"},
	[C_PROPERTIES] = {"properties", TL_T_LIST, TL_T_INT, "every store property id of the entry", "store properties"},
	[C_ALSO_IN] = {"also_in", TL_T_LIST, TL_T_STRING, "other stores holding the same certificate, as LOCATION\\STORE", "all inputs"},
	[C_ISSUER_FOUND] = {"issuer_found", TL_T_BOOL, 0, "a loaded certificate (any store) with the issuer's name verifies this one's signature; null when that signature cannot be verified (MD2, unknown algorithm)", "all inputs, signatures checked"},
	[C_SOURCE] = {"source", TL_T_STRING, 0, "the input file the entry was read from", "input"},
	[C_REGISTRY_KEY] = {"registry_key", TL_T_STRING, 0, "registry key of a Blob entry; null for file entries", ".reg input"},
	[C_BLOB_SUBKEY] = {"blob_subkey", TL_T_STRING, 0, "the thumbprint subkey name of a Blob entry; null for file entries", ".reg input"},
	[C_BLOB_SHA1_MATCHES] = {"blob_sha1_matches", TL_T_BOOL, 0, "the Blob's subkey name equals the certificate's real SHA-1; null for file entries", ".reg input"},
	[C_BLOB_SHA1_PROPERTY_MATCHES] = {"blob_sha1_property_matches", TL_T_BOOL, 0, "the Blob's subkey name equals its SHA1_HASH property (what Windows looks it up by); null for file entries", ".reg input"},
	[C_COPIES_IN_STORE] = {"copies_in_store", TL_T_INT, 0, "entries of the same certificate (same SHA-1) in this store, this one included", "all inputs"},
	[C_FIRST_IN_STORE] = {"first_in_store", TL_T_BOOL, 0, "this entry is the first of its certificate in this store", "all inputs"},
	[C_PROGRAM] = {"program", TL_T_STRING, 0, "what Microsoft's root program lists say of it: \"in-program\" (the authroot list holds its SHA-1), \"not-in-program\" (an authroot list is loaded and does not), \"disallowed\" (the disallowed list holds it), \"unknown\" (no authroot list is loaded); the newest list of each kind whose signature does not fail (see ROOT PROGRAM LISTS)", "authroot and disallowed lists: AutoUpdate EncodedCtl values, .stl, .cab, --trust-list"},
	[C_PROGRAM_NAME] = {"program_friendly_name", TL_T_STRING, 0, "the friendly name the program gives it; null unless in-program or when it gives none", "authroot list attribute 11"},
	[C_PROGRAM_EKU] = {"program_eku", TL_T_LIST, TL_T_STRING, "the purposes (OIDs) the program trusts it for; null unless in-program or when the list restricts none", "authroot list attribute 9"},
	[C_PROGRAM_DISABLED_SINCE] = {"program_disabled_since", TL_T_TIME, 0, "the program's Disable date (DISALLOWED_FILETIME); null unless in-program with one", "authroot list attribute 104"},
	[C_PROGRAM_DISABLED_FOR] = {"program_disabled_for", TL_T_LIST, TL_T_STRING, "the purposes the Disable date applies to; null when it applies to every purpose", "authroot list attribute 122"},
	[C_PROGRAM_NOT_BEFORE] = {"program_not_before", TL_T_TIME, 0, "the program's NotBefore date (NOT_BEFORE_FILETIME): certificates it issues after it are not trusted; null unless in-program with one", "authroot list attribute 126"},
	[C_PROGRAM_NOT_BEFORE_FOR] = {"program_not_before_for", TL_T_LIST, TL_T_STRING, "the purposes the NotBefore date applies to; null when every purpose", "authroot list attribute 127"},
	[C_PROGRAM_DISABLED] = {"program_disabled", TL_T_BOOL, 0, "the program has disabled it for every purpose at --now (its Disable date is past and applies to every purpose it is trusted for); null unless in-program", "authroot list attributes 104, 122, 9"},
	[C_PROGRAM_PULLED] = {"program_pulled", TL_T_STRING, 0, "how Microsoft has pulled it, in words: \"in Microsoft's untrusted certificate list\" (program disallowed), or \"disabled for every purpose by Microsoft's root program since <date>\" (program_disabled); null when it has not", "authroot and disallowed lists"},
	[C_MACHINE_DISALLOWS] = {"machine_disallows", TL_T_BOOL, 0, "the machine itself already distrusts it through a list or store: its own copy of the disallowed list (DisallowedCertEncodedCtl) or a Disallowed store of the export holds its SHA-1", "AuthRoot\\AutoUpdate, Disallowed stores"},
	[C_PROGRAM_DIFFERENCES] = {"program_differences", TL_T_LIST, TL_T_STRING, "where the machine's entry and the program's disagree on the distrust properties (104, 122, 126, 127), one line each: \"DISALLOWED_FILETIME (104): program 2021-04-01T00:00:00Z, machine absent\"; empty when they agree; null unless in-program", "the entry's properties, authroot list attributes"},
};

static const char *const ku_names[] = {
	"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
};

static void set_prop_time(tl_value *o, const tl_prop_time *t)
{
	if (t->state == TL_PROP_TIME_SET)
		set_int(o, TL_T_TIME, t->at);
}

static void set_prop_oids(tl_value *o, const tl_prop_oids *p, tl_arena *a)
{
	set_strv(o, p->oids, p->count, p->present && !p->unreadable, a);
}

/* The other stores holding this certificate, each once, in model order. */
static void also_in(const tl_view *v, const tl_view_cert *c, tl_value *o, tl_arena *a)
{
	size_t n, count = 0, i;
	const tl_index_ref *h = tl_index_holders_at(v->index, c->slot, &n);
	tl_value *items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));

	for (i = 0; i < n; i++)
		if (h[i].store != c->store && (i == 0 || h[i].store != h[i - 1].store))
			set_str(&items[count++], location_store(h[i].store, a));
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = count;
}

static void time_text(const tl_prop_time *t, tl_buf *b)
{
	static const char *const states[] = {
		[TL_PROP_TIME_ABSENT] = "absent",
		[TL_PROP_TIME_SET] = "set",
		[TL_PROP_TIME_EMPTY] = "empty",
		[TL_PROP_TIME_UNREADABLE] = "unreadable",
	};
	char when[32];

	if (t->state == TL_PROP_TIME_SET) {
		tl_format_time(t->at, when);
		tl_buf_adds(b, when);
	} else {
		tl_buf_adds(b, states[t->state]);
	}
}

static bool same_time(const tl_prop_time *a, const tl_prop_time *b)
{
	return a->state == b->state && (a->state != TL_PROP_TIME_SET || a->at == b->at);
}

static bool same_oids(const tl_prop_oids *a, const tl_prop_oids *b)
{
	size_t i;

	if (a->present != b->present || a->unreadable != b->unreadable || a->count != b->count)
		return false;
	for (i = 0; i < a->count; i++)
		if (strcmp(a->oids[i], b->oids[i]) != 0)
			return false;
	return true;
}

/* Where the machine's entry e and the program's pe disagree on Windows'
 * distrust properties: the program's are what Windows copies onto the
 * entry when it installs the root (FORMATS.md 7), so a difference means
 * the machine's copy is older than the list or was edited. */
static void differences(const tl_entry *e, const tl_entry *pe, tl_value *o, tl_arena *a)
{
	const tl_rare_props *mine = tl_entry_rare(e), *prog = tl_entry_rare(pe);
	const char **v = tl_arena_alloc(a, 4 * sizeof(char *));
	size_t n = 0;
	tl_buf t = {0};

	if (!same_time(&prog->disallowed_time, &mine->disallowed_time)) {
		tl_buf_adds(&t, "DISALLOWED_FILETIME (104): program ");
		time_text(&prog->disallowed_time, &t);
		tl_buf_adds(&t, ", machine ");
		time_text(&mine->disallowed_time, &t);
		v[n++] = arena_text(&t, a);
	}
	if (!same_oids(&prog->disallowed_eku, &mine->disallowed_eku)) {
		tl_buf_printf(&t, "DISALLOWED_ENHKEY_USAGE (122): program %s, machine %s",
			      prog->disallowed_eku.present ? "set" : "absent",
			      mine->disallowed_eku.present ? "other" : "absent");
		v[n++] = arena_text(&t, a);
	}
	if (!same_time(&prog->not_before_time, &mine->not_before_time)) {
		tl_buf_adds(&t, "NOT_BEFORE_FILETIME (126): program ");
		time_text(&prog->not_before_time, &t);
		tl_buf_adds(&t, ", machine ");
		time_text(&mine->not_before_time, &t);
		v[n++] = arena_text(&t, a);
	}
	if (!same_oids(&prog->not_before_eku, &mine->not_before_eku)) {
		tl_buf_printf(&t, "NOT_BEFORE_ENHKEY_USAGE (127): program %s, machine %s",
			      prog->not_before_eku.present ? "set" : "absent",
			      mine->not_before_eku.present ? "other" : "absent");
		v[n++] = arena_text(&t, a);
	}
	tl_buf_free(&t);
	set_strv(o, (char *const *)v, n, true, a);
}

/* The program fields: what the used lists say of the entry. */
static void program_field(const tl_view *v, const tl_entry *e, int id, tl_value *o, tl_arena *a)
{
	const tl_entry *pe;
	const tl_rare_props *prog;
	uint8_t sha1[20];
	tl_program_state st;

	tl_entry_hashes(e, sha1, NULL);
	st = tl_program_of(v->program, sha1, &pe);
	if (id == C_PROGRAM) {
		set_str(o, tl_program_state_name(st));
		return;
	}
	if (id == C_MACHINE_DISALLOWS) {
		set_bool(o, tl_program_machine_disallows(v->program, v->index, sha1));
		return;
	}
	if (id == C_PROGRAM_PULLED) {
		char when[32];

		if (st == TL_PROGRAM_DISALLOWED) {
			set_str(o, "in Microsoft's untrusted certificate list");
		} else if (pe && tl_win_distrusted(pe, v->now)) {
			tl_buf t = {0};

			tl_format_time(tl_entry_rare(pe)->disallowed_time.at, when);
			tl_buf_printf(&t, "disabled for every purpose by Microsoft's root program since %s",
				      when);
			set_str(o, arena_text(&t, a));
		}
		return;
	}
	if (!pe)
		return;
	prog = tl_entry_rare(pe);
	switch (id) {
	case C_PROGRAM_NAME:
		set_str(o, pe->friendly_name);
		return;
	case C_PROGRAM_EKU:
		set_strv(o, prog->store_eku, prog->store_eku_count, prog->store_eku_present, a);
		return;
	case C_PROGRAM_DISABLED_SINCE:
		set_prop_time(o, &prog->disallowed_time);
		return;
	case C_PROGRAM_DISABLED_FOR:
		set_prop_oids(o, &prog->disallowed_eku, a);
		return;
	case C_PROGRAM_NOT_BEFORE:
		set_prop_time(o, &prog->not_before_time);
		return;
	case C_PROGRAM_NOT_BEFORE_FOR:
		set_prop_oids(o, &prog->not_before_eku, a);
		return;
	case C_PROGRAM_DISABLED:
		set_bool(o, tl_win_distrusted(pe, v->now));
		return;
	default: /* C_PROGRAM_DIFFERENCES */
		differences(e, pe, o, a);
		return;
	}
}

static void cert_field(tl_view *v, const tl_view_cert *c, int id, tl_value *o, tl_arena *a)
{
	const tl_entry *e = c->entry;
	const tl_cert *x = &e->cert;
	const tl_rare_props *rare = tl_entry_rare(e);
	tl_value *items;
	size_t i, n;

	set_null(o);
	if (id >= C_PROGRAM) {
		program_field(v, e, id, o, a);
		return;
	}
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
		if (e->parsed)
			set_hex(o, x->sha1, 20, true, a);
		return;
	case C_SHA256:
		if (e->parsed) {
			uint8_t sha256[32];

			tl_der_sha256(e->der, e->der_len, sha256);
			set_hex(o, sha256, 32, true, a);
		}
		return;
	case C_FRIENDLY_NAME:
		set_str(o, e->friendly_name);
		return;
	case C_DESCRIPTION:
		set_str(o, rare->description);
		return;
	case C_HAS_PRIVATE_KEY:
		set_bool(o, rare->has_key_prov);
		return;
	case C_STORE_EKU:
		set_strv(o, rare->store_eku, rare->store_eku_count, rare->store_eku_present, a);
		return;
	case C_DISTRUSTED_SINCE:
		set_prop_time(o, &rare->disallowed_time);
		return;
	case C_DISTRUSTED_FOR:
		set_prop_oids(o, &rare->disallowed_eku, a);
		return;
	case C_DISTRUSTED:
		set_bool(o, tl_win_distrusted(e, v->now));
		return;
	case C_NOT_BEFORE_CUTOFF:
		set_prop_time(o, &rare->not_before_time);
		return;
	case C_NOT_BEFORE_CUTOFF_FOR:
		set_prop_oids(o, &rare->not_before_eku, a);
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
		set_str(o, rare->blob_subkey);
		return;
	case C_BLOB_SHA1_MATCHES:
		if (rare->blob_subkey && e->parsed)
			set_bool(o, rare->blob_sha1_real_matches);
		return;
	case C_BLOB_SHA1_PROPERTY_MATCHES:
		if (rare->blob_subkey && e->parsed)
			set_bool(o, rare->blob_sha1_prop_matches);
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
		set_hex(o, x->serial, x->serial_len, true, a);
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
		const tl_index_ref *h = tl_index_holders_at(v->index, c->slot, &held);
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

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	cert_field(v, obj, id, out, a);
}

const tl_scope_def tl_cert_scope = {"cert", cert_fields, TL_ARRAY_LEN(cert_fields), get};
