/* drift.h: what changed between two exports of a machine (`trustlint
 * diff`, DESIGN.md 1): store entries added, removed or moved between
 * stores; the store properties of an entry that stayed in its store; every
 * registry value (and key) under the keys trustlint reads; and the IIS
 * https bindings and client certificate settings per path of each site.
 * The findings of both sides are compared in report/diff.h.
 *
 * Every comparison sorts the items of both sides by their identity (an
 * entry's SHA-1 and store, a normalised key path and value name, a site and
 * its binding or path) and walks the two sorted lists once: O(n log n) in
 * the size of both exports, never a loop over one side inside a loop over
 * the other.
 *
 * Ownership: a tl_drift owns its changes and their strings; locations
 * borrow their file names from the two tl_inputs, which must outlive it. */
#ifndef TL_WIN_DRIFT_H
#define TL_WIN_DRIFT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "input/input.h"

typedef enum tl_drift_section {
	TL_DRIFT_ENTRIES = 0, /* certificates, CTLs and CRLs, by SHA-1 and store */
	TL_DRIFT_PROPERTIES,  /* store properties of an entry in the same store on both sides */
	TL_DRIFT_SETTINGS,    /* registry keys and values */
	TL_DRIFT_SITES,       /* IIS https bindings and client certificate settings */
	TL_DRIFT_SECTION_COUNT
} tl_drift_section;

/* "certificates", "properties", "settings", "sites" (static). */
const char *tl_drift_section_name(tl_drift_section s);

typedef enum tl_drift_kind {
	TL_DRIFT_ADDED = 0,
	TL_DRIFT_REMOVED,
	TL_DRIFT_MOVED,   /* an entry left one store and is in another */
	TL_DRIFT_CHANGED,
} tl_drift_kind;

/* "added", "removed", "moved", "changed" (static). */
const char *tl_drift_kind_name(tl_drift_kind k);

/* One change. What object, name and the values hold depends on the
 * section:
 *   entries:    object the SHA-1 (upper-case hex), name the entry kind
 *               ("certificate", "ctl", "crl"), values the stores
 *               ("LocalMachine\Root");
 *   properties: object "LocalMachine\My\<SHA-1>", name the property
 *               ("friendly_name", "store_eku", "disallowed_filetime", ...),
 *               values as text;
 *   settings:   object the key path, name the value name ("" the default
 *               value) or NULL for the key itself, values as a .reg file
 *               writes them (dword:00000002, "text", hex:..);
 *   sites:      object the site's name, name "binding https *:443:" or
 *               "path Default Web Site/portal", values the sslFlags.
 * The side an item is missing from has a NULL value and a location of
 * kind TL_LOC_NONE with a NULL file. */
typedef struct tl_drift_change {
	tl_drift_section section;
	tl_drift_kind kind;
	char *object;
	char *name;
	char *subject; /* entries and properties: the certificate's subject, or NULL */
	char *old_value, *new_value;
	tl_loc old_loc, new_loc;
} tl_drift_change;

typedef struct tl_drift {
	tl_drift_change *changes; /* by section, then in the order of the sorted identities */
	size_t count, cap;
	size_t section_count[TL_DRIFT_SECTION_COUNT];
} tl_drift;

/* Compare the two exports. Never fails (out of memory aborts). */
tl_drift *tl_drift_compare(const tl_inputs *old_in, const tl_inputs *new_in);
void tl_drift_free(tl_drift *d);

#endif
