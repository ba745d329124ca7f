package xlsxfile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Write writes the workbook to w with its parts sorted by name and the
// entries of [Content_Types].xml sorted, so that the same workbook gives
// the same bytes.
func Write(w io.Writer, f *excelize.File) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	return sortedZip(w, buf.Bytes())
}

// sortedZip copies a zip archive with its entries sorted by name: excelize
// writes the parts of a workbook in the order of a map, and a workbook
// should be the same byte for byte each time. The entries are copied as
// they are, without compressing them again.
func sortedZip(w io.Writer, b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	bw := bufio.NewWriter(w)
	zw := zip.NewWriter(bw)
	for _, f := range files {
		if f.Name == contentTypesPart {
			if err := writeContentTypes(zw, f); err != nil {
				return err
			}
			continue
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		h := f.FileHeader
		out, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, raw); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// contentTypesPart is the part of a workbook that names the type of each
// other part.
const contentTypesPart = "[Content_Types].xml"

// contentTypes is the content of [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name          `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []contentDefault  `xml:"Default"`
	Overrides []contentOverride `xml:"Override"`
}

type contentDefault struct {
	Extension   string `xml:",attr"`
	ContentType string `xml:",attr"`
}

type contentOverride struct {
	PartName    string `xml:",attr"`
	ContentType string `xml:",attr"`
}

// writeContentTypes writes [Content_Types].xml with its entries sorted:
// excelize lists the extensions of pictures in the order of a map.
func writeContentTypes(zw *zip.Writer, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	var ct contentTypes
	err = xml.NewDecoder(rc).Decode(&ct)
	rc.Close()
	if err != nil {
		return err
	}
	slices.SortFunc(ct.Defaults, func(a, b contentDefault) int { return strings.Compare(a.Extension, b.Extension) })
	slices.SortFunc(ct.Overrides, func(a, b contentOverride) int { return strings.Compare(a.PartName, b.PartName) })
	w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(w).Encode(ct)
}
