package ingest

import "testing"

func TestParseKey(t *testing.T) {
	cases := []struct {
		key  string
		want KeyInfo
	}{
		{"AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/14/111122223333_CloudTrail_us-east-1_20240314T1005Z_abcdEFGH12345678.json.gz",
			KeyInfo{Kind: Log, Account: "111122223333", Region: "us-east-1", Date: "2024-03-14"}},
		{"logs/AWSLogs/o-1234abcde/222222222222/CloudTrail/eu-west-1/2025/03/06/x.json.gz",
			KeyInfo{Kind: Log, Org: "o-1234abcde", Account: "222222222222", Region: "eu-west-1", Date: "2025-03-06"}},
		{"AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/14/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240314T100000Z.json.gz",
			KeyInfo{Kind: Digest, Account: "111122223333", Region: "us-east-1", Date: "2024-03-14"}},
		{"AWSLogs/111122223333/CloudTrail-Insight/us-east-1/2024/03/14/a.json.gz",
			KeyInfo{Kind: Insight, Account: "111122223333", Region: "us-east-1", Date: "2024-03-14"}},
		{"AWSLogs/111122223333/Config/us-east-1/2024/03/14/a.json.gz", KeyInfo{}},
		{"AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/14/readme.txt", KeyInfo{}},
		{"exports/events.ndjson", KeyInfo{Kind: Log}},
		{"exports/events.JSON.GZ", KeyInfo{Kind: Log}},
		{"exports/notes.md", KeyInfo{}},
		{"_trailhouse/state.json", KeyInfo{}},
		{"AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/14/.hidden.json.gz", KeyInfo{}},
		{"AWSLogs/111122223333/CloudTrail/x.json.gz", KeyInfo{Kind: Log}}, // too short for the layout: an export
	}
	for _, c := range cases {
		if got := ParseKey(c.key); got != c.want {
			t.Errorf("ParseKey(%q) = %+v, want %+v", c.key, got, c.want)
		}
	}
}

func TestSplitSource(t *testing.T) {
	for _, c := range []struct{ src, root, prefix string }{
		{"/data/trail", "/data/trail", ""},
		{"/data/AWSLogs", "/data", "AWSLogs/"},
		{"/data/AWSLogs/", "/data", "AWSLogs/"},
		{"/data/AWSLogs/111122223333/CloudTrail", "/data", "AWSLogs/111122223333/CloudTrail/"},
		{"AWSLogs", ".", "AWSLogs/"},
		{"./AWSLogs/o-abc/", ".", "AWSLogs/o-abc/"},
		{"/AWSLogs", "/", "AWSLogs/"},
		{"/mnt/AWSLogs/copy/AWSLogs/111122223333", "/mnt/AWSLogs/copy", "AWSLogs/111122223333/"},
		{"/data/AWSLogs-old", "/data/AWSLogs-old", ""},
		{"/nest/AWSLogs/mirror/bucket1", "/nest/AWSLogs/mirror/bucket1", ""},
		{"/nest/AWSLogs/mirror/AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/2026/01/02", "/nest/AWSLogs/mirror", "AWSLogs/o-abc/111122223333/CloudTrail/us-east-1/2026/01/02/"},
		{"/d/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/x", "/d/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/x", ""},
		{"s3://bucket", "s3://bucket", ""},
		{"s3://bucket/trail/", "s3://bucket/trail/", ""},
		{"s3://bucket/AWSLogs/", "s3://bucket/", "AWSLogs/"},
		{"s3://bucket/trail/AWSLogs/111122223333", "s3://bucket/trail/", "AWSLogs/111122223333/"},
	} {
		if root, prefix := SplitSource(c.src); root != c.root || prefix != c.prefix {
			t.Errorf("SplitSource(%q) = %q, %q; want %q, %q", c.src, root, prefix, c.root, c.prefix)
		}
	}
}
