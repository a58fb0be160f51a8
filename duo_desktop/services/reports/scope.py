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


def duos(query: Select, branch_id: int | None, coordinator_id: int | None) -> Select:
    if branch_id is not None:
        query = query.where(Duo.branch_id == branch_id)
    if coordinator_id is not None:
        query = query.where(Duo.coordinator_id == coordinator_id)
    return query
