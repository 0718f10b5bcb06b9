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

/* Searching for line ends looks at 8 bytes at a time: the word tests
 * below say whether any of its 4 code units (UTF-16) or 8 bytes (8-bit)
 * is below 14, that is may be a NUL, LF or CR, and only then is the word
 * looked at unit by unit. A borrow runs only towards higher lanes, so the
 * lowest lane flagged is always a real one; lanes are little-endian. */
#define LOW_UNITS 0x000E000E000E000EULL
#define HIGH_UNITS 0x8000800080008000ULL
#define LOW_BYTES 0x0E0E0E0E0E0E0E0EULL
#define HIGH_BYTES 0x8080808080808080ULL

/* May the 8 bytes w hold a code unit (utf16) or a byte below 14? */
static bool has_control(uint64_t w, bool utf16)
{
	if (utf16)
		return ((w - LOW_UNITS) & ~w & HIGH_UNITS) != 0;
	return ((w - LOW_BYTES) & ~w & HIGH_BYTES) != 0;
}

/* The byte offset of the line end (its LF or CR, or lim) of the line at
 * start; *nul_at receives that of its first NUL unit, or the line end. */
static size_t line_end(const uint8_t *p, size_t start, size_t lim, bool utf16, size_t *nul_at)
{
	size_t i = start, step = utf16 ? 2 : 1;

	*nul_at = SIZE_MAX;
	for (;;) {
		while (i + 8 <= lim && !has_control(tl_le64(p + i), utf16))
			i += 8;
		if (i >= lim)
			break;
		if (!utf16 || p[i + 1] == 0) {
			if (p[i] == '\n' || p[i] == '\r')
				break;
			if (p[i] == 0 && *nul_at == SIZE_MAX)
				*nul_at = i;
		}
		i += step;
	}
	if (*nul_at == SIZE_MAX)
		*nul_at = i;
	return i;
}

/* Line ends are CRLF, LF or a lone CR (FORMATS.md 2). */
bool tl_regtext_next_line(tl_regtext *rd)
{
	const uint8_t *p = rd->data;
	size_t start = rd->pos, end, nul_at, i, n;
	uint16_t *out;

	rd->nul = false;
	if (start >= rd->lim)
		return false;
	end = line_end(p, start, rd->lim, rd->utf16, &nul_at);
	rd->nul = nul_at < end;
	if (rd->utf16) {
		n = (nul_at - start) / 2;
		reader_reserve(rd, n);
		out = rd->buf;
		for (i = 0; i < n; i++)
			out[i] = tl_le16(p + start + 2 * i);
		if (end < rd->lim) {
			if (p[end] == '\r' && end + 4 <= rd->lim && p[end + 2] == '\n' &&
			    p[end + 3] == 0)
				end += 2;
			end += 2;
		}
	} else {
		n = nul_at - start;
		reader_reserve(rd, n);
		out = rd->buf;
		for (i = 0; i < n; i++)
			out[i] = rd->ansi[p[start + i]];
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
