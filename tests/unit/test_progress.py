"""Tests of progress parsing from prediction logs."""

from __future__ import annotations

import doctest
from typing import Optional

import pytest

from replicate._core.progress import Progress, parse_progress

DIFFUSION_LOGS = (
    "Using seed: 42\n"
    "Loading pipeline components...: 100%|██████████| 7/7 [00:01<00:00,  5.12it/s]\n"
    "  0%|          | 0/50 [00:00<?, ?it/s]\r"
    "  2%|▏         | 1/50 [00:00<00:20,  2.41it/s]\r"
    " 44%|████▍     | 22/50 [00:04<00:05,  5.30it/s]\r"
    " 46%|████▌     | 23/50 [00:04<00:05,  5.31it/s]"
)


@pytest.mark.parametrize(
    ("logs", "expected"),
    [
        (DIFFUSION_LOGS, Progress(0.46, 23, 50)),
        (
            DIFFUSION_LOGS + "\r100%|██████████| 50/50 [00:09<00:00,  5.33it/s]\n",
            Progress(1.0, 50, 50),
        ),
        (DIFFUSION_LOGS + "\nsaving image to out-0.png\n", Progress(0.46, 23, 50)),
        ("  45%|████▌     | 45/100 [00:03<00:04, 12.3it/s]", Progress(0.45, 45, 100)),
        ("step 1\r\nstep 2\r\n 10%|#         | 10/100 [00:01<00:09]\r\n", Progress(0.10, 10, 100)),
        (
            "Downloading: 33%|███▎      | 1.50G/4.50G [00:10<00:20, 150MB/s]",
            Progress(0.33, 1_500_000_000, 4_500_000_000),
        ),
        ("sampling 7%|7| 7/100 and then 8%|8| 8/100", Progress(0.08, 8, 100)),
        ("100%|██████████| 4/4 [00:00<00:00, 1000.00it/s]", Progress(1.0, 4, 4)),
    ],
)
def test_last_progress_bar_wins(logs: str, expected: Progress) -> None:
    assert parse_progress(logs) == expected


@pytest.mark.parametrize(
    "logs",
    [
        None,
        "",
        "Loading model...\nModel loaded in 3.2s\n",
        "45it [00:03, 12.3it/s]",
        "progress 45% done",
        "ratio 1/2",
    ],
)
def test_no_progress(logs: Optional[str]) -> None:
    assert parse_progress(logs) is None


def test_bar_without_total_after_a_real_bar_falls_back_to_the_real_one() -> None:
    logs = " 50%|█████     | 5/10 [00:01<00:01]\n12it [00:02, 6.0it/s]\n"
    assert parse_progress(logs) == Progress(0.5, 5, 10)


def test_percentage_is_a_fraction() -> None:
    progress = parse_progress(" 7%|▋         | 7/100")
    assert progress is not None
    assert progress.percentage == 0.07
    assert isinstance(progress.current, int)


def test_docstring_examples_hold() -> None:
    from replicate._core import progress

    result = doctest.testmod(progress)
    assert result.attempted > 0
    assert result.failed == 0
