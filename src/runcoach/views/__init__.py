"""What the doors show: the JSON shapes that both ``--json`` and the HTTP API return."""
