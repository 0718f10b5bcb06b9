/* json.c: see json.h. */
#include "config.h"

#include "json.h"

#include <stdint.h>
#include <string.h>

#include "util.h"

static size_t utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

json_t *tl_json_str(const char *s)
{
	const unsigned char *p;
	tl_buf b = {0};
	json_t *j;

	if (!s)
		return json_null();
	j = json_string(s);
	if (j)
		return j;
	for (p = (const unsigned char *)s; *p;) {
		size_t n = utf8_len(p);
		if (n == 0) {
			tl_buf_adds(&b, "\xEF\xBF\xBD");
			p++;
		} else {
			tl_buf_add(&b, p, n);
			p += n;
		}
	}
	j = json_string(b.data ? b.data : "");
	tl_buf_free(&b);
	return j ? j : json_string("");
}

int tl_json_dump_line(const json_t *v, FILE *out)
{
	if (json_dumpf(v, out, JSON_PRESERVE_ORDER) != 0)
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}
