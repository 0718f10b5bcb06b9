/* issuers.h: `trustlint issuers`: for each endpoint that can ask for
 * client certificates (today each http.sys TLS binding), the trusted issuer
 * list Schannel builds for it, as windows/ works it out: the trust mode,
 * the store the issuers come from and why, every issuer in list order, the
 * bytes against 16 KB, whether the list is sent. Text, or one JSON document
 * (fields documented in doc/issuers-json.md). No rule is run.
 *
 * Ownership: the writers borrow the inputs and keep nothing; an endpoint
 * handed to a tl_issuers_each callback lives only for that call. */
#ifndef TL_ISSUERS_H
#define TL_ISSUERS_H

#include <stdio.h>

#include "base/util.h"
#include "input/input.h"
#include "windows/httpsys.h"
#include "windows/schannel.h"
#include "windows/sites.h"
#include "windows/stores.h"

/* Write the report of in; return 0, or -1 on a write error. */
int tl_issuers_text(const tl_inputs *in, FILE *out);
int tl_issuers_json(const tl_inputs *in, FILE *out);

/* One endpoint of the report: an http.sys binding, or an IIS site's https
 * binding and the http.sys binding that serves it. */
typedef struct tl_issuers_endpoint {
	/* the http.sys binding; NULL for a site no binding of the export serves
	 * (then nothing below but sv is set) */
	const tl_binding *b;
	/* an IIS site's https binding that b serves, or NULL for b itself */
	const tl_served *sv;
	const tl_cert_ask *asks; /* who asks it for client certificates */
	size_t ask_count;
	tl_issuer_source src;    /* where Schannel takes its trusted issuers */
	tl_buf reason;           /* why there */
	tl_issuer_list list;     /* the list it builds */
	const tl_schannel *sc;   /* the machine's settings */
	bool apphost;            /* an applicationHost.config is among the inputs */
} tl_issuers_endpoint;

/* Call fn on every endpoint of in, in report order: the http.sys bindings,
 * then each IIS site's https bindings. Each issuer list is built for its
 * call and freed after it, so a Root of 100,000 certificates behind every
 * binding is held once at a time. */
void tl_issuers_each(const tl_inputs *in, void (*fn)(const tl_issuers_endpoint *e, void *arg),
		     void *arg);

/* What the report says of e (which has a binding) after its head, one
 * row(what, text, arg) a fact, in order: who asks for client
 * certificates (one row each, the later ones with what ""), the trust
 * mode, the issuer source and why, the issuer list's size against 16 KB,
 * its composition, whether it is sent, what a list over 16 KB does. The
 * text is raw: row escapes it. */
void tl_issuers_endpoint_facts(const tl_issuers_endpoint *e,
			       void (*row)(const char *what, const char *text, void *arg), void *arg);

/* The source's name and its stores: "Root (LocalMachine\Root,
 * LocalMachine\AuthRoot)", or "Root (not in the export)", appended. */
void tl_issuers_source_text(const tl_issuer_source *src, tl_buf *out);

#endif
