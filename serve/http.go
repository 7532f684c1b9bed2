package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/trailhouse/trailhouse/query"
	"github.com/trailhouse/trailhouse/query/parse"
	"github.com/trailhouse/trailhouse/query/result"
)

// HTTPFormats are the formats of POST /v1/query, with their media types.
var HTTPFormats = map[string]string{
	"json":    "application/json",
	"ndjson":  "application/x-ndjson",
	"csv":     "text/csv; charset=utf-8",
	"arrow":   "application/vnd.apache.arrow.stream",
	"parquet": "application/vnd.apache.parquet",
}

var acceptFormats = map[string]string{
	"application/json":                    "json",
	"application/x-ndjson":                "ndjson",
	"application/ndjson":                  "ndjson",
	"application/jsonl":                   "ndjson",
	"text/csv":                            "csv",
	"application/vnd.apache.arrow.stream": "arrow",
	"application/vnd.apache.arrow.file":   "arrow",
	"application/vnd.apache.parquet":      "parquet",
	"application/x-parquet":               "parquet",
}

func (s *Server) httpHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"status": "ok", "version": s.cfg.Version,
			"running": len(s.gate.slots), "max_concurrent": cap(s.gate.slots)})
	})
	mux.HandleFunc("POST /v1/query", s.serveQuery)
	mux.HandleFunc("/v1/query", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, errors.New("use POST with the SQL as the body"))
	})
	return s.recoverHTTP(mux)
}

func (s *Server) recoverHTTP(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				err := s.recovered(r.URL.Path, v)
				writeError(w, http.StatusInternalServerError, err)
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// apiError is the body of every error answer.
type apiError struct {
	Error  string `json:"error"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func writeError(w http.ResponseWriter, code int, err error) {
	body := apiError{Error: message(err)}
	var pe *parse.Error
	if errors.As(err, &pe) {
		body.Line, body.Column = pe.Line, pe.Column
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// format picks the output format from ?format=, else from Accept, else
// JSON.
func format(r *http.Request) (string, error) {
	if f := r.URL.Query().Get("format"); f != "" {
		if _, ok := HTTPFormats[f]; !ok {
			return "", fmt.Errorf("%w %q: use one of json, ndjson, csv, arrow, parquet", result.ErrFormat, f)
		}
		return f, nil
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if f, ok := acceptFormats[mt]; ok {
			return f, nil
		}
		if mt == "*/*" || mt == "application/*" {
			return "json", nil
		}
	}
	return "json", nil
}

// readSQL takes the statement from the body: the text itself, or JSON
// {"sql": "..."} when the Content-Type says JSON.
func (s *Server) readSQL(w http.ResponseWriter, r *http.Request) (string, int, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(s.cfg.MaxSQLBytes)+4096))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return "", http.StatusRequestEntityTooLarge, fmt.Errorf("%w: the body is over the server's limit of %d bytes", errTooLarge, s.cfg.MaxSQLBytes)
		}
		return "", http.StatusBadRequest, fmt.Errorf("read the body: %w", err)
	}
	sql := string(body)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/json" {
		var req struct {
			SQL *string `json:"sql"`
		}
		if err := json.Unmarshal(body, &req); err != nil || req.SQL == nil {
			return "", http.StatusBadRequest, errors.New(`the body must be JSON {"sql": "SELECT ..."}, or the SQL itself as text/plain`)
		}
		sql = *req.SQL
	}
	if strings.TrimSpace(sql) == "" {
		return "", http.StatusBadRequest, errors.New("no statement: send the SQL as the body")
	}
	if err := s.checkSQL(sql); err != nil {
		return "", http.StatusRequestEntityTooLarge, err
	}
	return sql, 0, nil
}

func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	who, err := s.cfg.Auth.Check(r.Header.Get("Authorization"))
	if err != nil {
		s.cfg.Log.Warn("refused", "path", r.URL.Path, "remote", r.RemoteAddr, "err", err)
		w.Header().Set("WWW-Authenticate", `Bearer realm="trailhouse", Basic realm="trailhouse"`)
		writeError(w, http.StatusUnauthorized, err)
		return
	}
	f, err := format(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	sql, code, err := s.readSQL(w, r)
	if err != nil {
		writeError(w, code, err)
		return
	}
	ctx := r.Context()
	release, err := s.gate.enter(ctx)
	if err != nil {
		if classify(err) == kindBusy {
			w.Header().Set("Retry-After", "1")
		}
		s.cfg.Log.Info("query", "who", who, "sql", short(sql), "err", err)
		writeError(w, httpStatus(err), err)
		return
	}
	defer release()
	deadline := s.deadline()
	qctx, cancel := withDeadline(ctx, deadline)
	defer cancel()
	var n int64
	defer func() {
		s.cfg.Log.Info("query", "who", who, "sql", short(sql), "format", f, "rows", n,
			"elapsed", time.Since(start).Round(time.Millisecond), "err", err)
	}()
	rows, err := s.eng.Query(qctx, sql)
	if err != nil {
		err = s.fail(err, deadline)
		writeError(w, httpStatus(err), err)
		return
	}
	defer rows.Close()
	// The first batch is read before the status is sent, so that errors
	// of planning and of the first read get their own status.
	first, err := rows.Next(qctx)
	if err != nil && !errors.Is(err, io.EOF) {
		err = s.fail(err, deadline)
		writeError(w, httpStatus(err), err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", HTTPFormats[f])
	h.Set("X-Content-Type-Options", "nosniff")
	if rows.Ordered() {
		h.Set("X-Trailhouse-Ordered", "true")
	}
	w.WriteHeader(http.StatusOK)
	n, err = result.Write(qctx, w, f, &peeked{Rows: rows, first: first})
	if err != nil {
		// The status is out: cut the response off, so that no client takes
		// a truncated answer for a whole one.
		err = s.fail(err, deadline)
		s.cfg.Log.Warn("query failed mid-answer", "who", who, "sql", short(sql), "rows", n, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// peeked replays the first batch, already read, before the rest.
type peeked struct {
	query.Rows
	first arrow.RecordBatch
}

func (p *peeked) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if p.first != nil {
		b := p.first
		p.first = nil
		return b, nil
	}
	return p.Rows.Next(ctx)
}
