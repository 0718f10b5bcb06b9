/* check_waiver.c: the --waivers file: every error with its position, and
 * matching findings by each key, wildcards and expiry. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fields.h"
#include "lint.h"
#include "store.h"
#include "testutil.h"
#include "waiver.h"

/* The waiver files are loaded by relative name so messages are stable. */
static void in_waivers_dir(void)
{
	ck_assert_int_eq(chdir(tt_testdata_path("waivers")), 0);
}

/* Load rel, expecting failure with exactly the diagnostics expected. */
#define ck_load_fails(rel, expected)                              \
	do {                                                      \
		tl_diags *d_ = tl_diags_new();                    \
		ck_assert_ptr_null(tl_waivers_load(rel, d_));     \
		tt_ck_diags(d_, expected);                        \
		tl_diags_free(d_);                                \
	} while (0)

static tl_waivers *load_ok(const char *rel)
{
	tl_diags *d = tl_diags_new();
	tl_waivers *w = tl_waivers_load(rel, d);

	tt_ck_diags(d, "");
	ck_assert_ptr_nonnull(w);
	tl_diags_free(d);
	return w;
}

START_TEST(load_good)
{
	tl_waivers *w = load_ok("good.ini");

	ck_assert_uint_eq(tl_waivers_count(w), 5);
	tl_waivers_free(w);
	w = load_ok("crlf.ini");
	ck_assert_uint_eq(tl_waivers_count(w), 1);
	tl_waivers_free(w);
	w = load_ok("empty.ini");
	ck_assert_uint_eq(tl_waivers_count(w), 0);
	tl_waivers_free(w);
}
END_TEST

START_TEST(load_errors)
{
	ck_load_fails("errors.ini",
		"errors.ini:5:10: error: missing ']' after section name [waiver-file]\n"
		"errors.ini:7:4: error: unexpected text after ']' [waiver-file]\n"
		"errors.ini:8:1: error: empty waiver name [waiver-file]\n"
		"errors.ini:9:2: error: duplicate waiver 'ok' (first at line 1) [waiver-file]\n"
		"errors.ini:11:8: error: invalid rule id 'Bad_Rule' (expected a rule id or '*') [waiver-file]\n"
		"errors.ini:12:8: error: invalid sha1 '0011' (expected 40 hex digits) [waiver-file]\n"
		"errors.ini:14:1: error: duplicate key 'sha1' in waiver 'bad-values' (first at line 13) [waiver-file]\n"
		"errors.ini:15:1: error: unknown key 'color' (expected rule, sha1, sha256, binding, store, object, reason, expires or owner) [waiver-file]\n"
		"errors.ini:16:11: error: invalid expires '2024-13-01' (expected YYYY-MM-DD or an RFC 3339 time) [waiver-file]\n"
		"errors.ini:17:9: error: empty value for 'reason' [waiver-file]\n"
		"errors.ini:18:1: error: expected '[NAME]' or 'key = value' [waiver-file]\n"
		"errors.ini:19:2: error: missing key before '=' [waiver-file]\n"
		"errors.ini:10:1: error: waiver 'bad-values' has no 'rule' [waiver-file]\n"
		"errors.ini:10:1: error: waiver 'bad-values' has no 'reason' [waiver-file]\n"
		"errors.ini:24:1: error: waiver 'both' has both 'sha1' (line 23) and 'binding': give exactly one of sha1, sha256, binding, store or object [waiver-file]\n"
		"errors.ini:25:1: error: duplicate key 'reason' in waiver 'both' (first at line 22) [waiver-file]\n"
		"errors.ini:27:11: error: invalid binding '0.0.0.0:99999' (expected HOST:PORT, like 0.0.0.0:443) [waiver-file]\n"
		"errors.ini:28:11: error: invalid binding ':443' (expected HOST:PORT, like 0.0.0.0:443) [waiver-file]\n"
		"errors.ini:29:9: error: invalid store 'Nowhere\\Root' (expected STORE or LOCATION\\STORE, like LocalMachine\\Root) [waiver-file]\n"
		"errors.ini:30:9: error: invalid store 'LocalMachine\\' (expected STORE or LOCATION\\STORE, like LocalMachine\\Root) [waiver-file]\n"
		"errors.ini:31:10: error: invalid sha256 '00' (expected 64 hex digits) [waiver-file]\n"
		"errors.ini:26:1: error: waiver 'bad-target' has no 'rule' [waiver-file]\n"
		"errors.ini:26:1: error: waiver 'bad-target' has none of sha1, sha256, binding, store or object [waiver-file]\n"
		"errors.ini:26:1: error: waiver 'bad-target' has no 'reason' [waiver-file]\n"
		"errors.ini:33:11: error: invalid expires '2023-02-29' (expected YYYY-MM-DD or an RFC 3339 time) [waiver-file]\n"
		"errors.ini:32:1: error: waiver 'empty' has no 'rule' [waiver-file]\n"
		"errors.ini:32:1: error: waiver 'empty' has none of sha1, sha256, binding, store or object [waiver-file]\n"
		"errors.ini:32:1: error: waiver 'empty' has no 'reason' [waiver-file]\n");
}
END_TEST

START_TEST(load_other_errors)
{
	ck_load_fails("missing.ini",
		      "missing.ini: error: cannot read: No such file or directory [waiver-file]\n");
	ck_load_fails("before-section.ini",
		      "before-section.ini:1:1: error: key 'rule' before the first [waiver] section "
		      "[waiver-file]\n"
		      "before-section.ini:2:1: error: waiver 'a' has none of sha1, sha256, binding, "
		      "store or object [waiver-file]\n"
		      "before-section.ini:2:1: error: waiver 'a' has no 'reason' [waiver-file]\n");
	ck_load_fails("encoding.ini",
		      "encoding.ini:4:16: error: invalid UTF-8 in the waiver file [waiver-file]\n"
		      "encoding.ini:5:10: error: control character in the waiver file [waiver-file]\n");
	ck_load_fails("nul.ini",
		      "nul.ini:3:10: error: NUL byte in the waiver file [waiver-file]\n");
}
END_TEST

/* A small world: two stores, two certificates, one CTL, one binding. */
static tl_store root_store, cu_ca_store, my_store;
static tl_entry cert_a, cert_b, ctl_entry, unparsed;
static tl_view_cert vc_a, vc_b, vc_ctl, vc_unparsed, vc_b_my;
static tl_view_binding vb;
static tl_view_store vs_cu_ca;

static void world(void)
{
	static const uint8_t sha1_a[20] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
					   0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
					   0x00, 0x11, 0x22, 0x33};
	static const uint8_t sha256_b[32] = {
		0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, 0x22, 0x33, 0x44,
		0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99};

	in_waivers_dir();
	memset(&root_store, 0, sizeof(root_store));
	root_store.location = TL_LOC_LOCAL_MACHINE;
	root_store.name = (char *)"Root";
	memset(&cu_ca_store, 0, sizeof(cu_ca_store));
	cu_ca_store.location = TL_LOC_CURRENT_USER;
	cu_ca_store.name = (char *)"CA";
	memset(&my_store, 0, sizeof(my_store));
	my_store.location = TL_LOC_LOCAL_MACHINE;
	my_store.name = (char *)"My";
	memset(&cert_a, 0, sizeof(cert_a));
	cert_a.parsed = true;
	memcpy(cert_a.cert.sha1, sha1_a, 20);
	memset(&cert_b, 0, sizeof(cert_b));
	cert_b.parsed = true;
	memcpy(cert_b.cert.sha256, sha256_b, 32);
	ctl_entry = cert_a;
	ctl_entry.kind = TL_ENTRY_CTL;
	memset(&unparsed, 0, sizeof(unparsed));
	memcpy(unparsed.cert.sha1, sha1_a, 20); /* not parsed: never matched by hash */
	vc_a = (tl_view_cert){&root_store, &cert_a};
	vc_b = (tl_view_cert){&root_store, &cert_b};
	vc_ctl = (tl_view_cert){&root_store, &ctl_entry};
	vc_unparsed = (tl_view_cert){&root_store, &unparsed};
	vc_b_my = (tl_view_cert){&my_store, &cert_b};
	memset(&vb, 0, sizeof(vb));
	vb.endpoint = (char *)"portal.lint.test:443";
	memset(&vs_cu_ca, 0, sizeof(vs_cu_ca));
	vs_cu_ca.location = TL_LOC_CURRENT_USER;
	vs_cu_ca.name = "ca";
}

static void add(tl_findings *f, const char *rule_id, int scope, const void *obj)
{
	tl_finding *x;

	tl_xgrow((void **)&f->items, &f->cap, f->count + 1, sizeof(*f->items));
	x = &f->items[f->count];
	memset(x, 0, sizeof(*x));
	x->rule_id = rule_id;
	x->scope = scope;
	x->obj = obj;
	x->order = f->count++;
}

static void findings_free(tl_findings *f)
{
	free(f->items);
	memset(f, 0, sizeof(*f));
}

/* The waiver id of each finding, "-" when not waived, joined by spaces. */
static char *waived_ids(const tl_findings *f)
{
	tl_buf b = {0};
	size_t i;

	for (i = 0; i < f->count; i++) {
		const tl_finding *x = &f->items[i];

		if (i)
			tl_buf_addc(&b, ' ');
		ck_assert_int_eq(x->waived, x->waiver_id != NULL);
		tl_buf_adds(&b, x->waived ? x->waiver_id : "-");
	}
	if (!b.data)
		return tl_xstrdup("");
	return tl_buf_steal(&b);
}

#define ck_waived(f, expected)                     \
	do {                                       \
		char *got_ = waived_ids(f);        \
		ck_assert_str_eq(got_, expected);  \
		free(got_);                        \
	} while (0)

START_TEST(match_each_key)
{
	tl_waivers *w = load_ok("good.ini");
	tl_diags *notes = tl_diags_new();
	tl_findings f = {0};
	int64_t now;

	ck_assert_int_eq(tl_parse_time("2024-01-01T00:00:00Z", &now), 0);
	add(&f, "root-not-self-signed", TL_SCOPE_CERT, &vc_a); /* sha1 */
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_a);         /* other rule: no */
	add(&f, "root-not-self-signed", TL_SCOPE_CTL, &vc_ctl); /* sha1, CTL scope */
	add(&f, "root-not-self-signed", TL_SCOPE_CERT, &vc_unparsed); /* not parsed: no */
	add(&f, "anything", TL_SCOPE_CERT, &vc_b);             /* sha256, rule * */
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb); /* binding, any case */
	add(&f, "binding-weak", TL_SCOPE_BINDING, &vb);        /* other rule: no */
	add(&f, "cert-rule", TL_SCOPE_CERT, &vc_b_my);         /* sha256 first in file order */
	add(&f, "store-empty", TL_SCOPE_STORE, &vs_cu_ca);     /* store, case-insensitive */
	add(&f, "store-empty", TL_SCOPE_CERT, &vc_a);          /* LocalMachine\Root: no */
	add(&f, "input-sst-truncated", -1, NULL);              /* diagnostics: never */
	tl_waivers_apply(w, &f, now, notes);
	ck_waived(&f, "legacy-root - legacy-root - by-sha256 portal-binding - by-sha256 cu-ca - -");
	ck_assert_str_eq(f.items[0].waiver_reason, "Contoso legacy root, replaced in Q3");
	ck_assert_str_eq(f.items[0].waiver_owner, "pki-team@contoso.test");
	ck_assert_ptr_null(f.items[4].waiver_owner);
	ck_assert_str_eq(f.items[4].waiver_reason, "lab certificate");
	tt_ck_diags(notes, "");
	findings_free(&f);
	tl_diags_free(notes);
	tl_waivers_free(w);
}
END_TEST

START_TEST(match_store)
{
	tl_waivers *w = load_ok("good.ini");
	tl_findings f = {0};
	tl_view_cert vc_cu = {&cu_ca_store, &cert_a};

	add(&f, "any-rule", TL_SCOPE_CERT, &(tl_view_cert){&my_store, &cert_a}); /* store = my */
	add(&f, "store-empty", TL_SCOPE_CERT, &vc_cu); /* CurrentUser\CA */
	add(&f, "other", TL_SCOPE_CERT, &vc_cu);       /* rule differs: no */
	tl_waivers_apply(w, &f, 0, NULL);
	ck_waived(&f, "my-store cu-ca -");
	findings_free(&f);
	tl_waivers_free(w);
	/* crlf.ini: store = Root, rule *, reason with the \r removed */
	w = load_ok("crlf.ini");
	add(&f, "x", TL_SCOPE_CERT, &vc_a);
	add(&f, "y", TL_SCOPE_BINDING, &vb);
	tl_waivers_apply(w, &f, 0, NULL);
	ck_waived(&f, "crlf -");
	ck_assert_str_eq(f.items[0].waiver_reason, "windows line ends");
	findings_free(&f);
	tl_waivers_free(w);
}
END_TEST

START_TEST(expiry)
{
	tl_waivers *w = load_ok("good.ini");
	tl_diags *notes = tl_diags_new();
	tl_findings f = {0};
	int64_t t;

	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);
	add(&f, "x", TL_SCOPE_CERT, &vc_b);
	/* 2024-06-01T12:00:00+02:00 is 10:00:00Z: one second before, waived */
	ck_assert_int_eq(tl_parse_time("2024-06-01T09:59:59Z", &t), 0);
	tl_waivers_apply(w, &f, t, notes);
	ck_waived(&f, "portal-binding portal-binding by-sha256");
	tt_ck_diags(notes, "");
	findings_free(&f);

	/* at the instant: expired, one note for the two findings */
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);
	add(&f, "x", TL_SCOPE_CERT, &vc_b);
	tl_waivers_apply(w, &f, t + 1, notes);
	ck_waived(&f, "- - by-sha256");
	ck_assert_ptr_null(f.items[0].waiver_reason);
	tt_ck_diags(notes, "good.ini:16: note: waiver 'portal-binding' for binding-cert-missing "
			   "expired on 2024-06-01T12:00:00+02:00 (good.ini:16) [waiver-expired]\n");
	findings_free(&f);
	tl_diags_free(notes);

	/* a bare date is that day at 00:00:00Z */
	notes = tl_diags_new();
	add(&f, "x", TL_SCOPE_CERT, &vc_b);
	ck_assert_int_eq(tl_parse_time("2029-12-31T23:59:59Z", &t), 0);
	tl_waivers_apply(w, &f, t, notes);
	ck_waived(&f, "by-sha256");
	f.items[0].waived = false;
	f.items[0].waiver_id = NULL;
	tl_waivers_apply(w, &f, t + 1, notes);
	ck_waived(&f, "-");
	tt_ck_diags(notes, "good.ini:10: note: waiver 'by-sha256' for * expired on 2030-01-01 "
			   "(good.ini:10) [waiver-expired]\n");
	findings_free(&f);

	/* an expired waiver that matches nothing says nothing */
	tl_diags_free(notes);
	notes = tl_diags_new();
	add(&f, "x", TL_SCOPE_CERT, &vc_a);
	tl_waivers_apply(w, &f, t + 1, notes);
	tt_ck_diags(notes, "");
	findings_free(&f);
	tl_diags_free(notes);
	tl_waivers_free(w);
}
END_TEST

START_TEST(expiry_fallthrough)
{
	/* an expired waiver does not hide a later one that still holds */
	tl_waivers *w = load_ok("layered.ini");
	tl_diags *notes = tl_diags_new();
	tl_findings f = {0};
	int64_t now;

	ck_assert_int_eq(tl_parse_time("2025-01-01T00:00:00Z", &now), 0);
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_a);
	tl_waivers_apply(w, &f, now, notes);
	ck_waived(&f, "forever");
	ck_assert_str_eq(f.items[0].waiver_reason, "accepted");
	tt_ck_diags(notes, "layered.ini:1: note: waiver 'old' for root-expired expired on "
			   "2024-12-31T23:59:59Z (layered.ini:1) [waiver-expired]\n");
	findings_free(&f);
	tl_diags_free(notes);
	/* NULL and empty waivers change nothing */
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_a);
	tl_waivers_apply(NULL, &f, now, NULL);
	ck_waived(&f, "-");
	findings_free(&f);
	tl_waivers_free(w);
	tl_waivers_free(NULL);
}
END_TEST

static Suite *waiver_suite(void)
{
	Suite *s = suite_create("waiver");
	TCase *tc = tcase_create("waiver");

	tcase_add_checked_fixture(tc, world, NULL);
	tcase_add_test(tc, load_good);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, load_other_errors);
	tcase_add_test(tc, match_each_key);
	tcase_add_test(tc, match_store);
	tcase_add_test(tc, expiry);
	tcase_add_test(tc, expiry_fallthrough);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(waiver_suite());
}
