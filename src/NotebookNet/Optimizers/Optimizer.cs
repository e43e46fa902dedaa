using System.Numerics;
using NotebookNet.Layers;

namespace NotebookNet.Optimizers;

/// <summary>
/// Changes parameters from their gradients. Layers only compute gradients (<c>Backward</c>); after each batch
/// <see cref="Step(IEnumerable{Parameter{T}})"/> moves every parameter. State such as momentum is kept per parameter, created on first use.
/// </summary>
public abstract class Optimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<Parameter<T>, object> _state = new(ReferenceEqualityComparer.Instance);

    protected Optimizer(double learningRate) => LearningRate = LearningRateCheck.Validate(learningRate, Kind);

    /// <summary>The step size. A schedule never changes it: the trainer passes the scheduled rate to <see cref="Step(IEnumerable{Parameter{T}}, double)"/>.</summary>
    public double LearningRate
    {
        get;
        set
        {
            // Kind, not Name: Name shows the current rate, which is still 0 while the constructor validates.
            field = LearningRateCheck.Validate(value, Kind, nameof(LearningRate));
        }
    }

    /// <summary>How many times <c>Step</c> has run.</summary>
    public int Steps { get; private set; }

    /// <summary>A readable name for messages and summaries, e.g. "Adam(lr=0.001)".</summary>
    public virtual string Name => Kind;

    /// <summary>The optimizer's type without its settings, e.g. "Adam".</summary>
    private string Kind => GetType().Name.Split('`')[0];

    /// <summary>Updates every parameter from its current gradient, with <see cref="LearningRate"/>.</summary>
    public void Step(IEnumerable<Parameter<T>> parameters) => Step(parameters, LearningRate);

    /// <summary>Updates every parameter from its current gradient with the step size <paramref name="learningRate"/> (a scheduled rate).</summary>
    public void Step(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        LearningRateCheck.Validate(learningRate, Kind);
        Steps++;
        foreach (var p in parameters) Update(p, learningRate);
    }

    /// <summary>Forgets all per-parameter state (momentum, moments, step counts).</summary>
    public void Reset()
    {
        _state.Clear();
        Steps = 0;
    }

    /// <summary>Applies one update to <paramref name="parameter"/> with step size <paramref name="learningRate"/>.</summary>
    protected abstract void Update(Parameter<T> parameter, double learningRate);

    /// <summary>The state kept for <paramref name="parameter"/>, created by <paramref name="create"/> the first time.</summary>
    protected TState StateOf<TState>(Parameter<T> parameter, Func<Parameter<T>, TState> create) where TState : class
    {
        if (!_state.TryGetValue(parameter, out var state)) _state[parameter] = state = create(parameter);
        return (TState)state;
    }

    public override string ToString() => Name;
}
