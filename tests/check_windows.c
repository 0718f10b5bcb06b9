/* check_windows.c: the Windows semantics of src/windows/ through their own
 * APIs, without the CLI or the field catalogue: the logical Root and CA
 * stores and the trusted issuer list: its order, each certificate once,
 * the Root mix rule (stores.h), the Schannel settings with their defaults
 * (schannel.h), and the http.sys bindings: their values, flag bits, bound
 * certificate, issuer source and the reason for it, CTL lookup, and what a
 * list over 16 KB does by OS version (httpsys.h). Models are built by hand from testdata certificates,
 * registries from .reg text. Every expected value is worked out by hand
 * in the comment beside it, from FORMATS.md 2 and 5 and the fixtures. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/reg.h"
#include "model/ctldata.h"
#include "modelutil.h"
#include "testutil.h"
#include "windows/httpsys.h"
#include "windows/schannel.h"
#include "windows/stores.h"

#define REG_HEADER "Windows Registry Editor Version 5.00\r\n\r\n"
/* spelled out here rather than taken from the headers, so that a typo in
 * TL_WIN_*_KEY fails these tests */
#define SCH "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
#define NT "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
#define HTTP "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
#define BINDING(ep) "[" HTTP "\\SslBindingInfo\\" ep "]\r\n"
#define SNI_BINDING(ep) "[" HTTP "\\SslSniBindingInfo\\" ep "]\r\n"
#define CCS_BINDING(ep) "[" HTTP "\\SslCcsBindingInfo\\" ep "]\r\n"

/* The synthetic certificates (testdata/fixtures/reg/synthetic/FIXTURES.md
 * gives each SHA-1; `openssl x509 -fingerprint` agrees) and their DER
 * subject lengths from `openssl asn1parse`: the root's Name is a SEQUENCE
 * of 60 content bytes (CN "Lint Test Root CA", 17 UTF8 characters: SET of
 * 28 bytes; O "Lint Test (synthetic)", 21 characters: SET of 32), so 62
 * bytes; the issuing CA's CN has 20 characters (SET of 31), so 65 bytes.
 * Every logical-root/memberN.cer has a 63-byte subject
 * (testdata/gen/logical_root.sh). */
#define ROOT_CER "fixtures/reg/synthetic/certs/root.cer"
#define ISSUING_CER "fixtures/reg/synthetic/certs/issuing.cer"
#define SERVER_CER "fixtures/reg/synthetic/certs/server.cer"
#define CLIENT_CER "fixtures/reg/synthetic/certs/client.cer"
#define HASH_ROOT "f2,4e,d8,04,9c,ac,dc,16,7a,5e,66,b5,b0,18,45,ae,a3,16,7a,5a"
#define HASH_ISSUING "b1,c1,fb,8b,dc,20,a6,0d,ae,95,ba,44,25,b6,1a,77,46,09,7a,66"
#define HASH_SERVER_19 "e4,e4,a4,cb,6a,a6,c7,71,d7,6b,0d,44,93,2c,b0,69,5f,68,ad"
#define HASH_SERVER HASH_SERVER_19 ",72"
#define HASH_CLIENT "40,31,b2,97,5f,01,5c,4c,51,0a,e3,ce,1b,6a,41,d3,50,72,50,10"
#define HASH_OTHER_ROOT "54,00,87,d7,65,53,ab,e0,62,fa,42,83,52,d7,6c,6a,cb,32,da,8d"
/* a CRL (PEM) and a CTL (DER SignedData) for entries that are not
 * certificates */
#define CRL_PEM "fixtures/stores/pika_root_CA-RSA4096.crl.pem"
#define CTL_STL "fixtures/stores/wine_signedCTLWithListID1.stl"

#define OID_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define OID_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"
#define OID_ANY_EKU "2.5.29.37.0"

static const char reg_file[] = "test.reg";
static tl_model *model;
static tl_registry *reg;
static tl_binding *bindings;
static size_t nbindings;
static tl_logical_store *logical;
static size_t nlogical;

static void setup(void)
{
	model = tl_model_new();
	reg = NULL;
	bindings = NULL;
	nbindings = 0;
	logical = NULL;
	nlogical = 0;
}

static void teardown(void)
{
	tl_logical_stores_free(logical, nlogical);
	tl_bindings_free(bindings, nbindings);
	tl_registry_free(reg);
	tl_model_free(model);
}

/* Start again with an empty model and no registry (for a second case in
 * one test). */
static void reset(void)
{
	teardown();
	setup();
}

/* The registry of .reg text, which must load without a diagnostic (a typo
 * in a case would otherwise test less than it says). */
static void load_reg(const char *text)
{
	tl_diags *d = tl_diags_new();

	tl_registry_free(reg);
	reg = tl_registry_new();
	ck_assert_int_eq(tl_registry_load(reg, (const uint8_t *)text, strlen(text), reg_file, d), 0);
	tt_ck_diags(d, "");
	tl_diags_free(d);
}

static void read_bindings(const char *text)
{
	load_reg(text);
	nbindings = tl_bindings_read(reg, &bindings);
}

static const tl_binding *binding(const char *endpoint)
{
	size_t i;

	for (i = 0; i < nbindings; i++)
		if (strcmp(bindings[i].endpoint, endpoint) == 0)
			return &bindings[i];
	ck_abort_msg("no binding %s", endpoint);
	return NULL;
}

static tl_entry *add_cert(tl_location loc, const char *store, const char *rel)
{
	return tt_model_add(model, loc, store, TL_ENTRY_CERT, rel);
}

static tl_entry *add_member(int n, tl_location loc, const char *store)
{
	return tt_model_add_member(model, n, loc, store);
}

static const tl_store *lm_store(const char *name)
{
	const tl_store *s = tl_model_find(model, TL_LOC_LOCAL_MACHINE, name);

	ck_assert_msg(s != NULL, "no LocalMachine\\%s", name);
	return s;
}

/* The count and bytes of the list n stores give, with no Root mix rule. */
static void list_size(const tl_store *const *stores, size_t n, int64_t *count, int64_t *bytes)
{
	tl_issuer_list l;

	tl_issuer_list_build(stores, n, false, &l);
	*count = (int64_t)l.count;
	*bytes = l.bytes;
	ck_assert(!l.ca_only);
	ck_assert_uint_eq(l.excluded_count, 0);
	tl_issuer_list_free(&l);
}

/* ================================================================ stores.h */

START_TEST(logical_of_names)
{
	/* FORMATS.md 2: Root, AuthRoot and SmartCardRoot make the logical
	 * Root, CA the logical CA; store names are case-insensitive. Names
	 * that only look close are other stores. */
	static const struct {
		const char *physical, *logical;
	} cases[] = {
		{"Root", "Root"},
		{"ROOT", "Root"},
		{"root", "Root"},
		{"AuthRoot", "Root"},
		{"AUTHROOT", "Root"},
		{"authroot", "Root"},
		{"SmartCardRoot", "Root"},
		{"smartcardROOT", "Root"},
		{"CA", "CA"},
		{"ca", "CA"},
		{"Ca", "CA"},
		{"My", NULL},
		{"Disallowed", NULL},
		{"ClientAuthIssuer", NULL},
		{"TrustedPublisher", NULL},
		{"NTAuth", NULL},
		{"Roots", NULL},
		{"Root ", NULL},
		{"CA2", NULL},
		{"AuthRoot\\AutoUpdate", NULL},
		{"", NULL},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		const char *got = tl_win_logical_of(cases[i].physical);

		if (!cases[i].logical)
			ck_assert_msg(got == NULL, "'%s': '%s', not none", cases[i].physical, got);
		else
			ck_assert_msg(got && strcmp(got, cases[i].logical) == 0, "'%s': '%s', not '%s'",
				      cases[i].physical, got ? got : "(none)", cases[i].logical);
	}
}
END_TEST

START_TEST(machine_locations)
{
	/* the local machine, its group policy and its enterprise stores;
	 * not the user's nor the user's group policy */
	ck_assert(tl_win_machine_location(TL_LOC_LOCAL_MACHINE));
	ck_assert(tl_win_machine_location(TL_LOC_LOCAL_MACHINE_GROUP_POLICY));
	ck_assert(tl_win_machine_location(TL_LOC_LOCAL_MACHINE_ENTERPRISE));
	ck_assert(!tl_win_machine_location(TL_LOC_CURRENT_USER));
	ck_assert(!tl_win_machine_location(TL_LOC_CURRENT_USER_GROUP_POLICY));
}
END_TEST

/* Physical stores in model order, and the logical store each must land in:
 * 0 machine Root, 1 machine CA, 2 user Root, 3 user CA (the order
 * tl_logical_stores promises), -1 none. The nine machine Roots are
 * scattered between the others, and some names are not in their
 * canonical case. */
static const struct {
	tl_location loc;
	const char *name;
	int logical;
} scattered[] = {
	{TL_LOC_LOCAL_MACHINE, "CA", 1},
	{TL_LOC_LOCAL_MACHINE, "Root", 0},
	{TL_LOC_CURRENT_USER, "Root", 2},
	{TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "AuthRoot", 0},
	{TL_LOC_LOCAL_MACHINE, "My", -1},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "SmartCardRoot", 0},
	{TL_LOC_CURRENT_USER, "CA", 3},
	{TL_LOC_LOCAL_MACHINE, "authroot", 0},
	{TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "ROOT", 0},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "Root", 0},
	{TL_LOC_LOCAL_MACHINE, "SmartCardRoot", 0},
	{TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "SmartCardRoot", 0},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "AuthRoot", 0},
	{TL_LOC_CURRENT_USER_GROUP_POLICY, "Root", 2},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "CA", 1},
	{TL_LOC_LOCAL_MACHINE, "Disallowed", -1},
	{TL_LOC_CURRENT_USER, "SmartCardRoot", 2},
	{TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", -1},
};

START_TEST(logical_stores_of_nine_machine_roots)
{
	/* machine Root: 9 (rows 1, 3, 5, 7, 8, 9, 10, 11, 12); machine CA:
	 * 2 (rows 0, 14); user Root: 3 (rows 2, 13, 16); user CA: 1 (row 6) */
	static const struct {
		tl_location location;
		const char *name;
		size_t members;
	} want[] = {
		{TL_LOC_LOCAL_MACHINE, "Root", 9},
		{TL_LOC_LOCAL_MACHINE, "CA", 2},
		{TL_LOC_CURRENT_USER, "Root", 3},
		{TL_LOC_CURRENT_USER, "CA", 1},
	};
	size_t i, k, member = 0;
	int64_t count, bytes;

	/* one certificate in each machine Root, member1 to member9 */
	for (i = 0; i < TL_ARRAY_LEN(scattered); i++) {
		if (scattered[i].logical == 0)
			add_member((int)++member, scattered[i].loc, scattered[i].name);
		else
			tl_model_store(model, scattered[i].loc, scattered[i].name);
	}
	ck_assert_uint_eq(model->count, TL_ARRAY_LEN(scattered));
	nlogical = tl_logical_stores(model, &logical);
	ck_assert_uint_eq(nlogical, 4);
	for (k = 0; k < nlogical; k++) {
		size_t pos = 0;

		ck_assert_int_eq(logical[k].location, want[k].location);
		ck_assert_str_eq(logical[k].name, want[k].name);
		ck_assert_uint_eq(logical[k].member_count, want[k].members);
		/* members in model order: the rows marked k, in row order */
		for (i = 0; i < TL_ARRAY_LEN(scattered); i++) {
			if (scattered[i].logical != (int)k)
				continue;
			ck_assert_msg(logical[k].members[pos] == model->stores[i],
				      "logical %zu member %zu is not row %zu", k, pos, i);
			pos++;
		}
		ck_assert_uint_eq(pos, want[k].members);
	}
	/* the machine Root sends all nine: 2 + 9 * (2 + 63) = 587 bytes */
	list_size(logical[0].members, logical[0].member_count, &count, &bytes);
	ck_assert_int_eq(count, 9);
	ck_assert_int_eq(bytes, 587);
}
END_TEST

START_TEST(logical_stores_only_those_present)
{
	/* no store at all: none */
	nlogical = tl_logical_stores(model, &logical);
	ck_assert_uint_eq(nlogical, 0);

	/* the user's CA alone (My is no logical store's member): one */
	reset();
	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "My");
	tl_model_store(model, TL_LOC_CURRENT_USER, "CA");
	nlogical = tl_logical_stores(model, &logical);
	ck_assert_uint_eq(nlogical, 1);
	ck_assert_int_eq(logical[0].location, TL_LOC_CURRENT_USER);
	ck_assert_str_eq(logical[0].name, "CA");
	ck_assert_uint_eq(logical[0].member_count, 1);
	ck_assert_ptr_eq(logical[0].members[0], model->stores[1]);

	/* the user's group policy Root (written first) and the enterprise
	 * CA: machine CA before user Root, whatever the model order; an
	 * empty physical store is still a member */
	reset();
	tl_model_store(model, TL_LOC_CURRENT_USER_GROUP_POLICY, "Root");
	tl_model_store(model, TL_LOC_LOCAL_MACHINE_ENTERPRISE, "CA");
	nlogical = tl_logical_stores(model, &logical);
	ck_assert_uint_eq(nlogical, 2);
	ck_assert_int_eq(logical[0].location, TL_LOC_LOCAL_MACHINE);
	ck_assert_str_eq(logical[0].name, "CA");
	ck_assert_ptr_eq(logical[0].members[0], model->stores[1]);
	ck_assert_int_eq(logical[1].location, TL_LOC_CURRENT_USER);
	ck_assert_str_eq(logical[1].name, "Root");
	ck_assert_ptr_eq(logical[1].members[0], model->stores[0]);
}
END_TEST

START_TEST(issuer_list_counts_and_bytes)
{
	tl_entry *unparsable;
	tl_diags *d = tl_diags_new();
	const tl_store *root, *authroot, *others, *empty;
	/* 2 bytes of vector length, then 2 + the DER subject per distinct
	 * certificate: root 62, issuing 65, member1 63 */
	struct {
		const char *what;
		const tl_store *stores[2];
		size_t n;
		int64_t count, bytes;
	} cases[] = {
		{"no store", {NULL}, 0, 0, 2},
		{"an empty store", {NULL}, 1, 0, 2},
		/* root twice (once counted), issuing, a CRL, a CTL and an
		 * unparsable certificate: 2 + 64 + 67 */
		{"Root", {NULL}, 1, 2, 133},
		/* root, member1: 2 + 64 + 65 */
		{"AuthRoot", {NULL}, 1, 2, 131},
		/* root is in both and counts once: 2 + 64 + 67 + 65 */
		{"Root and AuthRoot", {NULL}, 2, 3, 198},
		{"AuthRoot and Root", {NULL}, 2, 3, 198},
		{"Root twice", {NULL}, 2, 2, 133},
		/* only entries that are not parsed certificates */
		{"a CRL, a CTL, an unparsable certificate", {NULL}, 1, 0, 2},
	};
	size_t i;

	add_cert(TL_LOC_LOCAL_MACHINE, "Root", ROOT_CER);
	add_cert(TL_LOC_LOCAL_MACHINE, "Root", ROOT_CER);
	add_cert(TL_LOC_LOCAL_MACHINE, "Root", ISSUING_CER);
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "Root", TL_ENTRY_CRL, CRL_PEM);
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "Root", TL_ENTRY_CTL, CTL_STL);
	unparsable = tl_entry_new(TL_ENTRY_CERT, (const uint8_t *)"\x30\x00", 2);
	tl_entry_finish(unparsable, d);
	ck_assert(!unparsable->parsed);
	ck_assert(tl_store_add(tl_model_store(model, TL_LOC_LOCAL_MACHINE, "Root"), unparsable));
	add_cert(TL_LOC_LOCAL_MACHINE, "AuthRoot", ROOT_CER);
	add_member(1, TL_LOC_LOCAL_MACHINE, "AuthRoot");
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "Others", TL_ENTRY_CRL, CRL_PEM);
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "Others", TL_ENTRY_CTL, CTL_STL);
	unparsable = tl_entry_new(TL_ENTRY_CERT, (const uint8_t *)"\x30\x00", 2);
	tl_entry_finish(unparsable, d);
	ck_assert(tl_store_add(tl_model_store(model, TL_LOC_LOCAL_MACHINE, "Others"), unparsable));
	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "Empty");
	tl_diags_free(d);
	root = lm_store("Root");
	authroot = lm_store("AuthRoot");
	others = lm_store("Others");
	empty = lm_store("Empty");
	ck_assert_uint_eq(root->count, 6);
	cases[1].stores[0] = empty;
	cases[2].stores[0] = root;
	cases[3].stores[0] = authroot;
	cases[4].stores[0] = root;
	cases[4].stores[1] = authroot;
	cases[5].stores[0] = authroot;
	cases[5].stores[1] = root;
	cases[6].stores[0] = root;
	cases[6].stores[1] = root;
	cases[7].stores[0] = others;
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		int64_t count = -1, bytes = -1;

		list_size(cases[i].stores, cases[i].n, &count, &bytes);
		ck_assert_msg(count == cases[i].count && bytes == cases[i].bytes,
			      "%s: %lld certificates, %lld bytes; not %lld, %lld", cases[i].what,
			      (long long)count, (long long)bytes, (long long)cases[i].count,
			      (long long)cases[i].bytes);
	}
}
END_TEST

#define MD2_ROOT_PEM "fixtures/certs/pkilint-pkix_v1_root_signed_with_md2.pem"
#define LOOKALIKE_CER "issuers/lookalike-root.cer"
#define OTHER_ROOT_CER "fixtures/reg/synthetic/certs/other_root.cer"

/* The certificates v[0..n) are the entries want_entry, met in the stores
 * want_store. */
static void ck_issuers(const tl_issuer *v, size_t n, const tl_entry *const *want_entry,
		       const tl_store *const *want_store, size_t want_n, const char *what)
{
	size_t i;

	ck_assert_msg(n == want_n, "%s: %zu certificates, not %zu", what, n, want_n);
	for (i = 0; i < n; i++)
		ck_assert_msg(v[i].entry == want_entry[i] && v[i].store == want_store[i],
			      "%s: certificate %zu is '%s' in %s", what, i, v[i].entry->cert.subject,
			      v[i].store->name);
}

START_TEST(issuer_list_order_each_certificate_once)
{
	/* list order: the stores in the order given, each store's entries in
	 * its order, each certificate where it is first met. Root holds
	 * issuing, root, issuing again; AuthRoot member1, root. With no Root
	 * mix rule: issuing (Root), root (Root), member1 (AuthRoot); 2 + 67 +
	 * 64 + 65 = 198 bytes */
	tl_entry *issuing = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ISSUING_CER);
	tl_entry *root = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ROOT_CER);
	tl_entry *member, *root_again;
	const tl_store *stores[2];
	tl_issuer_list l;

	add_cert(TL_LOC_LOCAL_MACHINE, "Root", ISSUING_CER);
	member = add_member(1, TL_LOC_LOCAL_MACHINE, "AuthRoot");
	root_again = add_cert(TL_LOC_LOCAL_MACHINE, "AuthRoot", ROOT_CER);
	stores[0] = lm_store("Root");
	stores[1] = lm_store("AuthRoot");
	tl_issuer_list_build(stores, 2, false, &l);
	{
		const tl_entry *e[] = {issuing, root, member};
		const tl_store *st[] = {stores[0], stores[0], stores[1]};
		ck_issuers(l.issuers, l.count, e, st, 3, "Root, AuthRoot");
	}
	ck_assert_int_eq(l.bytes, 198);
	tl_issuer_list_free(&l);

	/* the other way round: member1, root (AuthRoot's entry), issuing
	 * (Root) */
	stores[0] = lm_store("AuthRoot");
	stores[1] = lm_store("Root");
	tl_issuer_list_build(stores, 2, false, &l);
	{
		const tl_entry *e[] = {member, root_again, issuing};
		const tl_store *st[] = {stores[0], stores[0], stores[1]};
		ck_issuers(l.issuers, l.count, e, st, 3, "AuthRoot, Root");
	}
	ck_assert_int_eq(l.bytes, 198);
	tl_issuer_list_free(&l);
	/* tl_issuer_list_free leaves an empty list, and takes NULL */
	ck_assert_ptr_null(l.issuers);
	tl_issuer_list_free(NULL);
}
END_TEST

START_TEST(root_mix_lists_only_ca_issued)
{
	/* FORMATS.md 5 (the KB 2802568 layout): a Root that mixes self-signed
	 * roots and CA-issued certificates gives only the CA-issued ones.
	 * LocalMachine\Root: root (self-signed), issuing (issued by root),
	 * member1 (issued by a CA not exported); AuthRoot: other_root
	 * (self-signed). As the machine's Root: issuing, member1; 2 + (2 +
	 * 65) + (2 + 63) = 134 bytes; root and other_root left out, in list
	 * order. The same stores with no Root mix rule: all four, 134 + (2 +
	 * 62) + (2 + 67) = 267 bytes. */
	tl_entry *root = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ROOT_CER);
	tl_entry *issuing = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ISSUING_CER);
	tl_entry *member = add_member(1, TL_LOC_LOCAL_MACHINE, "Root");
	tl_entry *other = add_cert(TL_LOC_LOCAL_MACHINE, "AuthRoot", OTHER_ROOT_CER);
	const tl_store *stores[2];
	tl_issuer_list l;

	stores[0] = lm_store("Root");
	stores[1] = lm_store("AuthRoot");
	tl_issuer_list_build(stores, 2, true, &l);
	ck_assert(l.ca_only);
	{
		const tl_entry *e[] = {issuing, member};
		const tl_store *st[] = {stores[0], stores[0]};
		const tl_entry *x[] = {root, other};
		const tl_store *xst[] = {stores[0], stores[1]};
		ck_issuers(l.issuers, l.count, e, st, 2, "the list");
		ck_issuers(l.excluded, l.excluded_count, x, xst, 2, "left out");
	}
	ck_assert_int_eq(l.bytes, 134);
	tl_issuer_list_free(&l);

	tl_issuer_list_build(stores, 2, false, &l);
	ck_assert(!l.ca_only);
	ck_assert_uint_eq(l.count, 4);
	ck_assert_uint_eq(l.excluded_count, 0);
	ck_assert_int_eq(l.bytes, 267);
	tl_issuer_list_free(&l);
}
END_TEST

START_TEST(root_without_mix_lists_everything)
{
	/* only self-signed roots (root, other_root): both, 2 + 64 + 69 = 135;
	 * only CA-issued certificates (issuing, member1): both, 2 + 67 + 65
	 * = 134; nothing at all: 2 bytes. No mix, nothing left out. */
	static const struct {
		const char *what;
		const char *certs[2];
		size_t count;
		int64_t bytes;
	} cases[] = {
		{"self-signed only", {ROOT_CER, OTHER_ROOT_CER}, 2, 135},
		{"CA-issued only", {ISSUING_CER, "logical-root/member1.cer"}, 2, 134},
		{"empty", {NULL, NULL}, 0, 2},
	};
	size_t i, k;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		const tl_store *root;
		tl_issuer_list l;

		reset();
		tl_model_store(model, TL_LOC_LOCAL_MACHINE, "Root");
		for (k = 0; k < 2 && cases[i].certs[k]; k++)
			add_cert(TL_LOC_LOCAL_MACHINE, "Root", cases[i].certs[k]);
		root = lm_store("Root");
		tl_issuer_list_build(&root, 1, true, &l);
		ck_assert_msg(!l.ca_only && l.excluded_count == 0 && l.count == cases[i].count &&
				      l.bytes == cases[i].bytes,
			      "%s: %zu certificates (%zu left out), %lld bytes", cases[i].what, l.count,
			      l.excluded_count, (long long)l.bytes);
		tl_issuer_list_free(&l);
	}
}
END_TEST

START_TEST(inferred_unverifiable_self_issued_root_counts_as_self_signed)
{
	/* Inferred (stores.c): a self-issued root whose signature cannot be
	 * checked here (the MD2 VeriSign Class 3 root) counts as a
	 * self-signed root, since CryptoAPI verifies MD2. A self-issued
	 * certificate whose signature does not verify (the look-alike of the
	 * Lint Test Root CA) does not: it is CA-issued for the Root mix rule,
	 * as root-not-self-signed reports it. */
	tl_entry *md2 = add_cert(TL_LOC_LOCAL_MACHINE, "Root", MD2_ROOT_PEM);
	tl_entry *lookalike = add_cert(TL_LOC_LOCAL_MACHINE, "Root", LOOKALIKE_CER);
	tl_entry *root = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ROOT_CER);
	tl_entry *issuing = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ISSUING_CER);
	const tl_store *store = lm_store("Root");
	tl_issuer_list l;

	ck_assert_int_eq(md2->cert.self_signed, TL_SIG_UNVERIFIABLE);
	ck_assert(md2->cert.self_issued && lookalike->cert.self_issued);
	ck_assert_int_eq(lookalike->cert.self_signed, TL_SIG_NO);
	ck_assert(tl_win_root_self_signed(&md2->cert));
	ck_assert(tl_win_root_self_signed(&root->cert));
	ck_assert(!tl_win_root_self_signed(&lookalike->cert));
	ck_assert(!tl_win_root_self_signed(&issuing->cert));
	/* the list: the look-alike and issuing, 2 + 64 + 67 = 133 bytes; the
	 * MD2 root and the real root left out */
	tl_issuer_list_build(&store, 1, true, &l);
	{
		const tl_entry *e[] = {lookalike, issuing};
		const tl_entry *x[] = {md2, root};
		const tl_store *st[] = {store, store};
		ck_issuers(l.issuers, l.count, e, st, 2, "the list");
		ck_issuers(l.excluded, l.excluded_count, x, st, 2, "left out");
	}
	ck_assert_int_eq(l.bytes, 133);
	tl_issuer_list_free(&l);

	/* the MD2 root with the look-alike alone is still a mix: only the
	 * look-alike, 2 + 64 = 66 bytes */
	reset();
	add_cert(TL_LOC_LOCAL_MACHINE, "Root", MD2_ROOT_PEM);
	add_cert(TL_LOC_LOCAL_MACHINE, "Root", LOOKALIKE_CER);
	store = lm_store("Root");
	tl_issuer_list_build(&store, 1, true, &l);
	ck_assert(l.ca_only);
	ck_assert_uint_eq(l.count, 1);
	ck_assert_uint_eq(l.excluded_count, 1);
	ck_assert_int_eq(l.bytes, 66);
	tl_issuer_list_free(&l);
}
END_TEST

/* ============================================================== schannel.h */

static tl_schannel sc;

static void read_schannel(const char *text)
{
	load_reg(text);
	tl_schannel_read(reg, NULL, &sc);
}

/* A macro, so that a failure names the caller's line. */
#define ck_dword(d, present_, type_, known_, value_)                                         \
	do {                                                                                 \
		ck_assert_msg((d).present == (present_), #d ".present is %d", (d).present);  \
		ck_assert_msg(!(present_) || (d).type == (uint32_t)(type_),                  \
			      #d ".type is %u", (unsigned)(d).type);                         \
		ck_assert_msg((d).known == (known_), #d ".known is %d", (d).known);          \
		ck_assert_msg((d).value == (value_), #d ".value is %lld", (long long)(d).value); \
	} while (0)

/* The SCHANNEL and CurrentVersion keys with these value lines (NULL:
 * absent) read into sc. */
static void read_os_and_send(const char *version, const char *send)
{
	char text[512];

	snprintf(text, sizeof(text), REG_HEADER "[" NT "]\r\n\"ProductName\"=\"Windows\"\r\n%s%s%s[" SCH
		 "]\r\n%s%s%s",
		 version ? "\"CurrentVersion\"=" : "", version ? version : "", version ? "\r\n" : "",
		 send ? "\"SendTrustedIssuerList\"=" : "", send ? send : "", send ? "\r\n" : "");
	read_schannel(text);
}

START_TEST(schannel_defaults_when_absent)
{
	/* nothing exported (round 0), the OS version key alone (1), the
	 * SCHANNEL and Messaging keys without values (2): FORMATS.md 5's
	 * defaults, ClientAuthTrustMode 0, EventLogging 1,
	 * MessageLimitServerClientAuth 0x8000 (32768), and
	 * SendTrustedIssuerList 0 for Windows Server 2012 and later, which is
	 * assumed when the version is not exported */
	static const char *const texts[] = {
		REG_HEADER,
		REG_HEADER "[" NT "]\r\n\"ProductName\"=\"Windows Server 2019 Standard\"\r\n",
		REG_HEADER "[" SCH "]\r\n\r\n[" SCH "\\Messaging]\r\n",
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(texts); i++) {
		read_schannel(texts[i]);
		ck_assert(i == 2 ? sc.key != NULL : sc.key == NULL);
		ck_dword(sc.trust_mode, false, 0, true, 0);
		ck_assert(sc.trust_mode_valid);
		ck_dword(sc.event_logging, false, 0, true, 1);
		ck_dword(sc.message_limit, false, 0, true, 32768);
		ck_dword(sc.send_issuer_list, false, 0, true, 0);
		ck_assert_ptr_null(sc.os_version);
		ck_assert(!sc.os_build_known);
		tl_schannel_free(&sc);
	}
}
END_TEST

START_TEST(schannel_values_as_written)
{
	/* DWORDs as written, SendTrustedIssuerList=0 even on 6.1 where the
	 * absent default would be 1; 0x00010000 = 65536, 0x7 = 7 */
	read_schannel(REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.1\"\r\n"
		      "\"CurrentBuildNumber\"=\"7601\"\r\n\r\n"
		      "[" SCH "]\r\n\"ClientAuthTrustMode\"=dword:00000002\r\n"
		      "\"SendTrustedIssuerList\"=dword:00000000\r\n"
		      "\"EventLogging\"=dword:00000007\r\n\r\n"
		      "[" SCH "\\Messaging]\r\n\"MessageLimitServerClientAuth\"=dword:00010000\r\n");
	ck_assert_ptr_nonnull(sc.key);
	ck_dword(sc.trust_mode, true, TL_REG_DWORD, true, 2);
	ck_assert(sc.trust_mode_valid);
	ck_dword(sc.send_issuer_list, true, TL_REG_DWORD, true, 0);
	ck_dword(sc.event_logging, true, TL_REG_DWORD, true, 7);
	ck_dword(sc.message_limit, true, TL_REG_DWORD, true, 65536);
	ck_assert_str_eq(sc.os_version, "6.1");
	ck_assert(sc.os_build_known);
	ck_assert_int_eq(sc.os_build, 7601);
	tl_schannel_free(&sc);
	ck_assert_ptr_null(sc.os_version);
}
END_TEST

START_TEST(schannel_values_not_dwords)
{
	/* A value of another type is in the export, but Windows does not
	 * read it as the DWORD it wants: present, not known, and no default
	 * put in its place (not even SendTrustedIssuerList's 1 on 6.1). A
	 * REG_DWORD must be 4 bytes; hex(4) with 4 bytes is one. */
	static const struct {
		const char *data;
		uint32_t type;
		bool known;
		int64_t value;
	} cases[] = {
		{"\"1\"", TL_REG_SZ, false, 0},
		{"hex:01,00,00,00", TL_REG_BINARY, false, 0},
		{"hex(4):01,00", TL_REG_DWORD, false, 0},
		{"hex(b):01,00,00,00,00,00,00,00", TL_REG_QWORD, false, 0},
		{"hex(2):31,00", TL_REG_EXPAND_SZ, false, 0},
		{"hex(7):31,00,00", TL_REG_MULTI_SZ, false, 0},
		{"hex(4):01,00,00,00", TL_REG_DWORD, true, 1},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char text[1024];

		snprintf(text, sizeof(text),
			 REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.1\"\r\n\r\n"
			 "[" SCH "]\r\n\"ClientAuthTrustMode\"=%s\r\n"
			 "\"SendTrustedIssuerList\"=%s\r\n\"EventLogging\"=%s\r\n\r\n"
			 "[" SCH "\\Messaging]\r\n\"MessageLimitServerClientAuth\"=%s\r\n",
			 cases[i].data, cases[i].data, cases[i].data, cases[i].data);
		read_schannel(text);
		ck_dword(sc.trust_mode, true, cases[i].type, cases[i].known, cases[i].value);
		ck_dword(sc.send_issuer_list, true, cases[i].type, cases[i].known, cases[i].value);
		ck_dword(sc.event_logging, true, cases[i].type, cases[i].known, cases[i].value);
		ck_dword(sc.message_limit, true, cases[i].type, cases[i].known, cases[i].value);
		/* trust mode 1 is valid; a mode that is not a DWORD is not */
		ck_assert_msg(sc.trust_mode_valid == cases[i].known, "%s", cases[i].data);
		tl_schannel_free(&sc);
	}
}
END_TEST

START_TEST(schannel_trust_mode_valid)
{
	/* FORMATS.md 5: 0, 1 and 2 are the modes, absent means 0; anything
	 * else is invalid. 0xffffffff is 4294967295, read unsigned. */
	static const struct {
		const char *line; /* NULL: absent */
		bool present, known;
		int64_t value;
		bool valid;
	} cases[] = {
		{NULL, false, true, 0, true},
		{"dword:00000000", true, true, 0, true},
		{"dword:00000001", true, true, 1, true},
		{"dword:00000002", true, true, 2, true},
		{"dword:00000003", true, true, 3, false},
		{"dword:ffffffff", true, true, 4294967295LL, false},
		{"\"0\"", true, false, 0, false},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char text[512];

		snprintf(text, sizeof(text), REG_HEADER "[" SCH "]\r\n%s%s\r\n",
			 cases[i].line ? "\"ClientAuthTrustMode\"=" : "\"EventLogging\"=dword:00000001",
			 cases[i].line ? cases[i].line : "");
		read_schannel(text);
		ck_assert_msg(sc.trust_mode.present == cases[i].present &&
				      sc.trust_mode.known == cases[i].known &&
				      sc.trust_mode.value == cases[i].value &&
				      sc.trust_mode_valid == cases[i].valid,
			      "%s: present %d known %d value %lld valid %d",
			      cases[i].line ? cases[i].line : "absent", sc.trust_mode.present,
			      sc.trust_mode.known, (long long)sc.trust_mode.value, sc.trust_mode_valid);
		tl_schannel_free(&sc);
	}
}
END_TEST

START_TEST(schannel_send_issuer_list_os_default)
{
	/* SendTrustedIssuerList absent: TRUE before Windows Server 2012 /
	 * Windows 8 (CurrentVersion 6.2), FALSE from it on (FORMATS.md 5):
	 * 5.2 (Server 2003), 6.0 and 6.1 send, 6.2, 6.3 (also what Windows 10
	 * and later report) and a 10.0 do not. No CurrentVersion: 2012 or
	 * later assumed, not sent. A version that is not major.minor: not
	 * known. */
	static const struct {
		const char *version; /* the CurrentVersion line, NULL: none */
		bool known;
		int64_t value;
	} cases[] = {
		{"\"5.2\"", true, 1},
		{"\"6.0\"", true, 1},
		{"\"6.1\"", true, 1},
		{"\"6.2\"", true, 0},
		{"\"6.3\"", true, 0},
		{"\"10.0\"", true, 0},
		{NULL, true, 0},
		{"\"six\"", false, 0},
		{"\"6\"", false, 0},
		{"\"\"", false, 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		read_os_and_send(cases[i].version, NULL);
		ck_assert_msg(!sc.send_issuer_list.present &&
				      sc.send_issuer_list.known == cases[i].known &&
				      sc.send_issuer_list.value == cases[i].value,
			      "CurrentVersion %s: known %d value %lld",
			      cases[i].version ? cases[i].version : "absent", sc.send_issuer_list.known,
			      (long long)sc.send_issuer_list.value);
		ck_assert(cases[i].version ? sc.os_version != NULL : sc.os_version == NULL);
		tl_schannel_free(&sc);
	}
	/* written, it is what it says whatever the version */
	read_schannel(REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.3\"\r\n\r\n"
		      "[" SCH "]\r\n\"SendTrustedIssuerList\"=dword:00000001\r\n");
	ck_dword(sc.send_issuer_list, true, TL_REG_DWORD, true, 1);
	ck_assert_str_eq(sc.os_version, "6.3");
	tl_schannel_free(&sc);
}
END_TEST

START_TEST(schannel_build_number)
{
	/* CurrentBuildNumber is a REG_SZ (FORMATS.md 5: 9600 = 2012 R2,
	 * 20348 = 2022): a number only when the whole string is one */
	static const struct {
		const char *line; /* NULL: absent */
		bool known;
		int64_t build;
	} cases[] = {
		{"\"9600\"", true, 9600},
		{"\"20348\"", true, 20348},
		{"\"9600a\"", false, 0},
		{"\"\"", false, 0},
		{NULL, false, 0},
		{"dword:00002580", false, 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char text[512];

		snprintf(text, sizeof(text), REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.3\"\r\n%s%s\r\n",
			 cases[i].line ? "\"CurrentBuildNumber\"=" : "", cases[i].line ? cases[i].line : "");
		read_schannel(text);
		ck_assert_msg(sc.os_build_known == cases[i].known &&
				      (!cases[i].known || sc.os_build == cases[i].build),
			      "CurrentBuildNumber %s: known %d, %lld",
			      cases[i].line ? cases[i].line : "absent", sc.os_build_known,
			      (long long)sc.os_build);
		tl_schannel_free(&sc);
	}
}
END_TEST

START_TEST(schannel_where)
{
	/* Where a machine finding points: the SCHANNEL key's line, else the
	 * first key written under it, else the first key written at all,
	 * else the whole of no file. Line 1 is the header, line 2 blank, so
	 * the first key line is 3. */
	static const struct {
		const char *what, *text;
		uint32_t line; /* 0: no file */
	} cases[] = {
		{"SCHANNEL key", REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.3\"\r\n\r\n[" SCH "]\r\n", 6},
		{"under SCHANNEL only",
		 REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.3\"\r\n\r\n"
		 "[" SCH "\\Protocols\\TLS 1.0\\Server]\r\n\"Enabled\"=dword:00000000\r\n",
		 6},
		/* written after a key under it: the SCHANNEL key still wins */
		{"SCHANNEL after its subkey",
		 REG_HEADER "[" SCH "\\Protocols\\TLS 1.0\\Server]\r\n\"Enabled\"=dword:00000000\r\n\r\n"
		 "[" SCH "]\r\n",
		 6},
		{"no SCHANNEL", REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.3\"\r\n", 3},
		/* a sibling whose name starts with SCHANNEL is not it */
		{"SCHANNEL look-alike",
		 REG_HEADER "[" NT "]\r\n\r\n[" SCH "2]\r\n\"EventLogging\"=dword:00000001\r\n", 3},
		/* case-insensitive, and ControlSet001 is CurrentControlSet */
		{"other case",
		 REG_HEADER "[" NT "]\r\n\r\n[hkey_local_machine\\system\\currentcontrolset\\control\\"
		 "securityproviders\\schannel]\r\n",
		 5},
		{"ControlSet001",
		 REG_HEADER "[" NT "]\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\"
		 "SecurityProviders\\SCHANNEL]\r\n\"EventLogging\"=dword:00000003\r\n",
		 5},
		{"nothing", REG_HEADER, 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		read_schannel(cases[i].text);
		if (cases[i].line == 0) {
			ck_assert_msg(sc.where.kind == TL_LOC_NONE && sc.where.file == NULL, "%s",
				      cases[i].what);
		} else {
			ck_assert_msg(sc.where.kind == TL_LOC_LINE && sc.where.file &&
					      strcmp(sc.where.file, reg_file) == 0 &&
					      sc.where.line == cases[i].line && sc.where.col == 0,
				      "%s: line %u, not %u", cases[i].what, (unsigned)sc.where.line,
				      (unsigned)cases[i].line);
		}
		tl_schannel_free(&sc);
	}
	/* the ControlSet001 key is found as the SCHANNEL key too: its
	 * EventLogging of 3 is read */
	read_schannel(cases[6].text);
	ck_assert_ptr_nonnull(sc.key);
	ck_dword(sc.event_logging, true, TL_REG_DWORD, true, 3);
	tl_schannel_free(&sc);
}
END_TEST

/* =============================================================== httpsys.h */

START_TEST(bindings_read_values)
{
	/* IP bindings (SslBindingInfo) come before SNI ones
	 * (SslSniBindingInfo), each in registry order, whatever order the
	 * file writes them in; ControlSet001 is CurrentControlSet. DWORDs:
	 * 0x00010001 = 65537, 0xe10 = 3600 s, 0x3a98 = 15000 ms,
	 * 0xffffffff = 4294967295; -1 when absent or not a 4-byte DWORD.
	 * SslCertStoreName: "MY" when empty or absent, else as written. The
	 * AppId is IIS's {4dc3e181-e14b-4a21-b022-59fc669b0914} as a GUID's
	 * 16 bytes (FORMATS.md 5). */
	static const char text[] = REG_HEADER
		SNI_BINDING("portal.lint.test:443")
		"\"SslCertStoreName\"=\"WebHosting\"\r\n"
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"ClientAuthIssuer\"\r\n"
		"\"DefaultSslCtlIdentifier\"=\"LintClientCAs\"\r\n\r\n"
		BINDING("0.0.0.0:443")
		"\"SslCertHash\"=hex:" HASH_SERVER "\r\n"
		"\"AppId\"=hex:81,e1,c3,4d,4b,e1,21,4a,b0,22,59,fc,66,9b,09,14\r\n"
		"\"DefaultFlags\"=dword:00000003\r\n"
		"\"DefaultSslCertCheckMode\"=dword:00010001\r\n"
		"\"DefaultSslRevocationFreshnessTime\"=dword:00000e10\r\n"
		"\"DefaultSslRevocationUrlRetrievalTimeout\"=dword:00003a98\r\n"
		"\"SslCertStoreName\"=\"\"\r\n"
		"\"DefaultSslCtlStoreName\"=\"\"\r\n\r\n"
		BINDING("[::]:443")
		"\"SslCertHash\"=\"E4E4A4CB6AA6C771D76B0D44932CB0695F68AD72\"\r\n"
		"\"AppId\"=\"{4dc3e181-e14b-4a21-b022-59fc669b0914}\"\r\n"
		"\"DefaultFlags\"=\"2\"\r\n"
		"\"DefaultSslCertCheckMode\"=hex:01,00,00,00\r\n"
		"\"DefaultSslRevocationFreshnessTime\"=hex(4):10,0e\r\n"
		"\"DefaultSslRevocationUrlRetrievalTimeout\"=hex(b):98,3a,00,00,00,00,00,00\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\HTTP\\Parameters\\SslBindingInfo\\"
		"10.0.0.5:8443]\r\n"
		"\"DefaultFlags\"=dword:ffffffff\r\n"
		"\"SslCertStoreName\"=\"my\"\r\n\r\n"
		SNI_BINDING("b.lint.test:443")
		"\"DefaultSslCtlStoreName\"=\"ClientCAs\"\r\n\r\n"
		/* inferred: the Central Certificate Store bindings are the key
		 * SslCcsBindingInfo beside the other two, named 0.0.0.0:<port>
		 * (httpsys.h) */
		CCS_BINDING("0.0.0.0:443")
		"\"DefaultFlags\"=dword:00000002\r\n";
	static const struct {
		const char *endpoint;
		tl_binding_kind kind;
		int64_t flags, check_mode, freshness, url_timeout;
		long hash_len;     /* -1: cert_hash NULL */
		uint32_t app_type; /* 0: app_id NULL */
		const char *cert_store, *issuer_store, *ctl_identifier;
	} want[] = {
		{"0.0.0.0:443", TL_HTTPSYS_IP, 3, 65537, 3600, 15000, 20, TL_REG_BINARY, "MY", "", NULL},
		{"[::]:443", TL_HTTPSYS_IP, -1, -1, -1, -1, -1, TL_REG_SZ, "MY", NULL, NULL},
		{"10.0.0.5:8443", TL_HTTPSYS_IP, 4294967295LL, -1, -1, -1, -1, 0, "my", NULL, NULL},
		{"portal.lint.test:443", TL_HTTPSYS_SNI, 2, -1, -1, -1, -1, 0, "WebHosting", "ClientAuthIssuer",
		 "LintClientCAs"},
		{"b.lint.test:443", TL_HTTPSYS_SNI, -1, -1, -1, -1, -1, 0, "MY", "ClientCAs", NULL},
		{"0.0.0.0:443", TL_HTTPSYS_CCS, 2, -1, -1, -1, -1, 0, "MY", NULL, NULL},
	};
	size_t i;

	read_bindings(text);
	ck_assert_uint_eq(nbindings, TL_ARRAY_LEN(want));
	for (i = 0; i < nbindings; i++) {
		const tl_binding *b = &bindings[i];

		ck_assert_str_eq(b->endpoint, want[i].endpoint);
		ck_assert_str_eq(tl_reg_key_name(b->key), want[i].endpoint);
		ck_assert_msg(b->kind == want[i].kind, "%s: kind", b->endpoint);
		ck_assert_msg(b->flags == want[i].flags, "%s: flags %lld", b->endpoint, (long long)b->flags);
		ck_assert_msg(b->check_mode == want[i].check_mode, "%s: check_mode %lld", b->endpoint,
			      (long long)b->check_mode);
		ck_assert_msg(b->freshness == want[i].freshness, "%s: freshness %lld", b->endpoint,
			      (long long)b->freshness);
		ck_assert_msg(b->url_timeout == want[i].url_timeout, "%s: url_timeout %lld", b->endpoint,
			      (long long)b->url_timeout);
		if (want[i].hash_len < 0)
			ck_assert_msg(b->cert_hash == NULL, "%s: cert_hash", b->endpoint);
		else
			ck_assert_msg(b->cert_hash && b->cert_hash->len == (size_t)want[i].hash_len &&
					      b->cert_hash->data[0] == 0xe4,
				      "%s: cert_hash", b->endpoint);
		if (want[i].app_type == 0)
			ck_assert_msg(b->app_id == NULL, "%s: app_id", b->endpoint);
		else
			ck_assert_msg(b->app_id && b->app_id->type == want[i].app_type, "%s: app_id",
				      b->endpoint);
		ck_assert_str_eq(b->cert_store, want[i].cert_store);
		if (want[i].issuer_store)
			ck_assert_pstr_eq(b->issuer_store, want[i].issuer_store);
		else
			ck_assert_ptr_null(b->issuer_store);
		if (want[i].ctl_identifier)
			ck_assert_pstr_eq(b->ctl_identifier, want[i].ctl_identifier);
		else
			ck_assert_ptr_null(b->ctl_identifier);
	}
	/* the 16 AppId bytes as written: 81 ... 14 */
	ck_assert_uint_eq(bindings[0].app_id->len, 16);
	ck_assert_int_eq(bindings[0].app_id->data[0], 0x81);
	ck_assert_int_eq(bindings[0].app_id->data[15], 0x14);
}
END_TEST

START_TEST(bindings_read_none)
{
	/* no HTTP key, then binding keys without any binding under them */
	read_bindings(REG_HEADER "[" SCH "]\r\n");
	ck_assert_uint_eq(nbindings, 0);
	ck_assert_ptr_null(bindings);
	read_bindings(REG_HEADER "[" HTTP "\\SslBindingInfo]\r\n\r\n[" HTTP "\\SslSniBindingInfo]\r\n");
	ck_assert_uint_eq(nbindings, 0);
}
END_TEST

/* A DefaultFlags or DefaultSslCertCheckMode bit: the header's constant,
 * the value FORMATS.md 5 gives (so the table checks the constants too),
 * and what it means. */
typedef struct bit_row {
	uint32_t constant, formats;
	const char *meaning;
} bit_row;

static const bit_row flag_bits[] = {
	{TL_HTTP_FLAG_USE_DS_MAPPER, 0x1, "use DS mapper"},
	{TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT, 0x2, "negotiate client certificate"},
	{TL_HTTP_FLAG_NO_RAW_FILTER, 0x4, "no raw filter"},
	{TL_HTTP_FLAG_REJECT, 0x8, "reject"},
	{TL_HTTP_FLAG_DISABLE_HTTP2, 0x10, "disable HTTP/2"},
	{TL_HTTP_FLAG_DISABLE_QUIC, 0x20, "disable QUIC"},
	{TL_HTTP_FLAG_DISABLE_TLS13, 0x40, "disable TLS 1.3"},
	{TL_HTTP_FLAG_DISABLE_OCSP_STAPLING, 0x80, "disable OCSP stapling"},
	{TL_HTTP_FLAG_DISABLE_LEGACY_TLS, 0x400, "disable legacy TLS"},
	{TL_HTTP_FLAG_DISABLE_TLS12, 0x1000, "disable TLS 1.2"},
};

static const bit_row check_bits[] = {
	{TL_HTTP_CHECK_NO_REVOCATION, 0x1, "no revocation check"},
	{TL_HTTP_CHECK_CACHED_ONLY, 0x2, "cached revocation only"},
	{TL_HTTP_CHECK_FRESHNESS_TIME, 0x4, "use freshness time"},
	{TL_HTTP_CHECK_NO_USAGE, 0x10000, "no usage check"},
};

/* The bit asked of DefaultSslCertCheckMode (check_mode) or DefaultFlags. */
static bool has_bit(const tl_binding *b, uint32_t bit, bool check_mode)
{
	return check_mode ? tl_binding_check_bit(b, bit) : tl_binding_flag(b, bit);
}

/* A binding whose DWORD (the check mode, or the flags) is value, the
 * other absent. */
static tl_binding dword_binding(int64_t value, bool check_mode)
{
	tl_binding b;

	memset(&b, 0, sizeof(b));
	b.flags = check_mode ? -1 : value;
	b.check_mode = check_mode ? value : -1;
	return b;
}

/* Each bit of the table alone in its DWORD: only its own question says
 * yes. */
static void ck_one_bit_each(const bit_row *bits, size_t n, bool check_mode)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		tl_binding b = dword_binding(bits[i].formats, check_mode);

		ck_assert_msg(bits[i].constant == bits[i].formats, "%s is 0x%x, not 0x%x",
			      bits[i].meaning, bits[i].constant, bits[i].formats);
		for (j = 0; j < n; j++)
			ck_assert_msg(has_bit(&b, bits[j].constant, check_mode) == (i == j),
				      "0x%x: %s", bits[i].formats, bits[j].meaning);
	}
}

/* With the DWORD at value, every bit of the table is set (want) or none. */
static void ck_every_bit(const bit_row *bits, size_t n, bool check_mode, int64_t value, bool want)
{
	tl_binding b = dword_binding(value, check_mode);
	size_t j;

	for (j = 0; j < n; j++)
		ck_assert_msg(has_bit(&b, bits[j].constant, check_mode) == want, "%lld: %s",
			      (long long)value, bits[j].meaning);
}

START_TEST(binding_flag_bits_one_at_a_time)
{
	ck_one_bit_each(flag_bits, TL_ARRAY_LEN(flag_bits), false);
	/* every bit at once: 0x1 + 0x2 + 0x4 + 0x8 + 0x10 + 0x20 + 0x40 +
	 * 0x80 + 0x400 + 0x1000 = 0x14ff; none of them: 0x100, 0x200, 0x800,
	 * 0x2000 and 0x80000000 = 0x80002b00; 0; absent or not a DWORD (-1):
	 * no bit, although -1 has every bit set */
	ck_every_bit(flag_bits, TL_ARRAY_LEN(flag_bits), false, 0x14ff, true);
	ck_every_bit(flag_bits, TL_ARRAY_LEN(flag_bits), false, 0x80002b00LL, false);
	ck_every_bit(flag_bits, TL_ARRAY_LEN(flag_bits), false, 0, false);
	ck_every_bit(flag_bits, TL_ARRAY_LEN(flag_bits), false, -1, false);
}
END_TEST

START_TEST(binding_check_bits_one_at_a_time)
{
	tl_binding b = dword_binding(TL_HTTP_CHECK_NO_REVOCATION, true);

	ck_one_bit_each(check_bits, TL_ARRAY_LEN(check_bits), true);
	/* all four: 0x10007; 0 (check revocation, the default); absent */
	ck_every_bit(check_bits, TL_ARRAY_LEN(check_bits), true, 0x10007, true);
	ck_every_bit(check_bits, TL_ARRAY_LEN(check_bits), true, 0, false);
	ck_every_bit(check_bits, TL_ARRAY_LEN(check_bits), true, -1, false);
	/* the flags and the check mode are separate DWORDs */
	ck_assert(!tl_binding_flag(&b, TL_HTTP_FLAG_USE_DS_MAPPER));
}
END_TEST

/* Inferred, not verified on a real export (httpsys.h; FORMATS.md 5, the
 * DefaultFlags row: "bits above 0x8 are API constants; that all are stored
 * here is unverified"): http.sys stores the HTTP_SERVICE_CONFIG_SSL_FLAG_*
 * bits above 0x8 in the DefaultFlags DWORD like the four lower ones, so a
 * binding written with one of them reads as having that flag and no
 * other. If a real export shows them kept elsewhere, this test and the
 * flags read from DefaultFlags must change together. */
START_TEST(inferred_high_defaultflags_bits_are_stored)
{
	size_t i, j, high = 0;

	read_bindings(REG_HEADER
		      BINDING("0.0.0.0:16") "\"DefaultFlags\"=dword:00000010\r\n\r\n"
		      BINDING("0.0.0.0:32") "\"DefaultFlags\"=dword:00000020\r\n\r\n"
		      BINDING("0.0.0.0:64") "\"DefaultFlags\"=dword:00000040\r\n\r\n"
		      BINDING("0.0.0.0:128") "\"DefaultFlags\"=dword:00000080\r\n\r\n"
		      BINDING("0.0.0.0:1024") "\"DefaultFlags\"=dword:00000400\r\n\r\n"
		      BINDING("0.0.0.0:4096") "\"DefaultFlags\"=dword:00001000\r\n");
	ck_assert_uint_eq(nbindings, 6);
	for (i = 0; i < TL_ARRAY_LEN(flag_bits); i++) {
		char endpoint[32];
		const tl_binding *b;

		if (flag_bits[i].formats <= 0x8)
			continue;
		high++;
		snprintf(endpoint, sizeof(endpoint), "0.0.0.0:%u", (unsigned)flag_bits[i].formats);
		b = binding(endpoint);
		ck_assert_int_eq(b->flags, flag_bits[i].formats);
		for (j = 0; j < TL_ARRAY_LEN(flag_bits); j++)
			ck_assert_msg(tl_binding_flag(b, flag_bits[j].constant) == (i == j), "%s: %s",
				      endpoint, flag_bits[j].meaning);
	}
	ck_assert_uint_eq(high, 6);
}
END_TEST

START_TEST(binding_cert_lookup)
{
	/* The certificate a binding presents is looked up by SslCertHash (a
	 * 20-byte REG_BINARY) in LocalMachine\<SslCertStoreName>, MY when
	 * that is empty or absent; store names are case-insensitive. */
	tl_entry *my_server, *web_server;
	static const char text[] = REG_HEADER
		BINDING("0.0.0.0:1") "\"SslCertHash\"=hex:" HASH_SERVER "\r\n\r\n"
		BINDING("0.0.0.0:2") "\"SslCertHash\"=hex:" HASH_SERVER "\r\n"
		"\"SslCertStoreName\"=\"WebHosting\"\r\n\r\n"
		BINDING("0.0.0.0:3") "\"SslCertHash\"=hex:" HASH_SERVER "\r\n"
		"\"SslCertStoreName\"=\"webhosting\"\r\n\r\n"
		BINDING("0.0.0.0:4") "\"SslCertHash\"=hex:" HASH_SERVER "\r\n"
		"\"SslCertStoreName\"=\"\"\r\n\r\n"
		BINDING("0.0.0.0:5") "\"SslCertHash\"=hex:" HASH_ISSUING "\r\n\r\n"
		BINDING("0.0.0.0:6") "\"SslCertHash\"=hex:" HASH_CLIENT "\r\n"
		"\"SslCertStoreName\"=\"Root\"\r\n\r\n"
		BINDING("0.0.0.0:7") "\"SslCertHash\"=hex:" HASH_SERVER_19 "\r\n\r\n"
		BINDING("0.0.0.0:8") "\"SslCertHash\"=hex:" HASH_SERVER ",00\r\n\r\n"
		BINDING("0.0.0.0:9") "\"SslCertHash\"=\"E4E4A4CB6AA6C771D76B0D44932CB0695F68AD72\"\r\n\r\n"
		BINDING("0.0.0.0:10") "\"SslCertHash\"=hex(4):" HASH_SERVER "\r\n\r\n"
		BINDING("0.0.0.0:11") "\"SslCertHash\"=hex:" HASH_OTHER_ROOT "\r\n\r\n"
		BINDING("0.0.0.0:12") "\"DefaultFlags\"=dword:00000000\r\n\r\n"
		BINDING("0.0.0.0:13") "\"SslCertHash\"=hex:" HASH_ROOT "\r\n"
		"\"SslCertStoreName\"=\"Root\"\r\n";
	struct {
		const char *endpoint;
		bool thumbprint;
		const tl_entry *want;
	} cases[] = {
		{"0.0.0.0:1", true, NULL},  /* MY's copy of the server certificate */
		{"0.0.0.0:2", true, NULL},  /* WebHosting's copy */
		{"0.0.0.0:3", true, NULL},  /* WebHosting's, named in another case */
		{"0.0.0.0:4", true, NULL},  /* empty name: MY's */
		{"0.0.0.0:5", true, NULL},  /* issuing CA: only in CurrentUser\My */
		{"0.0.0.0:6", true, NULL},  /* client certificate: in MY, not in Root */
		{"0.0.0.0:7", false, NULL}, /* 19 bytes */
		{"0.0.0.0:8", false, NULL}, /* 21 bytes */
		{"0.0.0.0:9", false, NULL}, /* the hex as a REG_SZ */
		{"0.0.0.0:10", false, NULL}, /* 20 bytes, but a REG_DWORD */
		{"0.0.0.0:11", true, NULL}, /* a certificate the export lacks */
		{"0.0.0.0:12", false, NULL}, /* no SslCertHash */
		{"0.0.0.0:13", true, NULL}, /* the root, in Root */
	};
	tl_entry *root;
	size_t i;

	add_cert(TL_LOC_LOCAL_MACHINE, "My", CLIENT_CER);
	my_server = add_cert(TL_LOC_LOCAL_MACHINE, "My", SERVER_CER);
	web_server = add_cert(TL_LOC_LOCAL_MACHINE, "WebHosting", SERVER_CER);
	add_cert(TL_LOC_CURRENT_USER, "My", ISSUING_CER);
	root = add_cert(TL_LOC_LOCAL_MACHINE, "Root", ROOT_CER);
	cases[0].want = my_server;
	cases[1].want = web_server;
	cases[2].want = web_server;
	cases[3].want = my_server;
	cases[12].want = root;
	read_bindings(text);
	ck_assert_uint_eq(nbindings, TL_ARRAY_LEN(cases));
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		const tl_binding *b = binding(cases[i].endpoint);

		ck_assert_msg(tl_binding_has_thumbprint(b) == cases[i].thumbprint, "%s: thumbprint",
			      cases[i].endpoint);
		ck_assert_msg(tl_binding_cert(b, model) == cases[i].want, "%s: another certificate",
			      cases[i].endpoint);
	}
	/* the REG_SZ and REG_DWORD hashes are not taken as thumbprints */
	ck_assert_ptr_null(binding("0.0.0.0:9")->cert_hash);
	ck_assert_ptr_null(binding("0.0.0.0:10")->cert_hash);
}
END_TEST

/* A certificate entry whose EKU extension and store ENHKEY_USAGE property
 * are set by hand: NULL for absent, else the OIDs listed (none: present
 * and empty). */
static void set_ekus(tl_entry *e, tl_rare_props *rare, char **cert_eku, size_t cert_n,
		     char **store_eku, size_t store_n)
{
	memset(e, 0, sizeof(*e));
	memset(rare, 0, sizeof(*rare));
	e->kind = TL_ENTRY_CERT;
	e->parsed = true;
	e->cert.eku_present = cert_eku != NULL;
	e->cert.eku = cert_eku;
	e->cert.eku_count = (uint32_t)cert_n;
	rare->store_eku_present = store_eku != NULL;
	rare->store_eku = store_eku;
	rare->store_eku_count = store_n;
	e->rare = rare;
}

START_TEST(server_auth_allowed_by_eku)
{
	/* May Schannel present it as a server certificate: the EKU
	 * extension, when present, lists serverAuth or anyExtendedKeyUsage,
	 * and the ENHKEY_USAGE property, when present, lists serverAuth. The
	 * property narrows, never widens (FORMATS.md 1). */
	static char *server[] = {(char *)OID_SERVER_AUTH};
	static char *client[] = {(char *)OID_CLIENT_AUTH};
	static char *both[] = {(char *)OID_CLIENT_AUTH, (char *)OID_SERVER_AUTH};
	static char *any[] = {(char *)OID_ANY_EKU};
	static char *empty[] = {NULL};
	static const struct {
		const char *what;
		char **cert;
		size_t cert_n;
		char **store;
		size_t store_n;
		bool allowed;
	} cases[] = {
		{"no EKU, no property", NULL, 0, NULL, 0, true},
		{"serverAuth", server, 1, NULL, 0, true},
		{"clientAuth", client, 1, NULL, 0, false},
		{"clientAuth and serverAuth", both, 2, NULL, 0, true},
		{"anyExtendedKeyUsage", any, 1, NULL, 0, true},
		{"an empty EKU", empty, 0, NULL, 0, false},
		{"property serverAuth", NULL, 0, server, 1, true},
		{"property clientAuth", NULL, 0, client, 1, false},
		{"an empty property", NULL, 0, empty, 0, false},
		{"property both", NULL, 0, both, 2, true},
		{"serverAuth, property clientAuth", server, 1, client, 1, false},
		{"clientAuth, property serverAuth", client, 1, server, 1, false},
		{"anyExtendedKeyUsage, property clientAuth", any, 1, client, 1, false},
		{"anyExtendedKeyUsage, property serverAuth", any, 1, server, 1, true},
		{"serverAuth, property both", server, 1, both, 2, true},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_entry e;
		tl_rare_props rare;

		set_ekus(&e, &rare, cases[i].cert, cases[i].cert_n, cases[i].store, cases[i].store_n);
		ck_assert_msg(tl_win_server_auth_allowed(&e) == cases[i].allowed, "%s: %s",
			      cases[i].what, cases[i].allowed ? "refused" : "allowed");
	}
}
END_TEST

/* A fixture certificate as a reader leaves it, with an ENHKEY_USAGE
 * property (9) of this DER when eku_hex is not NULL. */
static tl_entry *fixture_entry(const char *rel, const char *eku_hex)
{
	size_t len;
	uint8_t *der = tt_read_testdata(rel, &len);
	tl_entry *e = tl_entry_new(TL_ENTRY_CERT, der, len);
	tl_diags *d = tl_diags_new();

	free(der);
	if (eku_hex) {
		tl_buf prop = tt_hex_bytes(eku_hex);

		tl_entry_add_prop(e, 9, (const uint8_t *)prop.data, (uint32_t)prop.len, 0);
		tl_buf_free(&prop);
	}
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	tl_diags_free(d);
	ck_assert(e->parsed);
	return e;
}

START_TEST(server_auth_allowed_fixtures)
{
	/* the synthetic server certificate has EKU serverAuth, the client
	 * certificate clientAuth (openssl x509 -ext extendedKeyUsage); the
	 * property is a DER SEQUENCE OF OID: 30 0a, 06 08, then
	 * 1.3.6.1.5.5.7.3.x as 2b 06 01 05 05 07 03 0x */
	static const struct {
		const char *rel, *prop;
		bool allowed;
	} cases[] = {
		{SERVER_CER, NULL, true},
		{CLIENT_CER, NULL, false},
		{SERVER_CER, "30 0a 06 08 2b 06 01 05 05 07 03 02", false},
		{CLIENT_CER, "30 0a 06 08 2b 06 01 05 05 07 03 01", false},
		{SERVER_CER, "30 0a 06 08 2b 06 01 05 05 07 03 01", true},
		/* the root has no EKU extension: the property alone decides */
		{ROOT_CER, NULL, true},
		{ROOT_CER, "30 0a 06 08 2b 06 01 05 05 07 03 02", false},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_entry *e = fixture_entry(cases[i].rel, cases[i].prop);

		ck_assert_msg(tl_win_server_auth_allowed(e) == cases[i].allowed, "%s with %s", cases[i].rel,
			      cases[i].prop ? cases[i].prop : "no property");
		tl_entry_free(e);
	}
}
END_TEST

/* A binding as tl_bindings_read leaves it, for the questions that read
 * only its issuer store and CTL identifier. */
static tl_binding issuer_binding(const char *issuer_store, const char *ctl_identifier)
{
	tl_binding b;

	memset(&b, 0, sizeof(b));
	b.endpoint = (char *)"0.0.0.0:443";
	b.flags = TL_HTTP_FLAG_NEGOTIATE_CLIENT_CERT;
	b.check_mode = -1;
	b.freshness = -1;
	b.url_timeout = -1;
	b.cert_store = (char *)"MY";
	b.issuer_store = (char *)issuer_store;
	b.ctl_identifier = (char *)ctl_identifier;
	return b;
}

/* The nine machine Roots of FORMATS.md 2, member1 to member9 in turn. */
static void add_nine_machine_roots(void)
{
	size_t i, member = 0;

	for (i = 0; i < TL_ARRAY_LEN(scattered); i++)
		if (scattered[i].logical == 0)
			add_member((int)++member, scattered[i].loc, scattered[i].name);
	ck_assert_uint_eq(member, 9);
}

static const tl_logical_store *machine_root(void)
{
	size_t i;

	tl_logical_stores_free(logical, nlogical);
	nlogical = tl_logical_stores(model, &logical);
	for (i = 0; i < nlogical; i++)
		if (logical[i].location == TL_LOC_LOCAL_MACHINE && !strcmp(logical[i].name, "Root"))
			return &logical[i];
	return NULL;
}

/* A CTL entry in LocalMachine\STORE whose listIdentifier is ID as UTF-16LE
 * text with its NUL (as CertSetCTLContextProperty writes it; NULL: no
 * decoded CTL) and whose FRIENDLY_NAME is friendly (NULL: none). The bytes
 * are a real CTL's; only the decoded facts are set by hand. */
static void add_ctl(tl_location loc, const char *store, const char *id, const char *friendly)
{
	tl_entry *e = tt_model_add(model, loc, store, TL_ENTRY_CTL, CTL_STL);

	if (id) {
		size_t i, n = strlen(id);
		uint8_t *utf16 = tl_xcalloc(2 * (n + 1), 1);

		for (i = 0; i < n; i++)
			utf16[2 * i] = (uint8_t)id[i];
		e->ctl = tl_xcalloc(1, sizeof(*e->ctl));
		e->ctl->list_id = utf16;
		e->ctl->list_id_len = 2 * (n + 1);
	}
	if (friendly)
		e->friendly_name = tl_xstrdup(friendly);
}

/* The reason text of src for b. free() it. */
static char *reason(const tl_binding *b, const tl_issuer_source *src)
{
	tl_buf t = {0};

	tl_issuer_source_reason(b, src, &t);
	return tl_buf_steal(&t);
}

#define NOT_CONSULTED TL_ISSUER_STORE_NOT_CONSULTED
#define USED TL_ISSUER_STORE_USED
#define ABSENT TL_ISSUER_STORE_ABSENT
#define NO_CERT TL_ISSUER_STORE_NO_CERTIFICATE
#define MAYBE_NOT_EXPORTED "is not in the export (it may just not have been exported)"

START_TEST(issuer_source_named_and_client_auth_issuer)
{
	/* FORMATS.md 5: the binding's DefaultSslCtlStoreName store when it
	 * holds a certificate, else ClientAuthIssuer when it holds one, else
	 * Root; stores are LocalMachine ones. Here ClientAuthIssuer holds
	 * the root and the issuing CA, so every named store that holds no
	 * certificate falls back to it. Issuer list bytes: 2, then per
	 * certificate 2 + the subject (members 63, root 62, issuing 65). */
	static const struct {
		const char *issuer_store; /* on the binding */
		const char *name;         /* the source */
		const char *store;        /* the LocalMachine store it is */
		tl_issuer_store_state named, cai;
		int64_t count, bytes;
		const char *reason;
	} cases[] = {
		/* member1, member2: 2 + 65 + 65 */
		{"ClientCAs", "ClientCAs", "ClientCAs", USED, NOT_CONSULTED, 2, 132,
		 "DefaultSslCtlStoreName names 'ClientCAs', which holds certificates"},
		{"clientcas", "clientcas", "ClientCAs", USED, NOT_CONSULTED, 2, 132,
		 "DefaultSslCtlStoreName names 'clientcas', which holds certificates"},
		/* the rest: ClientAuthIssuer, 2 + 64 + 67 */
		{"MissingCAs", "ClientAuthIssuer", "ClientAuthIssuer", ABSENT, USED, 2, 133,
		 "DefaultSslCtlStoreName names 'MissingCAs', which " MAYBE_NOT_EXPORTED
		 "; ClientAuthIssuer holds certificates"},
		/* only the user has it: absent from LocalMachine */
		{"Partners", "ClientAuthIssuer", "ClientAuthIssuer", ABSENT, USED, 2, 133,
		 "DefaultSslCtlStoreName names 'Partners', which " MAYBE_NOT_EXPORTED
		 "; ClientAuthIssuer holds certificates"},
		/* exported and empty, or holding only a CRL and a CTL */
		{"EmptyCAs", "ClientAuthIssuer", "ClientAuthIssuer", NO_CERT, USED, 2, 133,
		 "DefaultSslCtlStoreName names 'EmptyCAs', which holds no certificate"
		 "; ClientAuthIssuer holds certificates"},
		{"ListsOnly", "ClientAuthIssuer", "ClientAuthIssuer", NO_CERT, USED, 2, 133,
		 "DefaultSslCtlStoreName names 'ListsOnly', which holds no certificate"
		 "; ClientAuthIssuer holds certificates"},
		/* none named, or an empty name */
		{NULL, "ClientAuthIssuer", "ClientAuthIssuer", NOT_CONSULTED, USED, 2, 133,
		 "DefaultSslCtlStoreName names no store; ClientAuthIssuer holds certificates"},
		{"", "ClientAuthIssuer", "ClientAuthIssuer", NOT_CONSULTED, USED, 2, 133,
		 "DefaultSslCtlStoreName names no store; ClientAuthIssuer holds certificates"},
		/* ClientAuthIssuer named: said once */
		{"clientauthissuer", "clientauthissuer", "ClientAuthIssuer", USED, NOT_CONSULTED, 2,
		 133, "DefaultSslCtlStoreName names 'clientauthissuer', which holds certificates"},
	};
	const tl_logical_store *root;
	size_t i;

	add_nine_machine_roots();
	add_member(1, TL_LOC_LOCAL_MACHINE, "ClientCAs");
	add_member(2, TL_LOC_LOCAL_MACHINE, "ClientCAs");
	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "EmptyCAs");
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "ListsOnly", TL_ENTRY_CRL, CRL_PEM);
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "ListsOnly", TL_ENTRY_CTL, CTL_STL);
	add_cert(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", ROOT_CER);
	add_cert(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", ISSUING_CER);
	add_member(3, TL_LOC_CURRENT_USER, "Partners");
	root = machine_root();
	ck_assert_ptr_nonnull(root);
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_binding b = issuer_binding(cases[i].issuer_store, NULL);
		tl_issuer_source src;
		int64_t count, bytes;
		const char *what = cases[i].issuer_store ? cases[i].issuer_store : "(none)";
		char *why;

		tl_binding_issuer_source(&b, model, root, &src);
		ck_assert_msg(strcmp(src.name, cases[i].name) == 0, "%s: source %s", what, src.name);
		ck_assert_msg(src.count == 1 && src.stores == &src.one &&
				      src.stores[0] == lm_store(cases[i].store) && !src.root,
			      "%s: not LocalMachine\\%s", what, cases[i].store);
		ck_assert_msg(src.named == cases[i].named && src.client_auth_issuer == cases[i].cai,
			      "%s: named %s, ClientAuthIssuer %s", what,
			      tl_issuer_store_state_name(src.named),
			      tl_issuer_store_state_name(src.client_auth_issuer));
		list_size(src.stores, src.count, &count, &bytes);
		ck_assert_msg(count == cases[i].count && bytes == cases[i].bytes,
			      "%s: %lld issuers, %lld bytes", what, (long long)count, (long long)bytes);
		why = reason(&b, &src);
		ck_assert_msg(strcmp(why, cases[i].reason) == 0, "%s: '%s'", what, why);
		free(why);
	}
}
END_TEST

START_TEST(issuer_source_reason_for_each_fallback_to_root)
{
	/* Root when neither the named store nor ClientAuthIssuer holds a
	 * certificate (FORMATS.md 5): each way the named store (none named,
	 * absent, empty) and ClientAuthIssuer (absent, empty, a CTL only)
	 * can come to hold none, and the reason says which. LocalMachine\Root
	 * holds member 4 (2 + 65 = 67 bytes). */
	static const struct {
		const char *issuer_store;
		const char *client_auth_issuer; /* "absent", "empty" or "ctl" */
		tl_issuer_store_state named, cai;
		const char *reason;
	} cases[] = {
		{NULL, "absent", NOT_CONSULTED, ABSENT,
		 "DefaultSslCtlStoreName names no store; ClientAuthIssuer " MAYBE_NOT_EXPORTED},
		{NULL, "empty", NOT_CONSULTED, NO_CERT,
		 "DefaultSslCtlStoreName names no store; ClientAuthIssuer holds no certificate"},
		{NULL, "ctl", NOT_CONSULTED, NO_CERT,
		 "DefaultSslCtlStoreName names no store; ClientAuthIssuer holds no certificate"},
		{"MissingCAs", "absent", ABSENT, ABSENT,
		 "DefaultSslCtlStoreName names 'MissingCAs', which " MAYBE_NOT_EXPORTED
		 "; ClientAuthIssuer " MAYBE_NOT_EXPORTED},
		{"MissingCAs", "empty", ABSENT, NO_CERT,
		 "DefaultSslCtlStoreName names 'MissingCAs', which " MAYBE_NOT_EXPORTED
		 "; ClientAuthIssuer holds no certificate"},
		{"EmptyCAs", "absent", NO_CERT, ABSENT,
		 "DefaultSslCtlStoreName names 'EmptyCAs', which holds no certificate"
		 "; ClientAuthIssuer " MAYBE_NOT_EXPORTED},
		{"EmptyCAs", "ctl", NO_CERT, NO_CERT,
		 "DefaultSslCtlStoreName names 'EmptyCAs', which holds no certificate"
		 "; ClientAuthIssuer holds no certificate"},
		/* the pre-2012 layout of S04: the binding names ClientAuthIssuer
		 * and a CTL in it; said once */
		{"ClientAuthIssuer", "ctl", NO_CERT, NO_CERT,
		 "DefaultSslCtlStoreName names 'ClientAuthIssuer', which holds no certificate"},
		{"ClientAuthIssuer", "absent", ABSENT, ABSENT,
		 "DefaultSslCtlStoreName names 'ClientAuthIssuer', which " MAYBE_NOT_EXPORTED},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_binding b = issuer_binding(cases[i].issuer_store, NULL);
		const tl_logical_store *root;
		tl_issuer_source src;
		int64_t count, bytes;
		char *why;

		reset();
		add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
		tl_model_store(model, TL_LOC_LOCAL_MACHINE, "EmptyCAs");
		if (!strcmp(cases[i].client_auth_issuer, "empty"))
			tl_model_store(model, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
		else if (!strcmp(cases[i].client_auth_issuer, "ctl"))
			add_ctl(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", "LintClientCAs", NULL);
		root = machine_root();
		tl_binding_issuer_source(&b, model, root, &src);
		ck_assert_msg(!strcmp(src.name, "Root") && src.root && src.count == 1 &&
				      src.stores[0] == lm_store("Root"),
			      "case %zu: source %s", i, src.name);
		ck_assert_msg(src.named == cases[i].named && src.client_auth_issuer == cases[i].cai,
			      "case %zu: named %s, ClientAuthIssuer %s", i,
			      tl_issuer_store_state_name(src.named),
			      tl_issuer_store_state_name(src.client_auth_issuer));
		list_size(src.stores, src.count, &count, &bytes);
		ck_assert_int_eq(count, 1);
		ck_assert_int_eq(bytes, 67);
		why = reason(&b, &src);
		ck_assert_msg(strcmp(why, cases[i].reason) == 0, "case %zu: '%s'", i, why);
		free(why);
	}

	/* and no machine Root in the export either: Root, of nothing */
	reset();
	{
		tl_binding b = issuer_binding(NULL, NULL);
		tl_issuer_source src;
		char *why;

		tl_binding_issuer_source(&b, model, NULL, &src);
		ck_assert_str_eq(src.name, "Root");
		ck_assert_uint_eq(src.count, 0);
		why = reason(&b, &src);
		ck_assert_str_eq(why, "DefaultSslCtlStoreName names no store; ClientAuthIssuer " MAYBE_NOT_EXPORTED
				 "; the export holds no machine Root store either");
		free(why);
	}
}
END_TEST

START_TEST(issuer_store_state_names)
{
	ck_assert_str_eq(tl_issuer_store_state_name(TL_ISSUER_STORE_NOT_CONSULTED), "not-consulted");
	ck_assert_str_eq(tl_issuer_store_state_name(TL_ISSUER_STORE_USED), "used");
	ck_assert_str_eq(tl_issuer_store_state_name(TL_ISSUER_STORE_ABSENT), "absent");
	ck_assert_str_eq(tl_issuer_store_state_name(TL_ISSUER_STORE_NO_CERTIFICATE), "no-certificate");
}
END_TEST

START_TEST(issuer_source_falls_back_to_root)
{
	tl_binding b = issuer_binding(NULL, NULL);
	const tl_logical_store *root;
	tl_issuer_source src;
	int64_t count, bytes;
	size_t i;

	/* ClientAuthIssuer exported and empty: the machine's logical Root,
	 * all nine physical stores of it: 2 + 9 * (2 + 63) = 587 bytes */
	add_nine_machine_roots();
	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	root = machine_root();
	ck_assert_uint_eq(root->member_count, 9);
	tl_binding_issuer_source(&b, model, root, &src);
	ck_assert_str_eq(src.name, "Root");
	ck_assert_uint_eq(src.count, 9);
	for (i = 0; i < 9; i++)
		ck_assert_ptr_eq(src.stores[i], root->members[i]);
	list_size(src.stores, src.count, &count, &bytes);
	ck_assert_int_eq(count, 9);
	ck_assert_int_eq(bytes, 587);

	/* ClientAuthIssuer with certificates, but the user's: still Root
	 * (here LocalMachine\Root with member 4: 2 + 65 = 67) */
	reset();
	add_member(3, TL_LOC_CURRENT_USER, "ClientAuthIssuer");
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
	root = machine_root();
	tl_binding_issuer_source(&b, model, root, &src);
	ck_assert_str_eq(src.name, "Root");
	ck_assert_uint_eq(src.count, 1);
	list_size(src.stores, src.count, &count, &bytes);
	ck_assert_int_eq(count, 1);
	ck_assert_int_eq(bytes, 67);

	/* no ClientAuthIssuer and no Root in the export: Root, of nothing */
	reset();
	add_member(4, TL_LOC_LOCAL_MACHINE, "CA");
	ck_assert_ptr_null(machine_root());
	tl_binding_issuer_source(&b, model, NULL, &src);
	ck_assert_str_eq(src.name, "Root");
	ck_assert_uint_eq(src.count, 0);
}
END_TEST

START_TEST(issuer_store_found_tristate)
{
	/* -1: the binding names no store (NULL or ""); 1: the LocalMachine
	 * store named is exported and holds a certificate; 0: absent, empty,
	 * or only the user's */
	static const struct {
		const char *issuer_store;
		int found;
	} cases[] = {
		{NULL, -1},
		{"", -1},
		{"ClientCAs", 1},
		{"CLIENTCAS", 1},
		{"EmptyCAs", 0},
		{"MissingCAs", 0},
		{"Partners", 0},
	};
	size_t i;

	add_member(1, TL_LOC_LOCAL_MACHINE, "ClientCAs");
	tl_model_store(model, TL_LOC_LOCAL_MACHINE, "EmptyCAs");
	add_member(2, TL_LOC_CURRENT_USER, "Partners");
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_binding b = issuer_binding(cases[i].issuer_store, NULL);

		ck_assert_msg(tl_binding_issuer_store_found(&b, model) == cases[i].found, "%s: %d",
			      cases[i].issuer_store ? cases[i].issuer_store : "(none)",
			      tl_binding_issuer_store_found(&b, model));
	}
}
END_TEST

START_TEST(ctl_found_tristate)
{
	/* -1: no CTL named (NULL or ""). Else 1 when a CTL entry of the
	 * issuer store (DefaultSslCtlStoreName, else ClientAuthIssuer; in
	 * LocalMachine) has the identifier as its listIdentifier text or its
	 * friendly name, exactly (FORMATS.md 5: the match is inferred). */
	static const struct {
		const char *issuer_store, *ctl_identifier;
		int found;
	} cases[] = {
		{NULL, NULL, -1},
		{"ClientCAs", NULL, -1},
		{NULL, "", -1},
		/* ClientAuthIssuer: list identifier, friendly name */
		{NULL, "LintClientCAs", 1},
		{"", "LintClientCAs", 1},
		{NULL, "Lint Client CAs", 1},
		/* exact: case counts */
		{NULL, "lintclientcas", 0},
		/* a certificate's friendly name is not a CTL's */
		{NULL, "Member One", 0},
		/* a CTL entry not decoded, known by its friendly name */
		{NULL, "Undecoded CTL", 1},
		/* the named store, not ClientAuthIssuer */
		{"ClientCAs", "PartnerCTL", 1},
		{"ClientCAs", "LintClientCAs", 0},
		{"MissingCAs", "LintClientCAs", 0},
		/* only the user's ClientAuthIssuer holds it */
		{NULL, "UserCTL", 0},
	};
	size_t i;
	tl_entry *member;

	add_ctl(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", "LintClientCAs", "Lint Client CAs");
	member = add_member(1, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	member->friendly_name = tl_xstrdup("Member One");
	add_ctl(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", NULL, "Undecoded CTL");
	add_ctl(TL_LOC_LOCAL_MACHINE, "ClientCAs", "PartnerCTL", NULL);
	add_ctl(TL_LOC_CURRENT_USER, "ClientAuthIssuer", "UserCTL", NULL);
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_binding b = issuer_binding(cases[i].issuer_store, cases[i].ctl_identifier);

		ck_assert_msg(tl_binding_ctl_found(&b, model) == cases[i].found, "%s in %s: %d",
			      cases[i].ctl_identifier ? cases[i].ctl_identifier : "(none)",
			      cases[i].issuer_store ? cases[i].issuer_store : "(none)",
			      tl_binding_ctl_found(&b, model));
	}
}
END_TEST

START_TEST(os_6_2_by_current_version)
{
	/* FORMATS.md 5: CurrentVersion "6.2" is Windows 8 / Server 2012 and
	 * nothing else; 8.1, 2012 R2 and every later Windows say "6.3" */
	static const struct {
		const char *version;
		bool is_6_2;
	} cases[] = {
		{"\"6.2\"", true},  {"\"6.3\"", false}, {"\"6.1\"", false}, {"\"6.0\"", false},
		{"\"10.0\"", false}, {"\"5.2\"", false}, {"\"six\"", false}, {"\"6\"", false},
		{"\"\"", false},    {NULL, false},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		read_os_and_send(cases[i].version, NULL);
		ck_assert_msg(tl_win_os_6_2(&sc) == cases[i].is_6_2, "CurrentVersion %s",
			      cases[i].version ? cases[i].version : "absent");
		tl_schannel_free(&sc);
	}
}
END_TEST

START_TEST(issuer_cap_by_os_version)
{
	/* KB 2880390 (FORMATS.md 5): on 6.2 a list over 16 KB breaks client
	 * authentication whatever SendTrustedIssuerList says; elsewhere it
	 * matters when the list is sent (SendTrustedIssuerList, or when
	 * absent sent before 6.2 and not from it on); no version: after 6.2
	 * assumed; a SendTrustedIssuerList that is not a DWORD, or an absent
	 * one with a version that is not major.minor: unknown */
	static const struct {
		const char *version, *send;
		tl_issuer_cap cap;
	} cases[] = {
		{"\"6.2\"", "dword:00000000", TL_ISSUER_CAP_ALWAYS},
		{"\"6.2\"", "dword:00000001", TL_ISSUER_CAP_ALWAYS},
		{"\"6.2\"", NULL, TL_ISSUER_CAP_ALWAYS},
		{"\"6.2\"", "\"1\"", TL_ISSUER_CAP_ALWAYS},
		{"\"6.3\"", "dword:00000000", TL_ISSUER_CAP_NOT_SENT},
		{"\"6.3\"", "dword:00000001", TL_ISSUER_CAP_SENT},
		{"\"6.3\"", "dword:00000002", TL_ISSUER_CAP_SENT},
		{"\"6.3\"", NULL, TL_ISSUER_CAP_NOT_SENT},
		{"\"10.0\"", NULL, TL_ISSUER_CAP_NOT_SENT},
		{"\"6.1\"", NULL, TL_ISSUER_CAP_SENT},
		{"\"6.1\"", "dword:00000000", TL_ISSUER_CAP_NOT_SENT},
		{NULL, NULL, TL_ISSUER_CAP_NOT_SENT},
		{NULL, "dword:00000000", TL_ISSUER_CAP_NOT_SENT},
		{NULL, "dword:00000001", TL_ISSUER_CAP_SENT},
		{"\"6.3\"", "\"1\"", TL_ISSUER_CAP_UNKNOWN},
		{"\"six\"", NULL, TL_ISSUER_CAP_UNKNOWN},
		{"\"six\"", "dword:00000001", TL_ISSUER_CAP_SENT},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		read_os_and_send(cases[i].version, cases[i].send);
		ck_assert_msg(tl_win_issuer_cap(&sc) == cases[i].cap, "CurrentVersion %s, SendTrustedIssuerList %s: %d",
			      cases[i].version ? cases[i].version : "absent",
			      cases[i].send ? cases[i].send : "absent", (int)tl_win_issuer_cap(&sc));
		tl_schannel_free(&sc);
	}
}
END_TEST

START_TEST(issuer_cap_effect_and_send_text)
{
	/* the line each case puts in a message: the send phrase says whether
	 * the value is written or the OS default, and which version that
	 * default is for; 6.2 says the hotfix cannot be seen; no version
	 * says what is assumed */
#define CAP_6_2 "on Windows 8 / Windows Server 2012 (CurrentVersion 6.2) a list over 16 KB breaks " \
		"client certificate authentication whether it is sent or not (KB 2880390), unless " \
		"the KB 2880390 hotfix is installed, which an export cannot show; the list is "
#define CUT "; it is cut at 16 KB, and a client whose issuer is cut off offers no certificate (KB 933430)"
#define UNSENT ", so the handshake does not carry it"
#define NOT_6_2 "; on Windows 8 / Windows Server 2012 (CurrentVersion 6.2) a list over 16 KB " \
		"breaks client certificate authentication even when it is not sent (KB 2880390)"
	static const struct {
		const char *version, *send;
		const char *send_text, *effect;
	} cases[] = {
		{"\"6.2\"", "dword:00000000", "not sent: SendTrustedIssuerList is 0",
		 CAP_6_2 "not sent: SendTrustedIssuerList is 0"},
		{"\"6.2\"", NULL,
		 "not sent: SendTrustedIssuerList is absent, and not sending is the default from "
		 "Windows Server 2012 on (CurrentVersion 6.2)",
		 CAP_6_2 "not sent: SendTrustedIssuerList is absent, and not sending is the default from "
			 "Windows Server 2012 on (CurrentVersion 6.2)"},
		{"\"6.3\"", "dword:00000001", "sent: SendTrustedIssuerList is 1",
		 "the list is sent: SendTrustedIssuerList is 1" CUT},
		{"\"6.3\"", "dword:00000000", "not sent: SendTrustedIssuerList is 0",
		 "the list is not sent: SendTrustedIssuerList is 0" UNSENT},
		{"\"6.1\"", NULL,
		 "sent: SendTrustedIssuerList is absent, and sending is the default before Windows "
		 "Server 2012 (CurrentVersion 6.1)",
		 "the list is sent: SendTrustedIssuerList is absent, and sending is the default before "
		 "Windows Server 2012 (CurrentVersion 6.1)" CUT},
		{NULL, NULL,
		 "not sent: SendTrustedIssuerList is absent, and not sending is the default from "
		 "Windows Server 2012 on (the OS version is not in the export: Windows Server 2012 R2 "
		 "or later assumed)",
		 "the list is not sent: SendTrustedIssuerList is absent, and not sending is the default "
		 "from Windows Server 2012 on (the OS version is not in the export: Windows Server 2012 "
		 "R2 or later assumed)" UNSENT NOT_6_2},
		{NULL, "dword:00000000", "not sent: SendTrustedIssuerList is 0",
		 "the list is not sent: SendTrustedIssuerList is 0" UNSENT "; the OS version is not in "
		 "the export (Windows Server 2012 R2 or later assumed)" NOT_6_2},
		{"\"6.3\"", "\"1\"", "unknown: SendTrustedIssuerList is not a DWORD",
		 "whether the list is sent is unknown: SendTrustedIssuerList is not a DWORD"},
		{"\"six\"", NULL,
		 "unknown: SendTrustedIssuerList is absent and CurrentVersion 'six' is not a version number",
		 "whether the list is sent is unknown: SendTrustedIssuerList is absent and "
		 "CurrentVersion 'six' is not a version number"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_buf send = {0}, effect = {0};

		read_os_and_send(cases[i].version, cases[i].send);
		tl_win_send_list_text(&sc, &send);
		tl_win_issuer_cap_effect(&sc, &effect);
		ck_assert_msg(!strcmp(send.data, cases[i].send_text), "case %zu: '%s'", i, send.data);
		ck_assert_msg(!strcmp(effect.data, cases[i].effect), "case %zu: '%s'", i, effect.data);
		tl_buf_free(&send);
		tl_buf_free(&effect);
		tl_schannel_free(&sc);
	}
#undef CAP_6_2
#undef CUT
#undef UNSENT
#undef NOT_6_2
}
END_TEST

/* A ClientAuthIssuer that holds a CTL and a CRL and no certificate, a
 * named store that holds only a CTL, and member 4 in LocalMachine\Root. */
static void add_stores_without_certificates(void)
{
	add_ctl(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", "LintClientCAs", NULL);
	tt_model_add(model, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer", TL_ENTRY_CRL, CRL_PEM);
	add_ctl(TL_LOC_LOCAL_MACHINE, "ClientCAs", "PartnerCTL", NULL);
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
}

/* FORMATS.md 5 and the catalogue (issuer_source: "ClientAuthIssuer when
 * it holds" a certificate; issuer_store_found: "holds a certificate")
 * count certificates, not entries. A CTL in the issuer store is the
 * pre-2012 configuration (sslctlidentifier and sslctlstorename, as in
 * fixtures/reg/synthetic/S04_binding_mtls_ctl_missing.reg); from Windows
 * Server 2012 on CTLs are not used, the store holds no certificate, and
 * Schannel goes on to ClientAuthIssuer, then Root. (Written on branch
 * h-winchk, 3253d2d, when httpsys.c counted entries.) */
START_TEST(issuer_source_skips_client_auth_issuer_without_certificates)
{
	tl_binding b = issuer_binding(NULL, NULL);
	const tl_logical_store *root;
	tl_issuer_source src;

	add_stores_without_certificates();
	root = machine_root();
	/* no certificate in ClientAuthIssuer: the machine's Root, member 4 */
	tl_binding_issuer_source(&b, model, root, &src);
	ck_assert_str_eq(src.name, "Root");
	ck_assert_uint_eq(src.count, 1);
	ck_assert_ptr_eq(src.stores[0], lm_store("Root"));
}
END_TEST

/* The same for the named store (see above). */
START_TEST(issuer_store_without_certificates_is_not_found)
{
	tl_binding b = issuer_binding("ClientCAs", NULL);

	add_stores_without_certificates();
	/* the named store is exported but holds no certificate */
	ck_assert_int_eq(tl_binding_issuer_store_found(&b, model), 0);
}
END_TEST

static Suite *windows_suite(void)
{
	Suite *s = suite_create("windows");
	TCase *stores = tcase_create("stores");
	TCase *schannel = tcase_create("schannel");
	TCase *httpsys = tcase_create("httpsys");

	tcase_add_checked_fixture(stores, setup, teardown);
	tcase_add_test(stores, logical_of_names);
	tcase_add_test(stores, machine_locations);
	tcase_add_test(stores, logical_stores_of_nine_machine_roots);
	tcase_add_test(stores, logical_stores_only_those_present);
	tcase_add_test(stores, issuer_list_counts_and_bytes);
	tcase_add_test(stores, issuer_list_order_each_certificate_once);
	tcase_add_test(stores, root_mix_lists_only_ca_issued);
	tcase_add_test(stores, root_without_mix_lists_everything);
	tcase_add_test(stores, inferred_unverifiable_self_issued_root_counts_as_self_signed);
	suite_add_tcase(s, stores);
	tcase_add_checked_fixture(schannel, setup, teardown);
	tcase_add_test(schannel, schannel_defaults_when_absent);
	tcase_add_test(schannel, schannel_values_as_written);
	tcase_add_test(schannel, schannel_values_not_dwords);
	tcase_add_test(schannel, schannel_trust_mode_valid);
	tcase_add_test(schannel, schannel_send_issuer_list_os_default);
	tcase_add_test(schannel, schannel_build_number);
	tcase_add_test(schannel, schannel_where);
	suite_add_tcase(s, schannel);
	tcase_add_checked_fixture(httpsys, setup, teardown);
	tcase_add_test(httpsys, bindings_read_values);
	tcase_add_test(httpsys, bindings_read_none);
	tcase_add_test(httpsys, binding_flag_bits_one_at_a_time);
	tcase_add_test(httpsys, binding_check_bits_one_at_a_time);
	tcase_add_test(httpsys, inferred_high_defaultflags_bits_are_stored);
	tcase_add_test(httpsys, binding_cert_lookup);
	tcase_add_test(httpsys, server_auth_allowed_by_eku);
	tcase_add_test(httpsys, server_auth_allowed_fixtures);
	tcase_add_test(httpsys, issuer_source_named_and_client_auth_issuer);
	tcase_add_test(httpsys, issuer_source_reason_for_each_fallback_to_root);
	tcase_add_test(httpsys, issuer_store_state_names);
	tcase_add_test(httpsys, issuer_source_falls_back_to_root);
	tcase_add_test(httpsys, issuer_store_found_tristate);
	tcase_add_test(httpsys, ctl_found_tristate);
	tcase_add_test(httpsys, issuer_source_skips_client_auth_issuer_without_certificates);
	tcase_add_test(httpsys, issuer_store_without_certificates_is_not_found);
	tcase_add_test(httpsys, os_6_2_by_current_version);
	tcase_add_test(httpsys, issuer_cap_by_os_version);
	tcase_add_test(httpsys, issuer_cap_effect_and_send_text);
	suite_add_tcase(s, httpsys);
	return s;
}

int main(void)
{
	return tt_run(windows_suite());
}
