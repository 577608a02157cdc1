"""PostgreSQL enforces who acts and what they see (issue 15); the store's kind.

``store_info`` (both backends) says what the database is: ``real`` (the default: a
database that holds real people), ``demo`` or ``training``. ``SIP_TUI_NOW`` (a frozen
clock) is honoured only on demo and training stores, and on PostgreSQL a real store's
access log is stamped with the server's clock whatever the client sends.

On PostgreSQL (nothing of this exists on SQLite, which cannot keep users apart):

* ``sip_tui_acting_unit()``: the unit the connected person acts for in this transaction —
  the client sets ``sip.unit`` with ``set_config(..., true)`` and the database accepts it
  only when the session's role (``session_user``, a person's own login role) is a member of
  that unit in ``membership``; a support person may name any unit while the role in use
  cannot write (support-only, or ``SET ROLE sip_tui_support``).
* Row-level security on every table that holds case data: a person sees and changes only
  the rows of cases where the acting unit takes part with access (pending or accepted; a
  unit that declined or forwarded sees nothing more, except within the very transaction
  that records its answer), or that it is creating as coordinator. Unit tables (the roster,
  the routine, deviations, spot checks) only the acting unit's rows; the access log only the
  acting unit's lines, and only to its managers and administrators.
* ``access_log`` and ``case_event`` rows are stamped by the database: a person's login is
  ``session_user``, the unit the acting unit, and on a real store the log's moment the
  server's clock. Both tables stay append-only (the triggers of 0001), and ``sip-tui admin
  setup`` gives them to the log-owner role that nobody logs in as.
* ``sip_tui_add_individual()``: a new case's individual, added or their stored name read,
  without granting anyone a look at the whole register of individuals.

Owners, superusers and roles with BYPASSRLS (the migrations, the demo, local jobs) are not
subject to the policies; ``sip-tui admin setup`` makes the roles people use, which own
nothing (see docs/security.md).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Tables keyed by a case (``sip_case`` itself is handled apart).
CASE_TABLES = (
    "participant",
    "initiative",
    "initiative_recipient",
    "mapping",
    "edit_lock",
    "signature",
    "signed_document",
    "call",
    "call_recipient",
    "plan",
    "plan_attendee",
    "external_participant",
    "goal",
    "activity",
    "follow_up",
    "follow_up_entry",
    "evaluation",
    "info_message",
    "message_recipient",
    "case_event",
    "case_unit_view",
    "task",
)
#: Tables of one unit: a person reads and writes the acting unit's rows only.
UNIT_TABLES = ("deviation", "spot_check", "notice")
#: The roster and the routine: everyone reads them (who watches where), only the acting
#: unit's rows are written.
ROSTER_TABLES = ("watch_weekly", "watch_dated", "watch_cover", "local_routine")

_FUNCTIONS = """
CREATE FUNCTION sip_tui_store_kind() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT value FROM store_info WHERE key = 'kind'), 'real')
$$;

CREATE FUNCTION sip_tui_is_person() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT NOT coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles
                         WHERE rolname = session_user), false)
       AND EXISTS (SELECT 1 FROM pg_roles g
                   WHERE g.rolname IN ('sip_tui_person', 'sip_tui_support')
                     AND pg_has_role(session_user, g.oid, 'MEMBER'))
$$;

CREATE FUNCTION sip_tui_is_support() RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles g
                   WHERE g.rolname = 'sip_tui_support'
                     AND pg_has_role(session_user, g.oid, 'MEMBER'))
       AND EXISTS (SELECT 1 FROM membership m
                   WHERE m.login = session_user AND m.role = 'support')
$$;

-- Run as the querying role (SECURITY INVOKER): a support person acts for any unit only
-- while the role in use cannot write (not a member of sip_tui_person: a support-only
-- login, or SET ROLE sip_tui_support).
CREATE FUNCTION sip_tui_acting_unit() RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT u.code FROM unit u
    WHERE u.code = nullif(current_setting('sip.unit', true), '')
      AND (EXISTS (SELECT 1 FROM membership m
                   WHERE m.login = session_user AND m.unit = u.code)
           OR (sip_tui_is_support()
               AND NOT EXISTS (SELECT 1 FROM pg_roles g
                               WHERE g.rolname = 'sip_tui_person'
                                 AND pg_has_role(current_user, g.oid, 'MEMBER'))))
$$;

CREATE FUNCTION sip_tui_roles_on(unit text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT coalesce(array_agg(m.role), '{}') FROM membership m
    WHERE m.login = session_user AND m.unit = $1
$$;

-- A row changed by the current transaction: its xmin is this transaction's id (none is
-- assigned to a transaction that has written nothing).
CREATE FUNCTION sip_tui_changed_now(xid) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT $1::text = (pg_current_xact_id_if_assigned()::text::bigint % 4294967296)::text
$$;

-- Does ``unit`` (the acting unit, computed by the policy as the querying role) see the
-- case? As the schema's owner: the participants are read whatever the caller may see.
CREATE FUNCTION sip_tui_sees_case(cid integer, unit text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM participant p
        WHERE p.case_id = $1 AND p.unit = $2
          AND (p.state IN ('pending', 'accepted') OR sip_tui_changed_now(p.xmin)))
    OR EXISTS (
        SELECT 1 FROM sip_case c
        WHERE c.id = $1 AND c.coordinator_unit = $2
          AND NOT EXISTS (SELECT 1 FROM participant p
                          WHERE p.case_id = $1 AND p.unit = $2))
$$;

-- The case row itself: also the one being inserted (not yet visible to a query).
CREATE FUNCTION sip_tui_sees_case_row(cid integer, coordinator text, unit text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT sip_tui_sees_case($1, $3)
        OR ($2 = $3 AND NOT EXISTS (SELECT 1 FROM participant p
                                    WHERE p.case_id = $1 AND p.unit = $2))
$$;

CREATE FUNCTION sip_tui_sees_individual(pnr text, unit text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM sip_case c
                   WHERE c.personnummer = $1
                     AND sip_tui_sees_case_row(c.id, c.coordinator_unit, $2))
$$;

CREATE FUNCTION sip_tui_add_individual(pnr text, typed text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF sip_tui_is_person() AND NOT has_table_privilege(session_user, 'sip_case', 'INSERT')
    THEN
        RAISE EXCEPTION 'permission denied to add individuals'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO individual AS i (personnummer, name) VALUES (pnr, typed)
        ON CONFLICT ON CONSTRAINT pk_individual DO NOTHING;
    RETURN (SELECT i.name FROM individual i WHERE i.personnummer = pnr);
END
$$;

CREATE FUNCTION sip_tui_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF sip_tui_is_person() THEN
        NEW.login := session_user;
        NEW.unit := coalesce(sip_tui_acting_unit(),
                             nullif(current_setting('sip.unit', true), ''), NEW.unit);
    END IF;
    IF TG_TABLE_NAME = 'access_log' AND sip_tui_store_kind() NOT IN ('demo', 'training') THEN
        NEW.at := clock_timestamp();
    END IF;
    RETURN NEW;
END
$$;
"""

_DROP_FUNCTIONS = (
    "sip_tui_stamp()",
    "sip_tui_add_individual(text, text)",
    "sip_tui_sees_individual(text, text)",
    "sip_tui_sees_case_row(integer, text, text)",
    "sip_tui_sees_case(integer, text)",
    "sip_tui_changed_now(xid)",
    "sip_tui_roles_on(text)",
    "sip_tui_acting_unit()",
    "sip_tui_is_support()",
    "sip_tui_is_person()",
    "sip_tui_store_kind()",
)


def upgrade() -> None:
    op.create_table(
        "store_info",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_info")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTIONS)
    for table in ("access_log", "case_event"):
        op.execute(
            f"CREATE TRIGGER {table}_stamp BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION sip_tui_stamp()"
        )
    for table in CASE_TABLES:
        _policy(table, "sip_tui_sees_case(case_id, sip_tui_acting_unit())")
    _policy("sip_case", "sip_tui_sees_case_row(id, coordinator_unit, sip_tui_acting_unit())")
    _policy("individual", "sip_tui_sees_individual(personnummer, sip_tui_acting_unit())")
    for table in UNIT_TABLES:
        _policy(table, "unit = sip_tui_acting_unit()")
    _policy(
        "spot_check_entry",
        "EXISTS (SELECT 1 FROM spot_check s WHERE s.id = spot_check_id "
        "AND s.unit = sip_tui_acting_unit())",
    )
    for table in ROSTER_TABLES:
        _policy(table, "unit = sip_tui_acting_unit()", read="true")
    _policy(
        "absence",
        "EXISTS (SELECT 1 FROM membership m WHERE m.login = absence.login "
        "AND m.unit = sip_tui_acting_unit())",
        read="true",
    )
    _policy("change_counter", "true")
    # The log: anyone may add a line (stamped above); the acting unit's managers and
    # administrators read its lines (loggkontroll), everyone their own.
    _policy(
        "access_log",
        "login = session_user OR (unit = sip_tui_acting_unit() "
        "AND sip_tui_roles_on(unit) && ARRAY['manager', 'admin'])",
        write="true",
    )


def _policy(table: str, rule: str, read: str | None = None, write: str | None = None) -> None:
    """Row-level security on ``table``: ``rule`` for reading and writing, unless ``read``
    (SELECT) or ``write`` (INSERT, UPDATE, DELETE) says otherwise."""
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    if read is None and write is None:
        op.execute(f"CREATE POLICY sip_tui_rows ON {table} USING ({rule}) WITH CHECK ({rule})")
        return
    op.execute(f"CREATE POLICY sip_tui_read ON {table} FOR SELECT USING ({read or rule})")
    changed = write or rule
    op.execute(f"CREATE POLICY sip_tui_insert ON {table} FOR INSERT WITH CHECK ({changed})")
    op.execute(
        f"CREATE POLICY sip_tui_update ON {table} FOR UPDATE USING ({changed}) "
        f"WITH CHECK ({changed})"
    )
    op.execute(f"CREATE POLICY sip_tui_delete ON {table} FOR DELETE USING ({changed})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        tables = [
            *CASE_TABLES,
            "sip_case",
            "individual",
            *UNIT_TABLES,
            "spot_check_entry",
            *ROSTER_TABLES,
            "absence",
            "change_counter",
            "access_log",
        ]
        for table in tables:
            for name in ("sip_tui_rows", "sip_tui_read", "sip_tui_insert", "sip_tui_update"):
                op.execute(f"DROP POLICY IF EXISTS {name} ON {table}")
            op.execute(f"DROP POLICY IF EXISTS sip_tui_delete ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for table in ("access_log", "case_event"):
            op.execute(f"DROP TRIGGER {table}_stamp ON {table}")
        for function in _DROP_FUNCTIONS:
            op.execute(f"DROP FUNCTION {function}")
    op.drop_table("store_info")
