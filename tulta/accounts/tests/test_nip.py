from __future__ import annotations

import datetime as dt

import pytest

from tulta.accounts.nip import NipError, make_nip, normalize_nip, parse_nip

TODAY = dt.date(2026, 11, 28)


def test_a_valid_nip_is_parsed_into_its_parts():
    nip = parse_nip("198503152010011001", today=TODAY)
    assert nip.birth_date == dt.date(1985, 3, 15)
    assert (nip.appointment_year, nip.appointment_month) == (2010, 1)
    assert nip.sex == "L"
    assert nip.sequence == 1


def test_spaces_between_groups_are_accepted():
    assert parse_nip("19850315 201001 2 001", today=TODAY).sex == "P"
    assert normalize_nip("19850315.201001.2.001") == "198503152010012001"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("19850315201001100", "length"),
        ("1985031520100110011", "length"),
        ("19850315201001100A", "not_digits"),
        ("198502302010011001", "birth_date"),  # 30 February
        ("203001012010011001", "birth_date"),  # born in the future
        ("198503152010131001", "appointment"),  # month 13
        ("198503151984011001", "appointment"),  # appointed before birth
        ("198503152030011001", "appointment"),  # appointed in the future
        ("198503152010013001", "sex"),
        ("198503152010011000", "sequence"),
    ],
)
def test_invalid_nips_name_the_wrong_part(raw, code):
    with pytest.raises(NipError) as info:
        parse_nip(raw, today=TODAY)
    assert info.value.code == code
    assert "NIP" in info.value.message


def test_length_message_says_how_many_digits_were_given():
    with pytest.raises(NipError, match="18 digit; yang diisi 17 digit"):
        parse_nip("19850315201001100", today=TODAY)


def test_make_nip_round_trips():
    value = make_nip(dt.date(1990, 7, 1), 2015, 3, "P", 12)
    assert value == "199007012015032012"
    assert parse_nip(value).sequence == 12
