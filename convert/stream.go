package convert

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"

	"github.com/trailhouse/trailhouse/internal/record"
)

// MaxEventBytes bounds the size of one event, and of any document that
// cannot be streamed item by item. CloudTrail events are at most a few
// hundred KiB (requestParameters over 100 KB are omitted by AWS).
const MaxEventBytes = 64 << 20

// jsonStream splits a byte stream into complete top-level JSON values or
// array elements without holding more than one of them.
type jsonStream struct {
	src  io.Reader
	buf  []byte
	r, w int
	off  int64 // stream offset of buf[0]
	err  error // sticky error of src
	// stack of open brackets in readValue, kept between calls
	stack []byte
}

func newJSONStream(src io.Reader) *jsonStream {
	return &jsonStream{src: src, buf: make([]byte, 0, 256<<10)}
}

// reset starts reading src, keeping the buffer (shrunk back if one huge
// value had grown it).
func (s *jsonStream) reset(src io.Reader) {
	buf := s.buf[:0]
	if cap(buf) > 4<<20 {
		buf = make([]byte, 0, 256<<10)
	}
	*s = jsonStream{src: src, buf: buf, stack: s.stack[:0]}
}

// fill reads more input; it reports false when no more is to come.
func (s *jsonStream) fill() bool {
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
func (s *jsonStream) readErr() error {
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
func (s *jsonStream) peek() (byte, error) {
	for {
		for s.r < s.w {
			c := s.buf[s.r]
			if isWS(c) {
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
func (s *jsonStream) consume() { s.r++ }

// lookingAtKey reports whether the input at the current position (which is
// '{') continues with whitespace and then the object key name followed by
// ':' and '['; it consumes nothing.
func (s *jsonStream) lookingAtKey(name string) bool {
	for {
		i := s.r + 1
		for i < s.w && isWS(s.buf[i]) {
			i++
		}
		want := `"` + name + `"`
		j := i + len(want)
		for j < s.w && isWS(s.buf[j]) {
			j++
		}
		if j < s.w && s.buf[j] == ':' {
			j++
			for j < s.w && isWS(s.buf[j]) {
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
func (s *jsonStream) skipKeyToArray() {
	for s.buf[s.r] != '[' {
		s.r++
	}
	s.r++
}

// maxInBuffer bounds the objects that readObject looks for whole in the
// buffer (which it may grow to about that size); larger ones are read by
// readValue, which does not grow it.
const maxInBuffer = 1 << 20

// readObject returns the next value (after whitespace), aliasing the
// buffer until the next read, when it is a JSON object that is valid JSON;
// the buffer is filled as needed. Otherwise it consumes nothing and reports
// false, and readValue must read the value.
func (s *jsonStream) readObject() ([]byte, bool) {
	if c, err := s.peek(); err != nil || c != '{' {
		return nil, false
	}
	for {
		b := s.buf[s.r:s.w]
		end, err := skipValue(b, 0)
		if err == nil {
			s.r += end
			return b[:end], true
		}
		if !s.more(len(b), err) {
			return nil, false
		}
	}
}

// more reads on when err, from scanning the n buffered bytes, may only say
// that the value is cut by the end of the buffer, and reports whether to
// scan anew. A syntax error further back is for readValue to find.
func (s *jsonStream) more(n int, err error) bool {
	se, ok := err.(*syntaxError)
	if !ok || se.off < n-8 || n >= maxInBuffer || !s.fill() {
		return false
	}
	// Read at least as much again before scanning anew, so that a source
	// giving small reads costs no more than linear time.
	for s.w-s.r < min(2*n, maxInBuffer) && s.fill() {
	}
	return true
}

// flattenObject is readObject that flattens the object with f into row as
// it finds its end, in the same pass. It reports false, consuming nothing,
// where readObject would, and also when the object is valid but not an
// event by its top-level keys (row is then unusable).
func (s *jsonStream) flattenObject(f *Flattener, row *record.Row) ([]byte, bool) {
	if c, err := s.peek(); err != nil || c != '{' {
		return nil, false
	}
	for {
		b := s.buf[s.r:s.w]
		end, err := f.flatten(b, row)
		if err == nil {
			if !f.event {
				return nil, false
			}
			s.r += end
			return b[:end], true
		}
		if !s.more(len(b), err) {
			return nil, false
		}
	}
}

// readValue appends the next JSON value (after whitespace) to dst. It checks
// only the structure (strings, brackets); the grammar is checked when the
// value is parsed.
func (s *jsonStream) readValue(dst []byte) ([]byte, error) {
	if _, err := s.peek(); err != nil {
		if err == io.EOF {
			return dst, s.readErr()
		}
		return dst, err
	}
	stack := s.stack[:0]
	defer func() { s.stack = stack[:0] }()
	inStr, esc := false, false
	start := len(dst)
	first := s.buf[s.r]
	scalar := first != '{' && first != '[' && first != '"'
	for {
		i := s.r
		for i < s.w {
			if inStr {
				if esc {
					esc = false
					i++
					continue
				}
				i = nextQuoteOrBackslash(s.buf[:s.w], i)
				if i == s.w {
					break
				}
				if s.buf[i] == '\\' {
					esc = true
					i++
					continue
				}
				inStr = false
				if len(stack) == 0 {
					dst = append(dst, s.buf[s.r:i+1]...)
					s.r = i + 1
					return dst, nil
				}
				i++
				continue
			}
			c := s.buf[i]
			if scalar {
				if isWS(c) || c == ',' || c == ']' || c == '}' {
					if i == s.r && len(dst) == start { // not when the scalar began in an earlier read
						return dst, errAt(int(s.off)+i, "unexpected %q", c)
					}
					dst = append(dst, s.buf[s.r:i]...)
					s.r = i
					return dst, nil
				}
				i++
				continue
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				stack = append(stack, c)
			case '}', ']':
				if len(stack) == 0 || stack[len(stack)-1] != c-2 { // '{'+2 == '}', '['+2 == ']'
					return dst, errAt(int(s.off)+i, "unexpected %q", c)
				}
				stack = stack[:len(stack)-1]
				if len(stack) == 0 {
					dst = append(dst, s.buf[s.r:i+1]...)
					s.r = i + 1
					return dst, nil
				}
			}
			i++
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

// Shape names the container an object's events came in.
type Shape string

const (
	ShapeUnknown  Shape = ""
	ShapeRecords  Shape = "records"  // {"Records":[...]}, what CloudTrail writes
	ShapeArray    Shape = "array"    // a bare JSON array of events
	ShapeLines    Shape = "lines"    // several top-level documents (newline-delimited)
	ShapeDocument Shape = "document" // one top-level document: an event, wrapper or digest
)

// Decoder reads the CloudTrail events of one object as a stream.
type Decoder struct {
	js      *jsonStream
	br      *bufio.Reader
	gzr     *gzip.Reader // kept for reuse
	gz      *gzip.Reader // gzr while the current object is gzip
	raw     []byte
	pending [][]byte  // events unpacked from one item
	npend   int       // pending[npend:] are still to be returned
	needSep bool      // an array element was read: ',' or ']' must follow
	arr     arrayKind // inside a streamed array when != arrNone
	inObj   bool      // the streamed array is a member of a top-level object
	items   int
	docs    int
	started bool
	err     error // sticky fatal error
	// set during NextRow: item flattens an event object as it reads it
	fl        *Flattener
	row       *record.Row
	flattened bool // the event Next returns is in row already
	rows      int  // events NextRow flattened in this object

	Shape   Shape
	Digests int // digest documents seen; they yield no events
}

type arrayKind uint8

const (
	arrNone    arrayKind = iota
	arrItems             // elements are events or wrappers
	arrLogs              // CloudWatch Logs logEvents: {"message": "<event JSON>"}
	arrLookups           // lookup-events Events: {"CloudTrailEvent": "<event JSON>"}
)

// NewDecoder returns a decoder for r, which may be gzip-compressed (detected
// by its magic bytes, whatever the object's name or content-encoding says).
func NewDecoder(r io.Reader) (*Decoder, error) {
	d := &Decoder{}
	if err := d.Reset(r); err != nil {
		return nil, err
	}
	return d, nil
}

// Reset makes d read a new object from r, reusing its buffers; a worker
// that decodes many objects keeps one Decoder.
func (d *Decoder) Reset(r io.Reader) error {
	if d.br == nil {
		d.br = bufio.NewReaderSize(r, 64<<10)
		d.js = newJSONStream(nil)
	} else {
		d.br.Reset(r)
	}
	js, gzr, br, raw, pending := d.js, d.gzr, d.br, d.raw, d.pending
	*d = Decoder{js: js, gzr: gzr, br: br, raw: raw[:0], pending: pending[:0]}
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
func (d *Decoder) Compressed() bool { return d.gz != nil }

// Next returns the next event as raw JSON, valid until the next call. At the
// end it returns io.EOF. An *ItemError is about one item and Next may be
// called again; any other error ends the object (and is returned again).
func (d *Decoder) Next() ([]byte, error) {
	for {
		if d.npend < len(d.pending) {
			ev := d.pending[d.npend]
			d.npend++
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

// NextRow is Next followed by f.Flatten(raw, row), the event flattened as
// it is read: for an event object (the common case) that is one pass over
// its bytes instead of two. It returns what Next returns, and when Next
// would have returned an event that Flatten rejects, that event with a
// *FlattenError (Index: the events of the object flattened before it; the
// decoder may go on). row aliases raw and is valid as long as raw is.
func (d *Decoder) NextRow(f *Flattener, row *record.Row) ([]byte, error) {
	d.fl, d.row = f, row
	raw, err := d.Next()
	d.fl, d.row = nil, nil
	if err != nil {
		return nil, err
	}
	if d.flattened {
		d.flattened = false
	} else if err := f.Flatten(raw, row); err != nil {
		return raw, &FlattenError{Index: d.rows, Err: err}
	}
	d.rows++
	return raw, nil
}

// step advances by one item; it returns (nil, nil) when it consumed
// structure but produced no event yet.
func (d *Decoder) step() ([]byte, error) {
	c, err := d.js.peek()
	if err == io.EOF {
		if d.arr != arrNone || d.inObj {
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
	if d.arr != arrNone {
		switch {
		case c == ']': // also after a stray comma, as some exporters write
			d.js.consume()
			d.arr, d.needSep = arrNone, false
			return nil, nil
		case d.needSep && c == ',':
			d.js.consume()
			d.needSep = false
			return nil, nil
		case d.needSep || c == ',':
			return nil, errAt(int(d.js.off)+d.js.r, "expected an array element, ',' or ']', found %q", c)
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
				return nil, d.streamErr(errAt(int(d.js.off)+d.js.r, "expected ':'"))
			}
			d.js.consume()
			if _, err := d.js.readValue(d.raw[:0]); err != nil { // value: not events, ignored
				return nil, d.streamErr(err)
			}
			return nil, nil
		}
		return nil, errAt(int(d.js.off)+d.js.r, "expected ',' or '}' after array")
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
		d.arr = arrItems
		if d.Shape == ShapeUnknown {
			d.Shape = ShapeArray
		}
		return nil, nil
	case '{':
		for _, k := range [...]struct {
			name string
			kind arrayKind
		}{{"Records", arrItems}, {"logEvents", arrLogs}, {"Events", arrLookups}} {
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
		return d.item(arrItems)
	}
	return nil, errAt(int(d.js.off)+d.js.r, "expected a JSON object or array, found %q", c)
}

func (d *Decoder) streamErr(err error) error {
	if d.gz != nil && (errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)) {
		return fmt.Errorf("corrupt gzip stream: %w", err)
	}
	return err
}

// item reads one value and unpacks it into d.pending; during NextRow, an
// event object is flattened as it is read and returned instead.
func (d *Decoder) item(kind arrayKind) ([]byte, error) {
	if d.fl != nil && kind == arrItems {
		if raw, ok := d.js.flattenObject(d.fl, d.row); ok {
			d.items++
			d.flattened = true
			return raw, nil
		}
	}
	var err error
	raw, valid := d.js.readObject()
	if !valid {
		raw, err = d.js.readValue(d.raw[:0])
		d.raw = raw[:0]
		if err != nil {
			return nil, d.streamErr(err)
		}
	}
	idx := d.items
	d.items++
	d.pending, d.npend = d.pending[:0], 0
	switch kind {
	case arrLogs:
		err = d.unwrapString(raw, "message")
	case arrLookups:
		err = d.unwrapString(raw, "CloudTrailEvent")
	default:
		err = d.classify(raw, 0, valid)
	}
	if err != nil {
		d.pending = d.pending[:0]
		return nil, &ItemError{Index: idx, Err: err}
	}
	return nil, nil
}

// eventKeys are keys whose presence makes an object a CloudTrail event.
var eventKeys = map[string]bool{
	"eventVersion": true, "eventTime": true, "eventName": true, "eventSource": true,
	"eventID": true, "eventType": true, "userIdentity": true, "awsRegion": true,
	"recipientAccountId": true, "requestParameters": true, "insightDetails": true,
}

var digestKeys = map[string]bool{
	"digestStartTime": true, "digestEndTime": true, "digestS3Object": true, "logFiles": true,
	"previousDigestSignature": true, "digestPublicKeyFingerprint": true,
}

// errStop ends a walk over an object's members early.
var errStop = errors.New("stop")

// classify decides what one JSON value is and queues its events. valid
// says raw is known to be valid JSON, so that the walk may stop at the
// first key that makes it an event (the Flattener reads the rest).
func (d *Decoder) classify(raw []byte, depth int, valid bool) error {
	i := skipWS(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return fmt.Errorf("%w: a JSON %s, not an object", ErrNotCloudTrail, jsonKind(raw[i:]))
	}
	var (
		isEvent, isDigest, detailType bool
		control                       bool // a CloudWatch Logs CONTROL_MESSAGE
		detail, ctEvent, records      []byte
		logEvents                     []byte
		firstKeys                     []string
	)
	_, err := forEachMember(raw, i, func(kb []byte, val []byte, _ int) error {
		if isEvent {
			return nil // validation only
		}
		switch key := string(kb); {
		case eventKeys[key]:
			isEvent = true
			if valid {
				return errStop
			}
			return nil
		case digestKeys[key]:
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
		case key == "messageType":
			control = string(val) == `"CONTROL_MESSAGE"`
		}
		if len(firstKeys) < 5 {
			firstKeys = append(firstKeys, string(kb))
		}
		return nil
	})
	if err != nil && err != errStop {
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
		return d.classify(detail, depth+1, valid) // EventBridge "AWS API Call via CloudTrail"
	case depth < 3 && ctEvent != nil:
		return d.unwrapString(raw[i:], "CloudTrailEvent") // lookup-events item
	case depth < 3 && records != nil:
		return d.eachElement(records, func(el []byte) error { return d.classify(el, depth+1, valid) })
	case depth < 3 && logEvents != nil && control:
		return nil // CloudWatch Logs checking its destination: no events
	case depth < 3 && logEvents != nil:
		return d.eachElement(logEvents, func(el []byte) error { return d.unwrapString(el, "message") })
	}
	return fmt.Errorf("%w: an object with keys %v", ErrNotCloudTrail, firstKeys)
}

func (d *Decoder) eachElement(arr []byte, fn func([]byte) error) error {
	j := skipWS(arr, 1)
	if j < len(arr) && arr[j] == ']' {
		return nil
	}
	for {
		end, err := skipValue(arr, j)
		if err != nil {
			return err
		}
		if err := fn(arr[j:end]); err != nil {
			return err
		}
		j = skipWS(arr, end)
		if j < len(arr) && arr[j] == ',' {
			j = skipWS(arr, j+1)
			continue
		}
		return nil
	}
}

// unwrapString queues the event held as a JSON string under key of obj.
func (d *Decoder) unwrapString(obj []byte, key string) error {
	var inner string
	found := false
	i := skipWS(obj, 0)
	_, err := forEachMember(obj, i, func(k []byte, val []byte, _ int) error {
		if string(k) != key {
			return nil
		}
		s, ok, err := unquoteValue(val)
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
	if _, err := skipValue(b, skipWS(b, 0)); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return d.classify(b, 2, true) // skipValue checked it
}

// queue adds one event. ev aliases the item's buffer, which is reused only
// when the next item is read, after every pending event has been returned.
func (d *Decoder) queue(ev []byte) { d.pending = append(d.pending, ev) }

func jsonKind(b []byte) string {
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
func (d *Decoder) Close() error {
	if d.gz != nil {
		return d.gz.Close()
	}
	return nil
}
