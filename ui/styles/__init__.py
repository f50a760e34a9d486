"""Visual styles derived from the domain model."""
