/* issuers.h: `trustlint issuers`: for each endpoint that can ask for
 * client certificates (today each http.sys TLS binding), the trusted issuer
 * list Schannel builds for it, as windows/ works it out: the trust mode,
 * the store the issuers come from and why, every issuer in list order, the
 * bytes against 16 KB, whether the list is sent. Text, or one JSON document
 * (fields documented in doc/issuers-json.md). No rule is run.
 *
 * Ownership: the writers borrow the inputs and keep nothing. */
#ifndef TL_ISSUERS_H
#define TL_ISSUERS_H

#include <stdio.h>

#include "input/input.h"

/* Write the report of in; return 0, or -1 on a write error. */
int tl_issuers_text(const tl_inputs *in, FILE *out);
int tl_issuers_json(const tl_inputs *in, FILE *out);

#endif
