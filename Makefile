# trailhouse — see README.md. Everything here needs only Go (and, for the
# DuckDB reference tier of `make test`, a C compiler: gcc is on the CI machine).

GO        ?= go
BIN       := bin/trailhouse
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
DEMO      := demo

.PHONY: all build demo test test-unit test-minio minio-bin test-duckdb fuzz bench bench-go bench-pipeline vet fmt clean

all: build

## build: the product binary, pure Go (CGO_ENABLED=0)
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/trailhouse

## demo: generate realistic sample logs, convert them, print the partition summary, query them
demo: build
	rm -rf $(DEMO)
	$(BIN) generate --out $(DEMO)/logs --accounts 3 --regions 4 --days 7 --events 200000 --seed 42 --digests --insights
	$(BIN) convert --from $(DEMO)/logs --to $(DEMO)/lake
	$(BIN) partitions --lake $(DEMO)/lake --summary
	$(BIN) query --lake $(DEMO)/lake "SELECT useridentity.arn, eventname, sourceipaddress, eventtime FROM cloudtrail_logs LIMIT 5"
	$(BIN) query --lake $(DEMO)/lake --stats "SELECT eventsource, count(*) AS events, count_if(errorcode IS NOT NULL) AS errors FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC LIMIT 10"

## test: vet, unit tests with the race detector, the MinIO tier, then the DuckDB reference tier
test: vet test-unit test-minio test-duckdb

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags duckdb ./...

test-unit:
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run '^TestDictionaryPaths$$' ./query/

## minio-bin: build the MinIO server of the S3 fidelity tier into .cache/bin, once
## (a few minutes on 2 cores; rebuilt only when MINIO_VERSION changes)
MINIO_VERSION := v0.0.0-20260212201848-7aac2a2c5b7c
MINIO_BIN     := $(abspath .cache/bin/minio)
minio-bin:
	@if [ ! -x $(MINIO_BIN) ] || [ "$$(cat $(MINIO_BIN).version 2>/dev/null)" != "$(MINIO_VERSION)" ]; then \
	  echo "building MinIO $(MINIO_VERSION) into .cache/bin (takes several minutes)"; \
	  GOBIN=$(abspath .cache/bin) $(GO) install github.com/minio/minio@$(MINIO_VERSION) && \
	  echo $(MINIO_VERSION) > $(MINIO_BIN).version; \
	fi

## test-minio: the S3 store's tests against a real MinIO server (see internal/s3test)
test-minio: minio-bin
	TRAILHOUSE_MINIO=1 TRAILHOUSE_MINIO_BIN=$(MINIO_BIN) $(GO) test -count=1 -run 'S3|MinIO|Incremental' ./...
# (without -race, so this tier also runs the 100,000-object request-count test)

## test-duckdb: lakes written by trailhouse, read back by DuckDB (cgo, test-only)
test-duckdb:
	CGO_ENABLED=1 $(GO) test -tags duckdb -count=1 -run 'DuckDB' ./...

## fuzz: run each fuzz target for FUZZTIME (default 30s)
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./convert -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)
	$(GO) test ./convert -run '^$$' -fuzz FuzzFlatten -fuzztime $(FUZZTIME)
	$(GO) test ./query/parse -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./query/fn -run '^$$' -fuzz FuzzJSONPath -fuzztime $(FUZZTIME)
	$(GO) test ./query/fn -run '^$$' -fuzz FuzzLike -fuzztime $(FUZZTIME)

## bench: Go benchmarks, then the whole pipeline on a large generated input
bench: bench-go bench-pipeline

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

BENCH_EVENTS ?= 5000000
## bench-pipeline: convert BENCH_EVENTS generated events in 50 x 17 x 30 partitions (about 200 events each), then in the generator's default 3 x 3 x 3
bench-pipeline: build
	./scripts/bench-pipeline.sh $(BENCH_EVENTS)
	TRAILHOUSE_BENCH_SHAPE=3x3x3 ./scripts/bench-pipeline.sh $(BENCH_EVENTS)

## bench-query: the query suite on DuckDB and on trailhouse over a 5,000,000-event lake (cached in .cache/bench-query)
.PHONY: bench-query
bench-query:
	./scripts/bench-query.sh $(BENCH_EVENTS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin $(DEMO)
