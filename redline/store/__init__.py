"""The negotiation workspace (SQLite beside a content-addressed object store), the assembly
of the tentative agreement and the session report.  See ``docs/workspace.md``."""
from __future__ import annotations

from .records import (AddResult, ArticleRecord, Event, StatusRow, StoredProposal, Version,
                      WorkspaceInfo)
from .workspace import ENV_VAR, WORKSPACE_DIR, Workspace, find_workspace, parse_aliases

__all__ = ["Workspace", "WorkspaceInfo", "StoredProposal", "ArticleRecord", "Version",
           "StatusRow", "Event", "AddResult", "find_workspace", "parse_aliases", "ENV_VAR",
           "WORKSPACE_DIR"]
