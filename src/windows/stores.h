/* stores.h: what Windows makes of the physical stores: the logical Root
 * and CA stores it shows over them, and the trusted issuers Schannel takes
 * from them for client authentication (FORMATS.md 2 and 5).
 *
 * Ownership: logical stores borrow the model's physical stores (the model
 * must outlive them) and own only their member arrays. */
#ifndef TL_WIN_STORES_H
#define TL_WIN_STORES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/store.h"

/* The logical store a physical store belongs to: "Root" for Root, AuthRoot
 * and SmartCardRoot, "CA" for CA (names case-insensitive), else NULL. */
const char *tl_win_logical_of(const char *physical);

/* The machine locations (local machine, its group policy and enterprise
 * stores), whose physical stores form the machine's logical stores. */
bool tl_win_machine_location(tl_location l);

/* A logical store: the union of physical stores, in model order. */
typedef struct tl_logical_store {
	tl_location location; /* TL_LOC_LOCAL_MACHINE or TL_LOC_CURRENT_USER */
	const char *name;     /* "Root" or "CA" (static) */
	const tl_store **members;
	size_t member_count;
} tl_logical_store;

/* The logical Root and CA of the machine and of the user that have at least
 * one physical member in m, in that order (machine Root, machine CA, user
 * Root, user CA). The machine Root can unite 9 physical stores (Root,
 * AuthRoot and SmartCardRoot in each of the 3 machine locations). Returns
 * their count; free with tl_logical_stores_free. */
size_t tl_logical_stores(const tl_model *m, tl_logical_store **out);
void tl_logical_stores_free(tl_logical_store *s, size_t n);

/* The size of the trusted issuer list Schannel would send from these
 * stores: *count distinct certificates (by SHA-1), *bytes on the wire. */
void tl_issuer_list(const tl_store *const *stores, size_t n, int64_t *count, int64_t *bytes);

#endif
