package data

import (
	"embed"
	"io/fs"
)

//go:embed demo
var demoFiles embed.FS

// Demo returns the demo collection built into the binary: fictional
// articles in every format, in topic folders. Load it with LoadFS.
func Demo() fs.FS {
	sub, err := fs.Sub(demoFiles, "demo")
	if err != nil {
		panic(err) // "demo" is a valid path: cannot happen
	}
	return sub
}
