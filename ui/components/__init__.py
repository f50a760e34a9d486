"""Reusable layout pieces: messages, tables, the legend, form fields."""
