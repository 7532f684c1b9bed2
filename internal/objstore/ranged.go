package objstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// RangeReader is implemented by stores that can read part of an object,
// so that readers of Parquet files fetch only the footer and the column
// chunks they need.
//
// Contract: ReadRange returns exactly n bytes of the object under key,
// starting at byte off, in one request; a range that passes the end of the
// object is an error wrapping io.ErrUnexpectedEOF, a missing object one
// wrapping ErrNotFound. It is safe for concurrent use.
type RangeReader interface {
	ReadRange(ctx context.Context, key string, off, n int64) ([]byte, error)
}

// ReadRange implements RangeReader.
func (d *Dir) ReadRange(ctx context.Context, key string, off, n int64) ([]byte, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	d.st.get.Add(1)
	f, err := os.Open(p)
	if isNotExist(err) {
		return nil, fmt.Errorf("read %s: %w", p, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	got, err := f.ReadAt(buf, off)
	d.st.bytesRead.Add(int64(got))
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s [%d, %d): %w", p, off, off+n, io.ErrUnexpectedEOF)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return buf, nil
}

// ReadRange implements RangeReader with a ranged GET.
func (s *S3) ReadRange(ctx context.Context, key string, off, n int64) ([]byte, error) {
	full, err := s.full(key)
	if err != nil {
		return nil, err
	}
	if n <= 0 {
		return []byte{}, nil
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket), Key: aws.String(full),
		Range: aws.String(fmt.Sprintf("bytes=%d-%d", off, off+n-1)),
	})
	if err != nil {
		if isNotFound(err) {
			return nil, fmt.Errorf("get %s: %w", s.URI(key), ErrNotFound)
		}
		if apiCode(err) == "InvalidRange" {
			return nil, fmt.Errorf("get %s bytes %d-%d: %w", s.URI(key), off, off+n-1, io.ErrUnexpectedEOF)
		}
		return nil, fmt.Errorf("get %s bytes %d-%d: %w", s.URI(key), off, off+n-1, err)
	}
	defer out.Body.Close()
	buf := make([]byte, n)
	got, err := io.ReadFull(out.Body, buf)
	s.st.bytesRead.Add(int64(got))
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("get %s bytes %d-%d: %w", s.URI(key), off, off+n-1, io.ErrUnexpectedEOF)
	}
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", s.URI(key), err)
	}
	return buf, nil
}

var (
	_ RangeReader = (*Dir)(nil)
	_ RangeReader = (*S3)(nil)
)
