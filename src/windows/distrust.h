/* distrust.h: Windows' own distrust of a store entry: whether Windows
 * still trusts it for any purpose at a given time, from the properties
 * Microsoft's root program puts on its roots (FORMATS.md 1 and 5).
 *
 * Sources, and what is inferred:
 * - learn.microsoft.com, "Deprecation Definitions - Microsoft Trusted Root
 *   Certificate Program" (security/trusted-root/deprecation): "Disable":
 *   from the disable date nothing chaining to the root is trusted (except
 *   signatures timestamped before it), for the whole root or for some
 *   EKUs; "NotBefore": certificates issued after the date are not
 *   trusted, the root and what it issued before stay trusted.
 * - The Disable date is DISALLOWED_FILETIME (104), narrowed to the
 *   purposes in DISALLOWED_ENHKEY_USAGE (122) when that is present; the
 *   NotBefore date is NOT_BEFORE_FILETIME (126), narrowed by
 *   NOT_BEFORE_ENHKEY_USAGE (127): FORMATS.md 1 and 5, from real files and
 *   the authroot.stl reader of ralphje/signify (authenticode/authroot.py).
 *   Inferred: Microsoft documents neither the ids' meaning nor their
 *   values. tests/check_distrust.c has a test named after each assumption.
 * - learn.microsoft.com, CertGetEnhancedKeyUsage: a certificate is valid
 *   only for the purposes in both its EKU extension and its ENHKEY_USAGE
 *   property (9), each when present. A 122 that holds every purpose left
 *   is then distrust for every purpose (inferred, the same test file).
 *
 * Entries are borrowed; nothing here allocates. */
#ifndef TL_WIN_DISTRUST_H
#define TL_WIN_DISTRUST_H

#include <stdbool.h>
#include <stdint.h>

#include "model/index.h"
#include "model/store.h"
#include "windows/stores.h"

/* Whether Windows trusts e for no purpose at now (Unix seconds): its
 * DISALLOWED_FILETIME is a date at or before now, and it has no
 * DISALLOWED_ENHKEY_USAGE (the date applies to every purpose) or that
 * list holds every purpose the entry is valid for. False when a property
 * this needs is absent, empty or unreadable: what cannot be known is
 * linted as trusted. */
bool tl_win_distrusted(const tl_entry *e, int64_t now);

/* Whether the logical store root (the machine's Root) holds the
 * certificate with this SHA-1 in an entry Windows still trusts for some
 * purpose at now: a root a chain may end at. x is the model's index. */
bool tl_win_root_trusts(const tl_logical_store *root, const tl_index *x, const uint8_t sha1[20],
			int64_t now);

#endif
