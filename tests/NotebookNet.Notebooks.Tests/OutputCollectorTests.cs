using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Notebooks.Tests;

public sealed class OutputCollectorTests
{
    private static readonly SubmitCode Command = new("x");

    private static FormattedValue[] Html(string html) => [new FormattedValue("text/html", html)];

    private static CellRun Cell(int number) => new(number, CellKind.Code, "csharp", "x");

    [Fact]
    public void AnUpdateWithTheDisplaysOwnIdReplacesItEvenFromALaterCell()
    {
        var collector = new OutputCollector();
        var (first, second) = (Cell(1), Cell(2));
        collector.Add(first, new DisplayedValueProduced("a", Command, Html("a"), "id-1"));
        collector.Add(second, new StandardOutputValueProduced(Command, [new FormattedValue("text/plain", "x\n")]));
        collector.Add(second, new DisplayedValueUpdated("b", "id-1", Command, Html("b")));

        Assert.Equal("b", Assert.Single(first.Outputs).Data["text/html"]);
        Assert.Equal("x\n", Assert.Single(second.Outputs).Text);
    }

    [Fact]
    public void AnUpdateWithAnUnknownIdReplacesTheDisplayOfTheSameObject()
    {
        var collector = new OutputCollector();
        var cell = Cell(1);
        var chart = new object();
        collector.Add(cell, new DisplayedValueProduced(chart, Command, Html("chart v1"), "produced-1"));
        collector.Add(cell, new DisplayedValueProduced("other", Command, Html("other"), "produced-2"));
        collector.Add(cell, new DisplayedValueUpdated(chart, "handle-1", Command, Html("chart v2")));
        collector.Add(cell, new DisplayedValueUpdated(chart, "handle-1", Command, Html("chart v3")));

        Assert.Equal(["chart v3", "other"], cell.Outputs.Select(o => o.Data["text/html"]));
    }

    [Fact]
    public void TwoLiveViewsUpdatedThroughUnknownIdsEachKeepTheirPlace()
    {
        var collector = new OutputCollector();
        var cell = Cell(1);
        collector.Add(cell, new DisplayedValueProduced("loss 0", Command, Html("loss 0"), "p-1"));
        collector.Add(cell, new DisplayedValueProduced("acc 0", Command, Html("acc 0"), "p-2"));
        collector.Add(cell, new DisplayedValueUpdated("acc 1", "h-2", Command, Html("acc 1")));
        collector.Add(cell, new DisplayedValueUpdated("loss 1", "h-1", Command, Html("loss 1")));
        collector.Add(cell, new DisplayedValueUpdated("acc 2", "h-2", Command, Html("acc 2")));

        Assert.Equal(["loss 1", "acc 2"], cell.Outputs.Select(o => o.Data["text/html"]));
    }

    [Fact]
    public void AnUnknownUpdateStaysInTheCellItHappensInAndPicksTheLookAlikeDisplay()
    {
        var collector = new OutputCollector();
        var (earlier, current) = (Cell(1), Cell(2));
        collector.Add(earlier, new DisplayedValueProduced("static", Command, Html("<p>epoch table</p>"), "p-0"));
        collector.Add(current, new DisplayedValueProduced("progress", Command, Html("<div class='progress'>0%</div>"), "p-1"));
        collector.Add(current, new DisplayedValueProduced("chart", Command, Html("<svg class='loss'><path d='M0 0'/></svg>"), "p-2"));
        collector.Add(current, new DisplayedValueUpdated("progress", "h-1", Command, Html("<div class='progress'>50%</div>")));
        collector.Add(current, new DisplayedValueUpdated("chart", "h-2", Command, Html("<svg class='loss'><path d='M0 0 L1 1'/></svg>")));
        collector.Add(current, new DisplayedValueUpdated("progress", "h-1", Command, Html("<div class='progress'>100%</div>")));

        Assert.Equal("<p>epoch table</p>", Assert.Single(earlier.Outputs).Data["text/html"]);
        Assert.Equal(["<div class='progress'>100%</div>", "<svg class='loss'><path d='M0 0 L1 1'/></svg>"],
            current.Outputs.Select(o => o.Data["text/html"]));
    }

    [Fact]
    public void ConsecutiveWritesToAStreamAreMerged()
    {
        var collector = new OutputCollector();
        var cell = Cell(1);
        foreach (string text in new[] { "a", "b\n" })
            collector.Add(cell, new StandardOutputValueProduced(Command, [new FormattedValue("text/plain", text)]));
        collector.Add(cell, new StandardErrorValueProduced(Command, [new FormattedValue("text/plain", "e")]));
        collector.Add(cell, new StandardOutputValueProduced(Command, [new FormattedValue("text/plain", "c")]));

        Assert.Equal(["ab\n", "e", "c"], cell.Outputs.Select(o => o.Text));
        Assert.Equal([OutputKind.StandardOutput, OutputKind.StandardError, OutputKind.StandardOutput], cell.Outputs.Select(o => o.Kind));
    }
}
