"""Proposed recipients. Seed 001: "Prators adressering utgör ett stöd för att hitta rätt
mottagare. Föreslagna enheter kan ändras manuellt för att rätt enheter ska involveras i SIP
processen." """

from __future__ import annotations

from sip_tui.domain.addressing import Proposal, Why, propose


def test_other_cases_first_then_partners_then_frequent_each_unit_once() -> None:
    proposals = propose(
        "alidhems-hc",
        other_cases=["umea-hsv-centrum"],
        partners=["umea-bistand", "umea-hsv-centrum"],
        frequent=["alidhems-hc", "psyk-opv-umea", "umea-bistand"],
    )
    assert proposals == [
        Proposal("umea-hsv-centrum", (Why.OTHER_CASES, Why.PARTNER)),
        Proposal("umea-bistand", (Why.PARTNER, Why.FREQUENT)),
        Proposal("psyk-opv-umea", (Why.FREQUENT,)),
    ]
    assert proposals[0].because == (
        "deltar i den enskildes andra ärenden, enhetens förvalda mottagare"
    )


def test_never_the_coordinating_unit_and_at_most_a_few() -> None:
    many = [f"enhet-{n}" for n in range(20)]
    proposals = propose("enhet-0", frequent=many)
    assert len(proposals) == 6
    assert "enhet-0" not in {p.unit for p in proposals}
    assert propose("enhet-0") == []
