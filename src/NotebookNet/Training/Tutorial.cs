using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Training;

/// <summary>
/// The tutorial's <c>predict</c> and <c>train</c>: a network is a list of layers, trained one sample at a
/// time with plain SGD. Bring them in with <c>using static NotebookNet.Training.Tutorial;</c>.
/// </summary>
public static class Tutorial
{
    /// <summary>Runs <paramref name="input"/> through every layer in order and returns the last output.</summary>
    public static Matrix<T> Predict<T>(IEnumerable<Layer<T>> network, Matrix<T> input)
        where T : struct, IFloatingPointIeee754<T>
    {
        var output = input;
        foreach (var layer in network) output = layer.Forward(output);
        return output;
    }

    /// <summary>
    /// Trains <paramref name="network"/> with backpropagation, one sample at a time, exactly as the tutorial:
    /// forward, accumulate the loss, backward through the reversed layers with the learning rate.
    /// When <paramref name="verbose"/>, prints <c>1/100, error=0.8727…</c> per epoch (culture-invariant).
    /// </summary>
    /// <returns>The mean training error of each epoch, for plotting.</returns>
    public static double[] Train<T>(
        IReadOnlyList<Layer<T>> network,
        Func<Matrix<T>, Matrix<T>, double> loss,
        Func<Matrix<T>, Matrix<T>, Matrix<T>> lossPrime,
        IReadOnlyList<Matrix<T>> xTrain,
        IReadOnlyList<Matrix<T>> yTrain,
        int epochs = 1000,
        double learningRate = 0.01,
        bool verbose = true,
        TextWriter? log = null,
        Action<int, double>? onEpoch = null)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (xTrain.Count != yTrain.Count)
            throw new ArgumentException($"x_train has {xTrain.Count} samples but y_train has {yTrain.Count}.");
        if (xTrain.Count == 0) throw new ArgumentException("x_train is empty.", nameof(xTrain));
        if (network.Count == 0) throw new ArgumentException("The network has no layers.", nameof(network));
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        Optimizers.LearningRateCheck.Validate(learningRate, "Tutorial.Train");
        log ??= Console.Out;
        var errors = new double[epochs];
        // The loop drops the first layer's ∂L/∂input, so that layer may skip computing it (as Sequential.Backward
        // lets its first layer do); the caller's setting is restored afterwards.
        var first = network[0];
        bool firstNeeded = first.InputGradientNeeded;
        first.InputGradientNeeded = false;
        try
        {
            TrainEpochs(network, loss, lossPrime, xTrain, yTrain, epochs, learningRate, verbose, log, onEpoch, errors);
        }
        finally
        {
            first.InputGradientNeeded = firstNeeded;
        }
        return errors;
    }

    private static void TrainEpochs<T>(
        IReadOnlyList<Layer<T>> network,
        Func<Matrix<T>, Matrix<T>, double> loss,
        Func<Matrix<T>, Matrix<T>, Matrix<T>> lossPrime,
        IReadOnlyList<Matrix<T>> xTrain,
        IReadOnlyList<Matrix<T>> yTrain,
        int epochs,
        double learningRate,
        bool verbose,
        TextWriter log,
        Action<int, double>? onEpoch,
        double[] errors)
        where T : struct, IFloatingPointIeee754<T>
    {
        var first = network[0];
        for (int e = 0; e < epochs; e++)
        {
            double error = 0;
            Matrix<T>? firstOutput = null; // the first layer's output for sample s, when its last step already computed it
            for (int s = 0; s < xTrain.Count; s++)
            {
                var output = firstOutput ?? first.Forward(xTrain[s]);
                for (int l = 1; l < network.Count; l++) output = network[l].Forward(output);
                error += loss(yTrain[s], output);
                var grad = lossPrime(yTrain[s], output);
                for (int l = network.Count - 1; l >= 1; l--) grad = network[l].Backward(grad, learningRate);
                // The first layer's step and its forward pass on the next sample in one call, so it can sweep its
                // weights once; the epoch's last sample steps alone (onEpoch may read the weights).
                if (s + 1 < xTrain.Count) firstOutput = first.BackwardThenForward(grad, learningRate, xTrain[s + 1]);
                else first.Backward(grad, learningRate);
            }
            error /= xTrain.Count;
            errors[e] = error;
            if (verbose) log.WriteLine(FormattableString.Invariant($"{e + 1}/{epochs}, error={error}"));
            onEpoch?.Invoke(e + 1, error);
        }
    }

    /// <summary>The index of the largest element of a column vector (NumPy's <c>argmax</c>, first on ties).</summary>
    public static int ArgMax<T>(Matrix<T> column) where T : struct, IFloatingPointIeee754<T> => Ops.ArgMax<T>(Ops.Column(column, 0));

    /// <summary>The tutorial's test line, <c>pred: 7 \ttrue: 7</c>.</summary>
    public static string FormatPrediction(int predicted, int truth) =>
        string.Create(CultureInfo.InvariantCulture, $"pred: {predicted} \ttrue: {truth}");
}
