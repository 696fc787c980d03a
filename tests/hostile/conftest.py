from tests.cli.conftest import runcoach  # noqa: F401  (the CLI fixture)
