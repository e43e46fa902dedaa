using System.Numerics;
using NotebookNet.Layers;

namespace NotebookNet.Onnx;

/// <summary>
/// Writes a trained network as an ONNX model (opset <see cref="Opset"/>), for ONNX Runtime, Netron and every tool
/// that reads ONNX. The graph has one input, <c>input</c>, of shape (batch, C, H, W) when the network starts with an
/// image layer (the catalog's CNNs: (batch, 1, 28, 28)) or (batch, features) when it starts with a dense layer (the
/// tutorial's network: (batch, 784)), and one output, <c>output</c>: the last layer's values, (batch, 10) for MNIST.
/// Layers map to operators as
/// <c>Convolutional → Conv</c>, <c>MaxPooling → MaxPool</c>, <c>ReLU → Relu</c>, <c>Tanh → Tanh</c>,
/// <c>Sigmoid → Sigmoid</c>, <c>Softmax → Softmax</c>, <c>Flatten → Flatten</c>, <c>Reshape → Reshape</c>,
/// <c>Dense → Gemm</c> (Y = X·Wᵀ + b) and <c>Dropout → Identity</c> (what it is at inference); any other layer is an
/// <see cref="OnnxExportException"/> naming it.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the files use (Softmax over one axis, Reshape's shape as an input).</summary>
    public const int Opset = 13;

    /// <summary>The names of the graph's input and output tensors.</summary>
    public const string InputName = "input", OutputName = "output";

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> (the file is replaced whole, never half-written).</summary>
    /// <param name="path">The .onnx file.</param>
    /// <param name="network">The network; its weights are written as they are now.</param>
    /// <param name="name">The graph's name, e.g. the catalog id "small-cnn".</param>
    public static void Save<T>(string path, IReadOnlyList<Layer<T>> network, string name = "notebooknet")
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(network, name);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The ONNX <c>ModelProto</c> bytes of <paramref name="network"/>.</summary>
    public static byte[] ToBytes<T>(IReadOnlyList<Layer<T>> network, string name = "notebooknet")
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Count == 0) throw new OnnxExportException("ONNX export: the network has no layers.");
        var graph = new OnnxGraph(typeof(T), InputName, InputShape(network[0]));
        for (int i = 0; i < network.Count; i++) Map(graph, network[i], i);
        string architecture = string.Join('\n', network.Select(l => l.Name));
        string version = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "0";
        return graph.ToModel(OutputName, name, architecture, Opset, version);
    }

    private static long[] InputShape<T>(Layer<T> first) where T : struct, IFloatingPointIeee754<T> => first switch
    {
        Convolutional<T> c => Image(c.InputShape),
        MaxPooling<T> p => Image(p.InputShape),
        Flatten<T> f => Image(f.InputShape),
        Reshape<T> r => [.. r.InputShape.Select(d => (long)d)],
        Dense<T> d => [d.InputSize],
        _ => throw new OnnxExportException(
            $"ONNX export: layer 0 '{first.Name}' does not state its input shape; start the network with Convolutional, MaxPooling, Flatten, Reshape or Dense."),
    };

    private static void Map<T>(OnnxGraph graph, Layer<T> layer, int index) where T : struct, IFloatingPointIeee754<T>
    {
        string name = $"{index}.{TypeName(layer)}";
        // ONNX tensors are row-major (MathNet stores columns): a kernel's (channel, row, column) weights, an output's inputs.
        switch (layer)
        {
            case Convolutional<T> c:
                ToImage(graph, c.InputShape, name, layer);
                graph.Add("Conv", name, Image(c.OutputShape),
                    [graph.Weights($"{index}.weights", [c.Depth, c.InputShape.Depth, c.KernelSize, c.KernelSize], c.Weights.ToRowMajorArray()),
                     graph.Weights($"{index}.bias", [c.Depth], c.Bias.ToRowMajorArray())],
                    new OnnxAttribute("kernel_shape", Ints: [c.KernelSize, c.KernelSize]),
                    new OnnxAttribute("strides", Ints: [c.Stride, c.Stride]),
                    new OnnxAttribute("pads", Ints: [c.Padding, c.Padding, c.Padding, c.Padding]));
                break;
            case MaxPooling<T> p:
                ToImage(graph, p.InputShape, name, layer);
                graph.Add("MaxPool", name, Image(p.OutputShape), [],
                    new OnnxAttribute("kernel_shape", Ints: [p.Size, p.Size]),
                    new OnnxAttribute("strides", Ints: [p.Stride, p.Stride]));
                break;
            case Dense<T> d:
                ToVector(graph, d.InputSize, $"{name}.flatten", layer);
                graph.Add("Gemm", name, [d.OutputSize],
                    [graph.Weights($"{index}.weights", [d.OutputSize, d.InputSize], d.Weights.ToRowMajorArray()),
                     graph.Weights($"{index}.bias", [d.OutputSize], d.Bias.ToRowMajorArray())],
                    new OnnxAttribute("transB", Int: 1));
                break;
            case Flatten<T> f:
                RequireSize(graph, f.OutputSize, layer);
                graph.Add("Flatten", name, [f.OutputSize], [], new OnnxAttribute("axis", Int: 1));
                break;
            case Reshape<T> r:
                long[] target = [.. r.OutputShape.Select(x => (long)x)];
                RequireSize(graph, target.Aggregate(1L, (a, b) => a * b), layer);
                // 0 keeps the batch dimension as it is.
                graph.Add("Reshape", name, target, [graph.Int64s($"{index}.shape", [0, .. target])]);
                break;
            case ReLU<T>:
                graph.Add("Relu", name, graph.Shape, []);
                break;
            case Tanh<T>:
                graph.Add("Tanh", name, graph.Shape, []);
                break;
            case Sigmoid<T>:
                graph.Add("Sigmoid", name, graph.Shape, []);
                break;
            case Softmax<T>:
                // The library's softmax runs over a sample's whole column, so an image is flattened first.
                long size = graph.Shape.Aggregate(1L, (a, b) => a * b);
                ToVector(graph, size, $"{name}.flatten", layer);
                graph.Add("Softmax", name, [size], [], new OnnxAttribute("axis", Int: 1));
                break;
            case Dropout<T>:
                graph.Add("Identity", name, graph.Shape, []);
                break;
            default:
                throw new OnnxExportException(
                    $"ONNX export: layer {index} '{layer.Name}' ({TypeName(layer)}) has no ONNX mapping. " +
                    "Mapped layers: Convolutional, MaxPooling, Dense, Flatten, Reshape, ReLU, Tanh, Sigmoid, Softmax, Dropout.");
        }
    }

    // A layer that reads images after one that produced a vector (the columns are the same CHW values): Reshape.
    private static void ToImage<T>(OnnxGraph graph, (int Depth, int Height, int Width) shape, string name, Layer<T> layer)
        where T : struct, IFloatingPointIeee754<T>
    {
        long[] image = Image(shape);
        if (graph.Shape.SequenceEqual(image)) return;
        RequireSize(graph, image.Aggregate(1L, (a, b) => a * b), layer);
        graph.Add("Reshape", $"{name}.reshape", image, [graph.Int64s($"{name}.shape", [0, .. image])]);
    }

    // A layer that reads vectors after one that produced an image: Flatten, as the column already is.
    private static void ToVector<T>(OnnxGraph graph, long size, string name, Layer<T> layer) where T : struct, IFloatingPointIeee754<T>
    {
        RequireSize(graph, size, layer);
        if (graph.Shape.Length != 1) graph.Add("Flatten", name, [size], [], new OnnxAttribute("axis", Int: 1));
    }

    private static void RequireSize<T>(OnnxGraph graph, long size, Layer<T> layer) where T : struct, IFloatingPointIeee754<T>
    {
        long actual = graph.Shape.Aggregate(1L, (a, b) => a * b);
        if (actual != size)
            throw new OnnxExportException(
                $"ONNX export: layer '{layer.Name}' reads {size} values per sample but the layer before it gives {actual} ({string.Join("x", graph.Shape)}).");
    }

    private static string TypeName(object layer) => layer.GetType().Name.Split('`')[0];

    private static long[] Image((int Depth, int Height, int Width) shape) => [shape.Depth, shape.Height, shape.Width];
}
