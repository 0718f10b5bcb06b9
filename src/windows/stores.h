/* stores.h: what Windows makes of the physical stores: the logical Root
 * and CA stores it shows over them, and the trusted issuers Schannel takes
 * from them for client authentication (FORMATS.md 2 and 5).
 *
 * Ownership: logical stores borrow the model's physical stores (the model
 * must outlive them) and own only their member arrays; an issuer list owns
 * its arrays and borrows the entries and stores they point to. */
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
/* The machine's logical Root among the n of s, or NULL when the export has
 * none: what client certificates, signers and chains are trusted by. */
const tl_logical_store *tl_logical_machine_root(const tl_logical_store *s, size_t n);

/* One certificate of a trusted issuer list. */
typedef struct tl_issuer {
	const tl_entry *entry; /* a parsed certificate */
	const tl_store *store; /* the physical store it was first met in */
} tl_issuer;

/* The trusted issuer list Schannel builds from a source's stores
 * (FORMATS.md 5): the distinct certificates (by SHA-1) in list order, the
 * stores in the order given and each store's entries in its order, each
 * certificate where it is first met; CRLs, CTLs and certificates that do
 * not parse are not in it. */
typedef struct tl_issuer_list {
	tl_issuer *issuers;   /* owned */
	size_t count;
	int64_t bytes;        /* its size on the wire (see stores.c) */
	bool ca_only;         /* the Root mix rule left the self-signed roots out */
	tl_issuer *excluded;  /* the certificates it left out, in list order; owned */
	size_t excluded_count;
} tl_issuer_list;

/* Build the list from n stores. root: they are the machine's logical Root,
 * where a mix of self-signed roots and CA-issued certificates gives only
 * the CA-issued ones (stores.c says why and what "self-signed" is).
 * Free with tl_issuer_list_free; out borrows the entries and stores. */
void tl_issuer_list_build(const tl_store *const *stores, size_t n, bool root, tl_issuer_list *out);
void tl_issuer_list_free(tl_issuer_list *l);

/* Does this certificate count as a self-signed root for the Root mix
 * rule? Self-signed, or self-issued with a signature that cannot be
 * checked here (stores.c). */
bool tl_win_root_self_signed(const tl_cert *c);

#endif
