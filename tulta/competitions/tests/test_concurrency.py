"""Real concurrent saves: threads, each with its own test Client (and so its own database
connection), released together by a barrier against a committed (``transaction=True``) database.
Runs on SQLite and, with ``DATABASE_URL`` pointing at PostgreSQL, on PostgreSQL. Nothing may be
lost, no request may fail, and every change must be in the audit log.

On SQLite these tests run on a database *file*, as production does (``settings.py``: WAL, a busy
timeout, ``BEGIN IMMEDIATE``). Django's default SQLite test database is a shared-cache in-memory
database, whose table locks fail at once ("database table is locked") instead of waiting, which
no deployment ever sees; see ``sqlite_file``.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from tulta.competitions import services
from tulta.competitions.models import Assignment, Round, Score
from tulta.core.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

BACKEND = "tulta.accounts.backends.EmailOrNipBackend"


def run_together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run every job in its own thread, all released at once; return their results in order.
    A job that raises fails the test with its exception. Each thread closes the database
    connections it opened."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def worker(i: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a request never finished"
    if errors:
        raise errors[0]
    return results


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def second_tab(client: Client) -> Client:
    """Another tab of the same browser: a separate client with the same session cookie."""
    tab = Client()
    tab.cookies = client.cookies.__class__(client.cookies)
    return tab


def save_all(client: Client, url: str, values: list[tuple[int, str]]) -> list[int]:
    return [client.post(url, {"criterion": c, "value": v}).status_code for c, v in values]


def score_events(entry_id: int) -> list[AuditEvent]:
    return [
        e
        for e in AuditEvent.objects.filter(verb="score_saved").order_by("id")
        if next(iter(e.changes)).startswith(f"{entry_id}:")
    ]


@pytest.fixture
def world(own_world):
    """These tests commit for real: a world of their own, not the module's shared one."""
    return own_world


@pytest.fixture
def sqlite_file(transactional_db, tmp_path) -> Iterator[None]:
    """On SQLite, point every connection (this thread's and the workers') at a file copy of the
    in-memory test database for the length of the test, then put the in-memory one back. The
    in-memory database lives as long as a connection to it is open, so that connection is kept
    aside, not closed. On PostgreSQL nothing changes."""
    conn = connections["default"]
    if conn.vendor != "sqlite" or not conn.is_in_memory_db():
        yield
        return
    conn.ensure_connection()
    memory, memory_name = conn.connection, conn.settings_dict["NAME"]
    path = tmp_path / "concurrent.sqlite3"
    with sqlite3.connect(path) as copy:
        memory.backup(copy)
    copy.close()
    conn.connection = None  # the next query opens the file, with settings.py's OPTIONS
    conn.settings_dict["NAME"] = str(path)  # the dict every new thread's connection reads
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict["NAME"] = memory_name
        conn.connection = memory
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.fixture
def judging(sqlite_file, comp):
    rnd: Round = comp["round"]
    entry = comp["entries"][1]  # of another unit than both judges'
    url = reverse("competitions:score_save", kwargs={"round_pk": rnd.pk, "entry_pk": entry.pk})
    criteria = list(rnd.rubric.criteria.all())
    return {**comp, "entry": entry, "url": url, "criteria": criteria}


def test_two_judges_scoring_the_same_entry_at_once_lose_nothing(world, judging):
    entry, url, criteria = judging["entry"], judging["url"], judging["criteria"]
    judges = [world.judge, judging["judge2"]]
    wanted = {
        world.judge.pk: {c.pk: str(7 + i % 3) for i, c in enumerate(criteria)},
        judging["judge2"].pk: {c.pk: str(2 + i % 4) for i, c in enumerate(criteria)},
    }
    clients = [signed_in(j) for j in judges]
    # one thread per judge and criterion: every save of both tablets lands at the same moment
    jobs = [
        (lambda cl=cl, c=c, v=v: save_all(cl, url, [(c, v)]))
        for cl, j in zip(clients, judges, strict=True)
        for c, v in wanted[j.pk].items()
    ]
    statuses = run_together(jobs)
    assert statuses == [[200]] * len(jobs)
    for judge in judges:
        saved = dict(
            Score.objects.filter(judge=judge, entry=entry).values_list("criterion_id", "value")
        )
        assert saved == {c: Decimal(v) for c, v in wanted[judge.pk].items()}
    events = score_events(entry.pk)
    assert len(events) == 2 * len(criteria)
    assert sorted((e.actor_id, *next(iter(e.changes.values()))) for e in events) == sorted(
        (j, None, f"{Decimal(v):.2f}") for j in wanted for v in wanted[j].values()
    )


def test_one_judge_saving_from_two_tabs_at_once_loses_nothing(world, judging):
    entry, url, criteria = judging["entry"], judging["url"], judging["criteria"]
    tab1 = signed_in(world.judge)
    tab2 = second_tab(tab1)
    first, second, shared = criteria[:3], criteria[3:6], criteria[6]
    # each tab saves its own criteria, and both save the same criterion with different values
    jobs = [
        lambda: save_all(tab1, url, [(c.pk, "8") for c in first] + [(shared.pk, "4")]),
        lambda: save_all(tab2, url, [(c.pk, "6") for c in second] + [(shared.pk, "9")]),
        lambda: save_all(tab1, url, [(shared.pk, "5")]),
        lambda: save_all(tab2, url, [(shared.pk, "3")]),
    ]
    statuses = run_together(jobs)
    assert all(s == 200 for row in statuses for s in row), statuses
    saved = dict(
        Score.objects.filter(judge=world.judge, entry=entry).values_list("criterion__code", "value")
    )
    assert {c.code: saved[c.code] for c in first} == {c.code: 8 for c in first}
    assert {c.code: saved[c.code] for c in second} == {c.code: 6 for c in second}
    assert saved[shared.code] in {3, 4, 5, 9}
    assert len(saved) == len(criteria)
    # the audit log holds every change, and the shared criterion's events chain old -> new
    events = score_events(entry.pk)
    shared_events = [
        next(iter(e.changes.values())) for e in events if e.changes.get(f"{entry.pk}:{shared.code}")
    ]
    assert shared_events[0][0] is None
    for before, after in itertools.pairwise(shared_events):
        assert after[0] == before[1]
    assert shared_events[-1][1] == f"{saved[shared.code]:.2f}"
    assert len(events) == len(first) + len(second) + len(shared_events)
    assert all(e.actor_id == world.judge.pk for e in events)


def test_a_save_racing_the_round_close_is_either_kept_or_refused(world, judging):
    """The close takes the round's row lock: a save either commits before it (and is kept, and
    locked) or sees the closed round (and is refused with a message); never half of each."""
    entry, url, criteria = judging["entry"], judging["url"], judging["criteria"]
    judge = signed_in(world.judge)
    rnd = judging["round"]
    statuses = run_together(
        [
            lambda: save_all(judge, url, [(c.pk, "7") for c in criteria]),
            # every card still open at the close is excluded (the organiser's choice per gap)
            lambda: services.round_close(
                actor=world.admin,
                round=Round.objects.get(pk=rnd.pk),
                exclude={a.pk: "Tidak selesai" for a in Assignment.objects.filter(round=rnd)},
            ),
        ]
    )[0]
    # 404 once the close excluded the judge's unfinished card: the entry left their list
    assert set(statuses) <= {200, 404, 422}
    kept = Score.objects.filter(judge=world.judge, entry=entry).count()
    assert kept == statuses.count(200)
    assert len(score_events(entry.pk)) == kept
