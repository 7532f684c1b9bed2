package synth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzip"
)

// Config says what to generate. Zero fields take the defaults noted.
type Config struct {
	Accounts int       // AWS accounts (12-digit ids, deterministic from Seed); default 1
	Regions  int       // regions, 1..17, us-east-1 first and busiest; default 1
	Days     int       // UTC days of events; default 1
	Events   int       // events before duplicate deliveries
	Seed     int64     // same seed, same tree
	Start    time.Time // first day (UTC midnight); zero means 2026-01-01
	OrgID    string    // if set, keys are AWSLogs/<OrgID>/<account>/... (organisation trail)
	// DuplicateRate is the fraction of events delivered a second time, in a
	// later object (byte-identical JSON). 0 means 0.01; negative means none.
	DuplicateRate float64
	// LateRate is the fraction of objects delivered 1 to 30 days after their
	// events. 0 means 0.005; negative means none.
	LateRate float64
	// BadObjects adds that many broken objects (see BadKinds), cycling
	// through the kinds, in ordinary-looking keys.
	BadObjects int
	Digests    bool // also write a CloudTrail-Digest object per account/region/day
	Insights   bool // also write CloudTrail-Insight objects
}

// BadKinds names the broken objects BadObjects cycles through, in order:
// a gzip stream cut short; gzip of JSON cut inside a record; valid JSON
// that is not CloudTrail; a 0-byte object; events without eventTime; and
// events whose readOnly is the string "True" and recipientAccountId a
// number. The last two still hold events (counted in Stats.BadEvents).
var BadKinds = []string{"truncated-gzip", "invalid-json", "not-cloudtrail", "empty", "no-event-time", "wrong-types"}

// Stats counts what Generate wrote.
type Stats struct {
	Objects        int   // event objects under CloudTrail/, bad ones excluded
	Events         int   // distinct events in those objects
	Duplicates     int   // extra deliveries of events already counted in Events
	BadObjects     int   // objects of BadKinds
	BadEvents      int   // events inside the no-event-time and wrong-types objects
	DigestObjects  int   // objects under CloudTrail-Digest/
	InsightObjects int   // objects under CloudTrail-Insight/
	InsightEvents  int   // events in them
	Bytes          int64 // bytes written, all objects
}

func (c *Config) defaults() {
	c.Accounts = max(c.Accounts, 1)
	c.Regions = min(max(c.Regions, 1), len(regions))
	c.Days = max(c.Days, 1)
	if c.Start.IsZero() {
		c.Start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	c.Start = c.Start.UTC().Truncate(24 * time.Hour)
	if c.DuplicateRate == 0 {
		c.DuplicateRate = 0.01
	}
	if c.LateRate == 0 {
		c.LateRate = 0.005
	}
}

type counters struct {
	objects, events, dups, digests, insights, insightEvents atomic.Int64
	bytes                                                   atomic.Int64
}

// Generate writes the tree under dir and returns what it wrote. progress,
// if not nil, is called now and then with the running totals.
func Generate(ctx context.Context, cfg Config, dir string, progress func(Stats)) (Stats, error) {
	cfg.defaults()
	w := &writer{cfg: &cfg, dir: dir}
	accts := make([]*account, cfg.Accounts)
	for i := range accts {
		accts[i] = newAccount(cfg.Seed, i)
	}
	counts := allocate(cfg)

	type cell struct{ a, r int }
	cells := make(chan cell)
	var wg sync.WaitGroup
	var firstErr error
	var errOnce sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fail := func(err error) { errOnce.Do(func() { firstErr = err; cancel() }) }
	var lastProgress atomic.Int64
	report := func() {
		if progress != nil && time.Now().UnixMilli()-lastProgress.Load() > 250 {
			lastProgress.Store(time.Now().UnixMilli())
			progress(w.stats())
		}
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range cells {
				for d := 0; d < cfg.Days; d++ {
					if ctx.Err() != nil {
						return
					}
					n := counts[(c.a*cfg.Regions+c.r)*cfg.Days+d]
					if err := w.day(accts[c.a], c.r, d, n); err != nil {
						fail(err)
						return
					}
					report()
				}
			}
		}()
	}
feed:
	for a := 0; a < cfg.Accounts; a++ {
		for r := 0; r < cfg.Regions; r++ {
			select {
			case cells <- cell{a, r}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(cells)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr == nil && cfg.BadObjects > 0 {
		firstErr = w.badObjects(accts)
	}
	st := w.stats()
	if progress != nil {
		progress(st)
	}
	return st, firstErr
}

// allocate spreads cfg.Events over account x region x day cells: accounts
// and regions Zipf-skewed, weekends quieter.
func allocate(cfg Config) []int {
	n := cfg.Accounts * cfg.Regions * cfg.Days
	weights := make([]float64, n)
	total := 0.0
	for a := 0; a < cfg.Accounts; a++ {
		for r := 0; r < cfg.Regions; r++ {
			for d := 0; d < cfg.Days; d++ {
				w := 1 / math.Pow(float64(a+1), 0.6) / math.Pow(float64(r+1), 1.1)
				if wd := cfg.Start.AddDate(0, 0, d).Weekday(); wd == time.Saturday || wd == time.Sunday {
					w *= 0.6
				}
				weights[(a*cfg.Regions+r)*cfg.Days+d] = w
				total += w
			}
		}
	}
	counts := make([]int, n)
	cum, given := 0.0, 0
	for i, w := range weights {
		cum += float64(cfg.Events) * w / total
		counts[i] = int(math.Round(cum)) - given
		given += counts[i]
	}
	return counts
}

type writer struct {
	cfg       *Config
	dir       string
	c         counters
	badEvents atomic.Int64
	bad       atomic.Int64
}

func (w *writer) stats() Stats {
	return Stats{
		Objects: int(w.c.objects.Load()), Events: int(w.c.events.Load()), Duplicates: int(w.c.dups.Load()),
		BadObjects: int(w.bad.Load()), BadEvents: int(w.badEvents.Load()), DigestObjects: int(w.c.digests.Load()),
		InsightObjects: int(w.c.insights.Load()), InsightEvents: int(w.c.insightEvents.Load()), Bytes: w.c.bytes.Load(),
	}
}

// logObject is one delivery: the events of one account/region for a few minutes.
type logObject struct {
	delivered time.Time
	records   [][]byte
	first     time.Time
	last      time.Time
}

// deliveryWindow is how much time one object covers: CloudTrail's five
// minutes on busy account/regions, longer on quiet ones (about 60 events an
// object), so that sparse trees are not millions of one-event files.
func deliveryWindow(eventsPerDay int) time.Duration {
	objects := min(max(eventsPerDay/60, 1), 288)
	return 24 * time.Hour / time.Duration(objects)
}

// day generates and writes one account/region/day.
func (w *writer) day(acct *account, r, d, n int) error {
	cfg := w.cfg
	region := regions[r]
	day := cfg.Start.AddDate(0, 0, d)
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), uint64(acct.idx)<<40|uint64(r)<<24|uint64(d)))
	g := &eventGen{rng: rng, acct: acct, region: region}

	times := make([]time.Time, n)
	for i := range times {
		times[i] = day.Add(diurnal(rng))
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })

	window := deliveryWindow(n)
	var objs []*logObject
	var cur *logObject
	var pendingDups [][]byte
	for _, t := range times {
		if cur == nil || t.Sub(cur.first) >= window || len(cur.records) >= 2000 {
			cur = &logObject{first: t.Truncate(window)}
			objs = append(objs, cur)
			cur.records = append(cur.records, pendingDups...) // redeliveries ride in the next object
			w.c.dups.Add(int64(len(pendingDups)))
			pendingDups = nil
		}
		ev := g.event(t)
		cur.records = append(cur.records, ev)
		cur.last = t
		if rng.Float64() < cfg.DuplicateRate {
			pendingDups = append(pendingDups, ev)
		}
	}
	if len(pendingDups) > 0 && cur != nil {
		objs = append(objs, &logObject{first: cur.first.Add(window), last: cur.last, records: pendingDups})
		w.c.dups.Add(int64(len(pendingDups)))
	}
	var digestFiles []jv
	for _, o := range objs {
		o.delivered = o.first.Add(window + time.Duration(1+rng.IntN(10))*time.Minute + time.Duration(rng.IntN(60))*time.Second)
		if rng.Float64() < cfg.LateRate {
			o.delivered = o.delivered.Add(time.Duration(1+rng.IntN(30)) * 24 * time.Hour)
		}
		rng.Shuffle(len(o.records), func(i, j int) { o.records[i], o.records[j] = o.records[j], o.records[i] })
		body := recordsJSON(o.records)
		key := w.key(acct, "CloudTrail", region, o.delivered, fmt.Sprintf("%s_CloudTrail_%s_%s_%s.json.gz", acct.id, region, o.delivered.Format("20060102T1504Z"), g.token(16)))
		if err := w.write(key, body, true); err != nil {
			return err
		}
		w.c.objects.Add(1)
		if cfg.Digests {
			sum := sha256.Sum256(body)
			digestFiles = append(digestFiles, obj("s3Bucket", "trail-bucket", "s3Object", key, "hashValue", hex.EncodeToString(sum[:]), "hashAlgorithm", "SHA-256",
				"newestEventTime", o.last.Format(time.RFC3339), "oldestEventTime", o.first.Format(time.RFC3339)))
		}
	}
	w.c.events.Add(int64(n))
	if cfg.Digests {
		end := day.Add(24 * time.Hour)
		name := fmt.Sprintf("%s_CloudTrail-Digest_%s_trail_%s_%s.json.gz", acct.id, region, regions[0], end.Format("20060102T150405Z"))
		key := w.key(acct, "CloudTrail-Digest", region, end, name)
		dg := obj("awsAccountId", acct.id, "digestStartTime", day.Format(time.RFC3339), "digestEndTime", end.Format(time.RFC3339),
			"digestS3Bucket", "trail-bucket", "digestS3Object", key, "digestPublicKeyFingerprint", g.hex(32), "digestSignatureAlgorithm", "SHA256withRSA",
			"newestEventTime", end.Add(-time.Second).Format(time.RFC3339), "oldestEventTime", day.Format(time.RFC3339),
			"previousDigestS3Bucket", "trail-bucket", "previousDigestHashValue", g.hex(64), "previousDigestHashAlgorithm", "SHA-256",
			"previousDigestSignature", g.hex(64), "logFiles", jarr(digestFiles))
		if err := w.write(key, dg.appendTo(nil), true); err != nil {
			return err
		}
		w.c.digests.Add(1)
	}
	if cfg.Insights && r == 0 && d%3 == 1 {
		if err := w.insight(g, day); err != nil {
			return err
		}
	}
	return nil
}

func recordsJSON(records [][]byte) []byte {
	size := 16
	for _, r := range records {
		size += len(r) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, `{"Records":[`...)
	for i, r := range records {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	return append(b, "]}"...)
}

// diurnal returns an offset into the day, busier in working hours (UTC).
func diurnal(rng *rand.Rand) time.Duration {
	for {
		s := rng.Float64() * 86400
		h := s / 3600
		p := 0.35 + 0.65*math.Exp(-math.Pow((h-14)/4.5, 2))
		if rng.Float64() < p {
			return time.Duration(s) * time.Second
		}
	}
}

func (w *writer) key(acct *account, kind, region string, t time.Time, name string) string {
	org := ""
	if w.cfg.OrgID != "" {
		org = w.cfg.OrgID + "/"
	}
	return fmt.Sprintf("AWSLogs/%s%s/%s/%s/%s/%s", org, acct.id, kind, region, t.Format("2006/01/02"), name)
}

func (w *writer) write(key string, body []byte, compress bool) error {
	p := filepath.Join(w.dir, filepath.FromSlash(key))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("generate %s: %w", p, err)
	}
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("generate %s: %w", p, err)
	}
	cw := &countWriter{w: f}
	if compress {
		zw := gzip.NewWriter(cw)
		_, err = zw.Write(body)
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	} else {
		_, err = cw.Write(body)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("generate %s: %w", p, err)
	}
	w.c.bytes.Add(cw.n)
	return nil
}

type countWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

func (w *writer) insight(g *eventGen, day time.Time) error {
	start := day.Add(time.Duration(8+g.rng.IntN(8)) * time.Hour)
	api := apis[g.rng.IntN(4)]
	var recs [][]byte
	for i, state := range []string{"Start", "End"} {
		t := start.Add(time.Duration(i) * time.Duration(20+g.rng.IntN(40)) * time.Minute)
		stats := obj("baseline", obj("average", jraw(fmt.Sprintf("%.7f", 0.5+g.rng.Float64()))), "insight", obj("average", num(5+g.rng.IntN(50))))
		if state == "End" {
			stats = append(stats, kv{"insightDuration", num(20 + g.rng.IntN(40))})
		}
		e := obj("eventVersion", "1.08", "eventTime", t.Format("2006-01-02T15:04:05Z"), "awsRegion", g.region, "eventID", g.uuid(),
			"eventType", "AwsCloudTrailInsight", "recipientAccountId", g.acct.id, "sharedEventID", g.uuid(),
			"insightDetails", obj("state", state, "eventSource", api.source+".amazonaws.com", "eventName", api.name, "insightType", "ApiCallRateInsight",
				"insightContext", obj("statistics", stats)),
			"eventCategory", "Insight")
		recs = append(recs, e.appendTo(nil))
	}
	t := start.Add(90 * time.Minute)
	key := w.key(g.acct, "CloudTrail-Insight", g.region, t, fmt.Sprintf("%s_CloudTrail-Insight_%s_%s_%s.json.gz", g.acct.id, g.region, t.Format("20060102T1504Z"), g.token(16)))
	if err := w.write(key, recordsJSON(recs), true); err != nil {
		return err
	}
	w.c.insights.Add(1)
	w.c.insightEvents.Add(int64(len(recs)))
	return nil
}

// badObjects writes cfg.BadObjects broken objects (BadKinds, in turn).
func (w *writer) badObjects(accts []*account) error {
	cfg := w.cfg
	rng := rand.New(rand.NewPCG(uint64(cfg.Seed), 0xbad))
	for i := 0; i < cfg.BadObjects; i++ {
		acct := accts[rng.IntN(len(accts))]
		region := regions[rng.IntN(cfg.Regions)]
		day := cfg.Start.AddDate(0, 0, rng.IntN(cfg.Days)).Add(time.Duration(rng.IntN(86400)) * time.Second)
		g := &eventGen{rng: rng, acct: acct, region: region}
		key := w.key(acct, "CloudTrail", region, day, fmt.Sprintf("%s_CloudTrail_%s_%s_%s.json.gz", acct.id, region, day.Format("20060102T1504Z"), g.token(16)))
		good := recordsJSON([][]byte{g.event(day), g.event(day.Add(time.Second))})
		var body []byte
		compress := true
		switch BadKinds[i%len(BadKinds)] {
		case "truncated-gzip":
			zb := gzipBytes(good)
			body, compress = zb[:len(zb)/2], false
		case "invalid-json":
			body = good[:len(good)*2/3]
		case "not-cloudtrail":
			body = []byte(`{"hello":"world","items":[1,2,3]}`)
		case "empty":
			body, compress = nil, false
		case "no-event-time":
			body = []byte(`{"Records":[{"eventVersion":"1.11","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"` + region + `","eventID":"` + g.uuid() + `","recipientAccountId":"` + acct.id + `"}]}`)
			w.badEvents.Add(1)
		case "wrong-types":
			body = []byte(`{"Records":[{"eventVersion":"1.11","eventTime":"` + day.Format("2006-01-02T15:04:05Z") + `","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"` + region + `","eventID":"` + g.uuid() + `","readOnly":"True","recipientAccountId":` + acct.id[1:] + `}]}`)
			w.badEvents.Add(1)
		}
		if err := w.write(key, body, compress); err != nil {
			return err
		}
		w.bad.Add(1)
	}
	return nil
}

func gzipBytes(b []byte) []byte {
	var buf bytesBuffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.b
}

type bytesBuffer struct{ b []byte }

func (b *bytesBuffer) Write(p []byte) (int, error) { b.b = append(b.b, p...); return len(p), nil }
