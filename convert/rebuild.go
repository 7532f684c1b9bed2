package convert

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/trailhouse/trailhouse/internal/record"
)

// Rebuild returns the CloudTrail event a row was flattened from, as decoded
// by encoding/json with UseNumber: for every event e, Rebuild(Flatten(e)) is
// equal to e decoded the same way. _source is not part of the event.
func Rebuild(row *record.Row) (map[string]any, error) {
	ev := map[string]any{}
	for i := 0; i < record.NumStr; i++ {
		v, ok := row.Get(i)
		if !ok {
			continue
		}
		c := &record.StrColumns[i]
		var val any = v
		if c.Kind == record.JSON {
			var err error
			if val, err = decodeJSON(v); err != nil {
				return nil, fmt.Errorf("column %s: %w", c.Name, err)
			}
		}
		setPath(ev, c.Path, val)
	}
	if row.HasTime {
		ev["eventTime"] = FormatEventTime(row.EventTime)
	}
	if row.ReadOnly != record.Null {
		ev["readOnly"] = row.ReadOnly == record.True
	}
	if row.ManagementEvent != record.Null {
		ev["managementEvent"] = row.ManagementEvent == record.True
	}
	if row.Resources != nil {
		list := make([]any, len(row.Resources))
		for k, r := range row.Resources {
			el := map[string]any{}
			for f, name := range resourceKeys {
				if r.Set&(1<<f) != 0 {
					el[name] = r.F[f]
				}
			}
			list[k] = el
		}
		ev["resources"] = list
	}
	if row.Extra != "" {
		extra, err := decodeJSON(row.Extra)
		if err != nil {
			return nil, fmt.Errorf("column _extra: %w", err)
		}
		m, ok := extra.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("column _extra: not a JSON object")
		}
		mergeInto(ev, m)
	}
	return ev, nil
}

func decodeJSON(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func setPath(m map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		c, ok := m[k].(map[string]any)
		if !ok {
			c = map[string]any{}
			m[k] = c
		}
		m = c
	}
	m[path[len(path)-1]] = v
}

// mergeInto applies src over dst: objects merge key by key, anything else
// in src replaces what dst has.
func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if sv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				mergeInto(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
}
