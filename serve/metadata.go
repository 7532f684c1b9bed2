package serve

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql/schema_ref"

	"github.com/trailhouse/trailhouse/query/fn"
	"github.com/trailhouse/trailhouse/query/plan"
	"github.com/trailhouse/trailhouse/query/vec"
)

// The lake's tables are shown in one catalog and one schema. The engine
// resolves a table by its last name part, so queries that BI tools write
// with these qualifiers ("trailhouse"."cloudtrail"."cloudtrail_logs") run
// as they are.
const (
	Catalog  = "trailhouse"
	DBSchema = "cloudtrail"
)

func (f *flightSQL) registerSqlInfo() error {
	info := map[flightsql.SqlInfo]any{
		flightsql.SqlInfoFlightSqlServerName:             "trailhouse",
		flightsql.SqlInfoFlightSqlServerVersion:          f.s.cfg.Version,
		flightsql.SqlInfoFlightSqlServerArrowVersion:     arrow.PkgVersion,
		flightsql.SqlInfoFlightSqlServerReadOnly:         true,
		flightsql.SqlInfoFlightSqlServerSql:              true,
		flightsql.SqlInfoFlightSqlServerSubstrait:        false,
		flightsql.SqlInfoFlightSqlServerTransaction:      int32(flightsql.SqlTransactionNone),
		flightsql.SqlInfoFlightSqlServerCancel:           false,
		flightsql.SqlInfoFlightSqlServerStatementTimeout: int32(f.s.cfg.QueryTimeout.Seconds()),
		flightsql.SqlInfoFlightSqlServerBulkIngestion:    false,
		flightsql.SqlInfoDDLCatalog:                      false,
		flightsql.SqlInfoDDLSchema:                       false,
		flightsql.SqlInfoDDLTable:                        false,
		// Trino folds unquoted names to lower case, and quoted ones too.
		flightsql.SqlInfoIdentifierCase:                int64(flightsql.SqlCaseSensitivityLowerCase),
		flightsql.SqlInfoIdentifierQuoteChar:           `"`,
		flightsql.SqlInfoQuotedIdentifierCase:          int64(flightsql.SqlCaseSensitivityCaseInsensitive),
		flightsql.SqlInfoAllTablesAreASelectable:       true,
		flightsql.SqlInfoNullOrdering:                  int64(flightsql.SqlNullOrderingSortAtEnd),
		flightsql.SqlInfoSearchStringEscape:            `\`,
		flightsql.SqlInfoSchemaTerm:                    "schema",
		flightsql.SqlInfoCatalogTerm:                   "catalog",
		flightsql.SqlInfoCatalogAtStart:                true,
		flightsql.SqlInfoSupportsColumnAliasing:        true,
		flightsql.SqlInfoSupportsTableCorrelationNames: true,
		flightsql.SqlInfoSupportsExpressionsInOrderBy:  true,
		flightsql.SqlInfoSupportsLikeEscapeClause:      true,
		flightsql.SqlInfoSupportsNonNullableColumns:    false,
		flightsql.SqlInfoSelectForUpdateSupported:      false,
		flightsql.SqlInfoBatchUpdatesSupported:         false,
		flightsql.SqlInfoTransactionsSupported:         false,
	}
	for id, v := range info {
		if err := f.RegisterSqlInfo(id, v); err != nil {
			return err
		}
	}
	return nil
}

func infoFor(desc *flight.FlightDescriptor, schema *arrow.Schema) *flight.FlightInfo {
	return &flight.FlightInfo{
		Endpoint:         []*flight.FlightEndpoint{{Ticket: &flight.Ticket{Ticket: desc.Cmd}}},
		FlightDescriptor: desc,
		Schema:           flight.SerializeSchema(schema, mem),
		TotalRecords:     -1,
		TotalBytes:       -1,
	}
}

// one streams a single batch built by fill (which appends to the
// builder's columns).
func one(schema *arrow.Schema, fill func(b *array.RecordBuilder)) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	fill(b)
	ch := make(chan flight.StreamChunk, 1)
	ch <- flight.StreamChunk{Data: b.NewRecordBatch()}
	close(ch)
	return schema, ch, nil
}

// like matches a JDBC search pattern (% and _, escaped by \); nil matches
// everything.
func like(p *string) (func(string) bool, error) {
	if p == nil || *p == "" {
		return func(string) bool { return true }, nil
	}
	return fn.LikeMatcher(*p, '\\')
}

func (f *flightSQL) GetFlightInfoCatalogs(_ context.Context, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.Catalogs), nil
}

func (f *flightSQL) DoGetCatalogs(context.Context) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.Catalogs, func(b *array.RecordBuilder) {
		b.Field(0).(*array.StringBuilder).Append(Catalog)
	})
}

func (f *flightSQL) GetFlightInfoSchemas(_ context.Context, _ flightsql.GetDBSchemas, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.DBSchemas), nil
}

func (f *flightSQL) DoGetDBSchemas(_ context.Context, cmd flightsql.GetDBSchemas) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	m, err := like(cmd.GetDBSchemaFilterPattern())
	if err != nil {
		return nil, nil, grpcError(badPattern(err))
	}
	show := catalogMatches(cmd.GetCatalog()) && m(DBSchema)
	return one(schema_ref.DBSchemas, func(b *array.RecordBuilder) {
		if show {
			b.Field(0).(*array.StringBuilder).Append(Catalog)
			b.Field(1).(*array.StringBuilder).Append(DBSchema)
		}
	})
}

func catalogMatches(c *string) bool { return c == nil || *c == "" || *c == Catalog }

func badPattern(err error) error {
	return errors.Join(errPattern, err)
}

var errPattern = errors.New("bad search pattern")

func (f *flightSQL) GetFlightInfoTables(_ context.Context, cmd flightsql.GetTables, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	if cmd.GetIncludeSchema() {
		return infoFor(desc, schema_ref.TablesWithIncludedSchema), nil
	}
	return infoFor(desc, schema_ref.Tables), nil
}

// lakeTables are the tables SHOW TABLES lists (insights only when the lake
// has it), with their columns from the engine's catalog.
func (f *flightSQL) lakeTables(ctx context.Context) ([]*plan.Table, error) {
	rows, err := f.s.bind(ctx, "SHOW TABLES", f.s.deadline())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	shown := map[string]bool{}
	for {
		b, err := rows.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		col := b.Column(0).(*array.String)
		for i := 0; i < col.Len(); i++ {
			shown[col.Value(i)] = true
		}
		b.Release()
	}
	var out []*plan.Table
	for _, t := range plan.Tables() {
		if shown[t.Name] {
			out = append(out, t)
		}
	}
	return out, nil
}

// TableSchema is the Arrow schema of a lake table as GetTables reports it:
// its stored columns, then its partition columns, each with Flight SQL
// column metadata (the SQL type name, and where it comes from).
func TableSchema(t *plan.Table) *arrow.Schema {
	fields := make([]arrow.Field, 0, len(t.Columns))
	for _, c := range t.Columns {
		md := flightsql.NewColumnMetadataBuilder().CatalogName(Catalog).SchemaName(DBSchema).TableName(t.Name).
			TypeName(c.T.String()).IsReadOnly(true).IsSearchable(true).IsCaseSensitive(c.T.Kind == vec.Varchar)
		if c.Partition {
			md.Remarks("partition key, from the Hive path")
		} else if c.JSON {
			md.Remarks("JSON text")
		}
		fields = append(fields, arrow.Field{Name: c.Name, Type: vec.ArrowType(c.T), Nullable: true, Metadata: md.Metadata()})
	}
	return arrow.NewSchema(fields, nil)
}

func (f *flightSQL) DoGetTables(ctx context.Context, cmd flightsql.GetTables) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	schemaOK, err := like(cmd.GetDBSchemaFilterPattern())
	if err != nil {
		return nil, nil, grpcError(badPattern(err))
	}
	nameOK, err := like(cmd.GetTableNameFilterPattern())
	if err != nil {
		return nil, nil, grpcError(badPattern(err))
	}
	typeOK := len(cmd.GetTableTypes()) == 0
	for _, t := range cmd.GetTableTypes() {
		if strings.EqualFold(t, "TABLE") {
			typeOK = true
		}
	}
	var tables []*plan.Table
	if catalogMatches(cmd.GetCatalog()) && schemaOK(DBSchema) && typeOK {
		all, err := f.lakeTables(ctx)
		if err != nil {
			return nil, nil, grpcError(err)
		}
		for _, t := range all {
			if nameOK(t.Name) {
				tables = append(tables, t)
			}
		}
	}
	schema := schema_ref.Tables
	if cmd.GetIncludeSchema() {
		schema = schema_ref.TablesWithIncludedSchema
	}
	return one(schema, func(b *array.RecordBuilder) {
		for _, t := range tables {
			b.Field(0).(*array.StringBuilder).Append(Catalog)
			b.Field(1).(*array.StringBuilder).Append(DBSchema)
			b.Field(2).(*array.StringBuilder).Append(t.Name)
			b.Field(3).(*array.StringBuilder).Append("TABLE")
			if cmd.GetIncludeSchema() {
				b.Field(4).(*array.BinaryBuilder).Append(flight.SerializeSchema(TableSchema(t), mem))
			}
		}
	})
}

func (f *flightSQL) GetFlightInfoTableTypes(_ context.Context, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.TableTypes), nil
}

func (f *flightSQL) DoGetTableTypes(context.Context) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.TableTypes, func(b *array.RecordBuilder) {
		b.Field(0).(*array.StringBuilder).Append("TABLE")
	})
}

// The lake has no keys; JDBC clients ask anyway when they show a table.

func (f *flightSQL) GetFlightInfoPrimaryKeys(_ context.Context, _ flightsql.TableRef, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.PrimaryKeys), nil
}

func (f *flightSQL) DoGetPrimaryKeys(context.Context, flightsql.TableRef) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.PrimaryKeys, func(*array.RecordBuilder) {})
}

func (f *flightSQL) GetFlightInfoImportedKeys(_ context.Context, _ flightsql.TableRef, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.ImportedKeys), nil
}

func (f *flightSQL) DoGetImportedKeys(context.Context, flightsql.TableRef) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.ImportedKeys, func(*array.RecordBuilder) {})
}

func (f *flightSQL) GetFlightInfoExportedKeys(_ context.Context, _ flightsql.TableRef, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.ExportedKeys), nil
}

func (f *flightSQL) DoGetExportedKeys(context.Context, flightsql.TableRef) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.ExportedKeys, func(*array.RecordBuilder) {})
}

func (f *flightSQL) GetFlightInfoCrossReference(_ context.Context, _ flightsql.CrossTableRef, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.CrossReference), nil
}

func (f *flightSQL) DoGetCrossReference(context.Context, flightsql.CrossTableRef) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.CrossReference, func(*array.RecordBuilder) {})
}

// xdbcType is a row of GetXdbcTypeInfo (JDBC's getTypeInfo): a SQL type
// of the engine and its JDBC type code.
type xdbcType struct {
	name    string
	code    int32 // java.sql.Types
	size    int32 // 0: none
	literal string
}

var xdbcTypes = []xdbcType{
	{"boolean", 16, 1, ""},
	{"bigint", -5, 19, ""},
	{"double", 8, 15, ""},
	{"varchar", 12, 1 << 30, "'"},
	{"date", 91, 10, "DATE '"},
	{"timestamp", 93, 23, "TIMESTAMP '"},
	{"row", 2002, 0, ""},
	{"array", 2003, 0, ""},
}

func (f *flightSQL) GetFlightInfoXdbcTypeInfo(_ context.Context, _ flightsql.GetXdbcTypeInfo, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	return infoFor(desc, schema_ref.XdbcTypeInfo), nil
}

func (f *flightSQL) DoGetXdbcTypeInfo(_ context.Context, cmd flightsql.GetXdbcTypeInfo) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	return one(schema_ref.XdbcTypeInfo, func(b *array.RecordBuilder) {
		for _, t := range xdbcTypes {
			if dt := cmd.GetDataType(); dt != nil && *dt != t.code {
				continue
			}
			str := func(i int, s string) {
				if s == "" {
					b.Field(i).AppendNull()
				} else {
					b.Field(i).(*array.StringBuilder).Append(s)
				}
			}
			i32 := func(i int, v int32) { b.Field(i).(*array.Int32Builder).Append(v) }
			boolean := func(i int, v bool) { b.Field(i).(*array.BooleanBuilder).Append(v) }
			str(0, t.name)
			i32(1, t.code)
			if t.size > 0 {
				i32(2, t.size)
			} else {
				b.Field(2).AppendNull()
			}
			str(3, t.literal)
			if t.literal != "" {
				str(4, "'")
			} else {
				str(4, "")
			}
			b.Field(5).(*array.ListBuilder).Append(true) // no create params
			i32(6, 1)                                    // nullable
			boolean(7, t.code == 12)                     // case sensitive
			i32(8, 3)                                    // searchable
			b.Field(9).AppendNull()
			boolean(10, false)
			b.Field(11).AppendNull()
			str(12, t.name)
			b.Field(13).AppendNull()
			b.Field(14).AppendNull()
			i32(15, t.code)
			b.Field(16).AppendNull()
			if t.code == -5 || t.code == 8 {
				i32(17, 10)
			} else {
				b.Field(17).AppendNull()
			}
			b.Field(18).AppendNull()
		}
	})
}
