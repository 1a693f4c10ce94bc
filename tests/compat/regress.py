"""PostgreSQL regression files through real psql on both sides, per statement.

Contract:
  * run_schedule(corpus_dir, reference, candidate, only) runs the files of
    pg_regress/schedule in order, in one database per side ("regression", as
    pg_regress does), each through `psql -X -a -q` with the environment
    pg_regress sets (PGTZ, PGDATESTYLE, intervalstyle, LC_MESSAGES,
    PG_ABS_SRCDIR ...) plus VERBOSITY=sqlstate so that errors compare by
    SQLSTATE rather than by message text. Returns one FileResult per file.
  * split_statements(sql_lines, output_lines) attributes psql's output to the
    statements of the input, using psql's echo (-a) of every input line;
    statements end at a line ending in ';' or at a backslash command.
  * A statement passes when both sides printed the same output for it;
    EXPLAIN statements pass when both succeeded or both failed.
  * psql is bounded by a per-file timeout; on timeout or a lost connection the
    side is restarted and the schedule's prerequisite files (test_setup ...)
    are replayed unchecked, so later files still find their tables. A side
    that times out twice is given up on (its later files fail at once).
Not thread-safe; runs psql as a child process.
"""

import bisect
import os
import re
import select
import subprocess
import threading
import time
from pathlib import Path

from slt_runner import FileResult, MAX_DIFFS_KEPT

PSQL = "/usr/lib/postgresql/15/bin/psql"
FILE_TIMEOUT_S = 90
STALL_S = 6.0      # Nano: no psql output for this long while a statement runs = hung
MAX_RESUMES = 6    # psql runs per file (hangs/crashes survived) before the rest counts as failed
PREREQUISITES = 4  # the schedule's first entries build the shared tables (see its header)
_COPY_STDIN = re.compile(r"(\bFROM\s+(STDIN|STDOUT)\b.*;\s*$)|(^\\copy\b.*\bfrom\s+(stdin|pstdin)\b)",
                         re.IGNORECASE)
_LOST_MARKERS = ("server closed the connection unexpectedly", "connection to server was lost",
                 "no connection to the server")


def read_schedule(corpus_dir):
    names = []
    for line in (corpus_dir / "schedule").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("test:"):
            names.extend(line[len("test:"):].split())
    return names


def _statement_ends(sql_lines):
    """Indexes of input lines that end a statement (heuristic, see contract)."""
    ends = []
    in_dollar = False
    in_block_comment = False
    for idx, line in enumerate(sql_lines):
        stripped = line.strip()
        if stripped.count("$$") % 2 == 1:
            in_dollar = not in_dollar
        if stripped.startswith("/*") and "*/" not in stripped:
            in_block_comment = True
        if in_block_comment:
            if "*/" in stripped:
                in_block_comment = False
            continue
        if in_dollar:
            continue
        code = re.sub(r"--.*$", "", stripped).rstrip()
        if stripped.startswith("\\") or code.endswith(";") or code.endswith("\\gset") or "\\g" in code:
            ends.append(idx)
    if not ends or ends[-1] != len(sql_lines) - 1:
        ends.append(len(sql_lines) - 1)
    return ends


def _unechoed_lines(sql_lines):
    """Input lines psql reads without echoing: empty lines, and COPY FROM STDIN data up to \\."."""
    silent = set()
    in_copy = False
    for idx, line in enumerate(sql_lines):
        if in_copy:
            silent.add(idx)
            if line.strip() == "\\.":
                in_copy = False
        elif line == "":
            silent.add(idx)
        elif _COPY_STDIN.search(line):
            in_copy = True
    return silent


def split_statements(sql_lines, output_lines):
    """[(statement_text, [output lines], echoed)] in input order (module contract).

    `echoed` is False for statements psql never read (it died, lost the
    connection, timed out or never started): they count as failures even though,
    under -q, a successful statement prints nothing either.
    """
    # Walk the output; an output line equal to the next input line is its echo.
    attached = {}  # input position (lines echoed so far) -> output lines
    pos = 0
    silent = _unechoed_lines(sql_lines)
    for line in output_lines:
        while pos < len(sql_lines) and pos in silent and not (line == "" and sql_lines[pos] == ""):
            pos += 1
        if pos < len(sql_lines) and line == sql_lines[pos]:
            pos += 1
            continue
        attached.setdefault(pos, []).append(line)
    while pos < len(sql_lines) and pos in silent and output_lines:
        pos += 1
    ends = _statement_ends(sql_lines) if sql_lines else [0]
    chunks = []
    start = 0
    for end in ends:
        chunks.append(("\n".join(sql_lines[start:end + 1]), [], pos >= end + 1))
        start = end + 1
    # psql echoes a line when it reads it and runs a statement when its last line
    # was read, so output seen after `end_k + 1` echoed lines belongs to statement k.
    thresholds = [end + 1 for end in ends]
    for position in sorted(attached):
        k = max(0, bisect.bisect_right(thresholds, position) - 1)
        chunks[k][1].extend(attached[position])
    return chunks


def _is_explain(text):
    code = "\n".join(l for l in text.splitlines() if not l.strip().startswith("--")).strip()
    return code[:7].upper() == "EXPLAIN"


def _has_error(lines):
    return any(l.startswith("ERROR:") or "ERROR:  " in l for l in lines)


def _first_code_line(text):
    """Offset of the first line that is neither blank nor a comment (0 if none)."""
    for offset, line in enumerate(text.split("\n")):
        if line.strip() and not line.strip().startswith("--"):
            return offset
    return 0


def _meaningful(text):
    return any(l.strip() and not l.strip().startswith("--") for l in text.splitlines())


def compare_outputs(key, sql_text, ref_output, cand_output):
    sql_lines = sql_text.splitlines()
    return compare_chunks(key, split_statements(sql_lines, ref_output.splitlines()),
                          split_statements(sql_lines, cand_output.splitlines()))


def compare_chunks(key, ref_chunks, cand_chunks):
    """FileResult of two sides' per-statement chunks (as split_statements gives them)."""
    result = FileResult(key=key)
    lost_track = [text for text, _, echoed in ref_chunks if not echoed]
    if lost_track:
        # PostgreSQL's own run must echo every statement; if not, the splitter is wrong.
        result.error = "reference echo not found from: %s" % lost_track[0].strip()[:200]
    first_line = 1  # chunks are consecutive slices of the file
    for (text, ref_out, ref_echoed), (_, cand_out, cand_echoed) in zip(ref_chunks, cand_chunks):
        line = first_line + _first_code_line(text)
        first_line += len(text.split("\n"))
        if not _meaningful(text) and not ref_out and not cand_out:
            continue
        result.total += 1
        if not ref_echoed or not cand_echoed:
            same = False
            if not cand_echoed:
                cand_out = cand_out + ["(psql never ran this statement)"]
        elif _is_explain(text):
            same = _has_error(ref_out) == _has_error(cand_out)
        else:
            same = ref_out == cand_out
        if same:
            result.passed += 1
        elif len(result.diffs) < MAX_DIFFS_KEPT:
            result.diffs.append({"line": line, "sql": text.strip()[:300], "directive": "psql",
                                 "reference": "\n".join(ref_out)[:500] or "(no output)",
                                 "candidate": "\n".join(cand_out)[:500] or "(no output)"})
    return result


def psql_env(corpus_dir, side):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PG", "LC_")) and k not in ("LANG", "LANGUAGE")}
    env.update({
        "LANG": "C.UTF-8", "LC_MESSAGES": "C", "PGAPPNAME": "pg_regress",
        "PGTZ": "PST8PDT", "PGDATESTYLE": "Postgres, MDY",
        "PGOPTIONS": "-c intervalstyle=postgres_verbose",
        "PG_ABS_SRCDIR": str(corpus_dir), "PG_ABS_BUILDDIR": str(corpus_dir),
        "PG_LIBDIR": "/usr/lib/postgresql/15/lib", "PG_DLSUFFIX": ".so",
        "PGCONNECT_TIMEOUT": "5",
    })
    if side.kind == "pg":
        env["PGOPTIONS"] += " -c statement_timeout=%d" % int(side.statement_timeout_s * 1000)
    return env


def stream_psql(url, input_text, env, timeout_s, stall_s=None, on_stall=None):
    """Runs psql on input_text; returns (output, stalled, timed_out).

    With stall_s, a statement that produces no output for stall_s seconds while
    psql waits on the server counts as hung: on_stall() is called (it kills the
    server, so psql sees a lost connection and exits) and reading goes on to EOF.
    """
    argv = [PSQL, "-X", "-a", "-q", "-v", "VERBOSITY=sqlstate", "-d", url]
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env)
    writer = threading.Thread(target=_feed, args=(proc, input_text.encode("utf-8")), daemon=True)
    writer.start()
    deadline = time.monotonic() + timeout_s
    chunks, stalled, timed_out = [], False, False
    fd = proc.stdout.fileno()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            timed_out = True
            break
        wait_s = remaining if (stall_s is None or stalled) else min(remaining, stall_s)
        ready, _, _ = select.select([fd], [], [], wait_s)
        if not ready:
            if stall_s is not None and not stalled and wait_s < remaining:
                stalled = True
                if on_stall is not None:
                    on_stall()
                deadline = min(deadline, time.monotonic() + 10.0)  # psql exits once the server is gone
            continue
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    proc.stdout.close()
    writer.join(timeout=5)
    return b"".join(chunks).decode("utf-8", "replace"), stalled, timed_out


def _feed(proc, data):
    try:
        proc.stdin.write(data)
        proc.stdin.close()
    except OSError:  # psql exited early (lost connection): the rest is not needed
        pass


def run_psql(url, sql_path, env, timeout_s=FILE_TIMEOUT_S):
    """(psql's combined output for one file, connection lost or timed out, timed out)."""
    text, _, timed_out = stream_psql(url, Path(sql_path).read_text(encoding="utf-8"), env, timeout_s)
    broken = timed_out or any(marker in text for marker in _LOST_MARKERS)
    return text, broken, timed_out


class _Runner:
    """Runs the schedule's files on one side, resuming after a hang or crash."""

    def __init__(self, corpus_dir, side, names, stall_s):
        self.corpus_dir = corpus_dir
        self.side = side
        self.names = names
        self.stall_s = stall_s  # None: trust the server's statement_timeout (PostgreSQL)
        self.url = side.fresh_database("regression", exact=True)
        self.env = psql_env(corpus_dir, side)

    def recover(self, file_index):
        """Restarts the side and replays the prerequisite files before this one."""
        self.url = None
        if not self.side.restart():
            return False
        self.url = self.side.fresh_database("regression", exact=True)
        if self.url is None:
            return False
        for name in self.names[:min(PREREQUISITES, file_index)]:
            run_psql(self.url, self.corpus_dir / "sql" / (name + ".sql"), self.env)
        return True

    def run_file(self, file_index, sql_lines, deadline, raw_out):
        """Per-statement chunks for one file (split_statements' format)."""
        ends = _statement_ends(sql_lines) if sql_lines else [0]
        bounds = [((ends[k - 1] + 1) if k else 0, ends[k]) for k in range(len(ends))]
        chunks = []
        hung = set()
        next_stmt = 0
        retried = False
        for _ in range(MAX_RESUMES):
            if next_stmt >= len(bounds):
                break
            remaining = deadline - time.monotonic()
            if self.url is None or remaining <= 0:
                break
            replay = [k for k in range(next_stmt) if k not in hung]
            lines = [l for k in replay for l in sql_lines[bounds[k][0]:bounds[k][1] + 1]]
            lines += sql_lines[bounds[next_stmt][0]:]
            on_stall = self.side.kill if self.side.kind == "nano" else None
            text, stalled, timed_out = stream_psql(self.url, "\n".join(lines) + "\n", self.env,
                                                   min(FILE_TIMEOUT_S, remaining), self.stall_s, on_stall)
            raw_out.append(text)
            got = split_statements(lines, text.splitlines())[len(replay):]
            done = [c for c in got if c[2]]
            if len(done) == len(got) and not stalled and not timed_out:
                chunks.extend(got)
                next_stmt = len(bounds)
                break
            if not done:  # psql ran nothing of this segment (cannot connect, died in replay)
                if retried or not self.recover(file_index):
                    break
                retried = True
                continue
            retried = False
            # The last statement psql read is the one that hung or crashed the server.
            chunks.extend(done[:-1])
            text_h, out_h, _ = done[-1]
            reason = "(no answer within %.0f s: server killed)" % self.stall_s if stalled else (
                "(psql timed out)" if timed_out else "(connection lost)")
            chunks.append((text_h, out_h + [reason], True))
            hung.add(next_stmt + len(done) - 1)
            next_stmt += len(done)
            if timed_out and self.side.kind == "nano":
                self.side.kill()
            if not self.recover(file_index):
                break
        while len(chunks) < len(bounds):  # never ran: fail, with the statement text for the report
            a, b = bounds[len(chunks)]
            chunks.append(("\n".join(sql_lines[a:b + 1]), [], False))
        return chunks


def run_schedule(corpus_dir, reference, candidate, only=None, out_dir=None, deadline=None, stall_s=None):
    """Per-file results of the whole schedule (see contract)."""
    names = read_schedule(corpus_dir)
    stall_s = STALL_S if stall_s is None else stall_s
    if deadline is None:
        deadline = time.monotonic() + 1e9
    runners = [_Runner(corpus_dir, reference, names, None),
               _Runner(corpus_dir, candidate, names, stall_s if candidate.kind == "nano" else None)]
    results = []
    for index, name in enumerate(names):
        key = "regress:" + name
        if only is not None and key not in only:
            continue
        if deadline - time.monotonic() <= 0:
            results.append(FileResult(key=key, error="run budget exhausted"))
            continue
        sql_lines = (corpus_dir / "sql" / (name + ".sql")).read_text(encoding="utf-8").splitlines()
        per_side = []
        for runner in runners:
            raw = []
            per_side.append(runner.run_file(index, sql_lines, deadline, raw))
            if out_dir is not None:
                Path(out_dir).mkdir(parents=True, exist_ok=True)
                (Path(out_dir) / ("%s.%s.out" % (name, runner.side.label))).write_text(
                    "\n--- (server restarted; resumed) ---\n".join(raw))
        results.append(compare_chunks(key, per_side[0], per_side[1]))
    return results
