package objstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// Defaults of S3Options.
const (
	DefaultS3MaxRetries         = 5
	DefaultS3PageSize           = 1000
	DefaultS3PartSize           = 16 << 20
	DefaultS3MultipartThreshold = 64 << 20
	DefaultS3PartConcurrency    = 4
	// MinS3PartSize is S3's smallest allowed part (all but the last).
	MinS3PartSize = 5 << 20
	maxS3Parts    = 10000
)

// S3Options configures an S3 store. Only Bucket is required.
type S3Options struct {
	Bucket string
	// Prefix is the store's root inside the bucket: keys passed to the
	// store are relative to it. "" is the bucket's top; "a/b" and "a/b/"
	// are the same root.
	Prefix string
	// Region, if empty, comes from the environment or the shared config
	// (AWS_REGION, the profile's region), and is us-east-1 otherwise.
	Region string
	// Profile names a shared config profile (default: AWS_PROFILE or
	// "default").
	Profile string
	// EndpointURL overrides the S3 endpoint, e.g. for MinIO or a test
	// server ("http://127.0.0.1:9000").
	EndpointURL string
	// PathStyle addresses the bucket as http://host/bucket/key rather than
	// http://bucket.host/key (MinIO and most test servers need it).
	PathStyle bool
	// MaxRetries is how often one request is retried after a transient
	// failure (throttling such as 503 SlowDown, 5xx, connection errors),
	// with exponential backoff and jitter. 0 means DefaultS3MaxRetries; a
	// negative value means no retries.
	MaxRetries int
	// MaxBackoff caps the delay between two attempts (default: the SDK's,
	// 20s). Tests set it low.
	MaxBackoff time.Duration

	// AccessKeyID, SecretAccessKey and SessionToken are static credentials,
	// meant for tests and test servers. When AccessKeyID is set the client
	// is hermetic: no environment variable or shared config file is read.
	// Otherwise the SDK's standard chain is used (environment, shared
	// config and credentials files with Profile, SSO, web identity, ECS and
	// EC2 instance roles). Credentials never appear in errors or in the
	// String form of the options.
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string

	// PageSize is MaxKeys of each LIST request (default 1000, S3's maximum).
	PageSize int
	// MultipartThreshold: a committed object larger than this is uploaded
	// as a multipart upload, a smaller one with one PUT (default 64 MiB).
	MultipartThreshold int64
	// PartSize of multipart uploads (default 16 MiB, at least 5 MiB; grown
	// when an object would need more than 10,000 parts).
	PartSize int64
	// PartConcurrency is how many parts of one object are uploaded at once
	// (default 4).
	PartConcurrency int
	// TempDir holds the spool files of objects being written (default
	// os.TempDir()).
	TempDir string
	// AppID, if set, goes into the User-Agent of every request (as
	// "app/AppID"), so that server logs and test servers can tell this
	// client's requests apart.
	AppID string
}

// String describes the options with any credentials redacted.
func (o S3Options) String() string {
	c := o
	if c.AccessKeyID != "" {
		c.AccessKeyID = "REDACTED"
	}
	if c.SecretAccessKey != "" {
		c.SecretAccessKey = "REDACTED"
	}
	if c.SessionToken != "" {
		c.SessionToken = "REDACTED"
	}
	type plain S3Options // no String method: no recursion
	return fmt.Sprintf("%+v", plain(c))
}

// GoString is String, so that %#v does not print credentials either.
func (o S3Options) GoString() string { return o.String() }

// ParseURI splits "s3://bucket/prefix" into its bucket and its prefix,
// which is "" or ends in "/".
func ParseURI(uri string) (bucket, prefix string, err error) {
	rest, ok := strings.CutPrefix(uri, "s3://")
	if !ok {
		return "", "", fmt.Errorf("parse %q: not an s3:// URI", uri)
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if err := checkBucket(bucket); err != nil {
		return "", "", fmt.Errorf("parse %q: %w", uri, err)
	}
	prefix, err = cleanRoot(prefix)
	if err != nil {
		return "", "", fmt.Errorf("parse %q: %w", uri, err)
	}
	return bucket, prefix, nil
}

// checkBucket accepts S3 bucket names loosely (3-63 of a-z 0-9 . - _), so
// that a typo is caught before any request.
func checkBucket(b string) error {
	if len(b) < 3 || len(b) > 63 {
		return fmt.Errorf("bucket name %q must have 3 to 63 characters", b)
	}
	for _, r := range b {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return fmt.Errorf("bucket name %q has a character other than a-z 0-9 . - _", b)
		}
	}
	return nil
}

// cleanRoot turns a root prefix into "" or "elem/.../".
func cleanRoot(p string) (string, error) {
	p = strings.TrimSuffix(p, "/")
	if p == "" {
		return "", nil
	}
	if err := CheckKey(p); err != nil {
		return "", fmt.Errorf("prefix: %w", err)
	}
	return p + "/", nil
}

// Open returns the store a command-line argument names: an S3 store for
// "s3://bucket/prefix" (with opts for everything but Bucket and Prefix,
// which the URI gives), a Dir for anything else, which is a local path.
func Open(ctx context.Context, uriOrPath string, opts S3Options) (Store, error) {
	if strings.HasPrefix(uriOrPath, "s3://") {
		b, p, err := ParseURI(uriOrPath)
		if err != nil {
			return nil, err
		}
		opts.Bucket, opts.Prefix = b, p
		return NewS3(ctx, opts)
	}
	if i := strings.Index(uriOrPath, "://"); i > 0 && !strings.ContainsAny(uriOrPath[:i], `/\`) {
		return nil, fmt.Errorf("open %s: unsupported scheme %q (use s3:// or a local path)", uriOrPath, uriOrPath[:i])
	}
	return NewDir(uriOrPath)
}

// S3 is a Store over an S3 bucket (or an S3-compatible server) under a
// root prefix.
//
// Create spools the object to a temporary file and uploads it at Commit:
// with one PutObject up to MultipartThreshold, above it as a multipart
// upload (CreateMultipartUpload, UploadPart from sections of the spool
// file, CompleteMultipartUpload; AbortMultipartUpload if any step fails).
// So nothing exists on the server before Commit (only a crash in the
// middle of a multipart Commit can leave a pending upload behind; a bucket
// lifecycle rule, AbortIncompleteMultipartUpload, removes those), the
// object appears atomically
// when the PUT or the Complete returns, Abort only removes the local file,
// and memory stays small whatever the object's size: parts are read from
// the file as they are sent, and every body is seekable, so the SDK can
// retry it. The cost is local disk for the object while it is written.
//
// Stats counts HTTP requests as sent on the wire (when their headers have
// been written to a connection), so each retry counts, and an attempt
// that never left (a cancelled context, a refused connection) does not:
// LIST = ListObjectsV2 pages and ListMultipartUploads, GET =
// GetObject, HEAD = HeadObject, PUT = PutObject, UploadPart (one per part),
// CreateMultipartUpload and CompleteMultipartUpload (S3 bills these POSTs
// as PUT-class requests), DELETE = DeleteObject and AbortMultipartUpload.
// BytesRead counts the object bytes handed to readers of Open, and
// BytesWritten the object bytes of PUTs and parts that succeeded.
type S3 struct {
	client    *s3.Client
	bucket    string
	root      string
	pageSize  int32
	threshold int64
	partSize  int64
	partConc  int
	tempDir   string
	st        counters
}

// NewS3 returns an S3 store. It makes no request: a wrong bucket or
// missing credentials show up at the first operation.
func NewS3(ctx context.Context, opts S3Options) (*S3, error) {
	if err := checkBucket(opts.Bucket); err != nil {
		return nil, fmt.Errorf("s3 store: %w", err)
	}
	root, err := cleanRoot(opts.Prefix)
	if err != nil {
		return nil, fmt.Errorf("s3 store s3://%s: %w", opts.Bucket, err)
	}
	if opts.EndpointURL != "" {
		u, err := url.Parse(opts.EndpointURL)
		switch {
		case err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https":
			return nil, errors.New("s3 store: endpoint URL must be http(s)://host[:port]")
		case u.User != nil:
			return nil, errors.New("s3 store: endpoint URL must not hold credentials")
		}
	}
	s := &S3{
		bucket:    opts.Bucket,
		root:      root,
		pageSize:  DefaultS3PageSize,
		threshold: DefaultS3MultipartThreshold,
		partSize:  DefaultS3PartSize,
		partConc:  DefaultS3PartConcurrency,
		tempDir:   opts.TempDir,
	}
	if opts.PageSize > 0 && opts.PageSize < DefaultS3PageSize {
		s.pageSize = int32(opts.PageSize)
	}
	if opts.MultipartThreshold > 0 {
		s.threshold = opts.MultipartThreshold
	}
	if opts.PartSize > 0 {
		s.partSize = max(opts.PartSize, MinS3PartSize)
	}
	if opts.PartConcurrency > 0 {
		s.partConc = opts.PartConcurrency
	}

	retries := opts.MaxRetries
	if retries == 0 {
		retries = DefaultS3MaxRetries
	}
	retries = max(retries, 0)
	retryer := func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = retries + 1
			if opts.MaxBackoff > 0 {
				o.MaxBackoff = opts.MaxBackoff
			}
			// The client-wide retry quota would turn sustained throttling
			// of many workers into immediate failures; each request is
			// still bounded by MaxAttempts and backs off.
			o.RateLimiter = ratelimit.None
			// S3 answers 409 ConditionalRequestConflict to a conditional
			// write that raced another operation, and asks for a retry.
			o.Retryables = append(o.Retryables, retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
				if apiCode(err) == "ConditionalRequestConflict" {
					return aws.TrueTernary
				}
				return aws.UnknownTernary
			}))
		})
	}
	// The SDK asks for "Accept-Encoding: identity", so Go's transport never
	// decompresses; DisableCompression makes sure of it: an object stored
	// with Content-Encoding: gzip is read back as its stored bytes.
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.DisableCompression = true
		t.MaxIdleConnsPerHost = 64
	})

	var cfg aws.Config
	if opts.AccessKeyID != "" {
		cfg = aws.Config{
			Region:      opts.Region,
			Credentials: credentials.NewStaticCredentialsProvider(opts.AccessKeyID, opts.SecretAccessKey, opts.SessionToken),
			HTTPClient:  httpClient,
			Retryer:     retryer,
		}
	} else {
		lo := []func(*config.LoadOptions) error{
			config.WithRetryer(retryer),
			config.WithHTTPClient(httpClient),
		}
		if opts.Region != "" {
			lo = append(lo, config.WithRegion(opts.Region))
		}
		if opts.Profile != "" {
			lo = append(lo, config.WithSharedConfigProfile(opts.Profile))
		}
		cfg, err = config.LoadDefaultConfig(ctx, lo...)
		if err != nil {
			return nil, fmt.Errorf("s3 store s3://%s: aws config: %w", opts.Bucket, err)
		}
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	s.client = s3.NewFromConfig(cfg, func(o *s3.Options) {
		if opts.EndpointURL != "" {
			o.BaseEndpoint = aws.String(opts.EndpointURL)
		}
		o.UsePathStyle = opts.PathStyle
		if opts.AppID != "" {
			o.AppID = opts.AppID
		}
		o.DisableLogOutputChecksumValidationSkipped = true
		o.HTTPClient = countingClient{next: o.HTTPClient}
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			// At the end of Finalize, after the retry loop: once per attempt.
			return st.Finalize.Add(&countRequests{c: &s.st}, middleware.After)
		})
	})
	return s, nil
}

// countRequests tells countingClient which counter the requests of an
// operation go to. It runs at the end of Finalize, after the retry loop,
// so once per attempt.
type countRequests struct{ c *counters }

func (*countRequests) ID() string { return "trailhouseCountRequests" }

type counterKey struct{}

func (m *countRequests) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
	var n *atomic.Int64
	switch awsmiddleware.GetOperationName(ctx) {
	case "ListObjectsV2", "ListMultipartUploads":
		n = &m.c.list
	case "GetObject":
		n = &m.c.get
	case "HeadObject":
		n = &m.c.head
	case "PutObject", "UploadPart", "CreateMultipartUpload", "CompleteMultipartUpload":
		n = &m.c.put
	case "DeleteObject", "AbortMultipartUpload":
		n = &m.c.del
	}
	if n != nil {
		ctx = context.WithValue(ctx, counterKey{}, n)
	}
	return next.HandleFinalize(ctx, in)
}

// countingClient counts a request when its headers have been written to a
// connection: an attempt that fails before (a cancelled context, a refused
// connection) is no request on the wire and does not count.
type countingClient struct{ next aws.HTTPClient }

func (c countingClient) Do(r *http.Request) (*http.Response, error) {
	if n, ok := r.Context().Value(counterKey{}).(*atomic.Int64); ok {
		r = r.WithContext(httptrace.WithClientTrace(r.Context(), &httptrace.ClientTrace{
			WroteHeaders: func() { n.Add(1) },
		}))
	}
	return c.next.Do(r)
}

// Bucket returns the bucket's name.
func (s *S3) Bucket() string { return s.bucket }

// Prefix returns the store's root inside the bucket: "" or ending in "/".
func (s *S3) Prefix() string { return s.root }

// Client returns the underlying SDK client, e.g. for tests.
func (s *S3) Client() *s3.Client { return s.client }

// URI implements Store.
func (s *S3) URI(key string) string { return "s3://" + s.bucket + "/" + s.root + key }

// Stats implements Store.
func (s *S3) Stats() Stats { return s.st.snapshot() }

func (s *S3) full(key string) (string, error) {
	if err := CheckKey(key); err != nil {
		return "", err
	}
	return s.root + key, nil
}

// apiCode returns the S3 error code of err, or "".
func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// ErrThrottled: S3 answered every attempt of a request with throttling
// (503 SlowDown and the like). It is S3's own; a Dir never returns it.
var ErrThrottled = errors.New("throttled")

// throttledError is a GET throttled through every retry; its message
// leaves out the SDK's long description, which it wraps.
type throttledError struct {
	uri, code string
	attempts  int
	err       error
}

func (e *throttledError) Error() string {
	return fmt.Sprintf("get %s: throttled: S3 answered %s to all %d attempts", e.uri, e.code, e.attempts)
}

func (e *throttledError) Unwrap() []error { return []error{ErrThrottled, e.err} }

// isThrottle reports whether an S3 error code asks the client to slow down.
func isThrottle(code string) bool {
	_, ok := retry.DefaultThrottleErrorCodes[code]
	return ok
}

// isNotFound: NoSuchKey from GET, NotFound from HEAD (which has no body).
func isNotFound(err error) bool {
	switch apiCode(err) {
	case "NoSuchKey", "NotFound":
		return true
	}
	return false
}

// List implements Store: ListObjectsV2, one request per page of PageSize.
func (s *S3) List(ctx context.Context, prefix string, fn func(Object) error) error {
	if i := strings.LastIndex(prefix, "/"); i >= 0 {
		if err := CheckKey(prefix[:i]); err != nil {
			return err
		}
	}
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{
		Bucket:  aws.String(s.bucket),
		Prefix:  aws.String(s.root + prefix),
		MaxKeys: aws.Int32(s.pageSize),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list %s: %w", s.URI(prefix), err)
		}
		for _, o := range page.Contents {
			key, ok := strings.CutPrefix(aws.ToString(o.Key), s.root)
			if !ok {
				continue
			}
			if err := fn(Object{Key: key, Size: aws.ToInt64(o.Size), ETag: etag(o.ETag), ModTime: aws.ToTime(o.LastModified)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// etag strips the quotes S3 puts around an ETag.
func etag(p *string) string { return strings.Trim(aws.ToString(p), `"`) }

// ListDirs implements Store: ListObjectsV2 with Delimiter "/", paginated.
func (s *S3) ListDirs(ctx context.Context, prefix string, fn func(dir string) error) error {
	return s.listLevel(ctx, prefix, fn, nil)
}

// ListFiles implements Store: ListObjectsV2 with Delimiter "/", paginated.
func (s *S3) ListFiles(ctx context.Context, prefix string, fn func(Object) error) error {
	return s.listLevel(ctx, prefix, nil, fn)
}

// ListLevel implements LevelLister.
func (s *S3) ListLevel(ctx context.Context, prefix string, dirFn func(dir string) error, objFn func(Object) error) error {
	return s.listLevel(ctx, prefix, dirFn, objFn)
}

// listLevel lists one level below prefix, calling dirFn with the common
// prefixes and objFn with the objects (either may be nil).
func (s *S3) listLevel(ctx context.Context, prefix string, dirFn func(string) error, objFn func(Object) error) error {
	if prefix != "" {
		if !strings.HasSuffix(prefix, "/") {
			return fmt.Errorf("list dirs %s: %w: prefix must end in /", s.URI(prefix), ErrBadKey)
		}
		if err := CheckKey(strings.TrimSuffix(prefix, "/")); err != nil {
			return err
		}
	}
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{
		Bucket:    aws.String(s.bucket),
		Prefix:    aws.String(s.root + prefix),
		Delimiter: aws.String("/"),
		MaxKeys:   aws.Int32(s.pageSize),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list dirs %s: %w", s.URI(prefix), err)
		}
		for _, cp := range page.CommonPrefixes {
			dir, ok := strings.CutPrefix(aws.ToString(cp.Prefix), s.root)
			if !ok || dirFn == nil {
				continue
			}
			if err := dirFn(dir); err != nil {
				return err
			}
		}
		for _, o := range page.Contents {
			key, ok := strings.CutPrefix(aws.ToString(o.Key), s.root)
			if !ok || objFn == nil || key == prefix {
				continue
			}
			if err := objFn(Object{Key: key, Size: aws.ToInt64(o.Size), ETag: etag(o.ETag), ModTime: aws.ToTime(o.LastModified)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Stat implements Store: HeadObject.
func (s *S3) Stat(ctx context.Context, key string) (Object, error) {
	full, err := s.full(key)
	if err != nil {
		return Object{}, err
	}
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(full)})
	if err != nil {
		if isNotFound(err) {
			return Object{}, fmt.Errorf("stat %s: %w", s.URI(key), ErrNotFound)
		}
		return Object{}, fmt.Errorf("stat %s: %w", s.URI(key), err)
	}
	return Object{Key: key, Size: aws.ToInt64(out.ContentLength), ETag: etag(out.ETag), ModTime: aws.ToTime(out.LastModified)}, nil
}

// Open implements Store: GetObject, whose body is streamed, not buffered.
// The content is the stored bytes, whatever its Content-Encoding.
func (s *S3) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	full, err := s.full(key)
	if err != nil {
		return nil, err
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(full)})
	if err != nil {
		if isNotFound(err) {
			return nil, fmt.Errorf("get %s: %w", s.URI(key), ErrNotFound)
		}
		if code := apiCode(err); isThrottle(code) {
			attempts := 1
			var me *retry.MaxAttemptsError
			if errors.As(err, &me) {
				attempts = me.Attempt
			}
			return nil, &throttledError{uri: s.URI(key), code: code, attempts: attempts, err: err}
		}
		return nil, fmt.Errorf("get %s: %w", s.URI(key), err)
	}
	return &s3Body{rc: out.Body, n: &s.st.bytesRead, uri: s.URI(key)}, nil
}

// s3Body counts the bytes read and names the object in read errors.
type s3Body struct {
	rc  io.ReadCloser
	n   *atomic.Int64
	uri string
}

func (b *s3Body) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.n.Add(int64(n))
	if err != nil && err != io.EOF {
		err = fmt.Errorf("get %s: %w", b.uri, err)
	}
	return n, err
}

func (b *s3Body) Close() error { return b.rc.Close() }

// PutIfAbsent implements Store: PutObject with If-None-Match: *. S3
// answers 412 PreconditionFailed if the key exists; 409
// ConditionalRequestConflict (a concurrent operation on the key) is
// retried, and if it persists is reported as ErrExists too.
//
// One limit is S3's own: if an attempt succeeds but its answer is lost
// (the connection breaks) the retry gets 412, and the call reports
// ErrExists although this caller wrote the object.
func (s *S3) PutIfAbsent(ctx context.Context, key string, data []byte) error {
	full, err := s.full(key)
	if err != nil {
		return err
	}
	_, err = s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket:            aws.String(s.bucket),
		Key:               aws.String(full),
		Body:              bytes.NewReader(data),
		ContentLength:     aws.Int64(int64(len(data))),
		IfNoneMatch:       aws.String("*"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32,
	})
	if err != nil {
		switch apiCode(err) {
		case "PreconditionFailed", "ConditionalRequestConflict":
			return fmt.Errorf("put %s: %w", s.URI(key), ErrExists)
		}
		return fmt.Errorf("put %s: %w", s.URI(key), err)
	}
	s.st.bytesWritten.Add(int64(len(data)))
	return nil
}

// Delete implements Store: DeleteObject, which S3 answers with success
// for a missing key too.
func (s *S3) Delete(ctx context.Context, key string) error {
	full, err := s.full(key)
	if err != nil {
		return err
	}
	_, err = s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(full)})
	if err != nil && !isNotFound(err) {
		return fmt.Errorf("delete %s: %w", s.URI(key), err)
	}
	return nil
}

// Create implements Store; see S3 for how the object is written. The
// requests of Commit run under ctx.
func (s *S3) Create(ctx context.Context, key string) (Writer, error) {
	full, err := s.full(key)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(s.tempDir, "trailhouse-s3-*.spool")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", s.URI(key), err)
	}
	return &s3Writer{s: s, ctx: ctx, key: key, full: full, f: f}, nil
}

type s3Writer struct {
	s         *S3
	ctx       context.Context
	key, full string
	f         *os.File
	n         int64
	done      bool
}

func (w *s3Writer) Write(b []byte) (int, error) {
	if w.done {
		return 0, fmt.Errorf("write %s: writer already finished", w.s.URI(w.key))
	}
	n, err := w.f.Write(b)
	w.n += int64(n)
	if err != nil {
		err = fmt.Errorf("write %s: spool: %w", w.s.URI(w.key), err)
	}
	return n, err
}

// discard closes and removes the spool file.
func (w *s3Writer) discard() error {
	err := w.f.Close()
	if rerr := os.Remove(w.f.Name()); err == nil {
		err = rerr
	}
	return err
}

func (w *s3Writer) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	return w.discard()
}

func (w *s3Writer) Commit() error {
	if w.done {
		return fmt.Errorf("commit %s: writer already finished", w.s.URI(w.key))
	}
	w.done = true
	defer w.discard()
	var err error
	if w.n > w.s.threshold {
		err = w.multipart()
	} else {
		_, err = w.s.client.PutObject(w.ctx, &s3.PutObjectInput{
			Bucket:            aws.String(w.s.bucket),
			Key:               aws.String(w.full),
			Body:              io.NewSectionReader(w.f, 0, w.n),
			ContentLength:     aws.Int64(w.n),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32,
		})
		if err == nil {
			w.s.st.bytesWritten.Add(w.n)
		}
	}
	if err != nil {
		return fmt.Errorf("commit %s: %w", w.s.URI(w.key), err)
	}
	return nil
}

// multipart uploads the spool file in parts, PartConcurrency at a time.
func (w *s3Writer) multipart() error {
	s := w.s
	cr, err := s.client.CreateMultipartUpload(w.ctx, &s3.CreateMultipartUploadInput{
		Bucket:            aws.String(s.bucket),
		Key:               aws.String(w.full),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32,
	})
	if err != nil {
		return err
	}
	partSize := max(s.partSize, (w.n+maxS3Parts-1)/maxS3Parts)
	nparts := int((w.n + partSize - 1) / partSize)
	parts := make([]types.CompletedPart, nparts)

	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for range min(s.partConc, nparts) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= nparts || ctx.Err() != nil {
					return
				}
				off := int64(i) * partSize
				size := min(partSize, w.n-off)
				num := aws.Int32(int32(i + 1))
				out, err := s.client.UploadPart(ctx, &s3.UploadPartInput{
					Bucket:            aws.String(s.bucket),
					Key:               aws.String(w.full),
					UploadId:          cr.UploadId,
					PartNumber:        num,
					Body:              io.NewSectionReader(w.f, off, size),
					ContentLength:     aws.Int64(size),
					ChecksumAlgorithm: types.ChecksumAlgorithmCrc32,
				})
				if err != nil {
					errOnce.Do(func() { firstErr = fmt.Errorf("part %d: %w", i+1, err); cancel() })
					return
				}
				parts[i] = types.CompletedPart{ETag: out.ETag, PartNumber: num, ChecksumCRC32: out.ChecksumCRC32}
				s.st.bytesWritten.Add(size)
			}
		})
	}
	wg.Wait()
	err = firstErr
	if err == nil {
		err = w.ctx.Err() // cancelled before every part was sent
	}
	if err == nil {
		_, err = s.client.CompleteMultipartUpload(w.ctx, &s3.CompleteMultipartUploadInput{
			Bucket:          aws.String(s.bucket),
			Key:             aws.String(w.full),
			UploadId:        cr.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
		})
	}
	if err != nil {
		// Abort even if ctx is done, so that no upload (and no storage
		// charge) is left behind.
		actx, acancel := context.WithTimeout(context.WithoutCancel(w.ctx), time.Minute)
		defer acancel()
		_, aerr := s.client.AbortMultipartUpload(actx, &s3.AbortMultipartUploadInput{
			Bucket: aws.String(s.bucket), Key: aws.String(w.full), UploadId: cr.UploadId,
		})
		if aerr != nil {
			return fmt.Errorf("%w (and aborting multipart upload %s failed: %v)", err, aws.ToString(cr.UploadId), aerr)
		}
		return err
	}
	return nil
}
