"""The store's use cases on the documents: Spara, Signera, Lås, take over."""

from __future__ import annotations

from datetime import datetime

from sip_tui.domain import documents as doc
from sip_tui.store.service_base import StoreBase


class DocumentActions(StoreBase):
    # --- documents --------------------------------------------------------------------------

    def save_mapping(
        self, login: str, unit: str, case_id: int, text: doc.MappingText, base_version: int | None
    ) -> int:
        mapping = self._change(
            login,
            unit,
            case_id,
            "save-mapping",
            lambda c, a, at: doc.save_mapping(c, a, at, text, base_version),
        )
        return mapping.version

    def save_plan(
        self,
        login: str,
        unit: str,
        case_id: int,
        content: doc.PlanContent,
        base_version: int | None,
    ) -> int:
        plan = self._change(
            login,
            unit,
            case_id,
            "save-plan",
            lambda c, a, at: doc.save_plan(c, a, at, content, base_version),
        )
        return plan.version

    def save_follow_up(
        self,
        login: str,
        unit: str,
        case_id: int,
        entries: list[doc.ActivityFollowUp],
        base_version: int,
    ) -> int:
        """Följ upp aktivitet; returns the follow-up's new version (like the other saves)."""
        follow_up = self._change(
            login,
            unit,
            case_id,
            "save-follow-up",
            lambda c, a, at: doc.save_follow_up(c, a, at, entries, base_version),
        )
        return follow_up.version

    def save_evaluation(
        self,
        login: str,
        unit: str,
        case_id: int,
        summary: str,
        meeting_at: datetime | None,
        base_version: int | None,
    ) -> int:
        evaluation = self._change(
            login,
            unit,
            case_id,
            "save-evaluation",
            lambda c, a, at: doc.save_evaluation(c, a, at, summary, meeting_at, base_version),
        )
        return evaluation.version

    def sign(self, login: str, unit: str, case_id: int, kind: doc.DocumentKind) -> None:
        self._change(
            login, unit, case_id, f"sign-{kind.value}", lambda c, a, at: doc.sign(c, a, at, kind)
        )

    def lock(self, login: str, unit: str, case_id: int, kind: doc.DocumentKind) -> None:
        self._change(
            login, unit, case_id, f"lock-{kind.value}", lambda c, a, at: doc.lock(c, a, at, kind)
        )

    def take_over(self, login: str, unit: str, case_id: int, kind: doc.DocumentKind) -> None:
        self._change(
            login,
            unit,
            case_id,
            f"take-over-{kind.value}",
            lambda c, a, at: doc.take_over(c, a, at, kind),
        )
