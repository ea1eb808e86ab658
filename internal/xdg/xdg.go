// Package xdg finds newsline's own folder inside a base folder of the XDG
// Base Directory specification: the cache, the state, the configuration.
package xdg

import (
	"os"
	"path/filepath"
)

// Dir returns the folder newsline inside the base folder that the
// environment variable env ($XDG_CACHE_HOME, …) names when it is an
// absolute path (the specification says to ignore a relative one), else
// inside the folder fallback returns; an error of fallback is returned as
// it is. It does not create the folder.
func Dir(env string, fallback func() (string, error)) (string, error) {
	if dir := os.Getenv(env); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "newsline"), nil
	}
	dir, err := fallback()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "newsline"), nil
}
