/* html.c: the HTML report (see html.h): the page's sections in reading
 * order, each from what the other reports already work out (the findings,
 * the rule set's help, report/issuers.h for the endpoints, the model's
 * stores, report/trustgraph.h for the graph). Written straight to the
 * output as it goes: a store of 100,000 entries is never held as HTML. */
#include "config.h"

#include "report/html.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>

#include "base/diagids.h"
#include "report/issuers.h"
#include "report/trustgraph.h"

/* Stores up to this many entries are shown open; a bigger one is a
 * <details> the reader opens (print opens them all). */
#define OPEN_STORE_MAX 100

/* The page's one stylesheet. The Content-Security-Policy allows it by its
 * SHA-256, so it must be written byte for byte as hashed. */
static const char style[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:75rem;padding:0 1rem 2rem;"
	"color:#1b1b1b;background:#fff}"
	"h1{font-size:1.6rem}h2{border-bottom:2px solid #ccc;margin-top:2.2rem}h3{font-size:1.05rem}"
	"code,.mono{font-family:ui-monospace,monospace;font-size:.9em;overflow-wrap:anywhere}"
	"table{border-collapse:collapse;width:100%;font-size:.85rem}"
	"th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere}"
	"th{background:#f0f0f0}"
	"table.counts{width:auto;min-width:14rem}"
	".level{font-weight:700;text-transform:uppercase;font-size:.75rem;padding:.05rem .35rem;"
	"border-radius:.2rem;border:1px solid}"
	".error .level,.level.error{color:#8c1d18;border-color:#8c1d18;background:#fde7e4}"
	".warning .level,.level.warning{color:#6b4a00;border-color:#6b4a00;background:#fff3cd}"
	".note .level,.level.note{color:#124a7a;border-color:#124a7a;background:#e3ecf8}"
	".rule{border-left:4px solid #ccc;padding-left:.8rem;margin:1.2rem 0}"
	".rule.error{border-color:#b3261e}.rule.warning{border-color:#b58100}"
	".rule.note{border-color:#1d4f91}"
	".findings li{margin:.3rem 0}.waived{color:#666}.tag{font-size:.75rem;color:#444}"
	".over{color:#8c1d18;font-weight:700}"
	"dl.endpoint{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.2rem 1rem}"
	"dl.endpoint dt{font-weight:600}dl.endpoint dd{margin:0;overflow-wrap:anywhere}"
	".graph{overflow:auto;border:1px solid #ccc;padding:.5rem}"
	".graph svg{max-width:100%;height:auto}"
	".legend li{margin:.2rem 0}"
	"details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}"
	"nav ul{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0}"
	"@media (max-width:40rem){dl.endpoint{grid-template-columns:1fr}"
	"th,td{padding:.15rem .25rem}}"
	"@media print{body{max-width:none;color:#000;background:#fff;font-size:10pt}"
	"nav{display:none}a{color:#000}"
	"h2{break-before:page}h2:first-of-type{break-before:auto}"
	"details::details-content{display:block;content-visibility:visible}"
	"details>summary{list-style:none}"
	"tr,li,dl.endpoint{break-inside:avoid}"
	".graph{overflow:visible;border:0}"
	"th{background:#fff}"
	".level{background:#fff!important;color:#000!important;border-color:#000!important}}";

/* ---- escaping */

void tl_html_escape(tl_buf *b, const char *s)
{
	tl_buf t = {0};
	size_t i, n;
	uint32_t cp;

	tl_escape_text(&t, s ? s : "");
	for (i = 0; i < t.len; i += n) {
		n = tl_utf8_len(t.data + i, &cp);
		if (n == 0) /* tl_escape_text leaves none; never loop on one */
			n = 1;
		if (n > 1) {
			/* Unicode noncharacters: U+FDD0-FDEF and U+xxFFFE/F */
			if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
				tl_buf_printf(b, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
			else
				tl_buf_add(b, t.data + i, n);
			continue;
		}
		switch (t.data[i]) {
		case '&':
			tl_buf_adds(b, "&amp;");
			break;
		case '<':
			tl_buf_adds(b, "&lt;");
			break;
		case '>':
			tl_buf_adds(b, "&gt;");
			break;
		case '"':
			tl_buf_adds(b, "&quot;");
			break;
		case '\'':
			tl_buf_adds(b, "&apos;");
			break;
		default:
			tl_buf_addc(b, t.data[i]);
			break;
		}
	}
	tl_buf_free(&t);
}

/* ---- writing */

typedef struct page {
	const tl_report_ctx *c;
	FILE *out;
	tl_buf t; /* scratch */
	/* before every id and fragment link: "" for one machine's page, a
	 * machine's own ("m2-") in a fleet's, where the machines' sections
	 * share one page */
	const char *ids;
	const char *machine; /* the heading: a fleet's machine, or NULL */
} page;

/* <section id="PREFIXname">\n<h2>title</h2>\n */
static void section(page *p, const char *name, const char *title)
{
	fprintf(p->out, "<section id=\"%s%s\">\n<h2>%s</h2>\n", p->ids, name, title);
}

static void put(page *p, const char *html)
{
	fputs(html, p->out);
}

static void put_text(page *p, const char *s)
{
	p->t.len = 0;
	tl_html_escape(&p->t, s);
	fwrite(p->t.data ? p->t.data : "", 1, p->t.len, p->out);
}

/* Rule prose: its lines are one paragraph (the rule file wraps them). */
static void put_prose(page *p, const char *s)
{
	char *flat = tl_xstrdup(s ? s : ""), *q;

	for (q = flat; *q; q++)
		if (*q == '\n')
			*q = ' ';
	put_text(p, flat);
	free(flat);
}

/* <tag>text</tag>, text escaped; tag holds no input. */
static void element(page *p, const char *tag, const char *text)
{
	fprintf(p->out, "<%s>", tag);
	put_text(p, text);
	fprintf(p->out, "</%s>", tag);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- head */

/* 'sha256-<base64>' of the stylesheet, for the policy. */
static char *style_hash(void)
{
	uint8_t digest[32];
	gnutls_datum_t in = {digest, sizeof(digest)}, b64 = {NULL, 0};
	char *out;

	gnutls_hash_fast(GNUTLS_DIG_SHA256, style, strlen(style), digest);
	if (gnutls_base64_encode2(&in, &b64) < 0)
		tl_oom();
	out = tl_xasprintf("'sha256-%.*s'", (int)b64.size, (const char *)b64.data);
	gnutls_free(b64.data);
	return out;
}

static void head(FILE *out, const char *title)
{
	page pg = {NULL, out, {0}, "", NULL}, *p = &pg;
	char *hash = style_hash();

	put(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	/* nothing may load or run: no script at all, no fetched style, font
	 * or image; the graph is inline SVG, which needs none of them */
	fprintf(p->out,
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src %s; img-src data:; form-action 'none'; base-uri 'none'\">\n",
		hash);
	free(hash);
	put(p, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	       "<meta name=\"referrer\" content=\"no-referrer\">\n");
	put(p, "<title>");
	put_text(p, title);
	put(p, "</title>\n<style>");
	put(p, style);
	put(p, "</style>\n</head>\n<body>\n");
	tl_buf_free(&p->t);
}

/* ---- summary */

static size_t waived_count(const tl_findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += f->items[i].waiver != NULL;
	return n;
}

static void count_row(page *p, const char *what, size_t n)
{
	fprintf(p->out, "<tr><th scope=\"row\">%s</th><td>%zu</td></tr>\n", what, n);
}

static void summary(page *p)
{
	const tl_report_ctx *c = p->c;
	size_t i;

	if (p->machine) {
		put(p, "<header>\n<h1>");
		put_text(p, p->machine);
		put(p, "</h1>\n");
	} else {
		put(p, "<header>\n<h1>trustlint report</h1>\n");
	}
	if (c->in->manifest) {
		tl_buf m = {0};

		tl_export_describe(c->in->manifest, &m);
		put(p, "<p class=\"machine\">");
		put_text(p, m.data);
		put(p, "</p>\n");
		tl_buf_free(&m);
	}
	fprintf(p->out, "<p>trustlint %s; exit status %d</p>\n</header>\n", PACKAGE_VERSION,
		c->exit_code);
	fprintf(p->out,
		"<nav><ul><li><a href=\"#%1$ssummary\">Summary</a></li><li><a href=\"#%1$sfindings\">"
		"Findings</a></li><li><a href=\"#%1$sgraph\">Trust graph</a></li><li><a "
		"href=\"#%1$sendpoints\">Bindings and sites</a></li><li><a href=\"#%1$sstores\">Stores</a>"
		"</li></ul></nav>\n",
		p->ids);
	section(p, "summary", "Summary");
	put(p, "<table class=\"counts\">\n");
	count_row(p, "errors", tl_findings_count(c->findings, TL_ERROR));
	count_row(p, "warnings", tl_findings_count(c->findings, TL_WARNING));
	count_row(p, "notes", tl_findings_count(c->findings, TL_NOTE));
	count_row(p, "waived", waived_count(c->findings));
	count_row(p, "inputs", c->in->source_count);
	count_row(p, "certificates", tl_view_count(c->view, TL_SCOPE_CERT));
	count_row(p, "stores", c->in->model->count);
	count_row(p, "bindings", tl_view_count(c->view, TL_SCOPE_BINDING));
	count_row(p, "sites", tl_view_count(c->view, TL_SCOPE_SITE));
	put(p, "</table>\n");
	fprintf(p->out, "<details><summary>%zu %s</summary>\n<ul>\n", c->in->source_count,
		plural(c->in->source_count, "input", "inputs"));
	for (i = 0; i < c->in->source_count; i++) {
		put(p, "<li><code>");
		put_text(p, c->in->sources[i]->path);
		put(p, "</code></li>\n");
	}
	put(p, "</ul>\n</details>\n</section>\n");
}

/* ---- findings, grouped by rule */

/* help_uri comes from a rule file: only a web address becomes a link, so
 * a "javascript:" one stays text. */
static bool web_uri(const char *u)
{
	return !tl_strncasecmp(u, "https://", 8) || !tl_strncasecmp(u, "http://", 7);
}

static void finding_item(page *p, const tl_finding *x)
{
	tl_buf where = {0};

	fprintf(p->out, "<li class=\"%s%s\"><span class=\"level\">%s</span> ",
		tl_severity_name(x->level), x->waiver ? " waived" : "", tl_severity_name(x->level));
	if (x->loc.file)
		tl_loc_format(&x->loc, &where);
	else
		tl_buf_adds(&where, x->object ? x->object : "machine");
	put(p, "<code>");
	put_text(p, where.data);
	put(p, "</code> ");
	put_text(p, x->message);
	if (x->object && x->loc.file) {
		put(p, " <span class=\"tag\">(<code>");
		put_text(p, x->object);
		put(p, "</code>)</span>");
	}
	if (p->c->baseline && !strcmp(tl_baseline_finding_state(p->c->baseline, x), "new"))
		put(p, " <span class=\"tag\">new since the baseline</span>");
	if (x->waiver) {
		put(p, " <span class=\"tag\">waived");
		if (x->waiver->reason) {
			put(p, ": ");
			put_text(p, x->waiver->reason);
		}
		put(p, "</span>");
	}
	put(p, "</li>\n");
	tl_buf_free(&where);
}

/* One rule's (or input-* id's) findings, under its title and help. */
static void rule_group(page *p, const char *id, const tl_rule *r)
{
	const tl_findings *f = p->c->findings;
	const struct tl_diag_info *row = r ? NULL : tl_diag_info(id);
	tl_severity level = r ? r->level : row ? row->level : TL_WARNING;
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		n += !strcmp(f->items[i].rule_id, id) && f->items[i].rule == r;
	fprintf(p->out, "<article class=\"rule %s\">\n<h3><span class=\"level\">%s</span> ",
		tl_severity_name(level), tl_severity_name(level));
	if (r) {
		char *title = tl_rule_expand_params(r, r->title);

		put_text(p, title);
		free(title);
	} else {
		put_text(p, row ? row->meaning : id);
	}
	put(p, " <code>");
	put_text(p, id);
	fprintf(p->out, "</code> <span class=\"tag\">%zu %s</span></h3>\n", n,
		plural(n, "finding", "findings"));
	if (r && r->description) {
		char *d = tl_rule_expand_params(r, r->description);

		put(p, "<p>");
		put_prose(p, d);
		put(p, "</p>\n");
		free(d);
	}
	if ((r && r->help) || row) {
		char *h = r ? tl_rule_expand_params(r, r->help) : tl_xstrdup(row->help);

		put(p, "<p><strong>What to do:</strong> ");
		put_prose(p, h);
		put(p, "</p>\n");
		free(h);
	}
	if (r && r->help_uri) {
		put(p, "<p>More: ");
		if (web_uri(r->help_uri)) {
			put(p, "<a rel=\"noreferrer\" href=\"");
			put_text(p, r->help_uri);
			put(p, "\">");
			put_text(p, r->help_uri);
			put(p, "</a>");
		} else {
			element(p, "code", r->help_uri);
		}
		put(p, "</p>\n");
	}
	put(p, "<ul class=\"findings\">\n");
	for (i = 0; i < f->count; i++)
		if (!strcmp(f->items[i].rule_id, id) && f->items[i].rule == r)
			finding_item(p, &f->items[i]);
	put(p, "</ul>\n</article>\n");
}

/* Whether an earlier finding than i has the id of input diagnostic i. */
static bool diag_seen(const tl_findings *f, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (!f->items[j].rule && !strcmp(f->items[j].rule_id, f->items[i].rule_id))
			return true;
	return false;
}

static void findings(page *p)
{
	static const tl_severity levels[] = {TL_ERROR, TL_WARNING, TL_NOTE};
	const tl_findings *f = p->c->findings;
	size_t i, j, k;

	section(p, "findings", "Findings");
	if (!f->count)
		put(p, "<p>No finding.</p>\n");
	/* the rules' errors first, each level in rule set order, then the
	 * input diagnostics as first met */
	for (k = 0; k < TL_ARRAY_LEN(levels); k++)
		for (i = 0; i < tl_ruleset_count(p->c->rules); i++) {
			const tl_rule *r = tl_ruleset_at(p->c->rules, i);

			if (r->level != levels[k])
				continue;
			for (j = 0; j < f->count && f->items[j].rule != r; j++)
				;
			if (j < f->count)
				rule_group(p, r->id, r);
		}
	for (i = 0; i < f->count; i++)
		if (!f->items[i].rule && !diag_seen(f, i))
			rule_group(p, f->items[i].rule_id, NULL);
	put(p, "</section>\n");
}

/* ---- the trust graph */

/* Graphviz's SVG with the page's id prefix before each id (node1, edge1,
 * graph0 would repeat in every machine's section of a fleet). In
 * Graphviz's output ` id="` is only ever an attribute: labels are text,
 * their quotes written &quot;. */
static void put_svg(page *p, const tl_buf *svg)
{
	const char *at = svg->data ? svg->data : "", *end = at + svg->len, *hit;
	size_t n = strlen(" id=\"");

	/* the SVG is text, NUL-terminated like every tl_buf */
	while (*p->ids && (hit = strstr(at, " id=\"")) && hit < end) {
		fwrite(at, 1, (size_t)(hit - at) + n, p->out);
		fputs(p->ids, p->out);
		at = hit + n;
	}
	fwrite(at, 1, (size_t)(end - at), p->out);
}

static void graph(page *p)
{
	tl_trust_graph g;
	tl_buf svg = {0};
	char *err = NULL;
	size_t i;

	section(p, "graph", "Trust graph");
	tl_trust_graph_build(p->c->in, p->c->view, &g);
	if (!g.count) {
		put(p, "<p>No http.sys binding in the inputs: the graph starts from the bindings "
		       "(under <code>HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP"
		       "\\Parameters</code>).</p>\n</section>\n");
		tl_trust_graph_free(&g);
		return;
	}
	fprintf(p->out,
		"<p>Each http.sys binding, the certificate it presents, the store its trusted "
		"issuers come from with the first %d certificates of that list, and each "
		"certificate's chain to a root, as the export's certificates sign each other. "
		"Marked <strong>[!]</strong> with a red border:</p>\n<ul class=\"legend\">\n",
		TL_TRUST_GRAPH_ISSUERS_MAX);
	for (i = 0; i < TL_TG_PROBLEM_COUNT; i++)
		fprintf(p->out, "<li>[!] %s</li>\n", tl_trust_graph_problem_name(1u << i));
	put(p, "</ul>\n");
	if (tl_trust_graph_svg(&g, &svg, &err) == 0) {
		put(p, "<div class=\"graph\">\n");
		put_svg(p, &svg);
		put(p, "</div>\n");
	} else {
		put(p, "<p class=\"over\">");
		put_text(p, err);
		put(p, "</p>\n");
		free(err);
	}
	tl_buf_free(&svg);
	tl_trust_graph_free(&g);
	put(p, "</section>\n");
}

/* ---- bindings and sites */

static void dd_row(const char *what, const char *text, void *arg)
{
	page *p = arg;

	/* what a list over 16 KB does is the point of the row: marked */
	put(p, strcmp(what, "over 16 KB") ? "<dt>" : "<dt class=\"over\">[!] ");
	put_text(p, what);
	put(p, "</dt><dd>");
	put_text(p, text);
	put(p, "</dd>\n");
}

static void endpoint_html(const tl_issuers_endpoint *e, void *arg)
{
	page *p = arg;
	tl_buf t = {0};
	tl_loc at = e->sv ? e->sv->loc
		    : tl_loc_line(tl_reg_key_file(e->b->key), tl_reg_key_line(e->b->key), 0);

	put(p, "<article>\n<h3>");
	if (e->sv) {
		put(p, "site ");
		put_text(p, e->sv->site->name);
		put(p, " <code>https ");
		put_text(p, e->sv->iis->information);
		put(p, "</code>");
	} else {
		fprintf(p->out, "binding <code>%s\\", tl_binding_kind_key(e->b->kind));
		put_text(p, e->b->endpoint);
		put(p, "</code>");
	}
	put(p, "</h3>\n<dl class=\"endpoint\">\n");
	tl_loc_format(&at, &t);
	dd_row("configured at", t.data, p);
	if (!e->b) {
		dd_row("served by", "no http.sys binding in the export", p);
	} else {
		if (e->sv) {
			t.len = 0;
			tl_buf_printf(&t, "%s\\%s%s", tl_binding_kind_key(e->b->kind), e->b->endpoint,
				      e->sv->fallback ? " (the wildcard of its port)" : "");
			dd_row("served by", t.data, p);
		}
		tl_issuers_endpoint_facts(e, dd_row, p);
	}
	put(p, "</dl>\n</article>\n");
	tl_buf_free(&t);
}

static void endpoints(page *p)
{
	section(p, "endpoints", "Bindings and sites");
	if (!tl_view_count(p->c->view, TL_SCOPE_BINDING) && !tl_view_count(p->c->view, TL_SCOPE_SITE))
		put(p, "<p>No http.sys binding or IIS site in the inputs.</p>\n");
	tl_issuers_each(p->c->in, endpoint_html, p);
	put(p, "</section>\n");
}

/* ---- stores */

static void entry_row(page *p, const tl_entry *e)
{
	const tl_cert *c = &e->cert;
	char hex[41], t[32];
	uint8_t sha1[20];

	put(p, "<tr><td>");
	if (e->parsed) {
		put_text(p, c->subject);
		put(p, "</td><td>");
		put_text(p, c->issuer);
		tl_hex(c->sha1, 20, hex, true);
		tl_format_time(c->not_after, t);
		t[10] = '\0';
		fprintf(p->out, "</td><td class=\"mono\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
			hex, t,
			c->self_signed == TL_SIG_YES ? "yes"
			: c->self_signed == TL_SIG_UNVERIFIABLE ? "unverifiable"
			: c->self_issued ? "no (self-issued)" : "no",
			c->is_ca ? "yes" : "no");
	} else {
		tl_entry_hashes(e, sha1, NULL);
		tl_hex(sha1, 20, hex, true);
		fprintf(p->out, "(%s)</td><td></td><td class=\"mono\">%s</td><td></td><td></td>"
				"<td></td><td>",
			e->kind == TL_ENTRY_CERT ? "unparsable" : tl_entry_kind_name(e->kind), hex);
	}
	put_text(p, e->friendly_name);
	put(p, "</td></tr>\n");
}

static void stores(page *p)
{
	const tl_model *m = p->c->in->model;
	tl_buf label = {0};
	size_t i, j;

	section(p, "stores", "Stores");
	if (!m->count)
		put(p, "<p>No store in the inputs.</p>\n");
	for (i = 0; i < m->count; i++) {
		const tl_store *s = m->stores[i];

		label.len = 0;
		tl_store_label(&label, s->location, s->name);
		fprintf(p->out, "<details%s><summary>", s->count <= OPEN_STORE_MAX ? " open" : "");
		put_text(p, label.data);
		fprintf(p->out, ": %zu %s</summary>\n", s->count, plural(s->count, "entry", "entries"));
		if (!s->count) {
			put(p, "<p>Empty.</p>\n</details>\n");
			continue;
		}
		put(p, "<table>\n<thead><tr><th>subject</th><th>issuer</th><th>SHA-1</th>"
		       "<th>not after</th><th>self-signed</th><th>CA</th><th>friendly name</th>"
		       "</tr></thead>\n<tbody>\n");
		for (j = 0; j < s->count; j++)
			entry_row(p, s->entries[j]);
		put(p, "</tbody>\n</table>\n</details>\n");
	}
	tl_buf_free(&label);
	put(p, "</section>\n");
}

/* One machine's report: summary, findings, graph, bindings, stores. */
static void body(page *p)
{
	summary(p);
	findings(p);
	graph(p);
	endpoints(p);
	stores(p);
}

int tl_html_write(const tl_report_ctx *c, FILE *out)
{
	page p = {c, out, {0}, "", NULL};

	tl_findings_describe(c->findings);
	head(out, "trustlint report");
	body(&p);
	put(&p, "</body>\n</html>\n");
	tl_buf_free(&p.t);
	return ferror(out) ? -1 : 0;
}

int tl_html_write_machine(const tl_report_ctx *c, const char *machine, const char *ids, FILE *out)
{
	page p = {c, out, {0}, ids, machine};

	tl_findings_describe(c->findings);
	fprintf(out, "<article class=\"machine\" id=\"%smachine\">\n", ids);
	body(&p);
	put(&p, "</article>\n");
	tl_buf_free(&p.t);
	return ferror(out) ? -1 : 0;
}

void tl_html_page_begin(FILE *out, const char *title)
{
	head(out, title);
}

void tl_html_page_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}
