using System.Numerics;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Training;

/// <summary>
/// The running average of a network's parameters that <see cref="WeightAveraging"/> describes: one array per parameter,
/// moved towards the parameters after every optimizer step once the start is passed. Every element is updated on its
/// own by the same arithmetic whatever the vector width, so the average has the same bits on every machine.
/// </summary>
internal sealed class AveragedWeights<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly T[][] _average;
    private readonly double? _decay;
    private readonly int _stepsBefore;
    private int _steps;

    /// <param name="parameters">The parameters averaged (a network's <c>Parameters</c>).</param>
    /// <param name="settings">When the average starts and how it weighs the steps.</param>
    /// <param name="totalSteps">The number of optimizer steps of the whole run.</param>
    public AveragedWeights(IReadOnlyList<Parameter<T>> parameters, WeightAveraging settings, int totalSteps)
    {
        settings.Validate();
        _parameters = parameters;
        _average = [.. parameters.Select(p => new T[p.Value.RowCount * p.Value.ColumnCount])];
        _decay = settings.Decay;
        _stepsBefore = settings.StepsBefore(totalSteps);
    }

    /// <summary>How many steps the average holds (0 until the start is passed).</summary>
    public int Averaged { get; private set; }

    /// <summary>Call after every optimizer step: past the start, moves the average towards the parameters.</summary>
    public void Update()
    {
        if (++_steps <= _stepsBefore) return;
        int n = ++Averaged;
        // The first averaged step copies the weights; then the mean's 1/n, or the moving average's 1 − d.
        T rate = n == 1 ? T.One : _decay is double d ? T.CreateChecked(1 - d) : T.One / T.CreateChecked(n);
        for (int i = 0; i < _parameters.Count; i++) MoveTowards(_average[i], MatrixData.Of(_parameters[i].Value), rate);
    }

    /// <summary>Exchanges the parameters and the average: call once to evaluate the average, again to restore.</summary>
    public void Swap()
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            T[] average = _average[i], value = MatrixData.Of(_parameters[i].Value);
            for (int j = 0; j < average.Length; j++) (average[j], value[j]) = (value[j], average[j]);
        }
    }

    /// <summary>Writes the average into the parameters (the average itself is kept).</summary>
    public void CopyToParameters()
    {
        for (int i = 0; i < _parameters.Count; i++) _average[i].CopyTo(MatrixData.Of(_parameters[i].Value), 0);
    }

    /// <summary><c>average += rate · (w − average)</c>, element by element.</summary>
    internal static void MoveTowards(Span<T> average, ReadOnlySpan<T> w, T rate)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var r = new Vector<T>(rate);
            for (; j + Vector<T>.Count <= average.Length; j += Vector<T>.Count)
            {
                var a = new Vector<T>(average[j..]);
                (a + r * (new Vector<T>(w[j..]) - a)).CopyTo(average[j..]);
            }
        }
        for (; j < average.Length; j++) average[j] += rate * (w[j] - average[j]);
    }
}
