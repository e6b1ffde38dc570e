"""`build` shows a progress bar (files, documents, rate, ETA) on a terminal, and nothing of it in
a pipe or under -q: only the summary line."""
from __future__ import annotations

import importlib.util
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_bad", HERE / "fixtures" / "make_bad.py")
make_bad = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_bad)

_EXE = Path(sys.executable).with_name("whatweknow")
WHATWEKNOW = [str(_EXE)] if _EXE.exists() else [sys.executable, "-c", "from whatweknow.cli import app; app()"]
ENV = {**os.environ, "TERM": "xterm", "COLUMNS": "200"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("progress") / "articles"
    make_bad.write_corpus(folder, 30)
    return folder


def on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal; (exit status, stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([*WHATWEKNOW, *args], stdout=subprocess.PIPE, stderr=slave, env=ENV)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    out = proc.stdout.read().decode()
    proc.stdout.close()
    return proc.wait(timeout=300), out, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode(errors="replace"))


def test_on_a_terminal_the_bar_shows_files_documents_rate_and_eta(corpus, tmp_path):
    status, out, shown = on_a_terminal("build", str(corpus), "--db", str(tmp_path / "s.db"))
    assert status == 0
    assert out.startswith("documents: 30 ok")
    assert "30/30 files" in shown and "30 documents" in shown
    assert re.search(r"30 documents, \d+\.\d/s", shown)
    assert "ETA" in shown


def test_under_q_a_terminal_shows_no_bar(corpus, tmp_path):
    status, out, shown = on_a_terminal("build", str(corpus), "--db", str(tmp_path / "s.db"), "-q")
    assert status == 0 and out.startswith("documents: 30 ok")
    assert "files" not in shown and "ETA" not in shown


def test_in_a_pipe_only_the_summary_is_written(corpus, tmp_path):
    proc = subprocess.run([*WHATWEKNOW, "build", str(corpus), "--db", str(tmp_path / "s.db")],
                          capture_output=True, text=True, env=ENV, timeout=300)
    assert proc.returncode == 0
    assert proc.stdout.startswith("documents: 30 ok")
    assert proc.stderr == ""
