package sim

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the whole 2 MiB pages inside a large
// array with transparent huge pages (madvise MADV_HUGEPAGE), as numpy does
// for its large arrays by default. Where transparent huge pages are enabled
// "always" it changes nothing; where they are enabled for advised memory
// only (a common default), the first touch of a fresh 2 MiB page then
// takes one page fault instead of 512, which for the paths of a large run
// (57 MB for 200k trials of 24 months) saves most of the time the kernel
// spends handing the memory over. Memory already in use keeps its pages.
// The advice is a hint: an error (an old kernel, huge pages disabled)
// leaves the memory as it was, so it is ignored.
func adviseHuge(a []float32) {
	const huge = 2 << 20
	size := uintptr(len(a)) * unsafe.Sizeof(a[0])
	if size < 2*huge {
		return
	}
	p := unsafe.Pointer(unsafe.SliceData(a))
	skip := -uintptr(p) & (huge - 1) // to the first 2 MiB boundary
	n := (size - skip) &^ (huge - 1)
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), n), syscall.MADV_HUGEPAGE)
}
