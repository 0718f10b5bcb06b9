/* regex.c: see regex.h.
 *
 * Three stages. The parser turns the pattern into a tree (every node
 * allocated on one list, so an error anywhere frees by walking the list);
 * the tree is sized, which is where counted repetition is capped, then
 * compiled to a program of the classic Thompson form (char, class, split,
 * jump, assertions, match); the search runs all threads of the program in
 * lock step over the subject (a Pike VM), each program counter at most once
 * per subject position, so time is O(program x subject) whatever the
 * pattern. */
#include "config.h"

#include "rules/regex.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Instructions of the program, MATCH excluded. {m,n} copies its operand,
 * so this is what bounds both compile memory and search time. */
#define RE_MAX_PROG 10000
#define RE_MAX_REPEAT 1000
/* the parser recurses once per group */
#define RE_MAX_DEPTH 1000
#define RE_INF UINT32_MAX
#define RE_CP_MAX 0x10FFFFu
/* An invalid subject byte b reads as RE_INVALID + b: above every code point,
 * so no literal or range holds it and only `.` and negated classes (whose
 * invalid flag is set) match it. */
#define RE_INVALID 0x110000u

typedef struct range {
	uint32_t lo, hi;
} range;

/* A class: sorted, disjoint code point ranges and whether it takes an
 * invalid subject byte. */
typedef struct cset {
	range *r;
	size_t n, cap;
	bool invalid;
} cset;

typedef enum op {
	OP_CHAR, /* x or y (the other case under (?i)) */
	OP_ANY,
	OP_CLASS, /* sets[x] */
	OP_BEGIN,
	OP_END,
	OP_SPLIT, /* to x and y */
	OP_JMP,   /* to x */
	OP_MATCH,
} op;

typedef struct inst {
	op op;
	uint32_t x, y;
} inst;

/* A search's lists, each nprog long; mark[pc] == gen when pc is already
 * on the list being built. */
typedef struct scratch {
	uint32_t *clist, *nlist, *stack;
	size_t *mark;
	size_t gen;
} scratch;

static void scratch_init(scratch *s, size_t nprog)
{
	s->clist = tl_xcalloc(nprog, sizeof(*s->clist));
	s->nlist = tl_xcalloc(nprog, sizeof(*s->nlist));
	s->stack = tl_xcalloc(nprog, sizeof(*s->stack));
	s->mark = tl_xcalloc(nprog, sizeof(*s->mark));
	s->gen = 0;
}

static void scratch_free(scratch *s)
{
	free(s->clist);
	free(s->nlist);
	free(s->stack);
	free(s->mark);
}

struct tl_regex {
	inst *prog;
	size_t nprog;
	cset *sets;
	size_t nsets, sets_cap;
	/* the program starts with `^`: no thread can start after position 0 */
	bool anchored;
	/* search scratch, taken by one search at a time (lock); a search
	 * that finds it taken, on another thread, makes its own */
	scratch own;
	pthread_mutex_t lock;
};

typedef enum nkind {
	N_EMPTY,
	N_CHAR,
	N_ANY,
	N_SET,
	N_BEGIN,
	N_END,
	N_CAT,
	N_ALT,
	N_REPEAT,
} nkind;

typedef struct node {
	nkind kind;
	size_t off;	    /* byte offset in the pattern (the quantifier for N_REPEAT) */
	uint32_t c0, c1;    /* N_CHAR */
	uint32_t set;	    /* N_SET */
	uint32_t min, max;  /* N_REPEAT, max RE_INF when unbounded */
	struct node **kids; /* N_CAT, N_ALT, N_REPEAT (one) */
	size_t nkids, kids_cap;
	size_t size; /* instructions, once sized */
} node;

typedef struct parser {
	const char *pat;
	size_t len, pos;
	bool icase;
	unsigned depth;
	tl_regex *re;
	node **nodes;
	size_t nnodes, nodes_cap;
	char *err;
	size_t err_off;
} parser;

/* What a class item or an escape stands for. */
typedef struct item {
	bool is_set; /* then perl is one of d D w W s S */
	char perl;
	uint32_t cp;
} item;

/* ------------------------------------------------------------ helpers */

/* The UTF-8 sequence at s with avail (> 0) bytes left: its length, or 0
 * when invalid. tl_utf8_len reads up to 4 bytes or to a NUL, so a short
 * tail is copied out first. */
static size_t utf8_at(const char *s, size_t avail, uint32_t *cp)
{
	char tail[5] = {0};

	if (avail >= 4)
		return tl_utf8_len(s, cp);
	memcpy(tail, s, avail);
	return tl_utf8_len(tail, cp);
}

/* Pattern text for a message: control characters and invalid bytes as
 * \xHH (STYLE.md). free() the result. */
static char *quote(const char *s, size_t n)
{
	tl_buf b = {0};
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_at(s + i, n - i, &cp);
		if (k && cp >= 0x20 && cp != 0x7F) {
			tl_buf_add(&b, s + i, k);
			i += k;
		} else {
			tl_buf_printf(&b, "\\x%02x", (unsigned char)s[i]);
			i++;
		}
	}
	return tl_buf_steal(&b);
}

static void *fail(parser *ps, size_t off, const char *fmt, ...) TL_PRINTF(3, 4);
static void *fail(parser *ps, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (ps->err)
		return NULL;
	va_start(ap, fmt);
	ps->err = tl_xvasprintf(fmt, ap);
	va_end(ap);
	ps->err_off = off;
	return NULL;
}

/* fail() with the pattern bytes [from, to) quoted into the message */
static void *fail_quoting(parser *ps, size_t off, const char *what, size_t from, size_t to)
{
	char *q = quote(ps->pat + from, to - from);

	fail(ps, off, "%s '%s'", what, q);
	free(q);
	return NULL;
}

static uint32_t ascii_other_case(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 'A';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

/* ---------------------------------------------------------- classes */

static void set_add(cset *s, uint32_t lo, uint32_t hi)
{
	tl_xgrow((void **)&s->r, &s->cap, s->n + 1, sizeof(*s->r));
	s->r[s->n].lo = lo;
	s->r[s->n].hi = hi;
	s->n++;
}

static int range_cmp(const void *a, const void *b)
{
	const range *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return 0;
}

static void set_normalize(cset *s)
{
	size_t i, out = 0;

	if (s->n == 0)
		return;
	qsort(s->r, s->n, sizeof(*s->r), range_cmp);
	for (i = 1; i < s->n; i++) {
		if (s->r[i].lo <= s->r[out].hi + 1) {
			if (s->r[i].hi > s->r[out].hi)
				s->r[out].hi = s->r[i].hi;
		} else {
			s->r[++out] = s->r[i];
		}
	}
	s->n = out + 1;
}

/* Complement within [0, RE_CP_MAX]; s is normalized. */
static void set_negate(cset *s)
{
	cset c = {0};
	uint32_t next = 0;
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->r[i].lo > next)
			set_add(&c, next, s->r[i].lo - 1);
		next = s->r[i].hi + 1;
	}
	if (next <= RE_CP_MAX)
		set_add(&c, next, RE_CP_MAX);
	c.invalid = !s->invalid;
	free(s->r);
	*s = c;
}

/* Add the other ASCII case of every letter in s, then normalize. */
static void set_fold(cset *s)
{
	size_t i, n = s->n;
	uint32_t lo, hi;

	for (i = 0; i < n; i++) {
		lo = s->r[i].lo > 'a' ? s->r[i].lo : 'a';
		hi = s->r[i].hi < 'z' ? s->r[i].hi : 'z';
		if (lo <= hi)
			set_add(s, lo - 'a' + 'A', hi - 'a' + 'A');
		lo = s->r[i].lo > 'A' ? s->r[i].lo : 'A';
		hi = s->r[i].hi < 'Z' ? s->r[i].hi : 'Z';
		if (lo <= hi)
			set_add(s, lo - 'A' + 'a', hi - 'A' + 'a');
	}
	set_normalize(s);
}

/* Union \d \D \w \W \s \S into s (left unnormalized). ASCII only, as in
 * RE2. */
static void set_add_perl(cset *s, char perl)
{
	cset p = {0};
	size_t i;

	switch (perl) {
	case 'd':
	case 'D':
		set_add(&p, '0', '9');
		break;
	case 'w':
	case 'W':
		set_add(&p, '0', '9');
		set_add(&p, 'A', 'Z');
		set_add(&p, '_', '_');
		set_add(&p, 'a', 'z');
		break;
	default: /* s, S */
		set_add(&p, '\t', '\r'); /* \t \n \v \f \r */
		set_add(&p, ' ', ' ');
		break;
	}
	if (perl >= 'A' && perl <= 'Z')
		set_negate(&p);
	for (i = 0; i < p.n; i++)
		set_add(s, p.r[i].lo, p.r[i].hi);
	s->invalid = s->invalid || p.invalid;
	free(p.r);
}

static bool set_has(const cset *s, uint32_t cp)
{
	size_t lo = 0, hi = s->n, mid;

	if (cp >= RE_INVALID)
		return s->invalid;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < s->r[mid].lo)
			hi = mid;
		else if (cp > s->r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* ------------------------------------------------------------ parser */

static node *new_node(parser *ps, nkind kind, size_t off)
{
	node *n = tl_xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->off = off;
	tl_xgrow((void **)&ps->nodes, &ps->nodes_cap, ps->nnodes + 1, sizeof(*ps->nodes));
	ps->nodes[ps->nnodes++] = n;
	return n;
}

static void add_kid(node *n, node *kid)
{
	tl_xgrow((void **)&n->kids, &n->kids_cap, n->nkids + 1, sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
}

static node *new_set_node(parser *ps, cset *s, size_t off)
{
	tl_regex *re = ps->re;
	node *n = new_node(ps, N_SET, off);

	if (ps->icase)
		set_fold(s);
	tl_xgrow((void **)&re->sets, &re->sets_cap, re->nsets + 1, sizeof(*re->sets));
	re->sets[re->nsets] = *s;
	n->set = (uint32_t)re->nsets++;
	return n;
}

static bool at(const parser *ps, char c)
{
	return ps->pos < ps->len && ps->pat[ps->pos] == c;
}

/* A literal code point of the pattern at ps->pos. */
static bool parse_literal(parser *ps, uint32_t *cp)
{
	size_t k = utf8_at(ps->pat + ps->pos, ps->len - ps->pos, cp);

	if (!k) {
		fail(ps, ps->pos, "invalid utf-8 byte 0x%02x",
		     (unsigned char)ps->pat[ps->pos]);
		return false;
	}
	ps->pos += k;
	return true;
}

/* The escape at ps->pos (a backslash), the same inside and outside a
 * class. */
static bool parse_escape(parser *ps, item *it)
{
	size_t start = ps->pos;
	unsigned char c;
	int h1, h2;
	uint32_t cp;
	size_t k;

	ps->pos++;
	if (ps->pos >= ps->len) {
		fail(ps, start, "pattern ends with '\\'");
		return false;
	}
	c = (unsigned char)ps->pat[ps->pos];
	it->is_set = false;
	switch (c) {
	case 't':
		it->cp = '\t';
		break;
	case 'n':
		it->cp = '\n';
		break;
	case 'r':
		it->cp = '\r';
		break;
	case 'x':
		h1 = ps->pos + 1 < ps->len ? tl_hexval((unsigned char)ps->pat[ps->pos + 1]) : -1;
		h2 = ps->pos + 2 < ps->len ? tl_hexval((unsigned char)ps->pat[ps->pos + 2]) : -1;
		if (h1 < 0 || h2 < 0) {
			fail(ps, start, "bad escape '\\x' (two hex digits must follow)");
			return false;
		}
		it->cp = (uint32_t)(h1 << 4 | h2);
		ps->pos += 2;
		break;
	case 'd':
	case 'D':
	case 'w':
	case 'W':
	case 's':
	case 'S':
		it->is_set = true;
		it->perl = (char)c;
		break;
	default:
		/* any ASCII punctuation may be escaped, metacharacter or not,
		 * as in RE2 and ECMAScript */
		if ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
		    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)) {
			it->cp = c;
			break;
		}
		k = utf8_at(ps->pat + ps->pos, ps->len - ps->pos, &cp);
		fail_quoting(ps, start, "bad escape", start, ps->pos + (k ? k : 1));
		return false;
	}
	ps->pos++;
	return true;
}

static bool parse_class_item(parser *ps, item *it)
{
	if (at(ps, '\\'))
		return parse_escape(ps, it);
	if (at(ps, '[') && ps->pos + 1 < ps->len && ps->pat[ps->pos + 1] == ':') {
		/* [[:alpha:]] would otherwise silently mean something else */
		fail(ps, ps->pos, "posix class syntax '[:' is not supported (escape the '[')");
		return false;
	}
	it->is_set = false;
	return parse_literal(ps, &it->cp);
}

static node *parse_class(parser *ps)
{
	size_t open = ps->pos, start;
	bool negated = false;
	cset s = {0};
	item lo, hi;

	ps->pos++;
	if (at(ps, '^')) {
		negated = true;
		ps->pos++;
	}
	/* "[]a]" is a class of ']' and 'a' in RE2 but an empty class then
	 * "a]" in ECMAScript: refuse rather than pick one */
	if (at(ps, ']'))
		return fail(ps, open, "empty class '%s'", negated ? "[^]" : "[]");
	for (;;) {
		if (ps->pos >= ps->len) {
			fail(ps, open, "missing ']'");
			goto bad;
		}
		if (at(ps, ']'))
			break;
		start = ps->pos;
		if (!parse_class_item(ps, &lo))
			goto bad;
		if (at(ps, '-') && ps->pos + 1 < ps->len && ps->pat[ps->pos + 1] != ']') {
			ps->pos++;
			if (!parse_class_item(ps, &hi))
				goto bad;
			if (lo.is_set || hi.is_set || lo.cp > hi.cp) {
				fail_quoting(ps, start, "bad class range", start, ps->pos);
				goto bad;
			}
			set_add(&s, lo.cp, hi.cp);
		} else if (lo.is_set) {
			set_add_perl(&s, lo.perl);
		} else {
			set_add(&s, lo.cp, lo.cp);
		}
	}
	ps->pos++;
	set_normalize(&s);
	/* fold before negating: (?i)[^a] takes neither 'a' nor 'A' */
	if (ps->icase)
		set_fold(&s);
	if (negated)
		set_negate(&s);
	return new_set_node(ps, &s, open);
bad:
	free(s.r);
	return NULL;
}

static node *parse_alt(parser *ps);

static node *parse_group(parser *ps)
{
	size_t open = ps->pos, end, k;
	uint32_t cp;
	node *inner;

	ps->pos++;
	if (at(ps, '?')) {
		if (ps->pos + 1 < ps->len && ps->pat[ps->pos + 1] == ':') {
			ps->pos += 2;
		} else if (ps->len - ps->pos >= 3 && memcmp(ps->pat + ps->pos, "?i)", 3) == 0) {
			return fail(ps, open, "'(?i)' is allowed only at the start of the pattern");
		} else {
			/* quote "(?" and the code point after it, if any */
			end = ps->pos + 1;
			if (end < ps->len) {
				k = utf8_at(ps->pat + end, ps->len - end, &cp);
				end += k ? k : 1;
			}
			return fail_quoting(ps, open, "unsupported group", open, end);
		}
	}
	if (ps->depth >= RE_MAX_DEPTH)
		return fail(ps, open, "groups nested too deeply");
	ps->depth++;
	inner = parse_alt(ps);
	ps->depth--;
	if (!inner)
		return NULL;
	if (!at(ps, ')'))
		return fail(ps, open, "missing ')'");
	ps->pos++;
	return inner;
}

/* One atom; *repeatable is false for the anchors. */
static node *parse_atom(parser *ps, bool *repeatable)
{
	size_t off = ps->pos;
	node *n;
	item it = {0};

	*repeatable = true;
	switch (ps->pat[ps->pos]) {
	case '(':
		return parse_group(ps);
	case '[':
		return parse_class(ps);
	case '.':
		ps->pos++;
		return new_node(ps, N_ANY, off);
	case '^':
	case '$':
		*repeatable = false;
		ps->pos++;
		return new_node(ps, ps->pat[off] == '^' ? N_BEGIN : N_END, off);
	case '*':
	case '+':
	case '?':
	case '{':
		return fail(ps, off, "nothing to repeat");
	case '\\':
		if (!parse_escape(ps, &it))
			return NULL;
		break;
	default:
		it.is_set = false;
		if (!parse_literal(ps, &it.cp))
			return NULL;
		break;
	}
	if (it.is_set) {
		cset s = {0};

		set_add_perl(&s, it.perl);
		set_normalize(&s);
		return new_set_node(ps, &s, off);
	}
	n = new_node(ps, N_CHAR, off);
	n->c0 = n->c1 = it.cp;
	if (ps->icase)
		n->c1 = ascii_other_case(it.cp);
	return n;
}

/* Decimal digits at ps->pos, saturating above RE_MAX_REPEAT; false when
 * there are none. */
static bool parse_count(parser *ps, uint32_t *v)
{
	size_t start = ps->pos;

	*v = 0;
	while (ps->pos < ps->len && ps->pat[ps->pos] >= '0' && ps->pat[ps->pos] <= '9') {
		if (*v <= RE_MAX_REPEAT)
			*v = *v * 10 + (uint32_t)(ps->pat[ps->pos] - '0');
		ps->pos++;
	}
	return ps->pos > start;
}

/* {m}, {m,} or {m,n} at ps->pos */
static bool parse_bounds(parser *ps, uint32_t *min, uint32_t *max)
{
	size_t open = ps->pos;

	ps->pos++;
	if (!parse_count(ps, min))
		goto syntax;
	*max = *min;
	if (at(ps, ',')) {
		ps->pos++;
		if (!parse_count(ps, max))
			*max = RE_INF;
	}
	if (!at(ps, '}'))
		goto syntax;
	ps->pos++;
	if (*min > RE_MAX_REPEAT || (*max != RE_INF && (*max > RE_MAX_REPEAT || *min > *max))) {
		/* only digits and a comma in between: no quoting needed */
		fail(ps, open, "bad repetition bounds %.*s", (int)(ps->pos - open),
		     ps->pat + open);
		return false;
	}
	return true;
syntax:
	fail(ps, ps->pos, "bad repetition syntax (expected {m}, {m,} or {m,n})");
	return false;
}

static node *parse_piece(parser *ps)
{
	bool repeatable;
	node *atom = parse_atom(ps, &repeatable), *rep;
	uint32_t min, max;
	size_t qoff;

	while (atom && (at(ps, '*') || at(ps, '+') || at(ps, '?') || at(ps, '{'))) {
		qoff = ps->pos;
		if (!repeatable)
			return fail(ps, qoff, "nothing to repeat");
		switch (ps->pat[ps->pos]) {
		case '*':
			min = 0;
			max = RE_INF;
			ps->pos++;
			break;
		case '+':
			min = 1;
			max = RE_INF;
			ps->pos++;
			break;
		case '?':
			min = 0;
			max = 1;
			ps->pos++;
			break;
		default:
			if (!parse_bounds(ps, &min, &max))
				return NULL;
			break;
		}
		/* lazy: the same yes/no answer as greedy */
		if (at(ps, '?'))
			ps->pos++;
		rep = new_node(ps, N_REPEAT, qoff);
		rep->min = min;
		rep->max = max;
		add_kid(rep, atom);
		atom = rep;
		repeatable = false;
	}
	return atom;
}

static node *parse_cat(parser *ps)
{
	node *cat = new_node(ps, N_CAT, ps->pos), *piece;

	while (ps->pos < ps->len && !at(ps, '|') && !at(ps, ')')) {
		piece = parse_piece(ps);
		if (!piece)
			return NULL;
		add_kid(cat, piece);
	}
	if (cat->nkids == 0)
		cat->kind = N_EMPTY;
	else if (cat->nkids == 1)
		return cat->kids[0];
	return cat;
}

static node *parse_alt(parser *ps)
{
	node *alt, *branch = parse_cat(ps);

	if (!branch || !at(ps, '|'))
		return branch;
	alt = new_node(ps, N_ALT, branch->off);
	add_kid(alt, branch);
	while (at(ps, '|')) {
		ps->pos++;
		branch = parse_cat(ps);
		if (!branch)
			return NULL;
		add_kid(alt, branch);
	}
	return alt;
}

/* ---------------------------------------------------------- compiler */

/* Set n->size, the instructions n compiles to; false (with the error at
 * the piece that crossed the cap) when over RE_MAX_PROG. */
static bool size_node(parser *ps, node *n)
{
	size_t i, k;

	switch (n->kind) {
	case N_EMPTY:
		n->size = 0;
		return true;
	case N_CHAR:
	case N_ANY:
	case N_SET:
	case N_BEGIN:
	case N_END:
		n->size = 1;
		return true;
	case N_CAT:
	case N_ALT:
		n->size = 0;
		for (i = 0; i < n->nkids; i++) {
			if (!size_node(ps, n->kids[i]))
				return false;
			/* a split before and a jump after every branch but the last */
			k = n->kids[i]->size + (n->kind == N_ALT && i + 1 < n->nkids ? 2 : 0);
			if (k > RE_MAX_PROG - n->size) {
				fail(ps, n->kids[i]->off, "pattern too large");
				return false;
			}
			n->size += k;
		}
		return true;
	case N_REPEAT:
		if (!size_node(ps, n->kids[0]))
			return false;
		/* both factors are bounded (1000 and 10000): no overflow */
		k = n->kids[0]->size;
		if (n->max == RE_INF)
			n->size = n->min == 0 ? k + 2 : n->min * k + 1;
		else
			n->size = n->min * k + (n->max - n->min) * (k + 1);
		if (n->size > RE_MAX_PROG) {
			fail(ps, n->off, "pattern too large");
			return false;
		}
		return true;
	}
	return false;
}

static uint32_t emit(tl_regex *re, op o, uint32_t x, uint32_t y)
{
	inst *in = &re->prog[re->nprog];

	in->op = o;
	in->x = x;
	in->y = y;
	return (uint32_t)re->nprog++;
}

static void emit_node(tl_regex *re, const node *n);

static void emit_repeat(tl_regex *re, const node *n)
{
	const node *kid = n->kids[0];
	uint32_t i, split, chain = RE_INF, next;

	if (n->max == RE_INF && n->min == 0) {
		/* L: split L+1, out; kid; jmp L; out: */
		split = emit(re, OP_SPLIT, (uint32_t)re->nprog + 1, 0);
		emit_node(re, kid);
		emit(re, OP_JMP, split, 0);
		re->prog[split].y = (uint32_t)re->nprog;
		return;
	}
	if (n->max == RE_INF) {
		/* min - 1 copies, then L: kid; split L, out */
		for (i = 0; i + 1 < n->min; i++)
			emit_node(re, kid);
		next = (uint32_t)re->nprog;
		emit_node(re, kid);
		emit(re, OP_SPLIT, next, (uint32_t)re->nprog + 1);
		return;
	}
	for (i = 0; i < n->min; i++)
		emit_node(re, kid);
	/* each optional copy behind a split whose way out is the end,
	 * patched later: the splits are chained through y until then */
	for (i = n->min; i < n->max; i++) {
		chain = emit(re, OP_SPLIT, (uint32_t)re->nprog + 1, chain);
		emit_node(re, kid);
	}
	while (chain != RE_INF) {
		next = re->prog[chain].y;
		re->prog[chain].y = (uint32_t)re->nprog;
		chain = next;
	}
}

static void emit_node(tl_regex *re, const node *n)
{
	uint32_t split, chain = RE_INF, next;
	size_t i;

	switch (n->kind) {
	case N_EMPTY:
		break;
	case N_CHAR:
		emit(re, OP_CHAR, n->c0, n->c1);
		break;
	case N_ANY:
		emit(re, OP_ANY, 0, 0);
		break;
	case N_SET:
		emit(re, OP_CLASS, n->set, 0);
		break;
	case N_BEGIN:
		emit(re, OP_BEGIN, 0, 0);
		break;
	case N_END:
		emit(re, OP_END, 0, 0);
		break;
	case N_CAT:
		for (i = 0; i < n->nkids; i++)
			emit_node(re, n->kids[i]);
		break;
	case N_ALT:
		/* split b1, next; b1; jmp out; next: split b2, ... ; bk; out:
		 * the jumps chained through x until out is known */
		for (i = 0; i + 1 < n->nkids; i++) {
			split = emit(re, OP_SPLIT, (uint32_t)re->nprog + 1, 0);
			emit_node(re, n->kids[i]);
			chain = emit(re, OP_JMP, chain, 0);
			re->prog[split].y = (uint32_t)re->nprog;
		}
		emit_node(re, n->kids[n->nkids - 1]);
		while (chain != RE_INF) {
			next = re->prog[chain].x;
			re->prog[chain].x = (uint32_t)re->nprog;
			chain = next;
		}
		break;
	case N_REPEAT:
		emit_repeat(re, n);
		break;
	}
}

tl_regex *tl_regex_compile(const char *pattern, size_t len, char **err, size_t *err_offset)
{
	tl_regex *re = tl_xcalloc(1, sizeof(*re));
	parser ps = {0};
	node *root;
	size_t i;

	pthread_mutex_init(&re->lock, NULL);
	ps.pat = pattern;
	ps.len = len;
	ps.re = re;
	if (len >= 4 && memcmp(pattern, "(?i)", 4) == 0) {
		ps.icase = true;
		ps.pos = 4;
	}
	root = parse_alt(&ps);
	if (root && ps.pos < len)
		root = fail(&ps, ps.pos, "unbalanced ')'");
	if (root && !size_node(&ps, root))
		root = NULL;
	if (root) {
		re->prog = tl_xcalloc(root->size + 1, sizeof(*re->prog));
		emit_node(re, root);
		emit(re, OP_MATCH, 0, 0);
		re->anchored = re->prog[0].op == OP_BEGIN;
		scratch_init(&re->own, re->nprog);
	}
	for (i = 0; i < ps.nnodes; i++) {
		free(ps.nodes[i]->kids);
		free(ps.nodes[i]);
	}
	free(ps.nodes);
	if (!root) {
		tl_regex_free(re);
		if (err)
			*err = ps.err;
		else
			free(ps.err);
		if (err_offset)
			*err_offset = ps.err_off;
		return NULL;
	}
	if (err)
		*err = NULL;
	if (err_offset)
		*err_offset = 0;
	return re;
}

void tl_regex_free(tl_regex *re)
{
	size_t i;

	if (!re)
		return;
	for (i = 0; i < re->nsets; i++)
		free(re->sets[i].r);
	free(re->sets);
	free(re->prog);
	scratch_free(&re->own);
	pthread_mutex_destroy(&re->lock);
	free(re);
}

/* ------------------------------------------------------------ search */

/* Start a list: a new generation unmarks every pc at once. */
static void next_gen(const tl_regex *re, scratch *w)
{
	if (w->gen == SIZE_MAX) {
		memset(w->mark, 0, re->nprog * sizeof(*w->mark));
		w->gen = 0;
	}
	w->gen++;
}

static void push(scratch *w, size_t *sp, uint32_t pc)
{
	if (w->mark[pc] == w->gen)
		return;
	w->mark[pc] = w->gen;
	w->stack[(*sp)++] = pc;
}

/* Follow the empty transitions from pc at subject position pos, adding
 * the consuming instructions reached to list. True when MATCH is reached.
 * Every pc is pushed at most once per generation, so the stack and the
 * list never exceed nprog. */
static bool add_thread(const tl_regex *re, scratch *w, uint32_t *list, size_t *n, uint32_t pc,
		       size_t pos, size_t len)
{
	size_t sp = 0;
	const inst *in;

	push(w, &sp, pc);
	while (sp) {
		pc = w->stack[--sp];
		in = &re->prog[pc];
		switch (in->op) {
		case OP_MATCH:
			return true;
		case OP_JMP:
			push(w, &sp, in->x);
			break;
		case OP_SPLIT:
			push(w, &sp, in->y);
			push(w, &sp, in->x);
			break;
		case OP_BEGIN:
			if (pos == 0)
				push(w, &sp, pc + 1);
			break;
		case OP_END:
			if (pos == len)
				push(w, &sp, pc + 1);
			break;
		default:
			list[(*n)++] = pc;
			break;
		}
	}
	return false;
}

static bool takes(const tl_regex *re, const inst *in, uint32_t cp)
{
	switch (in->op) {
	case OP_CHAR:
		return cp == in->x || cp == in->y;
	case OP_ANY:
		return true;
	case OP_CLASS:
		return set_has(&re->sets[in->x], cp);
	default:
		return false;
	}
}

static bool search(const tl_regex *re, scratch *w, const char *subject, size_t len)
{
	uint32_t *clist = w->clist, *nlist = w->nlist, *swap, cp;
	size_t nc = 0, nn, pos = 0, step, i;

	next_gen(re, w);
	for (;;) {
		/* a new thread at every position: the search is unanchored */
		if ((pos == 0 || !re->anchored) && add_thread(re, w, clist, &nc, 0, pos, len))
			return true;
		if (pos >= len || (nc == 0 && re->anchored))
			return false;
		step = utf8_at(subject + pos, len - pos, &cp);
		if (!step) {
			cp = RE_INVALID + (unsigned char)subject[pos];
			step = 1;
		}
		next_gen(re, w);
		nn = 0;
		for (i = 0; i < nc; i++) {
			if (takes(re, &re->prog[clist[i]], cp) &&
			    add_thread(re, w, nlist, &nn, clist[i] + 1, pos + step, len))
				return true;
		}
		swap = clist;
		clist = nlist;
		nlist = swap;
		nc = nn;
		pos += step;
	}
}

bool tl_regex_search(tl_regex *re, const char *subject, size_t len)
{
	scratch mine;
	bool found;

	/* rules are evaluated on several threads (rules/lint.c): the regex's
	 * own lists serve one search at a time, the others bring theirs */
	if (pthread_mutex_trylock(&re->lock) == 0) {
		found = search(re, &re->own, subject, len);
		pthread_mutex_unlock(&re->lock);
		return found;
	}
	scratch_init(&mine, re->nprog);
	found = search(re, &mine, subject, len);
	scratch_free(&mine);
	return found;
}
