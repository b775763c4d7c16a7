package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want lineClass
	}{
		{"Paragraph", "China's Ministry of Commerce said on Monday that exports of gallium and germanium items will need a licence from August 1.", classContent},
		{"Heading", "Background & Context", classHeadline},
		{"QuestionTitle", "How long does an e-bike battery last?", classHeadline},
		{"ShortSentence", "The ministry did not say why.", classContent},
		{"AdMarker", "ADVERTISEMENT", classStrong},
		{"ContinuesBelow", "Story continues below advertisement", classStrong},
		{"SponsoredPrefix", "Sponsored: The smarter way to store solar power", classStrong},
		{"Affiliate", "This post contains affiliate links. We may earn a commission if you buy through them.", classStrong},
		{"Share", "Share this article", classStrong},
		{"ShareNetworks", "Facebook Twitter LinkedIn Email", classStrong},
		{"ShareGerman", "Diesen Artikel teilen", classStrong},
		{"Subscribe", "Subscribe to our weekly metals newsletter and get the week's policy moves in your inbox.", classStrong},
		{"SignUp", "Sign up for our free daily briefing", classStrong},
		{"SubscribeWord", "SUBSCRIBE", classStrong},
		{"Follow", "Follow us on Instagram @ridewiser for more tips.", classStrong},
		{"Contact", "Write to Jane Doe at jane.doe@example.com", classStrong},
		{"Cookie", "We use cookies to improve your experience on our site. By continuing to browse, you accept our cookie policy.", classStrong},
		{"CookieNews", "The cookie maker said its exports to China rose by a tenth last year, helped by demand for premium biscuits and by lower shipping costs.", classContent},
		{"Copyright", "© 2023 Metals Desk. All rights reserved.", classStrong},
		{"CopyrightWord", "Copyright 2025 Battery Supply News", classStrong},
		{"PhotoCredit", "Photo: Gallium ingots at a trade fair (file image)", classStrong},
		{"AgencyCredit", "A worker at a cobalt mine near Kolwezi. John Smith/Reuters", classStrong},
		{"MailFooter", "You are receiving this email because you signed up for our commodities briefing.", classStrong},
		{"Nav", "Home | Markets | Metals | Policy | Contact", classStrong},
		{"RelatedHeadline", "Related: Tragic Quarry Collapse in Indonesia Prompts Urgent Safety Reforms", classStrong},
		{"ReadMoreHeadline", "Read more: Cobalt price slump deepens", classStrong},
		{"RelatedHeading", "Related stories", classListHead},
		{"YouMightAlsoLike", "You might also like", classListHead},
		{"MehrZumThema", "Mehr zum Thema:", classListHead},
		{"RelatedInSentence", "Related measures were announced on the same day, the ministry said in a statement.", classContent},
		{"ProductPitch", "Binoculars with Night Vision – See threats at night — check battery-powered optics for preppers.", classWeak},
		{"ShopPhrase", "Compact Bike Pump – Never get stranded again — check today's price on Amazon.", classWeak},
		{"DashInNews", "The rules – which cover eight gallium items – take effect in August, officials said.", classContent},
		{"BareURL", "https://example.com/story", classWeak},
		{"Empty", "   ", classStrong},
		{"ChineseSentence", "商务部与海关总署于2025年11月7日发布公告，决定暂停实施多项出口管制措施。", classContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := classify(tt.in); got != tt.want {
				t.Errorf("classify(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestFilterBoilerplate(t *testing.T) {
	body := []string{
		"First paragraph of the story, which is long enough to read as running text.",
		"A Heading",
		"Second paragraph of the story, also written as a full sentence.",
	}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"Clean", body, body},
		{"HeadingsKept", append([]string{"Intro Heading"}, body...), append([]string{"Intro Heading"}, body...)},
		{"TailLinkList", append(append([]string{}, body...), "Most Read", "Five things to know about antimony", "Why cobalt matters?"), body},
		{"TailPitches", append(append([]string{}, body...), "Pump – Never get stranded — check today's price.", "Light – Be seen — see the latest deals.", "© 2025 Example"), body},
		{"TitlesWithoutEvidence", append(append([]string{}, body...), "About the Author", "Jane Doe"), append(append([]string{}, body...), "About the Author", "Jane Doe")},
		{"AdLabelTakesPitch", []string{body[0], "Sponsored", "Helmet – Ride safer — shop the new models today.", body[2]}, []string{body[0], body[2]}},
		{"HeadBoilerplate", append([]string{"We use cookies to improve your experience.", "Home | News | Markets | Contact", "Menu"}, body...), body},
		{"ListHeadInMiddle", []string{body[0], "Related stories", "One headline here", "Another headline here", body[2]}, []string{body[0], body[2]}},
		{"ListHeadAlone", []string{body[0], "Read more", body[2]}, []string{body[0], body[2]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, filterBoilerplate(tt.in)); diff != "" {
				t.Errorf("filterBoilerplate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitParagraphs(t *testing.T) {
	wrapped := "The Democratic Republic of the Congo has suspended exports of cobalt\nfor four months, its strategic minerals regulator said on Saturday in\na statement.\n\nNext paragraph."
	tests := []struct {
		name, in string
		want     []string
	}{
		{"OneLinePerParagraph", "First.\nSecond.\n\nThird.", []string{"First.", "Second.", "Third."}},
		{"HardWrapped", wrapped, []string{"The Democratic Republic of the Congo has suspended exports of cobalt for four months, its strategic minerals regulator said on Saturday in a statement.", "Next paragraph."}},
		{"ListNotJoined", "- first item that is long enough to look like wrapped text\n- second item that is long enough to look like wrapped text", []string{"- first item that is long enough to look like wrapped text", "- second item that is long enough to look like wrapped text"}},
		{"SpacesCollapsed", "  a\t b  \n\n\n c ", []string{"a b", "c"}},
		{"Empty", "\n\n \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, splitParagraphs(tt.in)); diff != "" {
				t.Errorf("splitParagraphs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCombine(t *testing.T) {
	a := "Paragraph one of the article, with enough words to be a sentence of its own."
	b := "Paragraph two of the article continues the story with more detail and context."
	c := "Paragraph three closes the story with a statement from the ministry on the rules."
	tests := []struct {
		name         string
		main, second []string
		want         []string
	}{
		{"Agree", []string{a, b, c}, []string{a, b, c}, []string{a, b, c}},
		{"TrimHeadAndFoot", []string{"Headline", "Standfirst sentence.", a, b, "Newsletter box"}, []string{a, b}, []string{a, b}},
		{"InteriorKept", []string{a, "Pull quote", b}, []string{a, b}, []string{a, "Pull quote", b}},
		{"ExtendTail", []string{a}, []string{a, b, c, "More stories"}, []string{a, b, c}},
		{"ExtendSkipsAd", []string{a}, []string{a, b, "Advertisement", c}, []string{a, b, c}},
		{"ExtendStopsAtCopy", []string{a, b}, []string{a, b, a, c}, []string{a, b}},
		{"Disagree", []string{a, b}, []string{"Something else entirely, written as a long sentence for the test."}, []string{a, b}},
		{"DisagreeMashed", []string{strings.Repeat("junk words ", 150)}, []string{a, b, c, a, b, c}, []string{a, b, c, a, b, c}},
		{"NoSecond", []string{a, b}, nil, []string{a, b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, combine(tt.main, tt.second)); diff != "" {
				t.Errorf("combine (-want +got):\n%s", diff)
			}
		})
	}
}
