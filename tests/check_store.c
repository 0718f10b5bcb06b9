/* check_store.c: the model (store.h): locations, store names found and
 * created without case under their canonical spelling, the entry budget,
 * properties (growth, lookup, names), and tl_entry_finish on real
 * certificates (derived facts, decoded properties, stored hashes) and on
 * garbage, with every diagnostic's exact text and location. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/pem.h"
#include "model/store.h"
#include "testutil.h"
#include "base/util.h"

/* ------------------------------------------------ locations, names */

START_TEST(location_names)
{
	ck_assert_str_eq(tl_location_name(TL_LOC_LOCAL_MACHINE), "LocalMachine");
	ck_assert_str_eq(tl_location_name(TL_LOC_CURRENT_USER), "CurrentUser");
	ck_assert_str_eq(tl_location_name(TL_LOC_LOCAL_MACHINE_GROUP_POLICY),
			 "LocalMachineGroupPolicy");
	ck_assert_str_eq(tl_location_name(TL_LOC_LOCAL_MACHINE_ENTERPRISE),
			 "LocalMachineEnterprise");
	ck_assert_str_eq(tl_location_name(TL_LOC_CURRENT_USER_GROUP_POLICY),
			 "CurrentUserGroupPolicy");
	/* out of range: the default location, never NULL */
	ck_assert_str_eq(tl_location_name(TL_LOCATION_COUNT), "LocalMachine");
}
END_TEST

START_TEST(location_parse)
{
	int i;

	for (i = 0; i < TL_LOCATION_COUNT; i++) {
		const char *n = tl_location_name((tl_location)i);
		ck_assert_int_eq(tl_location_parse(n, strlen(n)), i);
	}
	ck_assert_int_eq(tl_location_parse("localmachine", 12), TL_LOC_LOCAL_MACHINE);
	ck_assert_int_eq(tl_location_parse("CURRENTUSER", 11), TL_LOC_CURRENT_USER);
	/* the length decides: a prefix or a longer span is not a location */
	ck_assert_int_eq(tl_location_parse("LocalMachine\\Root", 12), TL_LOC_LOCAL_MACHINE);
	ck_assert_int_eq(tl_location_parse("LocalMachine", 5), -1);
	ck_assert_int_eq(tl_location_parse("LocalMachineX", 13), -1);
	ck_assert_int_eq(tl_location_parse("", 0), -1);
	ck_assert_int_eq(tl_location_parse("Machine", 7), -1);
}
END_TEST

START_TEST(kind_names)
{
	ck_assert_str_eq(tl_entry_kind_name(TL_ENTRY_CERT), "certificate");
	ck_assert_str_eq(tl_entry_kind_name(TL_ENTRY_CRL), "crl");
	ck_assert_str_eq(tl_entry_kind_name(TL_ENTRY_CTL), "ctl");
}
END_TEST

START_TEST(store_names)
{
	ck_assert_str_eq(tl_store_canonical_name("root"), "Root");
	ck_assert_str_eq(tl_store_canonical_name("MY"), "My");
	ck_assert_str_eq(tl_store_canonical_name("remote desktop"), "Remote Desktop");
	ck_assert_str_eq(tl_store_canonical_name("request"), "REQUEST");
	/* a custom name is kept as given */
	ck_assert_str_eq(tl_store_canonical_name("MyCustom"), "MyCustom");
	ck_assert_str_eq(tl_store_known("authroot"), "AuthRoot");
	ck_assert_ptr_null(tl_store_known("MyCustom"));
	ck_assert_ptr_null(tl_store_known("Root "));
	ck_assert_str_eq(tl_store_name_at(0), "Root");
	ck_assert_ptr_null(tl_store_name_at(1000));
}
END_TEST

START_TEST(store_names_windows)
{
	ck_assert_str_eq(tl_store_known("root"), "Root");
	ck_assert_str_eq(tl_store_known("AAD TOKEN ISSUER"), "AAD Token Issuer");
	ck_assert_str_eq(tl_store_known("trustedtpm_rootca"), "TrustedTPM_RootCA");
	/* inferred: Windows 10 store listings show this store (Device
	 * Portal); no Microsoft page documents it (src/model/store.c) */
	ck_assert_str_eq(tl_store_known("Windows Web Management"), "Windows Web Management");
	ck_assert_ptr_null(tl_store_known("Rooot"));
	ck_assert_ptr_null(tl_store_known("MyAppStore"));
	ck_assert_str_eq(tl_store_suggest("Rooot"), "Root");
	ck_assert_str_eq(tl_store_suggest("Disalowed"), "Disallowed");
	ck_assert_str_eq(tl_store_suggest("TrustedPeopel"), "TrustedPeople");
	ck_assert_str_eq(tl_store_suggest("AuthRot"), "AuthRoot");
	ck_assert_ptr_null(tl_store_suggest("MyAppStore"));
	ck_assert_ptr_null(tl_store_suggest("X"));
}
END_TEST

START_TEST(store_spec_and_label)
{
	tl_location loc;
	const char *name;
	size_t n;
	tl_buf b = {0};
	tl_entry *e;
	uint8_t sha1[20];
	char hex[41];

	/* one grammar for the command line and the waiver files */
	ck_assert_int_eq(tl_parse_store_spec("CurrentUser/My", 14, &loc, &name, &n), 0);
	ck_assert_int_eq(loc, TL_LOC_CURRENT_USER);
	ck_assert_int_eq((int)n, 2);
	ck_assert_int_eq(tl_parse_store_spec("localmachineenterprise\\NTAuth", 29, &loc, &name, &n), 0);
	ck_assert_int_eq(loc, TL_LOC_LOCAL_MACHINE_ENTERPRISE);
	ck_assert_int_eq(tl_parse_store_spec("Moon\\Root", 9, &loc, &name, &n), -1);
	ck_assert_int_eq(tl_parse_store_spec("CurrentUser\\", 12, &loc, &name, &n), -1);
	tl_store_label(&b, TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "Root");
	ck_assert_str_eq(b.data, "LocalMachineGroupPolicy\\Root");
	tl_buf_free(&b);
	/* an entry that is not a parsed certificate: the hash of its bytes */
	e = tl_entry_new(TL_ENTRY_CTL, (const uint8_t *)"abc", 3);
	tl_entry_hashes(e, sha1, NULL);
	tl_hex(sha1, 20, hex, true);
	ck_assert_str_eq(hex, "A9993E364706816ABA3E25717850C26C9CD0D89D");
	tl_entry_free(e);
}
END_TEST

START_TEST(store_name_table)
{
	/* every listed name is known as itself and in any case */
	size_t i;

	for (i = 0; tl_store_name_at(i); i++) {
		const char *n = tl_store_name_at(i);
		char *lower = tl_xstrdup(n);
		char *p;

		for (p = lower; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		ck_assert_ptr_eq(tl_store_known(n), n);
		ck_assert_ptr_eq(tl_store_known(lower), n);
		free(lower);
	}
	ck_assert_uint_eq(i, 39);
}
END_TEST

START_TEST(store_suggest)
{
	ck_assert_str_eq(tl_store_suggest("Rooot"), "Root");
	ck_assert_str_eq(tl_store_suggest("Rot"), "Root");
	ck_assert_str_eq(tl_store_suggest("Disalowed"), "Disallowed");
	ck_assert_str_eq(tl_store_suggest("TrsutedPeople"), "TrustedPeople");
	/* two letters: no suggestion; far from every name: none */
	ck_assert_ptr_null(tl_store_suggest("Mx"));
	ck_assert_ptr_null(tl_store_suggest("Payroll"));
	ck_assert_ptr_null(tl_store_suggest(""));
}
END_TEST

/* ------------------------------------------------ the model */

START_TEST(model_store_find_or_create)
{
	tl_model *m = tl_model_new();
	tl_store *root, *again, *user_root, *custom;

	ck_assert_uint_eq(m->budget, SIZE_MAX);
	ck_assert_uint_eq(m->count, 0);
	root = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "ROOT");
	ck_assert_str_eq(root->name, "Root");
	ck_assert_int_eq(root->location, TL_LOC_LOCAL_MACHINE);
	ck_assert_ptr_eq(root->model, m);
	ck_assert_uint_eq(root->count, 0);
	again = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "root");
	ck_assert_ptr_eq(again, root);
	/* another location is another store */
	user_root = tl_model_store(m, TL_LOC_CURRENT_USER, "Root");
	ck_assert_ptr_ne(user_root, root);
	/* a custom name keeps its first spelling, found in any case */
	custom = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Payroll CAs");
	ck_assert_str_eq(custom->name, "Payroll CAs");
	ck_assert_ptr_eq(tl_model_store(m, TL_LOC_LOCAL_MACHINE, "PAYROLL cas"), custom);
	ck_assert_str_eq(custom->name, "Payroll CAs");
	ck_assert_uint_eq(m->count, 3);
	ck_assert_ptr_eq(m->stores[0], root);
	ck_assert_ptr_eq(m->stores[1], user_root);
	ck_assert_ptr_eq(m->stores[2], custom);
	ck_assert_ptr_eq(tl_model_find(m, TL_LOC_LOCAL_MACHINE, "payroll CAS"), custom);
	ck_assert_ptr_null(tl_model_find(m, TL_LOC_CURRENT_USER, "Payroll CAs"));
	ck_assert_ptr_null(tl_model_find(m, TL_LOC_LOCAL_MACHINE, "CA"));
	tl_model_free(m);
	tl_model_free(NULL);
}
END_TEST

START_TEST(many_stores)
{
	tl_model *m = tl_model_new();
	size_t i;

	for (i = 0; i < 300; i++) {
		char name[32];
		snprintf(name, sizeof(name), "s%zu", i);
		ck_assert_str_eq(tl_model_store(m, TL_LOC_CURRENT_USER, name)->name, name);
	}
	ck_assert_uint_eq(m->count, 300);
	ck_assert_str_eq(tl_model_find(m, TL_LOC_CURRENT_USER, "S299")->name, "s299");
	tl_model_free(m);
}
END_TEST

static const uint8_t some_der[] = {0x30, 0x03, 0x02, 0x01, 0x05};

START_TEST(entry_new_copies_or_borrows)
{
	tl_entry *e = tl_entry_new(TL_ENTRY_CRL, some_der, sizeof(some_der));
	tl_entry *b = tl_entry_new_borrowed(TL_ENTRY_CTL, some_der, sizeof(some_der));

	ck_assert_int_eq(e->kind, TL_ENTRY_CRL);
	ck_assert(e->der_owned);
	ck_assert_ptr_ne(e->der, some_der);
	ck_assert_mem_eq(e->der, some_der, sizeof(some_der));
	ck_assert_uint_eq(e->der_len, sizeof(some_der));
	ck_assert_uint_eq(e->prop_count, 0);
	ck_assert(!e->parsed);
	ck_assert_int_eq(b->kind, TL_ENTRY_CTL);
	ck_assert(!b->der_owned);
	ck_assert_ptr_eq(b->der, some_der);
	tl_entry_free(e);
	tl_entry_free(b);
	tl_entry_free(NULL);
}
END_TEST

/* Root program lists are kept apart from the stores, each with its
 * source, in the order added, owned by the model. */
START_TEST(model_keeps_trust_lists)
{
	static const uint8_t der[] = {0x30, 0x00};
	tl_model *m = tl_model_new();
	tl_trust_list *l;
	size_t i;

	for (i = 0; i < 20; i++) {
		char src[32];

		snprintf(src, sizeof(src), "list %zu", i);
		l = tl_model_add_list(m, tl_entry_new(TL_ENTRY_CTL, der, sizeof(der)), src);
		ck_assert(!l->has_sync_time);
	}
	ck_assert_uint_eq(m->list_count, 20);
	ck_assert_uint_eq(m->count, 0);
	ck_assert_str_eq(m->lists[0].source, "list 0");
	ck_assert_str_eq(m->lists[19].source, "list 19");
	ck_assert_int_eq(m->lists[19].entry->kind, TL_ENTRY_CTL);
	tl_model_free(m);
}
END_TEST

START_TEST(store_add_and_budget)
{
	tl_model *m = tl_model_new();
	tl_store *root = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
	tl_store *ca = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "CA");
	tl_entry *e1 = tl_entry_new(TL_ENTRY_CERT, some_der, sizeof(some_der));
	tl_entry *e2 = tl_entry_new(TL_ENTRY_CERT, some_der, sizeof(some_der));

	/* no limit: the budget stays SIZE_MAX */
	ck_assert(tl_store_add(root, e1));
	ck_assert_uint_eq(m->budget, SIZE_MAX);
	ck_assert_uint_eq(m->entries, 1);
	ck_assert_uint_eq(root->count, 1);
	ck_assert_ptr_eq(root->entries[0], e1);

	/* a budget of 2 across stores: the third entry is freed and counted
	 * (AddressSanitizer or valgrind sees a leak if it is not freed) */
	m->budget = 2;
	ck_assert(tl_store_add(ca, e2));
	ck_assert_uint_eq(m->budget, 1);
	ck_assert(tl_store_add(root, tl_entry_new(TL_ENTRY_CRL, some_der, sizeof(some_der))));
	ck_assert_uint_eq(m->budget, 0);
	ck_assert(!tl_store_add(ca, tl_entry_new(TL_ENTRY_CERT, some_der, sizeof(some_der))));
	ck_assert(!tl_store_add(root, tl_entry_new_borrowed(TL_ENTRY_CERT, some_der, 5)));
	ck_assert_uint_eq(m->dropped, 2);
	ck_assert_uint_eq(m->entries, 3);
	ck_assert_uint_eq(root->count, 2);
	ck_assert_uint_eq(ca->count, 1);
	ck_assert_ptr_eq(ca->entries[0], e2);
	/* a new budget for the next input */
	m->budget = 1;
	ck_assert(tl_store_add(ca, tl_entry_new(TL_ENTRY_CERT, some_der, sizeof(some_der))));
	ck_assert_uint_eq(m->entries, 4);
	ck_assert_uint_eq(m->dropped, 2);
	ck_assert_uint_eq(ca->count, 2);
	tl_model_free(m);
}
END_TEST

START_TEST(store_add_many)
{
	tl_model *m = tl_model_new();
	tl_store *s = tl_model_store(m, TL_LOC_CURRENT_USER, "My");
	size_t i;

	m->budget = 1000;
	for (i = 0; i < 1500; i++)
		ck_assert_int_eq(tl_store_add(s, tl_entry_new(TL_ENTRY_CERT, some_der, 5)), i < 1000);
	ck_assert_uint_eq(s->count, 1000);
	ck_assert_uint_eq(m->entries, 1000);
	ck_assert_uint_eq(m->dropped, 500);
	ck_assert_uint_eq(m->budget, 0);
	tl_model_free(m);
}
END_TEST

/* ------------------------------------------------ properties */

START_TEST(props_grow_and_lookup)
{
	tl_entry *e = tl_entry_new(TL_ENTRY_CERT, some_der, sizeof(some_der));
	uint32_t i;

	/* 1,000 properties: each kept with its own copy, id, length, offset;
	 * the array cut to its count after 3 and 700 (tl_entry_props_done)
	 * still takes more (ASan in the sanitizer build sees any overrun) */
	for (i = 0; i < 1000; i++) {
		uint8_t v[4];
		v[0] = (uint8_t)i, v[1] = (uint8_t)(i >> 8), v[2] = 0xEE, v[3] = 0xFF;
		if (i == 3 || i == 700)
			tl_entry_props_done(e);
		tl_entry_add_prop(e, 1000 + i, v, 1 + i % 4, 0x100 + 16 * (uint64_t)i);
	}
	ck_assert(e->props_exact);
	ck_assert_uint_eq(e->prop_count, 1000);
	for (i = 0; i < 1000; i++) {
		const tl_prop *p = tl_entry_prop(e, 1000 + i);
		ck_assert_ptr_eq(p, &e->props[i]);
		ck_assert_uint_eq(p->id, 1000 + i);
		ck_assert_uint_eq(p->len, 1 + i % 4);
		ck_assert_uint_eq(p->data[0], (uint8_t)i);
		ck_assert_uint_eq(p->offset, 0x100 + 16 * (uint64_t)i);
	}
	ck_assert_ptr_null(tl_entry_prop(e, 999));
	ck_assert_ptr_null(tl_entry_prop(e, 2000));
	tl_entry_free(e);
}
END_TEST

START_TEST(props_first_wins_and_empty)
{
	tl_entry *e = tl_entry_new(TL_ENTRY_CERT, some_der, sizeof(some_der));
	uint8_t a[] = {1}, b[] = {2, 2};

	ck_assert_ptr_null(tl_entry_prop(e, 11));
	tl_entry_add_prop(e, 11, a, 1, 8);
	tl_entry_add_prop(e, 11, b, 2, 20);
	tl_entry_add_prop(e, 104, b, 0, 40);
	ck_assert_uint_eq(tl_entry_prop(e, 11)->len, 1);
	ck_assert_uint_eq(tl_entry_prop(e, 11)->offset, 8);
	/* a copy, not the caller's bytes */
	ck_assert_ptr_ne(tl_entry_prop(e, 11)->data, a);
	/* an empty value has no data */
	ck_assert_uint_eq(tl_entry_prop(e, 104)->len, 0);
	ck_assert_ptr_null(tl_entry_prop(e, 104)->data);
	tl_entry_free(e);
}
END_TEST

START_TEST(props_borrowed)
{
	static const uint8_t value[] = {0xAB, 0xCD};
	tl_entry *e = tl_entry_new_borrowed(TL_ENTRY_CERT, some_der, sizeof(some_der));

	e->props_borrowed = true;
	tl_entry_add_prop(e, 3, value, 2, 0);
	ck_assert_ptr_eq(tl_entry_prop(e, 3)->data, value);
	/* freeing does not free the borrowed bytes (a static array here) */
	tl_entry_free(e);
}
END_TEST

START_TEST(prop_names)
{
	ck_assert_str_eq(tl_prop_name(2), "KEY_PROV_INFO");
	ck_assert_str_eq(tl_prop_name(3), "SHA1_HASH");
	ck_assert_str_eq(tl_prop_name(11), "FRIENDLY_NAME");
	ck_assert_str_eq(tl_prop_name(30), "EXTENDED_ERROR_INFO");
	ck_assert_str_eq(tl_prop_name(64), "RENEWAL");
	ck_assert_str_eq(tl_prop_name(104), "DISALLOWED_FILETIME");
	ck_assert_str_eq(tl_prop_name(128), "DISALLOWED_CA_FILETIME");
	/* gaps and the ends */
	ck_assert_ptr_null(tl_prop_name(0));
	ck_assert_ptr_null(tl_prop_name(31));
	ck_assert_ptr_null(tl_prop_name(63));
	ck_assert_ptr_null(tl_prop_name(88));
	ck_assert_ptr_null(tl_prop_name(129));
	ck_assert_ptr_null(tl_prop_name(UINT32_MAX));
}
END_TEST

/* ------------------------------------------------ tl_entry_finish */

#define FILE_NAME "s.sst"

/* An entry of the certificate testdata/REL (.cer DER, or .pem), origin
 * at offset 0x40 of FILE_NAME. */
static tl_entry *cert_entry(const char *rel)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);
	tl_entry *e;

	if (tl_has_suffix_ci(rel, ".pem")) {
		tl_pem_blocks blocks = {0};
		tl_diags *d = tl_diags_new();

		tl_pem_split(data, len, rel, &blocks, d);
		tt_ck_diags(d, "");
		ck_assert_uint_eq(blocks.count, 1);
		e = tl_entry_new(TL_ENTRY_CERT, blocks.blocks[0].der, blocks.blocks[0].der_len);
		tl_pem_blocks_free(&blocks);
		tl_diags_free(d);
	} else {
		e = tl_entry_new(TL_ENTRY_CERT, data, len);
	}
	free(data);
	e->origin.loc = tl_loc_offset(FILE_NAME, 0x40, 0);
	return e;
}

static void add_hex_prop(tl_entry *e, uint32_t id, const char *hex, uint64_t offset)
{
	tl_buf b = tt_hex_bytes(hex);

	tl_entry_add_prop(e, id, (const uint8_t *)b.data, (uint32_t)b.len, offset);
	tl_buf_free(&b);
}

#define ROOT_CER "fixtures/reg/synthetic/certs/root.cer"
#define ROOT_SHA1 "F24ED8049CACDC167A5E66B5B01845AEA3167A5A"
#define ROOT_MD5 "D7AF48452839187708D1237F91C9F78E"
#define ROOT_SHA256 "9C32F020A96370C57744EE9716D5304C524D8ABB329A5279575462342E7C81D3"
#define ROOT_SKI "259707506BB2B557AA4343BB6B477EF4D6B37D20"

START_TEST(finish_rsa_root)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();
	char *sha1, *serial;

	/* stored hashes that agree with the certificate say nothing */
	add_hex_prop(e, 3, ROOT_SHA1, 0x48);
	add_hex_prop(e, 4, ROOT_MD5, 0x68);
	add_hex_prop(e, 107, ROOT_SHA256, 0x80);
	add_hex_prop(e, 20, ROOT_SKI, 0xB0);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert(e->parsed);
	ck_assert_str_eq(e->cert.subject, "O=Lint Test (synthetic),CN=Lint Test Root CA");
	ck_assert_str_eq(e->cert.issuer, e->cert.subject);
	sha1 = tl_xhex(e->cert.sha1, 20, true);
	ck_assert_str_eq(sha1, ROOT_SHA1);
	free(sha1);
	serial = tl_cert_serial_hex(&e->cert);
	ck_assert_str_eq(serial, "1001");
	free(serial);
	ck_assert_int_eq(e->cert.version, 3);
	ck_assert_int_eq(e->cert.not_before, 1735689600);
	ck_assert_int_eq(e->cert.not_after, 2051049600);
	ck_assert_str_eq(e->cert.key_algorithm, "RSA");
	ck_assert_uint_eq(e->cert.key_bits, 2048);
	ck_assert(e->cert.bc_present);
	ck_assert(e->cert.is_ca);
	ck_assert(e->cert.self_issued);
	ck_assert_int_eq(e->cert.self_signed, TL_SIG_YES);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_ec_root_from_pem)
{
	tl_entry *e = cert_entry("fixtures/certs/zlint-rootCAValid.pem");
	tl_diags *d = tl_diags_new();
	char *sha1, *serial;

	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert(e->parsed);
	ck_assert_str_eq(e->cert.subject, "CN=GlobalSign,O=GlobalSign,OU=GlobalSign ECC Root CA - R4");
	ck_assert_str_eq(e->cert.issuer, "CN=GlobalSign,O=GlobalSign,OU=GlobalSign ECC Root CA - R4");
	sha1 = tl_xhex(e->cert.sha1, 20, true);
	ck_assert_str_eq(sha1, "6969562E4080F424A1E7199F14BAF3EE58AB6ABB");
	free(sha1);
	serial = tl_cert_serial_hex(&e->cert);
	ck_assert_str_eq(serial, "2A38A41C960A04DE42B228A50BE8349802");
	free(serial);
	ck_assert_int_eq(e->cert.not_before, 1352764800);
	ck_assert_int_eq(e->cert.not_after, 2147483647);
	ck_assert_str_eq(e->cert.key_algorithm, "EC");
	ck_assert_uint_eq(e->cert.key_bits, 256);
	ck_assert_str_eq(e->cert.curve, "secp256r1");
	ck_assert(e->cert.is_ca);
	ck_assert_int_eq(e->cert.self_signed, TL_SIG_YES);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_leaf)
{
	tl_entry *e = cert_entry("fixtures/reg/synthetic/certs/client.cer");
	tl_diags *d = tl_diags_new();

	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert_str_eq(e->cert.subject, "O=Lint Test (synthetic),CN=client01.lint.test");
	ck_assert_str_eq(e->cert.issuer, "O=Lint Test (synthetic),CN=Lint Test Issuing CA");
	ck_assert(e->cert.bc_present);
	ck_assert(!e->cert.is_ca);
	ck_assert(!e->cert.self_issued);
	ck_assert_int_eq(e->cert.self_signed, TL_SIG_NO);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_garbage)
{
	static const uint8_t garbage[] = "not a certificate";
	tl_entry *e = tl_entry_new(TL_ENTRY_CERT, garbage, sizeof(garbage) - 1);
	tl_diags *d = tl_diags_new();

	e->origin.loc = tl_loc_offset(FILE_NAME, 0x1234, 17);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00001234: error: not a DER X.509 certificate (structure "
			"does not parse) [input-cert-unparsable]\n");
	ck_assert(!e->parsed);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_truncated_cert_on_a_line)
{
	/* a certificate cut short, from a text input: the line location */
	size_t len;
	uint8_t *der = tt_read_testdata(ROOT_CER, &len);
	tl_entry *e = tl_entry_new(TL_ENTRY_CERT, der, len - 1);
	tl_diags *d = tl_diags_new();

	e->origin.loc = tl_loc_line("b.pem", 12, 0);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "b.pem:12: error: not a DER X.509 certificate (structure does not parse) "
		       "[input-cert-unparsable]\n");
	free(der);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_not_a_cert_kind)
{
	/* a CRL entry is not parsed as a certificate; its properties are
	 * still decoded */
	tl_entry *e = tl_entry_new(TL_ENTRY_CRL, some_der, sizeof(some_der));
	tl_diags *d = tl_diags_new();

	e->origin.loc = tl_loc_offset(FILE_NAME, 0, 0);
	add_hex_prop(e, 11, "41 00 00 00", 0x10);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert(!e->parsed);
	ck_assert_str_eq(e->friendly_name, "A");
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_hash_mismatch)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();

	add_hex_prop(e, 3, "00112233445566778899AABBCCDDEEFF00112233", 0x48);
	add_hex_prop(e, 4, "00112233445566778899AABBCCDDEEFF", 0x68);
	add_hex_prop(e, 98, "00", 0x80);
	add_hex_prop(e, 20, "0102", 0x90);
	tl_entry_finish(e, d);
	tt_ck_diags(d,
		    FILE_NAME ":0x00000048: warning: stored SHA1_HASH property (3) is "
			      "00112233445566778899AABBCCDDEEFF00112233 but the certificate's is " ROOT_SHA1
			      " [input-stored-hash-mismatch]\n" FILE_NAME
			      ":0x00000068: warning: stored MD5_HASH property (4) is "
			      "00112233445566778899AABBCCDDEEFF but the certificate's is " ROOT_MD5
			      " [input-stored-hash-mismatch]\n" FILE_NAME
			      ":0x00000080: warning: AUTH_ROOT_SHA256_HASH property (98) is 1 bytes, "
			      "expected 32 [input-property-malformed]\n" FILE_NAME
			      ":0x00000090: warning: stored KEY_IDENTIFIER property (20) is 0102 but the "
			      "certificate's is " ROOT_SKI " [input-stored-hash-mismatch]\n");
	/* the facts are still derived */
	ck_assert(e->parsed);
	tl_entry_free(e);
	tl_diags_free(d);
	{
		/* the location's length covers the property element: 12 + len */
		e = cert_entry(ROOT_CER);
		d = tl_diags_new();
		add_hex_prop(e, 3, "00", 0x48);
		tl_entry_finish(e, d);
		ck_assert_uint_eq(tl_diags_count(d), 1);
		ck_assert_uint_eq(tl_diags_at(d, 0)->loc.length, 13);
		tl_entry_free(e);
		tl_diags_free(d);
	}
}
END_TEST

START_TEST(finish_string_props)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();

	/* "Ro" + NUL; DESCRIPTION of odd length */
	add_hex_prop(e, 11, "52 00 6F 00 00 00", 0x100);
	add_hex_prop(e, 13, "41 00 42", 0x120);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000120: warning: DESCRIPTION property (13) is not a "
			"NUL-terminated UTF-16 string (3 bytes) [input-property-malformed]\n");
	ck_assert_str_eq(e->friendly_name, "Ro");
	ck_assert_str_eq(tl_entry_rare(e)->description, "A");
	tl_entry_free(e);
	tl_diags_free(d);

	/* no terminating NUL: reported, the text still kept */
	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	add_hex_prop(e, 11, "52 00 6F 00", 0x100);
	add_hex_prop(e, 11, "58 00 00 00", 0x200); /* a second one is not read */
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: FRIENDLY_NAME property (11) is not a "
			"NUL-terminated UTF-16 string (4 bytes) [input-property-malformed]\n");
	ck_assert_str_eq(e->friendly_name, "Ro");
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_eku_props)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();

	/* serverAuth, clientAuth */
	add_hex_prop(e, 9, "30 14 06 08 2B 06 01 05 05 07 03 01 06 08 2B 06 01 05 05 07 03 02", 0x100);
	add_hex_prop(e, 122, "30 03 06 01 2A", 0x140);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert(tl_entry_rare(e)->store_eku_present);
	ck_assert_uint_eq(tl_entry_rare(e)->store_eku_count, 2);
	ck_assert_str_eq(tl_entry_rare(e)->store_eku[0], "1.3.6.1.5.5.7.3.1");
	ck_assert_str_eq(tl_entry_rare(e)->store_eku[1], "1.3.6.1.5.5.7.3.2");
	tl_entry_free(e);
	tl_diags_free(d);

	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	add_hex_prop(e, 9, "30 03 02 01 05", 0x100);
	add_hex_prop(e, 127, "", 0x140);
	add_hex_prop(e, 105, "31 00", 0x160);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: ENHKEY_USAGE property (9) is not a DER list "
			"of OIDs [input-property-malformed]\n" FILE_NAME
			":0x00000140: warning: NOT_BEFORE_ENHKEY_USAGE property (127) is not a DER "
			"list of OIDs [input-property-distrust-unreadable]\n" FILE_NAME
			":0x00000160: warning: ROOT_PROGRAM_CHAIN_POLICIES property (105) is not a DER "
			"list of OIDs [input-property-malformed]\n");
	/* present, though its value did not decode */
	ck_assert(tl_entry_rare(e)->store_eku_present);
	ck_assert(tl_entry_rare(e)->store_eku_unreadable);
	ck_assert_uint_eq(tl_entry_rare(e)->store_eku_count, 0);
	ck_assert(tl_entry_rare(e)->not_before_eku.present);
	ck_assert(tl_entry_rare(e)->not_before_eku.unreadable);
	ck_assert_uint_eq(tl_entry_rare(e)->not_before_eku.count, 0);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_sized_props)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();

	add_hex_prop(e, 92, "00 08 00", 0x100);
	add_hex_prop(e, 104, "", 0x120);
	add_hex_prop(e, 126, "00 00 00 00 00 00 00", 0x140);
	add_hex_prop(e, 128, "00 00 00 00 00 00 00 00", 0x160);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: SUBJECT_PUB_KEY_BIT_LENGTH property (92) is 3 "
			"bytes, expected 4 [input-property-malformed]\n" FILE_NAME
			":0x00000120: note: DISALLOWED_FILETIME property (104) is empty: its meaning "
			"is undocumented (always, or no date) [input-property-empty-filetime]\n" FILE_NAME
			":0x00000140: warning: NOT_BEFORE_FILETIME property (126) is 7 bytes, expected "
			"8 (a FILETIME) or 0 [input-property-distrust-unreadable]\n");
	ck_assert_int_eq(tl_entry_rare(e)->disallowed_time.state, TL_PROP_TIME_EMPTY);
	ck_assert_int_eq(tl_entry_rare(e)->not_before_time.state, TL_PROP_TIME_UNREADABLE);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

static void put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* FILETIME values worked out by hand: 100 ns ticks from 1601-01-01 to
 * 1970-01-01 are 11644473600 s * 10^7 = 116444736000000000 =
 * 0x019DB1DED53E8000 (the constant every FILETIME converter carries);
 * 2019-05-01T00:00:00Z is 1556668800 Unix seconds, so
 * (1556668800 + 11644473600) * 10^7 = 132011424000000000 =
 * 0x01D4FFB0D1D04000, little-endian 00 40 D0 D1 B0 FF D4 01. */
START_TEST(prop_time_decode_by_hand)
{
	int64_t at = 42;
	uint8_t v[8];

	put_le64(v, 0x019DB1DED53E8000ULL);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_SET);
	ck_assert_int_eq(at, 0);
	/* the ticks below a second are dropped */
	put_le64(v, 0x019DB1DED53E8000ULL + 9999999);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_SET);
	ck_assert_int_eq(at, 0);
	put_le64(v, 0x01D4FFB0D1D04000ULL);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_SET);
	ck_assert_int_eq(at, 1556668800);
	ck_assert_mem_eq(v, "\x00\x40\xD0\xD1\xB0\xFF\xD4\x01", 8);
	/* FILETIME 0 is 1601-01-01, 11644473600 s before the Unix epoch */
	put_le64(v, 0);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_SET);
	ck_assert_int_eq(at, -11644473600LL);
	/* the last FILETIME FileTimeToSystemTime converts: 0x7FFF...FF ticks
	 * are 922337203685 s (30828-09-14T02:48:05Z after the 1601 epoch),
	 * 922337203685 - 11644473600 = 910692730085 Unix seconds */
	put_le64(v, 0x7FFFFFFFFFFFFFFFULL);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_SET);
	ck_assert_int_eq(at, 910692730085LL);
	at = 42;
	put_le64(v, 0x8000000000000000ULL);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_UNREADABLE);
	put_le64(v, UINT64_MAX);
	ck_assert_int_eq(tl_prop_time_decode(v, 8, &at), TL_PROP_TIME_UNREADABLE);
	ck_assert_int_eq(at, 42);
}
END_TEST

/* Every length up to 16: 0 is empty, 8 a date, anything else unreadable. */
START_TEST(prop_time_decode_lengths)
{
	uint8_t v[16] = {0};
	int64_t at;
	uint32_t len;

	for (len = 0; len <= sizeof(v); len++) {
		tl_prop_time_state want = len == 0 ? TL_PROP_TIME_EMPTY
				 : len == 8 ? TL_PROP_TIME_SET
					    : TL_PROP_TIME_UNREADABLE;
		ck_assert_msg(tl_prop_time_decode(len ? v : NULL, len, &at) == want,
			      "length %u", len);
	}
}
END_TEST

/* The distrust properties on an entry: the first of each id is kept, every
 * one is checked, and each defect is reported where it is. */
START_TEST(finish_distrust_props)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();

	/* 104: 2019-05-01 (prop_time_decode_by_hand); 122: serverAuth;
	 * 126: FILETIME 0x019DB1DED53E8000 (1970-01-01); 127: an empty list */
	add_hex_prop(e, 104, "00 40 D0 D1 B0 FF D4 01", 0x100);
	add_hex_prop(e, 122, "30 0A 06 08 2B 06 01 05 05 07 03 01", 0x120);
	add_hex_prop(e, 126, "00 80 3E D5 DE B1 9D 01", 0x140);
	add_hex_prop(e, 127, "30 00", 0x160);
	/* later copies: values ignored, defects still reported */
	add_hex_prop(e, 104, "00 00 00 00 00 00 00 80", 0x180);
	add_hex_prop(e, 122, "30 03 06 01", 0x1a0);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000180: warning: DISALLOWED_FILETIME property (104) holds "
			"FILETIME 0x8000000000000000, past the last one Windows converts to a date "
			"[input-property-distrust-unreadable]\n" FILE_NAME
			":0x000001a0: warning: DISALLOWED_ENHKEY_USAGE property (122) is not a DER "
			"list of OIDs [input-property-distrust-unreadable]\n");
	ck_assert_int_eq(tl_entry_rare(e)->disallowed_time.state, TL_PROP_TIME_SET);
	ck_assert_int_eq(tl_entry_rare(e)->disallowed_time.at, 1556668800);
	ck_assert(tl_entry_rare(e)->disallowed_eku.present);
	ck_assert(!tl_entry_rare(e)->disallowed_eku.unreadable);
	ck_assert_uint_eq(tl_entry_rare(e)->disallowed_eku.count, 1);
	ck_assert_str_eq(tl_entry_rare(e)->disallowed_eku.oids[0], "1.3.6.1.5.5.7.3.1");
	ck_assert_int_eq(tl_entry_rare(e)->not_before_time.state, TL_PROP_TIME_SET);
	ck_assert_int_eq(tl_entry_rare(e)->not_before_time.at, 0);
	ck_assert(tl_entry_rare(e)->not_before_eku.present);
	ck_assert(!tl_entry_rare(e)->not_before_eku.unreadable);
	ck_assert_uint_eq(tl_entry_rare(e)->not_before_eku.count, 0);
	tl_entry_free(e);
	tl_diags_free(d);

	/* none of them: absent, nothing said */
	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert_int_eq(tl_entry_rare(e)->disallowed_time.state, TL_PROP_TIME_ABSENT);
	ck_assert_int_eq(tl_entry_rare(e)->not_before_time.state, TL_PROP_TIME_ABSENT);
	ck_assert(!tl_entry_rare(e)->disallowed_eku.present);
	ck_assert(!tl_entry_rare(e)->not_before_eku.present);
	tl_entry_free(e);
	tl_diags_free(d);

	/* a first value that cannot be read is the one kept: a later good one
	 * does not make the entry's distrust known */
	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	add_hex_prop(e, 104, "00 40 D0 D1 B0 FF D4 01 00", 0x100);
	add_hex_prop(e, 104, "00 40 D0 D1 B0 FF D4 01", 0x120);
	add_hex_prop(e, 122, "31 00", 0x140);
	add_hex_prop(e, 122, "30 00", 0x160);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: DISALLOWED_FILETIME property (104) is 9 "
			"bytes, expected 8 (a FILETIME) or 0 [input-property-distrust-unreadable]\n" FILE_NAME
			":0x00000140: warning: DISALLOWED_ENHKEY_USAGE property (122) is not a DER "
			"list of OIDs [input-property-distrust-unreadable]\n");
	ck_assert_int_eq(tl_entry_rare(e)->disallowed_time.state, TL_PROP_TIME_UNREADABLE);
	ck_assert(tl_entry_rare(e)->disallowed_eku.present);
	ck_assert(tl_entry_rare(e)->disallowed_eku.unreadable);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

/* A KEY_PROV_INFO value: the 28-byte header then strings (UTF-16LE). */
static tl_buf key_prov(uint32_t cont, uint32_t prov, uint32_t nparams, uint32_t params,
		       const char *tail_hex)
{
	uint32_t v[7] = {cont, prov, 1 /* PROV_RSA_FULL */, 0x20, nparams, params, 2};
	tl_buf b = {0}, tail = tt_hex_bytes(tail_hex);
	int i, k;

	for (i = 0; i < 7; i++)
		for (k = 0; k < 4; k++)
			tl_buf_addc(&b, (char)(v[i] >> (8 * k)));
	tl_buf_add(&b, tail.data, tail.len);
	tl_buf_free(&tail);
	return b;
}

START_TEST(finish_key_prov)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();
	tl_buf v = key_prov(28, 34, 0, 0, "6B 00 31 00 00 00  50 00 00 00");

	tl_entry_add_prop(e, 2, (const uint8_t *)v.data, (uint32_t)v.len, 0x100);
	tl_buf_free(&v);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert(tl_entry_rare(e)->has_key_prov);
	ck_assert_str_eq(tl_entry_rare(e)->key_prov.container, "k1");
	ck_assert_str_eq(tl_entry_rare(e)->key_prov.provider, "P");
	ck_assert_uint_eq(tl_entry_rare(e)->key_prov.prov_type, 1);
	ck_assert_uint_eq(tl_entry_rare(e)->key_prov.flags, 0x20);
	ck_assert_uint_eq(tl_entry_rare(e)->key_prov.key_spec, 2);
	tl_entry_free(e);
	tl_diags_free(d);

	/* no names at all (offsets 0) */
	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	v = key_prov(0, 0, 0, 0, "");
	tl_entry_add_prop(e, 2, (const uint8_t *)v.data, (uint32_t)v.len, 0x100);
	tl_buf_free(&v);
	tl_entry_finish(e, d);
	tt_ck_diags(d, "");
	ck_assert(tl_entry_rare(e)->has_key_prov);
	ck_assert_ptr_null(tl_entry_rare(e)->key_prov.container);
	ck_assert_ptr_null(tl_entry_rare(e)->key_prov.provider);
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

START_TEST(finish_key_prov_malformed)
{
	tl_entry *e = cert_entry(ROOT_CER);
	tl_diags *d = tl_diags_new();
	tl_buf v;

	add_hex_prop(e, 2, "00 01 02 03 04 05 06 07 08 09", 0x100);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: KEY_PROV_INFO property (2) is 10 bytes, "
			"shorter than its 28-byte header [input-property-malformed]\n");
	ck_assert(tl_entry_rare(e)->has_key_prov);
	tl_entry_free(e);
	tl_diags_free(d);

	/* a container offset inside the header, an unterminated provider
	 * name, and parameters past the end */
	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	v = key_prov(4, 28, 2, 28, "41 00 42 00");
	tl_entry_add_prop(e, 2, (const uint8_t *)v.data, (uint32_t)v.len, 0x100);
	tl_buf_free(&v);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: KEY_PROV_INFO container name offset 0x4 is "
			"outside the value or unterminated [input-property-malformed]\n" FILE_NAME
			":0x00000100: warning: KEY_PROV_INFO provider name offset 0x1c is outside the "
			"value or unterminated [input-property-malformed]\n" FILE_NAME
			":0x00000100: warning: KEY_PROV_INFO holds 2 parameters at offset 0x1c, past "
			"the end of the value [input-property-malformed]\n");
	ck_assert_ptr_null(tl_entry_rare(e)->key_prov.container);
	ck_assert_ptr_null(tl_entry_rare(e)->key_prov.provider);
	tl_entry_free(e);
	tl_diags_free(d);

	/* an odd offset, and one past the value */
	e = cert_entry(ROOT_CER);
	d = tl_diags_new();
	v = key_prov(29, 0x1000, 0, 0, "41 00 00 00");
	tl_entry_add_prop(e, 2, (const uint8_t *)v.data, (uint32_t)v.len, 0x100);
	tl_buf_free(&v);
	tl_entry_finish(e, d);
	tt_ck_diags(d, FILE_NAME ":0x00000100: warning: KEY_PROV_INFO container name offset 0x1d is "
			"outside the value or unterminated [input-property-malformed]\n" FILE_NAME
			":0x00000100: warning: KEY_PROV_INFO provider name offset 0x1000 is outside "
			"the value or unterminated [input-property-malformed]\n");
	tl_entry_free(e);
	tl_diags_free(d);
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("names");

	tcase_add_test(tc, location_names);
	tcase_add_test(tc, location_parse);
	tcase_add_test(tc, kind_names);
	tcase_add_test(tc, store_names);
	tcase_add_test(tc, store_names_windows);
	tcase_add_test(tc, store_spec_and_label);
	tcase_add_test(tc, store_name_table);
	tcase_add_test(tc, store_suggest);
	suite_add_tcase(s, tc);
	tc = tcase_create("model");
	tcase_add_test(tc, model_store_find_or_create);
	tcase_add_test(tc, many_stores);
	tcase_add_test(tc, entry_new_copies_or_borrows);
	tcase_add_test(tc, store_add_and_budget);
	tcase_add_test(tc, model_keeps_trust_lists);
	tcase_add_test(tc, store_add_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("props");
	tcase_add_test(tc, props_grow_and_lookup);
	tcase_add_test(tc, props_first_wins_and_empty);
	tcase_add_test(tc, props_borrowed);
	tcase_add_test(tc, prop_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("finish");
	tcase_add_test(tc, finish_rsa_root);
	tcase_add_test(tc, finish_ec_root_from_pem);
	tcase_add_test(tc, finish_leaf);
	tcase_add_test(tc, finish_garbage);
	tcase_add_test(tc, finish_truncated_cert_on_a_line);
	tcase_add_test(tc, finish_not_a_cert_kind);
	tcase_add_test(tc, finish_hash_mismatch);
	tcase_add_test(tc, finish_string_props);
	tcase_add_test(tc, finish_eku_props);
	tcase_add_test(tc, finish_sized_props);
	tcase_add_test(tc, prop_time_decode_by_hand);
	tcase_add_test(tc, prop_time_decode_lengths);
	tcase_add_test(tc, finish_distrust_props);
	tcase_add_test(tc, finish_key_prov);
	tcase_add_test(tc, finish_key_prov_malformed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(store_suite());
}
