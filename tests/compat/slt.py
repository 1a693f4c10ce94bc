"""sqllogictest reading and formatting, with no database in sight.

Contract:
  * parse(text, limit=None) turns a .test/.slt script into a list of Record
    objects in file order. It understands the SQLite dialect (statement ok /
    statement error, query <types> <sortmode> [label], hash-threshold, halt,
    skipif/onlyif) and the sqllogictest-rs extensions our own files use
    (statement error <regex>, statement error (SQLSTATE), query error ...,
    statement count N, rows written one per line, connection NAME). Anything else (control,
    include, sleep, subtest, system ...) becomes a record of kind "unsupported"
    that runners count as skipped. `limit` stops after that many runnable
    records (a bounded CI subset of a big file).
  * format_values() renders typed rows the way sqllogictest prints them:
    I integer, R real with 3 decimals, T text, NULL as "NULL", the empty
    string as "(empty)"; sort_values() applies nosort/rowsort/valuesort;
    expected_matches() checks rendered values against a record's expected
    lines, including "N values hashing to <md5>".
Pure functions; thread-safe; raise ValueError only for malformed numbers
given to the formatter (callers treat them as text).
"""

import hashlib
import re
from dataclasses import dataclass, field

SORT_MODES = ("nosort", "rowsort", "valuesort")
_HASH_RE = re.compile(r"^(\d+) values hashing to ([0-9a-f]{32})$")
_SQLSTATE_RE = re.compile(r"^\(([0-9A-Z]{5})\)$")


@dataclass
class Record:
    """One runnable (or skipped) unit of a logic-test script."""
    kind: str                      # statement | query | hash-threshold | halt | connection | unsupported
    line: int                      # 1-based line of the record's first line
    sql: str = ""
    expect_error: bool = False     # statement error / query error
    error_pattern: str = ""        # regex, or "" for "any error"
    error_sqlstate: str = ""       # from "(XXXXX)"
    expect_count: int = -1         # statement count N
    types: str = ""                # query column type letters
    sort_mode: str = "nosort"
    label: str = ""
    expected: list = field(default_factory=list)  # result lines after ----
    has_expected: bool = False
    skipif: list = field(default_factory=list)
    onlyif: list = field(default_factory=list)
    threshold: int = 0             # hash-threshold value
    text: str = ""                 # the directive line, for reports

    def applies_to(self, engine_names):
        """True when the record runs on an engine answering to these names."""
        if any(name in engine_names for name in self.skipif):
            return False
        if self.onlyif and not any(name in engine_names for name in self.onlyif):
            return False
        return True


def _strip_comment(word_line):
    return word_line.split("#", 1)[0].strip()


def _parse_error_spec(record, rest):
    rest = rest.strip()
    match = _SQLSTATE_RE.match(rest)
    if match:
        record.error_sqlstate = match.group(1)
    else:
        record.error_pattern = rest


def parse(text, limit=None):
    """Parses a script into Records; see the module contract."""
    lines = text.splitlines()
    records = []
    pending_skip, pending_only = [], []
    runnable = 0
    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i]
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        words = _strip_comment(stripped).split()
        if not words:
            i += 1
            continue
        head = words[0]
        start_line = i + 1
        if head in ("skipif", "onlyif"):
            (pending_skip if head == "skipif" else pending_only).append(words[1] if len(words) > 1 else "")
            i += 1
            continue
        record = Record(kind="unsupported", line=start_line, text=stripped,
                        skipif=pending_skip, onlyif=pending_only)
        pending_skip, pending_only = [], []
        i += 1
        if head == "hash-threshold":
            record.kind = "hash-threshold"
            record.threshold = int(words[1]) if len(words) > 1 else 0
        elif head == "halt":
            record.kind = "halt"
        elif head == "connection" and len(words) > 1:
            record.kind = "connection"  # sqllogictest-rs: switch to (or open) a named session
            record.label = words[1]
        elif head == "statement" and len(words) > 1:
            record.kind = "statement"
            directive = stripped.split(None, 2)
            if words[1] == "error":
                record.expect_error = True
                _parse_error_spec(record, directive[2] if len(directive) > 2 else "")
            elif words[1] == "count" and len(words) > 2:
                record.expect_count = int(words[2])
            elif words[1] != "ok":
                record.kind = "unsupported"
            i = _read_sql(lines, i, record)
            if record.kind == "statement" and i < n and lines[i].strip() == "----":
                i = _read_results(lines, i + 1, record, multiline_error=True)
        elif head == "query" and len(words) > 1:
            record.kind = "query"
            if words[1] == "error":
                record.expect_error = True
                directive = stripped.split(None, 2)
                _parse_error_spec(record, directive[2] if len(directive) > 2 else "")
            else:
                record.types = words[1]
                if len(words) > 2:
                    record.sort_mode = words[2] if words[2] in SORT_MODES else "nosort"
                if len(words) > 3:
                    record.label = words[3]
            i = _read_sql(lines, i, record)
            if i < n and lines[i].strip() == "----":
                i = _read_results(lines, i + 1, record, multiline_error=record.expect_error)
        else:
            # Unknown directive: skip its body (up to the next blank line).
            while i < n and lines[i].strip():
                i += 1
        if record.kind in ("statement", "query"):
            runnable += 1
        records.append(record)
        if limit is not None and runnable >= limit:
            break
    return records


def _read_sql(lines, i, record):
    sql_lines = []
    while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
        sql_lines.append(lines[i])
        i += 1
    record.sql = "\n".join(sql_lines)
    return i


def _read_results(lines, i, record, multiline_error=False):
    record.has_expected = True
    out = []
    while i < len(lines) and lines[i].strip():
        out.append(lines[i].rstrip("\n"))
        i += 1
    if multiline_error:
        record.error_pattern = "\n".join(out)
    else:
        record.expected = out
    return i


def format_value(text, type_char):
    """One value (PostgreSQL text form, or None) as sqllogictest prints it."""
    if text is None:
        return "NULL"
    if text == "":
        return "(empty)"
    if type_char == "I":
        try:
            return str(int(text))
        except ValueError:
            pass
        try:
            return str(int(float(text)))
        except (ValueError, OverflowError):
            return text
    if type_char == "R":
        try:
            return "%.3f" % float(text)
        except ValueError:
            return text
    return text


def format_rows(rows, types):
    """Rows of text values -> rows of rendered strings (extra columns as T)."""
    rendered = []
    for row in rows:
        rendered.append([format_value(v, types[c] if c < len(types) else "T")
                         for c, v in enumerate(row)])
    return rendered


def sort_values(rendered_rows, sort_mode):
    """Flattened value list in the order the sort mode prescribes."""
    if sort_mode == "rowsort":
        rendered_rows = sorted(rendered_rows)
    values = [v for row in rendered_rows for v in row]
    if sort_mode == "valuesort":
        values.sort()
    return values


def hash_values(values):
    digest = hashlib.md5()
    for v in values:
        digest.update(v.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def expected_matches(record, rendered_rows, threshold):
    """Whether rendered rows match the record's expected lines.

    Accepts both layouts: one value per line (SQLite) and one row per line
    with values separated by spaces (sqllogictest-rs); and the hash form.
    """
    values = sort_values(rendered_rows, record.sort_mode)
    expected = record.expected
    if len(expected) == 1:
        match = _HASH_RE.match(expected[0].strip())
        if match:
            return int(match.group(1)) == len(values) and match.group(2) == hash_values(values)
    if threshold > 0 and len(values) > threshold:
        expected_line = "%d values hashing to %s" % (len(values), hash_values(values))
        return [e.strip() for e in expected] == [expected_line]
    if [e.strip() for e in expected] == [v.strip() for v in values]:
        return True
    rows = rendered_rows if record.sort_mode != "rowsort" else sorted(rendered_rows)
    if record.sort_mode == "valuesort":
        return False
    as_lines = [" ".join(row).strip() for row in rows]
    return [" ".join(e.split()) for e in expected] == [" ".join(x.split()) for x in as_lines]
