// Package extract turns a web page or a plain-text document into its main
// text and metadata: title, publication date and language.
//
// A page is parsed once and given to two maintained extractors:
// go-trafilatura, the primary, and readeck's go-readability, a second
// opinion. Where they agree on the body, the paragraphs trafilatura adds at
// the head and foot (headline, standfirst, newsletter box, link lists) are
// dropped; where trafilatura stops early, readability's following prose is
// appended; where trafilatura only dumps the page's text, readability's
// result is used. A line-level boilerplate filter (ads, affiliate pitches,
// link lists, share and sign-up prompts, cookie notices, credits, footers)
// then cleans the result. Plain text goes through the filter alone.
//
// On the public article extraction benchmark this scores F1 0.978, against
// 0.962 for go-trafilatura and 0.952 for go-readability on their own
// (docs/bench/extract.md; go run ./bench/extract).
//
// Extraction is a pure function of its input: no network, no store. Work is
// bounded on huge or deeply nested pages.
package extract

import (
	"orewatch"
)

// Document is what extraction yields: the main text and its metadata.
type Document struct {
	URL       string
	Title     string
	Published orewatch.Date // page metadata, URL, or text; zero when unknown
	Language  string        // ISO 639-1, e.g. "en"; "" when unknown
	Body      string        // main text, paragraphs separated by "\n\n"
}

// Limits that keep extraction bounded on hostile or broken pages.
const (
	// MaxHTMLBytes is how much of a page is parsed; the rest is ignored.
	MaxHTMLBytes = 8 << 20
	// MaxTextBytes is how much of a plain-text document is read.
	MaxTextBytes = 4 << 20
	// maxDepth is the element nesting kept; deeper elements are flattened
	// into their ancestor at this depth, keeping their text.
	maxDepth = 200
)
