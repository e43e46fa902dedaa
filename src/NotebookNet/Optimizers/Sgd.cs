using System.Globalization;
using System.Numerics;
using NotebookNet.Kernels;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Optimizers;

/// <summary>
/// Stochastic gradient descent with PyTorch's semantics (<c>torch.optim.SGD</c>, dampening 0): weight decay adds
/// <c>wd·p</c> to the gradient; momentum keeps <c>buf = μ·buf + g</c> (the first step sets <c>buf = g</c>);
/// Nesterov steps along <c>g + μ·buf</c>. Without momentum it is the tutorial's <c>p −= lr·g</c>.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    public Sgd(double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : base(learningRate)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Sgd: momentum must be in [0, 1).");
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Sgd: weight decay must be finite and not negative.");
        if (nesterov && momentum == 0)
            throw new ArgumentException("Sgd: Nesterov momentum needs a momentum above zero.", nameof(nesterov));
        (Momentum, Nesterov, WeightDecay) = (momentum, nesterov, weightDecay);
    }

    public double Momentum { get; }
    public bool Nesterov { get; }
    public double WeightDecay { get; }

    public override string Name => string.Create(CultureInfo.InvariantCulture,
        $"Sgd(lr={LearningRate}{(Momentum > 0 ? $", momentum={Momentum}" : "")}{(Nesterov ? ", nesterov" : "")}{(WeightDecay > 0 ? $", weightDecay={WeightDecay}" : "")})");

    protected override void Update(Parameter<T> parameter, double learningRate)
    {
        var p = MatrixData.Of(parameter.Value);
        var g = MatrixData.Of(parameter.Gradient);
        Span<T> buffer = default;
        bool first = false;
        if (Momentum > 0)
        {
            var state = StateOf(parameter, q => new MomentumState(q.Value.RowCount * q.Value.ColumnCount));
            buffer = state.Buffer;
            first = !state.Started;
            state.Started = true;
        }
        OptimizerKernels.Sgd<T>(p, g, buffer, T.CreateChecked(learningRate), T.CreateChecked(Momentum),
            T.CreateChecked(WeightDecay), Nesterov, first);
    }

    private sealed class MomentumState(int length)
    {
        public T[] Buffer { get; } = new T[length];
        public bool Started { get; set; }
    }
}
