/* der.c: see der.h. */
#include "config.h"

#include "der.h"

#include <stdlib.h>

#include "util.h"

int tl_der_read(const uint8_t *p, size_t n, tl_der *out)
{
	size_t pos = 2, len;

	if (n < 2 || (p[0] & 0x1F) == 0x1F)
		return -1;
	if (p[1] < 0x80) {
		len = p[1];
	} else {
		unsigned k = p[1] & 0x7F, i;
		if (k == 0 || k > sizeof(size_t) || n - 2 < k)
			return -1;
		len = 0;
		for (i = 0; i < k; i++)
			len = len << 8 | p[2 + i];
		pos += k;
	}
	if (len > n - pos)
		return -1;
	out->tag = p[0];
	out->start = p;
	out->body = p + pos;
	out->body_len = len;
	out->total_len = pos + len;
	return 0;
}

char *tl_der_oid_text(const uint8_t *body, size_t len)
{
	tl_buf b = {0};
	uint64_t arc = 0;
	bool first = true;
	size_t i;

	if (len == 0)
		return NULL;
	for (i = 0; i < len; i++) {
		if (arc == 0 && body[i] == 0x80) /* non-minimal arc */
			goto bad;
		if (arc > (UINT64_MAX >> 7))
			goto bad;
		arc = arc << 7 | (body[i] & 0x7F);
		if (body[i] & 0x80)
			continue;
		if (first) {
			unsigned top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
			tl_buf_printf(&b, "%u.%llu", top, (unsigned long long)(arc - 40 * top));
			first = false;
		} else {
			tl_buf_printf(&b, ".%llu", (unsigned long long)arc);
		}
		arc = 0;
	}
	if (body[len - 1] & 0x80)
		goto bad;
	return tl_buf_steal(&b);
bad:
	tl_buf_free(&b);
	return NULL;
}

void tl_strv_free(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int tl_der_oid_list(const uint8_t *p, size_t n, char ***oids, size_t *count)
{
	tl_der seq, item;
	char **v = NULL;
	size_t cnt = 0, cap = 0, pos = 0;

	if (tl_der_read(p, n, &seq) != 0 || seq.tag != 0x30 || seq.total_len != n)
		return -1;
	while (pos < seq.body_len) {
		char *oid;
		if (tl_der_read(seq.body + pos, seq.body_len - pos, &item) != 0 || item.tag != 0x06)
			goto bad;
		oid = tl_der_oid_text(item.body, item.body_len);
		if (!oid)
			goto bad;
		tl_xgrow((void **)&v, &cap, cnt + 1, sizeof(char *));
		v[cnt++] = oid;
		pos += item.total_len;
	}
	*oids = v;
	*count = cnt;
	return 0;
bad:
	tl_strv_free(v, cnt);
	return -1;
}
