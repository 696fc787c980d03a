"""The run and its analysis: what was done, its samples cleaned, its efforts, glitches and tags."""
