package extract

import (
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"

	"orewatch"
)

// decodeHTML returns the page as valid UTF-8, honouring a byte-order mark or
// a <meta charset> declaration, or an error when the bytes are not HTML.
func decodeHTML(b []byte) (string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", orewatch.Errorf(orewatch.EINVALID, "empty page: no HTML to extract")
	}
	if len(b) > MaxHTMLBytes {
		b = b[:MaxHTMLBytes]
	}
	if ct := http.DetectContentType(b); !strings.HasPrefix(ct, "text/") {
		return "", orewatch.Errorf(orewatch.EINVALID, "not an HTML page: content looks like %s", ct)
	}
	enc, name, bom := charset.DetermineEncoding(b, "")
	switch {
	case bom:
	case name != "utf-8" && utf8.Valid(b) && hasMultibyte(b):
		// Valid UTF-8 with non-ASCII characters is almost never an accident:
		// the page's declaration of a legacy charset is wrong.
		name = "utf-8"
	case name == "utf-8" && !utf8.Valid(b) && mostlyLatin1(b):
		// A page declared (or guessed) UTF-8 whose bytes are mostly single
		// high bytes was written in a legacy 8-bit charset.
		enc, name = charmap.Windows1252, "windows-1252"
	}
	s := string(b)
	if name != "utf-8" {
		if d, err := enc.NewDecoder().Bytes(b); err == nil {
			s = string(d)
		}
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !hasMarkup(s) {
		return "", orewatch.Errorf(orewatch.EINVALID, "not an HTML page: no markup found (plain text goes through FromText)")
	}
	return s, nil
}

// hasMultibyte reports whether b holds a byte outside ASCII.
func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// mostlyLatin1 reports whether invalid UTF-8 sequences outnumber valid
// multi-byte characters in b.
func mostlyLatin1(b []byte) bool {
	bad, good := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			good++
		}
		b = b[n:]
	}
	return bad > good
}

// hasMarkup reports whether s contains at least one tag, comment or doctype:
// a '<' followed by a letter, '/' or '!'.
func hasMarkup(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if c == '!' || c == '/' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
