/* trustgraph.h: the trust graph of the HTML report (html.h): each http.sys
 * binding, the certificate it presents, the certificates of the issuer
 * source Schannel takes its trusted issuers from (report/issuers.h), and
 * each of those certificates' chain up to a root through the issuer index,
 * with its problems marked; then its layout as SVG by Graphviz's dot.
 *
 * The graph is built first as plain nodes and edges, so what it holds can
 * be tested without Graphviz's coordinates, and only then laid out.
 *
 * Ownership: a tl_trust_graph owns its node names and labels and borrows
 * its entries from the inputs, which must outlive it. */
#ifndef TL_REPORT_TRUSTGRAPH_H
#define TL_REPORT_TRUSTGRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "rules/view.h"

/* The issuer-source certificates drawn per source: a Root of 5,000 roots
 * behind a binding is a list to read in the store tables, not 5,000 boxes
 * (the rest are one "... and N more" node; trustlint(1), LIMITS). */
#define TL_TRUST_GRAPH_ISSUERS_MAX 50
/* Links followed up one chain: real chains are 2 to 4 long; cross-signed
 * loops end where a node is met again. */
#define TL_TRUST_GRAPH_CHAIN_MAX 16

typedef enum tl_tg_kind {
	TL_TG_BINDING = 0, /* an http.sys binding */
	TL_TG_SOURCE,      /* the issuer source of one or more bindings */
	TL_TG_CERT,        /* a certificate (one node per SHA-1) */
	TL_TG_MISSING,     /* a certificate the export does not hold */
	TL_TG_MORE,        /* "... and N more" of a capped issuer source */
} tl_tg_kind;

/* What is wrong with a node, as bits: each is shown as a text marker in
 * its label and as a class, never by colour alone. */
enum {
	TL_TG_ROOT_NOT_SELF_SIGNED = 1u << 0, /* in a logical Root, not self-signed */
	TL_TG_ISSUER_MISSING = 1u << 1,       /* no loaded certificate signed it */
	TL_TG_EXPIRED = 1u << 2,              /* not_after before --now */
	TL_TG_DISTRUSTED = 1u << 3,           /* in a Disallowed store, or Windows trusts it for
					       * no purpose (windows/distrust.h) */
	TL_TG_NOT_IN_EXPORT = 1u << 4,        /* a missing node: named, not held */
	TL_TG_PROBLEM_COUNT = 5
};

typedef struct tl_tg_node {
	tl_tg_kind kind;
	char *name;    /* unique and made of [a-z0-9-] only: "cert-<SHA1>", "binding-3" */
	char *label;   /* what the reader sees, raw input text; lines end in '\n' */
	const tl_entry *entry; /* a certificate node's entry (the first held), else NULL */
	unsigned problems;     /* TL_TG_* bits */
} tl_tg_node;

typedef struct tl_tg_edge {
	size_t from, to;   /* node indexes */
	const char *label; /* "presents", "trusts issuers from", "lists", "issued by" (static) */
} tl_tg_edge;

typedef struct tl_trust_graph {
	tl_tg_node *nodes;
	size_t count, cap;
	tl_tg_edge *edges;
	size_t edge_count, edge_cap;
} tl_trust_graph;

/* Build the graph of the bindings of in, at the view's --now, with its
 * issuer index. g is zeroed first; free with tl_trust_graph_free. */
void tl_trust_graph_build(const tl_inputs *in, const tl_view *v, tl_trust_graph *g);
void tl_trust_graph_free(tl_trust_graph *g);

/* The marker text of one problem bit: "not self-signed, in Root". */
const char *tl_trust_graph_problem_name(unsigned bit);

/* Lay g out with Graphviz's dot and append the <svg> element alone (no
 * XML declaration, DOCTYPE or comments) to svg. Returns 0, or -1 with
 * *err set to why (free() it). Every label reaches the SVG as text
 * content, escaped by Graphviz, never as markup. */
int tl_trust_graph_svg(const tl_trust_graph *g, tl_buf *svg, char **err);

#endif
