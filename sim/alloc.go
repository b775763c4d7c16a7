package sim

import (
	"strings"
	"unsafe"
)

// makeUninit returns n float32 values whose contents are unspecified, for
// arrays the caller writes in full before reading. Go zeroes what make
// returns, and for the paths of a large run (57 MB for 200k trials of 24
// months) that zeroing is a pass over memory as long as the one that
// writes the values; numpy's np.empty skips it. The standard library has
// no exported allocation without zeroing, but strings.Builder.Grow
// allocates its buffer without one (the builder only ever reads what it
// has written); the builder is dropped here and its buffer becomes the
// array. The buffer holds no pointers, like a []float32, and the slice
// keeps it alive.
func makeUninit(n int) []float32 {
	const size = int(unsafe.Sizeof(float32(0)))
	if n < 1<<16 {
		return make([]float32, n)
	}
	var b strings.Builder
	b.Grow(n*size + size)
	// A string's data pointer is the buffer's first byte once one is written.
	b.WriteByte(0)
	p := unsafe.StringData(b.String())
	// Large buffers are page aligned; float32 needs 4 bytes.
	if uintptr(unsafe.Pointer(p))%uintptr(size) != 0 {
		return make([]float32, n)
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(p)), n)
}
