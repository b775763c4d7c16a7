package extract

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML parses a decoded page and bounds its nesting depth, so that no
// later pass over the tree can be made quadratic by a deeply nested page.
func parseHTML(s string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// The parser refuses pages that keep more than 512 elements open;
		// drop the tags nested deeper than maxDepth and parse again.
		doc, err = html.Parse(strings.NewReader(shallowMarkup(s, maxDepth)))
		if err != nil {
			return nil, fmt.Errorf("parse HTML: %w", err)
		}
	}
	flattenDeep(doc, 0)
	return doc, nil
}

// shallowMarkup rewrites s without the start and end tags that open deeper
// than depth elements, keeping all text. It counts nesting on the token
// stream, which overcounts elements a parser closes implicitly: that only
// drops more tags, on pages that are broken already.
func shallowMarkup(s string, depth int) string {
	var sb strings.Builder
	sb.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	open := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return sb.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElements[string(name)] {
				if open < depth {
					sb.Write(z.Raw())
				}
				continue
			}
			open++
			if open <= depth {
				sb.Write(z.Raw())
			}
			continue
		case html.EndTagToken:
			if open <= depth {
				sb.Write(z.Raw())
			}
			open = max(open-1, 0)
			continue
		case html.SelfClosingTagToken:
			if open < depth {
				sb.Write(z.Raw())
			}
			continue
		}
		sb.Write(z.Raw())
	}
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// flattenDeep replaces every element deeper than maxDepth by its text.
func flattenDeep(n *html.Node, depth int) {
	if depth >= maxDepth && n.Type == html.ElementNode && n.FirstChild != nil {
		var sb strings.Builder
		collectText(n, &sb)
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			n.RemoveChild(c)
			c = next
		}
		n.AppendChild(&html.Node{Type: html.TextNode, Data: sb.String()})
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		flattenDeep(c, depth+1)
	}
}

// collectText appends the text below n, a space between elements, without
// recursion (n may be arbitrarily deep).
func collectText(n *html.Node, sb *strings.Builder) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			sb.WriteString(c.Data)
			continue
		case html.ElementNode:
			if skipText(c) {
				continue
			}
			sb.WriteByte(' ')
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// skipText reports elements whose content is never readable text.
func skipText(n *html.Node) bool {
	switch tagAtom(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Head:
		return true
	}
	return false
}

// tagAtom returns the atom of an element, also for elements built in code
// (as extractors do), whose DataAtom is not set.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text below n with whitespace collapsed.
func textOf(n *html.Node) string {
	var sb strings.Builder
	collectText(n, &sb)
	return strings.Join(strings.Fields(sb.String()), " ")
}

// blockAtoms are the elements that start a new paragraph when rendered.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Aside: true, atom.Main: true,
	atom.Nav: true, atom.Address: true, atom.Caption: true, atom.Details: true, atom.Summary: true,
	atom.Form: true, atom.Fieldset: true, atom.Body: true, atom.Html: true,
}

// renderText renders the tree below n as paragraphs separated by blank
// lines: block elements end a paragraph, <br> ends a line, table cells are
// separated by spaces, and whitespace inside a paragraph is collapsed.
func renderText(n *html.Node) string {
	var r textRenderer
	r.walk(n)
	r.flush()
	return strings.Join(r.paras, "\n\n")
}

type textRenderer struct {
	paras []string
	lines []string
	cur   strings.Builder
}

func (r *textRenderer) endLine() {
	if s := strings.Join(strings.Fields(r.cur.String()), " "); s != "" {
		r.lines = append(r.lines, s)
	}
	r.cur.Reset()
}

func (r *textRenderer) flush() {
	r.endLine()
	if len(r.lines) > 0 {
		r.paras = append(r.paras, strings.Join(r.lines, "\n"))
	}
	r.lines = r.lines[:0]
}

func (r *textRenderer) walk(n *html.Node) {
	type frame struct {
		n     *html.Node
		leave bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c := f.n
		a := tagAtom(c)
		if f.leave {
			if blockAtoms[a] {
				r.flush()
			}
			continue
		}
		switch c.Type {
		case html.TextNode:
			r.cur.WriteString(c.Data)
			continue
		case html.ElementNode:
			if skipText(c) {
				continue
			}
			switch {
			case a == atom.Br:
				r.endLine()
				continue
			case a == atom.Td || a == atom.Th:
				r.cur.WriteByte(' ')
			case blockAtoms[a]:
				r.flush()
			}
			stack = append(stack, frame{n: c, leave: true})
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, frame{n: k})
		}
	}
}

// docSize is what the extractors' running time depends on.
type docSize struct {
	elements int // element nodes
	blocks   int // block elements with text of their own
	text     int // bytes of text outside scripts and styles
}

func measure(doc *html.Node) docSize {
	var sz docSize
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n.Type {
		case html.ElementNode:
			if skipText(n) {
				continue
			}
			sz.elements++
			if blockAtoms[tagAtom(n)] && hasOwnText(n) {
				sz.blocks++
			}
		case html.TextNode:
			sz.text += len(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return sz
}

func hasOwnText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return true
		}
	}
	return false
}

// pruneChrome removes the parts of a page that are never its main text:
// scripts, styles, navigation, headers, footers, asides, forms and embeds.
func pruneChrome(doc *html.Node) {
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.CommentNode || c.Type == html.ElementNode && chromeAtoms[tagAtom(c)] {
				n.RemoveChild(c)
			} else {
				stack = append(stack, c)
			}
			c = next
		}
	}
}

var chromeAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Select: true, atom.Button: true,
	atom.Menu: true,
}
