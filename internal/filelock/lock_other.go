//go:build !unix

package filelock

// systemLock locks path with SQLite's locking (see sqliteLock).
func systemLock(path string) (release func() error, err error) { return sqliteLock(path) }
