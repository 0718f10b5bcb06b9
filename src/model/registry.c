/* registry.c: the registry model (DESIGN.md 2). See registry.h.
 *
 * Keys and values from every `.reg` input, applied operation by
 * operation: case-insensitive paths, `ControlSet00n` folded onto
 * `CurrentControlSet`, each value remembering its file and line. The
 * `.reg` parser that produces the operations is formats/reg.c.
 */
#include "config.h"

#include "model/registry.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static const char *const op_names[] = {
	"create-key", "delete-key", "set", "delete-value",
};

const char *tl_reg_op_name(tl_reg_op_kind k)
{
	if ((unsigned)k < TL_ARRAY_LEN(op_names))
		return op_names[k];
	return "unknown";
}

/* ------------------------------------------------------------ roots */

struct root_name {
	const char *name;
	const char *abbr; /* reg.exe only (FORMATS.md 2) */
};

static const struct root_name roots[TL_REG_NROOTS] = {
	[TL_REG_ROOT_HKLM] = {"HKEY_LOCAL_MACHINE", "HKLM"},
	[TL_REG_ROOT_HKCU] = {"HKEY_CURRENT_USER", "HKCU"},
	[TL_REG_ROOT_HKCR] = {"HKEY_CLASSES_ROOT", "HKCR"},
	[TL_REG_ROOT_HKU] = {"HKEY_USERS", "HKU"},
	[TL_REG_ROOT_HKCC] = {"HKEY_CURRENT_CONFIG", "HKCC"},
	[TL_REG_ROOT_HKDD] = {"HKEY_DYN_DATA", NULL},
};

#define NROOTS TL_REG_NROOTS
#define ROOT_HKLM TL_REG_ROOT_HKLM

const char *tl_reg_root_name(int root)
{
	return roots[root].name;
}

const char *tl_reg_root_abbr(int root)
{
	return roots[root].abbr;
}

static bool root_prefix(const char *path, const char *root, size_t *len)
{
	size_t n = strlen(root);

	if (tl_strncasecmp(path, root, n) != 0 || (path[n] != '\\' && path[n] != '\0'))
		return false;
	*len = n;
	return true;
}

int tl_reg_match_root(const char *path, size_t *spelled, bool *abbr)
{
	size_t i;

	for (i = 0; i < NROOTS; i++) {
		if (root_prefix(path, roots[i].name, spelled)) {
			*abbr = false;
			return (int)i;
		}
		if (roots[i].abbr && root_prefix(path, roots[i].abbr, spelled)) {
			*abbr = true;
			return (int)i;
		}
	}
	return -1;
}

/* ------------------------------------------------------------ registry */

/* Keys and values are nodes; a key's owner is its parent, a value's owner
 * its key. An owner with up to SMALL children (or values) is searched by
 * a scan of its array; past that, its children go into one hash table
 * keyed by (owner, kind, folded name), which keeps each slot's hash beside
 * it so probing touches no node but the one that matches. Most keys have
 * a handful of children, so most nodes never enter the table. */
#define SMALL 8

enum node_kind {
	NODE_KEY = 1,
	NODE_VALUE = 2,
};

struct node {
	const void *owner;
	uint32_t hash;
	uint32_t kind;
};

/* Pointers in creation order; one element lives inline (most keys have at
 * most one child or value). Deleting leaves a NULL hole, and holes are
 * compacted away before anyone reads the array. */
struct ptrvec {
	union {
		void *one;
		void **many;
	} u;
	uint32_t n;
	uint32_t cap;
	uint32_t dead;
	bool hashed;              /* its items are in the hash table */
};

/* The full path is stored with each key (its name is the last segment):
 * the model's users ask for the path of every key, and one allocation
 * holding it costs less than a name plus a path built later. */
struct tl_reg_key {
	struct node node;
	const char *file;
	uint32_t line;
	uint32_t slot;            /* index in the parent's subkeys */
	struct ptrvec subkeys;
	struct ptrvec values;
	uint32_t name_off;        /* the name within path */
	char path[];
};

struct value_node {
	struct node node;
	tl_reg_value v;
	uint32_t slot;            /* index in the key's values */
	uint32_t inline_cap;      /* data bytes allocated after the name */
	char name[];              /* then the inline data */
};

struct tl_registry {
	struct node **slots;      /* open addressing, linear probing */
	uint32_t *hashes;
	size_t mask;
	size_t count;
	tl_reg_key *roots[NROOTS];
	tl_reg_key *root_order[NROOTS];
	size_t nroots;
	/* Apply caches. chain[i] is the key at depth i of last_path, whose
	 * segment ends at chain_end[i]: an export lists each key after its
	 * parent, so most paths share all but their last segment with the one
	 * before. last_src/last_key: the key of the last operation by string
	 * pointer (set operations share their key line's string, formats/reg.h). */
	tl_buf last_path;
	tl_reg_key **chain;
	size_t *chain_end;
	size_t chain_len, chain_cap, chain_end_cap;
	const char *last_src;
	tl_reg_key *last_key;
};

static tl_reg_key *parent_of(const tl_reg_key *k)
{
	return (tl_reg_key *)k->node.owner;
}

static const char *node_name(const struct node *e)
{
	if (e->kind == NODE_KEY)
		return ((const tl_reg_key *)e)->path + ((const tl_reg_key *)e)->name_off;
	return ((const struct value_node *)e)->name;
}

static void **pv_items(struct ptrvec *v)
{
	return v->cap <= 1 ? &v->u.one : v->u.many;
}

/* Append x; returns its index. */
static uint32_t pv_push(struct ptrvec *v, void *x)
{
	if (v->n == UINT32_MAX)
		tl_oom();
	if (v->n + 1 > v->cap) {
		uint32_t ncap = v->cap ? v->cap * 2 : 1;
		void **items;

		if (v->cap > UINT32_MAX / 2)
			tl_oom();
		if (ncap > 1) {
			if (v->cap <= 1) {
				items = tl_xmalloc(ncap * sizeof(void *));
				if (v->n)
					items[0] = v->u.one;
			} else {
				items = tl_xrealloc(v->u.many, ncap * sizeof(void *));
			}
			v->u.many = items;
		}
		v->cap = ncap;
	}
	pv_items(v)[v->n] = x;
	return v->n++;
}

static void pv_free(struct ptrvec *v)
{
	if (v->cap > 1)
		free(v->u.many);
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive (ASCII) FNV-1a, seeded with owner and kind. */
static uint32_t node_hash(const void *owner, int kind, const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)(uintptr_t)owner * 0x9E3779B97F4A7C15ULL);
	size_t i;

	h ^= (uint64_t)kind;
	for (i = 0; i < n; i++) {
		h ^= (uint64_t)fold((unsigned char)s[i]);
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return (uint32_t)h;
}

static bool name_eq(const char *a, const char *b, size_t n)
{
	return tl_strncasecmp(a, b, n) == 0 && a[n] == '\0';
}

static struct node *table_find(const tl_registry *r, const void *owner, int kind,
			       const char *s, size_t n)
{
	uint32_t h;
	size_t i;

	if (!r->slots)
		return NULL;
	h = node_hash(owner, kind, s, n);
	for (i = h & r->mask; r->slots[i]; i = (i + 1) & r->mask) {
		struct node *e;

		if (r->hashes[i] != h)
			continue;
		e = r->slots[i];
		if (e->owner == owner && (int)e->kind == kind && name_eq(node_name(e), s, n))
			return e;
	}
	return NULL;
}

static void table_grow(tl_registry *r)
{
	size_t cap = r->slots ? (r->mask + 1) * 2 : 1024, oldcap = r->slots ? r->mask + 1 : 0;
	struct node **old = r->slots;
	uint32_t *oldh = r->hashes;
	size_t i, j;

	if (cap > SIZE_MAX / sizeof(*old))
		tl_oom();
	r->slots = tl_xcalloc(cap, sizeof(*old));
	r->hashes = tl_xmalloc(cap * sizeof(*oldh));
	r->mask = cap - 1;
	for (j = 0; j < oldcap; j++) {
		if (!old[j])
			continue;
		for (i = oldh[j] & r->mask; r->slots[i]; i = (i + 1) & r->mask)
			;
		r->slots[i] = old[j];
		r->hashes[i] = oldh[j];
	}
	free(old);
	free(oldh);
}

static void table_put(tl_registry *r, struct node *e)
{
	size_t i;

	if (!r->slots || (r->count + 1) * 4 > (r->mask + 1) * 3)
		table_grow(r);
	for (i = e->hash & r->mask; r->slots[i]; i = (i + 1) & r->mask)
		;
	r->slots[i] = e;
	r->hashes[i] = e->hash;
	r->count++;
}

/* Remove with backward shifting, so no tombstones slow later probes. */
static void table_remove(tl_registry *r, struct node *e)
{
	size_t i, j;

	for (i = e->hash & r->mask; r->slots[i] != e; i = (i + 1) & r->mask)
		;
	for (j = i;;) {
		size_t home;

		j = (j + 1) & r->mask;
		if (!r->slots[j])
			break;
		home = r->hashes[j] & r->mask;
		/* Leave it when its home lies cyclically in (i, j]. */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		r->slots[i] = r->slots[j];
		r->hashes[i] = r->hashes[j];
		i = j;
	}
	r->slots[i] = NULL;
	r->count--;
}

static void compact_subkeys(tl_reg_key *k)
{
	void **items = pv_items(&k->subkeys);
	uint32_t i, n = 0;

	for (i = 0; i < k->subkeys.n; i++) {
		if (items[i]) {
			items[n] = items[i];
			((tl_reg_key *)items[n])->slot = n;
			n++;
		}
	}
	k->subkeys.n = n;
	k->subkeys.dead = 0;
}

static void compact_values(tl_reg_key *k)
{
	void **items = pv_items(&k->values);
	uint32_t i, n = 0;

	for (i = 0; i < k->values.n; i++) {
		if (items[i]) {
			items[n] = items[i];
			((struct value_node *)items[n])->slot = n;
			n++;
		}
	}
	k->values.n = n;
	k->values.dead = 0;
}

/* Readers see compacted arrays; compaction changes no visible state. */
static tl_reg_key *clean(const tl_reg_key *ck)
{
	tl_reg_key *k = (tl_reg_key *)ck;

	if (k->subkeys.dead)
		compact_subkeys(k);
	if (k->values.dead)
		compact_values(k);
	return k;
}

static tl_reg_key *key_alloc(const char *name, size_t n, tl_reg_key *parent)
{
	size_t off = parent ? strlen(parent->path) + 1 : 0;
	tl_reg_key *k;

	if (n > UINT32_MAX - off - 1)
		tl_oom();
	k = tl_xcalloc(1, offsetof(tl_reg_key, path) + off + n + 1);
	if (parent) {
		memcpy(k->path, parent->path, off - 1);
		k->path[off - 1] = '\\';
	}
	memcpy(k->path + off, name, n);
	k->path[off + n] = '\0';
	k->name_off = (uint32_t)off;
	k->node.owner = parent;
	k->node.kind = NODE_KEY;
	k->node.hash = node_hash(parent, NODE_KEY, name, n);
	return k;
}

static tl_reg_key *get_root(tl_registry *r, int root, bool create)
{
	if (!r->roots[root] && create) {
		r->roots[root] = key_alloc(roots[root].name, strlen(roots[root].name), NULL);
		r->root_order[r->nroots++] = r->roots[root];
	}
	return r->roots[root];
}

/* DESIGN.md 2: `ControlSet001`..`ControlSet999` directly under
 * HKEY_LOCAL_MACHINE\SYSTEM name the same keys as `CurrentControlSet`. */
static bool is_control_set(const char *s, size_t n)
{
	if (n != 13 || tl_strncasecmp(s, "ControlSet", 10) != 0)
		return false;
	if (s[10] < '0' || s[10] > '9' || s[11] < '0' || s[11] > '9' || s[12] < '0' ||
	    s[12] > '9')
		return false;
	return memcmp(s + 10, "000", 3) != 0;
}

static bool is_hklm_system(const tl_registry *r, const tl_reg_key *k)
{
	return parent_of(k) && parent_of(k) == r->roots[ROOT_HKLM] &&
	       tl_strcasecmp(k->path + k->name_off, "SYSTEM") == 0;
}

/* The item of v (children or values of owner) named s. */
static struct node *owned_find(const tl_registry *r, struct ptrvec *v, const void *owner,
			       int kind, const char *s, size_t n)
{
	void **items;
	uint32_t i;

	if (v->hashed)
		return table_find(r, owner, kind, s, n);
	items = pv_items(v);
	for (i = 0; i < v->n; i++)
		if (items[i] && name_eq(node_name(items[i]), s, n))
			return items[i];
	return NULL;
}

/* Append e to v; returns its index. */
static uint32_t owned_add(tl_registry *r, struct ptrvec *v, struct node *e)
{
	uint32_t slot = pv_push(v, e), i;

	if (v->hashed) {
		table_put(r, e);
	} else if (v->n > SMALL) {
		void **items = pv_items(v);

		v->hashed = true;
		for (i = 0; i < v->n; i++)
			if (items[i])
				table_put(r, items[i]);
	}
	return slot;
}

static tl_reg_key *child(tl_registry *r, tl_reg_key *parent, const char *s, size_t n,
			 bool create)
{
	tl_reg_key *k;

	if (is_control_set(s, n) && is_hklm_system(r, parent)) {
		s = "CurrentControlSet";
		n = 17;
	}
	k = (tl_reg_key *)owned_find(r, &parent->subkeys, parent, NODE_KEY, s, n);
	if (k || !create)
		return k;
	k = key_alloc(s, n, parent);
	k->slot = owned_add(r, &parent->subkeys, &k->node);
	return k;
}

static void chain_set(tl_registry *r, size_t depth, tl_reg_key *k, size_t end)
{
	tl_xgrow((void **)&r->chain, &r->chain_cap, depth + 1, sizeof(*r->chain));
	tl_xgrow((void **)&r->chain_end, &r->chain_end_cap, depth + 1, sizeof(*r->chain_end));
	r->chain[depth] = k;
	r->chain_end[depth] = end;
}

/* The key a path names (root in full or short, `\` separators, trailing
 * backslashes ignored; an empty segment inside fails), created with its
 * missing ancestors when create. Starts from the deepest key it shares
 * with the previous path. */
static tl_reg_key *resolve(tl_registry *r, const char *path, bool create)
{
	size_t pos = 0, depth = 0, m = 0, i;
	tl_reg_key *k = NULL;

	/* An empty segment inside the path fails before anything is made. */
	for (i = 0; path[i]; i++) {
		if (path[i] == '\\' && path[i + 1] == '\\') {
			size_t j = i + 1;

			while (path[j] == '\\')
				j++;
			if (path[j])
				goto fail;
			break;
		}
	}
	if (r->chain_len) {
		const char *lp = r->last_path.data;

		while (lp[m] && lp[m] == path[m])
			m++;
		for (i = r->chain_len; i-- > 0;) {
			size_t e = r->chain_end[i];

			if (e <= m && (path[e] == '\\' || path[e] == '\0')) {
				k = r->chain[i];
				pos = e;
				depth = i;
				break;
			}
		}
	}
	if (!k) {
		bool abbr;
		int root = tl_reg_match_root(path, &pos, &abbr);

		if (root < 0)
			goto fail;
		k = get_root(r, root, create);
		if (!k)
			goto fail;
		chain_set(r, 0, k, pos);
	}
	while (path[pos] == '\\') {
		const char *seg = path + pos + 1;
		size_t n = strcspn(seg, "\\");

		if (n == 0) {
			while (*seg == '\\')
				seg++;
			if (*seg)
				goto fail;
			break;
		}
		k = child(r, k, seg, n, create);
		if (!k)
			goto fail;
		pos += 1 + n;
		chain_set(r, ++depth, k, pos);
	}
	r->chain_len = depth + 1;
	r->last_path.len = 0;
	tl_buf_add(&r->last_path, path, pos);
	return k;
fail:
	r->chain_len = 0;
	return NULL;
}

static void value_free(struct value_node *vn)
{
	if (vn->v.data != (uint8_t *)vn->name + strlen(vn->name) + 1)
		free(vn->v.data);
	free(vn);
}

static void key_free(tl_reg_key *k)
{
	pv_free(&k->subkeys);
	pv_free(&k->values);
	free(k);
}

static void forget_caches(tl_registry *r)
{
	r->chain_len = 0;
	r->last_key = NULL;
	r->last_src = NULL;
}

/* Free the keys and values of a subtree, depth-first without recursion
 * (keys nest 512 deep). With r, each hashed entry also leaves the lookup
 * table before its owner is freed; without, the whole registry goes. */
static void free_tree(tl_registry *r, tl_reg_key *top)
{
	tl_reg_key **stack = NULL;
	size_t depth = 0, cap = 0;
	uint32_t i;

	tl_xgrow((void **)&stack, &cap, 1, sizeof(*stack));
	stack[depth++] = top;
	while (depth) {
		tl_reg_key *k = stack[--depth];
		void **sub = pv_items(&k->subkeys), **val = pv_items(&k->values);

		for (i = 0; i < k->subkeys.n; i++) {
			if (!sub[i])
				continue;
			if (r && k->subkeys.hashed)
				table_remove(r, sub[i]);
			tl_xgrow((void **)&stack, &cap, depth + 1, sizeof(*stack));
			stack[depth++] = sub[i];
		}
		for (i = 0; i < k->values.n; i++) {
			if (!val[i])
				continue;
			if (r && k->values.hashed)
				table_remove(r, val[i]);
			value_free(val[i]);
		}
		key_free(k);
	}
	free(stack);
}

static void delete_subtree(tl_registry *r, tl_reg_key *top)
{
	tl_reg_key *parent = parent_of(top);

	/* Only the top is unlinked from a surviving parent; the table entries
	 * of the rest go before their owner is freed. */
	if (parent->subkeys.hashed)
		table_remove(r, &top->node);
	pv_items(&parent->subkeys)[top->slot] = NULL;
	if (++parent->subkeys.dead * 2 > parent->subkeys.n)
		compact_subkeys(parent);
	free_tree(r, top);
	forget_caches(r);
}

static void set_value(tl_registry *r, tl_reg_key *k, const tl_reg_op *op, const char *file)
{
	const char *name = op->name ? op->name : "";
	const uint8_t *src = op->data ? op->data : (const uint8_t *)"";
	size_t n = strlen(name);
	struct value_node *vn = NULL;
	uint8_t *inline_data;

	vn = (struct value_node *)owned_find(r, &k->values, k, NODE_VALUE, name, n);
	if (!vn) {
		/* The data lives in the node, after the name. */
		if (n > SIZE_MAX / 2 || op->len > SIZE_MAX / 2 - sizeof(*vn) - n - 1 ||
		    op->len > UINT32_MAX)
			tl_oom();
		vn = tl_xcalloc(1, sizeof(*vn) + n + 1 + op->len);
		memcpy(vn->name, name, n + 1);
		vn->inline_cap = (uint32_t)op->len;
		vn->v.name = vn->name;
		vn->v.data = (uint8_t *)vn->name + n + 1;
		vn->node.owner = k;
		vn->node.kind = NODE_VALUE;
		vn->node.hash = node_hash(k, NODE_VALUE, name, n);
		vn->slot = owned_add(r, &k->values, &vn->node);
	} else {
		/* Windows keeps the name as first written, and the position. */
		inline_data = (uint8_t *)vn->name + n + 1;
		if (vn->v.data != inline_data)
			free(vn->v.data);
		vn->v.data = op->len <= vn->inline_cap ? inline_data : tl_xmalloc(op->len);
	}
	if (op->len)
		memcpy(vn->v.data, src, op->len);
	vn->v.type = op->type;
	vn->v.len = op->len;
	vn->v.file = file;
	vn->v.line = op->line;
}

static void delete_value(tl_registry *r, tl_reg_key *k, const char *name)
{
	struct value_node *vn;

	if (!name)
		name = "";
	vn = (struct value_node *)owned_find(r, &k->values, k, NODE_VALUE, name, strlen(name));
	if (!vn)
		return;
	if (k->values.hashed)
		table_remove(r, &vn->node);
	pv_items(&k->values)[vn->slot] = NULL;
	value_free(vn);
	if (++k->values.dead * 2 > k->values.n)
		compact_values(k);
}

void tl_registry_apply_op(tl_registry *r, const tl_reg_op *op, const char *file)
{
	tl_reg_key *k;

	if (!op->key)
		return;
	switch (op->kind) {
	case TL_REG_OP_CREATE_KEY:
		k = resolve(r, op->key, true);
		if (k) {
			k->line = op->line;
			k->file = file;
		}
		break;
	case TL_REG_OP_DELETE_KEY:
		k = resolve(r, op->key, false);
		/* Roots cannot be deleted (FORMATS.md 2). */
		if (k && parent_of(k))
			delete_subtree(r, k);
		forget_caches(r);
		return;
	case TL_REG_OP_SET:
		if (op->key == r->last_src && r->last_key)
			k = r->last_key;
		else
			k = resolve(r, op->key, true);
		if (k)
			set_value(r, k, op, file);
		break;
	case TL_REG_OP_DELETE_VALUE:
		if (op->key == r->last_src && r->last_key)
			k = r->last_key;
		else
			k = resolve(r, op->key, false);
		if (k)
			delete_value(r, k, op->name);
		break;
	default:
		return;
	}
	r->last_src = k ? op->key : NULL;
	r->last_key = k;
}

void tl_registry_apply_done(tl_registry *r)
{
	r->last_key = NULL;
	r->last_src = NULL;
}

/* Free a key and everything below it (no table upkeep: for teardown). */

tl_registry *tl_registry_new(void)
{
	return tl_xcalloc(1, sizeof(tl_registry));
}

void tl_registry_free(tl_registry *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < NROOTS; i++)
		if (r->roots[i])
			free_tree(NULL, r->roots[i]);
	free(r->slots);
	free(r->hashes);
	free(r->chain);
	free(r->chain_end);
	tl_buf_free(&r->last_path);
	free(r);
}


char *tl_reg_normalize_path(const char *path)
{
	size_t spelled, n, i;
	tl_buf b = {0};
	const char *rest;
	bool abbr;
	int root = tl_reg_match_root(path, &spelled, &abbr);

	if (root < 0)
		return NULL;
	tl_buf_adds(&b, roots[root].name);
	rest = path + spelled;
	n = strlen(rest);
	while (n && rest[n - 1] == '\\')
		n--;
	for (i = 0; i < n;) {
		size_t start = ++i, len;

		while (i < n && rest[i] != '\\')
			i++;
		len = i - start;
		tl_buf_addc(&b, '\\');
		/* Second segment under HKEY_LOCAL_MACHINE\SYSTEM. */
		if (root == ROOT_HKLM && b.len > 0 && len == 13 &&
		    tl_strcasecmp(b.data, "HKEY_LOCAL_MACHINE\\SYSTEM\\") == 0 &&
		    tl_strncasecmp(rest + start, "ControlSet", 10) == 0 &&
		    rest[start + 10] >= '0' && rest[start + 10] <= '9' &&
		    rest[start + 11] >= '0' && rest[start + 11] <= '9' &&
		    rest[start + 12] >= '0' && rest[start + 12] <= '9' &&
		    memcmp(rest + start + 10, "000", 3) != 0)
			tl_buf_adds(&b, "CurrentControlSet");
		else
			tl_buf_add(&b, rest + start, len);
	}
	return tl_buf_steal(&b);
}

const tl_reg_key *tl_registry_find(const tl_registry *r, const char *path)
{
	tl_registry *rw = (tl_registry *)r;
	size_t pos;
	tl_reg_key *k;
	bool abbr;
	int root;

	/* child() with create=false only reads; no cache is touched. */
	root = tl_reg_match_root(path, &pos, &abbr);
	if (root < 0 || !r->roots[root])
		return NULL;
	k = r->roots[root];
	while (k && path[pos] == '\\') {
		const char *seg = path + pos + 1;
		size_t n = strcspn(seg, "\\");

		if (n == 0) {
			while (*seg == '\\')
				seg++;
			return *seg ? NULL : k;
		}
		k = child(rw, k, seg, n, false);
		pos += 1 + n;
	}
	return k;
}

const tl_reg_value *tl_reg_key_value(const tl_reg_key *ck, const char *name)
{
	tl_reg_key *k = clean(ck);
	void **val = pv_items(&k->values);
	uint32_t i;

	if (!name)
		name = "";
	for (i = 0; i < k->values.n; i++)
		if (tl_strcasecmp(((struct value_node *)val[i])->v.name, name) == 0)
			return &((struct value_node *)val[i])->v;
	return NULL;
}

int64_t tl_reg_value_dword(const tl_reg_value *v)
{
	if (!v || v->type != TL_REG_DWORD || v->len != 4)
		return -1;
	return tl_le32(v->data);
}

char *tl_reg_value_string(const tl_reg_value *v)
{
	if (!v || (v->type != TL_REG_SZ && v->type != TL_REG_EXPAND_SZ))
		return NULL;
	return tl_utf16le_to_utf8(v->data, v->len, true);
}

size_t tl_reg_value_multi_sz(const tl_reg_value *v, char ***out)
{
	size_t i, start = 0, n = 0, units = v->len / 2;
	char **list = tl_xcalloc(units + 1, sizeof(*list));

	for (i = 0; i <= units; i++) {
		if (i < units && tl_le16(v->data + 2 * i) != 0)
			continue;
		if (i == start)
			break; /* the empty string that ends the list */
		list[n++] = tl_utf16le_to_utf8(v->data + 2 * start, 2 * (i - start), false);
		start = i + 1;
	}
	*out = list;
	return n;
}

const char *tl_reg_key_path(const tl_reg_key *k)
{
	return k->path;
}

const char *tl_reg_key_name(const tl_reg_key *k)
{
	return k->path + k->name_off;
}

size_t tl_reg_key_value_count(const tl_reg_key *k)
{
	return clean(k)->values.n;
}

const tl_reg_value *tl_reg_key_value_at(const tl_reg_key *k, size_t i)
{
	tl_reg_key *c = clean(k);

	if (i >= c->values.n)
		return NULL;
	return &((struct value_node *)pv_items(&c->values)[i])->v;
}

size_t tl_reg_key_subkey_count(const tl_reg_key *k)
{
	return clean(k)->subkeys.n;
}

const tl_reg_key *tl_reg_key_subkey_at(const tl_reg_key *k, size_t i)
{
	tl_reg_key *c = clean(k);

	return i < c->subkeys.n ? pv_items(&c->subkeys)[i] : NULL;
}

uint32_t tl_reg_key_line(const tl_reg_key *k)
{
	return k->line;
}

const char *tl_reg_key_file(const tl_reg_key *k)
{
	return k->file;
}

struct walk_frame {
	tl_reg_key *key;
	size_t next;
};

void tl_registry_walk(const tl_registry *r, tl_reg_visit_fn visit, void *arg)
{
	struct walk_frame *stack = NULL;
	size_t depth = 0, cap = 0, i;

	for (i = 0; i < r->nroots; i++) {
		tl_reg_key *root = clean(r->root_order[i]);

		if (visit(root, arg))
			goto out;
		tl_xgrow((void **)&stack, &cap, 1, sizeof(*stack));
		stack[0].key = root;
		stack[0].next = 0;
		depth = 1;
		while (depth) {
			struct walk_frame *f = &stack[depth - 1];
			tl_reg_key *c;

			if (f->next >= f->key->subkeys.n) {
				depth--;
				continue;
			}
			c = clean(pv_items(&f->key->subkeys)[f->next++]);
			if (visit(c, arg))
				goto out;
			tl_xgrow((void **)&stack, &cap, depth + 1, sizeof(*stack));
			stack[depth].key = c;
			stack[depth].next = 0;
			depth++;
		}
	}
out:
	free(stack);
}

static int settle_key(const tl_reg_key *k, void *arg)
{
	(void)k;
	(void)arg;
	return 0;
}

void tl_registry_settle(tl_registry *r)
{
	/* the walk cleans every key it passes */
	tl_registry_walk(r, settle_key, NULL);
}
