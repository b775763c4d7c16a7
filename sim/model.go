package sim

import "math"

// model is a validated scenario flattened for the inner loop: plain numbers
// and slices, no maps or interfaces.
type model struct {
	h      int
	base   []float64 // expected demand per month (growth, no noise)
	noise  float64
	share  float64 // the exporter's share of demand
	cut    Dist
	start  Dist
	dur    Dist
	head   Dist
	lead   Dist
	ramp   Dist
	stock0 float64
	maxRel float64 // +Inf for no limit
}

func newModel(sc *Scenario) *model {
	m := &model{
		h:      sc.Months,
		base:   make([]float64, sc.Months),
		noise:  sc.Noise,
		share:  sc.exporterShare(),
		cut:    sc.Restriction.Cut,
		start:  sc.Restriction.Start,
		dur:    sc.Restriction.Duration,
		head:   sc.Alternatives.Headroom,
		lead:   sc.Alternatives.LeadTime,
		ramp:   sc.Alternatives.Ramp,
		stock0: sc.StockpileTonnes(),
		maxRel: math.Inf(1),
	}
	if sc.Stockpile.MaxRelease > 0 {
		m.maxRel = sc.Stockpile.MaxRelease
	}
	g := math.Pow(1+sc.Growth, 1.0/12) // monthly growth factor
	d := sc.Demand
	for i := range m.base {
		m.base[i] = d
		d *= g
	}
	return m
}

// roundMonth rounds a sampled month count half up, never below 0.
func roundMonth(x float64) int {
	if !(x > 0) {
		return 0
	}
	if x > 1e6 {
		return 1e6
	}
	return int(x + 0.5)
}

// sample draws one value: a uniform through the inverse CDF, except for the
// lognormal, which exponentiates a normal draw (cheaper than the inverse
// normal CDF), and a fixed value, which draws nothing.
func (d Dist) sample(r *rng) float64 {
	switch d.Kind {
	case Fixed:
		return d.A
	case Lognormal:
		return d.A * math.Exp(d.B*r.norm())
	}
	return d.Quantile(r.float64())
}

// trial draws one trial's random inputs, in a fixed order (cut, start,
// duration, headroom, lead time, ramp, then one demand shock per month), and
// writes per month the demand and the shortfall left after the exporter's
// cut and the alternative suppliers, before any stockpile release.
//
// In month m (0-based) the restriction is active when start ≤ m < start +
// duration; it removes cut × share × demand. Alternative suppliers add
// headroom × demand × clamp(ramp × (m − start + 1 − lead), 0, 1): nothing
// until lead months have passed, then a linear ramp to full headroom.
func (md *model) trial(r *rng, demand, short []float64) {
	cut := md.cut.sample(r)
	start := roundMonth(md.start.sample(r)) - 1
	end := start + roundMonth(md.dur.sample(r))
	head := md.head.sample(r)
	lead := md.lead.sample(r)
	ramp := md.ramp.sample(r)
	loss := cut * md.share
	noise := md.noise
	for m, b := range md.base[:len(demand)] {
		d := b
		if noise > 0 {
			d = b * (1 + noise*r.norm())
			if d < 0 {
				d = 0
			}
		}
		demand[m] = d
		s := 0.0
		if m >= start && m < end {
			k := ramp * (float64(m-start+1) - lead)
			k = min(max(k, 0), 1)
			s = d * (loss - head*k)
			if s < 0 {
				s = 0
			}
		}
		short[m] = s
	}
}

// release runs the stockpile over a shortfall path: each month it releases
// min(shortfall, stock, maxRel). It returns the total unmet demand and the
// first month (1-based) in which a shortfall emptied the stockpile, 0 if
// none did. unmet and level, when not nil, receive the monthly values.
func release(short []float64, stock0, maxRel float64, unmet, level []float64) (total float64, runout int) {
	s := stock0
	for m, x := range short {
		u := 0.0
		if x > 0 {
			rel := min(x, s, maxRel)
			s -= rel
			u = x - rel
			total += u
			if s == 0 && runout == 0 {
				runout = m + 1
			}
		}
		if unmet != nil {
			unmet[m] = u
			level[m] = s
		}
	}
	return total, runout
}
