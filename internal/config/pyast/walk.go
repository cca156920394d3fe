package pyast

/*
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

// The declarations below are the subset of tree-sitter's api.h (v0.25) that the walk needs;
// the functions are compiled into the binary by github.com/tree-sitter/go-tree-sitter.
typedef struct TSLanguage TSLanguage;
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;
typedef enum { TSInputEncodingUTF8 } TSInputEncoding;
typedef uint32_t (*DecodeFunction)(const uint8_t *string, uint32_t length, int32_t *code_point);
typedef struct {
	void *payload;
	const char *(*read)(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read);
	TSInputEncoding encoding;
	DecodeFunction decode;
} TSInput;
typedef struct { void *payload; uint32_t current_byte_offset; bool has_error; } TSParseState;
typedef struct { void *payload; bool (*progress_callback)(TSParseState *state); } TSParseOptions;

void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));
TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
TSTree *ts_parser_parse_with_options(TSParser *self, const TSTree *old_tree, TSInput input, TSParseOptions options);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
uint16_t ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
TSPoint ts_node_start_point(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_error(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);

enum { PY_NAMED = 1, PY_MISSING = 2, PY_ERROR = 4 };

typedef struct {
	uint16_t symbol, field;
	uint32_t start, end, row, col;
	int32_t parent;
	uint8_t flags;
} py_rec;

typedef struct {
	const char *src;
	uint32_t len;
	struct timespec deadline;
	unsigned calls;
} py_input;

static const char *py_read(void *payload, uint32_t at, TSPoint pos, uint32_t *n) {
	py_input *in = payload;
	if (at >= in->len) { *n = 0; return ""; }
	*n = in->len - at;
	return in->src + at;
}

static bool py_progress(TSParseState *st) {
	py_input *in = st->payload;
	// tree-sitter calls this very often; reading the clock each time doubled the parse time.
	if (++in->calls % 4096 != 0) return false;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > in->deadline.tv_sec ||
		(now.tv_sec == in->deadline.tv_sec && now.tv_nsec > in->deadline.tv_nsec);
}

// py_parse parses src and flattens the tree in document order into *out (malloc'd; the
// caller frees it). It returns the record count, -1 when parsing failed or timed out, and
// -2 when the tree is deeper than max_depth or larger than max_nodes.
static long py_parse(const TSLanguage *lang, const char *src, uint32_t len, long timeout_ms,
		uint32_t max_depth, long max_nodes, py_rec **out) {
	*out = NULL;
	// go-tree-sitter routes every allocation of the runtime through a Go callback that only
	// calls malloc again; NULL makes tree-sitter call libc directly. Memory is malloc'd
	// either way, so blocks allocated before the switch are still freed correctly.
	ts_set_allocator(NULL, NULL, NULL, NULL);
	TSParser *p = ts_parser_new();
	if (!p) return -1;
	if (!ts_parser_set_language(p, lang)) { ts_parser_delete(p); return -1; }
	py_input in = { src, len };
	clock_gettime(CLOCK_MONOTONIC, &in.deadline);
	in.deadline.tv_sec += timeout_ms / 1000;
	in.deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (in.deadline.tv_nsec >= 1000000000L) { in.deadline.tv_sec++; in.deadline.tv_nsec -= 1000000000L; }
	TSInput input = { &in, py_read, TSInputEncodingUTF8, NULL };
	TSParseOptions opts = { &in, py_progress };
	TSTree *tree = ts_parser_parse_with_options(p, NULL, input, opts);
	ts_parser_delete(p);
	if (!tree) return -1;

	long cap = 1024, n = 0, result = 0;
	py_rec *recs = malloc(cap * sizeof(py_rec));
	int32_t *stack = malloc((max_depth + 1) * sizeof(int32_t));
	if (!recs || !stack) { free(recs); free(stack); ts_tree_delete(tree); return -1; }
	TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t depth = 0;
	for (;;) {
		if (n == cap) {
			cap *= 2;
			py_rec *grown = realloc(recs, cap * sizeof(py_rec));
			if (!grown) { result = -1; break; }
			recs = grown;
		}
		TSNode node = ts_tree_cursor_current_node(&cur);
		TSPoint sp = ts_node_start_point(node);
		py_rec *r = &recs[n];
		r->symbol = ts_node_symbol(node);
		r->field = ts_tree_cursor_current_field_id(&cur);
		r->start = ts_node_start_byte(node);
		r->end = ts_node_end_byte(node);
		r->row = sp.row;
		r->col = sp.column;
		r->parent = depth == 0 ? -1 : stack[depth - 1];
		r->flags = (ts_node_is_named(node) ? PY_NAMED : 0) |
			(ts_node_is_missing(node) ? PY_MISSING : 0) |
			(ts_node_is_error(node) ? PY_ERROR : 0);
		n++;
		if (n > max_nodes) { result = -2; break; }
		if (ts_tree_cursor_goto_first_child(&cur)) {
			if (depth >= max_depth) { result = -2; break; }
			stack[depth++] = (int32_t)(n - 1);
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&cur)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&cur)) goto done;
			depth--;
		}
	}
done:
	ts_tree_cursor_delete(&cur);
	ts_tree_delete(tree);
	free(stack);
	if (result < 0) { free(recs); return result; }
	*out = recs;
	return n;
}
*/
import "C"

import (
	"time"
	"unsafe"
)

// parseTimeout bounds tree-sitter's own work on one file.
const parseTimeout = 5 * time.Second

// rec is one node as the C walk reports it.
type rec struct {
	symbol, field uint16
	start, end    uint32
	row, col      uint32
	parent        int32
	flags         uint8
}

// Flags of a rec; the values match the C enum.
const (
	flagNamed   = 1
	flagMissing = 2
	flagError   = 4
)

// walkResult says why parseFlat produced no tree.
type walkResult int

const (
	walkOK walkResult = iota
	walkFailed
	walkTooBig
)

// parseFlat runs tree-sitter over src in a single cgo call and returns its nodes in
// document order, each with its parent's index. One call instead of a dozen per node is
// what makes parsing a large app cost milliseconds, not a third of a second.
func parseFlat(lang unsafe.Pointer, src []byte) ([]rec, walkResult) {
	var base *C.char
	if len(src) > 0 {
		base = (*C.char)(unsafe.Pointer(&src[0]))
	} else {
		base = C.CString("")
		defer C.free(unsafe.Pointer(base))
	}
	var out *C.py_rec
	n := C.py_parse((*C.TSLanguage)(lang), base, C.uint32_t(len(src)), C.long(parseTimeout.Milliseconds()),
		C.uint32_t(maxTreeDepth), C.long(maxNodes), &out)
	switch {
	case n == -2:
		return nil, walkTooBig
	case n < 0:
		return nil, walkFailed
	}
	defer C.free(unsafe.Pointer(out))
	recs := make([]rec, int(n))
	for i, r := range unsafe.Slice(out, int(n)) {
		recs[i] = rec{symbol: uint16(r.symbol), field: uint16(r.field), start: uint32(r.start), end: uint32(r.end),
			row: uint32(r.row), col: uint32(r.col), parent: int32(r.parent), flags: uint8(r.flags)}
	}
	return recs, walkOK
}
