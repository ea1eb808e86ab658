// Package data reads paths into model values: it walks folders, picks a
// parser by file extension, decodes and sanitizes text, and streams the
// articles it finds as model.Batch values (Load, LoadFS). The demo
// collection is embedded (Demo).
//
// Formats: plain-text news articles (.txt, ParseText), Markdown with
// optional YAML or TOML front matter (.md, .markdown, ParseMarkdown), JSON
// (.json, ParseJSON), JSON Lines (.jsonl, .ndjson, ParseJSONL), and feed
// files (.rss, .atom, .rdf, and .xml or .json whose first bytes are a
// feed's, ParseFeed), one article per item. Each parser is a pure function
// of a file name and its text (feed files: its bytes, which may declare
// their own encoding).
//
// Text is UTF-8, with or without a byte order mark; UTF-16 with a byte
// order mark is decoded; a file that is not valid UTF-8 is read as
// Windows-1252 and reported as a problem. CRLF and CR line endings become
// LF. Every string taken from a file passes through model.Sanitize
// (or model.SanitizeLine for single-line fields) once, before it becomes
// part of a model.Article, so nothing downstream needs to sanitize again.
package data
