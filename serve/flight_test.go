package serve_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	_ "github.com/apache/arrow-go/v18/arrow/flight/flightsql/driver"
	pb "github.com/apache/arrow-go/v18/arrow/flight/gen/flight"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"

	"github.com/trailhouse/trailhouse/serve"
)

func client(t testing.TB, addr string) *flightsql.Client {
	t.Helper()
	cl, err := flightsql.NewClient(addr, nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	return cl
}

// fetch reads every endpoint of info.
func fetch(ctx context.Context, cl *flightsql.Client, info *flight.FlightInfo) (*arrow.Schema, []arrow.RecordBatch, error) {
	var out []arrow.RecordBatch
	var sc *arrow.Schema
	for _, ep := range info.Endpoint {
		rd, err := cl.DoGet(ctx, ep.Ticket)
		if err != nil {
			return nil, nil, err
		}
		sc = rd.Schema()
		for rd.Next() {
			b := rd.RecordBatch()
			b.Retain()
			out = append(out, b)
		}
		err = rd.Err()
		rd.Release()
		if err != nil {
			return nil, nil, err
		}
	}
	return sc, out, nil
}

func release(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

// rawQuery runs sql with the raw Flight SQL client; the FlightInfo's schema
// must be the stream's.
func rawQuery(ctx context.Context, cl *flightsql.Client, sql string, opts ...grpc.CallOption) (answer, error) {
	info, err := cl.Execute(ctx, sql, opts...)
	if err != nil {
		return answer{}, err
	}
	want, err := flight.DeserializeSchema(info.Schema, memory.DefaultAllocator)
	if err != nil {
		return answer{}, err
	}
	sc, bs, err := fetch(ctx, cl, info)
	if err != nil {
		return answer{}, err
	}
	defer release(bs)
	if !sc.Equal(want) {
		return answer{}, fmt.Errorf("stream schema %s, FlightInfo said %s", sc, want)
	}
	return fromBatches(sc, bs, info.Ordered), nil
}

// driverTypes are the Arrow types arrow-go's database/sql driver converts
// to Go values; it refuses DATE, arrays, rows and month intervals.
func driverTypes(types []arrow.DataType) bool {
	for _, t := range types {
		switch t.ID() {
		case arrow.STRING, arrow.INT64, arrow.FLOAT64, arrow.BOOL, arrow.TIMESTAMP, arrow.DURATION, arrow.NULL:
		default:
			return false
		}
	}
	return true
}

// driverCell normalises a value scanned by the driver as arrowCell does
// the Arrow value.
func driverCell(v any) cell {
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	case time.Time:
		return x.UTC().Format("2006-01-02 15:04:05.000 UTC")
	case time.Duration:
		ms := x.Milliseconds()
		sign := ""
		if ms < 0 {
			sign, ms = "-", -ms
		}
		return fmt.Sprintf("%s%d %02d:%02d:%02d.%03d", sign, ms/86400000, ms/3600000%24, ms/60000%60, ms/1000%60, ms%1000)
	}
	return fmt.Sprintf("%T:%v", v, v)
}

func driverQuery(ctx context.Context, db *sql.DB, q string) (answer, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return answer{}, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return answer{}, err
	}
	ans := answer{cols: cols}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return answer{}, err
		}
		row := make([]cell, len(cols))
		for i, v := range vals {
			row[i] = driverCell(v)
		}
		ans.rows = append(ans.rows, row)
	}
	return ans, rows.Err()
}

func dsn(addr, extra string) string {
	return "flightsql://" + addr + "?timeout=2m" + extra
}

// TestSuiteThroughDriver runs the query suite through arrow-go's
// database/sql driver, plain and as prepared statements, and compares the
// answers with the in-process engine's.
func TestSuiteThroughDriver(t *testing.T) {
	s := start(t, nil, serve.Config{})
	db, err := sql.Open("flightsql", dsn(s.FlightAddr(), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	ran := 0
	for _, c := range loadSuite(t) {
		want := reference(t, c.sql)
		if !driverTypes(want.types) {
			continue // the driver cannot read these columns; TestSuiteThroughClient covers them
		}
		ran++
		t.Run(c.name, func(t *testing.T) {
			got, err := driverQuery(ctx, db, c.sql)
			if err != nil {
				t.Fatalf("query: %v", err)
			}
			got.ordered = want.ordered
			if d := compare(want, got); d != "" {
				t.Errorf("%s", d)
			}
		})
	}
	if ran < 100 {
		t.Errorf("only %d suite cases ran through the driver, want at least 100", ran)
	}
	// Prepared statements: prepare once, run twice.
	for _, q := range []string{
		"SELECT eventsource, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC, 1",
		"SELECT count(*) AS n, min(eventtime) AS first FROM cloudtrail WHERE eventname LIKE 'Get%'",
	} {
		want := reference(t, q)
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			t.Fatalf("prepare %q: %v", q, err)
		}
		for i := 0; i < 2; i++ {
			rows, err := st.QueryContext(ctx)
			if err != nil {
				t.Fatalf("run prepared %q: %v", q, err)
			}
			cols, _ := rows.Columns()
			got := answer{cols: cols, ordered: want.ordered}
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				row := make([]cell, len(cols))
				for i, v := range vals {
					row[i] = driverCell(v)
				}
				got.rows = append(got.rows, row)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			if d := compare(want, got); d != "" {
				t.Errorf("prepared %q run %d: %s", q, i, d)
			}
		}
		// A statement takes no parameters: the driver refuses arguments
		// before they reach the server.
		if _, err := st.QueryContext(ctx, 1); err == nil {
			t.Errorf("prepared %q with an argument: no error", q)
		}
		if err := st.Close(); err != nil {
			t.Errorf("close prepared: %v", err)
		}
	}
}

// TestSuiteThroughClient runs every selected suite case with the raw
// flightsql.Client (which reads all types), and through its prepared
// statements, comparing with the in-process engine, order included when
// the answer is ordered.
func TestSuiteThroughClient(t *testing.T) {
	s := start(t, nil, serve.Config{})
	cl := client(t, s.FlightAddr())
	ctx := context.Background()
	cases := loadSuite(t)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := reference(t, c.sql)
			got, err := rawQuery(ctx, cl, c.sql)
			if err != nil {
				t.Fatalf("query: %v", err)
			}
			if got.ordered != want.ordered {
				t.Errorf("FlightInfo.Ordered = %v, want %v", got.ordered, want.ordered)
			}
			if d := compare(want, got); d != "" {
				t.Errorf("%s", d)
			}
			if i%4 != 0 {
				return
			}
			// every fourth case also as a prepared statement
			st, err := cl.Prepare(ctx, c.sql)
			if err != nil {
				t.Fatalf("prepare: %v", err)
			}
			defer st.Close(ctx)
			if st.DatasetSchema() == nil || strings.Join(fieldNames(st.DatasetSchema()), ",") != strings.Join(want.cols, ",") {
				t.Errorf("prepared dataset schema %v, want columns %v", st.DatasetSchema(), want.cols)
			}
			info, err := st.Execute(ctx)
			if err != nil {
				t.Fatalf("execute prepared: %v", err)
			}
			sc, bs, err := fetch(ctx, cl, info)
			if err != nil {
				t.Fatalf("fetch prepared: %v", err)
			}
			defer release(bs)
			if d := compare(want, fromBatches(sc, bs, want.ordered)); d != "" {
				t.Errorf("prepared: %s", d)
			}
		})
	}
}

func fieldNames(sc *arrow.Schema) []string {
	var out []string
	for _, f := range sc.Fields() {
		out = append(out, f.Name)
	}
	return out
}

// readAll fetches a metadata call's result.
func readAll(t *testing.T, cl *flightsql.Client, info *flight.FlightInfo, err error) (*arrow.Schema, []arrow.RecordBatch) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	sc, bs, err := fetch(context.Background(), cl, info)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { release(bs) })
	return sc, bs
}

func strs(bs []arrow.RecordBatch, col int) []string {
	var out []string
	for _, b := range bs {
		a := b.Column(col).(*array.String)
		for i := 0; i < a.Len(); i++ {
			out = append(out, a.Value(i))
		}
	}
	return out
}

// TestMetadata covers the calls BI tools make on connect.
func TestMetadata(t *testing.T) {
	s := start(t, nil, serve.Config{Version: "v9.9.9-test", QueryTimeout: time.Minute})
	cl := client(t, s.FlightAddr())
	ctx := context.Background()

	info, err := cl.GetCatalogs(ctx)
	_, bs := readAll(t, cl, info, err)
	if got := strs(bs, 0); len(got) != 1 || got[0] != serve.Catalog {
		t.Errorf("catalogs %v, want [%s]", got, serve.Catalog)
	}

	info, err = cl.GetDBSchemas(ctx, &flightsql.GetDBSchemasOpts{})
	_, bs = readAll(t, cl, info, err)
	if got := strs(bs, 1); len(got) != 1 || got[0] != serve.DBSchema {
		t.Errorf("schemas %v, want [%s]", got, serve.DBSchema)
	}
	other := "nope%"
	info, err = cl.GetDBSchemas(ctx, &flightsql.GetDBSchemasOpts{DbSchemaFilterPattern: &other})
	_, bs = readAll(t, cl, info, err)
	if got := strs(bs, 1); len(got) != 0 {
		t.Errorf("schemas matching %q: %v, want none", other, got)
	}

	info, err = cl.GetTableTypes(ctx)
	_, bs = readAll(t, cl, info, err)
	if got := strs(bs, 0); len(got) != 1 || got[0] != "TABLE" {
		t.Errorf("table types %v", got)
	}

	info, err = cl.GetTables(ctx, &flightsql.GetTablesOpts{IncludeSchema: true})
	_, bs = readAll(t, cl, info, err)
	names := strs(bs, 2)
	// The lake has no insights: the tables are SHOW TABLES's.
	show := reference(t, "SHOW TABLES")
	var want []string
	for _, r := range show.rows {
		want = append(want, r[0].(string))
	}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("tables %v, want SHOW TABLES's %v", names, want)
	}
	schemas := bs[0].Column(4).(*array.Binary)
	tschema, err := flight.DeserializeSchema(schemas.Value(0), memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	// The table's schema is what SELECT * returns, name by name and type by
	// type, and DESCRIBE's stored and partition columns with their types.
	star := reference(t, "SELECT * FROM cloudtrail_logs LIMIT 0")
	if len(star.cols) != tschema.NumFields() {
		t.Fatalf("GetTables schema has %d columns, SELECT * %d", tschema.NumFields(), len(star.cols))
	}
	for i, f := range tschema.Fields() {
		if f.Name != star.cols[i] || !arrow.TypeEqual(f.Type, star.types[i]) {
			t.Errorf("column %d: %s %s, SELECT * has %s %s", i, f.Name, f.Type, star.cols[i], star.types[i])
		}
	}
	desc := reference(t, "DESCRIBE cloudtrail_logs")
	i := 0
	for _, r := range desc.rows {
		if r[2] == "Athena name, computed" {
			continue
		}
		f := tschema.Field(i)
		md := flightsql.ColumnMetadata{Data: &f.Metadata}
		typ, _ := md.TypeName()
		if f.Name != r[0] || typ != r[1] {
			t.Errorf("column %d: %s %s, DESCRIBE says %s %s", i, f.Name, typ, r[0], r[1])
		}
		i++
	}
	if i != tschema.NumFields() {
		t.Errorf("DESCRIBE has %d stored and partition columns, GetTables %d", i, tschema.NumFields())
	}
	pattern := "cloud%"
	info, err = cl.GetTables(ctx, &flightsql.GetTablesOpts{TableNameFilterPattern: &pattern, TableTypes: []string{"VIEW"}})
	_, bs = readAll(t, cl, info, err)
	if got := strs(bs, 2); len(got) != 0 {
		t.Errorf("views: %v, want none", got)
	}

	info, err = cl.GetSqlInfo(ctx, []flightsql.SqlInfo{flightsql.SqlInfoFlightSqlServerName,
		flightsql.SqlInfoFlightSqlServerVersion, flightsql.SqlInfoFlightSqlServerReadOnly, flightsql.SqlInfoIdentifierQuoteChar})
	_, bs = readAll(t, cl, info, err)
	got := map[uint32]string{}
	for _, b := range bs {
		ids := b.Column(0).(*array.Uint32)
		vals := b.Column(1).(*array.DenseUnion)
		for r := 0; r < int(b.NumRows()); r++ {
			child := vals.Field(vals.ChildID(r))
			got[ids.Value(r)] = child.ValueStr(int(vals.ValueOffset(r)))
		}
	}
	wantInfo := map[flightsql.SqlInfo]string{
		flightsql.SqlInfoFlightSqlServerName:     "trailhouse",
		flightsql.SqlInfoFlightSqlServerVersion:  "v9.9.9-test",
		flightsql.SqlInfoFlightSqlServerReadOnly: "true",
		flightsql.SqlInfoIdentifierQuoteChar:     `"`,
	}
	for id, w := range wantInfo {
		if got[uint32(id)] != w {
			t.Errorf("sql info %d = %q, want %q", id, got[uint32(id)], w)
		}
	}

	// JDBC's getTypeInfo: the engine's types, all or one by its code.
	info, err = cl.GetXdbcTypeInfo(ctx, nil)
	_, bs = readAll(t, cl, info, err)
	if got := strings.Join(strs(bs, 0), ","); !strings.Contains(got, "varchar") || !strings.Contains(got, "timestamp") {
		t.Errorf("type info: %s", got)
	}
	code := int32(93)
	info, err = cl.GetXdbcTypeInfo(ctx, &code)
	_, bs = readAll(t, cl, info, err)
	if got := strs(bs, 0); len(got) != 1 || got[0] != "timestamp" {
		t.Errorf("type info for TIMESTAMP: %v", got)
	}

	// No keys, but an answer rather than an error.
	info, err = cl.GetPrimaryKeys(ctx, flightsql.TableRef{Table: "cloudtrail_logs"})
	_, bs = readAll(t, cl, info, err)
	if n := rowsIn(bs); n != 0 {
		t.Errorf("%d primary keys", n)
	}
}

func rowsIn(bs []arrow.RecordBatch) int64 {
	var n int64
	for _, b := range bs {
		n += b.NumRows()
	}
	return n
}

// healthy checks that the server still answers a query correctly.
func healthy(t *testing.T, cl *flightsql.Client) { healthyAs(context.Background(), t, cl) }

func healthyAs(ctx context.Context, t *testing.T, cl *flightsql.Client) {
	t.Helper()
	const q = "SELECT count(*) AS n, count(DISTINCT eventsource) AS sources FROM cloudtrail_logs"
	got, err := rawQuery(ctx, cl, q)
	if err != nil {
		t.Fatalf("the server no longer answers: %v", err)
	}
	if d := compare(reference(t, q), got); d != "" {
		t.Fatalf("the server answers wrongly: %s", d)
	}
}

func wantCode(t *testing.T, what string, err error, code codes.Code, text string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %s", what, code)
		return
	}
	st, ok := status.FromError(err)
	if !ok {
		// the driver and client wrap the status
		var se interface{ GRPCStatus() *status.Status }
		if errors.As(err, &se) {
			st, ok = se.GRPCStatus(), true
		}
	}
	if !ok || st.Code() != code {
		t.Errorf("%s: %v, want code %s", what, err, code)
		return
	}
	if !strings.Contains(st.Message(), text) {
		t.Errorf("%s: message %q does not hold %q", what, st.Message(), text)
	}
}

func TestAuth(t *testing.T) {
	auth, err := serve.ParseAuth(strings.NewReader("# test credentials\ngood-token-1\nbasic alice:s3cret\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, nil, serve.Config{Auth: auth})
	cl := client(t, s.FlightAddr())
	ctx := context.Background()
	bearer := func(tok string) context.Context {
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
	}

	_, err = cl.Execute(ctx, "SELECT 1")
	wantCode(t, "no token", err, codes.Unauthenticated, "no credentials")
	_, err = cl.Execute(bearer("good-token-2"), "SELECT 1")
	wantCode(t, "wrong token", err, codes.Unauthenticated, "invalid token")
	_, err = cl.GetTables(bearer("wrong"), &flightsql.GetTablesOpts{})
	wantCode(t, "metadata with a wrong token", err, codes.Unauthenticated, "invalid token")
	_, err = fetchTicket(ctx, cl, []byte("x"))
	wantCode(t, "DoGet without a token", err, codes.Unauthenticated, "no credentials")

	// A good token works, on the raw client and the driver.
	got, err := rawQuery(bearer("good-token-1"), cl, "SELECT count(*) AS n FROM cloudtrail_logs")
	if err != nil {
		t.Fatal(err)
	}
	if d := compare(reference(t, "SELECT count(*) AS n FROM cloudtrail_logs"), got); d != "" {
		t.Error(d)
	}
	for name, extra := range map[string]string{"token": "&token=good-token-1", "wrong token": "&token=bad", "none": ""} {
		db, err := sql.Open("flightsql", dsn(s.FlightAddr(), extra))
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM cloudtrail_logs").Scan(&n)
		db.Close()
		if name == "token" {
			if err != nil || n == 0 {
				t.Errorf("driver with a good token: %d, %v", n, err)
			}
		} else {
			wantCode(t, "driver with "+name, err, codes.Unauthenticated, "")
		}
	}
	// Basic auth on every call (the driver's user:password DSN).
	db, err := sql.Open("flightsql", "flightsql://alice:s3cret@"+s.FlightAddr()+"?timeout=1m")
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM cloudtrail_logs").Scan(&n); err != nil || n == 0 {
		t.Errorf("basic auth: %d, %v", n, err)
	}
	db.Close()
	// Basic auth once, in the Handshake, then the bearer token it returns
	// (what the Flight SQL JDBC driver does with a user and password).
	sessionCtx, err := cl.Client.AuthenticateBasicToken(ctx, "alice", "s3cret")
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	healthyAs(sessionCtx, t, cl)
	_, err = cl.Client.AuthenticateBasicToken(ctx, "alice", "wrong")
	wantCode(t, "handshake with a wrong password", err, codes.Unauthenticated, "invalid user or password")
	// Tickets and prepared statements belong to who made them.
	info, err := cl.Execute(bearer("good-token-1"), "SELECT count(*) AS n FROM cloudtrail_logs")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := fetch(sessionCtx, cl, info); err != nil {
		// another principal may still run the ticket's statement: it is
		// run again for them, not handed their Rows
		t.Errorf("the ticket for another user: %v", err)
	}
}

func TestHealthy(t *testing.T) {
	s := start(t, nil, serve.Config{})
	healthy(t, client(t, s.FlightAddr()))
}

// codeOf runs sql and returns the error, from GetFlightInfo or the stream.
func queryErr(ctx context.Context, cl *flightsql.Client, sql string) error {
	_, err := rawQuery(ctx, cl, sql)
	return err
}

func TestErrors(t *testing.T) {
	s := start(t, nil, serve.Config{})
	cl := client(t, s.FlightAddr())
	ctx := context.Background()

	err := queryErr(ctx, cl, "SELEC eventname FROM cloudtrail_logs")
	wantCode(t, "parse error", err, codes.InvalidArgument, "line 1:1")
	err = queryErr(ctx, cl, "SELECT eventnam FROM cloudtrail_logs")
	wantCode(t, "unknown column", err, codes.InvalidArgument, "^")
	err = queryErr(ctx, cl, "SELECT * FROM cloudtrail_log")
	wantCode(t, "unknown table", err, codes.InvalidArgument, "cloudtrail_logs")
	_, err = cl.Prepare(ctx, "SELECT nope(1)")
	wantCode(t, "prepare an unknown function", err, codes.InvalidArgument, "nope")

	// malformed requests
	_, err = fetchTicket(ctx, cl, []byte("not a protobuf \xff\xfe"))
	wantCode(t, "garbage ticket", err, codes.InvalidArgument, "")
	tkt, _ := flightsql.CreateStatementQueryTicket([]byte("forged handle"))
	_, err = fetchTicket(ctx, cl, tkt)
	wantCode(t, "forged statement handle", err, codes.InvalidArgument, "malformed ticket")
	anyCmd, _ := anypb.New(&flight.Empty{})
	b, _ := proto.Marshal(anyCmd)
	_, err = fetchTicket(ctx, cl, b)
	wantCode(t, "ticket of another command", err, codes.InvalidArgument, "")
	_, err = cl.Client.GetFlightInfo(ctx, &flight.FlightDescriptor{Type: flight.DescriptorCMD, Cmd: []byte{0xff, 0x01, 0x02}})
	wantCode(t, "garbage descriptor", err, codes.InvalidArgument, "")
	_, err = cl.Client.GetFlightInfo(ctx, &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: []string{"cloudtrail_logs"}})
	wantCode(t, "path descriptor", err, codes.InvalidArgument, "")

	// read-only by construction
	_, err = cl.ExecuteUpdate(ctx, "DELETE FROM cloudtrail_logs")
	wantCode(t, "update", err, codes.PermissionDenied, "read-only")
	_, err = cl.BeginTransaction(ctx)
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("begin transaction: %v, want Unimplemented", err)
	}

	// parameters
	st, err := cl.Prepare(ctx, "SELECT count(*) FROM cloudtrail_logs")
	if err != nil {
		t.Fatal(err)
	}
	if st.ParameterSchema() == nil || st.ParameterSchema().NumFields() != 0 {
		t.Errorf("parameter schema %v, want empty", st.ParameterSchema())
	}
	bld := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema([]arrow.Field{{Name: "p", Type: arrow.PrimitiveTypes.Int64}}, nil))
	bld.Field(0).(*array.Int64Builder).Append(1)
	rec := bld.NewRecordBatch()
	st.SetParameters(rec)
	_, err = st.Execute(ctx)
	wantCode(t, "bound parameters", err, codes.Unimplemented, "parameters are not supported")
	rec.Release()
	bld.Release()
	st.Close(ctx)
	// an unknown prepared statement handle
	anyP, _ := anypb.New(&pb.CommandPreparedStatementQuery{PreparedStatementHandle: []byte("no-such-handle")})
	b, _ = proto.Marshal(anyP)
	_, err = fetchTicket(ctx, cl, b)
	wantCode(t, "unknown prepared statement", err, codes.NotFound, "prepared statement")

	healthy(t, cl)
}

func fetchTicket(ctx context.Context, cl *flightsql.Client, tkt []byte) (int64, error) {
	rd, err := cl.DoGet(ctx, &flight.Ticket{Ticket: tkt})
	if err != nil {
		return 0, err
	}
	defer rd.Release()
	var n int64
	for rd.Next() {
		n += rd.RecordBatch().NumRows()
	}
	return n, rd.Err()
}

func TestMemoryLimit(t *testing.T) {
	s := start(t, openEngine(1<<20), serve.Config{})
	cl := client(t, s.FlightAddr())
	err := queryErr(context.Background(), cl, "SELECT * FROM cloudtrail_logs ORDER BY eventtime")
	wantCode(t, "over the memory limit", err, codes.ResourceExhausted, "memory limit")
	healthy(t, cl)
}

// slowSQL takes far longer than the 100ms time limit below on the test
// lake (about a second on an idle core): it pairs every event with 2,000
// events. (It is not slower because the engine notices a cancelled query
// only between the left input's batches of a join.)
const slowSQL = "SELECT count(*) FROM cloudtrail_logs a CROSS JOIN (SELECT eventid FROM cloudtrail_logs LIMIT 2000) b WHERE a.eventname <> b.eventid"

func TestTimeout(t *testing.T) {
	s := start(t, nil, serve.Config{QueryTimeout: 100 * time.Millisecond})
	cl := client(t, s.FlightAddr())
	err := queryErr(context.Background(), cl, slowSQL)
	wantCode(t, "over the time limit", err, codes.DeadlineExceeded, "time limit of 100ms")
	// The server still answers (metadata calls have no time limit) and the
	// query gave its slot back.
	info, err := cl.GetCatalogs(context.Background())
	if _, bs := readAll(t, cl, info, err); rowsIn(bs) != 1 {
		t.Error("no catalog after a timeout")
	}
	waitIdle(t, s)
}

// waitIdle waits for the server to run no query.
func waitIdle(t *testing.T, s *serve.Server) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if s.Running() == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d queries still hold a slot", s.Running())
}

func TestConcurrencyCap(t *testing.T) {
	s := start(t, nil, serve.Config{MaxConcurrent: 1, QueueWait: 50 * time.Millisecond, QueryTimeout: 30 * time.Second})
	cl := client(t, s.FlightAddr())
	ctx, cancel := context.WithCancel(context.Background())
	// Hold the one slot: a slow query's stream (its DoGet waits for the
	// first batch, which comes at the end).
	info, err := cl.Execute(ctx, slowSQL)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := fetchTicket(ctx, cl, info.Endpoint[0].Ticket.Ticket)
		done <- err
	}()
	for s.Running() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	err = queryErr(context.Background(), cl, "SELECT 1")
	wantCode(t, "over the concurrency cap", err, codes.ResourceExhausted, "at once")
	// The client going away stops its query and frees the slot.
	cancel()
	if err := <-done; status.Code(err) != codes.Canceled {
		t.Errorf("the cancelled query: %v, want Canceled", err)
	}
	waitIdle(t, s)
	healthy(t, cl)
}

// TestTicketReuse: a ticket's Rows are read once; a second DoGet of the
// same ticket runs its statement again and gets the same answer.
func TestTicketReuse(t *testing.T) {
	s := start(t, nil, serve.Config{})
	cl := client(t, s.FlightAddr())
	ctx := context.Background()
	const q = "SELECT eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC, 1"
	want := reference(t, q)
	info, err := cl.Execute(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		sc, bs, err := fetch(ctx, cl, info)
		if err != nil {
			t.Fatal(err)
		}
		if d := compare(want, fromBatches(sc, bs, true)); d != "" {
			t.Errorf("DoGet %d: %s", i, d)
		}
		release(bs)
	}
}
