/* store.c: see store.h. */
#include "config.h"

#include "model/store.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "model/ctldata.h"
#include "base/der.h"
#include "base/pool.h"
#include "base/util.h"

const char *tl_entry_kind_name(tl_entry_kind k)
{
	switch (k) {
	case TL_ENTRY_CERT:
		return "certificate";
	case TL_ENTRY_CRL:
		return "crl";
	case TL_ENTRY_CTL:
		return "ctl";
	}
	return "certificate";
}

static const char *const location_names[TL_LOCATION_COUNT] = {
	"LocalMachine",
	"CurrentUser",
	"LocalMachineGroupPolicy",
	"LocalMachineEnterprise",
	"CurrentUserGroupPolicy",
};

const char *tl_location_name(tl_location l)
{
	return (unsigned)l < TL_LOCATION_COUNT ? location_names[l] : "LocalMachine";
}

int tl_location_parse(const char *s, size_t len)
{
	int i;

	for (i = 0; i < TL_LOCATION_COUNT; i++)
		if (strlen(location_names[i]) == len && tl_strncasecmp(s, location_names[i], len) == 0)
			return i;
	return -1;
}

/* Every physical store name Windows (or a Windows role) creates, in the
 * spelling Windows tools show. CryptoAPI compares store names without case
 * (CompareStringW with NORM_IGNORECASE), and machines differ in the case of
 * the registry key itself (MY, ROOT, trust), so names are matched without
 * case and shown as spelled here. Sources:
 * - My, Root, Trust, CA, UserDS: learn.microsoft.com, "System Store
 *   Locations" (win32/seccrypto/system-store-locations);
 * - AuthRoot, Disallowed, TrustedPublisher, TrustedPeople, AddressBook:
 *   the .NET StoreName enumeration (System.Security.Cryptography.X509Certificates);
 * - ClientAuthIssuer, SmartCardRoot, REQUEST, ACRS, FlightRoot,
 *   TestSignRoot, TrustedAppRoot, TrustedDevices, Remote Desktop, Windows
 *   Live ID Token Issuer, eSIM Certification Authorities,
 *   WindowsServerUpdateServices, Local NonRemovable Certificates,
 *   Homegroup Machine Certificates, AAD Token Issuer, MSIEHistoryJournal,
 *   PasspointTrustedRoots, WebHosting: `certutil -enumstore`,
 *   `Get-ChildItem Cert:\LocalMachine` and mimikatz `crypto::stores` output
 *   of real Windows 10/11 and Server machines (public repositories);
 * - OemEsim: learn.microsoft.com, RootCATrustedCertificates CSP;
 * - WSUS: the WSUS signing certificate store (WSUS servers);
 * - Shielded VM Local Certificates, TrustedTPM_RootCA,
 *   TrustedTPM_IntermediateCA: learn.microsoft.com, guarded fabric (Hyper-V
 *   hosts and HGS servers);
 * - NTAuth: the enterprise store `certutil -enterprise -store NTAuth`;
 * - EFS, FVE, FVE_NKP: group policy stores ([MS-GPEF]; BitLocker recovery
 *   agent and Network Unlock);
 * - SMS: Configuration Manager clients;
 * - Windows Web Management: seen in store listings of Windows 10 (Device
 *   Portal); inferred, tests/check_store.c and tests/safety.test name the assumption. */
static const char *const canonical_stores[] = {
	"Root", "AuthRoot", "CA", "My", "Disallowed", "TrustedPeople", "TrustedPublisher",
	"ClientAuthIssuer", "Trust", "SmartCardRoot", "TrustedDevices", "WebHosting",
	"Remote Desktop", "REQUEST", "UserDS", "AddressBook", "ACRS", "FlightRoot",
	"TestSignRoot", "TrustedAppRoot", "Homegroup Machine Certificates",
	"eSIM Certification Authorities", "OemEsim", "Windows Live ID Token Issuer",
	"AAD Token Issuer", "MSIEHistoryJournal", "PasspointTrustedRoots",
	"WindowsServerUpdateServices", "WSUS", "Local NonRemovable Certificates",
	"Shielded VM Local Certificates", "TrustedTPM_RootCA", "TrustedTPM_IntermediateCA",
	"NTAuth", "EFS", "FVE", "FVE_NKP", "SMS", "Windows Web Management",
};

const char *tl_store_canonical_name(const char *name)
{
	const char *known = tl_store_known(name);

	return known ? known : name;
}

const char *tl_store_known(const char *name)
{
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(canonical_stores); i++)
		if (tl_strcasecmp(name, canonical_stores[i]) == 0)
			return canonical_stores[i];
	return NULL;
}

const char *tl_store_name_at(size_t i)
{
	return i < TL_ARRAY_LEN(canonical_stores) ? canonical_stores[i] : NULL;
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Optimal string alignment distance without case, capped: names longer
 * than 64 bytes are never suggested for. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[65][65];

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t cost = fold((unsigned char)a[i - 1]) != fold((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && fold((unsigned char)a[i - 1]) == fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) == fold((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

const char *tl_store_suggest(const char *name)
{
	const char *best = NULL;
	size_t i, best_d = (size_t)-1, len = strlen(name);
	/* one edit for short names, two from six letters on: "Rot" -> Root,
	 * "Rooot" -> Root, "Disalowed" -> Disallowed, but "My" suggests
	 * nothing for "Mx"-like custom names only one letter long */
	size_t max = len < 3 ? 0 : len < 6 ? 1 : 2;

	for (i = 0; i < TL_ARRAY_LEN(canonical_stores); i++) {
		size_t d = edit_distance(name, canonical_stores[i]);
		if (d <= max && d < best_d) {
			best = canonical_stores[i];
			best_d = d;
		}
	}
	return best;
}

tl_model *tl_model_new(void)
{
	tl_model *m = tl_xcalloc(1, sizeof(tl_model));

	m->budget = SIZE_MAX;
	return m;
}

static void store_free(tl_store *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		tl_entry_free(s->entries[i]);
	free(s->entries);
	free(s->name);
	free(s);
}

void tl_model_free(tl_model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->count; i++)
		store_free(m->stores[i]);
	free(m->stores);
	for (i = 0; i < m->list_count; i++) {
		tl_entry_free(m->lists[i].entry);
		free(m->lists[i].source);
	}
	free(m->lists);
	free(m);
}

tl_trust_list *tl_model_add_list(tl_model *m, tl_entry *e, const char *source)
{
	tl_trust_list *l;

	tl_xgrow((void **)&m->lists, &m->list_cap, m->list_count + 1, sizeof(*m->lists));
	l = &m->lists[m->list_count++];
	memset(l, 0, sizeof(*l));
	l->entry = e;
	l->source = tl_xstrdup(source);
	return l;
}

const tl_store *tl_model_find(const tl_model *m, tl_location loc, const char *name)
{
	size_t i;

	for (i = 0; i < m->count; i++)
		if (m->stores[i]->location == loc && tl_strcasecmp(m->stores[i]->name, name) == 0)
			return m->stores[i];
	return NULL;
}

tl_store *tl_model_store(tl_model *m, tl_location loc, const char *name)
{
	tl_store *s = (tl_store *)tl_model_find(m, loc, name);

	if (s)
		return s;
	s = tl_xcalloc(1, sizeof(*s));
	s->location = loc;
	s->name = tl_xstrdup(tl_store_canonical_name(name));
	s->model = m;
	tl_xgrow((void **)&m->stores, &m->cap, m->count + 1, sizeof(tl_store *));
	m->stores[m->count++] = s;
	return s;
}

const tl_rare_props tl_no_rare_props;

tl_rare_props *tl_entry_rare_mut(tl_entry *e)
{
	if (!e->rare)
		e->rare = tl_xcalloc(1, sizeof(*e->rare));
	return e->rare;
}

static tl_entry *entry_alloc(tl_entry_kind kind)
{
	tl_entry *e = tl_xcalloc(1, sizeof(*e));

	e->kind = kind;
	return e;
}

tl_entry *tl_entry_new(tl_entry_kind kind, const uint8_t *der, size_t len)
{
	tl_entry *e = entry_alloc(kind);

	e->der = tl_xmemdup(der, len);
	e->der_len = len;
	e->der_owned = true;
	return e;
}

tl_entry *tl_entry_new_borrowed(tl_entry_kind kind, const uint8_t *der, size_t len)
{
	tl_entry *e = entry_alloc(kind);

	e->der = der;
	e->der_len = len;
	return e;
}

void tl_entry_free(tl_entry *e)
{
	size_t i;

	if (!e)
		return;
	if (e->der_owned)
		free((void *)e->der);
	for (i = 0; i < e->prop_count && !e->props_borrowed; i++)
		free((void *)e->props[i].data);
	free(e->props);
	if (e->parsed)
		tl_cert_free(&e->cert);
	free(e->friendly_name);
	if (e->rare) {
		tl_rare_props *r = e->rare;

		free(r->description);
		tl_strv_free(r->store_eku, r->store_eku_count);
		tl_strv_free(r->disallowed_eku.oids, r->disallowed_eku.count);
		tl_strv_free(r->not_before_eku.oids, r->not_before_eku.count);
		free(r->key_prov.container);
		free(r->key_prov.provider);
		free(r->blob_subkey);
		free(r);
	}
	tl_ctl_free(e->ctl);
	free(e);
}

void tl_entry_add_prop(tl_entry *e, uint32_t id, const uint8_t *data, uint32_t len,
		       uint64_t offset)
{
	tl_prop *p;

	/* entries are many and properties few, so no capacity field: the
	 * array holds the next power of two at or above prop_count, grown
	 * geometrically when the count reaches one (a hostile element with a
	 * million properties is linear, not quadratic); once cut to its
	 * count, one more at a time */
	if (e->props_exact)
		e->props = tl_xrealloc(e->props, (e->prop_count + 1) * sizeof(tl_prop));
	else if ((e->prop_count & (e->prop_count - 1)) == 0)
		e->props = tl_xrealloc(e->props, (e->prop_count ? 2 * e->prop_count : 1) * sizeof(tl_prop));
	p = &e->props[e->prop_count++];
	p->id = id;
	p->len = len;
	if (len == 0)
		p->data = NULL;
	else
		p->data = e->props_borrowed ? data : tl_xmemdup(data, len);
	p->offset = offset;
}

void tl_entry_props_done(tl_entry *e)
{
	if (e->prop_count && (e->prop_count & (e->prop_count - 1)) != 0)
		e->props = tl_xrealloc(e->props, e->prop_count * sizeof(tl_prop));
	e->props_exact = true;
}

bool tl_store_add(tl_store *s, tl_entry *e)
{
	tl_model *m = s->model;

	if (m && m->budget == 0) {
		m->dropped++;
		tl_entry_free(e);
		return false;
	}
	if (m && m->budget != SIZE_MAX)
		m->budget--;
	if (m)
		m->entries++;
	tl_xgrow((void **)&s->entries, &s->cap, s->count + 1, sizeof(tl_entry *));
	s->entries[s->count++] = e;
	return true;
}

const tl_prop *tl_entry_prop(const tl_entry *e, uint32_t id)
{
	size_t i;

	for (i = 0; i < e->prop_count; i++)
		if (e->props[i].id == id)
			return &e->props[i];
	return NULL;
}

/* Property ids 1..128 (mingw-w64 wincrypt.h, CERT_*_PROP_ID). */
static const char *const prop_names[] = {
	[1] = "KEY_PROV_HANDLE", [2] = "KEY_PROV_INFO", [3] = "SHA1_HASH",
	[4] = "MD5_HASH", [5] = "KEY_CONTEXT", [6] = "KEY_SPEC",
	[7] = "IE30_RESERVED", [8] = "PUBKEY_HASH_RESERVED", [9] = "ENHKEY_USAGE",
	[10] = "NEXT_UPDATE_LOCATION", [11] = "FRIENDLY_NAME", [12] = "PVK_FILE",
	[13] = "DESCRIPTION", [14] = "ACCESS_STATE", [15] = "SIGNATURE_HASH",
	[16] = "SMART_CARD_DATA", [17] = "EFS", [18] = "FORTEZZA_DATA",
	[19] = "ARCHIVED", [20] = "KEY_IDENTIFIER", [21] = "AUTO_ENROLL",
	[22] = "PUBKEY_ALG_PARA", [23] = "CROSS_CERT_DIST_POINTS",
	[24] = "ISSUER_PUBLIC_KEY_MD5_HASH", [25] = "SUBJECT_PUBLIC_KEY_MD5_HASH",
	[26] = "ENROLLMENT", [27] = "DATE_STAMP", [28] = "ISSUER_SERIAL_NUMBER_MD5_HASH",
	[29] = "SUBJECT_NAME_MD5_HASH", [30] = "EXTENDED_ERROR_INFO",
	[64] = "RENEWAL", [65] = "ARCHIVED_KEY_HASH", [66] = "AUTO_ENROLL_RETRY",
	[67] = "AIA_URL_RETRIEVED", [68] = "AUTHORITY_INFO_ACCESS", [69] = "BACKED_UP",
	[70] = "OCSP_RESPONSE", [71] = "REQUEST_ORIGINATOR", [72] = "SOURCE_LOCATION",
	[73] = "SOURCE_URL", [74] = "NEW_KEY", [75] = "OCSP_CACHE_PREFIX",
	[76] = "SMART_CARD_ROOT_INFO", [77] = "NO_AUTO_EXPIRE_CHECK",
	[78] = "NCRYPT_KEY_HANDLE", [79] = "HCRYPTPROV_OR_NCRYPT_KEY_HANDLE",
	[80] = "SUBJECT_INFO_ACCESS", [81] = "CA_OCSP_AUTHORITY_INFO_ACCESS",
	[82] = "CA_DISABLE_CRL", [83] = "ROOT_PROGRAM_CERT_POLICIES",
	[84] = "ROOT_PROGRAM_NAME_CONSTRAINTS", [85] = "SUBJECT_OCSP_AUTHORITY_INFO_ACCESS",
	[86] = "SUBJECT_DISABLE_CRL", [87] = "CEP", [89] = "SIGN_HASH_CNG_ALG",
	[90] = "SCARD_PIN_ID", [91] = "SCARD_PIN_INFO", [92] = "SUBJECT_PUB_KEY_BIT_LENGTH",
	[93] = "PUB_KEY_CNG_ALG_BIT_LENGTH", [94] = "ISSUER_PUB_KEY_BIT_LENGTH",
	[95] = "ISSUER_CHAIN_SIGN_HASH_CNG_ALG", [96] = "ISSUER_CHAIN_PUB_KEY_CNG_ALG_BIT_LENGTH",
	[97] = "NO_EXPIRE_NOTIFICATION", [98] = "AUTH_ROOT_SHA256_HASH",
	[99] = "NCRYPT_KEY_HANDLE_TRANSFER", [100] = "HCRYPTPROV_TRANSFER",
	[101] = "SMART_CARD_READER", [102] = "SEND_AS_TRUSTED_ISSUER",
	[103] = "KEY_REPAIR_ATTEMPTED", [104] = "DISALLOWED_FILETIME",
	[105] = "ROOT_PROGRAM_CHAIN_POLICIES", [106] = "SMART_CARD_READER_NON_REMOVABLE",
	[107] = "SHA256_HASH", [108] = "SCEP_SERVER_CERTS", [109] = "SCEP_RA_SIGNATURE_CERT",
	[110] = "SCEP_RA_ENCRYPTION_CERT", [111] = "SCEP_CA_CERT", [112] = "SCEP_SIGNER_CERT",
	[113] = "SCEP_NONCE", [114] = "SCEP_ENCRYPT_HASH_CNG_ALG", [115] = "SCEP_FLAGS",
	[116] = "SCEP_GUID", [117] = "SERIALIZABLE_KEY_CONTEXT", [118] = "ISOLATED_KEY",
	[119] = "SERIAL_CHAIN", [120] = "KEY_CLASSIFICATION", [121] = "OCSP_MUST_STAPLE",
	[122] = "DISALLOWED_ENHKEY_USAGE", [123] = "NONCOMPLIANT_ROOT_URL",
	[124] = "PIN_SHA256_HASH", [125] = "CLR_DELETE_KEY", [126] = "NOT_BEFORE_FILETIME",
	[127] = "NOT_BEFORE_ENHKEY_USAGE", [128] = "DISALLOWED_CA_FILETIME",
};

const char *tl_prop_name(uint32_t id)
{
	return id < TL_ARRAY_LEN(prop_names) ? prop_names[id] : NULL;
}

/* Where to report a problem with one property. */
static tl_loc prop_loc(const tl_entry *e, const tl_prop *p)
{
	tl_loc l = e->origin.loc;

	if (l.kind == TL_LOC_OFFSET && p) {
		l.offset = p->offset;
		l.length = 12 + (uint64_t)p->len;
	}
	return l;
}

/* A UTF-16LE, NUL-terminated string property (FORMATS.md 1: the length
 * includes the NUL). */
static char *decode_string_prop(const tl_entry *e, const tl_prop *p, tl_diags *d)
{
	tl_loc l = prop_loc(e, p);

	if (p->len % 2 != 0 || p->len < 2 || tl_le16(p->data + p->len - 2) != 0)
		tl_diag_add(d, TL_WARNING, "input-property-malformed", &l,
			    "%s property (%u) is not a NUL-terminated UTF-16 string (%u bytes)",
			    tl_prop_name(p->id), p->id, p->len);
	return tl_utf16le_to_utf8(p->data, p->len, true);
}

/* A UTF-16LE NUL-terminated string at a byte offset inside a property value
 * (KEY_PROV_INFO's on-disk form: offsets from the value start, 0 = NULL). */
static int prov_string(const tl_prop *p, uint32_t off, char **out)
{
	size_t i;

	*out = NULL;
	if (off == 0)
		return 0;
	if (off < 28 || off >= p->len || (off & 1))
		return -1;
	for (i = off; i + 1 < p->len; i += 2)
		if (tl_le16(p->data + i) == 0) {
			*out = tl_utf16le_to_utf8(p->data + off, i - off, false);
			return 0;
		}
	return -1;
}

static void decode_key_prov(tl_entry *e, const tl_prop *p, tl_diags *d)
{
	tl_loc l = prop_loc(e, p);
	tl_key_prov *k = &tl_entry_rare_mut(e)->key_prov;
	uint32_t cont, prov;

	e->rare->has_key_prov = true;
	if (p->len < 28) {
		tl_diag_add(d, TL_WARNING, "input-property-malformed", &l,
			    "KEY_PROV_INFO property (2) is %u bytes, shorter than its 28-byte header",
			    p->len);
		return;
	}
	cont = tl_le32(p->data);
	prov = tl_le32(p->data + 4);
	k->prov_type = tl_le32(p->data + 8);
	k->flags = tl_le32(p->data + 12);
	k->param_count = tl_le32(p->data + 16);
	k->key_spec = tl_le32(p->data + 24);
	if (prov_string(p, cont, &k->container) != 0)
		tl_diag_add(d, TL_WARNING, "input-property-malformed", &l,
			    "KEY_PROV_INFO container name offset 0x%x is outside the value or unterminated",
			    cont);
	if (prov_string(p, prov, &k->provider) != 0)
		tl_diag_add(d, TL_WARNING, "input-property-malformed", &l,
			    "KEY_PROV_INFO provider name offset 0x%x is outside the value or unterminated",
			    prov);
	if (k->param_count != 0) {
		uint32_t params = tl_le32(p->data + 20);
		/* each CRYPT_KEY_PROV_PARAM is 12 bytes: id, data offset, length */
		if (params < 28 || params >= p->len || k->param_count > (p->len - params) / 12)
			tl_diag_add(d, TL_WARNING, "input-property-malformed", &l,
				    "KEY_PROV_INFO holds %u parameters at offset 0x%x, past the end of the value",
				    k->param_count, params);
	}
}

static void check_len(const tl_entry *e, const tl_prop *p, uint32_t want, tl_diags *d)
{
	tl_loc l;

	if (p->len == want)
		return;
	l = prop_loc(e, p);
	tl_diag_add(d, TL_WARNING, "input-property-malformed", &l,
		    "%s property (%u) is %u bytes, expected %u", tl_prop_name(p->id), p->id,
		    p->len, want);
}

static void report_mismatch(const tl_entry *e, const tl_prop *p, const uint8_t *real,
			    size_t real_len, tl_diags *d)
{
	tl_loc l = prop_loc(e, p);
	char *stored = tl_xhex(p->data, p->len, true), *want = tl_xhex(real, real_len, true);

	tl_diag_add(d, TL_WARNING, "input-stored-hash-mismatch", &l,
		    "stored %s property (%u) is %s but the certificate's is %s", tl_prop_name(p->id),
		    p->id, stored, want);
	free(stored);
	free(want);
}

/* Compare stored hash property id with the hash of data; known, when not
 * NULL, is that hash already computed (the entry's SHA-1 and SHA-256). */
static void check_hash(const tl_entry *e, uint32_t id, gnutls_digest_algorithm_t alg,
		       const uint8_t *data, size_t len, const uint8_t *known, tl_diags *d)
{
	const tl_prop *p = tl_entry_prop(e, id);
	uint8_t h[64];
	size_t hl = gnutls_hash_get_len(alg);

	if (!p)
		return;
	if (p->len != hl) {
		check_len(e, p, (uint32_t)hl, d);
		return;
	}
	if (!known) {
		gnutls_hash_fast(alg, data, len, h);
		known = h;
	}
	if (memcmp(known, p->data, hl) != 0)
		report_mismatch(e, p, known, hl, d);
}

/* The public key bits: the SubjectPublicKeyInfo BIT STRING without its
 * unused-bits octet. */
static int spki_bits(const tl_cert *c, const uint8_t **bits, size_t *len)
{
	tl_der spki, alg, bs;

	if (tl_der_read(c->spki_der, c->spki_der_len, &spki) != 0 ||
	    tl_der_read(spki.body, spki.body_len, &alg) != 0 ||
	    tl_der_read(spki.body + alg.total_len, spki.body_len - alg.total_len, &bs) != 0 ||
	    bs.tag != 0x03 || bs.body_len < 1)
		return -1;
	*bits = bs.body + 1;
	*len = bs.body_len - 1;
	return 0;
}

/* Properties derived from the key and the TBS, checked against real files
 * (pika and Windows 2000 exports in testdata): SIGNATURE_HASH (15) is the
 * TBSCertificate hashed with the signature's digest; SUBJECT_PUBLIC_KEY_MD5
 * (25) is MD5 of the key bits; KEY_IDENTIFIER (20) is the subjectKeyIdentifier
 * or, without one, SHA-1 of the key bits (current Windows) or of the whole
 * SubjectPublicKeyInfo (Windows 2000). */
static void check_key_hashes(const tl_entry *e, tl_diags *d)
{
	const tl_cert *c = &e->cert;
	const tl_prop *p;
	const uint8_t *bits = NULL;
	size_t bits_len = 0;
	uint8_t h[64];
	bool have_bits = spki_bits(c, &bits, &bits_len) == 0;

	p = tl_entry_prop(e, 25);
	if (p && have_bits) {
		gnutls_hash_fast(GNUTLS_DIG_MD5, bits, bits_len, h);
		if (p->len != 16)
			check_len(e, p, 16, d);
		else if (memcmp(h, p->data, 16) != 0)
			report_mismatch(e, p, h, 16, d);
	}
	p = tl_entry_prop(e, 20);
	if (p) {
		if (c->ski) {
			if (p->len != c->ski_len || memcmp(p->data, c->ski, c->ski_len) != 0)
				report_mismatch(e, p, c->ski, c->ski_len, d);
		} else if (have_bits) {
			uint8_t h2[20];
			gnutls_hash_fast(GNUTLS_DIG_SHA1, bits, bits_len, h);
			gnutls_hash_fast(GNUTLS_DIG_SHA1, c->spki_der, c->spki_der_len, h2);
			if (p->len != 20 || (memcmp(p->data, h, 20) != 0 && memcmp(p->data, h2, 20) != 0))
				report_mismatch(e, p, h, 20, d);
		}
	}
	p = tl_entry_prop(e, 15);
	if (p && c->sig_hash) {
		gnutls_digest_algorithm_t alg = gnutls_digest_get_id(c->sig_hash);
		tl_der cert, tbs;
		size_t hl = alg == GNUTLS_DIG_UNKNOWN ? 0 : gnutls_hash_get_len(alg);

		if (hl && hl <= sizeof(h) && tl_der_read(e->der, e->der_len, &cert) == 0 &&
		    tl_der_read(cert.body, cert.body_len, &tbs) == 0 &&
		    gnutls_hash_fast(alg, tbs.start, tbs.total_len, h) == 0) {
			if (p->len != hl || memcmp(h, p->data, hl) != 0)
				report_mismatch(e, p, h, hl, d);
		}
	}
}

tl_prop_time_state tl_prop_time_decode(const uint8_t *data, uint32_t len, int64_t *at)
{
	uint64_t ft;

	if (len == 0)
		return TL_PROP_TIME_EMPTY;
	if (len != 8)
		return TL_PROP_TIME_UNREADABLE;
	ft = tl_le64(data);
	if (ft >= 0x8000000000000000ULL)
		return TL_PROP_TIME_UNREADABLE;
	*at = tl_filetime_to_unix(ft);
	return TL_PROP_TIME_SET;
}

/* DISALLOWED_FILETIME (104) and NOT_BEFORE_FILETIME (126) say when Windows
 * stops trusting the entry, or what it issued: one that cannot be read
 * leaves that unknown, which input-property-distrust-unreadable says (the
 * entry is then linted as trusted). DISALLOWED_CA_FILETIME (128) is only
 * checked for its size. */
static void decode_filetime(const tl_entry *e, const tl_prop *p, tl_prop_time *out,
			    tl_diags *d)
{
	tl_loc l = prop_loc(e, p);
	tl_prop_time t = {0};

	t.state = tl_prop_time_decode(p->data, p->len, &t.at);
	if (t.state == TL_PROP_TIME_EMPTY) {
		/* FORMATS.md 1: an empty FILETIME has no agreed meaning */
		tl_diag_add(d, TL_NOTE, "input-property-empty-filetime", &l,
			    "%s property (%u) is empty: its meaning is undocumented (always, or no date)",
			    tl_prop_name(p->id), p->id);
	} else if (t.state == TL_PROP_TIME_UNREADABLE) {
		if (!out)
			check_len(e, p, 8, d);
		else if (p->len != 8)
			tl_diag_add(d, TL_WARNING, "input-property-distrust-unreadable", &l,
				    "%s property (%u) is %u bytes, expected 8 (a FILETIME) or 0",
				    tl_prop_name(p->id), p->id, p->len);
		else
			tl_diag_add(d, TL_WARNING, "input-property-distrust-unreadable", &l,
				    "%s property (%u) holds FILETIME 0x%016llx, past the last one "
				    "Windows converts to a date", tl_prop_name(p->id), p->id,
				    (unsigned long long)tl_le64(p->data));
	}
	if (out && out->state == TL_PROP_TIME_ABSENT)
		*out = t;
}

/* A DER EnhancedKeyUsage property: ENHKEY_USAGE (9) as [MS-GPEF] 2.2.1.1.1.1
 * documents it; DISALLOWED_ENHKEY_USAGE (122) and NOT_BEFORE_ENHKEY_USAGE
 * (127) in the same form (FORMATS.md 1, checked on real files; inferred,
 * Microsoft does not document them). A malformed 9 is input-property-malformed;
 * a malformed 122 or 127 leaves unknown which purposes Windows distrusts,
 * input-property-distrust-unreadable. */
static void decode_oids(const tl_entry *e, const tl_prop *p, tl_prop_oids *out,
			const char *diag_id, tl_diags *d)
{
	char **oids = NULL;
	size_t n = 0;
	tl_loc l;

	if (tl_der_oid_list(p->data, p->len, &oids, &n) != 0) {
		l = prop_loc(e, p);
		tl_diag_add(d, TL_WARNING, diag_id, &l, "%s property (%u) is not a DER list of OIDs",
			    tl_prop_name(p->id), p->id);
		if (out && !out->present) {
			out->present = true;
			out->unreadable = true;
		}
		return;
	}
	if (out && !out->present) {
		out->present = true;
		out->oids = oids;
		out->count = n;
		return;
	}
	tl_strv_free(oids, n);
}

static void decode_props(tl_entry *e, tl_diags *d)
{
	size_t i;

	for (i = 0; i < e->prop_count; i++) {
		const tl_prop *p = &e->props[i];

		switch (p->id) {
		case 2:
			if (!tl_entry_rare(e)->has_key_prov)
				decode_key_prov(e, p, d);
			break;
		case 9:
			if (!tl_entry_rare(e)->store_eku_present) {
				tl_prop_oids eku = {0};
				tl_rare_props *r = tl_entry_rare_mut(e);

				decode_oids(e, p, &eku, "input-property-malformed", d);
				r->store_eku_present = true;
				r->store_eku_unreadable = eku.unreadable;
				r->store_eku = eku.oids;
				r->store_eku_count = eku.count;
			}
			break;
		case 11:
			if (!e->friendly_name)
				e->friendly_name = decode_string_prop(e, p, d);
			break;
		case 13:
			if (!tl_entry_rare(e)->description)
				tl_entry_rare_mut(e)->description = decode_string_prop(e, p, d);
			break;
		case 92:
			check_len(e, p, 4, d);
			break;
		case 104:
			decode_filetime(e, p, &tl_entry_rare_mut(e)->disallowed_time, d);
			break;
		case 126:
			decode_filetime(e, p, &tl_entry_rare_mut(e)->not_before_time, d);
			break;
		case 128:
			decode_filetime(e, p, NULL, d);
			break;
		case 122:
			decode_oids(e, p, &tl_entry_rare_mut(e)->disallowed_eku,
				    "input-property-distrust-unreadable", d);
			break;
		case 127:
			decode_oids(e, p, &tl_entry_rare_mut(e)->not_before_eku,
				    "input-property-distrust-unreadable", d);
			break;
		case 105:
			decode_oids(e, p, NULL, "input-property-malformed", d);
			break;
		default:
			break;
		}
	}
}

/* The rest of finishing an entry once its certificate was parsed (rc, err:
 * tl_cert_parse's result, err owned): what is reported of it, in the order
 * tl_entry_finish() reports it. */
static void finish_parsed(tl_entry *e, tl_diags *d, int rc, char *err)
{
	decode_props(e, d);
	if (e->kind != TL_ENTRY_CERT)
		return;
	if (rc != 0) {
		tl_diag_add(d, TL_ERROR, "input-cert-unparsable", &e->origin.loc, "%s", err);
		free(err);
		return;
	}
	e->parsed = true;
	/* Stored hashes must describe this certificate: a mismatch means the
	 * entry was edited or its properties belong to another one. */
	check_hash(e, 3, GNUTLS_DIG_SHA1, e->der, e->der_len, e->cert.sha1, d);
	check_hash(e, 4, GNUTLS_DIG_MD5, e->der, e->der_len, NULL, d);
	check_hash(e, 98, GNUTLS_DIG_SHA256, e->der, e->der_len, NULL, d);
	check_hash(e, 107, GNUTLS_DIG_SHA256, e->der, e->der_len, NULL, d);
	check_hash(e, 29, GNUTLS_DIG_MD5, e->cert.subject_der, e->cert.subject_der_len, NULL, d);
	check_key_hashes(e, d);
}

void tl_entry_finish(tl_entry *e, tl_diags *d)
{
	char *err = NULL;
	int rc = 0;

	if (e->kind == TL_ENTRY_CERT)
		rc = tl_cert_parse(e->der, e->der_len, &e->cert, &err);
	finish_parsed(e, d, rc, err);
}

/* Certificates are parsed ahead in blocks of this many: enough for every
 * thread to have work, few enough that the parsed-but-not-yet-taken facts
 * stay small beside the store (a tl_cert is a few hundred bytes). */
#define AHEAD_BLOCK 2048

/* One block of spans and their parsed facts, slot i for span start + i. */
typedef struct ahead_block {
	const tl_span *spans; /* the object's spans */
	size_t start, end;
	tl_cert *certs;
	int *rc;
	char **err;
	bool *taken;
	unsigned char *done;  /* slot i is written; atomic, set last (pool.h) */
	tl_pool_task *task;   /* started and not yet finished, or NULL */
} ahead_block;

/* Two blocks: the pool's threads parse cur, then nxt once every item of
 * cur is taken, while the reader takes cur's certificates one by one as
 * each is parsed. The reader's own work on each entry (its properties,
 * stored hashes, the store) overlaps the parsing, and a reader that meets
 * a certificate not parsed yet parses others meanwhile: no thread waits
 * while a certificate is left that nobody took. */
struct tl_parse_ahead {
	tl_span *spans; /* in the order the reader meets them */
	size_t n;
	size_t next;    /* the span the reader is expected to meet next */
	unsigned jobs;
	ahead_block blocks[2];
	ahead_block *cur, *nxt;
};

tl_parse_ahead *tl_parse_ahead_new(const tl_span *spans, size_t n, unsigned jobs)
{
	tl_parse_ahead *a;
	int k;

	if (jobs <= 1 || n < 2)
		return NULL;
	a = tl_xcalloc(1, sizeof(*a));
	a->spans = tl_xmemdup(spans, n * sizeof(*spans));
	a->n = n;
	a->jobs = jobs;
	for (k = 0; k < 2; k++) {
		ahead_block *b = &a->blocks[k];
		b->spans = a->spans;
		b->certs = tl_xcalloc(AHEAD_BLOCK, sizeof(tl_cert));
		b->rc = tl_xcalloc(AHEAD_BLOCK, sizeof(int));
		b->err = tl_xcalloc(AHEAD_BLOCK, sizeof(char *));
		b->taken = tl_xcalloc(AHEAD_BLOCK, sizeof(bool));
		b->done = tl_xcalloc(AHEAD_BLOCK, 1);
	}
	a->cur = &a->blocks[0];
	a->nxt = &a->blocks[1];
	return a;
}

/* Wait for a block's parsing, then release what the reader did not take
 * from it; it is empty afterwards. */
static void block_drop(ahead_block *b)
{
	size_t i;

	tl_pool_finish(b->task);
	b->task = NULL;
	for (i = 0; i < b->end - b->start; i++) {
		if (!b->taken[i]) {
			tl_cert_free(&b->certs[i]);
			free(b->err[i]);
		}
		b->err[i] = NULL;
		b->rc[i] = 0;
		b->taken[i] = false;
		b->done[i] = 0;
	}
	b->start = b->end = 0;
}

void tl_parse_ahead_free(tl_parse_ahead *a)
{
	int k;

	if (!a)
		return;
	for (k = 0; k < 2; k++) {
		block_drop(&a->blocks[k]);
		free(a->blocks[k].certs);
		free(a->blocks[k].rc);
		free(a->blocks[k].err);
		free(a->blocks[k].taken);
		free(a->blocks[k].done);
	}
	free(a->spans);
	free(a);
}

/* Each item writes only its own slot, and says so last. */
static void ahead_parse_one(void *arg, size_t i)
{
	ahead_block *b = arg;
	const tl_span *sp = &b->spans[b->start + i];

	b->rc[i] = tl_cert_parse(sp->data, sp->len, &b->certs[i], &b->err[i]);
	__atomic_store_n(&b->done[i], 1, __ATOMIC_RELEASE);
}

/* Start parsing the block of spans from start on jobs - 1 new threads. */
static void block_start(tl_parse_ahead *a, ahead_block *b, size_t start)
{
	b->start = start;
	b->end = a->n - start < AHEAD_BLOCK ? a->n : start + AHEAD_BLOCK;
	b->task = tl_pool_start(b->end - b->start, a->jobs - 1, ahead_parse_one, b);
}

/* Once nobody is left to take an item of cur, the threads go on to the
 * block after it. */
static void start_next(tl_parse_ahead *a)
{
	if (!a->nxt->task && a->cur->end < a->n && tl_pool_all_taken(a->cur->task))
		block_start(a, a->nxt, a->cur->end);
}

/* Make cur the block holding span next. */
static void advance(tl_parse_ahead *a)
{
	ahead_block *t;

	block_drop(a->cur);
	if (a->nxt->task && a->nxt->start == a->next) {
		t = a->cur;
		a->cur = a->nxt;
		a->nxt = t;
	} else {
		block_drop(a->nxt);
		block_start(a, a->cur, a->next);
	}
}

/* Until slot is parsed, parse what nobody took, of cur and then of the
 * next block; with nothing left, the slot is being parsed on another
 * thread and is waited for. */
static void wait_slot(tl_parse_ahead *a, ahead_block *b, size_t slot)
{
	unsigned spins = 0;

	while (!__atomic_load_n(&b->done[slot], __ATOMIC_ACQUIRE)) {
		if (tl_pool_help(b->task))
			continue;
		start_next(a);
		if (tl_pool_help(a->nxt->task))
			continue;
		/* one certificate's parse, a millisecond at most */
		if (++spins % 64 == 0)
			sched_yield();
	}
}

void tl_entry_finish_ahead(tl_entry *e, tl_diags *d, tl_parse_ahead *a)
{
	ahead_block *b;
	size_t slot;

	if (!a || e->kind != TL_ENTRY_CERT) {
		tl_entry_finish(e, d);
		return;
	}
	/* a span the reader passed by without meeting is skipped */
	while (a->next < a->n && a->spans[a->next].data < e->der)
		a->next++;
	if (a->next == a->n || a->spans[a->next].data != e->der ||
	    a->spans[a->next].len != e->der_len) {
		tl_entry_finish(e, d);
		return;
	}
	if (a->next < a->cur->start || a->next >= a->cur->end)
		advance(a);
	b = a->cur;
	slot = a->next++ - b->start;
	wait_slot(a, b, slot);
	start_next(a);
	e->cert = b->certs[slot];
	b->taken[slot] = true;
	finish_parsed(e, d, b->rc[slot], b->err[slot]);
	b->err[slot] = NULL;
}

void tl_entry_hashes(const tl_entry *e, uint8_t sha1[20], uint8_t *sha256)
{
	if (e->parsed)
		memcpy(sha1, e->cert.sha1, 20);
	else
		gnutls_hash_fast(GNUTLS_DIG_SHA1, e->der, e->der_len, sha1);
	if (sha256)
		tl_der_sha256(e->der, e->der_len, sha256);
}

void tl_store_label(tl_buf *b, tl_location loc, const char *name)
{
	tl_buf_printf(b, "%s\\%s", tl_location_name(loc), name);
}

int tl_parse_store_spec(const char *spec, size_t len, tl_location *loc, const char **store,
			size_t *store_len)
{
	size_t i;

	for (i = len; i > 0; i--)
		if (spec[i - 1] == '\\' || spec[i - 1] == '/')
			break;
	if (i > 0) {
		int l = tl_location_parse(spec, i - 1);
		if (l < 0)
			return -1;
		*loc = (tl_location)l;
	} else {
		*loc = TL_LOC_LOCAL_MACHINE;
	}
	*store = spec + i;
	*store_len = len - i;
	return *store_len > 0 ? 0 : -1;
}
