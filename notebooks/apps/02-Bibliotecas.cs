// 02-Bibliotecas.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/02-Bibliotecas.cs
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
using NotebookNet.Data;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 02 · Bibliotecas utilizadas
//
// ## Lo que aprenderás
//
// - Qué biblioteca de .NET ocupa el lugar de cada biblioteca de Python del documento (NumPy, TensorFlow, Keras).
// - Cómo se «instalan» paquetes en un cuaderno C#: con `#r "nuget: …"` y versiones fijadas.
// - Las operaciones de NumPy que usa el tutorial, escritas con `Matrix<double>` de MathNet.Numerics.
// - Cómo dibujar una gráfica con XPlot.Plotly y qué aporta la biblioteca compañera NotebookNet.

// ── celda 2 ──
// ## Bibliotecas Utilizadas
//
// | En el documento (Python) | En esta serie (C#) | Para qué |
// | --- | --- | --- |
// | NumPy | **MathNet.Numerics** 5.0.0 | matrices, productos, traspuestas |
// | Jupyter (núcleo IPython) | **.NET Interactive** (Polyglot Notebooks) | ejecutar los cuadernos |
// | TensorFlow / Keras (`mnist.load_data`, `to_categorical`) | **NotebookNet** (`Mnist.Load`, `Preprocessing.ToCategorical`) | datos y utilidades |
// | `print` de números | **XPlot.Plotly** y la vista de NotebookNet | gráficas y tablas en el cuaderno |
//
// ### Instalación de bibliotecas
//
// El documento instala sus dependencias con `pip install numpy tensorflow keras np_utils` (el paquete `np_utils` no
// hace falta: el código importa en realidad `tensorflow.keras.utils` con ese alias). En un cuaderno C# los paquetes
// NuGet se referencian con la directiva `#r "nuget: Paquete, versión"` y .NET Interactive los descarga y carga al
// ejecutar la celda. Fijamos las versiones para que el cuaderno dé siempre el mismo resultado.
//
// La biblioteca compañera **NotebookNet** no es un paquete NuGet: es código de este repositorio. Se compila una vez en
// modo Release desde la raíz del repositorio (`dotnet build NotebookNet.sln -c Release`) y se referencia con `#r` y la
// ruta de la DLL, relativa a la carpeta `notebooks/`. Esta es la celda con la que empiezan todos los cuadernos:

// ── celda 3 ──
NotebookDisplay.Register();

// ── celda 4 ──
// ### NumPy → MathNet.Numerics
//
// ![MathNet.Numerics](../img/mathnet-numerics-badge.svg)
//
// NumPy es una biblioteca fundamental para la computación científica en Python. Proporciona soporte para arreglos
// multidimensionales, matrices y una amplia variedad de funciones matemáticas de alto nivel para operar en estos
// arreglos. En .NET, **MathNet.Numerics** cumple ese papel: su tipo `Matrix<double>` ofrece productos de matrices,
// traspuestas, operaciones elemento a elemento y normas. Es el tipo con el que trabajan todas las capas de NotebookNet.
//
// Equivalencias de las operaciones que usa el tutorial:
//
// | NumPy | MathNet.Numerics |
// | --- | --- |
// | `np.dot(W, x)` | `W * x` |
// | `W.T` | `W.Transpose()` |
// | `np.multiply(a, b)` | `a.PointwiseMultiply(b)` |
// | `np.tanh(x)`, `np.exp(x)` | `x.PointwiseTanh()`, `x.PointwiseExp()` |
// | `np.random.randn(m, n)` | `NumPy.Randn(m, n)`, cinco líneas sobre `Rng.Shared` (misma secuencia que NumPy; cuaderno 04) |
// | `np.mean((a - b) ** 2)` | `(a - b).PointwisePower(2).Enumerate().Average()` |
//
// Una diferencia importante: MathNet guarda las matrices **por columnas** (como Fortran), NumPy por filas. Por eso en
// NotebookNet cada muestra es una **columna** y sus valores quedan contiguos en memoria.
//
// #### Importación:
//
// En C# no se «importa» un módulo con alias: basta con `using MathNet.Numerics.LinearAlgebra;` (ya en la primera
// celda). Un ejemplo pequeño, la operación central de una capa densa, `W · x + b`:

// ── celda 5 ──
var W = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }); // 2×3
var x = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.0, 0.0, -1.0 }); // 3×1, columna
var b = Matrix<double>.Build.Dense(2, 1, 0.5);                              // 2×1

var y = W * x + b;   // np.dot(W, x) + b

string Show(Matrix<double> m) => m.ToMatrixString("0.##", CultureInfo.InvariantCulture);
Console.WriteLine("W =\n" + Show(W));
Console.WriteLine("x =\n" + Show(x));
Console.WriteLine("W · x + b =\n" + Show(y));
Console.WriteLine("Wᵀ =\n" + Show(W.Transpose()));
Console.WriteLine(Invariant($"Forma de W: ({W.RowCount}, {W.ColumnCount}); ") +
    Invariant($"forma de y: ({y.RowCount}, {y.ColumnCount})"));

// ── celda 6 ──
// ### TensorFlow → .NET Interactive y XPlot.Plotly
//
// ![.NET Interactive](../img/dotnet-interactive-badge.svg)
//
// TensorFlow es una biblioteca de código abierto desarrollada por Google para realizar cálculos numéricos y construir
// modelos de aprendizaje automático. Sin embargo, **el documento no la usa para calcular nada**: la instala solo para
// acceder a Keras (el conjunto MNIST y `to_categorical`). Todos sus cálculos los hace con NumPy, y aquí con
// MathNet.Numerics y los núcleos de NotebookNet.
//
// Lo que en el documento aporta el ecosistema Jupyter lo aporta aquí **.NET Interactive**: el motor que ejecuta celdas
// de C# en Visual Studio Code (extensión Polyglot Notebooks), en Jupyter (núcleo .NET) o sin interfaz gráfica con el
// ejecutor del proyecto.
//
// ![XPlot.Plotly](../img/xplot-plotly-badge.svg)
//
// Para ver los resultados en lugar de leer listas de números usamos **XPlot.Plotly**, que dibuja gráficas interactivas
// de Plotly desde C#. Por ejemplo, la función $y = x^2$:

// ── celda 7 ──
var xs = Enumerable.Range(-20, 41).Select(i => i / 10.0).ToArray();
var parabola = new Scatter
{
    x = xs, y = xs.Select(v => v * v).ToArray(), mode = "lines", name = "x²",
};
var chart = Chart.Plot(parabola);
chart.WithTitle("y = x²");
chart.WithXTitle("x");
chart.WithYTitle("y");
display(chart);

// ── celda 8 ──
// ### Keras → NotebookNet
//
// ![NotebookNet](../img/notebooknet-badge.svg)
//
// Keras es una biblioteca de redes neuronales de código abierto escrita en Python, capaz de ejecutarse sobre
// TensorFlow. El documento la usa solo para dos cosas: **cargar MNIST** (`mnist.load_data()`) y **codificar las
// etiquetas** (`to_categorical`). En esta serie las dos las ofrece la biblioteca compañera **NotebookNet**
// (carpeta `src/NotebookNet` del repositorio), que además contiene una versión rápida de las clases que el documento
// escribe a mano. Los cuadernos 04 a 07 escriben esas clases en C#, tal como las escribe el documento, y comprueban
// que la biblioteca calcula exactamente lo mismo; los entrenamientos largos (cuadernos 08 y 09) usan la biblioteca:
//
// | Documento | NotebookNet |
// | --- | --- |
// | `mnist.load_data()` | `Mnist.Load()` (lee los ficheros IDX de `data/mnist/`) |
// | `np_utils.to_categorical(y)` | `Preprocessing.ToCategorical(label, 10)` |
// | `preprocess_data(x, y, limit)` | `Preprocessing.PreprocessData(images, labels, limit)` |
// | `Layer`, `Dense`, `Activation`, `Tanh`, `Sigmoid`, `Softmax` | `Layer<T>`, `Dense<T>`, `Activation<T>`, `Tanh<T>`, `Sigmoid<T>`, `Softmax<T>` |
// | `mse`, `mse_prime`, `binary_cross_entropy`, … | `Loss.Mse`, `Loss.MsePrime`, `Loss.BinaryCrossEntropy`, … |
// | `predict`, `train` | `Tutorial.Predict`, `Tutorial.Train` |
// | `np.random` | `Rng` (el mismo generador que NumPy: misma semilla, mismos pesos) |
//
// El parámetro genérico `T` es `double` para la red del documento (NumPy usa `float64`) y `float` para la red
// convolucional, que así es más rápida. Un adelanto de `to_categorical`:

// ── celda 9 ──
var oneHot = Preprocessing.ToCategorical(3, 10);
var values = oneHot.Column(0).Select(v => v.ToString(CultureInfo.InvariantCulture));
display("to_categorical(3) = [" + string.Join(", ", values) + "]");

// ── celda 10 ──
// ---
//
// [← 01 · Introducción](01-Introduccion.ipynb) | [Índice de la serie](README.md) | [03 · El conjunto de datos MNIST →](03-Conjunto-MNIST.ipynb)

NotebookNet.Interactive.NotebookApp.End();
