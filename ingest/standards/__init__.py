"""IOM's data standards in and out: the HTCDS 2.0 case sheet (``htcds``) and CTDC victim
files (``ctdc``), read as built-in mappings on top of ``ingest.mapping`` (each reader turns
the standard's sheet into template rows that the pipeline checks and loads like any mapped
file), and written back (``htcds_sheet``, ``ctdc_file``). Their picklists and what they mean
in Crosslink are data: ``picklists.yaml``.
"""
