package jsonrpc

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Request(1, "initialize", map[string]any{"rootUri": "file:///ü"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Reply([]byte("1"), nil); err != nil {
		t.Fatal(err)
	}
	if err := w.ReplyError(nil, CodeParseError, "kaputt"); err != nil {
		t.Fatal(err)
	}
	if err := w.Notify("exit", nil); err != nil {
		t.Fatal(err)
	}
	// Blank lines between messages, header names in any case and other
	// headers are accepted.
	in := "\r\n" + strings.Replace(buf.String(), "Content-Length", "content-length", 1) +
		"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}"
	r := NewReader(strings.NewReader(in))
	var got []string
	for {
		b, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(b))
	}
	want := []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///ü"}}`,
		`{"jsonrpc":"2.0","id":1,"result":null}`,
		`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"kaputt"}}`,
		`{"jsonrpc":"2.0","method":"exit","params":null}`,
		`{}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages read (-want +got):\n%s", diff)
	}
}

func TestBrokenFraming(t *testing.T) {
	for _, in := range []string{
		"Content-Length: 5\r\n\r\n{}",
		"Content-Length: -1\r\n\r\n",
		"Content-Length: 1e3\r\n\r\n",
		"Content-Length: 99999999999\r\n\r\n",
		"Content-Type: x\r\n\r\n{}",
		"Content-Length 2\r\n\r\n{}",
		"Content-Length: 2\r\n",
		strings.Repeat("x", maxHeaderLine+10),
	} {
		_, err := NewReader(strings.NewReader(in)).Read()
		if !errors.Is(err, ErrFraming) {
			t.Errorf("%.40q: error %v, want ErrFraming", in, err)
		}
	}
}
