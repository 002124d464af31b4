"""Speaker profiles (ENRICHED conventions N1, A1-A3, A7, G1-G3): the fullest name, affiliation,
party and gender read from the whole article. Every text is made up for this project; each row
names the statement by its content and states what its speaker must carry."""
from __future__ import annotations

import pytest

from service.attribution import attribute

# text, content of the statement, name, gender, organization, role, party
ROWS = [
    ("Republican vice-presidential nominee Mike Pence visited Ohio on Sunday. "
     '"We will win this state," Pence said.',
     "We will win this state", "Mike Pence", None, "Republican Party", "vice-presidential nominee", "Republican"),
    ('Sen. Ann Li (D-N.Y.) voted against the bill. "It is a giveaway," Li said, adding that she would '
     "keep fighting.",
     "It is a giveaway", "Ann Li", "female", "U.S. Senate", "senator", "Democratic"),
    ('Mr. Okafor left the hall early. "Nobody asked us," Okafor told reporters.',
     "Nobody asked us", "Okafor", "male", None, None, None),
    # the apposition names the described person, who keeps the description's affiliation (A1)
    ('The spokeswoman for the Harbour Authority, Lena Berg, spoke first. "The port stays open," Berg said.',
     "The port stays open", "Lena Berg", "female", "Harbour Authority", "spokeswoman", None),
    ("Daniel Brenner chairs the transport committee. Brenner said he would call a vote on Friday.",
     "he would call a vote on Friday", "Daniel Brenner", "male", None, None, None),
    # a first name is no evidence of gender (G2): nothing else says it here
    ('Maria Rossi runs the bakery on Main Street. "Bread prices will rise," Rossi said.',
     "Bread prices will rise", "Maria Rossi", None, None, None, None),
    # evidence both ways gives none (G3)
    ('Kim Lee spoke first. "We are ready," Lee said, adding that he was tired. "Not yet," Lee said, as she '
     "waved.",
     "We are ready", "Kim Lee", None, None, None, None),
    # a gendered noun in an apposition after the name
    ('Tomas Weber, the chairman of the port board, opened the session. "We need more berths," Weber said.',
     "We need more berths", "Tomas Weber", "male", "port board", "chairman", None),
    # a mention with no commas: the organisation loses the name and title it swallowed
    ('Retired U.S. Air Force Gen. Norman Hale said the base would stay open.',
     "the base would stay open", "Norman Hale", None, "U.S. Air Force", "general", None),
    # a sentence end glued to the word before a name is no premodifier
    ('The summit praised President Obama. Hale said the deal was fair.',
     "the deal was fair", "Hale", None, None, None, None),
    # a title inside the mention: what stands before it is the organisation
    ("New Jersey Gov. Chris Hale told reporters that the bridge would reopen.",
     "the bridge would reopen", "Chris Hale", None, "New Jersey", "governor", None),
    # an office named only by its title (A3)
    ('Rep. Tom Hart spoke on the floor. "This is the wrong bill," Hart said.',
     "This is the wrong bill", "Tom Hart", None, "U.S. House of Representatives", "representative", None),
    # two people of one surname: the surname alone is the one named first, so its 'he' is not hers
    ("Budget plan.\n\nPaul Hale unveiled a budget plan on Monday. Nora Hale, the eldest daughter, defended it. "
     '"It helps families," Nora Hale said. Hale said he would sign it in May.',
     "It helps families", "Nora Hale", "female", None, None, None),
    # a description headed by a gendered noun is the person named last before it, of that gender
    ("Nora Hale, the eldest daughter, spoke at the fair on Monday. When pressed on the cost, "
     'the 34-year-old mother of three replied, "It is meant for every family."',
     'When pressed on the cost, the 34-year-old mother of three replied, "It is meant for every family',
     "Nora Hale", "female", None, None, None),
]


@pytest.mark.parametrize("text,content,name,gender,organization,role,party", ROWS,
                         ids=[f"row{i}" for i in range(len(ROWS))])
def test_speaker_profile(text, content, name, gender, organization, role, party):
    result = attribute(text)
    quote = next((q for q in result.quotes if q.span.text == content), None)
    assert quote is not None, [(q.span.text, q.rule) for q in result.quotes]
    assert quote.speaker is not None and quote.speaker.name == name
    assert quote.speaker.gender == gender
    aff = quote.affiliation
    assert (aff.organization if aff else None) == organization
    assert (aff.role if aff else None) == role
    assert (aff.party if aff else None) == party
    speaker = next(s for s in result.speakers if s.id == quote.speaker.entity)
    assert speaker.gender == gender and speaker.name == name
    if gender is None:
        assert speaker.gender_evidence == ()
    else:
        assert speaker.gender_evidence
        for span in speaker.gender_evidence:
            assert text[span.start:span.end] == span.text


def test_surname_and_full_name_are_one_speaker():
    text = ('"We will rebuild," said Mayor Ana Ruiz on Monday. Ruiz later told reporters that the '
            "budget was ready.")
    result = attribute(text)
    assert len(result.quotes) == 2
    assert {q.speaker.entity for q in result.quotes} == {result.speakers[0].id}
    assert [s.name for s in result.speakers] == ["Ana Ruiz"]


def test_role_only_description_is_the_person_named_before_it():
    text = ("Bernie Sanders spoke in Burlington on Monday. Sanders said the plan was late. "
            "The Vermont senator later said that the vote would come in May.")
    result = attribute(text)
    speakers = {q.span.text: q.speaker for q in result.quotes}
    assert speakers["the vote would come in May"].entity == speakers["the plan was late"].entity
    assert speakers["the vote would come in May"].name == "Bernie Sanders"
