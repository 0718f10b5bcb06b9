/* ini.c: cutting an INI file into lines (see ini.h). */
#include "config.h"

#include "base/ini.h"

#include <string.h>

void tl_ini_reader_init(tl_ini_reader *rd, const char *text, size_t len, size_t max_len,
			const char *blanks)
{
	memset(rd, 0, sizeof(*rd));
	rd->text = text;
	rd->len = len;
	rd->max_len = max_len;
	rd->blanks = blanks;
	tl_buf_reserve(&rd->line, 0);
}

void tl_ini_reader_free(tl_ini_reader *rd)
{
	tl_buf_free(&rd->line);
}

static bool is_blank(const tl_ini_reader *rd, char c)
{
	/* strchr() finds the terminator too */
	return c != '\0' && strchr(rd->blanks, c) != NULL;
}

tl_ini_status tl_ini_next(tl_ini_reader *rd, tl_ini_line *out)
{
	const char *start, *nl, *nul;
	size_t n, i;

	if (rd->pos >= rd->len)
		return TL_INI_END;
	if (rd->number == UINT32_MAX) {
		rd->pos = rd->len;
		return TL_INI_TOO_MANY;
	}
	start = rd->text + rd->pos;
	nl = memchr(start, '\n', rd->len - rd->pos);
	n = nl ? (size_t)(nl - start) : rd->len - rd->pos;
	rd->pos += n + (nl ? 1 : 0);
	rd->number++;
	if (n && start[n - 1] == '\r')
		n--;
	if (rd->number == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
		start += 3;
		n -= 3;
	}
	rd->line.len = 0;
	tl_buf_add(&rd->line, start, n);

	memset(out, 0, sizeof(*out));
	out->text = rd->line.data;
	out->len = n;
	out->number = rd->number;
	nul = memchr(out->text, '\0', n);
	out->nul = nul ? (size_t)(nul - out->text) : n;
	out->too_long = rd->max_len && n > rd->max_len;
	for (i = 0; is_blank(rd, out->text[i]); i++)
		;
	out->indent = i;
	switch (out->text[i]) {
	case '\0':
		out->kind = TL_INI_BLANK;
		break;
	case ';':
	case '#':
		out->kind = TL_INI_COMMENT;
		break;
	case '[':
		out->kind = TL_INI_SECTION;
		break;
	default:
		out->kind = TL_INI_TEXT;
		break;
	}
	return TL_INI_LINE;
}

uint32_t tl_ini_col(size_t off)
{
	return off >= UINT32_MAX ? 0 : (uint32_t)off + 1;
}
