"""The data that flows between the stages: read → segment → extract → RDF.

Every stage takes and returns these frozen dataclasses, so a stage can be tested
alone and swapped. Offsets are character offsets (Python `str` indices) into
`Article.body`, half-open `[start, end)`, unless a field says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article body; `body[start:end] == text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A span of the body that says something: a name, a title, a trigger, a policy.

    `sentence` indexes `Article.sentences`: the evidence sentence of the fact.
    """

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class DateRange:
    """An event's date: `start == end` for a single day."""

    start: dt.date
    end: dt.date

    @property
    def single(self) -> bool:
        return self.start == self.end


@dataclass(frozen=True)
class Article:
    """One article as the reader hands it to the extractor.

    `doc_id` names the document it came from (the file's stem, for JSON Lines
    the stem and line); `index` is its 1-based position in that document.
    `body_offset` is where the body starts in the decoded source text (for a
    reflowed page the offset of its first character), so evidence can be
    traced back to the file.
    """

    doc_id: str
    index: int
    body: str
    sentences: tuple[Sentence, ...] = ()
    title: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    reporters: tuple[str, ...] = ()
    issued: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    body_offset: int | None = None
    metadata: tuple[tuple[str, str], ...] = ()


class Role(StrEnum):
    """What a person did at an event: the one definition of the role vocabulary.

    The values are the ontology's property names (`zw:presided` …), and the
    members' order — finest first — is the order every listing of roles uses
    (an event's participants, a person's roles there, the label of an edge
    drawn for export). `node` names the role's individual that a qualified
    statement points to (`zw:Participation prov:hadRole zw:PresidingRole`).
    The ontology (`ontology/zhengwu.ttl`) gives each its Chinese and English
    labels; a test checks the two agree.
    """

    PRESIDED = "presided"
    LED = "led"
    SPOKE = "spokeAt"
    ACCOMPANIED = "accompanied"
    ATTENDED = "attended"

    @property
    def node(self) -> str:
        """The local name of the role's individual (`PresidingRole`)."""
        return _ROLE_NODES[self]

    @property
    def leads(self) -> bool:
        """Presiding, leading or speaking: a role in which a person pushes what the event emphasised."""
        return self in (Role.PRESIDED, Role.LED, Role.SPOKE)


_ROLE_NODES = {Role.PRESIDED: "PresidingRole", Role.LED: "LeadingRole", Role.SPOKE: "SpeakingRole",
               Role.ACCOMPANIED: "AccompanyingRole", Role.ATTENDED: "AttendingRole"}


class EventKind(StrEnum):
    """Event classes of the ontology (local names under `zw:`)."""

    EVENT = "Event"
    MEETING = "Meeting"  # 会议, 常委会, 座谈会, 调度会, 推进会
    CONFERENCE = "Conference"  # 大会, 论坛, 峰会
    INSPECTION = "Inspection"  # 调研, 检查, 视察, 督查
    VISIT = "Visit"  # 考察, 拜访, 走访, 访问
    MEETING_WITH_GUESTS = "MeetingWithGuests"  # 会见, 会谈, 座谈交流
    CEREMONY = "Ceremony"  # 揭牌, 签约, 开工, 启动仪式
    CONDOLENCE_VISIT = "CondolenceVisit"  # 慰问
    STUDY_SESSION = "StudySession"  # 学习会, 中心组学习, 专题读书班
    HEARING = "Hearing"  # 听取…汇报/述职

    @staticmethod
    def finest(class_names: Iterable[str]) -> str:
        """The most specific of an event's classes (local names): `Meeting` rather than `Event` (or the
        ontology's superclasses of every event, `Fact` and `Entity`); `Event` when there is none finer.

        >>> EventKind.finest(["Event", "Meeting"]), EventKind.finest(["Fact"])
        ('Meeting', 'Event')
        """
        return next((n for n in class_names if n not in _GENERIC_CLASSES), EventKind.EVENT.value)


_GENERIC_CLASSES = frozenset({EventKind.EVENT.value, "Fact", "Entity"})


@dataclass(frozen=True)
class Post:
    """A post as the text writes it (`title`, e.g. 市委书记), with its
    jurisdiction's organisation where known (中共无锡市委) and a canonical label
    (无锡市委书记)."""

    title: str
    canonical: str
    organisation: str | None = None


@dataclass(frozen=True)
class Person:
    """A person named in the body, identified within `scope` (a jurisdiction, e.g. 无锡)."""

    name: str
    scope: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Holding:
    """`person` was seen holding `post`; `evidence` spans the title before the name."""

    person: str
    post: Post
    evidence: Mention
    former: bool = False  # a post the text says they held before (原…, 前…): their career, not where they are now


@dataclass(frozen=True)
class Participation:
    """`person` took `role` at the event; `evidence` spans the role word or the name."""

    person: str
    role: Role
    evidence: Mention


@dataclass(frozen=True)
class Emphasis:
    """The event emphasised `policy` (canonical label); `evidence.text` is the variant as written."""

    policy: str
    evidence: Mention


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str = "Organization"  # Company, GovernmentBody, PartyCommittee, Bank, …
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Place:
    name: str
    kind: str = "Place"  # District, City, Site, …
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Event:
    kind: EventKind
    label: str
    evidence: Mention
    date: DateRange | None = None
    places: tuple[str, ...] = ()
    participations: tuple[Participation, ...] = ()
    emphases: tuple[Emphasis, ...] = ()


Fact = Holding | Participation | Emphasis


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor drew from one article."""

    article: Article
    persons: tuple[Person, ...] = ()
    holdings: tuple[Holding, ...] = ()
    events: tuple[Event, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    places: tuple[Place, ...] = ()
    policy_variants: tuple[tuple[str, str], ...] = field(default=())  # (canonical, variant)
