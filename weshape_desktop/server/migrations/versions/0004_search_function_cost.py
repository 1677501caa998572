"""PostgreSQL: tell the planner what the catalog search function costs. At the default COST 100
it planned a sequential scan calling `weshape_search_words` on every row (80 ms at 2,000 items,
1.3 s p50 under load in bench/server_load.py) instead of the GIN index of 0002 (about 1 ms).

Revision ID: 0004
"""

from alembic import op

revision = "0004"
down_revision = "0003"

# Splitting a document into every suffix of every word: thousands of operator calls per row.
SEARCH_WORDS_COST = 10_000


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER FUNCTION weshape_search_words(text) COST {SEARCH_WORDS_COST}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER FUNCTION weshape_search_words(text) COST 100")
