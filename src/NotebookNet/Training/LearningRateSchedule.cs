namespace NotebookNet.Training;

/// <summary>The learning rate for an epoch (counted from 1), given the optimizer's initial rate.</summary>
public delegate double LearningRateSchedule(int epoch, double initialLearningRate);

/// <summary>Common schedules.</summary>
public static class Schedules
{
    /// <summary>The rate unchanged.</summary>
    public static LearningRateSchedule Constant() => (_, lr) => lr;

    /// <summary>Multiplied by <paramref name="gamma"/> every <paramref name="stepEpochs"/> epochs (PyTorch's StepLR).</summary>
    public static LearningRateSchedule Step(int stepEpochs, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepEpochs);
        return (epoch, lr) => lr * Math.Pow(gamma, (epoch - 1) / stepEpochs);
    }

    /// <summary>Multiplied by <paramref name="gamma"/> every epoch (PyTorch's ExponentialLR).</summary>
    public static LearningRateSchedule Exponential(double gamma) => (epoch, lr) => lr * Math.Pow(gamma, epoch - 1);

    /// <summary>Half a cosine from the initial rate at epoch 1 down towards <paramref name="minimum"/> at <paramref name="epochs"/> + 1.</summary>
    public static LearningRateSchedule Cosine(int epochs, double minimum = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        return (epoch, lr) => minimum + (lr - minimum) * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs)) / 2;
    }
}
