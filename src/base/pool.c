/* pool.c: see pool.h. No long-lived pool: a run spreads a few dozen
 * batches (blocks of certificates, the issuer checks, each large rule's
 * ranges of objects), each worth milliseconds or more, so starting
 * threads per batch costs little against them. Items are
 * handed out in chunks from one atomic counter, so a thread that finishes
 * early takes more and the slowest item never holds up a whole share. */
#include "config.h"

#include "base/pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "base/os.h"
#include "base/util.h"

/* At most this many items per grab: small enough to balance a batch of
 * costly signature checks, large enough that the counter is not
 * contended; a batch of few items (a rule's ranges of objects) is handed
 * out one at a time. */
#define CHUNK 16

typedef struct pool_run {
	tl_pool_fn *fn;
	void *arg;
	size_t n;
	size_t chunk; /* items per grab */
	size_t next;  /* the first item nobody took; atomic */
} pool_run;

/* Sixteen grabs a thread at least, so no thread takes the whole batch. */
static size_t chunk_for(size_t n, unsigned threads)
{
	size_t c = n / ((size_t)(threads ? threads : 1) * 16);

	return c < 1 ? 1 : c > CHUNK ? CHUNK : c;
}

/* Take the next chunk and run it; false when none is left. */
static bool run_chunk(pool_run *run)
{
	size_t i, end;

	/* a load first: once every item is taken, callers polling from
	 * tl_pool_help() do not push the counter on towards overflow */
	if (__atomic_load_n(&run->next, __ATOMIC_RELAXED) >= run->n)
		return false;
	i = __atomic_fetch_add(&run->next, run->chunk, __ATOMIC_RELAXED);
	if (i >= run->n)
		return false;
	end = run->n - i < run->chunk ? run->n : i + run->chunk;
	for (; i < end; i++)
		run->fn(run->arg, i);
	return true;
}

static void *worker(void *p)
{
	while (run_chunk(p))
		;
	return NULL;
}

struct tl_pool_task {
	pool_run run;
	pthread_t threads[TL_MAX_JOBS];
	unsigned started;
};

tl_pool_task *tl_pool_start(size_t n, unsigned threads, tl_pool_fn *fn, void *arg)
{
	tl_pool_task *t = tl_xcalloc(1, sizeof(*t));
	size_t chunks;

	if (threads > TL_MAX_JOBS)
		threads = TL_MAX_JOBS;
	t->run.fn = fn;
	t->run.arg = arg;
	t->run.n = n;
	/* the caller helps when it finishes: one more thread */
	t->run.chunk = chunk_for(n, threads + 1);
	chunks = (n + t->run.chunk - 1) / t->run.chunk;
	if (threads > chunks)
		threads = (unsigned)chunks;
	while (t->started < threads &&
	       pthread_create(&t->threads[t->started], NULL, worker, &t->run) == 0)
		t->started++;
	return t;
}

void tl_pool_finish(tl_pool_task *t)
{
	unsigned k;

	if (!t)
		return;
	worker(&t->run);
	for (k = 0; k < t->started; k++)
		pthread_join(t->threads[k], NULL);
	free(t);
}

bool tl_pool_help(tl_pool_task *t)
{
	return t && run_chunk(&t->run);
}

bool tl_pool_all_taken(const tl_pool_task *t)
{
	return !t || __atomic_load_n(&t->run.next, __ATOMIC_RELAXED) >= t->run.n;
}

void tl_pool_for(size_t n, unsigned jobs, tl_pool_fn *fn, void *arg)
{
	pool_run run = {fn, arg, n, n, 0};

	if (jobs <= 1 || n <= 1) {
		worker(&run);
		return;
	}
	/* the caller takes an item too: no more threads than the others */
	tl_pool_finish(tl_pool_start(n, jobs - 1 < n - 1 ? jobs - 1 : (unsigned)(n - 1), fn, arg));
}

unsigned tl_pool_cpus(void)
{
	return tl_os_cpus();
}
