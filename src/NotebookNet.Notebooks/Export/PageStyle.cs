namespace NotebookNet.Notebooks;

/// <summary>The stylesheet of exported pages: readable prose, code with its outputs, a status line.</summary>
internal static class PageStyle
{
    public const string Css = """
        :root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --code: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; }
        header.page, main, div.page, footer.page { max-width: 1000px; margin: 0 auto; padding: 0 20px; }
        header.page { padding-top: 14px; padding-bottom: 10px; border-bottom: 1px solid var(--line); color: var(--muted); font-size: 14px; }
        header.page a { color: inherit; }
        .status-ok { color: var(--ok); font-weight: 600; }
        .status-failed { color: var(--bad); font-weight: 600; }
        .failure { margin: 16px 0; padding: 10px 14px; border-left: 4px solid var(--bad); background: #ffebe9; white-space: pre-wrap; font-family: ui-monospace, "Liberation Mono", monospace; font-size: 14px; }
        .cell { margin: 18px 0; }
        .cell.markdown img { max-width: 100%; }
        .cell.markdown table { border-collapse: collapse; }
        .cell.markdown th, .cell.markdown td { border: 1px solid var(--line); padding: 4px 10px; }
        .cell.markdown pre, .cell.markdown code { background: var(--code); border-radius: 4px; }
        .cell.markdown pre { padding: 10px; overflow-x: auto; }
        .cell.markdown code { padding: 1px 4px; font-size: 90%; }
        .cell.markdown pre code { padding: 0; font-size: 14px; }
        .prompt { color: var(--muted); font: 12px ui-monospace, "Liberation Mono", monospace; margin-bottom: 2px; }
        pre.source { margin: 0; padding: 10px 12px; background: var(--code); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; font: 13.5px/1.45 ui-monospace, "Liberation Mono", monospace; }
        .cell.not-run pre.source { opacity: .55; }
        .outputs { margin: 6px 0 0 0; padding-left: 12px; border-left: 3px solid var(--line); overflow-x: auto; }
        .output { margin: 6px 0; }
        .output pre { margin: 0; white-space: pre-wrap; word-break: break-word; font: 13px/1.45 ui-monospace, "Liberation Mono", monospace; }
        .output.stderr pre { color: #9a6700; }
        .output.error pre { color: var(--bad); }
        .output img { max-width: 100%; }
        .math-display { display: block; text-align: center; margin: .6em 0; }
        table.index { border-collapse: collapse; width: 100%; margin: 18px 0; }
        table.index th, table.index td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; }
        table.index td.num, table.index th.num { text-align: right; font-variant-numeric: tabular-nums; }
        footer.page { color: var(--muted); font-size: 13px; padding-top: 10px; padding-bottom: 30px; }
        """;
}
