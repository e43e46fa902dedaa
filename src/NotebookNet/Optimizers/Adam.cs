using System.Globalization;
using System.Numerics;
using NotebookNet.Kernels;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Optimizers;

/// <summary>
/// Adam (Kingma and Ba) with PyTorch's semantics (<c>torch.optim.Adam</c>): per parameter, moving averages of the
/// gradient (m) and of its square (v), both bias-corrected by <c>1 − βᵗ</c> at step t, and the step
/// <c>p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)</c>. Weight decay is the L2 kind, added to the gradient.
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Adam: beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Adam: beta2 must be in [0, 1).");
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Adam: epsilon must be finite and not negative.");
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Adam: weight decay must be finite and not negative.");
        (Beta1, Beta2, Epsilon, WeightDecay) = (beta1, beta2, epsilon, weightDecay);
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    public double WeightDecay { get; }

    public override string Name => string.Create(CultureInfo.InvariantCulture,
        $"Adam(lr={LearningRate}{(WeightDecay > 0 ? $", weightDecay={WeightDecay}" : "")})");

    protected override void Update(Parameter<T> parameter, double learningRate)
    {
        var state = StateOf(parameter, q => new Moments(q.Value.RowCount * q.Value.ColumnCount));
        int t = ++state.Step;
        double correction1 = 1 - Math.Pow(Beta1, t), correction2 = 1 - Math.Pow(Beta2, t);
        OptimizerKernels.Adam<T>(MatrixData.Of(parameter.Value), MatrixData.Of(parameter.Gradient), state.M, state.V,
            T.CreateChecked(learningRate / correction1), T.CreateChecked(Beta1), T.CreateChecked(Beta2),
            T.CreateChecked(Math.Sqrt(correction2)), T.CreateChecked(Epsilon), T.CreateChecked(WeightDecay));
    }

    private sealed class Moments(int length)
    {
        public T[] M { get; } = new T[length];
        public T[] V { get; } = new T[length];
        public int Step { get; set; }
    }
}
