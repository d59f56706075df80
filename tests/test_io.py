"""Decoding and odd inputs: encodings, HTML, empty, binary, long, non-French; and a property test."""

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord_extract.errors import InputError
from accord_extract.io import decode_article, read_article

TEXT = "Le ministre sénégalais a signé un accord à Dakar le 12 mars 2024. L’été sera chaud.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.replace("’", "'").encode("cp1252"), None),
    ],
)
def test_encodings(data, encoding):
    article = decode_article(data)
    assert "sénégalais" in article.text
    if encoding:
        assert article.encoding == encoding
    else:
        assert article.encoding in ("cp1252", "latin-1", "iso8859-15", "windows-1252")
        assert any("not UTF-8" in w for w in article.warnings)


def test_crlf_and_nbsp_are_normalised():
    article = decode_article("Dakar, 12\u00a0mars 2024\r\nTexte.\r\n".encode())
    assert article.text == "Dakar, 12 mars 2024\nTexte.\n"


def test_html_article(extractor):
    page = """<!doctype html><html><head><title>Le Sénégal et le Maroc signent</title>
    <meta property="article:published_time" content="2024-03-08"></head><body><article>
    <h1>Le Sénégal et le Maroc signent</h1>
    <p>Rabat, le vendredi 8 mars 2024 – Le ministre Karim Benali et son homologue Aliou Ndiaye ont signé hier un accord
    sur la pêche à Rabat. Les deux pays renforcent ainsi leur coopération économique et commerciale.</p>
    <p>Cet accord prévoit la formation des marins et le partage des données scientifiques.</p>
    </article></body></html>""".encode()
    article = decode_article(page, source="page.html", html=True)
    assert "<p>" not in article.text and "Karim Benali" in article.text
    assert article.title
    record = extractor.extract_article(article, "page")
    assert record.document.title == article.title
    assert record.document.publication_date == "2024-03-08"
    assert [a.instrument for a in record.agreements] == ["accord"]


def test_empty_file_gives_empty_record_and_warning(tmp_path, extractor):
    path = tmp_path / "empty.txt"
    path.write_text("  \n \n")
    record = extractor.extract_file(path)
    assert record.persons == [] and record.agreements == []
    assert any("empty" in w for w in record.warnings)


@pytest.mark.parametrize("data", [b"\x00\x01\x02" * 100, bytes(range(256)) * 20])
def test_binary_is_refused(tmp_path, data):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="not a text article"):
        read_article(path)


def test_non_french_is_flagged(extractor):
    record = extractor.extract_text("x")  # too short to judge: no warning
    assert not record.warnings
    article = decode_article(
        b"The minister and the delegation signed an agreement on energy with the company "
        b"in the capital. It was a good day for the two countries and for the region."
    )
    assert any("does not look French" in w and "en" in w for w in article.warnings)


def test_long_article_is_chunked_with_offsets_kept(extractor):
    paragraph = "Le ministre Karim Benali a signé un accord sur la pêche à Dakar le 12 mars 2024.\n"
    text = paragraph * 30
    import accord_extract.extractor as module

    old = module.CHUNK_CHARS
    module.CHUNK_CHARS = 1000
    try:
        record = extractor.extract_text(text)
    finally:
        module.CHUNK_CHARS = old
    assert any(p.name == "Karim Benali" for p in record.persons)
    mentions = list(record.mentions())
    assert len([m for m in mentions if m.text == "Dakar"]) == 30
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_gives_a_valid_record_with_true_offsets(extractor, text):
    record = extractor.extract_text(text)
    for mention in record.mentions():
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "Le",
                "Président",
                "Mali",
                "accord",
                "signé",
                "23",
                "juin",
                "2025",
                ",",
                ".",
                "\n",
                "Son Excellence",
                "GOÏTA",
                "🇲🇱",
                "مرحبا",
                "x" * 300,
                "\u202e",
                "\x07",
                "S.E.M.",
            ]
        ),
        max_size=60,
    ).map(" ".join)
)
def test_genre_like_noise(extractor, text):
    record = extractor.extract_text(text)
    for mention in record.mentions():
        assert text[mention.start : mention.end] == mention.text
