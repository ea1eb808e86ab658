package data

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// binaryProbe is how much of a file is searched for NUL bytes.
const binaryProbe = 8 << 10

// Reasons for problems found while decoding.
const (
	reasonWindows1252 = "not UTF-8: re-decoded as Windows-1252"
	reasonBinary      = "binary file: skipped"
)

var errBinary = errors.New(reasonBinary)

// decode turns the bytes of a file into UTF-8 text. UTF-8 is the default
// and its byte order mark is dropped; UTF-16 with a byte order mark is
// decoded; anything else that is not valid UTF-8 is read as Windows-1252,
// which keeps Latin-1 accents, and repaired is then a reason to report. A
// file with a NUL byte in its first 8 KiB (after decoding) is binary:
// errBinary. Line endings are left to normalize.
func decode(b []byte) (text string, repaired string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}), bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		// The BOM policy picks the byte order and consumes the mark.
		u, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", "", err
		}
		b = u
	}
	if hasNUL(b) {
		return "", "", errBinary
	}
	if utf8.Valid(b) {
		return string(b), "", nil
	}
	u, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", err
	}
	return string(u), reasonWindows1252, nil
}

// hasNUL reports whether a NUL byte is in the first binaryProbe bytes of
// b: the sign of a binary file.
func hasNUL(b []byte) bool { return bytes.IndexByte(b[:min(len(b), binaryProbe)], 0) >= 0 }

// normalize drops a leading byte order mark and turns CRLF and lone CR
// line endings into LF. Text that needs neither is returned unchanged.
func normalize(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
