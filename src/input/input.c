/* input.c: see input.h. */
#include "config.h"

#include "input/input.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/cab.h"
#include "formats/ctl.h"
#include "base/der.h"
#include "base/os.h"
#include "formats/pem.h"
#include "formats/pkcs7.h"
#include "formats/reg.h"
#include "input/manifest.h"
#include "input/regstores.h"
#include "formats/sst.h"
#include "formats/xml.h"
#include "formats/xmlconf.h"
#include "base/util.h"

/* The first characters of a text, in ASCII, after a byte order mark and
 * leading blanks: UTF-16LE (FF FE), UTF-16BE (FE FF) or 8-bit. */
static size_t text_head(const uint8_t *p, size_t n, char *ascii, size_t cap)
{
	size_t i = 0, k = 0;
	int unit = 1, hi = 0; /* hi: the index of the zero byte in a unit */

	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		i = 2, unit = 2, hi = 1;
	} else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		i = 2, unit = 2, hi = 0;
	} else if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		i = 3;
	}
	while (i + (size_t)unit <= n && k < cap - 1) {
		uint8_t c = unit == 2 ? p[i + (size_t)(1 - hi)] : p[i];
		if (unit == 2 && p[i + (size_t)hi] != 0)
			break;
		i += (size_t)unit;
		if (k == 0 && (c == ' ' || c == '\t'))
			continue;
		ascii[k++] = (char)c;
	}
	ascii[k] = '\0';
	return k;
}

/* A .reg file: a text whose first line, leading blanks removed, starts
 * with REGEDIT or "Windows Registry Editor" (FORMATS.md 2). Headers in
 * UTF-16BE or after a UTF-8 byte order mark, and a file of a UTF-16 byte
 * order mark alone, are registry exports too: Windows imports nothing from
 * them, and the .reg reader says why (input-reg-bad-header) instead of the
 * file being taken for a store with no name. */
static bool reg_detect(const uint8_t *p, size_t n)
{
	static const char *const heads[] = {"REGEDIT", "Windows Registry Editor"};
	char ascii[32];
	size_t i;

	if (n == 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return true;
	text_head(p, n, ascii, sizeof(ascii));
	for (i = 0; i < TL_ARRAY_LEN(heads); i++)
		if (strncmp(ascii, heads[i], strlen(heads[i])) == 0)
			return true;
	return false;
}

/* A JSON document (a SARIF log or a JSON report, trustlint's or another
 * tool's): a folder walk meets the reports CI leaves beside an export. */
static const char *report_kind(const uint8_t *p, size_t n)
{
	size_t i = 0;
	char *head;
	const char *kind;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i >= n || (p[i] != '{' && p[i] != '['))
		return NULL;
	/* what it is says itself near the top: look at the first 64 KiB */
	head = tl_xstrndup((const char *)p, n < 65536 ? n : 65536);
	kind = strstr(head, "sarif") ? "a SARIF log"
	       : strstr(head, "\"trustlint\"") ? "a trustlint JSON report"
						 : "a JSON document";
	free(head);
	return kind;
}

/* A DER encoding starts with a SEQUENCE: certificates, CRLs and PKCS#7
 * ContentInfos all do. */
static bool der_detect(const uint8_t *p, size_t n)
{
	return n > 0 && p[0] == 0x30;
}

static bool pkcs7_detect(const uint8_t *p, size_t n)
{
	return der_detect(p, n) && tl_pkcs7_detect(p, n);
}

/* A CTL is a PKCS#7 SignedData whose content type is szOID_CTL. */
static bool ctl_detect(const uint8_t *p, size_t n)
{
	return pkcs7_detect(p, n) && tl_pkcs7_is_ctl(p, n);
}

tl_inputs *tl_inputs_new(void)
{
	tl_inputs *in = tl_xcalloc(1, sizeof(*in));

	in->model = tl_model_new();
	in->registry = tl_registry_new();
	in->conf = tl_iisconf_new();
	in->diags = tl_diags_new();
	tl_diags_set_limit(in->diags, TL_MAX_DIAGS_PER_ID);
	return in;
}

void tl_inputs_free(tl_inputs *in)
{
	size_t i;

	if (!in)
		return;
	tl_model_free(in->model);
	tl_registry_free(in->registry);
	tl_iisconf_free(in->conf);
	tl_export_free(in->manifest);
	tl_diags_free(in->diags);
	for (i = 0; i < in->source_count; i++)
		tl_source_free(in->sources[i]);
	free(in->sources);
	free(in->skip);
	for (i = 0; i < in->skipped_dir_count && i < TL_ARRAY_LEN(in->skipped_dirs); i++)
		free(in->skipped_dirs[i]);
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

/* The formats' readers in the shape of a row of the table below: a binary
 * file is one container or element, its defects located by byte offset. */
static tl_loc whole_file(const tl_source *src)
{
	return tl_loc_offset(src->path, 0, src->len);
}

static void read_sst_file(const tl_source *src, tl_store *store, tl_diags *d)
{
	tl_sst_read(src->data, src->len, src->path, store, d);
}

static void read_blob_file(const tl_source *src, tl_store *store, tl_diags *d)
{
	tl_loc whole = whole_file(src);

	tl_blob_read(src->data, src->len, &whole, store, d);
}

static void read_pkcs7_file(const tl_source *src, tl_store *store, tl_diags *d)
{
	tl_loc whole = whole_file(src);

	tl_pkcs7_read(src->data, src->len, &whole, store, d);
}

static void read_ctl_file(const tl_source *src, tl_store *store, tl_diags *d)
{
	tl_loc whole = whole_file(src);

	read_ctl(src->data, src->len, &whole, store, d, true);
}

static void read_der_file(const tl_source *src, tl_store *store, tl_diags *d)
{
	tl_loc whole = whole_file(src);

	read_der(src->data, src->len, &whole, store, d, true);
}

/* The encoding of a .reg export as the reader takes it (FORMATS.md 2):
 * regedit writes UTF-16LE with a BOM (version 5) or the ANSI code page
 * (REGEDIT4); a UTF-16BE or UTF-8 BOM is named so reports say what the
 * file really is, though Windows imports neither. */
static const char *reg_encoding(const uint8_t *p, size_t n)
{
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
		return "utf-16le";
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
		return "utf-16be";
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return "utf-8";
	return "windows-1252";
}

static void read_reg(tl_inputs *in, const tl_source *src, const char *prefix)
{
	/* parsed and applied in one pass: no list of every operation of a
	 * 200 MB export is ever held */
	tl_registry_load(in->registry, src->data, src->len, src->path, in->diags);
	in->reg_count++;
	in->last_reg = src->path;
	(void)prefix;
}

/* A configuration file: its prefix is the configuration path of a site's
 * or application's web.config (SITE/PATH=FILE), which the file itself does
 * not say. */
static void read_config(tl_inputs *in, const tl_source *src, const char *prefix)
{
	tl_xmlconf_read(src->data, src->len, src->path, prefix, in->conf, in->diags);
}

/* A root program list (FORMATS.md 7) from a CTL's bytes: der is borrowed
 * from a source (borrow) or copied, and decoded in place. */
static void add_list(tl_inputs *in, const uint8_t *der, size_t len, bool borrow,
		     const tl_loc *where, const char *source)
{
	tl_entry *e = borrow ? tl_entry_new_borrowed(TL_ENTRY_CTL, der, len)
			     : tl_entry_new(TL_ENTRY_CTL, der, len);

	e->origin.loc = *where;
	e->ctl = tl_ctl_decode(e->der, e->der_len, where, in->diags);
	tl_model_add_list(in->model, e, source);
}

/* A CTL file as a root program list, its source "file". */
static void read_list_file(tl_inputs *in, const tl_source *src)
{
	tl_loc whole = whole_file(src);

	add_list(in, src->data, src->len, true, &whole, "file");
}

struct cab_lists {
	tl_inputs *in;
	tl_loc where; /* the whole cabinet: a member has no offset in the file */
	size_t lists;
};

static void cab_member(void *arg, const char *name, const uint8_t *data, size_t len)
{
	struct cab_lists *c = arg;
	char *source;

	if (!ctl_detect(data, len)) {
		tl_diag_add(c->in->diags, TL_NOTE, "input-cab-member-not-ctl", &c->where,
			    "member '%s' is not a CTL: skipped", name);
		return;
	}
	source = tl_xasprintf("cab:%s", name);
	add_list(c->in, data, len, false, &c->where, source);
	free(source);
	c->lists++;
}

/* A cabinet: each member that is a CTL is a root program list, its source
 * "cab:<member>". Windows Update's hold one list each (FORMATS.md 7). */
static void read_cab(tl_inputs *in, const tl_source *src, const char *prefix)
{
	struct cab_lists c = {in, whole_file(src), 0};

	(void)prefix;
	tl_cab_read(src->data, src->len, &c.where, cab_member, &c, in->diags);
	if (c.lists == 0)
		tl_diag_add(in->diags, TL_WARNING, "input-cab-no-list", &c.where,
			    "no member of the cabinet is a CTL: no root program list read");
}

/* One row per format: how the loader tells it from the others and reads
 * it. A reader reads either a store (read_store) or an input of another
 * kind (read_other), never both. */
struct reader {
	const char *name; /* in messages: "a PEM whose file name names no store" */
	/* Whether the content is of this format. tl_detect() asks the rows in
	 * tl_format order (input.h) and takes the first yes, so a test may
	 * also accept what an earlier row claims. */
	bool (*detect)(const uint8_t *data, size_t len);
	/* A store export: its entries into store, damage into d. */
	void (*read_store)(const tl_source *src, tl_store *store, tl_diags *d);
	/* An input that is not a store but feeds another model of in (a
	 * .reg export: the registry, and through its Blobs the stores; a
	 * configuration file: in->conf), with the text before '=' in its
	 * argument (NULL: none); and why that prefix is ignored, or NULL
	 * when the reader takes it. */
	void (*read_other)(tl_inputs *in, const tl_source *src, const char *prefix);
	const char *store_ignored;
	/* Whether a store export that gives no entry still counts as read:
	 * a container may hold an exported empty store, but a PEM of private
	 * keys alone, say, is nothing to lint. */
	bool empty_is_read;
	/* A text format's encoding as SARIF names it (artifact "encoding");
	 * NULL: none is reported. */
	const char *(*encoding)(const uint8_t *data, size_t len);
};

static const struct reader readers[TL_FMT_COUNT] = {
	[TL_FMT_UNKNOWN] = {.name = "unknown"},
	[TL_FMT_SST] = {
		.name = "serialized store",
		.detect = tl_sst_detect,
		.read_store = read_sst_file,
		.empty_is_read = true,
	},
	[TL_FMT_CAB] = {
		.name = "cabinet",
		.detect = tl_cab_detect,
		.read_other = read_cab,
		.store_ignored = "a cabinet holds root program lists, not a store",
	},
	[TL_FMT_REG] = {
		.name = "registry export",
		.detect = reg_detect,
		.read_other = read_reg,
		.store_ignored = "a registry export carries its own stores",
		.encoding = reg_encoding,
	},
	[TL_FMT_CONFIG] = {
		.name = "configuration file",
		.detect = tl_xmlconf_detect,
		.read_other = read_config,
		.encoding = tl_xml_encoding,
	},
	[TL_FMT_CTL] = {
		.name = "CTL",
		.detect = ctl_detect,
		.read_store = read_ctl_file,
		.empty_is_read = true,
	},
	[TL_FMT_PKCS7] = {
		.name = "PKCS#7",
		.detect = pkcs7_detect,
		.read_store = read_pkcs7_file,
		.empty_is_read = true,
	},
	[TL_FMT_DER] = {
		.name = "DER",
		.detect = der_detect,
		.read_store = read_der_file,
	},
	[TL_FMT_PEM] = {
		.name = "PEM",
		.detect = tl_pem_detect,
		.read_store = read_pem,
	},
	[TL_FMT_BLOB] = {
		.name = "serialized element",
		.detect = tl_blob_detect,
		.read_store = read_blob_file,
	},
};

const char *tl_format_name(tl_format f)
{
	return (unsigned)f < TL_FMT_COUNT ? readers[f].name : "unknown";
}

tl_format tl_detect(const uint8_t *data, size_t len)
{
	int f;

	for (f = TL_FMT_UNKNOWN + 1; f < TL_FMT_COUNT; f++)
		if (readers[f].detect(data, len))
			return (tl_format)f;
	return TL_FMT_UNKNOWN;
}

/* Read a store file into store. Content no row detects reaches here only
 * from tl_inputs_add_memory(): add_file() says what it is instead. */
static void read_store_file(tl_inputs *in, const tl_source *src, tl_format fmt, tl_store *store)
{
	tl_loc l;

	if (readers[fmt].read_store) {
		readers[fmt].read_store(src, store, in->diags);
		return;
	}
	l = tl_loc_file(src->path);
	tl_diag_add(in->diags, TL_ERROR, "input-unknown-format", &l,
		    "not a serialized store, PKCS#7, PEM, DER certificate or CTL");
}

/* Remember what src was detected as, for the reports. */
static void mark(tl_source *src, tl_format fmt)
{
	src->format = (int)fmt;
	if (readers[fmt].encoding)
		src->encoding = readers[fmt].encoding(src->data, src->len);
}

int tl_infer_store(const char *filename, tl_location *loc, char **store)
{
	const char *base = tl_os_last_sep(filename);
	char *stem;
	const char *name, *known;
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
	/* every store name Windows creates (store.c) may name a file */
	known = tl_store_known(name);
	if (!known && strchr(name, '.')) {
		/* a store's name and a tag: the collection script writes each
		 * CTL of a store as <Store>.<SHA-1>.stl, as a store holds
		 * several */
		char *head = tl_xstrndup(name, (size_t)(strchr(name, '.') - name));
		known = tl_store_known(head);
		free(head);
	}
	free(stem);
	if (!known)
		return -1;
	*store = tl_xstrdup(known);
	return 0;
}

void tl_inputs_skip_file(tl_inputs *in, uint64_t dev, uint64_t ino)
{
	tl_xgrow((void **)&in->skip, &in->skip_cap, in->skip_count + 1, sizeof(*in->skip));
	in->skip[in->skip_count].dev = dev;
	in->skip[in->skip_count].ino = ino;
	in->skip_count++;
}

static bool skipped(const tl_inputs *in, const tl_source *src)
{
	size_t i;

	if (src->dev == 0 && src->ino == 0)
		return false; /* no identity: never taken for another file */
	for (i = 0; i < in->skip_count; i++)
		if (in->skip[i].dev == src->dev && in->skip[i].ino == src->ino)
			return true;
	return false;
}

/* The id of a file that cannot be read, in a folder walk or named on the
 * command line. */
static const char *unreadable_id(tl_read_error why)
{
	switch (why) {
	case TL_READ_NOT_REGULAR:
		return "input-not-regular-file";
	case TL_READ_TOO_LARGE:
		return "input-too-large";
	default:
		return "input-unreadable";
	}
}

/* A file a folder walk cannot read: one finding, and the walk goes on. */
static void unreadable(tl_inputs *in, const char *path, tl_read_error why, const char *msg)
{
	tl_loc l = tl_loc_file(path);

	if (why == TL_READ_NOT_REGULAR)
		tl_diag_add(in->diags, TL_WARNING, unreadable_id(why), &l, "%s: skipped", msg);
	else
		tl_diag_add(in->diags, TL_ERROR, unreadable_id(why), &l, "%s: not read", msg);
}

/* Around one input: no more than TL_MAX_ENTRIES_PER_INPUT of its entries
 * are kept (the model refuses the rest as the reader goes, so the rules
 * and the report stay bounded), and what was refused is one error. */
static void begin_input(tl_inputs *in)
{
	in->model->budget = TL_MAX_ENTRIES_PER_INPUT;
	in->model->dropped = 0;
}

static void end_input(tl_inputs *in, const char *path, size_t limit)
{
	if (in->model->dropped) {
		tl_loc l = tl_loc_file(path);
		tl_diag_add(in->diags, TL_ERROR, "input-too-many-entries", &l,
			    "more than %zu entries: only the first %zu are linted, and %zu more are not",
			    limit, limit, in->model->dropped);
	}
	in->model->budget = SIZE_MAX;
	in->model->dropped = 0;
}

/* Read a store file and say whether it counts as something linted: it
 * gave entries, or its format may hold an empty store (empty_is_read). */
static bool read_store_input(tl_inputs *in, const tl_source *src, tl_format fmt, tl_store *store)
{
	size_t before = in->model->entries;

	begin_input(in);
	read_store_file(in, src, fmt, store);
	end_input(in, src->path, TL_MAX_ENTRIES_PER_INPUT);
	return in->model->entries > before || readers[fmt].empty_is_read;
}

/* Whether a CTL file given with no STORE= is a root program list: its
 * name says no store (disallowedcert.stl), or it is authroot.stl, the name
 * certutil -syncWithWU and authrootstl.cab give Microsoft's root list
 * (FORMATS.md 7), which would otherwise name the AuthRoot store. */
static bool ctl_file_is_list(const char *path)
{
	const char *base = tl_os_last_sep(path);
	tl_location loc;
	char *store = NULL;
	bool list;

	base = base ? base + 1 : path;
	if (tl_strcasecmp(base, "authroot.stl") == 0)
		return true;
	list = tl_infer_store(base, &loc, &store) != 0;
	free(store);
	return list;
}

/* The collection script's export.json. It adds nothing to lint by itself
 * (a folder of nothing but a manifest still checked nothing), so it does
 * not count as recognised. One run lints one machine: a second manifest is
 * a warning and left out. */
static void read_manifest(tl_inputs *in, const tl_source *src)
{
	tl_export *e;

	if (in->manifest) {
		tl_loc l = tl_loc_file(src->path);
		tl_diag_add(in->diags, TL_WARNING, "input-export-manifest-duplicate", &l,
			    "a second export manifest (the first: %s): one run lints one machine, so only the first is used; lint each export on its own",
			    in->manifest->path);
		return;
	}
	e = tl_export_parse(src, in->diags);
	if (!e)
		return;
	tl_export_report(e, in->diags);
	in->manifest = e;
}

/* Read one file. have_store false: infer the store from the name unless
 * the content is an input that is not a store (a registry export, a
 * configuration file, a cabinet) or a CTL that is a root program list.
 * prefix: the text before '=' in the argument, or NULL. as_list: the file
 * must be a root program list (--trust-list). */
static int add_file(tl_inputs *in, const char *path, bool have_store, tl_location loc,
		    const char *store_name, const char *prefix, bool from_dir, bool as_list,
		    tl_diags *errs)
{
	tl_read_error why;
	char *msg = NULL, *inferred = NULL;
	tl_source *src = tl_source_read(path, TL_MAX_INPUT_BYTES, &msg, &why);
	tl_format fmt;
	tl_store *store;
	tl_loc whole = tl_loc_file(path);
	const char *report;

	if (!src) {
		if (from_dir) {
			/* one bad file in a folder is one finding; the rest is
			 * linted */
			unreadable(in, path, why, msg);
			free(msg);
			return 0;
		}
		tl_diag_add(errs, TL_ERROR, unreadable_id(why), &whole, "%s", msg);
		free(msg);
		return -1;
	}
	if (skipped(in, src)) {
		/* the file this run's report replaces: met in a folder walk, an
		 * earlier report (text, JSON, SARIF: anything that is not an
		 * export) is skipped; an export is an input the report must not
		 * overwrite */
		bool old_report = from_dir && tl_detect(src->data, src->len) == TL_FMT_UNKNOWN;
		tl_source_free(src);
		if (old_report)
			return 0;
		tl_diag_add(errs, TL_ERROR, "input-is-output", &whole,
			    "this run writes its report here: it cannot also be an input");
		return -1;
	}
	fmt = tl_detect(src->data, src->len);
	mark(src, fmt);
	if (as_list && fmt != TL_FMT_CTL && fmt != TL_FMT_CAB) {
		tl_diag_add(errs, TL_ERROR, "input-not-trust-list", &whole,
			    "--trust-list takes a CTL (authroot.stl) or a cabinet holding one (authrootstl.cab), not %s%s",
			    fmt == TL_FMT_UNKNOWN ? "content of an unknown format" : "a ",
			    fmt == TL_FMT_UNKNOWN ? "" : tl_format_name(fmt));
		tl_source_free(src);
		return -1;
	}
	if (readers[fmt].read_other) {
		keep_source(in, src);
		if (have_store && readers[fmt].store_ignored) {
			tl_loc l = tl_loc_file(src->path);
			tl_diag_add(in->diags, TL_WARNING, "input-store-ignored", &l,
				    "%s: '%s=' ignored", readers[fmt].store_ignored, store_name);
		}
		readers[fmt].read_other(in, src, readers[fmt].store_ignored ? NULL : prefix);
		in->recognised++;
		return 0;
	}
	if (fmt == TL_FMT_UNKNOWN && tl_export_detect(src->data, src->len)) {
		keep_source(in, src);
		read_manifest(in, src);
		return 0;
	}
	if (fmt == TL_FMT_UNKNOWN) {
		report = report_kind(src->data, src->len);
		if (report) {
			tl_diag_add(in->diags, TL_NOTE, "input-report-skipped", &whole,
				    "%s, not an export: skipped", report);
		} else if (from_dir && !have_store) {
			tl_diag_add(in->diags, TL_NOTE, "input-not-recognised", &whole,
				    "not a store, CTL, registry export or configuration file: skipped");
		} else {
			tl_diag_add(in->diags, TL_ERROR, "input-unknown-format", &whole,
				    "not a serialized store, PKCS#7, PEM, DER certificate or CRL, CTL, registry export or configuration file");
		}
		tl_source_free(src);
		return 0;
	}
	if (!have_store && fmt == TL_FMT_CTL && (as_list || ctl_file_is_list(path))) {
		keep_source(in, src);
		read_list_file(in, src);
		in->recognised++;
		return 0;
	}
	if (!have_store) {
		if (tl_infer_store(path, &loc, &inferred) != 0) {
			if (from_dir) {
				/* one unnamed file in a collection folder is not
				 * worth failing the whole run for */
				keep_source(in, src);
				tl_diag_add(in->diags, TL_WARNING, "input-unknown-store", &whole,
					    "a %s whose file name names no store (expected e.g. Root.sst or LocalMachine-CA.p7b): skipped",
					    tl_format_name(fmt));
				return 0;
			}
			tl_diag_add(errs, TL_ERROR, "input-unknown-store", &whole,
				    "cannot tell which store this file is: name it like Root.sst "
				    "or give STORE=FILE (e.g. Root=%s)", path);
			tl_source_free(src);
			return -1;
		}
		store_name = inferred;
	} else if (!tl_store_known(store_name) && !tl_export_find_store(in->manifest, loc, store_name)) {
		/* applications create stores of their own, so an unknown name
		 * is read as one (silently when the export's manifest lists
		 * it: the machine has it); but 'Rooot=' would lint a Root
		 * export as a store no rule looks at */
		const char *near = tl_store_suggest(store_name);
		if (near)
			tl_diag_add(in->diags, TL_WARNING, "input-unknown-store-name", &whole,
				    "'%s' is not a store Windows creates (did you mean '%s'?): read as a store of its own",
				    store_name, near);
		else
			tl_diag_add(in->diags, TL_WARNING, "input-unknown-store-name", &whole,
				    "'%s' is not a store Windows creates: read as a store of its own, which the built-in rules do not look at",
				    store_name);
	}
	keep_source(in, src);
	store = tl_model_store(in->model, loc, store_name);
	in->recognised += read_store_input(in, src, fmt, store);
	free(inferred);
	return 0;
}

static void note_subfolder(tl_inputs *in, const char *path, const char *name)
{
	tl_loc l = tl_loc_file(path);

	/* the first few names, for the message; the rest are counted */
	if (in->skipped_dir_count < TL_ARRAY_LEN(in->skipped_dirs))
		in->skipped_dirs[in->skipped_dir_count] = tl_xstrdup(name);
	in->skipped_dir_count++;
	tl_diag_add(in->diags, TL_NOTE, "input-subfolder-skipped", &l,
		    "subfolder not read: only location subfolders (LocalMachine, CurrentUser, "
		    "LocalMachineGroupPolicy, LocalMachineEnterprise, CurrentUserGroupPolicy) hold "
		    "stores of this export");
}

/* The collection script's IIS folder (contrib/Export-TrustState.ps1):
 * IIS/applicationHost.config, IIS/Sites/<site>/<application path>/web.config
 * and IIS/Services/<service>.exe.config. A web.config does not say which
 * site or application it configures; below IIS/Sites its folders say it,
 * as SITE/PATH= does on the command line. Application paths nest, so the
 * walk recurses, as deep as this and no deeper. */
#define TL_MAX_IIS_FOLDER_DEPTH 32

/* A folder of the IIS tree that the walk does not enter. */
static void note_iis_subfolder(tl_inputs *in, const char *path, bool link)
{
	tl_loc l = tl_loc_file(path);

	if (link)
		/* a link may lead back up the tree, and the walk would
		 * read the same files again at ever longer paths */
		tl_diag_add(in->diags, TL_NOTE, "input-subfolder-skipped", &l,
			    "subfolder not read: a link to a folder, which the walk of IIS does not follow");
	else
		tl_diag_add(in->diags, TL_NOTE, "input-subfolder-skipped", &l,
			    "subfolder not read: more than %d folders below IIS", TL_MAX_IIS_FOLDER_DEPTH);
}

/* Every file of dir, a folder of the IIS tree, and its subfolders. In
 * IIS/Sites (sites true) each subfolder is a site; below it (site_path:
 * the configuration path of dir, "Site" or "Site/app/v1") a .config file
 * is read with that path. Elsewhere (site_path NULL) files are read with
 * none: applicationHost.config names itself, and a self-hosted service's
 * base addresses are absolute. */
static int add_iis_dir(tl_inputs *in, const char *dir, const char *site_path, bool sites,
		       int depth, tl_diags *errs)
{
	char **names = NULL;
	size_t count = 0, i;
	int rc = 0;

	if (tl_dir_names(dir, &names, &count) != 0) {
		unreadable(in, dir, TL_READ_FAILED, "cannot read the folder");
		return 0;
	}
	for (i = 0; i < count && rc == 0; i++) {
		char *path = tl_os_path_join(dir, names[i]);
		tl_stat_t st;

		if (tl_os_stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *sub_path = NULL;

			if (tl_os_is_symlink(path)) {
				note_iis_subfolder(in, path, true);
			} else if (depth + 1 > TL_MAX_IIS_FOLDER_DEPTH) {
				note_iis_subfolder(in, path, false);
			} else {
				if (site_path)
					sub_path = tl_xasprintf("%s/%s", site_path, names[i]);
				else if (sites)
					/* never empty: tl_dir_names() gives no empty
					 * name, nor '.', '..' or another dot name */
					sub_path = tl_xstrdup(names[i]);
				rc = add_iis_dir(in, path, sub_path,
						 depth == 0 && tl_strcasecmp(names[i], "Sites") == 0,
						 depth + 1, errs);
			}
			free(sub_path);
		} else {
			const char *prefix = site_path && tl_has_suffix_ci(names[i], ".config") ? site_path : NULL;

			rc = add_file(in, path, false, TL_LOC_LOCAL_MACHINE, NULL, prefix, true, false, errs);
		}
		free(path);
	}
	tl_strv_free(names, count);
	return rc;
}

/* The store the export's manifest lists for a file of a location
 * folder whose name names no store Windows creates ("Remote Desktop.sst",
 * "OrderSigning.<SHA-1>.stl"): the name up to its first dot, when the
 * manifest lists a store of that name at loc; else NULL. */
static const tl_export_store *listed_store(const tl_inputs *in, tl_location loc, const char *file)
{
	char *stem = tl_xstrndup(file, strcspn(file, "."));
	const tl_export_store *s = tl_export_find_store(in->manifest, loc, stem);

	free(stem);
	return s;
}

/* Every file of a directory, sorted for stable output; subfolders named
 * after a location hold that location's stores. An export.json at the
 * top is read first: the location folders' files are read knowing the
 * stores it lists. */
static int add_dir(tl_inputs *in, const char *dir, int depth, tl_location loc, bool have_loc,
		   tl_diags *errs)
{
	char **names = NULL;
	size_t count = 0, i;
	int rc = 0;
	char *manifest = NULL;
	tl_stat_t mst;

	if (tl_dir_names(dir, &names, &count) != 0) {
		if (depth == 0) {
			tl_loc l = tl_loc_file(dir);
			tl_diag_add(errs, TL_ERROR, unreadable_id(TL_READ_FAILED), &l,
				    "cannot read the folder");
			return -1;
		}
		unreadable(in, dir, TL_READ_FAILED, "cannot read the folder");
		return 0;
	}
	if (depth == 0) {
		manifest = tl_xasprintf("%s/export.json", dir);
		if (tl_os_stat(manifest, &mst) == 0 && S_ISREG(mst.st_mode)) {
			rc = add_file(in, manifest, false, TL_LOC_LOCAL_MACHINE, NULL, NULL, true, false,
				      errs);
		} else {
			free(manifest);
			manifest = NULL;
		}
	}
	for (i = 0; i < count && rc == 0; i++) {
		char *path;
		tl_stat_t st;

		if (manifest && strcmp(names[i], "export.json") == 0)
			continue; /* read first */
		path = tl_os_path_join(dir, names[i]);
		if (tl_os_stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			int l = tl_location_parse(names[i], strlen(names[i]));
			if (depth == 0 && l >= 0)
				rc = add_dir(in, path, 1, (tl_location)l, true, errs);
			else if (depth == 0 && tl_strcasecmp(names[i], "registry") == 0)
				; /* the collection script's registry copies of the
				   * stores (contrib/Export-TrustState.ps1): the
				   * location folders hold the same certificates */
			else if (depth == 0 && tl_strcasecmp(names[i], "IIS") == 0)
				rc = add_iis_dir(in, path, NULL, false, 0, errs);
			else
				note_subfolder(in, path, names[i]);
		} else if (have_loc) {
			tl_location dummy;
			char *store = NULL;
			const tl_export_store *listed;

			if (tl_infer_store(names[i], &dummy, &store) == 0) {
				rc = add_file(in, path, true, loc, store, NULL, true, false, errs);
			} else if ((listed = listed_store(in, loc, names[i]))) {
				/* an application's store: the manifest names it */
				rc = add_file(in, path, true, loc, listed->name, NULL, true, false, errs);
			} else {
				rc = add_file(in, path, false, loc, NULL, NULL, true, false, errs);
			}
			free(store);
		} else {
			rc = add_file(in, path, false, TL_LOC_LOCAL_MACHINE, NULL, NULL, true, false, errs);
		}
		free(path);
	}
	tl_strv_free(names, count);
	free(manifest);
	return rc;
}

/* Whether the file at path is a configuration file, whose SITE/PATH=
 * prefix is no store (a site name holds no '/', so "Site/app" would read
 * as a location and a store). */
static bool is_config_file(const char *path)
{
	char *msg = NULL;
	tl_source *src = tl_source_read(path, TL_MAX_INPUT_BYTES, &msg, NULL);
	bool yes = src && tl_detect(src->data, src->len) == TL_FMT_CONFIG;

	tl_source_free(src);
	free(msg);
	return yes;
}

int tl_inputs_add(tl_inputs *in, const char *arg, tl_diags *errs)
{
	const char *eq = strchr(arg, '=');
	tl_stat_t st;

	/* STORE=FILE, unless the whole argument is an existing path */
	if (eq && eq != arg && tl_os_stat(arg, &st) != 0) {
		tl_location loc;
		const char *store;
		size_t store_len;
		char *name, *prefix = tl_xstrndup(arg, (size_t)(eq - arg));
		int rc;

		if (tl_parse_store_spec(arg, (size_t)(eq - arg), &loc, &store, &store_len) != 0) {
			tl_loc l = tl_loc_file(eq + 1);
			if (is_config_file(eq + 1)) {
				rc = add_file(in, eq + 1, true, TL_LOC_LOCAL_MACHINE, prefix, prefix,
					      false, false, errs);
				free(prefix);
				return rc;
			}
			free(prefix);
			tl_diag_add(errs, TL_ERROR, "input-bad-store-prefix", &l,
				    "'%.*s': not STORE or LOCATION\\STORE (locations: LocalMachine, "
				    "CurrentUser, LocalMachineGroupPolicy, LocalMachineEnterprise, "
				    "CurrentUserGroupPolicy)",
				    (int)(eq - arg), arg);
			return -1;
		}
		name = tl_xstrndup(store, store_len);
		rc = add_file(in, eq + 1, true, loc, name, prefix, false, false, errs);
		free(name);
		free(prefix);
		return rc;
	}
	if (tl_os_stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
		return add_dir(in, arg, 0, TL_LOC_LOCAL_MACHINE, false, errs);
	return add_file(in, arg, false, TL_LOC_LOCAL_MACHINE, NULL, NULL, false, false, errs);
}

int tl_inputs_add_trust_list(tl_inputs *in, const char *path, tl_diags *errs)
{
	return add_file(in, path, false, TL_LOC_LOCAL_MACHINE, NULL, NULL, false, true, errs);
}

void tl_inputs_add_memory(tl_inputs *in, const char *path, const void *data, size_t len,
			  tl_location loc, const char *store)
{
	tl_source *src = tl_source_from_memory(path, data, len);
	tl_format fmt = tl_detect(src->data, src->len);

	mark(src, fmt);
	keep_source(in, src);
	in->recognised += fmt != TL_FMT_UNKNOWN;
	if (readers[fmt].read_other)
		readers[fmt].read_other(in, src, store);
	else
		read_store_input(in, src, fmt, tl_model_store(in->model, loc, store));
}

void tl_inputs_finish(tl_inputs *in)
{
	if (in->finished)
		return;
	in->finished = true;
	/* the Blobs of every .reg input at once: the cap applies per input,
	 * so they may hold as many entries as their files together */
	if (in->reg_count) {
		in->model->budget = TL_MAX_ENTRIES_PER_INPUT * in->reg_count;
		in->model->dropped = 0;
	}
	tl_regstores_load(in->registry, in->model, in->diags);
	tl_regstores_load_lists(in->registry, in->model, in->diags);
	if (in->reg_count)
		end_input(in, in->last_reg, TL_MAX_ENTRIES_PER_INPUT * in->reg_count);
	if (in->manifest) {
		const tl_reg_key *nt = tl_registry_find(in->registry, TL_NT_CURRENT_VERSION_KEY);
		char *build = nt ? tl_reg_value_string(tl_reg_key_value(nt, "CurrentBuildNumber")) : NULL;

		tl_export_check(in->manifest, in->model, build, in->diags);
		free(build);
	}
	tl_diags_summarize(in->diags);
	tl_registry_settle(in->registry);
}
