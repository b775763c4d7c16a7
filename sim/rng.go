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
// uses its own 128-layer ziggurat (Marsaglia and Tsang, "The Ziggurat
// Method for Generating Random Variables", J. Stat. Softw. 5(8), 2000),
// whose tables are computed below from the method's two constants.
type rng struct {
	pcg *rand.PCG
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
	zigLayers = 128
	zigR      = 3.442619855899      // start of the tail
	zigV      = 9.91256303526217e-3 // area of each layer
	zigScale  = 0x1p56              // magnitude range of the 57-bit signed draw
)

var (
	zigX [zigLayers + 1]float64 // layer edges, zigX[0] > zigX[1] = r > ... > zigX[128] = 0
	zigF [zigLayers + 1]float64 // exp(-x²/2) at the edges
	zigK [zigLayers]int64       // fast-accept bound per layer: |j| < zigK[i]
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
		zigK[i] = int64(zigX[i+1] / zigX[i] * zigScale)
		zigW[i] = zigX[i] / zigScale
	}
}

// norm returns a standard normal draw.
func (r *rng) norm() float64 {
	for {
		u := r.pcg.Uint64()
		i := u & (zigLayers - 1)
		j := int64(u) >> 7 // signed, |j| < 2^56
		x := float64(j) * zigW[i]
		aj := j
		if aj < 0 {
			aj = -aj
		}
		if aj < zigK[i] {
			return x // inside the rectangle that lies wholly under the curve
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
