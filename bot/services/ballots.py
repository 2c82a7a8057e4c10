"""Ballots: entered once, checked in one place, carried from papers posted to the close."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.core.ballots import (
    BALLOT_NAME,
    BALLOT_NAME_RULE,
    WorkingDays,
    check_thresholds,
    last_safe_posting_day,
    plan,
    projected_share,
    time_left,
    turnout,
)
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.errors import Ambiguous, Forbidden, InvalidInput, NoneOpen, NotOpen, Problems
from bot.core.models import Ballot, BallotKind, ReminderState
from bot.core.ports import Store
from bot.core.results import (
    BallotAdded,
    BallotDetails,
    BallotSpec,
    Banked,
    ElectorateImported,
    KeyDate,
    TimelineEntry,
    TurnoutView,
)
from bot.core.wording import typed
from bot.services.audit import AuditService
from bot.services.ballot_dates import date_warnings, read_dates
from bot.services.electorate import ElectorateError, parse_electorate
from bot.services.reminders import how_to_vote, scope_branches

Offsets = Mapping[str, tuple[str, int, int]]


def _moment(at: datetime | date, zone: str) -> datetime:
    """A key date (a day) sorts at the start of that day, in the bot's time zone."""
    if isinstance(at, datetime):
        return at
    return datetime.combine(at, time(0), tzinfo=ZoneInfo(zone))


def state_of(ballot: Ballot, now: datetime) -> str:
    return ballot.state(now)


class BallotService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        content: Content,
        calendar: WorkingDays,
        zone: str,
        audit: AuditService,
        due: Doorbell,
    ) -> None:
        self.store, self.clock, self.content = store, clock, content
        self.calendar, self.zone, self.audit, self.due = calendar, zone, audit, due

    async def replan(self, ballot: Ballot, offsets: Offsets | None = None) -> int:
        """Store the ballot's reminder plan (reminders already fired keep their state)."""
        reminders = [] if ballot.cancelled else plan(ballot, self.calendar, self.zone, offsets)
        await self.store.reminders.replace_plan(ballot.name, reminders)
        self.due.ring()
        return len(reminders)

    async def _name_problem(self, name: str) -> str | None:
        if not BALLOT_NAME.fullmatch(name):
            return BALLOT_NAME_RULE
        found = await self.store.ballots.get(name)
        if found is None:
            return None
        if found.cancelled:
            # A name stays with its ballot: members' /voted, the audit and the reminders
            # already sent all refer to it.
            other = f"{name}-2" if len(name) < 61 else "another"
            return (
                f"a cancelled ballot ({found.title!r}) holds the name {name!r}, and a name "
                f"stays with its ballot: give this one a different name, e.g. {other}"
            )
        return f"a ballot called {name!r} already exists"

    async def _spec_problems(self, spec: BallotSpec, editing: bool) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        name_problem = None if editing else await self._name_problem(spec.name)
        if name_problem:
            problems.append(("name", name_problem))
        if spec.kind not in {k.value for k in BallotKind}:
            problems.append(("kind", "one of " + ", ".join(k.value for k in BallotKind)))
        for problem in check_thresholds(spec.threshold, spec.yes_threshold):
            key, _, why = problem.partition(": ")
            problems.append(("threshold" if key == "turnout_threshold" else key, why))
        groups = {g.name for g in self.content.structure.groups}
        if spec.group and spec.group not in groups:
            problems.append(
                ("group", f"unknown group {spec.group!r}; groups: {', '.join(sorted(groups))}")
            )
        known = set(self.content.branch_names())
        problems += [("branch", f"unknown branch {b!r}") for b in spec.branches if b not in known]
        if spec.group and spec.branches:
            problems.append(("group", "give a group or branches, not both"))
        if spec.info_url and not spec.info_url.startswith(("https://", "http://")):
            problems.append(("info_url", "must be a web address starting https://"))
        if not spec.title.strip():
            problems.append(("title", "must not be empty"))
        if not 0 <= spec.posting_days <= 20:
            problems.append(("posting_days", "a number of working days from 0 to 20"))
        return problems

    async def add(self, spec: BallotSpec, by: Caller) -> BallotAdded:
        return await self._save(spec, by, "/addballot", editing=False)

    async def edit(self, spec: BallotSpec, by: Caller) -> BallotAdded:
        """Change a ballot's details (not its name), checked as when it was added; its
        reminder plan is made again, keeping the state of reminders already sent."""
        found = await self.get(spec.name)
        if found.cancelled:
            raise InvalidInput("BALLOT", f"{found.name} was cancelled")
        return await self._save(spec, by, "ballots edit", editing=True)

    async def _save(self, spec: BallotSpec, by: Caller, action: str, editing: bool) -> BallotAdded:
        if not by.is_organiser:
            raise Forbidden(action, "organiser")
        problems = await self._spec_problems(spec, editing)
        texts = {
            "opens": spec.opens,
            "closes": spec.closes,
            "packs_arrive_by": spec.packs_arrive_by,
            "join_by": spec.join_by,
            "replacement_deadline": spec.replacement_deadline,
        }
        dates = read_dates(texts, self.zone, self.clock.now())
        problems += dates.problems
        if problems:
            raise Problems(problems)
        m = dates.moments
        assert m["opens"] is not None and m["closes"] is not None
        ballot = Ballot(
            name=spec.name,
            title=spec.title.strip(),
            kind=BallotKind(spec.kind),
            opens_at=m["opens"],
            closes_at=m["closes"],
            scope_group=spec.group,
            scope_branches=tuple(spec.branches),
            turnout_threshold=spec.threshold,
            yes_threshold=spec.yes_threshold,
            packs_arrive_by=m["packs_arrive_by"],
            join_by=m["join_by"],
            replacement_deadline=m["replacement_deadline"],
            posting_days=spec.posting_days,
            info_url=spec.info_url,
            from_file=(await self.get(spec.name)).from_file if editing else False,
        )
        await self.store.ballots.upsert(ballot)
        planned = await self.replan(ballot)
        await self.audit.record(by, action, "done", ballot=ballot.name)
        warnings = date_warnings(ballot, self.calendar, self.zone)
        return BallotAdded(ballot, planned, tuple(dates.notes), tuple(warnings))

    async def get(self, name: str) -> Ballot:
        found = await self.store.ballots.get(name.strip().lower())
        if found is None:
            names = ", ".join(b.name for b in await self.store.ballots.all()) or "none yet"
            raise InvalidInput("BALLOT", f"no ballot called {typed(name)}; ballots: {names}")
        return found

    async def all(self) -> list[Ballot]:
        return sorted(await self.store.ballots.all(), key=lambda b: b.opens_at)

    async def cancel(self, name: str, by: Caller) -> Ballot:
        found = await self.get(name)
        if found.cancelled:
            raise InvalidInput("BALLOT", f"{found.name} was already cancelled")
        if found.closes_at <= self.clock.now():
            # It ran: calling it cancelled would rewrite what happened (and drop its plan).
            raise InvalidInput("BALLOT", f"{found.name} has closed: there is nothing to cancel")
        cancelled = replace(found, cancelled=True)
        await self.store.ballots.upsert(cancelled)
        await self.replan(cancelled)
        await self.audit.record(by, "/cancelballot", "done", ballot=found.name)
        return cancelled

    async def details(self, name: str) -> BallotDetails:
        ballot = await self.get(name)
        now = self.clock.now()
        dates = [
            KeyDate("Papers posted" if ballot.kind.postal else "Voting opens", ballot.opens_at)
        ]
        for label, moment in (
            ("Allow until this for your pack to arrive", ballot.packs_arrive_by),
            ("Join by this to get a vote", ballot.join_by),
            ("Ask for a replacement paper by", ballot.replacement_deadline),
        ):
            if moment is not None:
                dates.append(KeyDate(label, moment))
        posting = last_safe_posting_day(ballot, self.calendar, self.zone)
        if posting is not None:
            dates.append(KeyDate("Last safe posting day", posting))
        dates.append(KeyDate("Closes", ballot.closes_at))
        reminders = tuple(await self.store.reminders.for_ballot(ballot.name))
        return BallotDetails(
            ballot,
            state_of(ballot, now),
            tuple(dates),
            posting,
            reminders,
            how_to_vote(ballot),
            time_left(now, ballot.closes_at, self.zone),
            await self.store.ballots.electorate(ballot.name),
            await self.store.ballots.banked(ballot.name),
        )

    async def timeline(self, name: str, read: BallotDetails | None = None) -> list[TimelineEntry]:
        """The ballot's key dates and its reminders in time order: sent, skipped (and why)
        or still to come (from the details already `read`, when the caller has them)."""
        details = read if read is not None else await self.details(name)
        entries = [TimelineEntry(d.at, d.label, "date") for d in details.dates]
        sent = [r.fire_at for r in details.reminders if r.state is ReminderState.FIRED]
        for reminder in details.reminders:
            label = f"Reminder: {reminder.kind.replace('-', ' ')}"
            state = {"fired": "sent"}.get(reminder.state.value, reminder.state.value)
            why = ""
            if reminder.state is ReminderState.SKIPPED:
                why = (
                    "a later reminder fell due at the same time (after downtime): only the "
                    "latest one still relevant is sent"
                    if any(at > reminder.fire_at for at in sent)
                    else "no longer relevant when it fell due (past its own deadline or the close)"
                )
            entries.append(TimelineEntry(reminder.fire_at, label, "reminder", state, why))
        return sorted(entries, key=lambda e: _moment(e.at, self.zone))

    def _in_scope(self, ballot: Ballot, branches: tuple[str, ...]) -> bool:
        scope = scope_branches(ballot, self.content)
        return scope is None or bool(set(scope) & set(branches))

    async def current(self, name: str | None, by: Caller) -> Ballot:
        if name:
            found = await self.get(name)
            if found.cancelled:
                raise InvalidInput("BALLOT", f"{found.name} was cancelled")
            return found
        now = self.clock.now()
        live = [b for b in await self.all() if not b.cancelled and b.opens_at <= now < b.closes_at]
        mine = [b for b in live if self._in_scope(b, by.branches)] or live
        if len(mine) == 1:
            return mine[0]
        if not mine:
            raise NoneOpen("ballot", "name the ballot (see /ballots)")
        raise Ambiguous("ballot", [b.name for b in mine])

    async def upcoming(self) -> list[Ballot]:
        """Ballots not cancelled and not yet closed."""
        now = self.clock.now()
        return [b for b in await self.all() if not b.cancelled and now < b.closes_at]

    async def import_electorate(
        self, name: str | None, csv_text: str, by: Caller
    ) -> ElectorateImported:
        """A ballot's electorate per branch from CSV; all rows or none. With no name, the one
        ballot open or coming up."""
        if name is None:
            live = await self.upcoming()
            if len(live) != 1:
                raise (
                    Ambiguous("ballot", [b.name for b in live])
                    if live
                    else NoneOpen("ballot", "add one first")
                )
            name = live[0].name
        ballot = await self.get(name)
        scope = scope_branches(ballot, self.content)
        try:
            eligible = parse_electorate(csv_text, set(self.content.branch_names()), scope)
        except ElectorateError as error:
            raise Problems([("file", p) for p in error.problems]) from None
        await self.store.ballots.set_electorate(ballot.name, eligible)
        await self.audit.record(by, "ballots import-electorate", "done", ballot=ballot.name)
        return ElectorateImported(ballot.name, len(eligible), sum(eligible.values()))

    async def turnout(self, name: str | None, by: Caller) -> TurnoutView:
        ballot = await self.current(name, by)
        eligible = await self.store.ballots.electorate(ballot.name)
        if not eligible:
            # An officer cannot run the command line: they are told who enters it.
            then = (
                f"campaign-bot ballots import-electorate FILE.csv --ballot {ballot.name}"
                if by.is_organiser
                else "an organiser enters how many members each branch has, then turnout shows"
            )
            raise InvalidInput("BALLOT", f"no electorate for {ballot.name} yet: {then}")
        if not by.is_organiser:
            eligible = {b: n for b, n in eligible.items() if by.is_officer_of(b)}
            if not eligible:
                raise InvalidInput("branch", "none of your branches is in this ballot")
        result = turnout(ballot, eligible, await self.store.ballots.banked(ballot.name))
        now = self.clock.now()
        projected = (
            projected_share(result, ballot.opens_at, ballot.closes_at, now)
            if ballot.opens_at <= now < ballot.closes_at
            else None
        )
        return TurnoutView(ballot, result, projected, now, whole=by.is_organiser)

    async def bank(self, name: str | None, by: Caller) -> Banked:
        ballot = await self.current(name, by)
        now = self.clock.now()
        if not ballot.opens_at <= now < ballot.closes_at:
            raise NotOpen("ballot", ballot.title)
        if by.member is None:
            raise InvalidInput("member", "only a member can say they have voted")
        first = await self.store.ballots.bank(ballot.name, by.member.id, by.branch, now)
        if first:
            await self.audit.record(by, "/voted", "banked", ballot=ballot.name)
        return Banked(ballot, first)
