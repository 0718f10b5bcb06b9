/* regtext.h: the text layer of the `.reg` reader (FORMATS.md 2).
 *
 * A tl_regtext hands the parser (reg.c) one line at a time as UTF-16 code
 * units, whatever the file's encoding: UTF-16LE after an FF FE byte order
 * mark, else 8-bit read as Windows-1252. Lines end at CRLF, LF or a lone
 * CR. The helpers below work on such lines.
 *
 * Ownership: a tl_regtext borrows the input bytes, which must outlive it,
 * and owns its line buffer; tl_regtext_free() frees the buffer only. */
#ifndef TL_REGTEXT_H
#define TL_REGTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Longest excerpt of the input quoted in a message, in bytes. */
#define TL_REGTEXT_EXCERPT_MAX 60

/* One line at a time, as UTF-16 code units, NUL-terminated. */
typedef struct tl_regtext {
	const uint8_t *data;
	size_t len;
	size_t pos;     /* byte offset of the next line */
	size_t lim;     /* end of the last whole code unit */
	bool utf16;
	uint32_t lineno;
	uint16_t *buf;
	size_t n;
	size_t cap;
	bool nul;       /* the line held a NUL and was cut there */
	uint16_t ansi[256];
} tl_regtext;

void tl_regtext_init(tl_regtext *rd, const uint8_t *data, size_t len);
/* Read the next line into buf (n units, NUL-terminated; cut at a NUL in
 * the input, with nul set) and count it in lineno. false at the end. */
bool tl_regtext_next_line(tl_regtext *rd);
void tl_regtext_free(tl_regtext *rd);

/* Inline: the value parser calls these for every byte of hex data. */
static inline bool tl_regtext_is_blank(uint16_t c) /* space or tab */
{
	return c == ' ' || c == '\t';
}
/* Index of the first non-blank unit of s at or after i. */
static inline size_t tl_regtext_skip_blanks(const uint16_t *s, size_t i)
{
	while (tl_regtext_is_blank(s[i]))
		i++;
	return i;
}
/* Does s start with the ASCII string lit (case-sensitive)? */
bool tl_regtext_has_prefix(const uint16_t *s, const char *lit);
/* Is s (NUL-terminated) exactly lit? */
bool tl_regtext_equals_ascii(const uint16_t *s, const char *lit);
/* Append n code units to b as UTF-8 (pairs joined, lone surrogates kept
 * as WTF-8 so nothing is lost), NUL-terminated. */
void tl_regtext_to_utf8(tl_buf *b, const uint16_t *s, size_t n);
/* Append one code unit to b as UTF-16LE; b must have 2 bytes reserved. */
void tl_regtext_put_unit(tl_buf *b, uint16_t u);
/* s shortened to TL_REGTEXT_EXCERPT_MAX bytes on a character boundary,
 * with "..." when cut, for a message. Returns b's data (b is reused). */
const char *tl_regtext_clip(tl_buf *b, const char *s);
/* UTF-16 code units needed for n bytes of UTF-8 (the registry limits count
 * UTF-16 characters). */
size_t tl_regtext_utf16_units(const char *s, size_t n);

#endif
