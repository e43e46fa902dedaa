using System.Numerics;
using System.Runtime.InteropServices;

namespace NotebookNet.Onnx;

/// <summary>An ONNX node attribute: an integer or a list of integers (all the mapped operators need).</summary>
internal sealed record OnnxAttribute(string Name, long? Int = null, long[]? Ints = null);

/// <summary>One operator of the graph, in the order it runs.</summary>
internal sealed record OnnxNode(string OpType, string Name, string[] Inputs, string Output, OnnxAttribute[] Attributes);

/// <summary>
/// An ONNX graph being built layer by layer: the operators, the weights (initializers) and the tensor flowing
/// between them, whose shape without the batch dimension is tracked so a layer can ask for an image or a vector.
/// <see cref="ToModel"/> writes the <c>ModelProto</c> with the field numbers of <c>onnx.proto</c>.
/// </summary>
internal sealed class OnnxGraph
{
    // TensorProto.DataType
    private const int Float32 = 1, Int64 = 7, Float64 = 11;
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly int _elementType;
    private readonly string _inputName;
    private readonly long[] _inputShape;

    public OnnxGraph(Type elementType, string inputName, long[] inputShape)
    {
        _elementType = elementType == typeof(float) ? Float32
            : elementType == typeof(double) ? Float64
            : throw new OnnxExportException($"ONNX export: networks of {elementType.Name} are not supported (float or double).");
        _inputName = Current = inputName;
        _inputShape = Shape = inputShape;
    }

    /// <summary>The tensor the next operator reads.</summary>
    public string Current { get; private set; }

    /// <summary>Its shape without the batch dimension: (C, H, W) for images, (features) for vectors.</summary>
    public long[] Shape { get; private set; }

    /// <summary>Appends <paramref name="opType"/> reading <see cref="Current"/> (then <paramref name="weights"/>); its output becomes current.</summary>
    public void Add(string opType, string name, long[] outputShape, string[] weights, params OnnxAttribute[] attributes)
    {
        string output = $"{name}.out";
        _nodes.Add(new OnnxNode(opType, name, [Current, .. weights], output, attributes));
        Current = output;
        Shape = outputShape;
    }

    /// <summary>Stores a weight tensor of <paramref name="dims"/> (row-major values) and returns its name.</summary>
    public string Weights<T>(string name, long[] dims, T[] values) where T : struct, IFloatingPointIeee754<T>
    {
        _initializers.Add(Tensor(name, dims, _elementType, MemoryMarshal.AsBytes(values.AsSpan())));
        return name;
    }

    /// <summary>Stores an int64 tensor (a Reshape's target shape) and returns its name.</summary>
    public string Int64s(string name, long[] values)
    {
        _initializers.Add(Tensor(name, [values.Length], Int64, MemoryMarshal.AsBytes(values.AsSpan())));
        return name;
    }

    /// <summary>The whole <c>ModelProto</c>; the last operator's output is named <paramref name="outputName"/>.</summary>
    public byte[] ToModel(string outputName, string graphName, string docString, int opset, string producerVersion)
    {
        if (_nodes.Count == 0) throw new OnnxExportException("ONNX export: the network has no layers.");
        var last = _nodes[^1];
        _nodes[^1] = last with { Output = outputName };

        var graph = new ProtoWriter();
        foreach (var node in _nodes) graph.Message(1, Node(node));                 // GraphProto.node
        graph.String(2, graphName);                                                 // GraphProto.name
        foreach (var tensor in _initializers) graph.Message(5, tensor);             // GraphProto.initializer
        graph.String(10, docString);                                                // GraphProto.doc_string
        graph.Message(11, ValueInfo(_inputName, _inputShape));                      // GraphProto.input
        graph.Message(12, ValueInfo(outputName, Shape));                            // GraphProto.output

        return new ProtoWriter()
            .Int(1, 7)                                                              // ModelProto.ir_version: 7 goes with opset 13
            .String(2, "NotebookNet")                                               // producer_name
            .String(3, producerVersion)                                             // producer_version
            .String(6, docString)                                                   // doc_string
            .Message(7, graph)                                                      // graph
            .Message(8, new ProtoWriter().String(1, "").Int(2, opset))              // opset_import: the default domain
            .ToArray();
    }

    private static ProtoWriter Node(OnnxNode node)
    {
        var w = new ProtoWriter();
        foreach (string input in node.Inputs) w.String(1, input);                  // NodeProto.input
        w.String(2, node.Output).String(3, node.Name).String(4, node.OpType);      // output, name, op_type
        foreach (var a in node.Attributes)                                          // attribute
        {
            var attribute = new ProtoWriter().String(1, a.Name);                    // AttributeProto.name
            if (a.Int is long i) attribute.Int(3, i).Int(20, 2);                    // i, type = INT
            else attribute.Ints(8, a.Ints ?? []).Int(20, 7);                        // ints, type = INTS
            w.Message(5, attribute);
        }
        return w;
    }

    private static ProtoWriter Tensor(string name, long[] dims, int dataType, ReadOnlySpan<byte> littleEndian)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX export writes raw little-endian data.");
        return new ProtoWriter().Ints(1, dims).Int(2, dataType).String(8, name).Bytes(9, littleEndian); // dims, data_type, name, raw_data
    }

    // ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type, shape: { dim: "batch", then the sample's dims } } } }
    private ProtoWriter ValueInfo(string name, long[] sampleShape)
    {
        var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "batch"));
        foreach (long d in sampleShape) shape.Message(1, new ProtoWriter().Int(1, d));
        var tensorType = new ProtoWriter().Int(1, _elementType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
