using NotebookNet.Data;

namespace NotebookNet.Bench;

/// <summary>
/// NotebookNet's side of <c>cnn</c>. HOOK: until NotebookNet's CNN layers are merged this returns null and the
/// benchmark prints TorchSharp alone. To wire it, build <paramref name="c"/>'s <see cref="CnnCase.Layers"/> with our
/// layers (float, He init), train <see cref="CnnSettings.Epochs"/> epochs on the first <see cref="CnnSettings.Limit"/>
/// training images in batches of <see cref="CnnCase.BatchSize"/> with <see cref="CnnCase.Optimizer"/>
/// (lr <see cref="CnnCase.LearningRate"/>, momentum <see cref="CnnCase.Momentum"/>), softmax cross-entropy, a
/// shuffle per epoch from <c>new Rng(settings.Seed)</c>; time only the epochs; then evaluate on all of
/// <paramref name="test"/>.
/// </summary>
public static class OurCnn
{
    public static CnnOutcome? Train(CnnCase c, MnistSet train, MnistSet test, CnnSettings settings) => null;
}
