/* pem.h: our own PEM splitter (FORMATS.md 4).
 *
 * gnutls_x509_crt_list_import2() rejects a whole bundle for one bad block and
 * gives no position, so blocks are found here: text before, between and
 * after blocks is allowed (openssl -text dumps), each block is located by
 * the line of its BEGIN marker, and one bad block never loses the others.
 *
 * Ownership: tl_pem_blocks owns its blocks, their labels and DER bytes. */
#ifndef TL_PEM_H
#define TL_PEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/util.h"

typedef struct tl_pem_block {
	char *label;     /* "CERTIFICATE", "X509 CRL", "PKCS7", ... */
	uint8_t *der;    /* decoded base64 */
	size_t der_len;
	uint32_t line;   /* line of -----BEGIN */
	uint32_t end_line;
	uint64_t offset; /* byte offset of -----BEGIN */
} tl_pem_block;

typedef struct tl_pem_blocks {
	tl_pem_block *blocks;
	size_t count;
	size_t cap;
} tl_pem_blocks;

/* True when the data holds a PEM BEGIN marker at the start of a line. */
bool tl_pem_detect(const uint8_t *data, size_t len);
/* Split every well-formed block into out; every malformed one (bad base64,
 * missing END, mismatched labels, ...) is reported with its line and
 * skipped. Returns the number of blocks added. */
size_t tl_pem_split(const uint8_t *data, size_t len, const char *file, tl_pem_blocks *out,
		    tl_diags *d);
void tl_pem_blocks_free(tl_pem_blocks *b);

/* Decode n characters of strict base64 (RFC 4648 alphabet and padding, no
 * whitespace) and append the bytes to out. Returns 0, or -1 when the text
 * is not base64 (out untouched). */
int tl_base64_decode(const char *text, size_t n, tl_buf *out);

#endif
