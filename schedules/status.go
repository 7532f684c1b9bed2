package schedules

import (
	"context"
	"time"
)

// JobStatus is what status shows of one job.
type JobStatus struct {
	Name     string    `json:"job"`
	Kind     string    `json:"kind"`
	Schedule string    `json:"schedule"`
	Next     time.Time `json:"next_run"`
	// LastSuccess is the start of the newest successful run, if any.
	LastSuccess *time.Time `json:"last_success,omitempty"`
	Runs        []*Record  `json:"runs"` // newest first
}

// Status is the state of every job of a config, from the run history.
type Status struct {
	Now  time.Time    `json:"now"`
	Lake string       `json:"lake"`
	Jobs []*JobStatus `json:"jobs"`
	// NewestEvent is the newest converted eventTime recorded by the
	// convert jobs; Lag is Now minus it (in seconds in JSON).
	NewestEvent *time.Time `json:"newest_event,omitempty"`
	LagSeconds  *float64   `json:"lag_seconds,omitempty"`
}

// Lag returns Now minus the newest converted event, ok false if unknown.
func (s *Status) Lag() (time.Duration, bool) {
	if s.NewestEvent == nil {
		return 0, false
	}
	return s.Now.Sub(*s.NewestEvent), true
}

// GetStatus reads each job's newest n runs from h.
func GetStatus(ctx context.Context, c *Config, h History, now time.Time, n int) (*Status, error) {
	st := &Status{Now: now, Lake: c.Lake.URI}
	for _, j := range c.Jobs {
		js := &JobStatus{Name: j.Name, Kind: j.Kind, Schedule: j.Spec, Next: j.Schedule.Next(now)}
		runs, err := h.Runs(ctx, j.Name, n)
		if err != nil {
			return nil, err
		}
		js.Runs = runs
		if t, ok, err := h.LastSuccess(ctx, j.Name); err != nil {
			return nil, err
		} else if ok {
			js.LastSuccess = &t
		}
		for _, r := range runs {
			if r.NewestEvent != nil && (st.NewestEvent == nil || r.NewestEvent.After(*st.NewestEvent)) {
				t := *r.NewestEvent
				st.NewestEvent = &t
			}
		}
		st.Jobs = append(st.Jobs, js)
	}
	if lag, ok := st.Lag(); ok {
		s := lag.Seconds()
		st.LagSeconds = &s
	}
	return st, nil
}
