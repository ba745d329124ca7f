package source

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
)

// TestRangeEnds checks that every node's range covers the value as
// written: the text from its start to its end, and an end whose line and
// column agree with its byte offset.
func TestRangeEnds(t *testing.T) {
	yamlDoc := strings.Join([]string{
		"name: Zentrum Süd",              // plain, with an umlaut
		"quoted: \"Gr\\u00fc\\\"n\" # c", // double-quoted, escapes
		"single: 'it''s'",
		"plain: eins",
		"  zwei", // a plain scalar over two lines
		"literal: |",
		"  Zeile 1",
		"    Zeile 2",
		"",
		"folded: >-",
		"  a",
		"  b",
		"empty: |",
		"flow: {a: 1, b: [x, 'y'] } # after",
		"emptyflow: [ ]",
		"list:",
		"  - 1",
		"  - k: v",
		"    m: ä",
		"anchor: &a {x: 1}",
		"alias: *a",
		"last: 2024-01-01",
	}, "\n") + "\n"
	yamlWant := map[string]string{
		"":          yamlDoc[:len(yamlDoc)-1],
		"name":      "Zentrum Süd",
		"quoted":    `"Gr\u00fc\"n"`,
		"single":    `'it''s'`,
		"plain":     "eins\n  zwei",
		"literal":   "|\n  Zeile 1\n    Zeile 2",
		"folded":    ">-\n  a\n  b",
		"empty":     "|",
		"flow":      "{a: 1, b: [x, 'y'] }",
		"flow.a":    "1",
		"flow.b":    "[x, 'y']",
		"flow.b[1]": "'y'",
		"emptyflow": "[ ]",
		"list":      "- 1\n  - k: v\n    m: ä",
		"list[0]":   "1",
		"list[1]":   "k: v\n    m: ä",
		"list[1].m": "ä",
		"anchor":    "&a {x: 1}",
		"alias":     "*a",
		"last":      "2024-01-01",
	}
	// The data-file subset, which the fast path reads.
	fastDoc := "centres:\n  - id: kiez-süd\n    name: \"Zentrum \\\"Süd\\\"\"\n    tags: [a, 'b c']\n    staff:\n      - {id: s1, hours: 19.5}\n    empty: {}\n"
	fastWant := map[string]string{
		"centres":                "- id: kiez-süd\n    name: \"Zentrum \\\"Süd\\\"\"\n    tags: [a, 'b c']\n    staff:\n      - {id: s1, hours: 19.5}\n    empty: {}",
		"centres[0].id":          "kiez-süd",
		"centres[0].name":        `"Zentrum \"Süd\""`,
		"centres[0].tags":        "[a, 'b c']",
		"centres[0].tags[1]":     "'b c'",
		"centres[0].staff":       "- {id: s1, hours: 19.5}",
		"centres[0].staff[0]":    "{id: s1, hours: 19.5}",
		"centres[0].staff[0].id": "s1",
		"centres[0].empty":       "{}",
	}
	jsonDoc := "{\n  \"centres\": [\n    {\"id\": \"kiez-süd\", \"hours\": 19.5, \"ok\": true,\n     \"none\": null, \"list\": [ ], \"obj\": {}}\n  ]\n}\n"
	jsonWant := map[string]string{
		"":                   jsonDoc[:len(jsonDoc)-1],
		"centres":            "[\n    {\"id\": \"kiez-süd\", \"hours\": 19.5, \"ok\": true,\n     \"none\": null, \"list\": [ ], \"obj\": {}}\n  ]",
		"centres[0]":         "{\"id\": \"kiez-süd\", \"hours\": 19.5, \"ok\": true,\n     \"none\": null, \"list\": [ ], \"obj\": {}}",
		"centres[0].id":      `"kiez-süd"`,
		"centres[0].hours":   "19.5",
		"centres[0].ok":      "true",
		"centres[0].none":    "null",
		"centres[0].list":    "[ ]",
		"centres[0].obj":     "{}",
		"centres[0].nothere": "{\"id\": \"kiez-süd\", \"hours\": 19.5, \"ok\": true,\n     \"none\": null, \"list\": [ ], \"obj\": {}}",
	}
	cases := []struct {
		name  string
		doc   string
		parse func([]byte) (*Node, error)
		want  map[string]string
	}{
		{"yaml", yamlDoc, ParseYAML, yamlWant},
		{"yaml fast path", fastDoc, func(b []byte) (*Node, error) {
			n, ok := parseYAMLFast(b, nil)
			if !ok {
				t.Fatal("the fast path refused the data-file subset")
			}
			return n, nil
		}, fastWant},
		{"yaml general path", fastDoc, parseYAMLGeneral, fastWant},
		{"json", jsonDoc, ParseJSON, jsonWant},
	}
	for _, c := range cases {
		root, err := c.parse([]byte(c.doc))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := map[string]string{}
		for path := range c.want {
			n := root.Find(path)
			got[path] = c.doc[n.Pos.Byte:n.End.Byte]
			checkPos(t, c.name+" "+path, c.doc, n.End)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: text of each node's range (-want +got):\n%s", c.name, diff)
		}
		// Keys have ranges too.
		walk(root, func(n *Node) {
			for _, k := range n.Keys {
				if text := c.doc[k.Pos.Byte:k.End.Byte]; strings.Trim(text, `"'`) != k.Value {
					t.Errorf("%s: key %q: range holds %q", c.name, k.Value, text)
				}
			}
		})
	}
}

// checkPos checks that a position's line and column agree with its byte
// offset in doc.
func checkPos(t *testing.T, what, doc string, p diag.Pos) {
	t.Helper()
	before := doc[:p.Byte]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	if p.Line != line || p.Column != col {
		t.Errorf("%s: end %d:%d at byte %d, want %d:%d", what, p.Line, p.Column, p.Byte, line, col)
	}
}

func walk(n *Node, f func(*Node)) {
	if n == nil {
		return
	}
	f(n)
	for i := range n.Keys {
		walk(n.Keys[i], f)
		walk(n.Values[i], f)
	}
	for _, it := range n.Items {
		walk(it, f)
	}
}

// TestRangeEndsOddInput checks that ends are found without a panic where
// the start has no byte offset or the text ends inside the value.
func TestRangeEndsOddInput(t *testing.T) {
	for _, doc := range []string{"\r0", "\r- a\r- b", "a: \"x", "a: 'x''", "a: |\n", "a: [x, y", "a: &x\r  [1]\rb: *x", "? [a]\n: b"} {
		root, err := parseYAMLGeneral([]byte(doc))
		if err != nil {
			continue
		}
		walk(root, func(n *Node) {
			if n.End.Byte < 0 || n.End.Byte > len(doc) {
				t.Errorf("%q: a node ends at byte %d", doc, n.End.Byte)
			}
		})
	}
}
