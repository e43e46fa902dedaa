namespace NotebookNet.Training;

/// <summary>
/// The learning rate at a point of training, given the optimizer's initial rate. <paramref name="epoch"/> counts from 1
/// and advances by a fraction of an epoch with every batch (1 at the first batch, 1.5 halfway through the first epoch,
/// 2 at the start of the second), so a schedule may change the rate per epoch or per step.
/// </summary>
public delegate double LearningRateSchedule(double epoch, double initialLearningRate);

/// <summary>Common schedules.</summary>
public static class Schedules
{
    /// <summary>The rate unchanged.</summary>
    public static LearningRateSchedule Constant() => (_, lr) => lr;

    /// <summary>Multiplied by <paramref name="gamma"/> every <paramref name="stepEpochs"/> epochs (PyTorch's StepLR).</summary>
    public static LearningRateSchedule Step(int stepEpochs, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepEpochs);
        return (epoch, lr) => lr * Math.Pow(gamma, Math.Floor((Math.Floor(epoch) - 1) / stepEpochs));
    }

    /// <summary>Multiplied by <paramref name="gamma"/> every epoch (PyTorch's ExponentialLR).</summary>
    public static LearningRateSchedule Exponential(double gamma) => (epoch, lr) => lr * Math.Pow(gamma, Math.Floor(epoch) - 1);

    /// <summary>Half a cosine from the initial rate at epoch 1 down towards <paramref name="minimum"/> at <paramref name="epochs"/> + 1, one value per epoch.</summary>
    public static LearningRateSchedule Cosine(int epochs, double minimum = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        return (epoch, lr) => minimum + (lr - minimum) * (1 + Math.Cos(Math.PI * (Math.Floor(epoch) - 1) / epochs)) / 2;
    }

    /// <summary>
    /// The one-cycle policy (Smith and Topin, 2018; PyTorch's OneCycleLR with cosine annealing), changed at every step:
    /// over the first <paramref name="warmUpFraction"/> of <paramref name="epochs"/> the rate rises along half a cosine from
    /// the initial rate / <paramref name="startDivisor"/> to the initial rate (the peak), then falls along half a cosine
    /// to the initial rate / <paramref name="endDivisor"/> at the end of the last epoch. The warm-up lets a high peak rate
    /// start from random weights without diverging; the long fall to almost nothing settles the weights at the end.
    /// </summary>
    public static LearningRateSchedule OneCycle(int epochs, double warmUpFraction = 0.25, double startDivisor = 25, double endDivisor = 1e4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (!(warmUpFraction > 0 && warmUpFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(warmUpFraction), warmUpFraction, "The warm-up fraction must be in (0, 1).");
        if (!(startDivisor >= 1) || !(endDivisor >= 1))
            throw new ArgumentOutOfRangeException(startDivisor >= 1 ? nameof(endDivisor) : nameof(startDivisor),
                "The divisors must be at least 1 (the peak is the initial rate).");
        return (epoch, lr) =>
        {
            double t = Math.Clamp((epoch - 1) / epochs, 0, 1);
            return t < warmUpFraction
                ? Between(lr / startDivisor, lr, t / warmUpFraction)
                : Between(lr, lr / endDivisor, (t - warmUpFraction) / (1 - warmUpFraction));
        };
    }

    /// <summary>From <paramref name="from"/> at <paramref name="t"/> = 0 to <paramref name="to"/> at 1 along half a cosine.</summary>
    private static double Between(double from, double to, double t) => to + (from - to) * (1 + Math.Cos(Math.PI * t)) / 2;
}
