"""`hubdesk dossier`: print one case's dossier, or every case (with a status), as PDF files."""

from __future__ import annotations

import argparse
from pathlib import Path

from hubdesk.kernel.errors import ValidationError
from hubdesk.kernel.i18n import N_, _


def cmd_dossier(args: argparse.Namespace) -> int:
    from hubdesk.services.dossiers import check_layout, print_dossier, print_dossiers, references_with_status
    from hubdesk.services.workspace import Workspace

    layout = check_layout(args.layout) if args.layout else None
    if args.all:
        if args.reference:
            raise ValidationError(N_("Give either a case reference or --all, not both."), field="reference")
        if not args.out_dir:
            raise ValidationError(N_("Give the output folder with --out-dir."), field="out_dir")
        if args.processes < 1:
            raise ValidationError(N_("--processes needs a number of 1 or more."), field="processes")
        from hubdesk.cli.progress import ProgressBar
        from hubdesk.kernel.jobs import Reporter

        with Workspace.open(Path(args.data_dir) if args.data_dir else None) as ws:
            references = references_with_status(ws, args.status)
            data_dir = ws.data_dir
        bar = ProgressBar(_("Printing dossiers"))
        count = print_dossiers(
            data_dir, references, layout, Path(args.out_dir), processes=args.processes, reporter=Reporter(bar)
        )
        bar.finish()
        print(_("{count} dossiers written to {folder}.").format(count=count, folder=args.out_dir))
        return 0
    if not args.reference or not args.output:
        raise ValidationError(N_("Give a case reference and -o FILE.pdf, or --all with --out-dir."), field="reference")
    with Workspace.open(Path(args.data_dir) if args.data_dir else None) as ws:
        pages = print_dossier(ws, args.reference, layout, Path(args.output))
    print(_("Dossier written to {file} ({pages} pages).").format(file=args.output, pages=pages))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dossier = subparsers.add_parser("dossier", help=_("print case dossiers as PDF"))
    dossier.add_argument("reference", nargs="?", metavar="REF", help=_("case reference, e.g. HD-2026-K7QM-0042"))
    dossier.add_argument(
        "--lang",
        dest="layout",
        metavar="fr|nl|en|fr-nl",
        help=_("language of the dossier; fr-nl prints French and Dutch side by side (default: the enterprise's)"),
    )
    dossier.add_argument("-o", "--output", metavar="FILE.pdf", help=_("the PDF file to write"))
    dossier.add_argument("--all", action="store_true", help=_("print every case (with --status, only those)"))
    dossier.add_argument("--status", help=_("with --all: only cases with this status, e.g. in_progress"))
    dossier.add_argument("--out-dir", metavar="DIR", help=_("with --all: the folder to write REF.pdf files into"))
    dossier.add_argument(
        "--processes", type=int, default=2, metavar="N", help=_("with --all: processes printing at once (default 2)")
    )
    dossier.set_defaults(handler=cmd_dossier)
