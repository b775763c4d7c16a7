// Package extract turns a web page or a plain-text document into its main
// text and metadata: title, publication date and language. HTML goes through
// go-trafilatura, with readeck's go-readability as a second opinion, and a
// line-level boilerplate filter; plain text goes through the filter alone.
//
// Extraction is a pure function of its input: no network, no store.
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
