// Command foldgen writes model/fold_table.go from the Unicode data of
// golang.org/x/text/unicode/norm and the standard library. model/fold.go
// runs it through `go generate ./model`:
//
//	foldgen -o fold_table.go
//
// Without -o it writes the table to standard output.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsline/newsline/internal/foldgen"
)

func main() {
	out := flag.String("o", "", "write the table to this file instead of standard output")
	flag.Parse()
	src, err := foldgen.Generate()
	if err == nil {
		if *out == "" {
			_, err = os.Stdout.Write(src)
		} else {
			err = os.WriteFile(*out, src, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "foldgen:", err)
		os.Exit(1)
	}
}
