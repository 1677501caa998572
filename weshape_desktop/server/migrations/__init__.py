"""Alembic's script folder for the server database (env.py, versions/), run by `db.migrate` at
startup. A new revision is a new file in versions/ written by hand after the newest one
(`down_revision` = its `revision`); tests/server/test_migrations.py checks it against `db.py`.
"""
