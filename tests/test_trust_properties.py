"""Property tests: every model survives a TOML round trip; the loader never crashes on any bytes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from tests.trust_strategies import for_model

from rmcli.errors import RmcliError
from rmcli.folder import SESSIONS_FILE, load, load_file, write_owned
from rmcli.forget.record import ErasuresFile
from rmcli.io.toml import read_model
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.models.feedback import FeedbackFile, SurveysFile

MODELS: list[type[BaseModel]] = [
    Program,
    Roster,
    MatchesFile,
    SessionsFile,
    CheckinsFile,
    FeedbackFile,
    SurveysFile,
    ErasuresFile,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_round_trips_through_toml(model: type[BaseModel]) -> None:
    @settings(
        max_examples=25, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
    )
    @given(for_model(model))
    def round_trip(value: BaseModel) -> None:
        data = value.model_dump(mode="python", by_alias=True, exclude_none=True)
        text = tomli_w.dumps(data)
        assert model.model_validate(tomllib.loads(text)) == value

    round_trip()


def test_the_generated_owned_file_reads_back(tmp_path: Path) -> None:
    # dump_owned adds a header comment; the file must still load as the same model.
    @settings(
        max_examples=15, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
    )
    @given(for_model(SessionsFile))
    def check(value: SessionsFile) -> None:
        write_owned(tmp_path, SESSIONS_FILE, value)
        assert load(tmp_path).sessions == value

    check()


TOMLISH = st.lists(
    st.sampled_from(
        [
            b"[[people]]\n",
            b'id = "a"\n',
            b'name = "A"\n',
            b'role = "junior"\n',
            b"role = 1\n",
            b"\xef\xbb\xbf",
            b"\r\n",
            b"<<<<<<< HEAD\n",
            b"= \n",
            b'"\xff"',
            b"[org]\n",
            b"x.y = 1\n",
            b"score = nan\n",
            b"start = 2027-01-11\n",
            b"\x00",
            b'"""',
            b"[[people]]\nid = 5\n",
        ]
    ),
    max_size=12,
).map(b"".join)


@pytest.mark.parametrize(
    "model", [Roster, Program, MatchesFile, FeedbackFile], ids=lambda m: m.__name__
)
def test_any_bytes_load_or_give_an_rmcli_error(model: type[BaseModel], tmp_path: Path) -> None:
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(st.binary(max_size=200), TOMLISH))
    def load(data: bytes) -> None:
        path = tmp_path / "file.toml"
        path.write_bytes(data)
        found, problems = read_model(model, path, file="file.toml")
        assert (found is None) == bool(problems)  # a result or problems, never both, never neither
        for problem in problems:
            assert problem.file == "file.toml" and problem.message
        try:
            load_file(tmp_path, "file.toml", model).strict()
        except RmcliError as exc:
            assert exc.lines()

    load()
