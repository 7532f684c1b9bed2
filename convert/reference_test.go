package convert

// The decoder, scanner and flattener as they were before the speed work
// (at commit 6f81619), kept verbatim except that every package-level name
// is prefixed "ref" (in code, not in strings or comments). equiv_test.go
// checks that the current code gives the same results and errors.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/klauspost/compress/gzip"

	"github.com/trailhouse/trailhouse/internal/record"
)

// ---- stream.go ----

// jsonStream splits a byte stream into complete top-level JSON values or
// array elements without holding more than one of them.
type refJsonStream struct {
	src  io.Reader
	buf  []byte
	r, w int
	off  int64 // stream offset of buf[0]
	err  error // sticky error of src
}

func refNewJSONStream(src io.Reader) *refJsonStream {
	return &refJsonStream{src: src, buf: make([]byte, 0, 256<<10)}
}

// reset starts reading src, keeping the buffer (shrunk back if one huge
// value had grown it).
func (s *refJsonStream) reset(src io.Reader) {
	buf := s.buf[:0]
	if cap(buf) > 4<<20 {
		buf = make([]byte, 0, 256<<10)
	}
	*s = refJsonStream{src: src, buf: buf}
}

// fill reads more input; it reports false when no more is to come.
func (s *refJsonStream) fill() bool {
	if s.err != nil {
		return false
	}
	if s.r > 0 && s.r == s.w {
		s.off += int64(s.r)
		s.r, s.w = 0, 0
		s.buf = s.buf[:0]
	}
	if s.w == cap(s.buf) {
		if s.r > 0 {
			n := copy(s.buf[:cap(s.buf)], s.buf[s.r:s.w])
			s.off += int64(s.r)
			s.r, s.w = 0, n
		} else {
			nb := make([]byte, s.w, 2*cap(s.buf))
			copy(nb, s.buf[:s.w])
			s.buf = nb
		}
	}
	n, err := s.src.Read(s.buf[s.w:cap(s.buf)])
	s.w += n
	s.buf = s.buf[:s.w]
	if err != nil {
		s.err = err
	}
	return n > 0 || err == nil
}

// readErr turns the stream's sticky error into the error for a value that
// ended early.
func (s *refJsonStream) readErr() error {
	if s.err == nil || s.err == io.EOF {
		return fmt.Errorf("%w: input ends inside a JSON value at byte %d", ErrTruncated, s.off+int64(s.w))
	}
	if errors.Is(s.err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: compressed stream ends early, after %d bytes of JSON", ErrTruncated, s.off+int64(s.w))
	}
	return s.err
}

// peek skips whitespace (and a UTF-8 byte order mark at the very start) and
// returns the next byte without consuming it; io.EOF at a clean end.
func (s *refJsonStream) peek() (byte, error) {
	for {
		for s.r < s.w {
			c := s.buf[s.r]
			if refIsWS(c) {
				s.r++
				continue
			}
			if c == 0xEF && s.off == 0 && s.r == 0 {
				if s.w < 3 && s.fill() {
					continue
				}
				if s.w >= 3 && s.buf[1] == 0xBB && s.buf[2] == 0xBF {
					s.r = 3
					continue
				}
			}
			return c, nil
		}
		if !s.fill() {
			if s.err == io.EOF {
				return 0, io.EOF
			}
			return 0, s.readErr()
		}
	}
}

// consume skips the byte returned by peek.
func (s *refJsonStream) consume() { s.r++ }

// lookingAtKey reports whether the input at the current position (which is
// '{') continues with whitespace and then the object key name followed by
// ':' and '['; it consumes nothing.
func (s *refJsonStream) lookingAtKey(name string) bool {
	for {
		i := s.r + 1
		for i < s.w && refIsWS(s.buf[i]) {
			i++
		}
		want := `"` + name + `"`
		j := i + len(want)
		for j < s.w && refIsWS(s.buf[j]) {
			j++
		}
		if j < s.w && s.buf[j] == ':' {
			j++
			for j < s.w && refIsWS(s.buf[j]) {
				j++
			}
			if j < s.w {
				return string(s.buf[i:i+len(want)]) == want && s.buf[j] == '['
			}
		}
		if s.w-s.r > 4096 || !s.fill() {
			return false
		}
	}
}

// skipKeyToArray consumes `{ "name" : [` as checked by lookingAtKey.
func (s *refJsonStream) skipKeyToArray() {
	for s.buf[s.r] != '[' {
		s.r++
	}
	s.r++
}

// readValue appends the next JSON value (after whitespace) to dst. It checks
// only the structure (strings, brackets); the grammar is checked when the
// value is parsed.
func (s *refJsonStream) readValue(dst []byte) ([]byte, error) {
	if _, err := s.peek(); err != nil {
		if err == io.EOF {
			return dst, s.readErr()
		}
		return dst, err
	}
	var stack []byte
	inStr, esc := false, false
	start := len(dst)
	first := s.buf[s.r]
	scalar := first != '{' && first != '[' && first != '"'
	for {
		i := s.r
		for ; i < s.w; i++ {
			c := s.buf[i]
			if inStr {
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
					if len(stack) == 0 {
						dst = append(dst, s.buf[s.r:i+1]...)
						s.r = i + 1
						return dst, nil
					}
				}
				continue
			}
			if scalar {
				if refIsWS(c) || c == ',' || c == ']' || c == '}' {
					if i == s.r && len(dst) == start { // fixed here too (scalar cut by a read)
						return dst, refErrAt(int(s.off)+i, "unexpected %q", c)
					}
					dst = append(dst, s.buf[s.r:i]...)
					s.r = i
					return dst, nil
				}
				continue
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				stack = append(stack, c)
			case '}', ']':
				if len(stack) == 0 || stack[len(stack)-1] != c-2 { // '{'+2 == '}', '['+2 == ']'
					return dst, refErrAt(int(s.off)+i, "unexpected %q", c)
				}
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					dst = append(dst, s.buf[s.r:i+1]...)
					s.r = i + 1
					return dst, nil
				}
			}
		}
		dst = append(dst, s.buf[s.r:s.w]...)
		s.r = s.w
		if len(dst)-start > MaxEventBytes {
			return dst, fmt.Errorf("%w: a JSON value over %d MiB", ErrTooLarge, MaxEventBytes>>20)
		}
		if !s.fill() {
			if scalar && s.err == io.EOF {
				return dst, nil
			}
			return dst, s.readErr()
		}
	}
}

// Decoder reads the CloudTrail events of one object as a stream.
type refDecoder struct {
	js      *refJsonStream
	br      *bufio.Reader
	gzr     *gzip.Reader // kept for reuse
	gz      *gzip.Reader // gzr while the current object is gzip
	raw     []byte
	pending [][]byte     // events unpacked from one item
	needSep bool         // an array element was read: ',' or ']' must follow
	arr     refArrayKind // inside a streamed array when != arrNone
	inObj   bool         // the streamed array is a member of a top-level object
	items   int
	docs    int
	started bool
	err     error // sticky fatal error

	Shape   Shape
	Digests int // digest documents seen; they yield no events
}

type refArrayKind uint8

const (
	refArrNone    refArrayKind = iota
	refArrItems                // elements are events or wrappers
	refArrLogs                 // CloudWatch Logs logEvents: {"message": "<event JSON>"}
	refArrLookups              // lookup-events Events: {"CloudTrailEvent": "<event JSON>"}
)

// NewDecoder returns a decoder for r, which may be gzip-compressed (detected
// by its magic bytes, whatever the object's name or content-encoding says).
func refNewDecoder(r io.Reader) (*refDecoder, error) {
	d := &refDecoder{}
	if err := d.Reset(r); err != nil {
		return nil, err
	}
	return d, nil
}

// Reset makes d read a new object from r, reusing its buffers; a worker
// that decodes many objects keeps one Decoder.
func (d *refDecoder) Reset(r io.Reader) error {
	if d.br == nil {
		d.br = bufio.NewReaderSize(r, 64<<10)
		d.js = refNewJSONStream(nil)
	} else {
		d.br.Reset(r)
	}
	js, gzr, br, raw, pending := d.js, d.gzr, d.br, d.raw, d.pending
	*d = refDecoder{js: js, gzr: gzr, br: br, raw: raw[:0], pending: pending[:0]}
	var src io.Reader = br
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		var err error
		if d.gzr == nil {
			d.gzr, err = gzip.NewReader(br)
		} else {
			err = d.gzr.Reset(br)
		}
		if err != nil {
			return fmt.Errorf("corrupt gzip stream: %w", err)
		}
		d.gz = d.gzr
		src = d.gz
	}
	d.js.reset(src)
	return nil
}

// Compressed reports whether the object is gzip.
func (d *refDecoder) Compressed() bool { return d.gz != nil }

// Next returns the next event as raw JSON, valid until the next call. At the
// end it returns io.EOF. An *ItemError is about one item and Next may be
// called again; any other error ends the object (and is returned again).
func (d *refDecoder) Next() ([]byte, error) {
	for {
		if len(d.pending) > 0 {
			ev := d.pending[0]
			d.pending = d.pending[1:]
			return ev, nil
		}
		if d.err != nil {
			return nil, d.err
		}
		ev, err := d.step()
		if err != nil {
			var ie *ItemError
			if !errors.As(err, &ie) {
				d.err = err
			}
			return nil, err
		}
		if ev != nil {
			return ev, nil
		}
	}
}

// step advances by one item; it returns (nil, nil) when it consumed
// structure but produced no event yet.
func (d *refDecoder) step() ([]byte, error) {
	c, err := d.js.peek()
	if err == io.EOF {
		if d.arr != refArrNone || d.inObj {
			return nil, d.js.readErr()
		}
		if !d.started {
			return nil, ErrEmpty
		}
		return nil, io.EOF
	}
	if err != nil {
		return nil, d.streamErr(err)
	}
	if d.arr != refArrNone {
		switch {
		case c == ']': // also after a stray comma, as some exporters write
			d.js.consume()
			d.arr, d.needSep = refArrNone, false
			return nil, nil
		case d.needSep && c == ',':
			d.js.consume()
			d.needSep = false
			return nil, nil
		case d.needSep || c == ',':
			return nil, refErrAt(int(d.js.off)+d.js.r, "expected an array element, ',' or ']', found %q", c)
		}
		d.needSep = true
		return d.item(d.arr)
	}
	if d.inObj {
		// the rest of a top-level object after its streamed array
		switch c {
		case '}':
			d.js.consume()
			d.inObj = false
			return nil, nil
		case ',':
			d.js.consume()
			if _, err := d.js.readValue(d.raw[:0]); err != nil { // key
				return nil, d.streamErr(err)
			}
			if c, err := d.js.peek(); err != nil || c != ':' {
				return nil, d.streamErr(refErrAt(int(d.js.off)+d.js.r, "expected ':'"))
			}
			d.js.consume()
			if _, err := d.js.readValue(d.raw[:0]); err != nil { // value: not events, ignored
				return nil, d.streamErr(err)
			}
			return nil, nil
		}
		return nil, refErrAt(int(d.js.off)+d.js.r, "expected ',' or '}' after array")
	}
	// a top-level document
	d.docs++
	if d.started && d.Shape != ShapeLines {
		d.Shape = ShapeLines
	}
	d.started = true
	switch c {
	case '[':
		d.js.consume()
		d.arr = refArrItems
		if d.Shape == ShapeUnknown {
			d.Shape = ShapeArray
		}
		return nil, nil
	case '{':
		for _, k := range [...]struct {
			name string
			kind refArrayKind
		}{{"Records", refArrItems}, {"logEvents", refArrLogs}, {"Events", refArrLookups}} {
			if d.js.lookingAtKey(k.name) {
				d.js.skipKeyToArray()
				d.arr, d.inObj = k.kind, true
				if d.Shape == ShapeUnknown && k.name == "Records" {
					d.Shape = ShapeRecords
				} else if d.Shape == ShapeUnknown {
					d.Shape = ShapeDocument
				}
				return nil, nil
			}
		}
		if d.Shape == ShapeUnknown {
			d.Shape = ShapeDocument
		}
		return d.item(refArrItems)
	}
	return nil, refErrAt(int(d.js.off)+d.js.r, "expected a JSON object or array, found %q", c)
}

func (d *refDecoder) streamErr(err error) error {
	if d.gz != nil && (errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)) {
		return fmt.Errorf("corrupt gzip stream: %w", err)
	}
	return err
}

// item reads one value and unpacks it into d.pending.
func (d *refDecoder) item(kind refArrayKind) ([]byte, error) {
	raw, err := d.js.readValue(d.raw[:0])
	d.raw = raw[:0]
	if err != nil {
		return nil, d.streamErr(err)
	}
	idx := d.items
	d.items++
	d.pending = d.pending[:0]
	switch kind {
	case refArrLogs:
		err = d.unwrapString(raw, "message")
	case refArrLookups:
		err = d.unwrapString(raw, "CloudTrailEvent")
	default:
		err = d.classify(raw, 0)
	}
	if err != nil {
		d.pending = d.pending[:0]
		return nil, &ItemError{Index: idx, Err: err}
	}
	return nil, nil
}

// eventKeys are keys whose presence makes an object a CloudTrail event.
var refEventKeys = map[string]bool{
	"eventVersion": true, "eventTime": true, "eventName": true, "eventSource": true,
	"eventID": true, "eventType": true, "userIdentity": true, "awsRegion": true,
	"recipientAccountId": true, "requestParameters": true, "insightDetails": true,
}

var refDigestKeys = map[string]bool{
	"digestStartTime": true, "digestEndTime": true, "digestS3Object": true, "logFiles": true,
	"previousDigestSignature": true, "digestPublicKeyFingerprint": true,
}

// classify decides what one JSON value is and queues its events.
func (d *refDecoder) classify(raw []byte, depth int) error {
	i := refSkipWS(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return fmt.Errorf("%w: a JSON %s, not an object", ErrNotCloudTrail, refJsonKind(raw[i:]))
	}
	var (
		isEvent, isDigest, detailType bool
		control                       bool
		detail, ctEvent, records      []byte
		logEvents                     []byte
		firstKeys                     []string
	)
	_, err := refForEachMember(raw, i, func(kb []byte, val []byte, _ int) error {
		if isEvent {
			return nil // validation only
		}
		if len(firstKeys) < 5 {
			firstKeys = append(firstKeys, string(kb))
		}
		switch key := string(kb); {
		case refEventKeys[key]:
			isEvent = true
		case refDigestKeys[key]:
			isDigest = true
		case key == "detail-type":
			detailType = true
		case key == "detail":
			detail = val
		case key == "CloudTrailEvent":
			ctEvent = val
		case key == "Records" && val[0] == '[':
			records = val
		case key == "logEvents" && val[0] == '[':
			logEvents = val
		case key == "messageType": // since the reference was taken: CONTROL_MESSAGE has no events
			control = string(val) == `"CONTROL_MESSAGE"`
		}
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case isEvent:
		d.queue(raw[i:])
		return nil
	case isDigest:
		d.Digests++
		return nil
	case depth < 3 && detailType && detail != nil:
		return d.classify(detail, depth+1) // EventBridge "AWS API Call via CloudTrail"
	case depth < 3 && ctEvent != nil:
		return d.unwrapString(raw[i:], "CloudTrailEvent") // lookup-events item
	case depth < 3 && records != nil:
		return d.eachElement(records, func(el []byte) error { return d.classify(el, depth+1) })
	case depth < 3 && logEvents != nil && control:
		return nil
	case depth < 3 && logEvents != nil:
		return d.eachElement(logEvents, func(el []byte) error { return d.unwrapString(el, "message") })
	}
	return fmt.Errorf("%w: an object with keys %v", ErrNotCloudTrail, firstKeys)
}

func (d *refDecoder) eachElement(arr []byte, fn func([]byte) error) error {
	j := refSkipWS(arr, 1)
	if j < len(arr) && arr[j] == ']' {
		return nil
	}
	for {
		end, err := refSkipValue(arr, j)
		if err != nil {
			return err
		}
		if err := fn(arr[j:end]); err != nil {
			return err
		}
		j = refSkipWS(arr, end)
		if j < len(arr) && arr[j] == ',' {
			j = refSkipWS(arr, j+1)
			continue
		}
		return nil
	}
}

// unwrapString queues the event held as a JSON string under key of obj.
func (d *refDecoder) unwrapString(obj []byte, key string) error {
	var inner string
	found := false
	i := refSkipWS(obj, 0)
	_, err := refForEachMember(obj, i, func(k []byte, val []byte, _ int) error {
		if string(k) != key {
			return nil
		}
		s, ok, err := refUnquoteValue(val)
		if err != nil || !ok {
			return fmt.Errorf("%s is not a JSON string", key)
		}
		inner, found = s, true
		return nil
	})
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%w: no %q in wrapper", ErrNotCloudTrail, key)
	}
	b := []byte(inner)
	if _, err := refSkipValue(b, refSkipWS(b, 0)); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return d.classify(b, 2)
}

// queue adds one event. ev aliases the item's buffer, which is reused only
// when the next item is read, after every pending event has been returned.
func (d *refDecoder) queue(ev []byte) { d.pending = append(d.pending, ev) }

func refJsonKind(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// Close checks the end of a gzip stream; the decoder may be Reset after.
func (d *refDecoder) Close() error {
	if d.gz != nil {
		return d.gz.Close()
	}
	return nil
}

// ---- jsonscan.go ----

// syntaxError is a JSON syntax problem at a byte offset of the value being
// scanned.
type refSyntaxError struct {
	msg string
	off int
}

func (e *refSyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at byte %d: %s", e.off, e.msg)
}

func refErrAt(off int, format string, args ...any) error {
	return &refSyntaxError{msg: fmt.Sprintf(format, args...), off: off}
}

func refIsWS(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func refSkipWS(b []byte, i int) int {
	for i < len(b) && refIsWS(b[i]) {
		i++
	}
	return i
}

// scanString expects b[i] == '"' and returns the index after the closing
// quote, whether the string has escapes, and whether it has bytes >= 0x80.
func refScanString(b []byte, i int) (end int, esc, high bool, err error) {
	j := i + 1
	for j < len(b) {
		c := b[j]
		switch {
		case c == '"':
			return j + 1, esc, high, nil
		case c == '\\':
			esc = true
			j++
			if j >= len(b) {
				return 0, false, false, refErrAt(j, "unterminated string")
			}
			switch b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(b) {
					return 0, false, false, refErrAt(j, "short \\u escape")
				}
				for k := 1; k <= 4; k++ {
					if !refIsHex(b[j+k]) {
						return 0, false, false, refErrAt(j+k, "bad \\u escape")
					}
				}
				j += 4
			default:
				return 0, false, false, refErrAt(j, "bad escape \\%c", b[j])
			}
		case c < 0x20:
			return 0, false, false, refErrAt(j, "control character in string")
		case c >= 0x80:
			high = true
		}
		j++
	}
	return 0, false, false, refErrAt(j, "unterminated string")
}

func refIsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// skipValue validates the JSON value starting at b[i] (no leading
// whitespace) and returns the index just after it.
func refSkipValue(b []byte, i int) (int, error) {
	return refSkipValueDepth(b, i, 0)
}

const refMaxDepth = 10000

func refSkipValueDepth(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return 0, refErrAt(i, "unexpected end of input")
	}
	if depth > refMaxDepth {
		return 0, refErrAt(i, "nesting too deep")
	}
	switch c := b[i]; {
	case c == '"':
		end, _, _, err := refScanString(b, i)
		return end, err
	case c == '{':
		j := refSkipWS(b, i+1)
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		for {
			if j >= len(b) || b[j] != '"' {
				return 0, refErrAt(j, "expected object key")
			}
			end, _, _, err := refScanString(b, j)
			if err != nil {
				return 0, err
			}
			j = refSkipWS(b, end)
			if j >= len(b) || b[j] != ':' {
				return 0, refErrAt(j, "expected ':' after object key")
			}
			j = refSkipWS(b, j+1)
			if j, err = refSkipValueDepth(b, j, depth+1); err != nil {
				return 0, err
			}
			j = refSkipWS(b, j)
			if j < len(b) && b[j] == ',' {
				j = refSkipWS(b, j+1)
				continue
			}
			if j < len(b) && b[j] == '}' {
				return j + 1, nil
			}
			return 0, refErrAt(j, "expected ',' or '}' in object")
		}
	case c == '[':
		j := refSkipWS(b, i+1)
		if j < len(b) && b[j] == ']' {
			return j + 1, nil
		}
		for {
			var err error
			if j, err = refSkipValueDepth(b, j, depth+1); err != nil {
				return 0, err
			}
			j = refSkipWS(b, j)
			if j < len(b) && b[j] == ',' {
				j = refSkipWS(b, j+1)
				continue
			}
			if j < len(b) && b[j] == ']' {
				return j + 1, nil
			}
			return 0, refErrAt(j, "expected ',' or ']' in array")
		}
	case c == 't':
		return refLiteral(b, i, "true")
	case c == 'f':
		return refLiteral(b, i, "false")
	case c == 'n':
		return refLiteral(b, i, "null")
	case c == '-' || c >= '0' && c <= '9':
		return refSkipNumber(b, i)
	default:
		return 0, refErrAt(i, "unexpected character %q", c)
	}
}

func refLiteral(b []byte, i int, lit string) (int, error) {
	if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
		return i + len(lit), nil
	}
	return 0, refErrAt(i, "invalid literal")
}

func refSkipNumber(b []byte, i int) (int, error) {
	j := i
	if b[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		return j - k
	}
	if j < len(b) && b[j] == '0' {
		j++
	} else if digits() == 0 {
		return 0, refErrAt(j, "invalid number")
	}
	if j < len(b) && b[j] == '.' {
		j++
		if digits() == 0 {
			return 0, refErrAt(j, "invalid number")
		}
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		j++
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if digits() == 0 {
			return 0, refErrAt(j, "invalid number")
		}
	}
	return j, nil
}

// member is one key/value pair of a JSON object; both are raw JSON text
// slices of the scanned buffer.
type refMember struct {
	key   string // decoded key
	value []byte // raw value
	voff  int    // offset of value in the scanned buffer
}

// forEachMember calls fn for each member of the object at b[i:] in order,
// validating the whole object, and returns the index after it. key is the
// decoded key, valid only during the call.
func refForEachMember(b []byte, i int, fn func(key []byte, val []byte, voff int) error) (int, error) {
	if i >= len(b) || b[i] != '{' {
		return 0, refErrAt(i, "expected an object")
	}
	j := refSkipWS(b, i+1)
	if j < len(b) && b[j] == '}' {
		return j + 1, nil
	}
	for {
		if j >= len(b) || b[j] != '"' {
			return 0, refErrAt(j, "expected object key")
		}
		kend, esc, high, err := refScanString(b, j)
		if err != nil {
			return 0, err
		}
		key := b[j+1 : kend-1]
		if esc || high && !utf8.Valid(key) {
			k, err := refDecodeString(b[j:kend], esc, high)
			if err != nil {
				return 0, err
			}
			key = []byte(k)
		}
		j = refSkipWS(b, kend)
		if j >= len(b) || b[j] != ':' {
			return 0, refErrAt(j, "expected ':' after object key")
		}
		vstart := refSkipWS(b, j+1)
		vend, err := refSkipValueDepth(b, vstart, 1)
		if err != nil {
			return 0, err
		}
		if err := fn(key, b[vstart:vend], vstart); err != nil {
			return 0, err
		}
		j = refSkipWS(b, vend)
		if j < len(b) && b[j] == ',' {
			j = refSkipWS(b, j+1)
			continue
		}
		if j < len(b) && b[j] == '}' {
			return j + 1, nil
		}
		return 0, refErrAt(j, "expected ',' or '}' in object")
	}
}

// decodeString decodes a raw JSON string (with its quotes) whose scan
// reported esc and high, with encoding/json's semantics: invalid UTF-8
// bytes and unpaired surrogates become U+FFFD.
func refDecodeString(raw []byte, esc, high bool) (string, error) {
	body := raw[1 : len(raw)-1]
	if !esc && (!high || utf8.Valid(body)) {
		return string(body), nil
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == '\\':
			if i+1 >= len(body) {
				return "", errors.New("bad escape at end of string")
			}
			i++
			switch body[i] {
			case '"', '\\', '/':
				out = append(out, body[i])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := refHex4(body[i+1:])
				if !ok {
					return "", errors.New("bad \\u escape")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok2 := rune(-1), false
					if i+6 < len(body) && body[i+1] == '\\' && body[i+2] == 'u' {
						r2, ok2 = refHex4(body[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				return "", fmt.Errorf("bad escape \\%c", body[i])
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, body[i:i+size]...)
			}
			i += size
		}
	}
	return string(out), nil
}

func refHex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// validJSONText returns raw (valid JSON) with every invalid UTF-8 byte
// replaced by the escape \ufffd, which is how encoding/json reads it;
// Parquet string columns must hold valid UTF-8.
func refValidJSONText(raw []byte) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	out := make([]byte, 0, len(raw)+16)
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, `\ufffd`...)
		} else {
			out = append(out, raw[i:i+size]...)
		}
		i += size
	}
	return out
}

// unquoteValue decodes raw (a complete JSON value) if it is a string.
func refUnquoteValue(raw []byte) (string, bool, error) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", false, nil
	}
	end, esc, high, err := refScanString(raw, 0)
	if err != nil {
		return "", false, err
	}
	if end != len(raw) {
		return "", false, errors.New("trailing data after string")
	}
	s, err := refDecodeString(raw, esc, high)
	return s, err == nil, err
}

// compactJSON appends raw (a valid JSON value) to dst without insignificant
// whitespace; everything else is kept byte for byte.
func refCompactJSON(dst, raw []byte) []byte {
	inStr := false
	start := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		if c == '"' {
			inStr = true
		} else if refIsWS(c) {
			dst = append(dst, raw[start:i]...)
			start = i + 1
		}
	}
	return append(dst, raw[start:]...)
}

// isCompact reports whether raw has no whitespace outside strings.
func refIsCompact(raw []byte) bool {
	inStr := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		if c == '"' {
			inStr = true
		} else if refIsWS(c) {
			return false
		}
	}
	return true
}

// ---- flatten.go ----

type refFieldKind uint8

const (
	refFStr refFieldKind = iota
	refFJSON
	refFObject
	refFTime
	refFReadOnly
	refFManagementEvent
	refFResources
)

// node is one key of the CloudTrail event tree that has a typed column (or,
// for fObject, typed columns below it).
type refNode struct {
	kind     refFieldKind
	col      int
	name     string // the key this node is found under
	children map[string]*refNode
}

var refEventTree = refBuildTree()

func refBuildTree() *refNode {
	root := &refNode{kind: refFObject, children: map[string]*refNode{}}
	add := func(path []string, leaf *refNode) {
		n := root
		for _, k := range path[:len(path)-1] {
			c := n.children[k]
			if c == nil {
				c = &refNode{kind: refFObject, name: k, children: map[string]*refNode{}}
				n.children[k] = c
			}
			n = c
		}
		leaf.name = path[len(path)-1]
		n.children[leaf.name] = leaf
	}
	for i, c := range record.StrColumns {
		k := refFStr
		if c.Kind == record.JSON {
			k = refFJSON
		}
		add(c.Path, &refNode{kind: k, col: i})
	}
	add(record.EventTimeColumn.Path, &refNode{kind: refFTime})
	add(record.ReadOnlyColumn.Path, &refNode{kind: refFReadOnly})
	add(record.ManagementEventColumn.Path, &refNode{kind: refFManagementEvent})
	add([]string{"resources"}, &refNode{kind: refFResources})
	return root
}

// Flattener maps raw events onto rows. It reuses its buffers between calls,
// so one Flattener serves one goroutine.
type refFlattener struct {
	row   *record.Row
	b     []byte
	s     string // string(b): typed values are substrings of it
	nodes []refXnode
	nused int
	out   []byte
}

// xnode is one object level of the _extra document being built.
type refXnode struct {
	keys []string
	vals []refXval
}

type refXval struct {
	raw   string // JSON text, when child == nil
	child *refXnode
}

func (x *refXnode) set(key, raw string) {
	for i, k := range x.keys {
		if k == key {
			x.vals[i] = refXval{raw: raw}
			return
		}
	}
	x.keys = append(x.keys, key)
	x.vals = append(x.vals, refXval{raw: raw})
}

func (x *refXnode) setChild(key string, c *refXnode) {
	for i, k := range x.keys {
		if k == key {
			x.vals[i] = refXval{child: c}
			return
		}
	}
	x.keys = append(x.keys, key)
	x.vals = append(x.vals, refXval{child: c})
}

// remove drops key, so that a later typed value for a repeated key wins
// over an earlier one kept in _extra (last key wins, as in encoding/json).
func (x *refXnode) remove(key string) {
	for i, k := range x.keys {
		if k == key {
			x.keys = append(x.keys[:i], x.keys[i+1:]...)
			x.vals = append(x.vals[:i], x.vals[i+1:]...)
			return
		}
	}
}

func (x *refXnode) empty() bool {
	for _, v := range x.vals {
		if v.child == nil || !v.child.empty() {
			return false
		}
	}
	return true
}

func (f *refFlattener) newNode() *refXnode {
	if f.nused == len(f.nodes) {
		f.nodes = append(f.nodes, refXnode{})
	}
	x := &f.nodes[f.nused]
	f.nused++
	x.keys, x.vals = x.keys[:0], x.vals[:0]
	return x
}

// Flatten fills row from raw, one CloudTrail event as a JSON object. Row is
// reset first. Most of the row's strings alias raw without copying: the row
// is valid only while raw is unchanged (copy it, e.g. with
// record.Row.AppendBinary, to keep it longer). An error means raw is not a
// valid JSON object; row is then unusable.
func (f *refFlattener) Flatten(raw []byte, row *record.Row) error {
	row.Reset()
	f.row, f.b, f.nused = row, raw, 0
	f.s = ""
	if len(raw) > 0 {
		f.s = unsafe.String(&raw[0], len(raw))
	}
	if len(f.nodes) > 64 { // one pathological event must not pin memory
		f.nodes = nil
	}
	start := refSkipWS(raw, 0)
	root := f.newNode()
	end, err := f.object(start, refEventTree, root)
	if err != nil {
		return err
	}
	if rest := refSkipWS(raw, end); rest != len(raw) {
		return refErrAt(rest, "data after the event object")
	}
	if !root.empty() {
		f.out = refAppendXNode(f.out[:0], root)
		row.Extra = string(f.out)
	}
	return nil
}

// object flattens the object at b[i] under tree node n, recording leftovers
// in x. It reports whether the object produced anything (a column or _extra).
func (f *refFlattener) object(i int, n *refNode, x *refXnode) (int, error) {
	return refForEachMember(f.b, i, func(kb []byte, val []byte, voff int) error {
		c := n.children[string(kb)]
		if c == nil {
			x.set(string(kb), f.rawText(val, voff))
			return nil
		}
		key := c.name
		switch c.kind {
		case refFStr:
			s, ok, err := f.str(val, voff)
			if err != nil {
				return err
			}
			if !ok {
				f.row.ClearStr(c.col)
				x.set(key, f.rawText(val, voff))
				return nil
			}
			f.row.SetStr(c.col, s)
		case refFJSON:
			if val[0] == 'n' { // null: the column cannot tell it from absent
				f.row.ClearStr(c.col)
				x.set(key, "null")
				return nil
			}
			f.row.SetStr(c.col, f.rawText(val, voff))
		case refFObject:
			refClearCols(f.row, c) // fixed here too: a repeated key wins
			if val[0] != '{' {
				x.set(key, f.rawText(val, voff))
				return nil
			}
			before := f.row.Set
			child := f.newNode()
			if _, err := f.object(voff, c, child); err != nil {
				return err
			}
			switch {
			case !child.empty():
				x.setChild(key, child)
				return nil
			case f.row.Set == before:
				// An object that filled no column and left nothing over is
				// an empty object, or held only keys that are now NULL.
				x.set(key, "{}")
				return nil
			}
		case refFTime:
			s, ok, err := f.str(val, voff)
			if err != nil {
				return err
			}
			f.row.HasTime = false
			if !ok {
				x.set(key, f.rawText(val, voff))
				return nil
			}
			ms, canonical, ok := refParseEventTime(s)
			if ok {
				f.row.EventTime, f.row.HasTime = ms, true
			}
			if !canonical {
				x.set(key, f.rawText(val, voff))
				return nil
			}
		case refFReadOnly, refFManagementEvent:
			t := record.Null
			switch string(val) {
			case "true":
				t = record.True
			case "false":
				t = record.False
			}
			if c.kind == refFReadOnly {
				f.row.ReadOnly = t
			} else {
				f.row.ManagementEvent = t
			}
			if t == record.Null {
				x.set(key, f.rawText(val, voff))
				return nil
			}
		case refFResources:
			clean, err := f.resources(val, voff)
			if err != nil {
				return err
			}
			if !clean {
				x.set(key, f.rawText(val, voff))
				return nil
			}
		}
		x.remove(key)
		return nil
	})
}

// str decodes val as a JSON string; ok is false when val is another type.
func (f *refFlattener) str(val []byte, voff int) (string, bool, error) {
	if val[0] != '"' {
		return "", false, nil
	}
	end, esc, high, err := refScanString(val, 0)
	if err != nil {
		return "", false, err
	}
	if !esc && !high {
		return f.s[voff+1 : voff+end-1], true, nil
	}
	s, err := refDecodeString(val, esc, high)
	return s, err == nil, err
}

// rawText returns val as compact JSON text in valid UTF-8.
func (f *refFlattener) rawText(val []byte, voff int) string {
	if refIsCompact(val) && utf8.Valid(val) {
		return f.s[voff : voff+len(val)]
	}
	return string(refValidJSONText(refCompactJSON(nil, val)))
}

var refResourceKeys = [...]string{record.ResourceARN: "ARN", record.ResourceAccountID: "accountId", record.ResourceType: "type"}

// resources fills the resources_* lists from an array of {ARN, accountId,
// type} objects. It reports whether the typed lists alone rebuild val; when
// not (not an array, empty, an element that is not such an object, other
// keys or types), the caller keeps val whole in _extra and the lists keep
// whatever string fields they could take.
func (f *refFlattener) resources(val []byte, voff int) (bool, error) {
	f.row.Resources = nil
	if val[0] != '[' {
		return false, nil
	}
	clean := true
	res := make([]record.Resource, 0, 2)
	j := refSkipWS(f.b, voff+1)
	if j < len(f.b) && f.b[j] == ']' {
		f.row.Resources = res
		return false, nil
	}
	for {
		vend, err := refSkipValue(f.b, j)
		if err != nil {
			return false, err
		}
		var r record.Resource
		if f.b[j] == '{' {
			_, err := refForEachMember(f.b, j, func(key []byte, v []byte, off int) error {
				for k, name := range refResourceKeys {
					if string(key) != name {
						continue
					}
					s, ok, err := f.str(v, off)
					if err != nil {
						return err
					}
					if !ok || r.Set&(1<<k) != 0 {
						clean = false
						if !ok {
							return nil
						}
					}
					r.F[k], r.Set = s, r.Set|1<<k
					return nil
				}
				clean = false
				return nil
			})
			if err != nil {
				return false, err
			}
		} else {
			clean = false
		}
		res = append(res, r)
		j = refSkipWS(f.b, vend)
		if j < len(f.b) && f.b[j] == ',' {
			j = refSkipWS(f.b, j+1)
			continue
		}
		break
	}
	f.row.Resources = res
	return clean, nil
}

// appendXNode writes x as a JSON object.
func refAppendXNode(dst []byte, x *refXnode) []byte {
	dst = append(dst, '{')
	first := true
	for i, k := range x.keys {
		v := x.vals[i]
		if v.child != nil && v.child.empty() {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = refAppendJSONString(dst, k)
		dst = append(dst, ':')
		if v.child != nil {
			dst = refAppendXNode(dst, v.child)
		} else {
			dst = append(dst, v.raw...)
		}
	}
	return append(dst, '}')
}

const refHexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string literal.
func refAppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', refHexDigits[c>>4], refHexDigits[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// ---- time.go ----

var refOtherTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"20060102T150405Z",
}

// parseEventTime parses an eventTime value to Unix milliseconds (UTC,
// sub-millisecond digits truncated). canonical reports that s is exactly
// CanonicalTimeLayout, so formatting the instant gives s back. A time
// without a zone is taken as UTC.
func refParseEventTime(s string) (ms int64, canonical, ok bool) {
	if len(s) == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z' {
		if t, err := time.Parse(CanonicalTimeLayout, s); err == nil {
			return t.UnixMilli(), true, true
		}
	}
	for _, layout := range refOtherTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UnixMilli(), false, true
		}
	}
	// RFC 3339 allows a lower-case T and Z, which time.Parse does not.
	if u := strings.ToUpper(s); u != s {
		ms, _, ok := refParseEventTime(u)
		return ms, false, ok // not canonical: formatting gives u, not s
	}
	return 0, false, false
}

// refClearCols makes NULL every string column at or below n (added with
// the fix for repeated object keys).
func refClearCols(row *record.Row, n *refNode) {
	for _, c := range n.children {
		switch c.kind {
		case refFStr, refFJSON:
			row.ClearStr(c.col)
		case refFObject:
			refClearCols(row, c)
		}
	}
}
