"""Sharing between partner instances and with other tools: the instance's signing key and
trusted partner keys (``keys``), signed bundles (``bundle``: canonical form, signature,
redaction, import), FollowTheMoney entities (``ftm``) and graph files for Gephi and
spreadsheets (``graph_files``). README, "Joint teams and sharing"."""
