// 07-Prediccion-y-Entrenamiento.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/07-Prediccion-y-Entrenamiento.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Interactive;
using static NotebookNet.Training.Tutorial;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 07 · Predicción y entrenamiento
//
// ## Lo que aprenderás
//
// - Cómo `Predict` encadena las capas y cómo `Train` aplica la retropropagación muestra a muestra.
// - A entrenar una red diminuta (la función XOR) y ver su curva de error.
// - Cómo `PreprocessData` convierte las imágenes de MNIST en vectores columna normalizados y las etiquetas en vectores
//   *one-hot*, y un fallo sutil de `to_categorical` que conviene evitar.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// ## Funciones de Predicción y Entrenamiento de Redes Neuronales
//
// En el documento una red es simplemente una **lista de capas**. Las dos funciones de esta sección están en la clase
// estática `NotebookNet.Training.Tutorial`; con `using static` se llaman igual que en Python: `Predict(network, x)`
// y `Train(network, …)`.

// ── celda 4 ──
// ### Función de Predicción (`predict`)
//
// Realiza una predicción utilizando una red neuronal dada: la salida de cada capa es la entrada de la siguiente.
//
// - **`network`**: lista de capas de la red neuronal.
// - **`input`**: entrada para la predicción (una columna por muestra).
// - **Devuelve**: la salida de la red neuronal después de aplicar todas las capas.
//
// Su código real en NotebookNet:

// ── celda 5 ──
display(Source.Show("Training/Tutorial.cs", "Predict"));

// ── celda 6 ──
Rng.Shared.Seed(0);
var network = new List<Layer<double>>
{
    new Dense<double>(2, 3),
    new Tanh<double>(),
    new Dense<double>(3, 1),
    new Tanh<double>(),
};

var input = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, 0.0 });
var prediction = Predict(network, input);
display(Invariant($"Predict(network, [1, 0]) = {prediction[0, 0]:F4}"));

// ── celda 7 ──
// ### Función de Entrenamiento (`train`)
//
// Entrena una red neuronal utilizando el algoritmo de retropropagación. En cada época recorre todas las muestras y,
// para cada una:
//
// 1. **forward**: calcula la salida con `Predict`;
// 2. **error**: acumula la pérdida `loss(y, output)`;
// 3. **backward**: calcula `grad = lossPrime(y, output)` y lo pasa por las capas en orden inverso con
//    `layer.Backward(grad, learningRate)`, que actualiza los pesos en el acto (descenso de gradiente estocástico con
//    lotes de una muestra).
//
// Argumentos: `network`, `loss`, `lossPrime`, `xTrain`, `yTrain`, `epochs` (por defecto 1000), `learningRate`
// (por defecto 0.01) y `verbose` (por defecto `true`, imprime `1/100, error=…` en cada época).
//
// **Diferencias con el documento.** La función del documento devuelve `None`; la nuestra devuelve el error medio de
// cada época (un `double[]`) para poder dibujarlo. Además acepta `log` (dónde escribir las líneas, por defecto la
// consola) y `onEpoch` (una función a la que avisa tras cada época, útil para una gráfica en vivo). Las muestras se
// recorren siempre en el mismo orden, como en el documento (no se barajan). Su código real:

// ── celda 8 ──
display(Source.Show("Training/Tutorial.cs", "Train"));

// ── celda 9 ──
// El clásico problema XOR, que ninguna red sin capa oculta puede resolver, se aprende en una fracción de segundo:

// ── celda 10 ──
var xs = new[] { (0, 0), (0, 1), (1, 0), (1, 1) }
    .Select(p => Matrix<double>.Build.DenseOfColumnArrays(new double[] { p.Item1, p.Item2 }))
    .ToArray();
var ys = new[] { 0.0, 1.0, 1.0, 0.0 }.Select(v => Matrix<double>.Build.Dense(1, 1, v)).ToArray();

Rng.Shared.Seed(0);
var xor = new List<Layer<double>>
{
    new Dense<double>(2, 3), new Tanh<double>(), new Dense<double>(3, 1), new Tanh<double>(),
};

// Las cinco primeras épocas, con la salida del documento...
Train(xor, Loss.Mse, Loss.MsePrime, xs, ys, epochs: 5, learningRate: 0.1, verbose: true);
// ...y 995 más en silencio, guardando el error de cada época.
var errors = Train(xor, Loss.Mse, Loss.MsePrime, xs, ys, epochs: 995, learningRate: 0.1, verbose: false);
display(Charts.Errors(errors));

// ── celda 11 ──
foreach (var (x, y) in xs.Zip(ys))
    Console.WriteLine(Invariant($"XOR({x[0, 0]}, {x[1, 0]}) = {y[0, 0]}   predicción: {Predict(xor, x)[0, 0]:F3}"));

// ── celda 12 ──
// ### Función de Preprocesamiento de Datos (`preprocess_data`)
//
// Preprocesa los datos de MNIST, transformando las imágenes y las etiquetas para su uso en la red neuronal:
//
// - **`x`**: imágenes (bytes de 0 a 255); cada una se aplana en un vector columna de $28 \cdot 28 = 784$ valores y se
//   divide por 255 para dejarla en $[0, 1]$ (como el documento, la división se hace en `float32`).
// - **`y`**: etiquetas (números del 0 al 9); cada una se codifica en un vector columna *one-hot* de tamaño 10.
// - **`limit`**: número de muestras a preprocesar (las primeras).
// - **Devuelve**: dos arreglos de matrices, entradas y etiquetas codificadas.

// ── celda 13 ──
display(Source.Show("Data/Preprocessing.cs"));

// ── celda 14 ──
var ((trainImages, trainLabels), _) = Mnist.Load();
var (x5, y5) = Preprocessing.PreprocessData(trainImages, trainLabels, 5);

Console.WriteLine(Invariant($"x: {x5.Length} matrices de {x5[0].RowCount}×{x5[0].ColumnCount}, ") +
    Invariant($"valores en [{x5[0].Enumerate().Min()}, {x5[0].Enumerate().Max()}]"));
Console.WriteLine(Invariant($"y: {y5.Length} matrices de {y5[0].RowCount}×{y5[0].ColumnCount}"));
for (int i = 0; i < y5.Length; i++)
{
    var digits = y5[i].Column(0).Select(v => v.ToString(CultureInfo.InvariantCulture));
    Console.WriteLine(Invariant($"  etiqueta {trainLabels[i]} → [") + string.Join(", ", digits) + "]");
}

// ── celda 15 ──
// **Corrección al documento: `to_categorical` sin número de clases.** El documento llama a
// `np_utils.to_categorical(y)` sin indicar cuántas clases hay, y Keras las deduce como `max(y) + 1`. Con el MNIST
// completo funciona por casualidad (aparece el 9), pero con un subconjunto que no contenga nueves produciría vectores de
// 9 valores y el `reshape(…, 10, 1)` siguiente fallaría. Además, `preprocess_data` codifica las 60 000 etiquetas antes de
// quedarse con las `limit` primeras. `Preprocessing.ToCategorical(label, numClasses)` fija el número de clases (10 por
// defecto), `PreprocessData` solo procesa las muestras que devuelve, y una etiqueta fuera de rango da un error claro:

// ── celda 16 ──
try
{
    Preprocessing.ToCategorical(12);
}
catch (ArgumentOutOfRangeException e)
{
    Console.WriteLine(e.Message);
}

// ── celda 17 ──
// ---
//
// [← 06 · Funciones de pérdida](06-Perdidas.ipynb) | [Índice de la serie](README.md) | [08 · Experimento con MNIST →](08-Experimento-MNIST.ipynb)

NotebookNet.Interactive.NotebookApp.End();
