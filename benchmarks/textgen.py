"""Deterministic pseudo-English: sentences that look like news prose to a tokenizer.

Every function takes a ``random.Random`` so one seed gives one text. The vocabulary mixes
real English words (function words, news nouns, verbs and adjectives) with a long tail of
made-up words built from syllables, so the search index sees a realistic number of distinct
terms. No sentence contains ':' (seed parsing would read it as a speaker label) or Markdown
punctuation (the article body would need escaping).
"""

from __future__ import annotations

import itertools
import random

DETERMINERS = ["the", "the", "the", "a", "a", "this", "that", "its", "their", "every", "some",
               "any", "no", "another", "such a"]
PLURAL_DETS = ["the", "the", "these", "those", "many", "some", "several", "few", "their", "most"]
PREPOSITIONS = ["of", "of", "in", "in", "on", "to", "for", "with", "by", "from", "against",
                "about", "after", "before", "during", "without", "between", "under", "over",
                "through", "towards", "despite", "across", "among", "behind"]
CONJUNCTIONS = ["and", "but", "while", "because", "although", "since", "whereas", "so", "yet"]
ADVERBS = ["already", "still", "openly", "largely", "deliberately", "clearly", "hardly",
           "allegedly", "reportedly", "again", "never", "now", "once", "quickly", "seriously",
           "officially", "publicly", "quietly", "directly", "completely", "increasingly"]
OPENERS = ["However", "Meanwhile", "In fairness", "At the same time", "In principle",
           "Moreover", "Nevertheless", "According to observers", "In other words",
           "Of course", "Last year", "This week", "Earlier", "Since then", "In the end",
           "As a result", "By contrast", "Even so", "For now", "In practice"]
NOUNS = ["government", "army", "conflict", "war", "operation", "statement", "report", "source",
         "minister", "president", "leadership", "country", "region", "border", "treaty",
         "alliance", "sanction", "economy", "market", "industry", "agreement", "negotiation",
         "question", "answer", "position", "campaign", "propaganda", "media", "newspaper",
         "agency", "expert", "analyst", "scholar", "official", "diplomat", "parliament",
         "committee", "council", "republic", "regime", "decision", "proposal", "resolution",
         "veto", "summit", "visit", "meeting", "interview", "commentary", "analysis", "threat",
         "pressure", "crisis", "escalation", "tension", "security", "defence", "weapon",
         "missile", "launch", "program", "deployment", "volunteer", "mercenary", "instructor",
         "soldier", "troop", "unit", "brigade", "front", "territory", "integrity", "sovereignty",
         "recognition", "cooperation", "partnership", "relation", "interest", "strategy",
         "policy", "law", "court", "election", "vote", "referendum", "protest", "opposition",
         "society", "culture", "history", "tradition", "situation", "development", "event",
         "scenario", "prospect", "consequence", "reason", "evidence", "fact", "claim", "rumour",
         "headline", "publication", "audience", "reader", "public", "establishment", "elite",
         "bureaucracy", "administration", "capital", "city", "village", "factory", "port",
         "pipeline", "energy", "gas", "oil", "grain", "price", "budget", "debt", "currency",
         "bank", "investment", "trade", "export", "import", "supply", "shipment", "route"]
PLURAL_NOUNS = ["sanctions", "talks", "forces", "authorities", "officials", "experts",
                "politicians", "journalists", "outlets", "allies", "partners", "neighbours",
                "citizens", "voters", "soldiers", "troops", "volunteers", "mercenaries",
                "weapons", "missiles", "resources", "markets", "prices", "negotiations",
                "elections", "reports", "statements", "accusations", "threats", "interests",
                "rumours", "headlines", "circles", "structures", "institutions", "regions"]
ADJECTIVES = ["Western", "Russian", "Ukrainian", "American", "European", "Asian", "Korean",
              "military", "political", "economic", "diplomatic", "strategic", "international",
              "national", "regional", "local", "official", "unofficial", "serious", "dangerous",
              "possible", "unlikely", "large", "small", "new", "old", "current", "former",
              "future", "recent", "growing", "open", "hostile", "friendly", "independent",
              "sovereign", "legitimate", "provocative", "absurd", "reliable", "respectable",
              "so-called", "self-proclaimed", "long", "short", "important", "key", "main",
              "real", "general", "specific", "direct", "indirect", "effective", "weak", "strong",
              "powerful", "ailing", "sharp", "cautious", "public", "secret", "nuclear", "joint"]
VERBS = ["says", "believes", "notes", "recalls", "claims", "denies", "confirms", "reports",
         "accuses", "supports", "opposes", "threatens", "demands", "rejects", "accepts",
         "announces", "discusses", "considers", "prepares", "organises", "finances",
         "provokes", "criticises", "defends", "undermines", "strengthens", "weakens", "ignores",
         "raises", "lowers", "expands", "limits", "controls", "influences", "questions",
         "welcomes", "condemns", "signs", "breaks", "violates", "respects", "describes",
         "portrays", "dismisses", "repeats", "publishes", "quotes", "cites", "blames", "praises"]
PAST_VERBS = ["said", "believed", "noted", "recalled", "claimed", "denied", "confirmed",
              "reported", "accused", "supported", "opposed", "threatened", "demanded",
              "rejected", "announced", "discussed", "prepared", "provoked", "criticised",
              "defended", "ignored", "raised", "expanded", "signed", "violated", "described",
              "dismissed", "published", "quoted", "cited", "blamed", "stressed", "explained"]
QUESTION_WORDS = ["What", "Why", "How", "When", "Where", "Who", "Is it true that",
                  "Do you think that", "Can we say that", "Should we expect that"]

_ONSETS = ["b", "br", "c", "ch", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "k", "l", "m", "n",
           "p", "pl", "pr", "r", "s", "sh", "sk", "st", "str", "t", "th", "tr", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou"]
_CODAS = ["", "", "n", "r", "s", "l", "m", "nt", "st", "rd", "ck", "x"]
_SUFFIXES = ["", "", "", "ic", "al", "ism", "ity", "ment", "ness", "ive", "ous", "ance", "ist"]


def _make_pseudo_words(count: int, seed: int = 1234) -> list[str]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < count:
        syllables = rng.choice([2, 2, 2, 3, 3, 4])
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                       for _ in range(syllables)) + rng.choice(_SUFFIXES)
        if 4 <= len(word) <= 16:
            words.add(word)
    return sorted(words)


PSEUDO_WORDS = _make_pseudo_words(6000)
# Zipf-like weights: a few made-up words are common, most are rare (cumulative, for choices).
_PSEUDO_CUM_WEIGHTS = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(PSEUDO_WORDS))))


class TextGen:
    """Pseudo-English generator; ``names`` are proper nouns that may appear as subjects."""

    def __init__(self, rng: random.Random, names: list[str] | None = None,
                 pseudo_rate: float = 0.12) -> None:
        self.rng = rng
        self.names = names or []
        self.pseudo_rate = pseudo_rate

    def _pseudo(self) -> str:
        return self.rng.choices(PSEUDO_WORDS, cum_weights=_PSEUDO_CUM_WEIGHTS, k=1)[0]

    def noun(self) -> str:
        return self._pseudo() if self.rng.random() < self.pseudo_rate else self.rng.choice(NOUNS)

    def adjective(self) -> str:
        return self._pseudo() if self.rng.random() < self.pseudo_rate else self.rng.choice(ADJECTIVES)

    def noun_phrase(self) -> str:
        rng = self.rng
        roll = rng.random()
        if self.names and roll < 0.06:
            return rng.choice(self.names)
        if roll < 0.35:
            words = [rng.choice(PLURAL_DETS)]
            if rng.random() < 0.5:
                words.append(self.adjective())
            words.append(rng.choice(PLURAL_NOUNS))
            return " ".join(words)
        words = [rng.choice(DETERMINERS)]
        if rng.random() < 0.45:
            words.append(self.adjective())
        words.append(self.noun())
        if rng.random() < 0.25:
            words += [rng.choice(PREPOSITIONS), rng.choice(DETERMINERS), self.noun()]
        return " ".join(words)

    def clause(self) -> str:
        rng = self.rng
        parts = [self.noun_phrase()]
        if rng.random() < 0.25:
            parts.append(rng.choice(ADVERBS))
        parts.append(rng.choice(VERBS if rng.random() < 0.6 else PAST_VERBS))
        parts.append(self.noun_phrase())
        if rng.random() < 0.5:
            parts += [rng.choice(PREPOSITIONS), self.noun_phrase()]
        return " ".join(parts)

    def sentence(self) -> str:
        rng = self.rng
        parts = []
        if rng.random() < 0.15:
            parts.append(rng.choice(OPENERS) + ",")
        parts.append(self.clause())
        if rng.random() < 0.45:
            parts[-1] += ","
            parts += [rng.choice(CONJUNCTIONS), self.clause()]
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def question(self) -> str:
        rng = self.rng
        text = f"{rng.choice(QUESTION_WORDS)} {self.clause()}"
        return text[0].upper() + text[1:] + "?"

    def paragraph(self, words: int, extra: list[str] | None = None) -> str:
        """About ``words`` words; ``extra`` sentences are mixed in at random places."""
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        for item in extra or []:
            sentences.insert(self.rng.randrange(len(sentences) + 1), item)
        return " ".join(sentences)

    def title(self) -> str:
        rng = self.rng
        words = [self.adjective() if rng.random() < 0.5 else rng.choice(DETERMINERS)]
        words.append(self.noun())
        words.append(rng.choice(VERBS))
        words.append(self.noun_phrase())
        if rng.random() < 0.4:
            words += [rng.choice(PREPOSITIONS), self.noun_phrase()]
        text = " ".join(words)
        return text[0].upper() + text[1:]
