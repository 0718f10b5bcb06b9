/* check_fields.c: the Windows semantics of the view, without the CLI: the
 * logical Root and its nine possible physical stores, where a binding takes
 * its trusted issuers from, why, and how many bytes they make, what a
 * list over 16 KB does by OS version, the binding flag bits, and IIS
 * client certificate mappings (the mapping scope). Inputs are built in memory; fields are read by compiling a
 * one-field expression against the real catalogue. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/view.h"
#include "input/input.h"
#include "testutil.h"
#include "base/util.h"

#define REG_HEADER "Windows Registry Editor Version 5.00\r\n\r\n"
#define HTTP_PARAMS "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters"
#define BINDING(ep) "[" HTTP_PARAMS "\\SslBindingInfo\\" ep "]\r\n"
#define SNI_BINDING(ep) "[" HTTP_PARAMS "\\SslSniBindingInfo\\" ep "]\r\n"

/* Issuer list sizes below are counted by hand: the 2-byte length of the
 * certificate_authorities vector, then 2 + 63 bytes for each distinct
 * certificate, since every testdata/logical-root/memberN.cer has a 63-byte
 * DER subject (testdata/gen/logical_root.sh): one makes 67 bytes, two 132,
 * nine 587. */

static tl_inputs *in;
static tl_view *view;
static tl_arena arena;

static void setup(void)
{
	in = tl_inputs_new();
	view = NULL;
	memset(&arena, 0, sizeof(arena));
}

static void teardown(void)
{
	tl_view_free(view);
	tl_inputs_free(in);
	tl_arena_free(&arena);
}

/* Start again with no inputs (for a second case in one test). */
static void reset(void)
{
	teardown();
	setup();
}

static void add_cert(const char *rel, tl_location loc, const char *store)
{
	size_t len;
	uint8_t *data = tt_read_testdata(rel, &len);

	tl_inputs_add_memory(in, rel, data, len, loc, store);
	free(data);
}

static void add_member(int n, tl_location loc, const char *store)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "logical-root/member%d.cer", n);
	add_cert(rel, loc, store);
}

/* A store that is in the export and holds nothing: an empty serialized
 * store (FORMATS.md 1: 20 bytes). */
static void add_empty_store(const char *store)
{
	static const uint8_t empty[20] = {0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54};

	tl_inputs_add_memory(in, "empty.sst", empty, sizeof(empty), TL_LOC_LOCAL_MACHINE, store);
}

static void add_reg(const char *text)
{
	tl_inputs_add_memory(in, "test.reg", text, strlen(text), TL_LOC_LOCAL_MACHINE, NULL);
}

static void build(void)
{
	tl_inputs_finish(in);
	view = tl_view_new(in, 1795478400); /* 2026-11-24T00:00:00Z */
}

static const tl_binding *binding(const char *endpoint)
{
	size_t i, n = tl_view_count(view, TL_SCOPE_BINDING);

	for (i = 0; i < n; i++) {
		const tl_binding *b = tl_view_object(view, TL_SCOPE_BINDING, i);
		if (strcmp(b->endpoint, endpoint) == 0)
			return b;
	}
	ck_abort_msg("no binding %s", endpoint);
	return NULL;
}

static const tl_view_store *logical_machine_root(void)
{
	size_t i, n = tl_view_count(view, TL_SCOPE_STORE);

	for (i = 0; i < n; i++) {
		const tl_view_store *s = tl_view_object(view, TL_SCOPE_STORE, i);
		if (s->logical && s->location == TL_LOC_LOCAL_MACHINE && strcmp(s->name, "Root") == 0)
			return s;
	}
	ck_abort_msg("no logical LocalMachine\\Root");
	return NULL;
}

/* The value of expression text on obj as "type:value" ("int:587",
 * "bool:true", "string:Root", "null"). free() the result. */
static char *field(int scope, const void *obj, const char *text)
{
	tl_expr_error err;
	tl_expr *e = tl_expr_compile(text, strlen(text), scope, tl_fields_catalogue(), &err);
	tl_eval_env env = tl_view_env(view);
	tl_buf out = {0};
	tl_value v;

	ck_assert_msg(e != NULL, "'%s' does not compile: %s at %zu", text, err.msg, err.offset);
	v = tl_expr_eval(e, obj, &env, &arena);
	if (v.type != TL_T_NULL)
		tl_buf_printf(&out, "%s:", tl_type_name(v.type));
	tl_value_format(&v, &out);
	tl_expr_free(e);
	return tl_buf_steal(&out);
}

/* A macro, so that a failure names the caller's line. */
#define ck_field(scope, obj, text, want)                                             \
	do {                                                                         \
		char *got_ = field(scope, obj, text);                                \
		ck_assert_msg(strcmp(got_, want) == 0, "%s: '%s', not '%s'", text, got_, \
			      want);                                                 \
		free(got_);                                                          \
	} while (0)
#define ck_binding(ep, text, want) ck_field(TL_SCOPE_BINDING, binding(ep), text, want)

/* ---- the logical Root */

/* Root, AuthRoot and SmartCardRoot in each machine location: the nine
 * physical stores the machine's logical Root unions (build_stores). */
static const struct {
	tl_location loc;
	const char *store;
} machine_roots[] = {
	{TL_LOC_LOCAL_MACHINE, "Root"},
	{TL_LOC_LOCAL_MACHINE, "AuthRoot"},
	{TL_LOC_LOCAL_MACHINE, "SmartCardRoot"},
	{TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "Root"},
	{TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "AuthRoot"},
	{TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "SmartCardRoot"},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "Root"},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "AuthRoot"},
	{TL_LOC_LOCAL_MACHINE_ENTERPRISE, "SmartCardRoot"},
};

static const char negotiating_binding[] = REG_HEADER BINDING("0.0.0.0:443")
	"\"DefaultFlags\"=dword:00000002\r\n";

START_TEST(logical_root_of_nine_stores)
{
	size_t i;
	const tl_view_store *root;

	for (i = 0; i < TL_ARRAY_LEN(machine_roots); i++)
		add_member((int)i + 1, machine_roots[i].loc, machine_roots[i].store);
	add_reg(negotiating_binding);
	build();

	/* nine CA-issued certificates, none self-issued, in nine stores */
	ck_field(TL_SCOPE_MACHINE, NULL, "count(cert where !self_issued && self_signed == false)",
		 "int:9");
	ck_field(TL_SCOPE_MACHINE, NULL, "stores", "int:9");
	root = logical_machine_root();
	ck_assert_uint_eq(root->member_count, 9);
	ck_field(TL_SCOPE_STORE, root, "len(members)", "int:9");
	ck_field(TL_SCOPE_STORE, root, "count", "int:9");
	ck_field(TL_SCOPE_STORE, root, "issuer_list_bytes", "int:587");
	/* a message names the first three and counts the rest (list()) */
	ck_field(TL_SCOPE_MACHINE, NULL, "list(cert where true, store)",
		 "string:'Root', 'AuthRoot', 'SmartCardRoot' and 6 more");
	ck_field(TL_SCOPE_MACHINE, NULL, "list(binding where negotiate_client_cert, endpoint)",
		 "string:'0.0.0.0:443'");

	/* no issuer store named, no ClientAuthIssuer: the binding takes the
	 * logical Root, all nine of it: 2 + 9 * (2 + 63) = 587 bytes */
	ck_binding("0.0.0.0:443", "negotiate_client_cert", "bool:true");
	ck_binding("0.0.0.0:443", "issuer_store", "null");
	ck_binding("0.0.0.0:443", "issuer_source", "string:Root");
	ck_binding("0.0.0.0:443", "issuer_count", "int:9");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:587");
}
END_TEST

START_TEST(logical_root_counts_a_certificate_once)
{
	size_t i;

	/* the same certificate in all nine: one issuer */
	for (i = 0; i < TL_ARRAY_LEN(machine_roots); i++)
		add_member(1, machine_roots[i].loc, machine_roots[i].store);
	add_reg(negotiating_binding);
	build();
	ck_field(TL_SCOPE_STORE, logical_machine_root(), "count", "int:9");
	ck_field(TL_SCOPE_STORE, logical_machine_root(), "issuer_list_bytes", "int:67");
	ck_binding("0.0.0.0:443", "issuer_count", "int:1");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:67");
}
END_TEST

START_TEST(logical_root_leaves_out_other_stores)
{
	/* the user's Root stores and the machine's CA are not the machine's
	 * logical Root */
	add_member(1, TL_LOC_LOCAL_MACHINE, "Root");
	add_member(2, TL_LOC_LOCAL_MACHINE, "CA");
	add_member(3, TL_LOC_CURRENT_USER, "Root");
	add_member(4, TL_LOC_CURRENT_USER_GROUP_POLICY, "Root");
	add_member(5, TL_LOC_LOCAL_MACHINE_ENTERPRISE, "NTAuth");
	add_reg(negotiating_binding);
	build();
	ck_assert_uint_eq(logical_machine_root()->member_count, 1);
	ck_binding("0.0.0.0:443", "issuer_source", "string:Root");
	ck_binding("0.0.0.0:443", "issuer_count", "int:1");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:67");
}
END_TEST

/* ---- where a binding's trusted issuers come from */

START_TEST(issuer_source_named_store)
{
	add_member(1, TL_LOC_LOCAL_MACHINE, "ClientCAs");
	add_member(2, TL_LOC_LOCAL_MACHINE, "ClientCAs");
	add_member(3, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
	add_reg(REG_HEADER BINDING("0.0.0.0:443")
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"ClientCAs\"\r\n");
	build();
	ck_binding("0.0.0.0:443", "issuer_store", "string:ClientCAs");
	ck_binding("0.0.0.0:443", "issuer_store_found", "bool:true");
	ck_binding("0.0.0.0:443", "issuer_source", "string:ClientCAs");
	ck_binding("0.0.0.0:443", "issuer_count", "int:2");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:132");
	ck_binding("0.0.0.0:443", "ctl_found", "null");
}
END_TEST

#define MAYBE_NOT_EXPORTED "is not in the export (it may just not have been exported)"

START_TEST(issuer_source_named_store_empty_falls_back)
{
	/* The named store is in the export and empty (:443), or not in it
	 * (:444): Schannel falls back to ClientAuthIssuer (FORMATS.md 5),
	 * here member 3: 67 bytes. issuer_store_found stays false, for
	 * issuer-store-missing; the state and the reason say which. (Until
	 * issue 10 the named store was kept, with no issuers.) */
	add_empty_store("EmptyCAs");
	add_member(3, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
	add_reg(REG_HEADER BINDING("0.0.0.0:443")
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"EmptyCAs\"\r\n"
		"\r\n" BINDING("0.0.0.0:444")
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"MissingCAs\"\r\n");
	build();
	ck_assert_ptr_nonnull(tl_model_find(in->model, TL_LOC_LOCAL_MACHINE, "EmptyCAs"));
	ck_binding("0.0.0.0:443", "issuer_store_found", "bool:false");
	ck_binding("0.0.0.0:443", "issuer_store_state", "string:no-certificate");
	ck_binding("0.0.0.0:443", "issuer_source", "string:ClientAuthIssuer");
	ck_binding("0.0.0.0:443", "issuer_source_reason",
		   "string:DefaultSslCtlStoreName names 'EmptyCAs', which holds no certificate; "
		   "ClientAuthIssuer holds certificates");
	ck_binding("0.0.0.0:443", "issuer_count", "int:1");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:67");
	ck_binding("0.0.0.0:444", "issuer_store_found", "bool:false");
	ck_binding("0.0.0.0:444", "issuer_store_state", "string:absent");
	ck_binding("0.0.0.0:444", "issuer_source", "string:ClientAuthIssuer");
	ck_binding("0.0.0.0:444", "issuer_source_reason",
		   "string:DefaultSslCtlStoreName names 'MissingCAs', which " MAYBE_NOT_EXPORTED
		   "; ClientAuthIssuer holds certificates");
	ck_binding("0.0.0.0:444", "issuer_count", "int:1");
	ck_binding("0.0.0.0:444", "issuer_list_bytes", "int:67");
}
END_TEST

START_TEST(issuer_source_named_store_absent_falls_back_to_root)
{
	/* the named store and ClientAuthIssuer are both absent: the
	 * machine's Root, member 4 (67 bytes) */
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
	add_reg(REG_HEADER BINDING("0.0.0.0:443")
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"MissingCAs\"\r\n");
	build();
	ck_binding("0.0.0.0:443", "issuer_store_state", "string:absent");
	ck_binding("0.0.0.0:443", "issuer_source", "string:Root");
	ck_binding("0.0.0.0:443", "issuer_source_reason",
		   "string:DefaultSslCtlStoreName names 'MissingCAs', which " MAYBE_NOT_EXPORTED
		   "; ClientAuthIssuer " MAYBE_NOT_EXPORTED);
	ck_binding("0.0.0.0:443", "issuer_count", "int:1");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:67");
	ck_binding("0.0.0.0:443", "issuer_list_ca_only", "bool:false");
	ck_binding("0.0.0.0:443", "len(issuer_list_excluded)", "int:0");
}
END_TEST

START_TEST(root_mix_lists_only_ca_issued)
{
	/* The KB 2802568 layout (FORMATS.md 5): LocalMachine\Root holds the
	 * self-signed Lint Test Root CA (62-byte subject), the Lint Test
	 * Issuing CA it issued (65) and member 1 (63); AuthRoot member 2
	 * (63). The binding falls back to Root, which lists the three
	 * CA-issued certificates only: 2 + 67 + 65 + 65 = 199 bytes. The
	 * logical Root store says the same; the physical Root alone is no
	 * Root a binding takes, so all of it counts: 2 + 64 + 67 + 65 =
	 * 198. */
	add_cert("fixtures/reg/synthetic/certs/root.cer", TL_LOC_LOCAL_MACHINE, "Root");
	add_cert("fixtures/reg/synthetic/certs/issuing.cer", TL_LOC_LOCAL_MACHINE, "Root");
	add_member(1, TL_LOC_LOCAL_MACHINE, "Root");
	add_member(2, TL_LOC_LOCAL_MACHINE, "AuthRoot");
	add_reg(negotiating_binding);
	build();
	ck_binding("0.0.0.0:443", "issuer_source", "string:Root");
	ck_binding("0.0.0.0:443", "issuer_list_ca_only", "bool:true");
	ck_binding("0.0.0.0:443", "issuer_count", "int:3");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:199");
	ck_binding("0.0.0.0:443", "issuer_list_excluded",
		   "list:[F24ED8049CACDC167A5E66B5B01845AEA3167A5A]");
	ck_field(TL_SCOPE_STORE, logical_machine_root(), "issuer_list_bytes", "int:199");
	ck_field(TL_SCOPE_STORE, tl_view_object(view, TL_SCOPE_STORE, 0), "name", "string:Root");
	ck_field(TL_SCOPE_STORE, tl_view_object(view, TL_SCOPE_STORE, 0), "issuer_list_bytes",
		 "int:198");
}
END_TEST

/* A negotiating binding on a machine of this CurrentVersion and
 * SendTrustedIssuerList (value lines; NULL: absent). */
static void add_machine(const char *version, const char *send)
{
	char text[1024];

	snprintf(text, sizeof(text),
		 REG_HEADER "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n"
		 "%s%s%s\r\n"
		 "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n"
		 "%s%s%s\r\n" BINDING("0.0.0.0:443") "\"DefaultFlags\"=dword:00000002\r\n",
		 version ? "\"CurrentVersion\"=" : "", version ? version : "", version ? "\r\n" : "",
		 send ? "\"SendTrustedIssuerList\"=" : "", send ? send : "", send ? "\r\n" : "");
	add_reg(text);
}

START_TEST(issuer_list_limit_by_os_version)
{
	/* KB 2880390 (FORMATS.md 5): on CurrentVersion 6.2 a list over 16 KB
	 * breaks client authentication whether it is sent or not; later
	 * versions only when it is sent; no version: a later one assumed, and
	 * said; whether it is sent unknown: null */
	static const struct {
		const char *version, *send;
		const char *sent, *fatal, *assumed;
	} cases[] = {
		{"\"6.2\"", "dword:00000000", "bool:false", "bool:true", "bool:false"},
		{"\"6.2\"", NULL, "bool:false", "bool:true", "bool:false"},
		{"\"6.3\"", "dword:00000000", "bool:false", "bool:false", "bool:false"},
		{"\"6.3\"", "dword:00000001", "bool:true", "bool:true", "bool:false"},
		{"\"6.1\"", NULL, "bool:true", "bool:true", "bool:false"},
		{NULL, NULL, "bool:false", "bool:false", "bool:true"},
		{"\"6.3\"", "\"1\"", "null", "null", "bool:false"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		if (i)
			reset();
		add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
		add_machine(cases[i].version, cases[i].send);
		build();
		ck_binding("0.0.0.0:443", "issuer_list_sent", cases[i].sent);
		ck_binding("0.0.0.0:443", "issuer_list_limit_fatal", cases[i].fatal);
		ck_binding("0.0.0.0:443", "\"version is not in the export\" in issuer_list_limit_effect",
			   cases[i].assumed);
		ck_binding("0.0.0.0:443", "\"KB 2880390 hotfix\" in issuer_list_limit_effect",
			   cases[i].version && !strcmp(cases[i].version, "\"6.2\"") ? "bool:true"
										    : "bool:false");
	}
}
END_TEST

START_TEST(inferred_6_2_limit_applies_to_every_issuer_source)
{
	/* Inferred (windows/httpsys.c): KB 2880390 speaks of the Trusted Root
	 * store; a list taken from a named store or ClientAuthIssuer is taken
	 * to break alike on 6.2, since the cause the KB gives is the
	 * truncated list */
	add_member(1, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
	add_machine("\"6.2\"", "dword:00000000");
	build();
	ck_binding("0.0.0.0:443", "issuer_source", "string:ClientAuthIssuer");
	ck_binding("0.0.0.0:443", "issuer_list_limit_fatal", "bool:true");
}
END_TEST

START_TEST(issuer_source_client_auth_issuer)
{
	/* no DefaultSslCtlStoreName (:443), or an empty one (:444):
	 * ClientAuthIssuer, which holds certificates */
	add_member(3, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	add_member(5, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer");
	add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
	add_reg(REG_HEADER BINDING("0.0.0.0:443")
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\r\n" BINDING("0.0.0.0:444")
		"\"DefaultFlags\"=dword:00000002\r\n"
		"\"DefaultSslCtlStoreName\"=\"\"\r\n");
	build();
	ck_binding("0.0.0.0:443", "issuer_store", "null");
	ck_binding("0.0.0.0:443", "issuer_store_found", "null");
	ck_binding("0.0.0.0:443", "issuer_source", "string:ClientAuthIssuer");
	ck_binding("0.0.0.0:443", "issuer_count", "int:2");
	ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:132");
	ck_binding("0.0.0.0:444", "issuer_store", "string:");
	ck_binding("0.0.0.0:444", "issuer_store_found", "null");
	ck_binding("0.0.0.0:444", "issuer_source", "string:ClientAuthIssuer");
	ck_binding("0.0.0.0:444", "issuer_count", "int:2");
	ck_binding("0.0.0.0:444", "issuer_list_bytes", "int:132");
}
END_TEST

START_TEST(issuer_source_falls_back_to_root)
{
	int round;

	/* ClientAuthIssuer empty (round 0) or not exported (round 1): the
	 * machine's logical Root, here LocalMachine Root and group policy
	 * AuthRoot */
	for (round = 0; round < 2; round++) {
		if (round)
			reset();
		else
			add_empty_store("ClientAuthIssuer");
		add_member(4, TL_LOC_LOCAL_MACHINE, "Root");
		add_member(6, TL_LOC_LOCAL_MACHINE_GROUP_POLICY, "AuthRoot");
		add_reg(negotiating_binding);
		build();
		ck_assert(round == 1 ||
			  tl_model_find(in->model, TL_LOC_LOCAL_MACHINE, "ClientAuthIssuer") != NULL);
		ck_binding("0.0.0.0:443", "issuer_store_found", "null");
		ck_binding("0.0.0.0:443", "issuer_source", "string:Root");
		ck_binding("0.0.0.0:443", "issuer_count", "int:2");
		ck_binding("0.0.0.0:443", "issuer_list_bytes", "int:132");
	}
}
END_TEST

/* ---- binding flag bits */

/* The DefaultFlags fields of the catalogue and their bits (FORMATS.md 5). */
static const struct {
	const char *field;
	uint32_t bit;
} flag_fields[] = {
	{"use_ds_mapper", 0x1},
	{"negotiate_client_cert", 0x2},
	{"no_raw_filter", 0x4},
	{"reject", 0x8},
	{"disable_http2", 0x10},
	{"disable_quic", 0x20},
	{"disable_tls13", 0x40},
	{"disable_ocsp_stapling", 0x80},
	{"disable_legacy_tls", 0x400},
	{"disable_tls12", 0x1000},
};

#define FLAGS(ep, dword) BINDING(ep) "\"DefaultFlags\"=dword:" dword "\r\n\r\n"

static const char flag_bindings[] = REG_HEADER
	FLAGS("0.0.0.0:1", "00000001") FLAGS("0.0.0.0:2", "00000002")
	FLAGS("0.0.0.0:4", "00000004") FLAGS("0.0.0.0:8", "00000008")
	FLAGS("0.0.0.0:16", "00000010") FLAGS("0.0.0.0:32", "00000020")
	FLAGS("0.0.0.0:64", "00000040") FLAGS("0.0.0.0:128", "00000080")
	FLAGS("0.0.0.0:1024", "00000400") FLAGS("0.0.0.0:4096", "00001000")
	/* every documented bit; none of them (undocumented bits only) */
	FLAGS("0.0.0.0:5375", "000014ff") FLAGS("0.0.0.0:2147494656", "80002b00")
	FLAGS("0.0.0.0:0", "00000000")
	BINDING("0.0.0.0:9") "\"SslCertStoreName\"=\"MY\"\r\n\r\n"
	BINDING("0.0.0.0:10") "\"DefaultFlags\"=\"2\"\r\n\r\n"
	BINDING("0.0.0.0:11") "\"DefaultFlags\"=hex(4):02,00\r\n\r\n"
	SNI_BINDING("portal.lint.test:443") "\"DefaultFlags\"=dword:00000003\r\n";

/* Each flag field on the binding named after its DefaultFlags value. */
static void ck_flag_bits(const char *endpoint, uint32_t flags)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(flag_fields); i++)
		ck_binding(endpoint, flag_fields[i].field,
			   flags & flag_fields[i].bit ? "bool:true" : "bool:false");
}

START_TEST(binding_default_flags)
{
	size_t i;

	add_reg(flag_bindings);
	build();
	ck_assert_uint_eq(tl_view_count(view, TL_SCOPE_BINDING), 17);
	/* one bit each: only its own field is true */
	for (i = 0; i < TL_ARRAY_LEN(flag_fields); i++) {
		char endpoint[32], flags[32];

		snprintf(endpoint, sizeof(endpoint), "0.0.0.0:%u", (unsigned)flag_fields[i].bit);
		snprintf(flags, sizeof(flags), "int:%u", (unsigned)flag_fields[i].bit);
		ck_binding(endpoint, "flags", flags);
		ck_binding(endpoint, "sni", "bool:false");
		ck_flag_bits(endpoint, flag_fields[i].bit);
	}
	ck_binding("0.0.0.0:5375", "flags", "int:5375");
	ck_flag_bits("0.0.0.0:5375", 0x14ff);
	/* 0x100, 0x200, 0x800, 0x2000 and 0x80000000 are no field's bit;
	 * the DWORD is read unsigned */
	ck_binding("0.0.0.0:2147494656", "flags", "int:2147494656");
	ck_flag_bits("0.0.0.0:2147494656", 0);
	ck_binding("0.0.0.0:0", "flags", "int:0");
	ck_flag_bits("0.0.0.0:0", 0);
	/* absent, a string, a DWORD of two bytes: no flags */
	ck_binding("0.0.0.0:9", "flags", "null");
	ck_flag_bits("0.0.0.0:9", 0);
	ck_binding("0.0.0.0:10", "flags", "null");
	ck_flag_bits("0.0.0.0:10", 0);
	ck_binding("0.0.0.0:11", "flags", "null");
	ck_flag_bits("0.0.0.0:11", 0);
	/* an SNI binding decodes the same bits */
	ck_binding("portal.lint.test:443", "sni", "bool:true");
	ck_binding("portal.lint.test:443", "flags", "int:3");
	ck_flag_bits("portal.lint.test:443", 0x3);
}
END_TEST

#define CHECK_MODE(ep, dword) BINDING(ep) "\"DefaultSslCertCheckMode\"=dword:" dword "\r\n\r\n"

START_TEST(binding_check_mode)
{
	static const struct {
		const char *endpoint, *check_mode, *revocation, *cached, *no_usage;
	} cases[] = {
		{"0.0.0.0:1", "int:0", "bool:true", "bool:false", "bool:false"}, /* absent */
		{"0.0.0.0:2", "int:0", "bool:true", "bool:false", "bool:false"},
		{"0.0.0.0:3", "int:1", "bool:false", "bool:false", "bool:false"},
		{"0.0.0.0:4", "int:2", "bool:true", "bool:true", "bool:false"},
		{"0.0.0.0:5", "int:65536", "bool:true", "bool:false", "bool:true"},
		{"0.0.0.0:6", "int:65539", "bool:false", "bool:true", "bool:true"},
	};
	size_t i;

	add_reg(REG_HEADER BINDING("0.0.0.0:1") "\"DefaultFlags\"=dword:00000002\r\n\r\n"
		CHECK_MODE("0.0.0.0:2", "00000000") CHECK_MODE("0.0.0.0:3", "00000001")
		CHECK_MODE("0.0.0.0:4", "00000002") CHECK_MODE("0.0.0.0:5", "00010000")
		CHECK_MODE("0.0.0.0:6", "00010003"));
	build();
	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		ck_binding(cases[i].endpoint, "check_mode", cases[i].check_mode);
		ck_binding(cases[i].endpoint, "revocation_check", cases[i].revocation);
		ck_binding(cases[i].endpoint, "cached_revocation_only", cases[i].cached);
		ck_binding(cases[i].endpoint, "no_usage_check", cases[i].no_usage);
	}
}
END_TEST

/* Every row of every scope's table is there: the rows are tied to their
 * ids by designated initializers, so a row left out would be a hole (a
 * NULL name) rather than a shifted table. */
START_TEST(catalogue_has_no_holes)
{
	int scope;

	for (scope = 0; scope < TL_SCOPE_COUNT; scope++) {
		size_t n, i;
		const tl_field_doc *f = tl_fields_of(scope, &n);

		ck_assert_uint_gt(n, 0);
		for (i = 0; i < n; i++) {
			ck_assert_msg(f[i].name && f[i].doc && f[i].source,
				      "scope %s: row %zu is empty", tl_scope_name(scope), i);
			ck_assert_msg(f[i].name[0] != '\0', "scope %s: row %zu has no name",
				      tl_scope_name(scope), i);
		}
	}
}
END_TEST


/* ---- the mapping scope: IIS client certificate mappings */

#define SYNTH "fixtures/reg/synthetic/certs/"
#define SITES                                                                \
	"<system.applicationHost><sites><site name=\"Mapped\" id=\"1\"><bindings>" \
	"<binding protocol=\"https\" bindingInformation=\"*:443:\" />"       \
	"</bindings></site></sites></system.applicationHost>\n"
#define SECTION_OPEN "<system.webServer><security><authentication><iisClientCertificateMappingAuthentication"
#define SECTION_CLOSE "</iisClientCertificateMappingAuthentication></authentication></security></system.webServer>\n"

/* The PEM body of a testdata certificate: the reader drops the line
 * breaks in a certificate attribute, as IIS wants them gone. */
static char *pem_body(const char *rel)
{
	tl_buf pem = tt_read_testdata_buf(rel), body = {0};
	char *begin = strstr(pem.data, "-----\n"), *end = strstr(pem.data, "-----END");

	ck_assert(begin && end && begin < end);
	tl_buf_add(&body, begin + 6, (size_t)(end - begin - 6));
	tl_buf_free(&pem);
	return tl_buf_steal(&body);
}

/* An applicationHost.config: the section at the server with server_attrs
 * (none when NULL), and in <location path="Mapped"> with site_attrs and
 * the mappings' XML. */
static void add_apphost(const char *server_attrs, const char *site_attrs, const char *mappings)
{
	tl_buf text = {0};

	tl_buf_adds(&text, "<configuration>" SITES);
	if (server_attrs)
		tl_buf_printf(&text, SECTION_OPEN " %s>" SECTION_CLOSE, server_attrs);
	tl_buf_printf(&text, "<location path=\"Mapped\">" SECTION_OPEN " %s>\n%s" SECTION_CLOSE
			     "</location></configuration>\n",
		      site_attrs, mappings);
	tl_inputs_add_memory(in, "applicationHost.config", text.data, text.len,
			     TL_LOC_LOCAL_MACHINE, NULL);
	tl_buf_free(&text);
}

/* One one-to-one mapping of a certificate from testdata, enabled for the
 * site. */
static void add_one_to_one(const char *cert_rel)
{
	char *body = pem_body(cert_rel);
	char *xml = tl_xasprintf("<oneToOneMappings><add userName=\"LINT\\client\" "
				 "certificate=\"%s\" /></oneToOneMappings>\n",
				 body);

	add_apphost(NULL, "enabled=\"true\"", xml);
	free(xml);
	free(body);
}

static const tl_view_mapping *mapping(size_t i)
{
	ck_assert_uint_lt(i, tl_view_count(view, TL_SCOPE_MAPPING));
	return tl_view_object(view, TL_SCOPE_MAPPING, i);
}

#define ONE_MAPPING "<oneToOneMappings><add userName=\"u\" /></oneToOneMappings>\n"

/* enabled is the entry's and the section's in effect for the path, with
 * IIS's schema defaults (section false, one-to-one and many-to-one true)
 * only when an applicationHost.config says nothing. */
START_TEST(mapping_enabled_in_effect)
{
	add_apphost("enabled=\"true\"", "", ONE_MAPPING);
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "enabled", "bool:true"); /* inherited */
	reset();
	add_apphost(NULL, "", ONE_MAPPING);
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "enabled", "bool:false"); /* schema default */
	reset();
	add_apphost("enabled=\"true\"", "oneToOneCertificateMappingsEnabled=\"false\"", ONE_MAPPING);
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "enabled", "bool:false");
	reset();
	add_apphost("enabled=\"true\"", "",
		    "<oneToOneMappings><add userName=\"u\" enabled=\"false\" /></oneToOneMappings>\n");
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "enabled", "bool:false");
	reset();
	/* a site's web.config alone: the server level was not exported */
	tl_inputs_add_memory(in, "web.config",
			     "<configuration>" SECTION_OPEN ">" ONE_MAPPING SECTION_CLOSE
			     "</configuration>",
			     strlen("<configuration>" SECTION_OPEN ">" ONE_MAPPING SECTION_CLOSE
				    "</configuration>"),
			     TL_LOC_LOCAL_MACHINE, "Mapped");
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "enabled", "null");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "path", "string:Mapped");
}
END_TEST

/* issuer_trusted walks by signature to a self-signed root of the
 * machine's logical Root; an issuer in no store leaves it null and names
 * the issuer; without a machine Root the export cannot tell. */
START_TEST(mapping_chain)
{
	add_one_to_one(SYNTH "client.pem");
	add_cert(SYNTH "issuing.cer", TL_LOC_LOCAL_MACHINE, "CA");
	add_cert(SYNTH "root.cer", TL_LOC_LOCAL_MACHINE, "AuthRoot");
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "kind", "string:one-to-one");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "cert_sha1",
		 "string:4031B2975F015C4C510AE3CE1B6A41D350725010");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "issuer_found", "bool:true");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "issuer_trusted", "bool:true");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "chain_root",
		 "string:O=Lint Test (synthetic),CN=Lint Test Root CA");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "cert_in_export", "bool:false");
	reset();
	/* the root only in an intermediate store: a root the machine does not trust */
	add_one_to_one(SYNTH "client.pem");
	add_cert(SYNTH "issuing.cer", TL_LOC_LOCAL_MACHINE, "CA");
	add_cert(SYNTH "root.cer", TL_LOC_LOCAL_MACHINE, "CA");
	add_cert(SYNTH "other_root.cer", TL_LOC_LOCAL_MACHINE, "Root");
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "issuer_trusted", "bool:false");
	reset();
	/* the issuing CA's issuer is nowhere */
	add_one_to_one(SYNTH "client.pem");
	add_cert(SYNTH "issuing.cer", TL_LOC_LOCAL_MACHINE, "CA");
	add_cert(SYNTH "other_root.cer", TL_LOC_LOCAL_MACHINE, "Root");
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "issuer_found", "bool:true");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "issuer_trusted", "null");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "chain_missing_issuer",
		 "string:O=Lint Test (synthetic),CN=Lint Test Root CA");
	reset();
	/* no machine Root exported */
	add_one_to_one(SYNTH "client.pem");
	add_cert(SYNTH "issuing.cer", TL_LOC_LOCAL_MACHINE, "CA");
	build();
	ck_field(TL_SCOPE_MAPPING, mapping(0), "issuer_trusted", "null");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "chain_missing_issuer", "null");
	ck_field(TL_SCOPE_MAPPING, mapping(0), "cert_expired", "bool:false");
}
END_TEST

/* matchCriteria: '*' is the only wildcard and case folding is ASCII, both
 * inferred (IIS documents "wildcard matching" and compareCaseSensitive
 * without saying more). */
START_TEST(inferred_mapping_rule_star_is_the_only_wildcard)
{
	static const struct {
		const char *rule, *want;
	} cases[] = {
		{"certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"Lint Test Issuing CA\"", "bool:true"},
		{"certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"*Issuing*\"", "bool:true"},
		{"certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"Lint?Test*\"", "bool:false"},
		{"certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"lint test*\"", "bool:false"},
		{"certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"lint test*\" compareCaseSensitive=\"false\"", "bool:true"},
		{"certificateField=\"Issuer\" certificateSubField=\"S\" matchCriteria=\"*\"", "bool:false"},
		{"certificateField=\"Issuer\" certificateSubField=\"O\" matchCriteria=\"Lint Test (synthetic)\"", "bool:true"},
		{"certificateField=\"Subject\" certificateSubField=\"CN\" matchCriteria=\"x\"", "null"},
		{"certificateField=\"Issuer\" certificateSubField=\"E\" matchCriteria=\"x\"", "null"},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char *xml = tl_xasprintf("<manyToOneMappings><add name=\"m\" userName=\"u\"><rules>"
					 "<add %s /></rules></add></manyToOneMappings>\n",
					 cases[i].rule);

		reset();
		add_apphost(NULL, "enabled=\"true\"", xml);
		add_cert(SYNTH "issuing.cer", TL_LOC_LOCAL_MACHINE, "CA");
		add_cert(SYNTH "root.cer", TL_LOC_LOCAL_MACHINE, "Root");
		add_cert(SYNTH "client.cer", TL_LOC_LOCAL_MACHINE, "My"); /* no CA: never matches */
		build();
		ck_assert_uint_eq(tl_view_count(view, TL_SCOPE_MAPPING), 2);
		ck_field(TL_SCOPE_MAPPING, mapping(0), "kind", "string:many-to-one");
		ck_field(TL_SCOPE_MAPPING, mapping(0), "rule_count", "int:1");
		ck_field(TL_SCOPE_MAPPING, mapping(1), "kind", "string:rule");
		ck_field(TL_SCOPE_MAPPING, mapping(1), "matches_export_issuer", cases[i].want);
		free(xml);
	}
}
END_TEST

/* Where a mapping and a rule are reported, and their logical names. */
START_TEST(mapping_described)
{
	tl_loc loc;
	tl_buf name = {0};
	tl_about about;

	add_apphost(NULL, "enabled=\"true\"",
		    "<manyToOneMappings><add name=\"m\" userName=\"u\"><rules>\n"
		    "<add certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"x\" />\n"
		    "<add certificateField=\"Issuer\" certificateSubField=\"CN\" matchCriteria=\"y\" />\n"
		    "</rules></add></manyToOneMappings>\n");
	build();
	ck_assert_uint_eq(tl_view_count(view, TL_SCOPE_MAPPING), 3);
	tl_view_describe(view, TL_SCOPE_MAPPING, mapping(2), &loc, &name, &about);
	ck_assert_str_eq(name.data, "IIS\\Mappings\\Mapped\\1\\Rules\\2");
	ck_assert_str_eq(loc.file, "applicationHost.config");
	ck_assert_uint_eq(loc.line, 5);
	ck_assert_int_eq(about.hashes, TL_ABOUT_NO_HASHES);
	reset();
	name.len = 0;
	add_one_to_one(SYNTH "client.pem");
	build();
	tl_view_describe(view, TL_SCOPE_MAPPING, mapping(0), &loc, &name, &about);
	ck_assert_str_eq(name.data, "IIS\\Mappings\\Mapped\\1");
	ck_assert_int_eq(about.hashes, TL_ABOUT_HASHES_PARSED);
	ck_assert_str_eq(about.subject, "O=Lint Test (synthetic),CN=client01.lint.test");
	tl_buf_free(&name);
}
END_TEST

static Suite *fields_suite(void)
{
	Suite *s = suite_create("fields");
	TCase *root = tcase_create("logical-root");
	TCase *source = tcase_create("issuer-source");
	TCase *flags = tcase_create("binding-flags");
	TCase *mappings = tcase_create("mappings");

	tcase_add_checked_fixture(root, setup, teardown);
	tcase_add_test(root, catalogue_has_no_holes);
	tcase_add_test(root, logical_root_of_nine_stores);
	tcase_add_test(root, logical_root_counts_a_certificate_once);
	tcase_add_test(root, logical_root_leaves_out_other_stores);
	suite_add_tcase(s, root);
	tcase_add_checked_fixture(source, setup, teardown);
	tcase_add_test(source, issuer_source_named_store);
	tcase_add_test(source, issuer_source_named_store_empty_falls_back);
	tcase_add_test(source, issuer_source_named_store_absent_falls_back_to_root);
	tcase_add_test(source, root_mix_lists_only_ca_issued);
	tcase_add_test(source, issuer_list_limit_by_os_version);
	tcase_add_test(source, inferred_6_2_limit_applies_to_every_issuer_source);
	tcase_add_test(source, issuer_source_client_auth_issuer);
	tcase_add_test(source, issuer_source_falls_back_to_root);
	suite_add_tcase(s, source);
	tcase_add_checked_fixture(flags, setup, teardown);
	tcase_add_test(flags, binding_default_flags);
	tcase_add_test(flags, binding_check_mode);
	suite_add_tcase(s, flags);
	tcase_add_checked_fixture(mappings, setup, teardown);
	tcase_add_test(mappings, mapping_enabled_in_effect);
	tcase_add_test(mappings, mapping_chain);
	tcase_add_test(mappings, inferred_mapping_rule_star_is_the_only_wildcard);
	tcase_add_test(mappings, mapping_described);
	suite_add_tcase(s, mappings);
	return s;
}

int main(void)
{
	return tt_run(fields_suite());
}
