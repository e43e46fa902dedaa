namespace NotebookNet.Training;

/// <summary>
/// Averaged weights (Polyak averaging): from <see cref="StartFraction"/> of the run on, the trainer keeps a running
/// average of the parameters, updated after every optimizer step, validates it instead of the weights of the last step
/// and ends <see cref="Trainer{T}.Fit(Data.IDataSource{T}, Data.IDataSource{T}?)"/> on it. The last steps of a run each
/// move the weights a little along the gradient of one batch; their average sits nearer the middle of the region they
/// wander in, which tends to generalise a little better, at the cost of one pass over the parameters per step and no
/// random draw.
/// <para>
/// With <see cref="Decay"/> null the average is the plain mean of the weights after every step since the start
/// (stochastic weight averaging, Izmailov et al., 2018); with a decay d it is the exponential moving average
/// <c>w̄ ← d·w̄ + (1 − d)·w</c>, which starts from the weights at the start and forgets old steps by d each step.
/// </para>
/// </summary>
/// <param name="StartFraction">Where the average starts, as a fraction of the run's steps in [0, 1): 0.75 averages the
/// last quarter. A fraction rather than an epoch, so a longer or shorter run averages the same part of its schedule.</param>
/// <param name="Decay">Null for the plain mean; otherwise the moving average's decay, in (0, 1).</param>
public sealed record WeightAveraging(double StartFraction, double? Decay = null)
{
    /// <summary>The plain mean of the weights after every step from <paramref name="startFraction"/> of the run on.</summary>
    public static WeightAveraging Uniform(double startFraction) => new(startFraction);

    /// <summary>The exponential moving average with <paramref name="decay"/>, from <paramref name="startFraction"/> of the run on.</summary>
    public static WeightAveraging Exponential(double decay, double startFraction) => new(startFraction, decay);

    /// <summary>
    /// The number of optimizer steps of a run of <paramref name="totalSteps"/> before the average starts: rounded, not
    /// truncated, so that 2/3 of a run of 3k steps is 2k steps although 2/3 is not exact in binary.
    /// </summary>
    public int StepsBefore(int totalSteps) => (int)Math.Round(StartFraction * totalSteps);

    internal void Validate()
    {
        if (!(StartFraction >= 0 && StartFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(StartFraction), StartFraction,
                "WeightAveraging: the start must be a fraction of the run in [0, 1).");
        if (Decay is double d && !(d > 0 && d < 1))
            throw new ArgumentOutOfRangeException(nameof(Decay), d, "WeightAveraging: the decay must be in (0, 1), or null for the plain mean.");
    }
}
