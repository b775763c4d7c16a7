package orewatch

import "encoding/json"

// eventJSON is the JSON form of an Event: the `extract --json` contract,
// plus the ids of a stored event.
type eventJSON struct {
	ID           int64     `json:"id,omitempty"`
	ArticleID    int64     `json:"article_id,omitempty"`
	Type         EventType `json:"type"`
	Actor        *string   `json:"actor"`
	Counterparty *string   `json:"counterparty"`
	Materials    []string  `json:"materials"`
	Announced    Date      `json:"announced"`
	Effective    Date      `json:"effective"`
	Evidence     string    `json:"evidence"`
	Confidence   float64   `json:"confidence"`
	Primary      bool      `json:"primary"`
	Measure      *string   `json:"measure"`
}

// MarshalJSON writes an unknown actor or counterparty and an unmatched
// measure as null rather than "", and no materials as []. A stored event
// (non-zero ID) also carries its id and its article's id, so that a
// listing of events leads to their articles; an event not yet stored has
// exactly the fields of the extract contract.
func (e Event) MarshalJSON() ([]byte, error) {
	mats := e.Materials
	if mats == nil {
		mats = []string{}
	}
	return json.Marshal(eventJSON{
		ID:           e.ID,
		ArticleID:    e.ArticleID,
		Type:         e.Type,
		Actor:        eventNullString(e.Actor),
		Counterparty: eventNullString(e.Counterparty),
		Materials:    mats,
		Announced:    e.Announced,
		Effective:    e.Effective,
		Evidence:     e.Evidence,
		Confidence:   e.Confidence,
		Primary:      e.Primary,
		Measure:      eventNullString(e.Measure),
	})
}

// UnmarshalJSON reads what MarshalJSON writes (null as "").
func (e *Event) UnmarshalJSON(b []byte) error {
	var v eventJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*e = Event{
		ID:           v.ID,
		ArticleID:    v.ArticleID,
		Type:         v.Type,
		Actor:        eventString(v.Actor),
		Counterparty: eventString(v.Counterparty),
		Materials:    v.Materials,
		Announced:    v.Announced,
		Effective:    v.Effective,
		Evidence:     v.Evidence,
		Confidence:   v.Confidence,
		Primary:      v.Primary,
		Measure:      eventString(v.Measure),
	}
	return nil
}

func eventNullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func eventString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
