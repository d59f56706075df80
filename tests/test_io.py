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


def test_cp1252_oe_without_curly_apostrophe_is_not_iso_8859():
    """Issue 11 item 11: "œ" alone made charset detection pick ISO-8859-15, decoding it to U+009C."""
    text = "Le cœur de l'accord : les sœurs et les vœux du ministre pour la coopération. " * 3
    article = decode_article(text.encode("cp1252"))
    assert article.text == text and article.encoding == "cp1252"
    assert not any("\x80" <= ch <= "\x9f" for ch in article.text)


@pytest.mark.parametrize("name", ["page.xhtml", "page.php", "page.aspx", "page", "page.txt"])
def test_html_by_content_whatever_the_name(tmp_path, name):
    """Issue 11 item 10: one decision for every command; markup never reaches the text."""
    from accord_extract.inputs import find

    page = (
        "<!DOCTYPE html><html><head><title>T</title></head><body><nav><ul><li>Accueil</li>"
        "<li>Banque mondiale</li></ul></nav><article><p>Le ministre a signé un accord à Dakar avec la "
        "Banque mondiale pour financer la pêche.</p><p>Les deux parties ont salué un partenariat.</p>"
        "</article></body></html>"
    )
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert "<" not in article.text and "Dakar" in article.text and article.title == "T"
    (entry,) = find(path).entries  # batch reads the same entry through the same reader
    assert read_article(entry.path, source=entry.rel).text == article.text


def test_formats_by_magic_bytes(tmp_path):
    import gzip
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "a.txt").write_bytes(buffer.getvalue())  # a .docx renamed: told by its bytes
    with pytest.raises(InputError, match="unsupported format: docx"):
        read_article(tmp_path / "a.txt")
    (tmp_path / "b.gz").write_bytes(gzip.compress(TEXT.encode("utf-8")))
    assert read_article(tmp_path / "b.gz").text == TEXT
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(b" " * 5_000_000))
    with pytest.raises(InputError, match="decompresses to more than"):
        decode_article((tmp_path / "bomb.gz").read_bytes(), source="bomb.gz", limit=1_000_000)
    (tmp_path / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    with pytest.raises(InputError, match=r"not a text article: .* png image"):
        read_article(tmp_path / "c.png")


def test_reads_are_bounded_and_regular_only(tmp_path):
    import os

    os.mkfifo(tmp_path / "fifo.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_article(tmp_path / "fifo.txt")  # returns at once: nothing is read from a FIFO
    with pytest.raises(InputError, match="not a regular file"):
        read_article("/dev/zero")
    (tmp_path / "big.txt").write_bytes(b"a" * 2000)
    from accord_extract.io import read_bytes

    with pytest.raises(InputError, match="article too large"):
        read_bytes(tmp_path / "big.txt", limit=1000)


def test_long_single_line_is_cut_at_sentence_punctuation():
    from accord_extract.chunks import split_paragraphs

    text = "Le ministre a signé un accord à Dakar. " * 200
    chunks = split_paragraphs(text, 1000)
    assert "".join(part for _, part in chunks) == text
    assert all(part.endswith(". ") for _, part in chunks[:-1])
    assert all(len(part) <= 1000 for _, part in chunks)
    assert [offset for offset, _ in chunks] == [
        sum(len(p) for _, p in chunks[:i]) for i in range(len(chunks))
    ]
    blob = "x" * 2500  # no break at all: a fixed size
    assert [len(part) for _, part in split_paragraphs(blob, 1000)] == [1000, 1000, 500]
