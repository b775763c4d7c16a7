package extract

import (
	"strings"
)

// FromText extracts the title, publication date, language and main text of
// a plain-text document. The first line is the title when it reads like one;
// ad and affiliate lines, "Related:"/"Read more" lists, share and newsletter
// prompts, cookie notices, copyright footers and bare photo credits are
// removed. Input beyond MaxTextBytes is ignored.
func FromText(text string) *Document {
	if len(text) > MaxTextBytes {
		text = text[:MaxTextBytes]
	}
	text = strings.ToValidUTF8(strings.TrimPrefix(text, "\uFEFF"), "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	paras := splitParagraphs(text)
	// A cookie notice or menu may come before the title.
	for len(paras) > 0 && classify(paras[0]) == classStrong {
		paras = paras[1:]
	}
	d := &Document{}
	if len(paras) > 1 && looksLikeTitle(paras[0]) {
		d.Title = paras[0]
		paras = paras[1:]
	}
	if p, i, alone, ok := dateFromText(paras); ok {
		d.Published = p
		if alone && i < 3 {
			// A byline or dateline is metadata, not text.
			paras = append(paras[:i:i], paras[i+1:]...)
		}
	}
	d.Body = strings.Join(filterBoilerplate(paras), "\n\n")
	d.Language = detectLanguage(d.Body)
	return d
}
