/* check_diff.c: `trustlint diff` below the command line: entries matched
 * by SHA-1 per store first, then paired as moves (windows/drift.h); store
 * properties compared for an entry that stayed; registry values compared
 * by normalised path and name, case-insensitively, only under the keys
 * trustlint reads; IIS bindings and sslFlags per path; findings new and
 * fixed by fingerprint, --fail-on over the new ones, and the SARIF
 * baselineState of each (report/diff.h). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "report/diff.h"
#include "windows/drift.h"
#include "testutil.h"

#define CERTS "fixtures/reg/synthetic/certs/"
#define NOW 1767225600 /* 2026-01-01: every fixture is valid */

/* A certificate of the synthetic set into a store of in. */
static void add_cert(tl_inputs *in, const char *name, const char *store)
{
	char *rel = tl_xasprintf(CERTS "%s.pem", name);
	char *path = tl_xasprintf("%s-%s.pem", store, name);
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);

	tl_inputs_add_memory(in, path, data, len, TL_LOC_LOCAL_MACHINE, store);
	free(data);
	free(rel);
	free(path);
}

static void add_text(tl_inputs *in, const char *path, const char *text)
{
	tl_inputs_add_memory(in, path, text, strlen(text), TL_LOC_LOCAL_MACHINE, NULL);
}

/* Each change on one line: "section kind object [name] old -> new @old_loc @new_loc". */
static char *drift_text(const tl_drift *d)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < d->count; i++) {
		const tl_drift_change *c = &d->changes[i];

		tl_buf_printf(&b, "%s %s %s", tl_drift_section_name(c->section),
			      tl_drift_kind_name(c->kind), c->object);
		if (c->name)
			tl_buf_printf(&b, " [%s]", c->name);
		tl_buf_printf(&b, " %s -> %s", c->old_value ? c->old_value : "-",
			      c->new_value ? c->new_value : "-");
		if (c->old_loc.file) {
			tl_buf_adds(&b, " @");
			tl_loc_format(&c->old_loc, &b);
		}
		if (c->new_loc.file) {
			tl_buf_adds(&b, " @");
			tl_loc_format(&c->new_loc, &b);
		}
		tl_buf_adds(&b, "\n");
	}
	if (!b.data)
		tl_buf_adds(&b, "");
	return tl_buf_steal(&b);
}

#define ck_drift(old_in, new_in, want)                                   \
	do {                                                             \
		tl_drift *d_ = tl_drift_compare((old_in), (new_in));     \
		char *got_ = drift_text(d_);                             \
		ck_assert_str_eq(got_, want);                            \
		free(got_);                                              \
		tl_drift_free(d_);                                       \
	} while (0)

#define ROOT_SHA1 "F24ED8049CACDC167A5E66B5B01845AEA3167A5A"
#define ISSUING_SHA1 "B1C1FB8BDC20A60DAE95BA4425B61A7746097A66"

/* The issuing CA in Root and CA before, in CA alone after: the CA store
 * keeps it (matched per store first), so Root lost it: a removal, not a
 * move. The root leaves Root for TrustedPeople: a move. */
START_TEST(entries_per_store_then_moved)
{
	tl_inputs *o = tl_inputs_new(), *n = tl_inputs_new();

	add_cert(o, "root", "Root");
	add_cert(o, "issuing", "Root");
	add_cert(o, "issuing", "CA");
	add_cert(n, "issuing", "CA");
	add_cert(n, "root", "TrustedPeople");
	tl_inputs_finish(o);
	tl_inputs_finish(n);
	ck_drift(o, n,
		 "certificates removed " ISSUING_SHA1 " [certificate] LocalMachine\\Root -> - @Root-issuing.pem:1:1\n"
		 "certificates moved " ROOT_SHA1 " [certificate] LocalMachine\\Root -> LocalMachine\\TrustedPeople"
		 " @Root-root.pem:1:1 @TrustedPeople-root.pem:1:1\n");
	/* and back: the same, the other way round */
	ck_drift(n, o,
		 "certificates added " ISSUING_SHA1 " [certificate] - -> LocalMachine\\Root @Root-issuing.pem:1:1\n"
		 "certificates moved " ROOT_SHA1 " [certificate] LocalMachine\\TrustedPeople -> LocalMachine\\Root"
		 " @TrustedPeople-root.pem:1:1 @Root-root.pem:1:1\n");
	ck_drift(o, o, "");
	tl_inputs_free(o);
	tl_inputs_free(n);
}
END_TEST

/* Twice in one store before, once after: one of the two is removed. */
START_TEST(entries_duplicate_in_store)
{
	tl_inputs *o = tl_inputs_new(), *n = tl_inputs_new();

	add_cert(o, "root", "Root");
	add_cert(o, "root", "root");
	add_cert(n, "root", "ROOT");
	tl_inputs_finish(o);
	tl_inputs_finish(n);
	ck_drift(o, n, "certificates removed " ROOT_SHA1 " [certificate] LocalMachine\\Root -> - @root-root.pem:1:1\n");
	tl_inputs_free(o);
	tl_inputs_free(n);
}
END_TEST

#define REG5 "Windows Registry Editor Version 5.00\r\n\r\n"
#define SCHANNEL_OLD "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\SecurityProviders\\SCHANNEL]\r\n"
#define SCHANNEL_NEW "[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\schannel]\r\n"
#define SNI "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\\SslSniBindingInfo"

/* ControlSet001 and CurrentControlSet, SCHANNEL and schannel, value names
 * in any case are the same settings; a key outside those trustlint reads
 * is not compared; a binding key added says so, then each of its values;
 * the keys created on the way have no line of their own. */
START_TEST(settings_by_normalised_path)
{
	tl_inputs *o = tl_inputs_new(), *n = tl_inputs_new();

	add_text(o, "old.reg",
		 REG5 SCHANNEL_OLD "\"ClientAuthTrustMode\"=dword:00000000\r\n"
		 "\"EventLogging\"=dword:00000001\r\n\r\n"
		 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Unrelated]\r\n\"X\"=dword:00000001\r\n");
	add_text(n, "new.reg",
		 REG5 SCHANNEL_NEW "\"clientauthtrustmode\"=dword:00000002\r\n"
		 "\"EventLogging\"=dword:00000001\r\n"
		 "\"IssuerCacheSize\"=hex:01,02\r\n\r\n"
		 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Unrelated]\r\n\"X\"=dword:00000002\r\n\r\n"
		 "[" SNI "\\a.test:443]\r\n\"SslCertStoreName\"=\"My\"\r\n");
	tl_inputs_finish(o);
	tl_inputs_finish(n);
	ck_drift(o, n,
		 "settings changed HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\schannel"
		 " [clientauthtrustmode] dword:00000000 -> dword:00000002 @old.reg:4 @new.reg:4\n"
		 "settings added HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\schannel"
		 " [IssuerCacheSize] - -> hex:01,02 @new.reg:6\n"
		 "settings added HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters - -> -\n"
		 "settings added " SNI " - -> -\n"
		 "settings added " SNI "\\a.test:443 - -> - @new.reg:11\n"
		 "settings added " SNI "\\a.test:443 [SslCertStoreName] - -> \"My\" @new.reg:12\n");
	tl_inputs_free(o);
	tl_inputs_free(n);
}
END_TEST

#define APPHOST(bindings, flags)                                                                  \
	"<configuration><system.applicationHost><sites>\n"                                       \
	"<site name=\"Shop\" id=\"1\"><application path=\"/\"/><bindings>\n" bindings            \
	"</bindings></site></sites></system.applicationHost>\n"                                  \
	"<location path=\"Shop\"><system.webServer><security><access sslFlags=\"" flags "\"/>" \
	"</security></system.webServer></location></configuration>\n"
#define HTTPS_443 "<binding protocol=\"https\" bindingInformation=\"*:443:\"/>\n"

/* A binding added and the client certificate setting of a path changed,
 * each at its line. */
START_TEST(sites_bindings_and_paths)
{
	tl_inputs *o = tl_inputs_new(), *n = tl_inputs_new();

	add_text(o, "old.config", APPHOST(HTTPS_443, "Ssl, SslNegotiateCert"));
	add_text(n, "new.config",
		 APPHOST(HTTPS_443 "<binding protocol=\"https\" bindingInformation=\"*:8443:\" sslFlags=\"1\"/>\n",
			 "Ssl, SslRequireCert"));
	tl_inputs_finish(o);
	tl_inputs_finish(n);
	ck_drift(o, n,
		 "sites added Shop [binding https *:8443:] - -> sslFlags Sni @new.config:4:1\n"
		 "sites changed Shop [path Shop] sslFlags Ssl, SslNegotiateCert -> sslFlags Ssl, SslRequireCert"
		 " @old.config:5:51 @new.config:6:51\n");
	tl_inputs_free(o);
	tl_inputs_free(n);
}
END_TEST

/* A rule that fires on every certificate in Root (error) and one on every
 * CA certificate in CA (note). */
static const char RULES[] =
	"[in-root]\ntitle = in Root\nlevel = error\nwhen = store == \"Root\"\nassert = false\n"
	"message = '{subject}' is in Root\n"
	"[in-ca]\ntitle = in CA\nlevel = note\nwhen = store == \"CA\"\nassert = false\n"
	"message = '{subject}' is in CA\n";

/* The issuing CA moves from Root to CA: its in-root finding is fixed,
 * its in-ca finding new; the root stays, and so does its finding. Only
 * the new note counts for --fail-on. */
START_TEST(findings_new_and_fixed)
{
	tl_ruleset *rs = tt_rules_from_text(RULES);
	tl_inputs *o = tl_inputs_new(), *n = tl_inputs_new();
	tl_diff *d;
	tt_mem m;
	char *buf;
	size_t len;
	json_t *doc, *results;

	add_cert(o, "root", "Root");
	add_cert(o, "issuing", "Root");
	add_cert(n, "root", "Root");
	add_cert(n, "issuing", "CA");
	tl_inputs_finish(o);
	tl_inputs_finish(n);
	d = tl_diff_new(rs, o, "old", n, "new", NOW);
	ck_assert_uint_eq(d->added_count, 1);
	ck_assert_str_eq(d->added[0]->rule_id, "in-ca");
	ck_assert_uint_eq(d->fixed_count, 1);
	ck_assert_str_eq(d->fixed[0]->rule_id, "in-root");
	ck_assert_str_eq(d->fixed[0]->message, "'O=Lint Test (synthetic),CN=Lint Test Issuing CA' is in Root");
	ck_assert_uint_eq(tl_diff_failing(d, TL_ERROR), 0);
	ck_assert_uint_eq(tl_diff_failing(d, TL_WARNING), 0);
	ck_assert_uint_eq(tl_diff_failing(d, TL_NOTE), 1);
	ck_assert_uint_eq(tl_diff_failing(d, -1), 0);

	ck_assert_int_eq(tl_diff_sarif(d, 1, NULL, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	doc = tt_json_doc(buf, len, "diff SARIF", true);
	results = json_object_get(json_array_get(json_object_get(doc, "runs"), 0), "results");
	ck_assert_uint_eq(json_array_size(results), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(results, 0), "ruleId")), "in-ca");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(results, 0), "baselineState")),
			 "new");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(results, 1), "ruleId")), "in-root");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(results, 1), "baselineState")),
			 "absent");
	json_decref(doc);

	ck_assert_int_eq(tl_diff_json(d, 1, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	doc = tt_json_doc(buf, len, "diff JSON", true);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(doc, "summary"), "certificates")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(doc, "certificates"), 0),
							  "change")),
			 "moved");
	json_decref(doc);
	tl_diff_free(d);
	tl_inputs_free(o);
	tl_inputs_free(n);
	tl_ruleset_free(rs);
}
END_TEST

/* A subject that would drive a terminal is escaped in the text report. */
START_TEST(text_escapes)
{
	tl_ruleset *rs = tt_rules_from_text(RULES);
	tl_inputs *o = tl_inputs_new(), *n = tl_inputs_new();
	tl_diff *d;
	tt_mem m;
	char *buf;
	size_t len;

	add_text(n, "new.reg",
		 REG5 "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n"
		 "\"ProductName\"=\"a\x1b" "[31m\"\r\n");
	add_cert(o, "root", "Root");
	add_cert(n, "root", "Root");
	tl_inputs_finish(o);
	tl_inputs_finish(n);
	d = tl_diff_new(rs, o, "old\x1b]", n, "new", NOW);
	ck_assert_int_eq(tl_diff_text(d, false, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	ck_assert_ptr_null(strchr(buf, '\x1b'));
	ck_assert_ptr_nonnull(strstr(buf, "old: old\\x1b]\n"));
	ck_assert_ptr_nonnull(strstr(buf, "0 new findings (0 errors, 0 warnings, 0 notes), 0 fixed\n"));
	free(buf);
	tl_diff_free(d);
	tl_inputs_free(o);
	tl_inputs_free(n);
	tl_ruleset_free(rs);
}
END_TEST

static Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, entries_per_store_then_moved);
	tcase_add_test(tc, entries_duplicate_in_store);
	tcase_add_test(tc, settings_by_normalised_path);
	tcase_add_test(tc, sites_bindings_and_paths);
	tcase_add_test(tc, findings_new_and_fixed);
	tcase_add_test(tc, text_escapes);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(diff_suite());
}
