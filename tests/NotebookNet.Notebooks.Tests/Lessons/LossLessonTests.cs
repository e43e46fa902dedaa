namespace NotebookNet.Notebooks.Tests;

/// <summary>Notebook 06's <c>Mse</c>, <c>BinaryCrossEntropy</c> and their primes, held against the library and the numerical gradient.</summary>
[Collection(NotebookCollection.Name)]
public sealed class LossLessonTests
{
    private static readonly string[] Losses = ["mse", "bce"];

    [Fact]
    public async Task Each_loss_and_its_prime_match_the_library_and_the_prime_is_the_numerical_gradient()
    {
        // A 4×2 target (two samples in columns): the mean and the size run over every element, as np.mean and np.size.
        var v = await LessonRun.RunAsync("06-Perdidas.ipynb", LessonCheck.Helpers + """
            var yTrue = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 0 }, { 1, 0 } });
            var yPred = CheckRandom(4, 2, 41).Map(a => 0.5 + 0.4 * Math.Tanh(a));   // inside (0.1, 0.9): nothing to clamp
            var losses = new (string Name, Func<Matrix<double>, Matrix<double>, double> Mine, Func<Matrix<double>, Matrix<double>, Matrix<double>> MinePrime,
                              Func<Matrix<double>, Matrix<double>, double> Fast, Func<Matrix<double>, Matrix<double>, Matrix<double>> FastPrime)[]
            {
                ("mse", Mse, MsePrime, Fast.Loss.Mse, Fast.Loss.MsePrime),
                ("bce", BinaryCrossEntropy, BinaryCrossEntropyPrime, Fast.Loss.BinaryCrossEntropy, Fast.Loss.BinaryCrossEntropyPrime),
            };
            foreach (var (name, mine, minePrime, fast, fastPrime) in losses)
            {
                CheckPrint(name + ".loss", Math.Abs(mine(yTrue, yPred) - fast(yTrue, yPred)));
                CheckPrint(name + ".prime", CheckGap(minePrime(yTrue, yPred), fastPrime(yTrue, yPred)));
                var numeric = CheckNumeric(() => mine(yTrue, yPred), yPred);
                CheckPrint(name + ".numeric", CheckGap(minePrime(yTrue, yPred), numeric));
                CheckPrint(name + ".size", numeric.Enumerate().Max(Math.Abs));
            }
            """);

        foreach (string name in Losses)
        {
            Assert.InRange(v[name + ".loss"], 0, LessonCheck.Twin);
            Assert.InRange(v[name + ".prime"], 0, LessonCheck.Twin);
            Assert.InRange(v[name + ".numeric"], 0, LessonCheck.Numerical);
            Assert.True(v[name + ".size"] > 1e-2, $"{name}: the example's gradient is near zero, so the comparison proves nothing.");
        }
    }
}
