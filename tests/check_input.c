/* check_input.c: command-line inputs into one model: store names from
 * arguments and file names, format detection by content, registry stores
 * from Blob values under every location, directories. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/os.h"
#include "base/output.h"
#include "formats/pem.h"
#include "formats/pkcs7.h"
#include "formats/sst.h"
#include "input/input.h"
#include "model/ctldata.h"
#include "testutil.h"
#include "base/util.h"

static tl_inputs *in;

static void setup(void)
{
	in = tl_inputs_new();
}

static void teardown(void)
{
	tl_inputs_free(in);
}

static const tl_store *find(tl_location loc, const char *name)
{
	return tl_model_find(in->model, loc, name);
}

static void add_ok(const char *arg)
{
	tl_diags *errs = tl_diags_new();
	int rc = tl_inputs_add(in, arg, errs);
	char *text = tt_diags_text(errs);

	ck_assert_msg(rc == 0 && tl_diags_count(errs) == 0, "%s: %s", arg, text);
	free(text);
	tl_diags_free(errs);
}

/* The one error that stops the run at arg, formatted; free() it. */
static char *add_fails(const char *arg)
{
	tl_diags *errs = tl_diags_new();
	char *text;

	ck_assert_int_eq(tl_inputs_add(in, arg, errs), -1);
	ck_assert_uint_eq(tl_diags_count(errs), 1);
	text = tt_diags_text(errs);
	tl_diags_free(errs);
	return text;
}

START_TEST(infer_store_names)
{
	tl_location loc;
	char *store;

	ck_assert_int_eq(tl_infer_store("root.sst", &loc, &store), 0);
	ck_assert_int_eq(loc, TL_LOC_LOCAL_MACHINE);
	ck_assert_str_eq(store, "Root");
	free(store);
	ck_assert_int_eq(tl_infer_store("/x/LocalMachine-CA.p7b", &loc, &store), 0);
	ck_assert_str_eq(store, "CA");
	free(store);
	ck_assert_int_eq(tl_infer_store("currentuser_MY.pem", &loc, &store), 0);
	ck_assert_int_eq(loc, TL_LOC_CURRENT_USER);
	ck_assert_str_eq(store, "My");
	free(store);
	ck_assert_int_eq(tl_infer_store("LocalMachineGroupPolicy.Root.sst", &loc, &store), 0);
	ck_assert_int_eq(loc, TL_LOC_LOCAL_MACHINE_GROUP_POLICY);
	free(store);
	ck_assert_int_eq(tl_infer_store("ClientAuthIssuer", &loc, &store), 0);
	ck_assert_str_eq(store, "ClientAuthIssuer");
	free(store);
	ck_assert_int_eq(tl_infer_store("pika_pika-root-ca.sst", &loc, &store), -1);
	ck_assert_int_eq(tl_infer_store("rootx.sst", &loc, &store), -1);
	/* a store's name and a tag: the collection script's CTL files */
	ck_assert_int_eq(tl_infer_store("Trust.F9462E09B234EE33D2E76F000D75C1566D5DE580.stl", &loc, &store), 0);
	ck_assert_str_eq(store, "Trust");
	free(store);
	ck_assert_int_eq(tl_infer_store("LocalMachine-Root.old.sst", &loc, &store), 0);
	ck_assert_str_eq(store, "Root");
	free(store);
	ck_assert_int_eq(tl_infer_store("rootx.old.sst", &loc, &store), -1);
}
END_TEST

START_TEST(store_specs)
{
	tl_location loc;
	const char *store;
	size_t n;
	const char *spec = "CurrentUserGroupPolicy\\Root";

	ck_assert_int_eq(tl_parse_store_spec(spec, strlen(spec), &loc, &store, &n), 0);
	ck_assert_int_eq(loc, TL_LOC_CURRENT_USER_GROUP_POLICY);
	ck_assert_int_eq(strncmp(store, "Root", n), 0);
	ck_assert_int_eq(tl_parse_store_spec("Nowhere\\Root", 12, &loc, &store, &n), -1);
	ck_assert_int_eq(tl_parse_store_spec("LocalMachine\\", 13, &loc, &store, &n), -1);
	ck_assert_int_eq(tl_parse_store_spec("my", 2, &loc, &store, &n), 0);
	ck_assert_int_eq(loc, TL_LOC_LOCAL_MACHINE);
}
END_TEST

static tl_format detect(const char *rel)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);
	tl_format f = tl_detect(data, len);

	free(data);
	return f;
}

/* Inputs of every format of the reader table, and what they are. */
static const struct {
	const char *rel;
	tl_format format;
} detect_cases[] = {
	{"fixtures/stores/pika_pika-root-ca.sst", TL_FMT_SST},
	{"fixtures/stores/corefx_StoreSavedAsSerializedStore.sst", TL_FMT_SST},
	{"fixtures/reg/real/pika_test_CA-INSTALL_utf16.reg", TL_FMT_REG},
	{"fixtures/reg/real/pika_root_CA-INSTALL_ansi.reg", TL_FMT_REG},
	{"fixtures/reg/real/ScoopInstaller_Extras__qview_uninstall-associations.reg", TL_FMT_REG},
	{"fixtures/stores/wine_signedCTLWithCTLInnerContent.stl", TL_FMT_CTL},
	{"fixtures/stores/signify_oem89.cat", TL_FMT_CTL},
	{"fixtures/stores/corefx_StoreSavedAsPkcs7.p7b", TL_FMT_PKCS7},
	{"fixtures/wine/root-with-intermediate.p7b", TL_FMT_PKCS7},
	{"fixtures/reg/synthetic/certs/root.cer", TL_FMT_DER},
	{"fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b", TL_FMT_PEM},
	{"fixtures/stores/pika_root_CA-RSA8192_text+pem.crt", TL_FMT_PEM},
	{"fixtures/stores/pika_root_CA-RSA4096.crl.pem", TL_FMT_PEM},
	{"fixtures/stores/corefx_StoreSavedAsSerializedCert.bin", TL_FMT_BLOB},
	{"lists/authrootstl.cab", TL_FMT_CAB},
	{"lists/two-lists.cab", TL_FMT_CAB},
	{"lists/truncated.cab", TL_FMT_CAB},
	{"fixtures/stores/sec505_belgacom_root_Blob.bin", TL_FMT_BLOB},
	{"config/applicationHost.config", TL_FMT_CONFIG},
	{"config/OrderService.exe.config", TL_FMT_CONFIG},
	{"config/dotnet-wcf__ClientCertificateAccepted_web.config", TL_FMT_CONFIG},
	{"config/hostile/billion-laughs.config", TL_FMT_CONFIG},
	/* XML whose root is not <configuration> */
	{"config/iis-docs__manyToOneMappings_sample1.xml", TL_FMT_UNKNOWN},
	{"sarif/sarif-schema-2.1.0.json", TL_FMT_UNKNOWN},
	{"fixtures/PROVENANCE.md", TL_FMT_UNKNOWN},
};

START_TEST(detection_by_content)
{
	size_t i;
	int f;

	for (i = 0; i < TL_ARRAY_LEN(detect_cases); i++) {
		tl_format got = detect(detect_cases[i].rel);
		ck_assert_msg(got == detect_cases[i].format, "%s: detected as %s, not %s",
			      detect_cases[i].rel, tl_format_name(got),
			      tl_format_name(detect_cases[i].format));
	}
	/* every row of the table detects something, and has a name of its own */
	for (f = TL_FMT_UNKNOWN + 1; f < TL_FMT_COUNT; f++) {
		bool seen = false;
		int g;

		for (i = 0; i < TL_ARRAY_LEN(detect_cases); i++)
			seen = seen || detect_cases[i].format == (tl_format)f;
		ck_assert_msg(seen, "format %d (%s): no input above is detected as it", f,
			      tl_format_name((tl_format)f));
		ck_assert_ptr_nonnull(tl_format_name((tl_format)f));
		ck_assert_str_ne(tl_format_name((tl_format)f), "unknown");
		for (g = TL_FMT_UNKNOWN + 1; g < f; g++)
			ck_assert_str_ne(tl_format_name((tl_format)f), tl_format_name((tl_format)g));
	}
	ck_assert_str_eq(tl_format_name(TL_FMT_UNKNOWN), "unknown");
	ck_assert_str_eq(tl_format_name(TL_FMT_COUNT), "unknown");
	ck_assert_int_eq(tl_detect((const uint8_t *)"", 0), TL_FMT_UNKNOWN);
}
END_TEST

/* tl_detect() on header followed by the text of a PEM certificate. */
static tl_format detect_with_pem(const void *head, size_t head_len, bool *pem_too)
{
	size_t pem_len;
	uint8_t *pem = tt_read_testdata("fixtures/stores/corefx_StoreSavedAsPkcs7.pem.p7b", &pem_len);
	uint8_t *data = tl_xmalloc(head_len + pem_len);
	tl_format f;

	memcpy(data, head, head_len);
	memcpy(data + head_len, pem, pem_len);
	*pem_too = tl_pem_detect(data, head_len + pem_len);
	f = tl_detect(data, head_len + pem_len);
	free(data);
	free(pem);
	return f;
}

/* Where two content tests accept the same bytes, the format earlier in
 * tl_format wins: each case is content both tests accept. */
START_TEST(detection_priority)
{
	static const uint8_t sst_head[] = {0, 0, 0, 0, 'C', 'E', 'R', 'T', '\n'};
	/* an element header: property 0x30, encoding 1, length 0 */
	static const uint8_t element_0x30[] = {0x30, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
	static const char reg_head[] = "Windows Registry Editor Version 5.00\r\n\r\n; pasted:\r\n";
	static const char config_head[] = "\xEF\xBB\xBF<configuration>\r\n<!-- the client certificate:\r\n";
	size_t len;
	uint8_t *data;
	bool pem_too;

	/* a CTL is a PKCS#7 SignedData, and both are DER SEQUENCEs */
	data = tt_read_testdata("fixtures/stores/wine_signedCTLWithCTLInnerContent.stl", &len);
	ck_assert(tl_pkcs7_detect(data, len));
	ck_assert_int_eq(data[0], 0x30);
	ck_assert_int_eq(tl_detect(data, len), TL_FMT_CTL);
	free(data);
	data = tt_read_testdata("fixtures/stores/corefx_StoreSavedAsPkcs7.p7b", &len);
	ck_assert_int_eq(data[0], 0x30);
	ck_assert_int_eq(tl_detect(data, len), TL_FMT_PKCS7);
	free(data);
	/* the serialized store magic first, whatever text follows it */
	ck_assert_int_eq(detect_with_pem(sst_head, sizeof(sst_head), &pem_too), TL_FMT_SST);
	ck_assert(pem_too);
	/* a .reg export with a certificate pasted into a comment */
	ck_assert_int_eq(detect_with_pem(reg_head, strlen(reg_head), &pem_too), TL_FMT_REG);
	ck_assert(pem_too);
	/* a configuration file with one in a comment (the mapping of a
	 * client certificate, pasted as PEM for reference) */
	ck_assert_int_eq(detect_with_pem(config_head, strlen(config_head), &pem_too), TL_FMT_CONFIG);
	ck_assert(pem_too);
	/* a first byte 0x30 is a DER SEQUENCE before anything after DER is
	 * tried: a text starting with the digit 0, an element of property
	 * 0x30 */
	ck_assert_int_eq(detect_with_pem("0\n", 2, &pem_too), TL_FMT_DER);
	ck_assert(pem_too);
	ck_assert(tl_blob_detect(element_0x30, sizeof(element_0x30)));
	ck_assert_int_eq(tl_detect(element_0x30, sizeof(element_0x30)), TL_FMT_DER);
	/* a cabinet may store a member uncompressed: a PEM text inside it
	 * does not make it a PEM file */
	ck_assert_int_eq(detect_with_pem("MSCF\0\0\0\0\n", 9, &pem_too), TL_FMT_CAB);
	ck_assert(pem_too);
	/* a byte order mark alone is a registry export (the .reg reader says
	 * why nothing is imported), not a store with no name */
	ck_assert_int_eq(tl_detect((const uint8_t *)"\xff\xfe", 2), TL_FMT_REG);
	ck_assert_int_eq(tl_detect((const uint8_t *)"\xfe\xff", 2), TL_FMT_REG);
}
END_TEST

/* Configuration files: read whatever their name, placed by SITE/PATH=
 * (which is no store: "Site/app" does not parse as LOCATION/STORE), never
 * "cannot tell which store this file is". */
START_TEST(config_arguments)
{
	char *arg, *text;

	add_ok(tt_testdata_path("config/applicationHost.config"));
	arg = tl_xasprintf("Fabrikam=%s", tt_testdata_path("config/fabrikam-web.config"));
	add_ok(arg);
	free(arg);
	arg = tl_xasprintf("Contoso/api=%s", tt_testdata_path("config/contoso-api-web.config"));
	add_ok(arg);
	free(arg);
	/* a store name given to applicationHost.config */
	arg = tl_xasprintf("Root=%s", tt_testdata_path("config/applicationHost.config"));
	add_ok(arg);
	free(arg);
	ck_assert_uint_eq(in->recognised, 4);
	ck_assert_uint_eq(in->model->count, 0);
	ck_assert_uint_eq(in->conf->count, 4);
	ck_assert_str_eq(in->conf->files[1]->path, "Fabrikam");
	ck_assert_str_eq(in->conf->files[2]->path, "Contoso/api");
	ck_assert_int_eq(in->sources[0]->format, TL_FMT_CONFIG);
	ck_assert_str_eq(in->sources[0]->encoding, "utf-8");
	text = tt_diags_text(in->diags);
	ck_assert_ptr_nonnull(strstr(text, "applicationHost.config: warning: applicationHost.config is the server level: 'Root=' ignored [input-store-ignored]\n"));
	free(text);
	/* a prefix that is no store, on a file that is no configuration,
	 * still stops the run as before */
	arg = tl_xasprintf("Site/app=%s", tt_testdata_path("fixtures/stores/pika_pika-test-ca.sst"));
	text = add_fails(arg);
	ck_assert_ptr_nonnull(strstr(text, "'Site/app': not STORE or LOCATION\\STORE"));
	free(text);
	free(arg);
	/* from memory, the store argument is the path */
	tl_inputs_add_memory(in, "m.config", "<configuration/>", 16, TL_LOC_LOCAL_MACHINE, "Site");
	ck_assert_str_eq(in->conf->files[4]->path, "Site");
}
END_TEST

START_TEST(store_arguments)
{
	char *arg = tl_xasprintf("CurrentUser\\root=%s", tt_testdata_path("fixtures/stores/pika_pika-root-ca.sst"));
	const tl_store *s;

	add_ok(arg);
	free(arg);
	s = find(TL_LOC_CURRENT_USER, "ROOT");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->name, "Root");
	ck_assert_uint_eq(s->count, 29);
	ck_assert_ptr_null(find(TL_LOC_LOCAL_MACHINE, "Root"));
	ck_assert_uint_eq(tl_diags_count(in->diags), 0);

	arg = tl_xasprintf("Custom Store=%s", tt_testdata_path("fixtures/reg/synthetic/certs/chain.p7b"));
	add_ok(arg);
	free(arg);
	s = find(TL_LOC_LOCAL_MACHINE, "custom store");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_ge(s->count, 3);
}
END_TEST

START_TEST(fatal_arguments)
{
	char *path = tl_xstrdup(tt_testdata_path("fixtures/stores/pika_pika-test-ca.sst"));
	char *err = add_fails("Root=/nonexistent/x.sst"), *want;
	uint64_t dev, ino;

	ck_assert_str_eq(err, "/nonexistent/x.sst: error: cannot open: No such file or directory [input-unreadable]\n");
	free(err);
	err = add_fails("Root=/dev/null");
	ck_assert_str_eq(err, "/dev/null: error: not a regular file (a character device) [input-not-regular-file]\n");
	free(err);
	err = add_fails("Attic\\Root=/tmp/x");
	ck_assert_str_eq(err, "/tmp/x: error: 'Attic\\Root': not STORE or LOCATION\\STORE (locations: LocalMachine, CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise, CurrentUserGroupPolicy) [input-bad-store-prefix]\n");
	free(err);
	err = add_fails(path);
	want = tl_xasprintf("%s: error: cannot tell which store this file is: name it like Root.sst or give STORE=FILE (e.g. Root=%s) [input-unknown-store]\n",
			    path, path);
	ck_assert_str_eq(err, want);
	free(err);
	free(want);
	/* the run's output, named as an input */
	ck_assert(tl_os_file_id(path, &dev, &ino));
	tl_inputs_skip_file(in, dev, ino);
	want = tl_xasprintf("Root=%s", path);
	err = add_fails(want);
	free(want);
	want = tl_xasprintf("%s: error: this run writes its report here: it cannot also be an input [input-is-output]\n",
			    path);
	ck_assert_str_eq(err, want);
	free(err);
	free(want);
	/* nothing of a refused argument is read, and nothing is a finding */
	ck_assert_uint_eq(in->model->count, 0);
	ck_assert_uint_eq(tl_diags_count(in->diags), 0);
	free(path);
}
END_TEST

START_TEST(unknown_content_is_a_finding)
{
	char *arg = tl_xasprintf("Root=%s", tt_testdata_path("fixtures/PROVENANCE.md"));
	char *text;

	add_ok(arg);
	text = tt_diags_text(in->diags);
	ck_assert_ptr_nonnull(strstr(text, "error: not a serialized store, PKCS#7, PEM, DER certificate or CRL, CTL, registry export or configuration file [input-unknown-format]"));
	free(text);
	free(arg);
}
END_TEST

START_TEST(registry_blobs_by_location)
{
	const tl_store *s;
	const tl_entry *e;

	add_ok(tt_testdata_path("fixtures/reg/real/pika_test_CA-INSTALL_utf16.reg"));
	tl_inputs_finish(in);
	ck_assert_uint_eq(tl_diags_count(in->diags), 0);
	s = find(TL_LOC_LOCAL_MACHINE, "Root");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->count, 1);
	e = s->entries[0];
	ck_assert(e->parsed);
	ck_assert_str_eq(tl_entry_rare(e)->blob_subkey, "F57DF00CEB2476C8144B751F1D2D45EDBB3EDFE1");
	ck_assert(tl_entry_rare(e)->blob_sha1_real_matches);
	ck_assert_int_eq(e->origin.loc.kind, TL_LOC_LINE);
	ck_assert_uint_eq(e->origin.loc.line, 7);
	ck_assert_ptr_nonnull(e->origin.reg_key);
	s = find(TL_LOC_LOCAL_MACHINE, "AuthRoot");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->count, 1);
	s = find(TL_LOC_CURRENT_USER, "AuthRoot");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->count, 1);
	ck_assert_uint_eq(in->model->count, 3);
}
END_TEST

START_TEST(registry_blobs_ansi_and_win2000)
{
	add_ok(tt_testdata_path("fixtures/reg/real/pika_root_CA-INSTALL_ansi.reg"));
	add_ok(tt_testdata_path("fixtures/reg/real/sec505_belgacom_root_win2000.reg"));
	tl_inputs_finish(in);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "AuthRoot")->count, 3);
	ck_assert_uint_eq(find(TL_LOC_CURRENT_USER, "Root")->count, 3);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "Root")->count, 1);
	ck_assert(find(TL_LOC_LOCAL_MACHINE, "Root")->entries[0]->parsed);
	/* ProtectedRoots, ChainEngine, Safer: settings keys, not stores */
	ck_assert_uint_eq(in->model->count, 3);
}
END_TEST

/* AuthRoot\AutoUpdate's cached lists are root program lists, not store
 * entries, each with its value name as source, its .reg line as origin
 * and its sync time (FORMATS.md 7). */
START_TEST(registry_lists)
{
	const char *path = tt_testdata_path("lists/autoupdate.reg");
	const tl_trust_list *l;
	char *want;

	add_ok(path);
	tl_inputs_finish(in);
	/* the generator's lists are unsigned (testdata/gen/lists.py) */
	want = tl_xasprintf("%s:5: warning: CTL has no signer (SignerInfos is empty) [input-ctl-unsigned]\n"
			    "%s:18: warning: CTL has no signer (SignerInfos is empty) [input-ctl-unsigned]\n",
			    path, path);
	tt_ck_diags(in->diags, want);
	free(want);
	ck_assert_uint_eq(in->model->count, 0);
	ck_assert_uint_eq(in->model->list_count, 2);
	l = &in->model->lists[0];
	ck_assert_str_eq(l->source, "EncodedCtl");
	ck_assert_int_eq(l->entry->kind, TL_ENTRY_CTL);
	ck_assert_int_eq(l->entry->origin.loc.kind, TL_LOC_LINE);
	ck_assert_uint_eq(l->entry->origin.loc.line, 5);
	ck_assert_str_eq(l->entry->origin.reg_key,
			 "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\AutoUpdate");
	ck_assert_ptr_nonnull(l->entry->ctl);
	ck_assert_str_eq(l->entry->ctl->usage[0], "1.3.6.1.4.1.311.10.3.9");
	ck_assert_uint_eq(l->entry->ctl->subject_count, 2);
	ck_assert(l->has_sync_time);
	ck_assert_int_eq(l->sync_time, 1793520000); /* 2026-11-01T08:00:00Z */
	l = &in->model->lists[1];
	ck_assert_str_eq(l->source, "DisallowedCertEncodedCtl");
	ck_assert_str_eq(l->entry->ctl->usage[0], "1.3.6.1.4.1.311.10.3.30");
	ck_assert(l->has_sync_time);
	ck_assert_int_eq(l->sync_time, 1795156200);
}
END_TEST

/* A value that holds no CTL is one warning at its line and adds nothing;
 * a sync time that is not an 8-byte REG_BINARY FILETIME leaves the list
 * without one (inferred: Windows reads back only 8-byte REG_BINARY). */
START_TEST(registry_lists_damaged_inferred_sync_time_is_8_byte_binary)
{
	const char *path = tt_testdata_path("lists/autoupdate-bad.reg");
	char *text, *want;

	add_ok(path);
	tl_inputs_finish(in);
	ck_assert_uint_eq(in->model->list_count, 1);
	ck_assert_str_eq(in->model->lists[0].source, "DisallowedCertEncodedCtl");
	ck_assert(!in->model->lists[0].has_sync_time);
	text = tt_diags_text(in->diags);
	want = tl_xasprintf(
		"%s:4: warning: EncodedCtl (registry type 3, 64 bytes) holds no CTL: not read as a root program list [input-reg-list-not-ctl]\n"
		"%s:8: warning: CTL has no signer (SignerInfos is empty) [input-ctl-unsigned]\n"
		"%s:17: warning: DisallowedCertLastSyncTime is not an 8-byte FILETIME (registry type 3, 4 bytes): the list's sync time is unknown [input-reg-list-sync-time]\n",
		path, path, path);
	ck_assert_str_eq(text, want);
	free(text);
	free(want);
}
END_TEST

/* A CTL whose name names no store, and authroot.stl, are root program
 * lists (source "file"), not an input-unknown-store error; with STORE= a
 * CTL stays an entry of that store. */
START_TEST(list_files)
{
	char *arg;

	add_ok(tt_testdata_path("lists/disallowedcert.stl"));
	add_ok(tt_testdata_path("lists/authroot.stl"));
	arg = tl_xasprintf("AuthRoot=%s", tt_testdata_path("lists/authroot.stl"));
	add_ok(arg);
	free(arg);
	tl_inputs_finish(in);
	ck_assert_uint_eq(in->model->list_count, 2);
	ck_assert_str_eq(in->model->lists[0].source, "file");
	ck_assert_str_eq(in->model->lists[0].entry->ctl->usage[0], "1.3.6.1.4.1.311.10.3.30");
	ck_assert_str_eq(in->model->lists[1].source, "file");
	ck_assert_str_eq(in->model->lists[1].entry->ctl->usage[0], "1.3.6.1.4.1.311.10.3.9");
	ck_assert(!in->model->lists[1].has_sync_time);
	/* the list's origin is the whole file, as a store CTL's */
	ck_assert_int_eq(in->model->lists[1].entry->origin.loc.kind, TL_LOC_OFFSET);
	ck_assert_uint_eq(in->model->lists[1].entry->origin.loc.length, 280);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "AuthRoot")->count, 1);
	ck_assert_int_eq(find(TL_LOC_LOCAL_MACHINE, "AuthRoot")->entries[0]->kind, TL_ENTRY_CTL);
	ck_assert_uint_eq(in->recognised, 3);
}
END_TEST

/* Each CTL member of a cabinet is a list, "cab:<member>", in the
 * cabinet's order; another member is a note; a damaged cabinet an error
 * located at it, and the inputs after it are still read. */
START_TEST(list_cabinets)
{
	char *path, *want, *text;

	add_ok(tt_testdata_path("lists/two-lists.cab"));
	ck_assert_uint_eq(in->model->list_count, 2);
	ck_assert_str_eq(in->model->lists[0].source, "cab:authroot.stl");
	ck_assert_str_eq(in->model->lists[1].source, "cab:disallowedcert.stl");
	ck_assert_uint_eq(in->model->lists[1].entry->ctl->subject_count, 1);
	/* the member's bytes are the .stl's, copied out of the cabinet */
	{
		size_t len;
		uint8_t *stl = tt_read_testdata("lists/disallowedcert.stl", &len);

		ck_assert_uint_eq(in->model->lists[1].entry->der_len, len);
		ck_assert_mem_eq(in->model->lists[1].entry->der, stl, len);
		free(stl);
	}
	tl_diags_free(in->diags);
	in->diags = tl_diags_new();
	path = tl_xstrdup(tt_testdata_path("lists/truncated.cab"));
	add_ok(path);
	add_ok(tt_testdata_path("lists/disallowedcertstl.cab"));
	ck_assert_uint_eq(in->model->list_count, 3);
	ck_assert_str_eq(in->model->lists[2].source, "cab:disallowedcert.stl");
	text = tt_diags_text(in->diags);
	want = tl_xasprintf("%s:0x00000000: error: cannot extract member 'authroot.stl' (MSPACK_ERR_READ): not read [input-cab-damaged]\n"
			    "%s:0x00000000: warning: no member of the cabinet is a CTL: no root program list read [input-cab-no-list]\n"
			    "%s:0x00000000: warning: CTL has no signer (SignerInfos is empty) [input-ctl-unsigned]\n",
			    path, path, tt_testdata_path("lists/disallowedcertstl.cab"));
	ck_assert_str_eq(text, want);
	free(want);
	free(text);
	free(path);
}
END_TEST

/* --trust-list: a CTL whatever its name (root.stl would name Root), a
 * cabinet; anything else stops the run. */
START_TEST(trust_list_option)
{
	tl_diags *errs = tl_diags_new();
	char *text;

	ck_assert_int_eq(tl_inputs_add_trust_list(in, tt_testdata_path("fixtures/stores/wine_signedCTLWithListID1.stl"), errs), 0);
	ck_assert_int_eq(tl_inputs_add_trust_list(in, tt_testdata_path("lists/authrootstl.cab"), errs), 0);
	ck_assert_uint_eq(tl_diags_count(errs), 0);
	ck_assert_uint_eq(in->model->list_count, 2);
	ck_assert_str_eq(in->model->lists[0].source, "file");
	ck_assert_str_eq(in->model->lists[1].source, "cab:authroot.stl");
	ck_assert_uint_eq(in->model->count, 0);
	ck_assert_int_eq(tl_inputs_add_trust_list(in, tt_testdata_path("lists/autoupdate.reg"), errs), -1);
	ck_assert_int_eq(tl_inputs_add_trust_list(in, tt_testdata_path("fixtures/PROVENANCE.md"), errs), -1);
	ck_assert_int_eq(tl_inputs_add_trust_list(in, tt_testdata_path("lists/no-such.stl"), errs), -1);
	text = tt_diags_text(errs);
	ck_assert_ptr_nonnull(strstr(text, "autoupdate.reg: error: --trust-list takes a CTL (authroot.stl) or a cabinet holding one (authrootstl.cab), not a registry export [input-not-trust-list]\n"));
	ck_assert_ptr_nonnull(strstr(text, "PROVENANCE.md: error: --trust-list takes a CTL (authroot.stl) or a cabinet holding one (authrootstl.cab), not content of an unknown format [input-not-trust-list]\n"));
	ck_assert_ptr_nonnull(strstr(text, "no-such.stl: error: "));
	ck_assert_ptr_nonnull(strstr(text, "[input-unreadable]\n"));
	free(text);
	tl_diags_free(errs);
	ck_assert_uint_eq(in->model->list_count, 2);
}
END_TEST

START_TEST(collection_directory)
{
	add_ok(tt_testdata_path("examples/server01"));
	tl_inputs_finish(in);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "Root")->count, 3);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "My")->count, 1);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "CA")->count, 1);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer")->count, 1);
	ck_assert_uint_eq(in->reg_count, 4);
	ck_assert_str_eq(find(TL_LOC_LOCAL_MACHINE, "My")->entries[0]->friendly_name, "web01 TLS");
}
END_TEST

/* The collection script's layout (contrib/Export-TrustState.ps1): each
 * .config file below IIS/Sites/<site>/ gets its configuration path from
 * its folders, as SITE/PATH= gives it. */
START_TEST(iis_folder_paths)
{
	const tl_iisconf *c;

	add_ok(tt_testdata_path("config/export"));
	c = in->conf;
	ck_assert_uint_eq(c->count, 5);
	ck_assert_uint_eq(in->recognised, 5);
	/* sorted walk: IIS/Services, IIS/Sites, IIS/applicationHost.config */
	ck_assert_ptr_null(c->files[0]->path); /* a self-hosted service: none */
	ck_assert_uint_eq(c->files[0]->wcf_service_count, 1);
	ck_assert_str_eq(c->files[1]->path, "Contoso/api");
	ck_assert_str_eq(c->files[1]->settings[0]->path, "Contoso/api");
	ck_assert_str_eq(c->files[2]->path, "Default Web Site/ClientCertificateAccepted");
	ck_assert_uint_eq(c->files[2]->settings[0]->ssl_flags, TL_ACCESS_SSL_NEGOTIATE_CERT);
	ck_assert_str_eq(c->files[3]->path, "Fabrikam");
	ck_assert_int_eq(c->files[4]->kind, TL_IISCONF_APPHOST);
	/* no note that a path is missing, not even for the service */
	ck_assert_uint_eq(tl_diags_count(in->diags), 0);
}
END_TEST

static char iis_tmp[] = "/tmp/tl-check-input-XXXXXX";

static void iis_file(const char *rel, const char *text)
{
	char *path = tl_xasprintf("%s/%s", iis_tmp, rel);
	char *cmd = tl_xasprintf("mkdir -p \"$(dirname '%s')\"", path);
	FILE *f;

	ck_assert_int_eq(system(cmd), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	free(cmd);
	free(path);
}

/* Folder names matched without regard to case, paths nested, and what is
 * not below a site's folder gets no path; links and folders past the
 * depth cap are not entered. */
START_TEST(iis_folder_edges)
{
	static const char access[] =
		"<configuration><system.webServer><security><access sslFlags=\"Ssl\"/></security></system.webServer></configuration>";
	static const char wcf[] = "<configuration><system.serviceModel/></configuration>";
	tl_buf deep = {0};
	char *cmd, *want, *path;
	const tl_iisconf *c;
	int i;

	strcpy(iis_tmp, "/tmp/tl-check-input-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(iis_tmp));
	iis_file("iis/SITES/Default Web Site/web.config", access);
	iis_file("iis/SITES/Default Web Site/api/v1/Web.CONFIG", access);
	iis_file("iis/SITES/Default Web Site/api/web.config.bak", access);
	iis_file("iis/SITES/top.config", access);
	iis_file("iis/Services/svc.exe.config", wcf);
	iis_file("iis/other/Sites/x/web.config", access);
	iis_file("Sites/x/web.config", access);
	/* IIS/d1/.../d32 is read; d33 is not entered */
	tl_buf_adds(&deep, "iis");
	for (i = 1; i <= 32; i++)
		tl_buf_printf(&deep, "/d%d", i);
	path = tl_xasprintf("%s/w.config", deep.data);
	iis_file(path, wcf);
	free(path);
	path = tl_xasprintf("%s/d33/x.config", deep.data);
	iis_file(path, wcf);
	free(path);
	iis_file("iis/d1/keep.config", access);
	cmd = tl_xasprintf("ln -s .. '%s/iis/SITES/Default Web Site/loop'", iis_tmp);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);

	add_ok(iis_tmp);
	c = in->conf;
	/* the walk's order: Sites (not under IIS), iis/SITES, iis/Services,
	 * iis/d1, iis/other */
	ck_assert_uint_eq(c->count, 8);
	ck_assert_str_eq(c->files[0]->path, "Default Web Site/api/v1");
	ck_assert_ptr_null(c->files[1]->path); /* web.config.bak: no .config */
	ck_assert_str_eq(c->files[2]->path, "Default Web Site");
	ck_assert_ptr_null(c->files[3]->path); /* top.config: in Sites, no site */
	ck_assert_ptr_null(c->files[4]->path); /* Services */
	ck_assert_ptr_null(c->files[5]->path); /* d32/w.config */
	ck_assert_ptr_null(c->files[6]->path); /* d1/keep.config */
	ck_assert_ptr_null(c->files[7]->path); /* only IIS/Sites names sites */
	ck_assert_str_eq(c->files[5]->file + strlen(iis_tmp), "/iis/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/d20/d21/d22/d23/d24/d25/d26/d27/d28/d29/d30/d31/d32/w.config");
	want = tl_xasprintf(
		"%1$s/Sites: note: subfolder not read: only location subfolders (LocalMachine, CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise, CurrentUserGroupPolicy) hold stores of this export [input-subfolder-skipped]\n"
		"%1$s/iis/SITES/Default Web Site/api/web.config.bak: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n"
		"%1$s/iis/SITES/Default Web Site/loop: note: subfolder not read: a link to a folder, which the walk of IIS does not follow [input-subfolder-skipped]\n"
		"%1$s/iis/SITES/top.config: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n"
		"%1$s/iis/d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/d11/d12/d13/d14/d15/d16/d17/d18/d19/d20/d21/d22/d23/d24/d25/d26/d27/d28/d29/d30/d31/d32/d33: note: subfolder not read: more than 32 folders below IIS [input-subfolder-skipped]\n"
		"%1$s/iis/d1/keep.config: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n"
		"%1$s/iis/other/Sites/x/web.config: note: which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config') [input-config-no-path]\n",
		iis_tmp);
	tt_ck_diags(in->diags, want);
	free(want);
	tl_buf_free(&deep);
	cmd = tl_xasprintf("rm -rf '%s'", iis_tmp);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}
END_TEST

START_TEST(memory_inputs)
{
	size_t len;
	uint8_t *data = tt_read_testdata("fixtures/wine/root-with-intermediate.p7b", &len);

	tl_inputs_add_memory(in, "r.p7b", data, len, TL_LOC_LOCAL_MACHINE, "Root");
	free(data);
	ck_assert_uint_eq(find(TL_LOC_LOCAL_MACHINE, "Root")->count, 3);
}
END_TEST

static Suite *input_suite(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("input");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, infer_store_names);
	tcase_add_test(tc, store_specs);
	tcase_add_test(tc, detection_by_content);
	tcase_add_test(tc, detection_priority);
	tcase_add_test(tc, store_arguments);
	tcase_add_test(tc, config_arguments);
	tcase_add_test(tc, fatal_arguments);
	tcase_add_test(tc, unknown_content_is_a_finding);
	tcase_add_test(tc, registry_blobs_by_location);
	tcase_add_test(tc, registry_blobs_ansi_and_win2000);
	tcase_add_test(tc, registry_lists);
	tcase_add_test(tc, registry_lists_damaged_inferred_sync_time_is_8_byte_binary);
	tcase_add_test(tc, list_files);
	tcase_add_test(tc, list_cabinets);
	tcase_add_test(tc, trust_list_option);
	tcase_add_test(tc, collection_directory);
	tcase_add_test(tc, iis_folder_paths);
	tcase_add_test(tc, iis_folder_edges);
	tcase_add_test(tc, memory_inputs);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(input_suite());
}
