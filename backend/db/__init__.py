"""App state in SQL (users, authorities, teams, saved work, audit), never in the evidence graph.

``engine.AppDB`` opens the database of ``Settings.sql_url``; ``migrate.upgrade`` applies the
Alembic migrations of ``backend/db/migrations``; ``models`` holds the tables.
"""
