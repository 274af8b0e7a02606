"""Fetching URLs against hostile servers: slow headers, DNS rebinding, control characters, scheme case.

Every server here listens on 127.0.0.1 and every "public" host name is a
stand-in from a patched resolver: nothing leaves the machine.
"""

from __future__ import annotations

from pathlib import Path

from compare.manifest import read_manifest

# -- 4. URL schemes are case-insensitive -------------------------------------------------


def test_manifest_accepts_upper_case_schemes(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.toml"
    manifest.write_text('[[pair]]\nid = "loud"\na = "HTTPS://example.invalid/x"\nb = "Http://example.invalid/y"\n')
    (pair,) = read_manifest(manifest)
    assert pair.a == "HTTPS://example.invalid/x"
    assert pair.b == "Http://example.invalid/y"
