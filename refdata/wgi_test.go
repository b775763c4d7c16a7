package refdata_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"orewatch"
	"orewatch/refdata"
)

const wgiHeader = "country_iso3,country_name,year,voice_accountability,political_stability,government_effectiveness,regulatory_quality,rule_of_law,control_of_corruption,source\n"

func TestParseWGI(t *testing.T) {
	// Values of the 2026 Update for Aruba, 2023 and 2024; AIA has no voice
	// and accountability estimate.
	in := wgiHeader +
		"ABW,Aruba,2023,1.116846,1.3459523,0.5858226,0.977025,1.2256997,0.8673479,x\n" +
		"AIA,Anguilla,2024,,1.1,0.5,0.4,0.9,1.2,x\n"
	es, err := refdata.ParseWGI("wgi.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 {
		t.Fatalf("got %d rows, want 2", len(es))
	}
	if e := es[0]; e.Country != "ABW" || e.Year != 2023 || *e.PoliticalStability != 1.3459523 || e.Source != refdata.WGISource.ID {
		t.Errorf("ABW: got %+v", e)
	}
	if es[1].VoiceAccountability != nil {
		t.Errorf("a missing estimate was filled in: %v", *es[1].VoiceAccountability)
	}
}

func TestParseWGIMalformed(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", "wgi.csv: empty file"},
		{"MissingColumn", "country_iso3,year\n", "wgi.csv:1:1: missing column voice_accountability"},
		{"BadCode", wgiHeader + "AB,Aruba,2023,1,1,1,1,1,1,x\n", "wgi.csv:2:1: column country_iso3"},
		{"BadYear", wgiHeader + "ABW,Aruba,20x3,1,1,1,1,1,1,x\n", "wgi.csv:2:11: column year: bad year"},
		{"BadEstimate", wgiHeader + "ABW,Aruba,2023,1,abc,1,1,1,1,x\n", "wgi.csv:2:18: column political_stability: bad estimate"},
		{"OutOfScale", wgiHeader + "ABW,Aruba,2023,1,1,9,1,1,1,x\n", "column government_effectiveness: bad estimate \"9\""},
		{"Fields", wgiHeader + "ABW,Aruba,2023,1\n", "wgi.csv:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := refdata.ParseWGI("wgi.csv", strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func FuzzParseWGI(f *testing.F) {
	f.Add(wgiHeader + "ABW,Aruba,2023,1.116846,1.3459523,0.5858226,0.977025,1.2256997,0.8673479,x\n")
	f.Add(wgiHeader + "AIA,Anguilla,2024,,,,,,,\n")
	f.Fuzz(func(t *testing.T, in string) {
		es, err := refdata.ParseWGI("fuzz.csv", strings.NewReader(in))
		if err != nil {
			var e *orewatch.Error
			if errors.As(err, &e) && e.Code != orewatch.EINVALID {
				t.Fatalf("got code %s, want EINVALID", e.Code)
			}
			return
		}
		for _, e := range es {
			if len(e.Country) != 3 {
				t.Fatalf("country %q", e.Country)
			}
			for _, p := range e.Dimensions() {
				if p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0) || *p < -5 || *p > 5) {
					t.Fatalf("estimate %v", *p)
				}
			}
		}
	})
}
