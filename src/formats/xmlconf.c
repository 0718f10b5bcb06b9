/* xmlconf.c: IIS and WCF configuration files into model/iisconf (see
 * xmlconf.h). A grammar table says which element, under which parent, is
 * which part of the model; everything else is passed over.
 *
 * Diagnostics (locations are line:column of the element):
 *   input-config-bad-value         an attribute value IIS or WCF refuses
 *   input-config-duplicate-section one section twice for one path in a file
 *   input-config-no-path           a site or application file given
 *                                  without SITE/PATH=, so not placed
 *   input-config-second-apphost    more than one applicationHost.config
 *   input-store-ignored            SITE/PATH= given to applicationHost.config
 *
 * Sources: the IIS configuration reference (learn.microsoft.com/iis/
 * configuration/...) for each element named below, "Introduction to
 * ApplicationHost.config" and "Deep Dive into IIS Configuration with IIS 7
 * and IIS 8" for <configSections>, <location> and locking, and the WCF
 * configuration schema (learn.microsoft.com/dotnet/framework/
 * configure-apps/file-schema/wcf/) for system.serviceModel. */
#include "config.h"

#include "formats/xmlconf.h"

#include <ctype.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "formats/pem.h"
#include "formats/xml.h"

bool tl_xmlconf_detect(const uint8_t *data, size_t len)
{
	return tl_xml_root_is(data, len, "configuration");
}

/* What an element is in the model. */
typedef enum kind {
	K_OTHER = 0, /* passed over, with everything in it */
	K_DOC,       /* the parent of the root element */
	K_CONFIGURATION,
	K_CONFIG_SECTIONS,
	K_SECTION_GROUP,
	K_SECTION_DECL,
	K_LOCATION,
	K_APPHOST,
	K_SITES,
	K_SITE,
	K_SITE_BINDINGS,
	K_BINDING,
	K_APPLICATION,
	K_IIS_CONTENT, /* system.web, or serviceHostingEnvironment */
	K_WEBSERVER,
	K_SECURITY,
	K_AUTHENTICATION,
	K_ACCESS,
	K_IIS_MAPPING,
	K_AD_MAPPING,
	K_ONE_TO_ONE,
	K_ONE_TO_ONE_ADD,
	K_MANY_TO_ONE,
	K_MANY_TO_ONE_ADD,
	K_RULES,
	K_RULE,
	K_SERVICE_MODEL,
	K_WCF_BINDINGS,
	K_WCF_TYPE,
	K_WCF_BINDING,
	K_WCF_SECURITY,
	K_WCF_TRANSPORT,
	K_WCF_MESSAGE,
	K_WCF_CUSTOM, /* a customBinding's transport or sslStreamSecurity */
	K_WCF_SERVICES,
	K_WCF_SERVICE,
	K_WCF_ENDPOINT,
	K_WCF_HOST,
	K_WCF_BASES,
	K_WCF_BASE,
	K_WCF_BEHAVIORS,
	K_WCF_SERVICE_BEHAVIORS,
	K_WCF_BEHAVIOR,
	K_WCF_CREDENTIALS,
	K_WCF_CLIENT_CERT,
	K_WCF_AUTH,
	K_WCF_PROTOCOLS,
	K_WCF_PROTOCOL, /* add, remove or clear in protocolMapping */
} kind;

/* Element names are case-sensitive, as in IIS and .NET configuration. A
 * NULL name is any element. */
static const struct {
	kind parent;
	const char *name;
	kind child;
} grammar[] = {
	{K_DOC, "configuration", K_CONFIGURATION},
	{K_CONFIGURATION, "configSections", K_CONFIG_SECTIONS},
	{K_CONFIG_SECTIONS, "sectionGroup", K_SECTION_GROUP},
	{K_SECTION_GROUP, "sectionGroup", K_SECTION_GROUP},
	{K_CONFIG_SECTIONS, "section", K_SECTION_DECL},
	{K_SECTION_GROUP, "section", K_SECTION_DECL},
	{K_CONFIGURATION, "location", K_LOCATION},
	{K_CONFIGURATION, "system.applicationHost", K_APPHOST},
	{K_APPHOST, "sites", K_SITES},
	{K_SITES, "site", K_SITE},
	{K_SITE, "bindings", K_SITE_BINDINGS},
	{K_SITE_BINDINGS, "binding", K_BINDING},
	{K_SITE, "application", K_APPLICATION},
	{K_CONFIGURATION, "system.web", K_IIS_CONTENT},
	{K_LOCATION, "system.web", K_IIS_CONTENT},
	{K_CONFIGURATION, "system.webServer", K_WEBSERVER},
	{K_LOCATION, "system.webServer", K_WEBSERVER},
	{K_WEBSERVER, "security", K_SECURITY},
	{K_SECURITY, "access", K_ACCESS},
	{K_SECURITY, "authentication", K_AUTHENTICATION},
	{K_AUTHENTICATION, "iisClientCertificateMappingAuthentication", K_IIS_MAPPING},
	{K_AUTHENTICATION, "clientCertificateMappingAuthentication", K_AD_MAPPING},
	{K_IIS_MAPPING, "oneToOneMappings", K_ONE_TO_ONE},
	{K_ONE_TO_ONE, "add", K_ONE_TO_ONE_ADD},
	{K_IIS_MAPPING, "manyToOneMappings", K_MANY_TO_ONE},
	{K_MANY_TO_ONE, "add", K_MANY_TO_ONE_ADD},
	{K_MANY_TO_ONE_ADD, "rules", K_RULES},
	{K_RULES, "add", K_RULE},
	{K_CONFIGURATION, "system.serviceModel", K_SERVICE_MODEL},
	{K_LOCATION, "system.serviceModel", K_SERVICE_MODEL},
	{K_SERVICE_MODEL, "serviceHostingEnvironment", K_IIS_CONTENT},
	{K_SERVICE_MODEL, "bindings", K_WCF_BINDINGS},
	{K_WCF_BINDINGS, NULL, K_WCF_TYPE},
	{K_WCF_TYPE, "binding", K_WCF_BINDING},
	{K_WCF_BINDING, "security", K_WCF_SECURITY},
	{K_WCF_SECURITY, "transport", K_WCF_TRANSPORT},
	{K_WCF_SECURITY, "message", K_WCF_MESSAGE},
	{K_SERVICE_MODEL, "services", K_WCF_SERVICES},
	{K_WCF_SERVICES, "service", K_WCF_SERVICE},
	{K_WCF_SERVICE, "endpoint", K_WCF_ENDPOINT},
	{K_WCF_SERVICE, "host", K_WCF_HOST},
	{K_WCF_HOST, "baseAddresses", K_WCF_BASES},
	{K_WCF_BASES, "add", K_WCF_BASE},
	{K_SERVICE_MODEL, "behaviors", K_WCF_BEHAVIORS},
	{K_WCF_BEHAVIORS, "serviceBehaviors", K_WCF_SERVICE_BEHAVIORS},
	{K_WCF_SERVICE_BEHAVIORS, "behavior", K_WCF_BEHAVIOR},
	{K_WCF_BEHAVIOR, "serviceCredentials", K_WCF_CREDENTIALS},
	{K_WCF_CREDENTIALS, "clientCertificate", K_WCF_CLIENT_CERT},
	{K_WCF_CLIENT_CERT, "authentication", K_WCF_AUTH},
	{K_SERVICE_MODEL, "protocolMapping", K_WCF_PROTOCOLS},
	{K_WCF_PROTOCOLS, "add", K_WCF_PROTOCOL},
	{K_WCF_PROTOCOLS, "remove", K_WCF_PROTOCOL},
	{K_WCF_PROTOCOLS, "clear", K_WCF_PROTOCOL},
};

/* The <location> an element is in. */
typedef struct location {
	char *path; /* relative to the file's own path, normalized */
	tl_loc loc;
	tl_override override;
	bool child_apps;
} location;

/* One open element. */
typedef struct frame {
	kind k;
	/* K_SECTION_GROUP: the full name of the group; K_WCF_TYPE: the
	 * binding type */
	char *group;
	/* the model object it opened, else its parent's: the site of a
	 * binding, the setting of a mapping, the WCF binding of <transport> */
	void *obj;
	size_t index; /* with a setting: the mapping open in it */
} frame;

/* The sections met in this file by section and path (ASCII
 * case-insensitive), so that one set twice is found at once however many
 * <location> tags the file holds: open addressing over the settings. */
typedef struct seen {
	tl_iis_setting **slots;
	size_t cap, count; /* cap: 0 or a power of two */
} seen;

static uint32_t seen_hash(tl_iis_section section, const char *path)
{
	uint32_t h = 2166136261u ^ (uint32_t)section;

	for (; *path; path++)
		h = (h ^ (uint32_t)tolower((unsigned char)*path)) * 16777619u;
	return h;
}

/* The slot of (section, path): the setting there, or the empty slot where
 * it goes. */
static tl_iis_setting **seen_slot(const seen *sn, tl_iis_section section, const char *path)
{
	size_t i = seen_hash(section, path) & (sn->cap - 1);

	while (sn->slots[i] && (sn->slots[i]->section != section ||
				tl_strcasecmp(sn->slots[i]->path, path) != 0))
		i = (i + 1) & (sn->cap - 1);
	return &sn->slots[i];
}

static void seen_add(seen *sn, tl_iis_setting *st)
{
	if (2 * (sn->count + 1) > sn->cap) {
		seen bigger = {NULL, sn->cap ? 2 * sn->cap : 16, 0};
		size_t i;
		bigger.slots = tl_xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (i = 0; i < sn->cap; i++)
			if (sn->slots[i])
				*seen_slot(&bigger, sn->slots[i]->section, sn->slots[i]->path) = sn->slots[i];
		free(sn->slots);
		bigger.count = sn->count;
		*sn = bigger;
	}
	*seen_slot(sn, st->section, st->path) = st;
	sn->count++;
}

typedef struct walk {
	const char *file;
	tl_iisconf_file *f;
	tl_diags *d;
	frame *stack;
	size_t depth, cap;
	location *where; /* the open <location>, or NULL */
	seen sections;   /* the settings read so far */
	bool root_ok;    /* the root element is <configuration> */
	bool apphost;    /* a system.applicationHost element was met */
} walk;

static const char *attr(const tl_xml_element *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->attr_count; i++)
		if (!e->attrs[i].prefix && strcmp(e->attrs[i].name, name) == 0)
			return e->attrs[i].value;
	return NULL;
}

static char *attr_dup(const tl_xml_element *e, const char *name)
{
	const char *v = attr(e, name);

	return v ? tl_xstrdup(v) : NULL;
}

/* Set *field to the attribute (NULL when absent): an element given twice
 * counts as its last. */
static void take(char **field, const tl_xml_element *e, const char *name)
{
	free(*field);
	*field = attr_dup(e, name);
}

static void bad_value(walk *w, const tl_xml_element *e, const char *name, const char *value,
		      const char *why)
{
	tl_diag_add(w->d, TL_ERROR, "input-config-bad-value", &e->loc, "<%s %s='%s'>: %s", e->name,
		    name, value, why);
}

/* An IIS or .NET bool ("true", "false", in any case: inferred for IIS);
 * -1 when absent, -2 after reporting another value. */
static int attr_bool(walk *w, const tl_xml_element *e, const char *name)
{
	const char *v = attr(e, name);

	if (!v)
		return -1;
	if (tl_strcasecmp(v, "true") == 0)
		return 1;
	if (tl_strcasecmp(v, "false") == 0)
		return 0;
	bad_value(w, e, name, v, "not true or false: the section is refused (HTTP 500.19)");
	return -2;
}

/* An unsigned decimal of at most max: 0, or -1 when absent, -2 after
 * reporting. */
static int attr_uint(walk *w, const tl_xml_element *e, const char *name, uint32_t max,
		     uint32_t *out)
{
	const char *v = attr(e, name), *p;
	uint64_t n = 0;

	if (!v)
		return -1;
	for (p = v; *p >= '0' && *p <= '9' && n <= max; p++)
		n = n * 10 + (uint64_t)(*p - '0');
	if (p == v || *p || n > max) {
		char why[64];
		snprintf(why, sizeof(why), "not a number from 0 to %lu", (unsigned long)max);
		bad_value(w, e, name, v, why);
		return -2;
	}
	*out = (uint32_t)n;
	return 0;
}

/* overrideMode: Allow, Deny or Inherit (any case: inferred). */
static int parse_override(const char *v, tl_override *out)
{
	if (tl_strcasecmp(v, "Allow") == 0)
		*out = TL_OVERRIDE_ALLOW;
	else if (tl_strcasecmp(v, "Deny") == 0)
		*out = TL_OVERRIDE_DENY;
	else if (tl_strcasecmp(v, "Inherit") == 0)
		*out = TL_OVERRIDE_INHERIT;
	else
		return -1;
	return 0;
}

/* The path an element applies to, relative to its file: its <location>'s,
 * or the file's own (""). Made absolute once the file is read. */
static const char *rel_path(const walk *w)
{
	return w->where ? w->where->path : "";
}

static void start_location(walk *w, const tl_xml_element *e)
{
	location *l = tl_xcalloc(1, sizeof(*l));
	const char *path = attr(e, "path"), *mode = attr(e, "overrideMode");
	int allow = attr_bool(w, e, "allowOverride"), inherit;

	l->path = tl_iisconf_path_normalize(path ? path : "");
	l->loc = e->loc;
	l->child_apps = true;
	if (mode && parse_override(mode, &l->override) != 0)
		bad_value(w, e, "overrideMode", mode,
			  "not Allow, Deny or Inherit: the location is refused (HTTP 500.19)");
	if (mode && allow >= 0) {
		/* "Deep Dive into IIS Configuration", Locking */
		tl_diag_add(w->d, TL_ERROR, "input-config-bad-value", &e->loc,
			    "<location> gives both overrideMode and allowOverride, which IIS refuses (HTTP 500.19): overrideMode is read");
	} else if (allow >= 0) {
		l->override = allow ? TL_OVERRIDE_ALLOW : TL_OVERRIDE_DENY;
	}
	inherit = attr_bool(w, e, "inheritInChildApplications");
	if (inherit == 0)
		l->child_apps = false;
	w->where = l;
}

static void end_location(walk *w)
{
	if (w->where) {
		free(w->where->path);
		free(w->where);
		w->where = NULL;
	}
}

static void section_decl(walk *w, const tl_xml_element *e, const char *group)
{
	const char *name = attr(e, "name"), *mode = attr(e, "overrideModeDefault");
	char *full;
	int s;
	tl_override o = TL_OVERRIDE_ALLOW;

	if (!name)
		return;
	full = group ? tl_xasprintf("%s/%s", group, name) : tl_xstrdup(name);
	s = tl_iisconf_section_find(full);
	free(full);
	if (s < 0)
		return;
	/* "Deep Dive": without overrideModeDefault a section is Allow */
	if (mode && (parse_override(mode, &o) != 0 || o == TL_OVERRIDE_INHERIT)) {
		bad_value(w, e, "overrideModeDefault", mode,
			  "not Allow or Deny: IIS cannot read its configuration (HTTP 500.19)");
		return;
	}
	w->f->declared[s] = true;
	w->f->override_default[s] = o;
	w->f->declared_loc[s] = e->loc;
}

/* bindingInformation of an http or https binding: "IP:port:host", the IP
 * "*" for all addresses and an IPv6 one in brackets, the host empty for
 * none (learn.microsoft.com, "Binding <binding>"; FORMATS.md 6). */
static void parse_endpoint(walk *w, const tl_xml_element *e, tl_iis_binding *b)
{
	const char *v = b->information, *colon, *p;
	uint32_t port = 0;

	if (v[0] == '[') {
		const char *close = strchr(v, ']');
		colon = close ? close + 1 : NULL;
		if (colon && *colon != ':')
			colon = NULL;
	} else {
		colon = strchr(v, ':');
	}
	if (!colon || colon == v)
		goto bad;
	for (p = colon + 1; *p >= '0' && *p <= '9' && port <= 65535; p++)
		port = port * 10 + (uint32_t)(*p - '0');
	if (p == colon + 1 || *p != ':' || port == 0 || port > 65535 || strchr(p + 1, ':'))
		goto bad;
	b->ip = tl_xstrndup(v, (size_t)(colon - v));
	b->port = (uint16_t)port;
	b->host = tl_xstrdup(p + 1);
	b->endpoint_ok = true;
	return;
bad:
	bad_value(w, e, "bindingInformation", v,
		  "not IP:port:host (as in '*:443:' or '[::1]:443:www.contoso.com'): IIS cannot listen on it");
}

static void start_binding(walk *w, const tl_xml_element *e, tl_iis_site *site)
{
	tl_iis_binding *b = tl_iisconf_site_add_binding(site, e->loc);
	uint32_t flags;

	b->protocol = attr_dup(e, "protocol");
	b->information = attr_dup(e, "bindingInformation");
	/* "sslFlags: Optional uint attribute" */
	if (attr_uint(w, e, "sslFlags", UINT32_MAX, &flags) == 0) {
		b->has_ssl_flags = true;
		b->ssl_flags = flags;
	}
	if (b->information && b->protocol &&
	    (tl_strcasecmp(b->protocol, "http") == 0 || tl_strcasecmp(b->protocol, "https") == 0))
		parse_endpoint(w, e, b);
}

/* A section for the path of its <location>: NULL (and reported) when the
 * file already set it for that path ("Deep Dive": location tags "cannot
 * reference the same path (unless they reference different sections)";
 * IIS answers 500.19 for a section defined twice). */
static tl_iis_setting *start_setting(walk *w, const tl_xml_element *e, tl_iis_section s)
{
	const char *rel = rel_path(w);
	tl_iis_setting *st;

	if (w->sections.cap) {
		const tl_iis_setting *o = *seen_slot(&w->sections, s, rel);
		if (o) {
			tl_buf where = {0};
			tl_loc_format(&o->loc, &where);
			tl_diag_add(w->d, TL_ERROR, "input-config-duplicate-section", &e->loc,
				    "%s is set a second time for path '%s' in this file (first at %s): IIS refuses the file (HTTP 500.19); the first is read",
				    tl_iisconf_section_name(s), rel, where.data);
			tl_buf_free(&where);
			return NULL;
		}
	}
	st = tl_iisconf_add_setting(w->f, s, e->loc, rel);
	seen_add(&w->sections, st);
	if (w->where) {
		st->location_loc = w->where->loc;
		st->override = w->where->override;
		st->child_apps = w->where->child_apps;
	}
	return st;
}

static void start_access(walk *w, const tl_xml_element *e, tl_iis_setting *st)
{
	const char *v = attr(e, "sslFlags");
	char *bad = NULL;

	if (!v)
		return;
	if (tl_iisconf_access_parse(v, &st->ssl_flags, &bad) == 0) {
		st->set |= TL_ATTR_SSL_FLAGS;
		return;
	}
	{
		char *why = tl_xasprintf(
			"'%s' is not a flag IIS knows (None, Ssl, SslNegotiateCert, SslRequireCert, SslMapCert, Ssl128): the section is refused (HTTP 500.19)",
			bad);
		bad_value(w, e, "sslFlags", v, why);
		free(why);
	}
	free(bad);
}

/* A bool attribute into a setting: bit set when given and valid. */
static void setting_bool(walk *w, const tl_xml_element *e, const char *name, tl_iis_setting *st,
			 uint32_t bit, bool *field)
{
	int v = attr_bool(w, e, name);

	if (v >= 0) {
		*field = v == 1;
		st->set |= bit;
	}
}

/* One of the sections the model keeps, with its attributes; NULL when
 * the file already set it for that path. */
static tl_iis_setting *start_section(walk *w, const tl_xml_element *e, kind k)
{
	tl_iis_section s = k == K_ACCESS ? TL_SECTION_ACCESS
			   : k == K_IIS_MAPPING ? TL_SECTION_IIS_MAPPING : TL_SECTION_AD_MAPPING;
	tl_iis_setting *st = start_setting(w, e, s);

	if (!st)
		return NULL;
	if (s == TL_SECTION_ACCESS) {
		start_access(w, e, st);
		return st;
	}
	setting_bool(w, e, "enabled", st, TL_ATTR_ENABLED, &st->enabled);
	if (s == TL_SECTION_IIS_MAPPING) {
		setting_bool(w, e, "oneToOneCertificateMappingsEnabled", st,
			     TL_ATTR_ONE_TO_ONE_ENABLED, &st->one_to_one_enabled);
		setting_bool(w, e, "manyToOneCertificateMappingsEnabled", st,
			     TL_ATTR_MANY_TO_ONE_ENABLED, &st->many_to_one_enabled);
	}
	return st;
}

/* oneToOneMappings/add@certificate: the client certificate, base64 DER
 * (FORMATS.md 6), kept with its SHA-1 so a rule can look it up in a store
 * and the view can parse it. */
static void mapping_cert(walk *w, const tl_xml_element *e, tl_iis_mapping *m)
{
	const char *v = attr(e, "certificate");
	tl_buf text = {0}, der = {0};
	size_t i;

	if (!v)
		return;
	for (i = 0; v[i]; i++)
		if (v[i] != ' ' && v[i] != '\t' && v[i] != '\r' && v[i] != '\n')
			tl_buf_addc(&text, v[i]);
	if (text.len == 0 || tl_base64_decode(text.data, text.len, &der) != 0 || der.len == 0) {
		bad_value(w, e, "certificate", text.len > 64 ? "..." : v,
			  "not a base64 certificate: this mapping matches no client certificate");
	} else {
		gnutls_hash_fast(GNUTLS_DIG_SHA1, der.data, der.len, m->cert_sha1);
		m->cert_len = der.len;
		m->cert_der = (uint8_t *)tl_buf_steal(&der);
		m->has_cert = true;
	}
	tl_buf_free(&text);
	tl_buf_free(&der);
}

static void start_mapping(walk *w, const tl_xml_element *e, frame *fr, tl_iis_setting *st,
			  bool many)
{
	tl_iis_mapping *m = tl_iisconf_setting_add_mapping(st, e->loc, many);
	int enabled = attr_bool(w, e, "enabled");

	m->enabled = enabled >= 0 ? enabled : -1;
	m->user_name = attr_dup(e, "userName");
	if (many) {
		m->name = attr_dup(e, "name");
		m->permission_mode = attr_dup(e, "permissionMode");
	} else {
		mapping_cert(w, e, m);
	}
	fr->obj = st;
	fr->index = st->mapping_count - 1;
}

/* manyToOneMappings/add/rules/add: its attributes as written. */
static void start_mapping_rule(walk *w, const tl_xml_element *e, tl_iis_mapping *m)
{
	tl_iis_mapping_rule *r = tl_iisconf_mapping_add_rule(m, e->loc);
	int case_sensitive = attr_bool(w, e, "compareCaseSensitive");

	r->field = attr_dup(e, "certificateField");
	r->sub_field = attr_dup(e, "certificateSubField");
	r->criteria = attr_dup(e, "matchCriteria");
	r->case_sensitive = case_sensitive >= 0 ? case_sensitive : -1;
}

/* The kind of an element under parent, and what it opens. */
static kind classify(const frame *parent, const tl_xml_element *e)
{
	size_t i;

	/* prefixed elements (xdt: transforms) are not configuration */
	if (e->prefix)
		return K_OTHER;
	if (parent->k == K_WCF_BINDING) {
		const tl_wcf_binding *b = parent->obj;
		size_t n = strlen(e->name);
		if (b->type && strcmp(b->type, "customBinding") == 0 &&
		    ((n > 9 && strcmp(e->name + n - 9, "Transport") == 0) ||
		     strcmp(e->name, "sslStreamSecurity") == 0))
			return K_WCF_CUSTOM;
	}
	for (i = 0; i < TL_ARRAY_LEN(grammar); i++)
		if (grammar[i].parent == parent->k &&
		    (!grammar[i].name || strcmp(grammar[i].name, e->name) == 0))
			return grammar[i].child;
	return K_OTHER;
}

static void on_start(void *arg, const tl_xml_element *e)
{
	walk *w = arg;
	frame *parent = &w->stack[w->depth - 1], fr = {K_OTHER, NULL, parent->obj, parent->index};

	if (parent->k != K_OTHER)
		fr.k = classify(parent, e);
	switch (fr.k) {
	case K_SECTION_GROUP: {
		const char *name = attr(e, "name");
		if (!name)
			fr.k = K_OTHER;
		else
			fr.group = parent->group ? tl_xasprintf("%s/%s", parent->group, name)
						 : tl_xstrdup(name);
		break;
	}
	case K_SECTION_DECL:
		section_decl(w, e, parent->group);
		break;
	case K_LOCATION:
		start_location(w, e);
		break;
	case K_CONFIGURATION:
		w->root_ok = true;
		break;
	case K_APPHOST:
		w->apphost = true;
		break;
	case K_SITE: {
		tl_iis_site *s = tl_iisconf_add_site(w->f, e->loc);
		uint32_t id;
		s->name = attr_dup(e, "name");
		if (attr_uint(w, e, "id", UINT32_MAX, &id) == 0) {
			s->has_id = true;
			s->id = id;
		}
		fr.obj = s;
		break;
	}
	case K_BINDING:
		start_binding(w, e, parent->obj);
		break;
	case K_APPLICATION: {
		tl_iis_app *a = tl_iisconf_site_add_app(parent->obj, e->loc);
		a->path = attr_dup(e, "path");
		break;
	}
	case K_IIS_CONTENT:
	case K_WEBSERVER:
		w->f->iis_content = true;
		break;
	case K_ACCESS:
	case K_IIS_MAPPING:
	case K_AD_MAPPING:
		fr.obj = start_section(w, e, fr.k);
		if (!fr.obj)
			fr.k = K_OTHER;
		break;
	case K_ONE_TO_ONE_ADD:
		start_mapping(w, e, &fr, parent->obj, false);
		break;
	case K_MANY_TO_ONE_ADD:
		start_mapping(w, e, &fr, parent->obj, true);
		break;
	case K_RULE:
		start_mapping_rule(w, e, &((tl_iis_setting *)parent->obj)->mappings[parent->index]);
		break;
	case K_WCF_TYPE:
		fr.group = tl_xstrdup(e->name);
		break;
	case K_WCF_BINDING: {
		tl_wcf_binding *b = tl_iisconf_add_wcf_binding(w->f, e->loc, rel_path(w));
		const char *name = attr(e, "name");
		b->type = tl_xstrdup(parent->group);
		b->name = tl_xstrdup(name ? name : "");
		fr.obj = b;
		break;
	}
	case K_WCF_SECURITY: {
		tl_wcf_binding *b = parent->obj;
		take(&b->security_mode, e, "mode");
		b->security_loc = e->loc;
		break;
	}
	case K_WCF_TRANSPORT: {
		tl_wcf_binding *b = parent->obj;
		take(&b->transport_credential, e, "clientCredentialType");
		b->transport_loc = e->loc;
		break;
	}
	case K_WCF_MESSAGE: {
		tl_wcf_binding *b = parent->obj;
		take(&b->message_credential, e, "clientCredentialType");
		b->message_loc = e->loc;
		break;
	}
	case K_WCF_CUSTOM: {
		tl_wcf_binding *b = parent->obj;
		int require = attr_bool(w, e, "requireClientCertificate");
		if (strcmp(e->name, "sslStreamSecurity") != 0) {
			free(b->custom_transport);
			b->custom_transport = tl_xstrdup(e->name);
		}
		if (require >= 0) {
			b->require_client_cert = require;
			b->require_loc = e->loc;
		}
		break;
	}
	case K_WCF_SERVICE: {
		tl_wcf_service *s = tl_iisconf_add_wcf_service(w->f, e->loc, rel_path(w));
		s->name = attr_dup(e, "name");
		s->behavior_configuration = attr_dup(e, "behaviorConfiguration");
		fr.obj = s;
		break;
	}
	case K_WCF_ENDPOINT: {
		tl_wcf_endpoint *ep = tl_iisconf_service_add_endpoint(parent->obj, e->loc);
		ep->address = attr_dup(e, "address");
		ep->binding = attr_dup(e, "binding");
		ep->binding_configuration = attr_dup(e, "bindingConfiguration");
		ep->contract = attr_dup(e, "contract");
		ep->behavior_configuration = attr_dup(e, "behaviorConfiguration");
		break;
	}
	case K_WCF_BASE: {
		tl_wcf_address *a = tl_iisconf_service_add_base_address(parent->obj, e->loc);
		a->address = attr_dup(e, "baseAddress");
		break;
	}
	case K_WCF_BEHAVIOR: {
		tl_wcf_behavior *b = tl_iisconf_add_wcf_behavior(w->f, e->loc, rel_path(w));
		const char *name = attr(e, "name");
		b->name = tl_xstrdup(name ? name : "");
		fr.obj = b;
		break;
	}
	case K_WCF_PROTOCOL: {
		tl_wcf_protocol *p = tl_iisconf_add_wcf_protocol(
			w->f, e->loc,
			strcmp(e->name, "add") == 0      ? TL_WCF_PROTOCOL_ADD
			: strcmp(e->name, "remove") == 0 ? TL_WCF_PROTOCOL_REMOVE
							 : TL_WCF_PROTOCOL_CLEAR);
		p->scheme = attr_dup(e, "scheme");
		p->binding = attr_dup(e, "binding");
		p->binding_configuration = attr_dup(e, "bindingConfiguration");
		break;
	}
	case K_WCF_AUTH: {
		tl_wcf_behavior *b = parent->obj;
		b->auth_loc = e->loc;
		take(&b->validation_mode, e, "certificateValidationMode");
		take(&b->trusted_store_location, e, "trustedStoreLocation");
		take(&b->revocation_mode, e, "revocationMode");
		break;
	}
	default:
		break;
	}
	tl_xgrow((void **)&w->stack, &w->cap, w->depth + 1, sizeof(*w->stack));
	w->stack[w->depth++] = fr;
}

static void on_end(void *arg, const char *name, unsigned depth)
{
	walk *w = arg;
	frame *fr = &w->stack[--w->depth];

	if (fr->k == K_LOCATION)
		end_location(w);
	free(fr->group);
	(void)name;
	(void)depth;
}

/* The paths of a file's objects were kept relative to the file while it
 * was read (the file's kind is known only at system.applicationHost, which
 * need not come first): make them absolute, or NULL when the file's own
 * path is not known. */
static void place(tl_iisconf_file *f)
{
	size_t i;

#define PLACE(p)                                                              \
	do {                                                                  \
		char *abs_ = f->path ? tl_iisconf_path_join(f->path, (p)) : NULL; \
		free(p);                                                      \
		(p) = abs_;                                                   \
	} while (0)
	for (i = 0; i < f->setting_count; i++)
		PLACE(f->settings[i]->path);
	for (i = 0; i < f->wcf_binding_count; i++)
		PLACE(f->wcf_bindings[i]->path);
	for (i = 0; i < f->wcf_behavior_count; i++)
		PLACE(f->wcf_behaviors[i]->path);
	for (i = 0; i < f->wcf_service_count; i++)
		PLACE(f->wcf_services[i]->path);
#undef PLACE
}

int tl_xmlconf_read(const uint8_t *data, size_t len, const char *file, const char *path,
		    tl_iisconf *c, tl_diags *d)
{
	walk w;
	tl_xml_handler h = {on_start, on_end, &w};
	int rc;

	memset(&w, 0, sizeof(w));
	w.file = file;
	w.d = d;
	w.f = tl_iisconf_file_new(file, TL_IISCONF_APP, NULL);
	tl_xgrow((void **)&w.stack, &w.cap, 1, sizeof(*w.stack));
	w.stack[0].k = K_DOC;
	w.depth = 1;
	rc = tl_xml_parse(data, len, file, &h, d);
	/* a read that stopped leaves elements open */
	while (w.depth > 1)
		on_end(&w, NULL, 0);
	free(w.stack);
	free(w.sections.slots);
	if (rc != 0 || !w.root_ok) {
		tl_iisconf_file_free(w.f);
		return -1;
	}
	if (w.apphost) {
		tl_loc whole = tl_loc_file(file);
		w.f->kind = TL_IISCONF_APPHOST;
		w.f->path = tl_xstrdup("");
		if (path)
			tl_diag_add(d, TL_WARNING, "input-store-ignored", &whole,
				    "applicationHost.config is the server level: '%s=' ignored", path);
		if (tl_iisconf_has_apphost(c))
			tl_diag_add(d, TL_WARNING, "input-config-second-apphost", &whole,
				    "a second applicationHost.config: a server has one, and both are read as its server level");
	} else if (path) {
		w.f->path = tl_iisconf_path_normalize(path);
	} else if (w.f->iis_content) {
		tl_loc whole = tl_loc_file(file);
		tl_diag_add(d, TL_NOTE, "input-config-no-path", &whole,
			    "which site or application this file configures is not known: its IIS settings count for no path; give it as SITE/PATH=FILE (e.g. 'Default Web Site/app=web.config')");
	}
	place(w.f);
	tl_iisconf_add(c, w.f);
	return 0;
}
