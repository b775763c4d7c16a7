package main

import (
	"context"
	"fmt"
	"strings"

	"orewatch"
)

func init() {
	register(&command{name: "search", summary: "full-text search over ingested articles", run: runSearch})
}

func runSearch(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("search", "search QUERY [--limit N] [--json] [--db DSN]",
		`Search the titles and texts of ingested articles, best matches first.
Words must all match; "quoted phrases" must match as written; OR between
two terms lets either match; a leading - excludes a term:

  orewatch search 'gallium germanium -solar'
  orewatch search '"export licence" cobalt OR nickel'

--json prints an array of {article_id, title, url, published, snippet,
rank}; matched words in the snippet are marked « ».`)
	limit := fs.Int("limit", 20, "at most `N` results")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		return usagef("search needs a QUERY (see 'orewatch search --help')")
	}
	if *limit <= 0 {
		return usagef("search: --limit must be positive, got %d", *limit)
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	hits, err := store.SearchArticles(ctx, query, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(nonNil(hits))
	}
	if len(hits) == 0 {
		fmt.Fprintln(m.Stdout, "no articles match")
		return nil
	}
	for _, h := range hits {
		printHit(m, h)
	}
	return nil
}

func printHit(m *Main, h *orewatch.SearchHit) {
	fmt.Fprintf(m.Stdout, "#%d  %s  %s\n", h.ArticleID, orDash(h.Published.String()), orUnknown(h.Title))
	fmt.Fprintf(m.Stdout, "     %s\n", h.URL)
	if s := strings.Join(strings.Fields(h.Snippet), " "); s != "" {
		fmt.Fprintf(m.Stdout, "     %s\n", s)
	}
}
