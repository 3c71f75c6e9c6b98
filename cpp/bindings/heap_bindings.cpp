// Embind registration of the heap's in-use byte count. The page's reliability tests read it before
// and after its widgets come and go: an Embind object never deleted, or a buffer never freed, shows
// up as bytes that stay in use.
#include <emscripten/bind.h>
#include <malloc.h>

namespace normlab::bindings {

namespace {

// Bytes malloc has handed out and not had back (dlmalloc's mallinfo().uordblks). A double, since
// the count can pass 2^31 under a heap cap above 2 GB.
double heap_in_use() {
  return static_cast<double>(mallinfo().uordblks);
}

}  // namespace

EMSCRIPTEN_BINDINGS(normlab_heap) {
  emscripten::function("heapInUse", &heap_in_use);
}

}  // namespace normlab::bindings
