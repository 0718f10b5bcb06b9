/* check_html.c: the HTML report's one escaping function (report/html.h),
 * and the trust graph (report/trustgraph.h) as nodes and edges, with no
 * Graphviz coordinate in sight: the graph of the KB 2802568 example, of a
 * machine whose bound certificate and an issuer are missing, of an issuer
 * list past the cap; then its SVG: one <svg> element, no prolog, DOCTYPE
 * or comment, and a label full of markup only ever as text. The page
 * itself is checked in a browser by tests/html.test. */
#include "config.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/input.h"
#include "report/html.h"
#include "report/trustgraph.h"
#include "rules/view.h"
#include "testutil.h"

/* 2026-11-24T00:00:00Z, the clock of the golden cases */
#define NOW 1795478400

#define SERVER "E4E4A4CB6AA6C771D76B0D44932CB0695F68AD72"
#define ISSUING "B1C1FB8BDC20A60DAE95BA4425B61A7746097A66"
#define ROOT "F24ED8049CACDC167A5E66B5B01845AEA3167A5A"

static char *escaped(const char *s)
{
	tl_buf b = {0};

	tl_html_escape(&b, s);
	tl_buf_addc(&b, '\0');
	return tl_buf_steal(&b);
}

static void ck_escape(const char *in, const char *want)
{
	char *got = escaped(in);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(escape_markup)
{
	ck_escape("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	ck_escape("\"><img src=x onerror=alert(1)>",
		  "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	ck_escape("Tom & Jerry's", "Tom &amp; Jerry&apos;s");
	/* an entity in the input is text, not an entity */
	ck_escape("&amp;&lt;", "&amp;amp;&amp;lt;");
	ck_escape("LocalMachine\\Root", "LocalMachine\\Root");
	ck_escape("", "");
	ck_escape(NULL, "");
}
END_TEST

START_TEST(escape_controls_and_noncharacters)
{
	/* what a terminal is spared, a page is spared too */
	ck_escape("a\033[31mb\nc", "a\\x1b[31mb\\nc");
	ck_escape("\xe2\x80\xae" "evil", "\\u202eevil");
	ck_escape("bad \xff byte", "bad \\xff byte");
	/* HTML forbids noncharacters: U+FDD0, U+FFFE, U+1FFFF */
	ck_escape("x\xef\xb7\x90y", "x\\ufdd0y");
	ck_escape("\xef\xbf\xbe", "\\ufffe");
	ck_escape("\xf0\x9f\xbf\xbf", "\\U0001ffff");
	/* and the rest of Unicode is left alone */
	ck_escape("Z\xc3\xbcrich \xe2\x9c\x93", "Z\xc3\xbcrich \xe2\x9c\x93");
}
END_TEST

/* ---- the graph */

typedef struct fixture {
	tl_inputs *in;
	tl_view *v;
	tl_trust_graph g;
} fixture;

static void open_dir(fixture *f, const char *rel)
{
	tl_diags *errs = tl_diags_new();

	f->in = tl_inputs_new();
	ck_assert_int_eq(tl_inputs_add(f->in, tt_testdata_path(rel), errs), 0);
	tl_inputs_finish(f->in);
	tl_diags_free(errs);
	f->v = tl_view_new(f->in, NOW);
	tl_trust_graph_build(f->in, f->v, &f->g);
}

static void close_fixture(fixture *f)
{
	tl_trust_graph_free(&f->g);
	tl_view_free(f->v);
	tl_inputs_free(f->in);
}

static size_t node_named(const tl_trust_graph *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->count; i++)
		if (!strcmp(g->nodes[i].name, name))
			return i;
	ck_abort_msg("no node %s", name);
	return 0;
}

static bool has_edge(const tl_trust_graph *g, size_t from, size_t to, const char *label)
{
	size_t i;

	for (i = 0; i < g->edge_count; i++)
		if (g->edges[i].from == from && g->edges[i].to == to &&
		    !strcmp(g->edges[i].label, label))
			return true;
	return false;
}

static size_t count_kind(const tl_trust_graph *g, tl_tg_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < g->count; i++)
		n += g->nodes[i].kind == k;
	return n;
}

START_TEST(graph_of_the_example)
{
	fixture f;
	size_t b, server, issuing, root, src;

	open_dir(&f, "examples/iis-403-16");
	/* binding, its certificate, the Root source, the issuing CA (the one
	 * certificate of the CA-only list) and the root it chains to */
	ck_assert_uint_eq(f.g.count, 5);
	ck_assert_uint_eq(f.g.edge_count, 5);
	ck_assert_uint_eq(count_kind(&f.g, TL_TG_BINDING), 1);
	b = node_named(&f.g, "binding-0");
	server = node_named(&f.g, "cert-" SERVER);
	issuing = node_named(&f.g, "cert-" ISSUING);
	root = node_named(&f.g, "cert-" ROOT);
	ck_assert_uint_eq(count_kind(&f.g, TL_TG_SOURCE), 1);
	for (src = 0; f.g.nodes[src].kind != TL_TG_SOURCE; src++)
		;
	ck_assert(has_edge(&f.g, b, server, "presents"));
	ck_assert(has_edge(&f.g, b, src, "trusts issuers from"));
	ck_assert(has_edge(&f.g, src, issuing, "lists"));
	ck_assert(has_edge(&f.g, server, issuing, "issued by"));
	ck_assert(has_edge(&f.g, issuing, root, "issued by"));
	/* the KB 2802568 mistake, and only it, is marked */
	ck_assert_uint_eq(f.g.nodes[issuing].problems, TL_TG_ROOT_NOT_SELF_SIGNED);
	ck_assert_uint_eq(f.g.nodes[server].problems, 0);
	ck_assert_uint_eq(f.g.nodes[root].problems, 0);
	ck_assert_ptr_nonnull(strstr(f.g.nodes[issuing].label, "[!] not self-signed, in Root"));
	ck_assert_ptr_nonnull(strstr(f.g.nodes[issuing].label, "in LocalMachine\\CA, LocalMachine\\Root"));
	ck_assert_ptr_nonnull(strstr(f.g.nodes[src].label, "1 certificate, 69 of 16384 bytes"));
	ck_assert_ptr_null(strstr(f.g.nodes[root].label, "[!]"));
	close_fixture(&f);
}
END_TEST

/* The hostile export: two bindings share one source node; an orphan
 * intermediate is in no chain a binding uses, so it is not drawn. */
START_TEST(graph_shares_sources)
{
	fixture f;
	size_t i;

	open_dir(&f, "html/hostile");
	ck_assert_uint_eq(count_kind(&f.g, TL_TG_BINDING), 2);
	ck_assert_uint_eq(count_kind(&f.g, TL_TG_SOURCE), 1);
	ck_assert_uint_eq(count_kind(&f.g, TL_TG_CERT), 2);
	ck_assert_uint_eq(f.g.count, 5);
	/* names are safe for an SVG id and <title>, whatever the input */
	for (i = 0; i < f.g.count; i++)
		ck_assert_uint_eq(strspn(f.g.nodes[i].name, "abcdefghijklmnopqrstuvwxyz"
					 "ABCDEF0123456789-"), strlen(f.g.nodes[i].name));
	close_fixture(&f);
}
END_TEST

/* A binding whose certificate is not exported, a CA whose issuer is not,
 * an expired one, and a Disallowed copy: each marked. */
START_TEST(graph_marks_problems)
{
	static const char reg[] =
		"Windows Registry Editor Version 5.00\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
		"\\SslBindingInfo\\0.0.0.0:443]\r\n"
		"\"SslCertHash\"=hex:01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14\r\n"
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"ClientAuthIssuer\"\r\n";
	tl_buf issuing = tt_read_testdata_buf("fixtures/reg/synthetic/certs/issuing.cer");
	fixture f;
	size_t missing, ca, i, gone = SIZE_MAX;

	f.in = tl_inputs_new();
	tl_inputs_add_memory(f.in, "http.reg", reg, strlen(reg), TL_LOC_LOCAL_MACHINE, NULL);
	/* the issuing CA alone: its root is not in the export */
	tl_inputs_add_memory(f.in, "cai.cer", issuing.data, issuing.len, TL_LOC_LOCAL_MACHINE,
			     "ClientAuthIssuer");
	tl_inputs_add_memory(f.in, "dis.cer", issuing.data, issuing.len, TL_LOC_LOCAL_MACHINE,
			     "Disallowed");
	tl_inputs_finish(f.in);
	/* after the certificates' not_after (2034-12-30) */
	f.v = tl_view_new(f.in, 2082758400);
	tl_trust_graph_build(f.in, f.v, &f.g);
	ca = node_named(&f.g, "cert-" ISSUING);
	ck_assert_uint_eq(f.g.nodes[ca].problems,
			  TL_TG_ISSUER_MISSING | TL_TG_EXPIRED | TL_TG_DISTRUSTED);
	ck_assert_ptr_nonnull(strstr(f.g.nodes[ca].label, "[!] expired"));
	ck_assert_ptr_nonnull(strstr(f.g.nodes[ca].label, "[!] distrusted"));
	ck_assert_ptr_nonnull(strstr(f.g.nodes[ca].label, "[!] issuer not in the export"));
	ck_assert_uint_eq(count_kind(&f.g, TL_TG_MISSING), 2);
	for (i = 0; i < f.g.count; i++)
		if (f.g.nodes[i].kind == TL_TG_MISSING && strstr(f.g.nodes[i].label, "0102030405"))
			gone = i;
	ck_assert_uint_ne(gone, SIZE_MAX);
	ck_assert_uint_eq(f.g.nodes[gone].problems, TL_TG_NOT_IN_EXPORT);
	ck_assert(has_edge(&f.g, node_named(&f.g, "binding-0"), gone, "presents"));
	for (missing = 0; missing < f.g.count; missing++)
		if (f.g.nodes[missing].kind == TL_TG_MISSING && missing != gone)
			break;
	ck_assert(has_edge(&f.g, ca, missing, "issued by"));
	ck_assert_ptr_nonnull(strstr(f.g.nodes[missing].label, "CN=Lint Test Root CA"));
	close_fixture(&f);
	tl_buf_free(&issuing);
}
END_TEST

/* A self-signed CA named "CN=Root <n>", as DER in out. */
static void make_root(gnutls_x509_privkey_t key, unsigned n, tl_buf *out)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t der;
	char cn[32];
	uint8_t serial[4] = {0x01, (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};

	snprintf(cn, sizeof(cn), "Root %u", n);
	ck_assert_int_eq(gnutls_x509_crt_init(&crt), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_version(crt, 3), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_serial(crt, serial, sizeof(serial)), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn,
						       strlen(cn)), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_activation_time(crt, 1735689600), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_expiration_time(crt, 2051222400), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_key(crt, key), 0);
	ck_assert_int_eq(gnutls_x509_crt_set_basic_constraints(crt, 1, -1), 0);
	ck_assert_int_eq(gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0), 0);
	ck_assert_int_eq(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &der), 0);
	out->len = 0;
	tl_buf_add(out, der.data, der.size);
	gnutls_free(der.data);
	gnutls_x509_crt_deinit(crt);
}

/* More issuers than the graph draws: the first ones, then one node for
 * the rest. */
START_TEST(graph_caps_issuers)
{
	static const char reg[] =
		"Windows Registry Editor Version 5.00\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
		"\\SslBindingInfo\\0.0.0.0:443]\r\n\"DefaultFlags\"=dword:00000002\r\n";
	const unsigned roots = TL_TRUST_GRAPH_ISSUERS_MAX + 7;
	gnutls_x509_privkey_t key;
	fixture f;
	tl_buf der = {0};
	size_t i, src = SIZE_MAX, lists = 0, more = SIZE_MAX, certs = 0;
	unsigned n;

	ck_assert_int_eq(gnutls_x509_privkey_init(&key), 0);
	ck_assert_int_eq(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
						      GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), 0);
	f.in = tl_inputs_new();
	tl_inputs_add_memory(f.in, "http.reg", reg, strlen(reg), TL_LOC_LOCAL_MACHINE, NULL);
	for (n = 0; n < roots; n++) {
		make_root(key, n, &der);
		tl_inputs_add_memory(f.in, "root.cer", der.data, der.len, TL_LOC_LOCAL_MACHINE, "Root");
	}
	gnutls_x509_privkey_deinit(key);
	tl_buf_free(&der);
	tl_inputs_finish(f.in);
	f.v = tl_view_new(f.in, NOW);
	tl_trust_graph_build(f.in, f.v, &f.g);
	for (i = 0; i < f.g.count; i++) {
		if (f.g.nodes[i].kind == TL_TG_SOURCE)
			src = i;
		if (f.g.nodes[i].kind == TL_TG_MORE)
			more = i;
		certs += f.g.nodes[i].kind == TL_TG_CERT;
	}
	ck_assert_uint_ne(src, SIZE_MAX);
	ck_assert_uint_ne(more, SIZE_MAX);
	ck_assert_uint_eq(certs, TL_TRUST_GRAPH_ISSUERS_MAX);
	for (i = 0; i < f.g.edge_count; i++)
		lists += f.g.edges[i].from == src && !strcmp(f.g.edges[i].label, "lists");
	ck_assert_uint_eq(lists, TL_TRUST_GRAPH_ISSUERS_MAX + 1);
	ck_assert(has_edge(&f.g, src, more, "lists"));
	ck_assert_str_eq(f.g.nodes[more].label, "... and 7 more in the list");
	ck_assert_ptr_nonnull(strstr(f.g.nodes[src].label, "57 certificates"));
	close_fixture(&f);
}
END_TEST

/* ---- the SVG */

START_TEST(svg_is_one_element_of_text)
{
	char name0[] = "binding-0", name1[] = "cert-00";
	char label0[] = "<script>alert(1)</script>\n\"><img src=x onerror=a()>";
	char label1[] = "a\\N & b\\G <!-- x --> ]]>";
	tl_trust_graph g = {0};
	tl_tg_node nodes[2] = {
		{TL_TG_BINDING, name0, label0, NULL, 0},
		{TL_TG_CERT, name1, label1, NULL, TL_TG_EXPIRED},
	};
	tl_tg_edge edge = {0, 1, "presents"};
	tl_buf svg = {0};
	char *err = NULL, *s;

	g.nodes = nodes;
	g.count = 2;
	g.edges = &edge;
	g.edge_count = 1;
	ck_assert_int_eq(tl_trust_graph_svg(&g, &svg, &err), 0);
	ck_assert_ptr_null(err);
	tl_buf_addc(&svg, '\0');
	s = svg.data;
	ck_assert_int_eq(strncmp(s, "<svg", 4), 0);
	ck_assert_ptr_nonnull(strstr(s, "</svg>"));
	ck_assert_ptr_null(strstr(s, "<?xml"));
	ck_assert_ptr_null(strstr(s, "<!DOCTYPE"));
	ck_assert_ptr_null(strstr(s, "<!--"));
	ck_assert_ptr_null(strstr(s, "<script"));
	ck_assert_ptr_null(strstr(s, "<img"));
	ck_assert_ptr_nonnull(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* "\N" stays two characters, not the node's name */
	ck_assert_ptr_nonnull(strstr(s, "a\\N &amp; b\\G"));
	ck_assert_ptr_nonnull(strstr(s, "class=\"node cert problem\""));
	ck_assert_ptr_nonnull(strstr(s, "class=\"node binding\""));
	tl_buf_free(&svg);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("html");
	TCase *t = tcase_create("core");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, escape_markup);
	tcase_add_test(t, escape_controls_and_noncharacters);
	tcase_add_test(t, graph_of_the_example);
	tcase_add_test(t, graph_shares_sources);
	tcase_add_test(t, graph_marks_problems);
	tcase_add_test(t, graph_caps_issuers);
	tcase_add_test(t, svg_is_one_element_of_text);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return tt_run(suite());
}
