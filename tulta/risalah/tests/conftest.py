from __future__ import annotations

import pytest

from tulta.risalah.method_templates import ensure_template_methods


@pytest.fixture(autouse=True)
def _template_methods(db):
    """Template methods come from a data migration, which a flushed (live-server) test database
    no longer has."""
    ensure_template_methods()
