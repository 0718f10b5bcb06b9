/* json.c: see json.h. */
#include "config.h"

#include "base/json.h"

#include <stdlib.h>
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

#define TL_JSON_LAYOUT (JSON_PRESERVE_ORDER | JSON_INDENT(2))

int tl_json_dump_nested(const json_t *v, int indent, FILE *out)
{
	char *text = json_dumps(v, TL_JSON_LAYOUT | JSON_ENCODE_ANY | tl_json_flags());
	const char *p, *nl;
	int rc = 0;

	if (!text)
		return -1;
	for (p = text; (nl = strchr(p, '\n')); p = nl + 1) {
		if (fwrite(p, 1, (size_t)(nl - p) + 1, out) != (size_t)(nl - p) + 1 ||
		    fprintf(out, "%*s", indent, "") < 0)
			rc = -1;
	}
	if (fputs(p, out) == EOF)
		rc = -1;
	free(text);
	return rc;
}

/* NUL first: see tl_json_slot() in json.h. */
static const char slot_text[] = "\0trustlint-stream-slot";
/* How jansson writes it. */
static const char slot_dumped[] = "\"\\u0000trustlint-stream-slot\"";

json_t *tl_json_slot(void)
{
	return json_stringn(slot_text, sizeof(slot_text) - 1);
}

void tl_json_stream_open(tl_json_stream *s, const json_t *doc, FILE *out)
{
	char *at, *line;

	memset(s, 0, sizeof(*s));
	s->out = out;
	s->text = json_dumps(doc, TL_JSON_LAYOUT | JSON_ENCODE_ANY | tl_json_flags());
	at = s->text ? strstr(s->text, slot_dumped) : NULL;
	if (!at) {
		s->rc = -1;
		s->rest = "";
		return;
	}
	s->rest = at + strlen(slot_dumped);
	/* the array's elements go one level deeper than the line that
	 * opens it */
	for (line = at; line > s->text && line[-1] != '\n'; line--)
		;
	while (line[s->indent] == ' ')
		s->indent++;
	if (fwrite(s->text, 1, (size_t)(at - s->text), out) != (size_t)(at - s->text) ||
	    fputc('[', out) == EOF)
		s->rc = -1;
}

void tl_json_stream_add(tl_json_stream *s, json_t *item)
{
	/* after a failed write (a closed pipe) the rest is not dumped at all */
	if (s->rc == 0 && (fprintf(s->out, "%s\n%*s", s->count ? "," : "", s->indent + 2, "") < 0 ||
			   tl_json_dump_nested(item, s->indent + 2, s->out) != 0))
		s->rc = -1;
	s->count++;
	json_decref(item);
}

int tl_json_stream_close(tl_json_stream *s)
{
	int rc = s->rc;

	if (s->count && fprintf(s->out, "\n%*s", s->indent, "") < 0)
		rc = -1;
	if (fputc(']', s->out) == EOF || fputs(s->rest, s->out) == EOF || fputc('\n', s->out) == EOF)
		rc = -1;
	free(s->text);
	memset(s, 0, sizeof(*s));
	return rc;
}
