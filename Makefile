# trailhouse — see README.md. Everything here needs only Go (and, for the
# DuckDB reference tier of `make test`, a C compiler: gcc is on the CI machine).

GO        ?= go
BIN       := bin/trailhouse
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
DEMO      := demo

.PHONY: all build demo test test-unit test-duckdb fuzz bench bench-go bench-pipeline vet fmt clean

all: build

## build: the product binary, pure Go (CGO_ENABLED=0)
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/trailhouse

## demo: generate realistic sample logs, convert them, print the partition summary
demo: build
	rm -rf $(DEMO)
	$(BIN) generate --out $(DEMO)/logs --accounts 3 --regions 4 --days 7 --events 200000 --seed 42 --digests --insights
	$(BIN) convert --from $(DEMO)/logs --to $(DEMO)/lake
	$(BIN) partitions --lake $(DEMO)/lake --summary

## test: vet, unit tests with the race detector, then the DuckDB reference tier
test: vet test-unit test-duckdb

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags duckdb ./...

test-unit:
	$(GO) test -race -count=1 ./...

## test-duckdb: lakes written by trailhouse, read back by DuckDB (cgo, test-only)
test-duckdb:
	CGO_ENABLED=1 $(GO) test -tags duckdb -count=1 -run 'DuckDB' ./...

## fuzz: run each fuzz target for FUZZTIME (default 30s)
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./convert -run '^$$' -fuzz FuzzDecode -fuzztime $(FUZZTIME)
	$(GO) test ./convert -run '^$$' -fuzz FuzzFlatten -fuzztime $(FUZZTIME)

## bench: Go benchmarks, then the whole pipeline on a large generated input
bench: bench-go bench-pipeline

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

BENCH_EVENTS ?= 5000000
bench-pipeline: build
	./scripts/bench-pipeline.sh $(BENCH_EVENTS)

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin $(DEMO)
