package sim_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"orewatch/sim"
)

var update = flag.Bool("update", false, "rewrite the golden file in testdata")

// TestGoldenBench pins the output of the benchmark scenario for seed 1: the
// run's monthly bands and summaries and a sizing, as JSON. It fails on any
// change to the random stream or to the arithmetic, however small; rewrite
// it (go test ./sim -run Golden -update) only for a change meant to move the
// numbers, and say why in the commit.
func TestGoldenBench(t *testing.T) {
	sc := benchScenario(t, 3000)
	res, err := sim.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	nocap := *sc
	nocap.Stockpile.MaxRelease = 0
	z, err := sim.NewSizer(&nocap)
	if err != nil {
		t.Fatal(err)
	}
	sz, err := z.Size(sim.Target{NoUnmet: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		Run    *sim.Result `json:"run"`
		Sizing *sim.Sizing `json:"sizing"`
	}{res, sz}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "bench_golden.json")
	if *update {
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update if the change is meant)", path)
	}
}
