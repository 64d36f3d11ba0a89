from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_xlsx_has_provinces_and_governments_with_frozen_headers(national, superadmin, client_for):
    response = client_for(superadmin).get(reverse("national:xlsx"), {"tahun": YEAR})
    assert response.status_code == 200
    assert f"rekap-nasional-{YEAR}.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Provinsi", "Pemda"]
    provinces, governments = wb["Provinsi"], wb["Pemda"]
    for ws in (provinces, governments):
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
        assert ws["A1"].value == "Provinsi"
    rows = list(provinces.iter_rows(min_row=2, max_row=4, values_only=True))
    assert rows[0] == ("Jawa Barat", 2, 2, 0, 5, 4, 3, 2, 2, 0.5, 1)
    assert rows[1] == ("Jawa Timur", 1, 0, 1, 2, 2, 0, 0, 0, 0, 0)
    assert rows[2][0] == "Jumlah nasional"
    assert rows[2][1:9] == (3, 2, 1, 7, 6, 3, 2, 2)
    assert rows[2][9] == pytest.approx(2 / 6)
    assert provinces["J2"].number_format == "0.0%"
    assert provinces["A4"].font.bold
    gov_rows = list(governments.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in gov_rows] == [
        "Pemerintah Kota Lain",
        "Pemerintah Kota Uji",
        "Pemerintah Kabupaten Timur",
    ]
    assert gov_rows[1] == ("Jawa Barat", "Pemerintah Kota Uji", 4, 3, 2, 1, 1, 1 / 3, 1)
