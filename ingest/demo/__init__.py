"""The demo data set: several countries' sources in the native templates, with planted
cross-border networks, decoys, hubs and the saved queries' patterns, and its ground truth.

``generate(scale, seed)`` makes it, ``DemoDataset.write(dir)`` writes the files and
``truth.json``, ``load_demo(graph, dataset)`` loads it through the ingest pipeline.
"""
