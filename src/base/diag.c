/* diag.c: see diag.h. */
#include "config.h"

#include "base/diag.h"

#include <stdlib.h>
#include <string.h>

/* How many diagnostics of one id one file has had, for the limit. */
struct tally {
	char *file; /* NULL for none */
	char *id;
	tl_severity sev;  /* of the first one */
	size_t seen;      /* all of them */
	size_t summarized; /* held back and already summarized */
};

struct tl_diags {
	tl_diag *items;
	size_t count;
	size_t cap;
	size_t limit; /* per file and id; 0: none */
	struct tally *tally; /* open addressing, tally_cap a power of two */
	size_t tally_count, tally_cap;
};

const char *tl_severity_name(tl_severity sev)
{
	switch (sev) {
	case TL_ERROR:
		return "error";
	case TL_WARNING:
		return "warning";
	case TL_NOTE:
		return "note";
	}
	return "error";
}

tl_diags *tl_diags_new(void)
{
	return tl_xcalloc(1, sizeof(tl_diags));
}

void tl_diags_free(tl_diags *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->count; i++) {
		free(d->items[i].id);
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	for (i = 0; i < d->tally_cap; i++) {
		free(d->tally[i].file);
		free(d->tally[i].id);
	}
	free(d->tally);
	free(d->items);
	free(d);
}

void tl_diags_set_limit(tl_diags *d, size_t limit)
{
	d->limit = limit;
}

static uint64_t tally_hash(const char *file, const char *id)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	const unsigned char *p;

	for (p = (const unsigned char *)(file ? file : ""); *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	h = (h ^ (file ? 1u : 2u)) * 1099511628211ULL;
	for (p = (const unsigned char *)id; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

static bool same_file(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static struct tally *tally_slot(struct tally *t, size_t cap, const char *file, const char *id)
{
	size_t i = (size_t)tally_hash(file, id) & (cap - 1);

	while (t[i].id && !(same_file(t[i].file, file) && strcmp(t[i].id, id) == 0))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

/* The tally of (file, id), made on first use. */
static struct tally *tally_of(tl_diags *d, const char *file, const char *id, tl_severity sev)
{
	struct tally *t;

	if (2 * (d->tally_count + 1) > d->tally_cap) {
		size_t ncap = d->tally_cap ? 2 * d->tally_cap : 64, i;
		struct tally *nt = tl_xcalloc(ncap, sizeof(*nt));

		for (i = 0; i < d->tally_cap; i++)
			if (d->tally[i].id)
				*tally_slot(nt, ncap, d->tally[i].file, d->tally[i].id) = d->tally[i];
		free(d->tally);
		d->tally = nt;
		d->tally_cap = ncap;
	}
	t = tally_slot(d->tally, d->tally_cap, file, id);
	if (!t->id) {
		t->file = file ? tl_xstrdup(file) : NULL;
		t->id = tl_xstrdup(id);
		t->sev = sev;
		d->tally_count++;
	}
	return t;
}

void tl_diag_vadd(tl_diags *d, tl_severity sev, const char *id, const tl_loc *loc,
		  const char *fmt, va_list ap)
{
	tl_diag *g;

	if (d->limit) {
		struct tally *t = tally_of(d, loc ? loc->file : NULL, id, sev);
		if (++t->seen > d->limit)
			return;
	}
	tl_xgrow((void **)&d->items, &d->cap, d->count + 1, sizeof(tl_diag));
	g = &d->items[d->count++];
	g->sev = sev;
	g->id = tl_xstrdup(id);
	if (loc) {
		g->loc = *loc;
	} else {
		memset(&g->loc, 0, sizeof(g->loc));
	}
	g->file = g->loc.file ? tl_xstrdup(g->loc.file) : NULL;
	g->loc.file = g->file;
	g->msg = tl_xvasprintf(fmt, ap);
}

void tl_diag_add(tl_diags *d, tl_severity sev, const char *id, const tl_loc *loc,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tl_diag_vadd(d, sev, id, loc, fmt, ap);
	va_end(ap);
}

size_t tl_diags_count(const tl_diags *d)
{
	return d->count;
}

const tl_diag *tl_diags_at(const tl_diags *d, size_t i)
{
	return i < d->count ? &d->items[i] : NULL;
}

void tl_diags_summarize(tl_diags *d)
{
	size_t i, limit = d->limit;

	/* in first-seen order would need another list; by file and id is
	 * stable too, and findings are sorted by the reports anyway */
	for (i = 0; i < d->tally_cap; i++) {
		struct tally *t = &d->tally[i];
		size_t held;
		tl_loc loc;

		if (!t->id || t->seen <= limit + t->summarized)
			continue;
		held = t->seen - limit - t->summarized;
		t->summarized += held;
		loc = tl_loc_file(t->file);
		d->limit = 0; /* the summary itself is never held back */
		tl_diag_add(d, t->sev, t->id, &loc,
			    "... and %zu more like this in this input (only the first %zu are listed)",
			    held, limit);
		d->limit = limit;
	}
}

size_t tl_diags_count_sev(const tl_diags *d, tl_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < d->count; i++)
		n += d->items[i].sev == sev;
	return n;
}

void tl_loc_format(const tl_loc *loc, tl_buf *b)
{
	tl_escape_text(b, loc->file ? loc->file : "-");
	switch (loc->kind) {
	case TL_LOC_NONE:
		break;
	case TL_LOC_LINE:
		tl_buf_printf(b, ":%u", (unsigned)loc->line);
		if (loc->col)
			tl_buf_printf(b, ":%u", (unsigned)loc->col);
		break;
	case TL_LOC_OFFSET:
		tl_buf_printf(b, ":0x%08llx", (unsigned long long)loc->offset);
		break;
	}
}

void tl_diag_format(const tl_diag *diag, tl_buf *b)
{
	tl_loc_format(&diag->loc, b);
	tl_buf_printf(b, ": %s: ", tl_severity_name(diag->sev));
	tl_escape_text(b, diag->msg);
	tl_buf_printf(b, " [%s]", diag->id);
}

bool tl_is_invisible(uint32_t cp)
{
	/* Unicode 15 general category Cf, with the Zl/Zp separators and the
	 * two noncharacters that end a BMP plane. Arabic number signs
	 * (U+0600-0605, U+06DD, U+08E2) and U+110BD are Cf but visible marks;
	 * they print as they are. */
	static const uint32_t ranges[][2] = {
		{0x00AD, 0x00AD},   /* soft hyphen */
		{0x061C, 0x061C},   /* Arabic letter mark (bidi) */
		{0x070F, 0x070F},   /* Syriac abbreviation mark */
		{0x180E, 0x180E},   /* Mongolian vowel separator */
		{0x200B, 0x200F},   /* zero-width space/joiners, LRM, RLM */
		{0x2028, 0x202E},   /* line/paragraph separators, LRE..RLO */
		{0x2060, 0x2064},   /* word joiner, invisible operators */
		{0x2066, 0x206F},   /* LRI..PDI, deprecated format characters */
		{0xFEFF, 0xFEFF},   /* zero-width no-break space (BOM) */
		{0xFFF9, 0xFFFB},   /* interlinear annotation */
		{0xFFFE, 0xFFFF},
		{0x13430, 0x1343F}, /* Egyptian hieroglyph format controls */
		{0x1BCA0, 0x1BCA3}, /* shorthand format controls */
		{0x1D173, 0x1D17A}, /* musical symbol format characters */
		{0xE0001, 0xE0001}, /* language tag */
		{0xE0020, 0xE007F}, /* tag characters */
	};
	size_t i;

	for (i = 0; i < TL_ARRAY_LEN(ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

void tl_escape_textn(tl_buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	tl_buf_reserve(b, len);
	b->data[b->len] = '\0';
	while (p < end) {
		uint32_t cp = 0;
		size_t n = 0;

		if (*p == '\n') {
			tl_buf_adds(b, "\\n");
			p++;
			continue;
		}
		if (*p == '\t') {
			tl_buf_adds(b, "\\t");
			p++;
			continue;
		}
		if (*p == '\r') {
			tl_buf_adds(b, "\\r");
			p++;
			continue;
		}
		if (*p >= 0x20 && *p < 0x7F) {
			const unsigned char *q = p + 1;

			/* a run of printable ASCII, the common case, at once */
			while (q < end && *q >= 0x20 && *q < 0x7F)
				q++;
			tl_buf_add(b, p, (size_t)(q - p));
			p = q;
			continue;
		}
		/* a multi-byte sequence must lie inside the n bytes: tl_utf8_len
		 * stops at a NUL, and the bytes after it are checked to be
		 * continuation bytes, so it never reads past end */
		if (*p >= 0xC2 && (size_t)(end - p) >= 2) {
			size_t need = *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
			if ((size_t)(end - p) >= need) {
				char tmp[5] = {0};
				memcpy(tmp, p, need);
				n = tl_utf8_len(tmp, &cp);
			}
		}
		if (n == 0 || (cp >= 0x80 && cp < 0xA0)) {
			/* C0 (NUL included), DEL, C1 and bytes that are not UTF-8 */
			tl_buf_printf(b, "\\x%02x", *p);
			p++;
		} else if (tl_is_invisible(cp)) {
			tl_buf_printf(b, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
			p += n;
		} else {
			tl_buf_add(b, p, n);
			p += n;
		}
	}
}

void tl_escape_text(tl_buf *b, const char *s)
{
	tl_escape_textn(b, s ? s : "", s ? strlen(s) : 0);
}

char *tl_escaped(const char *s)
{
	tl_buf b = {0};

	tl_escape_text(&b, s);
	return tl_buf_steal(&b);
}
