/* check_waiver.c: the --waivers file: every error with its position, files
 * that are not regular, unknown rule ids, matching findings by each key,
 * wildcards and expiry, unused waivers, and matching at 100,000 x 100,000. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/fields.h"
#include "rules/lint.h"
#include "model/store.h"
#include "testutil.h"
#include "report/waiver.h"

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
	ck_load_fails("nul-byte.ini",
		      "nul-byte.ini:3:10: error: NUL byte in the waiver file [waiver-file]\n");
}
END_TEST

/* A scratch folder for files the repository cannot hold (a FIFO, a file
 * over the cap); removed by the test that made it. */
static char *scratch_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = tl_xasprintf("%s/tl-waiver-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

/* The diagnostics of loading path, as text; the load must fail. */
static char *load_error(const char *path)
{
	tl_diags *d = tl_diags_new();
	tl_waivers *w = tl_waivers_load(path, d);
	char *text = tt_diags_text(d);

	ck_assert_ptr_null(w);
	tl_diags_free(d);
	return text;
}

START_TEST(load_not_regular)
{
	char *dir = scratch_dir();
	char *fifo = tl_xasprintf("%s/w.fifo", dir), *big = tl_xasprintf("%s/big.ini", dir);
	char *loop = tl_xasprintf("%s/loop.ini", dir), *cap = tl_xasprintf("%s/cap.ini", dir);
	char *got[5], *want[5];
	tl_diags *d = tl_diags_new();
	tl_waivers *w;
	int fd, i;

	/* a FIFO with no writer: before sources, fopen() waited for one */
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(symlink("loop.ini", loop), 0);
	fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 17 << 20), 0);
	close(fd);
	/* exactly at the cap is read: one line of NUL bytes */
	fd = open(cap, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)TL_MAX_WAIVERS_BYTES), 0);
	close(fd);
	got[0] = load_error(fifo);
	got[1] = load_error("/dev/zero"); /* before sources, read until memory ran out */
	got[2] = load_error(dir);
	got[3] = load_error(big);
	got[4] = load_error(loop);
	w = tl_waivers_load(cap, d);
	unlink(fifo);
	unlink(big);
	unlink(loop);
	unlink(cap);
	rmdir(dir);
	want[0] = tl_xasprintf("%s: error: cannot read: not a regular file (a FIFO) [waiver-file]\n",
			       fifo);
	want[1] = tl_xstrdup("/dev/zero: error: cannot read: not a regular file (a character "
			     "device) [waiver-file]\n");
	want[2] = tl_xasprintf("%s: error: cannot read: not a regular file (a directory) "
			       "[waiver-file]\n", dir);
	want[3] = tl_xasprintf("%s: error: cannot read: 17 MiB, over the 16 MiB limit for this "
			       "kind of file [waiver-file]\n", big);
	want[4] = tl_xasprintf("%s: error: cannot read: a symbolic link loop [waiver-file]\n",
			       loop);
	for (i = 0; i < 5; i++) {
		ck_assert_str_eq(got[i], want[i]);
		free(got[i]);
		free(want[i]);
	}
	ck_assert_ptr_null(w);
	ck_assert_uint_eq(tl_diags_count(d), 1);
	ck_assert_str_eq(tl_diags_at(d, 0)->msg, "NUL byte in the waiver file");
	ck_assert_uint_eq(tl_diags_at(d, 0)->loc.line, 1);
	ck_assert_uint_eq(tl_diags_at(d, 0)->loc.col, 1);
	tl_diags_free(d);
	free(fifo);
	free(big);
	free(loop);
	free(cap);
	free(dir);
}
END_TEST

/* Parse text (len bytes, NUL bytes included) from a heap copy of exactly
 * that size, so a read past its end is caught under AddressSanitizer. */
static tl_waivers *parse_n(const char *text, size_t len, tl_diags *d)
{
	char *copy = tl_xmemdup(text, len);
	tl_waivers *w = tl_waivers_parse("mem.ini", copy, len, d);

	free(copy);
	return w;
}

static tl_waivers *parse_ok(const char *text)
{
	tl_diags *d = tl_diags_new();
	tl_waivers *w = parse_n(text, strlen(text), d);

	tt_ck_diags(d, "");
	ck_assert_ptr_nonnull(w);
	tl_diags_free(d);
	return w;
}

#define ck_parse_fails(text, len, expected)                       \
	do {                                                      \
		tl_diags *d_ = tl_diags_new();                    \
		ck_assert_ptr_null(parse_n(text, len, d_));       \
		tt_ck_diags(d_, expected);                        \
		tl_diags_free(d_);                                \
	} while (0)

START_TEST(parse_memory)
{
	static const char nul[] = "[a]\nrule = a\nstore = R\0oot\nreason = r\n";
	static const char bom_crlf[] = "\xEF\xBB\xBF[a]\r\nrule = a\r\nstore = Root\r\nreason = r";
	tl_waivers *w;
	tl_diags *d = tl_diags_new();

	/* the last line needs no '\n'; the path is only a name */
	w = parse_ok("[a]\nrule = x\nstore = Root\nreason = r");
	ck_assert_uint_eq(tl_waivers_count(w), 1);
	tl_waivers_free(w);
	w = parse_ok(bom_crlf);
	ck_assert_uint_eq(tl_waivers_count(w), 1);
	tl_waivers_free(w);
	w = parse_n("", 0, d);
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(tl_waivers_count(w), 0);
	tt_ck_diags(d, "");
	tl_waivers_free(w);
	tl_diags_free(d);
	/* NUL bytes are bytes of the text, not its end */
	ck_parse_fails(nul, sizeof(nul) - 1,
		       "mem.ini:3:10: error: NUL byte in the waiver file [waiver-file]\n");
	/* a BOM counts for nothing in columns, and is skipped on line 1 only */
	ck_parse_fails("\xEF\xBB\xBF  rule = a\n", strlen("\xEF\xBB\xBF  rule = a\n"),
		       "mem.ini:1:3: error: key 'rule' before the first [waiver] section "
		       "[waiver-file]\n");
	ck_parse_fails("[a]\n\xEF\xBB\xBFrule = a\n", strlen("[a]\n\xEF\xBB\xBFrule = a\n"),
		       "mem.ini:2:1: error: unknown key '\\ufeffrule' (expected rule, sha1, "
		       "sha256, binding, store, object, reason, expires or owner) [waiver-file]\n"
		       "mem.ini:1:1: error: waiver 'a' has no 'rule' [waiver-file]\n"
		       "mem.ini:1:1: error: waiver 'a' has none of sha1, sha256, binding, store "
		       "or object [waiver-file]\n"
		       "mem.ini:1:1: error: waiver 'a' has no 'reason' [waiver-file]\n");
	/* a name used twice is found however many waivers come between */
	{
		tl_buf b = {0};
		size_t i;
		char *want;

		for (i = 0; i < 300; i++)
			tl_buf_printf(&b, "[w%zu]\nrule = *\nstore = Root\nreason = r\n", i);
		tl_buf_adds(&b, "[w7]\n");
		want = tl_xasprintf("mem.ini:1201:2: error: duplicate waiver 'w7' (first at line "
				    "29) [waiver-file]\n");
		ck_parse_fails(b.data, b.len, want);
		free(want);
		tl_buf_free(&b);
	}
}
END_TEST

static size_t prefix_ok, prefix_failed;

/* Any text parses to waivers or to errors, never to both or neither. */
static void parse_any(const uint8_t *p, size_t len)
{
	tl_diags *d = tl_diags_new();
	tl_waivers *w = tl_waivers_parse("cut.ini", (const char *)p, len, d);
	size_t i;

	if (w) {
		ck_assert_uint_eq(tl_diags_count(d), 0);
		ck_assert_uint_le(tl_waivers_count(w), 5);
		prefix_ok++;
	} else {
		ck_assert_uint_gt(tl_diags_count(d), 0);
		prefix_failed++;
	}
	for (i = 0; i < tl_diags_count(d); i++) {
		ck_assert_str_eq(tl_diags_at(d, i)->id, "waiver-file");
		ck_assert_uint_ge(tl_diags_at(d, i)->loc.line, 1);
	}
	tl_waivers_free(w);
	tl_diags_free(d);
}

START_TEST(parse_every_prefix)
{
	size_t len;
	uint8_t *good = tt_read_testdata("waivers/good.ini", &len);

	prefix_ok = prefix_failed = 0;
	tt_each_prefix(good, len, parse_any);
	/* cut inside a waiver, it lacks keys; cut between two, it parses */
	ck_assert_uint_gt(prefix_ok, 5);
	ck_assert_uint_gt(prefix_failed, len / 2);
	tt_each_flip(good, len, parse_any);
	free(good);
}
END_TEST

static bool known_in(const char *id, void *ctx)
{
	const char *const *ids = ctx;

	/* '*' is the wildcard, never a rule to look up */
	ck_assert_str_ne(id, "*");
	for (; *ids; ids++)
		if (strcmp(*ids, id) == 0)
			return true;
	return false;
}

START_TEST(check_rules)
{
	static const char *all[] = {"root-not-self-signed", "binding-cert-missing", "store-empty",
				    NULL};
	static const char *some[] = {"root-not-self-signed", "root-expired", "input-sst-truncated",
				     NULL};
	tl_waivers *w = load_ok("good.ini");
	tl_diags *d = tl_diags_new();

	ck_assert_uint_eq(tl_waivers_check_rules(w, known_in, all, d), 0);
	tt_ck_diags(d, "");
	ck_assert_uint_eq(tl_waivers_check_rules(w, known_in, some, d), 2);
	tt_ck_diags(d, "good.ini:17:8: error: waiver 'portal-binding': no rule "
		       "'binding-cert-missing' (see 'trustlint rules') [waiver-file]\n"
		       "good.ini:28:8: error: waiver 'cu-ca': no rule 'store-empty' (see "
		       "'trustlint rules') [waiver-file]\n");
	tl_waivers_free(w);
	tl_diags_free(d);

	/* one edit away: a deletion, a transposition, a substitution, an
	 * insertion each find the known id */
	w = parse_ok("[typo]\nrule = root-not-self-sined\nstore = Root\nreason = r\n"
		     "[swap]\n  rule=root-not-self-singed\nstore = Root\nreason = r\n"
		     "[one-off]\nrule = root-expiret\nstore = Root\nreason = r\n"
		     "[extra]\nrule = input-sst-truncatedd\nstore = Root\nreason = r\n"
		     "[far]\nrule = nothing-like-it\nstore = Root\nreason = r\n"
		     "[all]\nrule = *\nstore = Root\nreason = r\n"
		     "[fine]\nrule = root-expired\nstore = Root\nreason = r\n");
	d = tl_diags_new();
	ck_assert_uint_eq(tl_waivers_check_rules(w, known_in, some, d), 5);
	tt_ck_diags(d, "mem.ini:2:8: error: waiver 'typo': no rule 'root-not-self-sined' (did you "
		       "mean 'root-not-self-signed'? see 'trustlint rules') [waiver-file]\n"
		       "mem.ini:6:8: error: waiver 'swap': no rule 'root-not-self-singed' (did you "
		       "mean 'root-not-self-signed'? see 'trustlint rules') [waiver-file]\n"
		       "mem.ini:10:8: error: waiver 'one-off': no rule 'root-expiret' (did you mean "
		       "'root-expired'? see 'trustlint rules') [waiver-file]\n"
		       "mem.ini:14:8: error: waiver 'extra': no rule 'input-sst-truncatedd' (did "
		       "you mean 'input-sst-truncated'? see 'trustlint rules') [waiver-file]\n"
		       "mem.ini:18:8: error: waiver 'far': no rule 'nothing-like-it' (see "
		       "'trustlint rules') [waiver-file]\n");
	tl_waivers_free(w);
	tl_diags_free(d);
	ck_assert_uint_eq(tl_waivers_check_rules(NULL, known_in, some, NULL), 0);
}
END_TEST

START_TEST(check_rules_many)
{
	static const char *some[] = {"root-not-self-signed", NULL};
	tl_buf b = {0};
	tl_diags *d = tl_diags_new();
	tl_waivers *w;
	size_t i;

	/* suggestions cost predicate calls: the first 100 unknown ids get one */
	for (i = 0; i < 101; i++)
		tl_buf_printf(&b, "[w%zu]\nrule = root-not-self-sined\nstore = Root\nreason = r\n",
			      i);
	w = parse_ok(b.data);
	ck_assert_uint_eq(tl_waivers_check_rules(w, known_in, some, d), 101);
	ck_assert_str_eq(tl_diags_at(d, 99)->msg,
			 "waiver 'w99': no rule 'root-not-self-sined' (did you mean "
			 "'root-not-self-signed'? see 'trustlint rules')");
	ck_assert_str_eq(tl_diags_at(d, 100)->msg,
			 "waiver 'w100': no rule 'root-not-self-sined' (see 'trustlint rules')");
	ck_assert_uint_eq(tl_diags_at(d, 100)->loc.line, 402);
	tl_waivers_free(w);
	tl_diags_free(d);
	tl_buf_free(&b);
}
END_TEST

/* A small world: two stores, two certificates, one CTL, one binding. */
static tl_store root_store, cu_ca_store, my_store;
static tl_entry cert_a, cert_b, ctl_entry, unparsed;
static tl_view_cert vc_a, vc_b, vc_ctl, vc_unparsed, vc_b_my;
static tl_binding vb;
static tl_view_store vs_cu_ca;

static void world(void)
{
	static const uint8_t sha1_a[20] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
					   0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
					   0x00, 0x11, 0x22, 0x33};
	/* its SHA-256, made from these bytes, is good.ini's by-sha256:
	 * AE49860A56DFDDAB2836F19A85708F4B14F2AF5758CC93228193C8F6D36DCA0A */
	static const uint8_t der_b[] = "cert b";

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
	cert_b.der = der_b;
	cert_b.der_len = sizeof(der_b) - 1;
	ctl_entry = cert_a;
	ctl_entry.kind = TL_ENTRY_CTL;
	memset(&unparsed, 0, sizeof(unparsed));
	memcpy(unparsed.cert.sha1, sha1_a, 20); /* not parsed: never matched by hash */
	vc_a = (tl_view_cert){&root_store, &cert_a, TL_INDEX_NONE};
	vc_b = (tl_view_cert){&root_store, &cert_b, TL_INDEX_NONE};
	vc_ctl = (tl_view_cert){&root_store, &ctl_entry, TL_INDEX_NONE};
	vc_unparsed = (tl_view_cert){&root_store, &unparsed, TL_INDEX_NONE};
	vc_b_my = (tl_view_cert){&my_store, &cert_b, TL_INDEX_NONE};
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
		tl_buf_adds(&b, x->waiver ? x->waiver->id : "-");
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

/* lint --write-waivers: the file names each finding the way that matches
 * it, does not load until each waiver has a reason, and once reasons are
 * filled in waives exactly the findings it was written from. */
START_TEST(written_waivers_round_trip)
{
	tl_findings f = {0};
	tl_diags *errs = tl_diags_new(), *notes = tl_diags_new();
	tt_mem m;
	char *text, *filled, *p;
	size_t len;
	tl_waivers *w;

	add(&f, "root-not-self-signed", TL_SCOPE_CERT, &vc_a);      /* sha1 */
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);      /* object */
	f.items[1].object = (char *)"HTTP\\SslBindingInfo\\0.0.0.0:443";
	add(&f, "site-rule", TL_SCOPE_BINDING, &vb);                 /* a name no value can hold */
	f.items[2].object = (char *)";starts like a comment";
	add(&f, "input-sst-truncated", -1, NULL);                    /* never waivable */
	for (len = 0; len < f.count; len++)
		f.items[len].message = (char *)"a message\nwith a newline";
	ck_assert_int_eq(tl_waivers_write(&f, tt_mem_open(&m)), 0);
	text = tt_mem_close(&m, &len);
	ck_assert_ptr_nonnull(strstr(text, "[root-not-self-signed-1]\n"));
	ck_assert_ptr_nonnull(strstr(text, "sha1    = "));
	ck_assert_ptr_nonnull(strstr(text, "object  = HTTP\\SslBindingInfo\\0.0.0.0:443\n"));
	ck_assert_ptr_nonnull(strstr(text, "; not waivable here (its name cannot be written as a value)"));
	ck_assert_ptr_nonnull(strstr(text, "; not waivable here (an input diagnostic"));
	/* the message stays on its comment line */
	ck_assert_ptr_null(strstr(text, "\nwith a newline"));
	ck_assert_ptr_null(tl_waivers_parse("w.ini", text, len, errs));
	ck_assert_uint_eq(tl_diags_count(errs), 2);
	filled = tl_xstrdup(text);
	while ((p = strstr(filled, "; reason  =")))
		memmove(p, p + 2, strlen(p + 2) + 1);
	w = tl_waivers_parse("w.ini", filled, strlen(filled), errs);
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(tl_waivers_count(w), 2);
	tl_waivers_apply(w, &f, 0, notes);
	ck_waived(&f, "root-not-self-signed-1 binding-cert-missing-2 - -");
	tl_waivers_free(w);
	free(filled);
	free(text);
	findings_free(&f);
	tl_diags_free(errs);
	tl_diags_free(notes);
}
END_TEST

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
	ck_assert_str_eq(f.items[0].waiver->reason, "Contoso legacy root, replaced in Q3");
	ck_assert_str_eq(f.items[0].waiver->owner, "pki-team@contoso.test");
	ck_assert_ptr_null(f.items[4].waiver->owner);
	ck_assert_str_eq(f.items[4].waiver->reason, "lab certificate");
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

	add(&f, "any-rule", TL_SCOPE_CERT, &(tl_view_cert){&my_store, &cert_a, TL_INDEX_NONE}); /* store = my */
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
	ck_assert_str_eq(f.items[0].waiver->reason, "windows line ends");
	findings_free(&f);
	tl_waivers_free(w);
}
END_TEST

/* The waiver-unused note of each waiver of good.ini. */
#define UNUSED_LEGACY                                                                      \
	"good.ini:4: note: waiver 'legacy-root' matched no finding (rule "                 \
	"'root-not-self-signed', sha1 00112233445566778899AABBCCDDEEFF00112233): remove "  \
	"it or check its keys [waiver-unused]\n"
#define UNUSED_SHA256                                                                      \
	"good.ini:10: note: waiver 'by-sha256' matched no finding (rule '*', sha256 "       \
	"AE49860A56DFDDAB2836F19A85708F4B14F2AF5758CC93228193C8F6D36DCA0A): remove it or "  \
	"check its keys [waiver-unused]\n"
#define UNUSED_PORTAL                                                                      \
	"good.ini:16: note: waiver 'portal-binding' matched no finding (rule "              \
	"'binding-cert-missing', binding 'PORTAL.lint.test:443'): remove it or check its "  \
	"keys [waiver-unused]\n"
#define UNUSED_MY                                                                          \
	"good.ini:22: note: waiver 'my-store' matched no finding (rule '*', store "         \
	"'LocalMachine\\my'): remove it or check its keys [waiver-unused]\n"
#define UNUSED_CU                                                                          \
	"good.ini:27: note: waiver 'cu-ca' matched no finding (rule 'store-empty', store "  \
	"'CurrentUser\\CA'): remove it or check its keys [waiver-unused]\n"

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
	tt_ck_diags(notes, UNUSED_LEGACY UNUSED_MY UNUSED_CU);
	findings_free(&f);
	tl_diags_free(notes);
	notes = tl_diags_new();

	/* at the instant: expired, one note for the two findings */
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);
	add(&f, "binding-cert-missing", TL_SCOPE_BINDING, &vb);
	add(&f, "x", TL_SCOPE_CERT, &vc_b);
	tl_waivers_apply(w, &f, t + 1, notes);
	ck_waived(&f, "- - by-sha256");
	ck_assert_ptr_null(f.items[0].waiver);
	tt_ck_diags(notes, UNUSED_LEGACY
			   "good.ini:16: note: waiver 'portal-binding' for binding-cert-missing "
			   "expired on 2024-06-01T12:00:00+02:00 (good.ini:16) [waiver-expired]\n"
			   UNUSED_MY UNUSED_CU);
	findings_free(&f);
	tl_diags_free(notes);

	/* a bare date is that day at 00:00:00Z */
	notes = tl_diags_new();
	add(&f, "x", TL_SCOPE_CERT, &vc_b);
	ck_assert_int_eq(tl_parse_time("2029-12-31T23:59:59Z", &t), 0);
	tl_waivers_apply(w, &f, t, notes);
	ck_waived(&f, "by-sha256");
	tl_diags_free(notes);
	notes = tl_diags_new();
	f.items[0].waiver = NULL;
	tl_waivers_apply(w, &f, t + 1, notes);
	ck_waived(&f, "-");
	tt_ck_diags(notes, UNUSED_LEGACY
			   "good.ini:10: note: waiver 'by-sha256' for * expired on 2030-01-01 "
			   "(good.ini:10) [waiver-expired]\n"
			   UNUSED_PORTAL UNUSED_MY UNUSED_CU);
	findings_free(&f);

	/* an expired waiver that matches nothing is unused, not expired */
	tl_diags_free(notes);
	notes = tl_diags_new();
	add(&f, "x", TL_SCOPE_CERT, &vc_a);
	tl_waivers_apply(w, &f, t + 1, notes);
	tt_ck_diags(notes, UNUSED_LEGACY UNUSED_SHA256 UNUSED_PORTAL UNUSED_MY UNUSED_CU);
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
	ck_assert_str_eq(f.items[0].waiver->reason, "accepted");
	tt_ck_diags(notes, "layered.ini:1: note: waiver 'old' for root-expired expired on "
			   "2024-12-31T23:59:59Z (layered.ini:1) [waiver-expired]\n");
	findings_free(&f);
	tl_diags_free(notes);
	/* before 'old' expires it waives; 'forever' matched too, so it is not
	 * unused: it takes over when 'old' expires */
	notes = tl_diags_new();
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_a);
	tl_waivers_apply(w, &f, now - 86400, notes);
	ck_waived(&f, "old");
	tt_ck_diags(notes, "");
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

START_TEST(unused_keys)
{
	/* every key as the note shows it, and where */
	tl_waivers *w = parse_ok("[machine]\nrule = trust-mode-root-conflict\nobject = machine\n"
				 "reason = r\n"
				 "\n  [ binding ]\nrule = *\nbinding = 0.0.0.0:443\nreason = r\n"
				 "[sha1]\nrule = a\nsha1 = 00112233445566778899aabbccddeeff00112233\n"
				 "reason = r\n"
				 "[store]\nrule = b\nstore = LocalMachineEnterprise\\root\nreason = r\n"
				 "[expired-unused]\nrule = c\nstore = CA\nreason = r\n"
				 "expires = 2001-01-01\n");
	tl_diags *notes = tl_diags_new();
	tl_findings f = {0};

	add(&f, "trust-mode-root-conflict", TL_SCOPE_MACHINE, NULL);
	f.items[0].object = (char *)"Machine"; /* logical names match in any case */
	add(&f, "input-sst-truncated", -1, NULL);
	f.items[1].object = (char *)"machine"; /* input diagnostics never match */
	tl_waivers_apply(w, &f, 1700000000, notes);
	ck_waived(&f, "machine -");
	tt_ck_diags(notes,
		    "mem.ini:6: note: waiver 'binding' matched no finding (rule '*', binding "
		    "'0.0.0.0:443'): remove it or check its keys [waiver-unused]\n"
		    "mem.ini:10: note: waiver 'sha1' matched no finding (rule 'a', sha1 "
		    "00112233445566778899AABBCCDDEEFF00112233): remove it or check its keys "
		    "[waiver-unused]\n"
		    "mem.ini:14: note: waiver 'store' matched no finding (rule 'b', store "
		    "'LocalMachineEnterprise\\root'): remove it or check its keys "
		    "[waiver-unused]\n"
		    "mem.ini:18: note: waiver 'expired-unused' matched no finding (rule 'c', "
		    "store 'LocalMachine\\CA'): remove it or check its keys [waiver-unused]\n");
	/* no sink: the findings are still marked */
	f.items[0].waiver = NULL;
	tl_waivers_apply(w, &f, 1700000000, NULL);
	ck_waived(&f, "machine -");
	findings_free(&f);
	tl_diags_free(notes);
	tl_waivers_free(w);
}
END_TEST

START_TEST(first_in_file_order)
{
	/* the index groups waivers by what they name; the winner is still the
	 * first in file order across all groups a finding falls in */
	tl_waivers *w = parse_ok(
		"[late-expired]\nrule = root-expired\nstore = root\nreason = r\nexpires = 2020-01-01\n"
		"[by-store]\nrule = root-expired\nstore = ROOT\nreason = store\n"
		"[any-rule]\nrule = *\nsha1 = 00112233445566778899AABBCCDDEEFF00112233\nreason = any\n"
		"[by-object]\nrule = root-expired\nobject = localmachine\\root\\00112233\nreason = o\n"
		"[same-store]\nrule = root-expired\nstore = LocalMachine\\Root\nreason = again\n"
		"[binding]\nrule = binding-weak\nbinding = portal.LINT.test:443\nreason = b\n"
		"[binding-2]\nrule = binding-weak\nbinding = PORTAL.lint.test:443\nreason = b2\n");
	static const tl_waived_by earlier = {"earlier", "before", NULL};
	tl_diags *notes = tl_diags_new();
	tl_findings f = {0};

	add(&f, "root-expired", TL_SCOPE_CERT, &vc_a);  /* by-store before any-rule */
	add(&f, "other", TL_SCOPE_CERT, &vc_a);         /* any-rule */
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_b);  /* by-store */
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_b_my); /* none: My */
	add(&f, NULL, TL_SCOPE_CERT, &vc_a);            /* no rule id: '*' waivers only */
	add(&f, "binding-weak", TL_SCOPE_BINDING, &vb); /* binding, not binding-2 */
	add(&f, "root-expired", TL_SCOPE_MACHINE, NULL);
	f.items[6].object = (char *)"LocalMachine\\Root\\00112233"; /* by-object */
	add(&f, "root-expired", TL_SCOPE_CERT, &vc_a);
	f.items[7].waiver = &earlier; /* already waived: keeps its waiver */
	tl_waivers_apply(w, &f, 1700000000, notes);
	ck_waived(&f, "by-store any-rule by-store - any-rule binding by-object earlier");
	ck_assert_str_eq(f.items[0].waiver->reason, "store");
	/* late-expired matched: one note for three findings; same-store and
	 * binding-2 matched behind an earlier waiver: not unused */
	tt_ck_diags(notes, "mem.ini:1: note: waiver 'late-expired' for root-expired expired on "
			   "2020-01-01 (mem.ini:1) [waiver-expired]\n");
	findings_free(&f);
	tl_diags_free(notes);
	tl_waivers_free(w);
}
END_TEST

/* 100,000 waivers against 100,000 findings: each cert i has a finding of
 * rule-(i % 7); its waiver depends on i % 4. Matching used to try every
 * waiver on every finding (about 40 s here); the answer must not change. */
#define BIG 100000

static void big_sha1(size_t i, uint8_t out[20])
{
	memset(out, 0x5a, 20);
	out[0] = (uint8_t)(i >> 24);
	out[1] = (uint8_t)(i >> 16);
	out[2] = (uint8_t)(i >> 8);
	out[3] = (uint8_t)i;
}

/* The waiver expected on finding i, "-" for none. */
static void big_expected(size_t i, char out[32])
{
	if (i % 4 == 0)
		snprintf(out, 32, "s1-%zu", i);
	else if (i % 8 == 5)
		snprintf(out, 32, "s256-%zu", i);
	else if (i % 4 == 3)
		snprintf(out, 32, "obj-%zu", i);
	else if (i % 7 == 3) /* expired sha256 or wrong rule: the store waiver */
		snprintf(out, 32, "root-rule-3");
	else
		snprintf(out, 32, "-");
}

START_TEST(hundred_thousand)
{
	static const char *const rules[] = {"rule-0", "rule-1", "rule-2", "rule-3",
					    "rule-4", "rule-5", "rule-6"};
	tl_entry *entries = tl_xcalloc(BIG, sizeof(*entries));
	uint32_t *ders = tl_xcalloc(BIG, sizeof(*ders)); /* each entry's bytes: its number */
	tl_view_cert *views = tl_xcalloc(BIG, sizeof(*views));
	char **objects = tl_xcalloc(BIG, sizeof(*objects));
	tl_diags *d = tl_diags_new();
	tl_findings f = {0};
	tl_buf text = {0};
	tl_waivers *w;
	size_t i, expired = 0, unused = 0;
	uint32_t last_line = 0;
	int64_t now;

	ck_assert_int_eq(tl_parse_time("2024-01-01T00:00:00Z", &now), 0);
	for (i = 0; i < BIG; i++) {
		char hex[65];

		entries[i].parsed = true;
		big_sha1(i, entries[i].cert.sha1);
		ders[i] = (uint32_t)i;
		entries[i].der = (const uint8_t *)&ders[i];
		entries[i].der_len = sizeof(ders[i]);
		views[i] = (tl_view_cert){&root_store, &entries[i], TL_INDEX_NONE};
		tl_hex(entries[i].cert.sha1, 20, hex, true);
		objects[i] = tl_xasprintf("LocalMachine\\Root\\%s", hex);
		add(&f, rules[i % 7], TL_SCOPE_CERT, &views[i]);
		f.items[i].object = objects[i];
		switch (i % 4) {
		case 0:
			tl_hex(entries[i].cert.sha1, 20, hex, false);
			tl_buf_printf(&text, "[s1-%zu]\nrule = rule-%zu\nsha1 = %s\nreason = r\n", i,
				      i % 7, hex);
			break;
		case 1: {
			uint8_t sha1[20], sha256[32];

			tl_entry_hashes(&entries[i], sha1, sha256);
			tl_hex(sha256, 32, hex, false);
			tl_buf_printf(&text, "[s256-%zu]\nrule = *\nsha256 = %s\nreason = r\n%s", i,
				      hex, i % 8 == 1 ? "expires = 2020-01-01\n" : "");
			break;
		}
		case 2:
			tl_hex(entries[i].cert.sha1, 20, hex, true);
			tl_buf_printf(&text, "[wrong-%zu]\nrule = other\nsha1 = %s\nreason = r\n", i,
				      hex);
			break;
		default:
			tl_hex(entries[i].cert.sha1, 20, hex, false);
			tl_buf_printf(&text,
				      "[obj-%zu]\nrule = rule-%zu\nobject = localmachine\\root\\%s\n"
				      "reason = r\n", i, i % 7, hex);
			break;
		}
	}
	/* last in the file: only what nothing earlier waived; the second is
	 * shadowed by the first but matches, so it is not unused */
	tl_buf_adds(&text, "[root-rule-3]\nrule = rule-3\nstore = Root\nreason = r\n"
			   "[root-rule-3-again]\nrule = rule-3\nstore = root\nreason = r\n");
	w = tl_waivers_parse("big.ini", text.data, text.len, d);
	tt_ck_diags(d, "");
	ck_assert_uint_eq(tl_waivers_count(w), BIG + 2);
	tl_waivers_apply(w, &f, now, d);
	for (i = 0; i < BIG; i++) {
		char want[32];

		big_expected(i, want);
		if (strcmp(want, "-") == 0)
			ck_assert_msg(!f.items[i].waiver, "finding %zu waived by %s", i,
				      f.items[i].waiver->id);
		else
			ck_assert_msg(f.items[i].waiver && !strcmp(f.items[i].waiver->id, want),
				      "finding %zu: waiver %s, expected %s", i,
				      f.items[i].waiver ? f.items[i].waiver->id : "-", want);
	}
	/* one note per expired waiver (i % 8 == 1) and per wrong-rule waiver
	 * (i % 4 == 2), in file order */
	for (i = 0; i < tl_diags_count(d); i++) {
		const tl_diag *g = tl_diags_at(d, i);

		if (strcmp(g->id, "waiver-expired") == 0)
			expired++;
		else if (strcmp(g->id, "waiver-unused") == 0)
			unused++;
		ck_assert_uint_gt(g->loc.line, last_line);
		last_line = g->loc.line;
	}
	ck_assert_uint_eq(expired, BIG / 8);
	ck_assert_uint_eq(unused, BIG / 4);
	ck_assert_str_eq(tl_diags_at(d, 0)->msg, "waiver 's256-1' for * expired on 2020-01-01 "
						 "(big.ini:5)");
	ck_assert_str_eq(tl_diags_at(d, 1)->msg,
			 "waiver 'wrong-2' matched no finding (rule 'other', sha1 "
			 "000000025A5A5A5A5A5A5A5A5A5A5A5A5A5A5A5A): remove it or check its keys");
	ck_assert_uint_eq(tl_diags_at(d, 1)->loc.line, 10);
	tl_waivers_free(w);
	tl_diags_free(d);
	tl_buf_free(&text);
	findings_free(&f);
	for (i = 0; i < BIG; i++)
		free(objects[i]);
	free(objects);
	free(views);
	free(entries);
	free(ders);
}
END_TEST

/* A waiver's rule is a rule or diagnostic id, the same shape and the same
 * 64-byte cap as a rule file's ids (tl_rule_id_valid), or "*". */
START_TEST(rule_id_shape)
{
	static const char *const ids[] = {
		"*", "a", "root-not-self-signed", "input-sst-truncated",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 64 */
	};
	static const char *const bad[] = {
		"", "-a", "a-", "a--b", "A", "a_b", "**",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /* 65 */
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(ids); i++) {
		char *text = tl_xasprintf("[w]\nrule = %s\nsha1 = 00112233445566778899aabbccddeeff00112233\n"
					  "reason = r\n", ids[i]);
		tl_waivers_free(parse_ok(text));
		free(text);
	}
	for (i = 0; i < TL_ARRAY_LEN(bad); i++) {
		char *text = tl_xasprintf("[w]\nrule = %s\nsha1 = 00112233445566778899aabbccddeeff00112233\n"
					  "reason = r\n", bad[i]);
		tl_diags *d = tl_diags_new();
		char *got;

		tl_waivers_free(parse_n(text, strlen(text), d));
		got = tt_diags_text(d);
		ck_assert_msg(strstr(got, "error: ") && strstr(got, "[waiver-file]"),
			      "rule = '%s' was accepted: %s", bad[i], got);
		free(got);
		tl_diags_free(d);
		free(text);
	}
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
	tcase_add_test(tc, rule_id_shape);
	tcase_add_test(tc, load_not_regular);
	tcase_add_test(tc, parse_memory);
	tcase_add_test(tc, parse_every_prefix);
	tcase_add_test(tc, check_rules);
	tcase_add_test(tc, check_rules_many);
	tcase_add_test(tc, match_each_key);
	tcase_add_test(tc, match_store);
	tcase_add_test(tc, expiry);
	tcase_add_test(tc, expiry_fallthrough);
	tcase_add_test(tc, unused_keys);
	tcase_add_test(tc, first_in_file_order);
	tcase_add_test(tc, hundred_thousand);
	tcase_add_test(tc, written_waivers_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tt_run(waiver_suite());
}
