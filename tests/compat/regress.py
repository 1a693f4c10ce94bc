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
import subprocess
import time
from pathlib import Path

from slt_runner import FileResult, MAX_DIFFS_KEPT

PSQL = "/usr/lib/postgresql/15/bin/psql"
FILE_TIMEOUT_S = 90
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


def _meaningful(text):
    return any(l.strip() and not l.strip().startswith("--") for l in text.splitlines())


def compare_outputs(key, sql_text, ref_output, cand_output):
    sql_lines = sql_text.splitlines()
    ref_chunks = split_statements(sql_lines, ref_output.splitlines())
    cand_chunks = split_statements(sql_lines, cand_output.splitlines())
    result = FileResult(key=key)
    lost_track = [text for text, _, echoed in ref_chunks if not echoed]
    if lost_track:
        # PostgreSQL's own run must echo every statement; if not, the splitter is wrong.
        result.error = "reference echo not found from: %s" % lost_track[0].strip()[:200]
    for (text, ref_out, ref_echoed), (_, cand_out, cand_echoed) in zip(ref_chunks, cand_chunks):
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
            result.diffs.append({"line": 0, "sql": text.strip()[:300], "directive": "psql",
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


def run_psql(url, sql_path, env, timeout_s=FILE_TIMEOUT_S):
    """(psql's combined output for one file, connection lost or timed out, timed out)."""
    argv = [PSQL, "-X", "-a", "-q", "-v", "VERBOSITY=sqlstate", "-d", url]
    with open(sql_path, "rb") as stdin:
        try:
            proc = subprocess.run(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  env=env, timeout=timeout_s)
            output = proc.stdout
            broken = timed_out = False
        except subprocess.TimeoutExpired as exc:
            output = exc.stdout or b""
            broken = timed_out = True
    text = output.decode("utf-8", "replace")
    if any(marker in text for marker in _LOST_MARKERS):
        broken = True
    return text, broken, timed_out


def _recover(corpus_dir, side, prerequisites):
    """Restarts a side after a crash or hang and replays the prerequisite files
    (their output is not compared), so later files still find their tables."""
    if not side.restart():
        return None
    url = side.fresh_database("regression", exact=True)
    if url is not None:
        for name in prerequisites:
            run_psql(url, corpus_dir / "sql" / (name + ".sql"), psql_env(corpus_dir, side))
    return url


def run_schedule(corpus_dir, reference, candidate, only=None, out_dir=None, deadline=None):
    """Per-file results of the whole schedule (see contract)."""
    names = read_schedule(corpus_dir)
    urls = {}
    for side in (reference, candidate):
        urls[side.label] = side.fresh_database("regression", exact=True)
    results = []
    for name in names:
        key = "regress:" + name
        sql_path = corpus_dir / "sql" / (name + ".sql")
        if only is not None and key not in only:
            continue
        if deadline is not None and deadline - time.monotonic() <= 0:
            results.append(FileResult(key=key, error="run budget exhausted"))
            continue
        outputs = {}
        for side in (reference, candidate):
            url = urls[side.label]
            if url is None:
                outputs[side.label] = "psql: no server (%s)\n" % (side.start_error or "down")
                continue
            timeout_s = FILE_TIMEOUT_S
            if deadline is not None:
                timeout_s = min(timeout_s, deadline - time.monotonic())
            if timeout_s <= 0:
                outputs[side.label] = "psql: not run, run budget exhausted\n"
                continue
            text, broken, timed_out = run_psql(url, sql_path, psql_env(corpus_dir, side), timeout_s)
            outputs[side.label] = text
            if timed_out:
                # A hung server costs FILE_TIMEOUT_S per file; two strikes and it is out.
                side.psql_timeouts = getattr(side, "psql_timeouts", 0) + 1
                if side.psql_timeouts >= 2:
                    side.give_up("psql timed out on %d files" % side.psql_timeouts)
            if broken:
                urls[side.label] = _recover(corpus_dir, side, names[:PREREQUISITES])
            if out_dir is not None:
                Path(out_dir).mkdir(parents=True, exist_ok=True)
                (Path(out_dir) / ("%s.%s.out" % (name, side.label))).write_text(text)
        sql_text = sql_path.read_text(encoding="utf-8")
        results.append(compare_outputs(key, sql_text, outputs[reference.label], outputs[candidate.label]))
    return results
