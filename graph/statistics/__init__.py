"""Statistics of the graph for any filter (docs, "Statistics"): victims, cases, corridors and
agencies without a valid licence, aggregated in Neo4j; the Cypher is in
``graph.statistics.cypher``."""

from graph.statistics.figures import Counted, Figures, StatsFilter, statistics

__all__ = ["Counted", "Figures", "StatsFilter", "statistics"]
