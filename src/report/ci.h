/* ci.h: GitLab Code Quality and JUnit XML reports of `trustlint lint`
 * (lint --format gitlab, --format junit). */
#ifndef TL_REPORT_CI_H
#define TL_REPORT_CI_H

#include <stdio.h>

#include "report/reports.h"

/* A JSON array of GitLab Code Quality issues, one per finding not waived. */
int tl_gitlab_write(const tl_report_ctx *c, FILE *out);
/* JUnit XML: a testsuite per rule in effect (and per input-* id that
 * reported), a failing testcase per finding not waived, one passing
 * testcase for a rule without findings. */
int tl_junit_write(const tl_report_ctx *c, FILE *out);
/* Text for an XML attribute or element, appended to b: terminal-escaped
 * first (XML 1.0 forbids most control characters), then the five XML
 * entities. */
void tl_xml_text(tl_buf *b, const char *s);

#endif
