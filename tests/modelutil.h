/* modelutil.h: models built by hand for the suites that test what is
 * worked out over stores (check_windows, check_index), without the input
 * layer: each entry is read from a testdata file and finished as a reader
 * would finish it.
 *
 * Ownership: the entry returned belongs to its store (and so to the model);
 * it lives until tl_model_free(). */
#ifndef TL_MODELUTIL_H
#define TL_MODELUTIL_H

#include "model/store.h"

/* Add testdata/REL to the store LOC\STORE of m (created when missing) as an
 * entry of KIND: the bytes of a DER file, or of the first block of a PEM
 * file. Fails the test when the file is missing or finishing the entry
 * reports anything. */
tl_entry *tt_model_add(tl_model *m, tl_location loc, const char *store, tl_entry_kind kind,
		       const char *rel);

/* The same for testdata/logical-root/memberN.cer: the nine CA certificates
 * "Lint Root Member 1" to "9", none self-signed, each with a 63-byte DER
 * subject (testdata/gen/logical_root.sh). */
tl_entry *tt_model_add_member(tl_model *m, int n, tl_location loc, const char *store);

#endif
