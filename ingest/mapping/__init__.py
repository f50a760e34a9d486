"""Column mappings: a source's own file (its headers, its way of writing dates, yes/no,
genders, decimals) turned into native template rows, which the template checker then reads
as if the file had been written in the template.

``model`` is the mapping file (YAML, checked against ingest/templates.yaml), ``apply`` reads a
source file through it, ``suggest`` writes a first mapping from a file's headers and values,
``store`` keeps mappings per source, ``source_folder`` reads a folder's ``source.yaml``.
"""
