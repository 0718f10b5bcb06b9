/* store.h: the model: stores of entries, each entry with its properties,
 * its source and its derived facts (DESIGN.md 2).
 *
 * Ownership: a tl_model owns its stores; a store owns its entries; an entry
 * owns its DER copy, properties and facts. Source paths in locations are
 * borrowed from the tl_source objects, which the caller keeps alive for as
 * long as the model. */
#ifndef TL_STORE_H
#define TL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cert.h"
#include "base/diag.h"

/* Serialized-store context element ids (FORMATS.md 1). */
enum {
	TL_ELEM_CERT = 0x20,
	TL_ELEM_CRL = 0x21,
	TL_ELEM_CTL = 0x22,
};

typedef enum tl_entry_kind {
	TL_ENTRY_CERT = 0,
	TL_ENTRY_CRL,
	TL_ENTRY_CTL,
} tl_entry_kind;

const char *tl_entry_kind_name(tl_entry_kind k);

/* One store-side property: id and raw value. */
typedef struct tl_prop {
	uint32_t id;
	uint32_t len;
	const uint8_t *data; /* owned (or borrowed, see props_borrowed); NULL when len is 0 */
	uint64_t offset; /* of the element header in its source (binary) */
} tl_prop;

/* KEY_PROV_INFO (property 2), decoded. */
typedef struct tl_key_prov {
	char *container; /* UTF-8, may be NULL */
	char *provider;  /* UTF-8, may be NULL */
	uint32_t prov_type;
	uint32_t flags;
	uint32_t param_count;
	uint32_t key_spec;
} tl_key_prov;

/* A FILETIME store property (DISALLOWED_FILETIME 104, NOT_BEFORE_FILETIME
 * 126), decoded: FORMATS.md 1. */
typedef enum tl_prop_time_state {
	TL_PROP_TIME_ABSENT = 0,
	TL_PROP_TIME_SET,        /* 8 bytes Windows can turn into a date: at is valid */
	TL_PROP_TIME_EMPTY,      /* 0 bytes, as in Microsoft's own files: no agreed meaning */
	TL_PROP_TIME_UNREADABLE, /* another length, or a FILETIME Windows cannot convert */
} tl_prop_time_state;

typedef struct tl_prop_time {
	tl_prop_time_state state;
	int64_t at; /* Unix seconds, when state is TL_PROP_TIME_SET */
} tl_prop_time;

/* A store property holding a DER EnhancedKeyUsage (DISALLOWED_ENHKEY_USAGE
 * 122, NOT_BEFORE_ENHKEY_USAGE 127), decoded. */
typedef struct tl_prop_oids {
	bool present;
	bool unreadable; /* present, but not a DER SEQUENCE OF OID: oids is empty */
	char **oids;     /* owned */
	size_t count;
} tl_prop_oids;

/* Decode the value of a FILETIME property: 100 ns ticks since 1601-01-01
 * UTC, little-endian u64 (learn.microsoft.com, FILETIME structure). Values
 * from 0x8000000000000000 on are unreadable, as FileTimeToSystemTime
 * refuses them (learn.microsoft.com, FileTimeToSystemTime). Never
 * TL_PROP_TIME_ABSENT; *at is set only for TL_PROP_TIME_SET. */
tl_prop_time_state tl_prop_time_decode(const uint8_t *data, uint32_t len, int64_t *at);

/* Where an entry came from. */
typedef struct tl_origin {
	tl_loc loc;        /* binary: offset/length of the context element; text: line */
	const char *reg_key; /* for registry Blobs: the key path (owned by the registry), else NULL */
} tl_origin;

/* The properties a store's entries mostly lack, out of the entry: a
 * Root store's certificates carry a friendly name and little else, and
 * these were 150 of an entry's 576 bytes, 15 MB in a store of 100,000. */
typedef struct tl_rare_props {
	bool has_key_prov;   /* KEY_PROV_INFO (2) present: key_prov is decoded */
	bool store_eku_present;
	bool store_eku_unreadable; /* present, but not a DER list of OIDs */
	/* registry Blob facts: whether the SHA1 property and the real SHA-1
	 * agree with the subkey name (blob_subkey) */
	bool blob_sha1_prop_matches;  /* subkey name equals the SHA1 property */
	bool blob_sha1_real_matches;  /* subkey name equals the real SHA-1 */
	char *description;   /* DESCRIPTION (13) */
	char **store_eku;       /* ENHKEY_USAGE (9): its OIDs */
	size_t store_eku_count;
	/* Windows' own distrust, as the properties say it (FORMATS.md 1 and 5;
	 * windows/distrust.h works out what it means at a given time): the
	 * first of each id */
	tl_prop_time disallowed_time;  /* DISALLOWED_FILETIME (104) */
	tl_prop_oids disallowed_eku;   /* DISALLOWED_ENHKEY_USAGE (122) */
	tl_prop_time not_before_time;  /* NOT_BEFORE_FILETIME (126) */
	tl_prop_oids not_before_eku;   /* NOT_BEFORE_ENHKEY_USAGE (127) */
	tl_key_prov key_prov;
	char *blob_subkey;   /* the registry Blob's subkey name as written, or NULL
			      * for file entries */
} tl_rare_props;

/* The flags sit beside kind, not each before a pointer. */
typedef struct tl_entry {
	tl_entry_kind kind;
	bool der_owned;
	bool props_borrowed; /* property values point into the input, not copies */
	bool parsed;     /* the certificate facts (cert) are valid (certificates only) */
	bool props_exact; /* props holds prop_count, no room (tl_entry_props_done) */
	const uint8_t *der; /* the context bytes: owned, or borrowed (der_owned false) */
	uint32_t der_len;   /* 32-bit, as an input is at most 2 GB (base/source.h) */
	uint32_t prop_count;
	tl_prop *props;
	tl_origin origin;
	tl_cert cert;
	/* decoded properties */
	char *friendly_name; /* FRIENDLY_NAME (11), UTF-8, or NULL */
	tl_rare_props *rare; /* the rest, or NULL when the entry has none of them:
			      * read it through tl_entry_rare() */
	/* CTL facts, when kind == TL_ENTRY_CTL (see ctl.h) */
	struct tl_ctl *ctl;
} tl_entry;

/* What an entry's rarer properties and its registry Blob key say, never
 * NULL: an entry without any reads as all zero (none of them present). */
extern const tl_rare_props tl_no_rare_props;

static inline const tl_rare_props *tl_entry_rare(const tl_entry *e)
{
	return e->rare ? e->rare : &tl_no_rare_props;
}

/* The same, to write: made at the first of them. */
tl_rare_props *tl_entry_rare_mut(tl_entry *e);

/* Property value lookup: the first property with id, or NULL. */
const tl_prop *tl_entry_prop(const tl_entry *e, uint32_t id);

/* Store locations (DESIGN.md 1). */
typedef enum tl_location {
	TL_LOC_LOCAL_MACHINE = 0,
	TL_LOC_CURRENT_USER,
	TL_LOC_LOCAL_MACHINE_GROUP_POLICY,
	TL_LOC_LOCAL_MACHINE_ENTERPRISE,
	TL_LOC_CURRENT_USER_GROUP_POLICY,
	TL_LOCATION_COUNT
} tl_location;

const char *tl_location_name(tl_location l);
/* Case-insensitive; -1 when not a location name. */
int tl_location_parse(const char *s, size_t len);

typedef struct tl_store {
	struct tl_model *model; /* the model it belongs to (its entry budget) */
	tl_location location;
	char *name; /* as first spelled; compared case-insensitively */
	tl_entry **entries;
	size_t count;
	size_t cap;
} tl_store;

/* A root program list (FORMATS.md 7): a CTL that is in no store, read
 * from a registry value (AuthRoot\AutoUpdate EncodedCtl,
 * DisallowedCertEncodedCtl, PinRulesEncodedCtl), or from a .stl or .cab
 * file given as an input or with --trust-list. Which list it is (authroot,
 * disallowed, pin rules) is told by its content (windows/rootprogram), never
 * by where it came from. */
typedef struct tl_trust_list {
	tl_entry *entry;    /* kind TL_ENTRY_CTL, owned; origin says where it is */
	char *source;       /* the registry value name, "file", or "cab:<member>" */
	bool has_sync_time; /* LastSyncTime / DisallowedCertLastSyncTime beside it */
	int64_t sync_time;  /* Unix seconds */
} tl_trust_list;

typedef struct tl_model {
	tl_store **stores;
	size_t count;
	size_t cap;
	tl_trust_list *lists; /* root program lists, in input order */
	size_t list_count, list_cap;
	/* entries tl_store_add() may still keep (SIZE_MAX: no limit): the
	 * loader sets it per input, so one input cannot grow the model past
	 * its cap however many entries its reader parses; what is refused is
	 * counted in dropped */
	size_t budget;
	size_t dropped;
	/* threads a reader may spread its certificates over (base/pool.h);
	 * 0 or 1: the caller's alone. The result does not depend on it. */
	unsigned jobs;
	size_t entries; /* kept in all stores */
	/* locations whose every store an export manifest lists: a store of
	 * one that is not in the model is not on the machine, rather than
	 * perhaps just not exported (input/manifest.h) */
	bool listed[TL_LOCATION_COUNT];
} tl_model;

tl_model *tl_model_new(void);
void tl_model_free(tl_model *m);
/* m takes e (a CTL entry) as a root program list; source is copied. The
 * list's place in m->lists may move as lists are added. */
tl_trust_list *tl_model_add_list(tl_model *m, tl_entry *e, const char *source);
/* Find the store (case-insensitive name) or create it. */
tl_store *tl_model_store(tl_model *m, tl_location loc, const char *name);
const tl_store *tl_model_find(const tl_model *m, tl_location loc, const char *name);
/* Canonical spelling of well-known store names ("root" -> "Root"), or the
 * name itself. */
const char *tl_store_canonical_name(const char *name);
/* The canonical spelling when name is a store Windows creates (any case),
 * else NULL. */
const char *tl_store_known(const char *name);
/* The i-th known store name, or NULL past the last (for the manual). */
const char *tl_store_name_at(size_t i);
/* The known store name closest to a misspelt one ("Rooot" -> "Root"), or
 * NULL when none is close. */
const char *tl_store_suggest(const char *name);

/* A new, empty entry holding a copy of der; the store takes ownership with
 * tl_store_add(). */
tl_entry *tl_entry_new(tl_entry_kind kind, const uint8_t *der, size_t len);
/* The same, borrowing der (a mapped source or registry value that outlives
 * the model) instead of copying it: keeps memory near the input size. */
tl_entry *tl_entry_new_borrowed(tl_entry_kind kind, const uint8_t *der, size_t len);
void tl_entry_free(tl_entry *e);
/* Attach a property: its value is copied, or borrowed when
 * e->props_borrowed (data then outlives the model, like a borrowed DER). */
void tl_entry_add_prop(tl_entry *e, uint32_t id, const uint8_t *data, uint32_t len,
		       uint64_t offset);
/* e's properties are all there: their array is cut to their number (a
 * store's entries mostly have three, in room for four). Properties added
 * after are still kept. */
void tl_entry_props_done(tl_entry *e);
/* Add e to s, which owns it from now on. Returns false when the model's
 * budget is spent: e is then freed at once and counted in
 * s->model->dropped, so the caller must not use it again. */
bool tl_store_add(tl_store *s, tl_entry *e);

/* Derive the facts of a certificate entry and decode its known properties,
 * reporting problems (unparsable DER, stored hash that differs, malformed
 * property values) to d at the entry's origin. Call once, after the
 * properties are attached. */
void tl_entry_finish(tl_entry *e, tl_diags *d);

/* Certificates parsed ahead of their entries on up to jobs threads
 * (base/pool.h), for a reader that finds where its certificates are
 * before it builds their entries (a store's elements, a PEM file's
 * blocks). The reader then finishes each entry with
 * tl_entry_finish_ahead(), which takes the facts parsed ahead for the
 * entry's exact bytes, parsing the next block of spans when it reaches
 * them, and parses on the spot what was not foreseen. Everything is
 * reported where and in the order tl_entry_finish() would report it, so
 * the result is the same for every jobs. NULL (jobs 0 or 1, too few
 * spans) is a valid tl_parse_ahead: every entry is finished on the spot.
 * The spans are copied; the bytes they point at must outlive the
 * object, and must be the DER the entries point at. */
typedef struct tl_span {
	const uint8_t *data;
	size_t len;
} tl_span;
typedef struct tl_parse_ahead tl_parse_ahead;
tl_parse_ahead *tl_parse_ahead_new(const tl_span *spans, size_t n, unsigned jobs);
void tl_entry_finish_ahead(tl_entry *e, tl_diags *d, tl_parse_ahead *a);
void tl_parse_ahead_free(tl_parse_ahead *a);

/* Parse `LOCATION\STORE`, `LOCATION/STORE` or `STORE` (case-insensitive):
 * the one grammar of a store, on the command line and in waiver files.
 * Returns 0, or -1 when the location is not one of DESIGN.md 1 or the
 * store name is empty. *store points into spec. */
int tl_parse_store_spec(const char *spec, size_t len, tl_location *loc, const char **store,
			size_t *store_len);

/* The entry's thumbprints: a parsed certificate's, else those of its
 * encoded bytes (a CRL's or CTL's thumbprint is the hash of its encoding,
 * as Windows computes it). sha256 may be NULL (it is made from the bytes
 * each time: no entry keeps one). The one place an entry's SHA-1 is
 * worked out. */
void tl_entry_hashes(const tl_entry *e, uint8_t sha1[20], uint8_t *sha256);
/* Append "LocalMachine\Root" (location and store name, as Windows tools
 * write a store) to b. */
void tl_store_label(tl_buf *b, tl_location loc, const char *name);

/* Name of a property id ("FRIENDLY_NAME"), or NULL for ids not known. */
const char *tl_prop_name(uint32_t id);

#endif
