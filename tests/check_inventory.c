/* check_inventory.c: `trustlint inventory` (inventory.h): the text table's
 * exact lines, columns padded by code points, the 256-code-point cell cap,
 * escaped cells and the summary; the JSON inventory parsed back (entries,
 * unparsable entries, decoded properties, registry Blob facts, sources and
 * diagnostics); the configuration tables and their JSON (sites, bindings,
 * access flags in effect, WCF services and endpoints); a write error. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "report/inventory.h"
#include "testutil.h"
#include "base/util.h"

#define CERTS "fixtures/reg/synthetic/certs/"
#define NOT_A_CERT "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"
/* SHA-1 of "not a cert", the bytes of the block above */
#define NOT_A_CERT_SHA1 "AD0628751291423FA9447E1F61B5A35047A9DBC1"

/* a.pem (LocalMachine\Root: the root, the leaf at line 20, a block that
 * is no certificate at line 41) and an empty b.cer (CurrentUser\My). */
static tl_inputs *inputs(void)
{
	tl_inputs *in = tl_inputs_new();
	tl_buf a = {0};
	size_t len;
	uint8_t *data;

	data = tt_read_testdata(CERTS "root.pem", &len);
	tl_buf_add(&a, data, len);
	free(data);
	data = tt_read_testdata(CERTS "client.pem", &len);
	tl_buf_add(&a, data, len);
	free(data);
	tl_buf_adds(&a, NOT_A_CERT);
	tl_inputs_add_memory(in, "a.pem", a.data, a.len, TL_LOC_LOCAL_MACHINE, "Root");
	tl_buf_free(&a);
	tl_inputs_add_memory(in, "b.cer", "", 0, TL_LOC_CURRENT_USER, "My");
	tl_inputs_finish(in);
	return in;
}

static char *text_of(const tl_inputs *in)
{
	tt_mem m;

	ck_assert_int_eq(tl_inventory_text(in, tt_mem_open(&m)), 0);
	return tt_mem_close(&m, NULL);
}

static json_t *json_of(const tl_inputs *in)
{
	tt_mem m;
	size_t len;
	char *buf;

	ck_assert_int_eq(tl_inventory_json(in, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	return tt_json_doc(buf, len, "the inventory", false);
}

START_TEST(text_table)
{
	tl_inputs *in = inputs();
	char *got = text_of(in);

	ck_assert_str_eq(
		got,
		"STORE              KIND  SUBJECT                                        ISSUER       "
		"                                    SHA1                                      "
		"NOT-AFTER   SELF-SIGNED  CA   KEY       FRIENDLY-NAME  SOURCE\n"
		"LocalMachine\\Root  cert  O=Lint Test (synthetic),CN=Lint Test Root CA   O=Lint Test "
		"(synthetic),CN=Lint Test Root CA     F24ED8049CACDC167A5E66B5B01845AEA3167A5A  "
		"2034-12-30  yes          yes  RSA 2048  -              a.pem:1:1\n"
		"LocalMachine\\Root  cert  O=Lint Test (synthetic),CN=client01.lint.test  O=Lint Test "
		"(synthetic),CN=Lint Test Issuing CA  4031B2975F015C4C510AE3CE1B6A41D350725010  "
		"2034-12-30  no           no   RSA 2048  -              a.pem:20:1\n"
		"LocalMachine\\Root  cert  (unparsable)                                   -            "
		"                                    " NOT_A_CERT_SHA1 "  -           -            -    "
		"-         -              a.pem:41:1\n"
		"3 entries in 2 stores\n");
	free(got);
	tl_inputs_free(in);
}
END_TEST

START_TEST(text_empty_and_singular)
{
	tl_inputs *in = tl_inputs_new();
	tl_store *s;
	char *got;

	tl_inputs_finish(in);
	got = text_of(in);
	ck_assert_str_eq(got, "STORE  KIND  SUBJECT  ISSUER  SHA1  NOT-AFTER  SELF-SIGNED  CA  KEY  "
			      "FRIENDLY-NAME  SOURCE\n0 entries in 0 stores\n");
	free(got);
	/* one CRL entry: no certificate facts, its own SHA-1 */
	s = tl_model_store(in->model, TL_LOC_LOCAL_MACHINE_ENTERPRISE, "NTAuth");
	tl_store_add(s, tl_entry_new(TL_ENTRY_CRL, (const uint8_t *)"not a cert", 10));
	s->entries[0]->origin.loc = tl_loc_offset("n.sst", 0x1c, 10);
	got = text_of(in);
	ck_assert_str_eq(got, "STORE                          KIND  SUBJECT  ISSUER  SHA1              "
			      "                        NOT-AFTER  SELF-SIGNED  CA  KEY  FRIENDLY-NAME  "
			      "SOURCE\n"
			      "LocalMachineEnterprise\\NTAuth  crl   -        -       " NOT_A_CERT_SHA1
			      "  -          -            -   -    -              n.sst:0x0000001c\n"
			      "1 entry in 1 store\n");
	free(got);
	tl_inputs_free(in);
}
END_TEST

/* n copies of s. free() it. */
static char *repeat(const char *s, size_t n)
{
	tl_buf b = {0};

	tl_buf_adds(&b, "");
	while (n--)
		tl_buf_adds(&b, s);
	return tl_buf_steal(&b);
}

/* The table of one CRL entry per friendly name. free() it. */
static char *table_of_names(const char *const *names, size_t n)
{
	tl_inputs *in = tl_inputs_new();
	tl_store *s = tl_model_store(in->model, TL_LOC_LOCAL_MACHINE, "CA");
	char *got;
	size_t i;

	tl_inputs_finish(in);
	for (i = 0; i < n; i++) {
		tl_entry *e = tl_entry_new(TL_ENTRY_CRL, (const uint8_t *)"x", 1);
		e->friendly_name = tl_xstrdup(names[i]);
		e->origin.loc = tl_loc_line("c.pem", (uint32_t)(i + 1), 0);
		tl_store_add(s, e);
	}
	got = text_of(in);
	tl_inputs_free(in);
	return got;
}

START_TEST(cell_cap)
{
	/* 300 two-byte code points: cut to 253 and "...", 256 wide; the short
	 * name's padding counts code points, not bytes */
	char *long_name = repeat("\xC3\xA9", 300), *cut = repeat("\xC3\xA9", 253);
	char *row1, *row2, *got;
	const char *names[2];

	names[0] = long_name;
	names[1] = "\xC3\xA9t\xC3\xA9";
	got = table_of_names(names, 2);
	row1 = tl_xasprintf("%s...  c.pem:1\n", cut);
	row2 = tl_xasprintf("\xC3\xA9t\xC3\xA9%*s  c.pem:2\n", 256 - 3, "");
	ck_assert_msg(strstr(got, row1) != NULL, "no cut cell in:\n%s", got);
	ck_assert_msg(strstr(got, row2) != NULL, "no padded cell in:\n%s", got);
	/* nothing longer survives */
	free(row1);
	row1 = repeat("\xC3\xA9", 254);
	ck_assert_ptr_null(strstr(got, row1));
	/* the header is padded to the capped width */
	free(row2);
	row2 = tl_xasprintf("FRIENDLY-NAME%*s  SOURCE\n", 256 - 13, "");
	ck_assert_msg(strstr(got, row2) != NULL, "header not padded to 256:\n%s", got);
	free(row1);
	free(row2);
	free(got);
	free(long_name);
	free(cut);
}
END_TEST

START_TEST(cell_cap_boundary)
{
	/* exactly 256 stays whole; 257 is cut */
	char *n256 = repeat("a", 256), *n257 = repeat("b", 257);
	char *want257 = tl_xasprintf("%s...  c.pem:2\n", n256 + 3);
	const char *names[2];
	char *got, *want256;

	memset(want257, 'b', 253);
	names[0] = n256;
	names[1] = n257;
	got = table_of_names(names, 2);
	want256 = tl_xasprintf("%s  c.pem:1\n", n256);
	ck_assert_msg(strstr(got, want256) != NULL, "256 cut:\n%s", got);
	ck_assert_msg(strstr(got, want257) != NULL, "257 not cut to 256:\n%s", got);
	free(got);
	free(want256);
	free(want257);
	free(n256);
	free(n257);
}
END_TEST

START_TEST(cells_escaped)
{
	const char *names[1] = {"a\nb\x1b[31m\xE2\x80\xAE"};
	char *got = table_of_names(names, 1);

	/* control characters and a bidi override are shown escaped, padded
	 * by their escaped width */
	ck_assert_msg(strstr(got, "a\\nb\\x1b[31m\\u202e  c.pem:1\n") != NULL, "%s", got);
	ck_assert_ptr_null(strchr(got, '\x1b'));
	free(got);
}
END_TEST

static json_t *member(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(v != NULL, "no '%s'", key);
	return v;
}

#define ck_member_str(o, key, want) ck_assert_str_eq(json_string_value(member(o, key)), want)

START_TEST(json_inventory)
{
	tl_inputs *in = inputs();
	json_t *doc = json_of(in), *entries, *e, *d;

	ck_member_str(doc, "tool", "trustlint");
	ck_member_str(doc, "version", PACKAGE_VERSION);
	entries = member(doc, "entries");
	ck_assert_uint_eq(json_array_size(entries), 3);

	e = json_array_get(entries, 0);
	ck_member_str(e, "location", "LocalMachine");
	ck_member_str(e, "store", "Root");
	ck_member_str(e, "kind", "certificate");
	ck_member_str(e, "sha1", "F24ED8049CACDC167A5E66B5B01845AEA3167A5A");
	ck_member_str(e, "subject", "O=Lint Test (synthetic),CN=Lint Test Root CA");
	ck_member_str(e, "serial", "1001");
	ck_member_str(e, "not_before", "2025-01-01T00:00:00Z");
	ck_member_str(e, "not_after", "2034-12-30T00:00:00Z");
	ck_assert(json_is_true(member(e, "self_signed")));
	ck_member_str(e, "self_signature", "yes");
	ck_assert(json_is_true(member(e, "is_ca")));
	ck_member_str(e, "key_algorithm", "RSA");
	ck_assert_int_eq(json_integer_value(member(e, "key_bits")), 2048);
	ck_assert(json_is_null(member(e, "curve")));
	ck_assert(json_is_null(member(e, "friendly_name")));
	ck_assert(json_is_false(member(e, "has_private_key")));
	ck_member_str(member(e, "source"), "file", "a.pem");
	ck_assert_int_eq(json_integer_value(member(member(e, "source"), "line")), 1);

	/* the unparsable block: thumbprints of its bytes, no certificate facts */
	e = json_array_get(entries, 2);
	ck_member_str(e, "sha1", NOT_A_CERT_SHA1);
	ck_assert_ptr_null(json_object_get(e, "subject"));
	ck_assert_ptr_null(json_object_get(e, "key_bits"));
	ck_assert_int_eq(json_integer_value(member(member(e, "source"), "line")), 41);

	d = member(doc, "diagnostics");
	ck_assert_uint_eq(json_array_size(d), 2);
	ck_member_str(json_array_get(d, 0), "level", "error");
	ck_member_str(json_array_get(d, 0), "id", "input-cert-unparsable");
	ck_member_str(json_array_get(d, 0), "message",
		      "not a DER X.509 certificate (structure does not parse)");
	ck_assert_int_eq(json_integer_value(member(member(json_array_get(d, 0), "source"), "line")),
			 41);
	ck_member_str(json_array_get(d, 1), "id", "input-unknown-format");
	ck_member_str(member(json_array_get(d, 1), "source"), "file", "b.cer");
	json_decref(doc);
	tl_inputs_free(in);
}
END_TEST

START_TEST(json_empty)
{
	tl_inputs *in = tl_inputs_new();
	tt_mem m;
	char *buf;

	tl_inputs_finish(in);
	ck_assert_int_eq(tl_inventory_json(in, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, NULL);
	ck_assert_str_eq(buf, "{\"tool\": \"trustlint\", \"version\": \"" PACKAGE_VERSION
			      "\", \"entries\": [], \"diagnostics\": []}\n");
	free(buf);
	tl_inputs_free(in);
}
END_TEST

START_TEST(entry_json_properties)
{
	/* a hand-made entry: decoded properties, FILETIMEs, a registry Blob */
	tl_model *m = tl_model_new();
	tl_store *s = tl_model_store(m, TL_LOC_CURRENT_USER, "my");
	tl_entry *e = tl_entry_new(TL_ENTRY_CTL, (const uint8_t *)"not a cert", 10);
	static const uint8_t ft[8] = {0x80, 0xC0, 0x48, 0x58, 0x28, 0x3D, 0xDA, 0x01};
	json_t *o, *k, *r, *p;

	tl_entry_add_prop(e, 104, ft, 8, 0);
	tl_entry_add_prop(e, 126, NULL, 0, 0);
	tl_entry_add_prop(e, 2, (const uint8_t *)"xx", 2, 0);
	e->friendly_name = tl_xstrdup("F");
	tl_entry_rare_mut(e)->description = tl_xstrdup("D");
	tl_entry_rare_mut(e)->has_key_prov = true;
	tl_entry_rare_mut(e)->key_prov.provider = tl_xstrdup("Microsoft Software Key Storage Provider");
	tl_entry_rare_mut(e)->key_prov.prov_type = 0;
	tl_entry_rare_mut(e)->key_prov.key_spec = 1;
	tl_entry_rare_mut(e)->blob_subkey = tl_xstrdup("ad06");
	tl_entry_rare_mut(e)->blob_sha1_prop_matches = false;
	tl_entry_rare_mut(e)->blob_sha1_real_matches = true;
	e->origin.loc = tl_loc_line("m.reg", 7, 0);
	e->origin.reg_key = "HKEY_CURRENT_USER\\Software\\Microsoft\\SystemCertificates\\My";
	tl_store_add(s, e);
	o = tl_entry_to_json(s, e);
	ck_member_str(o, "location", "CurrentUser");
	ck_member_str(o, "store", "My");
	ck_member_str(o, "kind", "ctl");
	ck_member_str(o, "sha1", NOT_A_CERT_SHA1);
	ck_member_str(o, "friendly_name", "F");
	ck_member_str(o, "description", "D");
	ck_assert(json_is_null(member(o, "store_eku")));
	ck_assert(json_is_true(member(o, "has_private_key")));
	k = member(o, "key_provider");
	ck_assert(json_is_null(member(k, "container")));
	ck_member_str(k, "provider", "Microsoft Software Key Storage Provider");
	ck_assert_int_eq(json_integer_value(member(k, "key_spec")), 1);
	/* 2024-01-02T03:04:05Z as a FILETIME; an empty one is "" */
	ck_member_str(o, "disallowed_filetime", "2024-01-02T03:04:05Z");
	ck_member_str(o, "not_before_filetime", "");
	p = member(o, "properties");
	ck_assert_uint_eq(json_array_size(p), 3);
	ck_assert_int_eq(json_integer_value(json_array_get(p, 0)), 104);
	ck_assert_int_eq(json_integer_value(json_array_get(p, 2)), 2);
	ck_assert_int_eq(json_integer_value(member(member(o, "source"), "line")), 7);
	ck_member_str(member(o, "source"), "registry_key",
		      "HKEY_CURRENT_USER\\Software\\Microsoft\\SystemCertificates\\My");
	r = member(o, "registry_blob");
	ck_member_str(r, "subkey", "ad06");
	ck_assert(json_is_false(member(r, "sha1_property_matches")));
	ck_assert(json_is_true(member(r, "sha1_matches")));
	json_decref(o);
	tl_model_free(m);
}
END_TEST

START_TEST(diag_json_offset)
{
	tl_diags *d = tl_diags_new();
	tl_loc l = tl_loc_offset("s.sst", 0x40, 12);
	json_t *o;

	tl_diag_add(d, TL_WARNING, "input-sst-truncated", &l, "cut '%s'", "x");
	o = tl_diag_to_json(tl_diags_at(d, 0));
	ck_member_str(o, "level", "warning");
	ck_member_str(o, "id", "input-sst-truncated");
	ck_member_str(o, "message", "cut 'x'");
	ck_member_str(member(o, "source"), "file", "s.sst");
	ck_assert_int_eq(json_integer_value(member(member(o, "source"), "offset")), 0x40);
	ck_assert_int_eq(json_integer_value(member(member(o, "source"), "length")), 12);
	ck_assert_ptr_null(json_object_get(member(o, "source"), "line"));
	json_decref(o);
	tl_diags_free(d);
}
END_TEST

/* A machine's configuration beside a store: sites and bindings, the access
 * flags in effect (a value set where the section is locked is refused; a
 * file given without its path counts for none), WCF services and endpoints,
 * each cell escaped, and the same as JSON. */
static const char apphost[] =
	"<configuration>\n"
	"<configSections><sectionGroup name=\"system.webServer\"><sectionGroup name=\"security\"><section name=\"access\" overrideModeDefault=\"Deny\"/></sectionGroup></sectionGroup></configSections>\n"
	"<system.applicationHost><sites><site name=\"S\xE2\x80\xAE\" id=\"7\"><application path=\"/a\"/>\n"
	"<bindings><binding protocol=\"https\" bindingInformation=\"*:443:h\" sslFlags=\"129\"/></bindings></site>\n"
	"<site name=\"Bare\"/></sites></system.applicationHost>\n"
	"<location path=\"S\xE2\x80\xAE\"><system.webServer><security><access sslFlags=\"SslRequireCert\"/></security></system.webServer></location>\n"
	"</configuration>\n";
static const char locked[] =
	"<configuration><system.webServer><security><access sslFlags=\"None\"/></security></system.webServer></configuration>";
static const char service[] =
	"<configuration><system.serviceModel>\n"
	"<bindings><netTcpBinding><binding name=\"t\"><security mode=\"Transport\"><transport clientCredentialType=\"Certificate\"/></security></binding></netTcpBinding></bindings>\n"
	"<services><service name=\"Svc\"><host><baseAddresses><add baseAddress=\"net.tcp://+:808/a\"/><add baseAddress=\"https://+:443/a\"/></baseAddresses></host>\n"
	"<endpoint address=\"\" binding=\"netTcpBinding\" bindingConfiguration=\"t\"/><endpoint binding=\"basicHttpBinding\" bindingConfiguration=\"none\"/></service></services>\n"
	"</system.serviceModel></configuration>";

/* A long text is exactly want (Check cannot print one in its message). */
static void ck_diff(const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, want);
		ck_abort_msg("the text differs (both printed above)");
	}
}

static tl_inputs *config_inputs(void)
{
	tl_inputs *in = inputs();

	tl_inputs_add_memory(in, "applicationHost.config", apphost, strlen(apphost), TL_LOC_LOCAL_MACHINE, NULL);
	tl_inputs_add_memory(in, "web.config", locked, strlen(locked), TL_LOC_LOCAL_MACHINE, "S\xE2\x80\xAE/a");
	tl_inputs_add_memory(in, "other.config", locked, strlen(locked), TL_LOC_LOCAL_MACHINE, NULL);
	tl_inputs_add_memory(in, "svc.exe.config", service, strlen(service), TL_LOC_LOCAL_MACHINE, NULL);
	return in;
}

START_TEST(config_text)
{
	tl_inputs *in = config_inputs();
	char *got = text_of(in);
	const char *config = strstr(got, "3 entries in 2 stores\n");

	ck_assert_ptr_nonnull(config);
	ck_diff(
		config,
		"3 entries in 2 stores\n"
		"\n"
		"IIS sites and bindings:\n"
		"SITE     ID  PROTOCOL  BINDING  SSL-FLAGS        SOURCE\n"
		"S\\u202e  7   https     *:443:h  129 (Sni, 0x80)  applicationHost.config:4:11\n"
		"Bare     -   -         -        -                applicationHost.config:5:1\n"
		"\n"
		"IIS access sslFlags in effect:\n"
		"PATH         SSL-FLAGS       SET-AT                       NOTE\n"
		"(server)     None            (IIS default)                -\n"
		"Bare         None            (IIS default)                -\n"
		"S\\u202e      SslRequireCert  applicationHost.config:6:49  -\n"
		"S\\u202e/a    SslRequireCert  applicationHost.config:6:49  refused: web.config:1:44 (the section is locked above it: HTTP 500.19)\n"
		"(not known)  None            other.config:1:44            counts for no path: the file was given without SITE/PATH=\n"
		"\n"
		"WCF services:\n"
		"SERVICE  BASE-ADDRESSES                     CERTIFICATE-VALIDATION  TRUSTED-STORE  REVOCATION  SOURCE\n"
		"Svc      net.tcp://+:808/a https://+:443/a  -                       -              -           svc.exe.config:3:11\n"
		"\n"
		"WCF endpoints:\n"
		"SERVICE  ADDRESS  BINDING           CONFIGURATION  SECURITY   CLIENT-CREDENTIAL      SOURCE\n"
		"Svc      (base)   netTcpBinding     t              Transport  transport Certificate  svc.exe.config:4:1\n"
		"Svc      -        basicHttpBinding  (not found)    -          -                      svc.exe.config:4:72\n"
		"\n"
		"2 sites, 1 binding, 2 WCF endpoints in 4 configuration files\n");
	free(got);
	tl_inputs_free(in);
}
END_TEST

START_TEST(config_json)
{
	tl_inputs *in = config_inputs();
	json_t *doc = json_of(in), *c = json_object_get(doc, "configuration"), *o;

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "entries")), 3);
	ck_assert_uint_eq(json_array_size(json_object_get(c, "files")), 4);
	o = json_array_get(json_object_get(c, "files"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(o, "kind")), "application");
	ck_assert_str_eq(json_string_value(json_object_get(o, "path")), "S\xE2\x80\xAE/a");
	ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(c, "files"), 2), "path")));
	o = json_array_get(json_object_get(json_array_get(json_object_get(c, "sites"), 0), "bindings"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(o, "port")), 443);
	ck_assert_str_eq(json_string_value(json_object_get(o, "host")), "h");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(o, "ssl_flag_names"), 1)), "0x80");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(o, "source"), "column")), 11);
	/* the access flags in effect: the application's is refused */
	o = json_array_get(json_object_get(c, "access"), 3);
	ck_assert_str_eq(json_string_value(json_object_get(o, "path")), "S\xE2\x80\xAE/a");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(o, "ssl_flags"), 0)), "SslRequireCert");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o, "refused"), "file")), "web.config");
	ck_assert(json_is_false(json_object_get(o, "lock_unknown")));
	/* None is no name */
	o = json_array_get(json_object_get(c, "access"), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(o, "ssl_flags")), 0);
	ck_assert(json_is_null(json_object_get(o, "set_at")));
	ck_assert_uint_eq(json_array_size(json_object_get(c, "sections")), 3);
	/* a WCF endpoint with its binding configuration's credential */
	o = json_array_get(json_object_get(json_array_get(json_object_get(json_array_get(json_object_get(c, "files"), 3), "wcf_services"), 0), "endpoints"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(o, "transport_client_credential_type")), "Certificate");
	ck_assert(json_is_null(json_object_get(o, "require_client_certificate")));
	json_decref(doc);
	tl_inputs_free(in);
}
END_TEST

START_TEST(write_error)
{
	tl_inputs *in = inputs();
	FILE *out = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(out);
	setvbuf(out, NULL, _IONBF, 0);
	ck_assert_int_eq(tl_inventory_text(in, out), -1);
	ck_assert_int_eq(tl_inventory_json(in, out), -1);
	fclose(out);
	tl_inputs_free(in);
}
END_TEST

static Suite *inventory_suite(void)
{
	Suite *s = suite_create("inventory");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, text_table);
	tcase_add_test(tc, text_empty_and_singular);
	tcase_add_test(tc, cell_cap);
	tcase_add_test(tc, cell_cap_boundary);
	tcase_add_test(tc, cells_escaped);
	suite_add_tcase(s, tc);
	tc = tcase_create("json");
	tcase_add_test(tc, json_inventory);
	tcase_add_test(tc, json_empty);
	tcase_add_test(tc, entry_json_properties);
	tcase_add_test(tc, diag_json_offset);
	tcase_add_test(tc, config_text);
	tcase_add_test(tc, config_json);
	tcase_add_test(tc, write_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(inventory_suite());
}
