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
using NotebookNet.Interactive;
using Fast = NotebookNet.Losses;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 06 · Funciones de pérdida
//
// ## Lo que aprenderás
//
// - Qué mide el error cuadrático medio (MSE) y cuál es su derivada, escritos en C# como en el documento.
// - Qué mide la entropía cruzada binaria y por qué la fórmula del documento falla con predicciones de exactamente 0 o 1.
// - A comprobar las derivadas con diferencias finitas y contra la biblioteca, y a comparar las dos pérdidas en una
//   gráfica.

// ── celda 2 ──
// Un vector columna con los valores dados.
Matrix<double> Column(params double[] values) =>
    Matrix<double>.Build.DenseOfColumnArrays(values);

// Una lista de números con seis cifras significativas y punto decimal: [0.5, -1, 2].
string Format(IEnumerable<double> values) => "[" + string.Join(", ",
    values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";

// La mayor diferencia, elemento a elemento, entre dos matrices de la misma forma.
double MaxDiff(Matrix<double> a, Matrix<double> b) => (a - b).Enumerate().Max(Math.Abs);

// Tu pérdida y tu derivada frente a las de la biblioteca, con los mismos datos.
void CompareWithLibrary(double loss, double fastLoss, Matrix<double> prime,
                        Matrix<double> fastPrime)
{
    double lossDifference = Math.Abs(loss - fastLoss);
    double primeDifference = MaxDiff(prime, fastPrime);
    Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca: ") +
        Invariant($"pérdida {lossDifference:g2}, gradiente {primeDifference:g2}"));
}

// Derivada numérica (diferencias centradas) de una pérdida respecto a cada predicción.
Matrix<double> NumericGradient(Func<Matrix<double>, Matrix<double>, double> loss,
                               Matrix<double> yTrue, Matrix<double> yPred)
{
    const double h = 1e-6;
    var result = Matrix<double>.Build.Dense(yPred.RowCount, 1);
    for (int i = 0; i < yPred.RowCount; i++)
    {
        var plus = yPred.Clone(); plus[i, 0] += h;
        var minus = yPred.Clone(); minus[i, 0] -= h;
        result[i, 0] = (loss(yTrue, plus) - loss(yTrue, minus)) / (2 * h);
    }
    return result;
}

NotebookDisplay.Register();

// ── celda 3 ──
// ## Funciones de Pérdida y Derivadas
//
// Una función de pérdida mide cuánto se equivoca la red con una muestra: compara la salida esperada $y$ (el vector
// *one-hot* de la etiqueta) con la predicción $\hat{y}$. Para entrenar hace falta además su derivada respecto a
// $\hat{y}$, que es el primer gradiente que se propaga hacia atrás por las capas. En el documento son funciones
// sueltas, no clases; en C# también: cada una es un método de una línea.
//
// ### Función de Error Cuadrático Medio (MSE)
//
// Calcula el error cuadrático medio entre las predicciones y los valores verdaderos, promediando sobre los $n$
// elementos del vector, y su derivada respecto a cada predicción:
//
// $$
// \text{MSE}(y, \hat{y}) = \frac{1}{n} \sum_{i=1}^{n} (y_i - \hat{y}_i)^2
// \qquad\qquad
// \frac{\partial\, \text{MSE}}{\partial \hat{y}_i} = \frac{2}{n} (\hat{y}_i - y_i)
// $$
//
// `np.power(a, 2)` es `PointwisePower(2)`, `np.mean` es la media de todos los elementos, `Enumerate().Average()`, y
// `np.size` es el número de elementos, filas por columnas:

// ── celda 4 ──
// Calcula el error cuadrático medio entre las predicciones y los valores verdaderos.
//   yTrue: valores verdaderos; yPred: predicciones del modelo.
//   Devuelve: el error cuadrático medio (un número).
double Mse(Matrix<double> yTrue, Matrix<double> yPred) =>
    (yTrue - yPred).PointwisePower(2).Enumerate().Average();

// Calcula la derivada del error cuadrático medio respecto a las predicciones.
//   Devuelve: el gradiente, una matriz de la forma de yPred.
Matrix<double> MsePrime(Matrix<double> yTrue, Matrix<double> yPred) =>
    2 * (yPred - yTrue) / (yTrue.RowCount * yTrue.ColumnCount);

// ── celda 5 ──
// Con tres valores podemos hacer la cuenta a mano, comparar la derivada con la numérica y con las funciones de la
// biblioteca (`Fast.Loss.Mse` y `Fast.Loss.MsePrime`):

// ── celda 6 ──
var yTrue = Column(0, 1, 0);
var yPred = Column(0.1, 0.8, 0.1);

Console.WriteLine(Invariant($"Mse       = {Mse(yTrue, yPred):G6}"));
double byHand = (0.01 + 0.04 + 0.01) / 3;
Console.WriteLine(Invariant($"a mano    = (0.01 + 0.04 + 0.01) / 3 = {byHand:G6}"));
Console.WriteLine("MsePrime  = " + Format(MsePrime(yTrue, yPred).Column(0)));
Console.WriteLine("numérica  = " + Format(NumericGradient(Mse, yTrue, yPred).Column(0)));

CompareWithLibrary(Mse(yTrue, yPred), Fast.Loss.Mse(yTrue, yPred),
                   MsePrime(yTrue, yPred), Fast.Loss.MsePrime(yTrue, yPred));

// ── celda 7 ──
// ### Función de Entropía Cruzada Binaria
//
// Calcula la entropía cruzada binaria entre las predicciones y los valores verdaderos. Supone que cada $\hat{y}_i$ es
// una probabilidad en $(0, 1)$, como la salida de una `Sigmoid`:
//
// $$
// \text{BCE}(y, \hat{y}) = \frac{1}{n} \sum_{i=1}^{n} \Bigl[-y_i \log \hat{y}_i - (1 - y_i) \log(1 - \hat{y}_i)\Bigr]
// $$
//
// $$
// \frac{\partial\, \text{BCE}}{\partial \hat{y}_i} = \frac{1}{n} \left( \frac{1 - y_i}{1 - \hat{y}_i} - \frac{y_i}{\hat{y}_i} \right)
// $$
//
// `np.log` es `PointwiseLog()`, la división elemento a elemento es `PointwiseDivide`, y `1 - y` resta cada elemento de
// 1, como en NumPy:

// ── celda 8 ──
// Calcula la entropía cruzada binaria entre las predicciones y los valores verdaderos.
//   yTrue: valores verdaderos (0 o 1); yPred: predicciones del modelo, en (0, 1).
//   Devuelve: la entropía cruzada binaria (un número).
double BinaryCrossEntropy(Matrix<double> yTrue, Matrix<double> yPred) =>
    (-yTrue.PointwiseMultiply(yPred.PointwiseLog())
     - (1 - yTrue).PointwiseMultiply((1 - yPred).PointwiseLog())).Enumerate().Average();

// Calcula la derivada de la entropía cruzada binaria respecto a las predicciones.
//   Devuelve: el gradiente, una matriz de la forma de yPred.
Matrix<double> BinaryCrossEntropyPrime(Matrix<double> yTrue, Matrix<double> yPred) =>
    ((1 - yTrue).PointwiseDivide(1 - yPred) - yTrue.PointwiseDivide(yPred))
    / (yTrue.RowCount * yTrue.ColumnCount);

// ── celda 9 ──
var labels = Column(1, 0, 1);
var probabilities = Column(0.9, 0.2, 0.6);

double bce = BinaryCrossEntropy(labels, probabilities);
Console.WriteLine(Invariant($"BinaryCrossEntropy      = {bce:G6}"));
Console.WriteLine("BinaryCrossEntropyPrime = " +
    Format(BinaryCrossEntropyPrime(labels, probabilities).Column(0)));
Console.WriteLine("numérica                = " +
    Format(NumericGradient(BinaryCrossEntropy, labels, probabilities).Column(0)));

CompareWithLibrary(bce, Fast.Loss.BinaryCrossEntropy(labels, probabilities),
                   BinaryCrossEntropyPrime(labels, probabilities),
                   Fast.Loss.BinaryCrossEntropyPrime(labels, probabilities));

// ── celda 10 ──
// **Corrección al documento.** Si una predicción vale exactamente 0 o 1 (una sigmoide saturada lo hace en coma
// flotante), la fórmula calcula $\log 0 = -\infty$ y $0 \cdot (-\infty) = \text{NaN}$, y la derivada divide por
// cero. La biblioteca recorta la predicción a $[\varepsilon, 1 - \varepsilon]$ con $\varepsilon = 10^{-7}$ antes del
// logaritmo, como hacen Keras y PyTorch. Con las predicciones $[1, 0, 0]$, la tercera totalmente segura y equivocada:

// ── celda 11 ──
var saturated = Column(1, 0, 0);
double yours = BinaryCrossEntropy(labels, saturated);
Console.WriteLine(Invariant($"tu BinaryCrossEntropy      = {yours}"));
Console.WriteLine("tu BinaryCrossEntropyPrime = " +
    Format(BinaryCrossEntropyPrime(labels, saturated).Column(0)));
Console.WriteLine(Invariant($"la de la biblioteca        = ") +
    Invariant($"{Fast.Loss.BinaryCrossEntropy(labels, saturated):G6}"));
Console.WriteLine("su derivada                = " +
    Format(Fast.Loss.BinaryCrossEntropyPrime(labels, saturated).Column(0)));

// ── celda 12 ──
// Tu versión da `NaN` (*not a number*): un solo `NaN` en la pérdida lo contamina todo, y el entrenamiento no se
// recupera. La de la biblioteca da una pérdida grande pero finita, la que merece un error tan seguro.
//
// Tampoco es la pérdida adecuada para el problema de MNIST tal como está planteado: con 10 clases excluyentes y una
// salida softmax lo habitual es la **entropía cruzada categórica**, $-\sum_i y_i \log \hat{y}_i$. El documento define
// la BCE pero entrena con MSE; la red convolucional del cuaderno 09 usa la entropía cruzada categórica.
//
// Para una etiqueta $y = 1$, las dos pérdidas en función de la predicción $\hat{y}$: el MSE penaliza como mucho con 1
// un error total, mientras que la entropía cruzada crece sin límite cuando la red está segura y se equivoca
// ($\hat{y} \to 0$). Por eso la entropía cruzada da gradientes más fuertes en los errores graves.

// ── celda 13 ──
var ps = Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray();
var one = Column(1);
var chart = Chart.Plot(new[]
{
    new Scatter { x = ps, y = ps.Select(q => Mse(one, Column(q))).ToArray(),
                  name = "MSE: (1 − ŷ)²", mode = "lines" },
    new Scatter { x = ps,
                  y = ps.Select(q => BinaryCrossEntropy(one, Column(q))).ToArray(),
                  name = "BCE: −log ŷ", mode = "lines" },
});
chart.WithTitle("Pérdida para una etiqueta y = 1");
chart.WithXTitle("predicción ŷ");
chart.WithYTitle("pérdida");
display(chart);

// ── celda 14 ──
// ## Prueba esto
//
// 1. **Recorta como la biblioteca.** Cambia tus dos funciones de entropía cruzada para que recorten `yPred` a
//    $[10^{-7}, 1 - 10^{-7}]$ antes de calcular, ejecuta su celda y vuelve a ejecutar la celda de las predicciones
//    $[1, 0, 0]$. ¿Qué dan ahora?
//
//    <details>
//    <summary>Solución</summary>
//
//    Añade al principio de cada función una predicción recortada y úsala en lugar de `yPred`, por ejemplo:
//
//    ```csharp
//    double BinaryCrossEntropy(Matrix<double> yTrue, Matrix<double> yPred)
//    {
//        var p = yPred.Map(v => Math.Clamp(v, 1e-7, 1 - 1e-7));
//        return (-yTrue.PointwiseMultiply(p.PointwiseLog())
//                - (1 - yTrue).PointwiseMultiply((1 - p).PointwiseLog())).Enumerate().Average();
//    }
//    ```
//
//    y lo mismo en `BinaryCrossEntropyPrime`. Tu pérdida y tu derivada dan ahora los mismos números finitos que la
//    biblioteca, y la comparación con las probabilidades $[0.9, 0.2, 0.6]$ no cambia (no había nada que recortar).
//
//    </details>
//
// 2. **¿Quién empuja más?** Para una etiqueta $y = 1$ y una predicción muy equivocada, $\hat{y} = 0.01$, calcula
//    `MsePrime(Column(1), Column(0.01))` y `BinaryCrossEntropyPrime(Column(1), Column(0.01))`. ¿Cuál es mayor, y qué
//    significa para el entrenamiento?
//
//    <details>
//    <summary>Solución</summary>
//
//    El MSE da $2 (0.01 - 1) = -1.98$; la entropía cruzada, $-1 / 0.01 = -100$, unas cincuenta veces más. El primer
//    gradiente que se propaga hacia atrás es mucho más fuerte con la entropía cruzada justo cuando la red se equivoca
//    con seguridad, y por eso aprende antes de esos errores.
//
//    </details>
//
// 3. **Sin dividir por $n$.** Quita `/ (yTrue.RowCount * yTrue.ColumnCount)` de `MsePrime`, ejecuta la celda y
//    vuelve a ejecutar la comparación del MSE. ¿Qué dice la derivada numérica?
//
//    <details>
//    <summary>Solución</summary>
//
//    Tu `MsePrime` da ahora tres veces la derivada numérica (hay $n = 3$ elementos) y la diferencia con la biblioteca
//    deja de ser nula: la derivada tiene que corresponder a la pérdida que se usa, y `Mse` sí divide por $n$. Es un
//    error fácil de cometer que la derivada numérica descubre en un segundo.
//
//    </details>

// ── celda 15 ──
// ---
//
// [← 05 · Activaciones](05-Activaciones.ipynb) | [Índice de la serie](README.md) | [07 · Predicción y entrenamiento →](07-Prediccion-y-Entrenamiento.ipynb)

NotebookNet.Interactive.NotebookApp.End();
