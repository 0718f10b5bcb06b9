/* regtext.c: the text layer of the `.reg` reader (FORMATS.md 2): decoding
 * (UTF-16LE with BOM, else Windows-1252), line splitting, and the helpers
 * the parser uses on UTF-16 lines. See regtext.h; the parser is reg.c.
 */
#include "config.h"

#include "formats/regtext.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* UTF-16 code units needed for n bytes of UTF-8 (for the registry limits,
 * which count UTF-16 characters). */
size_t tl_regtext_utf16_units(const char *s, size_t n)
{
	size_t i, units = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			units += c >= 0xF0 ? 2 : 1;
	}
	return units;
}

void tl_regtext_init(tl_regtext *rd, const uint8_t *data, size_t len)
{
	unsigned c;

	memset(rd, 0, sizeof(*rd));
	rd->data = data;
	rd->len = len;
	/* FORMATS.md 2: FF FE at the start means UTF-16LE, else 8-bit ANSI
	 * (read as Windows-1252). */
	rd->utf16 = len >= 2 && data[0] == 0xFF && data[1] == 0xFE;
	if (rd->utf16) {
		rd->pos = 2;
		rd->lim = len - (len - 2) % 2;
	} else {
		rd->lim = len;
		for (c = 0; c < 256; c++)
			rd->ansi[c] = (uint16_t)tl_cp1252_to_ucs((uint8_t)c);
	}
}

static void reader_reserve(tl_regtext *rd, size_t units)
{
	if (units >= SIZE_MAX / 2 - 1)
		tl_oom();
	tl_xgrow((void **)&rd->buf, &rd->cap, units + 1, sizeof(*rd->buf));
}

/* Line ends are CRLF, LF or a lone CR (FORMATS.md 2). */
bool tl_regtext_next_line(tl_regtext *rd)
{
	const uint8_t *p = rd->data;
	size_t start = rd->pos, end, i, n = 0;

	rd->nul = false;
	if (start >= rd->lim)
		return false;
	if (rd->utf16) {
		for (end = start; end < rd->lim; end += 2)
			if (p[end + 1] == 0 && (p[end] == '\n' || p[end] == '\r'))
				break;
		reader_reserve(rd, (end - start) / 2);
		for (i = start; i < end; i += 2) {
			uint16_t u = (uint16_t)(p[i] | p[i + 1] << 8);
			if (u == 0) {
				rd->nul = true;
				break;
			}
			rd->buf[n++] = u;
		}
		if (end < rd->lim) {
			if (p[end] == '\r' && end + 4 <= rd->lim && p[end + 2] == '\n' &&
			    p[end + 3] == 0)
				end += 2;
			end += 2;
		}
	} else {
		for (end = start; end < rd->lim; end++)
			if (p[end] == '\n' || p[end] == '\r')
				break;
		reader_reserve(rd, end - start);
		for (i = start; i < end; i++) {
			if (p[i] == 0) {
				rd->nul = true;
				break;
			}
			rd->buf[n++] = rd->ansi[p[i]];
		}
		if (end < rd->lim) {
			if (p[end] == '\r' && end + 1 < rd->lim && p[end + 1] == '\n')
				end++;
			end++;
		}
	}
	rd->buf[n] = 0;
	rd->n = n;
	rd->pos = end;
	rd->lineno++;
	return true;
}

bool tl_regtext_is_blank(uint16_t c)
{
	return c == ' ' || c == '\t';
}

size_t tl_regtext_skip_blanks(const uint16_t *s, size_t i)
{
	while (tl_regtext_is_blank(s[i]))
		i++;
	return i;
}

/* Does s start with the ASCII string lit (case-sensitive)? */
bool tl_regtext_has_prefix(const uint16_t *s, const char *lit)
{
	for (; *lit; s++, lit++)
		if (*s != (unsigned char)*lit)
			return false;
	return true;
}

bool tl_regtext_equals_ascii(const uint16_t *s, const char *lit)
{
	size_t n = strlen(lit);
	return tl_regtext_has_prefix(s, lit) && s[n] == 0;
}

/* Append n code units as UTF-8 (pairs joined, lone surrogates kept as
 * WTF-8 so nothing is lost). */
void tl_regtext_to_utf8(tl_buf *b, const uint16_t *s, size_t n)
{
	size_t i;

	tl_buf_reserve(b, n * 3);
	for (i = 0; i < n; i++) {
		uint32_t c = s[i];

		if (c < 0x80) {
			b->data[b->len++] = (char)c;
			continue;
		}
		if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && s[i + 1] >= 0xDC00 &&
		    s[i + 1] < 0xE000) {
			c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00u);
			i++;
		}
		tl_utf8_put(b, c);
	}
	b->data[b->len] = '\0';
}

void tl_regtext_put_unit(tl_buf *b, uint16_t u)
{
	b->data[b->len++] = (char)(u & 0xFF);
	b->data[b->len++] = (char)(u >> 8);
}

/* Shorten a UTF-8 string for a message, on a character boundary. */
const char *tl_regtext_clip(tl_buf *b, const char *s)
{
	size_t n = strlen(s);

	b->len = 0;
	if (n <= TL_REGTEXT_EXCERPT_MAX) {
		tl_buf_add(b, s, n);
	} else {
		n = TL_REGTEXT_EXCERPT_MAX;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		tl_buf_add(b, s, n);
		tl_buf_adds(b, "...");
	}
	return b->data;
}

void tl_regtext_free(tl_regtext *rd)
{
	free(rd->buf);
}
