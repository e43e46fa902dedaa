namespace NotebookNet.Bench;

/// <summary>
/// Issue 13's targets, filled in by the commands of one <c>all</c> run and printed last as one table: what was
/// measured, the target, and whether this run meets it. A target no command measured (skipped, or not run) is
/// printed as not measured, and not met.
/// </summary>
public sealed class Scorecard
{
    public const string Tutorial = "the tutorial's experiment, whole process, vs the best NumPy";
    public const string SmallCnn = "small CNN img/s vs TorchSharp (medians over seeds)";
    public const string LeNet = "LeNet-5 img/s vs TorchSharp (medians over seeds)";
    public const string LeNetPeak = "LeNet-5 training, % of the FMA peak in direct-convolution terms";
    public const string ConvProducts = "convolution-shaped GEMMs (gemm's conv rows), % of FMA peak";
    public const string Reference = "reference model: test accuracy, training seconds";

    private static readonly (string Work, string Target)[] Targets =
    [
        (Tutorial, ">= 10x"), (SmallCnn, ">= 4x"), (LeNet, ">= 2x"), (LeNetPeak, ">= 85%"), (ConvProducts, ">= 80%"),
        (Reference, ">= 99.50%, <= 150 s"),
    ];

    private readonly Dictionary<string, (string Measured, bool Met)> _results = [];

    /// <summary>Records what this run measured for <paramref name="work"/> (one of the constants above).</summary>
    public void Add(string work, string measured, bool met)
    {
        if (!Targets.Any(t => t.Work == work)) throw new ArgumentException($"Not a target: '{work}'.", nameof(work));
        _results[work] = (measured, met);
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"targets (issue 13), all from this run; load average now {Machine.LoadAverage()}:");
        output.WriteLine($"  {"work",-66} {"measured",-46} {"target",-20} met");
        foreach (var (work, target) in Targets)
        {
            var (measured, met) = _results.TryGetValue(work, out var r) ? r : ("not measured", false);
            output.WriteLine($"  {work,-66} {measured,-46} {target,-20} {(met ? "yes" : "NO")}");
        }
        output.WriteLine($"  {Targets.Count(t => _results.TryGetValue(t.Work, out var r) && r.Met)} of {Targets.Length} met");
    }
}
