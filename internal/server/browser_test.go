package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromium is the browser the test drives, as the report package's
// browser test does.
const chromium = "/usr/bin/chromium"

// unlabelledControls lists the form controls of the page that have no
// accessible name: no label, no aria-label or aria-labelledby, no text (a
// button), no title. Hidden inputs are not controls a person uses.
const unlabelledControls = `(() => {
  const bad = [];
  for (const e of document.querySelectorAll('input, select, textarea, button')) {
    if (e.type === 'hidden') continue;
    let name = '';
    if (e.labels) name = Array.from(e.labels).map(l => l.textContent).join(' ');
    if (!name.trim()) name = e.getAttribute('aria-label') || '';
    if (!name.trim() && e.getAttribute('aria-labelledby')) {
      name = e.getAttribute('aria-labelledby').split(/\s+/).map(id => document.getElementById(id)).filter(Boolean).map(n => n.textContent).join(' ');
    }
    if (!name.trim() && e.tagName === 'BUTTON') name = e.textContent;
    if (!name.trim()) name = e.title || '';
    if (!name.trim()) bad.push(e.outerHTML);
  }
  return bad;
})()`

// pageFacts checks what every page must have: lang="de", one main, a
// skip link to it, a header, a nav with a label, a footer, an h1.
const pageFacts = `(() => {
  const bad = [];
  if (document.documentElement.lang !== 'de') bad.push('lang is ' + document.documentElement.lang);
  if (document.querySelectorAll('main').length !== 1) bad.push('not one main');
  if (!document.querySelector('a.skip[href="#inhalt"]')) bad.push('no skip link');
  for (const s of ['header', 'nav[aria-label]', 'footer', 'h1']) if (!document.querySelector(s)) bad.push('no ' + s);
  for (const t of document.querySelectorAll('table')) if (!t.querySelector('caption')) bad.push('a table without caption');
  for (const th of document.querySelectorAll('th')) if (!th.getAttribute('scope')) bad.push('a th without scope: ' + th.textContent);
  return bad;
})()`

// TestDashboardInBrowser drives the dashboard in headless Chromium: it
// signs in, uploads the Bad Kreuznach testdata, runs the check for 2024,
// finds the documented shortfalls in the matrix, opens a verdict's
// explanation and downloads the report. It fails when a page logs a
// console error or an uncaught exception, or has a form control without
// an accessible label. One browser serves the whole test.
func TestDashboardInBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("%s is missing: the dashboard was not tested in a browser (apt-get install chromium)", chromium)
	}
	if testing.Short() {
		t.Skip("driving Chromium takes a few seconds; skipped with -short")
	}
	_, ts := newDashboard(t)

	downloads := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()

	// The console: every error and uncaught exception of every page.
	var mu sync.Mutex
	var consoleErrors []string
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				consoleErrors = append(consoleErrors, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()
	// A deadline for the steps, not for the browser's first start (see
	// chromedp.Run).
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	stepCtx, cancelSteps := context.WithTimeout(ctx, 60*time.Second)
	defer cancelSteps()

	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(stepCtx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// load runs steps that load a page, wants status 200 and checks the
	// page's labels and landmarks.
	load := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		res, err := chromedp.RunResponse(stepCtx, steps...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if res.Status != http.StatusOK {
			t.Fatalf("%s: status %d (%s)", what, res.Status, res.URL)
		}
		for _, check := range []struct{ name, js string }{{"unlabelled form controls", unlabelledControls}, {"page structure", pageFacts}} {
			bad, err := chromedp.Run(stepCtx, chromedp.Evaluate[[]string](check.js))
			if err != nil {
				t.Fatalf("%s: %s: %v", what, check.name, err)
			}
			if len(bad) > 0 {
				t.Errorf("%s (%s): %s:\n%s", what, res.URL, check.name, strings.Join(bad, "\n"))
			}
		}
	}
	text := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(stepCtx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}

	load("sign-in page", chromedp.Navigate(ts.URL+"/anmelden"))
	run("sign-in form", chromedp.SendKeys(chromedp.CSS("#name"), "fachberatung"), chromedp.SendKeys(chromedp.CSS("#password"), testPassword))
	load("sign-in", chromedp.Click(chromedp.CSS(`form[action="/anmelden"] button[type=submit]`)))
	if got := text(`document.querySelector('header .account strong').textContent`); got != "fachberatung" {
		t.Fatalf("signed in as %q", got)
	}

	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "bad-kreuznach", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for i, p := range paths {
		if paths[i], err = filepath.Abs(p); err != nil {
			t.Fatal(err)
		}
	}
	load("upload page", chromedp.Navigate(ts.URL+"/hochladen"))
	run("upload form", chromedp.SetValue(chromedp.CSS("#programme"), bk), chromedp.SetValue(chromedp.CSS("#year"), "2024"),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), paths))
	load("upload", chromedp.Click(chromedp.CSS(`form[action="/hochladen"] button[type=submit]`)))
	if got := text(`document.querySelector('main .notice').textContent`); !strings.Contains(got, "Version 1") {
		t.Fatalf("after the upload the page says %q", got)
	}

	load("check page", chromedp.Navigate(ts.URL+"/pruefen"))
	run("check form", chromedp.SetValue(chromedp.CSS("#programme"), bk), chromedp.SetValue(chromedp.CSS("#year"), "2024"))
	load("check", chromedp.Click(chromedp.CSS(`form[action="/pruefen"] button[type=submit]`)))

	for _, c := range [][2]string{{"fz-hargesheim", "BK-06"}, {"fz-langenlonsheim", "BK-07"}, {"fz-meisenheim", "BK-04"}} {
		sel := `td.cell a[href$="anforderung=` + c[1] + `&zentrum=` + c[0] + `"] .label`
		if got := text(`(document.querySelector('` + sel + `') || {textContent: 'keine Zelle'}).textContent`); got != "nicht erfüllt" {
			t.Errorf("the matrix cell of %s and %s says %q, want \"nicht erfüllt\"", c[0], c[1], got)
		}
	}

	load("verdicts of a cell", chromedp.Click(chromedp.CSS(`td.cell a[href$="anforderung=BK-06&zentrum=fz-hargesheim"]`)))
	load("explanation", chromedp.Click(chromedp.CSS(`li.verdict a[href*="/urteil?"]`)))
	if got := text(`document.querySelector('#auswertung').textContent`); got != "Wie es zum Ergebnis kam" {
		t.Errorf("the explanation page has %q", got)
	}
	if n := text(`String(document.querySelectorAll('ul.tree li, #auswertung ~ table tr').length)`); n == "0" {
		t.Error("the explanation shows no values")
	}

	// The report of the evaluation, downloaded by a click on its link.
	load("evaluation", chromedp.Click(chromedp.CSS(`main > p > a[href^="/auswertungen/"]`)))
	progress := chromedp.Events(stepCtx, browser.DownloadProgress)
	run("report download",
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: new(true)})
			return err
		}),
		chromedp.Click(chromedp.CSS(`section.reports a[href$="art=compliance&format=html"]`)))
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(downloads, ev.GUID)
			break
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "<!DOCTYPE html>") || !strings.Contains(string(data), "nicht erfüllt") || len(data) < 5000 {
		t.Errorf("the downloaded report is no HTML report with verdicts (%d bytes): %.200s", len(data), data)
	}
	// The same link, asked with the browser's cookies: the content type
	// the browser was given, and the same bytes.
	link := text(`document.querySelector('section.reports a[href$="art=compliance&format=html"]').href`)
	cookies, err := chromedp.Call(stepCtx, network.GetCookies, network.GetCookiesParams{URLs: []string{ts.URL}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(stepCtx, http.MethodGet, link, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies.Cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || ct != "text/html; charset=utf-8" {
		t.Errorf("the report link answers %d %q, want 200 text/html; charset=utf-8", res.StatusCode, ct)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("the downloaded report (%d bytes) differs from the report the link gives (%d bytes)", len(data), len(again))
	}

	load("audit log", chromedp.Navigate(ts.URL+"/protokoll"))
	load("start page", chromedp.Navigate(ts.URL+"/"))

	cancelSteps()
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(consoleErrors) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(consoleErrors, "\n"))
	}
	if errors.Is(stepCtx.Err(), context.DeadlineExceeded) {
		t.Error("the steps took longer than a minute")
	}
}
