using System.Runtime.CompilerServices;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// Max pooling: each channel is cut into <c>size × size</c> windows every <c>stride</c> pixels, and each window
/// keeps its largest value. The backward pass sends each gradient to the pixel that won its window
/// (remembered from the forward pass); every other pixel gets zero.
/// </summary>
public sealed class MaxPooling<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly ConvGeometry _geometry;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();
    private int[] _argMax = [];

    /// <summary>Windows of <paramref name="size"/>² pixels every <paramref name="stride"/> pixels, without padding.</summary>
    public MaxPooling((int Depth, int Height, int Width) inputShape, int size = 2, int stride = 2)
    {
        _geometry = new ConvGeometry(inputShape.Depth, inputShape.Height, inputShape.Width, size, stride, 0);
        _geometry.Validate($"MaxPooling({ImageShape.Format(inputShape)}, size {size}, stride {stride})");
        InputShape = inputShape;
        OutputShape = (inputShape.Depth, _geometry.OutHeight, _geometry.OutWidth);
    }

    public (int Depth, int Height, int Width) InputShape { get; }
    public (int Depth, int Height, int Width) OutputShape { get; }
    public int Size => _geometry.KernelSize;
    public int Stride => _geometry.Stride;

    public override string Name => $"MaxPooling({ImageShape.Format(InputShape)} → {ImageShape.Format(OutputShape)})";
    public override string Code => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"maxpool {ImageShape.Format(InputShape)} k{Size} s{Stride}");

    string IShapedLayer.OutputShapeText => ImageShape.Format(OutputShape);

    public override Matrix<T> Forward(Matrix<T> input)
    {
        var g = _geometry;
        RequireRows(input, g.ImageSize);
        Input = input;
        int n = input.ColumnCount, inSize = g.ImageSize, outSize = ImageShape.Size(OutputShape);
        var output = _output.Get(outSize, n);
        if (_argMax.Length != outSize * n) _argMax = new int[outSize * n];
        var x = MatrixData.Of(input);
        var y = MatrixData.Of(output);
        var argMax = _argMax;
        BatchParallel.For(n, BatchParallel.Workers(n, 4L * inSize), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, start, end) =>
        {
            for (int i = start; i < end; i++)
                Pooling.MaxForward<T>(x.AsSpan(i * inSize, inSize), g, y.AsSpan(i * outSize, outSize), argMax.AsSpan(i * outSize, outSize));
        });
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var g = _geometry;
        int inSize = g.ImageSize, outSize = ImageShape.Size(OutputShape);
        int n = RequireForward(outputGradient, outSize).ColumnCount;
        var inputGradient = _inputGradient.Get(inSize, n);
        var dy = MatrixData.Of(outputGradient);
        var dx = MatrixData.Of(inputGradient);
        var argMax = _argMax;
        bool disjoint = Size <= Stride;
        // Clearing and scattering move as much memory as the forward pass: weighed the same, the batch is split the same
        // way, and each core finds its images' gradients in its own cache.
        BatchParallel.For(n, BatchParallel.Workers(n, 4L * inSize), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                // Image by image, so the cleared gradient is still in the L1 cache when the winners are written.
                var dxi = dx.AsSpan(i * inSize, inSize);
                dxi.Clear();
                Pooling.MaxBackward<T>(dy.AsSpan(i * outSize, outSize), argMax.AsSpan(i * outSize, outSize), dxi, disjoint);
            }
        });
        return inputGradient;
    }
}
