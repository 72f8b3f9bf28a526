"""Replace Regex and Match Regex: regular expressions in Python's syntax (``re``).

A pattern that does not compile is a node error naming the pattern and the position of the
mistake. Compiled patterns are reused (``re`` keeps the last few hundred).
"""

from __future__ import annotations

import re

from runtime.engine.instance import NodeInstance
from runtime.nodes.values import shown
from runtime.specs import DataPort, NodeSpec
from runtime.types import DataType


def _compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise ValueError(f"Regex {shown(pattern)} is not a valid regular expression: {exc.msg}{where}") from None


def _replace_regex(ctx: NodeInstance, text: str, pattern: str, replacement: str) -> str:
    compiled = _compiled(pattern)
    try:
        return compiled.sub(replacement, text)
    except re.error as exc:
        raise ValueError(f"Replacement {shown(replacement)} is not valid: {exc.msg} "
                         r"(groups are written \1 or \g<name>; a backslash itself \\)") from None


def _match_regex(ctx: NodeInstance, text: str, pattern: str, start: int, end: int,
                 count_all: bool) -> tuple[bool, int, int, str, list[str], dict[str, str]]:
    compiled = _compiled(pattern)
    if not 0 <= start <= len(text):
        raise IndexError(f"From {start} is outside the String (0 to {len(text)})")
    end = len(text) if end < 0 else end
    match = compiled.search(text, start, end)
    if match is None:
        return False, -1, 0, "", [], {}
    count = sum(1 for _ in compiled.finditer(text, start, end)) if count_all else 1
    groups = [group or "" for group in match.groups()]
    named = {name: value or "" for name, value in match.groupdict().items()}
    return True, match.start(), count, match.group(0), groups, named


_S = DataType.STRING

SPECS = (
    NodeSpec(
        "logic.replace_regex", "Replace Regex", ("String",),
        r"The String with every match of Regex replaced by Replacement (\1 or \g<name> insert a group).",
        kind="pure",
        inputs=(DataPort("String", _S, ""), DataPort("Regex", _S, ""), DataPort("Replacement", _S, "")),
        outputs=(DataPort("Output", _S),), run=_replace_regex,
    ),
    NodeSpec(
        "logic.match_regex", "Match Regex", ("String",),
        "Searches the String between From and To (-1: the end) for Regex: whether and where it matches, "
        "how often, and the first match with its groups.",
        kind="pure",
        inputs=(DataPort("String", _S, ""), DataPort("Regex", _S, ""), DataPort("From", DataType.INT, 0),
                DataPort("To", DataType.INT, -1), DataPort("Count all matches", DataType.BOOL, False)),
        outputs=(DataPort("Found", DataType.BOOL), DataPort("Position", DataType.INT),
                 DataPort("Match count", DataType.INT), DataPort("Match", _S), DataPort("Groups", DataType.ARRAY),
                 DataPort("Named Groups", DataType.DICTIONARY)),
        run=_match_regex,
    ),
)
