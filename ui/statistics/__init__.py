"""The Overview page's charts: plotly figures of the statistics (``backend.services.statistics``),
each bar or country carrying the address of the cases behind it."""
