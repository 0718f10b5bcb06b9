/* asn1.c: see asn1.h. */
#include "config.h"

#include "formats/asn1.h"

#include <stdlib.h>

#include "base/util.h"

int tl_asn1_read_alloc(asn1_node node, const char *name, uint8_t **out, size_t *out_len)
{
	int len = 0, rc;
	uint8_t *buf;

	*out = NULL;
	*out_len = 0;
	/* a NULL buffer asks for the size (ASN1_MEM_ERROR, or success for an
	 * empty value) */
	rc = asn1_read_value(node, name, NULL, &len);
	if (rc != ASN1_MEM_ERROR && rc != ASN1_SUCCESS)
		return rc;
	if (len < 0)
		return ASN1_GENERIC_ERROR;
	buf = tl_xmalloc((size_t)len + 1);
	rc = asn1_read_value(node, name, buf, &len);
	if (rc != ASN1_SUCCESS) {
		free(buf);
		return rc;
	}
	buf[len] = 0;
	*out = buf;
	*out_len = (size_t)len;
	return ASN1_SUCCESS;
}
