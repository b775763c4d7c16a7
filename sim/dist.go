package sim

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DistKind names a probability distribution.
type DistKind uint8

// The distributions a scenario parameter may follow.
const (
	Fixed      DistKind = iota // a single value: "6"
	Uniform                    // "uniform(min,max)"
	Triangular                 // "triangular(min,mode,max)"
	Lognormal                  // "lognormal(median,sigma)", sigma of the logarithm
)

var distNames = [...]string{Fixed: "fixed", Uniform: "uniform", Triangular: "triangular", Lognormal: "lognormal"}

func (k DistKind) String() string {
	if int(k) < len(distNames) {
		return distNames[k]
	}
	return fmt.Sprintf("DistKind(%d)", k)
}

// Dist is a fixed value or a distribution of a scenario parameter. Fixed: A.
// Uniform: A = min, B = max. Triangular: A = min, B = mode, C = max.
// Lognormal: A = median, B = sigma of the logarithm.
type Dist struct {
	Kind    DistKind
	A, B, C float64
}

// Value is a fixed value.
func Value(v float64) Dist { return Dist{Kind: Fixed, A: v} }

// ParseDist reads a distribution written as a number ("0.5"), or
// "uniform(min,max)", "triangular(min,mode,max)", "lognormal(median,sigma)".
// The short names "fixed(v)", "uni", "tri" and "logn" are accepted too.
func ParseDist(s string) (Dist, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Dist{}, fmt.Errorf("empty distribution: want a number, uniform(min,max), triangular(min,mode,max) or lognormal(median,sigma)")
	}
	open := strings.IndexByte(t, '(')
	if open < 0 {
		v, err := parseNum(t)
		if err != nil {
			return Dist{}, fmt.Errorf("distribution %q: %w", s, err)
		}
		return Value(v), nil
	}
	if !strings.HasSuffix(t, ")") {
		return Dist{}, fmt.Errorf("distribution %q: missing closing parenthesis", s)
	}
	name := strings.ToLower(strings.TrimSpace(t[:open]))
	var args []float64
	for i, a := range strings.Split(t[open+1:len(t)-1], ",") {
		v, err := parseNum(a)
		if err != nil {
			return Dist{}, fmt.Errorf("distribution %q, argument %d: %w", s, i+1, err)
		}
		args = append(args, v)
	}
	var d Dist
	want := 0
	switch name {
	case "fixed", "value":
		d, want = Dist{Kind: Fixed}, 1
	case "uniform", "uni", "u":
		d, want = Dist{Kind: Uniform}, 2
	case "triangular", "tri", "triang":
		d, want = Dist{Kind: Triangular}, 3
	case "lognormal", "logn", "lognorm":
		d, want = Dist{Kind: Lognormal}, 2
	default:
		return Dist{}, fmt.Errorf("distribution %q: unknown kind %q (want uniform, triangular or lognormal)", s, name)
	}
	if len(args) != want {
		return Dist{}, fmt.Errorf("distribution %q: %s takes %d arguments, got %d", s, d.Kind, want, len(args))
	}
	d.A = args[0]
	if want > 1 {
		d.B = args[1]
	}
	if want > 2 {
		d.C = args[2]
	}
	if err := d.check(); err != nil {
		return Dist{}, fmt.Errorf("distribution %q: %w", s, err)
	}
	return d, nil
}

func parseNum(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", strings.TrimSpace(s))
	}
	return v, nil
}

// check validates the parameters of the distribution itself.
func (d Dist) check() error {
	for _, v := range []float64{d.A, d.B, d.C} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("parameters must be finite numbers")
		}
	}
	switch d.Kind {
	case Fixed:
	case Uniform:
		if d.A > d.B {
			return fmt.Errorf("uniform min %g is above max %g", d.A, d.B)
		}
	case Triangular:
		if !(d.A <= d.B && d.B <= d.C) {
			return fmt.Errorf("triangular wants min ≤ mode ≤ max, got %g, %g, %g", d.A, d.B, d.C)
		}
	case Lognormal:
		if !(d.A > 0) {
			return fmt.Errorf("lognormal median must be positive, got %g", d.A)
		}
		if d.B < 0 {
			return fmt.Errorf("lognormal sigma must not be negative, got %g", d.B)
		}
	default:
		return fmt.Errorf("unknown distribution kind %d", d.Kind)
	}
	return nil
}

// Support is the smallest and largest value the distribution can take
// (+Inf for a lognormal with sigma > 0).
func (d Dist) Support() (lo, hi float64) {
	switch d.Kind {
	case Uniform:
		return d.A, d.B
	case Triangular:
		return d.A, d.C
	case Lognormal:
		if d.B == 0 {
			return d.A, d.A
		}
		return 0, math.Inf(1)
	}
	return d.A, d.A
}

// Mean is the expected value.
func (d Dist) Mean() float64 {
	switch d.Kind {
	case Uniform:
		return (d.A + d.B) / 2
	case Triangular:
		return (d.A + d.B + d.C) / 3
	case Lognormal:
		return d.A * math.Exp(d.B*d.B/2)
	}
	return d.A
}

// String writes the distribution in the form ParseDist reads.
func (d Dist) String() string {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch d.Kind {
	case Uniform:
		return "uniform(" + g(d.A) + "," + g(d.B) + ")"
	case Triangular:
		return "triangular(" + g(d.A) + "," + g(d.B) + "," + g(d.C) + ")"
	case Lognormal:
		return "lognormal(" + g(d.A) + "," + g(d.B) + ")"
	}
	return g(d.A)
}

// Quantile is the inverse CDF at u in (0, 1). Sampling draws u uniformly,
// so that each parameter of a trial takes exactly one uniform draw.
func (d Dist) Quantile(u float64) float64 {
	switch d.Kind {
	case Uniform:
		return d.A + u*(d.B-d.A)
	case Triangular:
		w := d.C - d.A
		if w == 0 {
			return d.A
		}
		if fc := (d.B - d.A) / w; u < fc {
			return d.A + math.Sqrt(u*w*(d.B-d.A))
		}
		return d.C - math.Sqrt((1-u)*w*(d.C-d.B))
	case Lognormal:
		if d.B == 0 {
			return d.A
		}
		return d.A * math.Exp(d.B*math.Sqrt2*math.Erfinv(2*u-1))
	}
	return d.A
}

// MarshalJSON writes a fixed value as a number and a distribution as its
// string form.
func (d Dist) MarshalJSON() ([]byte, error) {
	if d.Kind == Fixed {
		return json.Marshal(d.A)
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a number or a distribution string.
func (d *Dist) UnmarshalJSON(b []byte) error {
	var v float64
	if err := json.Unmarshal(b, &v); err == nil {
		*d = Value(v)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want a number or a distribution such as \"triangular(0.3,0.5,0.9)\"")
	}
	p, err := ParseDist(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// MarshalYAML writes a fixed value as a number and a distribution as a
// string.
func (d Dist) MarshalYAML() (any, error) {
	if d.Kind == Fixed {
		return d.A, nil
	}
	return d.String(), nil
}

// UnmarshalYAML reads a number or a distribution string.
func (d *Dist) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d, column %d: want a number or a distribution such as triangular(0.3,0.5,0.9)", n.Line, n.Column)
	}
	p, err := ParseDist(n.Value)
	if err != nil {
		return fmt.Errorf("line %d, column %d: %w", n.Line, n.Column, err)
	}
	*d = p
	return nil
}
