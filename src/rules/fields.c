/* fields.c: see fields.h. The catalogue over the scope definitions of
 * fields_*.c. */
#include "config.h"

#include "rules/fields.h"
#include "rules/view_impl.h"

#include <string.h>

#include "base/util.h"

/* ---- the catalogue: one definition per scope (fields_SCOPE.c: its
 * fields, documented, and the adapter that computes them), tied to the
 * scope ids by designated initializers */

static const tl_scope_def *const scopes[TL_SCOPE_COUNT] = {
	[TL_SCOPE_CERT] = &tl_cert_scope,
	[TL_SCOPE_STORE] = &tl_store_scope,
	[TL_SCOPE_BINDING] = &tl_binding_scope,
	[TL_SCOPE_CTL] = &tl_ctl_scope,
	[TL_SCOPE_MACHINE] = &tl_machine_scope,
	[TL_SCOPE_SITE] = &tl_site_scope,
	[TL_SCOPE_MAPPING] = &tl_mapping_scope,
	[TL_SCOPE_SERVICE] = &tl_service_scope,
};

const tl_scope_def *tl_scope_def_of(int scope)
{
	return scope >= 0 && scope < TL_SCOPE_COUNT ? scopes[scope] : NULL;
}

const char *tl_scope_name(int scope)
{
	return scope >= 0 && scope < TL_SCOPE_COUNT ? scopes[scope]->name : "?";
}

const tl_field_doc *tl_fields_of(int scope, size_t *count)
{
	if (scope < 0 || scope >= TL_SCOPE_COUNT) {
		*count = 0;
		return NULL;
	}
	*count = scopes[scope]->count;
	return scopes[scope]->fields;
}

static int cat_scope(void *user, const char *name, size_t len)
{
	int i;

	(void)user;
	for (i = 0; i < TL_SCOPE_COUNT; i++)
		if (strlen(scopes[i]->name) == len && memcmp(scopes[i]->name, name, len) == 0)
			return i;
	return -1;
}

static int cat_field(void *user, int scope, const char *name, size_t len, tl_field_info *out)
{
	size_t i, n;
	const tl_field_doc *f = tl_fields_of(scope, &n);

	(void)user;
	for (i = 0; i < n; i++)
		if (strlen(f[i].name) == len && memcmp(f[i].name, name, len) == 0) {
			out->id = (int)i;
			out->type = f[i].type;
			out->elem = f[i].elem;
			return 0;
		}
	return -1;
}

static int cat_param(void *user, const char *name, size_t len, tl_value *out)
{
	(void)user;
	(void)name;
	(void)len;
	(void)out;
	return -1;
}

static const tl_catalogue catalogue = {NULL, cat_scope, cat_field, cat_param};

const tl_catalogue *tl_fields_catalogue(void)
{
	return &catalogue;
}

