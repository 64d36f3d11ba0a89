"""The tools a step can use, by code, with their names as KBK members know them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TOOL_LABELS = {
    "brainstorming": _("Curah pendapat"),
    "usg": _("Matriks USG"),
    "check_sheet": _("Lembar periksa"),
    "stratification": _("Stratifikasi"),
    "pareto": _("Diagram Pareto"),
    "fishbone": _("Diagram sebab-akibat (tulang ikan)"),
    "histogram": _("Histogram"),
    "scatter": _("Diagram tebar"),
    "control_chart": _("Grafik dan peta kendali"),
    "carl": _("Matriks CARL"),
    "meer": _("Matriks MEER"),
    "action_plan": _("Rencana perbaikan 5W1H"),
    "gantt": _("Jadwal rencana dan realisasi (Gantt)"),
    "flowchart": _("Diagram alir"),
}


def tool_label(code: str) -> str:
    return str(TOOL_LABELS.get(code, code))
