namespace NotebookNet.Bench;

/// <summary>One layer of a benchmark network, enough to build it on either engine and to count its FLOPs.</summary>
public abstract record LayerSpec;

/// <summary>A square convolution with stride 1.</summary>
public sealed record ConvSpec(int InChannels, int OutChannels, int Kernel, int Padding) : LayerSpec;

public sealed record ReluSpec : LayerSpec;

/// <summary>Max pooling with a square window and the same stride.</summary>
public sealed record PoolSpec(int Size) : LayerSpec;

public sealed record FlattenSpec : LayerSpec;

public sealed record LinearSpec(int Inputs, int Outputs) : LayerSpec;

public enum OptimizerKind { SgdMomentum, Adam }

/// <summary>
/// A network and how it is trained: softmax cross-entropy on MNIST (1×28×28 inputs scaled to [0, 1]),
/// mini-batches in a shuffled order, the given optimizer.
/// </summary>
public sealed record CnnCase(
    string Key,
    string Title,
    IReadOnlyList<LayerSpec> Layers,
    int BatchSize,
    OptimizerKind Optimizer,
    double LearningRate,
    double Momentum,
    double ReferenceTorchImagesPerSecond)
{
    /// <summary>8c3-pool-16c3-pool-fc10, batch 64, SGD momentum 0.9, lr 0.05.</summary>
    public static CnnCase Small { get; } = new(
        "small", "small CNN 8c3-pool-16c3-pool-fc10, batch 64, SGD momentum 0.9 lr 0.05",
        [
            new ConvSpec(1, 8, 3, 0), new ReluSpec(), new PoolSpec(2),
            new ConvSpec(8, 16, 3, 0), new ReluSpec(), new PoolSpec(2),
            new FlattenSpec(), new LinearSpec(16 * 5 * 5, 10),
        ],
        64, OptimizerKind.SgdMomentum, 0.05, 0.9, 11_200);

    /// <summary>LeNet-5 style 32c5p2-pool-64c5p2-pool-fc128-fc10, batch 128, Adam lr 0.001.</summary>
    public static CnnCase LeNet5 { get; } = new(
        "lenet", "LeNet-5 style 32c5p2-pool-64c5p2-pool-fc128-fc10, batch 128, Adam lr 0.001",
        [
            new ConvSpec(1, 32, 5, 2), new ReluSpec(), new PoolSpec(2),
            new ConvSpec(32, 64, 5, 2), new ReluSpec(), new PoolSpec(2),
            new FlattenSpec(), new LinearSpec(64 * 7 * 7, 128), new ReluSpec(), new LinearSpec(128, 10),
        ],
        128, OptimizerKind.Adam, 0.001, 0, 1_380);

    public static IReadOnlyList<CnnCase> All { get; } = [Small, LeNet5];

    /// <summary>
    /// FLOPs of one training image in the conv and linear layers (a multiply-add counts 2): the forward pass,
    /// the weight gradient (same count as forward) and the input gradient (same count, except for the first
    /// layer, whose input gradient no engine computes). Activations, pooling and the optimizer are left out.
    /// </summary>
    public double TrainingFlopsPerImage()
    {
        var (forward, first) = ForwardFlops();
        return 3 * forward - first;
    }

    /// <summary>Forward FLOPs of one image, and those of the first conv/linear layer.</summary>
    public (double Total, double First) ForwardFlops()
    {
        int c = 1, h = 28, w = 28;
        double total = 0, first = -1;
        foreach (var layer in Layers)
        {
            double flops = 0;
            switch (layer)
            {
                case ConvSpec conv:
                    if (conv.InChannels != c) throw new InvalidOperationException($"{Key}: conv expects {conv.InChannels} channels, gets {c}.");
                    h = h + 2 * conv.Padding - conv.Kernel + 1;
                    w = w + 2 * conv.Padding - conv.Kernel + 1;
                    c = conv.OutChannels;
                    flops = 2.0 * c * h * w * conv.InChannels * conv.Kernel * conv.Kernel;
                    break;
                case PoolSpec pool:
                    h /= pool.Size;
                    w /= pool.Size;
                    break;
                case FlattenSpec:
                    c *= h * w;
                    h = w = 1;
                    break;
                case LinearSpec linear:
                    if (linear.Inputs != c * h * w) throw new InvalidOperationException($"{Key}: linear expects {linear.Inputs} inputs, gets {c * h * w}.");
                    c = linear.Outputs;
                    flops = 2.0 * linear.Inputs * linear.Outputs;
                    break;
            }
            if (flops > 0 && first < 0) first = flops;
            total += flops;
        }
        return (total, Math.Max(first, 0));
    }
}
