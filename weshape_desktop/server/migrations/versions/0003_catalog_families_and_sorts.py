"""The catalog table gains `title_text`, `family` and the sort ranks (catalog families and sort
orders). It is a copy of the catalog source, so it is made again and the catalog imported again
at startup (its fingerprint goes with it).

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.drop_table("illustrations")  # with its indexes, PostgreSQL's search index included
    op.create_table(
        "illustrations",
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(128), nullable=False, unique=True),
        sa.Column("title_en", sa.Text, nullable=False),
        sa.Column("title_ar", sa.Text, nullable=False),
        sa.Column("tags_en", sa.JSON, nullable=False),
        sa.Column("tags_ar", sa.JSON, nullable=False),
        sa.Column("category", sa.String(128), nullable=False),
        sa.Column("style", sa.String(128), nullable=False),
        sa.Column("accent", sa.String(7), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("license", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("title_text", sa.Text, nullable=False),
        sa.Column("family", sa.String(128), nullable=False),
        sa.Column("rank_newest", sa.Integer, nullable=False),
        sa.Column("rank_title_en", sa.Integer, nullable=False),
        sa.Column("rank_title_ar", sa.Integer, nullable=False),
    )
    for name, columns in (
        ("ix_illustrations_family", ["family", "position"]),
        ("ix_illustrations_rank_newest", ["rank_newest"]),
        ("ix_illustrations_rank_title_en", ["rank_title_en"]),
        ("ix_illustrations_rank_title_ar", ["rank_title_ar"]),
        ("ix_illustrations_category", ["category", "position"]),
        ("ix_illustrations_style", ["style", "position"]),
        ("ix_illustrations_sha256", ["sha256"]),
    ):
        op.create_index(name, "illustrations", columns)
    server_meta = sa.table("server_meta", sa.column("key"))
    op.execute(server_meta.delete().where(server_meta.c.key == "catalog_fingerprint"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_illustrations_search ON illustrations "
            "USING gin (weshape_search_words(search_text))"
        )
