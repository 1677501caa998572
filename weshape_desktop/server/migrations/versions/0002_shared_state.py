"""State shared by every worker: rate-limit hits move from process memory to the database; and
on PostgreSQL, a GIN full-text index for catalog search (`catalog_store`).

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

# Every suffix of every word of a search document as one lexeme, so a prefix query (`term:*`)
# finds `term` anywhere inside a word: the same matches as the SQLite path's substring LIKE.
# The text search configurations can't give that: their parser splits "100%_done" and drops the
# "%", and 'english' stems ("uploading" would find "upload" here and not on SQLite).
SEARCH_WORDS_FUNCTION = r"""
CREATE FUNCTION weshape_search_words(document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(word, start))), ''::tsvector)
    FROM regexp_split_to_table(document, '[ \x1f]+') AS word,
         generate_series(1, length(word)) AS start
    WHERE word <> ''
$$
"""


def upgrade() -> None:
    op.create_table(
        "rate_limit_hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("limiter", sa.String(32), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_rate_limit_hits_key", "rate_limit_hits", ["limiter", "key", "at"])
    op.create_index("ix_rate_limit_hits_at", "rate_limit_hits", ["limiter", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(SEARCH_WORDS_FUNCTION)
        op.execute(
            "CREATE INDEX ix_illustrations_search ON illustrations "
            "USING gin (weshape_search_words(search_text))"
        )
