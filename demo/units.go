// Package demo builds a demo country that looks like the real one: the organization tree made
// from the real administrative units of 01/03/2025, restructured on 01/07/2025 through a plan
// made from the real mapping, and members with realistic names and histories.
package demo

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"io"
)

// The real reference data, copied gzipped from shared/data/vn-admin-units (MIT; see LICENSE-*).
//
//go:embed data/*.json.gz
var data embed.FS

type ward struct {
	Code     string `json:"Code"`
	FullName string `json:"FullName"`
}

type district struct {
	Code     string `json:"Code"`
	FullName string `json:"FullName"`
	Wards    []ward `json:"Ward"`
}

type province struct {
	Code      string     `json:"Code"`
	FullName  string     `json:"FullName"`
	Districts []district `json:"District"`
	Wards     []ward     `json:"Wards"` // the two-level list of 2026
}

type mapping struct {
	Data []struct {
		Level1ID string `json:"level1_id"`
		Name     string `json:"name"`
		Splits   []struct {
			NewID string `json:"new_id"`
		} `json:"splits"`
		Level3s []struct {
			Level3ID string `json:"level3_id"`
			Name     string `json:"name"`
			Splits   []struct {
				NewID string `json:"new_id"`
				Name  string `json:"name"`
			} `json:"splits"`
		} `json:"level3s"`
	} `json:"data"`
}

func load(name string, v any) error {
	b, err := data.ReadFile("data/" + name + ".gz")
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("demo: %s: %w", name, err)
	}
	return nil
}

// Units is the reference data the demo is built from.
type Units struct {
	Before  []province // 63 provinces, 696 districts, 10,035 communes (01/03/2025)
	After   []province // 34 provinces, 3,321 communes (2026)
	Mapping mapping    // old commune → new commune(s), old province → new province
}

// LoadUnits reads the embedded reference data.
func LoadUnits() (*Units, error) {
	u := &Units{}
	if err := load("units-2025-03-01.json", &u.Before); err != nil {
		return nil, err
	}
	if err := load("units-2026-07-25.json", &u.After); err != nil {
		return nil, err
	}
	if err := load("merger-2025-07-01-old-to-new.json", &u.Mapping); err != nil {
		return nil, err
	}
	return u, nil
}
