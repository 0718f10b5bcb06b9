/* asn1.h: what ctl.c and pkcs7.c share of libtasn1: the compiled
 * src/formats/ctl.asn module and a value reader that sizes its own buffer. */
#ifndef TL_ASN1_H
#define TL_ASN1_H

#include <libtasn1.h>
#include <stddef.h>
#include <stdint.h>

/* The compiled src/formats/ctl.asn (src/ctl_asn1tab.c, `make regen-asn1`). */
extern const asn1_static_node tl_ctl_asn1_tab[];

/* Read the value at name into a new buffer of the exact size, NUL-terminated
 * one byte past *out_len so text values can be used as strings. Returns
 * libtasn1's code; on failure *out is NULL. free() the buffer. */
int tl_asn1_read_alloc(asn1_node node, const char *name, uint8_t **out, size_t *out_len);

#endif
