package objstore_test

import (
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

func TestDirConformance(t *testing.T) {
	runStoreSuite(t, func(t *testing.T) suiteStore {
		root := t.TempDir()
		d, err := objstore.NewDir(root)
		if err != nil {
			t.Fatal(err)
		}
		return suiteStore{Store: d, raw: func(t *testing.T) []string {
			var files []string // every file, hidden temporary ones included
			err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(root, p)
				files = append(files, filepath.ToSlash(rel))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return files
		}}
	})
}
