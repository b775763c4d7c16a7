package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"orewatch"
	"orewatch/extract"
)

// checkDoc asserts what every Document must satisfy.
func checkDoc(t *testing.T, d *extract.Document) {
	t.Helper()
	for name, s := range map[string]string{"Title": d.Title, "Body": d.Body, "Language": d.Language} {
		if !utf8.ValidString(s) {
			t.Fatalf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if strings.Contains(d.Body, "\n\n\n") || d.Body != strings.TrimSpace(d.Body) {
		t.Fatalf("body has stray blank lines: %q", d.Body)
	}
	if !d.Published.IsZero() {
		if _, err := orewatch.ParseDate(d.Published.String()); err != nil {
			t.Fatalf("Published %v: %v", d.Published, err)
		}
	}
	if len(d.Language) > 3 {
		t.Fatalf("Language %q is not an ISO 639 code", d.Language)
	}
}

func addFixtures(f *testing.F, dir string) {
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzFromHTML(f *testing.F) {
	addFixtures(f, "html")
	f.Add([]byte("<p>x</p>"))
	f.Add([]byte("<html><body>" + strings.Repeat("<div>", 600) + "deep"))
	f.Add([]byte("<meta charset=shift_jis><p>\x82\xa0</p>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		d, err := extract.FromHTML(page, "https://example.org/2025/10/09/a")
		if err != nil {
			if orewatch.ErrorCode(err) != orewatch.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		checkDoc(t, d)
	})
}

func FuzzFromText(f *testing.F) {
	addFixtures(f, "text")
	f.Add([]byte("Title\n\nBy A | May 1, 2025\nRelated: x\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		d := extract.FromText(string(text))
		checkDoc(t, d)
		if d.URL != "" {
			t.Fatalf("URL = %q from plain text", d.URL)
		}
	})
}
