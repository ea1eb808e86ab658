package data

import (
	"context"
	"errors"
	"fmt"
	"github.com/newsline/newsline/data/index"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsline/newsline/model"
)

// maxDepth is how deep folders may nest below a root.
const maxDepth = 64

// A root is one collection root: a folder walked recursively or one file.
type root struct {
	fsys    fs.FS
	name    string // in fsys: "." for a folder, the file's name for a file
	display string // the folder or file as the user named it
	file    bool
	lib     *libRoot // its index, when loading through one
}

// A job is one file to read.
type job struct {
	root  *root
	fsys  fs.FS
	name  string   // in fsys
	path  string   // Article.Path: the root's display name joined with rel, sanitized
	rel   string   // Article.Rel: slash-separated, relative to the root, as on disk (never shown)
	idKey string   // what IDs derive from: rel, or path when rel was taken
	tags  []string // names of the folders between the root and the file
}

// A result is what reading one file (or walking a folder) found.
type result struct {
	arts  []model.Article
	probs []model.Problem
	file  bool // a file was read (counted in Progress.Files)
	// Set when loading through an index: the file's job and stat, and
	// whether it is unchanged since it was indexed (then nothing was read).
	job       *job
	stat      index.FileStat
	unchanged bool
	// The walker's count of files: more found in a folder it listed, or
	// when it is done (listed), how many it handed out in all.
	more   int
	listed bool
	found  int
}

// counted adds a count of the walker's to the progress and reports
// whether the result was one.
func (res *result) counted(p *model.Progress) bool {
	switch {
	case res.listed:
		p.Found, p.Listed = res.found, true
	case res.more > 0:
		p.Found += res.more
	default:
		return false
	}
	return true
}

// A dirRef is a folder still to walk.
type dirRef struct {
	root  *root
	name  string // in root.fsys
	rel   string
	depth int
	key   any // identity of the real folder
}

// walker finds the files of the roots and hands them out as jobs.
// Folders are walked in name order, real folders before folders reached
// through symbolic links, so a file is found under its real path when it
// has one; every real folder is walked once, which also ends link loops.
type walker struct {
	ctx     context.Context
	jobs    chan<- job
	results chan<- result
	visited map[any]bool    // real folders walked or queued
	ids     map[string]bool // ID keys handed out
	linked  []dirRef        // folders reached through links, walked last
	found   int             // files handed out
}

// walk walks every root, then the linked folders, says how many files it
// found (a result with listed set), and closes w.jobs.
func (w *walker) walk(roots []root) {
	defer close(w.jobs)
	defer func() {
		select {
		case w.results <- result{listed: true, found: w.found}:
		case <-w.ctx.Done():
		}
	}()
	for i := range roots {
		r := &roots[i]
		if r.file {
			w.rootFile(r)
			continue
		}
		info, err := fs.Stat(r.fsys, r.name)
		if err != nil {
			w.problem(r.display, reasonOf(err))
			continue
		}
		w.visit(dirRef{root: r, name: r.name, key: w.key(r, r.name, info)})
	}
	for len(w.linked) > 0 && w.ctx.Err() == nil {
		d := w.linked[0]
		w.linked = w.linked[1:]
		w.visit(d)
	}
}

// visit walks a folder unless it was walked already.
func (w *walker) visit(d dirRef) {
	if !w.visited[d.key] {
		w.visited[d.key] = true
		w.dir(d)
	}
}

// rootFile hands out a file given as a root, unless it was given before.
func (w *walker) rootFile(r *root) {
	info, err := fs.Stat(r.fsys, r.name)
	switch {
	case err != nil:
		w.problem(r.display, reasonOf(err))
	case w.visited[w.key(r, r.name, info)]:
		// given twice
	case !info.Mode().IsRegular():
		w.problem(r.display, reasonIrregular)
	case !Supported(r.name):
		w.problem(r.display, reasonNotNews)
	default:
		w.visited[w.key(r, r.name, info)] = true
		w.file(r, r.name, path.Base(filepath.ToSlash(r.name)), nil)
	}
}

// dir walks one folder.
func (w *walker) dir(d dirRef) {
	if d.depth > maxDepth {
		w.problem(w.display(d.root, d.rel), fmt.Sprintf("folders nested more than %d deep: skipped", maxDepth))
		return
	}
	entries, err := listDir(d.root.fsys, d.name)
	if err != nil {
		w.problem(w.display(d.root, d.rel), reasonOf(err))
	}
	var tags []string
	if d.rel != "" {
		tags = strings.Split(d.rel, "/")
	}
	w.count(entries)
	for _, e := range entries {
		if w.ctx.Err() != nil {
			return
		}
		name := e.name
		sub := dirRef{root: d.root, name: path.Join(d.name, name), rel: path.Join(d.rel, name), depth: d.depth + 1}
		typ := e.typ
		if typ&fs.ModeSymlink != 0 {
			info, err := fs.Stat(d.root.fsys, sub.name)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				w.problem(w.display(d.root, sub.rel), "dangling link: skipped")
				continue
			case err != nil:
				w.problem(w.display(d.root, sub.rel), reasonOf(err))
				continue
			case info.IsDir():
				if sub.key = w.key(d.root, sub.name, info); !w.visited[sub.key] {
					w.linked = append(w.linked, sub)
				}
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			w.subdir(sub)
		case !Supported(name):
			// not ours: ignored
		case !typ.IsRegular():
			w.problem(w.display(d.root, sub.rel), reasonIrregular)
		default:
			w.file(d.root, sub.name, sub.rel, tags)
		}
	}
}

// count tells the progress how many files the folder's listing promises,
// before they are read one by one (a link or an odd file may yet fall out;
// the count at the end of the walk is exact).
func (w *walker) count(entries []dirEntry) {
	n := 0
	for _, e := range entries {
		if !e.typ.IsDir() && Supported(e.name) {
			n++
		}
	}
	if n > 0 {
		select {
		case w.results <- result{more: n}:
		case <-w.ctx.Done():
		}
	}
}

// subdir walks a real folder found in another, unless it was walked
// already (a bind mount can loop).
func (w *walker) subdir(d dirRef) {
	info, err := fs.Stat(d.root.fsys, d.name)
	if err != nil {
		w.problem(w.display(d.root, d.rel), reasonOf(err))
		return
	}
	d.key = w.key(d.root, d.name, info)
	w.visit(d)
}

// dirEntry is what the walk keeps of an entry of a folder's listing.
type dirEntry struct {
	name string
	typ  fs.FileMode
}

// dirChunk is how many entries listDir asks the system for at a time.
const dirChunk = 1024

// listDir lists the entries of a folder that the walk looks at — not
// hidden, and folders, links or files newsline reads — sorted by name, as
// fs.ReadDir would, with what it read before an error. It reads the folder
// a chunk at a time and keeps only names and types: fs.ReadDir's entries of
// a folder of 100,000 files held 14 MB for the whole walk.
func listDir(fsys fs.FS, name string) ([]dirEntry, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dir, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	var out []dirEntry
	for {
		chunk, err := dir.ReadDir(dirChunk)
		for _, e := range chunk {
			n, typ := e.Name(), e.Type()
			if !hidden(n) && (typ.IsDir() || typ&fs.ModeSymlink != 0 || Supported(n)) {
				out = append(out, dirEntry{n, typ})
			}
		}
		if err != nil || len(chunk) == 0 {
			slices.SortFunc(out, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) })
			if errors.Is(err, io.EOF) {
				err = nil
			}
			return out, err
		}
	}
}

// jobOf is the job of reading the file rel of r again after the walk, by
// its name on disk, with its folder tags; its IDs derive from rel.
func (r *root) jobOf(rel string) job {
	j := job{root: r, fsys: r.fsys, name: rel, rel: rel, idKey: rel}
	if r.file {
		j.name = r.name
	} else if dir := path.Dir(rel); dir != "." {
		j.tags = strings.Split(dir, "/")
	}
	return j
}

// file hands out one file as a job. IDs derive from rel, so they stay the
// same from one run to the next; when an earlier file of this load already
// took rel (two roots holding the same relative path), the later one
// derives its IDs from its path as given instead.
func (w *walker) file(r *root, name, rel string, tags []string) {
	j := job{
		root: r,
		fsys: r.fsys,
		name: name,
		path: model.SanitizeLine(w.display(r, rel)),
		rel:  rel,
		tags: tags,
	}
	j.idKey = j.rel
	for n := 1; w.ids[j.idKey]; n++ {
		j.idKey = j.path
		if n > 1 { // and should even that be taken
			j.idKey = fmt.Sprintf("%s#%d", j.path, n)
		}
	}
	w.ids[j.idKey] = true
	w.found++
	select {
	case w.jobs <- j:
	case <-w.ctx.Done():
	}
}

// display is the path of rel inside the root as the user would type it.
func (w *walker) display(r *root, rel string) string { return displayPath(r, rel) }

// key identifies a folder: by device and inode where the system tells
// them, else by its path in its root, with a relative symbolic link
// resolved one step.
func (w *walker) key(r *root, name string, info fs.FileInfo) any {
	if k, ok := fileKey(info); ok {
		return k
	}
	if target, err := fs.ReadLink(r.fsys, name); err == nil && !path.IsAbs(target) {
		name = path.Join(path.Dir(name), target)
	}
	return struct {
		root *root
		name string
	}{r, name}
}

func (w *walker) problem(p, reason string) {
	res := result{probs: []model.Problem{{Path: model.SanitizeLine(p), Reason: reason}}}
	select {
	case w.results <- res:
	case <-w.ctx.Done():
	}
}

// reasonOf words an error for a problem: the operating system's reason
// without the path, which the problem already names.
func reasonOf(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return model.SanitizeLine(err.Error())
}

// hidden reports whether a file or folder name is hidden (a dot first):
// the walk, the folder watch and ReadFiles all leave those out.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }
