"""An unknown paper's unqualified post is placed by the one division of its level the text names
(session 9, issue 16). Sentences written for these tests."""

from kg.identity import identify
from tests.extract.helpers import extract

SITE = "某某网"  # a source no registry knows


def _identity(body: str, name: str):
    x = extract(body, source=SITE)
    return identify(name, x.holdings, SITE, body=body)


def test_a_county_named_twice_places_an_unknown_sites_county_secretary():
    got = _identity("县委书记韩立新深入长子乡村调研。长子的发展要抓好产业。", "韩立新")
    assert (got.scope, got.basis) == ("长子", "unqualified-post")


def test_a_county_named_once_by_its_short_name_places_nobody():
    assert _identity("县委书记韩立新深入长子乡村调研。", "韩立新").scope == ""


def test_two_counties_named_place_nobody():
    body = "县委书记韩立新到惠山区、锡山区调研。"
    assert _identity(body, "韩立新").scope == ""


def test_a_known_paper_is_not_overridden_by_the_text():
    x = extract("县委书记韩立新到惠山区调研。", source="江阴日报")
    assert identify("韩立新", x.holdings, "江阴日报", body="县委书记韩立新到惠山区调研。").scope == "江阴"


def test_a_short_name_several_divisions_share_places_nobody():
    assert _identity("县委书记韩立新到城区调研。城区的发展要抓好。", "韩立新").scope == ""
