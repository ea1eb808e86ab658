// Package page reads a web page's article: Extract decodes the page (its
// charset from the HTTP header, a byte-order mark or <meta charset>),
// finds the article with go-readability, improves what Readability gets
// wrong on news pages (title, date, trimming), and converts the body to
// Markdown sanitized for a terminal. File renders the article as one of
// newsline's Markdown files.
//
// Everything here is a pure function of its input: no IO, no network.
package page
