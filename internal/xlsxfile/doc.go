// Package xlsxfile writes excelize workbooks the same byte for byte each
// time: excelize writes the parts of a workbook, and the picture types in
// [Content_Types].xml, in the order of a map. It is shared by the report
// package's workbooks and kiez check --format xlsx.
package xlsxfile
