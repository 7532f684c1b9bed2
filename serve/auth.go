package serve

import (
	"bufio"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Auth holds the credentials the server accepts. Secrets are kept only as
// SHA-256 digests and compared in constant time against every entry, so
// neither the time taken nor an early exit tells which entry came close.
//
// A nil *Auth accepts every request (loopback only; see Config).
type Auth struct {
	creds []credential
	// key signs session tokens handed out by the Flight Handshake; it is
	// random per process, so a restart ends every session.
	key        []byte
	sessionTTL time.Duration
	now        func() time.Time
}

type credential struct {
	name   string   // who, for logs: "user alice" or "token 3 (auth file line)"
	basic  bool     // a user:password pair, for Basic auth only
	digest [32]byte // sha256 of the token, or of "user:password"
}

// Principal is who a request authenticated as; it scopes tickets and
// prepared statements. The empty Principal is the anonymous user of a
// server without Auth.
type Principal string

// ParseAuth reads credentials, one a line: a bare line is a bearer token;
// "basic USER:PASSWORD" is a user for HTTP Basic auth (and the Flight
// Handshake). Blank lines and lines starting with # are ignored. src names
// the source in errors.
func ParseAuth(r io.Reader, src string) (*Auth, error) {
	a := newAuth()
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(s, "basic "); ok {
			rest = strings.TrimSpace(rest)
			user, pass, ok := strings.Cut(rest, ":")
			if !ok || user == "" || pass == "" {
				return nil, fmt.Errorf("auth %s line %d: want basic USER:PASSWORD", src, line)
			}
			a.creds = append(a.creds, credential{name: "user " + user, basic: true, digest: sha256.Sum256([]byte(rest))})
			continue
		}
		if strings.ContainsAny(s, " \t") {
			return nil, fmt.Errorf("auth %s line %d: a token must not hold spaces (for a user, write basic USER:PASSWORD)", src, line)
		}
		a.creds = append(a.creds, credential{name: src + " token line " + strconv.Itoa(line), digest: sha256.Sum256([]byte(s))})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("auth %s: %w", src, err)
	}
	if len(a.creds) == 0 {
		return nil, fmt.Errorf("auth %s: no credentials", src)
	}
	return a, nil
}

// LoadAuthFile reads credentials from a file in ParseAuth's format.
func LoadAuthFile(path string) (*Auth, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("auth file: %w", err)
	}
	defer f.Close()
	return ParseAuth(f, path)
}

// AuthFromTokens accepts the given bearer tokens, separated by commas or
// white space (the TRAILHOUSE_TOKENS form).
func AuthFromTokens(list, src string) (*Auth, error) {
	fields := strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	return ParseAuth(strings.NewReader(strings.Join(fields, "\n")), src)
}

func newAuth() *Auth {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return &Auth{key: key, sessionTTL: 24 * time.Hour, now: time.Now}
}

// match finds the credential whose digest is sum, looking at every entry.
func (a *Auth) match(sum [32]byte, basic bool) (string, bool) {
	found := -1
	for i := range a.creds {
		c := &a.creds[i]
		eq := subtle.ConstantTimeCompare(c.digest[:], sum[:])
		if c.basic != basic {
			eq = 0
		}
		if eq == 1 && found < 0 {
			found = i
		}
	}
	if found < 0 {
		return "", false
	}
	return a.creds[found].name, true
}

// Check authenticates the value of an Authorization header: "Bearer
// TOKEN" (a configured token or a session token from Handshake) or "Basic
// base64(user:password)".
func (a *Auth) Check(header string) (Principal, error) {
	if a == nil {
		return "", nil
	}
	scheme, cred, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || cred == "" {
		if header == "" {
			return "", fmt.Errorf("%w: no credentials (send Authorization: Bearer TOKEN, or Basic)", ErrUnauthenticated)
		}
		return "", fmt.Errorf("%w: malformed Authorization header", ErrUnauthenticated)
	}
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "bearer":
		if p, ok := a.checkSession(cred); ok {
			return p, nil
		}
		if name, ok := a.match(sha256.Sum256([]byte(cred)), false); ok {
			return Principal(name), nil
		}
		return "", fmt.Errorf("%w: invalid token", ErrUnauthenticated)
	case "basic":
		raw, err := base64.StdEncoding.DecodeString(cred)
		if err != nil {
			raw, err = base64.RawStdEncoding.DecodeString(cred)
		}
		if err != nil || !strings.Contains(string(raw), ":") {
			return "", fmt.Errorf("%w: malformed basic credentials", ErrUnauthenticated)
		}
		if name, ok := a.match(sha256.Sum256(raw), true); ok {
			return Principal(name), nil
		}
		return "", fmt.Errorf("%w: invalid user or password", ErrUnauthenticated)
	}
	return "", fmt.Errorf("%w: unsupported scheme %q (use Bearer or Basic)", ErrUnauthenticated, scheme)
}

const sessionPrefix = "ths1."

// Session returns a bearer token for p that Check accepts until the
// session TTL passes. It holds no server state: it is p and its expiry,
// signed.
func (a *Auth) Session(p Principal) string {
	var exp [8]byte
	binary.BigEndian.PutUint64(exp[:], uint64(a.now().Add(a.sessionTTL).Unix()))
	body := append(exp[:], p...)
	return sessionPrefix + base64.RawURLEncoding.EncodeToString(body) + "." + base64.RawURLEncoding.EncodeToString(a.sign(body))
}

func (a *Auth) sign(body []byte) []byte {
	m := hmac.New(sha256.New, a.key)
	m.Write(body)
	return m.Sum(nil)
}

func (a *Auth) checkSession(tok string) (Principal, bool) {
	rest, ok := strings.CutPrefix(tok, sessionPrefix)
	if !ok {
		return "", false
	}
	b64body, b64sig, ok := strings.Cut(rest, ".")
	if !ok {
		return "", false
	}
	body, err1 := base64.RawURLEncoding.DecodeString(b64body)
	sig, err2 := base64.RawURLEncoding.DecodeString(b64sig)
	if err1 != nil || err2 != nil || len(body) < 8 || !hmac.Equal(sig, a.sign(body)) {
		return "", false
	}
	if a.now().Unix() > int64(binary.BigEndian.Uint64(body[:8])) {
		return "", false
	}
	return Principal(body[8:]), true
}
