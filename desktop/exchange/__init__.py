"""Data in and out of the office: spreadsheets tagged with HXL, a full workbook read back
into a new database, and XLSForms for phones. Reads and writes go through the services,
as the person signed in."""
