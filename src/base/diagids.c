/* diagids.c: see diagids.h. */
#include "config.h"

#include "base/diagids.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Sorted (byte order) for bsearch; tests/diagids.test checks that every
 * id the sources emit is here, and that nothing here is emitted by none.
 * The serialized-store reader builds its ids from a prefix ("sst" for a
 * store, "blob" for one registry Blob) and a defect name. */
static const char *const ids[] = {
	"input-blob-bad-encoding",
	"input-blob-bad-header",
	"input-blob-bad-property-id",
	"input-blob-bad-terminator",
	"input-blob-dangling-property",
	"input-blob-duplicate-property",
	"input-blob-empty-context",
	"input-blob-missing-terminator",
	"input-blob-no-context",
	"input-blob-trailing-bytes",
	"input-blob-truncated",
	"input-blob-unknown-property",
	"input-cert-unparsable",
	"input-ctl-bad-der",
	"input-ctl-bad-filetime",
	"input-ctl-bad-identifier-length",
	"input-ctl-bad-oid",
	"input-ctl-bad-property-attribute",
	"input-ctl-bad-subject",
	"input-ctl-bad-time",
	"input-ctl-bad-version",
	"input-ctl-duplicate-subject",
	"input-ctl-econtent-octet-string",
	"input-ctl-empty-filetime",
	"input-ctl-gnutls-rejected",
	"input-ctl-no-content",
	"input-ctl-no-contentinfo",
	"input-ctl-not-ctl",
	"input-ctl-not-signeddata",
	"input-ctl-trailing-bytes",
	"input-ctl-unreadable",
	"input-ctl-unsigned",
	"input-ctl-update-order",
	"input-not-recognised",
	"input-not-regular-file",
	"input-pem-bad-base64",
	"input-pem-bad-marker",
	"input-pem-empty",
	"input-pem-encrypted",
	"input-pem-header",
	"input-pem-label-mismatch",
	"input-pem-missing-end",
	"input-pem-noncanonical-base64",
	"input-pem-unexpected-end",
	"input-pem-unsupported-block",
	"input-pkcs7-bad-content-type",
	"input-pkcs7-ber",
	"input-pkcs7-ber-malformed",
	"input-pkcs7-ber-too-deep",
	"input-pkcs7-ber-truncated",
	"input-pkcs7-gnutls-rejected",
	"input-pkcs7-member-indefinite",
	"input-pkcs7-member-malformed",
	"input-pkcs7-member-too-deep",
	"input-pkcs7-no-contentinfo",
	"input-pkcs7-not-signeddata",
	"input-pkcs7-trailing-bytes",
	"input-pkcs7-unreadable",
	"input-pkcs7-unsupported-member",
	"input-property-empty-filetime",
	"input-property-malformed",
	"input-reg-bad-header",
	"input-reg-blob-kind",
	"input-reg-blob-missing",
	"input-reg-blob-type",
	"input-reg-dropped-value",
	"input-reg-eof-continuation",
	"input-reg-invalid-key",
	"input-reg-invalid-root",
	"input-reg-key-blank",
	"input-reg-no-import",
	"input-reg-no-key",
	"input-reg-nul-char",
	"input-reg-odd-length",
	"input-reg-short-root",
	"input-reg-skipped-line",
	"input-reg-unknown-escape",
	"input-reg-utf16-in-ansi",
	"input-report-skipped",
	"input-sst-bad-encoding",
	"input-sst-bad-header",
	"input-sst-bad-property-id",
	"input-sst-bad-terminator",
	"input-sst-dangling-property",
	"input-sst-duplicate-property",
	"input-sst-empty-context",
	"input-sst-missing-terminator",
	"input-sst-no-context",
	"input-sst-trailing-bytes",
	"input-sst-truncated",
	"input-sst-unknown-property",
	"input-store-ignored",
	"input-stored-hash-mismatch",
	"input-subfolder-skipped",
	"input-too-large",
	"input-too-many-entries",
	"input-unknown-format",
	"input-unknown-store",
	"input-unknown-store-name",
	"input-unreadable",
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

bool tl_diag_id_known(const char *id)
{
	return bsearch(id, ids, TL_ARRAY_LEN(ids), sizeof(ids[0]), cmp) != NULL;
}

size_t tl_diag_id_count(void)
{
	return TL_ARRAY_LEN(ids);
}

const char *tl_diag_id_at(size_t i)
{
	return i < TL_ARRAY_LEN(ids) ? ids[i] : NULL;
}
