"""One place for every setting: environment variables (and a ``.env`` file) via pydantic-settings.

Crosslink's own settings are read from ``CROSSLINK_<NAME>``; the Neo4j connection and the app
database use the conventional names ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE`` and ``DATABASE_URL``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from graph.resolution import Thresholds


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CROSSLINK_", env_file=".env", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(
        default=Path(".crosslink"),
        description="Folder for the managed Neo4j's data and logs, the app database and keys.",
    )
    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "CROSSLINK_NEO4J_URI"),
        description="An external Neo4j (bolt://, neo4j://, neo4j+s://). "
        "Unset: the managed local server.",
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "CROSSLINK_NEO4J_USER")
    )
    neo4j_password: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "CROSSLINK_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "CROSSLINK_NEO4J_DATABASE"),
    )
    neo4j_version: str = Field(default="5.26.30", description="Version of the managed Neo4j.")
    neo4j_runtime_dir: Path | None = Field(
        default=None,
        description="Where the managed Neo4j's jars are kept (default: DATA_DIR/neo4j-runtime).",
    )
    neo4j_heap: str = Field(default="1g", description="JVM heap of the managed Neo4j.")
    neo4j_pagecache: str = Field(default="512m", description="Page cache of the managed Neo4j.")
    neo4j_start_timeout: float = Field(
        default=180.0, description="Seconds to wait for the managed Neo4j to answer."
    )
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "CROSSLINK_DATABASE_URL"),
        description="App-state database (SQLAlchemy URL). Unset: SQLite in DATA_DIR.",
    )
    host: str = Field(default="127.0.0.1", description="Address `crosslink serve` listens on.")
    port: int = Field(default=8050, description="Port `crosslink serve` listens on.")
    ingest_batch_size: int = Field(
        default=5000, ge=1, description="Rows per write transaction of `crosslink ingest`."
    )
    ctdc_k: int = Field(
        default=5, ge=2, description="k of the k-anonymised CTDC export: combinations of its "
        "quasi-identifiers seen fewer than k times are suppressed."
    )
    mappings_dir: Path | None = Field(
        default=None,
        description="Where column mappings are kept per source, one folder each (default: "
        "DATA_DIR/mappings); `crosslink ingest --keep-mapping` and the Ingest page save there.",
    )
    session_hours: float = Field(
        default=12.0, gt=0, description="Hours a login session (cookie) stays valid."
    )
    login_attempts: int = Field(
        default=5, ge=1, description="Failed logins per user name and address before a wait."
    )
    login_window: float = Field(
        default=300.0, gt=0, description="Seconds over which failed logins are counted."
    )
    console_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a Cypher console query may run."
    )
    console_row_limit: int = Field(
        default=1000, ge=1, description="Rows the Cypher console returns at most."
    )
    api_timeout: float = Field(
        default=30.0, gt=0, description="Seconds a graph read of the API may run."
    )
    query_timeout: float = Field(
        default=60.0, gt=0, description="Seconds a saved pattern query (or an analyst's own "
        "saved query) may run before Neo4j stops it.",
    )
    query_row_limit: int = Field(
        default=5000, ge=1, description="Rows a saved pattern query returns at most.",
    )
    ui_chart_cache_size: int = Field(
        default=200, ge=1, description="Charts of open Explore pages the server keeps at most "
        "(the least recently used goes first).",
    )
    ui_chart_idle_minutes: float = Field(
        default=120.0, gt=0, description="Minutes an Explore page's chart stays on the server "
        "unused; then the page asks to be reloaded.",
    )
    resolution_candidate: float = Field(
        default=0.65, gt=0, le=1,
        description="Entity resolution: score from which a pair becomes a SAME_AS candidate.",
    )
    resolution_auto_confirm: float = Field(
        default=0.85, gt=0, le=1,
        description="Score from which a pair sharing a phone, e-mail, document, account or "
        "registration number is confirmed automatically.",
    )
    resolution_max_block: int = Field(
        default=200, ge=2,
        description="Blocking keys shared by more records than this are not compared.",
    )
    referral_min_indicators: int = Field(
        default=2, ge=1,
        description="Referrals: core ILO indicators a labour-inspection case must name before "
        "a red-flag rule proposes it for referral to the police (graph/referral_rules.yaml).",
    )
    network_hub_cap: int = Field(
        default=8, ge=2,
        description="An identifier touched by more cases than this is a hub and links nothing.",
    )
    alerts_enabled: bool = Field(
        default=True,
        description="Raise deconfliction and watch alerts after every load, import and "
        "resolution run (off: nothing is looked for; bench/ingest.py measures the cost).",
    )

    @property
    def runtime_dir(self) -> Path:
        return (self.neo4j_runtime_dir or self.data_dir / "neo4j-runtime").resolve()

    @property
    def mapping_root(self) -> Path:
        return (self.mappings_dir or self.data_dir / "mappings").resolve()

    @property
    def neo4j_home(self) -> Path:
        return (self.data_dir / "neo4j").resolve()

    @property
    def sql_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'crosslink.db').resolve()}"

    def resolution_thresholds(self) -> Thresholds:
        """The entity-resolution settings as the graph functions take them."""
        from graph.resolution import Thresholds

        return Thresholds(candidate=self.resolution_candidate,
                          auto_confirm=self.resolution_auto_confirm,
                          max_block=self.resolution_max_block)


@cache
def get_settings() -> Settings:
    return Settings()
