"""The installed ``attribution`` script as a process: help, exit codes, progress, serve."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support.live_server import free_port

pytestmark = pytest.mark.slow   # the installed script run as a process (tests/conftest.py)

SCRIPT = Path(sys.executable).parent / "attribution"

A = '"We will not back down," the minister said.\n'
UNBALANCED = 'It "was late, the mayor said.\n'


@pytest.mark.parametrize("command", ["extract", "check", "serve"])
def test_every_command_has_help_with_examples(script, command):
    ran = script(command, "--help")
    assert ran.code == 0
    assert ran.out.startswith(f"usage: attribution {command}")
    examples = ran.out.split("examples:\n", 1)[1]
    assert f"attribution {command}" in examples


def test_top_level_help_names_the_commands(script):
    ran = script("--help")
    assert ran.code == 0
    for command in ("extract", "check", "serve"):
        assert command in ran.out
    assert "examples:" in ran.out


def test_check_help_documents_every_kind_and_exit_code(script):
    from service.cli.check import KINDS

    text = script("check", "--help").out
    for kind in KINDS:
        assert kind in text
    for code in ("0", "1", "2"):
        assert f"\n  {code}  " in text


def test_exit_codes_of_the_process(script, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Monday.\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(UNBALANCED, encoding="utf-8")
    assert script("check", "--fail-on", "unbalanced-quote", str(clean)).code == 0
    assert script("check", "--fail-on", "unbalanced-quote", str(draft)).code == 1
    assert script("check", str(tmp_path / "missing.txt")).code == 2
    assert script("check", "--fail-on", "bogus", str(clean)).code == 2
    assert script("extract", str(clean)).code == 0
    assert script("extract", str(tmp_path / "missing.txt")).code == 2


def test_stdin_bytes_and_utf8_output(script):
    ran = script("extract", "--format", "jsonl", "-", stdin="“Ça ira,” dit-elle.\n".encode())
    assert ran.code == 0, ran.err
    result = json.loads(ran.out)
    assert result["meta"]["characters"] == len("“Ça ira,” dit-elle.\n")
    assert result["id"] == "<stdin>"


def test_no_progress_when_stderr_is_not_a_terminal(script, tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(A, encoding="utf-8")
    ran = script("extract", "--format", "jsonl", str(tmp_path))
    assert ran.code == 0
    assert ran.err == ""
    assert len(ran.out.splitlines()) == 5


def _stderr_on_a_terminal(argv: list[str]) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal; stdout on a pipe."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([str(SCRIPT), *argv], stdout=subprocess.PIPE, stderr=follower,
                               stdin=subprocess.DEVNULL)
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                data = os.read(leader, 4096)
            except OSError:  # the terminal closes when the process exits
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    out = process.stdout.read().decode()
    process.wait(10)
    os.close(leader)
    return process.returncode, out, b"".join(chunks).decode()


def test_progress_when_stderr_is_a_terminal(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(A, encoding="utf-8")
    code, out, err = _stderr_on_a_terminal(["extract", "--format", "jsonl", str(tmp_path)])
    assert code == 0
    assert len(out.splitlines()) == 3  # stdout has the results only
    for i in range(1, 4):
        assert f"[{i}/3] " in err
    assert "/3] " not in out


def test_serve_starts_gunicorn_with_the_project_config(tmp_path):
    port = free_port()
    env = {**os.environ, "WEB_CONCURRENCY": "1", "MAX_TEXT_CHARS": "50"}
    process = subprocess.Popen([str(SCRIPT), "serve", "--bind", f"127.0.0.1:{port}"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "attribution serve exited"
            try:
                if requests.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:   # refused while booting, or slow on a loaded machine
                pass
            assert time.monotonic() < deadline, "service not up after 60 s"
            time.sleep(0.1)
        ok = requests.post(url + "/v1/attributions", json={"text": A}, timeout=10)
        assert ok.status_code == 200 and ok.json()["meta"]["characters"] == len(A)
        # The environment reaches the service: its limit is the one we set.
        too_long = requests.post(url + "/v1/attributions", json={"text": "x" * 51}, timeout=10)
        assert too_long.status_code == 413
        # One worker, as WEB_CONCURRENCY said: gunicorn.conf.py was read.
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert len(children) == 1
    finally:
        os.killpg(process.pid, 15)
        process.wait(30)


def test_serve_without_a_config_is_a_usage_error(script, tmp_path):
    ran = script("serve", "--config", str(tmp_path / "nope.py"))
    assert ran.code == 2
    assert "nope.py" in ran.err


def test_a_closed_pipe_stops_quietly(tmp_path):
    # Many small documents, so that rows stream out long after `head` has gone.
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": f'"Line {i}," he said.'}) + "\n"
                            for i in range(5_000)), encoding="utf-8")
    done = subprocess.run(["bash", "-c", f'"{SCRIPT}" extract --format csv "{path}" | head -n 2;'
                                         ' echo "exit=${PIPESTATUS[0]}"'],
                          capture_output=True, text=True, timeout=120)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("document,quote,")
    assert lines[-1] == "exit=141"
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
