/* regvalue.c: the data of `.reg` value lines (FORMATS.md 2): quoted
 * strings and their escapes, `dword:`, `hex:` and `hex(N):` bytes, and the
 * bytes Windows stores for each. See regvalue.h; the parser that reports
 * what these functions find is reg.c.
 */
#include "config.h"

#include "formats/regvalue.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "formats/regtext.h"
#include "model/registry.h"

/* The value of a hex digit, -1 for any other unit. A table, because hex
 * data is most of a registry export and every digit goes through here. */
#define HEX_OF(c)                                                              \
	((c) >= '0' && (c) <= '9' ? (c) - '0' :                                \
	 (c) >= 'a' && (c) <= 'f' ? (c) - 'a' + 10 :                           \
	 (c) >= 'A' && (c) <= 'F' ? (c) - 'A' + 10 : -1)
#define HEX_ROW(r)                                                             \
	HEX_OF(r + 0), HEX_OF(r + 1), HEX_OF(r + 2), HEX_OF(r + 3), HEX_OF(r + 4),  \
	HEX_OF(r + 5), HEX_OF(r + 6), HEX_OF(r + 7), HEX_OF(r + 8), HEX_OF(r + 9), \
	HEX_OF(r + 10), HEX_OF(r + 11), HEX_OF(r + 12), HEX_OF(r + 13),            \
	HEX_OF(r + 14), HEX_OF(r + 15)
static const int8_t hex_digit[256] = {
	HEX_ROW(0x00), HEX_ROW(0x10), HEX_ROW(0x20), HEX_ROW(0x30),
	HEX_ROW(0x40), HEX_ROW(0x50), HEX_ROW(0x60), HEX_ROW(0x70),
	HEX_ROW(0x80), HEX_ROW(0x90), HEX_ROW(0xA0), HEX_ROW(0xB0),
	HEX_ROW(0xC0), HEX_ROW(0xD0), HEX_ROW(0xE0), HEX_ROW(0xF0),
};

static int hex_value(uint16_t c)
{
	return c < 256 ? hex_digit[c] : -1;
}

tl_regvalue_form tl_regvalue_form_at(const uint16_t *s, size_t i, size_t *data)
{
	*data = i;
	if (s[i] == 0)
		return TL_REGVALUE_EMPTY;
	if (s[i] == '-') {
		*data = i + 1;
		return TL_REGVALUE_DELETE;
	}
	if (s[i] == '"') {
		*data = i + 1;
		return TL_REGVALUE_STRING;
	}
	if (tl_regtext_has_prefix(s + i, "dword:")) {
		*data = i + 6;
		return TL_REGVALUE_DWORD;
	}
	if (tl_regtext_has_prefix(s + i, "hex:")) {
		*data = i + 4;
		return TL_REGVALUE_BINARY;
	}
	if (tl_regtext_has_prefix(s + i, "hex("))
		return TL_REGVALUE_TYPED;
	return TL_REGVALUE_UNKNOWN;
}

static tl_regvalue_status bad(tl_regvalue_error *err, size_t at, const char *why, bool found)
{
	err->at = at;
	err->why = why;
	err->found = found;
	return TL_REGVALUE_BAD;
}

/* After data, only blanks or a `;comment` may follow; *at receives the
 * first unit that is neither a blank nor the end. */
static bool rest_is_comment(const uint16_t *s, size_t i, size_t *at)
{
	*at = tl_regtext_skip_blanks(s, i);
	return s[*at] == 0 || s[*at] == ';';
}

tl_regvalue_quote tl_regvalue_unquote(tl_regvalue_str *str, const uint16_t *s, size_t n,
				      size_t i, size_t *after)
{
	if (n >= SIZE_MAX / 2 - 1)
		tl_oom();
	tl_xgrow((void **)&str->units, &str->cap, n - i + 1, sizeof(*str->units));
	str->n = 0;
	for (;;) {
		uint16_t c = s[i];

		if (c == 0) {
			*after = i;
			return TL_REGVALUE_QUOTE_OPEN;
		}
		if (c == '"') {
			*after = i + 1;
			return TL_REGVALUE_QUOTE_OK;
		}
		if (c == '\\') {
			c = s[i + 1];
			if (c == 0) {
				*after = i;
				return TL_REGVALUE_QUOTE_OPEN;
			}
			if (c == '0') {
				*after = i;
				return TL_REGVALUE_QUOTE_NUL;
			}
			if (c != '\\' && c != '"' && !str->esc_col) {
				str->esc_col = i + 1;
				str->esc_char = c;
			}
			i++;
		}
		str->units[str->n++] = c;
		i++;
	}
}

void tl_regvalue_str_free(tl_regvalue_str *str)
{
	if (!str)
		return;
	free(str->units);
	memset(str, 0, sizeof(*str));
}

void tl_regvalue_set_sz(tl_buf *data, const uint16_t *u, size_t n)
{
	size_t i;

	if (n >= SIZE_MAX / 2 - 2)
		tl_oom();
	data->len = 0;
	tl_buf_reserve(data, 2 * n + 2);
	for (i = 0; i < n; i++)
		tl_regtext_put_unit(data, u[i]);
	tl_regtext_put_unit(data, 0);
	data->data[data->len] = '\0';
}

tl_regvalue_status tl_regvalue_string(tl_buf *data, tl_regvalue_str *str, const uint16_t *s,
				      size_t n, size_t i, tl_regvalue_error *err)
{
	tl_regvalue_quote st;
	size_t after, at;

	st = tl_regvalue_unquote(str, s, n, i, &after);
	if (st == TL_REGVALUE_QUOTE_OPEN)
		return bad(err, i - 1,
			   "string data has no closing quote (a string cannot continue on the next line)",
			   false);
	if (st == TL_REGVALUE_QUOTE_NUL)
		return bad(err, after,
			   "the escape backslash-zero in string data makes Windows ignore the line",
			   false);
	if (!rest_is_comment(s, after, &at))
		return bad(err, at, "only blanks or a ';' comment may follow a string", true);
	tl_regvalue_set_sz(data, str->units, str->n);
	return TL_REGVALUE_OK;
}

tl_regvalue_status tl_regvalue_delete(const uint16_t *s, size_t i, tl_regvalue_error *err)
{
	size_t at;

	if (!rest_is_comment(s, i, &at))
		return bad(err, at, "only blanks or a ';' comment may follow '=-'", true);
	return TL_REGVALUE_OK;
}

tl_regvalue_status tl_regvalue_dword(tl_buf *data, const uint16_t *s, size_t i,
				     tl_regvalue_error *err)
{
	uint32_t v = 0;
	size_t n = 0, at;
	uint8_t le[4];

	i = tl_regtext_skip_blanks(s, i);
	while (hex_value(s[i + n]) >= 0) {
		v = v << 4 | (uint32_t)hex_value(s[i + n]);
		n++;
	}
	if (n == 0)
		return bad(err, i, "'dword:' needs 1 to 8 hex digits", false);
	if (n > 8)
		return bad(err, i, "more than 8 hex digits after 'dword:'", false);
	if (!rest_is_comment(s, i + n, &at))
		return bad(err, at, "only blanks or a ';' comment may follow a dword", true);
	le[0] = (uint8_t)v;
	le[1] = (uint8_t)(v >> 8);
	le[2] = (uint8_t)(v >> 16);
	le[3] = (uint8_t)(v >> 24);
	data->len = 0;
	tl_buf_add(data, le, 4);
	return TL_REGVALUE_OK;
}

tl_regvalue_status tl_regvalue_hex_type(const uint16_t *s, size_t tag, uint32_t *type,
					size_t *bytes, tl_regvalue_error *err)
{
	uint64_t v = 0;
	size_t j = tag + 4;

	while (hex_value(s[j]) >= 0) {
		v = v << 4 | (uint64_t)hex_value(s[j]);
		if (v > 0xFFFFFFFFu)
			return bad(err, tag, "type number in 'hex(...)' is larger than ffffffff", false);
		j++;
	}
	if (j == tag + 4 || s[j] != ')' || s[j + 1] != ':')
		return bad(err, tag, "malformed type: expected 'hex(N):' with N in hex", true);
	*type = (uint32_t)v;
	*bytes = j + 2;
	return TL_REGVALUE_OK;
}

tl_regvalue_status tl_regvalue_hex(tl_buf *data, const uint16_t *s, size_t n, size_t i,
				   tl_regvalue_error *err)
{
	tl_regvalue_status st;
	const char *why;
	uint8_t *out;
	int hi, lo;

	tl_buf_reserve(data, (n - i + 1) / 2 + 1);
	out = (uint8_t *)data->data + data->len;
	for (;;) {
		i = tl_regtext_skip_blanks(s, i);
		hi = hex_value(s[i]);
		if (hi < 0) {
			/* The end, a comment or a continuation: none is a digit. */
			if (s[i] == 0 || s[i] == ';') {
				st = TL_REGVALUE_OK;
				break;
			}
			if (s[i] == '\\') {
				i = tl_regtext_skip_blanks(s, i + 1);
				if (s[i] == 0 || s[i] == ';') {
					st = TL_REGVALUE_MORE;
					break;
				}
				why = "only blanks or a ';' comment may follow the continuation backslash";
				goto malformed;
			}
			why = s[i] == ',' ? "empty byte between two commas" : "expected a hex byte";
			goto malformed;
		}
		lo = hex_value(s[++i]);
		if (lo >= 0) {
			hi = hi << 4 | lo;
			if (hex_value(s[++i]) >= 0) {
				why = "more than 2 hex digits in a byte";
				goto malformed;
			}
		}
		*out++ = (uint8_t)hi;
		if (s[i] == ',') {
			i++;
			continue;
		}
		i = tl_regtext_skip_blanks(s, i);
		if (s[i] == 0 || s[i] == ';') {
			st = TL_REGVALUE_OK;
			break;
		}
		why = s[i] == '\\' ? "the continuation backslash must follow a comma" :
				     "expected ',' after a byte";
		goto malformed;
	}
	data->len = (size_t)(out - (uint8_t *)data->data);
	data->data[data->len] = '\0';
	return st;
malformed:
	data->len = 0;
	return bad(err, i, why, false);
}

/* Every second byte zero: UTF-16LE text (of Latin characters). */
static bool looks_utf16(const uint8_t *b, size_t n)
{
	size_t i;
	bool text = false;

	if (n < 4 || n % 2)
		return false;
	for (i = 0; i < n; i += 2) {
		if (b[i + 1])
			return false;
		text |= b[i] != 0;
	}
	return text;
}

tl_regvalue_hex_note tl_regvalue_finish_hex(tl_buf *data, uint32_t type, bool utf16,
					    const uint16_t ansi[256])
{
	tl_regvalue_hex_note note = TL_REGVALUE_HEX_CLEAN;
	size_t i, n = data->len;
	uint8_t *b;
	bool nul_ended;

	/* FORMATS.md 2: hex(1), hex(2) and hex(7) hold characters: ANSI in
	 * an 8-bit file (stored converted to UTF-16), UTF-16LE in a UTF-16
	 * file; one NUL is appended when the data does not end in one. Empty
	 * data stays empty (as in Wine; unverified). */
	if ((type != TL_REG_SZ && type != TL_REG_EXPAND_SZ && type != TL_REG_MULTI_SZ) || n == 0)
		return note;
	if (utf16) {
		/* Unverified: an odd byte count is padded to whole code units
		 * before the NUL check. */
		if (n % 2) {
			note = TL_REGVALUE_HEX_ODD_LENGTH;
			tl_buf_addc(data, 0);
		}
		if (data->data[data->len - 1] || data->data[data->len - 2])
			tl_buf_add(data, "\0", 2);
		return note;
	}
	/* A UTF-16 export saved as ANSI keeps its bytes. */
	if (looks_utf16((const uint8_t *)data->data, n))
		note = TL_REGVALUE_HEX_UTF16_IN_ANSI;
	if (n >= SIZE_MAX / 2 - 2)
		tl_oom();
	tl_buf_reserve(data, n + 2);
	b = (uint8_t *)data->data;
	nul_ended = b[n - 1] == 0;
	/* Widened in place from the end: unit i lands at 2i and 2i + 1, at
	 * or after byte i, so no byte is overwritten before it is read. */
	for (i = n; i-- > 0;) {
		uint16_t u = ansi[b[i]];

		b[2 * i] = (uint8_t)(u & 0xFF);
		b[2 * i + 1] = (uint8_t)(u >> 8);
	}
	data->len = 2 * n;
	if (!nul_ended)
		tl_regtext_put_unit(data, 0);
	data->data[data->len] = '\0';
	return note;
}

bool tl_regvalue_is_hex_line(const uint16_t *s)
{
	size_t i = hex_value(s[0]) < 0 ? 0 : hex_value(s[1]) < 0 ? 1 : 2;

	return i && (s[i] == ',' || s[i] == 0);
}
