"""A new master workbook written from its input tables (`smep new`)."""
