import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every data-layer test runs on SQLite and on PostgreSQL."""
    return request.param
