"""Entity resolution between actor records of different sources (docs/resolution.md):
scoring (pure), reading records, writing and judging ``SAME_AS`` pairs.

The functions the API, the UI and the CLI call are re-exported here."""

from graph.resolution.run import ResolutionSummary, Thresholds, run_resolution
from graph.resolution.same_as import (
    Candidate,
    ResolutionError,
    count_candidates,
    get_pair,
    judge,
    list_candidates,
)

__all__ = [
    "Candidate",
    "ResolutionError",
    "ResolutionSummary",
    "Thresholds",
    "count_candidates",
    "get_pair",
    "judge",
    "list_candidates",
    "run_resolution",
]
