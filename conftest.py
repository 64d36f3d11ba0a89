"""The root of TULTA's tests: the shared fixtures (personas' ``world``, ``client_for`` and the
worlds other apps reuse) live in the ``tulta.testing`` plugin."""

pytest_plugins = ["tulta.testing.plugin"]
