package sim

import (
	"math"
	"math/rand/v2"
)

// rng draws uniforms and standard normals from a math/rand/v2 PCG.
//
// rand.Rand.NormFloat64 would do, but it reaches the generator through the
// rand.Source interface on every draw; the demand noise takes one normal per
// trial-month, so the sampler here calls the concrete *rand.PCG directly and
// uses its own 256-layer ziggurat (Marsaglia and Tsang, "The Ziggurat
// Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000),
// whose tables are computed below from the method's two constants. With 256
// layers about 98.5 % of draws take the fast path.
type rng struct {
	pcg   *rand.PCG
	spare uint32 // the unused half of the last 64-bit draw, for norm
	have  bool
}

func newRNG(seed uint64) *rng {
	// The second PCG word is fixed so that a run is named by one number.
	return &rng{pcg: rand.NewPCG(seed, 0x6f72657761746368)}
}

// float64 returns a uniform in the open interval (0, 1), so that inverse
// CDFs never see 0 or 1.
func (r *rng) float64() float64 {
	return (float64(r.pcg.Uint64()>>11) + 0.5) * 0x1p-53
}

const (
	zigLayers = 256
	zigR      = 3.6541528853610088 // start of the tail
	zigV      = 4.92867323399e-3   // area of each layer
	zigBits   = 8                  // bits that choose the layer
	zigScale  = 0x1p23             // magnitude range of the 24-bit signed draw
)

var (
	zigX [zigLayers + 1]float64 // layer edges, zigX[0] > zigX[1] = r > ... > zigX[256] = 0
	zigF [zigLayers + 1]float64 // exp(-x²/2) at the edges
	zigK [zigLayers]int32       // fast-accept bound per layer: |j| < zigK[i]
	zigW [zigLayers]float64     // j → x scale per layer
)

func init() {
	f := func(x float64) float64 { return math.Exp(-0.5 * x * x) }
	zigX[0] = zigV / f(zigR) // the base strip: rectangle plus tail, area v
	zigX[1] = zigR
	for i := 1; i < zigLayers; i++ {
		y := zigV/zigX[i] + f(zigX[i])
		if y >= 1 || i == zigLayers-1 {
			zigX[i+1] = 0
			continue
		}
		zigX[i+1] = math.Sqrt(-2 * math.Log(y))
	}
	for i := range zigX {
		zigF[i] = f(zigX[i])
	}
	for i := range zigLayers {
		zigK[i] = int32(zigX[i+1] / zigX[i] * zigScale)
		zigW[i] = zigX[i] / zigScale
	}
}

// bits32 returns 32 random bits: each 64-bit draw serves two calls.
func (r *rng) bits32() uint32 {
	if r.have {
		r.have = false
		return r.spare
	}
	u := r.pcg.Uint64()
	r.spare, r.have = uint32(u>>32), true
	return uint32(u)
}

// norm returns a standard normal draw. Like the original method it takes 32
// bits per attempt: 8 choose the layer and 24 give a signed position, a
// resolution of 2⁻²³ of the layer width, far finer than any demand figure.
// The common case (about 98.5 % of draws) avoids the wedge test.
func (r *rng) norm() float64 {
	u := r.bits32()
	i := u & (zigLayers - 1)
	j := int32(u) >> zigBits                     // signed, |j| < 2^23
	if k := zigK[i]; uint32(j+k) < uint32(2*k) { // -k ≤ j < k
		return float64(j) * zigW[i] // inside the rectangle wholly under the curve
	}
	return r.normSlow(u)
}

// normFill fills z with standard normal draws, two from each 64-bit draw,
// with the generator inlined in the loop (it is the inner loop's main cost).
func (r *rng) normFill(z []float64) {
	k := 0
	if r.have && len(z) > 0 {
		r.have = false
		z[0] = r.zig(r.spare)
		k = 1
	}
	for ; k+1 < len(z); k += 2 {
		// zig, written out twice: the call would not be inlined.
		v := r.pcg.Uint64()
		u0, u1 := uint32(v), uint32(v>>32)
		i0, j0 := u0&(zigLayers-1), int32(u0)>>zigBits
		if k0 := zigK[i0]; uint32(j0+k0) < uint32(2*k0) {
			z[k] = float64(j0) * zigW[i0]
		} else {
			z[k] = r.normSlow(u0)
		}
		i1, j1 := u1&(zigLayers-1), int32(u1)>>zigBits
		if k1 := zigK[i1]; uint32(j1+k1) < uint32(2*k1) {
			z[k+1] = float64(j1) * zigW[i1]
		} else {
			z[k+1] = r.normSlow(u1)
		}
	}
	if k < len(z) {
		z[k] = r.norm()
	}
}

// zig turns 32 random bits into a normal draw: directly in the common case,
// through normSlow otherwise.
func (r *rng) zig(u uint32) float64 {
	i := u & (zigLayers - 1)
	j := int32(u) >> zigBits
	if k := zigK[i]; uint32(j+k) < uint32(2*k) { // -k ≤ j < k
		return float64(j) * zigW[i]
	}
	return r.normSlow(u)
}

// normSlow finishes a draw that fell outside its layer's inner rectangle,
// and retries until one is accepted.
func (r *rng) normSlow(u uint32) float64 {
	for {
		i := u & (zigLayers - 1)
		j := int32(u) >> zigBits
		x := float64(j) * zigW[i]
		if k := zigK[i]; uint32(j+k) < uint32(2*k) {
			return x
		}
		if i == 0 {
			return r.tail(j < 0)
		}
		// In the wedge between the rectangle and the curve: accept by
		// comparing a uniform height with the density.
		y := zigF[i] + r.float64()*(zigF[i+1]-zigF[i])
		if y < math.Exp(-0.5*x*x) {
			return x
		}
		u = r.bits32()
	}
}

// tail samples the normal beyond r (Marsaglia 1964).
func (r *rng) tail(neg bool) float64 {
	for {
		x := -math.Log(r.float64()) / zigR
		y := -math.Log(r.float64())
		if 2*y > x*x {
			if neg {
				return -(zigR + x)
			}
			return zigR + x
		}
	}
}
