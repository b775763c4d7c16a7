package registry

import (
	"encoding/csv"
	"io"
	"strings"

	"orewatch"
)

// WriteCSV writes the measures as a registry CSV file with the columns of
// the shared measures.csv (see Columns), lines ending in CRLF as in that
// file; ParseCSV reads it back to the same measures.
func WriteCSV(w io.Writer, ms []*orewatch.Measure) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Columns); err != nil {
		return err
	}
	rec := make([]string, len(Columns))
	for _, m := range ms {
		rec[colID] = m.ID
		rec[colJurisdiction] = m.Jurisdiction
		rec[colAuthority] = m.Authority
		rec[colInstrument] = m.Instrument
		rec[colTitle] = m.Title
		rec[colType] = string(m.Type)
		rec[colAnnounced] = m.Announced.String()
		rec[colEffective] = m.Effective.String()
		rec[colEnds] = m.Ends.String()
		rec[colSuspends] = strings.Join(m.Suspends, ";")
		rec[colStatusNote] = m.StatusNote
		rec[colItems] = strings.Join(m.Items, ";")
		rec[colHSCodes] = strings.Join(m.TariffLines, ";")
		rec[colDestinations] = strings.Join(m.Destinations, ";")
		rec[colDeMinimis] = m.DeMinimis
		rec[colSourceURL] = m.SourceURL
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
