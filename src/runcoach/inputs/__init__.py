"""What a person typed, turned into domain values: the one place the command line and the web
forms share for parsing ("10k=41:30", "35mi", a profile's YAML, a plan's JSON).

An adapter, beside ``importers`` (device files) and ``store`` (rows): it turns the outside
world's text into the domain's typed values, so services take a ``Result``, a ``Profile`` or a
``Plan`` and never a file path or text typed by a person. The domain stays pure (it never
learns the command line's ``distance=time`` syntax), and each door calls these parsers once
on what came in.
"""
