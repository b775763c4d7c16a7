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
// a web page. pageURL may be empty, and the page's canonical link is used
// then; it resolves relative links and is a source of the date after the
// page's metadata and before its text. The charset comes from a byte-order
// mark or <meta charset> (a page that is valid UTF-8 is read as UTF-8
// whatever it declares); invalid bytes become U+FFFD. The error is an
// EINVALID *orewatch.Error when the input is empty or not HTML at all (plain
// text goes through FromText); a page with no readable text gives a
// Document with an empty Body. Input beyond MaxHTMLBytes is ignored.
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
	if pageURL == "" {
		pageURL = meta.url // a saved page still says where it came from
	}
	body := mainText(doc, pageURL, meta.title)
	d := &Document{URL: pageURL, Title: meta.title, Published: meta.published, Language: meta.lang, Body: body}
	paras := splitRendered(body)
	if p, i, alone, ok := dateFromText(paras[:min(len(paras), 6)]); ok {
		if d.Published.IsZero() && !urlHasDate(pageURL) {
			d.Published = p
		}
		if alone && i < 3 {
			// A dateline or byline at the head is metadata, not text.
			d.Body = strings.Join(append(paras[:i:i], paras[i+1:]...), "\n\n")
		}
	}
	if d.Published.IsZero() {
		d.Published, _ = dateFromURL(pageURL)
	}
	// Templates often declare a language the text is not in; a confident
	// reading of a long enough text overrides the declaration.
	if det := detectLanguage(d.Body); det != "" && (d.Language == "" || det != d.Language && countWords(d.Body) >= 100) {
		d.Language = det
	}
	return d, nil
}

// minBody is the length (in characters) below which trafilatura's result is
// taken for a failure and readability's is preferred.
const minBody = 250

// Work limits. trafilatura's time grows with the square of the number of
// paragraphs, and readability's faster than linearly with the number of
// elements; no real article comes near these sizes, so past them the
// extractors are skipped and a linear fallback reads the page.
const (
	maxElements  = 20000   // elements either extractor is given
	maxBlocks    = 1500    // text blocks trafilatura is given
	maxTextBytes = 500_000 // bytes of text trafilatura is given
)

// mainText returns the page's main text as paragraphs.
func mainText(doc *html.Node, pageURL, title string) string {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	size := measure(doc)
	if size.elements > maxElements || size.blocks > maxBlocks || size.text > maxTextBytes {
		pruneChrome(doc)
		size = measure(doc)
	}
	var main, second []string
	if size.elements <= maxElements && size.blocks <= maxBlocks && size.text <= maxTextBytes {
		opts := trafilatura.Options{
			OriginalURL:     u,
			ExcludeComments: true,
			HtmlDateMode:    trafilatura.Disabled, // the date is read by readMeta
		}
		if res, err := trafilatura.ExtractDocument(doc, opts); err == nil && res.ContentNode != nil {
			main = splitRendered(renderText(res.ContentNode))
		}
	}
	if size.elements <= maxElements {
		if art, err := readability.FromDocument(doc, u); err == nil && art.Node != nil {
			second = splitRendered(renderText(art.Node))
		}
	}
	var paras []string
	switch {
	case main == nil && second == nil:
		paras = splitRendered(renderText(doc)) // the page is too big for both
	case runeLen(main) < minBody && runeLen(second) > runeLen(main):
		paras = second
	default:
		paras = combine(main, second)
	}
	paras = filterBoilerplate(dropTitle(paras, title))
	if !hasProse(paras) {
		return "" // menus, link titles and labels only: no article here
	}
	return strings.Join(paras, "\n\n")
}

func splitRendered(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n\n")
}

func runeLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += utf8.RuneCountInString(p)
	}
	return n
}

// hasProse reports whether any paragraph reads as running text.
func hasProse(paras []string) bool {
	for _, p := range paras {
		if classify(p) == classContent {
			return true
		}
	}
	return false
}

// urlHasDate reports whether the page address carries a date, which is a
// better source than a date found in the text.
func urlHasDate(pageURL string) bool {
	_, ok := dateFromURL(pageURL)
	return ok
}
