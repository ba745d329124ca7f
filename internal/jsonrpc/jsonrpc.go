// Package jsonrpc reads and writes JSON-RPC 2.0 messages framed as the
// Language Server Protocol frames them: a header of "Name: value" lines
// with a Content-Length, an empty line, then that many bytes of JSON. It
// is the transport of kiez lsp, and no more: no routing, no goroutines.
package jsonrpc

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// MaxMessageSize is the largest message body Reader accepts, in bytes. A
// rule file may be 4 MiB; its text escaped as JSON is at most a few times
// that.
const MaxMessageSize = 32 << 20

// maxHeaderLine is the longest header line read; a longer one is not a
// header.
const maxHeaderLine = 4096

// The error codes of JSON-RPC 2.0 and the Language Server Protocol.
const (
	CodeParseError     = -32700
	CodeInvalidRequest = -32600
	CodeMethodNotFound = -32601
	CodeInvalidParams  = -32602
	CodeInternalError  = -32603
	// CodeServerNotInitialized answers a request before initialize.
	CodeServerNotInitialized = -32002
	// CodeRequestCancelled answers a request the client cancelled.
	CodeRequestCancelled = -32800
)

// Message is a request, a notification (a request without ID) or a
// response, as read from the client.
type Message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// IsNotification reports whether the message is a request that wants no
// answer.
func (m *Message) IsNotification() bool { return len(m.ID) == 0 || string(m.ID) == "null" }

// Error is the error of a response.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Error returns the message with its code.
func (e *Error) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// response is a response as written to the client. Result is written
// even when nil (as null), unless there is an error.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *Error          `json:"error"`
}

type request struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int    `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// ErrFraming is returned by Read for input that is not framed as the
// protocol asks; the stream cannot be read further.
var ErrFraming = errors.New("jsonrpc: broken framing")

// Reader reads framed messages.
type Reader struct {
	r *bufio.Reader
}

// NewReader returns a Reader of r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReader(r)} }

// Read reads the next message body. It returns io.EOF at the end of the
// input between messages, an error wrapping ErrFraming for a header
// without a valid Content-Length or a body cut short, and an error
// wrapping ErrFraming for a body larger than MaxMessageSize (which is not
// read).
func (r *Reader) Read() ([]byte, error) {
	length := -1
	lines := 0
	for {
		line, err := r.readLine()
		if err != nil {
			if err == io.EOF && lines == 0 {
				return nil, io.EOF
			}
			if err == io.EOF {
				return nil, fmt.Errorf("%w: the input ends inside a header", ErrFraming)
			}
			return nil, err
		}
		lines++
		if line == "" {
			if lines == 1 {
				// Blank lines between messages are tolerated.
				lines = 0
				continue
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: header line %q has no colon", ErrFraming, clip(line))
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%w: Content-Length %q is not a length", ErrFraming, clip(value))
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: a header without Content-Length", ErrFraming)
	}
	if length > MaxMessageSize {
		return nil, fmt.Errorf("%w: a message of %d bytes; at most %d are read", ErrFraming, length, MaxMessageSize)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, fmt.Errorf("%w: the input ends inside a message of %d bytes", ErrFraming, length)
	}
	return body, nil
}

// readLine reads a header line up to CR LF (or LF), without them.
func (r *Reader) readLine() (string, error) {
	var b []byte
	for {
		c, err := r.r.ReadByte()
		if err != nil {
			if err == io.EOF && len(b) > 0 {
				return "", fmt.Errorf("%w: the input ends inside a header", ErrFraming)
			}
			return "", err
		}
		if c == '\n' {
			return strings.TrimSuffix(string(b), "\r"), nil
		}
		if len(b) >= maxHeaderLine {
			return "", fmt.Errorf("%w: a header line longer than %d bytes", ErrFraming, maxHeaderLine)
		}
		b = append(b, c)
	}
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Writer writes framed messages; it is safe for concurrent use.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Reply writes the response to the request with the id.
func (w *Writer) Reply(id json.RawMessage, result any) error {
	return w.write(response{JSONRPC: "2.0", ID: id, Result: result})
}

// ReplyError writes an error response to the request with the id (null
// when the request could not be read).
func (w *Writer) ReplyError(id json.RawMessage, code int, message string) error {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	return w.write(errorResponse{JSONRPC: "2.0", ID: id, Error: &Error{Code: code, Message: message}})
}

// Notify writes a notification.
func (w *Writer) Notify(method string, params any) error {
	return w.write(notification{JSONRPC: "2.0", Method: method, Params: params})
}

// Request writes a request with a numeric id, as a client does.
func (w *Writer) Request(id int, method string, params any) error {
	return w.write(request{JSONRPC: "2.0", ID: id, Method: method, Params: params})
}

func (w *Writer) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = w.w.Write(body)
	return err
}
