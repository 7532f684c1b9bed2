package partition

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trailhouse/trailhouse/internal/record"
)

func rowWith(acct, uiAcct, region string, t time.Time) *record.Row {
	var r record.Row
	if acct != "-" {
		r.SetStr(record.RecipientAccountID, acct)
	}
	if uiAcct != "-" {
		r.SetStr(record.UserIdentityAccountID, uiAcct)
	}
	if region != "-" {
		r.SetStr(record.AWSRegion, region)
	}
	if !t.IsZero() {
		r.EventTime, r.HasTime = t.UnixMilli(), true
	}
	return &r
}

func TestAssign(t *testing.T) {
	day := time.Date(2024, 3, 14, 23, 59, 59, 999e6, time.UTC)
	hint := Hint{Account: "999988887777", Region: "eu-west-1"}
	cases := []struct {
		name string
		row  *record.Row
		want Key
	}{
		{"all present", rowWith("111122223333", "444455556666", "us-east-1", day), Key{TableEvents, "111122223333", "us-east-1", "2024-03-14"}},
		{"falls back to userIdentity", rowWith("-", "444455556666", "us-east-1", day), Key{TableEvents, "444455556666", "us-east-1", "2024-03-14"}},
		{"falls back to key", rowWith("-", "-", "-", day), Key{TableEvents, "999988887777", "eu-west-1", "2024-03-14"}},
		{"empty falls back", rowWith("", "", "", day), Key{TableEvents, "999988887777", "eu-west-1", "2024-03-14"}},
		{"invalid account", rowWith("redacted", "444455556666", "us-east-1", day), Key{TableEvents, Default, "us-east-1", "2024-03-14"}},
		{"nine digits", rowWith("123456789", "-", "us-east-1", day), Key{TableEvents, Default, "us-east-1", "2024-03-14"}},
		{"no time", rowWith("111122223333", "-", "us-east-1", time.Time{}), Key{TableEvents, "111122223333", "us-east-1", Default}},
		{"utc date of offset time", rowWith("111122223333", "-", "us-east-1", time.Date(2024, 3, 15, 1, 0, 0, 0, time.FixedZone("x", 3*3600))), Key{TableEvents, "111122223333", "us-east-1", "2024-03-14"}},
	}
	for _, c := range cases {
		if got := Assign(c.row, hint); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
	ins := rowWith("111122223333", "-", "us-east-1", day)
	ins.SetStr(record.EventType, "AwsCloudTrailInsight")
	if got := Assign(ins, hint).Table; got != TableInsights {
		t.Errorf("insight event went to %s", got)
	}
}

// TestHostileValuesStayInside: whatever the event says, the partition
// directory is three plain elements under the table.
func TestHostileValuesStayInside(t *testing.T) {
	hostile := []string{"../../x", "..", ".", "/etc", "a/b", `a\b`, "us-east-1/../../../tmp", "x\x00y", "US-EAST-1",
		"%2e%2e", "-", "a b", strings.Repeat("a", 300), "region=x", "__HIVE_DEFAULT_PARTITION__/.."}
	for _, h := range hostile {
		for _, hint := range []Hint{{}, {Account: h, Region: h}} {
			k := Assign(rowWith(h, h, h, time.Now()), hint)
			dir := k.Dir()
			clean := filepath.ToSlash(filepath.Clean(dir))
			if clean != dir || strings.Contains(dir, "..") || strings.Count(dir, "/") != 3 || strings.ContainsAny(dir, "\\\x00 ") {
				t.Errorf("value %q gave unsafe directory %q", h, dir)
			}
			if k.Account != Default || k.Region != Default {
				t.Errorf("value %q accepted as %+v", h, k)
			}
		}
	}
}

func TestParseDirInvertsDir(t *testing.T) {
	for _, k := range []Key{{TableEvents, "111122223333", "us-east-1", "2024-03-14"}, {TableInsights, Default, Default, Default}} {
		got, err := parseDir(k.Dir())
		if err != nil || got != k {
			t.Errorf("parseDir(%q) = %+v, %v", k.Dir(), got, err)
		}
	}
	for _, bad := range []string{"", "a/b/c", "t/acct=1/region=2/date=3", "t/account=1/region=2/date=3/x"} {
		if _, err := parseDir(bad); err == nil {
			t.Errorf("parseDir(%q) accepted", bad)
		}
	}
}
