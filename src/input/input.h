/* input.h: command-line inputs (DESIGN.md 1) read into one model.
 *
 * An input is `STORE=FILE`, `LOCATION\STORE=FILE`, a FILE whose name says
 * its store (`root.sst`, `LocalMachine-CA.p7b`), a `.reg` export, an IIS or
 * WCF configuration file (`SITE/PATH=FILE` for a site's or application's
 * web.config), or a directory of such files (location subfolders
 * allowed, and an IIS subfolder whose IIS/Sites/<site>/<path>/ folders give
 * each .config file in them its SITE/PATH). A CTL whose name says no store
 * (disallowedcert.stl; also authroot.stl, the name Microsoft gives its root
 * list) and a cabinet (authrootstl.cab) are root program lists, kept in
 * model->lists apart from the stores, as are the lists a registry export
 * holds under AuthRoot\AutoUpdate. The collection script's export.json
 * (input/manifest.h) says which machine the files come from and what they
 * should hold. Formats are detected from content, never from
 * the extension.
 *
 * Ownership: tl_inputs owns the sources, the model, the registry, the
 * configuration and the diagnostics; entries borrow from the sources and
 * the registry, so all are freed together by tl_inputs_free(). */
#ifndef TL_INPUT_H
#define TL_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/iisconf.h"
#include "model/registry.h"
#include "base/source.h"
#include "input/manifest.h"
#include "model/store.h"

/* The formats trustlint reads, each with one row in the reader table of
 * input.c (its name, content test, reader and what the loader must know
 * about it), listed in detection order: tl_detect() returns the first
 * whose test the content passes, so a format goes before any other whose
 * test also accepts it. */
typedef enum tl_format {
	TL_FMT_UNKNOWN = 0,
	TL_FMT_SST,   /* serialized store: its magic before anything else */
	TL_FMT_CAB,   /* cabinet of root program lists: may store a PEM text uncompressed */
	TL_FMT_REG,   /* registry export: a .reg may hold PEM text */
	TL_FMT_CONFIG, /* IIS or WCF configuration: may hold PEM text in a comment */
	TL_FMT_CTL,   /* SignedData holding a CTL (.stl, .cat): before PKCS#7 */
	TL_FMT_PKCS7, /* SignedData holding certificates: before DER */
	TL_FMT_DER,   /* a DER certificate or CRL: any other SEQUENCE */
	TL_FMT_PEM,
	TL_FMT_BLOB,  /* one serialized element */
	TL_FMT_COUNT
} tl_format;

/* "serialized store", "PKCS#7", ...; "unknown" for TL_FMT_UNKNOWN. */
const char *tl_format_name(tl_format f);
tl_format tl_detect(const uint8_t *data, size_t len);

/* Bounds on what one input may add (trustlint(1), LIMITS): past them the
 * rest is counted in one "... and N more" diagnostic. */
#define TL_MAX_ENTRIES_PER_INPUT 500000 /* certificates, CRLs and CTLs of one file */
#define TL_MAX_DIAGS_PER_ID 100         /* diagnostics of one id for one file */

typedef struct tl_inputs {
	tl_source **sources;
	size_t source_count;
	size_t source_cap;
	tl_model *model;
	tl_registry *registry;
	tl_iisconf *conf; /* IIS and WCF configuration inputs */
	tl_export *manifest; /* the collection script's export.json, or NULL */
	tl_diags *diags;
	size_t reg_count;  /* .reg inputs read */
	const char *last_reg; /* the path of the last one (borrowed) */
	size_t recognised; /* inputs read as a store, registry export or configuration */
	/* subfolders a folder walk did not read (machine exports of a fleet
	 * look like this): how many, and the names of the first three */
	char *skipped_dirs[3];
	size_t skipped_dir_count;
	/* files never read as inputs: the run's own outputs */
	struct tl_file_id {
		uint64_t dev, ino;
	} *skip;
	size_t skip_count, skip_cap;
	bool finished;
} tl_inputs;

tl_inputs *tl_inputs_new(void);
void tl_inputs_free(tl_inputs *in);

/* Read one command-line argument. Returns 0; or -1 after adding to errs
 * the error that stops the run (exit status 2): a file named on the
 * command line that cannot be read at all (input-unreadable,
 * input-not-regular-file, input-too-large), whose name says no store
 * (input-unknown-store), whose STORE= prefix is not one and which is
 * not a configuration file (input-bad-store-prefix), or that is the run's
 * own output
 * (input-is-output; also when a folder walk meets it and it is an
 * export). Inside a folder the other problems are diagnostics in
 * in->diags and the rest is read; damage inside a readable file is
 * reported to in->diags too. */
int tl_inputs_add(tl_inputs *in, const char *arg, tl_diags *errs);

/* Read FILE as a root program list whatever its name (--trust-list): a
 * CTL, or a cabinet whose CTL members are lists. Returns 0; or -1 after
 * adding to errs the error that stops the run: the file cannot be read
 * (as for tl_inputs_add), is the run's own output, or is neither a CTL nor
 * a cabinet (input-not-trust-list). */
int tl_inputs_add_trust_list(tl_inputs *in, const char *path, tl_diags *errs);

/* Never read the file with this identity (device and inode): the run's
 * own output, met in a folder walk, is skipped; named explicitly it is
 * refused. Call before tl_inputs_add(). */
void tl_inputs_skip_file(tl_inputs *in, uint64_t dev, uint64_t ino);

/* Read one file's bytes into the store named (for tests: no file system);
 * a configuration file takes store as its SITE/PATH (NULL: none). */
void tl_inputs_add_memory(tl_inputs *in, const char *path, const void *data, size_t len,
			  tl_location loc, const char *store);

/* After the last input: build the stores held in registry Blobs (the
 * registry is complete only once every .reg input is applied). */
void tl_inputs_finish(tl_inputs *in);

/* Infer location and store from a file name (no directories): root.sst,
 * LocalMachine-CA.p7b, and Trust.<tag>.stl (a store's name, a dot and
 * anything: the collection script's CTL files). Returns 0, or -1 when the
 * name says no known store. *store is a new string. */
int tl_infer_store(const char *filename, tl_location *loc, char **store);

#endif
