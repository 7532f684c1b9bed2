package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/robfig/cron/v3"

	"github.com/trailhouse/trailhouse/internal/objstore"
)

// Kinds of job.
const (
	KindConvert   = "convert"
	KindCompact   = "compact"
	KindRetention = "retention"
)

// Defaults of the config.
const (
	DefaultGracePeriod = 5 * time.Minute
	DefaultMaxMemory   = 512 << 20
	DefaultHistoryKeep = 100
	DefaultAttempts    = 3
	DefaultBackoff     = time.Minute
	DefaultMaxBackoff  = 15 * time.Minute
	DefaultLookback    = 7
	DefaultTargetSize  = 512 << 20
)

// Config is a loaded, validated config file.
type Config struct {
	Path    string
	Lake    StoreConfig
	Sources map[string]StoreConfig
	// Location is the time zone of schedules without CRON_TZ= (default
	// the machine's local zone).
	Location    *time.Location
	Listen      string // address of /healthz and /metrics; "" for none
	GracePeriod time.Duration
	MaxMemory   int64
	TempDir     string
	HistoryKeep int    // run records kept per job in the lake
	Jobs        []*Job // in file order
}

// Job is one scheduled job.
type Job struct {
	Name     string
	Kind     string
	Spec     string        // the schedule as written
	Schedule cron.Schedule // parsed, with the config's time zone applied
	Retry    RetryPolicy
	// CatchUp: at start-up, run once if the last success is older than
	// the schedule's previous fire time (default true).
	CatchUp bool
	Timeout time.Duration // 0: none
	Line    int           // of the job's name in the config file

	Convert   *ConvertJob
	Compact   *CompactJob
	Retention *RetentionJob
}

// ConvertJob is a convert job's settings (see trailhouse convert).
type ConvertJob struct {
	Source        string // a key of Config.Sources
	Lookback      int
	Shard, Shards int
	Workers       int
	LeaseTTL      time.Duration
}

// CompactJob is a compact job's settings (see trailhouse compact).
type CompactJob struct {
	TargetSize int64
	Partition  string // only partitions under this path; "" for all
}

// RetentionJob is a retention job's settings.
type RetentionJob struct {
	KeepDays int
	// DryRun (the default) only reports what would be deleted; the config
	// says dry_run: false to delete.
	DryRun bool
}

// RetryPolicy says how a failed run is retried: Attempts runs at most in
// all, the n-th retry after Backoff·2^(n-1), at most MaxBackoff.
type RetryPolicy struct {
	Attempts   int
	Backoff    time.Duration
	MaxBackoff time.Duration
}

// Delay is the wait before retry n (1 for the first retry).
func (p RetryPolicy) Delay(n int) time.Duration {
	d := p.Backoff
	for i := 1; i < n && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.MaxBackoff)
}

// Job returns the job called name, or an error wrapping ErrUnknownJob.
func (c *Config) Job(name string) (*Job, error) {
	var names []string
	for _, j := range c.Jobs {
		if j.Name == name {
			return j, nil
		}
		names = append(names, j.Name)
	}
	return nil, fmt.Errorf("%w %q in %s (jobs: %s)", ErrUnknownJob, name, c.Path, strings.Join(names, ", "))
}

// Secret is a config value that is never shown: its String, GoString,
// MarshalJSON and LogValue all say REDACTED.
type Secret string

func (s Secret) String() string               { return redacted(s) }
func (s Secret) GoString() string             { return redacted(s) }
func (s Secret) LogValue() slog.Value         { return slog.StringValue(redacted(s)) }
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(redacted(s))), nil }

func redacted(s Secret) string {
	if s == "" {
		return ""
	}
	return "REDACTED"
}

// StoreConfig says where a source or the lake is and how to reach it.
type StoreConfig struct {
	URI         string `yaml:"uri"`
	Profile     string `yaml:"profile"`
	Region      string `yaml:"region"`
	EndpointURL string `yaml:"endpoint_url"`
	PathStyle   bool   `yaml:"path_style"`
	S3Retries   *int   `yaml:"s3_retries"`
	// Static credentials, for S3-compatible stores; AWS takes the standard
	// chain (environment, profile, roles) when these are empty.
	AccessKeyID     Secret `yaml:"access_key_id"`
	SecretAccessKey Secret `yaml:"secret_access_key"`
	SessionToken    Secret `yaml:"session_token"`

	Name string `yaml:"-"` // "lake" or "source NAME"
	Line int    `yaml:"-"` // of the uri (or of the store's key)
}

// S3Options are the store options to open the store with.
func (s StoreConfig) S3Options() objstore.S3Options {
	o := objstore.S3Options{
		Profile: s.Profile, Region: s.Region, EndpointURL: s.EndpointURL, PathStyle: s.PathStyle,
		AccessKeyID: string(s.AccessKeyID), SecretAccessKey: string(s.SecretAccessKey), SessionToken: string(s.SessionToken),
		MaxRetries: objstore.DefaultS3MaxRetries, AppID: "trailhouse-schedule",
	}
	if s.S3Retries != nil {
		o.MaxRetries = *s.S3Retries
		if o.MaxRetries == 0 {
			o.MaxRetries = -1 // S3Options: negative means none
		}
	}
	return o
}

// Open opens the store.
func (s StoreConfig) Open(ctx context.Context) (objstore.Store, error) {
	st, err := objstore.Open(ctx, s.URI, s.S3Options())
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", s.Name, s.URI, err)
	}
	return st, nil
}

// Duration is a config duration ("90s", "5m", "2h").
type Duration time.Duration

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (d *Duration) UnmarshalYAML(n ast.Node) error {
	s := scalar(n)
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return nodeErr(n, "want a duration such as 90s, 5m or 2h, not %q", s)
	}
	*d = Duration(v)
	return nil
}

// Bytes is a config size: a number of bytes, or with a unit (KiB, MiB,
// GiB, KB, MB, GB).
type Bytes int64

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (b *Bytes) UnmarshalYAML(n ast.Node) error {
	s := strings.TrimSpace(scalar(n))
	v, err := ParseBytes(s)
	if err != nil {
		return nodeErr(n, "want a size such as 536870912, 512MiB or 2GiB, not %q", s)
	}
	*b = Bytes(v)
	return nil
}

// ParseBytes reads a size: a number of bytes, or a number with a unit:
// 536870912, 512MiB, 512M, 4GiB, 1.5GB (KiB/MiB/GiB/TiB and K/M/G/T are
// powers of 1024, KB/MB/GB/TB of 1000; case does not matter).
func ParseBytes(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	scale := 1.0
	for _, u := range byteUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, scale = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.scale
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) || f*scale > math.MaxInt64 {
		return 0, fmt.Errorf("%q is not a size (write bytes, or a number with KiB, MiB, GiB, KB, MB, GB)", s)
	}
	return int64(f * scale), nil
}

var byteUnits = []struct {
	suffix string
	scale  float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1},
}

func scalar(n ast.Node) string {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value
	case *ast.LiteralNode:
		return n.Value.Value
	}
	return n.GetToken().Value
}

// lineError is a config problem at a line.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func nodeErr(n ast.Node, format string, args ...any) error {
	return &lineError{line: lineOf(n), msg: fmt.Sprintf(format, args...)}
}

func lineOf(n ast.Node) int {
	if n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

// ConfigError lists every problem of a config file.
type ConfigError struct {
	Path     string
	Problems []string // "LINE: message" or "message", in line order
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Path, ErrConfig)
	if len(e.Problems) == 1 {
		return fmt.Sprintf("%s:%s", e.Path, e.Problems[0])
	}
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  %s:%s", e.Path, p)
	}
	return b.String()
}

func (e *ConfigError) Unwrap() error { return ErrConfig }

type problems struct {
	list []*lineError
}

func (p *problems) add(line int, format string, args ...any) {
	p.list = append(p.list, &lineError{line: line, msg: fmt.Sprintf(format, args...)})
}

func (p *problems) err(path string) error {
	if len(p.list) == 0 {
		return nil
	}
	sort.SliceStable(p.list, func(i, j int) bool { return p.list[i].line < p.list[j].line })
	e := &ConfigError{Path: path}
	for _, l := range p.list {
		if l.line > 0 {
			e.Problems = append(e.Problems, fmt.Sprintf("%d: %s", l.line, l.msg))
		} else {
			e.Problems = append(e.Problems, " "+l.msg)
		}
	}
	return e
}

// The file's shape. Jobs are decoded per kind, each kind with its own keys.
type fileConfig struct {
	Lake        StoreConfig            `yaml:"lake"`
	Sources     map[string]StoreConfig `yaml:"sources"`
	Timezone    string                 `yaml:"timezone"`
	Listen      string                 `yaml:"listen"`
	GracePeriod *Duration              `yaml:"grace_period"`
	MaxMemory   *Bytes                 `yaml:"max_memory"`
	TempDir     string                 `yaml:"temp_dir"`
	HistoryKeep *int                   `yaml:"history_keep"`
	Retry       retryYAML              `yaml:"retry"`
	Jobs        rawNode                `yaml:"jobs"`
}

type retryYAML struct {
	Attempts   *int      `yaml:"attempts"`
	Backoff    *Duration `yaml:"backoff"`
	MaxBackoff *Duration `yaml:"max_backoff"`
}

type jobCommon struct {
	Kind     string     `yaml:"kind"`
	Schedule string     `yaml:"schedule"`
	Timeout  Duration   `yaml:"timeout"`
	Retry    *retryYAML `yaml:"retry"`
	CatchUp  *bool      `yaml:"catch_up"`
}

type convertYAML struct {
	Common   jobCommon `yaml:",inline"`
	Source   string    `yaml:"source"`
	Lookback *int      `yaml:"lookback"`
	Shard    string    `yaml:"shard"`
	Workers  int       `yaml:"workers"`
	LeaseTTL Duration  `yaml:"lease_ttl"`
}

type compactYAML struct {
	Common     jobCommon `yaml:",inline"`
	TargetSize *Bytes    `yaml:"target_size"`
	Partition  string    `yaml:"partition"`
}

type retentionYAML struct {
	Common   jobCommon `yaml:",inline"`
	KeepDays int       `yaml:"keep_days"`
	DryRun   *bool     `yaml:"dry_run"`
}

// rawNode keeps a node to decode later.
type rawNode struct{ node ast.Node }

func (r *rawNode) UnmarshalYAML(n ast.Node) error { r.node = n; return nil }

var jobName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// Load reads and validates the config file at path; env looks up ${VAR}
// (nil: os.LookupEnv). Nothing is contacted: see Probe.
func Load(path string, env func(string) (string, bool)) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	c, err := Parse(path, b, env)
	if err != nil {
		return nil, err
	}
	c.resolvePaths()
	return c, nil
}

// Parse is Load on the file's content; path names it in messages.
func Parse(path string, data []byte, env func(string) (string, bool)) (*Config, error) {
	if env == nil {
		env = os.LookupEnv
	}
	var p problems
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		p.add(yamlLine(err), "%s", yamlMessage(err))
		return nil, p.err(path)
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		p.add(0, "want one YAML document with lake: and jobs:")
		return nil, p.err(path)
	}
	root := f.Docs[0].Body
	expandNode(root, env, &p)
	if err := p.err(path); err != nil {
		return nil, err
	}
	var fc fileConfig
	if err := yaml.NodeToValue(root, &fc, yaml.Strict()); err != nil {
		p.add(yamlLine(err), "%s", yamlMessage(err))
		return nil, p.err(path)
	}
	c := &Config{Path: path, Sources: map[string]StoreConfig{}, Listen: fc.Listen, TempDir: fc.TempDir,
		GracePeriod: DefaultGracePeriod, MaxMemory: DefaultMaxMemory, HistoryKeep: DefaultHistoryKeep, Location: time.Local}
	if fc.GracePeriod != nil {
		c.GracePeriod = time.Duration(*fc.GracePeriod)
	}
	if fc.MaxMemory != nil {
		c.MaxMemory = int64(*fc.MaxMemory)
	}
	if fc.HistoryKeep != nil {
		c.HistoryKeep = *fc.HistoryKeep
		if c.HistoryKeep < 1 {
			p.add(keyLine(root, "history_keep"), "history_keep must be at least 1")
		}
	}
	if fc.Timezone != "" {
		loc, err := time.LoadLocation(fc.Timezone)
		if err != nil {
			p.add(keyLine(root, "timezone"), "timezone %q: %v", fc.Timezone, err)
		} else {
			c.Location = loc
		}
	}
	defRetry := RetryPolicy{Attempts: DefaultAttempts, Backoff: DefaultBackoff, MaxBackoff: DefaultMaxBackoff}
	defRetry = fc.Retry.apply(defRetry, child(root, "retry"), &p)

	// Stores.
	c.Lake = fc.Lake
	c.Lake.Name = "lake"
	checkStore(&c.Lake, child(root, "lake"), keyLine(root, "lake"), &p, false)
	if srcs := child(root, "sources"); srcs != nil {
		for _, mv := range mappingValues(srcs) {
			name := mv.Key.GetToken().Value
			s := fc.Sources[name]
			s.Name = "source " + name
			checkStore(&s, mv.Value, lineOf(mv.Key), &p, true)
			c.Sources[name] = s
		}
	}

	// Jobs.
	jobs := fc.Jobs.node
	if jobs == nil || len(mappingValues(jobs)) == 0 {
		p.add(keyLine(root, "jobs"), "no jobs: add at least one under jobs: (see trailhouse config init)")
	}
	for _, mv := range mappingValues(jobs) {
		if j := parseJob(c, mv, defRetry, &p); j != nil {
			c.Jobs = append(c.Jobs, j)
		}
	}
	if err := p.err(path); err != nil {
		return nil, err
	}
	return c, nil
}

func (r retryYAML) apply(def RetryPolicy, n ast.Node, p *problems) RetryPolicy {
	if r.Attempts != nil {
		def.Attempts = *r.Attempts
		if def.Attempts < 1 {
			p.add(keyLine(n, "attempts"), "retry attempts must be at least 1 (1: no retry)")
		}
	}
	if r.Backoff != nil {
		def.Backoff = time.Duration(*r.Backoff)
	}
	if r.MaxBackoff != nil {
		def.MaxBackoff = time.Duration(*r.MaxBackoff)
	}
	if def.MaxBackoff < def.Backoff {
		def.MaxBackoff = def.Backoff
	}
	return def
}

func checkStore(s *StoreConfig, n ast.Node, keyLn int, p *problems, source bool) {
	s.Line = keyLine(n, "uri")
	if s.Line == 0 {
		s.Line = keyLn
	}
	if s.URI == "" {
		p.add(s.Line, "%s: uri is required (a directory or s3://bucket/prefix)", s.Name)
		return
	}
	if strings.HasPrefix(s.URI, "s3://") {
		if _, _, err := objstore.ParseURI(s.URI); err != nil {
			p.add(s.Line, "%s: %v", s.Name, err)
		}
		return
	}
	if i := strings.Index(s.URI, "://"); i > 0 {
		p.add(s.Line, "%s: %s: only s3:// and local directories are supported", s.Name, s.URI)
		return
	}
	if s.EndpointURL != "" || s.Profile != "" || s.AccessKeyID != "" {
		p.add(s.Line, "%s: %s is a local directory: S3 settings (profile, endpoint_url, credentials) do not apply", s.Name, s.URI)
	}
}

func parseJob(c *Config, mv *ast.MappingValueNode, defRetry RetryPolicy, p *problems) *Job {
	name := mv.Key.GetToken().Value
	line := lineOf(mv.Key)
	if !jobName.MatchString(name) {
		p.add(line, "job name %q: use letters, digits, '-', '_' and '.', starting with a letter or digit", name)
		return nil
	}
	kindNode := child(mv.Value, "kind")
	if kindNode == nil {
		p.add(line, "job %s: kind is required: convert, compact or retention", name)
		return nil
	}
	j := &Job{Name: name, Kind: scalar(kindNode), Line: line, CatchUp: true}
	var (
		common *jobCommon
		target any
	)
	var cy convertYAML
	var ky compactYAML
	var ry retentionYAML
	switch j.Kind {
	case KindConvert:
		common, target = &cy.Common, &cy
	case KindCompact:
		common, target = &ky.Common, &ky
	case KindRetention:
		common, target = &ry.Common, &ry
	default:
		p.add(lineOf(kindNode), "job %s: unknown kind %q: want convert, compact or retention", name, j.Kind)
		return nil
	}
	if err := yaml.NodeToValue(mv.Value, target, yaml.Strict()); err != nil {
		var uf *yaml.UnknownFieldError
		if errors.As(err, &uf) {
			p.add(yamlLine(err), "job %s: unknown key %s for a %s job (its keys: %s)", name,
				strings.TrimPrefix(uf.Message, "unknown field "), j.Kind, strings.Join(keysOf(target), ", "))
		} else {
			p.add(yamlLine(err), "job %s: %s", name, yamlMessage(err))
		}
		return nil
	}
	n := mv.Value
	j.Spec = common.Schedule
	j.Timeout = time.Duration(common.Timeout)
	if common.CatchUp != nil {
		j.CatchUp = *common.CatchUp
	}
	j.Retry = defRetry
	if common.Retry != nil {
		j.Retry = common.Retry.apply(defRetry, child(n, "retry"), p)
	}
	if j.Spec == "" {
		p.add(line, "job %s: schedule is required, e.g. \"0 2 * * *\", @daily or \"CRON_TZ=Europe/Berlin 30 1 * * *\"", name)
	} else {
		s, err := ParseSchedule(j.Spec, c.Location)
		if err != nil {
			p.add(keyLine(n, "schedule"), "job %s: schedule %q: %v", name, j.Spec, err)
		}
		j.Schedule = s
	}
	switch j.Kind {
	case KindConvert:
		cj := &ConvertJob{Source: cy.Source, Lookback: DefaultLookback, Workers: cy.Workers, LeaseTTL: time.Duration(cy.LeaseTTL)}
		if cj.Source == "" && len(c.Sources) == 1 {
			for s := range c.Sources {
				cj.Source = s
			}
		}
		if _, ok := c.Sources[cj.Source]; !ok {
			var names []string
			for s := range c.Sources {
				names = append(names, s)
			}
			sort.Strings(names)
			ln := keyLine(n, "source")
			if ln == 0 {
				ln = line
			}
			if cj.Source == "" {
				p.add(ln, "job %s: source is required (sources: %s)", name, strings.Join(names, ", "))
			} else {
				p.add(ln, "job %s: no source %q under sources: (sources: %s)", name, cj.Source, strings.Join(names, ", "))
			}
		}
		if cy.Lookback != nil {
			cj.Lookback = *cy.Lookback
			if cj.Lookback < 0 {
				p.add(keyLine(n, "lookback"), "job %s: lookback must be >= 0", name)
			}
		}
		cj.Shard, cj.Shards = 0, 1
		if cy.Shard != "" {
			i, k, ok := parseShard(cy.Shard)
			if !ok {
				p.add(keyLine(n, "shard"), "job %s: shard %q: want I/N with 0 <= I < N, e.g. 0/4", name, cy.Shard)
			}
			cj.Shard, cj.Shards = i, k
		}
		if cj.Workers < 0 {
			p.add(keyLine(n, "workers"), "job %s: workers must be >= 0", name)
		}
		j.Convert = cj
	case KindCompact:
		kj := &CompactJob{TargetSize: DefaultTargetSize, Partition: ky.Partition}
		if ky.TargetSize != nil {
			kj.TargetSize = int64(*ky.TargetSize)
		}
		j.Compact = kj
	case KindRetention:
		rj := &RetentionJob{KeepDays: ry.KeepDays, DryRun: true}
		if ry.DryRun != nil {
			rj.DryRun = *ry.DryRun
		}
		if rj.KeepDays < 1 {
			ln := keyLine(n, "keep_days")
			if ln == 0 {
				ln = line
			}
			p.add(ln, "job %s: keep_days is required and must be at least 1 (partitions older than that many days are deleted)", name)
		}
		j.Retention = rj
	}
	return j
}

func parseShard(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 1, false
	}
	return i, n, true
}

// cronParser takes standard 5-field expressions, descriptors (@daily,
// @every 1h) and a CRON_TZ= or TZ= prefix.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a cron schedule; loc is the zone of a spec without
// CRON_TZ= (nil: the zone of the times it is asked about).
func ParseSchedule(spec string, loc *time.Location) (cron.Schedule, error) {
	spec = strings.TrimSpace(spec)
	if loc != nil && !strings.HasPrefix(spec, "CRON_TZ=") && !strings.HasPrefix(spec, "TZ=") && !strings.HasPrefix(spec, "@every") {
		spec = "CRON_TZ=" + loc.String() + " " + spec
	}
	s, err := cronParser.Parse(spec)
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "failed to parse int from "))
	}
	return s, nil
}

// expandNode replaces ${VAR} (and ${VAR:-default}) in every scalar value
// under n, not in keys. A variable that is not set is a problem.
func expandNode(n ast.Node, env func(string) (string, bool), p *problems) {
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			expandNode(mv.Value, env, p)
		}
	case *ast.MappingValueNode:
		expandNode(n.Value, env, p)
	case *ast.SequenceNode:
		for _, v := range n.Values {
			expandNode(v, env, p)
		}
	case *ast.TagNode:
		expandNode(n.Value, env, p)
	case *ast.AnchorNode:
		expandNode(n.Value, env, p)
	case *ast.LiteralNode:
		expandNode(n.Value, env, p)
	case *ast.StringNode:
		v, err := expand(n.Value, env)
		if err != nil {
			p.add(lineOf(n), "%v", err)
			return
		}
		n.Value = v
	}
}

func expand(s string, env func(string) (string, bool)) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", fmt.Errorf("unclosed ${ in value")
		}
		ref := s[i+2 : i+end]
		name, def, hasDef := strings.Cut(ref, ":-")
		if !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(name) {
			return "", fmt.Errorf("${%s}: not a variable name", ref)
		}
		v, ok := env(name)
		switch {
		case ok && v != "":
		case hasDef:
			v = def
		case !ok:
			return "", fmt.Errorf("environment variable %s is not set (write ${%s:-default} for a default)", name, name)
		}
		b.WriteString(v)
		s = s[i+end+1:]
	}
}

// child returns the value of key in the mapping n, or nil.
func child(n ast.Node, key string) ast.Node {
	for _, mv := range mappingValues(n) {
		if mv.Key.GetToken().Value == key {
			return mv.Value
		}
	}
	return nil
}

// keyLine returns the line of key in the mapping n, or 0.
func keyLine(n ast.Node, key string) int {
	for _, mv := range mappingValues(n) {
		if mv.Key.GetToken().Value == key {
			return lineOf(mv.Key)
		}
	}
	return 0
}

func mappingValues(n ast.Node) []*ast.MappingValueNode {
	switch n := n.(type) {
	case *ast.MappingNode:
		return n.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}
	}
	return nil
}

// yamlLine and yamlMessage take apart the errors of the YAML library, and
// of our own unmarshalers.
func yamlLine(err error) int {
	var le *lineError
	if errors.As(err, &le) {
		return le.line
	}
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return ye.GetToken().Position.Line
	}
	return 0
}

func yamlMessage(err error) string {
	var le *lineError
	if errors.As(err, &le) {
		return le.msg
	}
	var uf *yaml.UnknownFieldError
	if errors.As(err, &uf) {
		return "unknown key " + strings.TrimPrefix(uf.Message, "unknown field ")
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		field := ""
		if te.StructFieldName != nil {
			field = *te.StructFieldName
			if i := strings.LastIndexByte(field, '.'); i >= 0 {
				field = field[i+1:]
			}
			field = " for " + yamlKeyOf(field)
		}
		return fmt.Sprintf("wrong type%s: want %s, not %s", field, te.DstType, te.SrcType)
	}
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return err.Error()
}

// yamlKeyOf turns a Go field name (LeaseTTL) into its key (lease_ttl).
func yamlKeyOf(field string) string {
	for _, t := range []any{fileConfig{}, StoreConfig{}, retryYAML{}, jobCommon{}, convertYAML{}, compactYAML{}, retentionYAML{}} {
		if f, ok := reflect.TypeOf(t).FieldByName(field); ok {
			if k, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); k != "" && k != "-" {
				return k
			}
		}
	}
	return field
}

// keysOf lists the YAML keys of a struct, inline fields included.
func keysOf(v any) []string {
	var keys []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			k, opt, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			switch {
			case opt == "inline":
				walk(f.Type)
			case k != "" && k != "-":
				keys = append(keys, k)
			}
		}
	}
	walk(reflect.TypeOf(v).Elem())
	return keys
}

// Probe checks that the lake and each source a job uses can be reached
// (one LIST each), so that a daemon does not start half-configured. A
// local source must be an existing directory.
func (c *Config) Probe(ctx context.Context) error {
	var p problems
	used := map[string]bool{}
	for _, j := range c.Jobs {
		if j.Convert != nil {
			used[j.Convert.Source] = true
		}
	}
	stores := []StoreConfig{c.Lake}
	var names []string
	for n := range used {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		stores = append(stores, c.Sources[n])
	}
	for _, s := range stores {
		if err := probe(ctx, s); err != nil {
			p.add(s.Line, "%s %s is not reachable: %v", s.Name, s.URI, err)
		}
	}
	return p.err(c.Path)
}

var errStop = errors.New("stop")

func probe(ctx context.Context, s StoreConfig) error {
	if !strings.HasPrefix(s.URI, "s3://") {
		if s.Name == "lake" {
			return nil // created on first write
		}
		st, err := os.Stat(s.URI)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			return fmt.Errorf("not a directory")
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	o := s.S3Options()
	o.MaxRetries = 1
	st, err := objstore.Open(ctx, s.URI, o)
	if err != nil {
		return err
	}
	err = st.ListDirs(ctx, "", func(string) error { return errStop })
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

// resolvePaths makes a relative local store URI relative to the config
// file's directory, so that a config works from any working directory.
func (c *Config) resolvePaths() {
	dir := filepath.Dir(c.Path)
	fix := func(s *StoreConfig) {
		if s.URI != "" && !strings.HasPrefix(s.URI, "s3://") && !filepath.IsAbs(s.URI) {
			if abs, err := filepath.Abs(filepath.Join(dir, s.URI)); err == nil {
				s.URI = abs
			}
		}
	}
	fix(&c.Lake)
	for n, s := range c.Sources {
		fix(&s)
		c.Sources[n] = s
	}
}
