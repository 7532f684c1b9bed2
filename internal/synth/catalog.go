package synth

import (
	"fmt"
	"math/rand/v2"
)

// regions are real AWS regions, busiest first.
var regions = []string{
	"us-east-1", "us-west-2", "eu-west-1", "us-east-2", "eu-central-1", "ap-northeast-1", "ap-southeast-2",
	"ap-southeast-1", "eu-west-2", "ca-central-1", "ap-south-1", "sa-east-1", "eu-north-1", "us-west-1",
	"ap-northeast-2", "eu-west-3", "us-gov-west-1",
}

// api is one CloudTrail event source and name with how to fill its event.
type api struct {
	source, name string
	readOnly     bool
	data         bool   // a data event (eventCategory Data, managementEvent false)
	eventType    string // default AwsApiCall
	weight       float64
	build        func(g *eventGen, e *event)
}

func s3Object(g *eventGen, e *event) {
	bucket := g.pick(g.acct.buckets)
	key := fmt.Sprintf("%s/%04d/%02d/part-%05d.%s", g.pick(prefixes), 2020+g.rng.IntN(7), 1+g.rng.IntN(12), g.rng.IntN(100000), g.pick(exts))
	e.req = obj("bucketName", bucket, "Host", bucket+".s3."+g.region+".amazonaws.com", "key", key)
	e.resources = [][3]string{{"AWS::S3::Object", "", "arn:aws:s3:::" + bucket + "/" + key}, {"AWS::S3::Bucket", g.acct.id, "arn:aws:s3:::" + bucket}}
	e.extra = obj("SignatureVersion", "SigV4", "CipherSuite", "TLS_AES_128_GCM_SHA256", "bytesTransferredIn", num(0), "AuthenticationMethod", "AuthHeader", "x-amz-id-2", g.token(40), "bytesTransferredOut", num(g.rng.IntN(5_000_000)))
}

func s3Bucket(g *eventGen, e *event) {
	bucket := g.pick(g.acct.buckets)
	e.req = obj("bucketName", bucket, "Host", bucket+".s3."+g.region+".amazonaws.com", "acl", "")
	e.resources = [][3]string{{"AWS::S3::Bucket", g.acct.id, "arn:aws:s3:::" + bucket}}
}

func assumeRole(g *eventGen, e *event) {
	role := g.pick(g.acct.roles)
	session := g.pick(sessionNames) + "-" + g.token(6)
	e.req = obj("roleArn", "arn:aws:iam::"+g.acct.id+":role/"+role, "roleSessionName", session, "durationSeconds", num(3600))
	if !e.failed {
		e.resp = obj("credentials", obj("accessKeyId", "ASIA"+g.upper(16), "sessionToken", g.token(64), "expiration", jsonStr(e.when.Add(3600e9).Format("Jan 2, 2006, 3:04:05 PM"))),
			"assumedRoleUser", obj("assumedRoleId", "AROA"+g.upper(17)+":"+session, "arn", "arn:aws:sts::"+g.acct.id+":assumed-role/"+role+"/"+session))
	}
	e.resources = [][3]string{{"AWS::IAM::Role", g.acct.id, "arn:aws:iam::" + g.acct.id + ":role/" + role}}
	e.sharedEventID = g.rng.IntN(4) == 0
}

func ec2Describe(g *eventGen, e *event) {
	switch g.rng.IntN(3) {
	case 0:
		e.req = obj("instancesSet", obj("items", arr(obj("instanceId", "i-"+g.hex(17)))), "filterSet", obj())
	case 1:
		e.req = obj("maxResults", num(1000), "instancesSet", obj(), "filterSet", obj("items", arr(obj("name", "tag:Environment", "valueSet", obj("items", arr(obj("value", g.pick(envs))))))))
	default:
		e.req = obj("filterSet", obj())
	}
}

func runInstances(g *eventGen, e *event) {
	id := "i-" + g.hex(17)
	e.req = obj("instancesSet", obj("items", arr(obj("imageId", "ami-"+g.hex(17), "minCount", num(1), "maxCount", num(1)))), "instanceType", g.pick(instanceTypes), "monitoring", obj("enabled", "false"))
	if !e.failed {
		e.resp = obj("requestId", g.uuid(), "reservationId", "r-"+g.hex(17), "ownerId", g.acct.id, "instancesSet", obj("items", arr(obj("instanceId", id, "instanceState", obj("code", num(0), "name", "pending")))))
	}
	e.resources = [][3]string{{"AWS::EC2::Instance", g.acct.id, "arn:aws:ec2:" + g.region + ":" + g.acct.id + ":instance/" + id}}
}

func kmsCall(g *eventGen, e *event) {
	key := "arn:aws:kms:" + g.region + ":" + g.acct.id + ":key/" + g.acct.kmsKeys[g.rng.IntN(len(g.acct.kmsKeys))]
	e.req = obj("encryptionAlgorithm", "SYMMETRIC_DEFAULT", "encryptionContext", obj("aws:s3:arn", "arn:aws:s3:::"+g.pick(g.acct.buckets)))
	if e.api.name == "GenerateDataKey" {
		e.req = obj("keyId", key, "keySpec", "AES_256", "encryptionContext", obj("aws:s3:arn", "arn:aws:s3:::"+g.pick(g.acct.buckets)))
	}
	e.resources = [][3]string{{"AWS::KMS::Key", g.acct.id, key}}
}

func lambdaInvoke(g *eventGen, e *event) {
	fn := "arn:aws:lambda:" + g.region + ":" + g.acct.id + ":function:" + g.pick(functions)
	e.req = obj("functionName", fn, "invocationType", "RequestResponse")
	e.resources = [][3]string{{"AWS::Lambda::Function", g.acct.id, fn}}
}

func logsCall(g *eventGen, e *event) {
	e.req = obj("logGroupName", "/aws/lambda/"+g.pick(functions), "limit", num(50))
}

func secret(g *eventGen, e *event) {
	e.req = obj("secretId", "arn:aws:secretsmanager:"+g.region+":"+g.acct.id+":secret:"+g.pick(secrets)+"-"+g.token(6))
}

func ssmParam(g *eventGen, e *event) {
	e.req = obj("name", "/"+g.pick(envs)+"/"+g.pick(functions)+"/db-password", "withDecryption", jsonBool(true))
}

func dynamo(g *eventGen, e *event) {
	t := g.pick(tables)
	e.req = obj("tableName", t, "key", obj("pk", obj("S", "user#"+fmt.Sprint(g.rng.IntN(100000)))))
	e.resources = [][3]string{{"AWS::DynamoDB::Table", g.acct.id, "arn:aws:dynamodb:" + g.region + ":" + g.acct.id + ":table/" + t}}
}

func consoleLogin(g *eventGen, e *event) {
	e.req = nil
	result := "Success"
	if e.failed {
		result = "Failure"
		e.failed = false
		e.errMsg = "Failed authentication"
	}
	e.resp = obj("ConsoleLogin", result)
	e.extra = obj("LoginTo", "https://console.aws.amazon.com/console/home", "MobileVersion", "No", "MFAUsed", g.pick([]string{"Yes", "Yes", "No"}))
}

func iamCall(g *eventGen, e *event) {
	switch e.api.name {
	case "CreateUser":
		u := "user-" + g.token(5)
		e.req = obj("userName", u)
		if !e.failed {
			e.resp = obj("user", obj("path", "/", "userName", u, "userId", "AIDA"+g.upper(17), "arn", "arn:aws:iam::"+g.acct.id+":user/"+u, "createDate", jsonStr(e.when.Format("Jan 2, 2006, 3:04:05 PM"))))
		}
	case "AttachRolePolicy":
		e.req = obj("roleName", g.pick(g.acct.roles), "policyArn", "arn:aws:iam::aws:policy/"+g.pick([]string{"ReadOnlyAccess", "AdministratorAccess", "AmazonS3FullAccess"}))
	default:
		e.req = obj("roleName", g.pick(g.acct.roles))
	}
}

func ctCall(g *eventGen, e *event) {
	e.req = obj("trailNameList", arr(), "includeShadowTrails", jsonBool(true))
}

func noParams(g *eventGen, e *event) { e.req = nil }

// apis is the catalog; weights follow a Zipf-like curve of real accounts,
// where a few read calls dominate.
var apis = []api{
	{source: "sts", name: "AssumeRole", weight: 30, build: assumeRole},
	{source: "s3", name: "GetObject", readOnly: true, data: true, weight: 24, build: s3Object},
	{source: "kms", name: "Decrypt", readOnly: true, weight: 16, build: kmsCall},
	{source: "ec2", name: "DescribeInstances", readOnly: true, weight: 12, build: ec2Describe},
	{source: "s3", name: "PutObject", data: true, weight: 9, build: s3Object},
	{source: "logs", name: "DescribeLogGroups", readOnly: true, weight: 7, build: logsCall},
	{source: "kms", name: "GenerateDataKey", readOnly: true, weight: 6, build: kmsCall},
	{source: "lambda", name: "Invoke", data: true, weight: 5, build: lambdaInvoke},
	{source: "s3", name: "GetBucketAcl", readOnly: true, weight: 5, build: s3Bucket},
	{source: "dynamodb", name: "GetItem", readOnly: true, data: true, weight: 4, build: dynamo},
	{source: "sts", name: "GetCallerIdentity", readOnly: true, weight: 4, build: noParams},
	{source: "secretsmanager", name: "GetSecretValue", readOnly: true, weight: 3, build: secret},
	{source: "ssm", name: "GetParameter", readOnly: true, weight: 3, build: ssmParam},
	{source: "s3", name: "ListBuckets", readOnly: true, weight: 2, build: noParams},
	{source: "cloudtrail", name: "DescribeTrails", readOnly: true, weight: 1.5, build: ctCall},
	{source: "iam", name: "GetRole", readOnly: true, weight: 1.5, build: iamCall},
	{source: "ec2", name: "RunInstances", weight: 0.6, build: runInstances},
	{source: "signin", name: "ConsoleLogin", eventType: "AwsConsoleSignIn", weight: 0.4, build: consoleLogin},
	{source: "iam", name: "AttachRolePolicy", weight: 0.15, build: iamCall},
	{source: "iam", name: "CreateUser", weight: 0.05, build: iamCall},
}

var (
	prefixes      = []string{"logs", "exports", "data/raw", "backups", "reports", "tmp"}
	exts          = []string{"json", "parquet", "csv.gz", "txt"}
	sessionNames  = []string{"terraform", "github-actions", "botocore-session", "aws-go-sdk", "jenkins", "karpenter", "ecs-task"}
	envs          = []string{"prod", "staging", "dev"}
	instanceTypes = []string{"t3.micro", "m6i.large", "c6g.xlarge", "r6i.2xlarge"}
	functions     = []string{"api-handler", "image-resize", "etl-nightly", "auth-authorizer", "slack-notifier", "billing-export"}
	secrets       = []string{"prod/db/postgres", "staging/api-key", "ci/deploy-token", "prod/stripe"}
	tables        = []string{"users", "sessions", "orders", "feature-flags"}
	userAgents    = []string{
		"aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64.amzn.2023 prompt/off command/s3.cp",
		"Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.210 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
		"aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.6",
		"APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.43.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0",
		"console.amazonaws.com",
		"aws-internal/3 aws-sdk-java/1.12.683 Linux/5.10.213 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402 vendor/Oracle_Corporation cfg/retry-mode/standard",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
	}
	errorCodes = []struct{ code, msg string }{
		{"AccessDenied", "User: %s is not authorized to perform: %s on resource: %s because no identity-based policy allows the action"},
		{"ThrottlingException", "Rate exceeded"},
		{"NoSuchKey", "The specified key does not exist."},
		{"Client.UnauthorizedOperation", "You are not authorized to perform this operation."},
		{"ResourceNotFoundException", "Requested resource not found"},
	}
	services = []string{"lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "autoscaling.amazonaws.com", "cloudformation.amazonaws.com", "elasticloadbalancing.amazonaws.com"}
)

func (g *eventGen) pick(list []string) string {
	// skewed towards the front: a few buckets, roles and agents dominate
	i := int(float64(len(list)) * g.rng.Float64() * g.rng.Float64())
	return list[i]
}

// zipfIndex returns an index in [0,n) with weight 1/(i+1)^s.
func zipfIndex(rng *rand.Rand, cum []float64) int {
	x := rng.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
