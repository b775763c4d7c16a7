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
	d := &Document{}
	if len(paras) > 0 && looksLikeTitle(paras[0]) {
		d.Title = paras[0]
		paras = paras[1:]
	}
	if p, ok := dateFromText(paras[:min(len(paras), 6)]); ok {
		d.Published = p
	}
	d.Body = strings.Join(filterBoilerplate(paras), "\n\n")
	d.Language = detectLanguage(d.Body)
	return d
}
