/* inventory.h: `trustlint inventory`: every store entry, and what the
 * configuration inputs say (IIS sites and bindings, the access flags in
 * effect per path, WCF services and endpoints), as tables or as a JSON
 * document (fields documented in doc/inventory-json.md). */
#ifndef TL_INVENTORY_H
#define TL_INVENTORY_H

#include <jansson.h>
#include <stdio.h>

#include "input/input.h"

/* One diagnostic as a JSON object {level, id, message, source} (new
 * reference). */
json_t *tl_diag_to_json(const tl_diag *g);
/* One entry as a JSON object (new reference). */
json_t *tl_entry_to_json(const tl_store *s, const tl_entry *e);
/* Write every entry of in->model and what in->conf holds; return 0, or -1
 * on a write error. */
int tl_inventory_text(const tl_inputs *in, FILE *out);
int tl_inventory_json(const tl_inputs *in, FILE *out);

#endif
