package partition

import (
	"time"

	"github.com/trailhouse/trailhouse/internal/record"
)

// Default is the Hive name for a missing or invalid partition value.
const Default = "__HIVE_DEFAULT_PARTITION__"

// Table names: the directories under the lake root.
const (
	TableEvents   = "cloudtrail_logs"
	TableInsights = "insights"
)

// Key is a row's place in the lake. Its fields are always safe path
// elements: validated values, or Default.
type Key struct {
	Table, Account, Region, Date string
}

// Dir returns the key's directory relative to the lake root,
// e.g. cloudtrail_logs/account=111122223333/region=us-east-1/date=2024-03-14.
func (k Key) Dir() string {
	return k.Table + "/" + record.PartAccount + "=" + k.Account + "/" + record.PartRegion + "=" + k.Region + "/" + record.PartDate + "=" + k.Date
}

// Hint is what an object's key says, used when the event itself is silent.
type Hint struct {
	Account, Region string
	Insight         bool // the object is under CloudTrail-Insight/
}

// Assign returns the partition of row: account is recipientAccountId, else
// userIdentity.accountId, else the key's account; region is awsRegion, else
// the key's region; date is the UTC date of eventtime. A missing value, or a
// chosen value that is not valid (ValidAccount, ValidRegion), is Default.
// Insights events (eventType AwsCloudTrailInsight, or any event of an
// Insight object) go to the insights table.
func Assign(row *record.Row, h Hint) Key {
	k := Key{Table: TableEvents, Account: Default, Region: Default, Date: Default}
	if h.Insight || row.Str[record.EventType] == "AwsCloudTrailInsight" {
		k.Table = TableInsights
	}
	acct, ok := row.Get(record.RecipientAccountID)
	if !ok || acct == "" {
		acct, ok = row.Get(record.UserIdentityAccountID)
	}
	if !ok || acct == "" {
		acct = h.Account
	}
	if ValidAccount(acct) {
		k.Account = acct
	}
	region, ok := row.Get(record.AWSRegion)
	if !ok || region == "" {
		region = h.Region
	}
	if ValidRegion(region) {
		k.Region = region
	}
	if row.HasTime {
		k.Date = time.UnixMilli(row.EventTime).UTC().Format(time.DateOnly)
	}
	return k
}

// ValidAccount reports whether s is an AWS account id: exactly 12 digits.
func ValidAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidRegion reports whether s looks like a region name: 1 to 64 of
// [a-z0-9-], starting with a letter or digit and not ending with '-'. Real
// names (us-east-1, us-gov-west-1) pass; anything that could act on a path
// ("..", "/", "\", upper case, spaces) does not.
func ValidRegion(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
