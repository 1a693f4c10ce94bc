#!/usr/bin/python3
"""Differential compatibility suite: HeliosDB Nano against PostgreSQL 15.

Starts a throwaway PostgreSQL 15 (the oracle) and a Nano memory server (or,
with --self-check, a second PostgreSQL), runs the corpus on both and compares
every statement's outcome:
  * sqllogictest files (<repo>/../shared/corpus/slt/, bounded per file unless
    --full) and our own tests/slt/*.slt, through psycopg2;
  * PostgreSQL regression files (<repo>/../shared/corpus/pg_regress/, in
    schedule order) through real psql, per statement.
Writes a markdown report (always, also when the run fails) and checks each
file's pass count against tests/compat/ratchet.json; --update-ratchet raises
the ratchet (never lowers it).

Exit status: 0 when every count meets the ratchet (and, with --self-check,
every compared statement passed); 1 otherwise; 2 on usage errors.
"""

import argparse
import datetime
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ratchet  # noqa: E402
import regress  # noqa: E402
import slt_runner  # noqa: E402
from servers import make_sides  # noqa: E402

REPO = HERE.parents[1]
CI_RECORD_LIMIT = 600        # first N runnable records of each corpus .test file in CI
SELF_CHECK_RECORD_LIMIT = 150
RUN_BUDGET_S = 300.0  # the CI time budget for the whole compat label
FULL_FILE_BUDGET_S = 1800.0  # --full: select5's many-way joins alone take minutes
SELF_CHECK_SLT = ("sqlite/select1.test", "sqlite/evidence/in1.test", "sqlite/evidence/slt_lang_aggfunc.test",
                  "sqlite/index/between/1000/slt_good_0.test", "sqllogictest-rs/basic.slt",
                  "sqllogictest-rs/error_sqlstate.slt", "sqllogictest-rs/postgres_extended_test.slt")
SELF_CHECK_REGRESS = ("test_setup", "boolean", "int4", "text", "case")


def corpus_files(corpus, own_dir):
    """[(key, path, own)] for every slt file: the shared corpus then ours."""
    files = []
    slt_dir = corpus / "slt"
    for path in sorted(slt_dir.rglob("*")):
        if path.is_file() and path.suffix in (".test", ".slt"):
            files.append(("slt:" + path.relative_to(slt_dir).as_posix(), path, False))
    if own_dir.is_dir():
        for path in sorted(own_dir.rglob("*.slt")):
            files.append(("own:" + path.relative_to(own_dir).as_posix(), path, True))
    return files


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nano-bin", help="heliosdb-nano binary (default: NANO_BIN, PATH, build tree)")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--own-slt", type=Path, default=REPO / "tests" / "slt")
    parser.add_argument("--report-dir", type=Path, default=HERE / "report")
    parser.add_argument("--ratchet", type=Path, default=HERE / "ratchet.json")
    parser.add_argument("--self-check", action="store_true",
                        help="PostgreSQL against PostgreSQL on a subset; every statement must pass")
    parser.add_argument("--candidate", choices=("nano", "postgres"), default="nano",
                        help="the side compared with PostgreSQL (postgres: a second PostgreSQL, to test the runner)")
    parser.add_argument("--full", action="store_true", help="the complete corpus (no per-file record limit)")
    parser.add_argument("--limit", type=int, help="records per corpus slt file (default %d)" % CI_RECORD_LIMIT)
    parser.add_argument("--only", action="append", help="run only this key (repeatable), e.g. regress:int4")
    parser.add_argument("--no-regress", action="store_true")
    parser.add_argument("--no-slt", action="store_true")
    parser.add_argument("--statement-timeout", type=float, default=2.0,
                        help="seconds per statement (PostgreSQL runs every CI statement in milliseconds)")
    parser.add_argument("--psql-stall", type=float, default=regress.STALL_S,
                        help="pg_regress on Nano: seconds without psql output that mean a hung statement")
    parser.add_argument("--budget", type=float, default=RUN_BUDGET_S,
                        help="wall-time budget of the whole run in seconds (0: none; --full: none); files "
                             "beyond it are not run and count 0")
    parser.add_argument("--update-ratchet", action="store_true", help="raise the ratchet to this run's counts")
    parser.add_argument("--no-ratchet", action="store_true", help="report only, do not check the ratchet")
    return parser.parse_args(argv)


def _run_slt(args, reference, candidate, only, limit, run_deadline, results):
    for key, path, own in corpus_files(args.corpus, args.own_slt):
        if only is not None and key not in only:
            continue
        t0 = time.monotonic()
        budget_s = min(FULL_FILE_BUDGET_S if args.full else slt_runner.FILE_BUDGET_S,
                       run_deadline - time.monotonic())
        if budget_s <= 0:
            result = slt_runner.FileResult(key=key, error="run budget (%.0f s) exhausted" % args.budget)
        else:
            result = slt_runner.run_file(path, key, reference, candidate, limit=None if own else limit,
                                         own=own, budget_s=budget_s)
        results.append(result)
        print("compat: %-55s %5d/%-5d %.1fs" % (key, result.passed, result.total, time.monotonic() - t0),
              flush=True)


def _run_regress(args, reference, candidate, only, run_deadline, results):
    t0 = time.monotonic()
    for result in regress.run_schedule(args.corpus / "pg_regress", reference, candidate, only,
                                       out_dir=args.report_dir / "pg_regress", deadline=run_deadline,
                                       stall_s=args.psql_stall):
        results.append(result)
        print("compat: %-55s %5d/%-5d" % (result.key, result.passed, result.total), flush=True)
    print("compat: pg_regress took %.1fs" % (time.monotonic() - t0), flush=True)


def run(args):
    """(results, info, candidate label), or None when the run could not start."""
    if not args.corpus.is_dir():
        print("compat: corpus not found at %s" % args.corpus, file=sys.stderr)
        return None
    limit = None if args.full else (args.limit or (SELF_CHECK_RECORD_LIMIT if args.self_check else CI_RECORD_LIMIT))
    only = set(args.only) if args.only else None
    if args.self_check and only is None:
        only = {"slt:" + k for k in SELF_CHECK_SLT} | {"regress:" + k for k in SELF_CHECK_REGRESS}
    pg_vs_pg = args.self_check or args.candidate == "postgres"
    reference, candidate = make_sides(pg_vs_pg, args.nano_bin, args.statement_timeout, args.report_dir / "logs")
    results = []
    info = {"limit": limit, "started": time.time()}
    run_deadline = time.monotonic() + (args.budget if args.budget > 0 and not args.full else 1e9)
    try:
        if not reference.start():
            print("compat: PostgreSQL did not start: %s" % reference.start_error, file=sys.stderr)
            return None
        if not candidate.start():
            print("compat: %s did not start: %s" % (candidate.label, candidate.start_error), file=sys.stderr)
        if not args.no_slt:
            _run_slt(args, reference, candidate, only, limit, run_deadline, results)
        if not args.no_regress:
            _run_regress(args, reference, candidate, only, run_deadline, results)
        info["candidate_restarts"] = candidate.restarts
        info["candidate_start_error"] = candidate.start_error
    finally:
        candidate.close()
        reference.close()
    info["seconds"] = time.time() - info["started"]
    return results, info, candidate.label


def write_report(path, results, info, candidate_label, args, drops):
    total = sum(r.total for r in results)
    passed = sum(r.passed for r in results)
    lines = ["# HeliosDB Nano compatibility report", "",
             "- date: %s UTC" % datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S"),
             "- reference: PostgreSQL 15; candidate: %s%s" % (
                 candidate_label, " (self-check)" if args.self_check else ""),
             "- mode: %s (records per corpus slt file: %s)" % ("full" if args.full else "ci", info["limit"] or "all"),
             "- total: **%d / %d** statements pass (%.1f%%) in %.0f s; candidate restarts: %d" % (
                 passed, total, 100.0 * passed / total if total else 0.0, info["seconds"],
                 info.get("candidate_restarts", 0))]
    if info.get("candidate_start_error"):
        lines.append("- candidate start error: `%s`" % info["candidate_start_error"][:300])
    if drops:
        lines.append("- **ratchet drops**: " + ", ".join("%s %d < %d" % (k, got, req) for k, req, got in drops))
    lines += ["", "| file | pass | total | % | candidate lost | PG meets file's expectation |",
              "|---|---:|---:|---:|---:|---|"]
    for r in results:
        pct = 100.0 * r.passed / r.total if r.total else 100.0
        expect = "%d/%d" % (r.ref_expect_ok, r.ref_expect_total) if r.ref_expect_total else "-"
        lines.append("| %s | %d | %d | %.1f | %d | %s |" % (r.key, r.passed, r.total, pct, r.lost, expect))
    lines += ["", "## First differences", ""]
    for r in results:
        if r.error:
            lines.append("### %s\n\nnot run: %s\n" % (r.key, r.error))
        if not r.diffs:
            continue
        lines.append("### %s" % r.key)
        for d in r.diffs:
            where = ("line %d, " % d["line"]) if d["line"] else ""
            lines += ["", "- %s`%s`" % (where, d["directive"]), "", "```sql", d["sql"], "```",
                      "PostgreSQL:", "```", d["reference"], "```", "%s:" % candidate_label, "```",
                      d["candidate"], "```"]
        lines.append("")
    own_misses = [r for r in results if r.key.startswith("own:") and r.expectation_misses]
    if own_misses:
        lines += ["## Our .slt expectations that PostgreSQL contradicts", ""]
        for r in own_misses:
            for m in r.expectation_misses:
                lines += ["- %s line %d `%s`: PostgreSQL gives %s" % (r.key, m["line"], m["directive"],
                                                                     m["reference"].replace("\n", " "))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def main(argv=None):
    args = parse_args(argv)
    outcome = run(args)
    if outcome is None:  # still leave a report saying why
        report = args.report_dir / ("self-check.md" if args.self_check else "report.md")
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("# HeliosDB Nano compatibility report\n\nThe run could not start: PostgreSQL or the "
                          "corpus (%s) is unavailable; see the test output.\n" % args.corpus)
        return 1
    results, info, candidate_label = outcome
    counts = {r.key: r.passed for r in results}
    ratchet_data = ratchet.load(args.ratchet)
    mode = "full" if args.full else ("ci" if args.limit in (None, CI_RECORD_LIMIT) else "limit-%d" % args.limit)
    drops = []
    if not args.self_check and not args.no_ratchet:
        if ratchet_data.get("mode", "ci") == mode:
            skipped_families = (("slt:", "own:") if args.no_slt else ()) + (("regress:",) if args.no_regress else ())
            considered = {k: v for k, v in ratchet_data["counts"].items()
                          if (args.only is None or k in args.only) and not k.startswith(skipped_families)}
            drops = ratchet.check(considered, counts)
    report = args.report_dir / ("self-check.md" if args.self_check else "report.md")
    write_report(report, results, info, candidate_label, args, drops)
    total = sum(r.total for r in results)
    passed = sum(r.passed for r in results)
    print("compat: %d/%d statements pass; report: %s" % (passed, total, report))
    status = 0
    if args.self_check:
        failing = [r for r in results if r.passed != r.total or r.error or r.total == 0]
        for r in failing:
            print("compat: self-check FAILED in %s: %d/%d %s" % (r.key, r.passed, r.total, r.error),
                  file=sys.stderr)
        status = 1 if failing or not results else 0
    for key, required, got in drops:
        print("compat: ratchet drop: %s passes %d, ratchet requires %d" % (key, got, required), file=sys.stderr)
        status = 1
    if args.update_ratchet and not args.self_check:
        if ratchet_data.get("mode", mode) != mode:
            print("compat: ratchet is for mode %s; not updating from a %s run" % (ratchet_data["mode"], mode),
                  file=sys.stderr)
            return 2
        ratchet.write(args.ratchet, mode, ratchet.raised(ratchet_data["counts"], counts))
        print("compat: ratchet updated: %s" % args.ratchet)
    return status


if __name__ == "__main__":
    sys.exit(main())
