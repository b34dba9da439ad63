"""Every command of ``replicate``: its name, aliases, one-line summary and the module that runs it.

Nothing here imports a command's module: :func:`load` does, for the one command being run.
A command module exposes ``configure(parser)``, which adds its arguments and sets
``handler`` (``handler(args, console) -> int``) as a parser default.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, NamedTuple, Optional

if TYPE_CHECKING:
    import argparse

__all__ = ["COMMANDS", "SECTIONS", "Command", "find", "load"]


class Command(NamedTuple):
    """One top-level command (a named tuple: cheaper to import than a dataclass)."""

    name: str
    target: str
    """``"module:function"``: the function that configures the command's parser."""
    summary: str
    section: str
    aliases: tuple[str, ...] = ()


SECTIONS = ("Experiment commands", "API commands", "Other commands")

COMMANDS: tuple[Command, ...] = (
    Command("ls", "exp_list:configure_ls", "List experiments in this project", "Experiment commands", ("list",)),
    Command("ps", "exp_list:configure_ps", "List running experiments in this project", "Experiment commands", ("processes",)),
    Command("show", "exp_show:configure", "View information about an experiment or checkpoint", "Experiment commands"),
    Command("diff", "exp_diff:configure", "Compare two experiments or checkpoints", "Experiment commands"),
    Command("checkout", "exp_checkout:configure", "Copy files from an experiment or checkpoint into the project directory", "Experiment commands"),
    Command("rm", "exp_rm:configure", "Remove experiments or checkpoints", "Experiment commands", ("delete", "remove")),
    Command("run", "api_run:configure_run", "Run a model and print its output", "API commands"),
    Command("stream", "api_run:configure_stream", "Run a language model and print its text as it arrives", "API commands"),
    Command("prediction", "api_prediction:configure", "List, get, cancel or wait for predictions", "API commands", ("predictions",)),
    Command("model", "api_model:configure", "Get models, their versions and input schemas", "API commands", ("models",)),
    Command("file", "api_file:configure", "Upload, list, get, download and delete files", "API commands", ("files",)),
    Command("training", "api_training:configure", "Create, get, list or cancel trainings", "API commands", ("trainings",)),
    Command("account", "api_account:configure_account", "Show the account the API token belongs to", "API commands"),
    Command("hardware", "api_account:configure_hardware", "List the hardware models can run on", "API commands"),
    Command("analytics", "analytics_command:configure", "Turn anonymous usage analytics on or off, or see their status", "Other commands"),
    Command("feedback", "feedback:configure", "Tell us what works and what does not", "Other commands"),
)  # fmt: skip


def find(name: str) -> Optional[Command]:
    """The command called ``name`` (or aliased so), or ``None``."""
    for command in COMMANDS:
        if name == command.name or name in command.aliases:
            return command
    return None


def load(command: Command) -> Callable[[argparse.ArgumentParser], None]:
    """Import the command's module and return its ``configure`` function."""
    module_name, _, function = command.target.partition(":")
    module = importlib.import_module(f"replicate._cli.{module_name}")
    configure: Callable[[argparse.ArgumentParser], None] = getattr(module, function)
    return configure
