package postgres

import "orewatch"

// matchable reports whether every filter value is text a store can hold:
// one that is not (invalid UTF-8, a NUL byte) matches nothing, and is not
// sent to the database.
func matchable(vals ...string) bool {
	for _, v := range vals {
		if !orewatch.ValidText(v) {
			return false
		}
	}
	return true
}

// str is *p, or "" for nil.
func str[T ~string](p *T) string {
	if p == nil {
		return ""
	}
	return string(*p)
}
