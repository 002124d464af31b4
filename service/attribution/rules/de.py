"""German: the rules of the German pack (``data/de/``), each one of the pack engine's shared forms
(:mod:`..packs.shapes`) under a German name, with German worked examples and counterexamples.
The order and measured precision are in ``data/de/rules.tsv``. German grammar the forms read from
the data: verb-second order („…“, sagte der Minister), separable particles that close the clause
(teilte ... mit), Konjunktiv I marking reported speech (er habe, sie sei), and capitalised nouns
(a capital letter is not a name)."""
from __future__ import annotations

from typing import Final

from ..packs.registry import pack_rule
from .base import Example

MEASURED_ON: Final = "de-wikinews-train.jsonl (German Wikinews quotation attribution, training split), overlap >= 0.3"

RULES: Final = (
    pack_rule(
        "de-quote-cue-speaker", "quote-cue-speaker",
        "A quotation, then its cue and speaker in verb-second order: „…“, sagte der Minister.",
        (Example("„Wir haben keine Zeit zu verlieren“, sagte die Ministerin am Montag.",
                 "Wir haben keine Zeit zu verlieren", "die Ministerin"),
         Example("„Die Schule bleibt geöffnet“, teilte die Stadtverwaltung mit.",
                 "Die Schule bleibt geöffnet", "die Stadtverwaltung"),
         Example("„Das ist ein guter Tag für die Region“, so Bürgermeister Jens Albrecht.",
                 "Das ist ein guter Tag für die Region", "Bürgermeister Jens Albrecht")),
        ("„Titanic“, der Film, lief gestern im Fernsehen.",)),
    pack_rule(
        "de-speaker-cue-quote", "speaker-cue-quote",
        "A speaker and cue, then a quotation: Müller sagte: „…“",
        (Example("Die Ärztin Carla Weiß sagte: „Wir sind am Limit.“", "Wir sind am Limit.", "Die Ärztin Carla Weiß"),),
        ("Der Film „Sonnenallee“ lief gestern.",)),
    pack_rule(
        "de-speaker-cue-content", "speaker-cue-content",
        "A speaker and cue, then reported content: Der Sprecher sagte, die Lage sei ernst.",
        (Example("Der Sprecher sagte, die Lage sei weiterhin ernst.", "die Lage sei weiterhin ernst", "Der Sprecher"),
         Example("Am Montag erklärte die Ministerin, dass die Schulen geöffnet bleiben.",
                 "dass die Schulen geöffnet bleiben", "die Ministerin"),
         Example("Die Polizei teilte mit, der Fahrer sei leicht verletzt worden.",
                 "der Fahrer sei leicht verletzt worden", "Die Polizei")),
        ("Die Firma teilte den Gewinn unter den Mitarbeitern auf.",)),
    pack_rule(
        "de-content-cue-speaker", "content-cue-speaker",
        "Reported content, then its cue and speaker: Die Lage sei ernst, sagte der Minister.",
        (Example("Die Lage sei unter Kontrolle, sagte ein Sprecher der Feuerwehr.",
                 "Die Lage sei unter Kontrolle", "ein Sprecher der Feuerwehr"),
         Example("Der Zug habe zwei Stunden Verspätung gehabt, teilte die Bahn mit.",
                 "Der Zug habe zwei Stunden Verspätung gehabt", "die Bahn")),
        ("Als er nach Hause kam, sagte er nichts.",)),
    pack_rule(
        "de-according", "according",
        "An attribution without a verb of its own: laut X, X zufolge, nach Angaben von X, wie X mitteilte.",
        (Example("Laut Polizei wurde niemand verletzt.", "wurde niemand verletzt", "Polizei"),
         Example("Dem Bericht zufolge fehlen im Haushalt drei Millionen Euro.",
                 "fehlen im Haushalt drei Millionen Euro", "Dem Bericht"),
         Example("Wie ein Sprecher der Stadt mitteilte, bleibt die Brücke bis Freitag gesperrt.",
                 "bleibt die Brücke bis Freitag gesperrt", "ein Sprecher der Stadt")),
        ("Nach dem Spiel gingen die Fans nach Hause.",)),
    pack_rule(
        "de-reported-act", "reported-act",
        "A report with no content clause: the sentence says what its subject said or did "
        "(Der Kommissar nannte den Beschluss einen fairen Kompromiss.)",
        (Example("Die Gewerkschaft forderte eine unabhängige Überprüfung der Gesetze.",
                 "Die Gewerkschaft forderte eine unabhängige Überprüfung der Gesetze", "Die Gewerkschaft"),),
        ("Die Gewerkschaft forderte.",)),
    pack_rule(
        "de-speaker-colon-quote", "speaker-colon-quote",
        "A speaker, a colon and a quotation, with no verb: BKA-Präsident Berg: „…“",
        (Example("Verbandschefin Ilse Rieger: „Wir brauchen mehr Personal.“", "Wir brauchen mehr Personal.",
                 "Verbandschefin Ilse Rieger"),),
        ("Die zentralen Punkte: „Bildung“ und „Arbeit“.",)),
    pack_rule(
        "de-reported-follow-on", "reported-follow-on",
        "A sentence in Konjunktiv I with no cue, right after a statement: the same speaker's words.",
        (Example("Der Bürgermeister sagte, die Brücke werde saniert. Die Arbeiten seien bereits vergeben.",
                 "Die Arbeiten seien bereits vergeben", "Der Bürgermeister"),),
        ("Die Brücke wird saniert. Die Arbeiten seien bereits vergeben.",)),
    pack_rule(
        "de-quote-follow-on", "quote-follow-on",
        "A quotation with no cue right after a statement: its speaker's words.",
        (Example("Die Trainerin sagte, das Team sei bereit. „Wir wollen den Titel.“",
                 "Wir wollen den Titel.", "Die Trainerin"),),
        ("„Wir wollen den Titel.“",)),
)
