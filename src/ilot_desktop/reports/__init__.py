"""PDF and workbook reports (reportlab, openpyxl). No Qt."""
