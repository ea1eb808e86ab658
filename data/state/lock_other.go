//go:build !unix

package state

// lockFile locks path with SQLite's locking (see sqliteLock).
func lockFile(path string) (release func() error, err error) { return sqliteLock(path) }
