"""The claims ledger of a cluster: who says what about the happening, by party, and
where parties disagree.

A report's statements about its event are those linked to it (`event_ids`), and,
for the event an article is mainly about, its statements that name no event (a
headline's "Russia blames US", "we have nothing to do with this", "there were no
soldiers in that building").
Parties are the states speakers speak for (else the speaker); only speakers for a
side (a state, its forces and officials, an armed group, an organisation) count
in the perpetrator and outside-support fields. Fields:
- perpetrator: a party accuses the event's alleged doer, and the doer's side denies;
  or, with no such accusation, the reports name a doer and its side denies.
- outside support: a party accuses someone else (who encouraged, armed or backed it),
  and that someone denies.
- target: one side (a state, an armed group, another organisation) says a military
  target was hit, another that civilians were (targets.yaml); not for a battle, where
  both sides are armed.
- fatalities, injured and every kind of count (detained, shot_down, launched,
  participants ...): reports give different figures. One source line revising its
  figure is an update (`Cluster.updates`: "the toll rose to four"), not a
  contradiction; different source lines' figures are (see `_figures`). A figure's
  line is the side (a state) whose speaker gives it, else the source named as giving
  it (a hospital's director, a rights group), else the publisher; a floor ("more than
  40") disagrees only with a figure below it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from sitrep.actors.lexicon import actor_lexicon
from sitrep.crossdoc.merge import Report, in_order
from sitrep.crossdoc.refs import figure_of, type_groups
from sitrep.events.counts import count_lexicon
from sitrep.events.numbers import read_number
from sitrep.geo.gazetteer import country_label, default_gazetteer, demonym
from sitrep.records import (
    Contradiction,
    ContradictionSide,
    Count,
    Event,
    Range,
    Statement,
    Update,
)
from sitrep.rules import WORDS, Required, load_rules


@dataclass(frozen=True, slots=True)
class Claim:
    article_id: str
    statement: Statement

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.statement.id}"

    @property
    def party(self) -> str:
        """The side a speaker speaks for: its state; an organisation speaks for itself
        (a Haitian rights group is not Haiti's side)."""
        speaker = self.statement.speaker
        if speaker.affiliation and speaker.kind != "organisation":
            return country_label(speaker.affiliation)
        return speaker.name


def claims_about(reports: Sequence[Report],
                 statements: Callable[[str], Sequence[Statement]],
                 main: Callable[[str], str | None],
                 told_with: Callable[[str, Event], set[str]] | None = None) -> list[Claim]:
    """The statements of the reports' articles about the cluster's happening.
    `statements(article_id)` gives an article's statements, `main(article_id)` the id
    of the event it is mainly about, `told_with(article_id, event)` the ids of the
    article's events that tell of the same happening (who is blamed for it)."""
    found: list[Claim] = []
    for report in reports:
        is_main = main(report.article_id) == report.event.id
        ids = {report.event.id} | (told_with(report.article_id, report.event)
                                   if told_with else set())
        for statement in statements(report.article_id):
            linked = bool(ids.intersection(statement.event_ids))
            loose = is_main and not statement.event_ids
            if linked or loose:
                found.append(Claim(report.article_id, statement))
    return list({c.key: c for c in found}.values())  # told of two of its events: once


def contradictions(cluster_id: str, reports: Sequence[Report],
                   claims: Sequence[Claim]) -> list[Contradiction]:
    doers = {a.name for r in reports for a in r.event.actors if a.role == "perpetrator"}
    sides = [c for c in claims if _a_side(c.statement)]
    accusing = [c for c in sides if c.statement.stance == "accuse" and c.statement.target]
    denying = [c for c in sides if c.statement.stance == "deny"]
    found, disputed = [], set()
    denied = _by(denying, lambda c: party_key(c.party))
    fields = _charges(accusing, denied, doers)
    for field in ("perpetrator", "outside support"):
        accusations = [c for c in accusing if fields[c.key] == field]
        for key, charges in _by_party(accusations).items():
            target = charges[0].statement.target or key
            self_denied = any(same_party(target, x.party) for x in charges)
            denials = [] if self_denied else [
                d for d in denying if same_party(target, d.party)]
            if charges and denials:
                # (the state that denies, by its name: "Russia", not "Russian shelling")
                state = next((d.party for d in denials if d.statement.speaker.affiliation
                              and d.statement.speaker.kind != "organisation"), None)
                target = state or target
                disputed.add(target)
                found.append(Contradiction(cluster_id, field, [
                    _side(charges, f"{target}: {_charge(field)}"),
                    _side(denials, "denies it")]))
    found += _denied_doers(cluster_id, reports, denying, disputed)
    # (in a battle both sides are armed: who hit civilians is blame, not a target)
    battle = 2 * sum(_battle(r.event) for r in reports) > len(reports)
    # a charge of backing tells the backer's conduct ("letting militants operate from
    # its soil"), not what was hit
    backing = {key for key, field in fields.items() if field == "outside support"}
    targets = [] if battle else _targets(cluster_id, [c for c in claims if c.key not in backing])
    return found + targets + _figures(cluster_id, reports, claims)[0]


def _battle(event: Event) -> bool:
    return event.acled is not None and event.acled.event_type == "Battles"


BY_WHOM = "led|backed|based|linked|allied|aligned"
"""Words after a hyphen that say by whom a party is led or backed, not who it is"""


def party_key(name: str | None) -> str:
    """A party's name as reports of it agree: no article or "-led" words, and a name of
    several capitalised words by its initials, as its acronym is written.

    >>> party_key("the Kurdish-led Syrian Democratic Forces"), party_key("Kurdish-led SDF")
    ('SDF', 'SDF')
    >>> party_key("Tehreek-e-Taliban Pakistan"), party_key("Russia"), party_key("officials")
    ('TTP', 'russia', 'officials')
    """
    words = [w for w in (name or "").split() if w.lower() != "the"
             and not re.search(rf"-(?:{BY_WHOM})$", w, re.I)]
    if len(words) == 1:
        return words[0] if words[0].isupper() else words[0].lower()
    named = [w for w in words if w.lower() not in ("of", "and", "for")]
    if len(named) >= 2 and all(w[:1].isupper() for w in named):
        return "".join(p[0] for w in named for p in w.split("-") if p[:1].isupper()).upper()
    return " ".join(words).lower()


def same_party(a: str, b: str) -> bool:
    """Whether two names name one party: one key (`party_key`), or the words of one
    among the other's, less words for any armed body, a plural's "s" and a possessive,
    with a people's name as its country's ("the Houthi movement" and "Yemen's Houthi
    movement"; "Eritrean army units" and "Eritrea"; not "pro-government forces" and
    "Houthi forces").

    >>> same_party("Houthi movement", "Yemen's Houthi movement"), same_party(
    ...     "Eritrean army units", "Eritrea"), same_party("Houthi forces", "government forces")
    (True, True, False)
    >>> same_party("Russia-backed separatists", "Russia")
    False
    """
    if party_key(a) == party_key(b):
        return True
    words = [_party_words(a), _party_words(b)]
    return bool(words[0] and words[1] and (words[0] <= words[1] or words[1] <= words[0]))


def _party_words(name: str) -> frozenset[str]:
    out = set()
    # (as `party_key`: "Russia-backed separatists" are not Russia)
    name = re.sub(rf"\S+-(?:{BY_WHOM})\b", " ", name, flags=re.I)
    for word in re.findall(r"[A-Za-z]+(?:'s|’s)?", name):
        word = re.sub(r"(?:'s|’s)$", "", word)
        iso = demonym(word) if word[:1].isupper() else None
        word = (country_label(iso) if iso else word).lower()
        if word not in ANY_BODY and word not in WORDS_NO_SOURCE:
            out.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(out)


ANY_BODY = frozenset({"forces", "force", "fighters", "fighter", "movement", "group", "groups",
                      "army", "troops", "units", "unit", "militia", "militias", "militants",
                      "rebels", "rebel", "men", "its", "their", "so", "called"})


def _charges(accusing: Sequence[Claim], denied: dict[str, list[Claim]],
             doing: set[str]) -> dict[str, str]:
    """The field each accusation's charge falls in (by claim key; `denied`: the denials
    by party key): what its words say (backing or doing, targets.yaml); else what the
    other charges against the same party say ("officials blame SDF" beside "accused the
    SDF of carrying out the attack"), else its denials ("denied backing the rebels");
    else doing when the accused is a doer the reports name or no state (an armed group)."""
    said = {c.key: _charge_said(c.statement.text) for c in accusing}
    fields: dict[str, str] = {}
    for key, charges in _by(accusing, lambda c: party_key(c.statement.target)).items():
        told = [f for c in charges if (f := said[c.key])] or [
            f for c in denied.get(key, []) if (f := _charge_said(c.statement.text))]
        target = charges[0].statement.target or key
        usual = max(told, key=told.count) if told else (
            "perpetrator" if any(same_party(target, d) for d in doing)
            or not _a_state(target) else "outside support")
        fields.update({c.key: said[c.key] or usual for c in charges})
    return fields


def _by_party(accusations: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Accusations by the party they charge, a party by any of its names (`same_party`:
    "the Houthi movement", "the Houthis")."""
    groups: dict[str, list[Claim]] = {}
    for claim in accusations:
        target = claim.statement.target or ""
        key = next((k for k, told in groups.items() if any(
            same_party(target, c.statement.target or "") for c in told)), party_key(target))
        groups.setdefault(key, []).append(claim)
    return groups


def _a_state(name: str | None) -> bool:
    """Whether a party named in a charge is a state ("Iran", "Rwandan troops"), which a
    charge that says neither backing nor doing charges with backing an attack; an
    armed group so charged is charged with the attack ("officials blamed the Houthis")."""
    words = re.findall(r"[A-Za-z]+", name or "")
    return any(demonym(w) for w in words if w[:1].isupper()) or any(
        e.feature == "country" for e in default_gazetteer().lookup(" ".join(words))[:1])


def _charge_said(text: str) -> str | None:
    """"outside support" or "perpetrator" when a statement's words charge only backing
    or only doing; else None."""
    tokens = re.findall(r"[a-z]+", text.lower())
    said = [f for k, f in (("backing", "outside support"), ("doing", "perpetrator"))
            if any(_said(tokens, w.split()) for w in _target_words()[k])]
    return said[0] if len(said) == 1 else None


VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
"""ACLED event types whose doer a side may deny (not arrests, protests, agreements)"""


def _denied_doers(cluster_id: str, reports: Sequence[Report], denying: Sequence[Claim],
                  done: set[str]) -> list[Contradiction]:
    """A doer the reports name (no one's accusation in the ledger) whose government or
    forces deny: the reports that name it on one side, the denial on the other
    ("Russian shelling hit the market" / Moscow: "our units do not fire at markets")."""
    found = []
    named: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.event.acled is None or report.event.acled.event_type not in VIOLENT:
            continue  # who arrested or dispersed people is not in doubt
        for actor in report.event.actors:
            if actor.role == "perpetrator" and actor.country and \
                    actor.attribution in ("asserted", "alleged"):
                named[actor.country].append(report)
    for country, told in named.items():
        label = country_label(country)
        denials = [c for c in denying if c.statement.speaker.affiliation == country
                   and c.statement.speaker.kind in ("government", "military")]
        if denials and not any(same_party(label, d) for d in done):
            publishers = ", ".join(dict.fromkeys(r.publisher for r in told))
            # "denied backing M23": the doer the reports name is a backer
            field = "outside support" if any(
                _charge_said(c.statement.text) == "outside support" for c in denials) \
                else "perpetrator"
            found.append(Contradiction(cluster_id, field, [
                ContradictionSide(f"reports ({publishers})", f"{label}: {_charge(field)}", []),
                _side(denials, "denies it")]))
    return found


def _targets(cluster_id: str, claims: Sequence[Claim]) -> list[Contradiction]:
    """Parties that say different things about what was hit: a military target for
    one, civilians for the other. Sides say so (a state and its bodies, an armed group
    or another organisation). A resident or a witness is a party only when saying in
    so many words that the dead were civilians or that no fighters were there ("there
    were no fighters in this village"), not by telling of homes and windows."""
    by_party: dict[str, list[tuple[str, Claim]]] = defaultdict(list)
    for claim in claims:
        kind = target_kind(_less_accused(claim.statement))
        if kind is not None and (_a_side(claim.statement) or (
                kind == "civilian" and _no_fighters(claim.statement.text))):
            by_party[claim.party].append((kind, claim))
    said: dict[str, list[Claim]] = {"military": [], "civilian": []}
    for told in by_party.values():  # each side by what it says most
        kinds = [k for k, _ in told]
        main = max(("military", "civilian"), key=kinds.count)
        said[main].extend(c for k, c in told if k == main)
    military, civilian = said["military"], said["civilian"]
    if not military or not civilian:
        return []
    return [Contradiction(cluster_id, "target", [_side(military, "a military target"),
                                                 _side(civilian, "civilians")])]


def _less_accused(statement: Statement) -> str:
    """A statement's words less the party it accuses: the doers it blames are not
    what was hit ("separatist fighters were responsible")."""
    text, accused = statement.text, statement.target
    if statement.stance != "accuse" or not accused:
        return text
    return re.sub(rf"\b{re.escape(accused)}\b", " ", text, flags=re.I)


TARGETS = {k: Required(WORDS) for k in ("military", "civilian", "combatants", "hitting",
                                          "backing", "doing")}
"""targets.yaml: what was hit, and what an accusation charges"""


@cache
def _target_words() -> dict[str, tuple[str, ...]]:
    raw = load_rules(__package__ or "", "targets.yaml", schema=TARGETS)
    return {k: tuple(str(w).lower() for w in v) for k, v in raw.items()}


@cache
def _word_set(key: str) -> frozenset[str]:
    """A list of targets.yaml as a set, for lookups."""
    return frozenset(_target_words()[key])


def target_kind(text: str) -> str | None:
    """"military" or "civilian" when a statement says which only one of them was hit.

    >>> target_kind("its forces struck a temporary deployment point"), target_kind(
    ...     "There were no soldiers in that building. There were pensioners, children")
    ('military', 'civilian')
    """
    tokens = re.findall(r"[a-z]+", text.lower())
    found = [k for k in ("military", "civilian")
             if any(_hit(tokens, n.split()) for n in _target_words()[k])]
    return found[0] if len(found) == 1 else None


def _hit(tokens: list[str], phrase: list[str]) -> bool:
    """A phrase among the words as what was hit: not denied, not where the fire came
    from ("the shells came from Houthi positions"), not the doers ("its fighters
    attacked the station"), not where the hurt were treated ("died in a hospital").

    >>> _hit("the fire came from houthi positions".split(), ["positions"])
    False
    >>> _hit("its fighters had attacked the station".split(), ["fighters"])
    False
    >>> _hit("the constable died in a peshawar hospital".split(), ["hospital"])
    False
    >>> _hit("the strike hit a hospital".split(), ["hospital"])
    True
    """
    size = len(phrase)
    for i in range(len(tokens) - size + 1):
        if tokens[i:i + size] != phrase:
            continue
        before, after = set(tokens[max(0, i - 4):i]), set(tokens[i + size:i + size + 3])
        if {"no", "not", "never", "without", "from"} & set(tokens[max(0, i - 3):i]):
            continue
        if phrase[-1] in _target_words()["military"] and (
                after & DOING or set(tokens[max(0, i - 3):i]) & BLAMING
                or tokens[i - 1:i] in (["its"], ["our"])):
            continue  # the doers: "fighters attacked", "fired by troops", "its troops"
        if " ".join(phrase) in _word_set("combatants") and not (
                _word_set("hitting") & set(tokens[max(0, i - 5):i])):
            continue  # armed people are what was hit only when hit: "killed nine
            # fighters", "targeted Hamas militants"; not "soldiers were deployed"

        if before & CARING:
            continue
        return True
    return False


DOING = frozenset({"attacked", "fired", "stormed", "struck", "shelled", "launched", "killed",
                   "opened", "raided", "ambushed", "bombed"})
"""Verbs after a word that make it the doers, not the target ("fighters attacked")"""
BLAMING = frozenset({"by", "blamed", "blame", "blames", "blaming", "accused", "accuse",
                     "accuses", "accusing"})
"""Words before a word that make it the doers: "fired by troops", "blamed soldiers"."""
CARING = frozenset({"died", "treated", "brought", "taken", "admitted", "rushed", "referred",
                    "transferred", "evacuated"})
"""Verbs before a place that make it where the hurt were treated ("died in a hospital")"""


def _no_fighters(text: str) -> bool:
    """Whether words say outright that civilians were hit or that no military target
    was there: "killed 13 civilians", "there is no military facility anywhere near it".

    >>> _no_fighters("There were no fighters there, only herders"), _no_fighters(
    ...     "the blast rattled windows across the neighbourhood")
    (True, False)
    """
    tokens = re.findall(r"[a-z]+", text.lower())
    if _said(tokens, ["civilians"]) or _said(tokens, ["civilian"]):
        return True
    return any(True in _denied(tokens, w.split()) for w in _target_words()["military"])


def _said(tokens: list[str], phrase: list[str]) -> bool:
    """A phrase among the words, not denied ("there were no soldiers", "no mention of
    civilian casualties")."""
    return False in _denied(tokens, phrase)


def _denied(tokens: list[str], phrase: list[str]) -> list[bool]:
    """Each time a phrase is among the words: whether it is denied there."""
    size = len(phrase)
    return [bool({"no", "not", "never", "without"} & set(tokens[max(0, i - 3):i]))
            for i in range(len(tokens) - size + 1) if tokens[i:i + size] == phrase]


def updates(reports: Sequence[Report], claims: Sequence[Claim] = ()) -> list[Update]:
    return _figures("", reports, claims)[1]


def _a_side(statement: Statement) -> bool:
    """Whether a speaker speaks for a side of a conflict: a state, its forces and
    officials, an armed group or another organisation, not a lone commentator."""
    speaker = statement.speaker
    return bool(speaker.affiliation) or speaker.kind in ("government", "military",
                                                         "organisation")


def _charge(field: str) -> str:
    return "carried it out" if field == "perpetrator" else "encouraged or backed it"


def _side(claims: Sequence[Claim], value: str) -> ContradictionSide:
    parties = list(dict.fromkeys(c.party for c in claims))
    speakers = list(dict.fromkeys(c.statement.speaker.name for c in claims))
    by = ", ".join(parties)
    if speakers != parties:
        by += f" ({', '.join(s for s in speakers if s not in parties) or by})"
    return ContradictionSide(by, value, [c.key for c in claims])


def _by(claims: Iterable[Claim], key: Callable[[Claim], str]) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[key(claim)].append(claim)
    return dict(groups)


FIGURES = ("fatalities", "injured")
"""Fields of an event's own figures; its other counts are fields by their `what`
("detained", "shot_down", "launched", "participants" ...)."""
COUNTED_AS_FIGURES = frozenset({"killed", "injured", "casualties"})


@dataclass(frozen=True, slots=True)
class Told:
    """A figure one report gives, and the source line it comes from: the side whose
    speaker gives it (`said`: that statement's key), else the publisher."""

    report: Report
    value: int
    line: str
    said: str | None = None
    floor: bool = False  # "more than 40": at least the value
    party: bool = False  # its line is a side (a state, an armed group), not a source

    @property
    def attributed(self) -> bool:
        return self.said is not None

    @property
    def shown(self) -> str:
        return f"at least {self.value}" if self.floor else str(self.value)

    def differs(self, other: Told) -> bool:
        """Whether the two figures disagree: "more than 40" and 47 agree."""
        if self.value == other.value:
            return False
        return not min((self, other), key=lambda t: t.value).floor


def _figures(cluster_id: str, reports: Sequence[Report], claims: Sequence[Claim] = ()
             ) -> tuple[list[Contradiction], list[Update]]:
    """Every figure the reports give differently: killed, injured and each kind of
    count. Of two differing figures, the later is an update when one source line gives
    both ("the toll rose to four"), or when nobody is said to give one of them and it
    is higher and published later; other pairs are contradictions (the ministry's 14
    detained, the organisers' 20). A field can have both: its timeline as updates, and
    its source lines' latest figures as the sides of a contradiction."""
    found, revised = [], []
    ordered = in_order(reports)
    for field in _fields(ordered):
        told = _one_per_line([_told(r, v, floor, claims) for r in ordered
                              for v, floor in _values(r.event, field)])
        pairs = [(a, b) for i, a in enumerate(told) for b in told[i + 1:] if a.differs(b)]
        if not pairs:
            continue
        revisions = [((same_line(a.line, b.line) if field in ESTIMATED else _revision(a, b))
                      and not _contested(a, b, claims)) or _died_of_wounds(field, a, b)
                     for a, b in pairs]
        if any(revisions):
            revised += [Update(field, t.shown, t.report.publisher, t.report.published)
                        for t in told]
        if not all(revisions):
            lines: dict[str, list[Told]] = defaultdict(list)
            named = {t.line for t in told if t.attributed}
            for t in told:
                lines[next((k for k in lines if t.line in named and k in named
                            and same_line(k, t.line)), t.line)].append(t)
            found.append(Contradiction(cluster_id, field, [
                ContradictionSide(key, line[-1].shown,
                                  list(dict.fromkeys(t.said for t in line if t.said)))
                for key, line in lines.items()]))
    return found, revised


def _died_of_wounds(field: str, a: Told, b: Told) -> bool:
    """Whether a later, lower count of the wounded is the earlier one less those who
    have died since: seven wounded and two dead, then six wounded and three dead."""
    if field != "injured" or b.value >= a.value or \
            (a.report.published or "") >= (b.report.published or "~"):
        return False
    dead = [_figure(r.event.fatalities) for r in (a.report, b.report)]
    return dead[0] is not None and dead[1] is not None and \
        dead[1] - dead[0] == a.value - b.value


ESTIMATED = frozenset({"participants"})
"""Fields whose figures are estimates of one moment (a crowd), not counts that grow as
news comes in: only the same source line revises them; the police's 2,000 and the
organisers' 15,000 the next day disagree."""


def _one_per_line(told: list[Told]) -> list[Told]:
    """An article's figure for the happening from each source line it quotes: of the
    events it told of one happening (a protest and the arrests at it), the largest, as
    one report; the ministry's 23 detained and the opposition's 47 in one article are
    two lines' figures. An article's own figure counts only where it quotes none."""
    best: dict[tuple[str, str], Told] = {}
    for t in told:
        known = best.get((t.report.article_id, t.line))
        if known is None or t.value > known.value:
            best[(t.report.article_id, t.line)] = t
    # (an article's own figure beside a source's it quotes is a part or an old one:
    # "a fourth policeman died, police said ... three other officers were killed")
    sourced = {t.report.article_id for t in told if t.attributed}
    return [t for t in told if best[(t.report.article_id, t.line)] is t
            and (t.attributed or t.report.article_id not in sourced)]


def _revision(a: Told, b: Told) -> bool:
    """Whether `b`, told after `a`, revises it rather than contradicts it: the same
    source line's later figure; else a higher figure published later, unless both are
    sides' (states') figures. Two sources' figures in one article disagree."""
    if a.party and b.party:
        return same_line(a.line, b.line)
    if a.attributed and b.attributed and same_line(a.line, b.line):
        return True
    return b.value > a.value and (a.report.published or "") < (b.report.published or "~")


def _contested(a: Told, b: Told, claims: Sequence[Claim]) -> bool:
    """Whether `b`'s article says `a`'s source line's figure is another than its own
    ("31 kidnapped, far above the police count", "the police figure was compiled before
    families returned"): two sources disagreeing, though the later figure is higher."""
    if not a.attributed or same_line(a.line, b.line):
        return False
    words = [w for w in re.findall(r"[a-z]+", a.line.lower()) if w not in WORDS_NO_SOURCE]
    if not words:
        return False
    name = re.escape(words[-1])  # its head word: "the police count" for the state police
    tally = _tally()
    said = re.compile(rf"\b{name}(?:'s)?\s+{tally}"
                      rf"|\b{tally}\s+(?:\w+\s+)?by\s+(?:the\s+)?{name}\b")
    return any(c.article_id == b.report.article_id and said.search(c.statement.text.lower())
               for c in claims)


@cache
def _tally() -> str:
    """A pattern for the nouns a figure is given by: the counts' toll nouns ("toll",
    "count", "figure"), and an estimate."""
    nouns = sorted(count_lexicon().words["toll_nouns"] | {"estimate"})
    return rf"(?:{'|'.join(map(re.escape, nouns))})s?\b"


def same_line(a: str, b: str) -> bool:
    """Whether two source lines are one: the same party, or one's name inside the
    other's ("civil defence", "the civil defence service").

    >>> same_line("civil defence", "the civil defence service"), same_line("police", "army")
    (True, False)
    >>> same_line("Georgia's opposition", "Georgia")  # a country's party that is not its state
    False
    """
    words = [set(re.findall(r"[a-z]+", x.lower())) - WORDS_NO_SOURCE for x in (a, b)]
    non_state = actor_lexicon().non_state
    if bool(words[0] & non_state) != bool(words[1] & non_state):
        return False
    return party_key(a) == party_key(b) or bool(
        words[0] and words[1] and (words[0] <= words[1] or words[1] <= words[0]))


def _fields(reports: Sequence[Report]) -> list[str]:
    whats = dict.fromkeys(_field_of(c, r.event) for r in reports for c in r.event.counts
                          if c.what not in COUNTED_AS_FIGURES)
    return [*FIGURES, *whats]


def _field_of(count: Count, event: Event) -> str:
    """The ledger field a count is told in: drones intercepted, and drones destroyed in
    an interception, are the shot down one side's count and the other's disagree on
    ("air defences intercepted seven" / "only three were shot down")."""
    if count.what == "intercepted" or (count.what == "destroyed"
                                       and type_groups().get(event.type) == "shootdown"):
        return "shot_down"
    return count.what


def _values(event: Event, field: str) -> list[tuple[int, bool]]:
    """The figures an event gives for a field, each with whether it is only a floor
    ("more than 40"): its own killed or injured, or each count of that kind (two
    sources' numbers may both be there). A vague count ("dozens") gives none."""
    if field in FIGURES:
        figure = _figure(getattr(event, field))
        return [] if figure is None else [(figure, False)]
    found = [(v, False) if (v := figure_of(c)) is not None else (c.min, True)
             for c in event.counts if _field_of(c, event) == field and (
                 figure_of(c) is not None or (c.min is not None and not c.approximate))]
    return list(dict.fromkeys((v, floor) for v, floor in found if v is not None))


def _told(report: Report, value: int, floor: bool, claims: Sequence[Claim]) -> Told:
    """A report's figure with its source line: the side (a state) whose speaker gives
    the number in the article's body ("more than 40" for a floor of 41), else the
    source named as giving it (a hospital's director, a monitor); else, unattributed,
    its publisher."""
    said = {value, value - 1} if floor else {value}
    giving = [c for c in claims if c.article_id == report.article_id
              and not c.statement.headline and said & _numbers(c.statement.text)]
    for claim in sorted(giving, key=lambda c: not _a_party(c.statement)):
        if _a_party(claim.statement):
            return Told(report, value, claim.party, claim.key, floor, party=True)
        if _a_source(claim.statement.speaker.name):
            return Told(report, value, claim.statement.speaker.name, claim.key, floor)
    return Told(report, value, report.publisher, floor=floor)


def _a_party(statement: Statement) -> bool:
    """Whether a speaker speaks for a party to the conflict: a state (its officials,
    forces, parties) or an armed group ("Sudanese rebels", "the Houthis"), not a body
    named by its kind alone ("the army": whose, the reports may not say)."""
    speaker = statement.speaker
    if speaker.affiliation:
        return True
    if speaker.kind != "military":
        return False
    lex = actor_lexicon()
    name = speaker.name.lower().removeprefix("the ")
    return name in lex.institutions or bool(set(re.findall(r"[a-z]+", name)) & lex.non_state)


def _a_source(name: str) -> bool:
    """Whether a speaker's name names a source ("the civil defence", "a war monitor"),
    not only stands for one ("some", "they")."""
    return any(w.isalpha() and w.lower() not in WORDS_NO_SOURCE for w in name.split())


WORDS_NO_SOURCE = frozenset({"some", "many", "others", "other", "he", "she", "they", "it",
                             "we", "i", "you", "who", "one", "both", "all", "several", "most",
                             "the", "a", "an", "this", "that", "these", "those"})


def _numbers(text: str) -> set[int]:
    words = re.findall(r"\d[\d,.]*\d|\d|[A-Za-z]+(?:-[A-Za-z]+)?", text)
    return {q.value for w in words if (q := read_number(w)) is not None and q.value is not None}


def _figure(value: Range | None) -> int | None:
    if value is None:
        return None
    return value.max if value.max is not None else value.min
