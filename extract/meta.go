package extract

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"orewatch"
)

// pageMeta is what the page says about itself, outside its main text.
type pageMeta struct {
	title     string
	lang      string
	published orewatch.Date
	url       string // canonical address the page declares, if absolute http(s)
}

// metaDateKeys are <meta> names and properties that carry the publication
// date, lower-cased.
var metaDateKeys = map[string]bool{
	"article:published_time": true, "og:published_time": true, "og:article:published_time": true,
	"article.published": true, "published_time": true, "datepublished": true, "pubdate": true,
	"publishdate": true, "publish-date": true, "publish_date": true, "date": true, "dc.date": true,
	"dc.date.issued": true, "dc.date.created": true, "dcterms.issued": true, "dcterms.created": true,
	"dcterms.date": true, "citation_publication_date": true, "citation_date": true,
	"sailthru.date": true, "parsely-pub-date": true, "originalpublicationdate": true,
	"article_date_original": true, "cxenseparse:recs:publishtime": true, "publication_date": true,
}

// readMeta collects the title, language and publication date a page
// declares: JSON-LD, <meta> tags, <time datetime>, <html lang>, <title>, <h1>.
func readMeta(doc *html.Node) pageMeta {
	var (
		m                                   pageMeta
		ldTitle, ogTitle, h1, titleTag      string
		ldDate, metaDate, markedTime, anyTm orewatch.Date
		metaLang                            string
		haveOG                              bool
		siteName, canonical, ogURL          string
	)
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = langCode(attr(n, "lang"))
				}
				if m.lang == "" {
					m.lang = langCode(attr(n, "xml:lang"))
				}
			case atom.Link:
				if canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Title:
				if titleTag == "" {
					titleTag = textOf(n)
				}
			case atom.H1:
				if h1 == "" {
					h1 = textOf(n)
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(attr(n, "property") + attr(n, "name") + attr(n, "itemprop")))
				val := strings.TrimSpace(attr(n, "content"))
				switch {
				case val == "":
				case key == "og:title" && !haveOG:
					ogTitle, haveOG = val, true
				case key == "twitter:title" && ogTitle == "":
					ogTitle = val
				case key == "og:site_name" && siteName == "":
					siteName = val
				case key == "og:url" && ogURL == "":
					ogURL = val
				case metaDateKeys[key] && metaDate.IsZero():
					metaDate, _ = parseDate(val)
				case key == "og:locale" || key == "dc.language" || key == "language" || key == "content-language":
					if metaLang == "" {
						metaLang = langCode(val)
					}
				}
				if strings.EqualFold(attr(n, "http-equiv"), "content-language") && metaLang == "" {
					metaLang = langCode(val)
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
					t, d := readJSONLD(n.FirstChild.Data)
					if ldTitle == "" {
						ldTitle = t
					}
					if ldDate.IsZero() {
						ldDate = d
					}
				}
				continue
			case atom.Style, atom.Template, atom.Svg:
				continue
			case atom.Time:
				if dt := attr(n, "datetime"); dt != "" {
					if d, ok := parseDate(dt); ok {
						if anyTm.IsZero() {
							anyTm = d
						}
						if markedTime.IsZero() && publishedMark(n) {
							markedTime = d
						}
					}
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && n.DataAtom != atom.Meta && metaDate.IsZero() {
				v := attr(n, "datetime")
				if v == "" {
					v = attr(n, "content")
				}
				if v == "" {
					v = textOf(n)
				}
				metaDate, _ = parseDate(v)
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	if m.lang == "" {
		m.lang = metaLang
	}
	m.title = stripSiteName(firstNonEmpty(ldTitle, ogTitle, h1, cleanTitleTag(titleTag)), siteName)
	for _, u := range []string{canonical, ogURL} {
		if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			m.url = u
			break
		}
	}
	for _, d := range []orewatch.Date{ldDate, metaDate, markedTime, anyTm} {
		if !d.IsZero() {
			m.published = d
			break
		}
	}
	return m
}

// publishedMark reports whether a <time> element says it is the publication
// time rather than any other.
func publishedMark(n *html.Node) bool {
	if _, ok := attrOK(n, "pubdate"); ok {
		return true
	}
	s := strings.ToLower(attr(n, "itemprop") + " " + attr(n, "class") + " " + attr(n, "id"))
	return strings.Contains(s, "datepublished") || strings.Contains(s, "publish") || strings.Contains(s, "posted")
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// readJSONLD returns the headline and datePublished of the first object in a
// JSON-LD block that has them, preferring article types.
func readJSONLD(src string) (title string, published orewatch.Date) {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<![CDATA[")
	src = strings.TrimSuffix(src, "]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return "", orewatch.Date{}
	}
	var best, first map[string]any
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if _, ok := x["datePublished"]; ok {
				if first == nil {
					first = x
				}
				if best == nil && isArticleType(x["@type"]) {
					best = x
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if e, ok := x[k]; ok {
					visit(e, depth+1)
				}
			}
		}
	}
	visit(v, 0)
	if best == nil {
		best = first
	}
	if best == nil {
		return "", orewatch.Date{}
	}
	if s, ok := best["datePublished"].(string); ok {
		published, _ = parseDate(s)
	}
	if s, ok := best["headline"].(string); ok {
		title = strings.Join(strings.Fields(html.UnescapeString(s)), " ")
	}
	return title, published
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.Contains(x, "Article") || strings.Contains(x, "Posting") || strings.Contains(x, "Report")
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// langCode reduces a language tag ("en-US", "fr_FR", "EN") to its lower-case
// primary subtag when that is a two- or three-letter code.
func langCode(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for i := 0; i < len(tag); i++ {
		c := tag[i] | 0x20
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return strings.ToLower(tag)
}

// cleanTitleTag drops a site name appended to a <title> after a separator
// ("Headline | Site", "Headline - Site") when the headline part is long
// enough to stand alone.
func cleanTitleTag(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " « ", " » "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			head := strings.TrimSpace(t[:i])
			if len(strings.Fields(head)) >= 3 {
				return head
			}
		}
	}
	return t
}

// stripSiteName drops the site's name from either end of a title
// ("Headline | Site", "Site - Headline").
func stripSiteName(title, site string) string {
	if site == "" || title == site {
		return title
	}
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok {
			return strings.TrimSpace(t)
		}
		if t, ok := strings.CutPrefix(title, site+sep); ok {
			return strings.TrimSpace(t)
		}
	}
	return title
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
