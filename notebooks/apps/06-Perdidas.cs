// 06-Perdidas.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/06-Perdidas.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using XPlot.Plotly;
using NotebookNet;
using NotebookNet.Losses;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 06 · Funciones de pérdida
//
// ## Lo que aprenderás
//
// - Qué mide el error cuadrático medio (MSE) y cuál es su derivada.
// - Qué mide la entropía cruzada binaria y por qué la fórmula del documento falla con predicciones de exactamente 0 o 1.
// - A comprobar las derivadas con diferencias finitas y a comparar las dos pérdidas en una gráfica.

// ── celda 2 ──
Matrix<double> Column(params double[] values) => Matrix<double>.Build.DenseOfColumnArrays(values);

string Format(IEnumerable<double> values) =>
    "[" + string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";

// Derivada numérica (diferencias centradas) de una pérdida respecto a cada elemento de la predicción.
double[] NumericGradient(Func<Matrix<double>, Matrix<double>, double> loss, Matrix<double> yTrue, Matrix<double> yPred)
{
    const double h = 1e-6;
    var result = new double[yPred.RowCount];
    for (int i = 0; i < yPred.RowCount; i++)
    {
        var plus = yPred.Clone(); plus[i, 0] += h;
        var minus = yPred.Clone(); minus[i, 0] -= h;
        result[i] = (loss(yTrue, plus) - loss(yTrue, minus)) / (2 * h);
    }
    return result;
}

NotebookDisplay.Register();

// ── celda 3 ──
// ## Funciones de Pérdida y Derivadas
//
// Una función de pérdida mide cuánto se equivoca la red con una muestra: compara la salida esperada $y$ (el vector
// *one-hot* de la etiqueta) con la predicción $\hat{y}$. Para entrenar hace falta además su derivada respecto a
// $\hat{y}$, que es el primer gradiente que se propaga hacia atrás por las capas. En NotebookNet están en la clase
// estática `Loss`: `Loss.Mse`, `Loss.MsePrime`, `Loss.BinaryCrossEntropy` y `Loss.BinaryCrossEntropyPrime`.
//
// ### Función de Error Cuadrático Medio (MSE)
//
// Calcula el error cuadrático medio entre las predicciones y los valores verdaderos, promediando sobre los $n$
// elementos del vector:
//
// $$
// \text{MSE}(y, \hat{y}) = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2
// \qquad\qquad
// \frac{\partial\, \text{MSE}}{\partial \hat{y}_i} = \frac{2}{n} (\hat{y}_i - y_i)
// $$
//
// - `Mse(yTrue, yPred)` devuelve el error (un `double`).
// - `MsePrime(yTrue, yPred)` devuelve el gradiente, una matriz de la forma de la predicción.

// ── celda 4 ──
display(Source.Show("Losses/Mse.cs"));

// ── celda 5 ──
var yTrue = Column(0, 1, 0);
var yPred = Column(0.1, 0.8, 0.1);

Console.WriteLine(Invariant($"mse       = {Loss.Mse(yTrue, yPred):G6}"));
Console.WriteLine(Invariant($"a mano    = (0.01 + 0.04 + 0.01) / 3 = {(0.01 + 0.04 + 0.01) / 3:G6}"));
Console.WriteLine("mse_prime = " + Format(Loss.MsePrime(yTrue, yPred).Column(0)));
Console.WriteLine("numérica  = " + Format(NumericGradient(Loss.Mse, yTrue, yPred)));

// ── celda 6 ──
// ### Función de Entropía Cruzada Binaria
//
// Calcula la entropía cruzada binaria entre las predicciones y los valores verdaderos. Supone que cada $\hat{y}_i$ es
// una probabilidad en $(0, 1)$, como la salida de una `Sigmoid`:
//
// $$
// \text{BCE}(y, \hat{y}) = \frac{1}{n} \sum_{i=1}^{n} \Bigl[-y_i \log \hat{y}_i - (1 - y_i) \log(1 - \hat{y}_i)\Bigr]
// \qquad\qquad
// \frac{\partial\, \text{BCE}}{\partial \hat{y}_i} = \frac{1}{n} \left( \frac{1 - y_i}{1 - \hat{y}_i} - \frac{y_i}{\hat{y}_i} \right)
// $$
//
// **Corrección al documento.** Si una predicción vale exactamente 0 o 1 (una sigmoide saturada lo hace en coma
// flotante), el código original calcula $\log 0 = -\infty$ y $0 \cdot (-\infty) = \text{NaN}$, y la derivada divide
// por cero. NotebookNet recorta la predicción a $[\varepsilon, 1 - \varepsilon]$ con $\varepsilon = 10^{-7}$ antes del
// logaritmo, como hacen Keras y PyTorch.
//
// Tampoco es la pérdida adecuada para el problema de MNIST tal como está planteado: con 10 clases excluyentes y una
// salida softmax lo habitual es la **entropía cruzada categórica**, $-\sum_i y_i \log \hat{y}_i$. El documento define
// la BCE pero entrena con MSE; la red convolucional del cuaderno 09 usa la entropía cruzada categórica.

// ── celda 7 ──
display(Source.Show("Losses/BinaryCrossEntropy.cs"));

// ── celda 8 ──
var labels = Column(1, 0, 1);
var probabilities = Column(0.9, 0.2, 0.6);
Console.WriteLine(Invariant($"bce                        = {Loss.BinaryCrossEntropy(labels, probabilities):G6}"));
Console.WriteLine("bce_prime                  = " + Format(Loss.BinaryCrossEntropyPrime(labels, probabilities).Column(0)));
Console.WriteLine("numérica                   = " + Format(NumericGradient(Loss.BinaryCrossEntropy, labels, probabilities)));

// Predicciones exactamente 0 y 1: la fórmula del documento, tal cual, frente a la de NotebookNet
var saturated = Column(1, 0, 0);
double[] y = { 1, 0, 1 }, p = { 1, 0, 0 };
double naive = Enumerable.Range(0, 3).Average(i => -y[i] * Math.Log(p[i]) - (1 - y[i]) * Math.Log(1 - p[i]));
Console.WriteLine(Invariant($"fórmula del documento (ŷ = [1, 0, 0]) = {naive}"));
Console.WriteLine(Invariant($"Loss.BinaryCrossEntropy (ŷ recortado) = {Loss.BinaryCrossEntropy(labels, saturated):G6}"));

// ── celda 9 ──
// Para una etiqueta $y = 1$, las dos pérdidas en función de la predicción $\hat{y}$: el MSE penaliza como mucho con 1
// un error total, mientras que la entropía cruzada crece sin límite cuando la red está segura y se equivoca
// ($\hat{y} \to 0$). Por eso la entropía cruzada da gradientes más fuertes en los errores graves.

// ── celda 10 ──
var ps = Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray();
var one = Column(1);
var chart = Chart.Plot(new[]
{
    new Scatter { x = ps, y = ps.Select(q => Loss.Mse(one, Column(q))).ToArray(),
                  name = "MSE: (1 − ŷ)²", mode = "lines" },
    new Scatter { x = ps, y = ps.Select(q => Loss.BinaryCrossEntropy(one, Column(q))).ToArray(),
                  name = "BCE: −log ŷ", mode = "lines" },
});
chart.WithTitle("Pérdida para una etiqueta y = 1");
chart.WithXTitle("predicción ŷ");
chart.WithYTitle("pérdida");
display(chart);

// ── celda 11 ──
// ---
//
// [← 05 · Activaciones](05-Activaciones.ipynb) | [Índice de la serie](README.md) | [07 · Predicción y entrenamiento →](07-Prediccion-y-Entrenamiento.ipynb)

NotebookNet.Interactive.NotebookApp.End();
