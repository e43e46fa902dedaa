using System.Globalization;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Drawing;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Notebooks.Tests;
using NotebookNet.Training;
using Xunit.Abstractions;

namespace NotebookNet.Interactive.Tests.Drawing;

/// <summary>
/// The drawing pad in headless Chromium, on a page the test writes: strokes drawn with pointer events become the
/// library's 28×28 input and the library's winner, and the page's forward pass agrees with the library on all
/// 10,000 test images (same winner for every image, scores within 1e-5), for the small CNN and the tutorial's network.
/// </summary>
public sealed class DrawingPadBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const double ScoreTolerance = 1e-5;
    private static readonly Lazy<(MnistSet Train, MnistSet Test)> Data = new(() => Mnist.Load());
    private static readonly Lazy<Sequential<float>> SmallCnn = new(() =>
    {
        var model = Models.SmallCnn(new Rng(0));
        var train = Data.Value.Train;
        new Trainer<float>(model, new Optimizers.Sgd<float>(0.05, momentum: 0.9), new TrainerOptions { Epochs = 1, BatchSize = 64, Rng = new Rng(1) })
            .Fit(new MnistSet(new MnistImages(10_000, 28, 28, train.Images.Pixels[..(10_000 * 784)]), train.Labels[..10_000]));
        return model.Eval();
    });

    private readonly string _dir = Directory.CreateTempSubdirectory("notebooknet-pad-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void StrokesDrawnWithPointerEvents_BecomeTheLibrarysInput_AndTheLibrarysWinner()
    {
        var model = SmallCnn.Value;
        var drawings = new Dictionary<string, List<List<(double X, double Y)>>>
        {
            ["1"] = [[(140, 40), (138, 90), (136, 150), (134, 240)]],
            ["0"] = [[.. Enumerable.Range(0, 41).Select(i => (
                Math.Round(140 + 60 * Math.Sin(2 * Math.PI * i / 40)), Math.Round(140 - 95 * Math.Cos(2 * Math.PI * i / 40))))]],
            ["test image 0"] = Trace(Data.Value.Test.Images[0]),
            ["test image 1"] = Trace(Data.Value.Test.Images[1]),
        };
        var pad = Views.DrawingPad(model, "Prueba");
        string page = Path.Combine(_dir, "pad.html");
        pad.SaveHtml(page);

        var script = new StringBuilder("""
            var root = document.querySelector('.notebooknet-drawing-pad-body'), pad = root.notebookNetPad;
            var canvas = root.querySelector('canvas'), results = [];
            function fire(type, x, y) {
              var rect = canvas.getBoundingClientRect();
              canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 7, pointerType: 'pen',
                isPrimary: true, buttons: type === 'pointerup' ? 0 : 1,
                clientX: rect.left + canvas.clientLeft + x * canvas.clientWidth / canvas.width,
                  clientY: rect.top + canvas.clientTop + y * canvas.clientHeight / canvas.height }));
            }
            function draw(strokes) {
              pad.clear();
              strokes.forEach(function (s) {
                fire('pointerdown', s[0], s[1]);
                for (var i = 2; i < s.length; i += 2) fire('pointermove', s[i], s[i + 1]);
                fire('pointerup', s[s.length - 2], s[s.length - 1]);
              });
              var winner = Number(root.getAttribute('data-winner'));
              var rect = canvas.getBoundingClientRect();
              results.push({ rect: [rect.left, rect.top, rect.width, rect.height, canvas.clientWidth], strokes: JSON.parse(JSON.stringify(pad.strokes)), input: Array.from(pad.input), scores: Array.from(pad.scores),
                             winner: pad.winner, shown: winner, maps: root.querySelectorAll('canvas').length - 2,
                             firstConv: Array.from(pad.network.run(pad.input).firstConv.maps) });
            }
            """);
        foreach (var strokes in drawings.Values) script.Append("draw(").Append(DrawnDigit.FormatStrokes(strokes)).Append(");\n");
        script.Append("""
            Array.from(root.querySelectorAll('button')).find(function (b) { return b.textContent === 'Borrar'; }).click();
            var cleared = { inked: Array.from(pad.input).filter(function (v) { return v > 0; }).length, strokes: pad.strokes.length,
                            shown: root.getAttribute('data-winner'), maps: root.querySelectorAll('canvas').length - 2 };
            var out = document.createElement('pre'); out.id = 'nn-check';
            out.textContent = JSON.stringify({ drawings: results, cleared: cleared }); document.body.appendChild(out);
            """);

        var check = Chromium.Open(page, script.ToString(), _dir).Report;
        var report = check.GetProperty("drawings");
        Assert.Equal(drawings.Count, report.GetArrayLength());
        int k = 0;
        foreach (var (name, drawn) in drawings)
        {
            var result = report[k++];
            var strokes = drawn;
            // The page recorded what was drawn (up to the page's sub-pixel layout); the library reads the same points.
            var pageStrokes = DrawnDigit.ParseStrokes(result.GetProperty("strokes").GetRawText());
            Assert.Equal(strokes.Select(s => s.Count), pageStrokes.Select(s => s.Count));
            double pointDifference = strokes.Zip(pageStrokes).SelectMany(s => s.First.Zip(s.Second))
                .Max(p => Math.Max(Math.Abs(p.First.X - p.Second.X), Math.Abs(p.First.Y - p.Second.Y)));
            Assert.True(pointDifference < 1e-6, $"{name}: the page recorded points up to {pointDifference} away from the drawn ones (canvas at {result.GetProperty("rect").GetRawText()})");
            strokes = [.. pageStrokes.Select(s => s.ToList())];

            var expected = DrawnDigit.Preprocess(strokes);
            var input = Doubles(result.GetProperty("input"));
            double inputDifference = expected.Zip(input, (a, b) => Math.Abs(a - b)).Max();
            Assert.Equal(0, inputDifference);

            var probabilities = Softmax(model.Predict(DrawnDigit.Column<float>(strokes)));
            int winner = ArgMax(probabilities);
            var scores = Doubles(result.GetProperty("scores"));
            double scoreDifference = probabilities.Zip(scores, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {expected.Count(v => v > 0)} inked pixels, library says {winner} ({probabilities[winner]:P1}), page shows {result.GetProperty("shown").GetInt32()}, max |p difference| {scoreDifference:E1}"));
            Assert.Equal(winner, result.GetProperty("winner").GetInt32());
            Assert.Equal(winner, result.GetProperty("shown").GetInt32());
            Assert.InRange(scoreDifference, 0, ScoreTolerance);

            // The first convolution's 8 feature maps, shown as the library computes them.
            Assert.Equal(8, result.GetProperty("maps").GetInt32());
            var maps = model[0].Forward(DrawnDigit.Column<float>(strokes));
            var pageMaps = Doubles(result.GetProperty("firstConv"));
            Assert.Equal(maps.RowCount, pageMaps.Length);
            Assert.InRange(Enumerable.Range(0, pageMaps.Length).Max(i => Math.Abs(maps[i, 0] - pageMaps[i])), 0, 1e-5);
        }

        // "Borrar" empties the pad: no strokes, a black input, no winner, no maps.
        var cleared = check.GetProperty("cleared");
        Assert.Equal(0, cleared.GetProperty("inked").GetInt32());
        Assert.Equal(0, cleared.GetProperty("strokes").GetInt32());
        Assert.Equal("", cleared.GetProperty("shown").GetString());
        Assert.Equal(0, cleared.GetProperty("maps").GetInt32());
    }

    [Fact]
    public void SmallCnn_PageAgreesWithTheLibrary_OnTheTenThousandTestImages() =>
        AgreesOnTheTestSet(SmallCnn.Value, x => Softmax(x));

    [Fact]
    public void TutorialNetwork_PageAgreesWithTheLibrary_OnTheTenThousandTestImages()
    {
        var rng = new Rng(2);
        var network = new List<Layer<double>>
        {
            new Dense<double>(28 * 28, 40, rng: rng), new Tanh<double>(), new Dense<double>(40, 10, rng: rng), new Tanh<double>(),
        };
        var train = Data.Value.Train;
        var (xTrain, yTrain) = Preprocessing.PreprocessData(train.Images, train.Labels, 1000);
        Tutorial.Train(network, Loss.Mse, Loss.MsePrime, xTrain, yTrain, epochs: 10, learningRate: 0.1, verbose: false);
        AgreesOnTheTestSet(new Sequential<double>(network), x => x);   // tanh outputs, shown as they are
    }

    private void AgreesOnTheTestSet<T>(Sequential<T> model, Func<double[], double[]> scoresOf)
        where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var test = Data.Value.Test;
        var pixels = test.Images.Pixels;
        var x = Matrix<T>.Build.Dense(784, test.Count, (i, j) => T.CreateChecked(pixels[j * 784 + i] / 255.0));
        var outputs = model.PredictBatched(x, 500);

        string page = Path.Combine(_dir, "agreement.html");
        Views.DrawingPad(model).SaveHtml(page);
        string script = $$"""
            var root = document.querySelector('.notebooknet-drawing-pad-body'), pad = root.notebookNetPad;
            var text = atob('{{Convert.ToBase64String(pixels)}}'), n = {{test.Count}}, scores = [], start = performance.now();
            var image = new Float64Array(784);
            for (var j = 0; j < n; j++) {
              for (var i = 0; i < 784; i++) image[i] = text.charCodeAt(j * 784 + i) / 255;
              scores.push(Array.from(pad.predict(image)));
            }
            var out = document.createElement('pre'); out.id = 'nn-check';
            out.textContent = JSON.stringify({ ms: performance.now() - start, scores: scores });
            document.body.appendChild(out);
            """;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = Chromium.Open(page, script, _dir).Report;
        clock.Stop();

        var pageScores = report.GetProperty("scores");
        Assert.Equal(test.Count, pageScores.GetArrayLength());
        double max = 0;
        int different = 0;
        for (int j = 0; j < test.Count; j++)
        {
            var expected = scoresOf(Enumerable.Range(0, outputs.RowCount).Select(i => double.CreateChecked(outputs[i, j])).ToArray());
            var actual = Doubles(pageScores[j]);
            max = Math.Max(max, expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max());
            if (ArgMax(expected) != ArgMax(actual)) different++;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{test.Count} images: max |score difference| {max:E2}, different winners {different}; page forward passes {report.GetProperty("ms").GetDouble() / 1000:F1} s, whole browser run {clock.Elapsed.TotalSeconds:F1} s"));
        Assert.Equal(0, different);
        Assert.InRange(max, 0, ScoreTolerance);
    }

    // A test digit as pen strokes on the 280×280 pad: each row's runs of dark pixels, as horizontal strokes (a one-pixel run is a dot).
    private static List<List<(double X, double Y)>> Trace(ReadOnlySpan<byte> image)
    {
        var strokes = new List<List<(double X, double Y)>>();
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++)
            {
                if (image[r * 28 + c] < 128 || (c > 0 && image[r * 28 + c - 1] >= 128)) continue;
                int end = c;
                while (end + 1 < 28 && image[r * 28 + end + 1] >= 128) end++;
                strokes.Add(end == c ? [(c * 10 + 5, r * 10 + 5)] : [(c * 10 + 5, r * 10 + 5), (end * 10 + 5, r * 10 + 5)]);
            }
        return strokes;
    }

    private static double[] Softmax<T>(Matrix<T> column) where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        Softmax(Enumerable.Range(0, column.RowCount).Select(i => double.CreateChecked(column[i, 0])).ToArray());

    private static double[] Softmax(double[] x)
    {
        double max = x.Max();
        var e = x.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
