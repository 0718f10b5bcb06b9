/* check_schannel.c: the TLS settings of src/windows/ that the machine
 * scope reads besides the Schannel values of check_windows.c: the
 * protocols in effect per side with the OS defaults by build
 * (protocols.h), the cipher suite order and ECC curve policies
 * (ciphersuites.h) and the .NET Framework's switches (dotnet.h), through
 * their own APIs and through tl_schannel_read. Registries come from .reg
 * text. Every expected value is worked out in the comment beside it from
 * the sources the module comments cite; a test whose name starts with
 * "inferred_" pins an assumption no Microsoft page confirms. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/reg.h"
#include "testutil.h"
#include "windows/ciphersuites.h"
#include "windows/dotnet.h"
#include "windows/protocols.h"
#include "windows/schannel.h"

#define REG_HEADER "Windows Registry Editor Version 5.00\r\n\r\n"
/* spelled out here rather than taken from the headers, so that a typo in
 * a TL_WIN_*_KEY fails these tests */
#define PROTOCOLS "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"
#define NT "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
#define SSL_POLICY "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002"
#define NETFX "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework"
#define NETFX_WOW "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework"
#define NDP "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP"

/* Short names for the states in the tables below. */
enum { UNK = TL_PROTO_UNKNOWN, UNSUP = TL_PROTO_UNSUPPORTED, OFF = TL_PROTO_OFF,
       REQ = TL_PROTO_ON_REQUEST, ON = TL_PROTO_ON };

static tl_registry *reg;
static tl_schannel sc;

static void setup(void)
{
	reg = NULL;
	memset(&sc, 0, sizeof(sc));
}

static void teardown(void)
{
	tl_schannel_free(&sc);
	tl_registry_free(reg);
	reg = NULL;
}

/* The registry of .reg text, which must load without a diagnostic, and
 * the machine's settings read from it. */
static void read_text(const char *text)
{
	tl_diags *d = tl_diags_new();

	tl_schannel_free(&sc);
	tl_registry_free(reg);
	reg = tl_registry_new();
	ck_assert_int_eq(tl_registry_load(reg, (const uint8_t *)text, strlen(text), "test.reg", d), 0);
	tt_ck_diags(d, "");
	tl_diags_free(d);
	tl_schannel_read(reg, NULL, &sc);
}

static const char *state_text(tl_proto_state s)
{
	return s == TL_PROTO_UNKNOWN ? "unknown" : tl_proto_state_name(s);
}

/* ================================================================ protocols */

START_TEST(protocol_names)
{
	/* the subkey names of FORMATS.md 5, which the registry paths use */
	ck_assert_str_eq(tl_proto_name(TL_PROTO_SSL2), "SSL 2.0");
	ck_assert_str_eq(tl_proto_name(TL_PROTO_TLS10), "TLS 1.0");
	ck_assert_str_eq(tl_proto_name(TL_PROTO_TLS13), "TLS 1.3");
	ck_assert_str_eq(tl_proto_name(TL_PROTO_DTLS12), "DTLS 1.2");
	ck_assert_str_eq(tl_proto_side_name(TL_SIDE_SERVER), "Server");
	ck_assert_str_eq(tl_proto_side_name(TL_SIDE_CLIENT), "Client");
	ck_assert_str_eq(tl_proto_state_name(TL_PROTO_ON_REQUEST), "on-request");
	ck_assert_ptr_null(tl_proto_state_name(TL_PROTO_UNKNOWN));
}
END_TEST

/* One protocol, one side, one build: the default. */
static const struct {
	tl_proto_id p;
	tl_proto_side s;
	int64_t build;
	int want;
} defaults[] = {
	/* "Protocols in TLS/SSL (Schannel SSP)", row by row: Windows Vista /
	 * Server 2008 (6001): SSL 2.0 client Disabled, server Enabled; SSL
	 * 3.0 and TLS 1.0 Enabled; TLS 1.1, 1.2, 1.3, DTLS Not supported */
	{TL_PROTO_SSL2, TL_SIDE_SERVER, 6001, ON},
	{TL_PROTO_SSL3, TL_SIDE_CLIENT, 6001, ON},
	{TL_PROTO_TLS10, TL_SIDE_SERVER, 6001, ON},
	{TL_PROTO_TLS12, TL_SIDE_SERVER, 6001, UNSUP},
	{TL_PROTO_DTLS10, TL_SIDE_SERVER, 6001, UNSUP},
	/* Windows 7 / 2008 R2 (7601): DTLS 1.0 Enabled, DTLS 1.2 not */
	{TL_PROTO_DTLS10, TL_SIDE_CLIENT, 7601, ON},
	{TL_PROTO_DTLS12, TL_SIDE_CLIENT, 7601, UNSUP},
	{TL_PROTO_SSL2, TL_SIDE_SERVER, 7601, ON},
	/* Windows 8 / Server 2012 (9200): SSL 2.0 server Disabled, TLS 1.1
	 * and 1.2 Enabled on both sides */
	{TL_PROTO_SSL2, TL_SIDE_SERVER, 9200, OFF},
	{TL_PROTO_TLS11, TL_SIDE_CLIENT, 9200, ON},
	{TL_PROTO_TLS12, TL_SIDE_SERVER, 9200, ON},
	/* Windows 8.1 / 2012 R2 (9600): SSL 3.0 still Enabled */
	{TL_PROTO_SSL3, TL_SIDE_SERVER, 9600, ON},
	{TL_PROTO_TLS13, TL_SIDE_SERVER, 9600, UNSUP},
	/* Windows 10 1507 (10240): as 8.1 */
	{TL_PROTO_SSL2, TL_SIDE_SERVER, 10240, OFF},
	{TL_PROTO_SSL3, TL_SIDE_CLIENT, 10240, ON},
	/* Windows 10 1607 / Server 2016 (14393): SSL 2.0 Not supported,
	 * SSL 3.0 Disabled, DTLS 1.2 Enabled */
	{TL_PROTO_SSL2, TL_SIDE_SERVER, 14393, UNSUP},
	{TL_PROTO_SSL2, TL_SIDE_CLIENT, 14393, UNSUP},
	{TL_PROTO_SSL3, TL_SIDE_SERVER, 14393, OFF},
	{TL_PROTO_DTLS12, TL_SIDE_SERVER, 14393, ON},
	/* Server 2019 (17763) and Windows 10 22H2 (19045): no TLS 1.3 */
	{TL_PROTO_TLS13, TL_SIDE_SERVER, 17763, UNSUP},
	{TL_PROTO_TLS13, TL_SIDE_CLIENT, 19045, UNSUP},
	{TL_PROTO_TLS10, TL_SIDE_SERVER, 17763, ON},
	/* Server 2022 (20348), Windows 11 (22000, 22631): TLS 1.3 Enabled
	 * (FORMATS.md 5 "OS version"), TLS 1.0 and 1.1 still Enabled */
	{TL_PROTO_TLS13, TL_SIDE_SERVER, 20348, ON},
	{TL_PROTO_TLS13, TL_SIDE_CLIENT, 22000, ON},
	{TL_PROTO_TLS10, TL_SIDE_CLIENT, 20348, ON},
	{TL_PROTO_TLS11, TL_SIDE_SERVER, 22631, ON},
	{TL_PROTO_TLS12, TL_SIDE_SERVER, 26100, ON},
	{TL_PROTO_TLS13, TL_SIDE_SERVER, 26100, ON},
	/* before Vista (Server 2003 is 3790) the page says nothing */
	{TL_PROTO_TLS10, TL_SIDE_SERVER, 3790, UNK},
	{TL_PROTO_SSL3, TL_SIDE_SERVER, 5999, UNK},
};

START_TEST(protocol_default_by_build)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(defaults); i++) {
		tl_proto_state got = tl_proto_default(defaults[i].p, defaults[i].s, true, defaults[i].build);

		ck_assert_msg((int)got == defaults[i].want, "%s %s on build %lld: %s, want %s",
			      tl_proto_name(defaults[i].p), tl_proto_side_name(defaults[i].s),
			      (long long)defaults[i].build, state_text(got),
			      state_text((tl_proto_state)defaults[i].want));
	}
}
END_TEST

START_TEST(protocol_default_without_build)
{
	/* no CurrentBuildNumber: no default at all, whatever the protocol */
	int p, s;

	for (p = 0; p < TL_PROTO_COUNT; p++)
		for (s = 0; s < TL_SIDE_COUNT; s++)
			ck_assert_int_eq(tl_proto_default(p, s, false, 20348), TL_PROTO_UNKNOWN);
}
END_TEST

START_TEST(inferred_tls10_tls11_off_by_default_from_build_26100)
{
	/* Microsoft: off by default from the September 2023 Insider builds
	 * "and future Windows OS releases", "not ... any in-market OS
	 * versions". Assumed: the first such release is build 26100 (Windows
	 * 11 24H2, Server 2025), so 23H2 (22631) keeps them on */
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS10, TL_SIDE_SERVER, true, 22631), TL_PROTO_ON);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS10, TL_SIDE_SERVER, true, 26100), TL_PROTO_OFF);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS10, TL_SIDE_CLIENT, true, 26100), TL_PROTO_OFF);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS11, TL_SIDE_SERVER, true, 26100), TL_PROTO_OFF);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS11, TL_SIDE_CLIENT, true, 26100), TL_PROTO_OFF);
	/* DTLS 1.0 is not part of that announcement */
	ck_assert_int_eq(tl_proto_default(TL_PROTO_DTLS10, TL_SIDE_SERVER, true, 26100), TL_PROTO_ON);
}
END_TEST

START_TEST(inferred_disabled_default_is_off_unless_windows_leaves_it_to_applications)
{
	/* The page's "Disabled" is read as off (Enabled=0: Microsoft's way
	 * back is Enabled=1) ... */
	ck_assert_int_eq(tl_proto_default(TL_PROTO_SSL3, TL_SIDE_SERVER, true, 17763), TL_PROTO_OFF);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_SSL2, TL_SIDE_SERVER, true, 9600), TL_PROTO_OFF);
	/* ... but as on-request (DisabledByDefault=1) for the SSL 2.0 client,
	 * whose key Windows writes with DisabledByDefault=1, and for TLS 1.1
	 * and 1.2 on Windows 7 */
	ck_assert_int_eq(tl_proto_default(TL_PROTO_SSL2, TL_SIDE_CLIENT, true, 9600), TL_PROTO_ON_REQUEST);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS11, TL_SIDE_SERVER, true, 7601), TL_PROTO_ON_REQUEST);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS12, TL_SIDE_CLIENT, true, 7601), TL_PROTO_ON_REQUEST);
	/* so that Enabled=1 alone turns an off default on, and
	 * DisabledByDefault=0 alone an on-request one */
	ck_assert_int_eq(tl_proto_effective(TL_PROTO_OFF, 1, -1), TL_PROTO_ON);
	ck_assert_int_eq(tl_proto_effective(TL_PROTO_OFF, -1, 0), TL_PROTO_OFF);
	ck_assert_int_eq(tl_proto_effective(TL_PROTO_ON_REQUEST, -1, 0), TL_PROTO_ON);
	ck_assert_int_eq(tl_proto_effective(TL_PROTO_ON_REQUEST, 1, -1), TL_PROTO_ON_REQUEST);
}
END_TEST

START_TEST(inferred_tls11_tls12_unsupported_before_windows_7)
{
	/* Server 2008 SP2 (6002) gets TLS 1.1 and 1.2 from an update
	 * (KB4019276) that the registry does not show: taken as not there */
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS11, TL_SIDE_SERVER, true, 6002), TL_PROTO_UNSUPPORTED);
	ck_assert_int_eq(tl_proto_default(TL_PROTO_TLS12, TL_SIDE_CLIENT, true, 6002), TL_PROTO_UNSUPPORTED);
}
END_TEST

START_TEST(protocol_effective_combinations)
{
	/* Enabled and DisabledByDefault as written (-1: absent) over each
	 * default ("TLS registry settings": Enabled 0 denies the protocol
	 * even to an application that asks; DisabledByDefault 1 leaves it to
	 * applications that ask; 0xffffffff is as good as 1) */
	static const struct {
		int dflt;
		int64_t enabled, dbd;
		int want;
	} cases[] = {
		/* nothing written: the default */
		{ON, -1, -1, ON},
		{OFF, -1, -1, OFF},
		{REQ, -1, -1, REQ},
		{UNK, -1, -1, UNK},
		/* unsupported stays so whatever is written */
		{UNSUP, 1, 0, UNSUP},
		{UNSUP, 0, 1, UNSUP},
		/* Enabled 0 is off on its own, even with no build */
		{ON, 0, -1, OFF},
		{ON, 0, 0, OFF},
		{UNK, 0, -1, OFF},
		{UNK, 0, 1, OFF},
		/* Enabled non-zero, DisabledByDefault decides */
		{ON, 0xffffffff, 1, REQ},
		{ON, 1, 0, ON},
		{UNK, 1, 0, ON},
		{UNK, 0xffffffff, 1, REQ},
		{OFF, 0xffffffff, -1, ON},
		/* DisabledByDefault alone over a default that is on */
		{ON, -1, 1, REQ},
		{ON, -1, 0, ON},
		{ON, -1, 2, REQ},
		/* with no build, one value alone does not decide */
		{UNK, 1, -1, UNK},
		{UNK, -1, 0, UNK},
		{UNK, -1, 1, UNK},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		tl_proto_state got = tl_proto_effective((tl_proto_state)cases[i].dflt, cases[i].enabled, cases[i].dbd);

		ck_assert_msg((int)got == cases[i].want, "case %zu: default %s, Enabled %lld, DisabledByDefault %lld: %s",
			      i, state_text((tl_proto_state)cases[i].dflt), (long long)cases[i].enabled,
			      (long long)cases[i].dbd, state_text(got));
	}
}
END_TEST

START_TEST(protocols_read_from_registry)
{
	/* Server 2022 (20348): TLS 1.3 server turned off as the Operations
	 * Manager 2025 release notes tell (Enabled 0, DisabledByDefault 1),
	 * TLS 1.3 client left to applications, TLS 1.0 server Enabled as a
	 * string (not read: the default, on), SSL 3.0 client re-enabled, TLS
	 * 1.2 key with no values */
	read_text(REG_HEADER "[" NT "]\r\n\"CurrentVersion\"=\"6.3\"\r\n\"CurrentBuildNumber\"=\"20348\"\r\n\r\n"
		  "[" PROTOCOLS "\\TLS 1.3\\Server]\r\n\"Enabled\"=dword:00000000\r\n"
		  "\"DisabledByDefault\"=dword:00000001\r\n\r\n"
		  "[" PROTOCOLS "\\TLS 1.3\\Client]\r\n\"DisabledByDefault\"=dword:00000001\r\n\r\n"
		  "[" PROTOCOLS "\\TLS 1.0\\Server]\r\n\"Enabled\"=\"0\"\r\n\r\n"
		  "[" PROTOCOLS "\\SSL 3.0\\Client]\r\n\"Enabled\"=dword:ffffffff\r\n\r\n"
		  "[" PROTOCOLS "\\TLS 1.2\\Server]\r\n");
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_SERVER].enabled, 0);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_SERVER].disabled_by_default, 1);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_SERVER].state, TL_PROTO_OFF);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_CLIENT].enabled, -1);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_CLIENT].state, TL_PROTO_ON_REQUEST);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS10][TL_SIDE_SERVER].enabled, -1);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS10][TL_SIDE_SERVER].state, TL_PROTO_ON);
	ck_assert_int_eq(sc.protocols[TL_PROTO_SSL3][TL_SIDE_CLIENT].enabled, 0xffffffff);
	ck_assert_int_eq(sc.protocols[TL_PROTO_SSL3][TL_SIDE_CLIENT].state, TL_PROTO_ON);
	ck_assert_int_eq(sc.protocols[TL_PROTO_SSL3][TL_SIDE_SERVER].state, TL_PROTO_OFF);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS12][TL_SIDE_SERVER].enabled, -1);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS12][TL_SIDE_SERVER].state, TL_PROTO_ON);
	ck_assert_int_eq(sc.protocols[TL_PROTO_SSL2][TL_SIDE_SERVER].state, TL_PROTO_UNSUPPORTED);

	/* the same values with no OS version: only what decides on its own */
	read_text(REG_HEADER "[" PROTOCOLS "\\TLS 1.3\\Server]\r\n\"Enabled\"=dword:00000000\r\n\r\n"
		  "[" PROTOCOLS "\\TLS 1.3\\Client]\r\n\"DisabledByDefault\"=dword:00000001\r\n\r\n"
		  "[" PROTOCOLS "\\SSL 2.0\\Server]\r\n\"Enabled\"=dword:00000001\r\n"
		  "\"DisabledByDefault\"=dword:00000000\r\n");
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_SERVER].state, TL_PROTO_OFF);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS13][TL_SIDE_CLIENT].state, TL_PROTO_UNKNOWN);
	ck_assert_int_eq(sc.protocols[TL_PROTO_SSL2][TL_SIDE_SERVER].state, TL_PROTO_ON);
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS12][TL_SIDE_CLIENT].state, TL_PROTO_UNKNOWN);
}
END_TEST

START_TEST(protocols_read_every_key)
{
	/* each protocol and side read from its own key: Enabled 0 on one key
	 * turns that one off on Server 2022 (20348) and leaves the other 15 at
	 * their defaults (on, except SSL 2.0 unsupported and SSL 3.0 off) */
	int p, s, q, t;

	for (p = 0; p < TL_PROTO_COUNT; p++)
		for (s = 0; s < TL_SIDE_COUNT; s++) {
			char text[1024];

			snprintf(text, sizeof(text),
				 REG_HEADER "[" NT "]\r\n\"CurrentBuildNumber\"=\"20348\"\r\n\r\n"
					    "[" PROTOCOLS "\\%s\\%s]\r\n\"Enabled\"=dword:00000000\r\n",
				 tl_proto_name(p), tl_proto_side_name(s));
			read_text(text);
			for (q = 0; q < TL_PROTO_COUNT; q++)
				for (t = 0; t < TL_SIDE_COUNT; t++) {
					const tl_proto_setting *ps = &sc.protocols[q][t];
					bool this = q == p && t == s;
					tl_proto_state want = q == TL_PROTO_SSL2 ? TL_PROTO_UNSUPPORTED
							      : this || q == TL_PROTO_SSL3 ? TL_PROTO_OFF
											  : TL_PROTO_ON;

					ck_assert_msg(ps->enabled == (this ? 0 : -1) && ps->state == want,
						      "%s %s written: %s %s is %s, Enabled %lld", tl_proto_name(p),
						      tl_proto_side_name(s), tl_proto_name(q), tl_proto_side_name(t),
						      state_text(ps->state), (long long)ps->enabled);
				}
		}
}
END_TEST

START_TEST(protocols_case_insensitive_paths)
{
	/* registry paths are case-insensitive: a script's "tls 1.2\server"
	 * is the same key */
	read_text(REG_HEADER "[" NT "]\r\n\"CurrentBuildNumber\"=\"17763\"\r\n\r\n"
		  "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\"
		  "protocols\\tls 1.2\\server]\r\n\"Enabled\"=dword:00000000\r\n");
	ck_assert_int_eq(sc.protocols[TL_PROTO_TLS12][TL_SIDE_SERVER].state, TL_PROTO_OFF);
}
END_TEST

/* ============================================================ cipher suites */

START_TEST(suite_order_split)
{
	/* commas split; blanks around an entry go, blanks inside stay; empty
	 * entries, like the one after the policy editor's final comma, go */
	static const struct {
		const char *value;
		const char *want; /* the entries joined by '|' */
	} cases[] = {
		{"A,B", "A|B"},
		{"A, B", "A|B"},
		{" A ,,B,", "A|B"},
		{"A,B,", "A|B"},
		{"\tA\r\n,B ", "A|B"},
		{"A B,C", "A B|C"},
		{"", ""},
		{",,, ,", ""},
		{"TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"},
	};
	size_t i, j;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char **v;
		size_t n = tl_cipher_suites_split(cases[i].value, &v);
		tl_buf got = {0};

		for (j = 0; j < n; j++) {
			if (j)
				tl_buf_addc(&got, '|');
			tl_buf_adds(&got, v[j]);
		}
		tl_buf_addc(&got, '\0');
		ck_assert_msg(strcmp(got.data, cases[i].want) == 0, "'%s': '%s'", cases[i].value, got.data);
		tl_buf_free(&got);
		tl_strv_free(v, n);
	}
}
END_TEST

START_TEST(suite_weakness)
{
	/* names as Windows spells them ("Cipher Suites in TLS/SSL (Schannel
	 * SSP)"), the reason of the first test that applies in
	 * tl_cipher_suite_weakness's order, NULL for a suite that is not weak */
	static const struct {
		const char *suite, *want;
	} cases[] = {
		{"TLS_RSA_WITH_NULL_SHA256", "NULL"},
		{"TLS_RSA_WITH_NULL_MD5", "NULL"},
		{"TLS_PSK_WITH_NULL_SHA384", "NULL"},
		{"TLS_DH_anon_WITH_AES_128_CBC_SHA", "anonymous"},
		{"TLS_RSA_EXPORT1024_WITH_RC4_56_SHA", "EXPORT"},
		{"TLS_RSA_EXPORT_WITH_RC4_40_MD5", "EXPORT"},
		{"SSL_CK_RC4_128_WITH_MD5", "SSL 2.0"},
		{"SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "SSL 2.0"},
		{"TLS_RSA_WITH_3DES_EDE_CBC_SHA", "3DES"},
		{"TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "3DES"},
		{"TLS_RSA_WITH_DES_CBC_SHA", "DES"},
		{"TLS_RSA_WITH_RC4_128_SHA", "RC4"},
		{"TLS_RSA_WITH_RC4_128_MD5", "RC4"},
		{"tls_rsa_with_rc4_128_sha", "RC4"},
		{"TLS_RSA_WITH_CAMELLIA_128_CBC_MD5", "MD5"},
		/* not weak: AEAD, CBC with SHA-1 or SHA-2, static RSA, curve
		 * suffixes of older Windows, look-alike tokens */
		{"TLS_AES_256_GCM_SHA384", NULL},
		{"TLS_CHACHA20_POLY1305_SHA256", NULL},
		{"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", NULL},
		{"TLS_RSA_WITH_AES_128_CBC_SHA", NULL},
		{"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256_P256", NULL},
		{"TLS_DHE_DSS_WITH_AES_256_CBC_SHA", NULL},
		{"TLS_RSA_WITH_ADES_CBC_SHA", NULL},
		{"TLS_NULLX_WITH_AES_128_GCM_SHA256", NULL},
		{"TLS_MD5_WITH_AES_128_GCM_SHA256", NULL},
		{"", NULL},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		const char *got = tl_cipher_suite_weakness(cases[i].suite);

		ck_assert_msg(cases[i].want ? got && strcmp(got, cases[i].want) == 0 : got == NULL, "%s: %s",
			      cases[i].suite, got ? got : "(not weak)");
	}
}
END_TEST

START_TEST(suite_order_value_types)
{
	/* REG_SZ as the policy writes it; REG_EXPAND_SZ read the same (the
	 * inferred_ test below); a REG_MULTI_SZ (what Set-ItemProperty makes
	 * of an array) or a DWORD is present but not read; absent is
	 * neither. hex(2) and hex(7) hold "A,B", one byte a character as an
	 * 8-bit .reg file writes them (FORMATS.md 2). */
	static const struct {
		const char *data; /* NULL: absent */
		uint32_t type;
		bool read;
		size_t count;
	} cases[] = {
		{"\"TLS_AES_256_GCM_SHA384,TLS_RSA_WITH_RC4_128_SHA\"", TL_REG_SZ, true, 2},
		{"hex(2):41,2c,42,00", TL_REG_EXPAND_SZ, true, 2},
		{"hex(7):41,2c,42,00,00", TL_REG_MULTI_SZ, false, 0},
		{"dword:00000001", TL_REG_DWORD, false, 0},
		{"\"\"", TL_REG_SZ, true, 0},
		{NULL, 0, false, 0},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char text[1024];

		snprintf(text, sizeof(text), REG_HEADER "[" SSL_POLICY "]\r\n%s%s\r\n",
			 cases[i].data ? "\"Functions\"=" : "", cases[i].data ? cases[i].data : "");
		read_text(text);
		ck_assert_msg(sc.cipher_policy.present == (cases[i].data != NULL), "case %zu: present", i);
		ck_assert_msg(!cases[i].data || sc.cipher_policy.type == cases[i].type, "case %zu: type %u", i,
			      (unsigned)sc.cipher_policy.type);
		ck_assert_msg(sc.cipher_policy.read == cases[i].read, "case %zu: read", i);
		ck_assert_msg(sc.cipher_policy.suite_count == cases[i].count, "case %zu: %zu suites", i,
			      sc.cipher_policy.suite_count);
	}
	/* the first case: its order, and the weak one (RC4) pointed at */
	read_text(REG_HEADER "[" SSL_POLICY "]\r\n\"Functions\"=\"TLS_AES_256_GCM_SHA384,TLS_RSA_WITH_RC4_128_SHA\"\r\n");
	ck_assert_str_eq(sc.cipher_policy.suites[0], "TLS_AES_256_GCM_SHA384");
	ck_assert_str_eq(sc.cipher_policy.suites[1], "TLS_RSA_WITH_RC4_128_SHA");
	ck_assert_uint_eq(sc.cipher_policy.weak_count, 1);
	ck_assert_ptr_eq(sc.cipher_policy.weak[0], sc.cipher_policy.suites[1]);
	ck_assert_uint_eq(sc.cipher_policy.length, 47);
}
END_TEST

START_TEST(inferred_expand_sz_suite_order_is_read_like_sz)
{
	/* the template writes REG_SZ; that Schannel reads a REG_EXPAND_SZ
	 * Functions the same is assumed (no Microsoft page says). "A,B" in an
	 * 8-bit file */
	read_text(REG_HEADER "[" SSL_POLICY "]\r\n\"Functions\"=hex(2):41,2c,42,00\r\n");
	ck_assert(sc.cipher_policy.read);
	ck_assert_uint_eq(sc.cipher_policy.suite_count, 2);
	ck_assert_str_eq(sc.cipher_policy.suites[1], "B");
}
END_TEST

START_TEST(suite_order_over_long)
{
	/* 40 entries of "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384," (38
	 * characters): 1520 characters, over the policy editor's 1023; read
	 * whole, and its length kept for the rules */
	tl_buf text = {0};
	int i;

	tl_buf_adds(&text, REG_HEADER "[" SSL_POLICY "]\r\n\"Functions\"=\"");
	for (i = 0; i < 40; i++)
		tl_buf_adds(&text, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,");
	tl_buf_adds(&text, "TLS_RSA_WITH_NULL_SHA\"\r\n");
	tl_buf_addc(&text, '\0');
	read_text(text.data);
	tl_buf_free(&text);
	ck_assert_uint_eq(sc.cipher_policy.length, 40 * 38 + 21);
	ck_assert(sc.cipher_policy.length > TL_WIN_SUITE_ORDER_MAX);
	ck_assert_uint_eq(sc.cipher_policy.suite_count, 41);
	ck_assert_uint_eq(sc.cipher_policy.weak_count, 1);
	ck_assert_str_eq(sc.cipher_policy.weak[0], "TLS_RSA_WITH_NULL_SHA");
}
END_TEST

START_TEST(ecc_curves)
{
	/* REG_MULTI_SZ "NistP384", "NistP256" (the STIG's order), with and
	 * without the list's final empty string (bytes as an 8-bit .reg file
	 * writes them); a REG_SZ is not read */
	static const struct {
		const char *data;
		bool read;
		const char *want; /* joined by '|' */
	} cases[] = {
		{"hex(7):4e,69,73,74,50,33,38,34,00,4e,69,73,74,50,32,35,36,00,00", true, "NistP384|NistP256"},
		{"hex(7):4e,69,73,74,50,33,38,34,00,4e,69,73,74,50,32,35,36", true, "NistP384|NistP256"},
		{"hex(7):00", true, ""},
		{"\"NistP384\"", false, ""},
	};
	size_t i, j;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char text[1024];
		tl_buf got = {0};

		snprintf(text, sizeof(text), REG_HEADER "[" SSL_POLICY "]\r\n\"EccCurves\"=%s\r\n", cases[i].data);
		read_text(text);
		ck_assert_msg(sc.cipher_policy.curves_read == cases[i].read, "case %zu: read", i);
		for (j = 0; j < sc.cipher_policy.curve_count; j++) {
			if (j)
				tl_buf_addc(&got, '|');
			tl_buf_adds(&got, sc.cipher_policy.curves[j]);
		}
		tl_buf_addc(&got, '\0');
		ck_assert_msg(strcmp(got.data, cases[i].want) == 0, "case %zu: '%s'", i, got.data);
		tl_buf_free(&got);
		/* Functions absent: the suite order is not set */
		ck_assert(!sc.cipher_policy.present && !sc.cipher_policy.read);
	}
}
END_TEST

/* ==================================================================== .NET */

START_TEST(dotnet_strong_crypto_off)
{
	/* Which keys leave strong cryptography off for every application
	 * (dotnet.c, from ServicePointManager.Configuration.cs): v4.0.30319
	 * when SchUseStrongCrypto is the DWORD 0; v2.0.50727 when it is not
	 * the DWORD 1 and 3.5 is installed (NDP\v3.5 Install 1) */
	static const struct {
		const char *what, *text;
		int v35;
		bool off[TL_NETFX_COUNT]; /* v4, v4 WOW64, v2, v2 WOW64 */
	} cases[] = {
		{"nothing", "", -1, {false, false, false, false}},
		{"v4 0", "[" NETFX "\\v4.0.30319]\r\n\"SchUseStrongCrypto\"=dword:00000000\r\n", -1,
		 {true, false, false, false}},
		{"v4 1", "[" NETFX "\\v4.0.30319]\r\n\"SchUseStrongCrypto\"=dword:00000001\r\n", -1,
		 {false, false, false, false}},
		/* 4.6+ applications are on unless it is 0; a string is not read */
		{"v4 absent", "[" NETFX "\\v4.0.30319]\r\n\"SystemDefaultTlsVersions\"=dword:00000001\r\n", -1,
		 {false, false, false, false}},
		{"v4 string 0", "[" NETFX "\\v4.0.30319]\r\n\"SchUseStrongCrypto\"=\"0\"\r\n", -1,
		 {false, false, false, false}},
		{"v4 WOW64 0", "[" NETFX_WOW "\\v4.0.30319]\r\n\"SchUseStrongCrypto\"=dword:00000000\r\n", -1,
		 {false, true, false, false}},
		/* 3.5: absent, 0 or 2 is off once 3.5 is installed */
		{"v2 absent, 3.5 installed",
		 "[" NDP "\\v3.5]\r\n\"Install\"=dword:00000001\r\n\r\n[" NETFX "\\v2.0.50727]\r\n\r\n[" NETFX_WOW
		 "\\v2.0.50727]\r\n",
		 1, {false, false, true, true}},
		{"v2 2, 3.5 installed",
		 "[" NDP "\\v3.5]\r\n\"Install\"=dword:00000001\r\n\r\n[" NETFX
		 "\\v2.0.50727]\r\n\"SchUseStrongCrypto\"=dword:00000002\r\n",
		 1, {false, false, true, false}},
		{"v2 1, 3.5 installed",
		 "[" NDP "\\v3.5]\r\n\"Install\"=dword:00000001\r\n\r\n[" NETFX
		 "\\v2.0.50727]\r\n\"SchUseStrongCrypto\"=dword:00000001\r\n",
		 1, {false, false, false, false}},
		{"v2 absent, 3.5 not installed",
		 "[" NDP "\\v3.5]\r\n\"Install\"=dword:00000000\r\n\r\n[" NETFX "\\v2.0.50727]\r\n", 0,
		 {false, false, false, false}},
		{"v2 absent, NDP without v3.5", "[" NDP "]\r\n\r\n[" NETFX "\\v2.0.50727]\r\n", 0,
		 {false, false, false, false}},
		{"v2 absent, 3.5 unknown", "[" NETFX "\\v2.0.50727]\r\n", -1, {false, false, false, false}},
		/* a key the export only passes through says nothing */
		{"v2 not written",
		 "[" NDP "\\v3.5]\r\n\"Install\"=dword:00000001\r\n\r\n[" NETFX "\\v2.0.50727\\1033]\r\n", 1,
		 {false, false, false, false}},
	};
	size_t i;
	int k;

	for (i = 0; i < TL_ARRAY_LEN(cases); i++) {
		char text[2048];

		snprintf(text, sizeof(text), REG_HEADER "%s", cases[i].text);
		read_text(text);
		ck_assert_msg(sc.dotnet.v35_installed == cases[i].v35, "%s: 3.5 installed %d", cases[i].what,
			      sc.dotnet.v35_installed);
		for (k = 0; k < TL_NETFX_COUNT; k++)
			ck_assert_msg(sc.dotnet.keys[k].strong_crypto_off == cases[i].off[k], "%s: %s off %d",
				      cases[i].what, tl_netfx_key_path(k), sc.dotnet.keys[k].strong_crypto_off);
	}
}
END_TEST

START_TEST(dotnet_values_as_written)
{
	/* Microsoft's "most safe values" .reg (TLS best practices with the
	 * .NET Framework), less one key, with one value of another type */
	read_text(REG_HEADER "[" NETFX_WOW "\\v2.0.50727]\r\n\"SystemDefaultTlsVersions\"=dword:00000001\r\n"
		  "\"SchUseStrongCrypto\"=dword:00000001\r\n\r\n"
		  "[" NETFX_WOW "\\v4.0.30319]\r\n\"SystemDefaultTlsVersions\"=dword:00000001\r\n"
		  "\"SchUseStrongCrypto\"=dword:00000001\r\n\r\n"
		  "[" NETFX "\\v4.0.30319]\r\n\"SystemDefaultTlsVersions\"=\"1\"\r\n"
		  "\"SchUseStrongCrypto\"=dword:00000001\r\n");
	ck_assert_int_eq(sc.dotnet.keys[TL_NETFX_V2_WOW64].strong_crypto, 1);
	ck_assert_int_eq(sc.dotnet.keys[TL_NETFX_V2_WOW64].system_default_tls, 1);
	ck_assert(sc.dotnet.keys[TL_NETFX_V2_WOW64].written);
	ck_assert_int_eq(sc.dotnet.keys[TL_NETFX_V4_WOW64].strong_crypto, 1);
	ck_assert_int_eq(sc.dotnet.keys[TL_NETFX_V4].strong_crypto, 1);
	ck_assert_int_eq(sc.dotnet.keys[TL_NETFX_V4].system_default_tls, -1);
	ck_assert(!sc.dotnet.keys[TL_NETFX_V2].written);
	ck_assert_int_eq(sc.dotnet.keys[TL_NETFX_V2].strong_crypto, -1);
	ck_assert_str_eq(tl_netfx_key_path(TL_NETFX_V2_WOW64),
			 "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727");
}
END_TEST

START_TEST(schannel_free_resets_lists)
{
	read_text(REG_HEADER "[" SSL_POLICY "]\r\n\"Functions\"=\"TLS_RSA_WITH_RC4_128_SHA\"\r\n");
	ck_assert_uint_eq(sc.cipher_policy.weak_count, 1);
	tl_schannel_free(&sc);
	ck_assert_ptr_null(sc.cipher_policy.suites);
	ck_assert_ptr_null(sc.cipher_policy.weak);
	ck_assert_uint_eq(sc.cipher_policy.suite_count, 0);
	tl_cipher_policy_free(NULL);
}
END_TEST

static Suite *schannel_suite(void)
{
	Suite *s = suite_create("schannel");
	TCase *protocols = tcase_create("protocols");
	TCase *suites = tcase_create("ciphersuites");
	TCase *dotnet = tcase_create("dotnet");

	tcase_add_checked_fixture(protocols, setup, teardown);
	tcase_add_test(protocols, protocol_names);
	tcase_add_test(protocols, protocol_default_by_build);
	tcase_add_test(protocols, protocol_default_without_build);
	tcase_add_test(protocols, inferred_tls10_tls11_off_by_default_from_build_26100);
	tcase_add_test(protocols, inferred_disabled_default_is_off_unless_windows_leaves_it_to_applications);
	tcase_add_test(protocols, inferred_tls11_tls12_unsupported_before_windows_7);
	tcase_add_test(protocols, protocol_effective_combinations);
	tcase_add_test(protocols, protocols_read_from_registry);
	tcase_add_test(protocols, protocols_read_every_key);
	tcase_add_test(protocols, protocols_case_insensitive_paths);
	suite_add_tcase(s, protocols);
	tcase_add_checked_fixture(suites, setup, teardown);
	tcase_add_test(suites, suite_order_split);
	tcase_add_test(suites, suite_weakness);
	tcase_add_test(suites, suite_order_value_types);
	tcase_add_test(suites, inferred_expand_sz_suite_order_is_read_like_sz);
	tcase_add_test(suites, suite_order_over_long);
	tcase_add_test(suites, ecc_curves);
	suite_add_tcase(s, suites);
	tcase_add_checked_fixture(dotnet, setup, teardown);
	tcase_add_test(dotnet, dotnet_strong_crypto_off);
	tcase_add_test(dotnet, dotnet_values_as_written);
	tcase_add_test(dotnet, schannel_free_resets_lists);
	suite_add_tcase(s, dotnet);
	return s;
}

int main(void)
{
	return tt_run(schannel_suite());
}
