/* check_issuers.c: `trustlint issuers` (report/issuers.h): the text block
 * of a binding line by line, escaped subjects, a machine with no binding;
 * the JSON document parsed back, its keys exactly those doc/issuers-json.md
 * documents and its figures consistent (count, bytes from the subjects,
 * over); a write error. What the figures are is windows/'s, tested in
 * check_windows. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/input.h"
#include "report/issuers.h"
#include "testutil.h"

#define CERTS "fixtures/reg/synthetic/certs/"
#define REG_HEADER "Windows Registry Editor Version 5.00\r\n\r\n"
#define BINDING_KEY "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslBindingInfo\\0.0.0.0:443]\r\n"

static void add_file(tl_inputs *in, const char *rel, const char *store)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);

	tl_inputs_add_memory(in, rel, data, len, TL_LOC_LOCAL_MACHINE, store);
	free(data);
}

/* The KB 2802568 layout: a binding (line 3 of http.reg) that negotiates
 * client certificates and names no store, SendTrustedIssuerList 0, and a
 * Root of the self-signed Lint Test Root CA and the Issuing CA it issued,
 * plus extra (a Root certificate, or NULL). */
static tl_inputs *inputs(const char *extra)
{
	static const char reg[] = REG_HEADER BINDING_KEY "\"DefaultFlags\"=dword:00000002\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"
		"\"SendTrustedIssuerList\"=dword:00000000\r\n";
	tl_inputs *in = tl_inputs_new();

	tl_inputs_add_memory(in, "http.reg", reg, strlen(reg), TL_LOC_LOCAL_MACHINE, NULL);
	add_file(in, CERTS "root.cer", "Root");
	add_file(in, CERTS "issuing.cer", "Root");
	if (extra)
		add_file(in, extra, "Root");
	tl_inputs_finish(in);
	return in;
}

static char *text_of(const tl_inputs *in)
{
	tt_mem m;

	ck_assert_int_eq(tl_issuers_text(in, tt_mem_open(&m)), 0);
	return tt_mem_close(&m, NULL);
}

static json_t *json_of(const tl_inputs *in)
{
	tt_mem m;
	size_t len;
	char *buf;

	ck_assert_int_eq(tl_issuers_json(in, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	return tt_json_doc(buf, len, "the issuers report", true);
}

START_TEST(text_block)
{
	tl_inputs *in = inputs(NULL);
	char *got = text_of(in);

	/* the list: the Issuing CA only (2 + 2 + 65 = 69 bytes); the root is
	 * left out (FORMATS.md 5) */
	ck_assert_str_eq(
		got,
		"machine: the OS version is not in the export (Windows Server 2012 R2 or later assumed)\n"
		"\n"
		"binding 0.0.0.0:443 (SslBindingInfo, http.reg:3)\n"
		"  client certificates  http.sys binding 0.0.0.0:443 negotiates them (DefaultFlags 0x2, "
		"http.reg:3)\n"
		"  trust mode           0, Machine Trust (ClientAuthTrustMode absent: the default)\n"
		"  issuer source        Root (LocalMachine\\Root)\n"
		"  why                  DefaultSslCtlStoreName names no store; ClientAuthIssuer is not in "
		"the export (it may just not have been exported)\n"
		"  issuer list          1 certificate, 69 bytes of 16384 (16 KB)\n"
		"  composition          Root mixes self-signed roots and CA-issued certificates, so only "
		"the CA-issued ones are listed; 1 self-signed root left out\n"
		"  sent                 not sent: SendTrustedIssuerList is 0\n"
		"  issuers, in list order:\n"
		"    1  LocalMachine\\Root  B1C1FB8BDC20A60DAE95BA4425B61A7746097A66  "
		"O=Lint Test (synthetic),CN=Lint Test Issuing CA\n"
		"  left out (self-signed roots):\n"
		"    1  LocalMachine\\Root  F24ED8049CACDC167A5E66B5B01845AEA3167A5A  "
		"O=Lint Test (synthetic),CN=Lint Test Root CA\n"
		"\n"
		"1 binding, 1 asked for client certificates, 0 with a list over 16 KB\n");
	free(got);
	tl_inputs_free(in);
}
END_TEST

START_TEST(text_escapes_subjects)
{
	/* a CA-issued certificate whose subject holds an escape sequence,
	 * a BEL, quotes and a newline: listed, escaped, on one line */
	tl_inputs *in = inputs("hostile/hostile-subject.pem");
	char *got = text_of(in);

	ck_assert_ptr_null(strchr(got, '\x1b'));
	ck_assert_ptr_null(strchr(got, '\a'));
	ck_assert_msg(strstr(got, "CN=\\x1b[31mEvil\\x07 ") != NULL, "%s", got);
	ck_assert_msg(strstr(got, "\\nline2,O=Hostile") != NULL, "%s", got);
	free(got);
	tl_inputs_free(in);
}
END_TEST

START_TEST(text_without_binding)
{
	tl_inputs *in = tl_inputs_new();
	char *got;

	add_file(in, CERTS "root.cer", "Root");
	tl_inputs_finish(in);
	got = text_of(in);
	ck_assert_str_eq(got, "machine: the OS version is not in the export (Windows Server 2012 R2 or "
			      "later assumed)\n\nno http.sys binding in the inputs (they are under "
			      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters)\n");
	free(got);
	tl_inputs_free(in);
}
END_TEST

/* The field names of the table under heading in doc/issuers-json.md, in
 * order, as one string "a b c ". free() it. */
static char *documented(const char *heading)
{
	tl_buf doc = tt_read_testdata_buf("../doc/issuers-json.md"), names = {0};
	const char *p = strstr(doc.data, heading);

	ck_assert_msg(p != NULL, "doc/issuers-json.md has no '%s'", heading);
	p = strchr(p, '\n');
	while (p && p[1] != '#') {
		const char *row = p + 1;

		p = strchr(row, '\n');
		if (strncmp(row, "| `", 3) == 0) {
			const char *end = strchr(row + 3, '`');
			tl_buf_add(&names, row + 3, (size_t)(end - row - 3));
			tl_buf_addc(&names, ' ');
		}
	}
	tl_buf_free(&doc);
	return tl_buf_steal(&names);
}

/* The keys of object o, in order, as one string "a b c ". free() it. */
static char *keys(const json_t *o)
{
	tl_buf names = {0};
	const char *k;
	json_t *v;

	ck_assert(json_is_object(o));
	json_object_foreach((json_t *)o, k, v) {
		(void)v;
		tl_buf_adds(&names, k);
		tl_buf_addc(&names, ' ');
	}
	return tl_buf_steal(&names);
}

#define ck_keys(obj, heading)                                              \
	do {                                                               \
		char *want_ = documented(heading), *got_ = keys(obj);      \
		ck_assert_str_eq(got_, want_);                             \
		free(want_);                                               \
		free(got_);                                                \
	} while (0)

START_TEST(json_keys_as_documented)
{
	tl_inputs *in = inputs(NULL);
	json_t *doc = json_of(in), *e, *list, *item;
	char *got;

	got = keys(doc);
	ck_assert_str_eq(got, "tool version machine endpoints diagnostics ");
	free(got);
	ck_keys(json_object_get(doc, "machine"), "## `machine`");
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "endpoints")), 1);
	e = json_array_get(json_object_get(doc, "endpoints"), 0);
	ck_keys(e, "## `endpoints[]`");
	ck_keys(json_object_get(e, "issuer_source"), "### `issuer_source`");
	list = json_object_get(e, "issuer_list");
	ck_keys(list, "### `issuer_list`");
	item = json_array_get(json_object_get(list, "issuers"), 0);
	got = keys(item);
	ck_assert_str_eq(got, "subject sha1 store subject_bytes ");
	free(got);
	got = keys(json_array_get(json_object_get(list, "excluded"), 0));
	ck_assert_str_eq(got, "subject sha1 store subject_bytes ");
	free(got);
	json_decref(doc);
	tl_inputs_free(in);
}
END_TEST

START_TEST(json_figures_agree)
{
	/* with the look-alike root (self-issued, signature wrong: CA-issued
	 * for the Root mix rule) the list holds it and the Issuing CA */
	tl_inputs *in = inputs("issuers/lookalike-root.cer");
	json_t *doc = json_of(in);
	json_t *e = json_array_get(json_object_get(doc, "endpoints"), 0);
	json_t *src = json_object_get(e, "issuer_source");
	json_t *list = json_object_get(e, "issuer_list"), *issuers = json_object_get(list, "issuers");
	json_int_t bytes = 2;
	size_t i;

	ck_assert_str_eq(json_string_value(json_object_get(e, "kind")), "http.sys-binding");
	ck_assert_str_eq(json_string_value(json_object_get(src, "store")), "Root");
	ck_assert(json_is_null(json_object_get(src, "named_store")));
	ck_assert(json_is_null(json_object_get(src, "named_store_state")));
	ck_assert_str_eq(json_string_value(json_object_get(src, "client_auth_issuer_state")), "absent");
	ck_assert(json_is_true(json_object_get(list, "ca_only")));
	ck_assert_uint_eq(json_array_size(issuers), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(list, "count")), 2);
	for (i = 0; i < json_array_size(issuers); i++)
		bytes += 2 + json_integer_value(json_object_get(json_array_get(issuers, i), "subject_bytes"));
	/* 2 + (2 + 65) + (2 + 62) */
	ck_assert_int_eq(bytes, 133);
	ck_assert_int_eq(json_integer_value(json_object_get(list, "bytes")), bytes);
	ck_assert(json_is_false(json_object_get(list, "over")));
	ck_assert_uint_eq(json_array_size(json_object_get(list, "excluded")), 1);
	ck_assert(json_is_false(json_object_get(e, "sent")));
	ck_assert(json_is_false(json_object_get(e, "sent_is_default")));
	ck_assert(json_is_false(json_object_get(e, "limit_fatal")));
	json_decref(doc);
	tl_inputs_free(in);
}
END_TEST

START_TEST(write_error)
{
	tl_inputs *in = inputs(NULL);
	FILE *ro = fopen("/dev/null", "r");

	ck_assert_ptr_nonnull(ro);
	ck_assert_int_eq(tl_issuers_text(in, ro), -1);
	clearerr(ro);
	ck_assert_int_eq(tl_issuers_json(in, ro), -1);
	fclose(ro);
	tl_inputs_free(in);
}
END_TEST

static Suite *issuers_suite(void)
{
	Suite *s = suite_create("issuers");
	TCase *t = tcase_create("report");

	tcase_add_test(t, text_block);
	tcase_add_test(t, text_escapes_subjects);
	tcase_add_test(t, text_without_binding);
	tcase_add_test(t, json_keys_as_documented);
	tcase_add_test(t, json_figures_agree);
	tcase_add_test(t, write_error);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return tt_run(issuers_suite());
}
