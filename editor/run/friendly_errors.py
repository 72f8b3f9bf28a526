"""Console lines in a designer's words: known technical errors get a plain sentence.

The runtime's text stays what it is (On Socket.IO Error's Message and `pulse-run` keep it, and the
Console shows it in the line's tooltip); the Console shows the sentence.
"""

from __future__ import annotations

import re

_CANNOT_CONNECT = re.compile(r"^Socket\.IO (?P<name>'[^']*'): cannot connect to (?P<url>\S+?): (?P<why>.*)$", re.S)
_REASONS = (
    (re.compile(r"Connect call failed|Connection refused|Errno 111|ECONNREFUSED", re.I),
     "nothing is listening at {url} — is the server running?"),
    (re.compile(r"Name or service not known|getaddrinfo|nodename nor servname|Temporary failure in name", re.I),
     "the server name in {url} cannot be found — check the URL in Project Settings › Socket.IO"),
    (re.compile(r"Network is unreachable|No route to host|Errno 101|Errno 113", re.I),
     "{url} cannot be reached from this computer — check the network and the URL"),
    (re.compile(r"certificate|SSL", re.I),
     "the secure connection to {url} was refused (certificate problem) — check the URL and the server's certificate"),
)


def friendly(message: str) -> str | None:
    """The plain sentence for `message`, or None when it has none (it is then shown as it is)."""
    match = _CANNOT_CONNECT.match(message)
    if match is None:
        return None
    for pattern, sentence in _REASONS:
        if pattern.search(match["why"]):
            return f"Socket.IO {match['name']}: {sentence.format(url=match['url'])}"
    return None
