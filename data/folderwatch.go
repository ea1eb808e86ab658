package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// The folders under watch while Watch runs, one fsnotify watch each, kept
// in step with the folders on disk as events come (see Watch).

// A watchRoot is a folder to watch: with every folder below it (a root
// folder), or alone (the folder of a file given as a path).
type watchRoot struct {
	dir  string
	tree bool
}

// folderWatch keeps one fsnotify watch on every folder of the roots.
type folderWatch struct {
	w     *fsnotify.Watcher
	opt   watchOptions
	roots []watchRoot
	dirs  map[string]watched // by the path fsnotify names it by
	real  map[string]string  // real folder → its path in dirs
}

// watched is one folder under watch.
type watched struct {
	real  string
	info  fs.FileInfo // the folder when it was added, to tell a new one by the same name
	tree  bool        // new folders in it are watched too
	depth int
}

// newFolderWatch watches every folder of the roots, or fails when the
// system will not (no watcher, too many folders).
func newFolderWatch(roots []watchRoot, opt watchOptions) (*folderWatch, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	fw := &folderWatch{w: w, opt: opt, roots: roots, dirs: map[string]watched{}, real: map[string]string{}}
	if err := fw.resync(); err != nil {
		fw.close()
		return nil, err
	}
	return fw, nil
}

func (fw *folderWatch) close() { fw.w.Close() }

// resync drops the watches of folders that are gone and watches every
// folder of the roots that has none.
func (fw *folderWatch) resync() error {
	for dir, d := range fw.dirs {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil || real != d.real {
			fw.drop(dir)
		} else if info, err := os.Stat(real); err != nil || !os.SameFile(info, d.info) {
			fw.drop(dir)
		}
	}
	for _, r := range fw.roots {
		if err := fw.add(r.dir, r.tree, 0); err != nil {
			return err
		}
	}
	return nil
}

// add watches dir and, for a tree, every folder below it that Load would
// walk. Folders that cannot be read are left out (Load reports them); an
// error means the system will not give more watches.
func (fw *folderWatch) add(dir string, tree bool, depth int) error {
	if depth > maxDepth {
		return nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil // gone meanwhile, or a dangling link
	}
	info, err := os.Stat(real)
	if err != nil || !info.IsDir() {
		return nil
	}
	prev, known := fw.real[real]
	if known && !os.SameFile(fw.dirs[prev].info, info) {
		fw.drop(prev) // a new folder where a removed one was
		known = false
	}
	switch d := fw.dirs[prev]; {
	case known && tree && !d.tree:
		// Reached as a tree after as a file's folder: now a tree.
		d.tree = true
		fw.dirs[prev] = d
		dir = prev
	case known:
		return nil // watched already, under this path or another
	default:
		if err := fw.opt.add(fw.w, dir); err != nil {
			if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		fw.dirs[dir] = watched{real: real, info: info, tree: tree, depth: depth}
		fw.real[real] = dir
	}
	if !tree {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		name := e.Name()
		if hidden(name) {
			continue
		}
		if e.IsDir() || e.Type()&fs.ModeSymlink != 0 {
			if err := fw.add(filepath.Join(dir, name), true, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// drop stops watching dir and every folder watched below it.
func (fw *folderWatch) drop(dir string) {
	prefix := dir + string(filepath.Separator)
	for p, d := range fw.dirs {
		if p == dir || strings.HasPrefix(p, prefix) {
			fw.w.Remove(p) // fails when the system dropped it already
			delete(fw.dirs, p)
			delete(fw.real, d.real)
		}
	}
}

// event tracks the folders an event adds or removes and reports whether it
// may change the collection: a file Load would read, or a folder, created,
// written, removed or renamed. Hidden names and permission changes do not.
func (fw *folderWatch) event(ev fsnotify.Event) (bool, error) {
	name := filepath.Base(ev.Name)
	if hidden(name) || ev.Op&^fsnotify.Chmod == 0 {
		return false, nil
	}
	parent, inTree := fw.dirs[filepath.Dir(ev.Name)]
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// A watched folder, by the name it is watched by or, for one
		// reached through a link first, by its real name.
		dir, isDir := ev.Name, false
		if _, isDir = fw.dirs[dir]; !isDir {
			dir, isDir = fw.real[ev.Name]
		}
		if isDir {
			fw.drop(dir)
			return true, nil
		}
	}
	if ev.Has(fsnotify.Create) && inTree && parent.tree {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// Its files may have come before its watch: the refresh this
			// event asks for reads them.
			return true, fw.add(ev.Name, true, parent.depth+1)
		}
	}
	return Supported(name), nil
}
