"""The command-line tool: one module per noun, each command a screen or less."""
