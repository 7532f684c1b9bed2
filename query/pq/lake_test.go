package pq

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/trailhouse/trailhouse/internal/objstore"
	"github.com/trailhouse/trailhouse/internal/pipeline"
	"github.com/trailhouse/trailhouse/internal/synth"
)

// edgeEvents are records the generator never writes: no userIdentity,
// NULL and empty resources lists, elements without an ARN, JSON nulls.
var edgeEvents = []string{
	`{"eventVersion":"1.11","eventTime":"2026-01-02T03:04:05Z","eventSource":"health.amazonaws.com","eventName":"AWSHealthEvent",
	  "awsRegion":"us-east-1","sourceIPAddress":"health.amazonaws.com","requestParameters":null,
	  "responseElements":null,"eventID":"edge-0001","eventType":"AwsServiceEvent","managementEvent":true,
	  "recipientAccountId":"123456789012","serviceEventDetails":{"eventTypeCode":"AWS_EC2_MAINTENANCE"}}`,
	`{"eventVersion":"1.11","userIdentity":{"type":"AssumedRole","principalId":"AROAEDGE:s","arn":"arn:aws:sts::123456789012:assumed-role/edge-role/s",
	  "accountId":"123456789012","accessKeyId":"ASIAEDGEEDGEEDGE0003"},
	  "eventTime":"2026-01-02T10:00:00.123Z","eventSource":"s3.amazonaws.com","eventName":"CopyObject","awsRegion":"us-east-1",
	  "sourceIPAddress":"198.51.100.7","userAgent":"naïve-agent/1.0 ✓","requestParameters":{"bucketName":"edge-bucket"},
	  "responseElements":null,"requestID":"r-0003","eventID":"edge-0003","readOnly":false,
	  "resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::edge-bucket/a/b.txt"},
	               {"accountId":"123456789012","type":"AWS::S3::Bucket"},
	               {"accountId":"123456789012","ARN":"arn:aws:kms:us-east-1:123456789012:key/edge"}],
	  "eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data"}`,
	`{"eventVersion":"1.11","userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root",
	  "accountId":"123456789012"},"eventTime":"2026-01-02T08:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin",
	  "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","userAgent":"","errorCode":"",
	  "eventID":"edge-0004","readOnly":"True","eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"123456789012",
	  "resources":[]}`,
	`{"eventVersion":"1.11","eventTime":"redacted","eventSource":"ec2.amazonaws.com","eventName":"Weird",
	  "awsRegion":"us-east-1","eventID":"edge-0005","readOnly":true,"recipientAccountId":"123456789012","resources":null}`,
	`{"eventVersion":"1.11","eventTime":"2026-01-02T11:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"Weird2",
	  "awsRegion":"us-east-1","eventID":"edge-0006","recipientAccountId":"123456789012","resources":[{"ARNPrefix":"arn:aws:s3:::x"}]}`,
}

var (
	lakeOnce sync.Once
	lakeDir  string
	lakeErr  error
)

// testLake builds (once per test binary) a small lake from synthetic logs
// plus edgeEvents and returns its Parquet files.
func testLake(t testing.TB) []string {
	t.Helper()
	lakeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "trailhouse-pq-test-")
		if err != nil {
			lakeErr = err
			return
		}
		lakeDir = dir
		ctx := context.Background()
		logs := filepath.Join(dir, "logs")
		if _, err := synth.Generate(ctx, synth.Config{Accounts: 2, Regions: 2, Days: 2, Events: 6000, Seed: 7}, logs, nil); err != nil {
			lakeErr = err
			return
		}
		key := filepath.Join(logs, "AWSLogs", "123456789012", "CloudTrail", "us-east-1", "2026", "01", "02",
			"123456789012_CloudTrail_us-east-1_20260102T0100Z_edgeeventsedge01.json.gz")
		if err := os.MkdirAll(filepath.Dir(key), 0o755); err != nil {
			lakeErr = err
			return
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		fmt.Fprintf(zw, `{"Records":[%s]}`, strings.Join(edgeEvents, ","))
		zw.Close()
		if err := os.WriteFile(key, buf.Bytes(), 0o644); err != nil {
			lakeErr = err
			return
		}
		src, _ := objstore.NewDir(logs)
		dst, err := objstore.NewDir(filepath.Join(dir, "lake"))
		if err != nil {
			lakeErr = err
			return
		}
		_, lakeErr = pipeline.Convert(ctx, pipeline.Options{From: src, To: dst, TempDir: dir, Workers: 1})
	})
	if lakeErr != nil {
		t.Fatal(lakeErr)
	}
	var files []string
	filepath.Walk(filepath.Join(lakeDir, "lake"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".parquet") && !strings.HasPrefix(info.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("lake has no parquet files")
	}
	return files
}

func TestMain(m *testing.M) {
	code := m.Run()
	if lakeDir != "" {
		os.RemoveAll(lakeDir)
	}
	os.Exit(code)
}
