/* fields_mapping.c: the mapping scope: IIS client certificate mappings
 * (model/iisconf, FORMATS.md 6), each one-to-one and many-to-one entry of
 * every iisClientCertificateMappingAuthentication occurrence and each rule
 * of a many-to-one entry, with what the export says of the certificates
 * they name: a one-to-one certificate's validity and whether it chains, by
 * signature, to a root the machine trusts; whether an issuer a many-to-one
 * rule names is a CA of the export.
 *
 * Why the chain matters (learn.microsoft.com, IIS configuration reference,
 * "One-to-One Mappings <add>"): IIS maps a client that presents exactly the
 * mapped certificate, but only after Schannel has validated that
 * certificate; with machine trust (ClientAuthTrustMode 0, FORMATS.md 5) it
 * must chain to a root of the machine's Root store and be within its
 * validity period, or IIS answers 403.16 / 403.17 before any mapping is
 * tried (KB 2802568, FORMATS.md 5). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules/view_impl.h"
#include "windows/distrust.h"

/* How many certificates above the mapped one the chain walk follows. A
 * real chain is 2 or 3 deep; a walk that goes further is a loop of
 * cross-certificates, and the answer is "cannot tell". */
#define CHAIN_MAX 8

enum {
	M_KIND, M_PATH, M_SOURCE, M_NAME, M_USER_NAME, M_ENABLED, M_PERMISSION_MODE, M_RULE_COUNT,
	M_RULE_FIELD, M_RULE_SUB_FIELD, M_RULE_CRITERIA, M_RULE_CASE_SENSITIVE,
	M_MATCHES_EXPORT_ISSUER, M_CERT_SHA1, M_CERT_PARSED, M_CERT_ERROR, M_CERT_SUBJECT,
	M_CERT_ISSUER, M_CERT_NOT_BEFORE, M_CERT_NOT_AFTER, M_CERT_EXPIRED, M_CERT_NOT_YET_VALID,
	M_CERT_IN_EXPORT, M_ISSUER_FOUND, M_ISSUER_TRUSTED, M_CHAIN_ROOT, M_CHAIN_MISSING_ISSUER,
};

static const tl_field_doc mapping_fields[] = {
	[M_KIND] = {"kind", TL_T_STRING, 0, "one-to-one (an oneToOneMappings entry), many-to-one (a manyToOneMappings entry) or rule (one rule of a many-to-one entry)", "IIS configuration"},
	[M_PATH] = {"path", TL_T_STRING, 0, "the configuration path the section occurrence applies to: \"\" for the server, \"Site\" or \"Site/app\"; null when the file was given without SITE/PATH=", "IIS configuration, <location path>, SITE/PATH= argument"},
	[M_SOURCE] = {"source", TL_T_STRING, 0, "the configuration file it was read from", "input"},
	[M_NAME] = {"name", TL_T_STRING, 0, "a many-to-one entry's name (a rule: its entry's); null for one-to-one", "manyToOneMappings/add@name"},
	[M_USER_NAME] = {"user_name", TL_T_STRING, 0, "the account a matching client is mapped to (a rule: its entry's); null when absent", "add@userName"},
	[M_ENABLED] = {"enabled", TL_T_BOOL, 0, "IIS uses the mapping for its path: the entry's enabled (default true), and, in effect for the path, the section's enabled (default false) and oneToOneCertificateMappingsEnabled or manyToOneCertificateMappingsEnabled (default true); null when no applicationHost.config was read and no input sets one of them for the path, or the path is not known and the occurrence does not set them", "IIS configuration, inheritance"},
	[M_PERMISSION_MODE] = {"permission_mode", TL_T_STRING, 0, "a many-to-one entry's permissionMode as written (Allow, Deny); null when absent or one-to-one", "manyToOneMappings/add@permissionMode"},
	[M_RULE_COUNT] = {"rule_count", TL_T_INT, 0, "the rules of a many-to-one entry; null for the others", "manyToOneMappings/add/rules"},
	[M_RULE_FIELD] = {"rule_field", TL_T_STRING, 0, "a rule's certificateField as written (Subject, Issuer); null for the others or when absent", "rules/add@certificateField"},
	[M_RULE_SUB_FIELD] = {"rule_sub_field", TL_T_STRING, 0, "a rule's certificateSubField as written (CN, O, OU, L, S, C); null for the others or when absent", "rules/add@certificateSubField"},
	[M_RULE_CRITERIA] = {"rule_criteria", TL_T_STRING, 0, "a rule's matchCriteria as written ('*' a wildcard); null for the others or when absent", "rules/add@matchCriteria"},
	[M_RULE_CASE_SENSITIVE] = {"rule_case_sensitive", TL_T_BOOL, 0, "a rule's compareCaseSensitive in effect (default true); null for the others", "rules/add@compareCaseSensitive"},
	[M_MATCHES_EXPORT_ISSUER] = {"matches_export_issuer", TL_T_BOOL, 0, "a rule on the Issuer field with sub-field CN, O, OU, L, S or C: some CA certificate of the export (basicConstraints cA, or no basicConstraints) has a subject attribute of that type that matchCriteria matches ('*' any text, case as rule_case_sensitive, ASCII case folding); null for other rules and objects, or when no machine Root store was exported", "rules/add, all inputs"},
	[M_CERT_SHA1] = {"cert_sha1", TL_T_STRING, 0, "SHA-1 of a one-to-one entry's certificate bytes, upper-case hex; null when the attribute is absent or not base64", "oneToOneMappings/add@certificate"},
	[M_CERT_PARSED] = {"cert_parsed", TL_T_BOOL, 0, "the certificate bytes are an X.509 certificate; null without bytes", "oneToOneMappings/add@certificate"},
	[M_CERT_ERROR] = {"cert_error", TL_T_STRING, 0, "why the bytes are not a certificate; null when they are or there are none", "oneToOneMappings/add@certificate"},
	[M_CERT_SUBJECT] = {"cert_subject", TL_T_STRING, 0, "the certificate's subject, RFC 4514; null unless it parsed", "oneToOneMappings/add@certificate"},
	[M_CERT_ISSUER] = {"cert_issuer", TL_T_STRING, 0, "the certificate's issuer, RFC 4514; null unless it parsed", "oneToOneMappings/add@certificate"},
	[M_CERT_NOT_BEFORE] = {"cert_not_before", TL_T_TIME, 0, "start of the certificate's validity; null unless it parsed", "oneToOneMappings/add@certificate"},
	[M_CERT_NOT_AFTER] = {"cert_not_after", TL_T_TIME, 0, "end of the certificate's validity; null unless it parsed", "oneToOneMappings/add@certificate"},
	[M_CERT_EXPIRED] = {"cert_expired", TL_T_BOOL, 0, "cert_not_after is before --now; null unless it parsed", "oneToOneMappings/add@certificate, --now"},
	[M_CERT_NOT_YET_VALID] = {"cert_not_yet_valid", TL_T_BOOL, 0, "cert_not_before is after --now; null unless it parsed", "oneToOneMappings/add@certificate, --now"},
	[M_CERT_IN_EXPORT] = {"cert_in_export", TL_T_BOOL, 0, "the same certificate (by SHA-1) is in some store of the export; null unless it parsed", "oneToOneMappings/add@certificate, all inputs"},
	[M_ISSUER_FOUND] = {"issuer_found", TL_T_BOOL, 0, "a certificate of the export (any store) with the issuer's name verifies the mapped certificate's signature; null unless it parsed, or when that signature cannot be verified", "oneToOneMappings/add@certificate, all inputs, signatures checked"},
	[M_ISSUER_TRUSTED] = {"issuer_trusted", TL_T_BOOL, 0, "the chain from the mapped certificate, each issuer found by signature among the export's certificates, ends at a self-signed certificate (the mapped one itself when it is self-signed): true when the machine's logical Root holds it and Windows does not distrust it, false when it does not; null when no machine Root store was exported, the certificate did not parse, the walk stops at an issuer in no store (see chain_missing_issuer), a signature cannot be verified, or the walk goes over 8 certificates", "oneToOneMappings/add@certificate, all inputs, signatures checked"},
	[M_CHAIN_ROOT] = {"chain_root", TL_T_STRING, 0, "subject of the self-signed certificate the chain ends at; null when it does not end at one in the export", "oneToOneMappings/add@certificate, all inputs"},
	[M_CHAIN_MISSING_ISSUER] = {"chain_missing_issuer", TL_T_STRING, 0, "the issuer name, RFC 4514, at which the chain walk found no certificate of the export; null when the chain ends otherwise or no machine Root store was exported", "oneToOneMappings/add@certificate, all inputs"},
};

/* ---- the chain over the export's certificates */

/* Walk from the mapped certificate up through the export's certificates.
 * A self-issued certificate whose own signature does not verify is not a
 * root (RFC 5280 self-signed): the walk looks for its issuer like any
 * other's. */
static void walk_chain(const tl_view *v, tl_view_mapping *m)
{
	const tl_cert *cur = &m->cert;
	size_t depth;
	const uint8_t *seen[CHAIN_MAX + 1];

	m->issuer_found = m->issuer_trusted = -1;
	for (depth = 0; depth <= CHAIN_MAX; depth++) {
		tl_issuer_answer answer;
		const tl_entry *up;
		size_t i;

		if (cur->self_issued && cur->self_signed == TL_SIG_YES) {
			/* a root: for the mapped certificate itself, whether the
			 * export holds it is the only issuer question */
			if (depth == 0) {
				tl_index_holders(v->index, cur->sha1, &i);
				m->issuer_found = i > 0;
			}
			m->chain_root = cur->subject;
			if (v->machine_root)
				m->issuer_trusted =
					tl_win_root_trusts(v->machine_root, v->index, cur->sha1, v->now);
			return;
		}
		if (cur->self_issued && cur->self_signed == TL_SIG_UNVERIFIABLE)
			return;
		/* by signature, not by name (model/index) */
		up = tl_index_issuer_of(v->index, cur, &answer);
		if (depth == 0 && answer != TL_ISSUER_UNKNOWN)
			m->issuer_found = answer == TL_ISSUER_FOUND;
		if (answer == TL_ISSUER_MISSING && v->machine_root)
			m->missing_issuer = cur->issuer;
		if (!up)
			return;
		seen[depth] = cur->sha1;
		for (i = 0; i <= depth; i++)
			if (memcmp(seen[i], up->cert.sha1, 20) == 0)
				return;
		cur = &up->cert;
	}
}

/* ---- many-to-one rules against the export's CA certificates */

/* IIS's certificateSubField names (learn.microsoft.com, "Adding
 * Many-To-One Mappings Rules <add>": CN, OU, O, L, S, C) as the RFC 4514
 * short names tl_dn_text writes. */
static const char *rfc4514_type(const char *sub_field)
{
	static const struct {
		const char *iis, *rfc;
	} names[] = {{"CN", "CN"}, {"OU", "OU"}, {"O", "O"}, {"L", "L"}, {"S", "ST"}, {"C", "C"}};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(names); i++)
		if (tl_strcasecmp(sub_field, names[i].iis) == 0)
			return names[i].rfc;
	return NULL;
}

static bool same_char(char a, char b, bool case_sensitive)
{
	if (case_sensitive)
		return a == b;
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* matchCriteria against a value, '*' matching any text (the documentation
 * calls many-to-one rules wildcard matching; that '*' is the only wildcard
 * is inferred). Iterative, with one backtrack point: linear in practice. */
static bool wildcard_match(const char *pat, const char *s, bool case_sensitive)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*pat == '*') {
			star = pat++;
			resume = s;
		} else if (*pat && same_char(*pat, *s, case_sensitive)) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

/* Whether an attribute of RFC 4514 type `type` in the RFC 4514 text dn
 * matches. Values are unescaped (tl_dn_text escapes with '\' before the
 * character, "\00" for NUL); a '#'-hex value is not a string and matches
 * nothing. */
static bool dn_attribute_matches(const char *dn, const char *type, const char *criteria,
				 bool case_sensitive)
{
	const char *p = dn;
	size_t tlen = strlen(type);
	tl_buf value = {0};
	bool found = false;

	while (*p && !found) {
		const char *eq = strchr(p, '=');
		bool want, has_nul = false;

		if (!eq)
			break;
		want = (size_t)(eq - p) == tlen && strncmp(p, type, tlen) == 0 && eq[1] != '#';
		value.len = 0;
		for (p = eq + 1; *p && *p != ',' && *p != '+'; p++) {
			if (*p == '\\' && p[1] == '0' && p[2] == '0') {
				has_nul = true;
				p += 2;
				continue;
			}
			if (*p == '\\' && p[1])
				p++;
			tl_buf_addc(&value, *p);
		}
		if (want && !has_nul)
			found = wildcard_match(criteria, value.len ? value.data : "", case_sensitive);
		if (*p)
			p++;
	}
	tl_buf_free(&value);
	return found;
}

static int rule_case_sensitive(const tl_iis_mapping_rule *r)
{
	return r->case_sensitive != 0;
}

/* matches_export_issuer (the field's documentation says what counts). */
static void matches_export_issuer(const tl_view *v, const tl_view_mapping *m, tl_value *o)
{
	const tl_iis_mapping_rule *r = m->rule;
	const char *type;
	size_t i;

	if (!r || !v->machine_root || !r->field || !r->sub_field || !r->criteria ||
	    tl_strcasecmp(r->field, "Issuer") != 0)
		return;
	type = rfc4514_type(r->sub_field);
	if (!type)
		return;
	for (i = 0; i < v->cert_count; i++) {
		const tl_entry *e = v->certs[i].entry;

		if (e->parsed && (e->cert.is_ca || !e->cert.bc_present) &&
		    dn_attribute_matches(e->cert.subject, type, r->criteria, rule_case_sensitive(r))) {
			set_bool(o, true);
			return;
		}
	}
	set_bool(o, false);
}

/* ---- whether IIS uses the mapping */

static bool setting_value(const tl_iis_setting *st, uint32_t attr)
{
	return attr == TL_ATTR_ENABLED ? st->enabled
	       : attr == TL_ATTR_ONE_TO_ONE_ENABLED ? st->one_to_one_enabled
						     : st->many_to_one_enabled;
}

/* One attribute of the section in effect for the occurrence's path
 * (tl_iisconf_effective: inheritance, locations, web.config files), with
 * IIS's schema default when no input sets it and an applicationHost.config
 * was read to say so (learn.microsoft.com, "IIS Client Certificate Mapping
 * Authentication": enabled false, oneToOne/manyToOneCertificateMappingsEnabled
 * true). -1 when the export cannot tell. */
static int section_attribute(const tl_iisconf *c, const tl_iis_setting *st, uint32_t attr,
			     bool schema_default)
{
	tl_iis_effective eff;

	if (!st->path)
		return st->set & attr ? setting_value(st, attr) : -1;
	tl_iisconf_effective(c, TL_SECTION_IIS_MAPPING, attr, st->path, &eff);
	if (eff.from)
		return setting_value(eff.from, attr);
	return tl_iisconf_has_apphost(c) ? schema_default : -1;
}

/* false when any part is off, else unknown when any part is, else true. */
static int enabled_in_effect(const tl_iisconf *c, const tl_iis_setting *st, const tl_iis_mapping *m)
{
	int parts[3], i, result = 1;

	parts[0] = m->enabled < 0 ? 1 : m->enabled; /* the entry's: default true */
	parts[1] = section_attribute(c, st, TL_ATTR_ENABLED, false);
	parts[2] = section_attribute(c, st, m->many_to_one ? TL_ATTR_MANY_TO_ONE_ENABLED
							   : TL_ATTR_ONE_TO_ONE_ENABLED, true);
	for (i = 0; i < 3; i++) {
		if (parts[i] == 0)
			return 0;
		if (parts[i] < 0)
			result = -1;
	}
	return result;
}

/* ---- the objects */

static tl_view_mapping *add_object(tl_view *v, size_t *cap, const tl_iis_setting *st,
				   const tl_iis_mapping *m, size_t number, int enabled)
{
	tl_view_mapping *o;

	tl_xgrow((void **)&v->mappings, cap, v->mapping_count + 1, sizeof(*v->mappings));
	o = &v->mappings[v->mapping_count++];
	memset(o, 0, sizeof(*o));
	o->setting = st;
	o->mapping = m;
	o->number = number;
	o->enabled = enabled;
	o->issuer_found = o->issuer_trusted = -1;
	return o;
}

void tl_view_mappings_build(tl_view *v)
{
	const tl_iisconf *c = v->in->conf;
	size_t cap = 0, f, s, i, k;

	if (!c)
		return;
	for (f = 0; f < c->count; f++)
		for (s = 0; s < c->files[f]->setting_count; s++) {
			const tl_iis_setting *st = c->files[f]->settings[s];

			if (st->section != TL_SECTION_IIS_MAPPING)
				continue;
			for (i = 0; i < st->mapping_count; i++) {
				const tl_iis_mapping *m = &st->mappings[i];
				int enabled = enabled_in_effect(c, st, m);
				tl_view_mapping *o = add_object(v, &cap, st, m, i + 1, enabled);

				if (!m->many_to_one && m->has_cert) {
					o->parsed = tl_cert_parse(m->cert_der, m->cert_len, &o->cert,
								  &o->parse_error) == 0;
					if (o->parsed)
						walk_chain(v, o);
				}
				for (k = 0; k < m->rule_count; k++) {
					tl_view_mapping *r = add_object(v, &cap, st, m, i + 1, enabled);
					r->rule = &m->rules[k];
					r->rule_number = k + 1;
				}
			}
		}
}

void tl_view_mappings_free(tl_view *v)
{
	size_t i;

	for (i = 0; i < v->mapping_count; i++) {
		if (v->mappings[i].parsed)
			tl_cert_free(&v->mappings[i].cert);
		free(v->mappings[i].parse_error);
	}
	free(v->mappings);
}

/* ---- the fields */

static const char *kind_name(const tl_view_mapping *m)
{
	if (m->rule)
		return "rule";
	return m->mapping->many_to_one ? "many-to-one" : "one-to-one";
}

/* The facts of a one-to-one entry's certificate; o stays null otherwise. */
static void cert_field(const tl_view *v, const tl_view_mapping *m, int id, tl_value *o,
		       tl_arena *a)
{
	const tl_cert *x = &m->cert;
	size_t n;

	if (m->rule || m->mapping->many_to_one || !m->mapping->has_cert)
		return;
	switch (id) {
	case M_CERT_SHA1:
		set_hex(o, m->mapping->cert_sha1, 20, true, a);
		return;
	case M_CERT_PARSED:
		set_bool(o, m->parsed);
		return;
	case M_CERT_ERROR:
		set_str(o, m->parse_error);
		return;
	case M_ISSUER_FOUND:
		set_tristate(o, m->issuer_found);
		return;
	case M_ISSUER_TRUSTED:
		set_tristate(o, m->issuer_trusted);
		return;
	case M_CHAIN_ROOT:
		set_str(o, m->chain_root);
		return;
	case M_CHAIN_MISSING_ISSUER:
		set_str(o, m->missing_issuer);
		return;
	default:
		break;
	}
	if (!m->parsed)
		return;
	switch (id) {
	case M_CERT_SUBJECT:
		set_str(o, x->subject);
		return;
	case M_CERT_ISSUER:
		set_str(o, x->issuer);
		return;
	case M_CERT_NOT_BEFORE:
		set_int(o, TL_T_TIME, x->not_before);
		return;
	case M_CERT_NOT_AFTER:
		set_int(o, TL_T_TIME, x->not_after);
		return;
	case M_CERT_EXPIRED:
		set_bool(o, x->not_after < v->now);
		return;
	case M_CERT_NOT_YET_VALID:
		set_bool(o, x->not_before > v->now);
		return;
	case M_CERT_IN_EXPORT:
		tl_index_holders(v->index, x->sha1, &n);
		set_bool(o, n > 0);
		return;
	default:
		return;
	}
}

static void mapping_field(tl_view *v, const tl_view_mapping *m, int id, tl_value *o, tl_arena *a)
{
	const tl_iis_mapping *mp = m->mapping;
	const tl_iis_mapping_rule *r = m->rule;

	set_null(o);
	switch (id) {
	case M_KIND:
		set_str(o, kind_name(m));
		return;
	case M_PATH:
		set_str(o, m->setting->path);
		return;
	case M_SOURCE:
		set_str(o, m->setting->file->file);
		return;
	case M_NAME:
		set_str(o, mp->name);
		return;
	case M_USER_NAME:
		set_str(o, mp->user_name);
		return;
	case M_ENABLED:
		set_tristate(o, m->enabled);
		return;
	case M_PERMISSION_MODE:
		set_str(o, mp->permission_mode);
		return;
	case M_RULE_COUNT:
		if (mp->many_to_one && !r)
			set_int(o, TL_T_INT, (int64_t)mp->rule_count);
		return;
	case M_RULE_FIELD:
		set_str(o, r ? r->field : NULL);
		return;
	case M_RULE_SUB_FIELD:
		set_str(o, r ? r->sub_field : NULL);
		return;
	case M_RULE_CRITERIA:
		set_str(o, r ? r->criteria : NULL);
		return;
	case M_RULE_CASE_SENSITIVE:
		if (r)
			set_bool(o, rule_case_sensitive(r));
		return;
	case M_MATCHES_EXPORT_ISSUER:
		matches_export_issuer(v, m, o);
		return;
	default:
		cert_field(v, m, id, o, a);
		return;
	}
}

static void get(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a)
{
	mapping_field(v, obj, id, out, a);
}

const tl_scope_def tl_mapping_scope = {"mapping", mapping_fields, TL_ARRAY_LEN(mapping_fields),
				       get};
