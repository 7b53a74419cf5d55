"""`rmcli announce`: introductions in outbox/, and sent through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import shutil
import socket
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import tomlkit
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from rmcli.folder import MATCHES_FILE, OUTBOX_DIR, PROGRAM_FILE, ROSTER_FILE, SENT_FILE, load
from rmcli.models import MatchesFile
from schedule_helpers import edit_program, fresh_schedule

Cli = Callable[..., Any]
ORGANISER = {"name": "Program Office", "email": "office@example.com"}


@dataclass
class Mailbox:
    """An SMTP handler that keeps what arrives; it refuses or drops chosen recipients."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    drop: set[str] = field(default_factory=set)
    reject: set[str] = field(default_factory=set)  # refused after the message was transmitted
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.drop & set(envelope.rcpt_tos):
            server.transport.close()  # the connection dies before the reply
            return "421 closing"
        if self.reject & set(envelope.rcpt_tos):
            return "554 5.6.0 message content rejected"
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        """Return what arrived, parsed by the stdlib parser."""
        return [
            email.message_from_bytes(data, policy=default_policy)  # type: ignore[misc]
            for _, _, data in self.received
        ]

    def recipients(self) -> list[str]:
        """Return the envelope recipients of what arrived."""
        return [r for _, rcpts, _ in self.received for r in rcpts]


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(mailbox: Mailbox, **options: Any) -> tuple[Controller, int]:
    """Start an SMTP server for `mailbox` on a free port of 127.0.0.1."""
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    return controller, port


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    """Return a running SMTP server's mailbox and port; stopped after the test."""
    box = Mailbox()
    controller, port = start_server(box)
    yield box, port
    controller.stop()


def with_smtp(folder: Path, port: int, **smtp: Any) -> None:
    """Point the program at a local server and name the organiser."""
    set_organiser(folder, ORGANISER)
    edit_program(folder, smtp={"host": "127.0.0.1", "port": port, "starttls": False, **smtp})


def set_organiser(folder: Path, organiser: dict[str, str]) -> None:
    """Replace the example's `organiser = "..."` by an [organiser] table."""
    path = folder / PROGRAM_FILE
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    del doc["organiser"]
    doc["organiser"] = organiser
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")


def emails(folder: Path) -> dict[str, str]:
    """Return every person's email address by id."""
    return {p.id: p.email for p in load(folder).roster.people}


def parse(path: Path) -> EmailMessage:
    """Parse an .eml file with the stdlib parser."""
    return email.message_from_bytes(path.read_bytes(), policy=default_policy)  # type: ignore[return-value]


def body_of(message: EmailMessage) -> str:
    """Return the plain-text body of a message."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def calendar_of(message: EmailMessage) -> icalendar.Calendar:
    """Return the attached calendar, parsed back."""
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))


def test_outbox_holds_one_private_message_per_person_and_match(example: Path, cli: Cli) -> None:
    result = cli("-p", str(example), "announce", "--as-of", "2027-01-04")
    assert result.exit_code == 0, result.output
    snapshot = load(example)
    people = snapshot.roster.by_id()
    outbox = example / OUTBOX_DIR
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700
    files = sorted(outbox.glob("*.eml"))
    expected = sorted(f"{m.id}-{p}.eml" for m in snapshot.matches.matches for p in m.people)
    assert [f.name for f in files] == expected
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert not (example / SENT_FILE).exists()  # nothing went out
    for match in snapshot.matches.matches:
        for person_id in match.people:
            message = parse(outbox / f"{match.id}-{person_id}.eml")
            assert message["To"].addresses[0].addr_spec == people[person_id].email
            body = body_of(message)
            for partner_id in match.people:
                if partner_id == person_id:
                    continue
                partner = people[partner_id]
                assert partner.name in message["Subject"]
                assert partner.name in body and partner.department in body
            assert all(reason in body for reason in match.reasons)
            events = list(calendar_of(message).walk("VEVENT"))
            sessions = fresh_schedule(example).sessions
            assert len(events) == sum(person_id in s.people for s in sessions)


def test_the_same_files_give_the_same_outbox_bytes(example: Path, cli: Cli) -> None:
    written = []
    for _ in range(2):
        assert cli("-p", str(example), "announce", "--as-of", "2027-01-04").exit_code == 0
        written.append({f.name: f.read_bytes() for f in (example / OUTBOX_DIR).glob("*.eml")})
        shutil.rmtree(example / OUTBOX_DIR)
    assert written[0] and written[0] == written[1]
    for raw in written[0].values():
        message = email.message_from_bytes(raw, policy=default_policy)
        boundary = message.get_boundary()
        assert boundary is not None and raw.count(f"--{boundary}".encode()) == 3
        assert [p.get_content_type() for p in message.iter_parts()] == [
            "text/plain",
            "text/calendar",
        ]


def test_dates_are_in_each_persons_own_zone(example: Path, cli: Cli) -> None:
    assert cli("-p", str(example), "announce").exit_code == 0
    snapshot = load(example)
    sabine = snapshot.roster.by_id()["sabine"]
    match = next(m for m in snapshot.matches.matches if "sabine" in m.people)
    first = next(s for s in fresh_schedule(example).sessions if s.match == match.id)
    local = first.start.astimezone(ZoneInfo(sabine.timezone))
    assert local.hour != first.start.hour  # New York is not Berlin
    body = body_of(parse(example / OUTBOX_DIR / f"{match.id}-sabine.eml"))
    assert f"{local:%H:%M}–" in body and sabine.timezone in body
    # The first session's agenda is in the message, with what to prepare.
    assert "Session 1 of" in body and "What to prepare" in body


def test_person_without_own_zone_reads_the_programs(example: Path) -> None:
    from rmcli.announce.message import person_zone
    from rmcli.models import Person

    snapshot = load(example)
    no_zone = Person(id="kim", name="Kim", role="junior")
    assert person_zone(no_zone, program=snapshot.program) == snapshot.program.calendar.timezone
    with_zone = snapshot.roster.by_id()["sabine"]
    assert person_zone(with_zone, program=snapshot.program) == "America/New_York"


def test_send_delivers_every_message_and_records_it(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port)
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 0, result.output
    addresses = emails(example)
    snapshot = load(example)
    everyone = [p for m in snapshot.matches.matches for p in m.people]
    assert sorted(box.recipients()) == sorted(addresses[p] for p in everyone)
    assert {sender for sender, _, _ in box.received} == {ORGANISER["email"]}
    for message in box.messages():
        recipient = message["To"].addresses[0].addr_spec
        person = next(p for p, a in addresses.items() if a == recipient)
        match = next(m for m in snapshot.matches.matches if person in m.people)
        partner = next(p for p in match.people if p != person)
        assert snapshot.roster.by_id()[partner].name in message["Subject"]
        assert message["From"].addresses[0].addr_spec == ORGANISER["email"]
        assert all(reason in body_of(message) for reason in match.reasons)
        assert len(list(calendar_of(message).walk("VEVENT"))) > 0
    record = example / SENT_FILE
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    sent = load(example).sent
    assert len(sent.messages) == len(everyone)
    assert {m.match for m in sent.messages} == {m.id for m in snapshot.matches.matches}
    assert {m.message_id for m in sent.messages} == {str(m["Message-ID"]) for m in box.messages()}
    # The record names messages and matches, never people, addresses or texts.
    text = record.read_text(encoding="utf-8")
    for person in snapshot.roster.people:
        assert person.email not in text and person.name not in text
    assert "Subject" not in text and "Dear" not in text


def test_a_rerun_sends_nothing_twice(example: Path, cli: Cli, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    with_smtp(example, port)
    assert cli("-p", str(example), "announce", "--send").exit_code == 0
    first = len(box.received)
    again = cli("-p", str(example), "announce", "--send")
    assert again.exit_code == 0, again.output
    assert len(box.received) == first
    assert "introduced already" in again.stderr


def test_a_new_match_is_announced_alone(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port)
    matches = load(example).matches
    old, new = matches.matches[:-1], matches.matches[-1]
    (example / MATCHES_FILE).write_text(_dump(MatchesFile(matches=old)), encoding="utf-8")
    assert cli("-p", str(example), "announce", "--send").exit_code == 0
    before = len(box.received)
    (example / MATCHES_FILE).write_text(_dump(matches), encoding="utf-8")
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 0, result.output
    addresses = emails(example)
    assert sorted(box.recipients()[before:]) == sorted(addresses[p] for p in new.people)


def _dump(matches: MatchesFile) -> str:
    from rmcli.folder import dump_owned

    return dump_owned(matches)


def test_refused_and_dropped_messages_are_reported_and_the_rest_go(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port)
    addresses = emails(example)
    box.refuse.add(addresses["sabine"])
    box.drop.add(addresses["aylin"])
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 1, result.output
    snapshot = load(example)
    everyone = [p for m in snapshot.matches.matches for p in m.people]
    delivered = sorted(addresses[p] for p in everyone if p not in ("sabine", "aylin"))
    assert sorted(box.recipients()) == delivered
    lines = [line for line in result.stderr.splitlines() if "warning: not sent" in line]
    assert len(lines) == 2
    assert any("sabine" in line and "550" in line for line in lines)
    assert any("aylin" in line and "connection" in line for line in lines)
    assert "2 messages were not sent" in result.stderr
    # No address or name in what rmcli says.
    for person in snapshot.roster.people:
        assert person.email not in result.output and person.name not in result.output
    assert len(load(example).sent.messages) == len(everyone) - 2
    # Once the server accepts them, a re-run sends just the two.
    box.refuse.clear()
    box.drop.clear()
    again = cli("-p", str(example), "announce", "--send")
    assert again.exit_code == 0, again.output
    assert sorted(box.recipients()[len(delivered) :]) == sorted(
        [addresses["sabine"], addresses["aylin"]]
    )


def test_an_unreachable_server_fails_every_message_and_records_none(
    example: Path, cli: Cli
) -> None:
    with_smtp(example, free_port())
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 1
    count = sum(len(m.people) for m in load(example).matches.matches)
    assert result.stderr.count("cannot connect") == count
    assert not (example / SENT_FILE).exists()
    assert len(list((example / OUTBOX_DIR).glob("*.eml"))) == count


def test_dry_run_and_no_send_only_write_the_outbox(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port)
    for args in (["--send", "--dry-run"], []):
        result = cli("-p", str(example), "announce", *args)
        assert result.exit_code == 0, result.output
        assert box.received == []
        assert not (example / SENT_FILE).exists()
        assert list((example / OUTBOX_DIR).glob("*.eml"))
    assert (
        "would go through 127.0.0.1"
        in cli("-p", str(example), "announce", "--send", "--dry-run").stderr
    )


def test_the_password_comes_from_the_environment_only(example: Path, cli: Cli) -> None:
    box = Mailbox()

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        box.logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret", handled=False)

    controller, port = start_server(box, authenticator=check, auth_require_tls=False)
    try:
        with_smtp(example, port, user="office")
        missing = cli("-p", str(example), "announce", "--send", env={"RMCLI_SMTP_PASSWORD": ""})
        assert missing.exit_code == 2
        assert "RMCLI_SMTP_PASSWORD" in missing.stderr
        assert not (example / OUTBOX_DIR).exists()  # refused before anything is written
        wrong = cli("-p", str(example), "announce", "--send", env={"RMCLI_SMTP_PASSWORD": "no"})
        assert wrong.exit_code == 1 and "refused the login" in wrong.stderr
        assert "no" not in [line.strip() for line in wrong.stderr.splitlines()]
        right = cli("-p", str(example), "announce", "--send", env={"RMCLI_SMTP_PASSWORD": "s3cret"})
        assert right.exit_code == 0, right.output
        assert (b"office", b"s3cret") in box.logins
        assert len(box.received) == sum(len(m.people) for m in load(example).matches.matches)
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (({"name": "Office", "email": "office@example.com"}, None), "[smtp]"),
        (({"name": "Office"}, {"host": "127.0.0.1", "port": 25}), "organiser.email"),
    ],
)
def test_send_without_server_or_sender_exits_2_writing_nothing(
    example: Path, cli: Cli, changes: tuple[dict[str, str], dict[str, Any] | None], expected: str
) -> None:
    organiser, smtp = changes
    set_organiser(example, organiser)
    if smtp is not None:
        edit_program(example, smtp=smtp)
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert not (example / OUTBOX_DIR).exists()


def test_people_without_email_get_an_unaddressed_message_and_fail_to_send(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port)
    roster = (example / ROSTER_FILE).read_text(encoding="utf-8")
    (example / ROSTER_FILE).write_text(
        roster.replace('email = "helga.brandt@example.com"\n', ""), encoding="utf-8"
    )
    match = next(m for m in load(example).matches.matches if "helga" in m.people)
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 1
    assert "no email in roster.toml for helga" in result.stderr
    assert parse(example / OUTBOX_DIR / f"{match.id}-helga.eml")["To"] is None
    assert "helga.brandt@example.com" not in box.recipients()
    assert len(box.received) == sum(len(m.people) for m in load(example).matches.matches) - 1


def test_without_a_terminal_nothing_is_asked(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmcli.cli import ask

    def never(*args: Any, **kwargs: Any) -> bool:
        raise AssertionError("asked without a terminal")

    monkeypatch.setattr(ask, "yes_no", never)
    box, port = mailbox
    with_smtp(example, port)
    assert cli("-p", str(example), "announce", "--send").exit_code == 0
    assert box.received


def test_at_a_terminal_a_no_sends_nothing(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmcli.cli import ask

    questions: list[str] = []
    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(ask, "yes_no", lambda q, default=False: questions.append(q) or False)
    box, port = mailbox
    with_smtp(example, port)
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 1
    assert questions and "127.0.0.1" in questions[0]
    assert box.received == [] and not (example / SENT_FILE).exists()
    assert cli("-p", str(example), "announce", "--send", "--yes").exit_code == 0
    assert len(questions) == 1 and box.received


def test_german_program_writes_german_messages(example: Path, cli: Cli) -> None:
    edit_program(example, language="de")
    roster = (example / ROSTER_FILE).read_text(encoding="utf-8")
    (example / ROSTER_FILE).write_text(
        roster.replace('name = "Sabine Wolf"', 'name = "Sabine Wölfle"'), encoding="utf-8"
    )
    assert cli("-p", str(example), "announce").exit_code == 0
    match = next(m for m in load(example).matches.matches if "sabine" in m.people)
    own = parse(example / OUTBOX_DIR / f"{match.id}-sabine.eml")
    assert own["To"].addresses[0].display_name == "Sabine Wölfle"  # encoded, and back
    partner = parse(next((example / OUTBOX_DIR).glob(f"{match.id}-[!s]*.eml")))
    assert "Sabine Wölfle" in partner["Subject"] and "Sabine Wölfle" in body_of(partner)
    message = parse(sorted((example / OUTBOX_DIR).glob("*.eml"))[0])
    body = body_of(message)
    assert "kennen" in message["Subject"]
    assert body.startswith("Hallo ") and "Zeitzone" in body and "Session 1 von" in body
    assert message.get_body(preferencelist=("plain",))["Content-Language"] == "de"


def test_templates_dir_overrides_the_subject(example: Path, cli: Cli) -> None:
    own = example / "my-templates" / "announce" / "en"
    own.mkdir(parents=True)
    (own / "subject.txt.j2").write_text("Hello {{ person.name }}\n", encoding="utf-8")
    edit_program(example, templates_dir="my-templates")
    assert cli("-p", str(example), "announce", "--match", "noah-sabine").exit_code == 0
    files = sorted((example / OUTBOX_DIR).glob("*.eml"))
    assert [f.name for f in files] == ["noah-sabine-noah.eml", "noah-sabine-sabine.eml"]
    assert parse(files[1])["Subject"] == "Hello Sabine Wolf"
    assert "Why we matched you" in body_of(parse(files[1]))  # the shipped body still


@pytest.mark.parametrize("match", ["nobody", "cohort"])
def test_unknown_match_exits_2(example: Path, cli: Cli, match: str) -> None:
    result = cli("-p", str(example), "announce", "--match", match)
    assert result.exit_code == 2 and f"--match {match}: no such match" in result.stderr
    assert not (example / OUTBOX_DIR).exists()


def test_message_ids_are_stable_and_differ_between_people(example: Path) -> None:
    from rmcli.announce.message import message_id

    program = load(example).program
    first = message_id(program=program, match="m", person="a")
    assert first == message_id(program=program, match="m", person="a")
    assert first != message_id(program=program, match="m", person="b")
    assert first != message_id(program=program, match="n", person="a")


def test_a_broken_record_stops_announce_and_validate_naming_the_line(
    example: Path, cli: Cli
) -> None:
    (example / SENT_FILE).write_text(
        '[[messages]]\nmessage_id = "<abc@example.com>"\nmatch = "x"\nsent = 2027-01-04T10:00:00Z\n',
        encoding="utf-8",
    )
    for command in ("announce", "validate"):
        result = cli("-p", str(example), command)
        assert result.exit_code == 2, result.output
        assert "sent.toml:2" in result.stderr and "message_id" in result.stderr
    assert not (example / OUTBOX_DIR).exists()


def test_group_and_capacity_matches_name_every_partner_once_per_match(
    example: Path, cli: Cli
) -> None:
    matches = MatchesFile.model_validate(
        {
            "matches": [
                {"id": "team", "juniors": ["aylin", "noah"], "seniors": ["markus"]},
                {"id": "second", "juniors": ["aylin"], "seniors": ["sabine"]},
            ]
        }
    )
    (example / MATCHES_FILE).write_text(_dump(matches), encoding="utf-8")
    assert cli("-p", str(example), "announce").exit_code == 0
    people = load(example).roster.by_id()
    outbox = example / OUTBOX_DIR
    team = body_of(parse(outbox / "team-markus.eml"))
    assert people["aylin"].name in team and people["noah"].name in team
    assert "these are the people you will meet" in team
    # Someone in two matches gets one message for each, with different ids.
    first, second = parse(outbox / "team-aylin.eml"), parse(outbox / "second-aylin.eml")
    assert first["Message-ID"] != second["Message-ID"]
    assert (
        people["sabine"].name in second["Subject"] and people["sabine"].name not in first["Subject"]
    )


def test_forget_deletes_the_persons_introductions(example: Path, cli: Cli) -> None:
    assert cli("-p", str(example), "announce").exit_code == 0
    match = next(m for m in load(example).matches.matches if "noah" in m.people)
    before = {p.name for p in (example / OUTBOX_DIR).glob("*.eml")}
    result = cli("-p", str(example), "forget", "noah", "--yes")
    assert result.exit_code == 0, result.output
    after = {p.name for p in (example / OUTBOX_DIR).glob("*.eml")}
    # The partner's message names noah too: both of the match go, every other stays.
    assert after == before - {f"{match.id}-{p}.eml" for p in match.people}


def test_a_rejected_message_is_reported_and_the_next_uses_the_same_connection(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port)
    addresses = emails(example)
    box.reject.add(addresses["lena"])
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if "warning: not sent" in line]
    assert len(failed) == 1 and "lena" in failed[0] and "554" in failed[0]
    everyone = [p for m in load(example).matches.matches for p in m.people]
    assert sorted(box.recipients()) == sorted(addresses[p] for p in everyone if p != "lena")


def test_starttls_the_server_does_not_offer_stops_before_any_message(
    example: Path, cli: Cli, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    with_smtp(example, port, starttls=True)
    result = cli("-p", str(example), "announce", "--send")
    assert result.exit_code == 1
    count = sum(len(m.people) for m in load(example).matches.matches)
    assert result.stderr.count("STARTTLS failed") == count
    assert box.received == [] and not (example / SENT_FILE).exists()
