/* html.h: the HTML report of `trustlint lint` (--format html,
 * --html-output): one self-contained UTF-8 page for people who read rather
 * than grep: a summary, the findings grouped by rule with each rule's help,
 * the trust graph (report/trustgraph.h) as inline SVG, every binding and
 * site with its trusted issuer list, and every store as a table.
 *
 * It works offline and runs nothing: no script, no fetched font, image or
 * style, and a Content-Security-Policy that forbids them (its one <style>
 * is allowed by its SHA-256). Every input-derived string goes through
 * tl_html_escape.
 *
 * Ownership: the writer borrows the report context and keeps nothing. */
#ifndef TL_REPORT_HTML_H
#define TL_REPORT_HTML_H

#include <stdio.h>

#include "base/util.h"
#include "report/reports.h"

/* Append s (NULL: nothing) to b as HTML or XML text or attribute value:
 * control and invisible characters escaped as tl_escape_text does for a
 * terminal (so a name reads the same in every report), Unicode
 * noncharacters in the same spelling (HTML and XML forbid them), then
 * & < > " ' as &amp; &lt; &gt; &quot; &apos; (entities both languages
 * define). The one markup escaping function: the HTML report and the
 * JUnit XML report (ci.h) use it. */
void tl_html_escape(tl_buf *b, const char *s);

/* Write the page; 0, or -1 on a write error. When Graphviz cannot lay
 * the graph out, the page says why in its place. */
int tl_html_write(const tl_report_ctx *c, FILE *out);

/* A fleet's page (report/fleet.h) is made of pieces: the page's head with
 * its title (escaped), each machine's report as an <article> headed by its
 * name whose ids (and the SVG's) all start with ids ("m2-": no input in
 * it), and the page's end. tl_html_write_machine returns 0, or -1 on a
 * write error. */
void tl_html_page_begin(FILE *out, const char *title);
int tl_html_write_machine(const tl_report_ctx *c, const char *machine, const char *ids, FILE *out);
void tl_html_page_end(FILE *out);

#endif
