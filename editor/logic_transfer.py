"""File -> Export Selection… and File -> Import Logic…: logic moved between projects as
``.pulse-logic.json`` files (runtime/logicfile.py), Incari's "Import blueprint" and Node-RED's
export/import.

Export writes what copy would put on the clipboard (the same `logicfile.fragment_data`) plus the
variables, events and functions those nodes use. Import checks the whole file against the
current tab before changing anything (node types the tab's scope refuses, definitions that exist
here with another type), offers to create what is missing, then pastes through
`Document.paste`: definitions, nodes, links and groups are ONE undo step.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from editor.document import Document, EditRefused
from runtime.fileformat import ProjectFileError
from runtime.logicfile import SUFFIX, FunctionInfo, LogicFile, load, logic_data, save
from runtime.model import CustomEvent, Variable
from runtime.specs import AttrKind, Scope

if TYPE_CHECKING:
    from editor.main_window import MainWindow

FILE_FILTER = f"Pulse Studio logic (*{SUFFIX});;All files (*)"


@dataclass
class ImportPlan:
    """What importing a logic file into one tab needs: reasons it cannot, and what is missing."""

    refused: list[str] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    events: list[CustomEvent] = field(default_factory=list)
    functions: list[FunctionInfo] = field(default_factory=list)
    #: Function id in the file -> the same function (by name) in this project.
    function_ids: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        """The missing definitions in the user's words, one line each."""
        return ([f"variable {v.name!r} ({v.type.value})" for v in self.variables]
                + [f"event {e.name!r}" for e in self.events]
                + [f"function {f.name!r}" for f in self.functions])


def plan_import(document: Document, graph_id: str, logic: LogicFile) -> ImportPlan:
    """Checks `logic` against the tab `graph_id` without changing anything."""
    project, graph = document.project, document.graph(graph_id)
    plan = ImportPlan()
    tab = f"the {graph.kind.value.lower()} tab {graph.name!r}"
    for type_id in dict.fromkeys(n.type for n in logic.fragment.nodes):
        spec = document.registry.spec(type_id)
        if spec is not None and graph.kind not in spec.scopes:
            allowed = ", ".join(sorted(s.value.lower() for s in spec.scopes))
            plan.refused.append(f"{spec.name} nodes cannot be placed on {tab} (only on {allowed} tabs)")
    for variable in logic.variables:
        here = project.variable(variable.name, graph)
        if here is None:
            plan.variables.append(variable)
        elif here.type != variable.type:
            plan.refused.append(f"variable {variable.name!r} is {here.type.value} in this project but "
                                f"{variable.type.value} in the file")
    for event in logic.events:
        here_event = project.event(event.name)
        if here_event is None:
            plan.events.append(event)
        elif here_event.parameters != event.parameters:
            plan.refused.append(f"event {event.name!r} has other parameters in this project")
    for function in logic.functions:
        same = project.graph_named(Scope.FUNCTION, function.name)
        if same is None:
            plan.functions.append(function)
        elif (same.inputs, same.outputs) != (function.inputs, function.outputs):
            plan.refused.append(f"function {function.name!r} has other inputs or outputs in this project")
        else:
            plan.function_ids[function.id] = same.id
    return plan


def apply_import(document: Document, graph_id: str, logic: LogicFile, plan: ImportPlan,
                 at: tuple[float, float] | None, create_missing: bool, source: str) -> list[str]:
    """Creates the missing definitions (if asked), then pastes the fragment: one undo step.

    Returns the new node ids; raises EditRefused (with nothing changed) if the paste refuses.
    Function nodes calling a function that is neither here nor created call none.
    """
    if plan.refused:
        raise EditRefused("; ".join(plan.refused))
    function_ids = dict(plan.function_ids)
    stack = document.undo_stack
    text = f"Import {len(logic.fragment.nodes)} node{'s' if len(logic.fragment.nodes) != 1 else ''}"
    stack.beginMacro(text)
    try:
        if create_missing:
            function_ids |= _create_definitions(document, plan)
        new_ids = document.paste(graph_id, _payload(document, logic, function_ids), at, source)
    except BaseException:
        stack.endMacro()
        stack.undo()
        # dropped from the stack, not left to redo half an import: Qt deletes an obsolete command
        # on redo without running it
        stack.command(stack.index()).setObsolete(True)
        stack.redo()
        raise
    stack.endMacro()
    return new_ids


def _create_definitions(document: Document, plan: ImportPlan) -> dict[str, str]:
    """Adds the plan's missing variables, events and functions; returns file function id -> new id."""
    project = document.project
    if plan.variables:
        document.set_variables(project.variables + copy.deepcopy(plan.variables))
    if plan.events:
        document.set_events(project.events + copy.deepcopy(plan.events))
    created = {}
    for function in plan.functions:
        graph = document.add_graph(Scope.FUNCTION, function.name)
        document.set_signature(graph.id, list(function.inputs), list(function.outputs))
        created[function.id] = graph.id
    return created


def _payload(document: Document, logic: LogicFile, function_ids: dict[str, str]) -> str:
    """The file's body as paste takes it, with Function attributes pointing at this project's functions.

    The body goes as written, so that every layout list in it (groups, comments...) reaches paste.
    """
    body = copy.deepcopy(logic.body)
    for raw in body.get("nodes", ()):
        spec = document.registry.spec(raw.get("type", ""))
        attributes = raw.get("attributes", {})
        for attribute in spec.all_attributes if spec else ():
            value = attributes.get(attribute.name)
            if attribute.kind is AttrKind.FUNCTION and isinstance(value, str) and value:
                attributes[attribute.name] = function_ids.get(value, "")
    return json.dumps(body)


# --- the File menu's commands ------------------------------------------------------------------

def export_selection(window: MainWindow) -> Path | None:
    """File -> Export Selection…: the selected nodes (and groups) to a chosen .pulse-logic.json file."""
    graph_id, canvas, document = window.tabs.current_graph_id(), window.current_canvas(), window.document
    node_ids = canvas.selected_node_ids() if canvas is not None else []
    if graph_id is None or document is None or not node_ids:
        window.show_message("Select the nodes to export first")
        return None
    graph = document.graph(graph_id)
    fragment = json.loads(document.copy_payload(graph_id, node_ids, *_selected_layout(canvas)))
    suggested = str(Path(window._dialog_dir()) / f"{graph.name}{SUFFIX}")
    chosen, _ = QFileDialog.getSaveFileName(window, "Export Selection", suggested, FILE_FILTER)
    if not chosen:
        return None
    path = Path(chosen) if chosen.endswith(SUFFIX) else Path(chosen + SUFFIX)
    try:
        save(path, logic_data(document.project, graph, fragment, document.registry))
    except OSError as exc:
        QMessageBox.critical(window, "Cannot export logic", f"{path}\n\n{exc}")
        return None
    window.show_message(f"Exported {len(node_ids)} node{'s' if len(node_ids) != 1 else ''} to {path.name}")
    return path


def _selected_layout(canvas: object) -> tuple[list[str], ...]:
    """The selected layout items' ids, one list per kind in `copy_payload`'s order (groups, then comments
    where the canvas has them), so that export takes exactly what Copy takes."""
    by_kind = getattr(canvas, "selected_layout_ids", None)
    return tuple(by_kind()) if callable(by_kind) else (getattr(canvas, "selected_group_ids", list)(),)


def import_logic(window: MainWindow, path: str | Path | None = None) -> list[str]:
    """File -> Import Logic…: a .pulse-logic.json file into the current tab at the view centre."""
    graph_id, canvas, document = window.tabs.current_graph_id(), window.current_canvas(), window.document
    if graph_id is None or document is None or canvas is None:
        return []
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Import Logic", window._dialog_dir(), FILE_FILTER)
        if not chosen:
            return []
        path = chosen
    try:
        logic = load(path)
    except ProjectFileError as exc:
        QMessageBox.critical(window, "Cannot import logic", str(exc))
        return []
    plan = plan_import(document, graph_id, logic)
    if plan.refused:
        QMessageBox.warning(window, "Cannot import logic",
                            f"{Path(path).name} cannot be imported here:\n" + "\n".join(plan.refused))
        return []
    create = False
    if plan.missing:
        answer = QMessageBox.question(
            window, "Import Logic",
            f"{Path(path).name} uses what this project does not have:\n" + "\n".join(plan.missing)
            + "\n\nCreate them? (No imports the nodes without them.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Cancel:
            return []
        create = answer == QMessageBox.StandardButton.Yes
    try:
        new_ids = apply_import(document, graph_id, logic, plan, canvas.view_center(), create, Path(path).name)
    except EditRefused as exc:
        QMessageBox.warning(window, "Cannot import logic", f"{Path(path).name} cannot be imported here:\n{exc}")
        return []
    canvas.select_nodes(new_ids)
    window.show_message(f"Imported {len(new_ids)} node{'s' if len(new_ids) != 1 else ''} from {Path(path).name}")
    return new_ids
