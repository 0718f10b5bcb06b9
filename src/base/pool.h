/* pool.h: work spread over threads, with results that do not depend on
 * how many there are.
 *
 * tl_pool_for() runs fn(arg, i) for every i in [0, n) on up to jobs
 * threads (the caller's among them) and returns when all are done. Each
 * call must write only what belongs to its i (a slot of an array, the
 * i-th object), so the results, and whatever the caller makes of them in
 * index order afterwards, are the same for every jobs: the output of a run
 * is byte-identical whatever --jobs says. fn must not print, exit or add
 * to a shared diagnostics sink; it records what it found in its slot for
 * the caller to report in order. */
#ifndef TL_POOL_H
#define TL_POOL_H

#include <stdbool.h>
#include <stddef.h>

/* The most threads a run uses (--jobs is checked against it). */
#define TL_MAX_JOBS 256

typedef void tl_pool_fn(void *arg, size_t i);

/* jobs 0 or 1, or n too small to be worth a thread: a plain loop on the
 * caller's thread. A thread that cannot be started leaves its share to
 * the others. */
void tl_pool_for(size_t n, unsigned jobs, tl_pool_fn *fn, void *arg);

/* The same in the background: fn runs over [0, n) on up to threads new
 * threads while the caller goes on; tl_pool_finish() works through what
 * is left on the caller's thread, waits for the others and frees the
 * task (tl_pool_finish(NULL) is a no-op). Until then the caller must not
 * touch what the items write. With threads 0 nothing runs before
 * tl_pool_finish(). */
typedef struct tl_pool_task tl_pool_task;
tl_pool_task *tl_pool_start(size_t n, unsigned threads, tl_pool_fn *fn, void *arg);
void tl_pool_finish(tl_pool_task *t);

/* Before tl_pool_finish(), the caller may take part item by item:
 * tl_pool_help() runs the next chunk of items nobody took on the caller's
 * thread and returns true, or returns false when every item is taken
 * (some may still be running elsewhere). tl_pool_all_taken() says the
 * same without running anything. Which items are done is for fn to
 * publish (an atomic flag in each slot, set with release order once the
 * slot is written); the caller may read a slot whose flag it has seen set
 * with acquire order. */
bool tl_pool_help(tl_pool_task *t);
bool tl_pool_all_taken(const tl_pool_task *t);

/* The CPUs this process may run on (its affinity mask), at least 1: the
 * default of --jobs. */
unsigned tl_pool_cpus(void);

#endif
