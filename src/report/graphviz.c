/* graphviz.c: Graphviz behind report/graphviz.h. It is the module
 * trustlint-graphviz.so (or linked in with --disable-modules), so it
 * calls Graphviz and the C library only, never trustlint: a module loaded
 * with RTLD_LOCAL sees none of the program's functions. */
#include "config.h"

#include "report/graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdlib.h>

#ifdef TL_GRAPHVIZ_BUILTIN_PLUGINS
#include <graphviz/gvplugin.h>

/* A static Graphviz (the Windows build's) loads no plugins: the two it is
 * linked with, listed as Graphviz's own cmd/dot/dot_builtins.c lists its */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library, gvplugin_core_LTX_library;
static const lt_symlist_t builtins[] = {
	{"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
	{"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
	{NULL, NULL},
};
#define new_context() gvContextPlugins(builtins, 0)
#else
#define new_context() gvContext()
#endif

/* cgraph takes char * for names and values it only reads. */
static void set_all(void *obj, const tl_gv_attr *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		agsafeset(obj, (char *)a[i].name, (char *)a[i].value, (char *)"");
}

static int render_svg(const tl_gv_graph *g, char **svg, size_t *len, const char **err)
{
	GVC_t *gvc = new_context();
	Agraph_t *G = gvc ? agopen((char *)"trust", Agdirected, NULL) : NULL;
	Agnode_t **an = calloc(g->node_count ? g->node_count : 1, sizeof(*an));
	char *data = NULL;
	unsigned int n = 0;
	size_t i;
	int rc = -1;

	*svg = NULL;
	*len = 0;
	*err = NULL;
	if (!gvc || !G || !an) {
		*err = "Graphviz could not start (out of memory)";
		goto out;
	}
	set_all(G, g->attrs, g->attr_count);
	for (i = 0; i < g->node_count; i++) {
		an[i] = agnode(G, (char *)g->nodes[i].name, 1);
		set_all(an[i], g->nodes[i].attrs, g->nodes[i].attr_count);
	}
	for (i = 0; i < g->edge_count; i++) {
		Agedge_t *ae = agedge(G, an[g->edges[i].from], an[g->edges[i].to], NULL, 1);

		set_all(ae, g->edges[i].attrs, g->edges[i].attr_count);
	}
	if (gvLayout(gvc, G, "dot") != 0) {
		*err = "Graphviz could not lay out the trust graph (its dot plugin is missing?)";
		goto out;
	}
	if (gvRenderData(gvc, G, "svg", &data, &n) != 0 || !data) {
		*err = "Graphviz could not render the trust graph as SVG";
		if (data)
			gvFreeRenderData(data);
	} else {
		*svg = data;
		*len = n;
		rc = 0;
	}
	gvFreeLayout(gvc, G);
out:
	if (G)
		agclose(G);
	if (gvc)
		gvFreeContext(gvc);
	free(an);
	return rc;
}

static void free_svg(char *svg)
{
	if (svg)
		gvFreeRenderData(svg);
}

const tl_graphviz tl_graphviz_dot = {
	{TL_GRAPHVIZ_ABI, sizeof(tl_graphviz), PACKAGE_VERSION},
	render_svg,
	free_svg,
};
