/* check_iisconf.c: the IIS and WCF configuration model (model/iisconf.c):
 * flag names, configuration paths, and what IIS makes of the files for a
 * path: the nearest setting on the way down, <location> tags and
 * web.config files, overrideMode, allowOverride, overrideModeDefault and
 * inheritInChildApplications, table-driven over small configurations
 * read through formats/xmlconf.c. Tests named "..._inferred" pin a
 * behaviour Microsoft does not document (model/iisconf.h says which). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "formats/xmlconf.h"
#include "model/iisconf.h"
#include "testutil.h"

/* ---- flags */

static const struct {
	const char *text;
	int rc;
	uint32_t flags;
	const char *bad;
} access_cases[] = {
	{"None", 0, 0, NULL},
	{"Ssl", 0, TL_ACCESS_SSL, NULL},
	{"Ssl, SslNegotiateCert, SslRequireCert", 0,
	 TL_ACCESS_SSL | TL_ACCESS_SSL_NEGOTIATE_CERT | TL_ACCESS_SSL_REQUIRE_CERT, NULL},
	{" SslMapCert ,Ssl128 ", 0, TL_ACCESS_SSL_MAP_CERT | TL_ACCESS_SSL_128, NULL},
	{"None,Ssl", 0, TL_ACCESS_SSL, NULL},
	{"Ssl,SslRequireCertificate", -1, 0, "SslRequireCertificate"},
	{"Ssl,,Ssl128", -1, 0, ""},
	{"Ssl,", -1, 0, ""},
	{"8", -1, 0, "8"},
	{"Ssl;SslRequireCert", -1, 0, "Ssl;SslRequireCert"},
};

START_TEST(access_flags)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(access_cases); i++) {
		uint32_t flags = 0xFFFF;
		char *bad = NULL;
		int rc = tl_iisconf_access_parse(access_cases[i].text, &flags, &bad);

		ck_assert_msg(rc == access_cases[i].rc, "case %zu", i);
		if (rc == 0) {
			ck_assert_msg(flags == access_cases[i].flags, "case %zu: 0x%x", i, flags);
		} else {
			ck_assert_str_eq(bad, access_cases[i].bad);
			free(bad);
		}
	}
}
END_TEST

START_TEST(access_flag_names_any_case_inferred)
{
	uint32_t flags;
	char *bad = NULL;

	ck_assert_int_eq(tl_iisconf_access_parse("ssl, SSLREQUIRECERT, sslnegotiatecert", &flags, &bad), 0);
	ck_assert_uint_eq(flags, TL_ACCESS_SSL | TL_ACCESS_SSL_REQUIRE_CERT | TL_ACCESS_SSL_NEGOTIATE_CERT);
}
END_TEST

START_TEST(access_flags_empty_is_none_inferred)
{
	uint32_t flags = 1;
	char *bad = NULL;

	ck_assert_int_eq(tl_iisconf_access_parse(" ", &flags, &bad), 0);
	ck_assert_uint_eq(flags, 0);
}
END_TEST

START_TEST(flag_text)
{
	tl_buf b = {0};

	tl_iisconf_access_format(0, &b);
	tl_buf_adds(&b, "|");
	tl_iisconf_access_format(TL_ACCESS_SSL | TL_ACCESS_SSL_REQUIRE_CERT | TL_ACCESS_SSL_128, &b);
	ck_assert_str_eq(b.data, "None|Ssl, SslRequireCert, Ssl128");
	b.len = 0;
	tl_iisconf_binding_flags_format(0, &b);
	tl_buf_adds(&b, "|");
	tl_iisconf_binding_flags_format(TL_BINDING_SNI | TL_BINDING_CCS, &b);
	ck_assert_str_eq(b.data, "None|Sni, CentralCertStore");
	tl_buf_free(&b);
}
END_TEST

/* Bits 4 to 64 of <binding sslFlags>: names only seen in the field
 * (iisconf.h); 97 is the DSC issue's SNI + TLS 1.3 off + legacy TLS off. */
START_TEST(binding_flag_bits_above_ccs_inferred)
{
	tl_buf b = {0};

	tl_iisconf_binding_flags_format(97, &b);
	tl_buf_adds(&b, "|");
	tl_iisconf_binding_flags_format(TL_BINDING_DISABLE_HTTP2 | TL_BINDING_DISABLE_OCSP |
						TL_BINDING_DISABLE_QUIC | 0x80 | 0x80000000u,
					&b);
	ck_assert_str_eq(b.data, "Sni, DisableTLS13, DisableLegacyTLS|DisableHTTP2, DisableOCSPStp, DisableQUIC, 0x80, 0x80000000");
	ck_assert_uint_eq(TL_BINDING_SNI | TL_BINDING_DISABLE_TLS13 | TL_BINDING_DISABLE_LEGACY, 97);
	tl_buf_free(&b);
}
END_TEST

START_TEST(sections_and_modes)
{
	ck_assert_int_eq(tl_iisconf_section_find("system.webServer/security/access"), TL_SECTION_ACCESS);
	ck_assert_int_eq(tl_iisconf_section_find("system.webServer/security/authentication/clientCertificateMappingAuthentication"),
			 TL_SECTION_AD_MAPPING);
	ck_assert_int_eq(tl_iisconf_section_find("system.webServer/security/Access"), -1);
	ck_assert_str_eq(tl_iisconf_section_name(TL_SECTION_IIS_MAPPING),
			 "system.webServer/security/authentication/iisClientCertificateMappingAuthentication");
	ck_assert_str_eq(tl_iisconf_section_name(TL_SECTION_COUNT), "unknown");
	ck_assert_str_eq(tl_override_name(TL_OVERRIDE_INHERIT), "Inherit");
	ck_assert_str_eq(tl_override_name(TL_OVERRIDE_ALLOW), "Allow");
	ck_assert_str_eq(tl_override_name(TL_OVERRIDE_DENY), "Deny");
}
END_TEST

/* ---- paths */

START_TEST(paths)
{
	static const struct {
		const char *in, *normal;
	} norm[] = {
		{"", ""},
		{".", ""},
		{"/", ""},
		{"MACHINE/WEBROOT/APPHOST", ""},
		{"machine/webroot/apphost/Default Web Site/app/", "Default Web Site/app"},
		{"/Default Web Site", "Default Web Site"},
		{"MACHINE/WEBROOT/APPHOSTX", "MACHINE/WEBROOT/APPHOSTX"},
		{"./x", "./x"},
	};
	static const struct {
		const char *parent, *rel, *joined;
	} joins[] = {
		{"", "Site", "Site"},
		{"Site", "", "Site"},
		{"Site", ".", "Site"},
		{"Site", "/app/", "Site/app"},
		{"Site/app", "dir/file.aspx", "Site/app/dir/file.aspx"},
	};
	static const struct {
		const char *path, *ancestor;
		bool within;
	} within[] = {
		{"Site/app", "", true},
		{"Site/app", "Site", true},
		{"Site/app", "site/APP", true},
		{"Site/app", "Site/app", true},
		{"Site/application", "Site/app", false},
		{"Site", "Site/app", false},
		{"Site2", "Site", false},
		{"", "", true},
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(norm); i++) {
		char *got = tl_iisconf_path_normalize(norm[i].in);
		ck_assert_msg(strcmp(got, norm[i].normal) == 0, "normalize '%s': '%s'", norm[i].in, got);
		free(got);
	}
	for (i = 0; i < TL_ARRAY_LEN(joins); i++) {
		char *got = tl_iisconf_path_join(joins[i].parent, joins[i].rel);
		ck_assert_str_eq(got, joins[i].joined);
		free(got);
	}
	for (i = 0; i < TL_ARRAY_LEN(within); i++)
		ck_assert_msg(tl_iisconf_path_within(within[i].path, within[i].ancestor) == within[i].within,
			      "'%s' within '%s'", within[i].path, within[i].ancestor);
}
END_TEST

/* ---- what IIS makes of it, table-driven */

/* applicationHost.config with its configSections (access: overrideModeDefault
 * DECL, or none), one site "Site" with applications / and /app, and MORE
 * after system.applicationHost. */
#define APPHOST(decl, more)                                                                          \
	"<configuration>\n"                                                                          \
	"<configSections><sectionGroup name=\"system.webServer\"><sectionGroup name=\"security\">\n" \
	decl "</sectionGroup></sectionGroup></configSections>\n"                                     \
	"<system.applicationHost><sites><site name=\"Site\" id=\"1\">\n"                             \
	"<application path=\"/\"/><application path=\"/app\"/>\n"                                   \
	"</site></sites></system.applicationHost>\n" more "</configuration>"
#define DENY "<section name=\"access\" overrideModeDefault=\"Deny\"/>\n"
#define ALLOW "<section name=\"access\" overrideModeDefault=\"Allow\"/>\n"
/* one access element, at the server level of a file or in a <location> */
#define ACCESS(flags) "<system.webServer><security><access sslFlags=\"" flags "\"/></security></system.webServer>\n"
#define LOCATION(attrs, body) "<location " attrs ">" body "</location>\n"
#define WEB(body) "<configuration>\n" body "</configuration>"

typedef struct file_spec {
	const char *path; /* SITE/PATH; NULL for applicationHost.config */
	const char *text;
} file_spec;

/* What tl_iisconf_effective() gives for path, as text: the flags and the
 * place of the setting ("None (default)" when none), the refused setting
 * and whether the lock is unknown. */
static char *effective_text(const tl_iisconf *c, const char *path)
{
	tl_iis_effective e;
	tl_buf b = {0};

	tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, path, &e);
	if (e.from) {
		tl_iisconf_access_format(e.from->ssl_flags, &b);
		tl_buf_adds(&b, " from ");
		tl_loc_format(&e.from->loc, &b);
	} else {
		tl_buf_adds(&b, "None (default)");
	}
	if (e.refused) {
		tl_buf_adds(&b, "; refused ");
		tl_loc_format(&e.refused->loc, &b);
	}
	if (e.lock_unknown)
		tl_buf_adds(&b, "; lock unknown");
	return tl_buf_steal(&b);
}

static const struct {
	const char *name;
	file_spec files[3];
	const char *path;
	const char *want;
} effective_cases[] = {
	/* the server level, and a <location> for the site reaching below it */
	{"server value", {{NULL, APPHOST(DENY, ACCESS("Ssl"))}}, "Other", "Ssl from f0:8:29"},
	{"no setting anywhere", {{NULL, APPHOST(DENY, "")}}, "Site", "None (default)"},
	{"location for the site",
	 {{NULL, APPHOST(DENY, ACCESS("None") LOCATION("path=\"Site\"", ACCESS("Ssl, SslRequireCert")))}},
	 "Site/app/dir", "Ssl, SslRequireCert from f0:9:51"},
	{"location for a sibling does not count",
	 {{NULL, APPHOST(DENY, ACCESS("None") LOCATION("path=\"Site2\"", ACCESS("Ssl")))}}, "Site",
	 "None from f0:8:29"},
	{"location paths compare in any case",
	 {{NULL, APPHOST(DENY, LOCATION("path=\"site/APP/\"", ACCESS("Ssl")))}}, "Site/app/x",
	 "Ssl from f0:8:56"},
	/* web.config files: locked by overrideModeDefault, unlocked by a
	 * location at or above their path, or by the declaration */
	{"web.config where the section is locked",
	 {{NULL, APPHOST(DENY, ACCESS("Ssl"))}, {"Site", WEB(ACCESS("SslRequireCert"))}}, "Site",
	 "Ssl from f0:8:29; refused f1:2:29"},
	{"unlocked for the site",
	 {{NULL, APPHOST(DENY, ACCESS("Ssl") LOCATION("path=\"Site\" overrideMode=\"Allow\"",
						      "<system.webServer><security><access/></security></system.webServer>"))},
	  {"Site", WEB(ACCESS("SslRequireCert"))}},
	 "Site/app", "SslRequireCert from f1:2:29"},
	{"unlocked for every site at '.'",
	 {{NULL, APPHOST(DENY, LOCATION("path=\".\" overrideMode=\"Allow\"", ACCESS("Ssl")))},
	  {"Site", WEB(ACCESS("SslNegotiateCert"))}},
	 "Site", "SslNegotiateCert from f1:2:29"},
	{"unlocked for another site only",
	 {{NULL, APPHOST(DENY, LOCATION("path=\"Site2\" overrideMode=\"Allow\"", ACCESS("Ssl")))},
	  {"Site", WEB(ACCESS("SslNegotiateCert"))}},
	 "Site", "None (default); refused f1:2:29"},
	{"overrideModeDefault Allow",
	 {{NULL, APPHOST(ALLOW, ACCESS("Ssl"))}, {"Site", WEB(ACCESS("SslNegotiateCert"))}}, "Site",
	 "SslNegotiateCert from f1:2:29"},
	{"a section not declared is Allow",
	 {{NULL, APPHOST("", ACCESS("Ssl"))}, {"Site", WEB(ACCESS("SslNegotiateCert"))}}, "Site",
	 "SslNegotiateCert from f1:2:29"},
	{"allowOverride true is Allow",
	 {{NULL, APPHOST(DENY, LOCATION("path=\"Site\" allowOverride=\"true\"", ACCESS("Ssl")))},
	  {"Site", WEB(ACCESS("SslNegotiateCert"))}},
	 "Site", "SslNegotiateCert from f1:2:29"},
	{"allowOverride false is Deny",
	 {{NULL, APPHOST(ALLOW, LOCATION("path=\"Site\" allowOverride=\"false\"", ACCESS("Ssl")))},
	  {"Site", WEB(ACCESS("SslNegotiateCert"))}},
	 "Site", "Ssl from f0:8:73; refused f1:2:29"},
	{"a deeper location of the same file decides the lock",
	 {{NULL, APPHOST(ALLOW, LOCATION("path=\"Site\" overrideMode=\"Deny\"", ACCESS("Ssl"))
					LOCATION("path=\"Site/app\" overrideMode=\"Allow\"", ACCESS("Ssl")))},
	  {"Site/app", WEB(ACCESS("SslRequireCert"))}},
	 "Site/app", "SslRequireCert from f1:2:29"},
	/* locks from a web.config for the levels below it */
	{"a site's web.config locks its application",
	 {{NULL, APPHOST(ALLOW, "")},
	  {"Site", WEB(LOCATION("path=\"app\" overrideMode=\"Deny\"", ACCESS("Ssl")))},
	  {"Site/app", WEB(ACCESS("None"))}},
	 "Site/app", "Ssl from f1:2:70; refused f2:2:29"},
	{"a lower level cannot unlock what a parent locked",
	 {{NULL, APPHOST(ALLOW, LOCATION("path=\"Site\" overrideMode=\"Deny\"", ACCESS("Ssl")))},
	  {"Site", WEB(LOCATION("path=\"app\" overrideMode=\"Allow\"", ACCESS("None")))},
	  {"Site/app", WEB(ACCESS("None"))}},
	 "Site/app", "Ssl from f0:8:71; refused f2:2:29"},
	/* the nearest path first, then the deeper file */
	{"a location for the deeper path beats the site's web.config",
	 {{NULL, APPHOST(ALLOW, LOCATION("path=\"Site/app\"", ACCESS("SslRequireCert")))},
	  {"Site", WEB(ACCESS("None"))}},
	 "Site/app", "SslRequireCert from f0:8:55"},
	{"a web.config's location is relative to it",
	 {{NULL, APPHOST(ALLOW, "")}, {"Site", WEB(LOCATION("path=\"app/dir\"", ACCESS("Ssl128")))}},
	 "Site/app/dir/x.aspx", "Ssl128 from f1:2:54"},
	{"an element without sslFlags gives none",
	 {{NULL, APPHOST(ALLOW, ACCESS("Ssl") LOCATION("path=\"Site\"",
						       "<system.webServer><security><access/></security></system.webServer>"))}},
	 "Site", "Ssl from f0:8:29"},
	/* inheritInChildApplications="false" stops at applications */
	{"inheritInChildApplications false: the site itself",
	 {{NULL, APPHOST(DENY, ACCESS("None") LOCATION("path=\"Site\" inheritInChildApplications=\"false\"",
						       ACCESS("SslRequireCert")))}},
	 "Site/dir", "SslRequireCert from f0:9:86"},
	{"inheritInChildApplications false: not its applications",
	 {{NULL, APPHOST(DENY, ACCESS("None") LOCATION("path=\"Site\" inheritInChildApplications=\"false\"",
						       ACCESS("SslRequireCert")))}},
	 "Site/app/dir", "None from f0:8:29"},
	/* without applicationHost.config */
	{"no applicationHost.config: the lock is not known",
	 {{"Site", WEB(ACCESS("SslRequireCert"))}}, "Site/app", "SslRequireCert from f0:2:29; lock unknown"},
	{"no applicationHost.config, but a parent web.config locks",
	 {{"Site", WEB(LOCATION("path=\"app\" overrideMode=\"Deny\"", ACCESS("Ssl")))},
	  {"Site/app", WEB(ACCESS("None"))}},
	 "Site/app", "Ssl from f0:2:70; refused f1:2:29; lock unknown"},
	{"a web.config without its path counts nowhere",
	 {{NULL, APPHOST(ALLOW, "")}, {"", NULL}}, "Site", "None (default)"},
};

static const char *const file_names[] = {"f0", "f1", "f2"};

/* The configuration of a case: f0, f1, f2 in order. A spec whose path is
 * "" and text NULL is a web.config given without its path. */
static tl_iisconf *build(const file_spec *files, tl_diags *d)
{
	tl_iisconf *c = tl_iisconf_new();
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *text = files[i].text;
		const char *path = files[i].path;
		if (!text && !path)
			break;
		if (!text) {
			text = WEB(ACCESS("SslRequireCert"));
			path = NULL;
		}
		ck_assert_int_eq(tl_xmlconf_read((const uint8_t *)text, strlen(text), file_names[i],
						 path, c, d),
				 0);
	}
	return c;
}

/* effective_text() for path over the files. free() it. */
static char *effective_of(const file_spec *files, const char *path)
{
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = build(files, d);
	char *got = effective_text(c, path);

	tl_iisconf_free(c);
	tl_diags_free(d);
	return got;
}

START_TEST(effective_access)
{
	tl_buf wrong = {0};
	size_t i;

	tl_buf_add(&wrong, "", 0);
	for (i = 0; i < TL_ARRAY_LEN(effective_cases); i++) {
		char *got = effective_of(effective_cases[i].files, effective_cases[i].path);

		if (strcmp(got, effective_cases[i].want) != 0)
			tl_buf_printf(&wrong, "%s: got '%s'\n", effective_cases[i].name, got);
		free(got);
	}
	ck_assert_str_eq(wrong.data, "");
	tl_buf_free(&wrong);
}
END_TEST

/* That a web.config wins over a <location> for the same path in a file
 * above it is not documented ("Deep Dive": "We will not specify here
 * exactly how location tags are evaluated relative to web.config files"). */
START_TEST(web_config_beats_location_for_same_path_inferred)
{
	static const file_spec files[3] = {
		{NULL, APPHOST(DENY, LOCATION("path=\"Site\" overrideMode=\"Allow\"", ACCESS("Ssl")))},
		{"Site", WEB(ACCESS("SslNegotiateCert"))},
	};
	char *got = effective_of(files, "Site");

	ck_assert_str_eq(got, "SslNegotiateCert from f1:2:29");
	free(got);
}
END_TEST

START_TEST(locks)
{
	static const file_spec files[3] = {
		{NULL, APPHOST(DENY, LOCATION("path=\"Site\" overrideMode=\"Allow\"", ACCESS("Ssl")))},
		{"Site", WEB(LOCATION("path=\"app\" overrideMode=\"Deny\"", ACCESS("Ssl")))},
	};
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = build(files, d);
	const tl_iis_setting *by = NULL;

	/* the server level's own default */
	ck_assert_int_eq(tl_iisconf_lock(c, TL_SECTION_ACCESS, "Other", &by), TL_LOCK_LOCKED);
	ck_assert_ptr_null(by);
	/* the site: unlocked by applicationHost.config's location */
	ck_assert_int_eq(tl_iisconf_lock(c, TL_SECTION_ACCESS, "Site", &by), TL_LOCK_OPEN);
	ck_assert_ptr_eq(by, c->files[0]->settings[0]);
	/* its application: locked again by the site's web.config */
	ck_assert_int_eq(tl_iisconf_lock(c, TL_SECTION_ACCESS, "MACHINE/WEBROOT/APPHOST/Site/app/", &by),
			 TL_LOCK_LOCKED);
	ck_assert_ptr_eq(by, c->files[1]->settings[0]);
	/* a section no file declares or locks */
	ck_assert_int_eq(tl_iisconf_lock(c, TL_SECTION_AD_MAPPING, "Site/app", &by), TL_LOCK_OPEN);
	ck_assert_ptr_null(by);
	tl_iisconf_free(c);
	/* nothing at all: not known */
	c = tl_iisconf_new();
	ck_assert_int_eq(tl_iisconf_lock(c, TL_SECTION_ACCESS, "Site", NULL), TL_LOCK_UNKNOWN);
	ck_assert(!tl_iisconf_has_apphost(c));
	tl_iisconf_free(c);
	tl_diags_free(d);
}
END_TEST

START_TEST(mapping_sections_inherit_by_attribute)
{
	static const file_spec files[3] = {
		{NULL, APPHOST(DENY,
			       "<system.webServer><security><authentication>"
			       "<iisClientCertificateMappingAuthentication enabled=\"true\" manyToOneCertificateMappingsEnabled=\"false\"/>"
			       "</authentication></security></system.webServer>\n"
			       LOCATION("path=\"Site\"",
					"<system.webServer><security><authentication>"
					"<iisClientCertificateMappingAuthentication manyToOneCertificateMappingsEnabled=\"true\"/>"
					"</authentication></security></system.webServer>"))},
	};
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = build(files, d);
	tl_iis_effective e;

	/* enabled comes from the server level, the many-to-one switch from
	 * the site's location: IIS merges attribute by attribute */
	tl_iisconf_effective(c, TL_SECTION_IIS_MAPPING, TL_ATTR_ENABLED, "Site", &e);
	ck_assert_ptr_eq(e.from, c->files[0]->settings[0]);
	ck_assert(e.from->enabled);
	tl_iisconf_effective(c, TL_SECTION_IIS_MAPPING, TL_ATTR_MANY_TO_ONE_ENABLED, "Site", &e);
	ck_assert_ptr_eq(e.from, c->files[0]->settings[1]);
	ck_assert(e.from->many_to_one_enabled);
	tl_iisconf_effective(c, TL_SECTION_IIS_MAPPING, TL_ATTR_ONE_TO_ONE_ENABLED, "Site", &e);
	ck_assert_ptr_null(e.from);
	tl_iisconf_effective(c, TL_SECTION_AD_MAPPING, TL_ATTR_ENABLED, "Site", &e);
	ck_assert_ptr_null(e.from);
	tl_iisconf_free(c);
	tl_diags_free(d);
}
END_TEST

START_TEST(sites)
{
	static const file_spec files[3] = {
		{NULL, APPHOST(DENY, "")},
		{"Site", WEB("<system.applicationHost/>")},
	};
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = build(files, d);

	ck_assert_ptr_eq(tl_iisconf_site_find(c, "site"), c->files[0]->sites[0]);
	ck_assert_ptr_null(tl_iisconf_site_find(c, "Site2"));
	ck_assert(tl_iisconf_has_apphost(c));
	tl_iisconf_free(c);
	tl_diags_free(d);
}
END_TEST

START_TEST(wcf_defaults_and_names)
{
	static const char text[] =
		"<configuration><system.serviceModel>\n"
		"<bindings><basicHttpBinding><binding name=\"a\"/><binding name=\"\"/></basicHttpBinding></bindings>\n"
		"<behaviors><serviceBehaviors><behavior><serviceCredentials/></behavior><behavior name=\"b\"/></serviceBehaviors></behaviors>\n"
		"<services><service name=\"S\"><endpoint binding=\"basicHttpBinding\" bindingConfiguration=\"nope\"/>\n"
		"<endpoint binding=\"basicHttpBinding\"/><endpoint/></service>\n"
		"<service name=\"T\" behaviorConfiguration=\"b\"/><service name=\"U\" behaviorConfiguration=\"c\"/></services>\n"
		"</system.serviceModel></configuration>";
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = tl_iisconf_new();
	const tl_iisconf_file *f;
	const tl_wcf_service *s;

	ck_assert_int_eq(tl_xmlconf_read((const uint8_t *)text, strlen(text), "app.config", NULL, c, d), 0);
	f = c->files[0];
	s = f->wcf_services[0];
	/* a bindingConfiguration that names nothing: no configuration */
	ck_assert_ptr_null(tl_iisconf_endpoint_binding(f, &s->endpoints[0]));
	/* none named: the unnamed one, not "a" */
	ck_assert_ptr_eq(tl_iisconf_endpoint_binding(f, &s->endpoints[1]), f->wcf_bindings[1]);
	ck_assert_ptr_null(tl_iisconf_endpoint_binding(f, &s->endpoints[2]));
	/* the default behavior, a named one, and a name that is not there */
	ck_assert_ptr_eq(tl_iisconf_service_behavior(f, s), f->wcf_behaviors[0]);
	ck_assert_ptr_eq(tl_iisconf_service_behavior(f, f->wcf_services[1]), f->wcf_behaviors[1]);
	ck_assert_ptr_null(tl_iisconf_service_behavior(f, f->wcf_services[2]));
	/* a behavior without <authentication> has no place for it */
	ck_assert_int_eq(f->wcf_behaviors[0]->auth_loc.kind, TL_LOC_NONE);
	tl_iisconf_free(c);
	tl_diags_free(d);
}
END_TEST

/* A server of many applications and many <location> tags: the lookups go
 * through the path and application indexes, so asking every path takes
 * time in proportion to the paths, not paths times settings (which took
 * minutes here before the indexes; the test case's timeout catches that). */
START_TEST(many_locations_are_fast)
{
	enum { APPS = 50000, LOCATIONS = 100000 };
	tl_buf b = {0};
	tl_diags *d = tl_diags_new();
	tl_iisconf *c = tl_iisconf_new();
	const tl_iisconf_file *f;
	size_t i;

	tl_buf_adds(&b, "<configuration><system.applicationHost><sites><site name=\"S\">");
	for (i = 0; i < APPS; i++)
		tl_buf_printf(&b, "<application path=\"/a%zu\"/>", i);
	tl_buf_adds(&b, "</site></sites></system.applicationHost>\n");
	for (i = 0; i < LOCATIONS; i++)
		tl_buf_printf(&b, "<location path=\"S/a%zu/d%zu\" overrideMode=\"Allow\" inheritInChildApplications=\"false\">"
				  "<system.webServer><security><access sslFlags=\"Ssl\"/></security></system.webServer></location>\n",
			      i % APPS, i);
	tl_buf_adds(&b, "<location path=\"S\" inheritInChildApplications=\"false\"><system.webServer><security>"
			"<access sslFlags=\"SslRequireCert\"/></security></system.webServer></location>\n");
	tl_buf_adds(&b, "</configuration>");
	ck_assert_int_eq(tl_xmlconf_read((const uint8_t *)b.data, b.len, "many.config", NULL, c, d), 0);
	f = c->files[0];
	ck_assert_uint_eq(f->setting_count, LOCATIONS + 1);
	for (i = 0; i < LOCATIONS; i++) {
		tl_iis_effective e;
		tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, f->settings[i]->path, &e);
		ck_assert_ptr_eq(e.from, f->settings[i]);
	}
	/* the site's own location reaches its folders, not its applications */
	{
		tl_iis_effective e;
		tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, "S/dir", &e);
		ck_assert_ptr_eq(e.from, f->settings[LOCATIONS]);
		tl_iisconf_effective(c, TL_SECTION_ACCESS, TL_ATTR_SSL_FLAGS, "S/a49999/dir", &e);
		ck_assert_ptr_null(e.from);
	}
	tl_buf_free(&b);
	tl_iisconf_free(c);
	tl_diags_free(d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("iisconf");
	TCase *tc = tcase_create("model");

	tcase_add_test(tc, access_flags);
	tcase_add_test(tc, access_flag_names_any_case_inferred);
	tcase_add_test(tc, access_flags_empty_is_none_inferred);
	tcase_add_test(tc, flag_text);
	tcase_add_test(tc, binding_flag_bits_above_ccs_inferred);
	tcase_add_test(tc, sections_and_modes);
	tcase_add_test(tc, paths);
	tcase_add_test(tc, effective_access);
	tcase_add_test(tc, web_config_beats_location_for_same_path_inferred);
	tcase_add_test(tc, locks);
	tcase_add_test(tc, mapping_sections_inherit_by_attribute);
	tcase_add_test(tc, sites);
	tcase_add_test(tc, wcf_defaults_and_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("scale");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, many_locations_are_fast);
	suite_add_tcase(s, tc);
	return tt_run(s);
}
