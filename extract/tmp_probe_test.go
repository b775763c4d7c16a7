package extract_test

import (
	"fmt"
	"testing"

	"orewatch/extract"
)

func TestProbeMeta(t *testing.T) {
	n, dated, lang := 0, 0, 0
	for i, p := range loadCorpus(t) {
		d, _ := extract.FromHTML(p.html, p.url)
		n++
		if !d.Published.IsZero() {
			dated++
		}
		if d.Language != "" {
			lang++
		}
		if i%6 == 0 {
			fmt.Printf("%-10s %-3s %-60.60s %.70s\n", d.Published, d.Language, d.Title, p.url)
		}
	}
	fmt.Println(n, dated, lang)
}
