/* Compiled token streams and diff operations for positions.diff, and matchable words for
 * positions.lexicon.tokens.
 *
 * The pure-Python paths are the reference: in positions/diff/tokens.py, _Stream (units of
 * _UNIT_RE), _encode (one character per distinct token), and _equals + _rows + build_ops (the
 * DiffOp records); in positions/lexicon/tokens.py, the loop of words_of. This module does
 * the same work in C, so that a token diff costs little more than the diff itself and the
 * lexicon's tokenizing little more than reading; tests/test_speedups.py checks that both
 * paths give identical units, strings, operations and words. It is optional: where it
 * cannot be built, the Python paths run.
 *
 * The scanner implements _UNIT_RE exactly:
 *
 *   (?: [A-Za-z]{2,} (?![\w\u0300-\u036f'-])          shortcut for plain words
 *     | (?:[A-Za-z]\.){2,12} (?![A-Za-z])              U.S., D.P.R.K.
 *     | \d+ (?:[.,:]\d+)*                               2,000  3.5
 *     | [^\W\d_][\w\u0300-\u036f]* (?:['-][\w\u0300-\u036f]+)*   words
 *     | \w+
 *     | -- | \.\.\. | [^\w\s] ) \s*
 *
 * with the re module's Unicode classes: \w is Py_UNICODE_ISALNUM or '_', \d is
 * Py_UNICODE_ISDECIMAL, \s is Py_UNICODE_ISSPACE.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <string.h>

#if defined(_MSC_VER)
#define ALWAYS_INLINE static __forceinline
#else
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#endif

/* The scanning and hashing loops are written once, always inlined, and called in a switch
   on the string's kind (1, 2 or 4 bytes a character) with the kind a constant, so that the
   compiler makes one loop per kind without a switch per character. */

/* ------------------------------------------------------------------------------------ */
/* Character classes */

ALWAYS_INLINE int is_ascii_letter(Py_UCS4 c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

ALWAYS_INLINE int is_word(Py_UCS4 c)
{
    if (c < 128)
        return (c >= '0' && c <= '9') || is_ascii_letter(c) || c == '_';
    return Py_UNICODE_ISALNUM(c);
}

ALWAYS_INLINE int is_decimal(Py_UCS4 c)
{
    if (c < 128)
        return c >= '0' && c <= '9';
    return Py_UNICODE_ISDECIMAL(c);
}

ALWAYS_INLINE int is_space(Py_UCS4 c) { return Py_UNICODE_ISSPACE(c); }

/* [\w\u0300-\u036f] */
ALWAYS_INLINE int is_word_or_mark(Py_UCS4 c) { return is_word(c) || (c >= 0x300 && c <= 0x36f); }

/* ------------------------------------------------------------------------------------ */
/* The scanner */

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t len;
} Text;

/* The character at i; inside the per-kind loops, `kind` is a compile-time constant. */
#define AT(t, i) PyUnicode_READ(kind, (t)->data, (i))

/* The end of the token that starts at p (p < len, text[p] not whitespace). */
ALWAYS_INLINE Py_ssize_t token_end(const Text *t, const int kind, Py_ssize_t p)
{
    const Py_ssize_t n = t->len;
    const Py_UCS4 c0 = AT(t, p);
    Py_ssize_t q;

    /* [A-Za-z]{2,}(?![\w\u0300-\u036f'-]): giving back letters never helps */
    if (is_ascii_letter(c0)) {
        q = p + 1;
        while (q < n && is_ascii_letter(AT(t, q)))
            q++;
        if (q - p >= 2) {
            Py_UCS4 c;
            if (q >= n || !(is_word_or_mark(c = AT(t, q)) || c == '\'' || c == '-'))
                return q;
        }
        /* (?:[A-Za-z]\.){2,12}(?![A-Za-z]): backtracking never helps, as the repetition
           before the last one is followed by the last one's letter. At most 12 pairs, as
           in the Python pattern: an unbounded run was scanned again from every pair of
           "a.a.a....ab" (quadratic). */
        Py_ssize_t k = 0;
        q = p;
        while (k < 12 && q + 1 < n && is_ascii_letter(AT(t, q)) && AT(t, q + 1) == '.') {
            k++;
            q += 2;
        }
        if (k >= 2 && (q >= n || !is_ascii_letter(AT(t, q))))
            return q;
    }
    /* \d+(?:[.,:]\d+)* */
    if (is_decimal(c0)) {
        q = p + 1;
        while (q < n && is_decimal(AT(t, q)))
            q++;
        for (;;) {
            Py_UCS4 c;
            if (q + 1 < n && ((c = AT(t, q)) == '.' || c == ',' || c == ':') && is_decimal(AT(t, q + 1))) {
                q += 2;
                while (q < n && is_decimal(AT(t, q)))
                    q++;
            }
            else
                return q;
        }
    }
    /* [^\W\d_][\w\u0300-\u036f]*(?:['-][\w\u0300-\u036f]+)* (c0 is not a digit here) */
    if (c0 != '_' && is_word(c0)) {
        q = p + 1;
        while (q < n && is_word_or_mark(AT(t, q)))
            q++;
        for (;;) {
            Py_UCS4 c;
            if (q + 1 < n && ((c = AT(t, q)) == '\'' || c == '-') && is_word_or_mark(AT(t, q + 1))) {
                q += 2;
                while (q < n && is_word_or_mark(AT(t, q)))
                    q++;
            }
            else
                return q;
        }
    }
    /* \w+ (only '_' gets here) */
    if (is_word(c0)) {
        q = p + 1;
        while (q < n && is_word(AT(t, q)))
            q++;
        return q;
    }
    /* --|\.\.\.|[^\w\s] */
    if (c0 == '-' && p + 1 < n && AT(t, p + 1) == '-')
        return p + 2;
    if (c0 == '.' && p + 2 < n && AT(t, p + 1) == '.' && AT(t, p + 2) == '.')
        return p + 3;
    return p + 1;
}

/* ------------------------------------------------------------------------------------ */
/* Stream: a text as leading whitespace plus units (token + the whitespace after it) */

typedef struct {
    PyObject *text;
    Text t;
    Py_ssize_t lead;
    Py_ssize_t n;          /* units */
    Py_ssize_t *start;     /* n + 1: where each unit starts; start[n] = len */
    Py_ssize_t *tokend;    /* n: where each unit's token ends */
} Stream;

static void stream_clear(Stream *s)
{
    Py_CLEAR(s->text);
    PyMem_Free(s->start);
    PyMem_Free(s->tokend);
    s->start = s->tokend = NULL;
    s->n = 0;
}

/* The units of s->text into s->start and s->tokend (grown as needed); their number, or -1
   when out of memory. */
ALWAYS_INLINE Py_ssize_t scan(Stream *s, const int kind, Py_ssize_t *capacity)
{
    const Py_ssize_t len = s->t.len;
    Py_ssize_t cap = *capacity, n = 0, p = 0;
    while (p < len && is_space(AT(&s->t, p)))
        p++;
    s->lead = p;
    while (p < len) {
        if (n == cap) {
            Py_ssize_t ncap = cap * 2;
            Py_ssize_t *a = PyMem_Realloc(s->start, (ncap + 1) * sizeof(Py_ssize_t));
            if (!a)
                return -1;
            s->start = a;
            Py_ssize_t *b = PyMem_Realloc(s->tokend, ncap * sizeof(Py_ssize_t));
            if (!b)
                return -1;
            s->tokend = b;
            cap = *capacity = ncap;
        }
        Py_ssize_t e = token_end(&s->t, kind, p);
        s->start[n] = p;
        s->tokend[n] = e;
        n++;
        p = e;
        while (p < len && is_space(AT(&s->t, p)))
            p++;
    }
    return n;
}

static int stream_init(Stream *s, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "a text must be a str");
        return -1;
    }
    if (PyUnicode_READY(text) < 0)
        return -1;
    Py_INCREF(text);
    s->text = text;
    s->t.kind = PyUnicode_KIND(text);
    s->t.data = PyUnicode_DATA(text);
    s->t.len = PyUnicode_GET_LENGTH(text);
    const Py_ssize_t len = s->t.len;
    Py_ssize_t cap = len / 4 + 16, n;
    s->start = PyMem_New(Py_ssize_t, cap + 1);
    s->tokend = PyMem_New(Py_ssize_t, cap);
    if (!s->start || !s->tokend) {
        stream_clear(s);
        PyErr_NoMemory();
        return -1;
    }
    switch (s->t.kind) {
    case PyUnicode_1BYTE_KIND: n = scan(s, PyUnicode_1BYTE_KIND, &cap); break;
    case PyUnicode_2BYTE_KIND: n = scan(s, PyUnicode_2BYTE_KIND, &cap); break;
    default: n = scan(s, PyUnicode_4BYTE_KIND, &cap); break;
    }
    if (n < 0) {
        stream_clear(s);
        PyErr_NoMemory();
        return -1;
    }
    s->start[n] = len;
    s->n = n;
    return 0;
}

/* Do text x[i:i+k] and y[j:j+k] hold the same characters? */
static inline int same_chars(const Text *x, Py_ssize_t i, const Text *y, Py_ssize_t j, Py_ssize_t k)
{
    if (x->kind == y->kind && x->kind == PyUnicode_1BYTE_KIND && k <= 16) { /* most tokens */
        const Py_UCS1 *p = (const Py_UCS1 *)x->data + i, *q = (const Py_UCS1 *)y->data + j;
        for (Py_ssize_t m = 0; m < k; m++)
            if (p[m] != q[m])
                return 0;
        return 1;
    }
    if (x->kind == y->kind)
        return memcmp((const char *)x->data + i * x->kind, (const char *)y->data + j * y->kind,
                      (size_t)k * x->kind) == 0;
    for (Py_ssize_t m = 0; m < k; m++)
        if (PyUnicode_READ(x->kind, x->data, i + m) != PyUnicode_READ(y->kind, y->data, j + m))
            return 0;
    return 1;
}

/* ------------------------------------------------------------------------------------ */
/* The Pair type: two streams, their token strings, and the operations between them */

typedef struct {
    PyObject_HEAD
    Stream a, b;
} PairObject;

static void pair_dealloc(PairObject *self)
{
    stream_clear(&self->a);
    stream_clear(&self->b);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Code points for token numbers, as positions.diff.tokens._code_point gives them: the private-use
   areas first, then every other code point that is not a surrogate. */
static const Py_ssize_t CODE_RANGES[5][2] = {
    {0xE000, 0xF8FF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD}, {0x0, 0xD7FF}, {0xF900, 0xEFFFF},
};

/* Token numbers below this get code points that grow with the number (the private-use areas). */
#define MONOTONE_CODES (6400 + 2 * 65534)

static Py_UCS4 code_point(Py_ssize_t n)
{
    for (int r = 0; r < 5; r++) {
        if (n <= CODE_RANGES[r][1] - CODE_RANGES[r][0])
            return (Py_UCS4)(CODE_RANGES[r][0] + n);
        n -= CODE_RANGES[r][1] - CODE_RANGES[r][0] + 1;
    }
    return (Py_UCS4)-1;
}

typedef struct {
    Py_hash_t hash;
    const Stream *s;
    Py_ssize_t start, len;
    Py_ssize_t code;   /* -1: empty slot */
} Slot;

typedef struct {
    Slot *slots;
    size_t cap;          /* a power of two, at least twice the tokens numbered */
    Py_ssize_t distinct;
} Table;

static int table_grow(Table *tb)
{
    size_t ncap = tb->cap * 2;
    Slot *nt = PyMem_New(Slot, ncap);
    if (!nt)
        return -1;
    for (size_t j = 0; j < ncap; j++)
        nt[j].code = -1;
    for (size_t j = 0; j < tb->cap; j++) {
        if (tb->slots[j].code < 0)
            continue;
        size_t m = (size_t)tb->slots[j].hash & (ncap - 1);
        while (nt[m].code >= 0)
            m = (m + 1) & (ncap - 1);
        nt[m] = tb->slots[j];
    }
    PyMem_Free(tb->slots);
    tb->slots = nt;
    tb->cap = ncap;
    return 0;
}

/* Number the tokens of one stream into codes (FNV-1a over the code points). */
ALWAYS_INLINE int number_side(Table *tb, const Stream *s, const int kind, Py_ssize_t *codes)
{
    const Text *t = &s->t;
    for (Py_ssize_t u = 0; u < s->n; u++) {
        Py_ssize_t st = s->start[u], k = s->tokend[u] - st;
        Py_uhash_t uh = 14695981039346656037ULL;
        for (Py_ssize_t m = 0; m < k; m++) {
            uh ^= AT(t, st + m);
            uh *= 1099511628211ULL;
        }
        Py_hash_t h = (Py_hash_t)uh;
        size_t mask = tb->cap - 1, i = (size_t)h & mask;
        for (;;) {
            Slot *e = &tb->slots[i];
            if (e->code < 0) {
                e->hash = h;
                e->s = s;
                e->start = st;
                e->len = k;
                e->code = tb->distinct++;
                codes[u] = e->code;
                if ((size_t)tb->distinct * 2 > tb->cap && table_grow(tb) < 0)
                    return -1;
                break;
            }
            if (e->hash == h && e->len == k && same_chars(&e->s->t, e->start, t, st, k)) {
                codes[u] = e->code;
                break;
            }
            i = (i + 1) & mask;
        }
    }
    return 0;
}

/* Number the tokens of both streams (first appearance, a then b) into codes_a, codes_b;
   the number of distinct tokens, or -1 when out of memory. */
static Py_ssize_t number_tokens(const Stream *sa, const Stream *sb, Py_ssize_t *codes_a, Py_ssize_t *codes_b)
{
    /* Sized for a vocabulary of up to a quarter of the units, at most 8,192 to start with
       (long texts repeat their words): the table grows as needed. */
    Table tb = {NULL, 64, 0};
    while (tb.cap < (size_t)(sa->n + sb->n) / 2 + 16 && tb.cap < 16384)
        tb.cap <<= 1;
    tb.slots = PyMem_New(Slot, tb.cap);
    if (!tb.slots) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < tb.cap; i++)
        tb.slots[i].code = -1;
    const Stream *streams[2] = {sa, sb};
    Py_ssize_t *codes[2] = {codes_a, codes_b};
    for (int side = 0; side < 2; side++) {
        int r;
        switch (streams[side]->t.kind) {
        case PyUnicode_1BYTE_KIND: r = number_side(&tb, streams[side], PyUnicode_1BYTE_KIND, codes[side]); break;
        case PyUnicode_2BYTE_KIND: r = number_side(&tb, streams[side], PyUnicode_2BYTE_KIND, codes[side]); break;
        default: r = number_side(&tb, streams[side], PyUnicode_4BYTE_KIND, codes[side]); break;
        }
        if (r < 0) {
            PyMem_Free(tb.slots);
            PyErr_NoMemory();
            return -1;
        }
    }
    PyMem_Free(tb.slots);
    return tb.distinct;
}

/* The token string of codes: one code point per token. Python strings must be stored in the
   narrowest kind their characters allow (equality and hashing rely on it), so the widest
   character of this string is found first. */
static PyObject *codes_to_str(const Py_ssize_t *codes, Py_ssize_t n)
{
    Py_ssize_t top = -1;
    for (Py_ssize_t i = 0; i < n; i++)
        if (codes[i] > top)
            top = codes[i];
    Py_UCS4 maxchar = 0;
    if (top >= 0 && top < MONOTONE_CODES)
        maxchar = code_point(top); /* code points grow with the token number up to here */
    else if (top >= 0)
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = code_point(codes[i]);
            if (c > maxchar)
                maxchar = c;
        }
    PyObject *s = PyUnicode_New(n, maxchar);
    if (!s)
        return NULL;
    int kind = PyUnicode_KIND(s);
    void *data = PyUnicode_DATA(s);
    if (top < CODE_RANGES[0][1] - CODE_RANGES[0][0] + 1) { /* the BMP private-use area only */
        for (Py_ssize_t i = 0; i < n; i++)
            ((Py_UCS2 *)data)[i] = (Py_UCS2)(CODE_RANGES[0][0] + codes[i]);
        return s;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        PyUnicode_WRITE(kind, data, i, code_point(codes[i]));
    return s;
}

/* pair(a, b) -> (Pair, token string of a, token string of b, number of distinct tokens) */
static PyTypeObject PairType;

static PyObject *speedups_pair(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "pair() takes two texts");
        return NULL;
    }
    PairObject *p = PyObject_New(PairObject, &PairType);
    if (!p)
        return NULL;
    memset(&p->a, 0, sizeof(Stream));
    memset(&p->b, 0, sizeof(Stream));
    PyObject *ca = NULL, *cb = NULL;
    Py_ssize_t *codes = NULL;
    if (stream_init(&p->a, args[0]) < 0 || stream_init(&p->b, args[1]) < 0)
        goto fail;
    codes = PyMem_New(Py_ssize_t, p->a.n + p->b.n + 1);
    if (!codes) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t distinct = number_tokens(&p->a, &p->b, codes, codes + p->a.n);
    if (distinct < 0)
        goto fail;
    if (distinct && code_point(distinct - 1) == (Py_UCS4)-1) {
        PyErr_SetString(PyExc_ValueError, "too many distinct tokens to diff");
        goto fail;
    }
    ca = codes_to_str(codes, p->a.n);
    cb = ca ? codes_to_str(codes + p->a.n, p->b.n) : NULL;
    if (!cb)
        goto fail;
    PyMem_Free(codes);
    PyObject *result = Py_BuildValue("(NNNn)", (PyObject *)p, ca, cb, distinct);
    return result;
fail:
    PyMem_Free(codes);
    Py_XDECREF(ca);
    Py_XDECREF(cb);
    Py_DECREF(p);
    return NULL;
}

/* ------------------------------------------------------------------------------------ */
/* Operations */

/* The records the operations are built as (DiffOp and Span), and where their slots are: a
   slot's value is written straight into the new record, as object.__setattr__ would through
   the slot's member descriptor, without attrs' validators (offsets made here are valid by
   construction; the pure-Python _build does the same). */
static PyTypeObject *DiffOpType, *SpanType;
static Py_ssize_t o_op, o_text, o_old, o_new, o_start, o_end;
static PyObject *s_eq, *s_del, *s_ins;

#define SLOT(obj, off) (*(PyObject **)((char *)(obj) + (off)))

/* A new record with every slot empty, not tracked by the garbage collector: a Span holds
   two ints and a DiffOp two strs and two Spans, so neither can be part of a reference cycle
   (CPython leaves tuples of atoms untracked the same way). A long diff makes tens of
   thousands of them, which the collector would otherwise walk again and again. */
static PyObject *new_record(PyTypeObject *type)
{
    PyObject *o;
    if (PyType_IS_GC(type))
        o = PyObject_GC_New(PyObject, type);
    else
        o = PyObject_New(PyObject, type);
    if (!o)
        return NULL;
    memset((char *)o + sizeof(PyObject), 0, type->tp_basicsize - sizeof(PyObject));
    return o;
}

/* Neighbouring operations share offsets (one's end is the next one's start): the last few
   offset objects are kept and reused (no cache: a new int each time). */
typedef struct {
    PyObject *obj[4];
    Py_ssize_t val[4];
    int next;
} Offsets;

static PyObject *offset(Offsets *c, Py_ssize_t v)
{
    if (!c)
        return PyLong_FromSsize_t(v);
    for (int i = 0; i < 4; i++)
        if (c->obj[i] && c->val[i] == v) {
            Py_INCREF(c->obj[i]);
            return c->obj[i];
        }
    PyObject *x = PyLong_FromSsize_t(v);
    if (!x)
        return NULL;
    Py_XSETREF(c->obj[c->next], x);
    Py_INCREF(x);
    c->val[c->next] = v;
    c->next = (c->next + 1) & 3;
    return x;
}

static PyObject *new_span(Offsets *c, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *s = new_record(SpanType);
    if (!s)
        return NULL;
    if (!(SLOT(s, o_start) = offset(c, start)) || !(SLOT(s, o_end) = offset(c, end))) {
        Py_DECREF(s);
        return NULL;
    }
    return s;
}

typedef struct {
    PyObject **items;
    Py_ssize_t n, cap;
    const Stream *a, *b;
    PyObject *rows;          /* rows mode: a flat list, six items per operation */
    Offsets offsets;
    Py_ssize_t pa, pb;       /* where the last equal stretch ended */
    Py_ssize_t e[4];         /* the pending equal stretch */
    int pending;
} Builder;

static int append_row(Builder *bd, PyObject *op, const Stream *s, Py_ssize_t t0, Py_ssize_t t1,
                      Py_ssize_t a0, Py_ssize_t a1, Py_ssize_t b0, Py_ssize_t b1)
{
    PyObject *items[6] = {op, PyUnicode_Substring(s->text, t0, t1), PyLong_FromSsize_t(a0),
                          PyLong_FromSsize_t(a1), PyLong_FromSsize_t(b0), PyLong_FromSsize_t(b1)};
    Py_INCREF(op);
    int r = 0;
    for (int i = 0; i < 6; i++) {
        if (r == 0 && (!items[i] || PyList_Append(bd->rows, items[i]) < 0))
            r = -1;
        Py_XDECREF(items[i]);
    }
    return r;
}

static int emit(Builder *bd, PyObject *op, const Stream *s, Py_ssize_t t0, Py_ssize_t t1,
                Py_ssize_t a0, Py_ssize_t a1, Py_ssize_t b0, Py_ssize_t b1)
{
    if (bd->rows)
        return append_row(bd, op, s, t0, t1, a0, a1, b0, b1);
    if (bd->n == bd->cap) {
        Py_ssize_t ncap = bd->cap * 2 + 16;
        PyObject **items = PyMem_Realloc(bd->items, ncap * sizeof(PyObject *));
        if (!items) {
            PyErr_NoMemory();
            return -1;
        }
        bd->items = items;
        bd->cap = ncap;
    }
    PyObject *o = new_record(DiffOpType);
    if (!o)
        return -1;
    bd->items[bd->n++] = o;
    Py_INCREF(op);
    SLOT(o, o_op) = op;
    if (!(SLOT(o, o_text) = PyUnicode_Substring(s->text, t0, t1)) ||
        !(SLOT(o, o_old) = new_span(&bd->offsets, a0, a1)) ||
        !(SLOT(o, o_new) = new_span(&bd->offsets, b0, b1)))
        return -1;
    return 0;
}

/* An equal stretch: the deletion and insertion before it, then it (as _rows does). */
static int flush(Builder *bd)
{
    if (!bd->pending)
        return 0;
    Py_ssize_t a0 = bd->e[0], a1 = bd->e[1], b0 = bd->e[2], b1 = bd->e[3];
    if (a0 > bd->pa && emit(bd, s_del, bd->a, bd->pa, a0, bd->pa, a0, bd->pb, bd->pb) < 0)
        return -1;
    if (b0 > bd->pb && emit(bd, s_ins, bd->b, bd->pb, b0, a0, a0, bd->pb, b0) < 0)
        return -1;
    if (emit(bd, s_eq, bd->a, a0, a1, a0, a1, b0, b1) < 0)
        return -1;
    bd->pa = a1;
    bd->pb = b1;
    bd->pending = 0;
    return 0;
}

/* add() of _equals: extend the pending stretch where it touches on both sides. */
static int add(Builder *bd, Py_ssize_t a0, Py_ssize_t a1, Py_ssize_t b0, Py_ssize_t b1)
{
    if (bd->pending && bd->e[1] == a0 && bd->e[3] == b0) {
        bd->e[1] = a1;
        bd->e[3] = b1;
        return 0;
    }
    if (flush(bd) < 0)
        return -1;
    bd->e[0] = a0;
    bd->e[1] = a1;
    bd->e[2] = b0;
    bd->e[3] = b1;
    bd->pending = 1;
    return 0;
}

static int read_counts(PyObject *list, Py_ssize_t **out, Py_ssize_t *n)
{
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "counts must be a list");
        return -1;
    }
    *n = PyList_GET_SIZE(list);
    *out = PyMem_New(Py_ssize_t, *n + 1);
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        Py_ssize_t v = PyLong_AsSsize_t(PyList_GET_ITEM(list, i));
        if (v < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "counts must not be negative");
            return -1;
        }
        (*out)[i] = v;
    }
    return 0;
}

/* Pair.ops(E, D, I) -> tuple of DiffOp: _equals, _rows and build_ops of positions.diff.tokens;
   Pair.rows(E, D, I) -> the flat list of _equals and _rows. */
static PyObject *build(PairObject *self, PyObject *const *args, Py_ssize_t nargs, int as_rows)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "ops() takes E, D and I");
        return NULL;
    }
    if (!as_rows && !DiffOpType) {
        PyErr_SetString(PyExc_RuntimeError, "records() must be called first");
        return NULL;
    }
    Py_ssize_t *E = NULL, *D = NULL, *I = NULL, ne = 0, nd = 0, ni = 0;
    Builder bd = {NULL, 0, 0, &self->a, &self->b, NULL, {{NULL}, {0}, 0}, 0, 0, {0, 0, 0, 0}, 0};
    PyObject *result = NULL;
    if (as_rows && !(bd.rows = PyList_New(0)))
        return NULL;
    const Stream *sa = &self->a, *sb = &self->b;
    int gc_was = PyGC_Disable(); /* tens of thousands of young records: no collection midway */
    if (read_counts(args[0], &E, &ne) < 0 || read_counts(args[1], &D, &nd) < 0 ||
        read_counts(args[2], &I, &ni) < 0)
        goto done;
    if (ne != nd + 1 || ni != nd) {
        PyErr_SetString(PyExc_ValueError, "E must have one more count than D and I");
        goto done;
    }
    {
        /* What is left of each stream, counted down: every count is non-negative (read_counts)
           and is compared with what is left before it is taken away, so no sum is ever formed
           and huge counts cannot wrap (a running total could overflow Py_ssize_t). */
        Py_ssize_t left_a = sa->n, left_b = sb->n;
        int fits = 1;
        for (Py_ssize_t k = 0; k < ne && fits; k++) {
            Py_ssize_t da = k < nd ? D[k] : 0, db = k < nd ? I[k] : 0;
            if (E[k] > left_a || E[k] > left_b) {
                fits = 0;
                break;
            }
            left_a -= E[k];
            left_b -= E[k];
            if (da > left_a || db > left_b) {
                fits = 0;
                break;
            }
            left_a -= da;
            left_b -= db;
        }
        if (!fits || left_a || left_b) {
            PyErr_SetString(PyExc_ValueError, "counts do not cover the two token streams");
            goto done;
        }
    }
    if (sa->lead && sa->lead == sb->lead && same_chars(&sa->t, 0, &sb->t, 0, sa->lead))
        if (add(&bd, 0, sa->lead, 0, sb->lead) < 0)
            goto done;
    Py_ssize_t i = 0, j = 0;
    for (Py_ssize_t k = 0; k < ne; k++) {
        Py_ssize_t e = E[k];
        if (e) {
            Py_ssize_t ca = sa->start[i], cb = sb->start[j];
            for (Py_ssize_t x = 0; x < e; x++) {
                Py_ssize_t ua = i + x, ub = j + x;
                Py_ssize_t wa = sa->start[ua + 1] - sa->tokend[ua], wb = sb->start[ub + 1] - sb->tokend[ub];
                if (wa == wb && same_chars(&sa->t, sa->tokend[ua], &sb->t, sb->tokend[ub], wa))
                    continue;
                if (add(&bd, ca, sa->tokend[ua], cb, sb->tokend[ub]) < 0)
                    goto done;
                ca = sa->start[ua + 1];
                cb = sb->start[ub + 1];
            }
            if (ca < sa->start[i + e] && add(&bd, ca, sa->start[i + e], cb, sb->start[j + e]) < 0)
                goto done;
            i += e;
            j += e;
        }
        if (k < nd) {
            Py_ssize_t d = D[k], n = I[k];
            if (d && n) {
                Py_ssize_t ua = i + d - 1, ub = j + n - 1;
                Py_ssize_t space = sa->start[ua + 1] - sa->tokend[ua];
                Py_ssize_t a1 = sa->start[ua + 1], b1 = sb->start[ub + 1];
                if (space && b1 - sb->start[ub] >= space &&
                    same_chars(&sa->t, a1 - space, &sb->t, b1 - space, space))
                    if (add(&bd, a1 - space, a1, b1 - space, b1) < 0)
                        goto done;
            }
            i += d;
            j += n;
        }
    }
    if (flush(&bd) < 0)
        goto done;
    if (sa->t.len > bd.pa && emit(&bd, s_del, sa, bd.pa, sa->t.len, bd.pa, sa->t.len, bd.pb, bd.pb) < 0)
        goto done;
    if (sb->t.len > bd.pb &&
        emit(&bd, s_ins, sb, bd.pb, sb->t.len, sa->t.len, sa->t.len, bd.pb, sb->t.len) < 0)
        goto done;
    if (as_rows) {
        result = bd.rows;
        bd.rows = NULL;
    }
    else if ((result = PyTuple_New(bd.n))) {
        for (Py_ssize_t m = 0; m < bd.n; m++)
            PyTuple_SET_ITEM(result, m, bd.items[m]);
        bd.n = 0;
    }
done:
    Py_XDECREF(bd.rows);
    for (int m = 0; m < 4; m++)
        Py_XDECREF(bd.offsets.obj[m]);
    for (Py_ssize_t m = 0; m < bd.n; m++)
        Py_DECREF(bd.items[m]);
    PyMem_Free(bd.items);
    PyMem_Free(E);
    PyMem_Free(D);
    PyMem_Free(I);
    if (gc_was)
        PyGC_Enable();
    return result;
}

static PyObject *pair_ops(PairObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return build(self, args, nargs, 0);
}

static PyObject *pair_rows(PairObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    return build(self, args, nargs, 1);
}

/* Pair.units(side) -> (lead, [units]) for tests: side 0 is a, 1 is b. */
static PyObject *pair_units(PairObject *self, PyObject *arg)
{
    long side = PyLong_AsLong(arg);
    if (side == -1 && PyErr_Occurred())
        return NULL;
    const Stream *s = side ? &self->b : &self->a;
    PyObject *list = PyList_New(s->n);
    if (!list)
        return NULL;
    for (Py_ssize_t u = 0; u < s->n; u++) {
        PyObject *x = PyUnicode_Substring(s->text, s->start[u], s->start[u + 1]);
        if (!x) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, u, x);
    }
    return Py_BuildValue("(nN)", s->lead, list);
}

static PyMethodDef pair_methods[] = {
    {"ops", (PyCFunction)(void (*)(void))pair_ops, METH_FASTCALL,
     "ops(E, D, I): the DiffOp records of the equal runs E and edits D, I (token counts)."},
    {"rows", (PyCFunction)(void (*)(void))pair_rows, METH_FASTCALL,
     "rows(E, D, I): the operations as a flat list, six items each (op, text, a0, a1, b0, b1)."},
    {"units", (PyCFunction)pair_units, METH_O, "units(side): (leading whitespace length, units)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PairType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "positions._speedups.Pair",
    .tp_basicsize = sizeof(PairObject),
    .tp_dealloc = (destructor)pair_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Two texts as token streams (made by pair()).",
    .tp_methods = pair_methods,
};

/* records(DiffOp, Span): the classes to build, and where their slots are. */
static int slot_offset(PyObject *type, const char *name, Py_ssize_t *out)
{
    PyObject *d = PyObject_GetAttrString(type, name);
    if (!d)
        return -1;
    int ok = Py_TYPE(d) == &PyMemberDescr_Type &&
             ((PyMemberDescrObject *)d)->d_member->type == T_OBJECT_EX &&
             !(((PyMemberDescrObject *)d)->d_member->flags & READONLY);
    if (ok)
        *out = ((PyMemberDescrObject *)d)->d_member->offset;
    Py_DECREF(d);
    if (!ok) {
        PyErr_Format(PyExc_TypeError, "%s.%s is not a writable object slot",
                     ((PyTypeObject *)type)->tp_name, name);
        return -1;
    }
    return 0;
}

static PyObject *speedups_records(PyObject *module, PyObject *args)
{
    PyObject *op_type, *span_type;
    if (!PyArg_ParseTuple(args, "O!O!", &PyType_Type, &op_type, &PyType_Type, &span_type))
        return NULL;
    if (slot_offset(op_type, "op", &o_op) < 0 || slot_offset(op_type, "text", &o_text) < 0 ||
        slot_offset(op_type, "old", &o_old) < 0 || slot_offset(op_type, "new", &o_new) < 0 ||
        slot_offset(span_type, "start", &o_start) < 0 || slot_offset(span_type, "end", &o_end) < 0)
        return NULL;
    Py_INCREF(op_type);
    Py_INCREF(span_type);
    Py_XSETREF(DiffOpType, (PyTypeObject *)op_type);
    Py_XSETREF(SpanType, (PyTypeObject *)span_type);
    Py_RETURN_NONE;
}


/* ------------------------------------------------------------------------------------ */
/* Matchable words (positions.lexicon.tokens.words_of) */

/* Set by word_records(): the class, its slots, the token cache and its filler (Spans are
   those of records()). */
static PyTypeObject *WordType;
static Py_ssize_t w_span, w_plain, w_lower, w_spelled, w_stem, w_joiner, w_steps, w_index;
static PyObject *word_cache, *token_words, *s_hyphen;
static Py_ssize_t cache_limit;

/* A Word with the given slots (new references to the objects are taken). */
static PyObject *new_word(PyObject *span, PyObject *const *forms, PyObject *joiner, PyObject *steps, Py_ssize_t index)
{
    PyObject *w = new_record(WordType);
    if (!w) {
        Py_DECREF(span);
        return NULL;
    }
    SLOT(w, w_span) = span;
    const Py_ssize_t offs[4] = {w_plain, w_lower, w_spelled, w_stem};
    for (int i = 0; i < 4; i++) {
        Py_INCREF(forms[i]);
        SLOT(w, offs[i]) = forms[i];
    }
    Py_INCREF(joiner);
    SLOT(w, w_joiner) = joiner;
    Py_INCREF(steps);
    SLOT(w, w_steps) = steps;
    if (!(SLOT(w, w_index) = PyLong_FromSsize_t(index))) {
        Py_DECREF(w);
        return NULL;
    }
    return w;
}

/* The words of one token (its cached parts, or token_words(piece) on a miss); None for
   punctuation. A borrowed reference, or NULL on error. */
static PyObject *token_parts(PyObject *piece)
{
    PyObject *parts = PyDict_GetItemWithError(word_cache, piece);
    if (parts || PyErr_Occurred())
        return parts;
    parts = PyObject_CallOneArg(token_words, piece);
    if (!parts)
        return NULL;
    if (PyDict_GET_SIZE(word_cache) >= cache_limit)
        PyDict_Clear(word_cache);
    int r = PyDict_SetItem(word_cache, piece, parts);
    Py_DECREF(parts); /* the cache holds it */
    return r < 0 ? NULL : parts;
}

ALWAYS_INLINE int has_word_char(const Text *t, const int kind, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a; i < b; i++)
        if (is_word(AT(t, i)))
            return 1;
    return 0;
}

/* words_of(text, span) over text[start:stop]: the loop of positions.lexicon.tokens.words_of. */
ALWAYS_INLINE int scan_words(PyObject *text, const Text *t, const int kind, Py_ssize_t start, PyObject *out)
{
    const Py_ssize_t n = t->len; /* = stop: the pattern sees the text end there */
    Py_ssize_t p = start, prev_end = -1;
    while (p < n) {
        if (is_space(AT(t, p))) {
            p++;
            continue;
        }
        Py_ssize_t e = token_end(t, kind, p);
        if (prev_end == p && e == p + 1 && (AT(t, p) | 0x20) == 's' && p > 0 && AT(t, p - 1) == '\'') {
            prev_end = e;
            p = e;
            continue; /* the 's of "D.P.R.K.'s", which the tokenizer splits off */
        }
        prev_end = e;
        PyObject *piece = PyUnicode_Substring(text, p, e);
        if (!piece)
            return -1;
        PyObject *parts = token_parts(piece);
        Py_DECREF(piece);
        if (!parts)
            return -1;
        if (parts == Py_None) { /* punctuation */
            Py_ssize_t nw = PyList_GET_SIZE(out);
            if (e == p + 2 && AT(t, p) == '-' && AT(t, p + 1) == '-' && nw) {
                PyObject *last = PyList_GET_ITEM(out, nw - 1);
                PyObject *last_end = SLOT(SLOT(last, w_span), o_end);
                Py_ssize_t le = PyLong_AsSsize_t(last_end);
                if (le == p && e < n && !is_space(AT(t, e)) && has_word_char(t, kind, e, token_end(t, kind, e))) {
                    /* "step--by": the word before joins the next one (attrs.evolve, joiner "-") */
                    PyObject *forms[4] = {SLOT(last, w_plain), SLOT(last, w_lower), SLOT(last, w_spelled),
                                          SLOT(last, w_stem)};
                    PyObject *span = SLOT(last, w_span);
                    Py_INCREF(span);
                    PyObject *w = new_word(span, forms, s_hyphen, SLOT(last, w_steps),
                                           PyLong_AsSsize_t(SLOT(last, w_index)));
                    if (!w)
                        return -1;
                    PyList_SET_ITEM(out, nw - 1, w); /* steals w, drops last */
                    Py_DECREF(last);
                }
            }
            p = e;
            continue;
        }
        if (!PyTuple_Check(parts)) {
            PyErr_SetString(PyExc_TypeError, "token words must be a tuple or None");
            return -1;
        }
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(parts); k++) {
            PyObject *part = PyTuple_GET_ITEM(parts, k);
            if (!PyTuple_Check(part) || PyTuple_GET_SIZE(part) != 8) {
                PyErr_SetString(PyExc_TypeError, "a token word must be an 8-tuple");
                return -1;
            }
            Py_ssize_t s0 = PyLong_AsSsize_t(PyTuple_GET_ITEM(part, 0));
            Py_ssize_t s1 = PyLong_AsSsize_t(PyTuple_GET_ITEM(part, 1));
            if ((s0 == -1 || s1 == -1) && PyErr_Occurred())
                return -1;
            PyObject *span = s1 < 0 ? new_span(NULL, p, e) : new_span(NULL, p + s0, p + s1);
            if (!span)
                return -1;
            PyObject *forms[4] = {PyTuple_GET_ITEM(part, 3), PyTuple_GET_ITEM(part, 4), PyTuple_GET_ITEM(part, 5),
                                  PyTuple_GET_ITEM(part, 6)};
            PyObject *w = new_word(span, forms, PyTuple_GET_ITEM(part, 2), PyTuple_GET_ITEM(part, 7),
                                   PyList_GET_SIZE(out));
            if (!w)
                return -1;
            int r = PyList_Append(out, w);
            Py_DECREF(w);
            if (r < 0)
                return -1;
        }
        p = e;
    }
    return 0;
}

static PyObject *speedups_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "words() takes text, start and stop");
        return NULL;
    }
    if (!WordType || !SpanType) {
        PyErr_SetString(PyExc_RuntimeError, "records() and word_records() must be called first");
        return NULL;
    }
    PyObject *text = args[0];
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "a text must be a str");
        return NULL;
    }
    Py_ssize_t start = PyLong_AsSsize_t(args[1]), stop = PyLong_AsSsize_t(args[2]);
    if ((start == -1 || stop == -1) && PyErr_Occurred())
        return NULL;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (start < 0 || stop > len || start > stop) {
        PyErr_SetString(PyExc_ValueError, "start and stop must lie in the text, in order");
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), stop};
    PyObject *out = PyList_New(0);
    if (!out)
        return NULL;
    int r;
    switch (t.kind) {
    case PyUnicode_1BYTE_KIND: r = scan_words(text, &t, PyUnicode_1BYTE_KIND, start, out); break;
    case PyUnicode_2BYTE_KIND: r = scan_words(text, &t, PyUnicode_2BYTE_KIND, start, out); break;
    default: r = scan_words(text, &t, PyUnicode_4BYTE_KIND, start, out); break;
    }
    if (r < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

/* word_records(Word, cache, token_words, limit): what words() builds and with what. */
static PyObject *speedups_word_records(PyObject *module, PyObject *args)
{
    PyObject *word_type, *cache, *fill;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "O!O!On", &PyType_Type, &word_type, &PyDict_Type, &cache, &fill, &limit))
        return NULL;
    const char *names[8] = {"span", "plain", "lower", "spelled", "stem", "joiner", "steps", "index"};
    Py_ssize_t *offs[8] = {&w_span, &w_plain, &w_lower, &w_spelled, &w_stem, &w_joiner, &w_steps, &w_index};
    for (int i = 0; i < 8; i++)
        if (slot_offset(word_type, names[i], offs[i]) < 0)
            return NULL;
    if (!PyCallable_Check(fill)) {
        PyErr_SetString(PyExc_TypeError, "token_words must be callable");
        return NULL;
    }
    Py_INCREF(word_type);
    Py_INCREF(cache);
    Py_INCREF(fill);
    Py_XSETREF(WordType, (PyTypeObject *)word_type);
    Py_XSETREF(word_cache, cache);
    Py_XSETREF(token_words, fill);
    cache_limit = limit;
    Py_RETURN_NONE;
}

static PyMethodDef speedups_methods[] = {
    {"pair", (PyCFunction)(void (*)(void))speedups_pair, METH_FASTCALL,
     "pair(a, b) -> (Pair, token string of a, of b, number of distinct tokens)."},
    {"records", speedups_records, METH_VARARGS, "records(DiffOp, Span): the classes ops() builds."},
    {"words", (PyCFunction)(void (*)(void))speedups_words, METH_FASTCALL,
     "words(text, start, stop): the matchable words of text[start:stop], as words_of makes them."},
    {"word_records", speedups_word_records, METH_VARARGS,
     "word_records(Word, cache, token_words, limit): what words() builds, and its token cache."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "_speedups",
    "Compiled token streams and diff operations for positions.diff, and words for "
    "positions.lexicon.tokens (optional).", -1,
    speedups_methods,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    if (PyType_Ready(&PairType) < 0)
        return NULL;
    s_eq = PyUnicode_InternFromString("=");
    s_del = PyUnicode_InternFromString("-");
    s_ins = PyUnicode_InternFromString("+");
    s_hyphen = PyUnicode_InternFromString("-");
    if (!s_eq || !s_del || !s_ins || !s_hyphen)
        return NULL;
    PyObject *m = PyModule_Create(&speedups_module);
    if (!m)
        return NULL;
    Py_INCREF(&PairType);
    if (PyModule_AddObject(m, "Pair", (PyObject *)&PairType) < 0) {
        Py_DECREF(&PairType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
