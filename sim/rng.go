package sim

import (
	"math"
	"math/bits"
)

// rng draws uniforms and standard normals from a PCG-DXSM generator.
//
// The generator is math/rand/v2's PCG, written out here (pcgStep) so that
// its two words of state can live in registers inside the sampling loops:
// through a *rand.PCG every draw loads and stores the state, which puts a
// store-to-load round trip on the chain of dependent draws. The sequence is
// rand.NewPCG(seed, 0x6f72657761746368)'s, word for word, and a test holds
// it to that.
//
// rand.Rand.NormFloat64 would do for the normals, but it reaches the
// generator through the rand.Source interface on every draw; the demand
// noise takes one normal per trial-month, so the sampler here uses its own
// 256-layer ziggurat (Marsaglia and Tsang, "The Ziggurat Method for
// Generating Random Variables", J. Stat. Softw. 5(8), 2000), whose tables
// are computed below from the method's two constants. With 256 layers about
// 98.5 % of draws take the fast path.
type rng struct {
	hi, lo uint64 // PCG state
	spare  uint32 // the unused half of the last 64-bit draw, for norm
	have   bool
}

// rngStream is the second PCG seed word: fixed, so that a run is named by
// one number.
const rngStream = 0x6f72657761746368

func newRNG(seed uint64) *rng {
	return &rng{hi: seed, lo: rngStream}
}

// pcgStep advances a PCG state (hi, lo) and returns the new state and its
// 64-bit output: the 128-bit LCG step and the DXSM output function of
// math/rand/v2's PCG.Uint64.
func pcgStep(hi, lo uint64) (nhi, nlo, out uint64) {
	const (
		mulHi    = 2549297995355413924
		mulLo    = 4865540595714422341
		incHi    = 6364136223846793005
		incLo    = 1442695040888963407
		cheapMul = 0xda942042e4dd58b5
	)
	h, l := bits.Mul64(lo, mulLo)
	h += hi*mulLo + lo*mulHi
	l, c := bits.Add64(l, incLo, 0)
	h, _ = bits.Add64(h, incHi, c)
	x := h
	x ^= x >> 32
	x *= cheapMul
	x ^= x >> 48
	x *= l | 1
	return h, l, x
}

// uint64 returns 64 random bits.
func (r *rng) uint64() uint64 {
	var x uint64
	r.hi, r.lo, x = pcgStep(r.hi, r.lo)
	return x
}

// float64 returns a uniform in the open interval (0, 1), so that inverse
// CDFs never see 0 or 1.
func (r *rng) float64() float64 {
	return (float64(r.uint64()>>11) + 0.5) * 0x1p-53
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
	u := r.uint64()
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

// normFill fills z with standard normal draws, two from each 64-bit draw.
// The generator is inlined in the loop (it is the inner loop's main cost),
// its state held in locals, and the loop has no calls, so that the
// compiler keeps the state in registers: a pair with a draw outside its
// layer's rectangle (about 3 % of pairs) leaves the loop and is finished by
// zig, in order, on r itself.
func (r *rng) normFill(z []float64) {
	k := 0
	if r.have && len(z) > 0 {
		r.have = false
		z[0] = r.zig(r.spare)
		k = 1
	}
	hi, lo := r.hi, r.lo
	for k+1 < len(z) {
		var v uint64
		for ; k+1 < len(z); k += 2 {
			hi, lo, v = pcgStep(hi, lo)
			u0, u1 := uint32(v), uint32(v>>32)
			i0, j0 := u0&(zigLayers-1), int32(u0)>>zigBits
			i1, j1 := u1&(zigLayers-1), int32(u1)>>zigBits
			k0, k1 := zigK[i0], zigK[i1]
			if uint32(j0+k0) >= uint32(2*k0) || uint32(j1+k1) >= uint32(2*k1) {
				break // -k ≤ j < k fails for one of the two
			}
			z[k], z[k+1] = float64(j0)*zigW[i0], float64(j1)*zigW[i1]
		}
		if k+1 >= len(z) {
			break
		}
		r.hi, r.lo = hi, lo
		z[k] = r.zig(uint32(v))
		z[k+1] = r.zig(uint32(v >> 32))
		hi, lo = r.hi, r.lo
		k += 2
	}
	r.hi, r.lo = hi, lo
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
