package state

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/newsline/newsline/model"
)

// Key identifies an article's state:
//
//   - "url:" and its normalized URL (NormalizeURL) when it has an absolute
//     http(s) or other URL with a host: the article keeps its state
//     wherever its file is, and two copies of it share one state;
//   - else "path:", the article's position in its file and its file's
//     path inside the collection root (Article.Rel, as on disk), such as
//     "path:0:world/harbour.txt".
//
// The path key never includes the root, so that the same collection opened
// by another path (a symbolic link, a relative path, the folder moved or
// mounted elsewhere) finds the same state. The price: two different
// collections holding a file at the same relative path (and without URLs)
// share its state. Editing an article's text in place changes neither key.
func Key(a *model.Article) string {
	if u, ok := NormalizeURL(a.URL); ok {
		return "url:" + u
	}
	return "path:" + strconv.Itoa(a.Index) + ":" + a.Rel
}

// NormalizeURL returns the form of an article URL that identifies it: the
// scheme and host in lower case, http and https taken as one (written
// http), the default port and the fragment dropped, an empty path written
// "/"; the path and query are kept as they are. ok is false when u is not
// an absolute URL with a host.
func NormalizeURL(u string) (norm string, ok bool) {
	u = strings.TrimSpace(u)
	i := strings.Index(u, "://")
	if i <= 0 {
		return "", false
	}
	scheme := strings.ToLower(u[:i])
	for _, r := range scheme {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '+' || r == '-' || r == '.') {
			return "", false
		}
	}
	rest := u[i+3:]
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		rest = rest[:j]
	}
	host, tail := rest, ""
	if j := strings.IndexAny(rest, "/?"); j >= 0 {
		host, tail = rest[:j], rest[j:]
	}
	host = strings.ToLower(host)
	if scheme == "https" {
		scheme = "http"
		host = strings.TrimSuffix(host, ":443")
	}
	if scheme == "http" {
		host = strings.TrimSuffix(host, ":80")
	}
	if host == "" || strings.ContainsAny(host, " \t") {
		return "", false
	}
	if tail == "" || tail[0] == '?' {
		tail = "/" + tail
	}
	return scheme + "://" + host + tail, true
}

// Scope names a collection for Reconcile: its roots as absolute paths with
// symbolic links resolved, sorted, so that every spelling of the same
// folders gives the same scope. It is only a hint of where an article was
// last seen (a collection moved elsewhere keeps its state, by Key, but
// moves inside it are only followed from the next start on). The embedded
// demo has the scope "demo" (Scope with no roots).
func Scope(roots ...string) string {
	if len(roots) == 0 {
		return "demo"
	}
	abs := make([]string, 0, len(roots))
	for _, r := range roots {
		a, err := filepath.Abs(r)
		if err != nil {
			a = filepath.Clean(r)
		}
		if real, err := filepath.EvalSymlinks(a); err == nil {
			a = real
		}
		abs = append(abs, a)
	}
	slices.Sort(abs)
	return strings.Join(slices.Compact(abs), "\n")
}
