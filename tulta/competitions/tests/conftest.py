from __future__ import annotations

import pytest

from tulta.testing.competitions import ensure_templates


@pytest.fixture(autouse=True)
def _templates(db):
    """Seeded by data migrations, which a flushed (live-server) database no longer has."""
    ensure_templates()
