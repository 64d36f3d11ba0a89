from __future__ import annotations

from tulta.core.richtext import clean_html, is_blank, plain_text


def test_formatting_and_tables_survive():
    html = "<h3>Data</h3><p><strong>45</strong> menit</p><table><tr><td>A</td></tr></table>"
    assert clean_html(html) == html.replace("<table><tr>", "<table><tbody><tr>").replace(
        "</tr></table>", "</tr></tbody></table>"
    )


def test_script_and_event_handlers_are_removed():
    html = '<p onclick="alert(1)">x</p><script>alert(2)</script><img src=x onerror=alert(3)>'
    cleaned = clean_html(html)
    assert "alert" not in cleaned
    assert "<script" not in cleaned and "onerror" not in cleaned


def test_javascript_links_are_removed():
    assert "javascript" not in clean_html('<a href="javascript:alert(1)">klik</a>')


def test_blank_html_is_detected():
    assert is_blank("<p> </p><p><br></p>")
    assert not is_blank("<p>ada isi</p>")
    assert plain_text("<p>a&nbsp;&amp; b</p>") == "a & b"
