// The race detector would watch chromedp's protocol package and SQLite
// here, and building them for the detector costs CI minutes: under -race
// this file is left out (see .ci/run); the handlers it drives are tested
// under -race over HTTP in dashboard_test.go.

//go:build !race

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
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kiez-go/kiez/internal/store/sqlite"
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
// skip link to it, a header, a nav with a label, a footer, an h1, a
// caption in every table, th with scope; no id twice, no aria-labelledby
// that names nothing.
const pageFacts = `(() => {
  const bad = [];
  if (document.documentElement.lang !== 'de') bad.push('lang is ' + document.documentElement.lang);
  if (document.querySelectorAll('main').length !== 1) bad.push('not one main');
  if (!document.querySelector('a.skip[href="#inhalt"]')) bad.push('no skip link');
  for (const s of ['header', 'nav[aria-label]', 'footer', 'h1']) if (!document.querySelector(s)) bad.push('no ' + s);
  for (const t of document.querySelectorAll('table')) if (!t.querySelector('caption')) bad.push('a table without caption');
  for (const th of document.querySelectorAll('th')) if (!th.getAttribute('scope')) bad.push('a th without scope: ' + th.textContent);
  const ids = new Set();
  for (const e of document.querySelectorAll('[id]')) { if (ids.has(e.id)) bad.push('the id ' + e.id + ' twice'); ids.add(e.id); }
  for (const e of document.querySelectorAll('[aria-labelledby]')) if (!document.getElementById(e.getAttribute('aria-labelledby'))) bad.push('aria-labelledby names no element: ' + e.outerHTML.slice(0, 80));
  return bad;
})()`

// lowContrast lists the texts shown with a contrast below 4.5:1 against
// their background (WCAG 2.x relative luminance; the background is the
// first one that is not transparent, up the tree).
const lowContrast = `(() => {
  const parse = c => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = e => {
    for (let n = e; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const bad = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const e = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(e)) continue;
    seen.add(e);
    const st = getComputedStyle(e), box = e.getBoundingClientRect();
    if (st.visibility === 'hidden' || box.width <= 1 || box.height <= 1) continue;
    const fg = parse(st.color), bg = background(e);
    if (!fg) continue;
    const a = lum(fg), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push(ratio.toFixed(2) + ':1, ' + st.color + ' on ' + JSON.stringify(bg) + ': ' + e.outerHTML.slice(0, 160));
  }
  return bad;
})()`

// TestDashboardInBrowser drives the dashboard in headless Chromium over
// the SQLite store: it signs in, uploads the Bad Kreuznach testdata with
// an error (refused, the error beside its line) and as shipped, runs the
// check for 2024, finds the documented shortfalls in the matrix, opens a
// verdict's explanation, downloads the report, and compares a second
// check (the first half-year) with the first. It fails when a page
// logs a console error or an uncaught exception, has a form control
// without an accessible label, misses a landmark, or shows text with a
// contrast below 4.5:1. It also checks the print style and that the
// first Tab reaches the skip link. One browser serves the whole test.
func TestDashboardInBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("%s is missing: the dashboard was not tested in a browser (apt-get install chromium)", chromium)
	}
	if testing.Short() {
		t.Skip("driving Chromium takes a few seconds; skipped with -short")
	}
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kiez.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, ts := newDashboard(t, db)

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
			// The refused upload answers 422 on purpose, and the browser
			// logs every answer of 400 or more.
			expected := m.Source == "network" && strings.HasSuffix(m.URL, "/hochladen") && strings.Contains(m.Text, "422")
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !expected {
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
	// loadStatus runs steps that load a page, wants the status and checks
	// the page's labels, landmarks and contrast.
	loadStatus := func(what string, status int64, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		res, err := chromedp.RunResponse(stepCtx, steps...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if res.Status != status {
			t.Fatalf("%s: status %d (%s), want %d", what, res.Status, res.URL, status)
		}
		for _, check := range []struct{ name, js string }{{"unlabelled form controls", unlabelledControls}, {"page structure", pageFacts}, {"contrast below 4.5:1", lowContrast}} {
			bad, err := chromedp.Run(stepCtx, chromedp.Evaluate[[]string](check.js))
			if err != nil {
				t.Fatalf("%s: %s: %v", what, check.name, err)
			}
			if len(bad) > 0 {
				t.Errorf("%s (%s): %s:\n%s", what, res.URL, check.name, strings.Join(bad, "\n"))
			}
		}
	}
	load := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		loadStatus(what, http.StatusOK, steps...)
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
	// Data with an error are refused, the error shown beside its line.
	brokenDir := t.TempDir()
	var broken []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(p) == "fz-kirn.yaml" {
			data = bytes.Replace(data, []byte("id: fz-kirn"), []byte("id: Fz Kirn!"), 1)
		}
		q := filepath.Join(brokenDir, filepath.Base(p))
		if err := os.WriteFile(q, data, 0o644); err != nil {
			t.Fatal(err)
		}
		broken = append(broken, q)
	}
	load("upload page", chromedp.Navigate(ts.URL+"/hochladen"))
	run("upload form", chromedp.SetValue(chromedp.CSS("#programme"), bk), chromedp.SetValue(chromedp.CSS("#year"), "2024"),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), broken))
	loadStatus("refused upload", http.StatusUnprocessableEntity, chromedp.Click(chromedp.CSS(`form[action="/hochladen"] button[type=submit]`)))
	if got := text(`Array.from(document.querySelectorAll('section.file-diags')).map(s => s.querySelector('h3').textContent + ' | ' + s.querySelector('.where').textContent + ' | ' + s.querySelector('.line.marked').textContent).join('\n')`); !strings.Contains(got, "Datei fz-kirn.yaml | fz-kirn.yaml:") || !strings.Contains(got, "Fz Kirn!") {
		t.Errorf("the refused upload shows no diagnostic beside the marked line of fz-kirn.yaml:\n%s", got)
	}

	run("upload form again", chromedp.SetValue(chromedp.CSS("#programme"), bk), chromedp.SetValue(chromedp.CSS("#year"), "2024"),
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
	load("explanation", chromedp.Click(chromedp.CSS(`tr.verdict a[href*="/urteil?"]`)))
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

	// Printed, the evaluation shows the matrix without navigation, forms
	// and download links.
	if _, err := chromedp.Call(stepCtx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed := text(`['header.site nav', 'header.site .account', 'form.publish', 'section.reports', 'table.matrix'].map(s => s + ': ' + getComputedStyle(document.querySelector(s)).display).join(', ')`)
	if want := "header.site nav: none, header.site .account: none, form.publish: none, section.reports: none, table.matrix: table"; printed != want {
		t.Errorf("printed, the evaluation page has %s;\nwant %s", printed, want)
	}
	if _, err := chromedp.Call(stepCtx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	// A second check, of the first half-year, compared with the first.
	load("check page again", chromedp.Navigate(ts.URL+"/pruefen"))
	run("check form again", chromedp.SetValue(chromedp.CSS("#period"), "2024-H1"))
	load("second check", chromedp.Click(chromedp.CSS(`form[action="/pruefen"] button[type=submit]`)))
	load("comparison", chromedp.Click(chromedp.CSS(`form.compare button[type=submit]`)))
	if got := text(`document.querySelector('main h1').textContent`); !strings.HasPrefix(got, "Vergleich: Auswertung 2 mit Auswertung 1") {
		t.Errorf("the comparison page is %q", got)
	}

	load("audit log", chromedp.Navigate(ts.URL+"/protokoll"))
	// The keyboard: on a page just loaded, the first Tab reaches the skip link, which shows.
	run("keyboard", chromedp.KeyEvent("\t"))
	if got := text(`(() => { const e = document.activeElement, r = e.getBoundingClientRect(); return e.className + ' ' + (r.top >= 0 && r.height > 0) + ' ' + getComputedStyle(e).outlineStyle; })()`); got != "skip true solid" {
		t.Errorf("after the first Tab the focus is on %q, want the visible skip link with its outline", got)
	}

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
