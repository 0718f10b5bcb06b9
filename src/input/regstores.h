/* regstores.h: certificate stores held in the registry (FORMATS.md 2):
 * `...\SystemCertificates\<Store>\{Certificates,CRLs,CTLs}\<SHA1>\Blob`
 * under every location, each Blob read as one serialized element; and the
 * root program lists the machine caches beside them (FORMATS.md 7). */
#ifndef TL_REGSTORES_H
#define TL_REGSTORES_H

#include "base/diag.h"
#include "model/registry.h"
#include "model/store.h"

/* Add every Blob of the registry to the model. Entries borrow the Blob bytes
 * from the registry, which must outlive the model. Returns the number of
 * entries added. */
size_t tl_regstores_load(const tl_registry *r, tl_model *m, tl_diags *d);

/* Add the root program lists the machine caches under
 * HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate
 * (EncodedCtl, DisallowedCertEncodedCtl, PinRulesEncodedCtl) to m->lists,
 * each with the value name as its source and its sync time when the
 * matching *LastSyncTime value is a FILETIME. A value that holds no CTL
 * is a warning and adds nothing. The entries borrow the value bytes from
 * the registry, which must outlive the model. Returns the lists added. */
size_t tl_regstores_load_lists(const tl_registry *r, tl_model *m, tl_diags *d);

#endif
