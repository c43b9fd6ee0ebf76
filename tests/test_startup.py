"""Start-up: what a run imports and loads (issue 10: fast start). Measured by bench/startup.py; here, the behaviour."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def test_the_pipeline_imports_the_story_stages_only_when_it_needs_them():
    """Before the workers start, a run imports what reading and extracting need; the story stages and the
    report are imported while the workers work (issue 10: the workers should start as early as possible)."""
    got = _fresh(
        "import json, sys\n"
        "import crosscheck.pipeline\n"
        "later = ['crosscheck.align', 'crosscheck.cluster', 'crosscheck.provenance', 'crosscheck.store', 'crosscheck.report']\n"
        "print(json.dumps({'early': [m for m in later if m in sys.modules]}))\n"
    )
    assert got["early"] == []


def test_a_run_still_gives_stories_with_the_stages_imported_late(tmp_path):
    got = _fresh(
        "import json\n"
        "from crosscheck.pipeline import analyze\n"
        f"text = open({str(ROOT / 'examples')!r} + '/' + sorted(__import__('os').listdir({str(ROOT / 'examples')!r}))[0]).read()\n"
        "from crosscheck.model import Article\n"
        "rep = analyze([Article(id='a', raw_text=text), Article(id='b', raw_text=text)], embedder='none')\n"
        "print(json.dumps({'stories': len(rep.stories), 'ok': len(rep.analysed), 'claims': len(rep.stories[0].claims)}))\n"
    )
    assert got["stories"] == 1 and got["ok"] == 2 and got["claims"] > 0


def test_a_prestarted_worker_loads_the_tagger_and_this_process_does_not():
    """The CLI starts its serial worker first thing: the worker loads the tagger while the coordinating process
    imports and reads. The coordinating process then never loads the tagger itself."""
    got = _fresh(
        "import json, os\n"
        "from crosscheck import runner\n"
        "n = runner.prestart(1)\n"
        "pid = runner._prestarted[0].proc.pid\n"
        "from crosscheck.model import Article\n"
        f"text = open({str(ROOT / 'examples' / '01_wire_original.txt')!r}).read()\n"
        "out = runner.run_articles([Article(id='a', raw_text=text), Article(id='b', raw_text='too short')])\n"
        "print(json.dumps({'n': n, 'left': len(runner._prestarted), 'here': runner._models_loaded(),\n"
        "    'ok': [a.ok for a in out], 'quotes': len(out[0].quotes), 'reason': out[1].reason}))\n"
    )
    assert got["n"] == 1 and got["left"] == 0
    assert got["here"] is False  # the tagger was loaded in the worker only
    assert got["ok"] == [True, False] and got["quotes"] > 0 and "too little text" in got["reason"]


def test_prestarted_workers_are_not_started_where_the_tagger_is_loaded_already():
    got = _fresh(
        "import json\n"
        "from crosscheck import runner\n"
        "from crosscheck.extract.nlp import get_nlp\n"
        "get_nlp()\n"
        "print(json.dumps({'n': runner.prestart(1)}))\n"
    )
    assert got["n"] == 0


def test_the_entry_point_forks_the_first_worker_only_for_an_analysis_on_local_workers():
    """How many workers the run will have (the first is forked now, the others later from it); 0: none now."""
    import os

    from crosscheck.entry import prefork_workers

    cores = min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    assert prefork_workers(["analyze", "articles/"]) == cores  # the process backend, one worker per core (at most 8)
    assert prefork_workers(["analyze", "x", "--jobs", "3"]) == 3
    assert prefork_workers(["analyze", "x", "-j2", "-q"]) == 2
    assert prefork_workers(["analyze", "x", "--workers=4", "--backend", "process"]) == 4
    assert prefork_workers(["analyze", "x", "--jobs", "zero"]) == cores  # the command line reports it
    assert prefork_workers(["analyze", "-", "--backend", "serial", "-q"]) == 1
    assert prefork_workers(["analyze", "x", "--backend=Serial", "--jobs", "3"]) == 1
    assert prefork_workers(["analyze", "x", "--backend=dask"]) == 0
    assert prefork_workers(["analyze", "x", "--scheduler", "tcp://h:8786"]) == 0
    assert prefork_workers(["analyze", "--help"]) == 0
    assert prefork_workers(["ingest", "x"]) == 0 and prefork_workers([]) == 0 and prefork_workers(["--version"]) == 0


def test_a_worker_forked_before_any_import_is_adopted_by_the_runner():
    got = _fresh(
        "import json, sys\n"
        "from crosscheck import prefork\n"
        "started = prefork.start()\n"
        "early = sorted(m for m in sys.modules if m.startswith('crosscheck.') and m != 'crosscheck.prefork')\n"
        "from crosscheck import runner\n"
        "from crosscheck.model import Article\n"
        f"text = open({str(ROOT / 'examples' / '01_wire_original.txt')!r}).read()\n"
        "out = runner.run_articles([Article(id='a', raw_text=text)])\n"
        "print(json.dumps({'started': started, 'early': early, 'here': runner._models_loaded(), 'ok': out[0].ok,\n"
        "    'quotes': len(out[0].quotes), 'left': len(runner._prestarted) + len(prefork._started)}))\n"
    )
    assert got["started"] is True and got["early"] == []  # forked before crosscheck's own modules were imported
    assert got["here"] is False and got["ok"] is True and got["quotes"] > 0 and got["left"] == 0


def test_the_tokenizer_built_empty_and_filled_from_the_model_tokenizes_as_spacys_own_load():
    """get_nlp builds the tokenizer empty and lets the model's files fill it (skipping the default rules spaCy
    would build and then throw away): same special cases, same tokens on every real text in ../shared."""
    got = _fresh(
        "import json, glob, os\n"
        "from crosscheck.extract.nlp import MODEL, get_nlp\n"
        "ours = get_nlp().tokenizer\n"
        "import spacy\n"
        "stock = spacy.load(MODEL).tokenizer\n"
        "root = os.path.join(%r, '..', 'shared')\n"
        "files = sorted(glob.glob(root + '/seeds/*') + glob.glob(root + '/eval/stories/*/articles/*'))\n"
        "diff = []\n"
        "for f in files:\n"
        "    text = open(f, encoding='utf-8', errors='replace').read()\n"
        "    a = [(t.text, t.whitespace_) for t in ours(text)]\n"
        "    b = [(t.text, t.whitespace_) for t in stock(text)]\n"
        "    if a != b: diff.append(os.path.basename(f))\n"
        "print(json.dumps({'files': len(files), 'diff': diff, 'rules': ours.rules == stock.rules,\n"
        "                  'n_rules': len(ours.rules), 'infix': ours.infix_finditer == stock.infix_finditer}))\n" % str(ROOT)
    )
    if got["files"] == 0:
        import pytest

        pytest.skip("../shared not found (CI provides it)")
    assert got["diff"] == [] and got["rules"] and got["n_rules"] > 1000, got


def _entry(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The ``crosscheck`` console script's entry point (crosscheck.entry:main), in a fresh process."""
    code = f"import sys; sys.argv = ['crosscheck', *{args!r}]; from crosscheck.entry import main; main()"
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, timeout=300)


def test_the_entry_point_ends_an_analysis_with_its_output_whole_and_its_exit_status():
    """``crosscheck analyze`` skips the interpreter's teardown at the end: everything written must be out first
    (the whole JSON on a pipe, the summary line on stderr), and the exit status must be the command's."""
    text = (ROOT / "examples").glob("*.txt")
    files = sorted(str(p) for p in text)
    done = _entry(["analyze", *files])
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert len(report["articles"]) == len(files) and report["stories"]
    assert b"article(s) analysed" in done.stderr
    nothing = _entry(["analyze", "-"], stdin=b"Too short.\n")
    assert nothing.returncode == 1 and b"nothing could be analysed" in nothing.stderr
    bad = _entry(["analyze", files[0], "-o", str(ROOT / "no-such-folder" / "r.json")])
    assert bad.returncode != 0 and b"no-such-folder" in bad.stderr and not bad.stdout


def test_a_worker_loading_for_itself_leaves_the_word_frequencies_until_a_word_is_looked_up(tmp_path):
    """The word frequencies (0.4 s to import and load) are not part of a worker's start: a one-line text needs none."""
    line = tmp_path / "one.txt"
    line.write_text(
        "The mayor of Porto said on Tuesday that 12 people were taken to hospital after a fire broke out at a "
        "riverside warehouse shortly after 6:30 a.m., and that about 40 firefighters had brought it under control.\n",
        encoding="utf-8",
    )
    got = _fresh(
        "import json, sys\n"
        "from crosscheck.runner import _load_models, per_article\n"
        "from crosscheck.ingest import ingest\n"
        "_load_models(word_frequencies=False)\n"
        f"art = per_article(ingest([{str(line)!r}])[0])\n"
        "print(json.dumps({'wordfreq': 'wordfreq' in sys.modules, 'claims': len(art.claims),\n"
        "                  'figures': sorted(q.text for q in art.quantities)}))\n"
    )
    assert got["claims"] == 1 and "12 people" in " ".join(got["figures"]), got
    assert got["wordfreq"] is False


def test_lemmas_made_on_demand_are_the_lemmatizers_own():
    """The lemmatizer runs only for the tokens extraction asks about (extract.nlp.lemma): for every token of every
    real text in ../shared, the lemma it gives is the one spaCy's own pipeline (lemmatizer in the pipe) gives."""
    got = _fresh(
        "import json, glob, os\n"
        "from crosscheck.extract.nlp import MODEL, get_nlp, lemma\n"
        "ours = get_nlp()\n"
        "import spacy\n"
        "stock = spacy.load(MODEL)\n"
        "root = os.path.join(%r, '..', 'shared')\n"
        "files = sorted(glob.glob(root + '/seeds/*') + glob.glob(root + '/eval/stories/*/articles/*'))[::3]\n"
        "diff, n = [], 0\n"
        "for f in files:\n"
        "    text = open(f, encoding='utf-8', errors='replace').read()\n"
        "    a, b = ours(text), stock(text)\n"
        "    assert [t.text for t in a] == [t.text for t in b]\n"
        "    for x, y in zip(a, b):\n"
        "        n += 1\n"
        "        if x.pos_ == y.pos_ and lemma(x) != y.lemma_: diff.append((x.text, lemma(x), y.lemma_))\n"
        "print(json.dumps({'files': len(files), 'tokens': n, 'diff': diff[:20], 'in_pipe': 'lemmatizer' in ours.pipe_names}))\n" % str(ROOT)
    )
    if got["files"] == 0:
        import pytest

        pytest.skip("../shared not found (CI provides it)")
    assert got["tokens"] > 5000 and got["diff"] == [] and got["in_pipe"] is False, got
