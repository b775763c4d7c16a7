package orewatch

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date with day or month precision. The zero Date is unknown.
// A Date with Day == 0 is known only to the month ("2025-10").
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the day-precision date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "YYYY-MM-DD" or "YYYY-MM". The empty string is the zero
// (unknown) Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || (len(parts) == 3 && len(parts[2]) != 2) {
		return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD or YYYY-MM", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD or YYYY-MM", s)
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: time.Month(nums[1])}
	if d.Year < 1 || d.Month < 1 || d.Month > 12 {
		return Date{}, fmt.Errorf("invalid date %q: month out of range", s)
	}
	if len(nums) == 3 {
		d.Day = nums[2]
		t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("invalid date %q: no such day", s)
		}
	}
	return d, nil
}

// MustParseDate is ParseDate that panics; for tests and literals.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// MonthOnly reports whether the date is known only to the month.
func (d Date) MonthOnly() bool { return d.Year != 0 && d.Day == 0 }

// String formats the date as "YYYY-MM-DD", "YYYY-MM" or "" when unknown.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC of the date (the first of the month when month-only).
func (d Date) Time() time.Time {
	day := d.Day
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, d.Month, day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days later (day precision).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Compare orders dates; a month-only date sorts as the first of its month and
// the zero date before every known date.
func (d Date) Compare(o Date) int {
	a, b := d.key(), o.key()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (d Date) key() int { return d.Year*10000 + int(d.Month)*100 + d.Day }

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// MarshalJSON writes the date as a string, or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a string date or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value stores the date as text ("" is NULL).
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date stored as text, or NULL.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		p, err := ParseDate(v)
		*d = p
		return err
	case []byte:
		p, err := ParseDate(string(v))
		*d = p
		return err
	case time.Time:
		*d = DateOf(v.UTC())
		return nil
	}
	return fmt.Errorf("cannot scan %T into Date", src)
}
