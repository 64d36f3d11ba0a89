"""Load benchmark: 100 simulated users for 60 s against gunicorn on the national dataset.

Run from the project root (after ``bin/start`` or ``bin/test`` made ``.venv``)::

    bench/run load                       # the full national dataset (550 pemda, 35,000 KBK)
    .venv/bin/python bench/bench_load.py --scale 0.1 --duration 20    # a quick run
    .venv/bin/python bench/bench_load.py --smoke      # does it still run? (about 20 s)

What it does:

1. Uses the PostgreSQL database ``tulta_national`` (``tulta_national_<scale>`` for a smaller
   ``--scale``; ``TULTA_LOAD_DATABASE_URL`` names another), creating, migrating and seeding it
   with ``seed_national`` when it is not there yet, and collects static files.
2. Starts gunicorn on 127.0.0.1 with production settings (DEBUG off; only the TLS switches
   are off, since it speaks plain HTTP) and ``bench/load_settings.py``, which adds a bare view
   (``/bench/bare/``) as the floor; ``2 × cores + 1`` sync workers unless ``--workers``. As in
   production, sessions are read from Redis (``TULTA_LOAD_REDIS_URL``, default database 15 of
   the local Redis) when one answers; the bench says which.
3. Signs every simulated user in once (a session cookie and a CSRF token each), then runs the
   mix for ``--duration`` seconds, each user pausing ``--think`` seconds between actions (people
   read and type; without pauses 100 users would be 100 saturating clients):

   - 50 team members editing a step: open the step page, then autosave it three times;
   - 15 mentors: their queue (``/pendampingan/``), then a step of one of their teams;
   - 15 programme admins: the programme dashboard;
   - 20 anonymous visitors: the showcase ``/karya/`` and a published item.

4. Measures capacity: 8 clients without pauses on every page of the mix and on the bare view,
   in three alternating 2 s windows each (so that what else the shared machine does falls on
   both sides); a page's throughput as a share of the bare view's beside it tells how much the
   page itself costs beyond Django's middleware, the network and the load client. The target
   is on the busiest page of the mix (the most requests).

It prints counts, errors, p50/p95/p99 latency and throughput per page against the targets (no
errors, p95 < 300 ms, busiest page ≥ 0.5 × the bare view) and always exits 0: it reports, it
does not gate.

With ``--smoke`` it shows only that the benchmark still runs: a new database of its own
(``tulta_load_smoke_<pid>``, dropped at the end) migrated and seeded with 2 pemda and 16 teams
in one process, static files not collected, one gunicorn worker on a free port, a cache key
prefix of its own (its keys deleted at the end), 5 users for 2 s with short pauses and one
short capacity window per page. It judges no target, but exits 1 when a request of the
scenario fails (a page that no longer answers is a benchmark that no longer runs).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
FULL_GOVERNMENTS, FULL_TEAMS = 550, 35000
MIX = {"editor": 50, "mentor": 15, "admin": 15, "visitor": 20}
P95_TARGET_MS = 300.0
RATIO_TARGET = 0.5
SATURATION_CLIENTS = 8
SATURATION_SECONDS = 2.0
SATURATION_ROUNDS = 3
SMOKE_GOVERNMENTS, SMOKE_TEAMS = 2, 16
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')
SECTION_INPUT = re.compile(r'name="section-([\w-]+)"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the national dataset")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of the mix")
    parser.add_argument(
        "--think", default="2,8", help="reading time between pages: MIN,MAX seconds"
    )
    parser.add_argument(
        "--autosave",
        type=float,
        default=5.0,
        help="seconds between an editor's autosaves (the step editor waits 5 s while typing)",
    )
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds not measured")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny dataset, 5 users for 2 s, no targets judged: does the benchmark still run?",
    )
    args = parser.parse_args()
    args.clients, args.window, args.rounds = (
        SATURATION_CLIENTS,
        SATURATION_SECONDS,
        SATURATION_ROUNDS,
    )
    if args.smoke:
        args.users, args.duration, args.warmup, args.think, args.autosave = (
            5,
            2.0,
            0.5,
            "0.1,0.3",
            0.2,
        )
        args.workers, args.port = 1, free_port()
        args.clients, args.window, args.rounds = 2, 0.3, 1
    return args


def free_port() -> int:
    """A port nobody listens on now (smoke runs of several worktrees may overlap)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the database and the server ------------------------------------------------------------


def database_url(scale: float, smoke: bool = False) -> str:
    if smoke:  # never one a full run uses: it is dropped at the end
        return f"postgres://postgres@127.0.0.1:5432/tulta_load_smoke_{os.getpid()}"
    if os.environ.get("TULTA_LOAD_DATABASE_URL"):
        return os.environ["TULTA_LOAD_DATABASE_URL"]
    name = "tulta_national" if scale >= 1 else f"tulta_national_{round(scale * 1000):04d}"
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def redis_url() -> str:
    """Production's shared cache (sessions read from Redis), when a Redis answers; else ""."""
    url = os.environ.get("TULTA_LOAD_REDIS_URL", "redis://127.0.0.1:6379/15")
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=2):
            return url
    except OSError:
        return ""


def server_env(
    url: str, cache: str, prefix: str = "tulta-bench", smoke: bool = False
) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF",  # noqa: S106  (a throwaway server on 127.0.0.1)
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on 127.0.0.1: the TLS switches of production are off, nothing else.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=url,
        REDIS_URL=cache,
        CACHE_KEY_PREFIX=prefix,
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="load_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
        TULTA_LOAD_SMOKE="1" if smoke else "0",
    )
    return env


def _admin_url(url: str) -> tuple[str, str]:
    """The maintenance database's URL beside ``url``, and the name of ``url``'s database."""
    parsed = urlparse(url)
    return url.replace(parsed.path, "/postgres"), parsed.path.lstrip("/")


def create_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_database(url: str, env: dict[str, str]) -> None:
    create_database(url)
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)  # noqa: S603


def drop_database(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_cache_keys(url: str, prefix: str) -> None:
    """Delete what a smoke run left in the shared Redis under its own key prefix."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)


def ensure_seeded(scale: float, env: dict[str, str]) -> None:
    governments = max(1, round(FULL_GOVERNMENTS * scale))
    teams = max(governments, round(FULL_TEAMS * scale))
    started = time.perf_counter()
    subprocess.run(  # noqa: S603  (our own manage.py)
        [
            PY,
            str(ROOT / "manage.py"),
            "seed_national",
            f"--governments={governments}",
            f"--teams={teams}",
        ],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout.splitlines()
    print(f"dataset ready ({time.perf_counter() - started:.0f} s)")
    subprocess.run(  # noqa: S603
        [PY, str(ROOT / "manage.py"), "collectstatic", "--no-input", "-v0"], env=env, check=True
    )


def pick_actors(
    env: dict[str, str], mix: dict[str, int], commands: list[list[str]] | None = None
) -> dict[str, Any]:
    """Real people and objects for each scenario, spread over many governments; after running
    the management ``commands`` in the same process (a smoke run saves two Django start-ups)."""
    code = """
import io, json, sys
import django
django.setup()
from django.core.management import call_command
for command in json.loads(sys.argv[2]):
    call_command(*command, stdout=io.StringIO())
from load_actors import actors
print(json.dumps(actors(json.loads(sys.argv[1]))))
"""
    out = subprocess.run(  # noqa: S603
        [PY, "-c", code, json.dumps(mix), json.dumps(commands or [])],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    log = open(ROOT / "var" / "bench-gunicorn.log", "wb")
    proc = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            "tulta.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--backlog",
            "2048",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not start; see var/bench-gunicorn.log")


# --- the simulated users --------------------------------------------------------------------


@dataclass
class Sample:
    page: str
    seconds: float
    ok: bool


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    recording: bool = True

    def add(self, page: str, seconds: float, ok: bool, why: str = "") -> None:
        if self.recording:
            self.samples.append(Sample(page, seconds, ok))
            if not ok and len(self.errors[page]) < 3:
                self.errors[page].append(why)


@dataclass
class User:
    kind: str
    data: dict[str, Any]
    client: httpx.AsyncClient
    recorder: Recorder
    csrf: str = ""
    version: int = 0
    sections: list[str] = field(default_factory=list)

    async def call(
        self, page: str, method: str, url: str, expect: int = 200, **kwargs: Any
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            self.recorder.add(page, time.perf_counter() - started, False, repr(exc))
            return None
        elapsed = time.perf_counter() - started
        ok = response.status_code == expect
        self.recorder.add(page, elapsed, ok, f"{response.status_code} {url}")
        return response if ok else None


async def sign_in(user: User, password: str) -> None:
    page = await user.client.get("/masuk/")
    token = CSRF_INPUT.search(page.text)
    if token is None:
        raise SystemExit(f"no sign-in form for {user.data['email']}")
    response = await user.client.post(
        "/masuk/",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": user.data["email"],
            "password": password,
        },
    )
    if response.status_code != 302:
        errors = re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', response.text, re.S)
        raise SystemExit(
            f"sign-in refused for {user.data['email']}: {response.status_code} {errors}"
        )


def _step_url(risalah: int, number: int) -> str:
    return f"/risalah/{risalah}/langkah/{number}/"


async def open_step(user: User) -> bool:
    response = await user.call(
        "langkah (GET)", "GET", _step_url(user.data["risalah"], user.data["step"])
    )
    if response is None:
        return False
    csrf, version = CSRF_INPUT.search(response.text), VERSION_INPUT.search(response.text)
    if csrf is None or version is None:
        user.recorder.add("langkah (GET)", 0.0, False, "step page is not editable")
        return False
    user.csrf, user.version = csrf.group(1), int(version.group(1))
    user.sections = SECTION_INPUT.findall(response.text)
    return True


async def autosave(user: User) -> None:
    data = {"csrfmiddlewaretoken": user.csrf, "version": str(user.version)}
    stamp = time.strftime("%H.%M.%S")
    for code in user.sections:
        data[f"section-{code}"] = f"<p>Catatan kelompok pukul {stamp}: data per jam dicatat.</p>"
    url = _step_url(user.data["risalah"], user.data["step"]) + "autosave/"
    response = await user.call(
        "langkah autosave (POST)", "POST", url, data=data, headers={"X-CSRFToken": user.csrf}
    )
    if response is not None:
        user.version = int(response.json()["version"])


async def mentor_queue(user: User) -> None:
    await user.call("antrean pendamping", "GET", "/pendampingan/")


async def mentor_step(user: User) -> None:
    risalah, number = random.choice(user.data["steps"])  # noqa: S311
    await user.call("langkah (pendamping)", "GET", _step_url(risalah, number))


async def dashboard(user: User) -> None:
    await user.call("dasbor pemantauan", "GET", f"/pemantauan/program/{user.data['programme']}/")


async def showcase(user: User) -> None:
    await user.call("karya (daftar)", "GET", "/karya/")


async def showcase_item(user: User) -> None:
    pk = random.choice(user.data["published"])  # noqa: S311
    await user.call("karya (item)", "GET", f"/karya/{pk}/")


async def bare(user: User) -> None:
    await user.call("bare view", "GET", "/bench/bare/")


async def scenario(user: User, until: float, think: tuple[float, float], typing: float) -> None:
    def pause() -> Any:
        return asyncio.sleep(random.uniform(*think))  # noqa: S311

    await asyncio.sleep(random.uniform(0, think[1]))  # noqa: S311  (users do not start in step)
    while time.perf_counter() < until:
        if user.kind == "editor":
            if await open_step(user):
                for _ in range(3):
                    await asyncio.sleep(typing)
                    await autosave(user)
        elif user.kind == "mentor":
            await mentor_queue(user)
            await pause()
            await mentor_step(user)
        elif user.kind == "admin":
            await dashboard(user)
        else:
            await showcase(user)
            if user.data["published"]:  # a tiny dataset may have published nothing
                await pause()
                await showcase_item(user)
        await pause()


SATURATE = {
    "langkah (GET)": ("editor", open_step),
    "langkah autosave (POST)": ("editor", autosave),
    "antrean pendamping": ("mentor", mentor_queue),
    "langkah (pendamping)": ("mentor", mentor_step),
    "dasbor pemantauan": ("admin", dashboard),
    "karya (daftar)": ("visitor", showcase),
    "karya (item)": ("visitor", showcase_item),
    "bare view": ("visitor", bare),
}


async def saturate(users: list[User], action: Any, seconds: float) -> None:
    until = time.perf_counter() + seconds

    async def loop(user: User) -> None:
        while time.perf_counter() < until:
            await action(user)

    await asyncio.gather(*(loop(u) for u in users))


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def process_cpu(names: tuple[str, ...] = (), parent: int | None = None) -> dict[int, float]:
    """CPU seconds used so far by each process called one of ``names`` or, with ``parent``, by
    that process and its children (gunicorn and its workers)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if comm in names or (parent is not None and parent in (pid, ppid)):
            found[pid] = _cpu_seconds(pid)
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two snapshots, by the processes alive at the second one."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


Row = tuple[str, int, int, float, float, float, float]  # page, count, errors, p50/95/99, req/s


def report_rows(samples: list[Sample], seconds: float) -> list[Row]:
    by_page: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_page[s.page].append(s)
    rows = []
    for page, items in sorted(by_page.items(), key=lambda kv: -len(kv[1])):
        times = [s.seconds * 1e3 for s in items]
        errors = sum(1 for s in items if not s.ok)
        rows.append(
            (
                page,
                len(items),
                errors,
                percentile(times, 50),
                percentile(times, 95),
                percentile(times, 99),
                len(items) / seconds,
            )
        )
    return rows


async def run(
    args: argparse.Namespace, actors: dict[str, Any], password: str, server_pid: int
) -> dict[str, Any]:
    base = f"http://127.0.0.1:{args.port}"
    low, high = (float(x) for x in args.think.split(","))
    think = (low, high)
    recorder = Recorder(recording=False)
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=2)
    users: list[User] = []
    for kind, count in scaled_mix(args.users).items():
        people = actors[kind]
        for i in range(count):
            data = people[i % len(people)]
            client = httpx.AsyncClient(
                base_url=base, timeout=60, limits=limits, follow_redirects=False
            )
            users.append(User(kind, {**data, "published": actors["published"]}, client, recorder))

    started = time.perf_counter()
    semaphore = asyncio.Semaphore(args.workers)

    async def signed(user: User) -> None:
        if user.kind == "visitor":
            return
        async with semaphore:
            await sign_in(user, password)

    await asyncio.gather(*(signed(u) for u in users))
    print(f"{len(users)} users signed in ({time.perf_counter() - started:.0f} s, not measured)")

    async def measure() -> float:
        recorder.recording = True
        began = time.perf_counter()
        await asyncio.sleep(args.duration)
        recorder.recording = False
        return time.perf_counter() - began

    until = time.perf_counter() + args.warmup + args.duration
    warm = asyncio.gather(*(scenario(u, until, think, args.autosave) for u in users))
    await asyncio.sleep(args.warmup)
    cpu_before = os.times()
    server_before = process_cpu(parent=server_pid)
    db_before = process_cpu(("postgres",))
    mix_seconds = await measure()
    cpu_after = os.times()
    server_cpu = cpu_used(server_before, process_cpu(parent=server_pid))
    db_cpu = cpu_used(db_before, process_cpu(("postgres",)))
    load = os.getloadavg()[0]
    await warm
    client_cpu = (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system)
    elapsed = cpu_after.elapsed - cpu_before.elapsed
    mix_samples = recorder.samples
    mix_errors = dict(recorder.errors)

    rows = report_rows(mix_samples, mix_seconds)
    busiest = next(r[0] for r in rows if r[0] != "bare view")
    prepared: set[str] = set()

    async def window(page: str) -> tuple[int, float]:
        """Requests answered on ``page`` by clients without pauses, and the seconds it took."""
        kind, action = SATURATE[page]
        pool = [u for u in users if u.kind == kind][: args.clients]
        if page == "langkah autosave (POST)" and page not in prepared:
            for u in pool:
                await open_step(u)
            prepared.add(page)
        recorder.samples, recorder.errors = [], defaultdict(list)
        recorder.recording = True
        began = time.perf_counter()
        await saturate(pool, action, args.window)
        spent = time.perf_counter() - began
        recorder.recording = False
        for name, why in recorder.errors.items():
            mix_errors.setdefault(f"{name} (kapasitas)", why)
        return sum(1 for s in recorder.samples if s.ok and s.page == page), spent

    # Each page against the bare view in alternating windows, so that a change in what else
    # the shared machine is doing falls on both sides of the ratio.
    capacity: dict[str, tuple[float, float]] = {}
    for page in (r[0] for r in rows):
        counts = {"bare view": [0, 0.0], page: [0, 0.0]}
        for _round in range(args.rounds):
            for name in ("bare view", page):
                ok, spent = await window(name)
                counts[name][0] += ok
                counts[name][1] += spent
        capacity[page] = (
            counts[page][0] / counts[page][1],
            counts["bare view"][0] / counts["bare view"][1],
        )
    for u in users:
        await u.client.aclose()
    return {
        "rows": rows,
        "seconds": mix_seconds,
        "errors": mix_errors,
        "busiest": busiest,
        "capacity": capacity,
        "users": len(users),
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
        "db_cpu": db_cpu,
        "load": load,
        "elapsed": elapsed,
    }


def scaled_mix(users: int) -> dict[str, int]:
    total = sum(MIX.values())
    counts = {k: max(1, round(users * v / total)) for k, v in MIX.items()}
    counts["editor"] += users - sum(counts.values())
    return counts


def main() -> int:
    args = parse_args()
    if not shutil.which(GUNICORN):
        raise SystemExit(".venv/bin/gunicorn is missing: run bin/start or bin/test first")
    url = database_url(args.scale, args.smoke)
    cache = redis_url()
    prefix = f"tulta-bench-smoke-{os.getpid()}" if args.smoke else "tulta-bench"
    env = server_env(url, cache, prefix, args.smoke)
    (ROOT / "var").mkdir(exist_ok=True)
    try:
        if args.smoke:  # one process; static files are served uncollected (load_settings.py)
            started = time.perf_counter()
            create_database(url)
            seed = [f"--governments={SMOKE_GOVERNMENTS}", f"--teams={SMOKE_TEAMS}"]
            commands = [["migrate", "--no-input", "-v0"], ["seed_national", *seed]]
            actors = pick_actors(env, scaled_mix(args.users), commands)
            print(f"database migrated and seeded ({time.perf_counter() - started:.0f} s)")
        else:
            ensure_database(url, env)
            ensure_seeded(args.scale, env)
            actors = pick_actors(env, scaled_mix(args.users))
        server = start_server(env, args.port, args.workers)
        try:
            result = asyncio.run(run(args, actors, actors["password"], server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if args.smoke:
            drop_database(url)
            if cache:
                drop_cache_keys(cache, prefix)

    print(
        f"tulta load benchmark: {result['users']} users for {result['seconds']:.0f} s "
        f"(after {args.warmup:.0f} s warm-up), reading {args.think} s, autosave every "
        f"{args.autosave:g} s; gunicorn {args.workers} sync workers on {os.cpu_count()} cores; "
        f"PostgreSQL {urlparse(url).path.lstrip('/')} (scale {args.scale:g}); "
        + (
            f"sessions cached in Redis ({cache})"
            if cache
            else "no Redis: sessions from the database"
        )
    )
    cores = (os.cpu_count() or 1) * result["seconds"]
    share = {k: 100 * result[k] / cores for k in ("server_cpu", "db_cpu", "client_cpu")}
    print(
        f"CPU during the mix: gunicorn {share['server_cpu']:.0f}%, PostgreSQL "
        f"{share['db_cpu']:.0f}%, load client {share['client_cpu']:.0f}% of the machine; "
        f"load average {result['load']:.1f}"
    )
    requests = sum(r[1] for r in result["rows"])
    if requests:
        print(
            f"server CPU per request: gunicorn {1e3 * result['server_cpu'] / requests:.1f} ms, "
            f"PostgreSQL {1e3 * result['db_cpu'] / requests:.1f} ms (the machine's other users "
            "take the rest; the load average counts them)"
        )
    header = f"{'page':<26}{'count':>7}{'errors':>7}{'p50':>9}{'p95':>9}{'p99':>9}{'req/s':>8}"
    print(header)
    print("-" * len(header))
    total_count = total_errors = 0
    p95_ok = True
    for page, count, errors, p50, p95, p99, rate in result["rows"]:
        total_count += count
        total_errors += errors
        p95_ok &= p95 < P95_TARGET_MS
        print(f"{page:<26}{count:>7}{errors:>7}{p50:>7.0f}ms{p95:>7.0f}ms{p99:>7.0f}ms{rate:>8.1f}")
    print("-" * len(header))
    rate = total_count / result["seconds"]
    print(f"{'all':<26}{total_count:>7}{total_errors:>7}{'':>27}{rate:>8.1f}")
    for page, why in result["errors"].items():
        print(f"  errors on {page}: {'; '.join(why)}")
    capacity = result["capacity"]
    busiest = result["busiest"]
    page_rate, bare_rate = capacity[busiest]
    ratio = page_rate / bare_rate if bare_rate else 0.0
    print(
        f"\ncapacity ({args.clients} clients without pauses; each page and the bare view in "
        f"{args.rounds} alternating windows of {args.window:g} s): req/s"
    )
    print(f"  {'page':<26}{'page':>7}{'bare':>7}{'share':>9}")
    for page, (rate, bare_beside) in capacity.items():
        mark = "  <- busiest page of the mix" if page == busiest else ""
        page_share = rate / bare_beside if bare_beside else 0.0
        print(f"  {page:<26}{rate:>7.0f}{bare_beside:>7.0f}{page_share:>7.2f} ×{mark}")
    checks = [
        ("no errors", f"{total_errors} errors", total_errors == 0 and not result["errors"]),
        (f"p95 < {P95_TARGET_MS:.0f} ms on every page", "see table", p95_ok),
        (
            f"busiest page ≥ {RATIO_TARGET} × bare view",
            f"{ratio:.2f} ×",
            ratio >= RATIO_TARGET,
        ),
    ]
    print()
    for name, figure, ok in checks:
        print(f"{name:<40}{figure:<16}{'-' if args.smoke else 'PASS' if ok else 'FAIL'}")
    if not args.smoke:
        print(f"\nSUMMARY: {sum(ok for *_x, ok in checks)}/{len(checks)} targets met")
        return 0
    print("\nSUMMARY: smoke run, targets not judged")
    if total_errors or result["errors"]:
        print("smoke run FAILED: requests of the scenario failed (see the errors above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
