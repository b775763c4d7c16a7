package orewatch

import (
	"encoding/json"
	"time"
)

// feedJSON is the JSON form of a Feed, with its times as pointers so that a
// time not yet known is null.
type feedJSON struct {
	ID            int64      `json:"id"`
	URL           string     `json:"url"`
	Title         string     `json:"title"`
	ETag          string     `json:"etag,omitempty"`
	LastModified  string     `json:"last_modified,omitempty"`
	LastCheckedAt *time.Time `json:"last_checked_at"`
	NextCheckAt   *time.Time `json:"next_check_at"`
	ErrorCount    int        `json:"error_count"`
	LastError     string     `json:"last_error,omitempty"`
	CreatedAt     *time.Time `json:"created_at"`
}

// MarshalJSON writes a feed's zero times (never checked, not yet due, not
// yet stored) as null rather than as the year 1.
func (f Feed) MarshalJSON() ([]byte, error) {
	return json.Marshal(feedJSON{
		ID:            f.ID,
		URL:           f.URL,
		Title:         f.Title,
		ETag:          f.ETag,
		LastModified:  f.LastModified,
		LastCheckedAt: nullTime(f.LastCheckedAt),
		NextCheckAt:   nullTime(f.NextCheckAt),
		ErrorCount:    f.ErrorCount,
		LastError:     f.LastError,
		CreatedAt:     nullTime(f.CreatedAt),
	})
}

// UnmarshalJSON reads what MarshalJSON writes (null as the zero time).
func (f *Feed) UnmarshalJSON(b []byte) error {
	var v feedJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Feed{
		ID:            v.ID,
		URL:           v.URL,
		Title:         v.Title,
		ETag:          v.ETag,
		LastModified:  v.LastModified,
		LastCheckedAt: timeOrZero(v.LastCheckedAt),
		NextCheckAt:   timeOrZero(v.NextCheckAt),
		ErrorCount:    v.ErrorCount,
		LastError:     v.LastError,
		CreatedAt:     timeOrZero(v.CreatedAt),
	}
	return nil
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func timeOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
