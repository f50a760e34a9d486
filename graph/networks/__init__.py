"""Cross-border network detection (docs/resolution.md): evidence read
from the graph, pure linking of cases, per-network profile, and the functions the API, the
UI and the CLI call."""

from graph.networks.detect import (
    DEFAULT_HUB_CAP,
    Network,
    detect_networks,
    network_by_id,
    network_id,
)
from graph.networks.linking import Fact, Link

__all__ = ["DEFAULT_HUB_CAP", "Fact", "Link", "Network", "detect_networks", "network_by_id",
           "network_id"]
