package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// account is one AWS account's stable cast: its principals and resources.
type account struct {
	idx                     int
	id                      string
	roles, users, buckets   []string
	userKeys, kmsKeys, ips  []string
	roleIDs                 []string
	identityStore, samlProv string
}

func newAccount(seed int64, idx int) *account {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(idx)+1<<50))
	a := &account{idx: idx}
	// one account in four has a leading zero, as real ones do
	if idx%4 == 1 {
		a.id = fmt.Sprintf("0%011d", rng.Int64N(1e11))
	} else {
		a.id = fmt.Sprintf("%012d", 1e11+rng.Int64N(9e11))
	}
	g := &eventGen{rng: rng, acct: a}
	for i := 0; i < 8+rng.IntN(40); i++ {
		a.roles = append(a.roles, []string{"app", "deploy", "admin", "readonly", "lambda-exec", "ecs-task", "github-oidc", "data-pipeline"}[i%8]+fmt.Sprintf("-%s", g.token(4)))
		a.roleIDs = append(a.roleIDs, "AROA"+g.upper(17))
	}
	a.roles[0], a.roles[1] = "OrganizationAccountAccessRole", "AWSReservedSSO_AdministratorAccess_"+g.hex(16)
	for i := 0; i < 3+rng.IntN(20); i++ {
		a.users = append(a.users, []string{"alice", "bob", "ci-bot", "carol", "backup-svc", "dave", "legacy-app"}[i%7]+fmt.Sprint(i/7+1))
		a.userKeys = append(a.userKeys, "AKIA"+g.upper(16))
	}
	for i := 0; i < 3+rng.IntN(10); i++ {
		a.buckets = append(a.buckets, fmt.Sprintf("%s-%s-%s", []string{"logs", "assets", "data-lake", "backups", "artifacts"}[i%5], g.token(6), a.id[8:]))
	}
	for i := 0; i < 2+rng.IntN(4); i++ {
		a.kmsKeys = append(a.kmsKeys, g.uuid())
	}
	for i := 0; i < 20+rng.IntN(60); i++ {
		if i%9 == 8 {
			a.ips = append(a.ips, fmt.Sprintf("2600:1f18:%x:%x::%x", rng.IntN(65536), rng.IntN(65536), rng.IntN(65536)))
		} else {
			a.ips = append(a.ips, fmt.Sprintf("%d.%d.%d.%d", []int{3, 18, 34, 52, 54, 203, 198, 81}[rng.IntN(8)], rng.IntN(256), rng.IntN(256), 1+rng.IntN(254)))
		}
	}
	a.identityStore = "arn:aws:identitystore::" + a.id + ":identitystore/d-" + g.hex(10)
	a.samlProv = "arn:aws:iam::" + a.id + ":saml-provider/Okta"
	return a
}

// eventGen makes the events of one account/region/day.
type eventGen struct {
	rng    *rand.Rand
	acct   *account
	region string
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func (g *eventGen) token(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[g.rng.IntN(len(alnum))]
	}
	return string(b)
}

const upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

// upper returns n characters as in AWS access key and principal ids.
func (g *eventGen) upper(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = upperAlnum[g.rng.IntN(len(upperAlnum))]
	}
	return string(b)
}

func (g *eventGen) hex(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[g.rng.IntN(16)]
	}
	return string(b)
}

func (g *eventGen) uuid() string {
	h := g.hex(32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-" + string("89ab"[g.rng.IntN(4)]) + h[17:20] + "-" + h[20:]
}

// event is one CloudTrail event being built.
type event struct {
	api           *api
	when          time.Time
	failed        bool
	errCode       string
	errMsg        string
	req, resp     jv
	extra         jv
	resources     [][3]string
	sharedEventID bool
}

var apiCum = func() []float64 {
	c := make([]float64, len(apis))
	t := 0.0
	for i, a := range apis {
		t += a.weight
		c[i] = t
	}
	return c
}()

var identityCum = cumulative([]float64{60, 14, 12, 4, 2, 2, 3, 1.5, 1.5})

const (
	idAssumedRole = iota
	idService
	idIAMUser
	idIdentityCenter
	idFederated
	idSAML
	idWebIdentity
	idRoot
	idAWSAccount
)

func cumulative(w []float64) []float64 {
	c := make([]float64, len(w))
	t := 0.0
	for i, x := range w {
		t += x
		c[i] = t
	}
	return c
}

// event renders one event at t as AWS writes it (key order included).
func (g *eventGen) event(t time.Time) []byte {
	e := &event{api: &apis[zipfIndex(g.rng, apiCum)], when: t}
	e.failed = g.rng.Float64() < 0.04
	e.api.build(g, e)
	if e.failed {
		ec := errorCodes[g.rng.IntN(len(errorCodes))]
		e.errCode, e.errMsg = ec.code, ec.msg
		if strings.Contains(ec.msg, "%s") {
			e.errMsg = fmt.Sprintf(ec.msg, "arn:aws:sts::"+g.acct.id+":assumed-role/"+g.pick(g.acct.roles)+"/session", e.api.source+":"+e.api.name, "arn:aws:"+e.api.source+":::"+g.pick(g.acct.buckets))
		}
		e.resp = nil
	}

	kind := zipfIndex(g.rng, identityCum)
	if e.api.name == "ConsoleLogin" && (kind == idService || kind == idWebIdentity) {
		kind = idIAMUser
	}
	ui, ip, agent, console := g.identity(kind, e)

	o := make(jobj, 0, 28)
	add := func(k string, v jv) { o = append(o, kv{k, v}) }
	version := "1.11"
	if x := g.rng.IntN(10); x == 0 {
		version = "1.08"
	} else if x == 1 {
		version = "1.09"
	}
	add("eventVersion", jstr(version))
	add("userIdentity", ui)
	add("eventTime", jstr(t.Format("2006-01-02T15:04:05Z")))
	add("eventSource", jstr(e.api.source+".amazonaws.com"))
	add("eventName", jstr(e.api.name))
	add("awsRegion", jstr(g.region))
	add("sourceIPAddress", jstr(ip))
	add("userAgent", jstr(agent))
	if e.errCode != "" {
		add("errorCode", jstr(e.errCode))
	}
	if e.errMsg != "" {
		add("errorMessage", jstr(e.errMsg))
	}
	add("requestParameters", orNull(e.req))
	add("responseElements", orNull(e.resp))
	if e.extra != nil {
		add("additionalEventData", e.extra)
	}
	add("requestID", jstr(g.uuid()))
	add("eventID", jstr(g.uuid()))
	add("readOnly", jbool(e.api.readOnly))
	if len(e.resources) > 0 {
		var rs jarr
		for _, r := range e.resources {
			el := obj()
			if r[1] != "" {
				el = append(el, kv{"accountId", jstr(r[1])})
			}
			el = append(el, kv{"type", jstr(r[0])}, kv{"ARN", jstr(r[2])})
			rs = append(rs, el)
		}
		add("resources", rs)
	}
	eventType := e.api.eventType
	if eventType == "" {
		eventType = "AwsApiCall"
	}
	add("eventType", jstr(eventType))
	if e.api.source == "s3" || e.api.source == "lambda" {
		add("apiVersion", jstr(map[string]string{"s3": "2006-03-01", "lambda": "2015-03-31"}[e.api.source]))
	}
	add("managementEvent", jbool(!e.api.data))
	add("recipientAccountId", jstr(g.acct.id))
	if e.sharedEventID {
		add("sharedEventID", jstr(g.uuid()))
	}
	if g.rng.IntN(40) == 0 {
		add("vpcEndpointId", jstr("vpce-"+g.hex(17)))
		add("vpcEndpointAccountId", jstr(g.acct.id))
	}
	category := "Management"
	if e.api.data {
		category = "Data"
	}
	add("eventCategory", jstr(category))
	if kind != idService && agent != "console.amazonaws.com" {
		tls := "TLSv1.3"
		suite := "TLS_AES_128_GCM_SHA256"
		if g.rng.IntN(5) == 0 {
			tls, suite = "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"
		}
		add("tlsDetails", obj("tlsVersion", tls, "cipherSuite", suite, "clientProvidedHostHeader", e.api.source+"."+g.region+".amazonaws.com"))
	}
	if console {
		add("sessionCredentialFromConsole", jstr("true"))
	}
	if g.rng.IntN(2000) == 0 {
		add("addendum", obj("reason", "DELIVERY_DELAY", "updatedFields", "", "originalRequestID", g.uuid(), "originalEventID", g.uuid()))
	}
	return o.appendTo(nil)
}

func orNull(v jv) jv {
	if v == nil {
		return jraw("null")
	}
	return v
}

// identity returns the userIdentity object, source IP, user agent and
// whether the credentials came from the console.
func (g *eventGen) identity(kind int, e *event) (jobj, string, string, bool) {
	a := g.acct
	ip := a.ips[int(float64(len(a.ips))*g.rng.Float64()*g.rng.Float64())]
	agent := g.pick(userAgents)
	creation := e.when.Add(-time.Duration(g.rng.IntN(3600)) * time.Second).Format("2006-01-02T15:04:05Z")
	mfa := "false"
	switch kind {
	case idService:
		svc := services[g.rng.IntN(len(services))]
		return obj("type", "AWSService", "invokedBy", svc), svc, svc, false
	case idIAMUser:
		i := int(float64(len(a.users)) * g.rng.Float64() * g.rng.Float64())
		return obj("type", "IAMUser", "principalId", "AIDA"+a.userKeys[i][4:], "arn", "arn:aws:iam::"+a.id+":user/"+a.users[i],
			"accountId", a.id, "accessKeyId", a.userKeys[i], "userName", a.users[i]), ip, agent, false
	case idRoot:
		mfa = "true"
		return obj("type", "Root", "principalId", a.id, "arn", "arn:aws:iam::"+a.id+":root", "accountId", a.id, "accessKeyId", "ASIA"+g.upper(16),
			"sessionContext", obj("attributes", obj("creationDate", creation, "mfaAuthenticated", mfa))), ip, "console.amazonaws.com", true
	case idIdentityCenter:
		return obj("type", "IdentityCenterUser", "accountId", a.id, "onBehalfOf", obj("userId", g.hex(8)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(4)+"-"+g.hex(12), "identityStoreArn", a.identityStore),
			"credentialId", g.token(40)), ip, agent, false
	case idFederated:
		u := g.pick(a.users)
		return obj("type", "FederatedUser", "principalId", a.id+":"+u, "arn", "arn:aws:sts::"+a.id+":federated-user/"+u, "accountId", a.id, "accessKeyId", "ASIA"+g.upper(16),
			"sessionContext", obj("sessionIssuer", obj("type", "IAMUser", "principalId", "AIDA"+g.upper(17), "arn", "arn:aws:iam::"+a.id+":user/"+u, "accountId", a.id, "userName", u),
				"webIdFederationData", obj(), "attributes", obj("creationDate", creation, "mfaAuthenticated", mfa))), ip, agent, false
	case idSAML:
		return obj("type", "SAMLUser", "principalId", "SAMLUser:"+g.pick(a.users)+"@example.com", "userName", g.pick(a.users)+"@example.com", "identityProvider", a.samlProv), ip, agent, false
	case idAWSAccount:
		return obj("type", "AWSAccount", "principalId", "AIDA"+g.upper(17), "accountId", fmt.Sprintf("%012d", 1e11+g.rng.Int64N(9e11))), "AWS Internal", "AWS Internal", false
	}
	// AssumedRole and WebIdentity sessions
	i := int(float64(len(a.roles)) * g.rng.Float64() * g.rng.Float64())
	role, roleID := a.roles[i], a.roleIDs[i]
	session := g.pick(sessionNames)
	web := obj()
	if kind == idWebIdentity {
		web = obj("federatedProvider", "arn:aws:iam::"+a.id+":oidc-provider/token.actions.githubusercontent.com",
			"attributes", obj("token.actions.githubusercontent.com:sub", "repo:example/"+g.pick(functions)+":ref:refs/heads/main"))
		session = "GitHubActions"
	}
	console := agent == "console.amazonaws.com"
	ui := obj("type", "AssumedRole", "principalId", roleID+":"+session, "arn", "arn:aws:sts::"+a.id+":assumed-role/"+role+"/"+session,
		"accountId", a.id, "accessKeyId", "ASIA"+g.upper(16),
		"sessionContext", obj("sessionIssuer", obj("type", "Role", "principalId", roleID, "arn", "arn:aws:iam::"+a.id+":role/"+role, "accountId", a.id, "userName", role),
			"webIdFederationData", web, "attributes", obj("creationDate", creation, "mfaAuthenticated", mfa)))
	if g.rng.IntN(30) == 0 { // sessionContext is ui[5]
		ui[5].v = append(ui[5].v.(jobj), kv{"ec2RoleDelivery", jstr("2.0")})
	}
	if g.rng.IntN(8) == 0 {
		ui = append(ui, kv{"invokedBy", jstr(services[g.rng.IntN(len(services))])})
	}
	return ui, ip, agent, console
}
