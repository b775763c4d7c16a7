package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A line's class, from the cues it carries. Strong boilerplate goes wherever
// it stands; weak boilerplate and headline-like lines go only inside a run of
// boilerplate, such as the link block at the foot of an article.
type lineClass int

const (
	classContent  lineClass = iota
	classHeadline           // short, no sentence punctuation: a heading or a link title
	classWeak               // a product pitch or bare link: boilerplate in the right place
	classListHead           // "Related stories", "Read more": starts a list of links
	classStrong             // ads, share and newsletter prompts, cookie notices, credits, footers
)

var (
	// A link-list heading, alone on its line or before a colon and the first item.
	rxListHead = regexp.MustCompile(`(?i)^\W*(related( articles?| stories| posts?| content| coverage| news| reading| links| topics)?|read (more|also|next|this)|see also|also read|also see|recommended( for you| reading| stories| articles)?|more (from|on|stories|news|in|about)\b.*|you (may|might) (also )?(like|be interested in|enjoy)|most (read|popular|viewed|shared)|popular (now|stories|posts)|trending( now| stories)?|further reading|top stories|what to read next|editor'?s picks|latest (news|stories|posts)|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|weitere artikel|(à )?lire aussi|voir aussi|sur le même sujet|lea también|te puede interesar|noticias relacionadas|artículos relacionados|leia também)\s*[:\-–—|»>]*\s*`)
	// Stand-alone ad and sponsor markers.
	rxAdMarker    = regexp.MustCompile(`(?i)^\W*(advertisement|advertisements|advertising|sponsored( content| post| links?)?|ad|ads|promoted( content)?|paid (content|post|partnership)|partner content|(story|article) continues (below|after) (the )?(advertisement|ad)|continue reading (below|the main story)|skip advertisement|scroll to continue( with content)?|anzeige|publicité|publicidad)\W*$`)
	rxAdPrefix    = regexp.MustCompile(`(?i)^\W*(sponsored|advertisement|promoted|ad|paid post)\s*[:|\-–—]`)
	rxAffiliate   = regexp.MustCompile(`(?i)(affiliate (link|commission|partner|program)|we may (earn|receive) (a )?(small )?commission|earn (a|an affiliate) commission|as an amazon associate|contains affiliate links)`)
	rxShare       = regexp.MustCompile(`(?i)^\W*(share( this( article| story| post| page)?)?( on| via| to)?( facebook| twitter| x| linkedin| whatsapp| email| reddit| telegram| pinterest)*|tweet( this)?|follow us( on .*)?|like us on facebook|email (this|to a friend)|print( this)?( article| page)?|copy (the )?link|click to (share|print|email)|(facebook|twitter|linkedin|whatsapp|email|reddit|telegram|pinterest)( \W? ?(facebook|twitter|linkedin|whatsapp|email|reddit|telegram|pinterest|x))+|(diesen )?artikel teilen|teilen|partager( cet article)?|compartir( este artículo| esta noticia)?|compartilhar)\W*$`)
	rxSubscribe   = regexp.MustCompile(`(?i)^\W*(subscribe|sign up|signup|register|join|get|receive|enter your email|don'?t miss|never miss|stay (informed|updated|up to date|in the know)|want (more|the latest))\b.*\b(newsletter|subscribe|subscription|inbox|email|e-mail|updates|alerts|digest|briefing)`)
	rxSubscribeTo = regexp.MustCompile(`(?i)^\W*(subscribe|sign up|signup|register) (to|for|now|today|here)\b`)
	rxUIWords     = regexp.MustCompile(`(?i)^\W*(subscribe( now| today)?|sign up|sign in|log in|login|log out|register|menu|search|close|skip to (main )?content|back to top|loading|comments?|leave a (comment|reply)|print|share|next|previous|more|show more|load more|view (all|more)|see more|continue reading|read more|full story|home|top)\W*$`)
	rxFollow      = regexp.MustCompile(`(?i)\bfollow (us|him|her|me|them|\w+)( on| at|:)? (twitter|facebook|instagram|linkedin|threads|bluesky|mastodon|youtube|tiktok|@\w+)`)
	rxContact     = regexp.MustCompile(`(?i)^\W*(e-?mail|contact|write to|reach) ([\p{L}.'-]+ ){0,4}(at|on|via)\s+\S+@\S+`)
	rxMailFooter  = regexp.MustCompile(`(?i)\b(you('re| are) receiving this|unsubscribe|manage (your )?(email )?preferences|view (this email )?in (your )?browser|update your (email )?preferences)\b`)
	rxNewsletter  = regexp.MustCompile(`(?i)\b(our|the|daily|weekly|free) (\w+ )?newsletters?\b|\bin your inbox\b|\bsubscribe (now|today|here|to (our|the))\b`)
	rxCookie      = regexp.MustCompile(`(?i)\bcookies?\b.*\b(we use|uses|use of|accept|consent|privacy|by continuing|browsing|experience|settings|preferences|policy)\b|\b(we use|uses|accept( all)?|consent to)\b.*\bcookies?\b`)
	rxCopyright   = regexp.MustCompile(`(?i)^\W*(©|\(c\)\s*\d{4}|copyright\b)|all rights reserved`)
	rxCredit      = regexp.MustCompile(`(?i)^\W*((file |top |header |featured |cover |main |lead )?(photo|photograph|image|picture|pictured|illustration|graphic|video|credit|photo credit|image credit|image source|photo source|foto|bild)s?\s*(\([^)]*\))?\s*[:|]|\(?(photo|image|picture) (by|courtesy|credit)\b)`)
	rxCreditTail  = regexp.MustCompile(`(?i)(/|\bvia |\bfor |\bby )(getty images|reuters|afp|ap|bloomberg|shutterstock|istock|alamy|epa|xinhua|unsplash)\W*$|^\W*\w+ \w+/(getty images|reuters|afp|ap|shutterstock|epa)\W*$`)
	rxCTA         = regexp.MustCompile(`(?i)(^|[–—:|]\s*|\s-\s)(check( out)?|see|shop|buy|get|grab|order|browse|discover|explore|compare|find|save|try|click|learn)\b`)
	rxShopPhrase  = regexp.MustCompile(`(?i)\b(shop now|buy now|order now|check (the )?(latest )?price|see (the )?(latest )?(price|deal|deals|offer|offers)|on amazon|at amazon|best price|discount code|promo code|coupon|free shipping|add to cart)\b`)
	rxPitchDash   = regexp.MustCompile(`^[^.!?:]{2,80}?\s[–—-]\s`)
	rxBareURL     = regexp.MustCompile(`(?i)^\W*(https?://|www\.)\S+\W*$`)
	rxNavSep      = regexp.MustCompile(`\s[|•·»/]\s`)
	rxSentenceEnd = regexp.MustCompile(`[.!?…。！？．]["'”’»)\]」』）]*$`)
	rxPeriodEnd   = regexp.MustCompile(`[.…。．]["'”’»)\]」』）]*$`)
)

// classify reads one paragraph's cues.
func classify(p string) lineClass {
	words := countWords(p)
	if words == 0 {
		return classStrong
	}
	if words > 60 {
		return classContent // every cue below is for short lines
	}
	// Cheap keyword tests gate the costlier expressions.
	lower := strings.ToLower(p)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(lower, s) {
				return true
			}
		}
		return false
	}
	// The anchored cues all begin with one of a few words.
	lead := cueWords[firstWord(lower)]
	switch {
	case has("affiliate", "commission", "associate") && rxAffiliate.MatchString(p):
		return classStrong
	case words <= 30 && has("©", "(c)", "copyright", "all rights reserved") && rxCopyright.MatchString(p):
		return classStrong
	case words <= 40 && has("receiving", "unsubscribe", "preferences", "browser") && rxMailFooter.MatchString(p):
		return classStrong
	case has("cookie") && rxCookie.MatchString(p):
		return classStrong
	case words <= 50 && has("follow") && rxFollow.MatchString(p):
		return classStrong
	case words <= 40 && has("newsletter", "inbox", "subscribe now", "subscribe today", "subscribe here", "subscribe to our", "subscribe to the") &&
		rxNewsletter.MatchString(p) && !rxSentenceEnd.MatchString(p):
		return classStrong
	case words <= 25 && endsWithAgency(lower) && rxCreditTail.MatchString(p):
		return classStrong
	case words <= 30 && has(" | ", " • ", " · ", " » ", " / ") && isNavLine(p):
		return classStrong
	case !lead:
	case words <= 8 && rxAdMarker.MatchString(p):
		return classStrong
	case words <= 40 && has("sponsor", "advert", "promoted", "ad", "paid post") && rxAdPrefix.MatchString(p):
		return classStrong
	case words <= 12 && rxShare.MatchString(p):
		return classStrong
	case words <= 4 && rxUIWords.MatchString(p):
		return classStrong
	case words <= 30 && has("@") && rxContact.MatchString(p):
		return classStrong
	case words <= 25 && rxSubscribeTo.MatchString(p):
		return classStrong
	case words <= 40 && has("newsletter", "subscri", "inbox", "email", "e-mail", "updates", "alerts", "digest", "briefing") && rxSubscribe.MatchString(p):
		return classStrong
	case words <= 25 && rxCredit.MatchString(p):
		return classStrong
	}
	if loc := listHead(p, words, lead); loc != nil {
		rest := strings.TrimSpace(p[loc[1]:])
		colon := strings.ContainsAny(p[:loc[1]], ":|»>–—-")
		switch {
		case rest == "":
			return classListHead
		case colon && !rxSentenceEnd.MatchString(rest) || colon && words <= 20:
			// "Related: <headline>" or "Read more: <headline>".
			return classStrong
		}
	}
	if words <= 40 && (has("shop", "buy", "order", "price", "deal", "offer", "amazon", "discount", "promo", "coupon", "shipping", "cart") && rxShopPhrase.MatchString(p) ||
		has(" – ", " — ", " - ") && rxPitchDash.MatchString(p) && rxCTA.MatchString(afterFirstDash(p))) {
		return classWeak
	}
	if words <= 3 && rxBareURL.MatchString(p) {
		return classWeak
	}
	// Headings and link titles may end in "?" or "!", but not in a full stop.
	if words <= 15 && !rxPeriodEnd.MatchString(p) && !strings.HasSuffix(p, ":") {
		return classHeadline
	}
	return classContent
}

// listHead returns where a link-list heading ends in p, or nil.
func listHead(p string, words int, lead bool) []int {
	if words > 25 || !lead {
		return nil
	}
	return rxListHead.FindStringIndex(p)
}

// cueWords are the words that anchored cues (ad labels, share and sign-up
// prompts, list headings, credits, contact lines) start with, lower-cased.
var cueWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`advertisement advertisements advertising sponsored ad ads promoted paid partner
		story article continue skip scroll anzeige publicité publicidad
		share tweet follow like email e mail print copy click facebook twitter linkedin whatsapp reddit telegram pinterest
		diesen artikel teilen partager compartir compartilhar
		subscribe sign signup log login register menu search close back loading comment comments leave next previous
		more show load view see read full home top join get receive enter don dont never stay want
		related also recommended you most popular trending further what editor editors latest
		mehr lesen das weitere à lire voir sur lea te noticias artículos leia
		file header featured cover main lead photo photos photograph image images picture pictured illustration
		graphic video credit foto bild contact write reach`) {
		cueWords[w] = true
	}
}

// firstWord returns the first run of letters in s.
func firstWord(s string) string {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return s[start:i]
		}
	}
	if start < 0 {
		return ""
	}
	return s[start:]
}

// photoAgencies are the picture agencies whose name ends a credit line.
var photoAgencies = []string{"getty images", "reuters", "afp", "ap", "bloomberg", "shutterstock", "istock", "alamy", "epa", "xinhua", "unsplash"}

// endsWithAgency reports whether lower, a lower-cased line, ends with the
// name of a picture agency.
func endsWithAgency(lower string) bool {
	lower = strings.TrimRightFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, a := range photoAgencies {
		if strings.HasSuffix(lower, a) {
			return true
		}
	}
	return false
}

// countWords counts the whitespace-separated fields of s without
// allocating them. Chinese and Japanese are written without spaces, so each
// Han or kana character counts as a word.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII fast path.
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				in = false
			} else if !in {
				in = true
				n++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size - 1
		switch {
		case unicode.IsSpace(r):
			in = false
		case r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)):
			n++
			in = false
		case !in:
			in = true
			n++
		}
	}
	return n
}

// afterFirstDash returns what follows the first spaced dash of p.
func afterFirstDash(p string) string {
	loc := rxPitchDash.FindStringIndex(p)
	if loc == nil {
		return ""
	}
	return p[loc[1]-1:]
}

// isNavLine reports a line of three or more short items separated by
// pipes, bullets or slashes: a menu or breadcrumb.
func isNavLine(p string) bool {
	parts := rxNavSep.Split(p, -1)
	if len(parts) < 3 {
		return false
	}
	for _, s := range parts {
		if len(strings.Fields(s)) > 4 {
			return false
		}
	}
	return true
}

// filterBoilerplate drops the paragraphs that are not part of the main text.
func filterBoilerplate(paras []string) []string {
	n := len(paras)
	cls := make([]lineClass, n)
	drop := make([]bool, n)
	for i, p := range paras {
		cls[i] = classify(p)
		drop[i] = cls[i] == classStrong
		// A "Sponsored" or "Advertisement" label takes the pitch after it.
		if i > 0 && cls[i] == classWeak && countWords(paras[i-1]) <= 8 && rxAdMarker.MatchString(paras[i-1]) {
			drop[i] = true
		}
	}
	// A list heading takes the link titles and pitches that follow it.
	for i := 0; i < n; i++ {
		if cls[i] != classListHead {
			continue
		}
		j := i + 1
		for j < n && (cls[j] == classHeadline || cls[j] == classWeak || cls[j] == classStrong) {
			j++
		}
		if j > i+1 || j == n {
			for k := i; k < j; k++ {
				drop[k] = true
			}
		}
		i = j - 1
	}
	// The foot: from the end, a run of boilerplate, link titles and pitches
	// goes when it holds boilerplate; likewise the head.
	trimRun(cls, drop, n-1, -1)
	trimRun(cls, drop, 0, 1)
	// Weak lines between dropped ones go with them.
	for i := 0; i < n; i++ {
		if cls[i] == classWeak && !drop[i] && droppedNeighbour(drop, i, -1) && droppedNeighbour(drop, i, 1) {
			drop[i] = true
		}
	}
	out := make([]string, 0, n)
	for i, p := range paras {
		if !drop[i] {
			out = append(out, p)
		}
	}
	return out
}

// trimRun walks from start in direction dir over lines that are not content
// and drops the weak and headline lines among them when the run contains a
// dropped or weak line; it stops at the first content line.
func trimRun(cls []lineClass, drop []bool, start, dir int) {
	end := start
	evidence := false
	for i := start; i >= 0 && i < len(cls); i += dir {
		if cls[i] == classContent && !drop[i] {
			break
		}
		if drop[i] || cls[i] == classWeak {
			evidence = true
		}
		end = i
	}
	if !evidence || (end-start)*dir < 0 {
		return
	}
	for i := start; ; i += dir {
		if cls[i] == classWeak || cls[i] == classHeadline || cls[i] == classListHead {
			drop[i] = true
		}
		if i == end {
			break
		}
	}
}

// droppedNeighbour reports whether the nearest line in direction dir is
// dropped (or there is none).
func droppedNeighbour(drop []bool, i, dir int) bool {
	j := i + dir
	return j < 0 || j >= len(drop) || drop[j]
}

// splitParagraphs splits plain text into trimmed, non-empty paragraphs. A
// blank line always ends a paragraph; inside a block of lines, each line is a
// paragraph unless the block is hard-wrapped prose, whose lines are joined.
func splitParagraphs(text string) []string {
	var out []string
	for _, block := range strings.Split(text, "\n\n") {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		if hardWrapped(lines) {
			out = append(out, strings.Join(lines, " "))
			continue
		}
		out = append(out, lines...)
	}
	for i, p := range out {
		out[i] = collapseSpaces(p)
	}
	return out
}

// hardWrapped reports whether a block's lines are one paragraph broken at a
// fixed width: every line but the last is 40 to 100 characters long, most
// end inside a sentence, and none starts a list item.
func hardWrapped(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	ended := 0
	for i, l := range lines {
		n := utf8.RuneCountInString(l)
		if n > 100 || i < len(lines)-1 && n < 40 || isListItem(l) {
			return false
		}
		if i < len(lines)-1 && rxSentenceEnd.MatchString(l) {
			ended++
		}
	}
	// Wrapping breaks lines inside sentences; lines that each end a
	// sentence are paragraphs of their own.
	return ended*2 < len(lines)-1
}

func isListItem(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	if strings.ContainsRune("-*•–·", r) {
		return true
	}
	i := strings.IndexFunc(l, func(r rune) bool { return !unicode.IsDigit(r) })
	return i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')')
}

func collapseSpaces(s string) string {
	if !strings.ContainsAny(s, "\t\v\f\u00a0  ") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// looksLikeTitle reports whether the first paragraph of a text is its title:
// short, and not a sentence or boilerplate.
func looksLikeTitle(p string) bool {
	words := countWords(p)
	if _, _, alone, ok := dateFromText([]string{p}); ok && alone {
		return false // a dateline, not a title
	}
	return words > 0 && words <= 30 && utf8.RuneCountInString(p) <= 250 &&
		!strings.HasSuffix(p, ".") && classify(p) != classStrong
}
