package schedules

// ExampleConfig is the commented example config that trailhouse config
// init writes; docs/trailhouse.example.yaml is the same text (a test
// checks).
const ExampleConfig = `# trailhouse.yaml: the jobs ` + "`" + `trailhouse schedule` + "`" + ` runs unattended.
# Check it with ` + "`" + `trailhouse config check --config trailhouse.yaml` + "`" + `; every key is
# documented in docs/operations.md. Unknown keys are refused, with their line.
# ${VAR} takes a value from the environment (${VAR:-default} gives a default);
# credentials are never logged or shown by ` + "`" + `trailhouse status` + "`" + `.

# The Parquet lake: a directory (relative paths are relative to this file) or
# s3://bucket/prefix. The run history is kept in it, under _trailhouse/runs/jobs/.
lake:
  uri: s3://my-lake/cloudtrail/
  # profile: audit            # AWS shared-config profile (default: the standard chain)
  # region: eu-west-1
  # endpoint_url: http://127.0.0.1:9000   # S3-compatible stores such as MinIO
  # path_style: true
  # access_key_id: ${LAKE_ACCESS_KEY_ID}  # static credentials, for MinIO and the like
  # secret_access_key: ${LAKE_SECRET_ACCESS_KEY}
  # s3_retries: 5              # retries of a failed or throttled request (0: none)

# The CloudTrail buckets, by name; convert jobs name theirs with source:.
sources:
  trail:
    uri: s3://my-trail-bucket/
    # profile, region, endpoint_url, path_style, credentials, s3_retries as for the lake

# Schedules without CRON_TZ= are in this zone (default: the machine's).
timezone: UTC

# /healthz and /metrics (Prometheus) on this address; leave it out for none.
listen: 127.0.0.1:9464

# On SIGTERM, runs in progress get this long to finish and commit; then they
# are cancelled (the next run completes a cancelled conversion).
grace_period: 10m

max_memory: 512MiB   # memory target of a run; a quarter buffers rows before they spill
# temp_dir: /var/tmp/trailhouse
history_keep: 100    # run records kept per job in the lake

# Failed runs are retried: attempts in all, waiting backoff, doubled each time
# up to max_backoff. A job may set its own retry:.
retry:
  attempts: 3
  backoff: 1m
  max_backoff: 15m

jobs:
  # Schedules are cron expressions (minute hour day-of-month month day-of-week),
  # descriptors (@hourly, @daily, @weekly, @every 30m), optionally with a zone:
  # "CRON_TZ=Europe/Berlin 30 1 * * *". A job never overlaps itself; a run
  # missed while the daemon was down runs once at start-up (catch_up: false
  # turns that off).
  convert:
    kind: convert
    schedule: "15 * * * *"   # hourly, a quarter past
    source: trail
    lookback: 7              # delivery days listed again for late deliveries
    # shard: 0/4             # this worker's slice (all workers use the same N)
    # workers: 4             # objects decoded in parallel (default: CPUs)
    # lease_ttl: 5m
    # timeout: 2h            # cancel a run that takes longer

  compact:
    kind: compact
    schedule: "30 3 * * 0"   # Sundays 03:30
    target_size: 512MiB
    # partition: cloudtrail_logs/account=111122223333   # only under this path

  retention:
    kind: retention
    schedule: "@daily"
    keep_days: 400           # delete partitions dated more than 400 days ago
    dry_run: true            # only report what would be deleted; set false to delete
`
