"""The Directory tab: search as you type, filters, a readable detail pane, import and export."""
