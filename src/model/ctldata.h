/* ctldata.h: a decoded certificate trust list (FORMATS.md 3), as the model
 * holds it in a CTL entry (store.h). formats/ctl.h decodes one.
 *
 * Ownership: tl_ctl_free() releases a CTL with everything in it. */
#ifndef TL_CTLDATA_H
#define TL_CTLDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tl_ctl_attr {
	char *oid;        /* e.g. 1.3.6.1.4.1.311.10.11.20 */
	uint8_t **values; /* raw value bytes (DER of each SET member) */
	size_t *value_lens;
	size_t value_count;
} tl_ctl_attr;

typedef struct tl_ctl_subject {
	uint8_t *id; /* subjectIdentifier (the thumbprint for authroot.stl) */
	size_t id_len;
	tl_ctl_attr *attrs;
	size_t attr_count;
} tl_ctl_subject;

typedef struct tl_ctl {
	int version;
	char **usage; /* subjectUsage OIDs */
	size_t usage_count;
	uint8_t *list_id; /* listIdentifier, NULL when absent */
	size_t list_id_len;
	char *sequence;   /* sequenceNumber in upper-case hex, NULL when absent */
	int64_t this_update;
	bool has_next_update;
	int64_t next_update;
	char *subject_alg; /* OID */
	tl_ctl_subject *subjects;
	size_t subject_count;
	bool has_extensions;
	size_t signer_count; /* SignerInfos in the SignedData */
	size_t cert_count;   /* certificates carried in the SignedData */
} tl_ctl;

void tl_ctl_free(tl_ctl *ctl);

/* The list identifier as text: UTF-16LE decoded when it is valid UTF-16 text
 * with a terminating NUL (as CertSetCTLContextProperty writes it), else hex.
 * Returns a new string, or NULL when absent. */
char *tl_ctl_list_id_text(const tl_ctl *ctl);

#endif
