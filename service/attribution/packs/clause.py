"""How a cue stands in its sentence, for the pack engine: the speaker's phrase (before the cue, or
after it in verb-second and free word order), the separable particle that closes the cue's
clause, and where the content lies. Read once per cue; the language's rules then match on it.

All searches around a cue are bounded (``REACH`` tokens), so a sentence costs time linear in its
length whatever it holds."""
from __future__ import annotations

from typing import Final, NamedTuple

from .data import Pack
from .text import DASHES, Sent, Tok

REACH: Final = 14            # tokens a speaker phrase or a particle may lie from its cue
MAX_PHRASE: Final = 10       # tokens in one speaker phrase
MAX_QUOTED_NAME: Final = 40  # characters of a name in quotation marks inside a phrase
BOUNDARY: Final = frozenset(",;:-") | frozenset(DASHES)      # a lone hyphen is a dash ("», - сказал")


class SentCtx(NamedTuple):
    """What a rule reads: the text, the sentence and its tokens, the pack, the cue token indexes."""

    text: str
    sent: Sent
    toks: list[Tok]
    pack: Pack
    cues: tuple[int, ...]
    previous: tuple[int, int] | None = None     # the sentence before, in the same paragraph
    words_before: tuple[int, ...] = ()          # words_before[k]: word tokens among toks[:k]
    quotes_before: tuple[int, ...] = ()         # quotations among toks[:k]

    def words(self, a: int, b: int) -> int:
        """Word tokens among toks[a:b], in constant time."""
        return self.words_before[b] - self.words_before[a]

    def quotations(self, a: int, b: int) -> int:
        return self.quotes_before[b] - self.quotes_before[a]


def counts(toks: list[Tok], kind: str) -> tuple[int, ...]:
    """Running counts of the tokens of ``kind``: entry k counts toks[:k]."""
    out = [0]
    for t in toks:
        out.append(out[-1] + (t.kind == kind))
    return tuple(out)


class CueFrame(NamedTuple):
    """A cue in its sentence. ``speaker``: token range of the speaker phrase (or None);
    ``content_first``: the content stands before the cue (", sagte er"; ", — заявил он");
    ``after``: the token where the content may begin after the cue's clause (colon, comma or
    quotation), or -1; ``particle``: the token of the separable particle, or -1."""

    cue: int
    end: int                 # one past the cue's clause words (particle included)
    speaker: tuple[int, int] | None
    content_first: bool
    after: int
    particle: int


def is_cue(ctx: SentCtx, i: int) -> int | None:
    """The cue at token ``i``: the index one past its particle (or ``i + 1``), or None when the form
    needs a particle its clause does not have ("teilte ... mit")."""
    if ctx.toks[i].low in ctx.pack.tail_markers:
        return i + 1
    verb = ctx.pack.verbs.get(ctx.toks[i].low)
    if verb is None or ctx.toks[i].kind != "w":
        return None
    toks = ctx.toks
    if not verb.particles:
        # a bare cue form whose clause closes with a particle is another verb: "sagte den Termin ab"
        end = i + 1
        while end < len(toks) and end <= i + REACH and toks[end].kind == "w":
            end += 1
        if end > i + 1 and toks[end - 1].low in ctx.pack.particles and (end == len(toks) or toks[end].kind == "p"):
            return None
        return i + 1
    for j in range(i + 1, min(len(toks), i + 1 + REACH)):
        t = toks[j]
        if t.kind != "w":
            if t.text in BOUNDARY or t.kind == "q" or t.text in ".!?":
                break
            continue
        if t.low in verb.particles:
            return j + 1
    return None


def word_class(pack: Pack, tok: Tok) -> str:
    return pack.word_classes.get(tok.low, "")


def _capital(tok: Tok) -> bool:
    return tok.kind == "w" and tok.text[0].isupper()


def phrase_from(ctx: SentCtx, i: int, limit: int, loose: bool = False) -> int:
    """One past the last token of the speaker phrase starting at token ``i`` (``i`` when none
    starts there): a pronoun alone; or articles, adjectives, role nouns and names, with a genitive
    or "von" attachment (a parenthesis after it, "(CDU)", is read by the speaker stage, not taken). In a language that does not capitalise its
    nouns, lower-case words that are no function words and no verbs are taken too."""
    toks, pack = ctx.toks, ctx.pack
    n = min(len(toks), limit)
    if i >= n:
        return i
    first = toks[i]
    if first.kind == "q" and loose:
        pass                                    # "по данным «Коммерсанта»", "передает «Интерфакс»"
    elif first.kind != "w" or first.low in pack.non_speakers or first.low in pack.verbs and not (
            pack.capital_nouns and i and first.text[0].isupper()):
        return i
    if first.low in pack.anaphors and (i + 1 >= n or toks[i + 1].kind != "w" or toks[i + 1].low in pack.verbs
                                       or toks[i + 1].low in pack.auxiliaries):
        return i                                # "Das teilte ... mit": a demonstrative, no source
    if first.low in pack.pronouns:
        if not pack.capital_nouns and i + 1 < n and toks[i + 1].kind == "w" and not word_class(pack, toks[i + 1]) \
                and toks[i + 1].low not in pack.verbs and toks[i + 1].low not in pack.non_speakers:
            return max(i + 1, phrase_from(ctx, i + 1, limit))      # "его представитель"
        return i + 1
    j = i
    heads = 0
    while j < n and j - i < MAX_PHRASE:
        t = toks[j]
        if t.kind == "p":
            if t.text in "-'\u2019" and heads:
                j += 1
                continue
            if t.text == "." and j > i and (toks[j - 1].low in pack.titles or toks[j - 1].low in pack.abbreviations) \
                    and j + 1 < n and _capital(toks[j + 1]):
                j += 1                          # "Die Virologin Dr. Miriam Albers"
                continue
            break
        if t.kind == "q":
            if (heads or loose and j == i) and len(t.text) <= MAX_QUOTED_NAME and t.text[1:2].isupper():
                heads += j == i
                j += 1                          # "die Zeitung „Hoy Bolivia“", "компания «Лесной дом»"
                continue
            break
        cls = word_class(pack, t)
        low = t.low
        if (low in pack.verbs and not (pack.capital_nouns and t.text[0].isupper())) or low in pack.particles and heads \
                or low in pack.non_speakers or low in pack.pronouns:
            break
        if heads and low in pack.attachments:
            if not _attachment_ahead(ctx, j, n) or cls == "article" and _after_name(ctx, i, j):
                break                           # "sagte Konrad Weidner der F.A.Z.": a dative, no genitive
            j += 1
            continue
        if cls == "article":
            if heads:
                break
            j += 1
            continue
        if cls == "preposition" and heads and not pack.capital_nouns and j + 2 < n and toks[j + 1].kind == "w" \
                and not word_class(pack, toks[j + 1]) and _capital(toks[j + 2]):
            j += 2                              # "Глава комитета Госдумы по транспорту Виктор Сажин"
            continue
        if cls:
            break
        if _capital(t) or t.text[0].isdigit() and heads:
            heads += 1
            j += 1
            continue
        if not pack.capital_nouns or (j > i and _modifies(ctx, j - 1) or j == i and loose) \
                and _adjective_before_noun(ctx, j, n):
            heads += pack.capital_nouns is False
            j += 1
            continue
        break
    while j > i and (toks[j - 1].kind == "p" or word_class(pack, toks[j - 1]) in ("article", "preposition")):
        j -= 1
    return j if heads else i


def _after_name(ctx: SentCtx, i: int, j: int) -> bool:
    """The phrase so far ends in a person's name (a given name of the pack, then a word)."""
    return j - 2 >= i and ctx.toks[j - 2].text in ctx.pack.first_names


def _attachment_ahead(ctx: SentCtx, j: int, n: int) -> bool:
    """A word of the pack's ``attachments`` inside a phrase joins what follows to it when a
    capitalised word comes within three tokens ("der Sprecher des Ministeriums", "Berg von der
    Polizei")."""
    return any(_capital(ctx.toks[k]) for k in range(j + 1, min(n, j + 4)))


def _modifies(ctx: SentCtx, j: int) -> bool:
    """Token ``j`` may stand before an adjective inside a phrase: an article or another lower-case
    word (an adjective itself)."""
    t = ctx.toks[j]
    return t.kind == "w" and (word_class(ctx.pack, t) == "article" or not t.text[0].isupper())


def _adjective_before_noun(ctx: SentCtx, j: int, n: int) -> bool:
    """A lower-case word before a capitalised noun inside a phrase ("der grüne Staatssekretär")."""
    for k in range(j + 1, min(n, j + 3)):
        t = ctx.toks[k]
        if _capital(t):
            return True
        if t.kind != "w" or word_class(ctx.pack, t) or t.low in ctx.pack.verbs:
            return False
    return False


def clause_start(ctx: SentCtx, i: int) -> int:
    """The token where the clause of token ``i`` begins (after a colon, semicolon, or the sentence
    start)."""
    j = i - 1
    floor = max(-1, i - 1 - 3 * REACH)
    while j > floor:
        t = ctx.toks[j]
        if t.text in ";:":
            return j + 1
        j -= 1
    return j + 1


def subject_before(ctx: SentCtx, i: int) -> tuple[int, int] | None:
    """The phrase that fills the stretch from the clause start to the cue (or to the auxiliary of a
    participle cue: "X hatte gestern angekündigt"), when it is one speaker phrase, possibly with an
    apposition between commas ("Hans Berg, Sprecher der Stadt, sagte")."""
    found = _subject_to(ctx, i)
    if found is None and ctx.pack.auxiliaries:
        aux = auxiliary_before(ctx, i)
        if aux >= 0 and ctx.toks[aux].low not in ctx.pack.passives:
            found = _subject_to(ctx, aux)
            if found is None and ctx.pack.capital_nouns:
                # verb-second: "Am Freitag hat der Minister bekanntgegeben, ..."
                behind = phrase_after(ctx, aux)
                if behind is not None and behind[1] <= i:
                    found = behind
    return found


def auxiliary_before(ctx: SentCtx, i: int) -> int:
    """The auxiliary of the cue at ``i`` in its clause ("hatte ... angekündigt"), or -1."""
    aux = next((k for k in range(i - 1, max(-1, i - REACH), -1)
                if ctx.toks[k].low in ctx.pack.auxiliaries or ctx.toks[k].text in BOUNDARY), -1)
    return aux if aux >= 0 and ctx.toks[aux].low in ctx.pack.auxiliaries else -1


def _subject_to(ctx: SentCtx, i: int) -> tuple[int, int] | None:
    start = clause_start(ctx, i)
    if start >= i:
        return None
    found = _subject_from(ctx, start, i)
    if found is None and not ctx.pack.capital_nouns:
        # free word order: an adverbial before the subject ("В понедельник министр заявил")
        lead = _past_adverbial(ctx, start, i)
        if lead > start:
            found = _subject_from(ctx, lead, i)
    return found


def _past_adverbial(ctx: SentCtx, start: int, i: int) -> int:
    """The token after the adverbials opening a clause: adverbs, and a preposition with up to two
    words that open no speaker phrase ("В понедельник", "Накануне", "В ходе визита")."""
    toks, pack = ctx.toks, ctx.pack
    j = start
    while j < i and j < start + 4:
        cls = word_class(pack, toks[j])
        if cls == "adverb" or toks[j].low in pack.non_speakers:
            j += 1
        elif cls == "preposition":
            k = j + 1
            while k < i and k <= j + 2 and toks[k].kind == "w" and not _starts_phrase(ctx, k):
                k += 1
            if k == j + 1:
                break
            j = k
        else:
            break
    while j < i and toks[j].text == ",":
        j += 1
    return j


def _subject_from(ctx: SentCtx, start: int, i: int) -> tuple[int, int] | None:
    if start >= i:
        return None
    end = phrase_from(ctx, start, i)
    if end == i:
        return (start, end)
    k = end
    while end > start and k < i and word_class(ctx.pack, ctx.toks[k]) == "adverb":
        k += 1                                  # "Белов также сообщил"
    if end > start and k == i:
        return (start, end)
    stop = _past_parenthesis(ctx, end, i) if end > start else end
    if stop == i:
        return (start, end)
    if end > start and ctx.toks[stop].text == ",":
        end, phrase_end = stop, end
    else:
        phrase_end = end
    if end > start and word_class(ctx.pack, ctx.toks[end]) == "preposition" and i - end <= 3 and all(
            t.kind == "w" and t.low not in ctx.pack.verbs for t in ctx.toks[end:i]):
        return (start, i)                       # "Источник в правительстве сообщил", "Ein Sprecher im Amt sagte"
    if end > start and ctx.toks[end].text == "," and end + 1 < i and ctx.toks[i - 1].text == "," \
            and word_class(ctx.pack, ctx.toks[end + 1]) in ("relative", "article") and end + 1 < i - 1 \
            and ctx.toks[end + 1].low not in ctx.pack.indefinite_articles:
        return (start, end)                     # "Deiss, der sich ... entschlossen hatte, sagte"
    if end > start and ctx.toks[end].text == ",":
        # an apposition between commas, then the cue
        close = next((k for k in range(end + 1, i) if ctx.toks[k].text == ","), -1)
        if close == i - 1 and _past_parenthesis(ctx, phrase_from(ctx, end + 1, close), close) == close:
            return (start, phrase_end)
    return None


def _past_parenthesis(ctx: SentCtx, j: int, limit: int) -> int:
    """The token after a parenthesis opening at ``j`` ("Jens Berg (SPD) sagte"), or ``j``."""
    if j < limit and ctx.toks[j].text == "(":
        for k in range(j + 1, min(limit, j + 8)):
            if ctx.toks[k].text == ")":
                return k + 1
    return j


SKIPPABLE: Final = frozenset({"adverb"})


def phrase_after(ctx: SentCtx, i: int) -> tuple[int, int] | None:
    """The speaker phrase after the cue at ``i`` ("sagte der Minister", "äußerte sich gestern der
    Chef"), past reflexives, impersonal words and adverbs."""
    j = i + 1
    toks, pack = ctx.toks, ctx.pack
    limit = min(len(toks), i + 1 + REACH)
    while j < limit and (toks[j].kind == "w" or toks[j].kind == "q" and j + 1 < limit and _starts_phrase(ctx, j + 1)):
        if toks[j].kind == "q":
            j += 1                              # "заявил «Интерфаксу» замминистра ...": an addressee
            continue
        low = toks[j].low
        size = _organization_at(ctx, j, limit)
        ahead = j + size
        while ahead < min(limit, j + size + 4) and toks[ahead].kind != "p":
            ahead += 1
        if size and not pack.capital_nouns and any(
                _starts_phrase(ctx, k) or _is_role(pack, toks[k].low) for k in range(j + size, ahead)):
            j += size                           # "рассказали РБК два источника": the outlet is addressed
            continue
        if low in pack.reflexives or word_class(pack, toks[j]) in SKIPPABLE or low in pack.non_speakers:
            j += 1                              # "заявил журналистам министр", "sagte am Montag der Minister"
            continue
        if word_class(pack, toks[j]) == "preposition" and low not in pack.attachments:
            k = j + 1                           # "заявил в понедельник министр": past a short adverbial
            while k < limit and k <= j + 2 and toks[k].kind == "w" and not _starts_phrase(ctx, k):
                k += 1
            if k == j + 1:
                break
            j = k
            continue
        break
    stop = phrase_from(ctx, j, j + REACH, loose=toks[j].kind == "q") if j < len(toks) else j
    return (j, stop) if stop > j else None


def _organization_at(ctx: SentCtx, j: int, limit: int) -> int:
    """How many tokens from ``j`` name a known organisation (0: none)."""
    for size in (3, 2, 1):
        if j + size <= limit and " ".join(t.text for t in ctx.toks[j:j + size]) in ctx.pack.organizations:
            return size
    return 0


def _starts_phrase(ctx: SentCtx, k: int) -> bool:
    """Token ``k`` opens a speaker phrase of its own: a pronoun, a role or a capitalised name."""
    t = ctx.toks[k]
    return t.low in ctx.pack.pronouns or t.text[0].isupper() or _is_role(ctx.pack, t.low)


def _is_role(pack: Pack, low: str) -> bool:
    return low in pack.roles or any(low[:len(low) - cut] in pack.roles for cut in (1, 2, 3) if len(low) - cut >= 4)


def _named_before_cue(ctx: SentCtx, i: int) -> bool:
    """In free word order, a capitalised word or a role in the cue's clause before it: the subject
    stands there (unread), and what follows the cue is its object ("назвал законопроект")."""
    start = clause_start(ctx, i)
    return any(t.kind == "w" and k > start and (_capital(t) or _is_role(ctx.pack, t.low))
               for k, t in enumerate(ctx.toks[start:i], start))


def _document_after(ctx: SentCtx, i: int) -> tuple[int, int] | None:
    """The document an impersonal cue quotes, after it: "говорится в сообщении ведомства"."""
    verb = ctx.pack.verbs.get(ctx.toks[i].low)
    toks = ctx.toks
    if verb is None or verb.lemma not in ctx.pack.impersonal or i + 2 >= len(toks) \
            or word_class(ctx.pack, toks[i + 1]) != "preposition":
        return None
    end = phrase_from(ctx, i + 2, i + 2 + REACH, loose=True)
    return (i + 2, end) if end > i + 2 else None


def _container(ctx: SentCtx, i: int) -> tuple[int, int] | None:
    """The document an impersonal cue quotes from: the phrase after the preposition that opens its
    clause ("In der Pressemitteilung des Verbands heißt es")."""
    start = clause_start(ctx, i)
    if start + 1 < i and word_class(ctx.pack, ctx.toks[start]) == "preposition":
        end = phrase_from(ctx, start + 1, i)
        if end == i:
            return (start + 1, end)
    return None


def frame(ctx: SentCtx, i: int, end: int) -> CueFrame:
    """The frame of the cue at token ``i`` whose clause words end at ``end``."""
    toks = ctx.toks
    lead = i - 1 if i and toks[i - 1].low in ctx.pack.tail_markers else i     # ", so urteilte X"
    prev = toks[lead - 1] if lead else None
    content_first = False
    if prev is not None and (prev.text in BOUNDARY or prev.kind == "q"):
        k = lead - 1
        while k >= 0 and toks[k].kind == "p" and toks[k].text in BOUNDARY:
            k -= 1
        content_first = k >= 0 and prev.text != ":" and not (prev.text == "," or prev.kind == "q") \
            or k >= 0 and prev.text != ":" and subject_before(ctx, i) is None
    speaker = None
    if content_first:
        speaker = phrase_after(ctx, i) or _document_after(ctx, i)
    else:
        aux = auxiliary_before(ctx, i)
        if aux >= 0 and toks[aux].low in ctx.pack.passives:
            speaker = None                      # "X wurde aufgefordert, ...": X is no source
        else:
            behind = phrase_after(ctx, i)
            if behind is not None and toks[behind[0]].low in ctx.pack.pronouns and behind[1] - behind[0] == 1:
                speaker = behind                # "Der Politik schlug er vor": the pronoun is the subject
            else:
                speaker = subject_before(ctx, i)
                if speaker is None and (ctx.pack.capital_nouns or not _named_before_cue(ctx, i)):
                    speaker = behind            # verb-second ("Am Montag sagte der Minister"), not an object
            if speaker is None and (i + 1 < len(toks) and toks[i + 1].low in ctx.pack.impersonal
                                    or not ctx.pack.capital_nouns):
                speaker = _container(ctx, i)    # "In der Mitteilung heißt es, ...", "В МИД заявили, что ..."
            if speaker is None:
                speaker = _document_after(ctx, i)
    after = -1
    limit = min(len(toks), end + REACH)
    j = max(end, speaker[1] if speaker and speaker[0] > i else end)
    for k in range(j, limit):
        t = toks[k]
        if t.kind == "q":
            if k + 1 < limit and toks[k + 1].text == "," and len(t.text) <= MAX_QUOTED_NAME:
                continue                        # "рассказали «Новой газете», что ...": an addressee
            after = k
            break
        if t.text in ",:" or t.text in DASHES:
            after = k + 1 if k + 1 < len(toks) else -1
            break
        if t.text in ".!?;":
            break
        if t.low in ctx.pack.verbs:
            break
    return CueFrame(i, end, speaker, content_first, after, end - 1 if end - 1 > i else -1)
