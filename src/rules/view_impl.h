/* view_impl.h: what the view (view.c) and the field adapters of each scope
 * (fields_*.c) share, and nothing else includes: the view's inside, the
 * definition of a scope (its documented fields and the one function that
 * computes them), and the helpers that set a tl_value. */
#ifndef TL_VIEW_IMPL_H
#define TL_VIEW_IMPL_H

#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "model/index.h"
#include "rules/view.h"
#include "windows/httpsys.h"
#include "windows/schannel.h"
#include "windows/rootprogram.h"
#include "windows/sites.h"
#include "windows/stores.h"

struct tl_view {
	const tl_inputs *in;
	int64_t now;
	tl_view_cert *certs;
	size_t cert_count;
	tl_view_cert *ctls;
	size_t ctl_count;
	tl_view_store *stores; /* the physical stores, then the logical ones */
	size_t store_count;
	tl_logical_store *logical;
	size_t logical_count;
	const tl_logical_store *machine_root; /* or NULL */
	tl_binding *bindings;
	size_t binding_count;
	tl_sites *sites; /* IIS sites and WCF services on the bindings */
	tl_program *program; /* Microsoft's root program lists */
	tl_schannel schannel;
	tl_index *index; /* the issuer index (DESIGN.md 2), and also_in */
	/* the mapping scope, built and freed by fields_mapping.c */
	tl_view_mapping *mappings;
	size_t mapping_count;
};

/* A scope: its fields, documented, in documentation order (a field's id is
 * its index, tied to the file's enum by designated initializers), and the
 * function that computes field id of one object of the scope into the
 * arena. */
typedef struct tl_scope_def {
	const char *name;
	const tl_field_doc *fields;
	size_t count;
	void (*get)(tl_view *v, const void *obj, int id, tl_value *out, tl_arena *a);
} tl_scope_def;

extern const tl_scope_def tl_cert_scope, tl_store_scope, tl_binding_scope, tl_ctl_scope,
	tl_machine_scope, tl_site_scope, tl_mapping_scope, tl_service_scope;

/* The mapping scope's objects (fields_mapping.c): built once the view's
 * certificates, logical stores and index are; freed with the view. */
void tl_view_mappings_build(tl_view *v);
void tl_view_mappings_free(tl_view *v);

/* The scope's definition (fields.c), or NULL. */
const tl_scope_def *tl_scope_def_of(int scope);

/* ---- setting values */

static inline void set_null(tl_value *o)
{
	o->type = TL_T_NULL;
}

static inline void set_bool(tl_value *o, bool b)
{
	o->type = TL_T_BOOL;
	o->u.b = b;
}

static inline void set_int(tl_value *o, tl_type t, int64_t i)
{
	o->type = t;
	o->u.i = i;
}

static inline void set_str(tl_value *o, const char *s)
{
	if (!s) {
		set_null(o);
		return;
	}
	o->type = TL_T_STRING;
	o->u.s.p = s;
	o->u.s.len = strlen(s);
}

static inline void set_hex(tl_value *o, const uint8_t *p, size_t n, bool upper, tl_arena *a)
{
	char *s = tl_arena_alloc(a, 2 * n + 1);

	tl_hex(p, n, s, upper);
	set_str(o, s);
}

static inline void set_strv(tl_value *o, char *const *v, size_t n, bool present, tl_arena *a)
{
	tl_value *items;
	size_t i;

	if (!present) {
		set_null(o);
		return;
	}
	items = tl_arena_alloc(a, (n ? n : 1) * sizeof(tl_value));
	for (i = 0; i < n; i++)
		set_str(&items[i], v[i]);
	o->type = TL_T_LIST;
	o->u.list.items = items;
	o->u.list.n = n;
}

/* A tl_buf's text, copied into the arena; t is freed. */
static inline const char *arena_text(tl_buf *t, tl_arena *a)
{
	const char *s = tl_arena_strndup(a, t->data ? t->data : "", t->len);

	tl_buf_free(t);
	return s;
}

/* Add s to the n strings of v unless it is there already (v has room). */
static inline void add_name(const char **v, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return;
	v[(*n)++] = s;
}

static inline void set_tristate(tl_value *o, int t)
{
	if (t >= 0)
		set_bool(o, t != 0);
	else
		set_null(o);
}

static inline void set_dword(tl_value *o, const tl_win_dword *d)
{
	if (d->known)
		set_int(o, TL_T_INT, d->value);
	else
		set_null(o);
}

static inline char *location_store(const tl_store *s, tl_arena *a)
{
	const char *loc = tl_location_name(s->location);
	size_t n = strlen(loc) + 1 + strlen(s->name) + 1;
	char *t = tl_arena_alloc(a, n);

	snprintf(t, n, "%s\\%s", loc, s->name);
	return t;
}

#endif
