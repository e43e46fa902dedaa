// 04-Layer-y-Dense.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/04-Layer-y-Dense.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet;
using NotebookNet.Layers;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 04 · Capas Layer y Dense
//
// ## Lo que aprenderás
//
// - El contrato de una capa: el pase hacia adelante (`Forward`) y el pase hacia atrás (`Backward`).
// - Cómo una capa densa calcula $W \cdot X + b$ y sus gradientes, con las ecuaciones del documento.
// - A comprobar numéricamente que el código hace lo que dicen las ecuaciones.

// ── celda 2 ──
string Show(Matrix<double> m) => m.ToMatrixString("0.####", CultureInfo.InvariantCulture);

NotebookDisplay.Register();

// ── celda 3 ──
// ## Capas Layer y Dense
// ### Clase `Layer`
//
// La clase `Layer` sirve como una clase base para todas las capas de una red neuronal. Contiene dos métodos
// esenciales, *forward* y *backward*, que deben ser implementados en las clases derivadas. Estos métodos representan
// el pase hacia adelante y el pase hacia atrás de la red.
//
// - **Pase hacia adelante (*forward pass*):** recibe una entrada de la capa anterior y calcula la salida para ser
//   enviada a la siguiente capa.
// - **Pase hacia atrás (*backward pass*):** recibe el gradiente de la salida (de la capa siguiente), calcula el
//   gradiente respecto a la entrada, que se propagará hacia atrás, y actualiza los pesos u otros parámetros en base a
//   la tasa de aprendizaje.
//
// **Atributos**
//
// - `Input`: los datos de entrada para la capa, almacenados durante el pase hacia adelante.
// - `Output`: la salida de la capa después del pase hacia adelante.
//
// Este es el código real de la clase en la biblioteca NotebookNet (no una copia):

// ── celda 4 ──
display(Source.Show("Layers/Layer.cs"));

// ── celda 5 ──
// ### Descripción
//
// La clase `Layer<T>` es una clase base que define los métodos esenciales de una capa en una red neuronal. El
// parámetro `T` es el tipo numérico: `double` (el `float64` de NumPy) para la red del documento y `float` para la red
// convolucional. Las entradas son matrices en las que **cada columna es una muestra**: el vector columna de 784×1 del
// documento es un lote de una sola muestra, y la misma capa acepta lotes de muchas columnas.
//
// ### Métodos
//
// *   **`Forward(input)`**: define el pase hacia adelante. Toma como entrada `input` y devuelve la salida
//     correspondiente de la capa. Es abstracto: cada subclase lo implementa.
// *   **`Backward(outputGradient, learningRate)`**: el método del documento. Recibe el gradiente de la salida y la tasa
//     de aprendizaje, devuelve el gradiente de la entrada y actualiza los parámetros con un paso de descenso de
//     gradiente, $p \leftarrow p - \eta \, \partial L / \partial p$.
// *   **`Backward(outputGradient)`** (añadido): solo calcula los gradientes y los deja en `Parameters`, sin tocar los
//     pesos. Separar «calcular el gradiente» de «aplicar el paso» permite usar optimizadores como SGD con momento o Adam
//     (cuaderno 09); el método del documento queda como el atajo de SGD simple.
//
// * * *

// ── celda 6 ──
// ## Clase `Dense` (Capa Totalmente Conectada)

// ── celda 7 ──
display(Source.Show("Layers/Dense.cs"));

// ── celda 8 ──
// ### Descripción
//
// La clase `Dense<T>` implementa una capa totalmente conectada, donde cada neurona de la capa está conectada a todas
// las neuronas de la capa anterior. Se utiliza tanto para aprender características complejas como para realizar
// predicciones. El código es la lectura directa de la ecuación $W \cdot X + b$; el producto de matrices lo hace
// `Blas.Gemm`, un núcleo vectorizado (SIMD) de la carpeta `Kernels/`, en lugar de `np.dot`.
//
// ### Atributos
//
// *   **`Weights`**: matriz de pesos con dimensiones `(outputSize, inputSize)`, inicializada aleatoriamente. Estos pesos
//     determinan la influencia de cada neurona de la capa anterior sobre las neuronas de la capa actual.
// *   **`Bias`**: vector de sesgos con dimensiones `(outputSize, 1)`, también inicializado aleatoriamente. El sesgo se
//     suma a la salida de la multiplicación de los pesos y la entrada.
//
// Como en el documento, por defecto ambos se sortean de una normal $N(0, 1)$ con la misma secuencia que
// `np.random.randn`. **Advertencia:** con 784 entradas, $N(0,1)$ produce sumas con desviación típica de decenas, que
// saturan `Tanh`; por eso existen `Init.GlorotUniform` (para `Tanh`/`Sigmoid`) e `Init.HeNormal` (para `ReLU`). En el
// experimento del cuaderno 08 mantenemos la inicialización del documento para reproducirlo fielmente.
//
// ### Métodos
//
// *   **`Forward(input)`**: realiza el pase hacia adelante multiplicando la entrada por los pesos y sumando el sesgo.
//     La ecuación que describe esta operación es:
//
// $$
// \begin{aligned}
//     \text{salida} = W \cdot X + b
// \end{aligned}
// $$
//
// Donde:
//
// *   $W$ es la matriz de pesos.
// *   $X$ es el vector de entrada (o una matriz con una muestra por columna).
// *   $b$ es el vector de sesgos.
//
// *   **`Backward(outputGradient, learningRate)`**: realiza la retropropagación, calculando el gradiente de los pesos y
//     el sesgo a partir del gradiente de la salida. Luego, actualiza los pesos y el sesgo con la tasa de aprendizaje.
//
//     Los gradientes se calculan de la siguiente manera:
//
//     *   **Gradiente de los pesos**:
//
// $$
// \begin{aligned}
//     \frac{\partial L}{\partial W} = \text{gradiente\_salida} \cdot X^T
// \end{aligned}
// $$
//
//     *   **Gradiente del sesgo** (el documento lo usa sin escribirlo; con varias muestras por lote es la suma de las
//         columnas):
//
// $$
// \begin{aligned}
//     \frac{\partial L}{\partial b} = \text{gradiente\_salida}
// \end{aligned}
// $$
//
//     *   **Gradiente de la entrada**:
//
// $$
// \begin{aligned}
//     \frac{\partial L}{\partial X} = W^T \cdot \text{gradiente\_salida}
// \end{aligned}
// $$
//
// Finalmente, los pesos y sesgos se actualizan con:
//
// $$
// \begin{aligned}
//     W = W - \text{tasa\_aprendizaje} \cdot \frac{\partial L}{\partial W}
// \end{aligned}
// $$
//
// $$
// \begin{aligned}
//     b = b - \text{tasa\_aprendizaje} \cdot \frac{\partial L}{\partial b}
// \end{aligned}
// $$
//
// Un detalle que el código del documento respeta y conviene no romper: $\partial L / \partial X$ se calcula con los
// pesos **antes** de actualizarlos.
//
// ### Comprobaciones
//
// Una capa pequeña, de 3 entradas y 2 salidas, con la semilla fijada. El pase hacia adelante coincide con
// `W * x + b` calculado directamente con MathNet:

// ── celda 9 ──
Rng.Shared.Seed(0);                                  // np.random.seed(0)
var dense = new Dense<double>(3, 2);                 // Dense(input_size=3, output_size=2)
var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, 0.5, -1.0 });

var output = dense.Forward(x);

Console.WriteLine("W =\n" + Show(dense.Weights));
Console.WriteLine("b =\n" + Show(dense.Bias));
Console.WriteLine("Forward(x) = W·x + b =\n" + Show(output));
var direct = dense.Weights * x + dense.Bias;
Console.WriteLine(Invariant($"‖Forward(x) − (W * x + b)‖ = {(output - direct).FrobeniusNorm():G2}"));

// ── celda 10 ──
// Un paso hacia atrás con un gradiente de salida cualquiera y tasa de aprendizaje 0.1 cumple las tres ecuaciones
// anteriores (las diferencias son del orden del redondeo de coma flotante):

// ── celda 11 ──
var outputGradient = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, -2.0 });
var weightsBefore = dense.Weights.Clone();
var biasBefore = dense.Bias.Clone();

var inputGradient = dense.Backward(outputGradient, learningRate: 0.1);

Console.WriteLine("∂L/∂X =\n" + Show(inputGradient));
var expectedInputGradient = weightsBefore.Transpose() * outputGradient;     // Wᵀ · g
var expectedWeights = weightsBefore - 0.1 * outputGradient * x.Transpose();   // W − η · g · Xᵀ
var expectedBias = biasBefore - 0.1 * outputGradient;                         // b − η · g
Console.WriteLine(Invariant($"‖∂L/∂X − Wᵀ·g‖             = {(inputGradient - expectedInputGradient).FrobeniusNorm():G2}"));
Console.WriteLine(Invariant($"‖W_nuevo − (W − 0.1·g·Xᵀ)‖ = {(dense.Weights - expectedWeights).FrobeniusNorm():G2}"));
Console.WriteLine(Invariant($"‖b_nuevo − (b − 0.1·g)‖    = {(dense.Bias - expectedBias).FrobeniusNorm():G2}"));

// ── celda 12 ──
// Y la prueba más convincente: la derivada calculada con la fórmula coincide con la derivada **numérica** (diferencias
// centradas). Tomamos $L = \sum_i g_i \, y_i$, cuya derivada respecto a la salida es justo $g$, y perturbamos cada peso:

// ── celda 13 ──
var layer = new Dense<double>(3, 2, rng: new Rng(1));
layer.Forward(x);
layer.Backward(outputGradient);                      // solo calcula gradientes; no cambia los pesos
var analytic = layer.Parameters[0].Gradient;         // ∂L/∂W = g · Xᵀ

double L() => layer.Forward(x).PointwiseMultiply(outputGradient).Enumerate().Sum();
const double h = 1e-6;
var numeric = Matrix<double>.Build.Dense(2, 3);
for (int i = 0; i < 2; i++)
    for (int j = 0; j < 3; j++)
    {
        double w = layer.Weights[i, j];
        layer.Weights[i, j] = w + h; double plus = L();
        layer.Weights[i, j] = w - h; double minus = L();
        layer.Weights[i, j] = w;
        numeric[i, j] = (plus - minus) / (2 * h);
    }

Console.WriteLine("∂L/∂W (fórmula) =\n" + Show(analytic));
Console.WriteLine("∂L/∂W (numérica) =\n" + Show(numeric));
Console.WriteLine(Invariant($"Diferencia máxima: {(analytic - numeric).Enumerate().Max(Math.Abs):G2}"));

// ── celda 14 ──
// Por último, la misma capa procesa un **lote**: una matriz de 3×4 (cuatro muestras en columnas) da una salida de 2×4,
// y cada columna es igual a procesar esa muestra sola:

// ── celda 15 ──
var uniform = new MathNet.Numerics.Distributions.ContinuousUniform(-1, 1, new System.Random(7));
var batch = Matrix<double>.Build.Random(3, 4, uniform);
var batchOutput = layer.Forward(batch);
double worst = Enumerable.Range(0, 4)
    .Max(j => (layer.Forward(batch.SubMatrix(0, 3, j, 1)) - batchOutput.SubMatrix(0, 2, j, 1)).FrobeniusNorm());
display(Invariant($"Salida del lote: {batchOutput.RowCount}×{batchOutput.ColumnCount}; ") +
    Invariant($"diferencia máxima con las muestras sueltas: {worst:G2}"));

// ── celda 16 ──
// ---
//
// [← 03 · El conjunto de datos MNIST](03-Conjunto-MNIST.ipynb) | [Índice de la serie](README.md) | [05 · Activaciones →](05-Activaciones.ipynb)

NotebookNet.Interactive.NotebookApp.End();
