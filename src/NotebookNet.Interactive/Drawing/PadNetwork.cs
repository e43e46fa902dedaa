using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Drawing;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Interactive.Drawing;

/// <summary>
/// A network written for the drawing pad's JavaScript: its layers in order with their shapes, and the weights as
/// base64 little-endian numbers of the network's own precision, so the page computes what the library computes.
/// </summary>
internal static class PadNetwork
{
    /// <summary>The JSON the page's <c>NotebookNetPad.Network</c> reads; throws naming a layer the page cannot run.</summary>
    public static string Json<T>(IReadOnlyList<Layer<T>> network) where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Count == 0) throw new ArgumentException("DrawingPad: the network has no layers.", nameof(network));
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new ArgumentException($"DrawingPad: networks of {typeof(T).Name} are not supported (float or double).", nameof(network));
        int inputs = InputSize(network[0]);
        if (inputs != DrawnDigit.Size * DrawnDigit.Size)
            throw new ArgumentException(
                $"DrawingPad: layer 0 '{network[0].Name}' reads {inputs} values per sample; a drawn digit is 784 (1×28×28).", nameof(network));

        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("precision", typeof(T) == typeof(float) ? "float32" : "float64");
            var last = network[^1];
            // Logits are shown through softmax; a softmax output as it is; tanh/sigmoid/ReLU outputs (the tutorial's
            // network) are not probabilities, and the page says so.
            json.WriteString("scores", last switch { Softmax<T> => "probabilities", Activation<T> => "output", _ => "softmax" });
            json.WriteString("outputName", last.Name.ToLowerInvariant());
            json.WriteStartArray("layers");
            for (int i = 0; i < network.Count; i++) Write(json, network[i], i);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int InputSize<T>(Layer<T> first) where T : struct, IFloatingPointIeee754<T> => first switch
    {
        Convolutional<T> c => ImageShape.Size(c.InputShape),
        MaxPooling<T> p => ImageShape.Size(p.InputShape),
        Flatten<T> f => f.OutputSize,
        Reshape<T> r => r.InputShape.Aggregate(1, (a, b) => a * b),
        Dense<T> d => d.InputSize,
        _ => throw new ArgumentException($"DrawingPad: layer 0 '{first.Name}' does not state how many values it reads."),
    };

    private static void Write<T>(Utf8JsonWriter json, Layer<T> layer, int index) where T : struct, IFloatingPointIeee754<T>
    {
        json.WriteStartObject();
        switch (layer)
        {
            case Convolutional<T> c:
                json.WriteString("type", "conv");
                Shape(json, "in", c.InputShape);
                Shape(json, "out", c.OutputShape);
                json.WriteNumber("k", c.KernelSize);
                json.WriteNumber("stride", c.Stride);
                json.WriteNumber("pad", c.Padding);
                Weights(json, c.Weights, c.Bias);
                break;
            case MaxPooling<T> p:
                json.WriteString("type", "maxpool");
                Shape(json, "in", p.InputShape);
                Shape(json, "out", p.OutputShape);
                json.WriteNumber("size", p.Size);
                json.WriteNumber("stride", p.Stride);
                break;
            case Dense<T> d:
                json.WriteString("type", "dense");
                json.WriteNumber("in", d.InputSize);
                json.WriteNumber("out", d.OutputSize);
                Weights(json, d.Weights, d.Bias);
                break;
            case ReLU<T>: json.WriteString("type", "relu"); break;
            case Tanh<T>: json.WriteString("type", "tanh"); break;
            case Sigmoid<T>: json.WriteString("type", "sigmoid"); break;
            case Softmax<T>: json.WriteString("type", "softmax"); break;
            // A sample's column is the same values in every shape, and dropout is off at inference.
            case Flatten<T> or Reshape<T> or Dropout<T>: json.WriteString("type", "identity"); break;
            default:
                throw new ArgumentException(
                    $"DrawingPad: layer {index} '{layer.Name}' cannot run in the page. " +
                    "It runs Convolutional, MaxPooling, Dense, Flatten, Reshape, ReLU, Tanh, Sigmoid, Softmax and Dropout.");
        }
        json.WriteEndObject();
    }

    private static void Shape(Utf8JsonWriter json, string name, (int Depth, int Height, int Width) shape)
    {
        json.WriteStartArray(name);
        json.WriteNumberValue(shape.Depth);
        json.WriteNumberValue(shape.Height);
        json.WriteNumberValue(shape.Width);
        json.WriteEndArray();
    }

    // W row by row (kernel f's (channel, row, column) weights, or output o's inputs), then b.
    private static void Weights<T>(Utf8JsonWriter json, Matrix<T> weights, Matrix<T> bias) where T : struct, IFloatingPointIeee754<T>
    {
        json.WriteBase64String("w", MemoryMarshal.AsBytes(weights.ToRowMajorArray().AsSpan()));
        json.WriteBase64String("b", MemoryMarshal.AsBytes(bias.ToColumnMajorArray().AsSpan()));
    }
}
