using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// The engine for stride-1 5×5 layers with many weights (LeNet-5's second layer): the forward pass and ∂L/∂x, itself a
/// stride-1 5×5 convolution of ∂L/∂Y with the flipped kernels, by Winograd's F(2×2, 5×5) (<see cref="WinogradConv"/>),
/// which needs 36 multiply-adds for every 100 of a direct product. ∂L/∂W and ∂L/∂b stay on
/// <see cref="ImplicitConvolution{T}"/>'s implicit GEMM. The kernels are transformed once per batch; each worker runs
/// a fixed share of the batch's images, and every image's result is the same whatever share it falls in.
/// </summary>
internal sealed class WinogradConvolution<T>(ConvGeometry geometry, int depth) : ConvolutionEngine<T>(geometry, depth)
    where T : struct, IFloatingPointIeee754<T>
{
    private readonly ImplicitConvolution<T> _parameterGradients = new(geometry, depth);
    private readonly WorkerBuffers<T> _workspace = new();
    private T[] _kernels = [], _flipped = [], _flippedKernels = [];

    /// <summary>
    /// Whether this engine suits a layer: one <see cref="ImplicitConvolution{T}"/> suits, with 5×5 kernels at stride 1
    /// and a padding the input gradient's convolution can use too.
    /// </summary>
    public static bool Suits(in ConvGeometry g, int depth) =>
        WinogradConv.Supports<T>(g) && WinogradConv.Supports<T>(ImplicitGemmConv.InputGradientGeometry(g, depth))
        && ImplicitConvolution<T>.Suits(g, depth);

    public override void Forward(T[] x, T[] y, T[] w, T[] b, int n, bool training)
    {
        Transform(w, Geometry, Depth, ref _kernels);
        Convolve(x, Geometry, _kernels, Depth, b, y, n);
    }

    public override void Backward(T[] x, T[] dy, T[] dx, T[] w, T[] dw, T[] db, int n, bool inputGradient)
    {
        _parameterGradients.Backward(x, dy, dx, w, dw, db, n, inputGradient: false);
        if (!inputGradient) return;
        var g = Geometry;
        var flippedGeometry = ImplicitGemmConv.InputGradientGeometry(g, Depth);
        if (_flipped.Length != w.Length) _flipped = new T[w.Length];
        ImplicitGemmConv.FlipWeights<T>(w, g, Depth, _flipped);
        Transform(_flipped, flippedGeometry, g.Channels, ref _flippedKernels);
        Convolve(dy, flippedGeometry, _flippedKernels, g.Channels, [], dx, n);
    }

    private static void Transform(T[] weights, in ConvGeometry g, int depth, ref T[] buffer)
    {
        int length = WinogradConv.KernelsLength<T>(g, depth);
        if (buffer.Length != length) buffer = new T[length];
        WinogradConv.TransformKernels<T>(weights, g, depth, buffer);
    }

    // y = conv(x) for the n images, each worker taking a contiguous share in calls of a few images.
    private void Convolve(T[] x, ConvGeometry g, T[] kernels, int depth, T[] bias, T[] y, int n)
    {
        int perCall = WinogradConv.ImagesPerCall(g), workspace = WinogradConv.WorkspaceLength<T>(g, depth, perCall);
        int inSize = g.ImageSize, outSize = g.Positions * depth;
        int workers = BatchParallel.Workers(n, (long)g.Positions * g.PatchSize * depth);
        _workspace.Reserve(workers);
        BatchParallel.For(n, workers, (worker, first, last) =>
        {
            var scratch = _workspace.Get(worker, workspace);
            for (int i = first; i < last; i += perCall)
            {
                int images = Math.Min(perCall, last - i);
                WinogradConv.Forward<T>(x.AsSpan(i * inSize, images * inSize), g, kernels, depth, bias,
                    y.AsSpan(i * outSize, images * outSize), images, scratch);
            }
        });
    }
}
