/* iisconf.h: IIS and WCF configuration as read from applicationHost.config,
 * web.config, app.config and *.exe.config inputs (FORMATS.md 6).
 *
 * The model keeps what the files say, element by element, each with its
 * file, line and column: IIS sites, their bindings and applications; the
 * occurrences of the sections that decide client certificates
 * (system.webServer/security/access and the two certificate mapping
 * sections), each with the configuration path it applies to and the
 * <location> around it; the configSections lock defaults; and WCF's
 * bindings, service behaviors and services (system.serviceModel). What
 * IIS makes of them for a path (inheritance, locking) is asked through
 * tl_iisconf_effective() and tl_iisconf_lock(); mapping them onto http.sys
 * bindings is windows/'s work.
 *
 * Configuration paths are IIS's, without the MACHINE/WEBROOT/APPHOST root:
 * "" is the server (applicationHost.config itself), "Default Web Site" a
 * site's root, "Default Web Site/app/dir" below it. They compare
 * case-insensitively (ASCII), segment by segment.
 *
 * Ownership: a tl_iisconf owns its files; a file owns everything in it.
 * File names (tl_loc.file, tl_iisconf_file.file) are borrowed from the
 * sources and must outlive the model. Pointers into the model stay valid
 * until tl_iisconf_free(), except that adding to an array (sites,
 * bindings, ...) may move its elements: keep pointers only once a file is
 * read. */
#ifndef TL_IISCONF_H
#define TL_IISCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/util.h"

/* What kind of file: applicationHost.config holds system.applicationHost
 * and is the server level; every other <configuration> file (a site's or
 * application's web.config, a service's app.config) is one level of the
 * hierarchy below it, or stands alone. */
typedef enum tl_iisconf_kind {
	TL_IISCONF_APPHOST = 0,
	TL_IISCONF_APP,
} tl_iisconf_kind;

/* system.webServer/security/access@sslFlags, by name as IIS writes them
 * (learn.microsoft.com, IIS configuration reference, "Access Security
 * <access>": None, Ssl, SslNegotiateCert, SslRequireCert, SslMapCert,
 * Ssl128; None is no bit). These bits are trustlint's, not IIS's schema
 * values. */
enum {
	TL_ACCESS_SSL = 1u << 0,
	TL_ACCESS_SSL_NEGOTIATE_CERT = 1u << 1,
	TL_ACCESS_SSL_REQUIRE_CERT = 1u << 2,
	TL_ACCESS_SSL_MAP_CERT = 1u << 3,
	TL_ACCESS_SSL_128 = 1u << 4,
};
/* Parse a comma-separated list of flag names: 0 with *flags, or -1 with
 * the first name that is not one (*bad, a new string; free() it). */
int tl_iisconf_access_parse(const char *text, uint32_t *flags, char **bad);
/* "Ssl, SslRequireCert", or "None" for 0. */
void tl_iisconf_access_format(uint32_t flags, tl_buf *b);
/* The name of one flag bit ("SslRequireCert"), NULL for another value. */
const char *tl_iisconf_access_flag_name(uint32_t bit);

/* The <binding sslFlags> bits. 1 and 2 are documented (learn.microsoft.com,
 * "Binding <binding>": 1 SNI, 2 Central Certificate Store); the others are
 * IIS 10 on Windows Server 2022, known only from what IIS Manager writes
 * as seen in the field (FORMATS.md 6; dsccommunity/WebAdministrationDsc
 * issue 627: 97 = SNI, disable TLS 1.3, disable legacy TLS): inferred. */
enum {
	TL_BINDING_SNI = 1u << 0,
	TL_BINDING_CCS = 1u << 1,
	TL_BINDING_DISABLE_HTTP2 = 1u << 2,     /* inferred */
	TL_BINDING_DISABLE_OCSP = 1u << 3,      /* inferred: OCSP stapling */
	TL_BINDING_DISABLE_QUIC = 1u << 4,      /* inferred */
	TL_BINDING_DISABLE_TLS13 = 1u << 5,     /* inferred: TLS 1.3 over TCP */
	TL_BINDING_DISABLE_LEGACY = 1u << 6,    /* inferred: TLS 1.0 and 1.1 */
};
/* "Sni, DisableTLS13", "None" for 0, other bits as "0x100". */
void tl_iisconf_binding_flags_format(uint32_t flags, tl_buf *b);
/* The name of one bit ("Sni"), NULL for a bit without one. */
const char *tl_iisconf_binding_flag_name(uint32_t bit);

/* One <binding> of a site. */
typedef struct tl_iis_binding {
	tl_loc loc;
	char *protocol;    /* NULL when absent */
	char *information; /* bindingInformation as written, NULL when absent */
	/* information read as IP:port:host (http and https bindings only) */
	bool endpoint_ok;
	char *ip;   /* "*" or the address as written ("[::1]" keeps its brackets) */
	uint16_t port;
	char *host; /* "" when the binding names no host */
	bool has_ssl_flags;
	uint32_t ssl_flags;
} tl_iis_binding;

/* One <application path="/app"> of a site. */
typedef struct tl_iis_app {
	tl_loc loc;
	char *path; /* as written: "/", "/app" */
} tl_iis_app;

typedef struct tl_iisconf_file tl_iisconf_file;

typedef struct tl_iis_site {
	const tl_iisconf_file *file;
	tl_loc loc;
	char *name; /* NULL when absent */
	bool has_id;
	uint32_t id;
	tl_iis_binding *bindings;
	size_t binding_count, binding_cap;
	tl_iis_app *apps;
	size_t app_count, app_cap;
	/* kept by tl_iisconf_add(): the applications' paths below the site
	 * ("" for "/", "app" for "/app"), normalized and sorted (ASCII
	 * case-insensitive) */
	char **app_index;
	size_t app_index_count;
} tl_iis_site;

/* The sections the model keeps every occurrence of. */
typedef enum tl_iis_section {
	TL_SECTION_ACCESS = 0,  /* system.webServer/security/access */
	TL_SECTION_IIS_MAPPING, /* .../authentication/iisClientCertificateMappingAuthentication */
	TL_SECTION_AD_MAPPING,  /* .../authentication/clientCertificateMappingAuthentication */
	TL_SECTION_COUNT
} tl_iis_section;
/* The full name, "system.webServer/security/access". */
const char *tl_iisconf_section_name(tl_iis_section s);
/* The section of a full name (case-sensitive, as IIS), or -1. */
int tl_iisconf_section_find(const char *name);

/* overrideMode on a <location> (allowOverride true/false map to Allow and
 * Deny), or a section's overrideModeDefault. */
typedef enum tl_override {
	TL_OVERRIDE_INHERIT = 0,
	TL_OVERRIDE_ALLOW,
	TL_OVERRIDE_DENY,
} tl_override;
const char *tl_override_name(tl_override o); /* "Inherit", "Allow", "Deny" */

/* The attributes of a setting, one bit each (tl_iis_setting.set). */
enum {
	TL_ATTR_SSL_FLAGS = 1u << 0,           /* access */
	TL_ATTR_ENABLED = 1u << 1,             /* both mapping sections */
	TL_ATTR_ONE_TO_ONE_ENABLED = 1u << 2,  /* iisClientCertificateMappingAuthentication */
	TL_ATTR_MANY_TO_ONE_ENABLED = 1u << 3, /* iisClientCertificateMappingAuthentication */
};

/* One manyToOneMappings/add/rules/add: a field of the client certificate
 * it must match (learn.microsoft.com, IIS configuration reference,
 * "Adding Many-To-One Mappings Rules <add>"). Strings as written, NULL
 * when absent. */
typedef struct tl_iis_mapping_rule {
	tl_loc loc;
	char *field;     /* certificateField: "Subject" or "Issuer" */
	char *sub_field; /* certificateSubField: "CN", "O", "OU", ... */
	char *criteria;  /* matchCriteria, '*' a wildcard */
	int case_sensitive; /* compareCaseSensitive: -1 not set (IIS: true), else 0 or 1 */
} tl_iis_mapping_rule;

/* One entry of oneToOneMappings or manyToOneMappings. */
typedef struct tl_iis_mapping {
	tl_loc loc;
	bool many_to_one;
	int enabled; /* -1 not set, else 0 or 1 */
	char *user_name;
	/* one-to-one: the certificate attribute, base64 DER */
	bool has_cert;    /* it decoded */
	uint8_t cert_sha1[20];
	uint8_t *cert_der; /* the decoded bytes (owned), cert_len of them */
	size_t cert_len;
	/* many-to-one */
	char *name;
	char *permission_mode;
	tl_iis_mapping_rule *rules;
	size_t rule_count, rule_cap;
} tl_iis_mapping;

/* One occurrence of a section in a file. */
typedef struct tl_iis_setting {
	const tl_iisconf_file *file;
	tl_iis_section section;
	tl_loc loc;
	/* the configuration path it applies to; NULL when it is in a file
	 * whose own path is not known (a web.config given without SITE/PATH=) */
	char *path;
	/* the <location> around it (loc.kind TL_LOC_NONE when there is none):
	 * its override mode for this section, and whether the setting reaches
	 * child applications (inheritInChildApplications) */
	tl_loc location_loc;
	tl_override override;
	bool child_apps;
	uint32_t set; /* TL_ATTR_* given */
	uint32_t ssl_flags;
	bool enabled, one_to_one_enabled, many_to_one_enabled;
	tl_iis_mapping *mappings;
	size_t mapping_count, mapping_cap;
} tl_iis_setting;

/* WCF: one <binding> of system.serviceModel/bindings/<type>. Values are
 * as written, NULL when absent (WCF's defaults depend on the type). */
typedef struct tl_wcf_binding {
	const tl_iisconf_file *file;
	tl_loc loc;
	char *path;     /* as tl_iis_setting.path */
	char *type;     /* "basicHttpBinding", "customBinding", ... */
	char *name;     /* "" for the type's default configuration */
	char *security_mode;        /* <security mode> */
	tl_loc security_loc;
	char *transport_credential; /* <security><transport clientCredentialType> */
	tl_loc transport_loc;
	char *message_credential;   /* <security><message clientCredentialType> */
	tl_loc message_loc;
	/* customBinding: its transport element ("httpsTransport", ...), and
	 * requireClientCertificate of httpsTransport or sslStreamSecurity */
	char *custom_transport;
	int require_client_cert; /* -1 not set, else 0 or 1 */
	tl_loc require_loc;
} tl_wcf_binding;

/* WCF: one serviceBehaviors/<behavior> and its
 * serviceCredentials/clientCertificate/authentication. */
typedef struct tl_wcf_behavior {
	const tl_iisconf_file *file;
	tl_loc loc;
	char *path;
	char *name; /* "" for the default behavior */
	tl_loc auth_loc; /* TL_LOC_NONE when there is no <authentication> */
	char *validation_mode;        /* certificateValidationMode */
	char *trusted_store_location; /* trustedStoreLocation */
	char *revocation_mode;        /* revocationMode */
} tl_wcf_behavior;

typedef struct tl_wcf_endpoint {
	tl_loc loc;
	char *address, *binding, *binding_configuration, *contract, *behavior_configuration;
} tl_wcf_endpoint;

typedef struct tl_wcf_address {
	tl_loc loc;
	char *address; /* host/baseAddresses/add@baseAddress: "https://+:8443/svc" */
} tl_wcf_address;

typedef struct tl_wcf_service {
	const tl_iisconf_file *file;
	tl_loc loc;
	char *path;
	char *name;
	char *behavior_configuration;
	tl_wcf_endpoint *endpoints;
	size_t endpoint_count, endpoint_cap;
	tl_wcf_address *base_addresses;
	size_t base_address_count, base_address_cap;
} tl_wcf_service;

/* WCF: one element of system.serviceModel/protocolMapping, in file order:
 * <add scheme binding bindingConfiguration>, <remove scheme>, <clear/>. */
typedef enum tl_wcf_protocol_op {
	TL_WCF_PROTOCOL_ADD = 0,
	TL_WCF_PROTOCOL_REMOVE,
	TL_WCF_PROTOCOL_CLEAR,
} tl_wcf_protocol_op;

typedef struct tl_wcf_protocol {
	tl_loc loc;
	tl_wcf_protocol_op op;
	char *scheme, *binding, *binding_configuration; /* as written, NULL when absent */
} tl_wcf_protocol;

struct tl_iisconf_file {
	const char *file; /* the source path (borrowed) */
	tl_iisconf_kind kind;
	/* the file's own configuration path: "" for applicationHost.config,
	 * "Site/app" as given with SITE/PATH=FILE, NULL when not known */
	char *path;
	/* it holds sections only a site or application of IIS reads
	 * (system.webServer, system.web, serviceHostingEnvironment) */
	bool iis_content;
	/* configSections: each section's overrideModeDefault, where declared */
	bool declared[TL_SECTION_COUNT];
	tl_override override_default[TL_SECTION_COUNT];
	tl_loc declared_loc[TL_SECTION_COUNT];
	tl_iis_site **sites;
	size_t site_count, site_cap;
	tl_iis_setting **settings;
	size_t setting_count, setting_cap;
	tl_wcf_binding **wcf_bindings;
	size_t wcf_binding_count, wcf_binding_cap;
	tl_wcf_behavior **wcf_behaviors;
	size_t wcf_behavior_count, wcf_behavior_cap;
	tl_wcf_service **wcf_services;
	size_t wcf_service_count, wcf_service_cap;
	tl_wcf_protocol *wcf_protocols;
	size_t wcf_protocol_count, wcf_protocol_cap;
};

/* A setting in the path index of a tl_iisconf: where it was added. */
typedef struct tl_iis_ref {
	const tl_iis_setting *st;
	size_t file, index; /* its file's place in files[], its place in the file */
} tl_iis_ref;

typedef struct tl_iisconf {
	tl_iisconf_file **files;
	size_t count, cap;
	/* kept by tl_iisconf_add() for the lookups, which walk a path's
	 * ancestors instead of every setting: the settings whose path is
	 * known, and the named sites of applicationHost.config files, each
	 * sorted by path or name (ASCII case-insensitive), then input order */
	tl_iis_ref *by_path;
	size_t by_path_count;
	const tl_iis_site **sites_by_name;
	size_t sites_by_name_count;
} tl_iisconf;

tl_iisconf *tl_iisconf_new(void);
void tl_iisconf_free(tl_iisconf *c);
/* A new empty file; path is copied (NULL: not known). */
tl_iisconf_file *tl_iisconf_file_new(const char *file, tl_iisconf_kind kind, const char *path);
void tl_iisconf_file_free(tl_iisconf_file *f);
/* c takes f; f's paths must be final (the reader sets them all before). */
void tl_iisconf_add(tl_iisconf *c, tl_iisconf_file *f);

/* Builders for the reader: each returns the new zeroed object, owned by
 * its parent, with loc and (where it has one) path set; path is copied. */
tl_iis_site *tl_iisconf_add_site(tl_iisconf_file *f, tl_loc loc);
tl_iis_binding *tl_iisconf_site_add_binding(tl_iis_site *s, tl_loc loc);
tl_iis_app *tl_iisconf_site_add_app(tl_iis_site *s, tl_loc loc);
tl_iis_setting *tl_iisconf_add_setting(tl_iisconf_file *f, tl_iis_section section, tl_loc loc,
				       const char *path);
tl_iis_mapping *tl_iisconf_setting_add_mapping(tl_iis_setting *s, tl_loc loc, bool many_to_one);
tl_iis_mapping_rule *tl_iisconf_mapping_add_rule(tl_iis_mapping *m, tl_loc loc);
tl_wcf_binding *tl_iisconf_add_wcf_binding(tl_iisconf_file *f, tl_loc loc, const char *path);
tl_wcf_behavior *tl_iisconf_add_wcf_behavior(tl_iisconf_file *f, tl_loc loc, const char *path);
tl_wcf_service *tl_iisconf_add_wcf_service(tl_iisconf_file *f, tl_loc loc, const char *path);
tl_wcf_endpoint *tl_iisconf_service_add_endpoint(tl_wcf_service *s, tl_loc loc);
tl_wcf_address *tl_iisconf_service_add_base_address(tl_wcf_service *s, tl_loc loc);
tl_wcf_protocol *tl_iisconf_add_wcf_protocol(tl_iisconf_file *f, tl_loc loc, tl_wcf_protocol_op op);

/* ---- paths */

/* A configuration path as the model keeps it: without the
 * MACHINE/WEBROOT/APPHOST root (any case), without leading and trailing
 * '/', '.' alone being "" (learn.microsoft.com, "Introduction to
 * ApplicationHost.config": path "." and "" are the current level). A new
 * string. */
char *tl_iisconf_path_normalize(const char *path);
/* parent joined with a relative location path ("" and "." are parent
 * itself). A new string. */
char *tl_iisconf_path_join(const char *parent, const char *relative);
/* Whether path is ancestor or the same, segment by segment, ASCII
 * case-insensitive. */
bool tl_iisconf_path_within(const char *path, const char *ancestor);

/* ---- what IIS makes of it */

/* The site of that name (ASCII case-insensitive) in an
 * applicationHost.config input, or NULL. */
const tl_iis_site *tl_iisconf_site_find(const tl_iisconf *c, const char *name);
/* Whether some applicationHost.config was read. */
bool tl_iisconf_has_apphost(const tl_iisconf *c);

typedef enum tl_iis_lock {
	TL_LOCK_OPEN = 0,  /* a file at this path may set the section */
	TL_LOCK_LOCKED,    /* it may not: IIS refuses the file (HTTP 500.19) */
	TL_LOCK_UNKNOWN,   /* no applicationHost.config was read to say */
} tl_iis_lock;

/* Whether a configuration file at file_path may set section s: the lock
 * is decided level by level from the server down (Microsoft, "Deep Dive
 * into IIS Configuration with IIS 7 and IIS 8", Locking): within one file
 * the deepest <location> with overrideMode Allow or Deny whose path holds
 * file_path decides, starting from the section's overrideModeDefault
 * (Allow when not declared) for applicationHost.config; once a level
 * locks, no level below can unlock. *by (may be NULL) gets the setting
 * that decided, NULL for the default. */
tl_iis_lock tl_iisconf_lock(const tl_iisconf *c, tl_iis_section s, const char *file_path,
			    const tl_iis_setting **by);

/* The value in effect for path of one attribute of section s: */
typedef struct tl_iis_effective {
	/* the setting that gives it, NULL when no input sets it (IIS's
	 * schema default applies: access sslFlags None) */
	const tl_iis_setting *from;
	/* the nearest setting for path that IIS refuses because the section
	 * is locked above its file (HTTP 500.19 for every request under
	 * it), NULL when none */
	const tl_iis_setting *refused;
	/* some setting counted from below applicationHost.config, and no
	 * applicationHost.config was read to say whether that is allowed */
	bool lock_unknown;
} tl_iis_effective;

/* The nearest setting on the way down to path that gives attr (one
 * TL_ATTR_* bit): settings for path's ancestors and path itself, ordered
 * by the depth of the path they apply to, then by the depth of their
 * file (a <location> tag counts at its file's level: Microsoft, "Deep
 * Dive", Location Tags; that a web.config overrides a <location> for the
 * same path in a file above it is inferred), then by their order in the
 * file; the last one counts. A setting whose <location> says
 * inheritInChildApplications="false" does not reach an application below
 * its path (the applications of the site in applicationHost.config).
 * Settings whose own path is not known take no part. */
void tl_iisconf_effective(const tl_iisconf *c, tl_iis_section s, uint32_t attr, const char *path,
			  tl_iis_effective *out);

/* WCF: the binding configuration an endpoint uses: the <binding> of its
 * binding type named by bindingConfiguration, or without one the type's
 * default (unnamed) configuration, in the same file; NULL when there is
 * none (WCF's built-in defaults apply, or the name is wrong). */
const tl_wcf_binding *tl_iisconf_endpoint_binding(const tl_iisconf_file *f,
						  const tl_wcf_endpoint *e);
/* WCF: the protocolMapping entry of f in effect for scheme ("https",
 * ASCII case-insensitive), after the file's <clear/> and <remove>; NULL
 * when the file maps none (machine.config's mapping applies). */
const tl_wcf_protocol *tl_iisconf_protocol_mapping(const tl_iisconf_file *f, const char *scheme);
/* The binding configuration of type named name ("" or NULL: the type's
 * default configuration) in f, or NULL. */
const tl_wcf_binding *tl_iisconf_wcf_binding_find(const tl_iisconf_file *f, const char *type,
						  const char *name);
/* The service behavior a service uses: named by behaviorConfiguration, or
 * the default (unnamed) one; NULL when there is none. */
const tl_wcf_behavior *tl_iisconf_service_behavior(const tl_iisconf_file *f,
						   const tl_wcf_service *s);

#endif
