package data

import (
	"errors"
	"fmt"
)

// lineError is a parse error at a known line of the file (from 1), so
// that the problem it becomes can open the file there (model.Problem.Line).
// Its text is the wrapped error's, which already names the line.
type lineError struct {
	line int
	err  error
}

func (e lineError) Error() string { return e.err.Error() }
func (e lineError) Unwrap() error { return e.err }

// errLine is the line err is at, 0 when it names none.
func errLine(err error) int {
	var le lineError
	if errors.As(err, &le) {
		return le.line
	}
	return 0
}

// yamlLine gives a YAML parse error its line, which yaml.v3 writes only
// into the text ("yaml: line 3: did not find expected key").
func yamlLine(err error) error {
	var n int
	if _, scanErr := fmt.Sscanf(err.Error(), "yaml: line %d:", &n); scanErr == nil && n > 0 {
		return lineError{n, err}
	}
	return err
}
