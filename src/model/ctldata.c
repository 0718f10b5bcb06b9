/* ctldata.c: see ctldata.h. */
#include "config.h"

#include "model/ctldata.h"

#include <stdlib.h>

#include "base/util.h"

void tl_ctl_free(tl_ctl *ctl)
{
	size_t i, j, k;

	if (!ctl)
		return;
	tl_strv_free(ctl->usage, ctl->usage_count);
	free(ctl->list_id);
	free(ctl->sequence);
	free(ctl->subject_alg);
	for (i = 0; i < ctl->subject_count; i++) {
		tl_ctl_subject *s = &ctl->subjects[i];
		for (j = 0; j < s->attr_count; j++) {
			tl_ctl_attr *a = &s->attrs[j];
			for (k = 0; k < a->value_count; k++)
				free(a->values[k]);
			free(a->values);
			free(a->value_lens);
			free(a->oid);
		}
		free(s->attrs);
		free(s->id);
	}
	free(ctl->subjects);
	free(ctl);
}

/* CertSetCTLContextProperty writes the list identifier as a NUL-terminated
 * UTF-16LE string; anything else (Wine's 0x01, catalog GUIDs) is shown in
 * hex. */
char *tl_ctl_list_id_text(const tl_ctl *ctl)
{
	const uint8_t *p;
	size_t n, i;

	if (!ctl || !ctl->list_id)
		return NULL;
	p = ctl->list_id;
	n = ctl->list_id_len;
	if (n < 4 || n % 2 != 0 || tl_le16(p + n - 2) != 0)
		goto hex;
	for (i = 0; i + 2 < n; i += 2) {
		uint16_t u = tl_le16(p + i);
		if (u < 0x20 || u == 0x7F)
			goto hex; /* NUL before the end, or a control character */
		if (u >= 0xD800 && u <= 0xDBFF) {
			uint16_t lo = i + 4 < n ? tl_le16(p + i + 2) : 0;
			if (lo < 0xDC00 || lo > 0xDFFF)
				goto hex;
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			goto hex;
		}
	}
	return tl_utf16le_to_utf8(p, n, true);
hex:
	return tl_xhex(p, n, true);
}
