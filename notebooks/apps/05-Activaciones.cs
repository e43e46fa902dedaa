// 05-Activaciones.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/05-Activaciones.cs
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
using NotebookNet.Layers;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 05 · Activaciones
//
// ## Lo que aprenderás
//
// - Cómo una capa de activación aplica una función no lineal elemento a elemento y cómo retropropaga su derivada.
// - Las funciones `Tanh` y `Sigmoid` y sus derivadas, dibujadas con XPlot.Plotly.
// - Por qué la `Softmax` del documento se desborda con entradas grandes y cómo se corrige (la versión estable).
// - Que la derivada de `Softmax` implementada coincide con el producto por su matriz jacobiana.

// ── celda 2 ──
// Dibuja varias funciones y = f(x) en una misma gráfica de XPlot.Plotly.
PlotlyChart PlotFunctions(string title, double[] xs, params (string Name, double[] Values)[] series)
{
    var chart = Chart.Plot(series.Select(s => new Scatter { x = xs, y = s.Values, name = s.Name, mode = "lines" }));
    chart.WithTitle(title);
    chart.WithXTitle("x");
    chart.WithYTitle("y");
    return chart;
}

string Format(IEnumerable<double> values) =>
    "[" + string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";

NotebookDisplay.Register();

// ── celda 3 ──
// ## Clase `Activation`

// ── celda 4 ──
display(Source.Show("Layers/Activation.cs"));

// ── celda 5 ──
// ### Descripción
//
// La clase `Activation<T>` representa una capa de activación en una red neuronal. Utiliza una función de activación
// dada y su derivada para aplicar transformaciones no lineales a la entrada durante el pase hacia adelante y hacia
// atrás. Sin estas no linealidades, dos capas densas seguidas equivaldrían a una sola capa densa.
//
// ### Métodos
//
// *   **`Forward(input)`**: realiza el pase hacia adelante aplicando la función de activación a cada elemento de la
//     entrada y guarda la entrada para su uso posterior en la retropropagación.
// *   **`Backward(outputGradient, learningRate)`**: realiza el pase hacia atrás multiplicando, elemento a elemento, el
//     gradiente de salida por la derivada de la función de activación evaluada en la entrada guardada:
//     $\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \odot f'(X)$. La tasa de aprendizaje no se usa:
//     una activación no tiene parámetros que aprender.
//
// Para dibujar una activación y su derivada basta con la propia capa: `Forward` sobre una columna de valores de $x$ da
// $f(x)$, y `Backward` con un gradiente de unos da $f'(x)$.

// ── celda 6 ──
var xs = Enumerable.Range(0, 201).Select(i => -5 + i * 0.05).ToArray();
var column = Matrix<double>.Build.Dense(xs.Length, 1, xs);
var ones = Matrix<double>.Build.Dense(xs.Length, 1, 1.0);

// f(x) y f'(x) calculadas por la propia capa
(double[] F, double[] Prime) Evaluate(Layer<double> activation)
{
    var f = activation.Forward(column).Column(0).ToArray();
    var prime = activation.Backward(ones).Column(0).ToArray();
    return (f, prime);
}

// ── celda 7 ──
// * * *
//
// ## Clase `Tanh`

// ── celda 8 ──
display(Source.Show("Layers/Tanh.cs"));

// ── celda 9 ──
// ### Descripción
//
// La clase `Tanh<T>` implementa la función de activación tangente hiperbólica y su derivada. Hereda de `Activation<T>`,
// especificando la función `tanh` y su derivada como los métodos de activación:
//
// $$
// \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}, \qquad \tanh'(x) = 1 - \tanh^2(x)
// $$
//
// Su salida está en $(-1, 1)$ y está centrada en cero. Fuera de $|x| \gtrsim 3$ la derivada es casi nula: la neurona
// está **saturada** y apenas aprende (por eso importa la escala de los pesos iniciales).
//
// ### Métodos
//
// No se agregan métodos adicionales más allá de los heredados de `Activation<T>`.

// ── celda 10 ──
var tanh = Evaluate(new Tanh<double>());
display(PlotFunctions("Tanh y su derivada", xs, ("tanh(x)", tanh.F), ("1 − tanh²(x)", tanh.Prime)));

// ── celda 11 ──
// * * *
//
// ## Clase `Sigmoid`

// ── celda 12 ──
display(Source.Show("Layers/Sigmoid.cs"));

// ── celda 13 ──
// ### Descripción
//
// La clase `Sigmoid<T>` implementa la función de activación sigmoide (logística) y su derivada. Al igual que `Tanh<T>`,
// hereda de `Activation<T>`:
//
// $$
// \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
// $$
//
// Su salida está en $(0, 1)$, por lo que se interpreta como una probabilidad; su derivada no pasa de $0.25$.
//
// ### Métodos
//
// No se agregan métodos adicionales más allá de los heredados de `Activation<T>`.

// ── celda 14 ──
var sigmoid = Evaluate(new Sigmoid<double>());
display(PlotFunctions("Sigmoid y su derivada", xs, ("σ(x)", sigmoid.F), ("σ(x)(1 − σ(x))", sigmoid.Prime)));

// ── celda 15 ──
// * * *
//
// ## Clase `Softmax`

// ── celda 16 ──
display(Source.Show("Layers/Softmax.cs"));

// ── celda 17 ──
// ### Descripción
//
// La clase `Softmax<T>` implementa la función softmax, comúnmente utilizada en la capa de salida de una red neuronal
// para problemas de clasificación multiclase. Convierte un vector de puntuaciones en probabilidades positivas que
// suman 1:
//
// $$
// \operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}} = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}, \qquad m = \max_j x_j
// $$
//
// **Corrección al documento.** El código original calcula `np.exp(input)` directamente. Con puntuaciones grandes,
// $e^{x}$ se desborda: en `float64`, $e^{710}$ ya es infinito, y $\infty / \infty$ da `NaN`. Restar el máximo
// $m$ no cambia el resultado (el factor $e^{-m}$ se cancela) y deja el mayor exponente en $e^{0} = 1$, así que no
// hay desbordamiento. La clase de NotebookNet hace exactamente eso. Además, la softmax del documento suma sobre
// *todo* el arreglo (`np.sum(tmp)`); la nuestra normaliza cada columna, para poder procesar lotes.
//
// ### Métodos
//
// *   **`Forward(input)`**: realiza el pase hacia adelante aplicando la función softmax a cada columna de la entrada y
//     guarda el resultado en `Output`.
// *   **`Backward(outputGradient, learningRate)`**: aplica la derivada de softmax al gradiente de salida. El documento
//     construye la jacobiana $J = (I - s^T) \circ s$, es decir $J_{ij} = s_i(\delta_{ij} - s_j)$, y calcula
//     $J \cdot g$ (una matriz de $n \times n$). NotebookNet calcula el mismo producto como
//     $s \circ (g - s^T g)$, sin construir la matriz: $O(n)$ en lugar de $O(n^2)$.
//
// La fórmula del documento, tal cual, con las puntuaciones $[1000, 1001, 1002]$, frente a la capa estable:

// ── celda 18 ──
double[] logits = { 1000, 1001, 1002 };

// np.exp(input) / np.sum(np.exp(input)), como en el documento
var exps = logits.Select(Math.Exp).ToArray();
var naive = exps.Select(e => e / exps.Sum()).ToArray();
Console.WriteLine("exp(x)                     = " + Format(exps));
Console.WriteLine("exp(x) / Σ exp(x)          = " + Format(naive));

var stable = new Softmax<double>().Forward(Matrix<double>.Build.Dense(3, 1, logits)).Column(0);
var shifted = new Softmax<double>().Forward(Matrix<double>.Build.Dense(3, 1, new double[] { 0, 1, 2 })).Column(0);
Console.WriteLine("Softmax<double>([1000, 1001, 1002]) = " + Format(stable));
Console.WriteLine("Softmax<double>([0, 1, 2])          = " + Format(shifted));
Console.WriteLine(Invariant($"Suma de probabilidades: {stable.Sum():R}"));

// ── celda 19 ──
// La versión ingenua da `Infinity` (∞) y luego `NaN`; la estable da las mismas probabilidades que para $[0, 1, 2]$, porque
// softmax no cambia al sumar una constante a todas las entradas.
//
// Comprobamos también el pase hacia atrás: el resultado de `Backward` coincide con el producto $J \cdot g$ por la
// jacobiana que construye el documento:

// ── celda 20 ──
var softmax = new Softmax<double>();
var s = softmax.Forward(Matrix<double>.Build.DenseOfColumnArrays(new[] { 0.5, -1.0, 2.0, 0.0 }));
var g = Matrix<double>.Build.DenseOfColumnArrays(new[] { 0.3, -0.1, 0.5, 0.2 });

// (np.identity(n) - output.T) * output: J[i, j] = s_i (δ_ij − s_j)
int n = s.RowCount;
var jacobian = Matrix<double>.Build.Dense(n, n, (i, j) => s[i, 0] * ((i == j ? 1 : 0) - s[j, 0]));

var fromLayer = softmax.Backward(g, learningRate: 0.1);
var fromJacobian = jacobian * g;
Console.WriteLine("Backward(g) = " + Format(fromLayer.Column(0)));
Console.WriteLine("J · g       = " + Format(fromJacobian.Column(0)));
Console.WriteLine(Invariant($"Diferencia máxima: {(fromLayer - fromJacobian).Enumerate().Max(Math.Abs):G2}"));

// ── celda 21 ──
// * * *
//
// ### Otra activación: `ReLU`
//
// El documento no la usa, pero la red convolucional del cuaderno 09 sí: $\operatorname{ReLU}(x) = \max(0, x)$, con
// derivada 1 para $x > 0$ y 0 en otro caso. No se satura para valores positivos y es muy barata de calcular.

// ── celda 22 ──
var relu = Evaluate(new ReLU<double>());
display(PlotFunctions("ReLU y su derivada", xs, ("max(0, x)", relu.F), ("derivada", relu.Prime)));

// ── celda 23 ──
// ---
//
// [← 04 · Capas Layer y Dense](04-Layer-y-Dense.ipynb) | [Índice de la serie](README.md) | [06 · Funciones de pérdida →](06-Perdidas.ipynb)

NotebookNet.Interactive.NotebookApp.End();
