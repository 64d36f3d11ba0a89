from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from tulta.core import formatting as f


def test_tanggal_names_the_day_and_month_in_indonesian():
    assert f.tanggal(dt.date(2017, 11, 30)) == "Kamis, 30 November 2017"


def test_tanggal_without_day():
    assert f.tanggal(dt.date(2026, 1, 5), with_day=False) == "5 Januari 2026"


def test_tanggal_of_none_is_empty():
    assert f.tanggal(None) == ""


def test_tanggal_jam_uses_a_dot_between_hours_and_minutes():
    moment = dt.datetime(2026, 3, 1, 14, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert f.tanggal_jam(moment) == "1 Maret 2026 14.05"


def test_angka_uses_thousands_dot_and_decimal_comma():
    assert f.angka(1250000) == "1.250.000"
    assert f.angka(1250000.456, 2) == "1.250.000,46"


def test_angka_negative_uses_true_minus_sign():
    assert f.angka(-68.4, 1) == "\u221268,4"


def test_angka_does_not_print_negative_zero():
    assert f.angka(-0.01, 1) == "0,0"


def test_angka_accepts_decimal():
    assert f.angka(Decimal("1234.5"), 1) == "1.234,5"


def test_persen():
    assert f.persen(29.6) == "29,6%"


def test_persen_of_nan_is_empty():
    assert f.persen(float("nan")) == ""


def test_rupiah():
    assert f.rupiah(1250000) == "Rp 1.250.000"
    assert f.rupiah(-5000) == "\u2212Rp 5.000"


def test_satuan_writes_rupiah_first_and_whole_and_percent_attached() -> None:
    assert f.satuan(14244.8, "Rp") == "Rp 14.245"
    assert f.satuan(Decimal("2000"), "Rp") == "Rp 2.000"
    assert f.satuan(10.71, "%") == "10,7%"
    assert f.satuan(15, "menit") == "15,0 menit"
    assert f.satuan(None, "Rp") == ""
    assert f.satuan(float("nan"), "menit") == ""


def test_satuan_filter_in_a_template() -> None:
    from django.template import Context, Template

    html = Template("{% load tulta %}{{ v|satuan:u }}").render(Context({"v": 2031.6, "u": "Rp"}))
    assert html == "Rp 2.032"


def test_zones_are_named_the_indonesian_way() -> None:
    when = dt.datetime(2026, 12, 3, 17, 38, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert f.zona(when) == "WIB"
    assert f.zona(when.astimezone(ZoneInfo("Asia/Makassar"))) == "WITA"
    assert f.zona(when.astimezone(ZoneInfo("Asia/Jayapura"))) == "WIT"
    assert f.zona(when.astimezone(ZoneInfo("Asia/Kolkata"))) == "IST"
    assert f.tanggal_jam_zona(when) == "3 Desember 2026 pukul 17.38 WIB"
