package ingest

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"orewatch"
	"orewatch/dedup"
)

// Ingest reads and stores each input in order: "-" is stdin, an http(s)
// URL a web page, a folder every .txt, .html and .htm file below it, and
// anything else a file. An input that cannot be read is a failed result and
// the others go on; the error is for what stops the whole batch (the store
// failing, ctx ending).
func (p *Pipeline) Ingest(ctx context.Context, inputs []string, stdin io.Reader) ([]Result, error) {
	var out []Result
	for _, in := range inputs {
		if in != "-" && !IsURL(in) {
			if st, err := os.Stat(in); err == nil && st.IsDir() {
				rs, err := p.IngestDir(ctx, in)
				out = append(out, rs...)
				if err != nil {
					return out, err
				}
				continue
			}
		}
		var (
			r   Result
			err error
		)
		switch {
		case in == "-":
			r, err = p.IngestReader(ctx, stdin, "-")
		case IsURL(in):
			r, err = p.IngestURL(ctx, in)
		default:
			r, err = p.IngestFile(ctx, in)
		}
		out = append(out, r)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// IngestFile reads and stores a .txt, .html or .htm file.
func (p *Pipeline) IngestFile(ctx context.Context, path string) (Result, error) {
	a, err := p.ReadFile(ctx, path)
	return p.store(ctx, path, a, err)
}

// IngestReader reads and stores one document from r (stdin), HTML or
// plain text by its first character.
func (p *Pipeline) IngestReader(ctx context.Context, r io.Reader, name string) (Result, error) {
	a, err := p.ReadReader(ctx, r, name)
	return p.store(ctx, name, a, err)
}

// IngestURL fetches and stores a web page.
func (p *Pipeline) IngestURL(ctx context.Context, rawURL string) (Result, error) {
	a, err := p.ReadURL(ctx, rawURL)
	return p.store(ctx, rawURL, a, err)
}

// IngestDir stores every .txt, .html and .htm file below dir, in lexical
// order; other files and hidden folders are passed over.
func (p *Pipeline) IngestDir(ctx context.Context, dir string) ([]Result, error) {
	var out []Result
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return fileError(dir, err)
			}
			out = append(out, Result{Input: path, Status: StatusFailed, Error: fileError(path, err).Error()})
			return nil
		}
		if d.IsDir() {
			if path != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := fileKind(path); !ok || !d.Type().IsRegular() {
			return nil
		}
		r, err := p.IngestFile(ctx, path)
		out = append(out, r)
		return err
	})
	return out, err
}

// store saves a read article, or turns a read error into a failed result.
// Only errors that stop the batch are returned.
func (p *Pipeline) store(ctx context.Context, input string, a *orewatch.Article, readErr error) (Result, error) {
	if readErr != nil {
		if ctx.Err() != nil {
			return Result{Input: input, Status: StatusFailed, Error: ctx.Err().Error()}, ctx.Err()
		}
		p.logger().Warn("cannot read document", "input", input, "err", readErr)
		return Result{Input: input, Status: StatusFailed, Error: errorText(readErr)}, nil
	}
	return p.save(ctx, input, a)
}

// save clusters and stores one article. A store that refuses the article
// (EINVALID) fails that article only; any other store error stops the batch.
func (p *Pipeline) save(ctx context.Context, input string, a *orewatch.Article) (Result, error) {
	res := Result{Input: input, URL: a.URL, Title: a.Title, Events: len(a.Events), Claims: len(a.Claims)}
	if p.Store == nil {
		return res, errors.New("ingest: the pipeline has no store")
	}
	if a.URL == "" {
		// Text from stdin has no address: name it by its content.
		a.URL = "urn:sha256:" + a.ContentHash
		res.URL = a.URL
	}
	p.saveMu.Lock()
	defer p.saveMu.Unlock()
	if err := p.loadFingerprints(ctx); err != nil {
		res.Status, res.Error = StatusFailed, err.Error()
		return res, err
	}
	if c, ok := dedup.Cluster(a.SimHash, p.fps, p.nearDistance()); ok {
		a.ClusterID = c
	}
	sr, err := p.Store.SaveArticle(ctx, a)
	if err != nil {
		res.Status, res.Error = StatusFailed, errorText(err)
		if orewatch.ErrorCode(err) == orewatch.EINVALID {
			p.logger().Warn("article refused by the store", "input", input, "err", err)
			return res, nil
		}
		return res, err
	}
	res.ID = sr.ID
	p.markSeen(a.CanonicalURL)
	if !sr.Created {
		res.Status = StatusDuplicate
		return res, nil
	}
	res.Status, res.ClusterID = StatusStored, a.ClusterID
	p.fps = append(p.fps, orewatch.Fingerprint{ArticleID: sr.ID, SimHash: a.SimHash, ClusterID: a.ClusterID})
	p.logger().Info("stored article", "id", sr.ID, "url", a.URL, "events", len(a.Events), "cluster", a.ClusterID)
	return res, nil
}

// loadFingerprints reads the stored fingerprints of the cluster window
// once; later saves append to them. Callers hold saveMu.
func (p *Pipeline) loadFingerprints(ctx context.Context) error {
	if !p.fpsAt.IsZero() {
		return nil
	}
	now := p.now()
	fps, err := p.Store.FindFingerprints(ctx, now.Add(-p.clusterWindow()))
	if err != nil {
		return err
	}
	p.fps, p.fpsAt = fps, now
	return nil
}

// Refresh forgets the stored fingerprints the pipeline has cached, so that
// clustering sees what other processes have stored since. The poller calls
// it before each round.
func (p *Pipeline) Refresh() {
	p.saveMu.Lock()
	p.fps, p.fpsAt = nil, time.Time{}
	p.saveMu.Unlock()
}

func (p *Pipeline) clusterWindow() time.Duration {
	if p.ClusterWindow > 0 {
		return p.ClusterWindow
	}
	return DefaultClusterWindow
}

func (p *Pipeline) nearDistance() int {
	if p.NearDistance > 0 {
		return p.NearDistance
	}
	return dedup.NearDistance
}

func (p *Pipeline) markSeen(canonical string) {
	if canonical == "" {
		return
	}
	p.seenMu.Lock()
	if p.seen == nil {
		p.seen = make(map[string]bool)
	}
	p.seen[canonical] = true
	p.seenMu.Unlock()
}

// errorText is an error as a result shows it: an application error's
// message, or the whole chain.
func errorText(err error) string {
	var e *orewatch.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}
