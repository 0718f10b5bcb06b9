/* view.h: the view of the model rules run on: the objects of each scope
 * (certificates, stores physical and logical, http.sys bindings, CTLs, the
 * machine, IIS client certificate mappings), each field of the catalogue
 * (fields.h) computed for one of them, and the one description of an
 * object that findings and reports use.
 *
 * Ownership: a tl_view borrows the tl_inputs it was built from (which must
 * outlive it) and owns its derived objects (logical stores, bindings, the
 * certificate index, the Schannel settings, the mapping objects and their
 * parsed certificates). */
#ifndef TL_VIEW_H
#define TL_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/input.h"
#include "model/cert.h"
#include "model/index.h"
#include "model/iisconf.h"
#include "rules/expr.h"
#include "rules/fields.h"
#include "windows/httpsys.h"

typedef struct tl_view tl_view;

/* Objects handed to tl_expr_eval per scope. */
typedef struct tl_view_cert {
	const tl_store *store;
	const tl_entry *entry;
	uint32_t slot; /* where its holders start in the view's index
			* (tl_index_slot), TL_INDEX_NONE for a CTL or an
			* unparsed certificate */
} tl_view_cert;

typedef struct tl_view_store {
	tl_location location;
	const char *name;     /* physical store name, or the logical name */
	bool logical;
	const tl_store **members; /* physical stores it unions (borrowed; for a
				   * physical store, &physical) */
	size_t member_count;
	const tl_store *physical; /* the store itself when not logical */
} tl_view_store;

/* ---- the mapping scope (fields_mapping.c): each entry of
 * oneToOneMappings and manyToOneMappings of every
 * iisClientCertificateMappingAuthentication occurrence, and each rule of a
 * many-to-one mapping, in input order (a mapping, then its rules) */
typedef struct tl_view_mapping {
	const tl_iis_setting *setting; /* the section occurrence */
	const tl_iis_mapping *mapping;
	const tl_iis_mapping_rule *rule; /* a rule of a many-to-one mapping, or NULL */
	size_t number;      /* the mapping's place in its occurrence, from 1 */
	size_t rule_number; /* the rule's place in its mapping, from 1; 0 for a mapping */
	int enabled;        /* in effect (fields_mapping.c): -1 cannot tell, else 0 or 1 */
	/* a one-to-one mapping's certificate, parsed from the model's bytes
	 * (cert owned by the view; it points into mapping->cert_der) */
	bool parsed;
	tl_cert cert;
	char *parse_error; /* why it did not parse, or NULL (owned) */
	/* its chain over the export's certificates, worked out once:
	 * -1 cannot tell, else 0 or 1 */
	int issuer_found, issuer_trusted;
	const char *chain_root;      /* subject of the self-signed end, or NULL */
	const char *missing_issuer;  /* issuer the walk found in no store, or NULL */
} tl_view_mapping;

/* Build the view of in at the clock now (Unix seconds). */
tl_view *tl_view_new(const tl_inputs *in, int64_t now);
void tl_view_free(tl_view *v);
tl_eval_env tl_view_env(tl_view *v);

/* The objects a message names with list(): each once, in the order named,
 * at most TL_MENTIONS_MAX (a finding points at its parts, not at a whole
 * store of 100,000 certificates). */
#define TL_MENTIONS_MAX 100
typedef struct tl_mention {
	int scope;
	const void *obj;
} tl_mention;
typedef struct tl_mentions {
	tl_mention items[TL_MENTIONS_MAX];
	size_t count;
} tl_mentions;

/* tl_view_env()'s mention function: with mention_user a tl_mentions,
 * what list() names is added to it (with NULL, the default, nothing is
 * kept). */
void tl_mentions_note(void *mentions, int scope, const void *obj);
size_t tl_view_count(const tl_view *v, int scope);
/* The clock the view was built at (--now), and its certificate index
 * (borrowed: it lives as long as the view), for reports that walk chains
 * the way the rules see them. */
int64_t tl_view_now(const tl_view *v);
const tl_index *tl_view_index(const tl_view *v);
const void *tl_view_object(const tl_view *v, int scope, size_t i);

/* What a finding is about, as reports need it: they read this, never the
 * view's objects. Strings are borrowed from the view (or the objects
 * passed to tl_view_describe). */
enum {
	TL_ABOUT_NO_HASHES = 0,
	TL_ABOUT_HASHES_PARSED, /* of a certificate that parsed: names it for waivers */
	TL_ABOUT_HASHES_RAW,    /* of the stored bytes of an entry that did not */
};

typedef struct tl_about {
	int hashes;             /* TL_ABOUT_*: a certificate or CTL entry */
	uint8_t sha1[20];
	uint8_t sha256[32];
	const char *subject;    /* a parsed certificate's subject, or NULL */
	const char *store;      /* the store of a certificate or CTL, or the store itself */
	tl_location location;   /* and its location */
	const char *binding;    /* a binding's endpoint, or NULL */
	const char *site;       /* an IIS site's name, or NULL */
} tl_about;

/* The one place that turns a view object into where a finding about it is
 * reported (its source, or the registry line of a binding or setting), its
 * logical name (`LocalMachine\Root\<SHA1>`, `HTTP\SslBindingInfo\0.0.0.0:443`,
 * `LocalMachine\Root`, `IIS\Mappings\Default Web Site\1`, `machine`) appended to
 * name, and what it is about; loc, name and about may each be NULL. v may be
 * NULL outside TL_SCOPE_MACHINE. */
void tl_view_describe(const tl_view *v, int scope, const void *obj, tl_loc *loc, tl_buf *name,
		      tl_about *about);

#endif
