"""Renderers: the document model and comparison results to DOCX, HTML, PDF, JSON and text."""
