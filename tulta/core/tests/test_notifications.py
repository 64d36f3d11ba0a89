"""notify(): every recipient of a notice in one statement, once per key."""

from __future__ import annotations

import pytest

from tulta.core.models import Notification
from tulta.core.notifications import Notice, notify, notify_each
from tulta.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return UserFactory.create_batch(40, government=world.government)


def test_a_notice_to_many_people_is_one_insert(people, world, django_assert_num_queries):
    with django_assert_num_queries(1):
        created = notify(people, actor=world.admin, message="Rapat pukul 09.00", url="/rapat")
    assert created == 40
    rows = Notification.objects.filter(message="Rapat pukul 09.00")
    assert {n.recipient_id for n in rows} == {p.pk for p in people}
    assert {(n.actor_id, n.url) for n in rows} == {(world.admin.pk, "/rapat")}


def test_a_keyed_notice_reads_what_was_sent_once_and_inserts_once(
    people, world, django_assert_num_queries
):
    notify(people[:10], actor=None, message="Pengingat", key="pengingat:1")
    with django_assert_num_queries(2):
        created = notify(people, actor=None, message="Pengingat", key="pengingat:1")
    assert created == 30
    assert Notification.objects.filter(key="pengingat:1").count() == 40


def test_a_keyed_notice_is_never_created_twice(people):
    assert notify(people, actor=None, message="Pengingat", key="pengingat:2") == 40
    assert notify(people, actor=None, message="Pengingat", key="pengingat:2") == 0
    assert Notification.objects.filter(key="pengingat:2").count() == 40


def test_the_actor_nobody_and_repeated_recipients_are_skipped(people, world):
    recipients = [people[0], people[0], None, world.admin, people[1]]
    assert notify(recipients, actor=world.admin, message="Komentar baru") == 2
    assert Notification.objects.filter(recipient=world.admin).count() == 0


def test_a_notice_with_nobody_to_tell_writes_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert notify([world.admin, None], actor=world.admin, message="Sendiri") == 0


def test_each_person_gets_their_own_message_in_one_insert(people, django_assert_num_queries):
    notices = [Notice(recipient=p, message=f"Ringkasan untuk {p.pk}", url="/") for p in people]
    with django_assert_num_queries(1):
        assert notify_each(notices, actor=None) == 40
    assert {n.message for n in Notification.objects.filter(recipient=people[3])} == {
        f"Ringkasan untuk {people[3].pk}"
    }


def test_different_keys_for_one_person_are_different_notices(people):
    notices = [
        Notice(recipient=people[0], message="Langkah 2 menunggu", key="review:2"),
        Notice(recipient=people[0], message="Langkah 3 menunggu", key="review:3"),
        Notice(recipient=people[0], message="Langkah 3 lagi", key="review:3"),
    ]
    assert notify_each(notices, actor=None) == 2
    assert notify_each(notices, actor=None) == 0


def test_a_long_message_is_cut_to_the_notice_size(people):
    notify(people[:1], actor=None, message="x" * 900)
    assert len(Notification.objects.get(recipient=people[0]).message) == 500
