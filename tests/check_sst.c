/* check_sst.c: serialized stores and elements (FORMATS.md 1): the real
 * exports in testdata, and every defect the reader reports, built byte by
 * byte around a real certificate. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "formats/sst.h"
#include "model/store.h"
#include "testutil.h"
#include "base/util.h"

static tl_model *model;
static tl_store *store;
static tl_diags *diags;

static void setup(void)
{
	model = tl_model_new();
	store = tl_model_store(model, TL_LOC_LOCAL_MACHINE, "Root");
	diags = tl_diags_new();
}

static void teardown(void)
{
	tl_model_free(model);
	tl_diags_free(diags);
}

/* The suite's diagnostics are exactly expected. */
#define ck_diags(expected) tt_ck_diags(diags, expected)

static size_t read_fixture(const char *rel, uint8_t **data)
{
	size_t len;

	*data = tt_read_testdata(rel, &len);
	return len;
}

START_TEST(pika_root_store)
{
	uint8_t *data;
	size_t len = read_fixture("fixtures/stores/pika_pika-root-ca.sst", &data), i;

	ck_assert_uint_eq(tl_sst_read(data, len, "root.sst", store, diags), 29);
	ck_assert_uint_eq(store->count, 29);
	ck_diags("");
	for (i = 0; i < store->count; i++) {
		const tl_entry *e = store->entries[i];
		ck_assert(e->parsed);
		ck_assert_int_eq(e->kind, TL_ENTRY_CERT);
		/* every pika entry carries SHA1_HASH (3), checked against the DER */
		ck_assert_ptr_nonnull(tl_entry_prop(e, 3));
		ck_assert_ptr_nonnull(tl_entry_prop(e, 92));
	}
	/* an entry spans its properties and its certificate: the first starts
	 * right after the 8-byte header, the next where the first ends */
	ck_assert_int_eq(store->entries[0]->origin.loc.kind, TL_LOC_OFFSET);
	ck_assert_uint_eq(store->entries[0]->origin.loc.offset, 8);
	ck_assert_uint_gt(store->entries[0]->origin.loc.length, store->entries[0]->der_len + 12);
	ck_assert_uint_eq(store->entries[1]->origin.loc.offset,
			  8 + store->entries[0]->origin.loc.length);
	free(data);
}
END_TEST

START_TEST(pika_test_store_root_program_policies)
{
	uint8_t *data;
	size_t len = read_fixture("fixtures/stores/pika_pika-test-ca.sst", &data), i, with83 = 0;

	ck_assert_uint_eq(tl_sst_read(data, len, "t.sst", store, diags), 9);
	ck_diags("");
	for (i = 0; i < store->count; i++)
		with83 += tl_entry_prop(store->entries[i], 83) != NULL;
	ck_assert_uint_ge(with83, 1);
	free(data);
}
END_TEST

START_TEST(corefx_key_prov_info)
{
	uint8_t *data;
	size_t len = read_fixture("fixtures/stores/corefx_StoreSavedAsSerializedStore.sst", &data);
	const tl_entry *e;
	size_t i, with_key = 0;

	ck_assert_uint_eq(tl_sst_read(data, len, "my.sst", store, diags), 2);
	ck_diags("");
	for (i = 0; i < store->count; i++) {
		e = store->entries[i];
		if (!tl_entry_rare(e)->has_key_prov)
			continue;
		with_key++;
		ck_assert_ptr_nonnull(tl_entry_rare(e)->key_prov.container);
		ck_assert_str_eq(tl_entry_rare(e)->key_prov.provider, "Microsoft Strong Cryptographic Provider");
		ck_assert_uint_eq(tl_entry_rare(e)->key_prov.prov_type, 1); /* PROV_RSA_FULL */
	}
	ck_assert_uint_ge(with_key, 1);
	free(data);
}
END_TEST

START_TEST(corefx_single_element)
{
	uint8_t *data;
	size_t len = read_fixture("fixtures/stores/corefx_StoreSavedAsSerializedCert.bin", &data);
	tl_loc where = tl_loc_offset("cert.bin", 0, len);
	tl_entry *e;

	ck_assert(tl_blob_detect(data, len));
	ck_assert(!tl_sst_detect(data, len));
	e = tl_blob_read(data, len, &where, store, diags);
	ck_assert_ptr_nonnull(e);
	ck_diags("");
	ck_assert(e->parsed);
	ck_assert(tl_entry_rare(e)->has_key_prov);
	ck_assert_str_eq(tl_entry_rare(e)->key_prov.container, "{77EBD02D-D8DE-475A-8867-D20B0064E49F}");
	ck_assert_uint_eq(tl_entry_rare(e)->key_prov.key_spec, 2);
	free(data);
}
END_TEST

START_TEST(win2000_blob)
{
	uint8_t *data;
	size_t len = read_fixture("fixtures/stores/sec505_belgacom_root_Blob.bin", &data);
	tl_loc where = tl_loc_line("x.reg", 7, 0);
	tl_entry *e = tl_blob_read(data, len, &where, store, diags);

	ck_assert_ptr_nonnull(e);
	ck_diags("");
	ck_assert_ptr_nonnull(tl_entry_prop(e, 4));
	ck_assert_ptr_nonnull(tl_entry_prop(e, 3));
	ck_assert_ptr_nonnull(tl_entry_prop(e, 20));
	ck_assert(e->cert.self_issued);
	ck_assert_int_eq(e->cert.self_signed, TL_SIG_YES);
	ck_assert_uint_eq(e->origin.loc.line, 7);
	free(data);
}
END_TEST

START_TEST(wine_stores)
{
	uint8_t *data;
	size_t len = read_fixture("fixtures/stores/wine_serializedStoreWithCertAndCRL.sst", &data);

	ck_assert_uint_eq(tl_sst_read(data, len, "w.sst", store, diags), 2);
	ck_assert_int_eq(store->entries[0]->kind, TL_ENTRY_CERT);
	ck_assert_int_eq(store->entries[1]->kind, TL_ENTRY_CRL);
	free(data);

	len = read_fixture("fixtures/stores/wine_serializedStoreWithCertWithFriendlyName.sst", &data);
	ck_assert_uint_eq(tl_sst_read(data, len, "w.sst", store, diags), 1);
	ck_assert_str_eq(store->entries[2]->friendly_name, "WineTest");
	free(data);
}
END_TEST

/* ---- synthetic stores around a real certificate */

static uint8_t *cert_der;
static size_t cert_len;

static void load_cert(void)
{
	setup();
	cert_der = tt_read_testdata("fixtures/reg/synthetic/certs/root.cer", &cert_len);
}

static void unload_cert(void)
{
	free(cert_der);
	teardown();
}

static void put32(tl_buf *b, uint32_t v)
{
	uint8_t p[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	tl_buf_add(b, p, 4);
}

static void elem(tl_buf *b, uint32_t id, uint32_t enc, const void *val, uint32_t len)
{
	put32(b, id);
	put32(b, enc);
	put32(b, len);
	tl_buf_add(b, val, len);
}

static void header(tl_buf *b)
{
	put32(b, 0);
	put32(b, 0x54524543);
}

static void trailer(tl_buf *b)
{
	put32(b, 0);
	put32(b, 0);
	put32(b, 0);
}

static size_t read_buf(tl_buf *b)
{
	return tl_sst_read((const uint8_t *)b->data, b->len, "s.sst", store, diags);
}

START_TEST(empty_store)
{
	tl_buf b = {0};

	header(&b);
	trailer(&b);
	ck_assert_uint_eq(b.len, 20);
	ck_assert_uint_eq(read_buf(&b), 0);
	ck_diags("");
	tl_buf_free(&b);
}
END_TEST

START_TEST(short_header)
{
	ck_assert_uint_eq(tl_sst_read((const uint8_t *)"\0\0\0\0CE", 6, "s.sst", store, diags), 0);
	ck_diags("s.sst:0x00000000: error: store header truncated: 6 of 8 bytes [input-sst-truncated]\n");
}
END_TEST

START_TEST(bad_magic)
{
	ck_assert_uint_eq(tl_sst_read((const uint8_t *)"\1\0\0\0CERT", 8, "s.sst", store, diags), 0);
	ck_diags("s.sst:0x00000000: error: not a serialized store header (version 1, magic 0x54524543) [input-sst-bad-header]\n");
}
END_TEST

START_TEST(zero_length_property_is_legal)
{
	tl_buf b = {0};

	header(&b);
	elem(&b, 104, 1, "", 0);
	elem(&b, 126, 1, "", 0);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	ck_assert_uint_eq(store->entries[0]->prop_count, 2);
	ck_diags("s.sst:0x00000008: note: DISALLOWED_FILETIME property (104) is empty: its meaning is undocumented (always, or no date) [input-property-empty-filetime]\n"
		 "s.sst:0x00000014: note: NOT_BEFORE_FILETIME property (126) is empty: its meaning is undocumented (always, or no date) [input-property-empty-filetime]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(bad_encoding_skipped)
{
	tl_buf b = {0};

	header(&b);
	elem(&b, 0x20, 2, cert_der, (uint32_t)cert_len);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	ck_diags("s.sst:0x00000008: error: element 32 has encoding type 2, Windows accepts only 1 [input-sst-bad-encoding]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(length_past_end)
{
	tl_buf b = {0};

	header(&b);
	put32(&b, 0x20);
	put32(&b, 1);
	put32(&b, 0xFFFFFFF0u); /* 12*n + length would overflow a u32 */
	tl_buf_add(&b, cert_der, 16);
	ck_assert_uint_eq(read_buf(&b), 0);
	ck_diags("s.sst:0x00000008: error: element 32 claims 4294967280 bytes but only 16 remain [input-sst-truncated]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(truncated_element_header)
{
	tl_buf b = {0};

	header(&b);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	put32(&b, 0);
	ck_assert_uint_eq(read_buf(&b), 1);
	{
		char *want = tl_xasprintf("s.sst:0x%08zx: error: element header truncated: 4 of 12 bytes left [input-sst-truncated]\n",
					  8 + 12 + cert_len);
		ck_diags(want);
		free(want);
	}
	tl_buf_free(&b);
}
END_TEST

START_TEST(empty_context)
{
	tl_buf b = {0};

	header(&b);
	elem(&b, 11, 1, "b\0\0\0", 4);
	elem(&b, 0x20, 1, "", 0);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	/* the friendly name belonged to the empty context, not to the next */
	ck_assert_ptr_null(store->entries[0]->friendly_name);
	ck_diags("s.sst:0x00000018: error: certificate element of length 0 [input-sst-empty-context]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(dangling_and_unknown_properties)
{
	tl_buf b = {0};
	char *want;

	header(&b);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	elem(&b, 55, 1, "xy", 2);
	elem(&b, 0x10000, 1, "", 0);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	want = tl_xasprintf(
		"s.sst:0x%08zx: note: property id 55 is not a known CERT_*_PROP_ID (kept) [input-sst-unknown-property]\n"
		"s.sst:0x%08zx: warning: property id 0x10000 is above 0xFFFF [input-sst-bad-property-id]\n"
		"s.sst:0x%08zx: warning: 2 properties after the last context belong to no entry [input-sst-dangling-property]\n",
		20 + cert_len, 20 + cert_len + 14, 20 + cert_len);
	ck_diags(want);
	free(want);
	tl_buf_free(&b);
}
END_TEST

START_TEST(duplicate_property_and_entry)
{
	tl_buf b = {0};
	char *want;

	header(&b);
	elem(&b, 11, 1, "a\0\0\0", 4);
	elem(&b, 11, 1, "b\0\0\0", 4);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 2);
	/* the first value wins, as CertGetCertificateContextProperty finds it */
	ck_assert_str_eq(store->entries[0]->friendly_name, "a");
	/* the second copy of the certificate is kept: the duplicate-entry
	 * rule reports it, across files and registry Blobs too */
	want = tl_xasprintf(
		"s.sst:0x00000018: warning: property 11 (FRIENDLY_NAME) appears twice before one context [input-sst-duplicate-property]\n");
	ck_diags(want);
	free(want);
	tl_buf_free(&b);
}
END_TEST

START_TEST(terminator_problems)
{
	tl_buf b = {0};
	char *want;

	header(&b);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	ck_assert_uint_eq(read_buf(&b), 1);
	want = tl_xasprintf("s.sst:0x%08zx: warning: store ends without the 12-byte zero terminator [input-sst-missing-terminator]\n",
			    b.len);
	ck_diags(want);
	free(want);
	tl_diags_free(diags);
	diags = tl_diags_new();

	trailer(&b);
	tl_buf_add(&b, "junk", 4);
	ck_assert_uint_eq(read_buf(&b), 1);
	want = tl_xasprintf("s.sst:0x%08zx: warning: 4 bytes after the terminator [input-sst-trailing-bytes]\n",
			    b.len - 4);
	ck_diags(want);
	free(want);
	tl_buf_free(&b);
}
END_TEST

START_TEST(bad_terminator)
{
	tl_buf b = {0};
	char *want;

	header(&b);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	put32(&b, 0);
	put32(&b, 1);
	put32(&b, 0);
	ck_assert_uint_eq(read_buf(&b), 1);
	want = tl_xasprintf("s.sst:0x%08zx: warning: terminator has encoding 1 and length 0, expected 0 and 0 [input-sst-bad-terminator]\n",
			    20 + cert_len);
	ck_diags(want);
	free(want);
	tl_buf_free(&b);
}
END_TEST

START_TEST(stored_hash_mismatch)
{
	tl_buf b = {0};
	uint8_t wrong[20];

	memset(wrong, 0xAB, sizeof(wrong));
	header(&b);
	elem(&b, 3, 1, wrong, 20);
	elem(&b, 4, 1, wrong, 15);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	ck_diags("s.sst:0x00000008: warning: stored SHA1_HASH property (3) is ABABABABABABABABABABABABABABABABABABABAB but the certificate's is F24ED8049CACDC167A5E66B5B01845AEA3167A5A [input-stored-hash-mismatch]\n"
		 "s.sst:0x00000028: warning: MD5_HASH property (4) is 15 bytes, expected 16 [input-property-malformed]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(malformed_property_values)
{
	tl_buf b = {0};

	header(&b);
	elem(&b, 11, 1, "abc", 3);                    /* odd length, no NUL */
	elem(&b, 9, 1, "\x30\x03\x06\x01", 4);        /* EKU list cut short */
	elem(&b, 2, 1, "\x01\x00\x00\x00", 4);        /* KEY_PROV_INFO too short */
	elem(&b, 104, 1, "12345", 5);                 /* FILETIME of 5 bytes */
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	ck_diags("s.sst:0x00000008: warning: FRIENDLY_NAME property (11) is not a NUL-terminated UTF-16 string (3 bytes) [input-property-malformed]\n"
		 "s.sst:0x00000017: warning: ENHKEY_USAGE property (9) is not a DER list of OIDs [input-property-malformed]\n"
		 "s.sst:0x00000027: warning: KEY_PROV_INFO property (2) is 4 bytes, shorter than its 28-byte header [input-property-malformed]\n"
		 "s.sst:0x00000037: warning: DISALLOWED_FILETIME property (104) is 5 bytes, expected 8 (a FILETIME) or 0 [input-property-distrust-unreadable]\n");
	tl_buf_free(&b);
}
END_TEST

START_TEST(key_prov_offsets_bounded)
{
	tl_buf b = {0}, kp = {0};

	/* container offset past the end, provider offset unterminated */
	put32(&kp, 0x1000);
	put32(&kp, 28);
	put32(&kp, 1);
	put32(&kp, 0);
	put32(&kp, 0);
	put32(&kp, 0);
	put32(&kp, 2);
	tl_buf_add(&kp, "A\0B\0", 4);
	header(&b);
	elem(&b, 2, 1, kp.data, (uint32_t)kp.len);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 1);
	ck_assert(tl_entry_rare(store->entries[0])->has_key_prov);
	ck_diags("s.sst:0x00000008: warning: KEY_PROV_INFO container name offset 0x1000 is outside the value or unterminated [input-property-malformed]\n"
		 "s.sst:0x00000008: warning: KEY_PROV_INFO provider name offset 0x1c is outside the value or unterminated [input-property-malformed]\n");
	tl_buf_free(&kp);
	tl_buf_free(&b);
}
END_TEST

START_TEST(unparsable_certificate_kept)
{
	tl_buf b = {0};

	header(&b);
	elem(&b, 0x20, 1, "\x30\x03\x02\x01\x01", 5);
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	trailer(&b);
	ck_assert_uint_eq(read_buf(&b), 2);
	ck_assert(!store->entries[0]->parsed);
	ck_assert(store->entries[1]->parsed);
	ck_diags("s.sst:0x00000008: error: not a DER X.509 certificate (structure does not parse) [input-cert-unparsable]\n");
	tl_buf_free(&b);
}
END_TEST

/* Certificates parsed ahead on threads (model/store.h): a store past
 * several blocks, with stored hashes that differ, certificates that do not
 * parse, skipped elements and a CTL among them, reads the same, every
 * diagnostic in the same order, whatever the model's jobs. */
static char *read_with_jobs(const tl_buf *b, unsigned jobs, tl_buf *facts)
{
	tl_model *m = tl_model_new();
	tl_store *s = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
	tl_diags *d = tl_diags_new();
	char *text;
	size_t i;

	m->jobs = jobs;
	tl_sst_read((const uint8_t *)b->data, b->len, "s.sst", s, d);
	for (i = 0; i < s->count; i++) {
		const tl_entry *e = s->entries[i];
		char *serial = e->parsed ? tl_cert_serial_hex(&e->cert) : NULL;

		tl_buf_printf(facts, "%zu %d %s %s %s\n", i, e->parsed,
			      e->parsed ? e->cert.subject : "-", serial ? serial : "-",
			      e->parsed ? tl_sigcheck_name(e->cert.self_signed) : "-");
		free(serial);
	}
	text = tt_diags_text(d);
	tl_diags_free(d);
	tl_model_free(m);
	return text;
}

START_TEST(jobs_do_not_change_the_reading)
{
	tl_buf b = {0}, one = {0}, two = {0}, four = {0};
	uint8_t wrong[20];
	char *d1, *d2, *d4;
	size_t i;

	memset(wrong, 0xAB, sizeof(wrong));
	header(&b);
	for (i = 0; i < 5000; i++) {
		if (i % 97 == 0)
			elem(&b, 3, 1, wrong, 20);
		if (i % 101 == 0)
			elem(&b, 0x20, 1, "\x30\x03\x02\x01\x01", 5);
		else if (i % 103 == 0)
			elem(&b, 0x20, 2, cert_der, (uint32_t)cert_len);
		else
			elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	}
	trailer(&b);
	d1 = read_with_jobs(&b, 1, &one);
	/* two: one thread parses while the reader takes each certificate as
	 * it is done and parses others when it must wait */
	d2 = read_with_jobs(&b, 2, &two);
	d4 = read_with_jobs(&b, 4, &four);
	ck_assert_ptr_nonnull(strstr(d1, "input-cert-unparsable"));
	ck_assert_ptr_nonnull(strstr(d1, "input-stored-hash-mismatch"));
	ck_assert_str_eq(d1, d2);
	ck_assert_str_eq(d1, d4);
	ck_assert_uint_eq(one.len, two.len);
	ck_assert(memcmp(one.data, two.data, one.len) == 0);
	ck_assert_uint_eq(one.len, four.len);
	ck_assert(memcmp(one.data, four.data, one.len) == 0);
	free(d1);
	free(d2);
	free(d4);
	tl_buf_free(&b);
	tl_buf_free(&one);
	tl_buf_free(&two);
	tl_buf_free(&four);
}
END_TEST

START_TEST(blob_problems)
{
	tl_buf b = {0};
	tl_loc where = tl_loc_line("r.reg", 12, 0);

	elem(&b, 3, 1, "x", 1);
	ck_assert_ptr_null(tl_blob_read((const uint8_t *)b.data, b.len, &where, store, diags));
	elem(&b, 0x20, 1, cert_der, (uint32_t)cert_len);
	tl_buf_add(&b, "zz", 2);
	ck_assert_ptr_nonnull(tl_blob_read((const uint8_t *)b.data, b.len, &where, store, diags));
	ck_assert_ptr_null(tl_blob_read((const uint8_t *)"", 0, &where, store, diags));
	ck_diags("r.reg:12: warning: 1 property after the last context belongs to no entry [input-blob-dangling-property]\n"
		 "r.reg:12: warning: SHA1_HASH property (3) is 1 bytes, expected 20 [input-property-malformed]\n"
		 "r.reg:12: warning: 2 bytes after the context element [input-blob-trailing-bytes]\n"
		 "r.reg:12: error: empty serialized element [input-blob-truncated]\n");
	tl_buf_free(&b);
}
END_TEST

/* Truncate real stores at every length: never a crash, never a leak
 * (run under ASan/valgrind), always at most the entries of the whole. */
static void truncate_all(const char *rel, bool blob)
{
	uint8_t *data;
	size_t len = read_fixture(rel, &data), cut, whole;

	whole = blob ? 1 : tl_sst_read(data, len, "t", store, diags);
	for (cut = 0; cut < len; cut++) {
		tl_model *m = tl_model_new();
		tl_store *s = tl_model_store(m, TL_LOC_LOCAL_MACHINE, "Root");
		tl_diags *d = tl_diags_new();
		uint8_t *copy = tl_xmemdup(data, cut); /* exact size: ASan sees overreads */
		tl_loc where = tl_loc_offset("t", 0, cut);
		size_t n;

		if (blob)
			n = tl_blob_read(copy, cut, &where, s, d) ? 1 : 0;
		else
			n = tl_sst_read(copy, cut, "t", s, d);
		ck_assert_uint_le(n, whole);
		/* a cut store always says what is wrong */
		ck_assert_uint_gt(tl_diags_count(d), 0);
		tl_diags_free(d);
		tl_model_free(m);
		free(copy);
	}
	free(data);
}

START_TEST(truncate_corefx_store)
{
	truncate_all("fixtures/stores/corefx_StoreSavedAsSerializedStore.sst", false);
}
END_TEST

START_TEST(truncate_wine_store)
{
	truncate_all("fixtures/stores/wine_serializedStoreWithCertAndCRL.sst", false);
}
END_TEST

START_TEST(truncate_blob)
{
	truncate_all("fixtures/stores/sec505_belgacom_root_Blob.bin", true);
}
END_TEST

static Suite *sst_suite(void)
{
	Suite *s = suite_create("sst");
	TCase *real = tcase_create("real exports");
	TCase *synth = tcase_create("defects");
	TCase *trunc = tcase_create("truncation");

	tcase_add_checked_fixture(real, setup, teardown);
	tcase_add_test(real, pika_root_store);
	tcase_add_test(real, pika_test_store_root_program_policies);
	tcase_add_test(real, corefx_key_prov_info);
	tcase_add_test(real, corefx_single_element);
	tcase_add_test(real, win2000_blob);
	tcase_add_test(real, wine_stores);
	suite_add_tcase(s, real);

	tcase_add_checked_fixture(synth, load_cert, unload_cert);
	tcase_add_test(synth, empty_store);
	tcase_add_test(synth, short_header);
	tcase_add_test(synth, bad_magic);
	tcase_add_test(synth, zero_length_property_is_legal);
	tcase_add_test(synth, bad_encoding_skipped);
	tcase_add_test(synth, length_past_end);
	tcase_add_test(synth, truncated_element_header);
	tcase_add_test(synth, empty_context);
	tcase_add_test(synth, dangling_and_unknown_properties);
	tcase_add_test(synth, duplicate_property_and_entry);
	tcase_add_test(synth, terminator_problems);
	tcase_add_test(synth, bad_terminator);
	tcase_add_test(synth, stored_hash_mismatch);
	tcase_add_test(synth, malformed_property_values);
	tcase_add_test(synth, key_prov_offsets_bounded);
	tcase_add_test(synth, unparsable_certificate_kept);
	tcase_add_test(synth, blob_problems);
	tcase_add_test(synth, jobs_do_not_change_the_reading);
	suite_add_tcase(s, synth);

	tcase_add_checked_fixture(trunc, setup, teardown);
	tcase_set_timeout(trunc, 300);
	tcase_add_test(trunc, truncate_corefx_store);
	tcase_add_test(trunc, truncate_wine_store);
	tcase_add_test(trunc, truncate_blob);
	suite_add_tcase(s, trunc);
	return s;
}

int main(void)
{
	return tt_run(sst_suite());
}
