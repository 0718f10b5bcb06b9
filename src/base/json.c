/* json.c: see json.h. */
#include "config.h"

#include "base/json.h"

#include <string.h>

#include "base/util.h"

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
		size_t n = tl_utf8_len((const char *)p, NULL);
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

json_t *tl_json_strv(char *const *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, tl_json_str(v[i]));
	return a;
}

int tl_json_dump_line(const json_t *v, FILE *out)
{
	if (json_dumpf(v, out, JSON_PRESERVE_ORDER | tl_json_flags()) != 0)
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

static size_t extra_flags;

size_t tl_json_flags(void)
{
	return extra_flags;
}

void tl_json_set_terminal(int terminal)
{
	extra_flags = terminal ? JSON_ENSURE_ASCII : 0;
}
