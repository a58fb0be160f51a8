"""The WHERE clauses every figure shares: a branch or all, a coordinator or all."""

from __future__ import annotations

from sqlalchemy import Select

from ...models import Duo, Participant


def people(query: Select, branch_id: int | None, coordinator_id: int | None) -> Select:
    if branch_id is not None:
        query = query.where(Participant.branch_id == branch_id)
    if coordinator_id is not None:
        query = query.where(Participant.coordinator_id == coordinator_id)
    return query


def people_of(query: Select, participant_id, branch_id: int | None, coordinator_id: int | None) -> Select:  # noqa: ANN001
    """``query`` over rows of a participant (``participant_id``, a foreign
    key: its participant exists) narrowed to a branch or coordinator; joined
    to the participant table only then (all: the rows alone are read)."""
    if branch_id is None and coordinator_id is None:
        return query
    return people(query.join(Participant, Participant.id == participant_id), branch_id, coordinator_id)


def duos(query: Select, branch_id: int | None, coordinator_id: int | None) -> Select:
    if branch_id is not None:
        query = query.where(Duo.branch_id == branch_id)
    if coordinator_id is not None:
        query = query.where(Duo.coordinator_id == coordinator_id)
    return query
