package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skippedElements never contribute text: code, styling, embedded
// documents, forms and page chrome around the article.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Canvas: true, atom.Head: true, atom.Nav: true,
	atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Audio: true,
	atom.Video: true, atom.Picture: true, atom.Img: true, atom.Frameset: true,
	atom.Frame: true, atom.Applet: true, atom.Dialog: true,
}

// blockElements end the current paragraph.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Main: true, atom.Blockquote: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Tr: true,
	atom.Figure: true, atom.Figcaption: true, atom.Pre: true, atom.Header: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true,
}

// emphasisElements mark text typeset as a title.
var emphasisElements = map[atom.Atom]bool{atom.I: true, atom.Em: true, atom.Cite: true}

// htmlToText reduces an HTML document to its main text: the largest
// <article>, else <main>, else <body>, without scripts, styles, forms or
// page chrome. Paragraphs are separated by blank lines, list items start
// with "• ", and no markup survives (entities are decoded, tags
// dropped). It also returns the byte spans of italic/cited text.
func htmlToText(src string) (string, []span) {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return "", nil
	}
	w := &textWriter{}
	w.walk(mainContent(root))
	return w.finish()
}

// mainContent picks the subtree most likely to hold the article.
func mainContent(root *html.Node) *html.Node {
	var best *html.Node
	bestLen := 0
	var body, mainEl *html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Article:
				if l := textLen(n); l > bestLen {
					best, bestLen = n, l
				}
			case atom.Main:
				if mainEl == nil {
					mainEl = n
				}
			case atom.Body:
				body = n
			}
			if skippedElements[n.DataAtom] {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	switch {
	case best != nil:
		return best
	case mainEl != nil:
		return mainEl
	case body != nil:
		return body
	}
	return root
}

func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	if n.Type == html.ElementNode && skippedElements[n.DataAtom] {
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += textLen(c)
	}
	return total
}

// textWriter accumulates text with collapsed white space.
type textWriter struct {
	b         strings.Builder
	pendingNL int  // newlines owed before the next text
	space     bool // a space is owed before the next text
	emph      []span
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if skippedElements[n.DataAtom] {
			return
		}
	}
	a := n.DataAtom
	switch {
	case a == atom.Br:
		w.newlines(1)
		return
	case a == atom.Li:
		w.newlines(1)
		w.text("• ")
	case blockElements[a]:
		w.newlines(2)
	case a == atom.Td || a == atom.Th:
		w.space = true
	}
	start := w.b.Len()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if emphasisElements[a] {
		w.addEmphasis(start)
	}
	if blockElements[a] {
		w.newlines(2)
	} else if a == atom.Li {
		w.newlines(1)
	}
}

func (w *textWriter) newlines(n int) {
	if w.b.Len() > 0 && n > w.pendingNL {
		w.pendingNL = n
	}
	w.space = false
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		if isSpaceRune(r) {
			w.space = true
			continue
		}
		w.flush()
		w.b.WriteRune(r)
	}
}

// flush writes owed separators before new text.
func (w *textWriter) flush() {
	switch {
	case w.pendingNL > 0:
		w.b.WriteString(strings.Repeat("\n", w.pendingNL))
		w.pendingNL = 0
	case w.space && w.b.Len() > 0:
		w.b.WriteByte(' ')
	}
	w.space = false
}

// addEmphasis records the text written since start, without the
// separators that may lead it.
func (w *textWriter) addEmphasis(start int) {
	out := w.b.String()
	for start < len(out) && (out[start] == ' ' || out[start] == '\n') {
		start++
	}
	if start < len(out) {
		w.emph = append(w.emph, span{start, len(out)})
	}
}

func (w *textWriter) finish() (string, []span) {
	return w.b.String(), w.emph
}
