/* trustgraph.c: the trust graph of the HTML report (see trustgraph.h):
 * built from what report/issuers.h and the issuer index already work out,
 * then handed to Graphviz's dot for layout and SVG. Which certificate
 * signed which is only ever the index's answer (by signature, not by
 * name: DESIGN.md 2). */
#include "config.h"

#include "report/trustgraph.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>

#include "report/graphviz.h"
#include "report/issuers.h"
#include "windows/distrust.h"
#include "windows/stores.h"

/* Labels wider than this (code points) are cut with "...": a hostile
 * 100,000-character subject must not make one box the width of the page.
 * The store tables keep every name whole. */
#define LABEL_WIDTH_MAX 80
/* Stores named on a certificate's label before "and N more". */
#define LABEL_STORES_MAX 3

static const char *const problem_names[TL_TG_PROBLEM_COUNT] = {
	"not self-signed, in Root",
	"issuer not in the export",
	"expired",
	"distrusted",
	"not in the export",
};

const char *tl_trust_graph_problem_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < TL_TG_PROBLEM_COUNT; i++)
		if (bit == 1u << i)
			return problem_names[i];
	return NULL;
}

/* ---- nodes, edges and the lookup */

typedef struct builder {
	tl_trust_graph *g;
	const tl_inputs *in;
	const tl_index *index;
	int64_t now;
	/* the key of each node, beside g->nodes (zero for nodes that are
	 * never looked up), and the open-addressing table over them: node
	 * index + 1, 0 empty */
	uint8_t (*keys)[20];
	size_t key_cap;
	size_t *slots;
	size_t slot_count;
} builder;

static size_t slot_of(const uint8_t key[20], size_t slot_count)
{
	size_t h = 0;

	memcpy(&h, key, sizeof(h));
	return h & (slot_count - 1);
}

static void rehash(builder *bd)
{
	size_t i, n = bd->slot_count ? bd->slot_count * 2 : 64;
	static const uint8_t none[20];

	free(bd->slots);
	bd->slots = tl_xcalloc(n, sizeof(size_t));
	bd->slot_count = n;
	for (i = 0; i < bd->g->count; i++) {
		size_t s;

		if (!memcmp(bd->keys[i], none, 20))
			continue;
		for (s = slot_of(bd->keys[i], n); bd->slots[s]; s = (s + 1) & (n - 1))
			;
		bd->slots[s] = i + 1;
	}
}

/* The node with this key, or SIZE_MAX. */
static size_t lookup(const builder *bd, const uint8_t key[20])
{
	size_t s;

	if (!bd->slot_count)
		return SIZE_MAX;
	for (s = slot_of(key, bd->slot_count); bd->slots[s]; s = (s + 1) & (bd->slot_count - 1))
		if (!memcmp(bd->keys[bd->slots[s] - 1], key, 20))
			return bd->slots[s] - 1;
	return SIZE_MAX;
}

/* A new node; key (NULL for nodes never looked up) is copied. The label
 * is taken over. */
static size_t add_node(builder *bd, tl_tg_kind kind, const uint8_t *key, const char *prefix,
		       char *label)
{
	tl_trust_graph *g = bd->g;
	size_t i = g->count;
	tl_tg_node *n;

	tl_xgrow((void **)&g->nodes, &g->cap, i + 1, sizeof(*g->nodes));
	tl_xgrow((void **)&bd->keys, &bd->key_cap, i + 1, sizeof(*bd->keys));
	n = &g->nodes[i];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->label = label;
	if (kind == TL_TG_CERT) {
		char hex[41];

		tl_hex(key, 20, hex, true);
		n->name = tl_xasprintf("cert-%s", hex);
	} else {
		n->name = tl_xasprintf("%s-%zu", prefix, i);
	}
	memset(bd->keys[i], 0, 20);
	if (key)
		memcpy(bd->keys[i], key, 20);
	g->count++;
	if (key) {
		if (g->count * 2 > bd->slot_count)
			rehash(bd);
		else {
			size_t s;

			for (s = slot_of(key, bd->slot_count); bd->slots[s];
			     s = (s + 1) & (bd->slot_count - 1))
				;
			bd->slots[s] = i + 1;
		}
	}
	return i;
}

static void add_edge(tl_trust_graph *g, size_t from, size_t to, const char *label)
{
	tl_xgrow((void **)&g->edges, &g->edge_cap, g->edge_count + 1, sizeof(*g->edges));
	g->edges[g->edge_count].from = from;
	g->edges[g->edge_count].to = to;
	g->edges[g->edge_count].label = label;
	g->edge_count++;
}

/* A key for what is not a certificate: SHA-1 over a tag and the bytes
 * that identify it, so it cannot meet a certificate's SHA-1 by accident. */
static void tagged_key(const char *tag, const void *data, size_t len, uint8_t key[20])
{
	gnutls_hash_hd_t h;

	gnutls_hash_init(&h, GNUTLS_DIG_SHA1);
	gnutls_hash(h, tag, strlen(tag) + 1);
	gnutls_hash(h, data, len);
	gnutls_hash_deinit(h, key);
}

/* ---- labels: raw text, input-derived parts escaped for display */

/* text, escaped (tl_escape_text: no control or invisible character) and
 * cut to LABEL_WIDTH_MAX code points. */
static void label_text(tl_buf *b, const char *text)
{
	tl_buf t = {0};
	size_t i, w = 0;

	tl_escape_text(&t, text ? text : "");
	for (i = 0; i < t.len; i++) {
		if (((unsigned char)t.data[i] & 0xC0) == 0x80)
			continue;
		if (++w > LABEL_WIDTH_MAX - 3 && t.len - i > 3) {
			t.len = i;
			tl_buf_adds(&t, "...");
			break;
		}
	}
	tl_buf_add(b, t.data, t.len);
	tl_buf_free(&t);
}

static void label_problems(tl_buf *b, unsigned problems)
{
	size_t i;

	for (i = 0; i < TL_TG_PROBLEM_COUNT; i++)
		if (problems & (1u << i))
			tl_buf_printf(b, "\n[!] %s", problem_names[i]);
}

/* ---- certificates */

static bool in_disallowed(const tl_store *s)
{
	return tl_strcasecmp(s->name, "Disallowed") == 0;
}

/* The problems of a certificate and the stores holding it, from every
 * place the index says it is held. */
static unsigned cert_problems(const builder *bd, const tl_entry *e, tl_buf *stores)
{
	size_t n, i, shown = 0;
	const tl_index_ref *h = tl_index_holders(bd->index, e->cert.sha1, &n);
	unsigned p = 0;
	tl_buf label = {0};

	if (e->cert.not_after < bd->now)
		p |= TL_TG_EXPIRED;
	for (i = 0; i < n; i++) {
		const tl_store *s = h[i].store;
		const char *logical = tl_win_logical_of(s->name);

		if (logical && !strcmp(logical, "Root") && e->cert.self_signed == TL_SIG_NO)
			p |= TL_TG_ROOT_NOT_SELF_SIGNED;
		if (in_disallowed(s) || tl_win_distrusted(s->entries[h[i].pos], bd->now))
			p |= TL_TG_DISTRUSTED;
		/* one label per store, however many copies it holds */
		if (i && h[i - 1].store == s)
			continue;
		if (shown < LABEL_STORES_MAX) {
			tl_buf_adds(stores, shown ? ", " : "");
			label.len = 0;
			tl_store_label(&label, s->location, s->name);
			label_text(stores, label.data);
		}
		shown++;
	}
	if (shown > LABEL_STORES_MAX)
		tl_buf_printf(stores, " and %zu more", shown - LABEL_STORES_MAX);
	tl_buf_free(&label);
	return p;
}

static void cert_label(tl_tg_node *n, const tl_entry *e, const tl_buf *stores)
{
	tl_buf b = {0};
	char hex[41], t[32];

	label_text(&b, e->cert.subject);
	tl_hex(e->cert.sha1, 20, hex, true);
	tl_format_time(e->cert.not_after, t);
	t[10] = '\0';
	tl_buf_printf(&b, "\nSHA-1 %s\nnot after %s", hex, t);
	if (stores->len)
		tl_buf_printf(&b, "\nin %s", stores->data);
	label_problems(&b, n->problems);
	free(n->label);
	n->label = tl_buf_steal(&b);
}

/* A node for the certificate nobody in the export signed: one per issuer
 * name, so the certificates of one missing CA meet at it. */
static size_t missing_issuer(builder *bd, const tl_entry *e, tl_issuer_answer answer)
{
	uint8_t key[20];
	size_t i;
	tl_buf b = {0};

	tagged_key(answer == TL_ISSUER_MISSING ? "missing" : "unknown", e->cert.issuer_der,
		   e->cert.issuer_der_len, key);
	i = lookup(bd, key);
	if (i != SIZE_MAX)
		return i;
	tl_buf_adds(&b, answer == TL_ISSUER_MISSING ? "issuer not in the export:\n"
						    : "issuer whose signature cannot be checked:\n");
	label_text(&b, e->cert.issuer);
	if (answer == TL_ISSUER_MISSING)
		label_problems(&b, TL_TG_NOT_IN_EXPORT);
	i = add_node(bd, TL_TG_MISSING, key, "missing", tl_buf_steal(&b));
	if (answer == TL_ISSUER_MISSING)
		bd->g->nodes[i].problems = TL_TG_NOT_IN_EXPORT;
	return i;
}

/* The node of a parsed certificate entry, added with its chain up to a
 * root (or to where the export ends) when new. */
static size_t cert_node(builder *bd, const tl_entry *e)
{
	size_t first = lookup(bd, e->cert.sha1), at, depth;
	tl_buf stores = {0};

	if (first != SIZE_MAX)
		return first;
	first = at = add_node(bd, TL_TG_CERT, e->cert.sha1, "cert", NULL);
	for (depth = 0;; depth++) {
		tl_issuer_answer answer = TL_ISSUER_MISSING;
		const tl_entry *up = NULL;
		size_t next;
		bool created;

		bd->g->nodes[at].entry = e;
		stores.len = 0;
		bd->g->nodes[at].problems |= cert_problems(bd, e, &stores);
		/* a root ends the chain: self-signed, or self-issued with a
		 * signature nobody can check (MD2 roots) */
		if (depth < TL_TRUST_GRAPH_CHAIN_MAX &&
		    !(e->cert.self_issued && e->cert.self_signed != TL_SIG_NO))
			up = tl_index_issuer_of(bd->index, &e->cert, &answer);
		else
			answer = TL_ISSUER_FOUND;
		if (!up && answer != TL_ISSUER_FOUND) {
			if (answer == TL_ISSUER_MISSING)
				bd->g->nodes[at].problems |= TL_TG_ISSUER_MISSING;
			add_edge(bd->g, at, missing_issuer(bd, e, answer), "issued by");
		}
		cert_label(&bd->g->nodes[at], e, &stores);
		if (!up || !memcmp(up->cert.sha1, e->cert.sha1, 20))
			break;
		next = lookup(bd, up->cert.sha1);
		created = next == SIZE_MAX;
		if (created)
			next = add_node(bd, TL_TG_CERT, up->cert.sha1, "cert", NULL);
		add_edge(bd->g, at, next, "issued by");
		if (!created)
			break;
		at = next;
		e = up;
	}
	tl_buf_free(&stores);
	return first;
}

/* ---- bindings and issuer sources */

/* The node of e's issuer source, shared by the bindings with the same
 * stores (they have the same list), and the edges to its certificates. */
static size_t source_node(builder *bd, const tl_issuers_endpoint *e)
{
	tl_buf text = {0}, b = {0};
	uint8_t key[20];
	size_t i, n, at;
	const tl_issuer_list *l = &e->list;

	tl_issuers_source_text(&e->src, &text);
	tagged_key("source", text.data, text.len, key);
	at = lookup(bd, key);
	if (at != SIZE_MAX) {
		tl_buf_free(&text);
		return at;
	}
	tl_buf_adds(&b, "trusted issuers from\n");
	label_text(&b, text.data);
	tl_buf_printf(&b, "\n%zu certificate%s, %lld of %d bytes", l->count, l->count == 1 ? "" : "s",
		      (long long)l->bytes, TL_WIN_ISSUER_LIST_CAP);
	if (l->bytes > TL_WIN_ISSUER_LIST_CAP)
		tl_buf_adds(&b, "\n[!] over 16 KB");
	at = add_node(bd, TL_TG_SOURCE, key, "source", tl_buf_steal(&b));
	tl_buf_free(&text);
	n = l->count < TL_TRUST_GRAPH_ISSUERS_MAX ? l->count : TL_TRUST_GRAPH_ISSUERS_MAX;
	for (i = 0; i < n; i++)
		add_edge(bd->g, at, cert_node(bd, l->issuers[i].entry), "lists");
	if (l->count > n) {
		size_t more = add_node(bd, TL_TG_MORE, NULL, "more",
				       tl_xasprintf("... and %zu more in the list", l->count - n));
		add_edge(bd->g, at, more, "lists");
	}
	return at;
}

/* The certificate a binding names, or a node saying the export lacks it. */
static void bound_cert(builder *bd, size_t at, const tl_binding *b)
{
	const tl_entry *e = tl_binding_cert(b, bd->in->model);
	tl_buf t = {0};
	uint8_t key[20];
	size_t i;
	char *hex;

	if (e && e->parsed) {
		add_edge(bd->g, at, cert_node(bd, e), "presents");
		return;
	}
	if (!tl_binding_has_thumbprint(b))
		return;
	tagged_key("bound", b->cert_hash->data, b->cert_hash->len, key);
	i = lookup(bd, key);
	if (i == SIZE_MAX) {
		hex = tl_xhex(b->cert_hash->data, b->cert_hash->len, true);
		tl_buf_printf(&t, "certificate %s\nin LocalMachine\\", hex);
		label_text(&t, b->cert_store);
		label_problems(&t, TL_TG_NOT_IN_EXPORT);
		free(hex);
		i = add_node(bd, TL_TG_MISSING, key, "missing", tl_buf_steal(&t));
		bd->g->nodes[i].problems = TL_TG_NOT_IN_EXPORT;
	}
	add_edge(bd->g, at, i, "presents");
}

static void binding_nodes(const tl_issuers_endpoint *e, void *arg)
{
	builder *bd = arg;
	tl_buf b = {0};
	size_t at;

	/* sites are served by these bindings: the bindings are the graph */
	if (!e->b || e->sv)
		return;
	tl_buf_printf(&b, "%s\\", tl_binding_kind_key(e->b->kind));
	label_text(&b, e->b->endpoint);
	tl_buf_adds(&b, e->ask_count ? "\nasks for client certificates"
				     : "\ndoes not ask for client certificates");
	at = add_node(bd, TL_TG_BINDING, NULL, "binding", tl_buf_steal(&b));
	bound_cert(bd, at, e->b);
	add_edge(bd->g, at, source_node(bd, e), "trusts issuers from");
}

void tl_trust_graph_build(const tl_inputs *in, const tl_view *v, tl_trust_graph *g)
{
	builder bd = {g, in, tl_view_index(v), tl_view_now(v), NULL, 0, NULL, 0};

	memset(g, 0, sizeof(*g));
	tl_issuers_each(in, binding_nodes, &bd);
	free(bd.keys);
	free(bd.slots);
}

void tl_trust_graph_free(tl_trust_graph *g)
{
	size_t i;

	for (i = 0; i < g->count; i++) {
		free(g->nodes[i].name);
		free(g->nodes[i].label);
	}
	free(g->nodes);
	free(g->edges);
	memset(g, 0, sizeof(*g));
}

/* ---- layout: Graphviz's dot, rendered as SVG */

/* A label in Graphviz's escString syntax: a backslash is doubled (so
 * "\N" in a name cannot become the node's name) and each line ends in
 * "\n". Graphviz escapes the text again as XML when it writes the SVG. */
static char *dot_label(const char *label)
{
	tl_buf b = {0};
	const char *p;

	for (p = label; *p; p++) {
		if (*p == '\\')
			tl_buf_adds(&b, "\\\\");
		else if (*p == '\n')
			tl_buf_adds(&b, "\\n");
		else
			tl_buf_addc(&b, *p);
	}
	tl_buf_addc(&b, '\0');
	return tl_buf_steal(&b);
}

static const char *const kind_class[] = {
	[TL_TG_BINDING] = "binding",
	[TL_TG_SOURCE] = "source",
	[TL_TG_CERT] = "cert",
	[TL_TG_MISSING] = "missing",
	[TL_TG_MORE] = "more",
};

/* The most attributes a node is given. */
#define NODE_ATTRS 9
#define EDGE_ATTRS 4

/* A node's attributes, in the order Graphviz is to set them; label and
 * cls are the node's own text, for the caller to free. */
static size_t node_attrs(const tl_tg_node *n, const char *label, const char *cls,
			 tl_gv_attr a[NODE_ATTRS])
{
	bool problem = n->problems != 0;
	size_t k = 0;

	a[k++] = (tl_gv_attr){"shape", "box"};
	a[k++] = (tl_gv_attr){"style", n->kind == TL_TG_MISSING || n->kind == TL_TG_MORE
					       ? "rounded,filled,dashed" : "rounded,filled"};
	a[k++] = (tl_gv_attr){"fontname", "Helvetica"};
	a[k++] = (tl_gv_attr){"fontsize", "10"};
	a[k++] = (tl_gv_attr){"label", label};
	a[k++] = (tl_gv_attr){"class", cls};
	/* problems are red with a thick border, besides their "[!]" text */
	a[k++] = (tl_gv_attr){"color", problem ? "#b3261e"
				       : n->kind == TL_TG_BINDING ? "#1d4f91" : "#555555"};
	a[k++] = (tl_gv_attr){"fillcolor", problem ? "#fde7e4"
					   : n->kind == TL_TG_BINDING ? "#e3ecf8"
					   : n->kind == TL_TG_SOURCE ? "#eef5e9" : "#ffffff"};
	a[k++] = (tl_gv_attr){"penwidth", problem ? "2.5" : "1"};
	return k;
}

/* The <svg> element of Graphviz's document: its XML declaration, DOCTYPE
 * (which names a DTD on the network) and comments (which repeat node
 * names) are left out. */
static int keep_svg(const char *data, size_t len, tl_buf *svg)
{
	const char *end = data + len, *p = NULL, *c;
	size_t i;

	for (i = 0; i + 4 <= len && !p; i++)
		if (!memcmp(data + i, "<svg", 4))
			p = data + i;
	if (!p)
		return -1;
	while (p < end) {
		c = NULL;
		for (i = 0; p + i + 4 <= end && !c; i++)
			if (!memcmp(p + i, "<!--", 4))
				c = p + i;
		if (!c) {
			tl_buf_add(svg, p, (size_t)(end - p));
			break;
		}
		tl_buf_add(svg, p, (size_t)(c - p));
		for (p = c + 4; p + 3 <= end && memcmp(p, "-->", 3); p++)
			;
		p = p + 3 <= end ? p + 3 : end;
	}
	return 0;
}

int tl_trust_graph_svg(const tl_trust_graph *g, tl_buf *svg, char **err)
{
	/* left to right: bindings, what they present and trust, then the
	 * issuers up to the roots; a long list grows down the page, which
	 * scrolls, rather than across it */
	static const tl_gv_attr graph_attrs[] = {
		{"rankdir", "LR"},
		{"fontname", "Helvetica"},
		{"bgcolor", "transparent"},
		{"nodesep", "0.25"},
	};
	size_t nodes = g->count ? g->count : 1, edges = g->edge_count ? g->edge_count : 1;
	tl_gv_node *gn = tl_xcalloc(nodes, sizeof(*gn));
	tl_gv_edge *ge = tl_xcalloc(edges, sizeof(*ge));
	tl_gv_attr *na = tl_xcalloc(nodes * NODE_ATTRS, sizeof(*na));
	tl_gv_attr *ea = tl_xcalloc(edges * EDGE_ATTRS, sizeof(*ea));
	char **texts = tl_xcalloc(nodes * 2, sizeof(*texts));
#ifdef TL_NO_GRAPHVIZ
	const char *why = "this build of trustlint has none (configured --without-graphviz)";
	const tl_graphviz *gv = NULL;
#else
	const char *why = NULL;
	const tl_graphviz *gv = TL_MODULE_TABLE("graphviz", tl_graphviz_dot, TL_GRAPHVIZ_ABI, &why);
#endif
	char *data = NULL;
	size_t i, len = 0;
	int rc = -1;

	*err = NULL;
	if (!gv) {
		*err = tl_xasprintf("the trust graph cannot be laid out: Graphviz is not available: %s", why);
		goto out;
	}
	for (i = 0; i < g->count; i++) {
		const tl_tg_node *n = &g->nodes[i];

		texts[2 * i] = dot_label(n->label);
		texts[2 * i + 1] = tl_xasprintf("%s%s", kind_class[n->kind],
						n->problems ? " problem" : "");
		gn[i].name = n->name;
		gn[i].attrs = na + i * NODE_ATTRS;
		gn[i].attr_count = node_attrs(n, texts[2 * i], texts[2 * i + 1], na + i * NODE_ATTRS);
	}
	for (i = 0; i < g->edge_count; i++) {
		tl_gv_attr *a = ea + i * EDGE_ATTRS;

		a[0] = (tl_gv_attr){"label", g->edges[i].label};
		a[1] = (tl_gv_attr){"fontname", "Helvetica"};
		a[2] = (tl_gv_attr){"fontsize", "8"};
		a[3] = (tl_gv_attr){"color", "#555555"};
		ge[i] = (tl_gv_edge){g->edges[i].from, g->edges[i].to, a, EDGE_ATTRS};
	}
	{
		const tl_gv_graph desc = {graph_attrs, TL_ARRAY_LEN(graph_attrs), gn, g->count,
					  ge, g->edge_count};
		const char *gverr = NULL;

		if (gv->render_svg(&desc, &data, &len, &gverr) != 0)
			*err = tl_xstrdup(gverr ? gverr : "Graphviz failed");
		else if (keep_svg(data, len, svg) != 0)
			*err = tl_xstrdup("Graphviz's SVG holds no <svg> element");
		else
			rc = 0;
		gv->free_svg(data);
	}
out:
	for (i = 0; i < 2 * g->count; i++)
		free(texts[i]);
	free(texts);
	free(na);
	free(ea);
	free(gn);
	free(ge);
	return rc;
}
