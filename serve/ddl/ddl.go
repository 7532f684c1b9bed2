package ddl

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/trailhouse/trailhouse/internal/record"
)

// Engines that Generate writes for.
const (
	Athena = "athena"
	Trino  = "trino"
	Spark  = "spark"
	DuckDB = "duckdb"
)

// Engines lists the engine names Generate accepts.
var Engines = []string{Athena, Trino, Spark, DuckDB}

// Sentinel errors.
var (
	ErrEngine   = errors.New("unknown engine")
	ErrLocation = errors.New("invalid location")
)

// Options say where the lake is and how to name what is created.
type Options struct {
	// Location is the lake root: s3://bucket/prefix or a local directory.
	Location string
	// Database is the Athena/Spark database or the Trino schema to create
	// the tables in; "" means "cloudtrail". DuckDB ignores it.
	Database string
	// Catalog is the Trino catalog of the Hive connector; "" means "hive".
	Catalog string
	// Insights also creates the insights table (and its view). DuckDB's
	// view fails to create while the lake has no insights file, so it is
	// off by default.
	Insights bool
	// Accounts, when set, makes Athena's account projection an enum of
	// these ids; otherwise it is "injected" (every query must then give
	// the account with = or IN).
	Accounts []string
	// Regions is Athena's region projection enum; nil means AWSRegions.
	Regions []string
	// StartDate is the first day (YYYY-MM-DD) of Athena's date projection;
	// "" means 2013-11-01, when CloudTrail began.
	StartDate string
}

// AWSRegions are the commercial, GovCloud and China regions, for Athena's
// region projection.
var AWSRegions = []string{
	"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
	"ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1",
	"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
	"eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
	"us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
}

// DefaultPartition is the Hive name of a NULL partition value.
const DefaultPartition = "__HIVE_DEFAULT_PARTITION__"

// Tables of the lake.
const (
	TableEvents   = "cloudtrail_logs"
	TableInsights = "insights"
)

// Generate returns the statements for engine.
func Generate(engine string, opt Options) (string, error) {
	loc, err := cleanLocation(opt.Location)
	if err != nil {
		return "", err
	}
	opt.Location = loc
	if opt.Database == "" {
		opt.Database = "cloudtrail"
	}
	if opt.Catalog == "" {
		opt.Catalog = "hive"
	}
	if opt.Regions == nil {
		opt.Regions = AWSRegions
	}
	if opt.StartDate == "" {
		opt.StartDate = "2013-11-01"
	}
	for _, a := range opt.Accounts {
		if len(a) != 12 || strings.Trim(a, "0123456789") != "" {
			return "", fmt.Errorf("account %q: not 12 digits", a)
		}
	}
	var b strings.Builder
	switch engine {
	case Athena:
		athena(&b, opt)
	case Trino:
		trino(&b, opt)
	case Spark:
		spark(&b, opt)
	case DuckDB:
		duckdb(&b, opt)
	default:
		return "", fmt.Errorf("%w %q (want one of %s)", ErrEngine, engine, strings.Join(Engines, ", "))
	}
	return b.String(), nil
}

func cleanLocation(loc string) (string, error) {
	if loc == "" {
		return "", fmt.Errorf("%w: empty", ErrLocation)
	}
	if strings.ContainsAny(loc, "'\n\r\x00") {
		return "", fmt.Errorf("%w %q: quotes and line breaks are not allowed", ErrLocation, loc)
	}
	if strings.Contains(loc, "://") && !strings.HasPrefix(loc, "s3://") && !strings.HasPrefix(loc, "s3a://") &&
		!strings.HasPrefix(loc, "gs://") && !strings.HasPrefix(loc, "abfss://") && !strings.HasPrefix(loc, "file://") {
		return "", fmt.Errorf("%w %q: want s3://bucket/prefix or a directory", ErrLocation, loc)
	}
	if loc != "/" {
		loc = strings.TrimRight(loc, "/")
	}
	return loc, nil
}

func (o Options) tables() []string {
	if o.Insights {
		return []string{TableEvents, TableInsights}
	}
	return []string{TableEvents}
}

// tableDir is the table's directory under the lake root.
func (o Options) tableDir(table string) string {
	if o.Location == "/" {
		return "/" + table
	}
	return o.Location + "/" + table
}

// field is a node of the nested CloudTrail shape: a leaf names its flat
// column; a struct has children.
type field struct {
	name     string // lower-case CloudTrail key
	col      *record.Column
	children []*field
}

// nested returns the structs of the Athena shape (useridentity, addendum,
// tlsdetails, ...) built from the columns whose CloudTrail path is deeper
// than one key, in schema order.
func nested() []*field {
	var roots []*field
	find := func(list []*field, name string) *field {
		for _, f := range list {
			if f.name == name {
				return f
			}
		}
		return nil
	}
	for _, c := range record.All() {
		if len(c.Path) < 2 || c.Kind == record.StringList {
			continue
		}
		c := c
		list := &roots
		for i, key := range c.Path {
			name := strings.ToLower(key)
			f := find(*list, name)
			if f == nil {
				f = &field{name: name}
				*list = append(*list, f)
			}
			if i == len(c.Path)-1 {
				f.col = &c
			}
			list = &f.children
		}
	}
	return roots
}

// resourceFields are the names of the resources row's fields and their
// list columns, in schema order.
func resourceFields() (names, cols []string) {
	for _, c := range record.ResourceColumns {
		names = append(names, strings.ToLower(c.Path[0]))
		cols = append(cols, c.Name)
	}
	return names, cols
}

// athenaTopLevel is the column order of Athena's documented CloudTrail
// table (the shape of the compatibility views): flat column names of
// one-key paths, struct roots, and "resources".
func athenaTopLevel() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range record.All() {
		var name string
		switch {
		case c.Kind == record.StringList:
			name = "resources"
		case len(c.Path) == 0:
			continue // _extra, _source: not in the CloudTrail shape
		case len(c.Path) == 1:
			name = c.Name
		default:
			name = strings.ToLower(c.Path[0])
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

var partitionCols = []string{record.PartAccount, record.PartRegion, record.PartDate}

func isStruct(name string, roots []*field) *field {
	i := slices.IndexFunc(roots, func(f *field) bool { return f.name == name })
	if i < 0 {
		return nil
	}
	return roots[i]
}
