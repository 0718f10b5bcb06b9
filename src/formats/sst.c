/* sst.c: see sst.h.
 *
 * Diagnostic ids:
 *   input-sst-truncated          an element header or value runs past the end
 *   input-sst-bad-encoding       encoding field other than 1 (Windows rejects it)
 *   input-sst-empty-context      a certificate/CRL/CTL element of length 0
 *   input-sst-dangling-property  properties after the last context (ignored by Windows)
 *   input-sst-unknown-property   property id not in wincrypt.h (kept)
 *   input-sst-bad-property-id    id above 0xFFFF
 *   input-sst-duplicate-property the same property twice before one context
 *   input-sst-missing-terminator no 12-byte zero trailer
 *   input-sst-trailing-bytes     bytes after the trailer
 *   input-sst-bad-header         version or magic wrong
 *   input-blob-*                 the same for a single element (registry Blob)
 */
#include "config.h"

#include "formats/sst.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ctl.h"
#include "base/util.h"

#define SST_MAGIC 0x54524543u /* "CERT" */
#define ELEM_HEADER 12

bool tl_sst_detect(const uint8_t *data, size_t len)
{
	return len >= 8 && tl_le32(data) == 0 && tl_le32(data + 4) == SST_MAGIC;
}

bool tl_blob_detect(const uint8_t *data, size_t len)
{
	uint32_t id, enc, vlen;

	if (len < ELEM_HEADER)
		return false;
	id = tl_le32(data);
	enc = tl_le32(data + 4);
	vlen = tl_le32(data + 8);
	return id >= 1 && id <= 0xFFFF && enc == 1 && vlen <= len - ELEM_HEADER;
}

/* The reading state shared by a store and a single element. */
typedef struct reader {
	const uint8_t *data;
	size_t len;
	tl_loc where;   /* TL_LOC_OFFSET: base offset; TL_LOC_LINE: fixed line */
	const char *prefix; /* "sst" or "blob" for diagnostic ids */
	tl_store *store;
	tl_diags *d;
	tl_entry *pending; /* properties waiting for their context */
	size_t added;
	/* the property ids of pending, as a hash set once it has more than a
	 * few (a hostile element with 100,000 properties must not make the
	 * duplicate check quadratic); slots hold id + 1, 0 is empty */
	uint32_t *ids;
	size_t ids_cap, ids_count;
	tl_parse_ahead *ahead; /* the store's certificates, parsed ahead */
} reader;

static tl_loc at(const reader *r, size_t off, size_t len)
{
	tl_loc l = r->where;

	if (l.kind == TL_LOC_OFFSET) {
		l.offset += off;
		l.length = len;
	}
	return l;
}

static void report(reader *r, tl_severity sev, const char *what, size_t off, size_t len,
		   const char *fmt, ...) TL_PRINTF(6, 7);

static void report(reader *r, tl_severity sev, const char *what, size_t off, size_t len,
		   const char *fmt, ...)
{
	char id[64];
	tl_loc l = at(r, off, len);
	va_list ap;

	snprintf(id, sizeof(id), "input-%s-%s", r->prefix, what);
	va_start(ap, fmt);
	tl_diag_vadd(r->d, sev, id, &l, fmt, ap);
	va_end(ap);
}

#define FEW_PROPS 16

static bool ids_insert(reader *r, uint32_t id)
{
	size_t i = (size_t)(id * 2654435761u) & (r->ids_cap - 1);

	while (r->ids[i]) {
		if (r->ids[i] == id + 1)
			return false;
		i = (i + 1) & (r->ids_cap - 1);
	}
	r->ids[i] = id + 1;
	r->ids_count++;
	return true;
}

/* Whether the pending entry already has property id (then the caller
 * warns); records it either way. */
static bool seen_before(reader *r, uint32_t id)
{
	const tl_entry *e = r->pending;
	size_t i;

	if (e->prop_count < FEW_PROPS) {
		for (i = 0; i < e->prop_count; i++)
			if (e->props[i].id == id)
				return true;
		return false;
	}
	if (id == UINT32_MAX) {
		/* id + 1 would be the empty slot: rare enough for a scan */
		for (i = 0; i < e->prop_count; i++)
			if (e->props[i].id == id)
				return true;
		return false;
	}
	if (e->prop_count == FEW_PROPS || 2 * (r->ids_count + 1) > r->ids_cap) {
		/* (re)build from the entry's properties */
		size_t cap = 64;
		while (cap < 4 * (e->prop_count + 1))
			cap *= 2;
		free(r->ids);
		r->ids = tl_xcalloc(cap, sizeof(uint32_t));
		r->ids_cap = cap;
		r->ids_count = 0;
		for (i = 0; i < e->prop_count; i++)
			if (e->props[i].id != UINT32_MAX)
				ids_insert(r, e->props[i].id);
	}
	return !ids_insert(r, id);
}

static bool known_prop(uint32_t id)
{
	return tl_prop_name(id) != NULL;
}

static void add_property(reader *r, uint32_t id, size_t off, const uint8_t *val, uint32_t vlen)
{
	if (!r->pending) {
		r->pending = tl_entry_new_borrowed(TL_ENTRY_CERT, NULL, 0);
		/* the input outlives the model: point at the values */
		r->pending->props_borrowed = true;
	}
	if (seen_before(r, id))
		report(r, TL_WARNING, "duplicate-property", off, ELEM_HEADER + (size_t)vlen,
		       "property %u (%s) appears twice before one context", id,
		       known_prop(id) ? tl_prop_name(id) : "unknown");
	if (id > 0xFFFF)
		report(r, TL_WARNING, "bad-property-id", off, ELEM_HEADER + (size_t)vlen,
		       "property id 0x%x is above 0xFFFF", id);
	else if (!known_prop(id))
		report(r, TL_NOTE, "unknown-property", off, ELEM_HEADER + (size_t)vlen,
		       "property id %u is not a known CERT_*_PROP_ID%s (kept)", id,
		       id >= 0x8000 ? " (user-defined range)" : "");
	/* a registry Blob's properties have no offset of their own (its
	 * location is a line) */
	tl_entry_add_prop(r->pending, id, val, vlen,
			  r->where.kind == TL_LOC_OFFSET ? r->where.offset + off : 0);
}

static tl_entry *add_context(reader *r, uint32_t id, size_t off, const uint8_t *val, uint32_t vlen)
{
	tl_entry *e = r->pending;
	tl_entry_kind kind = id == TL_ELEM_CERT ? TL_ENTRY_CERT
			     : id == TL_ELEM_CRL ? TL_ENTRY_CRL : TL_ENTRY_CTL;

	r->pending = NULL;
	if (!e)
		e = tl_entry_new_borrowed(kind, val, vlen);
	e->kind = kind;
	e->der = val;
	e->der_len = vlen;
	/* the entry spans its properties and its context: the serialized
	 * element as CertSerializeCertificateStoreElement writes it */
	e->origin.loc = at(r, off, ELEM_HEADER + (size_t)vlen);
	if (e->prop_count && e->origin.loc.kind == TL_LOC_OFFSET) {
		uint64_t first = e->props[0].offset;
		e->origin.loc.length += e->origin.loc.offset - first;
		e->origin.loc.offset = first;
	}
	tl_entry_props_done(e);
	tl_entry_finish_ahead(e, r->d, r->ahead);
	if (kind == TL_ENTRY_CTL)
		e->ctl = tl_ctl_decode(val, vlen, &e->origin.loc, r->d);
	tl_store_add(r->store, e);
	r->added++;
	return e;
}

/* Read elements from pos until the terminator or the end. single: a Blob
 * (stop after the first context; no terminator expected). */
static void read_elements(reader *r, size_t pos, bool single)
{
	bool terminated = false, truncated = false;

	while (pos < r->len) {
		uint32_t id, enc, vlen;
		size_t left = r->len - pos;

		if (left < ELEM_HEADER) {
			report(r, TL_ERROR, "truncated", pos, left,
			       "element header truncated: %zu of 12 bytes left", left);
			truncated = true;
			pos = r->len;
			break;
		}
		id = tl_le32(r->data + pos);
		enc = tl_le32(r->data + pos + 4);
		vlen = tl_le32(r->data + pos + 8);
		if (id == 0 && !single) {
			if (enc != 0 || vlen != 0)
				report(r, TL_WARNING, "bad-terminator", pos, ELEM_HEADER,
				       "terminator has encoding %u and length %u, expected 0 and 0",
				       enc, vlen);
			terminated = true;
			pos += ELEM_HEADER;
			break;
		}
		/* bound the value before anything else: 12*n + sum(length)
		 * can overflow a u32, so compare against what is left */
		if ((size_t)vlen > left - ELEM_HEADER) {
			report(r, TL_ERROR, "truncated", pos, left,
			       "element %u claims %u bytes but only %zu remain", id, vlen,
			       left - ELEM_HEADER);
			truncated = true;
			pos = r->len;
			break;
		}
		if (enc != 1) {
			/* Windows rejects the element; skip it whole */
			report(r, TL_ERROR, "bad-encoding", pos, ELEM_HEADER + (size_t)vlen,
			       "element %u has encoding type %u, Windows accepts only 1", id, enc);
		} else if (id == 0) {
			report(r, TL_ERROR, "bad-property-id", pos, ELEM_HEADER + (size_t)vlen,
			       "element id 0 inside a serialized element");
		} else if (id >= TL_ELEM_CERT && id <= TL_ELEM_CTL) {
			if (vlen == 0) {
				report(r, TL_ERROR, "empty-context", pos, ELEM_HEADER,
				       "%s element of length 0",
				       id == TL_ELEM_CERT ? "certificate" : id == TL_ELEM_CRL ? "CRL" : "CTL");
				tl_entry_free(r->pending);
				r->pending = NULL;
			} else {
				add_context(r, id, pos, r->data + pos + ELEM_HEADER, vlen);
				if (single) {
					pos += ELEM_HEADER + (size_t)vlen;
					break;
				}
			}
		} else {
			add_property(r, id, pos, r->data + pos + ELEM_HEADER, vlen);
		}
		pos += ELEM_HEADER + (size_t)vlen;
	}
	if (r->pending) {
		/* MS-OSHARED 2.3.2.5: properties precede their context; trailing
		 * ones belong to nothing and Windows ignores them */
		size_t first = (size_t)(r->pending->props[0].offset -
					(r->where.kind == TL_LOC_OFFSET ? r->where.offset : 0));
		if (r->where.kind != TL_LOC_OFFSET)
			first = 0;
		report(r, TL_WARNING, "dangling-property", first, 0,
		       "%u propert%s after the last context belong%s to no entry",
		       r->pending->prop_count, r->pending->prop_count == 1 ? "y" : "ies",
		       r->pending->prop_count == 1 ? "s" : "");
		tl_entry_free(r->pending);
		r->pending = NULL;
	}
	if (single) {
		if (pos < r->len)
			report(r, TL_WARNING, "trailing-bytes", pos, r->len - pos,
			       "%zu bytes after the context element", r->len - pos);
		return;
	}
	if (!terminated && !truncated)
		report(r, TL_WARNING, "missing-terminator", r->len, 0,
		       "store ends without the 12-byte zero terminator");
	else if (pos < r->len)
		report(r, TL_WARNING, "trailing-bytes", pos, r->len - pos,
		       "%zu bytes after the terminator", r->len - pos);
}

/* Where read_elements() will find certificate contexts, found by the same
 * walk without a word said, so that they can be parsed ahead on the
 * model's threads. */
static tl_parse_ahead *parse_ahead(const uint8_t *data, size_t len, unsigned jobs)
{
	tl_span *spans = NULL;
	size_t n = 0, cap = 0, pos = 8;
	tl_parse_ahead *a;

	if (jobs <= 1)
		return NULL;
	while (len - pos >= ELEM_HEADER) {
		uint32_t id = tl_le32(data + pos), enc = tl_le32(data + pos + 4),
			 vlen = tl_le32(data + pos + 8);

		if (id == 0 || (size_t)vlen > len - pos - ELEM_HEADER)
			break;
		/* the walk jumps from header to header: the bytes a few
		 * certificates ahead are asked for early, or each header is a
		 * wait on memory (100,000 of them were 30 ms) */
		__builtin_prefetch(pos + 4096 < len ? data + pos + 4096 : data + pos);
		if (id == TL_ELEM_CERT && enc == 1 && vlen > 0) {
			tl_xgrow((void **)&spans, &cap, n + 1, sizeof(tl_span));
			spans[n].data = data + pos + ELEM_HEADER;
			spans[n++].len = vlen;
		}
		pos += ELEM_HEADER + (size_t)vlen;
	}
	a = tl_parse_ahead_new(spans, n, jobs);
	free(spans);
	return a;
}

size_t tl_sst_read(const uint8_t *data, size_t len, const char *file, tl_store *store,
		   tl_diags *d)
{
	reader r;

	memset(&r, 0, sizeof(r));
	r.data = data;
	r.len = len;
	r.where = tl_loc_offset(file, 0, 0);
	r.prefix = "sst";
	r.store = store;
	r.d = d;
	if (len < 8) {
		report(&r, TL_ERROR, "truncated", 0, len, "store header truncated: %zu of 8 bytes", len);
		return 0;
	}
	if (tl_le32(data) != 0 || tl_le32(data + 4) != SST_MAGIC)
		report(&r, TL_ERROR, "bad-header", 0, 8,
		       "not a serialized store header (version %u, magic 0x%08x)",
		       tl_le32(data), tl_le32(data + 4));
	else {
		r.ahead = parse_ahead(data, len, store->model ? store->model->jobs : 0);
		read_elements(&r, 8, false);
		tl_parse_ahead_free(r.ahead);
	}
	free(r.ids);
	return r.added;
}

tl_entry *tl_blob_read(const uint8_t *data, size_t len, const tl_loc *where, tl_store *store,
		       tl_diags *d)
{
	reader r;
	size_t before, diags_before;

	memset(&r, 0, sizeof(r));
	r.data = data;
	r.len = len;
	r.where = *where;
	r.prefix = "blob";
	r.store = store;
	r.d = d;
	before = store->count;
	diags_before = tl_diags_count(d);
	if (len == 0)
		report(&r, TL_ERROR, "truncated", 0, 0, "empty serialized element");
	else
		read_elements(&r, 0, true);
	free(r.ids);
	if (store->count == before && len > 0 && tl_diags_count(d) == diags_before)
		report(&r, TL_ERROR, "no-context", 0, len,
		       "serialized element holds no certificate, CRL or CTL");
	return store->count > before ? store->entries[store->count - 1] : NULL;
}
