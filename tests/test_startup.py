"""Start-up: what a run imports and loads (issue 10: fast start). Measured by bench/startup.py; here, the behaviour."""

from __future__ import annotations

import json
import subprocess
import sys


def _fresh(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_loading_the_tagger_does_not_import_spacys_command_line():
    got = _fresh(
        "import json, sys\n"
        "from crosscheck.extract.nlp import get_nlp\n"
        "doc = get_nlp()('The mayor said 12 people were hurt.')\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'httpx', 'weasel') or m.startswith('spacy.cli'))\n"
        "print(json.dumps({'heavy': heavy, 'tokens': len(doc), 'ents': [e.text for e in doc.ents]}))\n"
    )
    assert got["heavy"] == []
    assert got["tokens"] == 8 and got["ents"] == ["12"]


def test_spacys_command_line_still_imports_after_the_tagger_is_loaded():
    got = _fresh(
        "import json\n"
        "from crosscheck.extract.nlp import get_nlp\n"
        "get_nlp()\n"
        "import spacy, spacy.cli\n"
        "print(json.dumps({'setup_cli': hasattr(spacy.cli, 'setup_cli'), 'version': spacy.info()['spacy_version']}))\n"
    )
    assert got["setup_cli"] is True
    assert got["version"].startswith("3.")
