/*
 * rt_internal.h — the object model shared by every file of the Viper native runtime.
 *
 * Contract with the code generator (target-aarch64) — do not change without changing the backend:
 *   - A `str` is a pointer to `struct rt_string_impl`, or NULL. String literals are emitted by the
 *     backend as static, immortal handles with exactly this layout:
 *         { RT_STR_MAGIC, <pointer to NUL-terminated bytes>, NULL, <byte length>, RT_REFS_IMMORTAL }
 *     so retain/release must treat `refs == RT_REFS_IMMORTAL` as "do nothing".
 *   - Program start: the backend emits a C `main` that calls `vpr_start(argc, argv)` and then the IL
 *     `@main`; it returns IL main's result (0 for a void main) as the exit status.
 *   - Traps raised by compiled IL call `vpr_trap(kind, code, detail, site)` (kinds: IL-SPEC §9.1).
 *
 * Heap objects (arrays, objects, boxes, collections, heap-string payloads) are one malloc block: an
 * `rt_heap_hdr` followed by the payload; the handle given to IL is the payload address.
 * Naming: `rt_*` are functions of the Viper runtime ABI (RUNTIME-ABI.md), `vpr_*` are support entry
 * points private to this native backend, `rt__*` are internal helpers shared between runtime files.
 */
#ifndef VIPER_RT_INTERNAL_H
#define VIPER_RT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define RT_NORETURN __attribute__((noreturn))
#else
#define RT_NORETURN
#endif

/* ---- strings ------------------------------------------------------------------------------- */

#define RT_STR_MAGIC 0x5354524D41474943ULL /* "STRMAGIC" */
#define RT_REFS_IMMORTAL SIZE_MAX

struct rt_string_impl {
    uint64_t magic; /* RT_STR_MAGIC: tells a string handle from an object payload */
    char *data;     /* bytes, always followed by a NUL */
    void *heap;     /* runtime-private (NULL for literals) */
    size_t len;     /* length in bytes (embedded NULs allowed) */
    size_t refs;    /* reference count; RT_REFS_IMMORTAL = never freed */
};
typedef struct rt_string_impl *rt_string;

/* True if p is a string handle (checks the magic word; p must be NULL or a readable handle/payload). */
bool rt__is_string(const void *p);
/* New +1 string holding a copy of len bytes (NUL appended). */
rt_string rt__str_new(const char *bytes, size_t len);
/* New +1 string of len bytes, contents uninitialised apart from the trailing NUL; fill data[0..len). */
rt_string rt__str_alloc(size_t len);
/* New +1 string from a NUL-terminated C string. */
rt_string rt__str_from_cstr(const char *s);
/* Byte pointer/length of s; NULL s gives "" and 0. */
const char *rt__str_bytes(rt_string s);
size_t rt__str_len(rt_string s);
/* The process-wide immortal empty string. */
rt_string rt_str_empty(void);
void rt_str_retain_maybe(rt_string s);
void rt_str_release_maybe(rt_string s);
/* Immortal handle for a NUL-terminated C string that stays valid for ever (interned by address:
 * the same pointer gives the same handle); NULL gives NULL. */
rt_string rt_const_cstr(const char *p);
/* Borrowed NUL-terminated bytes of s; traps `rt_string_cstr: null string` on NULL. */
const char *rt_string_cstr(rt_string s);
/* Three-way unsigned-byte comparison of two non-NULL strings (-1, 0, 1). */
int rt__str_cmp(rt_string a, rt_string b);
/* New +1 string with bytes [start, start+n) of non-NULL s; n == 0 gives the immortal empty string,
 * the whole of s gives s itself with +1. */
rt_string rt__str_slice(rt_string s, size_t start, size_t n);
/* Offset of the first occurrence of needle in hay at or after `from`, or -1. */
ptrdiff_t rt__find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen,
                         size_t from);

/* `store str` with the VM's owning-assignment semantics (IL-SPEC §7.7, RUNTIME-ABI §0.4):
 * retain v, replace *slot, release the old value. Called by compiled IL for every `store str`. */
void vpr_str_store(rt_string *slot, rt_string v);

/* ---- heap objects -------------------------------------------------------------------------- */

#define RT_HEAP_MAGIC 0x52504956u /* "VIPR" */

enum rt_heap_kind {
    RT_KIND_STRING = 1,
    RT_KIND_ARRAY = 2,
    RT_KIND_OBJECT = 3,
    RT_KIND_BOX = 4,
};

enum rt_elem_kind {
    RT_ELEM_NONE = 0, /* objects / object pointers */
    RT_ELEM_I32 = 1,
    RT_ELEM_I64 = 2,
    RT_ELEM_F64 = 3,
    RT_ELEM_BYTES = 4,
    RT_ELEM_STR = 5,
    RT_ELEM_BOX = 6,
};

typedef void (*rt_finalizer)(void *payload);

/* 64 bytes, so payloads stay 16-byte aligned. */
typedef struct rt_heap_hdr {
    uint32_t magic; /* RT_HEAP_MAGIC */
    uint16_t kind;  /* enum rt_heap_kind */
    uint16_t elem_kind;
    uint32_t flags;
    uint32_t reserved;
    size_t refcnt;
    size_t len;
    size_t cap;
    size_t alloc_size;
    int64_t class_id;
    rt_finalizer finalizer; /* runtime-internal finaliser (collections), or NULL */
} rt_heap_hdr;

_Static_assert(sizeof(rt_heap_hdr) == 64, "heap header must be 64 bytes");

/* Allocate header + payload_size zeroed bytes, refcnt 1; returns the payload. Traps on failure. */
void *rt__heap_alloc(enum rt_heap_kind kind, enum rt_elem_kind elem, size_t payload_size);
/* Header of a payload pointer (p must come from rt__heap_alloc). */
rt_heap_hdr *rt__heap_hdr(const void *payload);
/* Free a payload allocated by rt__heap_alloc (no finaliser call). */
void rt__heap_free(void *payload);

/* Object protocol (RUNTIME-ABI §1.4); all accept string handles and NULL. */
void rt_obj_retain_maybe(void *p);
int32_t rt_obj_release_check0(void *p);
void rt_obj_free(void *p);
/* Release with the object protocol and free if the count reached 0 (no IL destructor runs). */
void rt__obj_release_and_free(void *p);

/* ---- traps --------------------------------------------------------------------------------- */

/* Trap kinds (IL-SPEC §9.1). */
enum rt_trap_kind {
    RT_TRAP_DIVIDE_BY_ZERO = 0,
    RT_TRAP_OVERFLOW = 1,
    RT_TRAP_INVALID_CAST = 2,
    RT_TRAP_DOMAIN_ERROR = 3,
    RT_TRAP_BOUNDS = 4,
    RT_TRAP_FILE_NOT_FOUND = 5,
    RT_TRAP_EOF = 6,
    RT_TRAP_IO_ERROR = 7,
    RT_TRAP_INVALID_OPERATION = 8,
    RT_TRAP_RUNTIME_ERROR = 9,
};

/* Where a trap happened, emitted by the backend as static read-only data (may be NULL). */
typedef struct vpr_trap_site {
    const char *function; /* IL function name */
    const char *block;    /* IL block label */
    int64_t ip;           /* index of the instruction in its block */
    int64_t line;         /* .loc line, or -1 */
} vpr_trap_site;

/* Raise an IL trap. Without an installed IL handler: flush stdout, print
 * `Trap @fn:block#ip[ line L]: Kind (code=C)[: detail]` to stderr, exit(1). */
RT_NORETURN void vpr_trap(int64_t kind, int64_t code, const char *detail, const vpr_trap_site *site);
/* A runtime-library trap (kind DomainError, code 0) with a message, as RUNTIME-ABI §1.8. */
RT_NORETURN void rt__trap(const char *msg);
/* printf-style rt__trap. */
RT_NORETURN void rt__trapf(const char *fmt, ...);
/* Name of a trap kind (`Overflow`, `Bounds`, …). */
const char *rt__trap_kind_name(int64_t kind);
/* The single funnel of every trap (vpr_trap, rt__trap, rt__trapf): consults rt__trap_hook first,
 * then prints the unhandled-trap line and exits 1. `msg` and `site` may be NULL. */
RT_NORETURN void rt__raise(int64_t kind, int64_t code, const char *msg, const vpr_trap_site *site);
/* EH hook point: when non-NULL, rt__raise calls it before the default handling. An IL exception
 * handling implementation installs a function that transfers control to the active IL handler
 * (e.g. longjmp) and does not return; NULL (the default) means "no IL handler". */
typedef void (*rt_trap_hook_fn)(int64_t kind, int64_t code, const char *msg,
                                const vpr_trap_site *site);
extern rt_trap_hook_fn rt__trap_hook;

/* ---- native structured error handling (eh.c; layout shared with target-aarch64/src/eh) ------ */

/* The error record `%err` points to (also what `trap.err` returns). */
typedef struct vpr_eh_error {
    int32_t kind;    /* trap kind (IL-SPEC §9.1) */
    int32_t code;    /* 0, or the trap.from_err / trap.err code */
    int64_t ip;      /* index of the faulting instruction (or the call) in its block */
    int32_t line;    /* its .loc line, or -1 */
    int32_t reserved;
    rt_string msg;   /* trap.err message (NULL for trapped errors) */
} vpr_eh_error;

/* The per-frame EH record of a compiled function containing `eh.push`. */
typedef struct vpr_eh_record {
    struct vpr_eh_record *prev; /* next outer record on the chain */
    uintptr_t sp;               /* sp to restore at landing (post-prologue, or after dyn alloca) */
    uintptr_t fp;               /* x29 of the frame */
    uintptr_t landing;          /* landing-pad address in the function */
    const int64_t *sites;       /* static table: (ip, line) per site index */
    int64_t site;               /* site index of the instruction being executed */
    int64_t depth;              /* handler stack depth (unbounded counter) */
    int64_t fault;              /* site of the trap being handled (resume.same/next dispatch) */
    vpr_eh_error err;           /* filled on delivery */
    int64_t handlers[];         /* ring of handler indices, capacity a power of two */
} vpr_eh_record;

/* Innermost record of the chain (NULL if none). One chain per thread (compiled code reaches it
 * with the ELF initial-exec TLS sequence); on Darwin, where thread-locals need a call to reach,
 * one process-wide chain. */
#if defined(__APPLE__)
#define VPR_EH_TLS
#else
#define VPR_EH_TLS _Thread_local
#endif
extern VPR_EH_TLS vpr_eh_record *vpr_eh_top;
/* Kind of the last trap delivered on this thread (`trap.kind`; 9 = RuntimeError before any);
 * thread-local like vpr_eh_top. */
extern VPR_EH_TLS int64_t vpr_eh_trap_kind;
/* Trap kind for a trap.from_err / trap.err code (IL-SPEC §7.9). */
int64_t vpr_eh_kind_of_code(int64_t code);
/* `trap.err code, msg`: a new error record (kind from code, ip/line -1). */
vpr_eh_error *vpr_eh_error_new(int64_t code, rt_string msg);
/* The record that would receive a trap now (first with a non-empty handler stack), or NULL. */
vpr_eh_record *vpr_eh_find(void);
/* Fill r's error record for a trap of kind/code at r's current site; sets vpr_eh_trap_kind. */
void vpr_eh_fill(vpr_eh_record *r, int64_t kind, int64_t code, const char *msg);
/* The rt__trap_hook installed by eh.c (aarch64): delivers to the active IL handler or returns. */
void vpr_eh_deliver(int64_t kind, int64_t code, const char *msg, const vpr_trap_site *site);

/* ---- process ------------------------------------------------------------------------------- */

/* Called by the generated C `main` before IL `@main`. */
void vpr_start(int argc, char **argv);
/* Run IL `@main` (`fn`) on a fresh stack of `stack_bytes` (a joined thread) and return its x0;
 * emitted instead of a direct call when the program is built with a stack size. */
int64_t vpr_run_on_stack(int64_t (*fn)(void), uint64_t stack_bytes);
/* Program arguments after the program name (set by vpr_start). */
extern int rt__argc;
extern char **rt__argv;

/* ---- formatting helpers (shared by console, convert, strings) ------------------------------ */

/* Format per RUNTIME-ABI §2.1 (%.15g, NaN, Inf, -Inf) into buf (>= 32 bytes); returns length. */
size_t rt__format_f64(double v, char *buf);
/* Decimal of v into buf (>= 24 bytes); returns length. */
size_t rt__format_i64(int64_t v, char *buf);
/* Format per RUNTIME-ABI §2.2 (Fmt.Num: %g, NaN, Infinity, -Infinity) into buf (>= 32 bytes). */
size_t rt__format_g(double v, char *buf);

/* ---- threads (threads_*.c, RUNTIME-SYSTEM §2.0) ---------------------------------------------- */

/* Set (never cleared) just before the runtime starts its first thread. From then on reference
 * counts are updated with atomics and shared tables (module variables, constant strings) are
 * locked; before, only one thread exists and plain accesses are enough. */
extern int rt__mt_flag;
static inline bool rt__mt(void) { return __atomic_load_n(&rt__mt_flag, __ATOMIC_RELAXED) != 0; }
/* Marks the process as multi-threaded (call before pthread_create). */
void rt__mt_enable(void);

/* Per-thread trap context of a runtime-started thread (NULL on the main thread). */
typedef struct rt__thread_ctx {
    /* An address in the thread's outermost frame: every live frame (and IL EH record) of this
     * thread lies below it. 0 = unknown (no upper bound). */
    uintptr_t stack_hi;
    /* Thread.StartSafe capture: rt__raise calls it for a trap that no IL handler of this thread
     * receives; it records the message and longjmps out of the entry function (never returns).
     * NULL: the trap ends the whole process (status 1). */
    void (*capture)(struct rt__thread_ctx *ctx, int64_t kind, int64_t code, const char *msg);
} rt__thread_ctx;
extern _Thread_local rt__thread_ctx *rt__tls_thread;
/* True if an EH record at address rec lies on the calling thread's stack (so a trap of this thread
 * may be delivered to it); used by eh.c while `vpr_eh_top` is still one process-wide chain. Always
 * true before the first runtime thread exists (records then need not live in frames). */
bool rt__eh_record_mine(const void *rec);

#endif
