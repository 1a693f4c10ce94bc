#!/usr/bin/python3
"""Client matrix driver: real client programs against a server started through
the harness (a Nano memory server) or a throwaway PostgreSQL 15.

Each client is a short real program (this folder) that connects, runs DDL,
parameterised DML, a committed transaction, a rollback, errors checked by
SQLSTATE, NULLs and unicode, and exits 0 when every check holds:
  psql, libpq (C), libpqxx (C++), psycopg2, psycopg 3, SQLAlchemy,
  node-postgres, the PostgreSQL JDBC driver, and pgbench (init + a TPC-B run
  in simple and prepared mode, then a consistency check).
The same programs run against PostgreSQL 15 (--server postgres) to prove they
test something.

Usage: run_clients.py --server nano|postgres [--only NAME ...] [--nano-bin P]
       [--libpq-bin P] [--libpqxx-bin P] [--ratchet FILE [--update-ratchet]]
Exit status: 0 when every selected client passed, 1 otherwise, 2 on usage errors.
With --ratchet (the Nano entry: nano_ratchet.json, the clients known to pass
against Nano) only a listed client that fails fails the run; clients not yet
listed are reported, and --update-ratchet adds those that now pass (a client
is never removed).
"""

import json

import argparse
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "fixtures" / "pytest"))

from pytest_heliosdb_nano.pg import PostgresServer  # noqa: E402
from pytest_heliosdb_nano.server import NanoServer  # noqa: E402

PY = "/usr/bin/python3"
JDBC_JAR = "/usr/share/java/postgresql.jar"
CLIENT_TIMEOUT_S = 90
CLIENTS = ("psql", "libpq", "libpqxx", "psycopg2", "psycopg3", "sqlalchemy", "node-pg", "jdbc", "pgbench")


def url_parts(url):
    parts = urllib.parse.urlsplit(url)
    return {"host": parts.hostname, "port": str(parts.port), "user": urllib.parse.unquote(parts.username or "postgres"),
            "db": urllib.parse.unquote(parts.path.lstrip("/") or "postgres")}


def client_env(url):
    p = url_parts(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({"DATABASE_URL": url, "PGHOST": p["host"], "PGPORT": p["port"], "PGUSER": p["user"],
                "PGDATABASE": p["db"], "PGCONNECT_TIMEOUT": "10", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    return env


def run(argv, env, stdin=None):
    """(ok, combined output) of one program, bounded by CLIENT_TIMEOUT_S."""
    try:
        proc = subprocess.run(argv, env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=CLIENT_TIMEOUT_S, cwd=str(HERE))
    except subprocess.TimeoutExpired as exc:
        return False, (exc.stdout or b"").decode("utf-8", "replace") + "\n(timed out after %d s)" % CLIENT_TIMEOUT_S
    except OSError as exc:
        return False, "cannot run %s: %s" % (argv[0], exc)
    return proc.returncode == 0, proc.stdout.decode("utf-8", "replace")


def run_psql(url, env, args):
    with open(HERE / "client_psql.sql", "rb") as script:  # stdin: messages say <stdin>, not a path
        ok, out = run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=0", url], env, stdin=script)
    expected = (HERE / "client_psql.expected").read_text()
    if ok and out == expected:
        return True, out
    return False, "psql output differs from client_psql.expected:\n--- expected\n%s--- got\n%s" % (expected, out)


def run_pgbench(url, env, args):
    log = []
    steps = (["pgbench", "-i", "-s", "1", "-I", "dtgp", "-q"],
             ["pgbench", "-n", "-c", "2", "-j", "2", "-t", "25", "-M", "simple"],
             ["pgbench", "-n", "-c", "2", "-j", "2", "-t", "25", "-M", "prepared"])
    for argv in steps:
        ok, out = run(argv + [url_parts(url)["db"]], env)
        log.append("$ %s\n%s" % (" ".join(argv), out))
        if not ok:
            return False, "\n".join(log)
        if "-t" in argv and "number of transactions actually processed: 50/50" not in out:
            return False, "\n".join(log) + "\nnot every transaction was processed"
    # TPC-B keeps the books balanced: every delta is both in history and in the accounts.
    check = ("SELECT (SELECT count(*) FROM pgbench_history) = 100 AND "
             "(SELECT sum(abalance) FROM pgbench_accounts) = (SELECT sum(delta) FROM pgbench_history) AND "
             "(SELECT sum(bbalance) FROM pgbench_branches) = (SELECT sum(delta) FROM pgbench_history) AND "
             "(SELECT count(*) FROM pgbench_accounts) = 100000")
    ok, out = run(["psql", "-X", "-t", "-A", "-c", check, url], env)
    log.append("$ consistency check\n%s" % out)
    if not ok or out.strip() != "t":
        return False, "\n".join(log)
    ok, out = run(["psql", "-X", "-q", "-c", "DROP TABLE pgbench_accounts, pgbench_branches, pgbench_history, "
                   "pgbench_tellers", url], env)
    return ok, "\n".join(log) + "\nok pgbench"


def command_for(name, url, args):
    p = url_parts(url)
    if name == "libpq":
        return [args.libpq_bin, url]
    if name == "libpqxx":
        return [args.libpqxx_bin, url]
    if name in ("psycopg2", "psycopg3", "sqlalchemy"):
        return [PY, str(HERE / ("client_%s.py" % name))]
    if name == "node-pg":
        return ["node", str(HERE / "node" / "client_node_pg.js")]
    if name == "jdbc":
        jdbc_url = "jdbc:postgresql://%s:%s/%s?user=%s" % (p["host"], p["port"], p["db"], p["user"])
        return ["java", "-cp", JDBC_JAR, str(HERE / "jdbc" / "ClientJdbc.java"), jdbc_url]
    raise ValueError(name)


def run_client(name, url, args):
    env = client_env(url)
    if name == "psql":
        return run_psql(url, env, args)
    if name == "pgbench":
        return run_pgbench(url, env, args)
    if name == "node-pg":
        env["NODE_PATH"] = str(HERE / "node" / "node_modules")
        if not (HERE / "node" / "node_modules" / "pg").is_dir():
            return False, "node-postgres is not installed: run scripts/bootstrap (npm ci in tests/clients/node)"
    if name in ("libpq", "libpqxx") and not getattr(args, name.replace("-", "_") + "_bin"):
        return False, "--%s-bin not given (built by CMake as tests/clients/client_%s)" % (name, name)
    return run(command_for(name, url, args), env)


def start_server(kind, nano_bin):
    if kind == "postgres":
        return PostgresServer().start()
    server = NanoServer(binary=nano_bin)
    server.start()
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", choices=("nano", "postgres"), required=True)
    parser.add_argument("--only", action="append", choices=CLIENTS)
    parser.add_argument("--nano-bin")
    parser.add_argument("--libpq-bin")
    parser.add_argument("--libpqxx-bin")
    parser.add_argument("--ratchet", type=Path, help="JSON list of clients that must pass")
    parser.add_argument("--update-ratchet", action="store_true")
    args = parser.parse_args(argv)
    if args.update_ratchet and not args.ratchet:
        parser.error("--update-ratchet needs --ratchet")
    for attr in ("libpq_bin", "libpqxx_bin", "nano_bin"):  # clients run from this folder
        if getattr(args, attr):
            setattr(args, attr, os.path.abspath(getattr(args, attr)))
    names = args.only or list(CLIENTS)
    try:
        server = start_server(args.server, args.nano_bin)
    except Exception as exc:
        print("clients: %s did not start: %s" % (args.server, exc), file=sys.stderr)
        return 1
    failed = []
    passed = []
    try:
        for name in names:
            t0 = time.monotonic()
            ok, out = run_client(name, server.url, args)
            print("clients: %-10s %s against %s (%.1fs)" % (name, "PASS" if ok else "FAIL", args.server,
                                                              time.monotonic() - t0), flush=True)
            if ok:
                passed.append(name)
            else:
                failed.append(name)
                print(out.rstrip()[-6000:], flush=True)
                if hasattr(server, "log_tail") and not server.is_running():
                    print("server died; log tail:\n%s" % server.log_tail(), flush=True)
    finally:
        server.stop()
    if args.ratchet:
        return apply_ratchet(args.ratchet, passed, failed, args.update_ratchet)
    if failed:
        print("clients: failed: %s" % ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def apply_ratchet(path, passed, failed, update):
    """Fails only when a client listed in the ratchet file failed (see usage)."""
    required = json.loads(path.read_text())["must_pass"] if path.exists() else []
    regressions = [name for name in failed if name in required]
    pending = [name for name in failed if name not in required]
    newly = [name for name in passed if name not in required]
    if pending:
        print("clients: not yet passing against this server (not in %s): %s" % (path.name, ", ".join(pending)))
    if newly and not update:
        print("clients: now passing, raise the ratchet with --update-ratchet: %s" % ", ".join(newly))
    if update:
        data = {"note": "Clients that must pass against Nano (tests/clients/run_clients.py --update-ratchet "
                        "adds, never removes).",
                "must_pass": sorted(set(required) | set(passed))}
        path.write_text(json.dumps(data, indent=1) + "\n")
    if regressions:
        print("clients: ratchet regression: %s no longer pass" % ", ".join(regressions), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
