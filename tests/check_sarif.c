/* check_sarif.c: the SARIF 2.1.0 log (sarif.h), parsed back with jansson:
 * the log and run shape, rule descriptors from the rule set then one per
 * input-* id, results with their rule index, physical and logical
 * locations, fingerprints (recomputed here from their definition), object
 * properties and suppressions, notifications, artifacts with percent-encoded
 * URIs, the exit code, and a write error. */
#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/fields.h"
#include "input/input.h"
#include "rules/lint.h"
#include "rules/ruleset.h"
#include "report/sarif.h"
#include "testutil.h"
#include "base/diagids.h"
#include "base/util.h"

#define CERTS "fixtures/reg/synthetic/certs/"
#define NOW 1767225600 /* 2026-01-01 */

static const char RULES[] =
	"[root-is-ca]\ntitle = Roots are CAs\nlevel = warning\nwhen = self_signed\n"
	"assert = !is_ca\nmessage = '{subject}' is a CA\n"
	"description = Long text.\nhelp = Do this.\nhelp_uri = https://example.org/r\n"
	"tags = a, b\nsecurity_severity = 4\nprecision = high\n"
	"[quiet]\ntitle = Never\nlevel = note\nenabled = false\nassert = false\n";

#define BAD_BLOCK "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"

typedef struct run {
	tl_ruleset *rs;
	tl_inputs *in;
	tl_view *v;
	tl_findings f;
} run;

/* Inputs: "dir/a b#1.pem" (LocalMachine\Root: a broken block, then the
 * root at line 4), "/abs/r.cer" (CurrentUser\Root: the root as DER). */
static void run_all(run *r)
{
	tl_buf a = {0};
	size_t len;
	uint8_t *data;

	memset(r, 0, sizeof(*r));
	r->rs = tt_rules_from_text(RULES);
	r->in = tl_inputs_new();
	tl_buf_adds(&a, BAD_BLOCK);
	data = tt_read_testdata(CERTS "root.pem", &len);
	tl_buf_add(&a, data, len);
	free(data);
	tl_inputs_add_memory(r->in, "dir/a b#1.pem", a.data, a.len, TL_LOC_LOCAL_MACHINE, "Root");
	tl_buf_free(&a);
	data = tt_read_testdata(CERTS "root.cer", &len);
	tl_inputs_add_memory(r->in, "/abs/r.cer", data, len, TL_LOC_CURRENT_USER, "Root");
	free(data);
	tl_inputs_finish(r->in);
	r->v = tl_view_new(r->in, NOW);
	tl_lint_run(r->rs, r->v, r->in, &r->f);
}

static void run_free(run *r)
{
	tl_findings_free(&r->f);
	tl_view_free(r->v);
	tl_inputs_free(r->in);
	tl_ruleset_free(r->rs);
}

static json_t *sarif(run *r, int exit_code)
{
	tt_mem m;
	size_t len;
	char *buf;

	ck_assert_int_eq(tl_sarif_write(&r->f, r->rs, r->in, NULL, exit_code, NULL, tt_mem_open(&m)), 0);
	buf = tt_mem_close(&m, &len);
	return tt_json_doc(buf, len, "the log", true);
}

/* A member by a dotted path of keys and [n] indexes: "runs[0].tool". */
static json_t *at(json_t *j, const char *path)
{
	const char *p = path;

	while (j && *p) {
		if (*p == '[') {
			char *end;
			unsigned long i = strtoul(p + 1, &end, 10);
			j = json_array_get(j, i);
			p = end + 1;
		} else {
			size_t n = strcspn(p, ".[");
			char *key = tl_xstrndup(p, n);
			j = json_object_get(j, key);
			free(key);
			p += n;
		}
		if (*p == '.')
			p++;
	}
	ck_assert_msg(j != NULL, "no %s", path);
	return j;
}

static void ck_str(json_t *j, const char *path, const char *want)
{
	json_t *v = at(j, path);

	ck_assert_msg(json_is_string(v), "%s is not a string", path);
	ck_assert_str_eq(json_string_value(v), want);
}

static void ck_int(json_t *j, const char *path, json_int_t want)
{
	json_t *v = at(j, path);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", path);
	ck_assert_int_eq(json_integer_value(v), want);
}

static void ck_absent(json_t *j, const char *key)
{
	ck_assert_msg(json_object_get(j, key) == NULL, "'%s' present", key);
}

START_TEST(log_shape)
{
	run r;
	json_t *doc;

	run_all(&r);
	doc = sarif(&r, 1);
	ck_str(doc, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	ck_str(doc, "version", "2.1.0");
	ck_assert_uint_eq(json_array_size(at(doc, "runs")), 1);
	ck_str(doc, "runs[0].tool.driver.name", "trustlint");
	ck_str(doc, "runs[0].tool.driver.version", PACKAGE_VERSION);
	ck_str(doc, "runs[0].tool.driver.informationUri", PACKAGE_URL);
	/* no timestamps: a golden file stays golden */
	ck_absent(at(doc, "runs[0].invocations[0]"), "startTimeUtc");
	ck_absent(at(doc, "runs[0].invocations[0]"), "endTimeUtc");
	ck_assert(json_is_true(at(doc, "runs[0].invocations[0].executionSuccessful")));
	ck_int(doc, "runs[0].invocations[0].exitCode", 1);
	json_decref(doc);
	/* exit status 2 marks the run as failed */
	doc = sarif(&r, 2);
	ck_assert(json_is_false(at(doc, "runs[0].invocations[0].executionSuccessful")));
	ck_int(doc, "runs[0].invocations[0].exitCode", 2);
	json_decref(doc);
	run_free(&r);
}
END_TEST

START_TEST(rule_descriptors)
{
	run r;
	json_t *doc, *rules, *d;

	run_all(&r);
	doc = sarif(&r, 1);
	rules = at(doc, "runs[0].tool.driver.rules");
	/* every rule of the set, the disabled one too, then the input id */
	ck_assert_uint_eq(json_array_size(rules), 3);
	d = json_array_get(rules, 0);
	ck_str(d, "id", "root-is-ca");
	ck_str(d, "name", "RootIsCa");
	ck_str(d, "shortDescription.text", "Roots are CAs");
	ck_str(d, "fullDescription.text", "Long text.");
	ck_str(d, "help.text", "Do this.");
	ck_str(d, "help.markdown", "Do this.\n\n[root-is-ca](https://example.org/r)");
	ck_str(d, "helpUri", "https://example.org/r");
	ck_str(d, "defaultConfiguration.level", "warning");
	ck_absent(at(d, "defaultConfiguration"), "enabled");
	/* "security" added: the rule has a security severity */
	ck_assert_uint_eq(json_array_size(at(d, "properties.tags")), 3);
	ck_str(d, "properties.tags[0]", "a");
	ck_str(d, "properties.tags[1]", "b");
	ck_str(d, "properties.tags[2]", "security");
	ck_str(d, "properties.precision", "high");
	/* a string, as GitHub code scanning reads it */
	ck_str(d, "properties.security-severity", "4.0");

	d = json_array_get(rules, 1);
	ck_str(d, "id", "quiet");
	ck_str(d, "name", "Quiet");
	ck_str(d, "fullDescription.text", "Never");
	ck_str(d, "help.text", "Never");
	ck_absent(d, "helpUri");
	ck_assert(json_is_false(at(d, "defaultConfiguration.enabled")));
	ck_str(d, "defaultConfiguration.level", "note");
	ck_assert_uint_eq(json_array_size(at(d, "properties.tags")), 0);
	ck_absent(at(d, "properties"), "security-severity");

	d = json_array_get(rules, 2);
	ck_str(d, "id", "input-pem-bad-base64");
	ck_str(d, "name", "InputPemBadBase64");
	/* from the one diagnostics table (base/diagids.c) */
	ck_str(d, "shortDescription.text",
	       "a PEM block's base64 data is invalid or ends with an incomplete group: the block is skipped");
	ck_str(d, "help.text", tl_diag_info("input-pem-bad-base64")->help);
	ck_str(d, "defaultConfiguration.level", "error");
	ck_str(d, "properties.tags[0]", "input");
	json_decref(doc);
	run_free(&r);
}
END_TEST

/* SHA-256 of "rule\0object", first 32 hex digits, ":1" (baseline.h). */
static char *expected_fingerprint(const char *rule, const char *object)
{
	tl_buf in = {0};
	uint8_t h[32];
	char *hex, *fp;

	tl_buf_adds(&in, rule);
	tl_buf_addc(&in, '\0');
	tl_buf_adds(&in, object);
	gnutls_hash_fast(GNUTLS_DIG_SHA256, in.data, in.len, h);
	hex = tl_xhex(h, 16, false);
	fp = tl_xasprintf("%s:1", hex);
	free(hex);
	tl_buf_free(&in);
	return fp;
}

#define ROOT_SHA1 "F24ED8049CACDC167A5E66B5B01845AEA3167A5A"
#define ROOT_SHA256 "9C32F020A96370C57744EE9716D5304C524D8ABB329A5279575462342E7C81D3"
#define ROOT_SUBJECT "O=Lint Test (synthetic),CN=Lint Test Root CA"

START_TEST(results)
{
	run r;
	json_t *doc, *res, *x;
	char *fp;

	run_all(&r);
	doc = sarif(&r, 1);
	res = at(doc, "runs[0].results");
	/* the input diagnostic, then the root in each input */
	ck_assert_uint_eq(json_array_size(res), 3);

	x = json_array_get(res, 0);
	ck_str(x, "ruleId", "input-pem-bad-base64");
	ck_int(x, "ruleIndex", 2);
	ck_str(x, "level", "error");
	ck_str(x, "message.text", "invalid base64 character '!'");
	ck_str(x, "locations[0].physicalLocation.artifactLocation.uri", "dir/a%20b%231.pem");
	ck_str(x, "locations[0].physicalLocation.artifactLocation.uriBaseId", "%SRCROOT%");
	ck_int(x, "locations[0].physicalLocation.artifactLocation.index", 0);
	ck_int(x, "locations[0].physicalLocation.region.startLine", 2);
	ck_int(x, "locations[0].physicalLocation.region.startColumn", 1);
	ck_absent(at(x, "locations[0]"), "logicalLocations");
	ck_absent(x, "properties");
	ck_absent(x, "suppressions");
	ck_absent(x, "baselineState");

	x = json_array_get(res, 1);
	ck_str(x, "ruleId", "root-is-ca");
	ck_int(x, "ruleIndex", 0);
	ck_str(x, "level", "warning");
	/* the thumbprint is added when the message lacks it (GitHub lists alerts
	 * by message) */
	ck_str(x, "message.text", "'" ROOT_SUBJECT "' is a CA [SHA-1 " ROOT_SHA1 "]");
	ck_int(x, "locations[0].physicalLocation.region.startLine", 4);
	ck_str(x, "locations[0].logicalLocations[0].fullyQualifiedName",
	       "LocalMachine\\Root\\" ROOT_SHA1);
	ck_str(x, "locations[0].logicalLocations[0].kind", "resource");
	fp = expected_fingerprint("root-is-ca", "LocalMachine\\Root\\" ROOT_SHA1);
	ck_str(x, "partialFingerprints.primaryLocationLineHash", fp);
	free(fp);
	ck_str(x, "properties.sha1", ROOT_SHA1);
	ck_str(x, "properties.sha256", ROOT_SHA256);
	ck_str(x, "properties.store", "LocalMachine\\Root");
	ck_str(x, "properties.subject", ROOT_SUBJECT);

	/* the same certificate elsewhere: another fingerprint; a binary
	 * region with a line for GitHub; an absolute path as a file URI */
	x = json_array_get(res, 2);
	ck_str(x, "locations[0].physicalLocation.artifactLocation.uri", "file:///abs/r.cer");
	ck_absent(at(x, "locations[0].physicalLocation.artifactLocation"), "uriBaseId");
	ck_int(x, "locations[0].physicalLocation.artifactLocation.index", 1);
	ck_int(x, "locations[0].physicalLocation.region.byteOffset", 0);
	ck_int(x, "locations[0].physicalLocation.region.byteLength", 810);
	ck_int(x, "locations[0].physicalLocation.region.startLine", 1);
	fp = expected_fingerprint("root-is-ca", "CurrentUser\\Root\\" ROOT_SHA1);
	ck_str(x, "partialFingerprints.primaryLocationLineHash", fp);
	free(fp);
	ck_str(x, "properties.store", "CurrentUser\\Root");
	json_decref(doc);
	run_free(&r);
}
END_TEST

START_TEST(suppressions)
{
	static const tl_waived_by lab = {"lab", "a lab root", "pki@example.org"};
	static const tl_waived_by user = {"user", "kept", NULL};
	run r;
	json_t *doc, *x;

	run_all(&r);
	r.f.items[1].waiver = &lab;
	r.f.items[2].waiver = &user;
	doc = sarif(&r, 0);
	x = at(doc, "runs[0].results[1]");
	ck_assert_uint_eq(json_array_size(at(x, "suppressions")), 1);
	ck_str(x, "suppressions[0].kind", "external");
	ck_str(x, "suppressions[0].justification", "a lab root");
	ck_str(x, "suppressions[0].properties.waiver", "lab");
	ck_str(x, "suppressions[0].properties.owner", "pki@example.org");
	x = at(doc, "runs[0].results[2]");
	ck_str(x, "suppressions[0].properties.waiver", "user");
	ck_absent(at(x, "suppressions[0].properties"), "owner");
	json_decref(doc);
	run_free(&r);
}
END_TEST

START_TEST(notifications_and_artifacts)
{
	run r;
	json_t *doc, *n, *a;

	run_all(&r);
	doc = sarif(&r, 1);
	n = at(doc, "runs[0].invocations[0].toolExecutionNotifications");
	ck_assert_uint_eq(json_array_size(n), 1);
	ck_str(n, "[0].level", "error");
	ck_str(n, "[0].message.text", "invalid base64 character '!'");
	ck_str(n, "[0].descriptor.id", "input-pem-bad-base64");
	ck_str(n, "[0].locations[0].physicalLocation.artifactLocation.uri", "dir/a%20b%231.pem");
	ck_int(n, "[0].locations[0].physicalLocation.region.startLine", 2);
	a = at(doc, "runs[0].artifacts");
	ck_assert_uint_eq(json_array_size(a), 2);
	ck_str(a, "[0].location.uri", "dir/a%20b%231.pem");
	ck_str(a, "[0].location.uriBaseId", "%SRCROOT%");
	ck_int(a, "[1].length", 810);
	ck_str(a, "[1].location.uri", "file:///abs/r.cer");
	/* only a .reg has an encoding */
	ck_absent(json_array_get(a, 0), "encoding");
	ck_absent(json_array_get(a, 1), "encoding");
	json_decref(doc);
	run_free(&r);
}
END_TEST

/* An artifact's URI and encoding for one in-memory input. */
static void ck_artifact(const char *path, const void *data, size_t len, const char *uri,
			const char *encoding)
{
	run r;
	json_t *doc, *a;

	memset(&r, 0, sizeof(r));
	r.rs = tl_ruleset_new(tl_fields_catalogue());
	r.in = tl_inputs_new();
	tl_inputs_add_memory(r.in, path, data, len, TL_LOC_LOCAL_MACHINE, "My");
	tl_inputs_finish(r.in);
	r.v = tl_view_new(r.in, NOW);
	tl_lint_run(r.rs, r.v, r.in, &r.f);
	doc = sarif(&r, 0);
	a = at(doc, "runs[0].artifacts[0]");
	ck_str(a, "location.uri", uri);
	ck_int(a, "length", (json_int_t)len);
	if (encoding)
		ck_str(a, "encoding", encoding);
	else
		ck_absent(a, "encoding");
	json_decref(doc);
	run_free(&r);
}

START_TEST(artifact_uris_and_encodings)
{
	static const char reg_ansi[] = "REGEDIT4\r\n\r\n";
	static const char reg_utf16[] = "\xFF\xFEW\0i\0n\0d\0o\0w\0s\0 \0R\0e\0g\0i\0s\0t\0r\0y\0 \0"
					"E\0d\0i\0t\0o\0r\0 \0V\0e\0r\0s\0i\0o\0n\0 \0"
					"5\0.\0\x30\0\x30\0\r\0\n\0";

	/* RFC 3986: unreserved characters and '/' stay, the rest is encoded */
	ck_artifact("a-b_c.d~e/f", "", 0, "a-b_c.d~e/f", NULL);
	ck_artifact("c:\\x%y.pem", "", 0, "c%3A%5Cx%25y.pem", NULL);
	ck_artifact("caf\xC3\xA9.sst", "", 0, "caf%C3%A9.sst", NULL);
	ck_artifact("/a b/c", "", 0, "file:///a%20b/c", NULL);
	/* regedit's two encodings */
	ck_artifact("m.reg", reg_ansi, sizeof(reg_ansi) - 1, "m.reg", "windows-1252");
	ck_artifact("u.reg", reg_utf16, sizeof(reg_utf16) - 1, "u.reg", "utf-16le");
}
END_TEST

START_TEST(write_error)
{
	run r;
	FILE *out;

	run_all(&r);
	out = fopen("/dev/full", "w");
	ck_assert_ptr_nonnull(out);
	setvbuf(out, NULL, _IONBF, 0);
	ck_assert_int_eq(tl_sarif_write(&r.f, r.rs, r.in, NULL, 1, NULL, out), -1);
	fclose(out);
	run_free(&r);
}
END_TEST

static Suite *sarif_suite(void)
{
	Suite *s = suite_create("sarif");
	TCase *tc = tcase_create("log");

	tcase_add_test(tc, log_shape);
	tcase_add_test(tc, rule_descriptors);
	tcase_add_test(tc, results);
	tcase_add_test(tc, suppressions);
	tcase_add_test(tc, notifications_and_artifacts);
	tcase_add_test(tc, artifact_uris_and_encodings);
	tcase_add_test(tc, write_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(sarif_suite());
}
