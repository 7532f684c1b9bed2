package pipeline

import (
	"context"
	"os"
	"testing"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

const realDir = "../../../shared/testdata/cloudtrail/real"

func needReal(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(realDir); err != nil {
		t.Skipf("shared real CloudTrail corpus not found at %s (it lives beside the repository): %v", realDir, err)
	}
}

func TestConvertRealCorpus(t *testing.T) {
	needReal(t)
	src, _ := objstore.NewDir(realDir)
	lake, _ := objstore.NewDir(t.TempDir())
	rep, err := Convert(context.Background(), Options{From: src, To: lake, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", *rep)
	for _, p := range rep.Problems {
		t.Logf("problem: %+v", p)
	}
}
