using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Kernels;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;
using NotebookNet.Persistence;
using NotebookNet.Tensors;
using NotebookNet.Training;

namespace NotebookNet.Tests.Kernels;

/// <summary>Tests that change <see cref="BatchParallel.MaxWorkers"/>, a process-wide setting: they run alone.</summary>
[CollectionDefinition(nameof(WorkerCount), DisableParallelization = true)]
public sealed class WorkerCount;

/// <summary>
/// The same seed gives the same bits on any number of cores: a teacher's laptop and a student's print the same
/// digits. 1 worker runs everything inline; 2 splits every batch; 3 splits unevenly; 16 oversubscribes these cores
/// and gives every chunk of a reduction its own worker.
/// </summary>
[Collection(nameof(WorkerCount))]
public class CoreCountDeterminismTests
{
    private static readonly int[] WorkerCounts = [1, 2, 3, 16];

    public static TheoryData<string> ModelNames => new() { "SmallCnn", "LeNet5" };

    private static Sequential<float> Build(string name) =>
        name == "SmallCnn" ? Models.SmallCnn(new Rng(0)) : Models.LeNet5(new Rng(0));

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Gradients_after_a_step_have_the_same_bits_on_any_number_of_workers(string name)
    {
        // One batch of 64 noisy images, the same for every worker count.
        var rng = new Rng(7);
        var x = Matrix<float>.Build.Dense(784, 64, (_, _) => (float)rng.NextDouble());
        var labels = Enumerable.Range(0, 64).Select(_ => rng.NextInt(10)).ToArray();

        var results = WorkerCounts.Select(workers => WithWorkers(workers, () =>
        {
            var model = Build(name);
            var logits = model.Forward(x);
            model.Backward(Loss.SoftmaxCrossEntropyPrime<float>(labels, logits));
            return model.Parameters.Select(p => (p.Name, Bits: MatrixData.Of(p.Gradient).ToArray())).ToArray();
        })).ToArray();

        for (int i = 1; i < WorkerCounts.Length; i++)
            for (int p = 0; p < results[0].Length; p++)
            {
                var (expected, actual) = (results[0][p].Bits, results[i][p].Bits);
                int differing = Enumerable.Range(0, expected.Length).Count(j => BitConverter.SingleToInt32Bits(expected[j]) != BitConverter.SingleToInt32Bits(actual[j]));
                Assert.True(differing == 0,
                    $"{name}, {results[0][p].Name}: {differing} of {expected.Length} gradients differ between 1 and {WorkerCounts[i]} workers.");
            }
        // Not vacuous: the gradients are there.
        Assert.All(results[0], r => Assert.Contains(r.Bits, v => v != 0));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void A_short_training_saves_the_same_model_bytes_on_any_number_of_workers(string name)
    {
        var (train, _) = Mnist.Load();
        var images = DataSource.Subset(DataSource.FromMnist<float>(train), Enumerable.Range(0, name == "SmallCnn" ? 2048 : 512).ToArray());

        var digests = WorkerCounts.Select(workers => WithWorkers(workers, () =>
        {
            var model = Build(name);
            new Trainer<float>(model, new Sgd<float>(0.05, momentum: 0.9),
                new TrainerOptions { Epochs = 1, BatchSize = 64, Rng = new Rng(1) }).Fit(images);
            string path = Path.Combine(Path.GetTempPath(), $"notebooknet-cores-{name}-{workers}-{Environment.ProcessId}.nnm");
            try
            {
                ModelFile.Save(path, model);
                return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
            }
            finally
            {
                File.Delete(path);
            }
        })).ToArray();

        for (int i = 1; i < WorkerCounts.Length; i++)
            Assert.True(digests[0] == digests[i],
                $"{name}: model file {digests[0][..8]}… on 1 worker, {digests[i][..8]}… on {WorkerCounts[i]}.");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public void A_product_split_into_parts_sums_every_element_as_the_whole_does(bool transA, bool transB)
    {
        // 200 rows are two row blocks as a whole but one in each part when split by rows, and k = 1100 is cut into
        // depth blocks differently for the two: the parts must use the whole product's depth blocks.
        const int m = 200, n = 31, k = 1100;
        var rng = new Rng(5);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var products = WorkerCounts.Select(workers => WithWorkers(workers, () =>
        {
            var c = new float[m * n];
            Blas.Gemm(transA, transB, m, n, k, 1f, a, transA ? k : m, b, transB ? n : k, 0f, c, m);
            return c;
        })).ToArray();
        for (int i = 1; i < WorkerCounts.Length; i++)
            Assert.True(products[0].AsSpan().SequenceEqual(products[i]),
                $"C differs between 1 and {WorkerCounts[i]} workers in {Enumerable.Range(0, m * n).Count(j => products[0][j] != products[i][j])} of {m * n} elements.");
    }

    [Fact]
    public void Chunks_depend_on_the_work_alone_and_cover_the_batch_once()
    {
        var layouts = WorkerCounts.Select(workers => WithWorkers(workers, () =>
        {
            int chunks = BatchParallel.Chunks(64, 1 << 20);
            var visits = new int[64];
            var ranges = new (int Start, int End)[chunks];
            BatchParallel.ForChunks(64, chunks, (_, chunk, start, end) =>
            {
                ranges[chunk] = (start, end);
                for (int i = start; i < end; i++) Interlocked.Increment(ref visits[i]);
            });
            Assert.All(visits, v => Assert.Equal(1, v));
            return string.Join(" ", ranges);
        })).ToArray();
        Assert.Equal(BatchParallel.MaxChunks, BatchParallel.Chunks(64, 1 << 20));
        Assert.All(layouts, layout => Assert.Equal(layouts[0], layout));
        // Little work is one chunk, run inline.
        Assert.Equal(1, BatchParallel.Chunks(64, 16));
    }

    private static TResult WithWorkers<TResult>(int workers, Func<TResult> run)
    {
        int saved = BatchParallel.MaxWorkers;
        BatchParallel.MaxWorkers = workers;
        try
        {
            return run();
        }
        finally
        {
            BatchParallel.MaxWorkers = saved;
        }
    }
}
