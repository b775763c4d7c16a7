// Package fetch is the HTTP client every network read of orewatch goes
// through. It speaks only http and https, refuses loopback, private,
// link-local, multicast and unspecified addresses unless told otherwise
// (checked on the resolved address at dial time, so DNS cannot be used to
// slip past it), follows at most five redirects, times out, caps the body
// after decompression, makes conditional requests, and is polite: one request
// at a time per host, with a pause between requests to the same host.
package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"orewatch"
)

// Defaults of a zero Client.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBodyBytes = 10 << 20
	DefaultHostInterval = time.Second
	// MaxRedirects is the most redirects a request follows.
	MaxRedirects = 5
)

// Errors a request can fail with; they are wrapped with the URL and detail,
// so test them with errors.Is.
var (
	// ErrScheme is a URL that is not http or https.
	ErrScheme = errors.New("only http and https URLs can be fetched")
	// ErrForbiddenAddress is a host that resolves to a loopback, private,
	// link-local, multicast or unspecified address.
	ErrForbiddenAddress = errors.New("address not allowed")
	// ErrTooManyRedirects is a chain of more than MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrBodyTooLarge is a body, once decompressed, longer than the cap.
	ErrBodyTooLarge = errors.New("body too large")
)

// StatusError is a response whose status is neither 2xx nor 304.
type StatusError struct {
	URL        string
	StatusCode int
	Status     string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: server answered %s", e.URL, e.Status)
}

// Client fetches URLs. Its zero value is ready to use with the defaults; set
// fields before the first request and do not change them afterwards. It is
// safe for concurrent use.
type Client struct {
	// AllowPrivate permits loopback, private and link-local addresses (for a
	// feed on the local network, and for tests against httptest servers).
	AllowPrivate bool
	// Timeout bounds a whole request, redirects and body included.
	Timeout time.Duration
	// MaxBodyBytes caps the body after decompression.
	MaxBodyBytes int64
	// HostInterval is the least time between the end of one request to a
	// host and the start of the next. Negative means no pause.
	HostInterval time.Duration
	// UserAgent defaults to "orewatch/" + orewatch.Version.
	UserAgent string

	// rewriteAddr stands in for name resolution in tests: it maps the
	// host:port being dialled to another.
	rewriteAddr func(addr string) string

	once  sync.Once
	hc    *http.Client
	mu    sync.Mutex
	hosts map[string]*hostGate
}

// Request is a GET with the validators of a previous response, if any.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
	Accept       string // defaults to HTML, XML, JSON and text
}

// Response is a fetched document.
type Response struct {
	URL          string // after redirects
	StatusCode   int
	NotModified  bool // 304: the validators still match; Body is empty
	ContentType  string
	ETag         string
	LastModified string
	Body         []byte // decompressed
}

// Get fetches url unconditionally.
func (c *Client) Get(ctx context.Context, url string) (*Response, error) {
	return c.Do(ctx, Request{URL: url})
}

// Do performs the request. A status other than 2xx or 304 is a *StatusError.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	c.once.Do(c.init)
	u, err := c.checkURL(r.URL)
	if err != nil {
		return nil, err
	}
	release, err := c.acquire(ctx, strings.ToLower(u.Hostname()))
	if err != nil {
		return nil, err
	}
	defer release()

	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", r.URL, err)
	}
	req.Header.Set("User-Agent", c.userAgent())
	accept := r.Accept
	if accept == "" {
		accept = "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,text/plain;q=0.8,*/*;q=0.5"
	}
	req.Header.Set("Accept", accept)
	// Compression is negotiated here rather than by the transport so that
	// deflate is understood too and the size cap applies to what is inflated.
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", r.URL, unwrapURLError(err))
	}
	defer resp.Body.Close()

	out := &Response{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = r.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.LastModified
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &StatusError{URL: out.URL, StatusCode: resp.StatusCode, Status: resp.Status}
	}
	body, err := c.readBody(resp)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", out.URL, err)
	}
	out.Body = body
	return out, nil
}

func (c *Client) init() {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !c.AllowPrivate {
		// Control sees the address actually dialled, after name resolution,
		// for the first request and for every redirect.
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
			}
			ip, err := netip.ParseAddr(host)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
			}
			if why := Forbidden(ip); why != "" {
				return fmt.Errorf("%w: %s is a %s address (allow private addresses to fetch it)", ErrForbiddenAddress, ip, why)
			}
			return nil
		}
	}
	dial := dialer.DialContext
	if c.rewriteAddr != nil {
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, c.rewriteAddr(addr))
		}
	}
	tr := &http.Transport{
		// No proxy: a proxy would be dialled instead of the target, and the
		// address check would no longer see where the request goes.
		Proxy:                 nil,
		DialContext:           dial,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
	}
	c.hc = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, MaxRedirects)
			}
			if _, err := c.checkURL(req.URL.String()); err != nil {
				return err
			}
			return nil
		},
	}
	c.hosts = make(map[string]*hostGate)
}

// checkURL accepts absolute http(s) URLs with a host, and refuses literal
// forbidden addresses early with a clear message.
func (c *Client) checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("invalid URL %q: %w", raw, err)
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return nil, fmt.Errorf("%w: %q", ErrScheme, raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("invalid URL %q: no host", raw)
	}
	if !c.AllowPrivate {
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		if host == "localhost" || strings.HasSuffix(host, ".localhost") {
			return nil, fmt.Errorf("%w: %s is a loopback host (allow private addresses to fetch it)", ErrForbiddenAddress, u.Hostname())
		}
		if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
			if why := Forbidden(ip); why != "" {
				return nil, fmt.Errorf("%w: %s is a %s address (allow private addresses to fetch it)", ErrForbiddenAddress, ip, why)
			}
		}
	}
	return u, nil
}

// nonPublic are IPv4 ranges not covered by the netip predicates that no
// public web server sits in.
var nonPublic = []struct {
	prefix netip.Prefix
	why    string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("100.64.0.0/10"), "private"}, // carrier-grade NAT
	{netip.MustParsePrefix("192.0.0.0/24"), "private"},  // IETF protocol assignments
	{netip.MustParsePrefix("198.18.0.0/15"), "private"}, // benchmarking
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},  // includes broadcast
	{netip.MustParsePrefix("64:ff9b:1::/48"), "private"},
}

// Forbidden says why ip may not be fetched without AllowPrivate ("loopback",
// "private", "link-local", "multicast", "unspecified", "reserved"), or ""
// when it is a public address.
func Forbidden(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, r := range nonPublic {
		if r.prefix.Contains(ip) {
			return r.why
		}
	}
	return ""
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Client) maxBody() int64 {
	if c.MaxBodyBytes > 0 {
		return c.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}

func (c *Client) userAgent() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	return "orewatch/" + orewatch.Version
}

// readBody decodes the content encoding and reads at most the cap. The raw
// stream is capped too, so a body of empty compressed members cannot keep
// the reader busy.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	max := c.maxBody()
	raw := io.LimitReader(resp.Body, max+1)
	var r io.Reader = raw
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, fmt.Errorf("reading gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	case "deflate":
		// HTTP deflate is zlib-wrapped, but some servers send raw deflate.
		br := &peekReader{r: raw}
		if zr, err := zlib.NewReader(br); err == nil {
			defer zr.Close()
			br.seen, br.done = nil, true
			r = zr
		} else {
			fr := flate.NewReader(br.replay())
			defer fr.Close()
			r = fr
		}
	default:
		return nil, fmt.Errorf("unsupported content encoding %q", enc)
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if n > max {
		return nil, fmt.Errorf("%w: body exceeds %d bytes", ErrBodyTooLarge, max)
	}
	if lr, ok := raw.(*io.LimitedReader); ok && lr.N <= 0 {
		return nil, fmt.Errorf("%w: body exceeds %d bytes", ErrBodyTooLarge, max)
	}
	return buf.Bytes(), nil
}

// peekReader remembers what it has read so that a failed zlib header check
// can be replayed into a raw deflate reader.
type peekReader struct {
	r    io.Reader
	seen []byte
	done bool // the header was accepted: stop remembering
}

func (p *peekReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if !p.done {
		p.seen = append(p.seen, b[:n]...)
	}
	return n, err
}

func (p *peekReader) replay() io.Reader {
	return io.MultiReader(bytes.NewReader(p.seen), p.r)
}

// unwrapURLError drops the *url.Error layer, whose message repeats the URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
