package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/flight/flightsql"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/trailhouse/trailhouse/query"
)

// flightSQL implements the Flight SQL calls over the engine. What it does
// not implement (transactions, Substrait, bulk ingest) the embedded
// BaseServer refuses with Unimplemented; updates are refused with
// PermissionDenied.
type flightSQL struct {
	flightsql.BaseServer
	s *Server
}

var mem = memory.DefaultAllocator

// deadline is the time limit of a query starting now (zero: none).
func (s *Server) deadline() time.Time {
	if s.cfg.QueryTimeout <= 0 {
		return time.Time{}
	}
	return time.Now().Add(s.cfg.QueryTimeout)
}

func withDeadline(ctx context.Context, d time.Time) (context.Context, context.CancelFunc) {
	if d.IsZero() {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, d)
}

// fail wraps err for a client: the time limit named when it was ours.
func (s *Server) fail(err error, deadline time.Time) error {
	if classify(err) == kindTimeout && !deadline.IsZero() && !time.Now().Before(deadline) {
		err = fmt.Errorf("query stopped at the server's time limit of %s: %w", s.cfg.QueryTimeout, context.DeadlineExceeded)
	}
	return err
}

func (s *Server) checkSQL(sql string) error {
	if len(sql) > s.cfg.MaxSQLBytes {
		return fmt.Errorf("%w: the statement is %d bytes, more than the server's limit of %d", errTooLarge, len(sql), s.cfg.MaxSQLBytes)
	}
	return nil
}

var errTooLarge = errors.New("statement too large")

// bind runs sql up to its first row, under the concurrency cap and within
// deadline: parse, bind, and the uncorrelated subqueries. The Rows are
// unread; the engine reads the lake from their first Next.
func (s *Server) bind(ctx context.Context, sql string, deadline time.Time) (query.Rows, error) {
	if err := s.checkSQL(sql); err != nil {
		return nil, err
	}
	release, err := s.gate.enter(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	qctx, cancel := withDeadline(ctx, deadline)
	defer cancel()
	rows, err := s.eng.Query(qctx, sql)
	if err != nil {
		return nil, s.fail(err, deadline)
	}
	return rows, nil
}

func (f *flightSQL) info(ctx context.Context, sql string, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	s := f.s
	deadline := s.deadline()
	rows, err := s.bind(ctx, sql, deadline)
	if err != nil {
		s.cfg.Log.Info("query", "who", principalFrom(ctx), "sql", short(sql), "err", err)
		return nil, grpcError(err)
	}
	schema, ordered := rows.Schema(), rows.Ordered()
	id := s.tickets.put(rows, principalFrom(ctx), deadline)
	tkt, err := flightsql.CreateStatementQueryTicket(encodeTicket(id, sql))
	if err != nil {
		return nil, grpcError(err)
	}
	return &flight.FlightInfo{
		Schema:           flight.SerializeSchema(schema, mem),
		FlightDescriptor: desc,
		Endpoint:         []*flight.FlightEndpoint{{Ticket: &flight.Ticket{Ticket: tkt}}},
		TotalRecords:     -1,
		TotalBytes:       -1,
		Ordered:          ordered,
	}, nil
}

// stream sends rows as Flight chunks, under the concurrency cap and within
// deadline; it owns rows and closes them.
func (f *flightSQL) stream(ctx context.Context, sql string, rows query.Rows, deadline time.Time) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	s := f.s
	who := principalFrom(ctx)
	release, err := s.gate.enter(ctx)
	if err != nil {
		if rows != nil {
			rows.Close()
		}
		return nil, nil, grpcError(err)
	}
	if rows == nil {
		// the ticket's Rows are gone: run the statement again
		deadline = s.deadline()
		qctx, cancel := withDeadline(ctx, deadline)
		rows, err = s.eng.Query(qctx, sql)
		cancel()
		if err != nil {
			release()
			s.cfg.Log.Info("query", "who", who, "sql", short(sql), "err", err)
			return nil, nil, grpcError(s.fail(err, deadline))
		}
	}
	schema := rows.Schema()
	ch := make(chan flight.StreamChunk, 1)
	qctx, cancel := withDeadline(ctx, deadline)
	go func() {
		start := time.Now()
		var n int64
		var err error
		defer func() {
			if r := recover(); r != nil {
				err = s.recovered("DoGet", r)
				select {
				case ch <- flight.StreamChunk{Err: err}:
				case <-qctx.Done():
				}
			}
			rows.Close()
			cancel()
			release()
			close(ch)
			st := rows.Stats()
			s.cfg.Log.Info("query", "who", who, "sql", short(sql), "rows", n, "bytes_read", st.BytesRead,
				"peak_memory", st.PeakMemory, "elapsed", time.Since(start).Round(time.Millisecond), "err", err)
		}()
		for {
			var b arrow.RecordBatch
			b, err = rows.Next(qctx)
			if errors.Is(err, io.EOF) {
				err = nil
				return
			}
			if err != nil {
				err = grpcError(s.fail(err, deadline))
				select {
				case ch <- flight.StreamChunk{Err: err}:
				case <-ctx.Done():
				}
				return
			}
			n += b.NumRows()
			select {
			case ch <- flight.StreamChunk{Data: b}:
			case <-qctx.Done():
				b.Release()
				err = grpcError(s.fail(qctx.Err(), deadline))
				select {
				case ch <- flight.StreamChunk{Err: err}:
				case <-ctx.Done():
				}
				return
			}
		}
	}()
	return schema, ch, nil
}

func short(sql string) string {
	const max = 300
	if len(sql) > max {
		return sql[:max] + "…"
	}
	return sql
}

// GetFlightInfoStatement binds the query and keeps its Rows for the DoGet.
func (f *flightSQL) GetFlightInfoStatement(ctx context.Context, cmd flightsql.StatementQuery, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	if len(cmd.GetTransactionId()) > 0 {
		return nil, status.Error(codes.InvalidArgument, "transactions are not supported (the server is read-only)")
	}
	return f.info(ctx, cmd.GetQuery(), desc)
}

// GetSchemaStatement binds the query for its schema alone.
func (f *flightSQL) GetSchemaStatement(ctx context.Context, cmd flightsql.StatementQuery, _ *flight.FlightDescriptor) (*flight.SchemaResult, error) {
	rows, err := f.s.bind(ctx, cmd.GetQuery(), f.s.deadline())
	if err != nil {
		return nil, grpcError(err)
	}
	defer rows.Close()
	return &flight.SchemaResult{Schema: flight.SerializeSchema(rows.Schema(), mem)}, nil
}

// DoGetStatement streams the Rows of a ticket from GetFlightInfo.
func (f *flightSQL) DoGetStatement(ctx context.Context, tkt flightsql.StatementQueryTicket) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	id, sql, err := decodeTicket(tkt.GetStatementHandle())
	if err != nil {
		return nil, nil, status.Error(codes.InvalidArgument, err.Error())
	}
	rows, deadline, _ := f.s.tickets.take(id, principalFrom(ctx))
	return f.stream(ctx, sql, rows, deadline)
}

// CreatePreparedStatement binds the statement once for its result schema.
// Statements take no parameters: the parameter schema is empty.
func (f *flightSQL) CreatePreparedStatement(ctx context.Context, req flightsql.ActionCreatePreparedStatementRequest) (flightsql.ActionCreatePreparedStatementResult, error) {
	var res flightsql.ActionCreatePreparedStatementResult
	if len(req.GetTransactionId()) > 0 {
		return res, status.Error(codes.InvalidArgument, "transactions are not supported (the server is read-only)")
	}
	sql := req.GetQuery()
	rows, err := f.s.bind(ctx, sql, f.s.deadline())
	if err != nil {
		return res, grpcError(err)
	}
	schema := rows.Schema()
	rows.Close()
	res.Handle = []byte(f.s.prepared.put(&prepared{sql: sql, schema: schema, who: principalFrom(ctx)}))
	res.DatasetSchema = schema
	res.ParameterSchema = arrow.NewSchema(nil, nil)
	return res, nil
}

// ClosePreparedStatement forgets a prepared statement; closing one that is
// gone is not an error.
func (f *flightSQL) ClosePreparedStatement(ctx context.Context, req flightsql.ActionClosePreparedStatementRequest) error {
	f.s.prepared.remove(string(req.GetPreparedStatementHandle()), principalFrom(ctx))
	return nil
}

func (f *flightSQL) lookup(ctx context.Context, cmd flightsql.PreparedStatementQuery) (*prepared, error) {
	p, err := f.s.prepared.get(string(cmd.GetPreparedStatementHandle()), principalFrom(ctx))
	if err != nil {
		return nil, grpcError(err)
	}
	return p, nil
}

// GetFlightInfoPreparedStatement runs a prepared statement as a new query.
func (f *flightSQL) GetFlightInfoPreparedStatement(ctx context.Context, cmd flightsql.PreparedStatementQuery, desc *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	p, err := f.lookup(ctx, cmd)
	if err != nil {
		return nil, err
	}
	return f.info(ctx, p.sql, desc)
}

// GetSchemaPreparedStatement is the schema found when it was prepared.
func (f *flightSQL) GetSchemaPreparedStatement(ctx context.Context, cmd flightsql.PreparedStatementQuery, _ *flight.FlightDescriptor) (*flight.SchemaResult, error) {
	p, err := f.lookup(ctx, cmd)
	if err != nil {
		return nil, err
	}
	return &flight.SchemaResult{Schema: flight.SerializeSchema(p.schema, mem)}, nil
}

// DoGetPreparedStatement serves clients that send the prepared statement
// command itself as the ticket.
func (f *flightSQL) DoGetPreparedStatement(ctx context.Context, cmd flightsql.PreparedStatementQuery) (*arrow.Schema, <-chan flight.StreamChunk, error) {
	p, err := f.lookup(ctx, cmd)
	if err != nil {
		return nil, nil, err
	}
	return f.stream(ctx, p.sql, nil, time.Time{})
}

// DoPutPreparedStatementQuery binds parameters, which no statement has: an
// empty binding is accepted, any value refused.
func (f *flightSQL) DoPutPreparedStatementQuery(ctx context.Context, cmd flightsql.PreparedStatementQuery, rdr flight.MessageReader, _ flight.MetadataWriter) ([]byte, error) {
	if _, err := f.lookup(ctx, cmd); err != nil {
		return nil, err
	}
	if rdr.Schema() != nil && rdr.Schema().NumFields() > 0 {
		return nil, status.Error(codes.Unimplemented, "query parameters are not supported: write the values into the SQL text")
	}
	for rdr.Next() {
		if rdr.RecordBatch().NumCols() > 0 {
			return nil, status.Error(codes.Unimplemented, "query parameters are not supported: write the values into the SQL text")
		}
	}
	return cmd.GetPreparedStatementHandle(), nil
}

func readOnly() error {
	return grpcError(fmt.Errorf("%w: it answers queries and metadata calls only", ErrReadOnly))
}

// The calls that would change data are refused.

func (f *flightSQL) DoPutCommandStatementUpdate(context.Context, flightsql.StatementUpdate) (int64, error) {
	return 0, readOnly()
}

func (f *flightSQL) DoPutCommandSubstraitPlan(context.Context, flightsql.StatementSubstraitPlan) (int64, error) {
	return 0, readOnly()
}

func (f *flightSQL) DoPutPreparedStatementUpdate(context.Context, flightsql.PreparedStatementUpdate, flight.MessageReader) (int64, error) {
	return 0, readOnly()
}

func (f *flightSQL) DoPutCommandStatementIngest(context.Context, flightsql.StatementIngest, flight.MessageReader) (int64, error) {
	return 0, readOnly()
}
