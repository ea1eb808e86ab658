package main

import (
	"errors"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// The one place newsline starts other programs (see SECURITY.md): with an
// argument list, never through a shell, and only for web addresses.

// openURL opens an http or https address in the user's browser and does
// not wait for it. The browser's output is discarded: it must not write
// over the reader.
func openURL(u string) error {
	if !webURL(u) {
		return errors.New("not an http or https address")
	}
	argv := browserCommand(os.Getenv("BROWSER"), runtime.GOOS, u)
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it
	return nil
}

// browserCommand is the argument list that opens u: $BROWSER when set —
// the first of its colon-separated commands, split into words (no shell:
// quotes are not special), with "%s" replaced by u or else u appended —
// or else the platform's opener.
func browserCommand(browser, goos, u string) []string {
	first, _, _ := strings.Cut(browser, ":")
	if words := strings.Fields(first); len(words) > 0 {
		replaced := false
		for i, w := range words {
			if strings.Contains(w, "%s") {
				words[i], replaced = strings.ReplaceAll(w, "%s", u), true
			}
		}
		if !replaced {
			words = append(words, u)
		}
		return words
	}
	switch goos {
	case "darwin":
		return []string{"open", u}
	case "windows":
		return []string{"rundll32", "url.dll,FileProtocolHandler", u}
	}
	return []string{"xdg-open", u}
}

// webURL reports whether u is an http or https address of printable ASCII
// with a host: nothing else is handed to a browser.
func webURL(u string) bool {
	for i := 0; i < len(u); i++ {
		if u[i] <= ' ' || u[i] >= 0x7f {
			return false
		}
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}
