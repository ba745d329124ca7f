// Package lsptest is a scripted Language Server Protocol client for the
// tests of kiez lsp: it starts a server on pipes, sends requests and
// notifications and waits for the answers and the published diagnostics.
package lsptest

import (
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/kiez-go/kiez/internal/jsonrpc"
)

// Timeout is how long the client waits for one message of the server.
const Timeout = 30 * time.Second

// Client is a client connected to a running server.
type Client struct {
	t    testing.TB
	w    *jsonrpc.Writer
	in   io.WriteCloser
	msgs chan *jsonrpc.Message
	// Done receives the server's result when it has returned.
	Done chan int
	next int
}

// Start runs serve on pipes in a goroutine and returns a client of it.
// serve returns the exit code of the session.
func Start(t testing.TB, serve func(stdin io.Reader, stdout io.Writer) int) *Client {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &Client{t: t, w: jsonrpc.NewWriter(inW), in: inW, msgs: make(chan *jsonrpc.Message, 1000), Done: make(chan int, 1)}
	go func() {
		code := serve(inR, outW)
		inR.Close()
		outW.Close()
		c.Done <- code
	}()
	go func() {
		r := jsonrpc.NewReader(outR)
		defer close(c.msgs)
		for {
			body, err := r.Read()
			if err != nil {
				return
			}
			var m jsonrpc.Message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server wrote a message that is no JSON: %v: %s", err, body)
				return
			}
			c.msgs <- &m
		}
	}()
	t.Cleanup(func() { inW.Close(); outR.Close() })
	return c
}

// Raw writes bytes to the server's input as they are; the error is that
// of the pipe (closed when the server has returned).
func (c *Client) Raw(b []byte) error {
	_, err := c.in.Write(b)
	return err
}

// Close ends the server's input.
func (c *Client) Close() { c.in.Close() }

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	c.t.Helper()
	if err := c.w.Notify(method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// Call sends a request and returns its response; notifications that come
// before it are dropped.
func (c *Client) Call(method string, params any) *jsonrpc.Message {
	c.t.Helper()
	c.next++
	id := c.next
	if err := c.w.Request(id, method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
	want, _ := json.Marshal(id)
	for {
		m := c.Next()
		if m.Method == "" && string(m.ID) == string(want) {
			return m
		}
	}
}

// Result sends a request and decodes its result into v; an error response
// fails the test.
func (c *Client) Result(method string, params, v any) {
	c.t.Helper()
	m := c.Call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: %v", method, m.Error)
	}
	if v != nil {
		if err := json.Unmarshal(m.Result, v); err != nil {
			c.t.Fatalf("%s: %v in %s", method, err, m.Result)
		}
	}
}

// Next returns the next message of the server.
func (c *Client) Next() *jsonrpc.Message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed its output")
		}
		return m
	case <-time.After(Timeout):
		c.t.Fatal("no message from the server")
	}
	return nil
}

// Notification waits for the next notification of the method and
// decodes its params into v; other messages are dropped.
func (c *Client) Notification(method string, v any) {
	c.t.Helper()
	for {
		m := c.Next()
		if m.Method == method {
			if err := json.Unmarshal(m.Params, v); err != nil {
				c.t.Fatalf("%s: %v", method, err)
			}
			return
		}
	}
}

// Exit waits for the server to return and gives its result.
func (c *Client) Exit() int {
	c.t.Helper()
	select {
	case code := <-c.Done:
		return code
	case <-time.After(Timeout):
		c.t.Fatal("the server did not return")
	}
	return -1
}
