/* diag.c: see diag.h. */
#include "config.h"

#include "diag.h"

#include <stdlib.h>
#include <string.h>

struct tl_diags {
	tl_diag *items;
	size_t count;
	size_t cap;
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
	free(d->items);
	free(d);
}

void tl_diag_vadd(tl_diags *d, tl_severity sev, const char *id, const tl_loc *loc,
		  const char *fmt, va_list ap)
{
	tl_diag *g;

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

/* A printable UTF-8 sequence: well formed and not a C1 control
 * (U+0080..U+009F can drive terminals too). 0 when it must be escaped. */
static size_t printable_utf8(const unsigned char *s)
{
	uint32_t cp = 0;
	size_t n = tl_utf8_len((const char *)s, &cp);

	return n && (cp < 0x80 || cp >= 0xA0) ? n : 0;
}

void tl_escape_text(tl_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n;

		if (*p == '\n') {
			tl_buf_adds(b, "\\n");
			p++;
		} else if (*p == '\t') {
			tl_buf_adds(b, "\\t");
			p++;
		} else if (*p == '\r') {
			tl_buf_adds(b, "\\r");
			p++;
		} else if (*p < 0x20 || *p == 0x7F) {
			tl_buf_printf(b, "\\x%02x", *p);
			p++;
		} else if ((n = printable_utf8(p)) == 0) {
			tl_buf_printf(b, "\\x%02x", *p);
			p++;
		} else {
			tl_buf_add(b, p, n);
			p += n;
		}
	}
}
