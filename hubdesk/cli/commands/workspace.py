"""Workspace commands: demo data, search, enterprises, contacts, cases, visits, tasks, attachments."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hubdesk.domain.identifiers import format_enterprise_number
from hubdesk.domain.workflow import kind_label, status_label
from hubdesk.kernel.i18n import N_, _
from hubdesk.kernel.jobs import Reporter

ENTERPRISE_OPTIONS: Mapping[str, str] = {
    "number": N_("enterprise number (0403.019.261)"),
    "name": N_("name"),
    "legal_form": N_("legal form"),
    "street": N_("street and number"),
    "postal_code": N_("postal code"),
    "commune": N_("commune NIS code, to confirm a shared postal code (1040, 1050)"),
    "city": N_("city"),
    "sector": N_("sector key from the reference data"),
    "nace": N_("NACE-BEL codes, comma-separated"),
    "language": N_("preferred language (fr, nl, en)"),
    "vat_number": N_("VAT number"),
    "iban": N_("IBAN"),
    "phone": N_("phone"),
    "email": N_("e-mail"),
    "account_manager": N_("account manager"),
    "headcount": N_("headcount (annual work units)"),
    "turnover": N_("annual turnover in euro"),
    "balance_sheet": N_("balance-sheet total in euro"),
}


def _workspace(args: argparse.Namespace) -> Any:
    from hubdesk.services.workspace import Workspace

    return Workspace.open(Path(args.data_dir) if args.data_dir else None)


def _print_json(value: Any) -> None:
    from hubdesk.services.serialize import as_json

    json.dump(as_json(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _enterprise_values(args: argparse.Namespace, *, skip_number: bool = False) -> dict[str, str]:
    return {
        key: value
        for key in ENTERPRISE_OPTIONS
        if (value := getattr(args, key, None)) is not None and not (skip_number and key == "number")
    }


def _add_enterprise_options(parser: argparse.ArgumentParser, *, number: bool) -> None:
    for key, help_text in ENTERPRISE_OPTIONS.items():
        if key == "number" and not number:
            continue
        parser.add_argument("--" + key.replace("_", "-"), dest=key, metavar="TEXT", help=_(help_text))


def cmd_demo(args: argparse.Namespace) -> int:
    from hubdesk.cli.progress import ProgressBar
    from hubdesk.services.demo_build import build_demo

    bar = ProgressBar(_("Building the demo workspace"))
    counts = build_demo(
        Path(args.data_dir) if args.data_dir else None,
        args.enterprises,
        args.cases,
        seed=args.seed,
        reporter=Reporter(bar),
    )
    bar.finish()
    print(
        _("Demo workspace ready: {enterprises} enterprises, {cases} cases, {visits} visits.").format(
            enterprises=counts.get("enterprise", 0),
            cases=counts.get("case", 0),
            visits=counts.get("visit", 0),
        )
    )
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with _workspace(args) as ws, ws.store.read() as reader:
        hits = reader.search(args.text, limit=args.limit)
    if args.json:
        _print_json(hits)
        return 0
    if not hits:
        print(_("Nothing found for “{text}”.").format(text=args.text))
    for hit in hits:
        print(f"{hit.kind:<10} {hit.title}" + (f"  — {hit.snippet}" if hit.snippet else ""))
    return 0


def _report(args: argparse.Namespace, value: Any, message: str) -> int:
    """Print the saved record as JSON with --json, else the confirmation message."""
    if args.json:
        _print_json(value)
    else:
        print(message)
    return 0


def cmd_enterprise_add(args: argparse.Namespace) -> int:
    from hubdesk.services.records import add_enterprise

    with _workspace(args) as ws:
        saved = add_enterprise(ws, _enterprise_values(args)).value
    number = format_enterprise_number(saved.number)
    return _report(args, saved, _("Enterprise {number} {name} added.").format(number=number, name=saved.name))


def cmd_enterprise_set(args: argparse.Namespace) -> int:
    from hubdesk.services.records import update_enterprise

    values = _enterprise_values(args, skip_number=True)
    if args.new_number is not None:
        values["number"] = args.new_number
    with _workspace(args) as ws:
        saved = update_enterprise(ws, args.number_arg, values).value
    number = format_enterprise_number(saved.number)
    return _report(args, saved, _("Enterprise {number} {name} saved.").format(number=number, name=saved.name))


def cmd_enterprise_show(args: argparse.Namespace) -> int:
    from hubdesk.domain.sme import enterprise_sme_class
    from hubdesk.services.records import find_enterprise

    with _workspace(args) as ws:
        enterprise = find_enterprise(ws, args.number_arg)
        with ws.store.read() as reader:
            contacts = reader.contacts_of(enterprise.id)
            cases = reader.cases_of(enterprise.id)
        commune = (
            ws.reference.commune_by_nis(enterprise.address.commune_nis).name() if enterprise.address.commune_nis else ""
        )
    size = enterprise_sme_class(enterprise)
    if args.json:
        from hubdesk.services.serialize import as_json

        data = as_json(enterprise)
        data["sme_class"] = size.value if size else None
        data["contacts"] = as_json(contacts)
        data["cases"] = [as_json(c) for c in cases]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    lines = [
        (_("Enterprise number"), format_enterprise_number(enterprise.number)),
        (_("Name"), enterprise.name),
        (_("Legal form"), enterprise.legal_form),
        (_("Address"), f"{enterprise.address.street}, {enterprise.address.postal_code} {commune}"),
        (_("SME size"), size.value if size else _("unknown")),
        (_("VAT"), enterprise.vat_number or ""),
        (_("Phone"), enterprise.phone or ""),
        (_("E-mail"), enterprise.email or ""),
        (_("Account manager"), enterprise.account_manager or ""),
    ]
    for label, value in lines:
        print(f"{label + ':':<20} {value}")
    label_contact, label_case = _("Contact") + ":", _("Case") + ":"
    for contact in contacts:
        print(f"{label_contact:<20} {contact.name} {contact.role} {contact.phone or ''}")
    for case in cases:
        print(f"{label_case:<20} {case.reference} {case.title} ({status_label(case.status)})")
    return 0


def cmd_enterprise_list(args: argparse.Namespace) -> int:
    with _workspace(args) as ws, ws.store.read() as reader:
        page = reader.list_enterprises(text_prefix=args.prefix, offset=0, limit=args.limit)
    if args.json:
        _print_json(page.items)
        return 0
    for row in page.items:
        print(f"{format_enterprise_number(row.number)}  {row.name}")
    return 0


def cmd_contact_add(args: argparse.Namespace) -> int:
    from hubdesk.services.records import add_contact

    with _workspace(args) as ws:
        saved = add_contact(ws, args.number_arg, args.name, args.role or "", args.phone or "", args.email or "")
    return _report(args, saved.value, _("Contact {name} added.").format(name=saved.value.name))


def cmd_case_add(args: argparse.Namespace) -> int:
    from hubdesk.services.records import add_case

    with _workspace(args) as ws:
        saved = add_case(
            ws,
            args.enterprise,
            args.title,
            args.kind,
            account_manager=args.account_manager or "",
            attache_post=args.attache_post or "",
            due_on=args.due or "",
        )
    return _report(args, saved.value, _("Case {reference} opened.").format(reference=saved.value.reference))


def cmd_case_list(args: argparse.Namespace) -> int:
    from hubdesk.store import CaseFilter

    case_filter = CaseFilter(
        status=args.status,
        kind=args.kind,
        commune_nis=args.commune,
        account_manager=args.account_manager,
        attache_post=args.attache_post,
        text=args.text,
    )
    with _workspace(args) as ws, ws.store.read() as reader:
        page = reader.list_cases(case_filter, sort=args.sort, offset=0, limit=args.limit)
    if args.json:
        _print_json(page.items)
        return 0
    for row in page.items:
        print(f"{row.reference}  {status_label(row.status):<28} {row.title}")
    return 0


def cmd_case_show(args: argparse.Namespace) -> int:
    from hubdesk.services.records import find_case

    with _workspace(args) as ws:
        case = find_case(ws, args.reference)
        with ws.store.read() as reader:
            enterprise = reader.get_enterprise(case.enterprise_id)
            visits = reader.visits_of(case.id)
            tasks = reader.tasks_of(case.id)
            history = reader.status_history(case.id)
            attachments = reader.attachments_of(case.id)
            forms = reader.forms_of(case.id)
    if args.json:
        from hubdesk.services.serialize import as_json

        data = as_json(case)
        data.update(
            enterprise=as_json(enterprise),
            visits=as_json(visits),
            tasks=as_json(tasks),
            status_history=as_json(history),
            attachments=as_json(attachments),
            forms=as_json(forms),
        )
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"{case.reference}  {case.title}")
    label_kind, label_status = _("Kind") + ":", _("Status") + ":"
    label_enterprise, label_account_manager = _("Enterprise") + ":", _("Account manager") + ":"
    print(f"{label_kind:<20} {kind_label(case.kind)}")
    print(f"{label_status:<20} {status_label(case.status)}")
    if enterprise:
        print(f"{label_enterprise:<20} {format_enterprise_number(enterprise.number)} {enterprise.name}")
    print(f"{label_account_manager:<20} {case.account_manager or ''}")
    for visit in visits:
        print(f"  {visit.occurred_at:%Y-%m-%d %H:%M} {visit.channel.value:<9} {visit.notes[:70]}")
    for task in tasks:
        mark = "x" if task.done else " "
        print(f"  [{mark}] {task.due_on or ''} {task.title}  ({task.id})")
    for attachment in attachments:
        print(f"  📎 {attachment.name} ({attachment.size} B)")
    return 0


def cmd_case_status(args: argparse.Namespace) -> int:
    from hubdesk.services.records import change_status

    with _workspace(args) as ws:
        saved = change_status(ws, args.reference, args.status)
    print(
        _("Case {reference} is now “{status}”.").format(
            reference=saved.value.reference, status=status_label(saved.value.status)
        )
    )
    return 0


def cmd_visit_add(args: argparse.Namespace) -> int:
    from hubdesk.services.records import add_visit

    with _workspace(args) as ws:
        saved = add_visit(
            ws,
            args.reference,
            channel=args.channel,
            notes=args.notes,
            place=args.place or "",
            when=args.when or "",
        )
    return _report(args, saved.value, _("Visit recorded."))


def cmd_task_add(args: argparse.Namespace) -> int:
    from hubdesk.services.records import add_task

    with _workspace(args) as ws:
        saved = add_task(ws, args.reference, args.title, args.due or "")
    return _report(args, saved.value, _("Task added: {id}").format(id=saved.value.id))


def cmd_task_done(args: argparse.Namespace) -> int:
    from hubdesk.services.records import set_task_done

    with _workspace(args) as ws:
        set_task_done(ws, args.task_id, not args.undo)
    print(_("Task updated."))
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from hubdesk.services.records import attach_file

    with _workspace(args) as ws:
        saved = attach_file(ws, args.reference, Path(args.file), args.name or "")
    return _report(args, saved.value, _("Attached {name}.").format(name=saved.value.name))


def _json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON with the domain's field names"))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser("demo", help=_("build a demo workspace"))
    demo.add_argument("--enterprises", type=int, default=2000, metavar="N")
    demo.add_argument("--cases", type=int, default=5000, metavar="M")
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(handler=cmd_demo)

    search = subparsers.add_parser("search", help=_("search enterprises, contacts, cases and visit notes"))
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=20)
    _json_flag(search)
    search.set_defaults(handler=cmd_search)

    enterprise = subparsers.add_parser("enterprise", help=_("add, change and show enterprises"))
    actions = enterprise.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=_("add an enterprise"))
    _add_enterprise_options(add, number=True)
    _json_flag(add)
    add.set_defaults(handler=cmd_enterprise_add)
    change = actions.add_parser("set", help=_("change an enterprise"))
    change.add_argument("number_arg", metavar="NUMBER")
    change.add_argument("--number", dest="new_number", metavar="TEXT", help=_("new enterprise number"))
    _add_enterprise_options(change, number=False)
    _json_flag(change)
    change.set_defaults(handler=cmd_enterprise_set)
    show = actions.add_parser("show", help=_("show an enterprise"))
    show.add_argument("number_arg", metavar="NUMBER")
    _json_flag(show)
    show.set_defaults(handler=cmd_enterprise_show)
    listing = actions.add_parser("list", help=_("list enterprises"))
    listing.add_argument("--prefix", help=_("names starting with"))
    listing.add_argument("--limit", type=int, default=50)
    _json_flag(listing)
    listing.set_defaults(handler=cmd_enterprise_list)

    contact = subparsers.add_parser("contact", help=_("add contacts"))
    contact_actions = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    contact_add = contact_actions.add_parser("add", help=_("add a contact to an enterprise"))
    contact_add.add_argument("number_arg", metavar="NUMBER")
    contact_add.add_argument("--name", required=True)
    contact_add.add_argument("--role")
    contact_add.add_argument("--phone")
    contact_add.add_argument("--email")
    _json_flag(contact_add)
    contact_add.set_defaults(handler=cmd_contact_add)

    case = subparsers.add_parser("case", help=_("open, list, show and move cases"))
    case_actions = case.add_subparsers(dest="action", metavar="ACTION", required=True)
    case_add = case_actions.add_parser("add", help=_("open a case for an enterprise"))
    case_add.add_argument("--enterprise", required=True, metavar="NUMBER")
    case_add.add_argument("--title", required=True)
    case_add.add_argument(
        "--kind",
        required=True,
        help="permit_assistance, subsidy_application, export_support, location_search, general_advice",
    )
    case_add.add_argument("--account-manager")
    case_add.add_argument("--attache-post")
    case_add.add_argument("--due", metavar="YYYY-MM-DD")
    _json_flag(case_add)
    case_add.set_defaults(handler=cmd_case_add)
    case_list = case_actions.add_parser("list", help=_("list cases"))
    for option in ("status", "kind", "commune", "account-manager", "attache-post", "text"):
        case_list.add_argument("--" + option)
    case_list.add_argument("--sort", default="-updated_at")
    case_list.add_argument("--limit", type=int, default=50)
    _json_flag(case_list)
    case_list.set_defaults(handler=cmd_case_list)
    case_show = case_actions.add_parser("show", help=_("show a case"))
    case_show.add_argument("reference")
    _json_flag(case_show)
    case_show.set_defaults(handler=cmd_case_show)
    case_status = case_actions.add_parser("status", help=_("change the status of a case"))
    case_status.add_argument("reference")
    case_status.add_argument("status")
    case_status.set_defaults(handler=cmd_case_status)
    from hubdesk.cli.commands.forms import register_case_fill

    register_case_fill(case_actions)

    visit = subparsers.add_parser("visit", help=_("record visits and other interactions"))
    visit_actions = visit.add_subparsers(dest="action", metavar="ACTION", required=True)
    visit_add = visit_actions.add_parser("add", help=_("record a visit on a case"))
    visit_add.add_argument("reference")
    visit_add.add_argument("--channel", default="visit", help="visit, phone, line_1819, email, video")
    visit_add.add_argument("--notes", default="")
    visit_add.add_argument("--place")
    visit_add.add_argument("--when", metavar="YYYY-MM-DDTHH:MM")
    _json_flag(visit_add)
    visit_add.set_defaults(handler=cmd_visit_add)

    task = subparsers.add_parser("task", help=_("add and complete tasks"))
    task_actions = task.add_subparsers(dest="action", metavar="ACTION", required=True)
    task_add = task_actions.add_parser("add", help=_("add a task to a case"))
    task_add.add_argument("reference")
    task_add.add_argument("--title", required=True)
    task_add.add_argument("--due", metavar="YYYY-MM-DD")
    _json_flag(task_add)
    task_add.set_defaults(handler=cmd_task_add)
    task_done = task_actions.add_parser("done", help=_("mark a task done"))
    task_done.add_argument("task_id", metavar="TASK_ID")
    task_done.add_argument("--undo", action="store_true", help=_("mark it not done"))
    task_done.set_defaults(handler=cmd_task_done)

    attach = subparsers.add_parser("attach", help=_("attach a file to a case"))
    attach.add_argument("reference")
    attach.add_argument("file")
    attach.add_argument("--name")
    _json_flag(attach)
    attach.set_defaults(handler=cmd_attach)
