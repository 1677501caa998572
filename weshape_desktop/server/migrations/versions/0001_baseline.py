"""The schema as `metadata.create_all` made it before Alembic: databases from then are stamped
with this revision and upgraded from here.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
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
    )
    op.create_index("ix_illustrations_category", "illustrations", ["category", "position"])
    op.create_index("ix_illustrations_style", "illustrations", ["style", "position"])
    op.create_index("ix_illustrations_sha256", "illustrations", ["sha256"])
    op.create_table(
        "facets",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("name_ar", sa.Text, nullable=False),
    )
    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("accepted_policy_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("family_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("used_at", sa.Float, nullable=True),
        sa.Column("revoked_at", sa.Float, nullable=True),
    )
    op.create_index("ix_tokens_family", "tokens", ["family_id"])
    op.create_table(
        "auth_codes",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("redirect_uri", sa.Text, nullable=False),
        sa.Column("code_challenge", sa.String(128), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("used_at", sa.Float, nullable=True),
        sa.Column("family_id", sa.String(36), nullable=True),
    )
    op.create_table(
        "downloads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("downloaded_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_downloads_account", "downloads", ["account_id", "id"])
    op.create_table(
        "policy_versions",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("published", sa.String(10), nullable=False),
        sa.Column("significant", sa.Boolean, nullable=False),
        sa.Column("text_ar", sa.Text, nullable=False),
        sa.Column("text_en", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_counters",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("usn", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "sync_objects",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("object_id", sa.String(128), primary_key=True),
        sa.Column("usn", sa.BigInteger, nullable=False),
        sa.Column("modified", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_sync_objects_usn", "sync_objects", ["account_id", "usn"], unique=True)
    op.create_table(
        "sync_applied",
        sa.Column("account_id", sa.String(36), sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("change_id", sa.String(128), primary_key=True),
    )
