// Package web is newsline's one HTTP client: everything that fetches from
// the network (feeds, pages) goes through a Client, which holds the limits
// in one place — time to the response headers and for the whole body, a
// cap on the body, a limit on redirects, http and https only — and speaks
// conditional GET. Limiter bounds how many fetches run at once, in all and
// per host.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/newsline/newsline/model"
)

// The defaults of a Client's limits.
const (
	DefaultHeaderTimeout = 15 * time.Second
	DefaultBodyTimeout   = 60 * time.Second
	DefaultMaxBody       = 32 << 20
	DefaultMaxRedirects  = 5
)

// Client fetches over HTTP(S) within its limits. Set the fields before
// the first Get; New gives the defaults. A Client is safe for concurrent
// use.
type Client struct {
	// UserAgent is sent with every request.
	UserAgent string
	// HeaderTimeout bounds the wait for the response headers (connecting
	// included); BodyTimeout the whole request, body included.
	HeaderTimeout, BodyTimeout time.Duration
	// MaxBody is the largest body accepted, in bytes (after gzip); a
	// larger one is an error, never a truncated body.
	MaxBody int64
	// MaxRedirects is how many redirects a request may follow.
	MaxRedirects int
	// Now tells the time, for Retry-After dates.
	Now func() time.Time

	once   sync.Once
	client *http.Client
}

// New returns a Client with the default limits whose User-Agent names
// newsline's version.
func New(version string) *Client {
	return &Client{
		UserAgent:     "newsline/" + version + " (+https://github.com/newsline/newsline)",
		HeaderTimeout: DefaultHeaderTimeout,
		BodyTimeout:   DefaultBodyTimeout,
		MaxBody:       DefaultMaxBody,
		MaxRedirects:  DefaultMaxRedirects,
		Now:           time.Now,
	}
}

// Request is one GET. ETag and LastModified, from an earlier Response,
// make it conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Response is a successful GET: the body, or NotModified after a 304.
type Response struct {
	URL          string // after redirects
	NotModified  bool
	Body         []byte
	ContentType  string // the media type, lower case, without parameters
	Charset      string // the Content-Type's charset parameter, or ""
	ETag         string
	LastModified string
}

// The reasons an Error may wrap; test with errors.Is.
var (
	ErrGone        = errors.New("gone (HTTP 410): the address was removed for good")
	ErrRetryLater  = errors.New("asked to retry later")
	ErrTooLarge    = errors.New("response too large")
	ErrScheme      = errors.New("not an http or https address")
	ErrTooManyHops = errors.New("too many redirects")
	ErrStatus      = errors.New("unexpected HTTP status")
)

// Error is a failed GET: one line naming the address and what went
// wrong.
type Error struct {
	URL    string
	Status int // the HTTP status, 0 when there was no response
	// RetryAfter is when a 429 or 503 said to come back (zero when it did
	// not say).
	RetryAfter time.Time
	Reason     string
	Err        error
}

func (e *Error) Error() string {
	return model.SanitizeLine(e.URL) + ": " + model.SanitizeLine(e.Reason)
}

func (e *Error) Unwrap() error { return e.Err }

// httpClient builds the http.Client of c's limits, once.
func (c *Client) httpClient() *http.Client {
	c.once.Do(func() {
		if c.Now == nil {
			c.Now = time.Now
		}
		tr := &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: c.HeaderTimeout, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   c.HeaderTimeout,
			ResponseHeaderTimeout: c.HeaderTimeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
		c.client = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	})
	return c.client
}

// checkRedirect allows MaxRedirects redirects to http(s) addresses.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrTooManyHops, c.MaxRedirects)
	}
	if !webScheme(req.URL) {
		return fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), ErrScheme)
	}
	return nil
}

// webScheme reports whether u is an http or https address with a host.
func webScheme(u *url.URL) bool {
	s := strings.ToLower(u.Scheme)
	return (s == "http" || s == "https") && u.Host != ""
}

// Get fetches r.URL. A 304 is a Response with NotModified; any other
// status but 2xx, a body over MaxBody, a timeout or a redirect out of
// bounds is an *Error.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	hc := c.httpClient()
	fail := func(reason string, err error) error { return &Error{URL: r.URL, Reason: reason, Err: err} }
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, fail("not a valid address", err)
	}
	if !webScheme(u) {
		return nil, fail(ErrScheme.Error(), ErrScheme)
	}
	ctx, cancel := context.WithTimeout(ctx, c.BodyTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail("not a valid address", err)
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fail(transportReason(ctx, err, c), err)
	}
	defer resp.Body.Close()
	if err := c.status(r.URL, resp); err != nil {
		return nil, err
	}
	out := &Response{
		URL:          resp.Request.URL.String(),
		NotModified:  resp.StatusCode == http.StatusNotModified,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	if mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		out.ContentType, out.Charset = mt, params["charset"]
	}
	if out.NotModified {
		return out, nil
	}
	if out.Body, err = c.readBody(resp.Body); err != nil {
		return nil, fail(transportReason(ctx, err, c), err)
	}
	return out, nil
}

// readBody reads at most MaxBody bytes, and fails past that.
func (c *Client) readBody(body io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(body, c.MaxBody+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > c.MaxBody {
		return nil, fmt.Errorf("%w: over %s", ErrTooLarge, size(c.MaxBody))
	}
	return b, nil
}
