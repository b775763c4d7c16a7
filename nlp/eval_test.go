package nlp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"orewatch"
)

// labelled is the hand-labelled corpus: testdata/corpus/labels.json.
type labelled struct {
	Docs []struct {
		File      string        `json:"file"`
		Published orewatch.Date `json:"published"`
		// Split is "dev" for documents the rules were tuned on and
		// "heldout" for those written and labelled afterwards and scored
		// without tuning.
		Split  string      `json:"split"`
		Events []goldEvent `json:"events"`
	} `json:"docs"`
}

type goldEvent struct {
	Type         orewatch.EventType `json:"type"`
	Actor        string             `json:"actor"`
	Counterparty *string            `json:"counterparty"`
	Materials    []string           `json:"materials"`
	Announced    orewatch.Date      `json:"announced"`
	Effective    orewatch.Date      `json:"effective"`
	Measures     []string           `json:"measures"` // any of these is right
	Primary      bool               `json:"primary"`
}

// sameEvent matches on type and actor; an agreement's parties match in
// either order.
func sameEvent(g goldEvent, e *orewatch.Event) bool {
	if g.Type != e.Type {
		return false
	}
	if g.Type == orewatch.EventSupplyAgreement && g.Counterparty != nil {
		return g.Actor == e.Actor && *g.Counterparty == e.Counterparty || g.Actor == e.Counterparty && *g.Counterparty == e.Actor
	}
	return g.Actor == e.Actor
}

func shareMaterial(g goldEvent, e *orewatch.Event) bool {
	for _, m := range g.Materials {
		if slices.Contains(e.Materials, m) {
			return true
		}
	}
	return false
}

type counts struct{ tp, fp, fn int }

func (c counts) String() string {
	p, r := ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("precision %.3f (%d/%d), recall %.3f (%d/%d), F1 %.3f", p, c.tp, c.tp+c.fp, r, c.tp, c.tp+c.fn, f)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestEval runs the analyzer on the labelled corpus and reports event
// precision and recall: an extracted event is right when a labelled one of
// the same document has its type and actor (and, for the second score, at
// least one of its materials). Each labelled event is matched at most once.
func TestEval(t *testing.T) {
	an := mustAnalyzer(t)
	dir := filepath.Join("testdata", "corpus")
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lab labelled
	if err := json.Unmarshal(b, &lab); err != nil {
		t.Fatalf("labels.json: %v", err)
	}
	type scores struct {
		docs, empty                       int
		typeActor, withMaterials, primary counts
		measureRight, measureLabelled     int
	}
	splits := map[string]*scores{"dev": {}, "heldout": {}, "all": {}}
	unrelatedFP := 0
	for _, d := range lab.Docs {
		var typeActor, withMaterials, primary counts
		measureRight, measureLabelled := 0, 0
		raw, err := os.ReadFile(filepath.Join(dir, d.File))
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(raw), "\n")
		a := &orewatch.Article{Title: title, Body: body, Published: d.Published}
		an.Analyze(a)
		score := func(c *counts, match func(goldEvent, *orewatch.Event) bool, onlyPrimary bool) []string {
			var notes []string
			used := make([]bool, len(d.Events))
			for _, e := range a.Events {
				if onlyPrimary && !e.Primary {
					continue
				}
				hit := false
				for i, g := range d.Events {
					if !used[i] && match(g, e) {
						used[i], hit = true, true
						break
					}
				}
				if hit {
					c.tp++
				} else {
					c.fp++
					notes = append(notes, fmt.Sprintf("extra %s by %s (cp %q) %v: %q", e.Type, e.Actor, e.Counterparty, e.Materials, e.Evidence))
				}
			}
			for i, g := range d.Events {
				if onlyPrimary && !g.Primary {
					continue
				}
				if !used[i] {
					c.fn++
					notes = append(notes, fmt.Sprintf("missed %s by %s %v", g.Type, g.Actor, g.Materials))
				}
			}
			return notes
		}
		notes := score(&typeActor, sameEvent, false)
		score(&withMaterials, func(g goldEvent, e *orewatch.Event) bool { return sameEvent(g, e) && shareMaterial(g, e) }, false)
		score(&primary, func(g goldEvent, e *orewatch.Event) bool { return sameEvent(g, e) && g.Primary == e.Primary }, true)
		for _, g := range d.Events {
			if len(g.Measures) == 0 {
				continue
			}
			measureLabelled++
			got := []string{}
			for _, e := range a.Events {
				if sameEvent(g, e) {
					got = append(got, e.Measure)
				}
			}
			if slices.ContainsFunc(got, func(id string) bool { return slices.Contains(g.Measures, id) }) {
				measureRight++
			} else {
				t.Logf("%s: %s by %s linked to %q, want one of %v", d.File, g.Type, g.Actor, got, g.Measures)
			}
		}
		if len(d.Events) == 0 {
			unrelatedFP += len(a.Events)
		}
		for _, n := range notes {
			t.Logf("%s: %s", d.File, n)
		}
		for _, name := range []string{d.Split, "all"} {
			sc := splits[name]
			if sc == nil {
				t.Fatalf("%s: unknown split %q", d.File, d.Split)
			}
			sc.docs++
			if len(d.Events) == 0 {
				sc.empty++
			}
			sc.typeActor.add(typeActor)
			sc.withMaterials.add(withMaterials)
			sc.primary.add(primary)
			sc.measureRight += measureRight
			sc.measureLabelled += measureLabelled
		}
	}
	for _, name := range []string{"dev", "heldout", "all"} {
		sc := splits[name]
		t.Logf("== %s: %d documents (%d with no event)", name, sc.docs, sc.empty)
		t.Logf("   events, type+actor:                 %s", sc.typeActor)
		t.Logf("   events, type+actor+materials:       %s", sc.withMaterials)
		t.Logf("   primary events, type+actor+primary: %s", sc.primary)
		t.Logf("   measure links: %d of %d labelled events linked to a right measure (%.3f)", sc.measureRight, sc.measureLabelled, ratio(sc.measureRight, sc.measureLabelled))
	}
	if unrelatedFP > 0 {
		t.Errorf("%d events extracted from documents that report none", unrelatedFP)
	}
	// Floors, so that a regression fails the test.
	all := splits["all"].typeActor
	if p, r := ratio(all.tp, all.tp+all.fp), ratio(all.tp, all.tp+all.fn); p < 0.85 || r < 0.85 {
		t.Errorf("type+actor precision %.3f, recall %.3f: want both at least 0.85", p, r)
	}
}

func (c *counts) add(o counts) { c.tp += o.tp; c.fp += o.fp; c.fn += o.fn }
