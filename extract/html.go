package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// FromHTML extracts the main text, title, publication date and language of
// a web page. pageURL (may be empty) resolves relative links and is a last
// source of the date. The page's charset is taken from its byte-order mark
// or <meta charset>; invalid bytes become U+FFFD. The error is an EINVALID
// *orewatch.Error when the input is empty or not HTML at all; a page with no
// readable text gives a Document with an empty Body.
func FromHTML(page []byte, pageURL string) (*Document, error) {
	s, err := decodeHTML(page)
	if err != nil {
		return nil, err
	}
	doc, err := parseHTML(s)
	if err != nil {
		return nil, err
	}
	meta := readMeta(doc)
	body := mainText(doc, pageURL)
	d := &Document{URL: pageURL, Title: meta.title, Published: meta.published, Language: meta.lang, Body: body}
	if d.Published.IsZero() {
		if p, ok := dateFromURL(pageURL); ok {
			d.Published = p
		} else if p, ok := dateFromText(firstLines(body, 6)); ok {
			d.Published = p
		}
	}
	if d.Language == "" {
		d.Language = detectLanguage(body)
	}
	return d, nil
}

// minBody is the length (in characters) below which trafilatura's result is
// taken for a failure and readability's is preferred.
const minBody = 250

// mainText returns the page's main text as paragraphs.
func mainText(doc *html.Node, pageURL string) string {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	opts := trafilatura.Options{
		OriginalURL:     u,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled, // the date is read by readMeta
	}
	var text string
	if res, err := trafilatura.ExtractDocument(doc, opts); err == nil && res.ContentNode != nil {
		text = renderText(res.ContentNode)
	}
	if utf8.RuneCountInString(text) < minBody {
		if art, err := readability.FromDocument(doc, u); err == nil && art.Node != nil {
			if alt := renderText(art.Node); utf8.RuneCountInString(alt) > utf8.RuneCountInString(text) {
				text = alt
			}
		}
	}
	return cleanParagraphs(text)
}

// firstLines returns up to n non-empty lines of s.
func firstLines(s string, n int) []string {
	var out []string
	for len(out) < n && s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
		s = rest
	}
	return out
}
