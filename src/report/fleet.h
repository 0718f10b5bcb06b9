/* fleet.h: the reports of a fleet (input/fleet.h), put together from the
 * reports each machine's run wrote.
 *
 * main.c lints each machine in a process of its own, which writes its
 * reports as DIR/<i>.<format> (and what it said on standard error as
 * DIR/<i>.err); these functions read them back one machine at a time, in
 * machine order, so the memory they take is that of the largest
 * machine's report, never the fleet's.
 *
 * Ownership: a tl_fleet_run borrows everything it points to. */
#ifndef TL_REPORT_FLEET_H
#define TL_REPORT_FLEET_H

#include <stdbool.h>
#include <stdio.h>

#include "input/fleet.h"

typedef struct tl_fleet_run {
	const tl_fleet *fleet;
	const int *exit_codes; /* per machine: its run's exit status */
	const char *dir;       /* where the machines' reports are */
	const char *category;  /* --sarif-category, or NULL ("trustlint") */
	bool color;            /* text: ANSI colours in the headers */
	bool quiet;            /* text: no table or totals (-q) */
} tl_fleet_run;

/* The SARIF automationDetails.id of a machine: "<category>/<machine>/"; a
 * new string. */
char *tl_fleet_category(const char *category, const char *machine);

/* Write the fleet's report in format (text, json, sarif, gitlab or junit)
 * to out. Returns 0, or -1 on a write error or a machine report that
 * cannot be read back (said on stderr). */
int tl_fleet_write(const tl_fleet_run *r, const char *format, FILE *out);

#endif
