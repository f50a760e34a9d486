"""Getting data into the graph: template readers, validation, normalisation, batched loading.

The entry point is ``ingest.pipeline.ingest_paths``; the CLI, the API upload and the demo
loader all call it.
"""
