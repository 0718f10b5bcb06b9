/* rootprogram.h: Microsoft's root program lists as Windows uses them
 * (FORMATS.md 3 and 7): which list a CTL is, by its content; whether its
 * signature verifies and its signer chains to a root; and, for a
 * certificate, what the newest usable lists say of it.
 *
 * Sources: learn.microsoft.com, "Configure Trusted Roots and Disallowed
 * Certificates" (the authroot and disallowed lists Windows downloads, their
 * AutoUpdate registry copies and sync times); wincrypt.h for the usage OIDs
 * (szOID_ROOT_LIST_SIGNER 1.3.6.1.4.1.311.10.3.9, szOID_DISALLOWED_LIST
 * 1.3.6.1.4.1.311.10.3.30, szOID_PIN_RULES_CTL 1.3.6.1.4.1.311.10.3.32);
 * FORMATS.md 3 for the attributes of a program entry (each a store
 * property, 1.3.6.1.4.1.311.10.11.<id>).
 *
 * Ownership: a tl_program borrows the model, the index and the logical
 * Root it was built from (they must outlive it) and owns the rest. */
#ifndef TL_WIN_ROOTPROGRAM_H
#define TL_WIN_ROOTPROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/index.h"
#include "model/store.h"
#include "windows/stores.h"

typedef enum tl_list_kind {
	TL_LIST_OTHER = 0,  /* a CTL of another use (a binding's issuer list, a catalog) */
	TL_LIST_AUTHROOT,   /* the roots of the program, with their properties */
	TL_LIST_DISALLOWED, /* certificates Microsoft has pulled */
	TL_LIST_PIN_RULES,  /* certificate pinning rules */
} tl_list_kind;

/* "other", "authroot", "disallowed", "pin-rules" (static). */
const char *tl_list_kind_name(tl_list_kind k);
/* The kind of a decoded CTL, by its subjectUsage. */
tl_list_kind tl_list_kind_of(const struct tl_ctl *ctl);

/* What checking a list's signature found. */
typedef enum tl_list_check {
	TL_LIST_VERIFIED = 0, /* the signature verifies, and the signer chains to a root
			       * the machine's Root holds, valid when the list was issued */
	TL_LIST_UNCHECKED,    /* the signer's certificate is nowhere in the export */
	TL_LIST_BAD,          /* it does not verify, the signer does not chain to a
			       * trusted root, or was not valid when the list was issued */
	TL_LIST_NO_ROOT,      /* the signature verifies, but no Root store was exported
			       * to chain the signer to */
} tl_list_check;

/* "verified", "unchecked", "bad", "no-root" (static). */
const char *tl_list_check_name(tl_list_check c);

/* One CTL: a root program list of the model, or a CTL entry of a store. */
typedef struct tl_program_list {
	const tl_entry *entry;      /* the CTL (entry->ctl decoded) */
	const tl_trust_list *list;  /* its tl_model.lists slot, NULL for a store's CTL */
	tl_list_kind kind;
	tl_list_check check;
	char *reason;               /* why, one line (always set) */
	char *signer;               /* the signer's subject, NULL when not found */
	char *signer_root;          /* the subject of the root its chain ends at, or NULL */
	bool signer_root_microsoft; /* that root is one of Microsoft's (by SHA-1, below) */
	bool used;                  /* the newest usable list of its kind: the one facts come from */
	/* authroot and disallowed lists with a SHA-1 subjectAlgorithm: their
	 * 20-byte identifiers, sorted, each with its subject's index */
	struct tl_program_key *keys;
	size_t key_count;
	bool sha1_ids; /* the subjectAlgorithm is SHA-1 (1.3.14.3.2.26) */
} tl_program_list;

typedef struct tl_program {
	tl_program_list *lists; /* the model's lists, then the stores' CTLs, in input order */
	size_t count;
	/* the newest usable list of each kind (verified or unchecked, SHA-1
	 * identifiers: by thisUpdate, then sequence number), or NULL */
	const tl_program_list *authroot, *disallowed;
	/* the machine's own copy of the disallowed list (the newest
	 * DisallowedCertEncodedCtl value that is not bad), or NULL: Windows
	 * distrusts what it holds whatever list trustlint was given */
	const tl_program_list *machine_disallowed;
	/* the program's entry of each authroot subject used, as a store entry
	 * with its attributes for properties (friendly name, EKU, distrust
	 * dates), parallel to authroot's subjects; NULL when none is used */
	tl_entry **entries;
	size_t entry_count;
	/* lists sorted by entry address, for tl_program_list_of() */
	const tl_program_list **by_entry;
} tl_program;

/* Identify and check every CTL of m (the lists first, then the CTL
 * entries of the stores); x finds signers' issuers; machine_root (may be
 * NULL) is what a signer must chain to. */
tl_program *tl_program_build(const tl_model *m, tl_index *x, const tl_logical_store *machine_root);
void tl_program_free(tl_program *p);

/* The program's view of the CTL entry e, or NULL when it has none (a CTL
 * that did not decode). A lookup, not a scan: a store may hold thousands
 * of CTLs, each asked for its fields. */
const tl_program_list *tl_program_list_of(const tl_program *p, const tl_entry *e);

/* What the used lists say of the certificate with this SHA-1. */
typedef enum tl_program_state {
	TL_PROGRAM_UNKNOWN = 0, /* no authroot list is used and no disallowed list has it */
	TL_PROGRAM_IN,          /* in the authroot list */
	TL_PROGRAM_NOT_IN,      /* an authroot list is used and does not hold it */
	TL_PROGRAM_DISALLOWED,  /* in the disallowed list */
} tl_program_state;

/* "unknown", "in-program", "not-in-program", "disallowed" (static). */
const char *tl_program_state_name(tl_program_state s);
/* The state, and for TL_PROGRAM_IN the program's entry (*entry, may be
 * NULL to not ask). */
tl_program_state tl_program_of(const tl_program *p, const uint8_t sha1[20],
			       const tl_entry **entry);

/* Whether the machine itself already distrusts the certificate with this
 * SHA-1 through a list or store rather than its own entry's properties:
 * its own copy of the disallowed list holds it, or a Disallowed store of
 * the export does (learn.microsoft.com, "Configure Trusted Roots and
 * Disallowed Certificates": both are what Windows consults). */
bool tl_program_machine_disallows(const tl_program *p, const tl_index *x, const uint8_t sha1[20]);

/* The newest time the machine or the list says it was in sync: the
 * later of the list's thisUpdate and its registry sync time. */
int64_t tl_program_list_time(const tl_program_list *l);

#endif
