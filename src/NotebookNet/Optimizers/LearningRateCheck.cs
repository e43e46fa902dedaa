using System.Globalization;

namespace NotebookNet.Optimizers;

/// <summary>The one check of a learning rate, shared by the optimizers, the layers' SGD step and the tutorial's loop.</summary>
internal static class LearningRateCheck
{
    /// <summary>Finite and not negative (NaN is neither).</summary>
    public static bool IsValid(double value) => value >= 0 && !double.IsInfinity(value);

    /// <summary>Returns <paramref name="value"/> when it is finite and not negative; otherwise throws naming the owner and the value.</summary>
    public static double Validate(double value, string owner, string parameterName = "learningRate")
    {
        if (!IsValid(value))
            throw new ArgumentOutOfRangeException(parameterName, value,
                $"{owner}: the learning rate must be finite and not negative, got {value.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }
}
