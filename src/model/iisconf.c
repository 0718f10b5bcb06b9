/* iisconf.c: the IIS and WCF configuration model (see iisconf.h): its
 * objects, configuration paths, and how IIS resolves a section for a path
 * (inheritance through <location> tags and web.config files, locking). */
#include "config.h"

#include "model/iisconf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The access flags in the order IIS's reference lists them, each with the
 * name IIS writes. */
static const struct {
	const char *name;
	uint32_t bit;
} access_flags[] = {
	{"Ssl", TL_ACCESS_SSL},
	{"SslNegotiateCert", TL_ACCESS_SSL_NEGOTIATE_CERT},
	{"SslRequireCert", TL_ACCESS_SSL_REQUIRE_CERT},
	{"SslMapCert", TL_ACCESS_SSL_MAP_CERT},
	{"Ssl128", TL_ACCESS_SSL_128},
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int tl_iisconf_access_parse(const char *text, uint32_t *flags, char **bad)
{
	const char *p = text;
	uint32_t out = 0;

	*flags = 0;
	while (*p && blank(*p))
		p++;
	/* an empty value sets no flag, as None does (inferred: IIS's
	 * reference documents only the names) */
	if (!*p)
		return 0;
	for (;;) {
		const char *start, *end = strchr(p, ',');
		size_t i, n;
		bool known = false;

		if (!end)
			end = p + strlen(p);
		start = p;
		while (start < end && blank(*start))
			start++;
		n = (size_t)(end - start);
		while (n > 0 && blank(start[n - 1]))
			n--;
		/* names compare without regard to case (inferred: the IIS
		 * configuration system's reading of flag names is not documented) */
		if (n == 4 && tl_strncasecmp(start, "None", 4) == 0)
			known = true;
		for (i = 0; !known && i < TL_ARRAY_LEN(access_flags); i++)
			if (strlen(access_flags[i].name) == n &&
			    tl_strncasecmp(start, access_flags[i].name, n) == 0) {
				out |= access_flags[i].bit;
				known = true;
			}
		if (!known) {
			*bad = tl_xstrndup(start, n);
			return -1;
		}
		if (!*end)
			break;
		p = end + 1;
	}
	*flags = out;
	return 0;
}

const char *tl_iisconf_access_flag_name(uint32_t bit)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(access_flags); i++)
		if (bit == access_flags[i].bit)
			return access_flags[i].name;
	return NULL;
}

void tl_iisconf_access_format(uint32_t flags, tl_buf *b)
{
	size_t i;
	bool any = false;

	for (i = 0; i < TL_ARRAY_LEN(access_flags); i++)
		if (flags & access_flags[i].bit) {
			tl_buf_printf(b, "%s%s", any ? ", " : "", access_flags[i].name);
			any = true;
		}
	if (!any)
		tl_buf_adds(b, "None");
}

/* The binding flag names are those of the IIS PowerShell provider and IIS
 * Manager as seen in the field (iisconf.h: inferred beyond bit 2). */
static const char *const binding_flag_names[] = {
	"Sni", "CentralCertStore", "DisableHTTP2", "DisableOCSPStp", "DisableQUIC",
	"DisableTLS13", "DisableLegacyTLS",
};

const char *tl_iisconf_binding_flag_name(uint32_t bit)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(binding_flag_names); i++)
		if (bit == 1u << i)
			return binding_flag_names[i];
	return NULL;
}

void tl_iisconf_binding_flags_format(uint32_t flags, tl_buf *b)
{
	size_t i;
	bool any = false;

	for (i = 0; i < 32; i++) {
		const char *name = tl_iisconf_binding_flag_name(1u << i);
		if (!(flags & (1u << i)))
			continue;
		if (name)
			tl_buf_printf(b, "%s%s", any ? ", " : "", name);
		else
			tl_buf_printf(b, "%s0x%x", any ? ", " : "", 1u << i);
		any = true;
	}
	if (!any)
		tl_buf_adds(b, "None");
}

static const char *const section_names[TL_SECTION_COUNT] = {
	[TL_SECTION_ACCESS] = "system.webServer/security/access",
	[TL_SECTION_IIS_MAPPING] =
		"system.webServer/security/authentication/iisClientCertificateMappingAuthentication",
	[TL_SECTION_AD_MAPPING] =
		"system.webServer/security/authentication/clientCertificateMappingAuthentication",
};

const char *tl_iisconf_section_name(tl_iis_section s)
{
	return (unsigned)s < TL_SECTION_COUNT ? section_names[s] : "unknown";
}

int tl_iisconf_section_find(const char *name)
{
	int s;

	for (s = 0; s < TL_SECTION_COUNT; s++)
		if (strcmp(name, section_names[s]) == 0)
			return s;
	return -1;
}

const char *tl_override_name(tl_override o)
{
	switch (o) {
	case TL_OVERRIDE_ALLOW:
		return "Allow";
	case TL_OVERRIDE_DENY:
		return "Deny";
	default:
		return "Inherit";
	}
}

/* ---- objects */

tl_iisconf *tl_iisconf_new(void)
{
	return tl_xcalloc(1, sizeof(tl_iisconf));
}

static void free_setting(tl_iis_setting *s)
{
	size_t i;

	for (i = 0; i < s->mapping_count; i++) {
		tl_iis_mapping *m = &s->mappings[i];
		size_t j;

		free(m->user_name);
		free(m->cert_der);
		free(m->name);
		free(m->permission_mode);
		for (j = 0; j < m->rule_count; j++) {
			free(m->rules[j].field);
			free(m->rules[j].sub_field);
			free(m->rules[j].criteria);
		}
		free(m->rules);
	}
	free(s->mappings);
	free(s->path);
	free(s);
}

static void free_site(tl_iis_site *s)
{
	size_t i;

	for (i = 0; i < s->binding_count; i++) {
		free(s->bindings[i].protocol);
		free(s->bindings[i].information);
		free(s->bindings[i].ip);
		free(s->bindings[i].host);
	}
	for (i = 0; i < s->app_count; i++)
		free(s->apps[i].path);
	tl_strv_free(s->app_index, s->app_index_count);
	free(s->bindings);
	free(s->apps);
	free(s->name);
	free(s);
}

static void free_wcf_binding(tl_wcf_binding *b)
{
	free(b->path);
	free(b->type);
	free(b->name);
	free(b->security_mode);
	free(b->transport_credential);
	free(b->message_credential);
	free(b->custom_transport);
	free(b);
}

static void free_wcf_behavior(tl_wcf_behavior *b)
{
	free(b->path);
	free(b->name);
	free(b->validation_mode);
	free(b->trusted_store_location);
	free(b->revocation_mode);
	free(b);
}

static void free_wcf_service(tl_wcf_service *s)
{
	size_t i;

	for (i = 0; i < s->endpoint_count; i++) {
		tl_wcf_endpoint *e = &s->endpoints[i];
		free(e->address);
		free(e->binding);
		free(e->binding_configuration);
		free(e->contract);
		free(e->behavior_configuration);
	}
	for (i = 0; i < s->base_address_count; i++)
		free(s->base_addresses[i].address);
	free(s->endpoints);
	free(s->base_addresses);
	free(s->path);
	free(s->name);
	free(s->behavior_configuration);
	free(s);
}

tl_iisconf_file *tl_iisconf_file_new(const char *file, tl_iisconf_kind kind, const char *path)
{
	tl_iisconf_file *f = tl_xcalloc(1, sizeof(*f));

	f->file = file;
	f->kind = kind;
	f->path = path ? tl_xstrdup(path) : NULL;
	return f;
}

void tl_iisconf_file_free(tl_iisconf_file *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->site_count; i++)
		free_site(f->sites[i]);
	for (i = 0; i < f->setting_count; i++)
		free_setting(f->settings[i]);
	for (i = 0; i < f->wcf_binding_count; i++)
		free_wcf_binding(f->wcf_bindings[i]);
	for (i = 0; i < f->wcf_behavior_count; i++)
		free_wcf_behavior(f->wcf_behaviors[i]);
	for (i = 0; i < f->wcf_service_count; i++)
		free_wcf_service(f->wcf_services[i]);
	for (i = 0; i < f->wcf_protocol_count; i++) {
		free(f->wcf_protocols[i].scheme);
		free(f->wcf_protocols[i].binding);
		free(f->wcf_protocols[i].binding_configuration);
	}
	free(f->wcf_protocols);
	free(f->sites);
	free(f->settings);
	free(f->wcf_bindings);
	free(f->wcf_behaviors);
	free(f->wcf_services);
	free(f->path);
	free(f);
}

void tl_iisconf_free(tl_iisconf *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->count; i++)
		tl_iisconf_file_free(c->files[i]);
	free(c->files);
	free(c->by_path);
	free(c->sites_by_name);
	free(c);
}

/* n bytes of key against s, ASCII case-insensitive: the one order of the
 * path and name indexes. */
static int cmp_n(const char *key, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n && s[i]; i++) {
		int a = tolower((unsigned char)key[i]), b = tolower((unsigned char)s[i]);
		if (a != b)
			return a - b;
	}
	if (i < n)
		return 1;
	return s[i] ? -1 : 0;
}

static int ref_cmp(const void *a, const void *b)
{
	const tl_iis_ref *x = a, *y = b;
	int c = cmp_n(x->st->path, strlen(x->st->path), y->st->path);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int string_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;

	return cmp_n(x, strlen(x), y);
}

/* A site's application paths, for app_between(). */
static void index_apps(tl_iis_site *s)
{
	size_t i;

	s->app_index = tl_xmalloc((s->app_count ? s->app_count : 1) * sizeof(char *));
	for (i = 0; i < s->app_count; i++)
		if (s->apps[i].path)
			s->app_index[s->app_index_count++] = tl_iisconf_path_normalize(s->apps[i].path);
	qsort(s->app_index, s->app_index_count, sizeof(char *), string_cmp);
}

static int site_cmp(const void *a, const void *b)
{
	const tl_iis_site *x = *(const tl_iis_site *const *)a, *y = *(const tl_iis_site *const *)b;
	int c = cmp_n(x->name, strlen(x->name), y->name);

	/* in input order among equal names: the earlier counts */
	if (c)
		return c;
	return x->loc.line < y->loc.line ? -1 : x->loc.line > y->loc.line;
}

/* Merge the sorted run add[0, n) into the sorted index *v of *count
 * elements; on equal keys the index's own come first (added earlier). */
static void merge(void **v, size_t *count, const void *add, size_t n, size_t size,
		  int (*cmp)(const void *, const void *))
{
	char *out, *o;
	const char *a = *v, *b = add, *ae = a ? a + *count * size : a, *be = b + n * size;

	if (n == 0)
		return;
	out = o = tl_xmalloc((*count + n) * size);

	while (a < ae || b < be) {
		if (b >= be || (a < ae && cmp(a, b) <= 0)) {
			memcpy(o, a, size);
			a += size;
		} else {
			memcpy(o, b, size);
			b += size;
		}
		o += size;
	}
	free(*v);
	*v = out;
	*count += n;
}

void tl_iisconf_add(tl_iisconf *c, tl_iisconf_file *f)
{
	tl_iis_ref *refs = tl_xmalloc((f->setting_count ? f->setting_count : 1) * sizeof(*refs));
	const tl_iis_site **sites = tl_xmalloc((f->site_count ? f->site_count : 1) * sizeof(*sites));
	size_t i, n = 0, m = 0;

	for (i = 0; i < f->setting_count; i++)
		if (f->settings[i]->path) {
			refs[n].st = f->settings[i];
			refs[n].file = c->count;
			refs[n++].index = i;
		}
	qsort(refs, n, sizeof(*refs), ref_cmp);
	merge((void **)&c->by_path, &c->by_path_count, refs, n, sizeof(*refs), ref_cmp);
	for (i = 0; f->kind == TL_IISCONF_APPHOST && i < f->site_count; i++) {
		index_apps(f->sites[i]);
		if (f->sites[i]->name)
			sites[m++] = f->sites[i];
	}
	qsort(sites, m, sizeof(*sites), site_cmp);
	merge((void **)&c->sites_by_name, &c->sites_by_name_count, sites, m, sizeof(*sites), site_cmp);
	free(refs);
	free(sites);
	tl_xgrow((void **)&c->files, &c->cap, c->count + 1, sizeof(*c->files));
	c->files[c->count++] = f;
}

/* Append a zeroed element of size to a growable array; returns it. */
static void *append(void **arr, size_t *count, size_t *cap, size_t size)
{
	char *p;

	tl_xgrow(arr, cap, *count + 1, size);
	p = (char *)*arr + *count * size;
	memset(p, 0, size);
	(*count)++;
	return p;
}

/* Append a new zeroed object of size to an array of pointers. */
static void *append_new(void ***arr, size_t *count, size_t *cap, size_t size)
{
	void *obj = tl_xcalloc(1, size);

	tl_xgrow((void **)arr, cap, *count + 1, sizeof(void *));
	(*arr)[(*count)++] = obj;
	return obj;
}

tl_iis_site *tl_iisconf_add_site(tl_iisconf_file *f, tl_loc loc)
{
	tl_iis_site *s = append_new((void ***)&f->sites, &f->site_count, &f->site_cap, sizeof(*s));

	s->file = f;
	s->loc = loc;
	return s;
}

tl_iis_binding *tl_iisconf_site_add_binding(tl_iis_site *s, tl_loc loc)
{
	tl_iis_binding *b = append((void **)&s->bindings, &s->binding_count, &s->binding_cap,
				   sizeof(*b));

	b->loc = loc;
	return b;
}

tl_iis_app *tl_iisconf_site_add_app(tl_iis_site *s, tl_loc loc)
{
	tl_iis_app *a = append((void **)&s->apps, &s->app_count, &s->app_cap, sizeof(*a));

	a->loc = loc;
	return a;
}

tl_iis_setting *tl_iisconf_add_setting(tl_iisconf_file *f, tl_iis_section section, tl_loc loc,
				       const char *path)
{
	tl_iis_setting *s = append_new((void ***)&f->settings, &f->setting_count, &f->setting_cap,
				       sizeof(*s));

	s->file = f;
	s->section = section;
	s->loc = loc;
	s->path = path ? tl_xstrdup(path) : NULL;
	s->location_loc = tl_loc_file(NULL);
	s->child_apps = true;
	return s;
}

tl_iis_mapping *tl_iisconf_setting_add_mapping(tl_iis_setting *s, tl_loc loc, bool many_to_one)
{
	tl_iis_mapping *m = append((void **)&s->mappings, &s->mapping_count, &s->mapping_cap,
				   sizeof(*m));

	m->loc = loc;
	m->many_to_one = many_to_one;
	m->enabled = -1;
	return m;
}

tl_iis_mapping_rule *tl_iisconf_mapping_add_rule(tl_iis_mapping *m, tl_loc loc)
{
	tl_iis_mapping_rule *r = append((void **)&m->rules, &m->rule_count, &m->rule_cap,
					sizeof(*r));

	r->loc = loc;
	r->case_sensitive = -1;
	return r;
}

tl_wcf_binding *tl_iisconf_add_wcf_binding(tl_iisconf_file *f, tl_loc loc, const char *path)
{
	tl_wcf_binding *b = append_new((void ***)&f->wcf_bindings, &f->wcf_binding_count,
				       &f->wcf_binding_cap, sizeof(*b));

	b->file = f;
	b->loc = loc;
	b->path = path ? tl_xstrdup(path) : NULL;
	b->security_loc = b->transport_loc = b->message_loc = b->require_loc = tl_loc_file(NULL);
	b->require_client_cert = -1;
	return b;
}

tl_wcf_behavior *tl_iisconf_add_wcf_behavior(tl_iisconf_file *f, tl_loc loc, const char *path)
{
	tl_wcf_behavior *b = append_new((void ***)&f->wcf_behaviors, &f->wcf_behavior_count,
					&f->wcf_behavior_cap, sizeof(*b));

	b->file = f;
	b->loc = loc;
	b->path = path ? tl_xstrdup(path) : NULL;
	b->auth_loc = tl_loc_file(NULL);
	return b;
}

tl_wcf_service *tl_iisconf_add_wcf_service(tl_iisconf_file *f, tl_loc loc, const char *path)
{
	tl_wcf_service *s = append_new((void ***)&f->wcf_services, &f->wcf_service_count,
				       &f->wcf_service_cap, sizeof(*s));

	s->file = f;
	s->loc = loc;
	s->path = path ? tl_xstrdup(path) : NULL;
	return s;
}

tl_wcf_endpoint *tl_iisconf_service_add_endpoint(tl_wcf_service *s, tl_loc loc)
{
	tl_wcf_endpoint *e = append((void **)&s->endpoints, &s->endpoint_count, &s->endpoint_cap,
				    sizeof(*e));

	e->loc = loc;
	return e;
}

tl_wcf_address *tl_iisconf_service_add_base_address(tl_wcf_service *s, tl_loc loc)
{
	tl_wcf_address *a = append((void **)&s->base_addresses, &s->base_address_count,
				   &s->base_address_cap, sizeof(*a));

	a->loc = loc;
	return a;
}

tl_wcf_protocol *tl_iisconf_add_wcf_protocol(tl_iisconf_file *f, tl_loc loc, tl_wcf_protocol_op op)
{
	tl_wcf_protocol *p = append((void **)&f->wcf_protocols, &f->wcf_protocol_count,
				    &f->wcf_protocol_cap, sizeof(*p));

	p->loc = loc;
	p->op = op;
	return p;
}

/* ---- paths */

char *tl_iisconf_path_normalize(const char *path)
{
	static const char root[] = "MACHINE/WEBROOT/APPHOST";
	size_t n, rn = strlen(root);

	if (tl_strncasecmp(path, root, rn) == 0 && (path[rn] == '/' || path[rn] == '\0'))
		path += rn;
	while (*path == '/')
		path++;
	n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n == 1 && path[0] == '.')
		n = 0;
	return tl_xstrndup(path, n);
}

char *tl_iisconf_path_join(const char *parent, const char *relative)
{
	char *rel = tl_iisconf_path_normalize(relative), *out;

	if (!*rel) {
		free(rel);
		return tl_xstrdup(parent);
	}
	if (!*parent)
		return rel;
	out = tl_xasprintf("%s/%s", parent, rel);
	free(rel);
	return out;
}

bool tl_iisconf_path_within(const char *path, const char *ancestor)
{
	size_t n = strlen(ancestor);

	if (n == 0)
		return true;
	return tl_strncasecmp(path, ancestor, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The number of segments: "" 0, "Site" 1, "Site/app" 2. */
static size_t path_depth(const char *path)
{
	size_t d = *path ? 1 : 0;

	for (; *path; path++)
		d += *path == '/';
	return d;
}

/* ---- what IIS makes of it */

bool tl_iisconf_has_apphost(const tl_iisconf *c)
{
	size_t i;

	for (i = 0; i < c->count; i++)
		if (c->files[i]->kind == TL_IISCONF_APPHOST)
			return true;
	return false;
}

const tl_iis_site *tl_iisconf_site_find(const tl_iisconf *c, const char *name)
{
	size_t lo = 0, hi = c->sites_by_name_count, n = strlen(name);

	/* the first of equal names */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_n(name, n, c->sites_by_name[mid]->name) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->sites_by_name_count && cmp_n(name, n, c->sites_by_name[lo]->name) == 0)
		return c->sites_by_name[lo];
	return NULL;
}

/* The settings for exactly the path of n bytes at p: by_path[*lo, *hi). */
static void settings_at(const tl_iisconf *c, const char *p, size_t n, size_t *lo, size_t *hi)
{
	size_t a = 0, b = c->by_path_count;

	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (cmp_n(p, n, c->by_path[mid].st->path) > 0)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (b = a; b < c->by_path_count && cmp_n(p, n, c->by_path[b].st->path) == 0; b++)
		;
	*hi = b;
}

/* The length of the next ancestor of path after the one of length *n
 * (start with *n = (size_t)-1: "" comes first, path itself last); false
 * past the last. */
static bool next_ancestor(const char *path, size_t *n)
{
	size_t i;

	if (*n == (size_t)-1) {
		*n = 0;
		return true;
	}
	if (!path[*n])
		return false;
	for (i = *n + (*n > 0 || path[0] == '/'); path[i] && path[i] != '/'; i++)
		;
	*n = i;
	return true;
}

/* The level of a file in the hierarchy: applicationHost.config 0, a file
 * for path P one more than P's depth; -1 when its path is not known. */
static long file_level(const tl_iisconf_file *f)
{
	if (f->kind == TL_IISCONF_APPHOST)
		return 0;
	return f->path ? (long)path_depth(f->path) + 1 : -1;
}

/* Whether an application of the site path starts in lies strictly below
 * from and holds path: inheritInChildApplications="false" stops there. */
static bool app_between(const tl_iisconf *c, const char *from, const char *path)
{
	size_t site_len = strcspn(path, "/"), from_len = strlen(from), n = (size_t)-1;
	char *site_name = tl_xstrndup(path, site_len);
	const tl_iis_site *site = site_len ? tl_iisconf_site_find(c, site_name) : NULL;
	bool found = false;

	free(site_name);
	/* each ancestor of path below from, from the site's root on: one
	 * lookup in the site's sorted application paths */
	while (site && !found && next_ancestor(path, &n)) {
		const char *rel = n > site_len ? path + site_len + 1 : "";
		size_t rel_len = n > site_len ? n - site_len - 1 : 0, lo = 0, hi = site->app_index_count;

		if (n < site_len || n <= from_len)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (cmp_n(rel, rel_len, site->app_index[mid]) > 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		found = lo < site->app_index_count && cmp_n(rel, rel_len, site->app_index[lo]) == 0;
	}
	return found;
}

/* The place of a setting in the order IIS applies them (iisconf.h):
 * path depth, file level, then input order (file, then setting). */
typedef struct rank {
	size_t depth;
	long level;
	size_t file, index;
} rank;

static bool after(const rank *a, const rank *b)
{
	if (a->depth != b->depth)
		return a->depth > b->depth;
	if (a->level != b->level)
		return a->level > b->level;
	if (a->file != b->file)
		return a->file > b->file;
	return a->index > b->index;
}

/* The place of the setting at by_path[k]. */
static rank rank_of(const tl_iisconf *c, size_t k)
{
	const tl_iis_ref *ref = &c->by_path[k];
	rank r = {path_depth(ref->st->path), file_level(ref->st->file), ref->file, ref->index};

	return r;
}

/* Order candidates for the lock by file level, then as after() does. */
static int by_level(const void *a, const void *b)
{
	const rank *x = a, *y = b;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return after(x, y) ? 1 : after(y, x) ? -1 : 0;
}

tl_iis_lock tl_iisconf_lock(const tl_iisconf *c, tl_iis_section s, const char *file_path,
			    const tl_iis_setting **by)
{
	char *fp = tl_iisconf_path_normalize(file_path);
	long own = (long)path_depth(fp) + 1;
	tl_override state = TL_OVERRIDE_INHERIT;
	const tl_iis_setting *decided = NULL;
	bool apphost = tl_iisconf_has_apphost(c);
	rank *cand = NULL;
	size_t ncand = 0, cap = 0, i, k, n = (size_t)-1, lo, hi;

	/* Microsoft, "Deep Dive into IIS Configuration": a section declared
	 * without overrideModeDefault is "Allow" */
	if (apphost) {
		state = TL_OVERRIDE_ALLOW;
		for (i = 0; i < c->count; i++)
			if (c->files[i]->kind == TL_IISCONF_APPHOST && c->files[i]->declared[s]) {
				state = c->files[i]->override_default[s];
				break;
			}
	}
	/* the locations of the levels above the file that hold its path */
	while (next_ancestor(fp, &n)) {
		settings_at(c, fp, n, &lo, &hi);
		for (k = lo; k < hi; k++) {
			const tl_iis_setting *st = c->by_path[k].st;
			rank r = rank_of(c, k);
			if (st->section != s || st->override == TL_OVERRIDE_INHERIT || r.level >= own)
				continue;
			tl_xgrow((void **)&cand, &cap, ncand + 1, sizeof(*cand));
			cand[ncand++] = r;
		}
	}
	if (ncand)
		qsort(cand, ncand, sizeof(*cand), by_level);
	/* level by level from the server down: the deepest location of a
	 * level decides it (the last of its run), and "a configuration level
	 * can never unlock what was locked by parent levels" (Deep Dive,
	 * Locking); overrideModeDefault is the server level's own, which its
	 * location tags may unlock */
	for (i = 0; i < ncand; i++) {
		const tl_iis_setting *verdict;
		if (i + 1 < ncand && cand[i + 1].level == cand[i].level)
			continue;
		if (cand[i].level > 0 && state == TL_OVERRIDE_DENY)
			break;
		verdict = c->files[cand[i].file]->settings[cand[i].index];
		state = verdict->override;
		decided = verdict;
	}
	free(cand);
	free(fp);
	if (by)
		*by = decided;
	if (state == TL_OVERRIDE_DENY)
		return TL_LOCK_LOCKED;
	return apphost ? TL_LOCK_OPEN : TL_LOCK_UNKNOWN;
}

void tl_iisconf_effective(const tl_iisconf *c, tl_iis_section s, uint32_t attr, const char *path,
			  tl_iis_effective *out)
{
	char *p = tl_iisconf_path_normalize(path);
	rank best = {0, 0, 0, 0}, worst = {0, 0, 0, 0};
	size_t k, n = (size_t)-1, lo, hi;

	memset(out, 0, sizeof(*out));
	while (next_ancestor(p, &n)) {
		settings_at(c, p, n, &lo, &hi);
		for (k = lo; k < hi; k++) {
			const tl_iis_setting *st = c->by_path[k].st;
			rank r = rank_of(c, k);
			tl_iis_lock lock = TL_LOCK_OPEN;

			if (st->section != s)
				continue;
			if (!st->child_apps && app_between(c, st->path, p))
				continue;
			if (st->file->kind != TL_IISCONF_APPHOST)
				lock = tl_iisconf_lock(c, s, st->file->path, NULL);
			if (lock == TL_LOCK_LOCKED) {
				if (!out->refused || after(&r, &worst)) {
					out->refused = st;
					worst = r;
				}
				continue;
			}
			if (!(st->set & attr))
				continue;
			if (!out->from || after(&r, &best)) {
				out->from = st;
				out->lock_unknown = lock == TL_LOCK_UNKNOWN;
				best = r;
			}
		}
	}
	free(p);
}

/* The configuration of one binding type or behavior list by name: ""
 * and an absent name are the default one ("Simplified Configuration for
 * WCF Services", learn.microsoft.com: a binding or behavior element
 * without a name applies to every service or endpoint that names none). */
static bool same_name(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

const tl_wcf_binding *tl_iisconf_wcf_binding_find(const tl_iisconf_file *f, const char *type,
						  const char *name)
{
	size_t i;

	if (!type)
		return NULL;
	for (i = 0; i < f->wcf_binding_count; i++) {
		const tl_wcf_binding *b = f->wcf_bindings[i];
		if (b->type && strcmp(b->type, type) == 0 && same_name(b->name, name))
			return b;
	}
	return NULL;
}

const tl_wcf_binding *tl_iisconf_endpoint_binding(const tl_iisconf_file *f,
						  const tl_wcf_endpoint *e)
{
	return tl_iisconf_wcf_binding_find(f, e->binding, e->binding_configuration);
}

/* learn.microsoft.com, "<protocolMapping>": a collection of add elements
 * by scheme; <clear/> and <remove> are the .NET configuration collection
 * operations (inferred for this section, as for every collection). */
const tl_wcf_protocol *tl_iisconf_protocol_mapping(const tl_iisconf_file *f, const char *scheme)
{
	const tl_wcf_protocol *found = NULL;
	size_t i;

	for (i = 0; i < f->wcf_protocol_count; i++) {
		const tl_wcf_protocol *p = &f->wcf_protocols[i];

		if (p->op == TL_WCF_PROTOCOL_CLEAR)
			found = NULL;
		else if (p->scheme && tl_strcasecmp(p->scheme, scheme) == 0)
			found = p->op == TL_WCF_PROTOCOL_ADD ? p : NULL;
	}
	return found;
}

const tl_wcf_behavior *tl_iisconf_service_behavior(const tl_iisconf_file *f,
						   const tl_wcf_service *s)
{
	size_t i;

	for (i = 0; i < f->wcf_behavior_count; i++)
		if (same_name(f->wcf_behaviors[i]->name, s->behavior_configuration))
			return f->wcf_behaviors[i];
	return NULL;
}
