/* graphviz.h: the one way report/trustgraph.c reaches Graphviz, a table
 * of functions in report/graphviz.c. That file is the module
 * trustlint-graphviz.so, loaded the first time a run lays out a trust
 * graph (base/module.h), or linked into the program by ./configure
 * --disable-modules. It knows nothing of trustlint: it builds the graph
 * described here with cgraph, lays it out with dot and renders it as SVG. */
#ifndef TL_GRAPHVIZ_H
#define TL_GRAPHVIZ_H

#include <stddef.h>

#include "base/module.h"

/* Changed whenever the table or the graph's description change. */
#define TL_GRAPHVIZ_ABI 1

/* An attribute set with agsafeset() (default ""), in order: a later one
 * of the same name replaces the earlier. */
typedef struct tl_gv_attr {
	const char *name, *value;
} tl_gv_attr;

typedef struct tl_gv_node {
	const char *name; /* unique */
	const tl_gv_attr *attrs;
	size_t attr_count;
} tl_gv_node;

typedef struct tl_gv_edge {
	size_t from, to; /* node indexes */
	const tl_gv_attr *attrs;
	size_t attr_count;
} tl_gv_edge;

/* A directed graph, its nodes made in order, then its edges. */
typedef struct tl_gv_graph {
	const tl_gv_attr *attrs;
	size_t attr_count;
	const tl_gv_node *nodes;
	size_t node_count;
	const tl_gv_edge *edges;
	size_t edge_count;
} tl_gv_graph;

typedef struct tl_graphviz {
	tl_module_head head; /* TL_GRAPHVIZ_ABI */
	/* Lay g out with dot and render it as SVG: 0 with *svg (*len bytes,
	 * freed with free_svg), or -1 with *err saying why (static). */
	int (*render_svg)(const tl_gv_graph *g, char **svg, size_t *len, const char **err);
	void (*free_svg)(char *svg);
} tl_graphviz;

/* The table, exported by the module or linked in (TL_MODULE_TABLE). */
extern const tl_graphviz tl_graphviz_dot;

#endif
