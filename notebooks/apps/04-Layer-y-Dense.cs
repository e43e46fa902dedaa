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
using NotebookNet.Interactive;
using Fast = NotebookNet.Layers;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 04 · Capas Layer y Dense
//
// ## Lo que aprenderás
//
// - El contrato de una capa: el pase hacia adelante (`Forward`) y el pase hacia atrás (`Backward`).
// - A escribir en C# las clases `Layer` y `Dense` del documento, en pocas líneas que puedes cambiar y volver a ejecutar.
// - Cómo una capa densa calcula $W \cdot X + b$ y sus gradientes, y a comprobarlo con una derivada numérica.
// - Que la capa rápida de la biblioteca NotebookNet calcula exactamente lo mismo que la tuya.

// ── celda 2 ──
// Una matriz con cuatro decimales como mucho y punto decimal.
string Show(Matrix<double> m) => m.ToMatrixString("0.####", CultureInfo.InvariantCulture);

// La mayor diferencia, elemento a elemento, entre dos matrices de la misma forma.
double MaxDiff(Matrix<double> a, Matrix<double> b) => (a - b).Enumerate().Max(Math.Abs);

NotebookDisplay.Register();

// ── celda 3 ──
// Esta primera celda carga las bibliotecas. `Fast` es un alias de la biblioteca NotebookNet: así sus capas
// (`Fast.Dense<double>`, …) no se confunden con las que escribimos en este cuaderno (`Dense`).
//
// ## Capas Layer y Dense
// ### Clase `Layer`
//
// La clase `Layer` sirve como una clase base para todas las capas de una red neuronal. Contiene dos métodos
// esenciales, *forward* y *backward*, que deben ser implementados en las clases derivadas. Estos métodos representan
// el pase hacia adelante y el pase hacia atrás de la red.
//
// - **Pase hacia adelante (*forward pass*):** recibe una entrada de la capa anterior y calcula la salida para ser
//   enviada a la siguiente capa.
// - **Pase hacia atrás (*backward pass*):** recibe el gradiente de la salida (de la capa siguiente) y actualiza los
//   pesos u otros parámetros en base a la tasa de aprendizaje. También calcula el gradiente para la entrada, que se
//   propagará hacia atrás.
//
// **Atributos**
//
// - `Input`: los datos de entrada para la capa, almacenados durante el pase hacia adelante.
// - `Output`: la salida de la capa después del pase hacia adelante.
//
// En C#, con `Matrix<double>` de MathNet.Numerics en lugar de los arreglos de NumPy:

// ── celda 4 ──

// ── celda 5 ──
// ### Descripción
//
// La clase `Layer` es una clase base que define los métodos esenciales de una capa en una red neuronal. Incluye los
// métodos `Forward` y `Backward`, que son fundamentales para el entrenamiento de la red. Estos métodos deben ser
// implementados en las subclases derivadas de `Layer`: `virtual` permite que cada subclase los sustituya con
// `override`. Lo que en Python es `pass` (no hacer nada y devolver `None`) aquí es devolver `null`.
//
// ### Métodos
//
// - **`Forward(input)`**: define el pase hacia adelante en la red. Toma como entrada `input` y devuelve la salida
//   correspondiente de la capa. En la implementación base no realiza ninguna operación, ya que se espera que las
//   subclases lo definan.
// - **`Backward(outputGradient, learningRate)`**: define la retropropagación de la red. Recibe como parámetros el
//   gradiente de la salida (`outputGradient`) y la tasa de aprendizaje (`learningRate`). Actualiza los parámetros de
//   la capa en base a estos valores y devuelve el gradiente de la entrada.
//
// Las entradas son matrices en las que **cada columna es una muestra**: el vector columna de 784×1 del documento es
// una sola muestra. La biblioteca tiene la misma clase, `Fast.Layer<double>`; el parámetro `<double>` es el tipo de
// número (`double` es el `float64` de NumPy; la red convolucional del cuaderno 09 usa `float`, más rápido).
//
// * * *

// ── celda 6 ──
// ## Clase `Dense` (Capa Totalmente Conectada)
//
// El documento sortea los pesos con `np.random.randn`: números de una normal $N(0, 1)$, fila a fila. La biblioteca
// ofrece el mismo generador que NumPy (`Rng.Shared`, el MT19937 de NumPy con su `randn`), así que con la misma semilla
// salen los mismos números que en Python. Con él, `np.random.randn` en C# es `NumPy.Randn`, cinco líneas:

// ── celda 7 ──

// ── celda 8 ──
// Y la capa densa del documento, línea a línea: `np.dot(self.weights, self.input)` es `Weights * Input`, y
// `self.input.T` es `Input.Transpose()`:

// ── celda 9 ──

// ── celda 10 ──
// ### Descripción
//
// La clase `Dense` implementa una capa totalmente conectada, donde cada neurona de la capa está conectada a todas las
// neuronas de la capa anterior. Se utiliza tanto para aprender características complejas como para realizar
// predicciones.
//
// ### Atributos
//
// - **`Weights`**: matriz de pesos con dimensiones `(outputSize, inputSize)` inicializada aleatoriamente. Estos pesos
//   determinan la influencia de cada neurona de la capa anterior sobre las neuronas de la capa actual.
// - **`Bias`**: vector de sesgos con dimensiones `(outputSize, 1)`, también inicializado aleatoriamente. El sesgo se
//   suma a la salida de la multiplicación de los pesos y la entrada.
//
// ### Métodos
//
// **`Forward(input)`** realiza el pase hacia adelante multiplicando la entrada por los pesos y sumando el sesgo. La
// ecuación que describe esta operación es:
//
// $$
// \text{salida} = W \cdot X + b
// $$
//
// donde $W$ es la matriz de pesos, $X$ es el vector de entrada y $b$ es el vector de sesgos.
//
// **`Backward(outputGradient, learningRate)`** realiza la retropropagación: a partir del gradiente de la salida,
// $\partial L / \partial Y$ (`outputGradient`), calcula el gradiente de los pesos y el de la entrada, y actualiza los
// pesos y el sesgo con la tasa de aprendizaje $\eta$ (`learningRate`). Los gradientes se calculan así.
//
// Gradiente de los pesos (`weightsGradient`):
//
// $$
// \frac{\partial L}{\partial W} = \frac{\partial L}{\partial Y} \cdot X^T
// $$
//
// Gradiente del sesgo (el documento lo usa sin escribirlo: es el propio gradiente de la salida):
//
// $$
// \frac{\partial L}{\partial b} = \frac{\partial L}{\partial Y}
// $$
//
// Gradiente de la entrada (`inputGradient`), lo que la capa devuelve para la capa anterior:
//
// $$
// \frac{\partial L}{\partial X} = W^T \cdot \frac{\partial L}{\partial Y}
// $$
//
// Finalmente, los pesos y sesgos se actualizan con un paso de descenso de gradiente:
//
// $$
// W \leftarrow W - \eta \, \frac{\partial L}{\partial W}
// \qquad\qquad
// b \leftarrow b - \eta \, \frac{\partial L}{\partial b}
// $$
//
// Un detalle que el código respeta y conviene no romper: $\partial L / \partial X$ se calcula con los pesos
// **antes** de actualizarlos (la línea de `inputGradient` va antes de `Weights -= …`).
//
// ### Tu capa y la de la biblioteca
//
// La biblioteca NotebookNet tiene la misma capa, `Fast.Dense<double>`, escrita para ser rápida: multiplica con
// núcleos vectorizados en lugar del producto de MathNet, y acepta lotes de muchas columnas. Con la misma semilla
// sortea los mismos pesos; con la misma entrada y el mismo gradiente, las dos capas deben dar lo mismo. Lo
// comprobamos con una capa pequeña, de 3 entradas y 2 salidas, y un paso hacia atrás con tasa de aprendizaje 0.1:

// ── celda 11 ──
Rng.Shared.Seed(0);                          // np.random.seed(0)
var dense = new Dense(3, 2);                 // tu capa
Rng.Shared.Seed(0);
var fast = new Fast.Dense<double>(3, 2);     // la de la biblioteca, mismos números

var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, 0.5, -1.0 });
var outputGradient = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, -2.0 });

Console.WriteLine("W =\n" + Show(dense.Weights));
Console.WriteLine("b =\n" + Show(dense.Bias));
Console.WriteLine("Forward(x) = W·x + b =\n" + Show(dense.Forward(x)));

double weights = MaxDiff(dense.Weights, fast.Weights);
double forward = MaxDiff(dense.Forward(x), fast.Forward(x));
double input = MaxDiff(dense.Backward(outputGradient, 0.1),
                       fast.Backward(outputGradient, 0.1));
double step = Math.Max(MaxDiff(dense.Weights, fast.Weights),
                       MaxDiff(dense.Bias, fast.Bias));
Console.WriteLine("Diferencia máxima con la biblioteca:");
Console.WriteLine(Invariant($"  pesos iniciales: {weights:g2}"));
Console.WriteLine(Invariant($"  salida: {forward:g2}"));
Console.WriteLine(Invariant($"  gradiente de la entrada: {input:g2}"));
Console.WriteLine(Invariant($"  pesos y sesgo tras un paso: {step:g2}"));

// ── celda 12 ──
// Las diferencias son cero o del orden de $10^{-16}$, el redondeo de un `double`: las dos capas suman los mismos
// productos, a veces en otro orden. Por eso los cuadernos usan tu capa para entender y la de la biblioteca para los
// entrenamientos largos (el experimento del cuaderno 08, la red convolucional del cuaderno 09).
//
// ### La derivada numérica
//
// La prueba más convincente de que `Backward` está bien no necesita la biblioteca: la derivada calculada con la
// fórmula debe coincidir con la derivada **numérica**, la que se obtiene moviendo cada número un poco
// (diferencias centradas, $\frac{L(w + h) - L(w - h)}{2h}$). Tomamos $L = \sum_i g_i \, y_i$, cuya derivada respecto
// a la salida $y$ es justo el gradiente $g$ que pasamos a `Backward`. Con tasa de aprendizaje 1, lo que `Backward`
// resta a los pesos es exactamente $\partial L / \partial W$:

// ── celda 13 ──
Rng.Shared.Seed(1);
var layer = new Dense(3, 2);
double L() => layer.Forward(x).PointwiseMultiply(outputGradient).Enumerate().Sum();

// Derivada numérica de L respecto a cada elemento de m (una matriz de la que depende L).
Matrix<double> Numeric(Matrix<double> m)
{
    const double h = 1e-6;
    var result = Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount);
    for (int i = 0; i < m.RowCount; i++)
        for (int j = 0; j < m.ColumnCount; j++)
        {
            double v = m[i, j];
            m[i, j] = v + h; double plus = L();
            m[i, j] = v - h; double minus = L();
            m[i, j] = v;
            result[i, j] = (plus - minus) / (2 * h);
        }
    return result;
}

var numericWeights = Numeric(layer.Weights);
var numericInput = Numeric(x);
var weightsBefore = layer.Weights.Clone();
layer.Forward(x);
var inputGradient = layer.Backward(outputGradient, learningRate: 1.0);
var weightsGradient = weightsBefore - layer.Weights;   // lo que restó el paso

Console.WriteLine("∂L/∂W (Backward) =\n" + Show(weightsGradient));
Console.WriteLine("∂L/∂W (numérica) =\n" + Show(numericWeights));
double inWeights = MaxDiff(weightsGradient, numericWeights);
double inInput = MaxDiff(inputGradient, numericInput);
Console.WriteLine(Invariant($"Diferencia máxima en ∂L/∂W: {inWeights:g2}"));
Console.WriteLine(Invariant($"Diferencia máxima en ∂L/∂X: {inInput:g2}"));

// ── celda 14 ──
// Aquí la diferencia es mayor que en la comparación con la biblioteca: no es un error de `Backward`, sino el de la
// propia derivada numérica (dividir por $2h$ amplifica el redondeo). Lo importante es que las dos coinciden en todas
// las cifras que se muestran.
//
// ### Lotes: varias muestras a la vez
//
// La capa del documento procesa una muestra (una columna). La de la biblioteca acepta también un **lote**: una
// matriz de 3×4 (cuatro muestras en columnas) da una salida de 2×4, y cada columna es igual a procesar esa muestra
// sola con tu capa. Así entrena la red convolucional del cuaderno 09, muchas imágenes a la vez:

// ── celda 15 ──
Rng.Shared.Seed(2);
var mine = new Dense(3, 2);
Rng.Shared.Seed(2);
var batchLayer = new Fast.Dense<double>(3, 2);

var batch = Matrix<double>.Build.Dense(3, 4, (i, j) => Math.Sin(1 + i + 3 * j));
var batchOutput = batchLayer.Forward(batch);
double worst = Enumerable.Range(0, 4)
    .Max(j => MaxDiff(mine.Forward(batch.Column(j).ToColumnMatrix()),
                      batchOutput.Column(j).ToColumnMatrix()));
Console.WriteLine(Invariant($"Lote: {batch.RowCount}×{batch.ColumnCount}; ") +
    Invariant($"salida: {batchOutput.RowCount}×{batchOutput.ColumnCount}"));
Console.WriteLine(Invariant($"Diferencia máxima columna a columna: {worst:g2}"));

// ── celda 16 ──
// ## Prueba esto
//
// 1. **Rompe el orden.** En la celda de `Dense`, mueve la línea `var inputGradient = …` debajo de
//    `Weights -= learningRate * weightsGradient;`, ejecuta esa celda y después la de «Tu capa y la de la biblioteca».
//    ¿Qué diferencia cambia y cuál sigue igual?
//
//    <details>
//    <summary>Solución</summary>
//
//    El gradiente de la entrada deja de coincidir: la diferencia pasa del redondeo (cero o $10^{-16}$) a un número
//    visible, porque ahora se calcula con los pesos ya actualizados, $(W - \eta\,\partial L/\partial W)^T \cdot g$. La
//    salida y los pesos tras el paso siguen coincidiendo: el paso no depende de esa línea. Devuelve la línea a su
//    sitio y vuelve a ejecutar la celda.
//
//    </details>
//
// 2. **El tamaño de $h$.** En la celda de la derivada numérica, cambia `const double h = 1e-6;` por `1e-2` y después
//    por `1e-12`. ¿Qué pasa con las diferencias?
//
//    <details>
//    <summary>Solución</summary>
//
//    Con $h = 10^{-2}$ la diferencia en $\partial L/\partial W$ sigue siendo casi nula, porque $L$ es lineal en cada
//    peso y la fórmula centrada es exacta para una recta; con $h = 10^{-12}$ crece, porque $L(w + h) - L(w - h)$ resta
//    dos números casi iguales y el redondeo de un `double` (unos $10^{-16}$) dividido por $2h$ ya no es despreciable.
//    Con funciones curvas (como `Tanh`, en el cuaderno 05) un $h$ grande también falla: hay un término medio.
//
//    </details>
//
// 3. **Otra forma.** En la celda de la biblioteca, crea las dos capas con `(4, 3)` en lugar de `(3, 2)` y una
//    entrada `x` y un gradiente `outputGradient` de los tamaños que corresponden. ¿Qué error da si te equivocas de
//    tamaño?
//
//    <details>
//    <summary>Solución</summary>
//
//    `x` necesita 4 filas (`new[] { 1.0, 0.5, -1.0, 2.0 }`) y `outputGradient` 3 (`new[] { 1.0, -2.0, 0.5 }`). Con
//    otro tamaño tu capa falla dentro de MathNet al multiplicar matrices de formas incompatibles, y la de la
//    biblioteca con un mensaje que nombra la capa (`Dense(4→3)`) y las formas que esperaba y recibió.
//    Con los tamaños correctos las diferencias vuelven a ser cero o del orden de $10^{-16}$.
//
//    </details>

// ── celda 17 ──
// ---
//
// [← 03 · El conjunto de datos MNIST](03-Conjunto-MNIST.ipynb) | [Índice de la serie](README.md) | [05 · Activaciones →](05-Activaciones.ipynb)

NotebookNet.Interactive.NotebookApp.End();

// ── tipos declarados en las celdas ──
// Clase base de todas las capas: guarda su entrada y su salida y define los dos pases.
public class Layer
{
    public Matrix<double> Input { get; set; }
    public Matrix<double> Output { get; set; }

    // Pase hacia adelante: calcula la salida a partir de la entrada.
    public virtual Matrix<double> Forward(Matrix<double> input) => null;

    // Pase hacia atrás: recibe ∂L/∂salida, actualiza los parámetros
    // y devuelve ∂L/∂entrada.
    public virtual Matrix<double> Backward(Matrix<double> outputGradient,
                                           double learningRate) => null;
}
// Lo que el documento usa de NumPy y MathNet no tiene.
public static class NumPy
{
    // np.random.randn(rows, columns): normales N(0, 1), sacadas fila a fila como NumPy.
    public static Matrix<double> Randn(int rows, int columns)
    {
        var m = Matrix<double>.Build.Dense(rows, columns);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) m[i, j] = Rng.Shared.NextGaussian();
        return m;
    }
}
// Capa totalmente conectada: salida = W · X + b.
public class Dense : Layer
{
    public Matrix<double> Weights;   // (outputSize, inputSize)
    public Matrix<double> Bias;      // (outputSize, 1)

    public Dense(int inputSize, int outputSize)
    {
        Weights = NumPy.Randn(outputSize, inputSize);
        Bias = NumPy.Randn(outputSize, 1);
    }

    public override Matrix<double> Forward(Matrix<double> input)
    {
        Input = input;
        return Weights * Input + Bias;
    }

    public override Matrix<double> Backward(Matrix<double> outputGradient,
                                            double learningRate)
    {
        var weightsGradient = outputGradient * Input.Transpose();
        var inputGradient = Weights.Transpose() * outputGradient;
        Weights -= learningRate * weightsGradient;
        Bias -= learningRate * outputGradient;
        return inputGradient;
    }
}
