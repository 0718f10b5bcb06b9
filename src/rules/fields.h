/* fields.h: the rule scopes and their fields (DESIGN.md 3): the catalogue
 * rules are compiled against (the view they run on is view.h).
 *
 * Every field is documented here, with its type and the exported data it
 * comes from; doc/trustlint-rules.md is generated from the same table
 * (`trustlint rules --fields`). A field with no data in the export is null.
 * Everything here is static and valid for the whole run. */
#ifndef TL_FIELDS_H
#define TL_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules/expr.h"

enum {
	TL_SCOPE_CERT = 0, /* each certificate entry of each physical store */
	TL_SCOPE_STORE,    /* each physical store, and each logical store */
	TL_SCOPE_BINDING,  /* each http.sys TLS binding (SslBindingInfo, SslSniBindingInfo, SslCcsBindingInfo) */
	TL_SCOPE_CTL,      /* each certificate trust list */
	TL_SCOPE_MACHINE,  /* once per run */
	TL_SCOPE_SITE,     /* each IIS site of an applicationHost.config input */
	TL_SCOPE_MAPPING,  /* each IIS client certificate mapping, and each many-to-one rule */
	TL_SCOPE_SERVICE,  /* each WCF service of a configuration input */
	TL_SCOPE_COUNT
};

const char *tl_scope_name(int scope);

typedef struct tl_field_doc {
	const char *name;
	tl_type type;
	tl_type elem; /* for lists */
	const char *doc;
	const char *source; /* where in the export it comes from */
} tl_field_doc;

/* The fields of scope, in documentation order; ids are their indexes. */
const tl_field_doc *tl_fields_of(int scope, size_t *count);

/* The catalogue of scopes and fields (no parameters: the rule set adds
 * its own). Static; valid for the whole run. */
const tl_catalogue *tl_fields_catalogue(void);

#endif
