"""PDF and workbook reports: PDFs with reportlab, workbooks written with XlsxWriter (openpyxl only reads one back,
for inspection: ``workbook.build_workbook``). No Qt."""
