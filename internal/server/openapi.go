package server

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"

	"go.yaml.in/yaml/v3"
)

// openapiYAML is the OpenAPI 3.1 document of the API.
//
//go:embed openapi.yaml
var openapiYAMLDoc []byte

// openapiDocJSON converts the OpenAPI document to JSON.
func openapiDocJSON() ([]byte, error) {
	var doc any
	if err := yaml.Unmarshal(openapiYAMLDoc, &doc); err != nil {
		return nil, fmt.Errorf("server: openapi.yaml: %w", err)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("server: openapi.yaml as JSON: %w", err)
	}
	return append(b, '\n'), nil
}

func (s *Server) openapiJSON(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(s.openapiJSONDoc)
}

func (s *Server) openapiYAML(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml")
	w.Write(openapiYAMLDoc)
}
