"""`heliosdb-nano repl`: the reference card's session through a pty, and the
same shell fed from a pipe (no prompts, psql-like output)."""
import os
import pty
import select
import signal
import subprocess
import time

from nano_e2e import NANO_BIN

TIMEOUT_S = 20


class PtySession:
    """Drives the REPL on a pseudo-terminal (libedit sees a real tty)."""

    def __init__(self, home, *args):
        self.master, slave = pty.openpty()
        env = dict(os.environ, TERM="dumb", HOME=str(home))  # history file goes there
        self.proc = subprocess.Popen([NANO_BIN, "repl", *args], stdin=slave, stdout=slave, stderr=slave,
                                     env=env, start_new_session=True)
        os.close(slave)
        self.output = ""

    def expect(self, text, timeout_s=TIMEOUT_S, must=True):
        """Reads until `text` appears in the output (blocking select, bounded).
        With must=False, returns None instead of failing on timeout."""
        deadline = time.monotonic() + timeout_s
        while text not in self.output:
            remaining = deadline - time.monotonic()
            if remaining <= 0 and not must:
                return None
            assert remaining > 0, f"timed out waiting for {text!r}; got {self.output!r}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # EIO: the child closed the terminal
                    chunk = b""
                if not chunk:
                    assert text in self.output, f"EOF before {text!r}; got {self.output!r}"
                self.output += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        head, _, tail = self.output.partition(text)
        self.output = tail
        return head

    def send(self, line):
        os.write(self.master, line.encode() + b"\n")

    def close(self):
        os.close(self.master)
        return self.proc.wait(timeout=TIMEOUT_S)


def test_card_session_through_pty(tmp_path):
    s = PtySession(tmp_path, "--memory")
    try:
        s.expect("heliosdb> ")
        s.send("CREATE TABLE t (id SERIAL PRIMARY KEY, name TEXT);")
        assert "CREATE TABLE" in s.expect("heliosdb> ")
        s.send("INSERT INTO t (name) VALUES ('hello');")
        assert "INSERT 0 1" in s.expect("heliosdb> ")
        s.send("SELECT id,")
        s.expect("heliosdb-> ")  # continuation prompt for a multi-line statement
        s.send("  name FROM t;")
        out = s.expect("heliosdb> ")
        assert " id | name  \n----+-------\n  1 | hello\n(1 row)\n" in out
        s.send("SELECT * FROM missing;")
        assert 'ERROR:  relation "missing" does not exist' in s.expect("heliosdb> ")
        s.send("\\timing")
        assert "Timing is on." in s.expect("heliosdb> ")
        s.send("SELECT 1;")
        assert "Time: " in s.expect("heliosdb> ")
        s.send("\\?")
        assert "\\dt" in s.expect("heliosdb> ")
        s.send("\\q")
        assert s.proc.wait(timeout=TIMEOUT_S) == 0
    finally:
        s.close()
    # libedit kept the session's history.
    history = (tmp_path / ".heliosdb_nano_history").read_text().replace("\\040", " ")  # libedit escapes spaces
    assert "INSERT INTO t (name) VALUES" in history


def test_ctrl_c_cancels_statement_not_shell(tmp_path):
    s = PtySession(tmp_path, "--memory")
    try:
        s.expect("heliosdb> ")
        s.send("SELECT count(*) FROM generate_series(1, 100000000) a, generate_series(1, 1000) b;")
        # SIGINT until the running statement reports the cancel (a signal
        # that lands before the statement starts is harmlessly reset).
        out = None
        for _ in range(100):
            s.proc.send_signal(signal.SIGINT)
            out = s.expect("canceling statement due to user request", timeout_s=0.2, must=False)
            if out is not None:
                break
        assert out is not None
        s.expect("heliosdb> ")
        s.proc.send_signal(signal.SIGINT)  # at the prompt: the shell survives
        s.send("SELECT 5 AS five;")
        assert "    5\n(1 row)" in s.expect("heliosdb> ")
        s.send("\\q")
        assert s.proc.wait(timeout=TIMEOUT_S) == 0
    finally:
        s.close()


def test_memory_database_vanishes_on_exit():
    first = subprocess.run([NANO_BIN, "repl", "--memory"], input="CREATE TABLE gone (id INT);\n\\q\n",
                           capture_output=True, text=True, timeout=TIMEOUT_S)
    assert first.returncode == 0 and "CREATE TABLE" in first.stdout
    second = subprocess.run([NANO_BIN, "repl", "--memory"], input="SELECT * FROM gone;\n",
                            capture_output=True, text=True, timeout=TIMEOUT_S)
    assert 'ERROR:  relation "gone" does not exist' in second.stdout


def test_pipe_mode_output_matches_psql_format():
    script = (
        "CREATE TABLE t (id INT, name TEXT);\n"
        "INSERT INTO t VALUES (1, 'hello'), (22, 'a longer name');\n"
        "SELECT id, name FROM t ORDER BY id;\n"
        "SELECT 'x;y' AS \"semi;colon\"; SELECT 2 AS two;\n"
        "select 1 +;\n"
    )
    r = subprocess.run([NANO_BIN, "repl", "--memory"], input=script, capture_output=True, text=True,
                       timeout=TIMEOUT_S)
    assert r.returncode == 0
    expected = (
        "CREATE TABLE\n"
        "INSERT 0 2\n"
        " id |     name      \n"
        "----+---------------\n"
        "  1 | hello\n"
        " 22 | a longer name\n"
        "(2 rows)\n"
        "\n"
        " semi;colon \n"
        "------------\n"
        " x;y\n"
        "(1 row)\n"
        "\n"
        " two \n"
        "-----\n"
        "   2\n"
        "(1 row)\n"
        "\n"
        'ERROR:  syntax error at or near ";"\n'
        "LINE 1: select 1 +;\n"
        "                  ^\n"
    )
    assert r.stdout == expected
    assert "heliosdb>" not in r.stdout  # no prompts without a terminal


def test_unknown_meta_command_and_quit():
    r = subprocess.run([NANO_BIN, "repl", "--memory"], input="\\nope\n\\q\nSELECT 1;\n", capture_output=True,
                       text=True, timeout=TIMEOUT_S)
    assert r.returncode == 0
    assert r.stdout == "invalid command \\nope\nTry \\? for help.\n"  # nothing after \q runs


def test_final_statement_without_semicolon_runs_at_eof():
    r = subprocess.run([NANO_BIN, "repl", "--memory"], input="SELECT 42 AS answer", capture_output=True,
                       text=True, timeout=TIMEOUT_S)
    assert " answer \n--------\n     42\n(1 row)\n" in r.stdout
