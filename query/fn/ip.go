package fn

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/trailhouse/trailhouse/query/vec"
)

// IPADDRESS values are text here: CAST(x AS IPADDRESS) checks an IPv4 or
// IPv6 address and gives its canonical form (IPv6 lower case and
// compressed, an IPv4-mapped IPv6 address as IPv4, as Trino prints them),
// and contains('10.0.0.0/8', ip) tests a CIDR prefix (NULL when ip is
// text that is no address). They sort as text, not as addresses.

func init() {
	register("$ipaddress", fixed("$ipaddress", tV, func(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
		out := &vec.Vector{T: tV, Len: n, S: make([]string, n), Null: nullsOf(n, a[0])}
		for i := 0; i < n; i++ {
			if isNull(out.Null, i) {
				continue
			}
			ip, err := parseIP(a[0].S[i])
			if err != nil {
				return nil, err
			}
			out.S[i] = ip.String()
		}
		return out, nil
	}, tV))
}

func parseIP(s string) (netip.Addr, error) {
	ip, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil || ip.Zone() != "" {
		return netip.Addr{}, fmt.Errorf("%w: cannot cast %q to IPADDRESS", ErrValue, s)
	}
	return ip.Unmap(), nil
}

// cidrContains is contains(prefix, address) over text: whether the
// address is in the CIDR prefix (host bits of the prefix are ignored, as
// CAST to IPPREFIX masks them).
func cidrContains(_ *Ctx, a []*vec.Vector, n int) (*vec.Vector, error) {
	out := &vec.Vector{T: tB, Len: n, B: make([]bool, n), Null: nullsOf(n, a...)}
	var (
		last   string
		prefix netip.Prefix
	)
	for i := 0; i < n; i++ {
		if isNull(out.Null, i) {
			continue
		}
		if p := a[0].S[i]; i == 0 || p != last {
			pf, err := netip.ParsePrefix(strings.TrimSpace(p))
			if err != nil {
				return nil, fmt.Errorf("%w: contains: %q is not a CIDR prefix such as 10.0.0.0/8", ErrValue, p)
			}
			addr := pf.Addr()
			bits := pf.Bits()
			if addr.Is4In6() && bits >= 96 {
				addr, bits = addr.Unmap(), bits-96
			}
			prefix, last = netip.PrefixFrom(addr, bits).Masked(), p
		}
		ip, err := parseIP(a[1].S[i])
		if err != nil {
			// Not an address (a service name, "AWS Internal" in
			// sourceIPAddress): unknown, not an error.
			out.SetNull(i)
			continue
		}
		out.B[i] = prefix.Contains(ip)
	}
	return out, nil
}
