"""The GitHub Actions snippets under ci/ (issue 10), tested without GitHub.

Every YAML file under ci/ must parse and be well formed; the composite action
ci/github/setup-heliosdb-nano is executed step by step in a simulated runner
(GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH and RUNNER_TEMP are temporary files
and directories, exactly the protocol the real runner uses), against the real
heliosdb-nano ($NANO_BIN); the exported variables are then used by psql to
reach the server. shellcheck runs on every script under ci/ and on every
`run:` block extracted from the YAML.

The simulated runner evaluates the small expression language the action uses
(${{ inputs.x }}, steps.<id>.outputs.<name>, ||, &&, ==, !=, !) and refuses
anything else, so the action cannot silently grow an expression this test
does not understand.
"""
import os
import pathlib
import re
import shutil
import subprocess
import urllib.request

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Set by scripts/test; the default matches tests/py/nano_e2e.py. Not imported
# from there so that this file also runs from tests/ci.
NANO_BIN = os.environ.get("NANO_BIN") or str(ROOT / "build" / "release" / "cli" / "heliosdb-nano")
CI = ROOT / "ci"
ACTION_DIR = CI / "github" / "setup-heliosdb-nano"
ACTION = ACTION_DIR / "action.yml"
STOP_ACTION = ACTION_DIR / "stop" / "action.yml"
EXAMPLES = CI / "github" / "examples"

EXPECTED_INPUTS = {"binary", "source-dir", "start", "port", "auth", "user", "password", "mysql",
                   "http", "seed", "startup-timeout"}
EXPECTED_OUTPUTS = {"database-url", "pid", "port", "http-port", "log-file", "pid-file", "binary"}


def yaml_files():
    return sorted(p for p in CI.rglob("*") if p.suffix in (".yml", ".yaml"))


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def workflow_on(doc):
    # YAML 1.1 reads the bare key `on` as the boolean true.
    return doc.get("on", doc.get(True))


def process_alive(pid):
    """True for a running process; a zombie (exited, not yet reaped by an
    init that does not reap) counts as gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


# --- the simulated runner ---------------------------------------------------

TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|!|\(|\))|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*(?:\(\))?))")


class Expr:
    """Evaluates GitHub expressions over the contexts the action uses."""

    def __init__(self, contexts):
        self.contexts = contexts

    def evaluate(self, text):
        self.tokens = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"unsupported expression: {text!r}")
            op, literal, name = m.groups()
            self.tokens.append(("op", op) if op else ("str", literal.replace("''", "'"))
                               if literal is not None else ("name", name))
            pos = m.end()
        self.i = 0
        value = self._or()
        if self.i != len(self.tokens):
            raise ValueError(f"unsupported expression: {text!r}")
        return value

    def _peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def _or(self):
        value = self._and()
        while self._peek() == ("op", "||"):
            self.i += 1
            right = self._and()
            value = value if value else right
        return value

    def _and(self):
        value = self._cmp()
        while self._peek() == ("op", "&&"):
            self.i += 1
            right = self._cmp()
            value = right if value else value
        return value

    def _cmp(self):
        left = self._unary()
        if self._peek() in (("op", "=="), ("op", "!=")):
            op = self.tokens[self.i][1]
            self.i += 1
            equal = str(left).lower() == str(self._unary()).lower()
            return equal if op == "==" else not equal
        return left

    def _unary(self):
        kind, value = self._peek()
        self.i += 1
        if (kind, value) == ("op", "!"):
            return not self._unary()
        if (kind, value) == ("op", "("):
            inner = self._or()
            assert self._peek() == ("op", ")")
            self.i += 1
            return inner
        if kind == "str":
            return value
        if kind == "name":
            if value in ("true", "false"):
                return value == "true"
            if value == "always()":
                return True
            if value in ("success()", "failure()"):
                return self.contexts["job_failed"] == (value == "failure()")
            node = self.contexts
            parts = value.split(".")
            if parts[0] not in node or parts[0] == "job_failed":
                raise ValueError(f"unsupported context in expression: {value}")
            for part in parts:
                node = node.get(part, "") if isinstance(node, dict) else ""
            return node
        raise ValueError(f"unexpected token {value!r}")

    def substitute(self, text):
        """${{ ... }} inside a string value."""
        def one(m):
            v = self.evaluate(m.group(1))
            return ("true" if v else "false") if isinstance(v, bool) else str(v)
        return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def parse_command_file(path):
    """name=value lines and name<<DELIM heredocs, as the runner reads them."""
    result = {}
    lines = pathlib.Path(path).read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            body = []
            while lines[i] != delim:
                body.append(lines[i])
                i += 1
            i += 1
            result[name] = "\n".join(body)
        else:
            name, value = line.split("=", 1)
            result[name] = value
    return result


class Runner:
    """One job on a simulated runner: a workspace, RUNNER_TEMP, and the job
    environment that GITHUB_ENV / GITHUB_PATH build up across steps."""

    def __init__(self, tmp_path):
        self.workspace = tmp_path / "workspace"
        self.temp = tmp_path / "runner_temp"
        self.workspace.mkdir()
        self.temp.mkdir()
        self.home = tmp_path / "home"
        self.home.mkdir()
        self.job_env = {}
        self.path_additions = []
        self.counter = 0

    def base_env(self):
        path = os.pathsep.join(self.path_additions[::-1] + [os.environ.get("PATH", "/usr/bin:/bin")])
        env = {"PATH": path, "HOME": str(self.home), "LANG": "C.UTF-8", "CI": "true",
               "GITHUB_ACTIONS": "true", "RUNNER_TEMP": str(self.temp),
               "GITHUB_WORKSPACE": str(self.workspace), "RUNNER_OS": "Linux"}
        env.update(self.job_env)
        return env

    def run_action(self, action_path, inputs):
        """Runs a composite action's steps; returns (outputs, steps, log)."""
        action = load(action_path)
        declared = action.get("inputs", {})
        unknown = set(inputs) - set(declared)
        assert not unknown, f"inputs not declared by {action_path}: {unknown}"
        values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        values.update(inputs)
        steps = {}
        contexts = {"inputs": values, "steps": steps,
                    "github": {"action_path": str(action_path.parent), "workspace": str(self.workspace)},
                    "runner": {"temp": str(self.temp), "os": "Linux"}, "env": self.base_env()}
        expr = Expr(contexts)
        log = []
        failed = False
        for step in action["runs"]["steps"]:
            sid = step.get("id") or f"step{len(steps)}"
            condition = step.get("if", "success()")
            contexts["job_failed"] = failed
            condition = str(condition).replace("${{", "").replace("}}", "")
            # As on GitHub, an if: without a status function means success() && (...).
            if not re.search(r"\b(always|success|failure)\(\)", condition):
                condition = f"success() && ({condition})"
            run_it = bool(expr.evaluate(condition))
            if not run_it:
                steps[sid] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
                continue
            if "uses" in step:
                steps[sid] = self.simulate_cache(step, expr)
                continue
            outcome, outputs, output_text = self.run_step(step, expr, action_path.parent)
            log.append(output_text)
            steps[sid] = {"outputs": outputs, "outcome": outcome, "conclusion": outcome}
            failed = failed or outcome == "failure"
        outputs = {name: expr.substitute(spec["value"]) for name, spec in action.get("outputs", {}).items()}
        return outputs, steps, "\n".join(log)

    def simulate_cache(self, step, expr):
        """actions/cache as seen by the following steps: a hit when the
        cached path already exists (the test puts it there), else a miss."""
        assert step["uses"].startswith("actions/cache@"), f"cannot simulate {step['uses']}"
        path = pathlib.Path(expr.substitute(step["with"]["path"]).replace("~", str(self.home), 1))
        assert expr.substitute(step["with"]["key"]), "empty cache key"
        hit = path.is_dir() and any(path.iterdir())
        return {"outputs": {"cache-hit": "true" if hit else ""}, "outcome": "success",
                "conclusion": "success"}

    def run_step(self, step, expr, action_dir):
        self.counter += 1
        files = {name: self.temp / f"_{name.lower()}_{self.counter}"
                 for name in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH")}
        for f in files.values():
            f.write_text("")
        env = self.base_env()
        env.update({k: str(v) for k, v in files.items()})
        env["GITHUB_ACTION_PATH"] = str(action_dir)
        env.update({k: expr.substitute(v) for k, v in step.get("env", {}).items()})
        assert step.get("shell") == "bash", f"step {step.get('id')} must say shell: bash"
        script = self.temp / f"_step_{self.counter}.sh"
        script.write_text(step["run"])
        # The runner's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=self.workspace, env=env, capture_output=True, text=True, timeout=120)
        self.job_env.update(parse_command_file(files["GITHUB_ENV"]))
        self.path_additions += [p for p in files["GITHUB_PATH"].read_text().splitlines() if p]
        outcome = "success" if proc.returncode == 0 else "failure"
        return outcome, parse_command_file(files["GITHUB_OUTPUT"]), proc.stdout + proc.stderr


@pytest.fixture
def runner(tmp_path):
    r = Runner(tmp_path)
    yield r
    # Whatever a test left running (a failed assertion before its stop step).
    pid_file = r.job_env.get("HELIOSDB_NANO_PID_FILE")
    if pid_file and os.path.exists(pid_file):
        subprocess.run([NANO_BIN, "stop", "--pid-file", pid_file], capture_output=True, timeout=30)


def psql(env, *args):
    return subprocess.run(["psql", "-X", "-At", *args], env=env, capture_output=True, text=True, timeout=30)


# --- structure ----------------------------------------------------------------

def test_every_yaml_file_under_ci_parses_and_is_well_formed():
    files = yaml_files()
    names = {str(p.relative_to(CI)) for p in files}
    assert {"github/setup-heliosdb-nano/action.yml", "github/setup-heliosdb-nano/stop/action.yml"} <= names
    workflows = [p for p in files if p.parent == EXAMPLES]
    assert len(workflows) >= 4, names
    for path in files:
        doc = load(path)
        assert isinstance(doc, dict), path
        if path.name == "action.yml":
            assert doc["runs"]["using"] == "composite", path
            assert doc["name"] and doc["description"], path
            continue
        assert workflow_on(doc), f"{path}: no `on:`"
        assert doc["jobs"], f"{path}: no jobs"
        for job_id, job in doc["jobs"].items():
            assert "runs-on" in job, f"{path}: job {job_id} has no runs-on"
            assert job["steps"], f"{path}: job {job_id} has no steps"
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), f"{path}: {job_id}: {step}"


def test_action_declares_its_inputs_outputs_and_shell_steps():
    action = load(ACTION)
    assert set(action["inputs"]) == EXPECTED_INPUTS
    for name, spec in action["inputs"].items():
        assert spec.get("description"), f"input {name} has no description"
        assert spec.get("required") is False, f"input {name}: every input has a default"
    assert set(action["outputs"]) == EXPECTED_OUTPUTS
    for name, spec in action["outputs"].items():
        assert spec["value"] == f"${{{{ steps.start.outputs.{name} }}}}", name
    text = ACTION.read_text()
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == EXPECTED_INPUTS, f"declared but unused: {EXPECTED_INPUTS - used}, undeclared: {used - EXPECTED_INPUTS}"

    steps = action["runs"]["steps"]
    assert [s.get("id") for s in steps] == ["validate", "cache", "build", "start"]
    for step in steps:
        if "uses" in step:
            assert step["uses"].startswith("actions/cache@"), step
            continue
        assert step["shell"] == "bash"
        # Inputs reach the scripts through env:, never pasted into shell text.
        assert "${{" not in step["run"], f"expression inside run: of step {step['id']}"
        script = re.fullmatch(r'"\$GITHUB_ACTION_PATH/([\w./-]+)"', step["run"]).group(1)
        path = ACTION_DIR / script
        assert path.is_file() and os.access(path, os.X_OK), path
        assert path.read_text().startswith("#!/usr/bin/env bash\n"), path

    stop = load(STOP_ACTION)
    assert set(stop["inputs"]) == {"pid-file"}
    (stop_step,) = stop["runs"]["steps"]
    assert stop_step["run"] == '"$GITHUB_ACTION_PATH/../stop.sh"'


def test_examples_use_only_what_the_actions_declare():
    inputs = set(load(ACTION)["inputs"])
    outputs = set(load(ACTION)["outputs"])
    stop_inputs = set(load(STOP_ACTION)["inputs"])
    setups = stops = 0
    for path in yaml_files():
        doc = load(path)
        if "jobs" not in doc:
            continue
        text = path.read_text()
        for job in doc["jobs"].values():
            setup_ids = []
            for step in job["steps"]:
                uses = step.get("uses", "")
                if "run" in step:
                    assert "${{" not in step["run"], f"{path}: pass expressions through env:, not run:"
                if uses.endswith("setup-heliosdb-nano/stop") or "setup-heliosdb-nano/stop@" in uses:
                    stops += 1
                    assert set(step.get("with", {})) <= stop_inputs, path
                    assert step.get("if") == "always()", f"{path}: the stop step must run always()"
                elif "setup-heliosdb-nano" in uses:
                    setups += 1
                    assert set(step.get("with", {})) <= inputs, f"{path}: {set(step['with']) - inputs}"
                    if "id" in step:
                        setup_ids.append(step["id"])
            for sid in setup_ids:
                for name in re.findall(rf"steps\.{re.escape(sid)}\.outputs\.([\w-]+)", text):
                    assert name in outputs, f"{path}: steps.{sid}.outputs.{name} is not an output"
    assert setups >= 3 and stops >= 2, (setups, stops)


def shell_sources(tmp_path):
    """Every script under ci/ plus every run: block of every YAML file."""
    sources = [p for p in CI.rglob("*.sh")]
    for path in yaml_files():
        doc = load(path)
        blocks = []
        if "runs" in doc:
            blocks = [(s.get("id", i), s) for i, s in enumerate(doc["runs"]["steps"])]
        for job_id, job in doc.get("jobs", {}).items():
            default_shell = job.get("defaults", {}).get("run", {}).get("shell", "bash")
            blocks += [(f"{job_id}-{i}", dict(s, shell=s.get("shell", default_shell)))
                       for i, s in enumerate(job["steps"])]
        for name, step in blocks:
            if "run" not in step:
                continue
            assert step["shell"] == "bash", f"{path}: step {name} is not bash"
            out = tmp_path / f"{path.relative_to(CI).as_posix().replace('/', '__')}__{name}.sh"
            out.write_text("#!/usr/bin/env bash\n# shellcheck disable=SC2154  # GitHub's env: vars\n"
                           "set -eo pipefail\n" + step["run"])
            sources.append(out)
    return sources


def test_shellcheck_passes_on_every_script_and_run_block(tmp_path):
    sources = shell_sources(tmp_path)
    scripts = [p for p in sources if p.parent != tmp_path]
    blocks = [p for p in sources if p.parent == tmp_path]
    assert len(scripts) >= 5 and len(blocks) >= 10, (len(scripts), len(blocks))
    proc = subprocess.run(["shellcheck", "-x", "-s", "bash", "-S", "style", *map(str, sources)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- the action, executed -----------------------------------------------------

def test_action_starts_a_seeded_server_and_exports_what_clients_need(runner):
    (runner.workspace / "db").mkdir()
    (runner.workspace / "db" / "schema.sql").write_text(
        "CREATE TABLE seeded (id INT PRIMARY KEY, name TEXT);\n"
        "INSERT INTO seeded VALUES (1, 'a'), (2, 'b');\n")
    password = "p@ss:w/rd;1 $x"
    outputs, steps, log = runner.run_action(ACTION, {
        "binary": NANO_BIN, "port": "0", "password": password, "seed": "db/schema.sql"})
    assert steps["start"]["outcome"] == "success", log
    assert steps["cache"]["outcome"] == steps["build"]["outcome"] == "skipped"
    assert f"::add-mask::{password}" in log

    port, pid = int(outputs["port"]), int(outputs["pid"])
    assert port > 0 and process_alive(pid)
    assert outputs["database-url"] == f"postgresql://postgres:p%40ss%3Aw%2Frd%3B1%20%24x@127.0.0.1:{port}/postgres"
    assert outputs["binary"] == os.path.realpath(NANO_BIN) or os.path.samefile(outputs["binary"], NANO_BIN)
    env = runner.job_env
    assert {k: env[k] for k in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD")} == {
        "PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": "postgres", "PGDATABASE": "postgres",
        "PGPASSWORD": password}
    assert env["DATABASE_URL"] == outputs["database-url"]
    assert os.path.samefile(env["NANO_BIN"], NANO_BIN)
    assert env["HELIOSDB_NANO_PID_FILE"] == outputs["pid-file"]

    # A later step: psql with only the exported variables (PG*), then with DATABASE_URL.
    later = runner.base_env()
    r = psql(later, "-c", "SELECT string_agg(name, ',' ORDER BY id) FROM seeded")
    assert (r.returncode, r.stdout.strip()) == (0, "a,b"), r.stderr
    r = psql({"PATH": later["PATH"]}, later["DATABASE_URL"], "-c", "SELECT current_user")
    assert (r.returncode, r.stdout.strip()) == (0, "postgres"), r.stderr
    # scram-sha-256 really is on: a wrong password is refused.
    r = psql(dict(later, PGPASSWORD="wrong"), "-c", "SELECT 1")
    assert r.returncode != 0 and "password" in r.stderr
    # GITHUB_PATH puts heliosdb-nano on PATH; HTTP answers /health.
    r = subprocess.run(["heliosdb-nano", "--version"], env=later, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and r.stdout.strip(), r.stderr
    with urllib.request.urlopen(env["HELIOSDB_NANO_HTTP_URL"] + "/health", timeout=10) as resp:
        assert resp.status == 200 and b'"memory"' in resp.read()

    # The cleanup action: stops the server and folds its log into the job log.
    _, stop_steps, stop_log = runner.run_action(STOP_ACTION, {})
    assert stop_steps["stop"]["outcome"] == "success", stop_log
    assert f"stopped pid {pid}" in stop_log and "::group::heliosdb-nano log" in stop_log
    assert not process_alive(pid)
    # Under always() it may run again (or after a crash): a warning, not a failure.
    _, again, again_log = runner.run_action(STOP_ACTION, {"pid-file": outputs["pid-file"]})
    assert again["stop"]["outcome"] == "success" and "::warning" in again_log, again_log


def test_trust_server_without_http_and_start_false(runner):
    outputs, steps, log = runner.run_action(ACTION, {"binary": NANO_BIN, "port": "0", "http": "false"})
    assert steps["start"]["outcome"] == "success", log
    assert outputs["http-port"] == "" and "HELIOSDB_NANO_HTTP_URL" not in runner.job_env
    assert outputs["database-url"] == f"postgresql://postgres@127.0.0.1:{outputs['port']}/postgres"
    assert "PGPASSWORD" not in runner.job_env
    r = psql(runner.base_env(), "-c", "SELECT 40 + 2")
    assert (r.returncode, r.stdout.strip()) == (0, "42"), r.stderr
    _, stop_steps, stop_log = runner.run_action(STOP_ACTION, {"pid-file": outputs["pid-file"]})
    assert stop_steps["stop"]["outcome"] == "success", stop_log
    assert not process_alive(int(outputs["pid"]))


def test_start_false_only_provides_the_binary(runner):
    outputs, steps, log = runner.run_action(ACTION, {"binary": NANO_BIN, "start": "false"})
    assert steps["start"]["outcome"] == "success", log
    assert os.path.samefile(outputs["binary"], NANO_BIN)
    assert outputs["pid"] == outputs["database-url"] == ""
    assert set(runner.job_env) == {"NANO_BIN", "HELIOSDB_NANO_BIN", "HELIOSDB_NANO_SOURCE"}
    # The sources default to the repository the action was loaded from.
    assert runner.job_env["HELIOSDB_NANO_SOURCE"] == str(ROOT)
    assert runner.path_additions == [os.path.dirname(outputs["binary"])]


def test_invalid_inputs_fail_first_with_one_clear_error_each(runner):
    _, steps, log = runner.run_action(ACTION, {
        "binary": "/nonexistent/heliosdb-nano", "port": "70000", "auth": "kerberos", "user": "a b",
        "mysql": "yes", "http": "sometimes", "seed": "missing.sql", "startup-timeout": "0",
        "start": "maybe"})
    assert steps["validate"]["outcome"] == "failure"
    assert all(steps[s]["outcome"] == "skipped" for s in ("cache", "build", "start"))
    errors = [line for line in log.splitlines() if line.startswith("::error title=setup-heliosdb-nano::")]
    for name in ("binary", "port", "auth", "user", "mysql", "http", "seed", "startup-timeout", "start"):
        assert any(f"input '{name}'" in e for e in errors), (name, log)
    # seed is wrong twice: start is not true, and the file is missing.
    assert len(errors) == 10 and "70000" in log and "kerberos" in log and "10 invalid input(s)" in log


@pytest.mark.parametrize("inputs, message", [
    ({"auth": "scram-sha-256"}, "input 'auth' is scram-sha-256, which needs input 'password'"),
    ({"auth": "trust", "password": "x"}, "input 'password' is set but 'auth' is trust"),
    ({"binary": "", "source-dir": "nowhere"}, "input 'source-dir': 'nowhere' is not a HeliosDB Nano checkout"),
])
def test_inconsistent_inputs_are_named(runner, inputs, message):
    _, steps, log = runner.run_action(ACTION, dict({"binary": NANO_BIN}, **inputs))
    assert steps["validate"]["outcome"] == "failure" and steps["start"]["outcome"] == "skipped"
    assert message in log, log


def test_a_server_that_cannot_start_fails_the_step_with_its_reason(runner):
    first, steps, log = runner.run_action(ACTION, {"binary": NANO_BIN, "port": "0", "http": "false"})
    assert steps["start"]["outcome"] == "success", log
    # The same job starts a second server on the port the first one holds.
    _, steps, log = runner.run_action(ACTION, {"binary": NANO_BIN, "port": first["port"], "http": "false"})
    assert steps["start"]["outcome"] == "failure"
    assert "::error title=setup-heliosdb-nano::heliosdb-nano start failed, exit code 1:" in log, log
    assert first["port"] in log
    _, stop_steps, stop_log = runner.run_action(STOP_ACTION, {"pid-file": first["pid-file"]})
    assert stop_steps["stop"]["outcome"] == "success", stop_log


def test_build_mode_keys_the_cache_on_the_sources(runner):
    """With no binary, validate.sh asks for a build and computes the cache key
    from the sources: the same checkout gives the same key from anywhere, and
    an empty source-dir means the action's own repository."""
    action = load(ACTION)
    validate = action["runs"]["steps"][0]
    keys = []
    for cwd_inputs in ({"source-dir": str(ROOT)}, {"source-dir": os.path.relpath(ROOT, runner.workspace)},
                       {}):
        values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
        values.update(cwd_inputs)
        expr = Expr({"inputs": values, "steps": {}, "github": {}, "runner": {}, "env": {},
                     "job_failed": False})
        outcome, outputs, log = runner.run_step(validate, expr, ACTION_DIR)
        assert outcome == "success", log
        assert outputs["build"] == "true" and outputs["source-dir"] == str(ROOT)
        assert outputs["install-dir"] == str(runner.home / ".cache/heliosdb-nano/install")
        keys.append(outputs["cache-key"])
    assert keys[0] == keys[1] == keys[2] and re.fullmatch(r"heliosdb-nano-[\w]+-[\w]+-[0-9a-f]{32}", keys[0]), keys


def test_build_mode_uses_the_cached_binary_on_a_cache_hit(runner):
    """No binary input: validate asks for a build, the (simulated) cache
    restores the install dir, build.sh checks the binary's libraries instead
    of compiling, and start uses the build step's output."""
    cached = runner.home / ".cache/heliosdb-nano/install/bin/heliosdb-nano"
    cached.parent.mkdir(parents=True)
    shutil.copy2(NANO_BIN, cached)
    outputs, steps, log = runner.run_action(ACTION, {"port": "0", "http": "false"})
    assert [steps[s]["outcome"] for s in ("validate", "cache", "build", "start")] == ["success"] * 4, log
    assert steps["cache"]["outputs"]["cache-hit"] == "true"
    assert "using the cached build" in log and "cache miss" not in log
    assert outputs["binary"] == str(cached) == runner.job_env["NANO_BIN"]
    r = psql(runner.base_env(), "-c", "SELECT 1")
    assert (r.returncode, r.stdout.strip()) == (0, "1"), r.stderr
    _, stop_steps, stop_log = runner.run_action(STOP_ACTION, {})
    assert stop_steps["stop"]["outcome"] == "success" and not process_alive(int(outputs["pid"])), stop_log


def test_a_cache_miss_installs_only_the_build_packages():
    """build.sh installs the sections of scripts/packages.txt that building
    the server needs, not the test-only oracle, Node or JDK."""
    proc = subprocess.run(["bash", "-c", '. "$1/lib.sh" && build_packages "$2"', "-",
                           str(ACTION_DIR), str(ROOT)], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    packages = proc.stdout.split()
    assert {"cmake", "ninja-build", "librocksdb-dev", "libpg-query-dev", "libedit-dev", "libpqxx-dev",
            "libgtest-dev"} <= set(packages), packages
    assert not {"postgresql", "nodejs", "default-jdk-headless", "python3-pytest"} & set(packages), packages


def test_mysql_input_reaches_the_server(runner):
    """mysql: 'true' passes --mysql. This build's server has no MySQL
    protocol and refuses it; the step must then fail with that reason."""
    outputs, steps, log = runner.run_action(ACTION, {"binary": NANO_BIN, "port": "0", "mysql": "true"})
    assert " --mysql " in log or log.rstrip().endswith("--mysql"), log
    if steps["start"]["outcome"] == "failure":
        assert "::error title=setup-heliosdb-nano::heliosdb-nano start failed" in log and "MySQL" in log, log
    else:
        _, stop_steps, stop_log = runner.run_action(STOP_ACTION, {"pid-file": outputs["pid-file"]})
        assert stop_steps["stop"]["outcome"] == "success", stop_log
