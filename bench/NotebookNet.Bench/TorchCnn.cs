using System.Diagnostics;
using NotebookNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookNet.Bench;

/// <summary>The TorchSharp side of <c>cnn</c>: the same <see cref="CnnCase"/> built with torch.nn and trained on CPU.</summary>
public static class TorchCnn
{
    public static CnnOutcome Train(CnnCase c, MnistSet train, MnistSet test, CnnSettings settings)
    {
        torch.manual_seed(settings.Seed);
        int n = Math.Min(settings.Limit, train.Count);
        using var xTrain = Images(train.Images, n);
        using var yTrain = Labels(train.Labels, n);
        var model = Build(c);
        var parameters = model.parameters().ToList();
        torch.optim.Optimizer optimizer = c.Optimizer switch
        {
            OptimizerKind.SgdMomentum => torch.optim.SGD(parameters, c.LearningRate, momentum: c.Momentum),
            OptimizerKind.Adam => torch.optim.Adam(parameters, c.LearningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
        var lossFunction = torch.nn.CrossEntropyLoss();
        var rng = new Rng(settings.Seed);
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();

        model.train();
        var sw = Stopwatch.StartNew();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            rng.Shuffle(order.AsSpan());
            using var perm = torch.tensor(order);
            for (int start = 0; start < n; start += c.BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                int size = Math.Min(c.BatchSize, n - start);
                var index = perm.narrow(0, start, size);
                var x = xTrain.index_select(0, index);
                var y = yTrain.index_select(0, index);
                optimizer.zero_grad();
                var loss = lossFunction.forward(model.forward(x), y);
                loss.backward();
                optimizer.step();
            }
        }
        double seconds = sw.Elapsed.TotalSeconds;

        model.eval();
        long correct = 0;
        using (torch.no_grad())
        using (var xTest = Images(test.Images, test.Count))
        using (var yTest = Labels(test.Labels, test.Count))
        {
            for (int start = 0; start < test.Count; start += 1000)
            {
                using var scope = torch.NewDisposeScope();
                int size = Math.Min(1000, test.Count - start);
                var predicted = model.forward(xTest.narrow(0, start, size)).argmax(1);
                correct += predicted.eq(yTest.narrow(0, start, size)).sum().item<long>();
            }
        }
        model.Dispose();
        return new CnnOutcome("TorchSharp", seconds, (long)n * settings.Epochs, (double)correct / test.Count);
    }

    private static torch.nn.Module<Tensor, Tensor> Build(CnnCase c)
    {
        var modules = new List<(string, torch.nn.Module<Tensor, Tensor>)>();
        foreach (var layer in c.Layers)
        {
            string name = $"{modules.Count}";
            modules.Add(layer switch
            {
                ConvSpec conv => (name, torch.nn.Conv2d(conv.InChannels, conv.OutChannels, conv.Kernel, padding: conv.Padding)),
                ReluSpec => (name, torch.nn.ReLU()),
                PoolSpec pool => (name, torch.nn.MaxPool2d(pool.Size)),
                FlattenSpec => (name, torch.nn.Flatten()),
                LinearSpec linear => (name, torch.nn.Linear(linear.Inputs, linear.Outputs)),
                _ => throw new NotSupportedException(layer.ToString()),
            });
        }
        return torch.nn.Sequential(modules.ToArray());
    }

    /// <summary>The first <paramref name="n"/> images as an (n, 1, 28, 28) float32 tensor scaled to [0, 1].</summary>
    private static Tensor Images(MnistImages images, int n)
    {
        int size = images.Height * images.Width;
        var data = new float[(long)n * size];
        for (long i = 0; i < data.Length; i++) data[i] = images.Pixels[i] / 255f;
        return torch.tensor(data, [n, 1, images.Height, images.Width]);
    }

    private static Tensor Labels(byte[] labels, int n) => torch.tensor(labels.Take(n).Select(l => (long)l).ToArray());
}
