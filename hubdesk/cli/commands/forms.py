"""Form commands: list and show definitions, validate answers and print their summary; attach answers to a case."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import LANGUAGES, N_, _, get_language

if TYPE_CHECKING:
    from hubdesk.domain.reference import ReferenceData
    from hubdesk.forms import FieldDef, FormContext, FormRegistry

EXIT_INVALID = 2


def _data_dir(args: argparse.Namespace) -> Path:
    from hubdesk.kernel.paths import default_data_dir

    return Path(args.data_dir).expanduser() if getattr(args, "data_dir", None) else default_data_dir()


def _registry(args: argparse.Namespace) -> FormRegistry:
    """Shipped definitions plus those the server published into the workspace (no database opened)."""
    from hubdesk.forms import FormRegistry, shipped_forms_dir

    return FormRegistry([shipped_forms_dir(), _data_dir(args) / "forms"])


def _reference(args: argparse.Namespace) -> ReferenceData:
    """The workspace's reference data when a newer one came by sync, else the shipped file."""
    from hubdesk.domain.reference import load_reference_data

    received = _data_dir(args) / "reference" / "brussels.json"
    return load_reference_data(received if received.exists() else None)


def _context(args: argparse.Namespace) -> FormContext:
    from hubdesk.forms import FormContext

    today: date = getattr(args, "today", None) or date.today()
    return FormContext(reference=_reference(args), today=today, language=get_language())


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("Enter a date as YYYY-MM-DD.")) from None


def read_answers(path: str) -> Any:
    """Answers from a JSON file ("-" for standard input); a translated error when it is not JSON."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return json.loads(text)
    except OSError as error:
        raise ValidationError(
            N_("The file {path} cannot be read: {reason}"),
            field="answers",
            path=path,
            reason=error.strerror or str(error),
        ) from error
    except ValueError as error:
        raise ValidationError(
            N_("The file {path} is not valid JSON: {reason}"), field="answers", path=path, reason=str(error)
        ) from error


def _answers_object(path: str) -> dict[str, Any]:
    answers = read_answers(path)
    if not isinstance(answers, dict):
        raise ValidationError(N_("The answers must be a JSON object."), field="answers")
    return answers


def _print_json(data: Any) -> None:
    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=default)
    sys.stdout.write("\n")


def cmd_list(args: argparse.Namespace) -> int:
    from hubdesk.forms import localized

    infos = _registry(args).list_definitions()
    if args.json:
        _print_json(
            [{"form_id": i.form_id, "version": i.version, "kind": i.kind, "titles": dict(i.titles)} for i in infos]
        )
        return 0
    for info in infos:
        print(f"{info.form_id:<24} v{info.version:<3} {info.kind:<22} {localized(info.titles)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from hubdesk.forms import localized

    definition = _registry(args).load(args.form_id, args.version)
    language = get_language()
    print(f"{localized(definition.title, language)} ({definition.form_id} v{definition.version})")
    if definition.description:
        print(localized(definition.description, language))

    def show(spec: FieldDef, indent: str) -> None:
        mark = " *" if spec.required else ""
        print(f"{indent}- {spec.id} [{spec.kind.value}] {localized(spec.label, language)}{mark}")
        if spec.shown_if:
            print(indent + "    " + _("shown if") + f": {spec.shown_if}")
        if spec.required_if:
            print(indent + "    " + _("required if") + f": {spec.required_if}")
        for choice in spec.choices:
            print(f"{indent}    {choice.value}: {localized(choice.label, language)}")
        for sub in spec.fields:
            show(sub, indent + "    ")

    for section in definition.sections:
        print(f"\n{localized(section.title, language)}")
        for spec in section.fields:
            show(spec, "  ")
    if definition.checklist:
        print("\n" + _("Documents"))
        for entry in definition.checklist:
            print(f"  - {localized(entry.label, language)}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from hubdesk.forms import validate

    definition = _registry(args).load(args.form_id, args.version)
    answers = _answers_object(args.answers)
    issues = validate(definition, answers, submitted=args.submitted, context=_context(args))
    if args.json:
        _print_json([asdict(issue) for issue in issues])
    elif not issues:
        print(_("The answers are valid."))
    else:
        print(_("{count} problem(s) in the answers:").format(count=len(issues)), file=sys.stderr)
        for issue in issues:
            print(f"  {issue.path}: {issue.message}", file=sys.stderr)
    return EXIT_INVALID if issues else 0


def cmd_summary(args: argparse.Namespace) -> int:
    from hubdesk.forms import summarize

    definition = _registry(args).load(args.form_id, args.version)
    answers = _answers_object(args.answers)
    summary = summarize(definition, answers, _context(args), get_language())
    if args.json:
        _print_json(asdict(summary))
        return 0
    mark = f" ({summary.to_be_confirmed_label})"
    print(f"{summary.title} ({summary.form_id} v{summary.form_version})")
    for section in summary.sections:
        print(f"\n{section.title}")
        for item in section.items:
            print(f"  {item.label}: {item.value}{mark if item.to_be_confirmed else ''}")
        for table in section.tables:
            print(f"  {table.title}: {' | '.join(table.columns)}")
            for row in table.rows:
                print(f"    {' | '.join(row)}")
    for permit in summary.permits:
        print("\n" + _("Permit") + f": {permit.name}{mark if permit.to_be_confirmed else ''}")
        print("  " + _("Issuer") + f": {permit.issuer}")
        if permit.procedure:
            print(f"  {permit.procedure}")
    if summary.timeline:
        print("\n" + _("Timeline"))
        for step in summary.timeline:
            when = step.due_on.isoformat() if step.due_on else "—"
            print(f"  {when}  {step.label}: {step.basis}{mark if step.to_be_confirmed else ''}")
    for aid in summary.aid:
        print("\n" + _("Aid") + f": {aid.scheme}{mark if aid.to_be_confirmed else ''}")
        for reason in aid.reasons:
            print(f"  - {reason}")
        if aid.amount_eur is not None:
            low = f"{aid.amount_min_eur} – " if aid.amount_min_eur is not None else ""
            print("  " + _("Estimate") + f": {low}{aid.amount_eur} EUR ({aid.rate})")
    for title, lines in ((_("Documents"), [c.label for c in summary.checklist]), (_("Next steps"), summary.next_steps)):
        if lines:
            print(f"\n{title}")
            for line in lines:
                print(f"  - {line}")
    for notice in summary.notices:
        print(f"\n! {notice}")
    return 0


def cmd_fill(args: argparse.Namespace) -> int:
    from hubdesk.services.forms import fill_form
    from hubdesk.services.workspace import Workspace

    answers = read_answers(args.answers)
    with Workspace.open(Path(args.data_dir) if args.data_dir else None) as ws:
        filled = fill_form(ws, args.reference, args.form_id, answers, submit=args.submit).value
    for issue in filled.issues:
        print(f"{issue.path}: {issue.message}", file=sys.stderr)
    message = _("Application submitted.") if args.submit else _("Answers saved as a draft.")
    print(f"{message} ({filled.definition.form_id} v{filled.definition.version})")
    return 0


def _common(parser: argparse.ArgumentParser, *, answers: bool) -> None:
    parser.add_argument("form_id", metavar="ID")
    if answers:
        parser.add_argument(
            "answers", metavar="ANSWERS.json", help=_("answers as a JSON object ('-' for standard input)")
        )
    parser.add_argument(
        "--version", type=int, dest="version", metavar="V", help=_("form version (default: the newest)")
    )
    parser.add_argument("--lang", choices=LANGUAGES, dest="form_lang", help=_("language of messages"))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    forms = subparsers.add_parser("forms", help=_("permit and subsidy forms"))
    actions = forms.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("list the forms"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.add_argument("--lang", choices=LANGUAGES, dest="form_lang", help=_("language of messages"))
    listing.set_defaults(handler=cmd_list)
    show = actions.add_parser("show", help=_("show a form's fields"))
    _common(show, answers=False)
    show.set_defaults(handler=cmd_show)
    check = actions.add_parser("validate", help=_("check answers against a form"))
    _common(check, answers=True)
    check.add_argument("--submitted", action="store_true", help=_("check as a submitted application (all required)"))
    check.add_argument("--json", action="store_true", help=_("print the issues as JSON"))
    check.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help=_("date to check against (default: today)"))
    check.set_defaults(handler=cmd_validate)
    summary = actions.add_parser("summary", help=_("print what the answers mean: permits, deadlines, aid"))
    _common(summary, answers=True)
    summary.add_argument("--json", action="store_true", help=_("print JSON"))
    summary.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help=_("date to check against (default: today)"))
    summary.set_defaults(handler=cmd_summary)


def register_case_fill(case_actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fill = case_actions.add_parser("fill", help=_("save form answers on a case"))
    fill.add_argument("reference")
    fill.add_argument("form_id", metavar="FORM_ID")
    fill.add_argument("answers", metavar="ANSWERS.json")
    fill.add_argument("--submit", action="store_true", help=_("submit the application (all required fields)"))
    fill.set_defaults(handler=cmd_fill)
