"""Regenerate docs/report-screenshot.png: the HTML report of the seed articles in headless Chromium.

Usage: .venv/bin/python docs/screenshot.py [ARTICLES...] [--out docs/report-screenshot.png]

Needs Debian's Chromium (``apt-get install chromium``); nothing downloads a browser. ARTICLES default to
../shared/seeds. tests/test_report_html.py uses the same :func:`screenshot` for its screenshot test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def chromium_binary() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html_path: Path, png_path: Path, profile: Path, size: str = "1400,2400") -> subprocess.CompletedProcess:
    """Render ``html_path`` to ``png_path`` with headless Chromium and a fresh profile, no network chatter."""
    binary = chromium_binary()
    if binary is None:
        raise RuntimeError("Chromium not found: apt-get install chromium")
    cmd = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={size}",
        f"--screenshot={png_path}",
        html_path.resolve().as_uri(),
    ]
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, cwd=profile)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="*", default=[str(ROOT.parent / "shared" / "seeds")])
    ap.add_argument("--out", default=str(ROOT / "docs" / "report-screenshot.png"))
    ap.add_argument("--size", default="1400,2400")
    args = ap.parse_args()
    import crosscheck
    from crosscheck.report import render

    report = crosscheck.analyze(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(render(report, "html"), encoding="utf-8")
        profile = Path(tmp) / "profile"
        profile.mkdir()
        proc = screenshot(page, Path(args.out).resolve(), profile, args.size)
    if not Path(args.out).exists() or proc.returncode != 0:
        print(f"chromium failed ({proc.returncode}): {proc.stderr[-1000:]}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
