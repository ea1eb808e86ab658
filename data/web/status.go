package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// status turns a response that is not a success (2xx) or a 304 into an
// *Error.
func (c *Client) status(addr string, resp *http.Response) error {
	code := resp.StatusCode
	if code/100 == 2 || code == http.StatusNotModified {
		return nil
	}
	e := &Error{URL: addr, Status: code, Err: ErrStatus,
		Reason: fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))}
	switch code {
	case http.StatusGone:
		e.Err, e.Reason = ErrGone, ErrGone.Error()
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		e.Err = ErrRetryLater
		if t, ok := retryAfter(resp.Header.Get("Retry-After"), c.Now()); ok {
			e.RetryAfter = t
			e.Reason += ": retry after " + t.UTC().Format(time.RFC3339)
		}
	}
	return e
}

// retryAfter reads a Retry-After value, seconds or an HTTP date, as a
// time after now.
func retryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return time.Time{}, false
		}
		return now.Add(time.Duration(min(n, 366*24*3600)) * time.Second), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// transportReason words an error of the request or the body for one line.
func transportReason(ctx context.Context, err error, c *Client) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrScheme), errors.Is(err, ErrTooManyHops):
		return err.Error()
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Sprintf("timed out: no complete response within %s", c.BodyTimeout)
	case isTimeout(err):
		return fmt.Sprintf("timed out: no response within %s", c.HeaderTimeout)
	}
	return err.Error()
}

// isTimeout reports whether err is a network timeout.
func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

// size words a byte count.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
