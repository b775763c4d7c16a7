//go:build !linux

package sim

// adviseHuge is a no-op where the kernel takes no huge-page advice (see
// hugepage_linux.go).
func adviseHuge([]float32) {}
