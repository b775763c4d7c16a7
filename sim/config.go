package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"orewatch"
)

// maxConfig caps a scenario file; a real one is a few hundred bytes.
const maxConfig = 1 << 20

// LoadConfig reads a scenario file (JSON when name ends in .json, else
// YAML) over sc, which holds the defaults or a preset: fields the file sets
// replace sc's, the rest stay. Every parameter the file sets is marked as
// coming from it. Unknown fields are errors, with the line and column.
func LoadConfig(r io.Reader, name string, sc *Scenario) error {
	b, err := io.ReadAll(io.LimitReader(r, maxConfig+1))
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxConfig {
		return orewatch.Errorf(orewatch.EINVALID, "%s: larger than %d bytes", name, maxConfig)
	}
	var keys []string
	if strings.EqualFold(filepath.Ext(name), ".json") {
		keys, err = decodeJSON(b, name, sc)
	} else {
		keys, err = decodeYAML(b, name, sc)
	}
	if err != nil {
		return err
	}
	for _, k := range keys {
		if p := paramOfKey(k); p != "" {
			sc.SetBasis(p, "config "+filepath.Base(name))
		}
	}
	return nil
}

func decodeJSON(b []byte, name string, sc *Scenario) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(sc); err != nil {
		return nil, jsonError(b, name, err)
	}
	if dec.More() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: more than one JSON value", name)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, jsonError(b, name, err)
	}
	var keys []string
	for k, v := range raw {
		var sub map[string]json.RawMessage
		if json.Unmarshal(v, &sub) == nil && (k == "restriction" || k == "alternatives" || k == "stockpile") {
			for s := range sub {
				keys = append(keys, k+"."+s)
			}
			continue
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// jsonError names the line and column of a JSON error.
func jsonError(b []byte, name string, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return orewatch.Errorf(orewatch.EINVALID, "%s: %v", name, err)
	}
	line, col := 1, 1
	for _, c := range b[:min(int(off), len(b))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: %v", name, line, col, err)
}

func decodeYAML(b []byte, name string, sc *Scenario) ([]string, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: %v", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil // an empty file changes nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: want a mapping of scenario fields", name, root.Line, root.Column)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(sc); err != nil {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: %v", name, err)
	}
	var keys []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		if v.Kind == yaml.MappingNode && (k == "restriction" || k == "alternatives" || k == "stockpile") {
			for j := 0; j+1 < len(v.Content); j += 2 {
				keys = append(keys, k+"."+v.Content[j].Value)
			}
			continue
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// paramOfKey maps a file key to the parameter it sets.
func paramOfKey(k string) string {
	switch k {
	case "name":
		return ""
	case "unit":
		return ParamDemand
	case "stockpile.tonnes", "stockpile.months", "stockpile":
		return ParamStockpile
	}
	return k
}
