"""Notebooks, exports and reports: render every notebook to HTML, write the tables, the run manifest."""
