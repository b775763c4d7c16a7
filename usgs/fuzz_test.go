package usgs_test

import (
	"errors"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/usgs"
)

// FuzzParse feeds arbitrary bytes to the format detector and the three
// parsers: they must not panic, must fail only with an EINVALID
// *orewatch.Error naming the file, and must never yield a release the
// stores would refuse.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"worlddata.csv", "commodities.csv", "fig2_2025.csv", "fig2_2026.csv"} {
		f.Add(mustRead(f, name))
	}
	f.Add([]byte("SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023\nMCS2025,Rare earths,China,Mine production,metric tons,\"1,0\"\n"))
	f.Add([]byte("Source,Import_Share_Order,Commodity,Net_Import_Reliance_pct_2025,Major_Import_Sources_2021_24\nMCS2026,1,X,>,\n"))
	cat := catalog.New()
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := usgs.ParseBytes("fuzz.csv", b, cat)
		if err != nil {
			var e *orewatch.Error
			if !errors.As(err, &e) || e.Code != orewatch.EINVALID {
				t.Fatalf("got %T %v, want an EINVALID *orewatch.Error", err, err)
			}
			return
		}
		if err := orewatch.ValidateRelease(file.Release); err != nil {
			t.Fatalf("parsed release is invalid: %v", err)
		}
		for _, fig := range file.Release.Figures {
			if fig.Quantity == nil && !fig.Withheld {
				t.Fatalf("a figure with no quantity that is not withheld: %+v", fig)
			}
			if fig.Quantity != nil && *fig.Quantity < 0 {
				t.Fatalf("a negative figure: %+v", fig)
			}
		}
		if _, err := usgs.Merge(file); err != nil {
			t.Fatalf("merging one file: %v", err)
		}
	})
}
