/* regvalue.h: the data of `.reg` value lines (FORMATS.md 2): quoted
 * strings and their escapes, `dword:`, `hex:` and `hex(N):` bytes, and the
 * bytes Windows stores for each.
 *
 * The parser (reg.c) reads the lines, keeps the key and value-line grammar
 * and reports; the functions here work on one line of UTF-16 code units
 * (NUL-terminated, n units long, as tl_regtext hands it out), never report,
 * and say where and why data is bad so that the parser can. Positions are
 * 0-based unit indexes into the line.
 *
 * Ownership: a tl_regvalue_str owns its units (tl_regvalue_str_free()).
 * Data goes into a tl_buf the caller owns. tl_regvalue_error.why is a
 * static string. */
#ifndef TL_REGVALUE_H
#define TL_REGVALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* What the data after `=` is, by its tag. Tags are case-sensitive:
 * regedit knows no other spelling. */
typedef enum tl_regvalue_form {
	TL_REGVALUE_EMPTY,   /* nothing */
	TL_REGVALUE_DELETE,  /* `-` */
	TL_REGVALUE_STRING,  /* `"text"` */
	TL_REGVALUE_DWORD,   /* `dword:` */
	TL_REGVALUE_BINARY,  /* `hex:` */
	TL_REGVALUE_TYPED,   /* `hex(N):` */
	TL_REGVALUE_UNKNOWN,
} tl_regvalue_form;

/* The form of the data at s[i]. *data receives where its function starts
 * reading: past the tag, except for TL_REGVALUE_TYPED, whose tag holds the
 * type number: i itself, for tl_regvalue_hex_type(). */
tl_regvalue_form tl_regvalue_form_at(const uint16_t *s, size_t i, size_t *data);

typedef enum tl_regvalue_status {
	TL_REGVALUE_OK,
	TL_REGVALUE_MORE, /* hex data ends in `\`: it continues on the next line */
	TL_REGVALUE_BAD,  /* Windows ignores the line (or drops the value); see the error */
} tl_regvalue_status;

/* Why data is bad, for the parser's message. */
typedef struct tl_regvalue_error {
	size_t at;       /* the unit the message points at */
	const char *why; /* lower-case start, no final period */
	bool found;      /* the message goes on with the line from at: " (found '...')" */
} tl_regvalue_error;

/* ---- quoted strings (value names and string data) */

typedef enum tl_regvalue_quote {
	TL_REGVALUE_QUOTE_OK,
	TL_REGVALUE_QUOTE_OPEN, /* no closing quote on the line */
	TL_REGVALUE_QUOTE_NUL,  /* `\0`: Windows ignores the line */
} tl_regvalue_quote;

typedef struct tl_regvalue_str {
	uint16_t *units;   /* the string, unescaped; not NUL-terminated */
	size_t n, cap;
	/* The first unknown escape since the caller last set esc_col to 0
	 * (one message a line, though a line may hold two strings): its
	 * backslash's 1-based column, 0 for none, and the character it
	 * stands for. */
	size_t esc_col;
	uint16_t esc_char;
} tl_regvalue_str;

/* Read the quoted string that starts at s[i], just after its opening
 * quote, into str. Escapes: `\\` and `\"`; `\0` invalidates the line; any
 * other `\x` is x (FORMATS.md 2). *after receives the index past the
 * closing quote, for QUOTE_NUL that of the backslash, for QUOTE_OPEN
 * where the line runs out. */
tl_regvalue_quote tl_regvalue_unquote(tl_regvalue_str *str, const uint16_t *s, size_t n,
				      size_t i, size_t *after);
void tl_regvalue_str_free(tl_regvalue_str *str);

/* ---- data; each sets *data to the bytes Windows stores on OK */

/* REG_SZ data as Windows stores it: the n units as UTF-16LE, then a NUL
 * unit. */
void tl_regvalue_set_sz(tl_buf *data, const uint16_t *u, size_t n);
/* `"text"` from s[i], just after the opening quote, to the end of the
 * line; str is scratch (its esc_col is kept up to date). */
tl_regvalue_status tl_regvalue_string(tl_buf *data, tl_regvalue_str *str, const uint16_t *s,
				      size_t n, size_t i, tl_regvalue_error *err);
/* What follows `=-` from s[i]: only blanks or a `;comment`. */
tl_regvalue_status tl_regvalue_delete(const uint16_t *s, size_t i, tl_regvalue_error *err);
/* `dword:` data from s[i]: 1 to 8 hex digits, stored as 4 bytes
 * little-endian. */
tl_regvalue_status tl_regvalue_dword(tl_buf *data, const uint16_t *s, size_t i,
				     tl_regvalue_error *err);
/* The type number of the `hex(N):` tag at s[tag]: N in hex up to ffffffff,
 * no `0x`. *bytes receives where the bytes start. */
tl_regvalue_status tl_regvalue_hex_type(const uint16_t *s, size_t tag, uint32_t *type,
					size_t *bytes, tl_regvalue_error *err);
/* Comma-separated bytes from s[i] (1-2 hex digits, blanks allowed before
 * each, trailing comma allowed), appended to data: the first line of a
 * hex value, and each continuation line. A `\` after a comma, followed by
 * blanks or a `;comment`, continues the data on the next line (MORE);
 * after the last byte only blanks or a `;comment` may follow. On BAD data
 * is emptied: Windows drops the whole value. */
tl_regvalue_status tl_regvalue_hex(tl_buf *data, const uint16_t *s, size_t n, size_t i,
				   tl_regvalue_error *err);

/* What tl_regvalue_finish_hex() found wrong with character data. */
typedef enum tl_regvalue_hex_note {
	TL_REGVALUE_HEX_CLEAN,
	TL_REGVALUE_HEX_UTF16_IN_ANSI, /* UTF-16LE bytes in an 8-bit file */
	TL_REGVALUE_HEX_ODD_LENGTH,    /* odd byte count in a UTF-16 file */
} tl_regvalue_hex_note;

/* Turn the bytes of a complete hex value of the given type into what
 * Windows stores. hex(1), hex(2) and hex(7) hold characters: 8-bit bytes
 * (utf16 false) are read through ansi (tl_regtext.ansi) into UTF-16LE;
 * one NUL is appended when the data does not end in one. Other types and
 * empty data are kept as they are. */
tl_regvalue_hex_note tl_regvalue_finish_hex(tl_buf *data, uint32_t type, bool utf16,
					    const uint16_t ansi[256]);

/* Does the line at s look like a stray hex continuation line (1-2 hex
 * digits, then a comma or the end)? */
bool tl_regvalue_is_hex_line(const uint16_t *s);

#endif
