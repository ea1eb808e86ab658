// Package glamourstyle reads Glamour JSON style files, the one way the
// configuration checks them and the interface loads them.
package glamourstyle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	glamouransi "charm.land/glamour/v2/ansi"
)

// Parse parses a Glamour JSON style (a style file's contents): one JSON
// object of Glamour's style settings (ansi.StyleConfig), after an optional
// byte order mark, and nothing after it. The error says what is wrong, in
// words for a person who wrote the file.
func Parse(data []byte) (glamouransi.StyleConfig, error) {
	var c glamouransi.StyleConfig
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return c, errors.New("the file is empty")
	}
	if trimmed[0] != '{' {
		return c, errors.New("not a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&c); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return c, fmt.Errorf("invalid JSON at byte %d: %w", se.Offset+int64(len(data)-len(trimmed)), err)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return c, errors.New("invalid JSON: it ends before the object is closed")
		}
		return c, err
	}
	if len(bytes.TrimSpace(trimmed[dec.InputOffset():])) > 0 {
		return c, errors.New("text after the JSON object")
	}
	return c, nil
}
