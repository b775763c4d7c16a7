// Package dedup recognises what has been seen before, in three layers: a
// canonical URL (so tracking parameters and AMP copies do not make a page
// new), an exact hash of the normalised text (so reformatting does not
// either), and a SimHash fingerprint that groups near-duplicate copies of
// one story into clusters.
package dedup

import (
	"net/url"
	"path"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a reader arrived, not
// what they read. Keys compare lower-cased; any key starting with "utm_" is
// dropped as well.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true, "igshid": true,
	"mc_cid": true, "mc_eid": true, "mkt_tok": true, "_hsenc": true, "_hsmi": true,
	"ref": true, "ref_src": true, "ref_url": true, "referrer": true,
	"ocid": true, "cmpid": true, "cmp": true, "icid": true, "ncid": true, "ito": true,
	"_ga": true, "_gl": true, "s_cid": true, "sr_share": true, "smid": true, "smtyp": true,
	"wt.mc_id": true, "wt_mc_id": true, "at_medium": true, "at_campaign": true, "at_custom1": true,
	"guccounter": true, "guce_referrer": true, "guce_referrer_sig": true, "soc_src": true, "soc_trk": true,
	"amp": true, // ?amp and ?amp=1 select a page's AMP rendering
}

// isTracking reports whether a parameter can be dropped: a tracking one, or
// one that only selects the AMP rendering.
func isTracking(key, value string) bool {
	k := strings.ToLower(key)
	return strings.HasPrefix(k, "utm_") || trackingParams[k] ||
		(k == "outputtype" && strings.EqualFold(value, "amp"))
}

// CanonicalURL returns the form of raw that two links to the same page
// share: scheme and host lower-cased, "www.", "m." and "amp." host prefixes
// and default ports dropped, the fragment, user info and tracking parameters
// removed, the remaining parameters sorted by key, dot segments resolved,
// the trailing slash of a path removed, AMP paths and AMP cache addresses
// mapped to the article's own URL. A string that is not an absolute http(s)
// URL is returned trimmed and otherwise unchanged. CanonicalURL is
// idempotent.
func CanonicalURL(raw string) string {
	s := strings.TrimSpace(raw)
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" {
		return s
	}
	scheme := strings.ToLower(u.Scheme)
	if (scheme != "http" && scheme != "https") || u.Host == "" {
		return s
	}
	// Each unwrapping shortens the URL, so this ends.
	for {
		inner, ok := ampCacheTarget(u)
		if !ok {
			break
		}
		iu, err := url.Parse(inner)
		if err != nil || iu.Host == "" || iu.Opaque != "" {
			break
		}
		u, scheme = iu, strings.ToLower(iu.Scheme)
	}

	host := strings.TrimRight(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return s
	}
	for stripped := true; stripped; {
		stripped = false
		for _, prefix := range []string{"www.", "amp.", "m."} {
			if rest, ok := strings.CutPrefix(host, prefix); ok && strings.Contains(rest, ".") {
				host, stripped = rest, true
			}
		}
	}
	if port := u.Port(); port != "" && !(scheme == "http" && port == "80") && !(scheme == "https" && port == "443") {
		host = joinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6 literal
	}

	out := &url.URL{Scheme: scheme, Host: host, Path: canonicalPath(u.Path)}
	out.RawQuery = canonicalQuery(u.RawQuery)
	return out.String()
}

func joinHostPort(host, port string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// ampCacheTarget recognises Google AMP cache and viewer URLs, which embed
// the publisher's URL: https://example-com.cdn.ampproject.org/c/s/example.com/a
// and https://www.google.com/amp/s/example.com/a.
func ampCacheTarget(u *url.URL) (string, bool) {
	host := strings.ToLower(u.Hostname())
	// Decide on the cleaned path, which is what the output carries, so that
	// a second pass decides alike.
	p := path.Clean("/" + u.Path)
	switch {
	case strings.HasSuffix(host, ".cdn.ampproject.org"):
		// /c/ (content), /v/ (viewer), /i/ (image) optionally followed by s/ for https
		if len(p) < 3 || p[0] != '/' || p[2] != '/' || !strings.ContainsRune("cvi", rune(p[1])) {
			return "", false
		}
		p = p[2:]
	case (host == "google.com" || host == "www.google.com") && strings.HasPrefix(p, "/amp/"):
		p = p[len("/amp"):]
	default:
		return "", false
	}
	scheme := "http://"
	if rest, ok := strings.CutPrefix(p, "/s/"); ok {
		scheme, p = "https://", "/"+rest
	}
	target := scheme + strings.TrimPrefix(p, "/")
	if u.RawQuery != "" {
		target += "?" + u.RawQuery
	}
	return target, len(p) > 1
}

// canonicalPath resolves dot segments, drops a trailing slash and AMP
// variants ("/amp", "/amp/" at either end, ".amp" before the extension).
func canonicalPath(p string) string {
	if p == "" {
		return "/"
	}
	p = path.Clean("/" + p)
	for {
		switch {
		case p == "/amp":
			p = "/"
		case strings.HasSuffix(p, "/amp"):
			p = strings.TrimSuffix(p, "/amp")
		case strings.HasPrefix(p, "/amp/"):
			p = strings.TrimPrefix(p, "/amp")
		case strings.HasSuffix(p, ".amp"):
			p = strings.TrimSuffix(p, ".amp")
		case strings.HasSuffix(p, ".amp.html"):
			p = strings.TrimSuffix(p, ".amp.html") + ".html"
		default:
			return p
		}
	}
}

// canonicalQuery drops empty and tracking parameters and sorts the rest by
// key, keeping each pair as it was encoded and repeated keys in their
// order.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ key, raw string }
	var pairs []pair
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = k
		}
		if key == "" || isTracking(key, v) {
			continue
		}
		pairs = append(pairs, pair{key, p})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return strings.Compare(a.key, b.key) })
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.raw)
	}
	return b.String()
}
