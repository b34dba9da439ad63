"""``replicate``: parse the command line, run one command, report failures in one line.

The top-level parser knows every command by name (from :mod:`.registry`) but builds the
arguments of, and imports, only the command being run.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, NoReturn, Optional, Sequence, cast

from .._version import __version__
from . import registry
from .console import Console, terminal_width
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, CLIError, UsageError

__all__ = ["Parser", "add_global_options", "build_parser", "main"]

Handler = Callable[[argparse.Namespace, Console], int]

_DESCRIPTION = "Replicate: run models in the cloud, and track the experiments you train locally."
_EPILOG_END = """\
Run 'replicate <command> --help' for a command's options.
Experiment commands read replicate.yaml (or -R URL); API commands read REPLICATE_API_TOKEN."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are :class:`UsageError` (one line, exit status 2).

    ``help_prog`` is the command whose ``--help`` the message points to, when not this
    parser's own: the top-level parser reports a command's unknown arguments.
    """

    help_prog: Optional[str] = None

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.help_prog or self.prog} --help')")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every argument added, and a formatter left to
        # find the terminal's width itself imports shutil (and bz2, lzma...) to do it.
        formatter: Callable[..., argparse.HelpFormatter] = self.formatter_class
        return formatter(prog=self.prog, width=terminal_width() - 2)


def add_global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    """``-v/--verbose`` and ``--color/--no-color``, accepted before or after the command.

    On a command's parser the defaults are suppressed, so that a flag given before the
    command is not reset by the command's parser.
    """
    options = parser.add_argument_group("global options")
    options.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="verbose output; tracebacks for unexpected errors",
    )
    options.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None if top_level else argparse.SUPPRESS,
        help="colour the output (default: on a terminal, unless NO_COLOR is set)",
    )


def _command_list() -> str:
    width = max(len(command.name) for command in registry.COMMANDS) + 2
    lines: list[str] = []
    for section in registry.SECTIONS:
        lines.append(f"{section}:")
        for command in registry.COMMANDS:
            if command.section == section:
                lines.append(f"  {command.name:<{width}}{command.summary}")
        lines.append("")
    return "\n".join(lines) + "\n" + _EPILOG_END


def build_parser(command: Optional[registry.Command]) -> Parser:
    """The top-level parser, with ``command`` (if any) fully configured as its one subcommand."""
    parser = Parser(
        prog="replicate",
        usage="replicate [options] <command> [<args>]",
        description=_DESCRIPTION,
        epilog=_command_list(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"replicate {__version__}")
    add_global_options(parser, top_level=True)
    parser.add_argument(
        "-D",
        "--project-directory",
        metavar="DIR",
        help="project directory of experiment commands (default: nearest parent with replicate.yaml)",
    )
    parser.add_argument(
        "-R",
        "--repository",
        metavar="URL",
        help="repository of experiment commands, e.g. s3://my-bucket (default: from replicate.yaml)",
    )
    if command is not None:
        commands = parser.add_subparsers(dest="command", metavar="<command>")
        sub = commands.add_parser(
            command.name,
            prog=f"replicate {command.name}",
            aliases=list(command.aliases),
            help=command.summary,
            description=command.summary,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add_global_options(sub, top_level=False)
        registry.load(command)(sub)
        parser.help_prog = sub.prog
    return parser


_GO_BOOLEANS = {"1": True, "t": True, "true": True, "0": False, "f": False, "false": False}


def _keepsake_color_flag(words: Sequence[str]) -> list[str]:
    """``--color=false`` (Keepsake's Go boolean flag) as ``--no-color``, ``--color=true``
    as ``--color``; everything after ``--`` is left alone."""
    converted: list[str] = []
    for index, word in enumerate(words):
        if word == "--":
            converted.extend(words[index:])
            break
        name, _, value = word.partition("=")
        if name == "--color" and value.lower() in _GO_BOOLEANS:
            word = "--color" if _GO_BOOLEANS[value.lower()] else "--no-color"
        converted.append(word)
    return converted


_VALUED_GLOBALS = frozenset({"-D", "--project-directory", "-R", "--repository"})


def _command_word(argv: Sequence[str]) -> Optional[str]:
    """The first word of ``argv`` that is not a global option (or its value)."""
    skip_value = False
    for word in argv:
        if skip_value:
            skip_value = False
        elif word in _VALUED_GLOBALS:
            skip_value = True
        elif not word.startswith("-") or word == "-":
            return word
    return None


def _unknown_command(word: str) -> UsageError:
    import difflib

    names = [name for command in registry.COMMANDS for name in (command.name, *command.aliases)]
    close = difflib.get_close_matches(word, names, n=3)
    hint = f"; did you mean {' or '.join(repr(name) for name in close)}?" if close else ""
    return UsageError(f"unknown command {word!r}{hint} (see 'replicate --help')")


def _report(message: str) -> None:
    # One line, whatever the message: some (a YAML parser's) span several.
    line = " ".join(part.strip() for part in message.splitlines() if part.strip())
    sys.stderr.write(f"error: {line}\n")
    sys.stderr.flush()


def _describe_unexpected(error: BaseException, verbose: bool) -> str:
    from .._exceptions import ReplicateError

    if isinstance(error, ReplicateError):
        from .api_errors import describe

        return describe(error)
    hint = "" if verbose else " (run with --verbose for the traceback)"
    return f"{type(error).__name__}: {error}{hint}"


def _parse(parser: argparse.ArgumentParser, words: list[str]) -> argparse.Namespace:
    """``words`` parsed; ``KEY=VALUE`` inputs may also come after options.

    argparse takes a command's positional inputs in one run, so ``replicate run MODEL -o
    out/ prompt=x`` would leave ``prompt=x`` unrecognized: such words join the inputs.
    """
    args, extra = parser.parse_known_args(words)
    inputs: object = getattr(args, "inputs", None)
    if extra and isinstance(inputs, list):
        late = [word for word in extra if "=" in word and not word.startswith("-")]
        if len(late) == len(extra):
            args.inputs = [*cast("list[str]", inputs), *late]
            return args
    if extra:
        return parser.parse_args(words)  # reports the unrecognized words as usual
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``replicate`` with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    words = _keepsake_color_flag(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in words or "--verbose" in words
    try:
        word = _command_word(words)
        command = None if word is None else registry.find(word)
        if word is not None and command is None:
            raise _unknown_command(word)
        parser = build_parser(command)
        args = _parse(parser, words)
        if command is None:
            parser.print_help()
            return 0
        console = Console(color=args.color, verbose=args.verbose)
        handler: Handler = args.handler
        status = handler(args, console)
        if command.name != "analytics":
            from .analytics import record_command

            record_command(command.name)
        return status
    except SystemExit as stop:  # --help and --version end the parse this way
        return stop.code if isinstance(stop.code, int) else 0
    except CLIError as error:
        _report(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`replicate ls -q | head -1`): nothing more to say to anyone,
        # not even at exit, when Python flushes standard output once more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as error:
        if verbose:
            import traceback

            traceback.print_exc()
        _report(_describe_unexpected(error, verbose))
        return EXIT_ERROR
