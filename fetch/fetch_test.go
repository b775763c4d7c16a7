package fetch_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"orewatch"
	"orewatch/fetch"
)

// newClient returns a client allowed to reach httptest servers, without
// the politeness pause unless a test wants it.
func newClient() *fetch.Client {
	return &fetch.Client{AllowPrivate: true, HostInterval: -1, Timeout: 5 * time.Second}
}

func TestForbidden(t *testing.T) {
	for _, tc := range []struct {
		ip, want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"192.168.1.1", "private"},
		{"::ffff:192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"100.64.0.1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"224.0.0.1", "link-local"},
		{"239.1.2.3", "multicast"},
		{"ff05::1", "multicast"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"::", "unspecified"},
		{"255.255.255.255", "reserved"},
		{"8.8.8.8", ""},
		{"93.184.216.34", ""},
		{"2001:4860:4860::8888", ""},
	} {
		t.Run(tc.ip, func(t *testing.T) {
			if got := fetch.Forbidden(netip.MustParseAddr(tc.ip)); got != tc.want {
				t.Errorf("Forbidden(%s) = %q, want %q", tc.ip, got, tc.want)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "should not be reached")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	for _, tc := range []struct {
		name string
		url  string
		want error
	}{
		{"LoopbackLiteral", srv.URL, fetch.ErrForbiddenAddress},
		{"Localhost", "http://localhost:" + port + "/", fetch.ErrForbiddenAddress},
		{"LocalhostSubdomain", "http://a.localhost:" + port + "/", fetch.ErrForbiddenAddress},
		{"MappedLoopback", "http://[::ffff:127.0.0.1]:" + port + "/", fetch.ErrForbiddenAddress},
		{"Metadata", "http://169.254.169.254/latest/meta-data/", fetch.ErrForbiddenAddress},
		{"Private", "http://10.0.0.1/", fetch.ErrForbiddenAddress},
		{"File", "file:///etc/passwd", fetch.ErrScheme},
		{"FTP", "ftp://example.com/x", fetch.ErrScheme},
		{"Gopher", "gopher://example.com/", fetch.ErrScheme},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &fetch.Client{Timeout: 2 * time.Second}
			_, err := c.Get(context.Background(), tc.url)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Get(%s) error = %v, want %v", tc.url, err, tc.want)
			}
		})
	}

	t.Run("NoHost", func(t *testing.T) {
		_, err := newClient().Get(context.Background(), "http:///path")
		if err == nil || !strings.Contains(err.Error(), "no host") {
			t.Fatalf("error = %v, want one saying there is no host", err)
		}
	})
}

// TestDialCheckSeesResolvedAddress checks that a harmless-looking name that
// resolves to loopback (DNS rebinding) is refused when dialled.
func TestDialCheckSeesResolvedAddress(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	defer srv.Close()
	target := srv.Listener.Addr().String()

	c := &fetch.Client{Timeout: 2 * time.Second}
	c.SetResolve(func(string) string { return target })
	_, err := c.Get(context.Background(), "http://news.example.org/story")
	if !errors.Is(err, fetch.ErrForbiddenAddress) {
		t.Fatalf("error = %v, want ErrForbiddenAddress", err)
	}
	if !strings.Contains(err.Error(), "loopback") {
		t.Errorf("error %q does not say the address is loopback", err)
	}
	if hits.Load() != 0 {
		t.Errorf("server was reached %d times", hits.Load())
	}

	// The same name is fetched when private addresses are allowed.
	ok := &fetch.Client{AllowPrivate: true, Timeout: 2 * time.Second}
	ok.SetResolve(func(string) string { return target })
	if _, err := ok.Get(context.Background(), "http://news.example.org/story"); err != nil {
		t.Fatalf("with AllowPrivate: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			fmt.Fprint(w, "arrived")
			return
		}
		http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, tc := range []struct {
		name string
		path string
		want error
	}{
		{"Five", "/r/5", nil},
		{"Six", "/r/6", fetch.ErrTooManyRedirects},
		{"ToFile", "/to-file", fetch.ErrScheme},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := newClient().Get(context.Background(), srv.URL+tc.path)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			if tc.want == nil {
				if got := string(resp.Body); got != "arrived" {
					t.Errorf("body = %q, want %q", got, "arrived")
				}
				if !strings.HasSuffix(resp.URL, "/r/0") {
					t.Errorf("final URL = %q, want it to end in /r/0", resp.URL)
				}
			}
		})
	}
}

func compress(t *testing.T, enc string, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	var w interface {
		Write([]byte) (int, error)
		Close() error
	}
	switch enc {
	case "gzip":
		w = gzip.NewWriter(&b)
	case "zlib":
		w = zlib.NewWriter(&b)
	case "rawdeflate":
		fw, err := flate.NewWriter(&b, flate.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		w = fw
	default:
		return data
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestBody(t *testing.T) {
	page := []byte(strings.Repeat("<p>Cobalt output rose.</p>\n", 40)) // 1080 bytes
	bomb := bytes.Repeat([]byte{'a'}, 1<<20)

	for _, tc := range []struct {
		name     string
		encoding string // Content-Encoding sent
		format   string // how the body is compressed
		body     []byte
		max      int64
		wantErr  error
	}{
		{"Identity", "", "", page, 4096, nil},
		{"Gzip", "gzip", "gzip", page, 4096, nil},
		{"DeflateZlib", "deflate", "zlib", page, 4096, nil},
		{"DeflateRaw", "deflate", "rawdeflate", page, 4096, nil},
		{"ExactlyAtCap", "", "", page, int64(len(page)), nil},
		{"IdentityOverCap", "", "", page, 1000, fetch.ErrBodyTooLarge},
		// A megabyte of one letter gzips to about a kilobyte: the cap must
		// apply to what comes out of the decompressor.
		{"GzipBomb", "gzip", "gzip", bomb, 64 << 10, fetch.ErrBodyTooLarge},
		{"DeflateBomb", "deflate", "zlib", bomb, 64 << 10, fetch.ErrBodyTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wire := compress(t, tc.format, tc.body)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.encoding != "" {
					w.Header().Set("Content-Encoding", tc.encoding)
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Write(wire)
			}))
			defer srv.Close()
			c := newClient()
			c.MaxBodyBytes = tc.max
			resp, err := c.Get(context.Background(), srv.URL)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				if want := fmt.Sprintf("body exceeds %d bytes", tc.max); !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
				return
			}
			if !bytes.Equal(resp.Body, tc.body) {
				t.Errorf("body = %d bytes, want the %d bytes sent", len(resp.Body), len(tc.body))
			}
			if resp.ContentType != "text/html; charset=utf-8" {
				t.Errorf("content type = %q", resp.ContentType)
			}
		})
	}

	t.Run("UnknownEncoding", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte("xx"))
		}))
		defer srv.Close()
		_, err := newClient().Get(context.Background(), srv.URL)
		if err == nil || !strings.Contains(err.Error(), `unsupported content encoding "br"`) {
			t.Fatalf("error = %v, want unsupported content encoding", err)
		}
	})
}

func TestConditionalGet(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Tue, 04 Nov 2025 10:00:00 GMT"
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := newClient()
	ctx := context.Background()

	first, err := c.Do(ctx, fetch.Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != etag || first.LastModified != lastMod || string(first.Body) != "<rss/>" {
		t.Fatalf("first response = %+v", first)
	}
	for _, tc := range []struct {
		name string
		req  fetch.Request
	}{
		{"ETag", fetch.Request{URL: srv.URL, ETag: first.ETag}},
		{"LastModified", fetch.Request{URL: srv.URL, LastModified: first.LastModified}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.Do(ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if !resp.NotModified || len(resp.Body) != 0 {
				t.Errorf("NotModified = %v with %d body bytes, want true and none", resp.NotModified, len(resp.Body))
			}
			// The validators carry over so they can be stored again.
			if resp.ETag != tc.req.ETag || resp.LastModified != tc.req.LastModified {
				t.Errorf("validators = %q, %q; want %q, %q", resp.ETag, resp.LastModified, tc.req.ETag, tc.req.LastModified)
			}
		})
	}
}

func TestStatusAndHeaders(t *testing.T) {
	var ua, accept atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
		accept.Store(r.Header.Get("Accept-Encoding"))
		if r.URL.Path == "/gone" {
			http.Error(w, "gone", http.StatusGone)
		}
	}))
	defer srv.Close()
	c := newClient()
	if _, err := c.Get(context.Background(), srv.URL+"/ok"); err != nil {
		t.Fatal(err)
	}
	if got, want := ua.Load(), "orewatch/"+orewatch.Version; got != want {
		t.Errorf("User-Agent = %q, want %q", got, want)
	}
	if got := accept.Load(); got != "gzip, deflate" {
		t.Errorf("Accept-Encoding = %q", got)
	}
	_, err := c.Get(context.Background(), srv.URL+"/gone")
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.StatusCode != http.StatusGone {
		t.Fatalf("error = %v, want a StatusError 410", err)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := newClient()
	c.Timeout = 100 * time.Millisecond
	_, err := c.Get(context.Background(), srv.URL)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want a deadline error", err)
	}
}

func TestPoliteness(t *testing.T) {
	const interval = 150 * time.Millisecond
	var (
		mu      sync.Mutex
		active  int
		most    int
		starts  []time.Time
		endings []time.Time
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		active++
		most = max(most, active)
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		active--
		endings = append(endings, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()

	c := &fetch.Client{AllowPrivate: true, HostInterval: interval}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), srv.URL); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d requests reached the host at once, want 1", most)
	}
	for i := 1; i < len(starts); i++ {
		// The client pauses after it has read the response, which is after
		// the handler returned, so the gap seen here can only be longer.
		if gap := starts[i].Sub(endings[i-1]); gap < interval {
			t.Errorf("request %d started %v after the previous ended, want at least %v", i, gap, interval)
		}
	}

	t.Run("CancelWhileWaiting", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		slow := &fetch.Client{AllowPrivate: true, HostInterval: time.Hour}
		if _, err := slow.Get(context.Background(), srv.URL); err != nil {
			t.Fatal(err)
		}
		_, err := slow.Get(ctx, srv.URL)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error = %v, want the context's deadline", err)
		}
	})
}
