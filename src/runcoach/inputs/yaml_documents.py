"""YAML documents parsed within their limits (``inputs.documents``): depth, aliases, size.

Apart from ``inputs.documents`` so that only the commands that read YAML (a profile, a plan
file) import PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from runcoach.domain.errors import InvalidInput
from runcoach.inputs.documents import DocumentLimits


def parse_yaml(text: str, name: str, limits: DocumentLimits) -> Any:
    """The YAML document in ``text``, within ``limits``; InvalidInput naming ``name``."""
    try:
        loader = _GuardedLoader(text, limits)  # reads the stream: may refuse a character
    except yaml.YAMLError as error:
        raise InvalidInput(f"{name} is not valid YAML ({str(error)[:160]})") from None
    try:
        return _composed(loader, name, limits)
    except _TooMuch as error:
        raise InvalidInput(f"{name}: {error}", hint="a profile is plain YAML: no tricks") from None
    except yaml.MarkedYAMLError as error:
        where = error.problem_mark
        at = f" (line {where.line + 1}, column {where.column + 1})" if where else ""
        raise InvalidInput(f"{name} is not valid YAML{at}: {error.problem}") from None
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
        raise InvalidInput(f"{name} is not valid YAML ({str(error)[:120]})") from None
    finally:
        loader.dispose()


def _composed(loader: _GuardedLoader, name: str, limits: DocumentLimits) -> Any:
    node = loader.get_single_node()
    if node is None:
        return None
    _check_expanded_size(node, name, limits)
    return loader.construct_document(node)


class _TooMuch(Exception):
    """A document past one of the limits (a message for the runner)."""


class _GuardedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, counting depth and aliases while it composes the document."""

    def __init__(self, text: str, limits: DocumentLimits) -> None:
        super().__init__(text)
        self.limits = limits
        self.depth = 0
        self.aliases = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise _TooMuch(f"more than {self.limits.max_aliases} YAML aliases (*name)")
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise _TooMuch(f"nests deeper than {self.limits.max_depth} levels")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _check_expanded_size(root: Node, name: str, limits: DocumentLimits) -> None:
    """Refuse a document whose aliases expand it past ``max_nodes`` values (each node's size
    is counted once, so this takes time in the document's size, not its expansion)."""
    sizes: dict[int, int] = {}
    order: list[Node] = []
    stack: list[Node] = [root]
    while stack:  # children before parents, each node once
        node = stack.pop()
        if id(node) in sizes:
            continue
        sizes[id(node)] = 0
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):
        sizes[id(node)] = 1 + sum(min(sizes[id(c)], limits.max_nodes) for c in _children(node))
        if sizes[id(node)] > limits.max_nodes:
            raise _TooMuch(f"expands to more than {limits.max_nodes:,} values through its aliases")


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
