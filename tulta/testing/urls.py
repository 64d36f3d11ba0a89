"""The URL names the access matrices are checked against."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver


def named_urls(resolver: URLResolver, namespace: str = "") -> set[str]:
    """Every named URL under ``resolver``, namespaced (``risalah:detail``)."""
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names
