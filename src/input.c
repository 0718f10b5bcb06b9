/* input.c: see input.h. */
#include "config.h"

#include "input.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctl.h"
#include "der.h"
#include "pem.h"
#include "pkcs7.h"
#include "regstores.h"
#include "sst.h"
#include "util.h"

const char *tl_format_name(tl_format f)
{
	switch (f) {
	case TL_FMT_SST:
		return "serialized store";
	case TL_FMT_BLOB:
		return "serialized element";
	case TL_FMT_PKCS7:
		return "PKCS#7";
	case TL_FMT_CTL:
		return "CTL";
	case TL_FMT_PEM:
		return "PEM";
	case TL_FMT_DER:
		return "DER";
	case TL_FMT_REG:
		return "registry export";
	case TL_FMT_UNKNOWN:
		break;
	}
	return "unknown";
}

/* A .reg file: an 8-bit or UTF-16LE (BOM) text whose first line, leading
 * blanks removed, starts with REGEDIT or "Windows Registry Editor"
 * (FORMATS.md 2). */
static bool reg_detect(const uint8_t *p, size_t n)
{
	static const char *const heads[] = {"REGEDIT", "Windows Registry Editor"};
	char ascii[32];
	size_t i, k = 0;
	bool utf16 = n >= 2 && p[0] == 0xFF && p[1] == 0xFE;

	i = utf16 ? 2 : 0;
	while (i < n && k < sizeof(ascii) - 1) {
		uint8_t c = p[i];
		if (utf16) {
			if (i + 1 >= n || p[i + 1] != 0)
				break;
			i += 2;
		} else {
			i++;
		}
		if (k == 0 && (c == ' ' || c == '\t'))
			continue;
		ascii[k++] = (char)c;
	}
	ascii[k] = '\0';
	for (i = 0; i < TL_ARRAY_LEN(heads); i++)
		if (strncmp(ascii, heads[i], strlen(heads[i])) == 0)
			return true;
	return false;
}

tl_format tl_detect(const uint8_t *data, size_t len)
{
	if (tl_sst_detect(data, len))
		return TL_FMT_SST;
	if (reg_detect(data, len))
		return TL_FMT_REG;
	if (len > 0 && data[0] == 0x30) {
		if (tl_pkcs7_detect(data, len))
			return tl_pkcs7_is_ctl(data, len) ? TL_FMT_CTL : TL_FMT_PKCS7;
		return TL_FMT_DER;
	}
	if (tl_pem_detect(data, len))
		return TL_FMT_PEM;
	if (tl_blob_detect(data, len))
		return TL_FMT_BLOB;
	return TL_FMT_UNKNOWN;
}

tl_inputs *tl_inputs_new(void)
{
	tl_inputs *in = tl_xcalloc(1, sizeof(*in));

	in->model = tl_model_new();
	in->registry = tl_registry_new();
	in->diags = tl_diags_new();
	return in;
}

void tl_inputs_free(tl_inputs *in)
{
	size_t i;

	if (!in)
		return;
	tl_model_free(in->model);
	tl_registry_free(in->registry);
	tl_diags_free(in->diags);
	for (i = 0; i < in->source_count; i++)
		tl_source_free(in->sources[i]);
	free(in->sources);
	free(in);
}

static void keep_source(tl_inputs *in, tl_source *src)
{
	tl_xgrow((void **)&in->sources, &in->source_cap, in->source_count + 1, sizeof(tl_source *));
	in->sources[in->source_count++] = src;
}

/* A DER certificate, or else a DER CRL, as one entry. */
static void read_der(const uint8_t *der, size_t len, const tl_loc *where, tl_store *store,
		     tl_diags *d, bool borrow)
{
	gnutls_x509_crl_t crl;
	gnutls_datum_t dat;
	tl_der outer, first;
	tl_entry *e;
	bool is_crl = false;

	/* Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version | INTEGER ... } };
	 * CertificateList's TBS starts with an optional INTEGER version then an
	 * AlgorithmIdentifier SEQUENCE: tell them apart by a GnuTLS CRL import
	 * only when the certificate walk fails */
	if (tl_der_read(der, len, &outer) == 0 && outer.tag == 0x30 &&
	    tl_der_read(outer.body, outer.body_len, &first) == 0 && first.tag == 0x30 &&
	    gnutls_x509_crl_init(&crl) >= 0) {
		dat.data = (unsigned char *)der;
		dat.size = (unsigned)(len > UINT32_MAX ? 0 : len);
		is_crl = gnutls_x509_crl_import(crl, &dat, GNUTLS_X509_FMT_DER) >= 0;
		gnutls_x509_crl_deinit(crl);
	}
	if (borrow)
		e = tl_entry_new_borrowed(is_crl ? TL_ENTRY_CRL : TL_ENTRY_CERT, der, len);
	else
		e = tl_entry_new(is_crl ? TL_ENTRY_CRL : TL_ENTRY_CERT, der, len);
	e->origin.loc = *where;
	tl_entry_finish(e, d);
	tl_store_add(store, e);
}

static void read_ctl(const uint8_t *der, size_t len, const tl_loc *where, tl_store *store,
		     tl_diags *d, bool borrow)
{
	tl_entry *e = borrow ? tl_entry_new_borrowed(TL_ENTRY_CTL, der, len)
			     : tl_entry_new(TL_ENTRY_CTL, der, len);

	e->origin.loc = *where;
	e->ctl = tl_ctl_decode(der, len, where, d);
	tl_store_add(store, e);
}

static void read_pem(const tl_source *src, tl_store *store, tl_diags *d)
{
	tl_pem_blocks blocks = {0};
	size_t i;

	tl_pem_split(src->data, src->len, src->path, &blocks, d);
	for (i = 0; i < blocks.count; i++) {
		const tl_pem_block *b = &blocks.blocks[i];
		tl_loc where = tl_loc_line(src->path, b->line, 1);

		if (!strcmp(b->label, "CERTIFICATE") || !strcmp(b->label, "X509 CERTIFICATE") ||
		    !strcmp(b->label, "TRUSTED CERTIFICATE")) {
			tl_entry *e = tl_entry_new(TL_ENTRY_CERT, b->der, b->der_len);
			e->origin.loc = where;
			tl_entry_finish(e, d);
			tl_store_add(store, e);
		} else if (!strcmp(b->label, "X509 CRL")) {
			tl_entry *e = tl_entry_new(TL_ENTRY_CRL, b->der, b->der_len);
			e->origin.loc = where;
			tl_store_add(store, e);
		} else if (!strcmp(b->label, "PKCS7") || !strcmp(b->label, "CMS")) {
			if (tl_pkcs7_is_ctl(b->der, b->der_len))
				read_ctl(b->der, b->der_len, &where, store, d, false);
			else
				tl_pkcs7_read(b->der, b->der_len, &where, store, d);
		} else {
			tl_diag_add(d, TL_WARNING, "input-pem-unsupported-block", &where,
				    "PEM block '%s' holds no certificate, CRL or PKCS#7 (skipped)",
				    b->label);
		}
	}
	tl_pem_blocks_free(&blocks);
}

/* Read a store file (any format but .reg) into store. */
static void read_store_file(tl_inputs *in, const tl_source *src, tl_format fmt, tl_store *store)
{
	tl_loc whole = tl_loc_offset(src->path, 0, src->len);

	switch (fmt) {
	case TL_FMT_SST:
		tl_sst_read(src->data, src->len, src->path, store, in->diags);
		break;
	case TL_FMT_BLOB:
		tl_blob_read(src->data, src->len, &whole, store, in->diags);
		break;
	case TL_FMT_PKCS7:
		tl_pkcs7_read(src->data, src->len, &whole, store, in->diags);
		break;
	case TL_FMT_CTL:
		read_ctl(src->data, src->len, &whole, store, in->diags, true);
		break;
	case TL_FMT_PEM:
		read_pem(src, store, in->diags);
		break;
	case TL_FMT_DER:
		read_der(src->data, src->len, &whole, store, in->diags, true);
		break;
	case TL_FMT_REG:
	case TL_FMT_UNKNOWN: {
		tl_loc l = tl_loc_file(src->path);
		tl_diag_add(in->diags, TL_ERROR, "input-unknown-format", &l,
			    "not a serialized store, PKCS#7, PEM, DER certificate or CTL");
		break;
	}
	}
}

static void read_reg(tl_inputs *in, const tl_source *src)
{
	/* parsed and applied in one pass: no list of every operation of a
	 * 200 MB export is ever held */
	tl_registry_load(in->registry, src->data, src->len, src->path, in->diags);
	in->reg_count++;
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

/* Store names a file name may carry without STORE= (the stores Windows
 * creates and the collection script exports). */
static const char *const inferable_stores[] = {
	"Root", "AuthRoot", "CA", "My", "Disallowed", "TrustedPeople", "TrustedPublisher",
	"ClientAuthIssuer", "Trust", "SmartCardRoot", "TrustedDevices", "WebHosting",
	"Remote Desktop", "REQUEST", "UserDS", "AddressBook", "FlightRoot", "TestSignRoot",
	"Windows Live ID Token Issuer", "eSIM Certification Authorities",
	"Homegroup Machine Certificates",
};

int tl_infer_store(const char *filename, tl_location *loc, char **store)
{
	const char *base = strrchr(filename, '/');
	char *stem;
	const char *name;
	size_t i, n;

	base = base ? base + 1 : filename;
	n = strlen(base);
	/* drop one extension: root.sst, LocalMachine-CA.p7b */
	for (i = n; i > 0; i--)
		if (base[i - 1] == '.')
			break;
	stem = tl_xstrndup(base, i > 1 ? i - 1 : n);
	*loc = TL_LOC_LOCAL_MACHINE;
	name = stem;
	for (i = 0; stem[i]; i++) {
		if (stem[i] == '-' || stem[i] == '_' || stem[i] == '.' || stem[i] == '\\') {
			int l = tl_location_parse(stem, i);
			if (l >= 0) {
				*loc = (tl_location)l;
				name = stem + i + 1;
			}
			break;
		}
	}
	for (i = 0; i < TL_ARRAY_LEN(inferable_stores); i++)
		if (tl_strcasecmp(name, inferable_stores[i]) == 0) {
			*store = tl_xstrdup(inferable_stores[i]);
			free(stem);
			return 0;
		}
	free(stem);
	return -1;
}

/* Read one file. store_name NULL: infer from the name unless it is a .reg. */
static int add_file(tl_inputs *in, const char *path, bool have_store, tl_location loc,
		    const char *store_name, bool from_dir, char **err)
{
	tl_source *src = tl_source_open(path, err);
	tl_format fmt;
	char *inferred = NULL;

	if (!src) {
		char *e = *err;
		*err = tl_xasprintf("%s: %s", path, e);
		free(e);
		return -1;
	}
	fmt = tl_detect(src->data, src->len);
	if (fmt == TL_FMT_REG) {
		keep_source(in, src);
		if (have_store) {
			tl_loc l = tl_loc_file(src->path);
			tl_diag_add(in->diags, TL_WARNING, "input-store-ignored", &l,
				    "a registry export carries its own stores: '%s=' ignored",
				    store_name);
		}
		read_reg(in, src);
		return 0;
	}
	if (!have_store) {
		if (tl_infer_store(path, &loc, &inferred) != 0) {
			if (from_dir) {
				/* one unnamed file in a collection folder is not
				 * worth failing the whole run for */
				tl_loc l = tl_loc_file(src->path);
				keep_source(in, src);
				tl_diag_add(in->diags, TL_WARNING, "input-unknown-store", &l,
					    "the file name names no store (expected e.g. Root.sst or LocalMachine-CA.p7b): skipped");
				return 0;
			}
			*err = tl_xasprintf("%s: cannot tell which store this file is: name it "
					    "like Root.sst or give STORE=FILE (e.g. Root=%s)",
					    path, path);
			tl_source_free(src);
			return -1;
		}
		store_name = inferred;
	}
	keep_source(in, src);
	read_store_file(in, src, fmt, tl_model_store(in->model, loc, store_name));
	free(inferred);
	return 0;
}

/* Every file of a directory, sorted for stable output; subfolders named
 * after a location hold that location's stores. */
static int add_dir(tl_inputs *in, const char *dir, int depth, tl_location loc, bool have_loc,
		   char **err)
{
	char **names = NULL;
	size_t count = 0, i;
	int rc = 0;

	if (tl_dir_names(dir, &names, &count) != 0) {
		*err = tl_xasprintf("%s: cannot open directory", dir);
		return -1;
	}
	for (i = 0; i < count && rc == 0; i++) {
		char *path = tl_xasprintf("%s/%s", dir, names[i]);
		struct stat st;

		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			int l = tl_location_parse(names[i], strlen(names[i]));
			if (depth == 0 && l >= 0)
				rc = add_dir(in, path, 1, (tl_location)l, true, err);
		} else if (have_loc) {
			tl_location dummy;
			char *store = NULL;
			if (tl_infer_store(names[i], &dummy, &store) == 0) {
				rc = add_file(in, path, true, loc, store, true, err);
				free(store);
			} else {
				rc = add_file(in, path, false, loc, NULL, true, err);
			}
		} else {
			rc = add_file(in, path, false, TL_LOC_LOCAL_MACHINE, NULL, true, err);
		}
		free(path);
	}
	tl_strv_free(names, count);
	return rc;
}

int tl_inputs_add(tl_inputs *in, const char *arg, char **err)
{
	const char *eq = strchr(arg, '=');
	struct stat st;

	*err = NULL;
	/* STORE=FILE, unless the whole argument is an existing path */
	if (eq && eq != arg && stat(arg, &st) != 0) {
		tl_location loc;
		const char *store;
		size_t store_len;
		char *name;
		int rc;

		if (tl_parse_store_spec(arg, (size_t)(eq - arg), &loc, &store, &store_len) != 0) {
			*err = tl_xasprintf("'%.*s': not STORE or LOCATION\\STORE (locations: "
					    "LocalMachine, CurrentUser, LocalMachineGroupPolicy, "
					    "LocalMachineEnterprise, CurrentUserGroupPolicy)",
					    (int)(eq - arg), arg);
			return -1;
		}
		name = tl_xstrndup(store, store_len);
		rc = add_file(in, eq + 1, true, loc, name, false, err);
		free(name);
		return rc;
	}
	if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
		return add_dir(in, arg, 0, TL_LOC_LOCAL_MACHINE, false, err);
	return add_file(in, arg, false, TL_LOC_LOCAL_MACHINE, NULL, false, err);
}

void tl_inputs_add_memory(tl_inputs *in, const char *path, const void *data, size_t len,
			  tl_location loc, const char *store)
{
	tl_source *src = tl_source_from_memory(path, data, len);
	tl_format fmt = tl_detect(src->data, src->len);

	keep_source(in, src);
	if (fmt == TL_FMT_REG)
		read_reg(in, src);
	else
		read_store_file(in, src, fmt, tl_model_store(in->model, loc, store));
}

void tl_inputs_finish(tl_inputs *in)
{
	if (in->finished)
		return;
	in->finished = true;
	tl_regstores_load(in->registry, in->model, in->diags);
}
