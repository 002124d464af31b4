"""Russian: the rules of the Russian pack (``data/ru/``), each one of the pack engine's shared forms
(:mod:`..packs.shapes`) under a Russian name, with Russian worked examples and counterexamples.
The order and precision are in ``data/ru/rules.tsv``. Russian grammar the forms read from the data:
«…» quotes and the dialogue dash (— Мы готовы, — сказал он), free word order (заявил министр),
past-tense cues that show the speaker's gender (заявила), and «по словам» with its source in the
genitive."""
from __future__ import annotations

from typing import Final

from ..packs.registry import pack_rule
from .base import Example

MEASURED_ON: Final = "not measured: no annotated Russian news in the project's reach (prior 0.5)"

RULES: Final = (
    pack_rule(
        "ru-quote-cue-speaker", "quote-cue-speaker",
        "A quotation (in «» or a dialogue line), then a dash, the cue and the speaker: «…», — сказал он.",
        (Example("«Мы готовы к переговорам», — заявил министр.", "Мы готовы к переговорам", "министр"),
         Example("— Работы закончим к осени, — сказала глава района Ольга Зимина.",
                 "Работы закончим к осени", "глава района Ольга Зимина")),
        ("Фильм «Брат» показали вчера по телевизору.",)),
    pack_rule(
        "ru-speaker-cue-quote", "speaker-cue-quote",
        "A speaker and cue, then a quotation: Песков заявил: «…»",
        (Example("Губернатор Иван Лебедев заявил: «Дорогу откроют в мае».", "Дорогу откроют в мае",
                 "Губернатор Иван Лебедев"),),
        ("Компания «Северный ветер» открыла новый завод.",)),
    pack_rule(
        "ru-according", "according",
        "An attribution without a verb of its own: по словам X, по данным X, как сообщает X, как отметил X.",
        (Example("По словам губернатора, дорогу откроют в мае.", "дорогу откроют в мае", "губернатора"),
         Example("Как сообщает ТАСС, переговоры продолжатся завтра.", "переговоры продолжатся завтра", "ТАСС")),
        ("По дороге домой он зашёл в магазин.",)),
    pack_rule(
        "ru-speaker-colon-quote", "speaker-colon-quote",
        "A speaker, a colon and a quotation, with no verb: Песков: «…»",
        (Example("Глава района Ольга Зимина: «Дорогу откроем в мае».", "Дорогу откроем в мае",
                 "Глава района Ольга Зимина"),),
        ("Главные темы: «Бюджет» и «Дороги».",)),
    pack_rule(
        "ru-speaker-cue-content", "speaker-cue-content",
        "A speaker and cue, then reported content: Министр заявил, что …",
        (Example("Министр заявил, что ситуация остается стабильной.", "что ситуация остается стабильной", "Министр"),
         Example("Эксперт считает, что цены вырастут к весне.", "что цены вырастут к весне", "Эксперт")),
        ("Он сказал тост и сел.",)),
    pack_rule(
        "ru-content-cue-speaker", "content-cue-speaker",
        "Reported content, then the cue and its speaker: …, заявил министр. / …, сообщает ТАСС.",
        (Example("Ситуация остается стабильной, заявил министр.", "Ситуация остается стабильной", "министр"),
         Example("Переговоры продолжатся завтра, сообщает ТАСС.", "Переговоры продолжатся завтра", "ТАСС")),
        ("Он рассказал о поездке.",)),
    pack_rule(
        "ru-quote-follow-on", "quote-follow-on",
        "A quotation with no cue right after a statement: its speaker's words.",
        (Example("Мэр заявил, что мост откроют летом. «Мы успеем».", "Мы успеем", "Мэр"),),
        ("«Мы успеем».",)),
)
